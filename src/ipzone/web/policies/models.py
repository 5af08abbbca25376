"""Policies, their versions, computed entitlements, claims, review, announcement and payment.

The rules live in ``ipzone.policies`` (no Django there); these models keep what the office did
with them. Every model has history (who, when, what). "Nothing is paid twice" is the database's
job: :class:`Payment` has a unique ``once_key`` (``ipzone.policies.once_key``: the item, and —
depending on the policy's ``[exclusions] once`` — the policy and the year), and one payment per
entitlement item.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from ipzone.web.policies.querysets import (
    ComputationQuerySet,
    EntitlementQuerySet,
    OfficeQuerySet,
    PolicyQuerySet,
)

User = settings.AUTH_USER_MODEL


def attachment_storage() -> FileSystemStorage:
    """Attachments live under $IPZONE_HOME/attachments, never in a public static folder."""
    return FileSystemStorage(location=settings.HOME / "attachments", file_permissions_mode=0o600)


class Policy(models.Model):
    name = models.SlugField("名称", max_length=63, unique=True)
    title = models.CharField("标题", max_length=200)
    created = models.DateTimeField("创建时间", default=timezone.now)

    objects = PolicyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "政策"
        verbose_name_plural = "政策"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.title}（{self.name}）"

    def get_absolute_url(self) -> str:
        return reverse("policies:policy", args=[self.pk])

    @property
    def current(self) -> PolicyVersion | None:
        return self.versions.order_by("-version").first()


class PolicyVersion(models.Model):
    """One version of a policy file. Versions are never edited: a change is a new version."""

    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="versions", verbose_name="政策")
    version = models.PositiveIntegerField("版本")
    text = models.TextField("政策文件（TOML）")
    note = models.CharField("修改说明", max_length=200)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="修改人")
    created = models.DateTimeField("时间", default=timezone.now)

    objects = PolicyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "政策版本"
        verbose_name_plural = "政策版本"
        ordering = ["policy", "-version"]
        constraints = [models.UniqueConstraint(fields=["policy", "version"], name="policy_version_unique")]

    def __str__(self) -> str:
        return f"{self.policy.name} 第 {self.version} 版"

    def parsed(self):
        from ipzone.policies import load_text

        return load_text(self.text, f"{self.policy.name} 第 {self.version} 版", version=self.version)


class Computation(models.Model):
    """Entitlements of one policy version for one year, computed from the data version of the day."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="computations", verbose_name="政策版本")
    year = models.PositiveSmallIntegerField("年度")
    data_version = models.PositiveBigIntegerField("数据版本")
    as_of = models.DateField("暂缓判断日")
    computed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="核算人")
    computed = models.DateTimeField("核算时间", default=timezone.now)
    total = models.DecimalField("合计（万元）", max_digits=14, decimal_places=4, default=0)
    budget = models.DecimalField("预算（万元）", max_digits=14, decimal_places=4, null=True, blank=True)
    excluded = models.JSONField("未享受", default=list)
    notes = models.JSONField("说明", default=list)
    superseded = models.BooleanField("已被新的核算取代", default=False)

    objects = ComputationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "政策核算"
        verbose_name_plural = "政策核算"
        ordering = ["-year", "-computed"]

    def __str__(self) -> str:
        return f"{self.version} · {self.year} 年度"

    def get_absolute_url(self) -> str:
        return reverse("policies:computation", args=[self.pk])


class ReviewBatch(models.Model):
    """One review decision of the office over many entitlements."""

    APPROVE, REJECT = "approve", "reject"
    decision = models.CharField("决定", max_length=8, choices=[(APPROVE, "核准"), (REJECT, "不予核准")])
    reason = models.TextField("理由")
    count = models.PositiveIntegerField("件数", default=0)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="审核人")
    created = models.DateTimeField("时间", default=timezone.now)

    objects = OfficeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "审核批次"
        verbose_name_plural = "审核批次"
        ordering = ["-created"]


