from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ipzone.web.programme.models import AnnualTarget, Department, GroupMember, Meeting, PlanTask, ProgressReport


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "short", "order")
    search_fields = ("code", "name")


@admin.register(PlanTask)
class PlanTaskAdmin(SimpleHistoryAdmin):
    list_display = ("code", "kind", "title", "lead", "due_on", "status")
    list_filter = ("kind", "status", "lead")
    search_fields = ("code", "title")


@admin.register(AnnualTarget)
class AnnualTargetAdmin(SimpleHistoryAdmin):
    list_display = ("year", "task", "content", "indicator", "due_on", "status")


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ("task", "department", "year", "quarter", "state", "submitted_at")
    list_filter = ("state", "year", "quarter", "department")


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("code", "kind", "title", "held_on", "state")


@admin.register(GroupMember)
class GroupMemberAdmin(SimpleHistoryAdmin):
    list_display = ("name", "group_role", "position", "department")
