"""Importing a filing workbook: the contract's checks, the database's references, one transaction.

1. ``ipzone.programme.workbook.read``: cells, keys, date order (the contract's own rules and words);
2. references: each value names a row of the database (entities, patents, agencies, talents,
   trademarks, alliances …) or of the same workbook; values longer than their column are refused;
3. any error: nothing is written (the findings go to the error workbook);
4. otherwise, one transaction: each sheet's rows are matched on their natural key — added (in the
   table's ``imported_state``: 已通过, or 已提交 for applications, which wait for review), changed
   (any column differs; the workflow state is kept) or unchanged. Rows in the database but not in
   the file are left alone. History records who and "导入 FILE".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from ipzone import contract
from ipzone.findings import ERROR, Report
from ipzone.programme import filings, workbook
from ipzone.web.core.bindings import binding, model_for_stem
from ipzone.web.monitoring.models import ImportRun
from ipzone.web.operation.models import FILING_MODELS


@dataclass
class TableChange:
    stem: str
    zh: str
    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0


@dataclass
class FilingImport:
    report: Report
    changes: list[TableChange] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return self.report.ok


def table_zh(stem: str) -> str:
    t = filings.BY_STEM.get(stem) or contract.BY_STEM.get(stem)
    return t.zh if t else stem


def _check_references(parsed: dict) -> None:
    for stem, p in parsed.items():
        for ref in p.table.references:
            col = p.table.column(ref.column)
            listed = col.kind in (contract.APPNO_LIST, contract.CODE_LIST)
            wanted = set()
            for v in p.columns[ref.column]:
                if v is not None:
                    wanted.update(v if listed else (v,))
            if not wanted:
                continue
            found = set()
            for target_stem, target_col in ref.targets:
                model = model_for_stem(target_stem)
                if model is not None:
                    attname = binding(model).attname(target_col)
                    found |= set(model.objects.filter(**{f"{attname}__in": wanted}).values_list(attname, flat=True))
                if target_stem in parsed:
                    found |= {v for v in parsed[target_stem].columns[target_col] if v is not None}
            names_zh = "或".join(f"{table_zh(s)}表（{s}）" for s, _ in ref.targets)
            names_en = " or ".join(s for s, _ in ref.targets)
            for i, v in enumerate(p.columns[ref.column]):
                for item in (v if listed and v is not None else (v,)):
                    if item is not None and item not in found:
                        p.finding(ERROR, "reference", f"{names_zh}中没有「{item}」", f"{item!r} is not in {names_en}", i, ref.column, item)


def _binding_fields(stem: str):
    b = binding(model_for_stem(stem))
    return zip(b.columns, b.fields)


def check_lengths(parsed: dict, fields_of=_binding_fields) -> None:
    """Values longer than their model field are refused; ``fields_of(stem)``: (column, field) pairs."""
    for stem, p in parsed.items():
        for column, f in fields_of(stem):
            limit = getattr(f, "max_length", None)
            if not limit:
                continue
            for i, v in enumerate(p.columns[column]):
                if isinstance(v, str) and len(v) > limit:
                    p.finding(ERROR, "platform.too_long", f"超过 {limit} 个字符，平台无法保存",
                              f"longer than {limit} characters: the platform cannot store it", i, column, v[:80])


def run_import(path: Path, tables: tuple, write, *, checks=(check_lengths,), label: str, what: tuple[str, str] = workbook.WHAT,
               user=None, dry_run: bool = False, source_name: str | None = None) -> FilingImport:
    """Read ``tables`` (named ``what`` in messages) from the workbook, check cells, keys, references (and ``checks(parsed)``);
    on any error write nothing; otherwise ``write(parsed, user, reason)`` → [TableChange] in one
    transaction, recorded as an ``ImportRun`` "``label`` FILE" (rolled back for a dry run)."""
    path = Path(path)
    name = source_name or path.name
    parsed, report = workbook.read(path, tables, what=what)
    _check_references(parsed)
    for check in checks:
        check(parsed)
    for p in parsed.values():
        report.extend(p.findings)
    result = FilingImport(report, dry_run=dry_run)
    if not report.ok:
        return result
    reason = f"导入 {name}"[:100]
    with transaction.atomic():
        result.changes.extend(write(parsed, user, reason))
        if dry_run:
            transaction.set_rollback(True)
        else:
            ImportRun.objects.create(
                user=user if getattr(user, "pk", None) else None, source=f"{label} {name}"[:500], ok=True,
                changes=[c.__dict__ for c in result.changes],
            )
    return result


def import_filings(path: Path, *, user=None, dry_run: bool = False, source_name: str | None = None) -> FilingImport:
    return run_import(path, filings.TABLES, _write_filings, label="备案导入", user=user, dry_run=dry_run, source_name=source_name)


def _write_filings(parsed: dict, user, reason: str) -> list[TableChange]:
    by_stem = {m.declared_table.stem: m for m in FILING_MODELS}
    filer = user if getattr(user, "pk", None) else None
    changes = []
    for t in filings.TABLES:
        if t.stem in parsed:
            model = by_stem[t.stem]
            b = binding(model)
            rows = [b.to_db(row) for _, row in workbook.records(parsed[t.stem])]
            changes.append(upsert(model, b.key, rows, user, reason, TableChange(b.stem, b.table.zh), state=model.imported_state, filed_by=filer))
    return changes


def upsert(model, key: tuple[str, ...], rows: list[dict], user, reason: str, change: TableChange, **new) -> TableChange:
    """Each row (model attnames → values) matched on ``key``: added (with ``new`` besides), changed
    (any value differs) or unchanged; history records ``user`` and ``reason``."""
    change.rows = len(rows)
    for values in rows:
        obj = model.objects.filter(**{a: values[a] for a in key}).first()
        if obj is None:
            obj = model(**values, **new)
            change.added += 1
        elif all(getattr(obj, a) == v for a, v in values.items()):
            change.unchanged += 1
            continue
        else:
            for a, v in values.items():
                setattr(obj, a, v)
            change.changed += 1
        obj._change_reason = reason
        if getattr(user, "pk", None):
            obj._history_user = user
        obj.save()
    return change
