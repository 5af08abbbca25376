"""The task list in use: seeding it from the plan, what each department owes, what is overdue, and
the yearly assessment. Rules are ``ipzone.programme``'s; this module feeds them from the database.

"Today" is :func:`today` (the zone's calendar day), so tests can fix it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ipzone.programme import assessment, plan, schedule
from ipzone.programme.schedule import OVERDUE, Obligation
from ipzone.web.programme.models import AnnualTarget, Department, PlanTask, ProgressReport


def today() -> dt.date:
    return timezone.localdate()


# --- seeding -----------------------------------------------------------------------------------


@dataclass
class SeedResult:
    departments: int = 0
    tasks_added: int = 0
    tasks_kept: int = 0


@transaction.atomic
def seed(p: plan.Plan | None = None) -> SeedResult:
    """Departments and tasks from the plan. Idempotent: a department or task already present (by
    code) keeps what the office has changed since; only missing ones are added."""
    p = p or plan.load()
    out = SeedResult()
    for i, d in enumerate(p.departments):
        _, created = Department.objects.get_or_create(code=d.code, defaults={"name": d.name, "short": d.short, "basis": d.basis, "order": i})
        out.departments += created
    by_code: dict[str, PlanTask] = {}
    for i, t in enumerate(p.tasks):
        existing = PlanTask.objects.filter(code=t.code).first()
        if existing is not None:
            by_code[t.code] = existing
            out.tasks_kept += 1
            continue
        task = PlanTask.objects.create(
            code=t.code, kind=PlanTask.SUBTASK if t.is_subtask else PlanTask.TASK, title=t.title,
            parent=by_code.get(t.parent) if t.parent else None, section=t.section, lead_id=t.lead,
            assigned=t.assigned, basis=t.basis, starts_on=p.starts_on, due_on=p.due_on, order=i,
        )
        task.support.set(Department.objects.filter(code__in=t.support))
        by_code[t.code] = task
        out.tasks_added += 1
    return out


# --- what is owed ------------------------------------------------------------------------------


@dataclass
class Due:
    """One thing owed, with what the database says of it."""

    obligation: Obligation
    department: Department
    task: PlanTask
    quarter: int | None = None  # reports
    report: ProgressReport | None = None
    target: AnnualTarget | None = None
    as_of: dt.date = field(default_factory=today)

    @property
    def timing(self) -> str:
        return self.obligation.timing(self.as_of)

    @property
    def overdue_days(self) -> int:
        o = self.obligation
        return schedule.days_overdue(o.due_on, o.done_on, self.as_of)

    @property
    def kind_zh(self) -> str:
        if self.quarter:
            return "季度进展"
        return "年度目标" if self.target else self.task.kind


def _submitted_on(report: ProgressReport | None) -> dt.date | None:
    if report is None or report.state != ProgressReport.SUBMITTED or report.submitted_at is None:
        return None
    return timezone.localdate(report.submitted_at)


def report_dues(year: int, as_of: dt.date, departments=None, report_due_days: int | None = None) -> list[Due]:
    """Quarterly reports owed in ``year``: one per quarter the task is active in, by its lead
    department, for tasks and decisions (not sub-tasks)."""
    days = plan.load().report_due_days if report_due_days is None else report_due_days
    tasks = PlanTask.objects.exclude(kind=PlanTask.SUBTASK).select_related("lead", "meeting")
    if departments is not None:
        tasks = tasks.filter(lead__in=departments)
    reports = {
        (r.task_id, r.department_id, r.quarter): r
        for r in ProgressReport.objects.filter(year=year).select_related("department")
    }
    out = []
    for t in tasks:
        if t.meeting is not None and t.meeting.state != t.meeting.ISSUED:
            continue
        ends = t.completed_on if t.status in (PlanTask.DONE, PlanTask.CANCELLED) else None
        for q in schedule.quarters_active(year, t.starts_on, ends):
            r = reports.get((t.pk, t.lead_id, q))
            label = f"{t.code} {year}年第{q}季度进展"
            o = Obligation("report", label, schedule.report_due(year, q, days), _submitted_on(r))
            out.append(Due(o, t.lead, t, quarter=q, report=r, as_of=as_of))
    return out


def item_dues(year: int, as_of: dt.date, departments=None) -> list[Due]:
    """Tasks, sub-tasks, decisions and yearly targets due in ``year``, by their lead department."""
    tasks = PlanTask.objects.filter(due_on__year=year).exclude(status=PlanTask.CANCELLED).select_related("lead", "meeting")
    targets = AnnualTarget.objects.filter(due_on__year=year).select_related("task__lead")
    if departments is not None:
        tasks = tasks.filter(lead__in=departments)
        targets = targets.filter(task__lead__in=departments)
    out = []
    for t in tasks:
        if t.meeting is not None and t.meeting.state != t.meeting.ISSUED:
            continue
        out.append(Due(Obligation("item", f"{t.kind} {t.code}", t.due_on, t.done_on), t.lead, t, as_of=as_of))
    for g in targets:
        out.append(Due(Obligation("item", f"年度目标 {g.task.code}（{g.year}）", g.due_on, g.done_on), g.task.lead, g.task, target=g, as_of=as_of))
    return out


def overdue(as_of: dt.date | None = None, departments=None) -> list[Due]:
    """Everything overdue as of a day, any year up to it: tasks, targets, missing reports."""
    as_of = as_of or today()
    first = plan.load().starts_on.year
    out = []
    for year in range(first, as_of.year + 1):
        out += [d for d in item_dues(year, as_of, departments) + report_dues(year, as_of, departments) if d.timing == OVERDUE]
    return sorted(out, key=lambda d: (d.obligation.due_on, d.department.order, d.task.order))


# --- indicators --------------------------------------------------------------------------------


def indicator_values(year: int) -> dict[str, dict]:
    """The engine's values for the year by code (``ipzone.web.metrics``; never recomputed here).
    Empty when the engine cannot run on the data (nothing loaded yet)."""
    from ipzone.web import metrics

    try:
        data = metrics.indicators(year)
    except metrics.Unavailable:
        return {}
    return {i["code"]: i for i in data["indicators"]}


def task_indicators(task: PlanTask, year: int | None = None) -> list[str]:
    """Codes of the indicators a task serves: the catalog's for plan tasks, and its targets'."""
    codes = plan.indicator_codes(task.code) if task.kind == PlanTask.TASK else []
    targets = task.targets.exclude(indicator="")
    if year is not None:
        targets = targets.filter(year=year)
    for code in targets.values_list("indicator", flat=True):
        if code not in codes:
            codes.append(code)
    return codes


# --- assessment --------------------------------------------------------------------------------


@dataclass
class Assessed:
    department: Department
    score: assessment.Score
    dues: list[Due]
    statuses: dict[str, str | None]


def assess_year(year: int, as_of: dt.date | None = None, departments=None, criteria: assessment.Criteria | None = None) -> list[Assessed]:
    """Each department's score for ``year`` as of a day (default today)."""
    as_of = as_of or today()
    criteria = criteria or assessment.load()
    values = indicator_values(year)
    depts = list(departments if departments is not None else Department.objects.all())
    dues = report_dues(year, as_of, depts) + item_dues(year, as_of, depts)
    out = []
    for d in depts:
        mine = [x for x in dues if x.department.pk == d.pk]
        statuses: dict[str, str | None] = {}
        for t in PlanTask.objects.filter(lead=d).exclude(kind=PlanTask.SUBTASK):
            for code in task_indicators(t, year):
                statuses[code] = (values.get(code) or {}).get("status")
        score = assessment.assess(criteria, [x.obligation for x in mine], statuses, as_of)
        out.append(Assessed(d, score, mine, statuses))
    return out


