"""The task list's API: records of each model (read), and writing quarterly progress.

Writing progress goes through the web form's own validation (``forms.ProgressReportForm``,
``forms.reportable_tasks``) and the queryset's permissions: a department writes its own reports
on the tasks it leads or supports, until it submits them; the office returns a submitted report
with a reason. History records the user and "接口编辑" / "报送" / "退回：…".
"""

from django.db import transaction
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field, create_model
from simple_history.utils import update_change_reason

from ipzone.web.core import roles
from ipzone.web.core.schemas import field_types, field_values, plain_api
from ipzone.web.programme import filtersets
from ipzone.web.programme.forms import ProgressReportForm, reportable_tasks, task_refusal
from ipzone.web.programme.models import AnnualTarget, Department, GroupMember, Meeting, PlanTask, ProgressReport

router = Router(tags=["任务清单与组织保障"])
plain_api(router, Department, "departments", filtersets.DepartmentFilterSet, ("code", "name", "short", "basis"), order=("order", "code"))
plain_api(
    router, PlanTask, "tasks", filtersets.PlanTaskFilterSet,
    ("code", "kind", "title", "parent", "meeting", "section", "lead", "support", "assigned", "basis", "starts_on", "due_on", "status", "completed_on", "note"),
    order=("order", "code"),
)
plain_api(router, AnnualTarget, "annual-targets", filtersets.AnnualTargetFilterSet,
          ("task", "year", "content", "indicator", "target_value", "due_on", "status", "completed_on"), order=("year", "pk"))
plain_api(router, ProgressReport, "progress-reports", filtersets.ProgressReportFilterSet,
          ("task", "department", "year", "quarter", "state", "percent", "flag", "content", "problems", "next_steps", "submitted_at", "return_note"),
          order=("year", "quarter", "pk"))
plain_api(router, Meeting, "meetings", filtersets.MeetingFilterSet,
          ("code", "kind", "title", "held_on", "chair", "location", "attendees", "agenda", "minutes", "state"), order=("held_on", "code"))
plain_api(router, GroupMember, "group-members", filtersets.GroupMemberFilterSet,
          ("name", "position", "group_role", "department", "since", "until"), order=("order", "pk"))


# --- writing quarterly progress ----------------------------------------------------------------

REPORT_FIELDS = ("task", "department", "year", "quarter", "state", "percent", "flag", "content", "problems", "next_steps", "submitted_at", "return_note")
ReportOut = create_model("ProgressReportWritten", __base__=Schema, id=(int, Field(description="平台内部编号")), **field_types(ProgressReport, REPORT_FIELDS))


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


class ProgressIn(Schema):
    task: str = Field(description="任务编号，如 7")
    year: int
    quarter: int
    department: str | None = Field(None, description="部门代码（办公室填写；部门用户即本部门）")
    percent: int | None = None
    flag: str = Field(ProgressReport.FLAGS[0], description="/".join(ProgressReport.FLAGS))
    content: str
    problems: str = ""
    next_steps: str = ""
    submit: bool = Field(False, description="true：保存并报送")


class ProgressPatch(Schema):
    task: str | None = None
    year: int | None = None
    quarter: int | None = None
    department: str | None = None
    percent: int | None = None
    flag: str | None = None
    content: str | None = None
    problems: str | None = None
    next_steps: str | None = None
    submit: bool = False


class ReturnIn(Schema):
    note: str = Field(description="退回意见")


RESPONSES = {200: ReportOut, 201: ReportOut, 403: Problem, 404: Problem, 422: Problem}


def _out(r: ProgressReport) -> dict:
    return {"id": r.pk, **field_values(r, REPORT_FIELDS)}


def _own(user) -> str | None:
    return roles.department_of(user) if roles.role_of(user) == roles.DEPARTMENT else None


def _writable(user, pk: int):
    """The report if the user may change it, else (status, problem) saying why."""
    obj = ProgressReport.objects.restrict(user, "change").filter(pk=pk).first()
    if obj is not None:
        return obj, None
    seen = ProgressReport.objects.restrict(user, "view").filter(pk=pk).first()
    if seen is None:  # another department's draft is not confirmed to exist
        return None, Status(404, {"detail": f"没有编号为 {pk} 的季度进展 / no progress report {pk}"})
    if not roles.can(user, "change", ProgressReport):
        return None, Status(403, {"detail": "无权修改季度进展 / you may not change progress reports"})
    if seen.department_id != _own(user):
        return None, Status(403, {"detail": f"只能修改本部门的进展：这是 {seen.department_id} 的 / you change your own department's reports only: this is {seen.department_id}'s"})
    return None, Status(403, {"detail": "已报送的进展不能修改 / a submitted report cannot be changed"})


