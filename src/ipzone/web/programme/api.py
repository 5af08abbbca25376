from ninja import Router

from ipzone.web.core.schemas import plain_api
from ipzone.web.programme import filtersets
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