class Entitlement(models.Model):
    COMPUTED, CONFIRMED, DISPUTED, APPROVED, REJECTED, PAID, WITHDRAWN = (
        "computed", "confirmed", "disputed", "approved", "rejected", "paid", "withdrawn",
    )
    STATUSES = [
        (COMPUTED, "待确认"),
        (CONFIRMED, "已确认"),
        (DISPUTED, "有异议"),
        (APPROVED, "已核准"),
        (REJECTED, "不予核准"),
        (PAID, "已支付"),
        (WITHDRAWN, "已撤销"),
    ]
    CLAIMABLE = (COMPUTED, DISPUTED, CONFIRMED)  # the beneficiary may still confirm or dispute
    REVIEWABLE = (CONFIRMED, DISPUTED)

    computation = models.ForeignKey(Computation, on_delete=models.PROTECT, related_name="entitlements", verbose_name="核算")
    uscc = models.CharField("统一社会信用代码", max_length=18, null=True, blank=True, db_index=True)
    name = models.CharField("名称", max_length=255)
    amount = models.DecimalField("金额（万元）", max_digits=14, decimal_places=4)
    status = models.CharField("状态", max_length=10, choices=STATUSES, default=COMPUTED, db_index=True)
    bank_account_name = models.CharField("开户名称", max_length=255, blank=True)
    bank_name = models.CharField("开户银行", max_length=255, blank=True)
    bank_account = models.CharField("银行账号", max_length=40, blank=True)
    contact_name = models.CharField("联系人", max_length=100, blank=True)
    contact_phone = models.CharField("联系电话", max_length=40, blank=True)
    claimed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="确认人")
    claimed = models.DateTimeField("确认或异议时间", null=True, blank=True)
    on_behalf = models.BooleanField("办公室代为确认", default=False)
    dispute_reason = models.TextField("异议理由", blank=True)
    review_reason = models.TextField("审核理由", blank=True)
    reviewed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="审核人")
    reviewed = models.DateTimeField("审核时间", null=True, blank=True)
    batch = models.ForeignKey(ReviewBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="entitlements", verbose_name="审核批次")
    paid_on = models.DateField("支付日期", null=True, blank=True)
    payment_reference = models.CharField("支付凭证号", max_length=100, blank=True)

    objects = EntitlementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "政策待遇"
        verbose_name_plural = "政策待遇"
        ordering = ["computation", "uscc", "name"]
        constraints = [models.UniqueConstraint(fields=["computation", "uscc", "name"], name="entitlement_unique_beneficiary")]

    def __str__(self) -> str:
        return f"{self.name} · {self.computation}"

    def get_absolute_url(self) -> str:
        return reverse("policies:entitlement", args=[self.pk])

    @property
    def status_label(self) -> str:
        return self.get_status_display()

    @property
    def amount_text(self) -> str:
        from ipzone.policies.entitlements import fmt

        return fmt(self.amount)


