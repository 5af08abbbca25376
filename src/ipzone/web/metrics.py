"""Indicators of the loaded data, computed by the engine (never re-implemented here).

The database is exported to a ``Dataset`` once per data version; an ``Engine`` on it answers
``compute`` / ``progress`` / ``explain``. JSON results are cached per (what, year, counting, data
version), so a page view after the first costs a cache lookup. DuckDB connections are not shared
between threads, so engine calls are serialised by a lock (waitress serves with threads).

Under ``ipzone serve`` (``settings.WARM_CACHE``) the dashboard's numbers for the default year are
computed in a background thread when the server starts and after every change of the data, so
the first leader to look after an import or an edit does not wait for the export and the engine.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.conf import settings
from django.core.cache import cache

from ipzone.web.core.models import DataState, data_changed

log = logging.getLogger(__name__)

COUNTINGS = ("first", "whole", "fractional")
COUNTING_ZH = {"first": "第一权利人", "whole": "整体计数", "fractional": "分数计数"}
FIRST_YEAR, LAST_YEAR = 2021, 2025
_lock = threading.RLock()
_engine: tuple[str, object] | None = None


class Unavailable(Exception):
    """The engine cannot be used (not installed, or it refused the data); ``zh`` says why."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def data_key(state: DataState | None = None) -> str:
    """Identifies the data: its version and the time it was set (a restored database differs)."""
    state = state or DataState.current()
    return f"{state.version}@{state.updated.timestamp():.6f}"


def engine():
    """The engine on the current data (rebuilt when the data version changes)."""
    global _engine
    state = DataState.current()
    key = data_key(state)
    with _lock:
        if _engine is not None and _engine[0] == key:
            return _engine[1]
        try:
            from ipzone.indicators.engine import Engine, IndicatorError
        except ImportError as e:  # the engine is another part of the package
            raise Unavailable("指标引擎不可用", f"the indicator engine is not available: {e}") from e
        from ipzone.values import Problem
        from ipzone.web import zoneconfig
        from ipzone.web.export import dataset

        try:  # IPZONE_CONFIG, else the configuration stored with the data, else the defaults
            eng = Engine(dataset(state), config=zoneconfig.in_force().config)
        except (IndicatorError, Problem) as e:
            raise Unavailable(e.zh, e.en) from e
        _engine = (key, eng)
        return eng


def _cached(kind: str, year: int | str, counting: str, build):
    key = f"ipzone:{kind}:{year}:{counting}:{data_key()}"
    data = cache.get(key)
    if data is None:
        with _lock:
            data = cache.get(key)  # whoever held the lock may have just computed it
            if data is None:
                data = build()
                cache.set(key, data, 24 * 3600)
    return data


def indicators(year: int, counting: str = "first") -> dict:
    """Exactly ``ipzone indicators DATASET --year Y --format json`` on the loaded data."""
    from ipzone.indicators import render
    from ipzone.indicators.engine import IndicatorError

    def build():
        try:
            return render.report_json(engine().compute(year, counting))
        except IndicatorError as e:
            raise Unavailable(e.zh, e.en) from e

    return _cached("indicators", year, counting, build)


def progress(counting: str = "first", start: int = FIRST_YEAR, end: int = LAST_YEAR) -> dict:
    """``ipzone progress --format json`` for the 表一 indicators, start..end."""
    from ipzone.indicators import render
    from ipzone.indicators.progress import progress as run

    return _cached("progress", f"{start}-{end}", counting, lambda: render.progress_json(run(engine(), start, end, counting)))


def explain(year: int, code: str, counting: str = "first") -> dict:
    """``ipzone explain --indicator CODE --format json``: the records behind one value."""
    from ipzone.indicators import render
    from ipzone.indicators.engine import IndicatorError
    from ipzone.indicators.explain import explain_indicator

    def build():
        try:
            return render.explain_json(explain_indicator(engine(), year, code, counting))
        except IndicatorError as e:
            raise Unavailable(e.zh, e.en) from e

    return _cached(f"explain:{code}", year, counting, build)


def main_codes() -> list[str]:
    from ipzone.indicators.catalog import MAIN

    return [i.code for i in MAIN]


def default_year() -> int:
    """The latest year of zone_year not after last year, else last year."""
    from ipzone.web.monitoring.models import ZoneYear

    last = dt.date.today().year - 1
    year = ZoneYear.objects.filter(year__lte=last).order_by("-year").values_list("year", flat=True).first()
    return year or last


def ip_index_by_entity(year: int) -> dict[str, dict]:
    """Each in-zone entity's 企业知识产权指数 (任务6) at the end of ``year``, from the engine's records.

    The zone's ``enterprise_ip_index`` is the sum of the weights of in-zone entities' qualifications
    valid at year end; an entity's own index is the sum of its rows in that indicator's explain.
    One cache entry per year and data version (not one per entity).
    """

    def build():
        out: dict[str, dict] = {}
        for r in explain(year, "enterprise_ip_index").get("records") or []:
            entry = out.setdefault(r["uscc"], {"value": 0, "kinds": []})
            entry["value"] += r.get("weight") or 0
            entry["kinds"].append({"kind": r["kind"], "weight": r.get("weight") or 0, "valid_to": r.get("valid_to")})
        return out

    return _cached("ip_index", year, "-", build)


def entity_ip_index(uscc: str, years: list[int]) -> list[dict]:
    """One entity's index per year: ``[{year, value, kinds}]`` (0 and no kinds where it has none)."""
    out = []
    for year in years:
        mine = ip_index_by_entity(year).get(uscc) or {"value": 0, "kinds": []}
        out.append({"year": year, **mine})
    return out


_warm_running = threading.Lock()
_warm_wanted = threading.Event()


def warm_soon() -> None:
    """Compute the dashboard's numbers for the current data in a background thread (one at a time;
    a change while it runs makes it run once more)."""
    _warm_wanted.set()
    if _warm_running.acquire(blocking=False):
        threading.Thread(target=_warm, name="ipzone-warm", daemon=True).start()


def warm_now() -> None:
    """What the dashboard shows by default: this year's indicators and the 表一 progress."""
    year = default_year()
    indicators(year)
    progress("first", FIRST_YEAR, max(LAST_YEAR, year))


def _warm() -> None:
    from django.db import connection

    try:
        while _warm_wanted.is_set():
            _warm_wanted.clear()
            try:
                warm_now()
            except Exception:  # a page view will show the reason; the server goes on
                log.exception("warming the indicator cache failed")
    finally:
        connection.close()  # this thread's own connection
        _warm_running.release()
    if _warm_wanted.is_set():  # a change arrived between the last run and the release
        warm_soon()


def _on_data_changed(sender, **kwargs) -> None:
    if settings.WARM_CACHE:
        warm_soon()


data_changed.connect(_on_data_changed, dispatch_uid="ipzone_warm_cache")
