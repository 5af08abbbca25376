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


def _check_lengths(parsed: dict) -> None:
    for stem, p in parsed.items():
        b = binding(model_for_stem(stem))
        for c, f in zip(b.table.columns, b.fields):
            limit = getattr(f, "max_length", None)
            if not limit:
                continue
            for i, v in enumerate(p.columns[c.name]):
                if isinstance(v, str) and len(v) > limit:
                    p.finding(ERROR, "platform.too_long", f"超过 {limit} 个字符，平台无法保存",
                              f"longer than {limit} characters: the platform cannot store it", i, c.name, v[:80])


def import_filings(path: Path, *, user=None, dry_run: bool = False, source_name: str | None = None) -> FilingImport:
    path = Path(path)
    name = source_name or path.name
    parsed, report = workbook.read(path)
    _check_references(parsed)
    _check_lengths(parsed)
    for p in parsed.values():
        report.extend(p.findings)
    result = FilingImport(report, dry_run=dry_run)
    if not report.ok:
        return result
    reason = f"导入 {name}"[:100]
    with transaction.atomic():
        by_stem = {m.declared_table.stem: m for m in FILING_MODELS}
        for t in filings.TABLES:
            if t.stem in parsed:
                result.changes.append(_upsert(by_stem[t.stem], workbook.records(parsed[t.stem]), user, reason))
        if dry_run:
            transaction.set_rollback(True)
        else:
            ImportRun.objects.create(
                user=user if getattr(user, "pk", None) else None, source=f"备案导入 {name}"[:500], ok=True,
                changes=[c.__dict__ for c in result.changes],
            )
    return result


def _upsert(model, records: list[tuple[int, dict]], user, reason: str) -> TableChange:
    b = binding(model)
    change = TableChange(b.stem, b.table.zh, rows=len(records))
    for _, row in records:
        values = b.to_db(row)
        lookup = {a: values[a] for a in b.key}
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**values, state=model.imported_state, filed_by=user if getattr(user, "pk", None) else None)
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
