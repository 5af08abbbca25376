"""Pages of the task list: lists, details and forms of each model (generic views as configuration),
the leading group's one-page view, a department's own page, the assessment and its export."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from simple_history.utils import update_change_reason

from ipzone.programme import assessment, plan
from ipzone.programme.schedule import LATE, ON_TIME, OVERDUE, PENDING
from ipzone.web.core import roles
from ipzone.web.core import views as generic
from ipzone.web.core.downloads import list_workbook, template_file, xlsx_file
from ipzone.web.core.importing import handle_import
from ipzone.web.core.registry import register_model_view
from ipzone.web.programme import filtersets, forms, tables, tracking, workbooks
from ipzone.web.programme.models import AnnualTarget, Department, GroupMember, Meeting, PlanTask, ProgressReport

TIMING_CLASS = {ON_TIME: "ok", LATE: "near", OVERDUE: "behind", PENDING: "none"}
STATUS_CLASS = {"达标": "ok", "接近": "near", "滞后": "behind"}


class UserFormEditView(generic.ObjectEditView):
    """An edit view whose form depends on the user: ``forms_by_role`` (role → form), else ``form``."""

    forms_by_role: dict = {}

    def form_class(self):
        return self.forms_by_role.get(roles.role_of(self.request.user), self.form)

    def form_kwargs(self) -> dict:
        return {}

    def form_for(self, data=None, files=None, instance=None):
        return self.form_class()(data, files, instance=instance, user=self.request.user, **self.form_kwargs())

    def save(self, form, obj):
        saved = form.save()
        return saved


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return tracking.default_year()
    return year if 2000 <= year <= 2100 else tracking.default_year()


def _require(request, allowed) -> None:
    if roles.role_of(request.user) not in allowed:
        raise PermissionDenied


def _record(obj, reason: str) -> None:
    update_change_reason(obj, reason)


class ExportableListView(generic.ObjectListView):
    """A list with 导出 Excel: the rows the user may read, with the list's filters (``export``)."""

    def export_url(self) -> str:
        return reverse("programme:export", args=[self.model._meta.model_name])


# --- departments -------------------------------------------------------------------------------


@register_model_view(Department, "list")
class DepartmentListView(generic.ObjectListView):
    queryset = Department.objects.all()
    filterset = filtersets.DepartmentFilterSet
    table = tables.DepartmentTable


@register_model_view(Department)
class DepartmentView(generic.ObjectView):
    queryset = Department.objects.all()
    detail_fields = ("code", "name", "short", "basis")
    related = (
        generic.Related("牵头任务", tables.PlanTaskTable, "lead", limit=200),
        generic.Related("配合任务", tables.PlanTaskTable, "support", limit=200),
        generic.Related("领导小组成员", tables.GroupMemberTable, "department"),
    )

    def get_extra_context(self, obj) -> dict:
        year = _year(self.request)
        as_of = tracking.today()
        dues = tracking.report_dues(year, as_of, [obj]) + tracking.item_dues(year, as_of, [obj])
        dues.sort(key=lambda d: (d.obligation.due_on, d.task.order))
        return {"year": year, "as_of": as_of, "dues": [_due_row(self.request.user, d) for d in dues]}


@register_model_view(Department, "add")
@register_model_view(Department, "edit")
class DepartmentEditView(UserFormEditView):
    queryset = Department.objects.all()
    form = forms.DepartmentForm


@register_model_view(Department, "delete")
class DepartmentDeleteView(generic.ObjectDeleteView):
    queryset = Department.objects.all()


# --- tasks -------------------------------------------------------------------------------------


@register_model_view(PlanTask, "list")
class PlanTaskListView(ExportableListView):
    queryset = PlanTask.objects.all()
    filterset = filtersets.PlanTaskFilterSet
    table = tables.PlanTaskTable