def default_year() -> int:
    """The latest year with targets or reports, not after this year; else this year."""
    this = today().year
    years = [y for y in (
        AnnualTarget.objects.filter(year__lte=this).order_by("-year").values_list("year", flat=True).first(),
        ProgressReport.objects.filter(year__lte=this).order_by("-year").values_list("year", flat=True).first(),
    ) if y]
    return max(years) if years else this


def progress_summary(year: int, as_of: dt.date | None = None) -> dict:
    """The task list's year for the annual report (``ipzone.programme.annual_section``): per task
    of the plan its lead department, status, sub-tasks done, the latest submitted quarterly report
    and what is overdue on ``as_of`` (default: 31 December of the year, or today if earlier).
    Only submitted reports count: drafts stay their department's own."""
    as_of = as_of or min(dt.date(year, 12, 31), today())
    tasks = list(PlanTask.objects.filter(kind=PlanTask.TASK).select_related("lead").order_by("order", "code"))
    latest: dict[int, ProgressReport] = {}
    for r in ProgressReport.objects.filter(year=year, state=ProgressReport.SUBMITTED).order_by("quarter", "submitted_at", "pk"):
        latest[r.task_id] = r
    dues = report_dues(year, as_of) + item_dues(year, as_of)
    subtasks: dict[int, tuple[int, int]] = {}
    for s in PlanTask.objects.filter(kind=PlanTask.SUBTASK):
        done, total = subtasks.get(s.parent_id, (0, 0))
        subtasks[s.parent_id] = (done + (s.status == PlanTask.DONE), total + 1)
    rows = []
    for t in tasks:
        r = latest.get(t.pk)
        rows.append({
            "code": t.code, "title": t.title, "lead": t.lead.short or t.lead.name, "status": t.status,
            "subtasks": subtasks.get(t.pk, (0, 0)),
            "report": None if r is None else {"quarter": r.quarter, "percent": r.percent, "flag": r.flag, "content": r.content, "problems": r.problems},
            "overdue": sum(1 for d in dues if (d.task.pk == t.pk or d.task.parent_id == t.pk) and d.timing == OVERDUE),
        })
    return {"year": year, "as_of": as_of, "tasks": rows, "overdue": sum(1 for d in dues if d.timing == OVERDUE)}
