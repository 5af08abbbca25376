"""Generating a report in the platform: the dashboard's engine on the loaded data, a file kept
under ``$IPZONE_HOME/reports/``, and a ``ReportRun`` saying who made it from which data version.

A PDF takes LibreOffice ten seconds and more, so the page does not wait for it: :func:`enqueue`
records the run (排队中) and, once the request's transaction commits, hands it to one background
worker (one at a time: the engine is shared and LibreOffice is heavy), which makes it (生成中) and
records the file (已完成) or why not (失败). ``REPORTS_IN_BACKGROUND`` off (the tests, or
``IPZONE_REPORTS_BACKGROUND=0``) makes it in the request. A run left unfinished by a stopped
server is marked 失败 when ``ipzone serve`` starts again (:func:`abandon_unfinished`).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from ipzone.reports.common import Source
from ipzone.web import metrics
from ipzone.web.core.models import DataState
from ipzone.web.reports import models as m
from ipzone.web.reports.models import ReportRun

log = logging.getLogger(__name__)
_worker: ThreadPoolExecutor | None = None
_worker_lock = threading.Lock()


def reports_dir() -> Path:
    path = Path(settings.REPORTS_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def db_source(state: DataState) -> Source:
    """How a report names the platform's data: its version and when it was set (no URL, no path)."""
    from ipzone.web.policies.service import spending
    from ipzone.web.programme.tracking import progress_summary

    from ipzone.web.protection import grading

    return Source("平台数据库", f"数据版本 {state.version}（{timezone.localtime(state.updated):%Y-%m-%d %H:%M:%S}）", spending, progress_summary,
                  grading.inspection_rows, grading.grades, grading.infringer_list)


def build(kind: str, *, year: int | None = None, period=None, counting: str = "first"):
    """The document of ``kind`` on the loaded data, and the data state it was made from.

    Raises ``metrics.Unavailable`` (no engine), ``annual.YearError`` or ``ipzone.values.Problem``.
    """
    from ipzone.reports import annual, bulletin, protection
    from ipzone.reports.facts import Facts

    with metrics._lock:  # the engine's DuckDB connection is not shared between threads
        state = DataState.current()
        facts = Facts(metrics.engine(), counting)
        source = db_source(state)
        if kind == "annual":
            doc = annual.build(facts, year, source)
        elif kind == "protection":
            doc = protection.build(facts, year, source)
        elif kind == "bulletin":
            doc = bulletin.build(facts, period, source)
        else:
            raise ValueError(f"unknown report kind {kind!r}")
    return doc, state


def generate(kind: str, fmt: str, *, user=None, year: int | None = None, period=None, counting: str = "first") -> ReportRun:
    """Build, render (PDF through LibreOffice) and keep a report, now; the file is written whole or
    not at all. Raises what :func:`build` raises, and records nothing then."""
    run = _new_run(kind, fmt, user=user, year=year, period=period, counting=counting)
    _make(run, period)
    run.save()
    return run


def enqueue(kind: str, fmt: str, *, user=None, year: int | None = None, period=None, counting: str = "first") -> ReportRun:
    """Record a run (排队中) and have the background worker make it after this transaction commits."""
    run = _new_run(kind, fmt, user=user, year=year, period=period, counting=counting)
    run.state = m.QUEUED
    run.save()
    pk, code = run.pk, period.code if period is not None else None
    transaction.on_commit(lambda: _submit(pk, code))
    return run


def _new_run(kind, fmt, *, user, year, period, counting) -> ReportRun:
    return ReportRun(
        kind=kind, fmt=fmt, user=user, counting=counting, title=dict(m.KINDS)[kind],
        year=year if year is not None else (period.year if period is not None else None),
        period=period.code if period is not None else "",
    )


def _make(run: ReportRun, period) -> None:
    from ipzone.reports import output

    doc, state = build(run.kind, year=run.year if period is None else None, period=period, counting=run.counting)
    data = output.render(doc, run.fmt)
    name = f"{timezone.now():%Y%m%d-%H%M%S}-{run.kind}-{uuid.uuid4().hex[:8]}.{run.fmt}"
    output.write_atomic(reports_dir() / name, data)
    run.title, run.data_version, run.data_updated = doc.title, state.version, state.updated
    run.file, run.size, run.sha256, run.missing = name, len(data), hashlib.sha256(data).hexdigest(), len(doc.missing)
    run.state, run.finished, run.error = m.DONE, timezone.now(), ""


def _submit(pk: int, period_code: str | None) -> None:
    global _worker
    with _worker_lock:
        if _worker is None:
            _worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ipzone-report")
    _worker.submit(run_queued, pk, period_code)


def run_queued(pk: int, period_code: str | None = None) -> None:
    """Make a queued run (the worker's job; also callable directly)."""
    from ipzone.reports.annual import YearError
    from ipzone.reports.period import parse as parse_period
    from ipzone.values import Problem
    from ipzone.web.metrics import Unavailable

    worker = threading.current_thread() is not threading.main_thread()
    if worker:
        close_old_connections()
    try:
        run = ReportRun.objects.filter(pk=pk, state=m.QUEUED).first()
        if run is None:
            return
        run.state = m.RUNNING
        run.save(update_fields=["state"])
        try:
            _make(run, parse_period(period_code) if period_code else None)
        except (YearError, Problem, Unavailable) as e:
            run.state, run.error, run.finished = m.FAILED, e.zh, timezone.now()
        except Exception as e:  # noqa: BLE001 — a failed report must say so, not stay 生成中
            log.exception("report run %s failed", pk)
            run.state, run.error, run.finished = m.FAILED, f"内部错误 / internal error: {e}", timezone.now()
        run.save()
    finally:
        if worker:
            connection.close()


def abandon_unfinished() -> int:
    """Runs a stopped server left 排队中 or 生成中: marked 失败 (``ipzone serve`` calls it at start)."""
    return ReportRun.objects.filter(state__in=(m.QUEUED, m.RUNNING)).update(
        state=m.FAILED, error="服务重启，生成中断，请重新生成 / the server restarted: generate it again", finished=timezone.now()
    )
