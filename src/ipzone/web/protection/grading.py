"""Infringer flags and credit grades on the platform's data, cached per data version.

The rules are those of ``ipzone.protection`` (the same functions the CLI and reports call); the
inputs are the loaded contract tables plus the office's list of abnormal filings, and the window
and thresholds of 保护设置. A change of any of these (an import, an edit, a closed case, a new
listing, new settings, another rules file) gives a new cache key.
"""

from __future__ import annotations

import os
import threading

import pyarrow as pa
from django.core.cache import cache

from ipzone.protection import credit, infringers
from ipzone.web import export
from ipzone.web.metrics import data_key
from ipzone.web.protection.models import FilingListing, ProtectionSettings

STEMS = ("entities", "cases", "awards", "pledges")  # and the pledged patents
TIMEOUT = 24 * 3600
CHUNK = 5000
_lock = threading.Lock()
_data: tuple[str, object] | None = None


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
    """What grading reads, once per data version: the tables it needs, and of ``patents`` only the
    pledged ones (their lapse dates), so a zone of millions of patents is not read for a few
    thousand pledges."""
    global _data
    key = data_key()
    with _lock:
        if _data is not None and _data[0] == key:
            return _data[1]
        from ipzone.web.core.bindings import for_stem

        ds = export.dataset(stems=STEMS)
        wanted = sorted({a for nos in ds["pledges"]["application_nos"].to_pylist() for a in (nos or [])})
        b = for_stem("patents")
        rows = []
        for i in range(0, len(wanted), CHUNK):
            qs = b.model._default_manager.filter(application_no__in=wanted[i : i + CHUNK]).order_by(*b.key)
            rows += list(qs.values_list(*b.attnames))
        ds.tables["patents"] = b.arrow(rows) if rows else pa.Table.from_pylist([], schema=b.table.arrow_schema)
        _data = (key, ds)
        return ds


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


# --- inspections: when each graded entity is next due ---------------------------------------------


def as_of(year: int):
    """The day a year's inspection status is read on: today, or 31 December for a past year."""
    import datetime as dt

    from ipzone.web.protection.casework import today

    return min(today(), dt.date(year, 12, 31))


def last_inspections(day) -> dict:
    """uscc → its last inspection that counts (``ipzone.protection.inspections.last_inspections``) up to ``day``."""
    from ipzone.protection.inspections import last_inspections as last
    from ipzone.web.protection.models import Inspection

    return last(Inspection.objects.filter(inspected_on__lte=day).values_list("entity_id", "inspected_on", "kind"), as_of=day)


def schedule(graded: dict, day) -> dict:
    """uscc → ``Due`` (last inspection, next due day) for every graded entity, as of ``day``."""
    from ipzone.protection.inspections import next_due

    last = last_inspections(day)
    return {uscc: next_due(last.get(uscc), g.interval_months) for uscc, g in graded.items()}


def entity_credit(user, uscc: str) -> dict | None:
    """The credit block of an entity's page: this year's grade, its reasons and the next inspection.
    None for a user who may not read the entity's grade (only office, leaders, admins, and the
    enterprise itself; the entity page is already restricted to its own enterprise)."""
    from ipzone.web.core import roles
    from ipzone.web.protection.casework import today

    role = roles.role_of(user)
    if role not in roles.ALL_DATA and not (role == roles.ENTERPRISE and roles.uscc_of(user) == uscc):
        return None
    year = today().year
    try:
        g = grades(year).get(uscc)
    except credit.RulesError as e:
        return {"year": year, "error": str(e)}
    if g is None:
        return None
    day = as_of(year)
    due = schedule({uscc: g}, day)[uscc]
    return {"year": year, "grade": g, "due": due, "status": due.status(day), "overdue": due.overdue(day), "as_of": day}


def inspection_rows() -> list[tuple]:
    """Every inspection as (uscc, day, kind, result): what the protection report reads (``Source.inspections``)."""
    from ipzone.web.protection.models import Inspection

    return list(Inspection.objects.order_by("inspected_on", "pk").values_list("entity_id", "inspected_on", "kind", "result"))
