"""Publicity and training (task 4) beyond the contract's ``events`` rows: an event's report for the
public portal (its campaign, organising department, a write-up, published or not) and the people
and units that took part (a training's attendance is its talents' training record).

The event itself stays the contract's row (``services.Event``: day, name, kind, theme, head count);
these records refer to it and never duplicate it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from ipzone.web.core.models import choices
from ipzone.web.core.querysets import RestrictedManager
from ipzone.web.entities.models import Entity
from ipzone.web.programme.models import Department
from ipzone.web.services.models import Event, Talent

CAMPAIGNS = ("世界知识产权日", "全国知识产权宣传周", "中国专利周", "知识产权服务万里行", "知识产权培训", "其他")


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


class EventReport(Base):
    DRAFT, PUBLISHED = "草稿", "已发布"

    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="report", verbose_name="活动")
    campaign = models.CharField("专题", max_length=10, choices=choices(CAMPAIGNS))
    organiser = models.ForeignKey(Department, on_delete=models.PROTECT, to_field="code", db_column="organiser", null=True, blank=True, related_name="events", verbose_name="主办部门")
    co_organisers = models.CharField("协办单位", max_length=500, blank=True)
    venue = models.CharField("地点", max_length=200, blank=True)
    summary = models.TextField("活动报道", help_text="在公开门户发布的文字")
    state = models.CharField("状态", max_length=3, choices=choices((DRAFT, PUBLISHED)), default=DRAFT)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "活动报道"
        verbose_name_plural = "活动报道"
        ordering = ["-event__held_on"]

    @classmethod
    def enterprise_scope(cls, uscc):
        return Q(state=cls.PUBLISHED)

    @classmethod
    def agency_scope(cls, uscc):
        return Q(state=cls.PUBLISHED)

    @classmethod
    def department_scope(cls, code):
        return Q(organiser_id=code) | Q(state=cls.PUBLISHED)

    def __str__(self) -> str:
        return f"{self.event.held_on} {self.event.name}"


class EventParticipant(Base):
    """One unit or person at an event; for a training, the talent's training record."""

    UNIT, PERSON = "单位", "个人"

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="attendance", verbose_name="活动")
    kind = models.CharField("参与者类型", max_length=2, choices=choices((UNIT, PERSON)))
    name = models.CharField("姓名或单位名称", max_length=200)
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, to_field="uscc", db_column="uscc", null=True, blank=True, related_name="event_attendance", verbose_name="单位统一社会信用代码")
    talent = models.ForeignKey(Talent, on_delete=models.PROTECT, to_field="person_id", db_column="person_id", null=True, blank=True, related_name="trainings", verbose_name="人员编号")
    organisation = models.CharField("所在单位", max_length=200, blank=True)
    hours = models.FloatField("培训学时", null=True, blank=True)
    certificate_no = models.CharField("结业证书编号", max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "活动参与者"
        verbose_name_plural = "活动参与者"
        ordering = ["-event__held_on", "pk"]

    @classmethod
    def enterprise_scope(cls, uscc):
        return Q(entity_id=uscc) | Q(talent__employer_uscc=uscc)

    @classmethod
    def agency_scope(cls, uscc):
        return Q(talent__employer_uscc=uscc)

    def __str__(self) -> str:
        return f"{self.name}（{self.event.name}）"