@register_model_view(PlanTask)
class PlanTaskView(generic.ObjectView):
    queryset = PlanTask.objects.select_related("lead", "parent", "meeting")
    detail_fields = ("code", "kind", "title", "parent", "meeting", "section", "lead", "support", "assigned", "basis",
                     "starts_on", "due_on", "status", "completed_on", "note")
    related = (
        generic.Related("子任务", tables.PlanTaskTable, "parent"),
        generic.Related("年度目标", tables.AnnualTargetTable, "task"),
        generic.Related("季度进展", tables.ProgressReportTable, "task", limit=60),
    )

    def get_extra_context(self, obj) -> dict:
        year = _year(self.request)
        as_of = tracking.today()
        values = tracking.indicator_values(year) if roles.role_of(self.request.user) in roles.ALL_DATA | {roles.DEPARTMENT} else {}
        indicators = []
        for code in tracking.task_indicators(obj, year):
            v = values.get(code) or {"code": code, "name": plan.indicator_name(code)}
            indicators.append({**v, "status_class": STATUS_CLASS.get(v.get("status") or "", "none")})
        from ipzone.programme.schedule import timing

        return {"year": year, "indicators": indicators, "timing": timing(obj.due_on, obj.done_on, as_of), "as_of": as_of}


@register_model_view(PlanTask, "add")
@register_model_view(PlanTask, "edit")
class PlanTaskEditView(UserFormEditView):
    queryset = PlanTask.objects.all()
    form = forms.PlanTaskForm
    forms_by_role = {roles.DEPARTMENT: forms.PlanTaskStatusForm}

    def form_kwargs(self) -> dict:
        if self.form_class() is not forms.PlanTaskForm:
            return {}
        pk = self.request.GET.get("meeting") or self.request.POST.get("meeting")
        meeting = Meeting.objects.filter(pk=pk).first() if pk and str(pk).isdigit() else None
        return {"initial_meeting": meeting}


@register_model_view(PlanTask, "delete")
class PlanTaskDeleteView(generic.ObjectDeleteView):
    queryset = PlanTask.objects.all()


# --- yearly targets ----------------------------------------------------------------------------


@register_model_view(AnnualTarget, "list")
class AnnualTargetListView(ExportableListView):
    template_name = "programme/workbook_list.html"
    queryset = AnnualTarget.objects.all()
    filterset = filtersets.AnnualTargetFilterSet
    table = tables.AnnualTargetTable


@register_model_view(AnnualTarget)
class AnnualTargetView(generic.ObjectView):
    queryset = AnnualTarget.objects.select_related("task")
    detail_fields = ("task", "year", "content", "indicator", "target_value", "due_on", "status", "completed_on")

    def get_extra_context(self, obj) -> dict:
        value = tracking.indicator_values(obj.year).get(obj.indicator) if obj.indicator else None
        if value is not None:
            value = {**value, "status_class": STATUS_CLASS.get(value.get("status") or "", "none")}
        return {"indicator_value": value}


@register_model_view(AnnualTarget, "add")
@register_model_view(AnnualTarget, "edit")
class AnnualTargetEditView(UserFormEditView):
    queryset = AnnualTarget.objects.all()
    form = forms.AnnualTargetForm
    forms_by_role = {roles.DEPARTMENT: forms.AnnualTargetStatusForm}


@register_model_view(AnnualTarget, "delete")
class AnnualTargetDeleteView(generic.ObjectDeleteView):
    queryset = AnnualTarget.objects.all()


# --- progress reports ----------------------------------------------------------------------------


@register_model_view(ProgressReport, "list")
class ProgressReportListView(ExportableListView):
    template_name = "programme/progressreport_list.html"
    queryset = ProgressReport.objects.all()
    filterset = filtersets.ProgressReportFilterSet
    table = tables.ProgressReportTable


@register_model_view(ProgressReport)
class ProgressReportView(generic.ObjectView):
    queryset = ProgressReport.objects.select_related("task", "department", "submitted_by")
    detail_fields = ("task", "department", "year", "quarter", "state", "percent", "flag", "content", "problems",
                     "next_steps", "submitted_at", "submitted_by", "return_note")

    def get_extra_context(self, obj) -> dict:
        user = self.request.user
        mine = ProgressReport.objects.restrict(user, "change").filter(pk=obj.pk).exists()
        return {
            "can_submit": mine and obj.state != ProgressReport.SUBMITTED,
            "can_return": roles.role_of(user) in roles.WRITERS and obj.state == ProgressReport.SUBMITTED,
        }


