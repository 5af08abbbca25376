"""A generated report: what, for which year or period, in which format, by whom, from which data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ipzone.web.core.querysets import RestrictedManager

KINDS = [("annual", "年度监测报告"), ("bulletin", "工作简报"), ("protection", "知识产权保护状况")]
FORMATS = [("docx", "Word（.docx）"), ("pdf", "PDF"), ("xlsx", "Excel（.xlsx）")]
COUNTINGS = [("first", "第一权利人计数"), ("whole", "整体计数"), ("fractional", "分数计数")]


QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STATES = [(QUEUED, "排队中"), (RUNNING, "生成中"), (DONE, "已完成"), (FAILED, "失败")]


class ReportRun(models.Model):
    """One report file kept under ``$IPZONE_HOME/reports/``; office, admin and leaders download it.
    A run asked for in the platform is made in the background: 排队中 → 生成中 → 已完成 or 失败."""

    kind = models.CharField("报告", max_length=20, choices=KINDS)
    state = models.CharField("状态", max_length=8, choices=STATES, default=DONE)
    error = models.TextField("失败原因", blank=True)
    finished = models.DateTimeField("完成时间", null=True, blank=True)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    period = models.CharField("期间", max_length=10, blank=True, help_text="工作简报：2023-Q3 或 2023-07")
    fmt = models.CharField("格式", max_length=5, choices=FORMATS)
    counting = models.CharField("计数规则", max_length=12, choices=COUNTINGS, default="first")
    title = models.CharField("标题", max_length=300, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="生成人")
    created = models.DateTimeField("生成时间", default=timezone.now)
    data_version = models.PositiveBigIntegerField("数据版本", null=True, blank=True)
    data_updated = models.DateTimeField("数据更新时间", null=True, blank=True)
    file = models.CharField("文件", max_length=255, blank=True, help_text="相对 $IPZONE_HOME/reports/ 的文件名")
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    missing = models.PositiveIntegerField("缺数据项", default=0)

    objects = RestrictedManager()

    class Meta:
        verbose_name = "报告"
        verbose_name_plural = "报告"
        ordering = ["-created", "-pk"]

    # enterprises and agencies see no reports (restrict() gives them nothing: a 404 by id)
    @classmethod
    def enterprise_scope(cls, uscc: str) -> Q | None:
        return None

    @classmethod
    def agency_scope(cls, uscc: str) -> Q | None:
        return None

    @property
    def period_label(self) -> str:
        return self.period or (f"{self.year}年" if self.year else "")

    @property
    def pending(self) -> bool:
        return self.state in (QUEUED, RUNNING)

    @property
    def filename(self) -> str:
        """The download's name: the report's title, the period, the format."""
        stem = self.title if not self.period else f"{self.title}（{self.period}）"
        return f"{stem}.{self.fmt}"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_label} {self.fmt}"
