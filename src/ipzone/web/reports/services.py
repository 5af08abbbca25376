"""Generating a report in the platform: the dashboard's engine on the loaded data, a file kept
under ``$IPZONE_HOME/reports/``, and a ``ReportRun`` saying who made it from which data version."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from ipzone.reports.common import Source
from ipzone.web import metrics
from ipzone.web.core.models import DataState
from ipzone.web.reports.models import ReportRun


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
    """Build, render (PDF through LibreOffice) and keep a report; the file is written whole or not at all."""
    from ipzone.reports import output

    doc, state = build(kind, year=year, period=period, counting=counting)
    data = output.render(doc, fmt)
    name = f"{timezone.now():%Y%m%d-%H%M%S}-{kind}-{uuid.uuid4().hex[:8]}.{fmt}"
    output.write_atomic(reports_dir() / name, data)
    return ReportRun.objects.create(
        kind=kind,
        year=year if year is not None else (period.year if period is not None else None),
        period=period.code if period is not None else "",
        fmt=fmt,
        counting=counting,
        title=doc.title,
        user=user,
        data_version=state.version,
        data_updated=state.updated,
        file=name,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        missing=len(doc.missing),
    )