@register_model_view(ProgressReport, "add")
@register_model_view(ProgressReport, "edit")
class ProgressReportEditView(UserFormEditView):
    queryset = ProgressReport.objects.all()
    form = forms.ProgressReportForm
    template_name = "programme/progressreport_edit.html"

    def get(self, request, pk=None):
        if pk is None:  # 填报 from a department's page: ?task=&year=&quarter=
            self.initial = {k: request.GET[k] for k in ("task", "year", "quarter") if request.GET.get(k, "").isdigit()}
        return super().get(request, pk)

    def form_for(self, data=None, files=None, instance=None):
        form = super().form_for(data, files, instance)
        if data is None and instance is None:
            form.initial.update(getattr(self, "initial", {}))
        return form

    def save(self, form, obj):
        report = form.save(commit=False)
        user = self.request.user
        if "submit" in self.request.POST or roles.role_of(user) in roles.WRITERS:
            # the office enters reports it received: they count as submitted when entered
            report.state = ProgressReport.SUBMITTED
            report.submitted_at = timezone.now()
            report.submitted_by = user
        report.save()
        return report


@register_model_view(ProgressReport, "delete")
class ProgressReportDeleteView(generic.ObjectDeleteView):
    queryset = ProgressReport.objects.all()


@login_required
@require_POST
def report_submit(request, pk: int):
    """A department submits its draft (or a returned report) to the office."""
    if not roles.can(request.user, "change", ProgressReport):
        raise PermissionDenied
    report = get_object_or_404(ProgressReport.objects.restrict(request.user, "change"), pk=pk)
    with transaction.atomic():
        report.state = ProgressReport.SUBMITTED
        report.submitted_at = timezone.now()
        report.submitted_by = request.user
        report.save()
        _record(report, "报送")
    messages.success(request, f"已报送：{report}")
    return redirect(report.get_absolute_url())


@login_required
@require_POST
def report_return(request, pk: int):
    """The office returns a submitted report to its department, saying why."""
    _require(request, roles.WRITERS)
    report = get_object_or_404(ProgressReport.objects.restrict(request.user, "change"), pk=pk, state=ProgressReport.SUBMITTED)
    note = request.POST.get("note", "").strip()
    if not note:
        messages.error(request, "退回须写明意见 / say why the report is returned")
        return redirect(report.get_absolute_url())
    with transaction.atomic():
        report.state = ProgressReport.RETURNED
        report.return_note = note
        report.save()
        _record(report, f"退回：{note}"[:100])
    messages.success(request, f"已退回：{report}")
    return redirect(report.get_absolute_url())


# --- meetings and the leading group --------------------------------------------------------------


@register_model_view(Meeting, "list")
class MeetingListView(ExportableListView):
    queryset = Meeting.objects.all()
    filterset = filtersets.MeetingFilterSet
    table = tables.MeetingTable


@register_model_view(Meeting)
class MeetingView(generic.ObjectView):
    queryset = Meeting.objects.all()
    detail_fields = ("code", "kind", "title", "held_on", "chair", "location", "attendees", "agenda", "minutes", "state")
    related = (generic.Related("议定事项（跟踪任务）", tables.PlanTaskTable, "meeting"),)

    def get_extra_context(self, obj) -> dict:
        writer = roles.role_of(self.request.user) in roles.WRITERS
        return {"can_add_decision": writer, "can_issue": writer and obj.state == Meeting.DRAFT}


@register_model_view(Meeting, "add")
@register_model_view(Meeting, "edit")
class MeetingEditView(UserFormEditView):
    queryset = Meeting.objects.all()
    form = forms.MeetingForm


@register_model_view(Meeting, "delete")
class MeetingDeleteView(generic.ObjectDeleteView):
    queryset = Meeting.objects.all()


@login_required
@require_POST
def meeting_issue(request, pk: int):
    """Issue the minutes: the meeting and its decisions become visible to the departments."""
    _require(request, roles.WRITERS)
    meeting = get_object_or_404(Meeting.objects.restrict(request.user, "change"), pk=pk)
    with transaction.atomic():
        meeting.state = Meeting.ISSUED
        meeting.save()
        _record(meeting, "印发纪要")
    messages.success(request, f"已印发：{meeting}")
    return redirect(meeting.get_absolute_url())


@register_model_view(GroupMember, "list")
class GroupMemberListView(ExportableListView):
    template_name = "programme/workbook_list.html"
    queryset = GroupMember.objects.all()
    filterset = filtersets.GroupMemberFilterSet
    table = tables.GroupMemberTable


