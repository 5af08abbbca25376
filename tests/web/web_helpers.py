"""Shared set-up: the hand-made fixture zone (tests/fixtures.py) loaded, and one user per role."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.core.cache import cache

from fixtures import AGENCY, CO_A, CO_B, valid_tables, write_dataset
from ipzone.web import metrics
from ipzone.web.core.accounts import create_user
from ipzone.web.load import load

PASSWORD = "correct-horse-battery-staple"
USERS = {
    "admin": ("admin", None),
    "office": ("office", None),
    "leader": ("leader", None),
    "ent_a": ("enterprise", CO_A),
    "ent_b": ("enterprise", CO_B),
    "agency": ("agency", AGENCY),
}


def dataset(tables=None) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="ipzone-test-data-"))
    return write_dataset(folder / "zone", tables)


def load_tables(tables=None, **kw):
    return load(dataset(tables), **kw)


def make_users() -> dict:
    return {name: create_user(name, role, uscc=uscc, password=PASSWORD)[0] for name, (role, uscc) in USERS.items()}


def reset_caches() -> None:
    from ipzone.web.protection import grading

    cache.clear()
    metrics._engine = None
    grading._data = None


__all__ = ["AGENCY", "CO_A", "CO_B", "PASSWORD", "dataset", "load_tables", "make_users", "reset_caches", "valid_tables"]
