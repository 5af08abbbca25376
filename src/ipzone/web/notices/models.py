"""A notice (站内消息) to one user: what happened, where to look, whether it was read or e-mailed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

KINDS = {
    "case": "维权案件",
    "policy": "政策兑现",
    "progress": "任务进展",
    "overdue": "逾期提醒",
    "inspection": "信用监管",
}


class NoticeQuerySet(models.QuerySet):
    def restrict(self, user):
        """A user reads their own notices, and nobody else's (administrators included)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ipzone_notices", verbose_name="接收人")
    kind = models.CharField("类型", max_length=16, choices=list(KINDS.items()))
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    key = models.CharField("去重键", max_length=200, blank=True, help_text="同一接收人同一键只提醒一次（逾期提醒等）")
    created = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    emailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = "消息"
        verbose_name_plural = "消息"
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_user_unread")]
        constraints = [models.UniqueConstraint(fields=["user", "key"], condition=~Q(key=""), name="notice_user_key")]

    def __str__(self) -> str:
        return self.title