def _submit(report: ProgressReport, user) -> None:
    report.state, report.submitted_at, report.submitted_by = ProgressReport.SUBMITTED, timezone.now(), user


def _save(request, data: dict, instance: ProgressReport | None):
    """Through the web form, as the form page saves: (status, body)."""
    user = request.auth
    own = _own(user)
    task = reportable_tasks(own).filter(code=data["task"]).first()
    if task is None:
        zh, en = task_refusal(data["task"], own)
        missing = zh.startswith("没有")
        return Status(404 if missing else 403, {"detail": f"{zh} / {en}"})
    fields = {k: "" if data.get(k) is None else str(data[k]) for k in ("year", "quarter", "department", "percent", "flag", "content", "problems", "next_steps")}
    form = ProgressReportForm({**fields, "task": str(task.pk)}, instance=instance, user=user)
    if not form.is_valid():
        errors = {k: [str(m) for m in v] for k, v in form.errors.items()}
        shown = "；".join(f"{k}：{'，'.join(v)}" for k, v in errors.items())
        return Status(422, {"detail": f"填报内容有误 / the report is not valid: {shown}", "errors": errors})
    with transaction.atomic():
        report = form.save(commit=False)
        if data.get("submit") or roles.role_of(user) in roles.WRITERS:  # the office's entries count as submitted, as in the form
            _submit(report, user)
        report._history_user = user
        report.save()
        update_change_reason(report, "接口编辑")
    return Status(201 if instance is None else 200, _out(report))


@router.post("/progress-reports", response=RESPONSES, summary="填报季度进展", operation_id="create_progress_report")
def create_progress_report(request, payload: ProgressIn):
    if not roles.can(request.auth, "add", ProgressReport):
        return Status(403, {"detail": "无权填报季度进展 / you may not write progress reports"})
    return _save(request, payload.model_dump(), None)


@router.patch("/progress-reports/{id}", response=RESPONSES, summary="修改未报送的季度进展", operation_id="update_progress_report")
def update_progress_report(request, id: int, payload: ProgressPatch):
    obj, refusal = _writable(request.auth, id)
    if refusal:
        return refusal
    data = {"task": obj.task.code, "year": obj.year, "quarter": obj.quarter, "department": obj.department_id, "percent": obj.percent,
            "flag": obj.flag, "content": obj.content, "problems": obj.problems, "next_steps": obj.next_steps}
    data.update(payload.model_dump(exclude_unset=True))
    return _save(request, data, obj)


@router.post("/progress-reports/{id}/submit", response=RESPONSES, summary="报送季度进展", operation_id="submit_progress_report")
def submit_progress_report(request, id: int):
    obj, refusal = _writable(request.auth, id)
    if refusal:
        return refusal
    with transaction.atomic():
        _submit(obj, request.auth)
        obj._history_user = request.auth
        obj.save()
        update_change_reason(obj, "报送")
    return Status(200, _out(obj))


@router.post("/progress-reports/{id}/return", response=RESPONSES, summary="退回季度进展（办公室）", operation_id="return_progress_report")
def return_progress_report(request, id: int, payload: ReturnIn):
    user = request.auth
    if roles.role_of(user) not in roles.WRITERS:
        return Status(403, {"detail": "只有知识产权办公室可以退回季度进展 / only the IP office returns progress reports"})
    obj = ProgressReport.objects.restrict(user, "change").filter(pk=id, state=ProgressReport.SUBMITTED).first()
    if obj is None:
        return Status(404, {"detail": f"没有编号为 {id} 的已报送季度进展 / no submitted progress report {id}"})
    note = payload.note.strip()
    if not note:
        return Status(422, {"detail": "退回须写明意见 / say why the report is returned"})
    with transaction.atomic():
        obj.state, obj.return_note = ProgressReport.RETURNED, note
        obj._history_user = user
        obj.save()
        update_change_reason(obj, f"退回：{note}"[:100])
    return Status(200, _out(obj))
