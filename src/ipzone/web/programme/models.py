"""The programme's governance: departments, the task list, yearly targets, quarterly progress, the
leading group and its meetings (whose decisions are followed up as tasks).

Who sees what (``ipzone.web.core.roles``): office, leaders and admins read everything but the
departments' drafts; a department reads the task list, the departments, issued meetings and the
progress others have submitted, and its own drafts; it changes the status of what it leads and
writes its own progress reports until it submits them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ipzone.programme import progress, targets
from ipzone.web.core import roles
from ipzone.web.core.models import choices
from ipzone.web.core.querysets import RestrictedManager


class Base(models.Model):
    objects = RestrictedManager()

    class Meta:
        abstract = True

    @classmethod
    def enterprise_scope(cls, uscc):
        return None

    @classmethod
    def agency_scope(cls, uscc):
        return None

    @classmethod
    def department_scope(cls, code):
        return None

    def get_absolute_url(self) -> str:
        return reverse(f"{self._meta.app_label}:{self._meta.model_name}", args=[self.pk])


class Department(Base):
    """A department of the zone with a part in the plan (seeded from ``ipzone/programme/plan.toml``)."""

    code = models.CharField("部门代码", max_length=32, unique=True)
    name = models.CharField("名称", max_length=200)
    short = models.CharField("简称", max_length=50)
    basis = models.TextField("工作方案依据", blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["order", "code"]

    @classmethod
    def department_scope(cls, code):
        return Q()

    def __str__(self) -> str:
        return self.short or self.name


class Meeting(Base):
    """A meeting of the leading group, a joint meeting of the departments, or of the office."""

    KINDS = ("领导小组会议", "联席会议", "办公室会议")
    DRAFT, ISSUED = "草稿", "已印发"

    code = models.CharField("会议编号", max_length=50, unique=True, help_text="如 LX-2025-02")
    kind = models.CharField("会议类型", max_length=10, choices=choices(KINDS))
    title = models.CharField("会议名称", max_length=200)
    held_on = models.DateField("召开日期")
    chair = models.CharField("主持人", max_length=100, blank=True)
    location = models.CharField("地点", max_length=200, blank=True)
    attendees = models.ManyToManyField(Department, blank=True, related_name="meetings", verbose_name="参会部门")
    agenda = models.TextField("议题", blank=True)
    minutes = models.TextField("会议纪要", blank=True)
    state = models.CharField("状态", max_length=4, choices=choices((DRAFT, ISSUED)), default=DRAFT, help_text="纪要印发后各部门可见")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "会议"
        verbose_name_plural = "联席会议"
        ordering = ["-held_on", "code"]

    @classmethod
    def department_scope(cls, code):
        return Q(state=cls.ISSUED)

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class PlanTask(Base):
    """A task of the plan, one of its sub-tasks, or a meeting's decision followed up as a task."""

    TASK, SUBTASK, DECISION = "任务", "子任务", "议定事项"
    NOT_STARTED, ONGOING, DONE, CANCELLED = "未开始", "进行中", "已完成", "已取消"
    STATUSES = (NOT_STARTED, ONGOING, DONE, CANCELLED)
    ASSIGNED = (("plan", "工作方案明确"), ("decision", "办公室确定"), ("meeting", "会议议定"))

    code = models.CharField("编号", max_length=50, unique=True)
    kind = models.CharField("类别", max_length=4, choices=choices((TASK, SUBTASK, DECISION)), default=TASK)
    title = models.TextField("任务")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="subtasks", verbose_name="所属任务")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions", verbose_name="议定会议")
    section = models.CharField("工作方案部分", max_length=200, blank=True)
    lead = models.ForeignKey(Department, on_delete=models.PROTECT, to_field="code", db_column="lead", related_name="led_tasks", verbose_name="牵头部门")
    support = models.ManyToManyField(Department, blank=True, related_name="supported_tasks", verbose_name="配合部门")
    assigned = models.CharField("分工来源", max_length=10, choices=ASSIGNED, default="plan")
    basis = models.TextField("工作方案依据", blank=True)
    starts_on = models.DateField("开始日期", null=True, blank=True)
    due_on = models.DateField("完成期限")
    status = models.CharField("状态", max_length=4, choices=choices(STATUSES), default=NOT_STARTED)
    completed_on = models.DateField("完成日期", null=True, blank=True, help_text="完成或取消之日")
    note = models.TextField("情况说明", blank=True)
    order = models.PositiveIntegerField("排序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "任务"
        verbose_name_plural = "任务清单"
        ordering = ["order", "code"]

    role_actions = {roles.DEPARTMENT: {"change"}}

    @classmethod
    def department_scope(cls, code):
        return Q(meeting__isnull=True) | Q(meeting__state=Meeting.ISSUED)

    @classmethod
    def write_scope(cls, role, key):
        return Q(lead_id=key) if role == roles.DEPARTMENT else None

    @property
    def done_on(self):
        """The day it was done (a cancelled task is not done)."""
        return self.completed_on if self.status == self.DONE else None

    @property
    def reports_due(self) -> bool:
        """Top-level tasks and decisions owe quarterly progress reports; sub-tasks do not."""
        return self.kind != self.SUBTASK

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class AnnualTarget(Base):
    """A yearly rolling target of a task (滚动确定年度目标), linked to an indicator where it has one."""

    OPEN, DONE = targets.STATUSES  # 未完成 / 已完成

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="targets", verbose_name="任务")
    year = models.PositiveSmallIntegerField("年度")
    content = models.TextField("年度目标")
    indicator = models.CharField("关联指标", max_length=64, blank=True, help_text="ipzone.indicators 指标代码；数值由指标引擎计算")
    target_value = models.FloatField("目标值", null=True, blank=True, help_text="空 = 采用工作方案的年度目标路径")
    due_on = models.DateField("完成期限")
    status = models.CharField("状态", max_length=4, choices=choices((OPEN, DONE)), default=OPEN)
    completed_on = models.DateField("完成日期", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "年度目标"
        verbose_name_plural = "年度目标"
        ordering = ["-year", "task__order", "pk"]

    role_actions = {roles.DEPARTMENT: {"change"}}

    @classmethod
    def department_scope(cls, code):
        return Q()

    @classmethod
    def write_scope(cls, role, key):
        return Q(task__lead_id=key) if role == roles.DEPARTMENT else None

    @property
    def done_on(self):
        return self.completed_on if self.status == self.DONE else None

    def __str__(self) -> str:
        return f"{self.year} {self.task.code}：{self.content[:40]}"


class ProgressReport(Base):
    """A department's quarterly progress on a task. A draft is its department's alone."""

    DRAFT, SUBMITTED, RETURNED = "草稿", "已报送", "已退回"
    FLAGS = progress.FLAGS  # 正常推进 / 进度滞后 / 已完成

    task = models.ForeignKey(PlanTask, on_delete=models.PROTECT, related_name="reports", verbose_name="任务")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, to_field="code", db_column="department", related_name="reports", verbose_name="报送部门")
    year = models.PositiveSmallIntegerField("年度")
    quarter = models.PositiveSmallIntegerField("季度", choices=[(q, f"第{q}季度") for q in (1, 2, 3, 4)])
    state = models.CharField("状态", max_length=4, choices=choices((DRAFT, SUBMITTED, RETURNED)), default=DRAFT)
    percent = models.PositiveSmallIntegerField("完成进度（%）", null=True, blank=True)
    flag = models.CharField("进展判断", max_length=4, choices=choices(FLAGS), default=FLAGS[0])
    content = models.TextField("进展情况")
    problems = models.TextField("存在问题", blank=True)
    next_steps = models.TextField("下步计划", blank=True)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="报送人")
    return_note = models.TextField("退回意见", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "季度进展"
        verbose_name_plural = "季度进展"
        ordering = ["-year", "-quarter", "task__order", "department__order"]
        constraints = [models.UniqueConstraint(fields=["task", "department", "year", "quarter"], name="progress_report_key")]

    role_actions = {roles.DEPARTMENT: {"add", "change", "delete"}}

    @classmethod
    def department_scope(cls, code):
        return Q(department_id=code) | Q(state=cls.SUBMITTED)

    @classmethod
    def write_scope(cls, role, key):
        return Q(department_id=key) & ~Q(state=cls.SUBMITTED) if role == roles.DEPARTMENT else None

    @classmethod
    def private_scope(cls):
        return Q(state=cls.DRAFT)

    def __str__(self) -> str:
        return f"{self.task.code} {self.year}年第{self.quarter}季度（{self.department}）"


class GroupMember(Base):
    """A member of the leading group or of its office (三、组织领导)."""

    ROLES = targets.GROUP_ROLES  # 组长 / 副组长 / 成员 / 办公室主任 / 办公室副主任 / 办公室成员

    name = models.CharField("姓名", max_length=50)
    position = models.CharField("职务", max_length=100)
    group_role = models.CharField("小组职务", max_length=6, choices=choices(ROLES))
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True, related_name="members", verbose_name="所在部门")
    since = models.DateField("任职日期", null=True, blank=True)
    until = models.DateField("离任日期", null=True, blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "领导小组成员"
        verbose_name_plural = "领导小组成员"
        ordering = ["order", "pk"]

    @classmethod
    def department_scope(cls, code):
        return Q()

    def __str__(self) -> str:
        return f"{self.name}（{self.group_role}）"