@register_model_view(GroupMember)
class GroupMemberView(generic.ObjectView):
    queryset = GroupMember.objects.select_related("department")


@register_model_view(GroupMember, "add")
@register_model_view(GroupMember, "edit")
class GroupMemberEditView(UserFormEditView):
    queryset = GroupMember.objects.all()
    form = forms.GroupMemberForm


@register_model_view(GroupMember, "delete")
class GroupMemberDeleteView(generic.ObjectDeleteView):
    queryset = GroupMember.objects.all()


# --- the one-page view, a department's page, the assessment ------------------------------------


def _due_row(user, d: tracking.Due) -> dict:
    report = d.report
    if report is not None and not ProgressReport.objects.restrict(user, "view").filter(pk=report.pk).exists():
        report = None
    return {
        "kind": d.kind_zh, "task": d.task, "quarter": d.quarter, "target": d.target, "department": d.department,
        "due_on": d.obligation.due_on, "done_on": d.obligation.done_on, "timing": d.timing,
        "timing_class": TIMING_CLASS[d.timing], "overdue_days": d.overdue_days, "report": report,
    }


@login_required
def board(request):
    """The leading group's one page: every task of the plan, its progress, what is overdue."""
    _require(request, roles.ALL_DATA)
    year = _year(request)
    as_of = tracking.today()
    tasks = list(PlanTask.objects.filter(kind=PlanTask.TASK).select_related("lead").prefetch_related("support"))
    if not tasks:
        return render(request, "programme/board.html", {"year": year, "empty": True, "can_seed": roles.role_of(request.user) in roles.WRITERS})
    values = tracking.indicator_values(year)
    reports = {}
    for r in ProgressReport.objects.restrict(request.user, "view").filter(year=year, state=ProgressReport.SUBMITTED).order_by("quarter"):
        reports[r.task_id] = r  # the latest quarter submitted
    dues = tracking.report_dues(year, as_of) + tracking.item_dues(year, as_of)
    subtasks = {}
    for s in PlanTask.objects.filter(kind=PlanTask.SUBTASK):
        done, total = subtasks.get(s.parent_id, (0, 0))
        subtasks[s.parent_id] = (done + (s.status == PlanTask.DONE), total + 1)
    rows = []
    for t in tasks:
        codes = tracking.task_indicators(t, year)
        statuses = [(values.get(c) or {}).get("status") for c in codes]
        mine = [d for d in dues if d.task.pk == t.pk or (d.task.parent_id == t.pk)]
        rows.append({
            "task": t, "report": reports.get(t.pk), "subtasks": subtasks.get(t.pk, (0, 0)),
            "indicators": {s: statuses.count(s) for s in ("达标", "接近", "滞后")}, "indicator_count": len(codes),
            "indicators_missing": sum(1 for c in codes if c in values and values[c].get("value") is None),  # 缺数据: no status
            "overdue": sum(1 for d in mine if d.timing == OVERDUE),
        })
    counted = [d for d in dues if d.timing != PENDING]
    summary = {
        "tasks": len(tasks),
        "done": sum(1 for t in tasks if t.status == PlanTask.DONE),
        "reports_due": sum(1 for d in counted if d.quarter),
        "reports_on_time": sum(1 for d in counted if d.quarter and d.timing == ON_TIME),
        "overdue": sum(1 for d in dues if d.timing == OVERDUE),
    }
    overdue = [_due_row(request.user, d) for d in tracking.overdue(as_of)]
    meetings = Meeting.objects.restrict(request.user).prefetch_related("decisions")[:5]
    return render(request, "programme/board.html", {
        "year": year, "as_of": as_of, "rows": rows, "summary": summary, "overdue": overdue, "meetings": meetings,
        "main": [{**(values.get(c) or {"code": c, "name": c}), "status_class": STATUS_CLASS.get((values.get(c) or {}).get("status") or "", "none")} for c in _main_codes()],
    })


def _main_codes() -> list[str]:
    from ipzone.indicators.catalog import MAIN

    return [i.code for i in MAIN]


