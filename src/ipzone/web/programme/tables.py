from ipzone.web.core.tables import ObjectTable
from ipzone.web.programme.models import AnnualTarget, Department, GroupMember, Meeting, PlanTask, ProgressReport


class DepartmentTable(ObjectTable):
    model = Department
    columns = ("short", "name", "code")


class PlanTaskTable(ObjectTable):
    model = PlanTask
    columns = ("code", "title", "kind", "lead", "due_on", "status", "completed_on")
    link = "title"
    select_related = ("lead",)


class AnnualTargetTable(ObjectTable):
    model = AnnualTarget
    columns = ("year", "task", "content", "indicator", "target_value", "due_on", "status", "completed_on")
    link = "content"
    select_related = ("task",)


class ProgressReportTable(ObjectTable):
    model = ProgressReport
    columns = ("task", "year", "quarter", "department", "state", "percent", "flag", "submitted_at")
    link = "task"
    select_related = ("task", "department")


class MeetingTable(ObjectTable):
    model = Meeting
    columns = ("code", "title", "kind", "held_on", "chair", "state")
    link = "title"


class GroupMemberTable(ObjectTable):
    model = GroupMember
    columns = ("name", "group_role", "position", "department", "since", "until")
    select_related = ("department",)
