"""Infringer flags and credit grades on the platform's data, cached per data version.

The rules are those of ``ipzone.protection`` (the same functions the CLI and reports call); the
inputs are the loaded contract tables plus the office's list of abnormal filings, and the window
and thresholds of 保护设置. A change of any of these (an import, an edit, a closed case, a new
listing, new settings, another rules file) gives a new cache key.
"""

from __future__ import annotations

import os

from django.core.cache import cache

from ipzone.protection import credit, infringers
from ipzone.web import export
from ipzone.web.metrics import data_key
from ipzone.web.protection.models import FilingListing, ProtectionSettings

STEMS = ("entities", "cases", "awards", "pledges", "patents")
TIMEOUT = 24 * 3600


def listings() -> list[dict]:
    """The office's listings as rows (``ipzone.protection.listings.Listing`` fields)."""
    return [vars(x.as_listing()) for x in FilingListing.objects.order_by("listed_on", "pk")]


def _rules_key() -> str:
    path = os.environ.get(credit.RULES_ENV) or str(credit.RULES_FILE)
    try:
        return f"{path}@{os.stat(path).st_mtime_ns}"
    except OSError:
        return path


def _settings_key(s: ProtectionSettings) -> str:
    return f"{s.window_years}-{s.min_cases}-{s.min_holders}"


def dataset():
    return export.dataset(stems=STEMS)


def infringer_list(year: int) -> list[infringers.Infringer]:
    s = ProtectionSettings.current()
    key = f"ipzone:protection:infringers:{year}:{_settings_key(s)}:{data_key()}"
    found = cache.get(key)
    if found is None:
        found = infringers.infringers(export.dataset(stems=("cases",)), year, s.rule())
        cache.set(key, found, TIMEOUT)
    return found


def rules() -> credit.Rules:
    return credit.load_rules()


def grades(year: int) -> dict[str, credit.Grade]:
    """Every in-zone entity's grade for ``year`` (raises ``credit.RulesError`` for a bad rules file)."""
    s = ProtectionSettings.current()
    key = f"ipzone:protection:grades:{year}:{_settings_key(s)}:{_rules_key()}:{data_key()}"
    found = cache.get(key)
    if found is None:
        found = credit.grades(dataset(), year, rules=rules(), infringer_rule=s.rule())
        cache.set(key, found, TIMEOUT)
    return found
