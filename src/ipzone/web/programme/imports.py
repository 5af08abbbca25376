"""Quarterly progress as a workbook: the template a department owes, the export of the list, and
the import (``ipzone.programme.progress`` declares the table).

Import, in the order of the filing import (``ipzone.web.operation.imports``):

1. ``ipzone.programme.workbook.read``: cells, keys (the contract's own rules and words), then the
   row rules of ``progress.cell_problems`` (quarter 1–4, a whole percentage);
2. the platform's rules, each naming the row and column: a row the same as a report the user
   reads is left alone, whoever's it is (so an export imports back); otherwise the department
   is the user's own (a department user) or a known one (the office, which must name it), the
   task is one the department may report on — the web form's own rule
   (``forms.reportable_tasks``) —, a submitted report cannot be changed, and a department's
   draft is its own (the office cannot overwrite it);
3. any error: nothing is written (the findings go to the error workbook);
4. otherwise, one transaction: rows are matched on (task, department, year, quarter) — added as
   drafts, changed (a draft or a returned report), or unchanged. With ``submit`` (导入并报送)
   the department's rows are submitted, unchanged drafts included; the office's rows are
   submitted when it writes them (as in the form). History records the user and "导入 FILE";
   the run is an ``ImportRun`` ("季度进展导入 FILE").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ipzone.findings import ERROR, Finding, Report
from ipzone.programme import progress, workbook
from ipzone.web.core import roles
from ipzone.web.monitoring.models import ImportRun
from ipzone.web.programme import tracking
from ipzone.web.programme.forms import reportable_tasks, task_refusal
from ipzone.web.programme.models import Department, ProgressReport

SUBMITTED_LOCKED = ("已报送的进展不能修改", "a submitted report cannot be changed")
FIELDS = ("percent", "flag", "content", "problems", "next_steps")


@dataclass
class ProgressImport:
    report: Report
    rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    submitted: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return self.report.ok

    def counts(self) -> dict:
        return {k: getattr(self, k) for k in ("rows", "added", "changed", "unchanged", "submitted")}


def record(r: ProgressReport) -> dict:
    """A report as a row of the table (English names, Python values)."""
    return {"task": r.task.code, "title": r.task.title, "year": r.year, "quarter": r.quarter, "department": r.department_id,
            "percent": r.percent, "flag": r.flag, "content": r.content, "problems": r.problems or None, "next_steps": r.next_steps or None,
            "state": r.state}


def template_rows(year: int, quarter: int, departments=None, user=None) -> list[dict]:
    """One row per task or decision the departments lead that is active in the quarter (what they
    owe), filled in with the report they already have where ``user`` may read it (without a user:
    where the office may — never a department's draft)."""
    readable = ProgressReport.objects.restrict(user) if user is not None else ProgressReport.objects.exclude(ProgressReport.private_scope())
    readable = set(readable.filter(year=year, quarter=quarter).values_list("pk", flat=True))
    rows = []
    for d in tracking.report_dues(year, tracking.today(), departments):
        if d.quarter != quarter:
            continue
        if d.report is not None and d.report.pk in readable:
            rows.append(record(d.report))
        else:
            rows.append({"task": d.task.code, "title": d.task.title, "year": year, "quarter": quarter, "department": d.department.code})
    return rows


def write(path: Path, rows: list[dict]) -> Path:
    return workbook.template(path, progress.TABLES, {progress.TABLE.stem: rows})


def import_progress(path: Path, *, user, submit: bool = False, dry_run: bool = False, source_name: str | None = None) -> ProgressImport:
    path = Path(path)
    name = source_name or path.name
    parsed, report = workbook.read(path, progress.TABLES)
    result = ProgressImport(report, dry_run=dry_run)
    p = parsed.get(progress.TABLE.stem)
    if p is None:
        if report.ok:
            report.add(Finding(ERROR, "missing_table", f"工作簿中没有「{progress.TABLE.zh}」工作表", f"the workbook has no sheet {progress.TABLE.zh!r} ({progress.TABLE.stem})", file=name))
        return result
    rows = _check(p, user)
    report.extend(p.findings)
    result.rows = len(rows)
    if not report.ok:
        return result
    office = roles.role_of(user) in roles.WRITERS
    own = roles.department_of(user) if not office else None
    reason = f"导入 {name}"[:100]
    now = timezone.now()
    with transaction.atomic():
        for row, existing in rows:
            obj = existing or ProgressReport(task=row["task_obj"], department_id=row["department"], year=row["year"], quarter=row["quarter"])
            same = existing is not None and _same(existing, row)
            # 导入并报送 submits every row of the file; the office's rows count as submitted when it writes them
            to_submit = (submit and (not same or existing.department_id == own)) or (office and not same)
            to_submit = to_submit and obj.state != ProgressReport.SUBMITTED
            if same and not to_submit:
                result.unchanged += 1
                continue
            for f in FIELDS:
                setattr(obj, f, row[f])
            if to_submit:
                obj.state, obj.submitted_at, obj.submitted_by = ProgressReport.SUBMITTED, now, user
                result.submitted += 1
            if existing is None:
                result.added += 1
            elif not same:
                result.changed += 1
            obj._change_reason = reason
            obj._history_user = user
            obj.save()
        if dry_run:
            transaction.set_rollback(True)
        else:
            ImportRun.objects.create(user=user, source=f"季度进展导入 {name}"[:500], ok=True, changes=[{"stem": progress.TABLE.stem, "zh": progress.TABLE.zh, **result.counts()}])
    return result


def _check(p, user) -> list[tuple[dict, ProgressReport | None]]:
    """The rows to write with the report each one changes (None: a new one); every problem is a
    finding on ``p``, naming the row and the column. A row the same as a report the user reads is
    left alone whoever's it is: an export imports back."""
    role = roles.role_of(user)
    own = roles.department_of(user) if role == roles.DEPARTMENT else None
    if role not in roles.WRITERS and not (role == roles.DEPARTMENT and own):
        p.finding(ERROR, "platform.role", "只有部门用户和知识产权办公室可以导入季度进展", "only department users and the IP office import quarterly progress", None)
        return []
    departments = set(Department.objects.values_list("code", flat=True))
    duplicate_rows = {f.row for f in p.findings if f.rule == "duplicate_key"}
    allowed: dict[str | None, dict] = {}  # department (None: the office) → {code: task}
    seen: dict[tuple, int] = {}
    out = []
    for row_no, row in workbook.records(p):
        i = p.raw.rows.index(row_no)
        problems = progress.cell_problems(row)
        for column, zh, en in problems:
            p.finding(ERROR, "platform.value", zh, en, i, column, row[column])
        if problems:
            continue
        dept = row["department"] or own
        if dept is None:
            p.finding(ERROR, "required", "办公室导入时须填写报送部门（部门代码）", "the office names the reporting department (its code)", i, "department")
            continue
        row = {**row, "department": dept, "problems": row["problems"] or "", "next_steps": row["next_steps"] or "",
               "percent": row["percent"]}
        key = (row["task"], dept, row["year"], row["quarter"])
        if key in seen and row_no not in duplicate_rows:
            p.finding(ERROR, "duplicate_key", f"同一任务、部门、年度、季度重复：与第 {seen[key]} 行相同", f"duplicate report: the same as row {seen[key]}", i, "task", row["task"])
            continue
        seen.setdefault(key, row_no)
        lookup = {"task__code": row["task"], "department_id": dept, "year": row["year"], "quarter": row["quarter"]}
        readable = ProgressReport.objects.restrict(user).filter(**lookup).select_related("task").first()
        if readable is not None and _same(readable, row):
            out.append(({**row, "task_obj": readable.task}, readable))
            continue
        if own and dept != own:
            p.finding(ERROR, "platform.department", f"部门用户只能导入本部门（{own}）的进展", f"a department user imports its own department's ({own}) reports only", i, "department", dept)
            continue
        if dept not in departments:
            p.finding(ERROR, "reference", f"部门表中没有代码「{dept}」", f"no department with code {dept!r}", i, "department", dept)
            continue
        tasks = allowed.setdefault(own, {t.code: t for t in reportable_tasks(own)})
        task = tasks.get(row["task"])
        if task is None:
            zh, en = task_refusal(row["task"], own)
            p.finding(ERROR, "platform.task", zh, en, i, "task", row["task"])
            continue
        existing = ProgressReport.objects.filter(**lookup).first()
        if existing is not None and existing.state == ProgressReport.SUBMITTED:
            changed = [f for f in FIELDS if getattr(existing, f) != row[f]]
            p.finding(ERROR, "platform.submitted", *SUBMITTED_LOCKED, i, changed[0], row[changed[0]])
            continue
        if existing is not None and not ProgressReport.objects.restrict(user, "change").filter(pk=existing.pk).exists():
            p.finding(ERROR, "platform.draft", "该部门的草稿尚未报送，只有本部门可以修改", "the department's draft is its own until it submits it", i, "department", dept)
            continue
        out.append(({**row, "task_obj": task}, existing))
    return out


def _same(report: ProgressReport, row: dict) -> bool:
    return all(getattr(report, f) == row[f] for f in FIELDS)