class EntitlementItem(models.Model):
    entitlement = models.ForeignKey(Entitlement, on_delete=models.CASCADE, related_name="items", verbose_name="政策待遇")
    kind = models.CharField("类型", max_length=8, choices=[("patent", "专利"), ("pledge", "质押")])
    item_no = models.CharField("编号", max_length=255)
    date = models.DateField("日期", null=True, blank=True)
    base = models.DecimalField("基数（万元）", max_digits=14, decimal_places=4, null=True, blank=True)
    amount = models.DecimalField("金额（万元）", max_digits=14, decimal_places=4)
    steps = models.JSONField("核算说明", default=list)
    once_key = models.CharField("只奖补一次的键", max_length=400)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "待遇项目"
        verbose_name_plural = "待遇项目"
        ordering = ["entitlement", "item_no"]
        constraints = [models.UniqueConstraint(fields=["entitlement", "kind", "item_no"], name="entitlement_item_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.item_no}"


class Attachment(models.Model):
    """A file to a dispute (``entitlement``: the enterprise and the office see it) or to an
    objection to a 公示 (``objection``: only the roles that see objections); one of the two."""

    entitlement = models.ForeignKey(Entitlement, on_delete=models.PROTECT, null=True, blank=True, related_name="attachments", verbose_name="政策待遇")
    objection = models.ForeignKey("Objection", on_delete=models.PROTECT, null=True, blank=True, related_name="attachments", verbose_name="公示异议")
    file = models.FileField("文件", storage=attachment_storage, upload_to="%Y/%m/")
    name = models.CharField("原文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")
    uploaded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="上传人")
    uploaded = models.DateTimeField("上传时间", default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["uploaded"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(entitlement__isnull=False, objection__isnull=True) | models.Q(entitlement__isnull=True, objection__isnull=False),
                name="attachment_of_one",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Announcement(models.Model):
    """公示: the approved beneficiaries of a computation, public for a set period."""

    computation = models.ForeignKey(Computation, on_delete=models.PROTECT, related_name="announcements", verbose_name="核算")
    starts_on = models.DateField("公示开始")
    ends_on = models.DateField("公示结束（含当日）")
    note = models.TextField("说明", blank=True)
    entitlements = models.ManyToManyField(Entitlement, related_name="announcements", verbose_name="公示名单")
    snapshot = models.JSONField("公示内容", default=list)  # what the public saw: name, amount, items
    published_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="发布人")
    published = models.DateTimeField("发布时间", default=timezone.now)

    objects = OfficeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "公示"
        verbose_name_plural = "公示"
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.computation} 公示（{self.starts_on} 至 {self.ends_on}）"

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on

    def is_over(self, today=None) -> bool:
        return (today or timezone.localdate()) > self.ends_on


class Objection(models.Model):
    OPEN, UPHELD, DISMISSED = "open", "upheld", "dismissed"
    announcement = models.ForeignKey(Announcement, on_delete=models.PROTECT, related_name="objections", verbose_name="公示")
    entitlement = models.ForeignKey(Entitlement, on_delete=models.PROTECT, null=True, blank=True, related_name="objections", verbose_name="针对的对象")
    name = models.CharField("异议人", max_length=100)
    contact = models.CharField("联系方式", max_length=100)
    reason = models.TextField("异议内容")
    filed = models.DateTimeField("提出时间", default=timezone.now)
    status = models.CharField("处理状态", max_length=10, choices=[(OPEN, "待处理"), (UPHELD, "异议成立"), (DISMISSED, "异议不成立")], default=OPEN)
    resolution = models.TextField("处理意见", blank=True)
    resolved_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="处理人")
    resolved = models.DateTimeField("处理时间", null=True, blank=True)

    objects = OfficeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "公示异议"
        verbose_name_plural = "公示异议"
        ordering = ["-filed"]


class Payment(models.Model):
    """One item paid. ``once_key`` is unique: the database refuses to pay an item twice."""

    item = models.OneToOneField(EntitlementItem, on_delete=models.PROTECT, related_name="payment", verbose_name="待遇项目")
    once_key = models.CharField("只奖补一次的键", max_length=400, unique=True)
    policy = models.CharField("政策", max_length=63)
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("类型", max_length=8)
    item_no = models.CharField("编号", max_length=255)
    uscc = models.CharField("统一社会信用代码", max_length=18, null=True, blank=True)
    amount = models.DecimalField("金额（万元）", max_digits=14, decimal_places=4)
    paid_on = models.DateField("支付日期")
    reference = models.CharField("支付凭证号", max_length=100)
    recorded_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="登记人")
    recorded = models.DateTimeField("登记时间", default=timezone.now)

    objects = OfficeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "支付记录"
        verbose_name_plural = "支付记录"
        ordering = ["-paid_on", "policy", "item_no"]

    def __str__(self) -> str:
        return f"{self.policy} {self.year} {self.item_no}"

    @property
    def amount_text(self) -> str:
        from ipzone.policies.entitlements import fmt

        return fmt(self.amount)
