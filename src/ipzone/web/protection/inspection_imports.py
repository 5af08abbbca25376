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

from ipzone.programme import workbook
from ipzone.protection.inspections import TABLE
from ipzone.web.core.bindings import binding
from ipzone.web.operation.imports import FilingImport, TableChange, run_import, upsert
from ipzone.web.protection.models import Inspection

WHAT = ("检查记录表", "the inspections table")  # how messages name it


def _write(parsed: dict, user, reason: str) -> list[TableChange]:
    b = binding(Inspection)
    rows = [b.to_db(row) for _, row in workbook.records(parsed[TABLE.stem])]
    return [upsert(Inspection, b.key, rows, user, reason, TableChange(b.stem, b.table.zh))]


def import_inspections(path: Path, *, user=None, dry_run: bool = False, source_name: str | None = None) -> FilingImport:
    return run_import(path, (TABLE,), _write, label="检查记录导入", what=WHAT, user=user, dry_run=dry_run, source_name=source_name)
