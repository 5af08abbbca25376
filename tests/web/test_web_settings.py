"""Database URLs, the secret key file, and the models against the data contract."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ipzone import contract
from ipzone.web import dburl, home
from ipzone.web.core.bindings import LIST_KINDS, OCCURRENCE, binding, contract_models


def test_sqlite_urls(tmp_path):
    assert dburl.parse(f"sqlite:///{tmp_path}/a.sqlite3")["NAME"] == f"{tmp_path}/a.sqlite3"
    assert dburl.parse(f"sqlite:////{tmp_path}/a.sqlite3")["NAME"] == f"{tmp_path}/a.sqlite3"
    assert dburl.parse("sqlite:///ipzone.sqlite3")["NAME"] == "ipzone.sqlite3"
    assert dburl.parse("sqlite:///x.sqlite3")["ENGINE"] == "django.db.backends.sqlite3"


def test_postgresql_urls():
    db = dburl.parse("postgresql://zone:p%40ss@db.example:5433/ipzone?sslmode=require")
    assert (db["ENGINE"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "django.db.backends.postgresql", "zone", "p@ss", "db.example", "5433", "ipzone",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}
    assert dburl.parse("postgres://postgres@127.0.0.1/ipzone")["PORT"] == ""
    assert dburl.redact("postgresql://zone:secret@h/db") == "postgresql://zone:***@h/db"


@pytest.mark.parametrize("url", ["mysql://x/y", "postgresql://host/", "sqlite://"])
def test_bad_urls(url):
    with pytest.raises(dburl.DatabaseURLError):
        dburl.parse(url)


def test_secret_key_is_generated_once_and_private(tmp_path, monkeypatch):
    monkeypatch.delenv("IPZONE_SECRET_KEY", raising=False)
    key = home.secret_key(tmp_path)
    assert len(key) >= 50
    assert home.secret_key(tmp_path) == key
    assert stat.S_IMODE(os.stat(tmp_path / home.SECRET_FILE).st_mode) == 0o600
    monkeypatch.setenv("IPZONE_SECRET_KEY", "from-the-environment")
    assert home.secret_key(tmp_path) == "from-the-environment"


def test_security_settings():
    from django.conf import settings

    assert not settings.DEBUG
    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.TIME_ZONE == "Asia/Shanghai" and settings.LANGUAGE_CODE == "zh-hans"
    assert len(settings.AUTH_PASSWORD_VALIDATORS) == 4
    assert Path(settings.STATIC_ROOT).parent == Path(os.environ["IPZONE_HOME"])


def test_every_contract_table_has_a_model_that_mirrors_it():
    models = {m.contract_stem: m for m in contract_models()}
    assert set(models) == {t.stem for t in contract.TABLES}
    for t in contract.TABLES:
        b = binding(models[t.stem])
        for column, field in zip(t.columns, b.fields):
            assert field.verbose_name == column.zh, (t.stem, column.name)
            optional = not column.required and column.default is None
            assert field.null == optional, (t.stem, column.name, "null")
            if column.kind in LIST_KINDS:
                assert field.get_internal_type() == "TextField", (t.stem, column.name)
        if t.key:
            assert b.key == tuple(b.attname(c) for c in t.key), t.stem
            unique = {tuple(c.fields) for c in models[t.stem]._meta.constraints} | {
                (f.name,) for f in models[t.stem]._meta.fields if f.unique and not f.primary_key
            }
            assert tuple(b.fields[b.columns.index(c)].name for c in t.key) in unique, t.stem
        else:
            assert b.key[-1] == OCCURRENCE, t.stem
        assert models[t.stem]._meta.verbose_name == t.zh
        assert hasattr(models[t.stem], "history"), t.stem
