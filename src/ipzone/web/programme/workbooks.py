"""Yearly targets and the leading group as workbooks (``ipzone.programme.targets`` declares the two
tables): the rows of an export, and the import through the filing import
(``ipzone.web.operation.imports.run_import``): the contract's cell, key and date-order checks, then

- a target's task is one of the task list (a task or a decision, not a sub-task: the form's rule),
  its indicator a code of ``ipzone.indicators.catalog``, its value a number, its status and days
  those the form accepts (``targets.target_problems``);
- a member's department is a known department's code; two rows without 任职日期 for the same name
  and group role are the same member (the key check passes over empty cells).

Any error: nothing is written. Otherwise one transaction: targets are matched on task, year and
text, members on name, group role and 任职日期 — added, changed (any other column differs) or
unchanged; rows not in the file are left alone. A new member comes after the others in the list.
History records who and "导入 FILE"; the run is an ``ImportRun`` ("年度目标导入 FILE",
"领导小组成员导入 FILE").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Max

from ipzone.findings import ERROR
from ipzone.indicators.catalog import BY_CODE
from ipzone.programme import plan, targets, workbook
from ipzone.programme.targets import MEMBERS, TARGETS
from ipzone.web.operation.imports import FilingImport, TableChange, check_lengths, run_import, upsert
from ipzone.web.programme.models import AnnualTarget, Department, GroupMember, PlanTask

TARGET_KEY = ("task_id", "year", "content")  # model attnames of the natural keys
MEMBER_KEY = ("name", "group_role", "since")


def _rows(p):
    """(index, row) for every row without a cell error."""
    names = [c.name for c in p.table.columns]
    return [(i, {n: p.columns[n][i] for n in names}) for i in range(len(p.raw.rows)) if i not in p.bad]


# --- yearly targets --------------------------------------------------------------------------------


def target_record(t: AnnualTarget) -> dict:
    """A target as a row of the table (what the export shows, and imports back)."""
    return {"task": t.task.code, "title": t.task.title, "year": t.year, "content": t.content, "indicator": t.indicator or None,
            "target_value": t.target_value, "due_on": t.due_on, "status": t.status, "completed_on": t.completed_on}


def _check_targets(parsed: dict) -> None:
    p = parsed.get(TARGETS.stem)
    if p is None:
        return
    check_lengths(parsed, lambda stem: [("indicator", AnnualTarget._meta.get_field("indicator"))])
    tasks = {t.code: t for t in PlanTask.objects.filter(code__in={c for c in p.columns["task"] if c}).select_related("parent")}
    for i, row in _rows(p):
        code, indicator = row["task"], row["indicator"]
        task = tasks.get(code)
        if task is None:
            p.finding(ERROR, "reference", f"任务清单中没有编号为「{code}」的任务", f"the task list has no task {code!r}", i, "task", code)
        elif task.kind == PlanTask.SUBTASK:
            p.finding(ERROR, "platform.task", f"「{code}」是子任务：年度目标按任务确定（{task.parent.code}）",
                      f"{code!r} is a sub-task: targets are set on its task ({task.parent.code})", i, "task", code)
        if indicator and indicator not in BY_CODE:
            own = plan.indicator_codes(code) if task is not None else []
            zh, en = f"指标目录中没有代码「{indicator}」", f"{indicator!r} is not an indicator code of the catalog"
            if own:
                zh, en = f"{zh}（任务 {code} 的指标：{'、'.join(own)}）", f"{en} (task {code}'s indicators: {', '.join(own)})"
            p.finding(ERROR, "reference", zh, en, i, "indicator", indicator)
        for column, zh, en in targets.target_problems(row):
            p.finding(ERROR, "platform.value", zh, en, i, column, row[column])


def _write_targets(parsed: dict, user, reason: str) -> list[TableChange]:
    rows = [row for _, row in workbook.records(parsed[TARGETS.stem])]
    tasks = dict(PlanTask.objects.filter(code__in={r["task"] for r in rows}).values_list("code", "pk"))
    values = [{"task_id": tasks[r["task"]], "year": r["year"], "content": r["content"], "indicator": r["indicator"],
               "target_value": targets.parse_value(r["target_value"]), "due_on": r["due_on"], "status": r["status"],
               "completed_on": r["completed_on"]} for r in rows]
    return [upsert(AnnualTarget, TARGET_KEY, values, user, reason, TableChange(TARGETS.stem, TARGETS.zh))]


def import_targets(path: Path, *, user=None, dry_run: bool = False, source_name: str | None = None) -> FilingImport:
    return run_import(path, targets.TARGET_TABLES, _write_targets, checks=(_check_targets,), label="年度目标导入",
                      what=targets.TARGETS_WHAT, user=user, dry_run=dry_run, source_name=source_name)


# --- the leading group ---------------------------------------------------------------------------


def member_record(m: GroupMember) -> dict:
    return {"name": m.name, "position": m.position, "group_role": m.group_role,
            "department": m.department.code if m.department_id else None, "since": m.since, "until": m.until}


def _check_members(parsed: dict) -> None:
    p = parsed.get(MEMBERS.stem)
    if p is None:
        return
    check_lengths(parsed, lambda stem: [(c, GroupMember._meta.get_field(c)) for c in ("name", "position")])
    known = list(Department.objects.values_list("code", flat=True))
    seen: dict[tuple, int] = {}
    for i, row in _rows(p):
        code = row["department"]
        if code is not None and code not in known:
            p.finding(ERROR, "reference", f"部门表中没有代码「{code}」（已有：{'、'.join(known)}）",
                      f"no department with code {code!r} (known: {', '.join(known)})", i, "department", code)
        if row["since"] is None:  # the contract's key check passes over an empty key cell
            first = seen.setdefault((row["name"], row["group_role"]), i)
            if first != i:
                p.finding(ERROR, "duplicate_key", f"姓名、小组职务、任职日期重复：与第 {p.raw.rows[first]} 行相同",
                          f"duplicate name/group_role/since: the same as row {p.raw.rows[first]}", i, "name", f"{row['name']}、{row['group_role']}、")


def _write_members(parsed: dict, user, reason: str) -> list[TableChange]:
    rows = [row for _, row in workbook.records(parsed[MEMBERS.stem])]
    departments = dict(Department.objects.values_list("code", "pk"))
    existing = set(GroupMember.objects.values_list(*MEMBER_KEY))
    order = GroupMember.objects.aggregate(m=Max("order"))["m"] or 0
    values = []
    for r in rows:
        v = {"name": r["name"], "position": r["position"], "group_role": r["group_role"],
             "department_id": departments[r["department"]] if r["department"] else None, "since": r["since"], "until": r["until"]}
        if (r["name"], r["group_role"], r["since"]) not in existing:
            order += 1
            v["order"] = order  # after the members already listed, in the file's order
        values.append(v)
    return [upsert(GroupMember, MEMBER_KEY, values, user, reason, TableChange(MEMBERS.stem, MEMBERS.zh))]


def import_members(path: Path, *, user=None, dry_run: bool = False, source_name: str | None = None) -> FilingImport:
    return run_import(path, targets.MEMBER_TABLES, _write_members, checks=(_check_members,), label="领导小组成员导入",
                      what=targets.MEMBERS_WHAT, user=user, dry_run=dry_run, source_name=source_name)


@dataclass(frozen=True)
class ListWorkbook:
    """A list of the task list that imports: its model, table, importer, row of an export, export order."""

    model: type
    tables: tuple
    run: Callable
    record: Callable
    order: tuple[str, ...]
    related: tuple[str, ...]

    def export_rows(self, qs) -> dict:
        return {self.tables[0].stem: [self.record(obj) for obj in qs.select_related(*self.related).order_by(*self.order)]}


LISTS = {  # by model name
    "annualtarget": ListWorkbook(AnnualTarget, targets.TARGET_TABLES, import_targets, target_record, ("year", "task__order", "pk"), ("task",)),
    "groupmember": ListWorkbook(GroupMember, targets.MEMBER_TABLES, import_members, member_record, ("order", "pk"), ("department",)),
}
