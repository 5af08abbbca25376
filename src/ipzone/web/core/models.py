"""The base of every contract model, and the platform's own records: profiles, API tokens, data state."""

from __future__ import annotations

import hashlib
import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ipzone.web.core.querysets import RestrictedManager


def choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


class ContractModel(models.Model):
    """A row of a contract table: natural key unique, history of every change (who and when)."""

    contract_stem: ClassVar[str] = ""
    natural_key_fields: ClassVar[tuple[str, ...]] = ()

    objects = RestrictedManager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    # Object-level scopes: the rows an enterprise / agency user linked to ``uscc`` may read.
    # None: none of them.
    @classmethod
    def enterprise_scope(cls, uscc: str) -> Q | None:
        return None

    @classmethod
    def agency_scope(cls, uscc: str) -> Q | None:
        return None

    def get_absolute_url(self) -> str:
        return reverse(f"{self._meta.app_label}:{self._meta.model_name}", args=[self.pk])

    def natural_key(self) -> tuple:
        from ipzone.web.core.bindings import binding

        return tuple(getattr(self, a) for a in binding(type(self)).key)

    def __str__(self) -> str:
        return " / ".join(str(v) for v in self.natural_key() if v not in (None, ""))


class Profile(models.Model):
    """Links a user to the enterprise or agency (by 统一社会信用代码), or to the department (by its
    code, ``programme.Department``), whose data they may read."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ipzone_profile", verbose_name="用户")
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True, db_index=True)
    # decision: a code, not a foreign key, so that core does not depend on the programme app.
    department = models.CharField("部门代码", max_length=32, blank=True, db_index=True)

    class Meta:
        verbose_name = "用户资料"
        verbose_name_plural = "用户资料"

    def __str__(self) -> str:
        return f"{self.user} ({self.uscc or self.department or '—'})"


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ipzone_tokens", verbose_name="用户")
    name = models.CharField("名称", max_length=100, blank=True)
    digest = models.CharField("摘要", max_length=64, unique=True)
    created = models.DateTimeField("创建时间", default=timezone.now)
    last_used = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = "API 令牌"
        verbose_name_plural = "API 令牌"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str = "") -> str:
        token = "ipz_" + secrets.token_urlsafe(32)
        cls.objects.create(user=user, name=name, digest=cls.hash(token))
        return token

    def __str__(self) -> str:
        return f"{self.user} {self.name or self.digest[:8]}"


# Sent (after the commit) each time the data version changes: ``ipzone serve`` recomputes the
# dashboard's numbers in the background then (``metrics.warm_soon``).
data_changed = Signal()


class DataState(models.Model):
    """One row: the data version (bumped by every import and edit) and the tables ever loaded."""

    version = models.PositiveBigIntegerField("数据版本", default=0)
    present = models.JSONField("已载入的表", default=list)
    updated = models.DateTimeField("更新时间", default=timezone.now)

    class Meta:
        verbose_name = "数据状态"
        verbose_name_plural = "数据状态"

    @classmethod
    def current(cls) -> DataState:
        return cls.objects.get_or_create(pk=1)[0]

    @classmethod
    def bump(cls, present: set[str] | frozenset[str] = frozenset()) -> DataState:
        with transaction.atomic():
            state, _ = cls.objects.select_for_update().get_or_create(pk=1)
            state.version += 1
            state.present = sorted(set(state.present) | set(present))
            state.updated = timezone.now()
            state.save()
            transaction.on_commit(lambda: data_changed.send(sender=cls, version=state.version))
        return state
