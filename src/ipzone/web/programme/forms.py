"""Forms of the task list. Department users get narrower forms than the office: the status of
what they lead, and their own progress reports (the department is theirs, not a choice)."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from ipzone.programme import plan, targets
from ipzone.web.core import roles
from ipzone.web.core.forms import ModelForm
from ipzone.web.programme.models import AnnualTarget, Department, GroupMember, Meeting, PlanTask, ProgressReport

DATE = {"type": "date"}


def _date_widgets(*names):
    return {n: forms.DateInput(attrs=DATE, format="%Y-%m-%d") for n in names}


class StatusRules:
    """完成 / 取消 need the day they happened, and only they have one."""

    closed = ()

    def clean(self):
        data = super().clean()
        status, day = data.get("status"), data.get("completed_on")
        if status in self.closed and not day:
            self.add_error("completed_on", f"状态为「{status}」时须填写完成日期 / a date is required when the status is {status}")
        if day and status not in self.closed:
            self.add_error("completed_on", f"状态为「{status}」时不应有完成日期 / no date unless the status is {'/'.join(self.closed)}")
        return data


class PlanTaskForm(StatusRules, ModelForm):
    closed = (PlanTask.DONE, PlanTask.CANCELLED)

    class Meta:
        model = PlanTask
        fields = ["code", "kind", "title", "parent", "meeting", "section", "lead", "support", "assigned", "basis",
                  "starts_on", "due_on", "status", "completed_on", "note", "order"]
        widgets = {**_date_widgets("starts_on", "due_on", "completed_on"), "title": forms.Textarea(attrs={"rows": 2}), "basis": forms.Textarea(attrs={"rows": 2}), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, initial_meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = PlanTask.objects.filter(kind=PlanTask.TASK)
        if initial_meeting is not None and not self.instance.pk:
            n = initial_meeting.decisions.count() + 1
            self.initial.update(meeting=initial_meeting.pk, kind=PlanTask.DECISION, assigned="meeting",
                                code=f"{initial_meeting.code}-{n}", starts_on=initial_meeting.held_on)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("due_on") and data["due_on"] < data["starts_on"]:
            self.add_error("due_on", f"完成期限（{data['due_on']}）早于开始日期（{data['starts_on']}） / due_on is before starts_on")
        kind = data.get("kind")
        if kind == PlanTask.SUBTASK and not data.get("parent"):
            self.add_error("parent", "子任务须有所属任务 / a sub-task needs its task")
        if kind == PlanTask.DECISION and not data.get("meeting"):
            self.add_error("meeting", "议定事项须有议定会议 / a decision needs its meeting")
        return data


class PlanTaskStatusForm(StatusRules, ModelForm):
    """What a lead department updates on a task it leads."""

    closed = (PlanTask.DONE, PlanTask.CANCELLED)

    class Meta:
        model = PlanTask
        fields = ["status", "completed_on", "note"]
        widgets = {**_date_widgets("completed_on"), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class AnnualTargetForm(StatusRules, ModelForm):
    closed = (AnnualTarget.DONE,)
    indicator = forms.ChoiceField(label="关联指标", required=False)

    class Meta:
        model = AnnualTarget
        fields = ["task", "year", "content", "indicator", "target_value", "due_on", "status", "completed_on"]
        widgets = {**_date_widgets("due_on", "completed_on"), "content": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = PlanTask.objects.exclude(kind=PlanTask.SUBTASK)
        self.fields["indicator"].choices = [("", "—（不关联指标）")] + plan.indicator_choices()
        self.fields["indicator"].help_text = AnnualTarget._meta.get_field("indicator").help_text

    def clean(self):
        """The workbook import's rules too (``targets.year_problems``, its key): what one takes, the other takes."""
        data = super().clean()
        for column, zh, en in targets.year_problems(data.get("year"), data.get("due_on"), data.get("completed_on")):
            self.add_error(column, f"{zh} / {en}")
        _unique(self, "content", "同一任务、年度已有这条年度目标 / this task already has this target for the year", "task", "year", "content")
        return data


class AnnualTargetStatusForm(StatusRules, ModelForm):
    closed = (AnnualTarget.DONE,)

    class Meta:
        model = AnnualTarget
        fields = ["status", "completed_on"]
        widgets = _date_widgets("completed_on")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


