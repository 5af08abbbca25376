"""Importing inspections (检查记录) from a workbook in the contract's template style.

The same path as the operation filings (``ipzone.web.operation.imports``): the contract's reader,
cell parsers and messages (``ipzone.programme.workbook.read`` with the declared
``ipzone.protection.inspections.TABLE``), then the database's references (the 统一社会信用代码 must
name an entity) and the platform's lengths; any error and nothing is written (the findings go to
the error workbook); otherwise one transaction, rows matched on 检查编号: added, changed or
unchanged. Inspections in the database but not in the file are left alone. History records the
user and "导入 FILE".
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from ipzone.findings import ERROR, Finding
from ipzone.programme import workbook
from ipzone.protection.inspections import TABLE
from ipzone.web.core.bindings import binding
from ipzone.web.monitoring.models import ImportRun
from ipzone.web.operation.imports import FilingImport, TableChange, _check_lengths, _check_references
from ipzone.web.protection.models import Inspection


def import_inspections(path: Path, *, user=None, dry_run: bool = False, source_name: str | None = None) -> FilingImport:
    path = Path(path)
    name = source_name or path.name
    parsed, report = workbook.read(path, tables=(TABLE,))
    if TABLE.stem not in parsed and report.ok:
        report.add(Finding(ERROR, "missing_table", f"工作簿中没有「{TABLE.zh}」工作表", f"the workbook has no {TABLE.stem!r} sheet", file=name))
    _check_references(parsed)
    _check_lengths(parsed)
    for p in parsed.values():
        report.extend(p.findings)
    result = FilingImport(report, dry_run=dry_run)
    if not report.ok:
        return result
    reason = f"导入 {name}"[:100]
    who = user if getattr(user, "pk", None) else None
    with transaction.atomic():
        result.changes.append(_upsert(workbook.records(parsed[TABLE.stem]), who, reason))
        if dry_run:
            transaction.set_rollback(True)
        else:
            ImportRun.objects.create(user=who, source=f"检查记录导入 {name}"[:500], ok=True, changes=[c.__dict__ for c in result.changes])
    return result


def _upsert(records: list[tuple[int, dict]], user, reason: str) -> TableChange:
    b = binding(Inspection)
    change = TableChange(b.stem, b.table.zh, rows=len(records))
    for _, row in records:
        values = b.to_db(row)
        obj = Inspection.objects.filter(record_no=values["record_no"]).first()
        if obj is None:
            obj = Inspection(**values)
            change.added += 1
        elif all(getattr(obj, a) == v for a, v in values.items()):
            change.unchanged += 1
            continue
        else:
            for a, v in values.items():
                setattr(obj, a, v)
            change.changed += 1
        obj._change_reason = reason
        if user is not None:
            obj._history_user = user
        obj.save()
    return change