@login_required
def mine(request):
    """A department's own page: what it owes this year, what is overdue, its reports."""
    if roles.role_of(request.user) != roles.DEPARTMENT:
        raise Http404
    code = roles.department_of(request.user)
    department = get_object_or_404(Department, code=code)
    year = _year(request)
    as_of = tracking.today()
    dues = tracking.report_dues(year, as_of, [department]) + tracking.item_dues(year, as_of, [department])
    dues.sort(key=lambda d: (d.obligation.due_on, d.task.order))
    overdue = tracking.overdue(as_of, [department])
    reports = ProgressReport.objects.restrict(request.user).filter(department=department, year=year).select_related("task")
    return render(request, "programme/mine.html", {
        "department": department, "year": year, "as_of": as_of,
        "dues": [_due_row(request.user, d) for d in dues], "overdue": [_due_row(request.user, d) for d in overdue],
        "reports": tables.ProgressReportTable(list(reports)),
        "led": PlanTask.objects.filter(lead=department).exclude(kind=PlanTask.SUBTASK).count(),
    })


def _assessed(request, year):
    role = roles.role_of(request.user)
    if role in roles.ALL_DATA:
        departments = None
    elif role == roles.DEPARTMENT:
        departments = Department.objects.filter(code=roles.department_of(request.user))
    else:
        raise PermissionDenied
    return tracking.assess_year(year, tracking.today(), departments)


@login_required
def assessment_page(request):
    year = _year(request)
    results = _assessed(request, year)
    criteria = assessment.load()
    return render(request, "programme/assessment.html", {
        "year": year, "as_of": tracking.today(), "criteria": criteria, "results": [_assessed_row(a, criteria) for a in results],
    })


def _assessed_row(a: tracking.Assessed, criteria) -> dict:
    parts = []
    for p in a.score.parts:
        parts.append({"code": p.criterion.code, "counted": p.counted, "met": p.met, "ratio": p.ratio, "points": a.score.points(p.criterion.code), "details": p.details})
    return {"department": a.department, "score": a.score.score, "grade": a.score.grade, "parts": parts}


@login_required
def assessment_xlsx(request):
    """The assessment as a workbook: one row per department, then the items behind each score."""
    from ipzone.web.programme.exports import assessment_workbook

    year = _year(request)
    results = _assessed(request, year)
    buf = assessment_workbook(year, tracking.today(), results, assessment.load(), io.BytesIO())
    buf.seek(0)
    return FileResponse(buf, as_attachment=True, filename=f"{year}年度部门知识产权工作考核.xlsx")


@login_required
@require_POST
def seed_view(request):
    _require(request, roles.WRITERS)
    result = tracking.seed()
    messages.success(request, f"已从工作方案建立任务清单：新增部门 {result.departments} 个、任务 {result.tasks_added} 项")
    return redirect("programme:board")


# --- exports and the quarterly progress workbook ---------------------------------------------------

TASK_FIELDS = ("code", "kind", "title", "parent", "meeting", "section", "lead", "support", "assigned", "starts_on", "due_on", "status", "completed_on", "note")
EXPORTS = {  # model name → (model, sheet, fields, order); targets and members: workbooks.LISTS (they import back)
    "plantask": (PlanTask, "任务清单", TASK_FIELDS, ("order", "code")),
    "meeting": (Meeting, "联席会议", ("code", "kind", "title", "held_on", "chair", "location", "attendees", "agenda", "minutes", "state"), ("held_on", "code")),
}
DECISION_FIELDS = ("meeting", "code", "title", "lead", "support", "starts_on", "due_on", "status", "completed_on", "note")
FILTERSETS = {PlanTask: filtersets.PlanTaskFilterSet, AnnualTarget: filtersets.AnnualTargetFilterSet, Meeting: filtersets.MeetingFilterSet,
              GroupMember: filtersets.GroupMemberFilterSet, ProgressReport: filtersets.ProgressReportFilterSet}