def reportable_tasks(department_code: str | None = None):
    """The tasks a report may be on: tasks and decisions (not sub-tasks); for a department, those it
    leads or supports, decisions once their meeting's minutes are issued. The form, the workbook
    import and the API share this rule."""
    tasks = PlanTask.objects.exclude(kind=PlanTask.SUBTASK)
    if department_code:
        tasks = tasks.filter(Q(lead_id=department_code) | Q(support__code=department_code)).filter(
            Q(meeting__isnull=True) | Q(meeting__state=Meeting.ISSUED)
        ).distinct()
    return tasks


def task_refusal(code: str, department_code: str | None = None) -> tuple[str, str]:
    """Why a report may not be on the task ``code`` (not in ``reportable_tasks``), in Chinese and English."""
    task = PlanTask.objects.filter(code=code).first()
    if task is None or (department_code and task.meeting_id and task.meeting.state != Meeting.ISSUED):
        return f"没有编号为「{code}」的任务", f"there is no task {code!r}"
    if task.kind == PlanTask.SUBTASK:
        parent = task.parent.code if task.parent else ""
        return f"「{code}」是子任务：季度进展按任务报送（{parent}）", f"{code!r} is a sub-task: progress is reported on its task ({parent})"
    return (f"本部门（{department_code}）既不牵头也不配合任务 {code}，不能报送其进展",
            f"the department {department_code!r} neither leads nor supports task {code}: it cannot report on it")


class ProgressReportForm(ModelForm):
    """A quarterly report. The office picks the department; a department user writes its own, on
    the tasks it leads or supports."""

    percent = forms.IntegerField(label="完成进度（%）", min_value=0, max_value=100, required=False)

    class Meta:
        model = ProgressReport
        fields = ["task", "department", "year", "quarter", "percent", "flag", "content", "problems", "next_steps"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ("content", "problems", "next_steps")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.department_code = roles.department_of(user) if roles.role_of(user) == roles.DEPARTMENT else None
        if self.department_code:
            del self.fields["department"]
        self.fields["task"].queryset = reportable_tasks(self.department_code)
        self.fields["year"].min_value = 2000

    def clean(self):
        data = super().clean()
        department = self.department_code or (data.get("department").code if data.get("department") else None)
        task, year, quarter = data.get("task"), data.get("year"), data.get("quarter")
        if department and task and year and quarter:
            taken = ProgressReport.objects.filter(task=task, department_id=department, year=year, quarter=quarter)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("quarter", f"本部门已有任务 {task.code} {year}年第{quarter}季度的进展 / this quarter's report already exists")
        return data

    def save(self, commit=True):
        obj = super().save(commit=False)
        if self.department_code:
            obj.department_id = self.department_code
        if commit:
            obj.save()
        return obj


class MeetingForm(ModelForm):
    class Meta:
        model = Meeting
        fields = ["code", "kind", "title", "held_on", "chair", "location", "attendees", "agenda", "minutes", "state"]
        widgets = {**_date_widgets("held_on"), "attendees": forms.CheckboxSelectMultiple, "agenda": forms.Textarea(attrs={"rows": 3}), "minutes": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class GroupMemberForm(ModelForm):
    class Meta:
        model = GroupMember
        fields = ["name", "position", "group_role", "department", "since", "until", "order"]
        widgets = _date_widgets("since", "until")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean(self):
        """The workbook import's rules too (date order, its key)."""
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", f"「离任日期」{data['until']} 早于「任职日期」{data['since']} / until {data['until']} is before since {data['since']}")
        _unique(self, "name", "已有同一姓名、小组职务、任职日期的成员 / this member is already listed", "name", "group_role", "since")
        return data


def _unique(form, field: str, message: str, *key: str) -> None:
    """The natural key of the workbook import is unique: a second row with it is refused on ``field``."""
    data = form.cleaned_data
    if any(k not in data for k in key) or form.has_error(field):
        return
    taken = form._meta.model.objects.filter(**{k: data[k] for k in key})
    if form.instance.pk:
        taken = taken.exclude(pk=form.instance.pk)
    if taken.exists():
        form.add_error(field, message)


class DepartmentForm(ModelForm):
    class Meta:
        model = Department
        fields = ["code", "name", "short", "basis", "order"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
