import django_filters

from ipzone.web.core.filtersets import SearchFilterSet
from ipzone.web.core.models import choices
from ipzone.web.programme.models import AnnualTarget, Department, GroupMember, Meeting, PlanTask, ProgressReport


def _departments(request=None):
    return Department.objects.all()


class DepartmentFilterSet(SearchFilterSet):
    search_fields = ("code", "name", "short")

    class Meta:
        model = Department
        fields = ["q"]


class PlanTaskFilterSet(SearchFilterSet):
    search_fields = ("code", "title", "note")
    kind = django_filters.ChoiceFilter(choices=choices((PlanTask.TASK, PlanTask.SUBTASK, PlanTask.DECISION)), label="类别")
    lead = django_filters.ModelChoiceFilter(queryset=_departments, to_field_name="code", label="牵头部门")
    status = django_filters.ChoiceFilter(choices=choices(PlanTask.STATUSES), label="状态")

    class Meta:
        model = PlanTask
        fields = ["q", "kind", "lead", "status"]


class AnnualTargetFilterSet(SearchFilterSet):
    search_fields = ("content", "task__code", "indicator")
    year = django_filters.NumberFilter(label="年度")
    status = django_filters.ChoiceFilter(choices=choices((AnnualTarget.OPEN, AnnualTarget.DONE)), label="状态")

    class Meta:
        model = AnnualTarget
        fields = ["q", "year", "status"]


class ProgressReportFilterSet(SearchFilterSet):
    search_fields = ("task__code", "task__title", "content")
    year = django_filters.NumberFilter(label="年度")
    quarter = django_filters.ChoiceFilter(choices=[(q, f"第{q}季度") for q in (1, 2, 3, 4)], label="季度")
    department = django_filters.ModelChoiceFilter(queryset=_departments, to_field_name="code", label="报送部门")
    state = django_filters.ChoiceFilter(choices=choices((ProgressReport.DRAFT, ProgressReport.SUBMITTED, ProgressReport.RETURNED)), label="状态")

    class Meta:
        model = ProgressReport
        fields = ["q", "year", "quarter", "department", "state"]


class MeetingFilterSet(SearchFilterSet):
    search_fields = ("code", "title", "agenda", "minutes")
    kind = django_filters.ChoiceFilter(choices=choices(Meeting.KINDS), label="会议类型")

    class Meta:
        model = Meeting
        fields = ["q", "kind"]


class GroupMemberFilterSet(SearchFilterSet):
    search_fields = ("name", "position")
    group_role = django_filters.ChoiceFilter(choices=choices(GroupMember.ROLES), label="小组职务")

    class Meta:
        model = GroupMember
        fields = ["q", "group_role"]