@login_required
def export(request, model_name: str):
    """A list as .xlsx: the rows the user may read (``restrict``: never another department's draft),
    with the list's filters. Quarterly progress, yearly targets and the leading group come in their
    import's layout (they import back); a meeting's decisions come on a second sheet."""
    from ipzone.web.programme import imports

    if model_name == "progressreport":
        qs = FILTERSETS[ProgressReport](request.GET, queryset=ProgressReport.objects.restrict(request.user, "view"), request=request).qs
        rows = [imports.record(r) for r in qs.select_related("task").order_by("year", "quarter", "task__order", "department__order")]
        return xlsx_file(lambda path: imports.write(path, rows), "季度进展.xlsx")
    if model_name in workbooks.LISTS:
        wb = workbooks.LISTS[model_name]
        qs = FILTERSETS[wb.model](request.GET, queryset=wb.model.objects.restrict(request.user, "view"), request=request).qs
        return template_file(wb.export_rows(qs), wb.tables, f"{wb.tables[0].zh}.xlsx")
    if model_name not in EXPORTS:
        raise Http404
    model, title, fields, order = EXPORTS[model_name]
    qs = FILTERSETS[model](request.GET, queryset=model.objects.restrict(request.user, "view"), request=request).qs.order_by(*order)
    sheets = [(title, model, qs, fields)]
    if model is Meeting:
        decisions = PlanTask.objects.restrict(request.user, "view").filter(meeting__in=qs).order_by("meeting__held_on", "code")
        sheets.append(("议定事项", PlanTask, decisions, DECISION_FIELDS))
    return xlsx_file(lambda path: list_workbook(sheets, str(path)), f"{title}.xlsx")


def _importer(request) -> str | None:
    """Who may import quarterly progress: the office (any department) or a department user (its own)."""
    role = roles.role_of(request.user)
    if role in roles.WRITERS:
        return None
    if role == roles.DEPARTMENT and roles.department_of(request.user):
        return roles.department_of(request.user)
    raise PermissionDenied


def _last_quarter() -> tuple[int, int]:
    """The quarter that ended last: the one whose report is due now."""
    from ipzone.programme.schedule import quarter_of

    today = tracking.today()
    q = quarter_of(today) - 1
    return (today.year, q) if q else (today.year - 1, 4)


def _year_quarter(request) -> tuple[int, int]:
    year, quarter = _last_quarter()
    q = request.GET.get("quarter", "")
    if "year" in request.GET:
        year = _year(request)
    return year, int(q) if q in ("1", "2", "3", "4") else quarter


@login_required
def progress_template(request):
    """The quarterly progress a department owes for ?year=&quarter= as a workbook to fill in: one row
    per task or decision it leads that is active in the quarter (its report's values if it has one).
    The office gets every department's (or ?department=CODE's)."""
    own = _importer(request)
    year, quarter = _year_quarter(request)
    code = own or request.GET.get("department") or None
    departments = None
    if code:
        departments = Department.objects.filter(code=code)
        if not departments.exists():
            raise Http404
    from ipzone.web.programme import imports

    rows = imports.template_rows(year, quarter, departments, request.user)
    name = f"季度进展-{code or '全部部门'}-{year}年第{quarter}季度.xlsx"
    return xlsx_file(lambda path: imports.write(path, rows), name)


@login_required
@require_http_methods(["GET", "POST"])
def progress_import(request):
    """Upload a quarterly progress workbook: every row saved as a draft, or submitted (导入并报送);
    any error and nothing is written, the findings on the page and as a workbook."""
    own = _importer(request)
    from ipzone.web.programme.imports import import_progress

    year, quarter = _year_quarter(request)
    context = {"department": own, "year": year, "quarter": quarter, "quarters": (1, 2, 3, 4),
               "departments": Department.objects.all() if own is None else (), "office": own is None}
    return handle_import(request, import_progress, "programme/progress_import.html", context, "programme:progress_import_errors",
                         options={"submit": "submit" in request.POST})


def _list_importer(request, model_name: str) -> workbooks.ListWorkbook:
    """Yearly targets and the leading group are imported by the office and admins only."""
    wb = workbooks.LISTS[model_name]
    if not roles.can(request.user, "import", wb.model):
        raise PermissionDenied
    return wb


@login_required
def list_template(request, model_name: str):
    """The blank template of yearly targets or of the leading group (the export is the same, filled in)."""
    wb = _list_importer(request, model_name)
    return template_file({}, wb.tables, f"ipzone-{wb.tables[0].zh}模板.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def list_import(request, model_name: str):
    """Upload a workbook of yearly targets or of the leading group: all of it, or nothing and the findings."""
    wb = _list_importer(request, model_name)
    context = {"model_name": model_name, "opts": wb.model._meta, "tables": wb.tables}
    return handle_import(request, wb.run, "programme/list_import.html", context, f"programme:{model_name}_import_errors")
