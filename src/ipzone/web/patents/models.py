"""Patents, their owners, PCT filings and awards."""

from django.db import models
from django.db.models import Q

from ipzone import contract
from ipzone.web.core.models import ContractModel, choices
from ipzone.web.entities.models import Entity


def owned_by(uscc: str):
    """Application numbers of the patents ``uscc`` is a patentee of."""
    return PatentOwner.objects.filter(entity_id=uscc).values("patent_id")


class Patent(ContractModel):
    contract_stem = "patents"
    natural_key_fields = ("application_no",)

    application_no = models.CharField("申请号", max_length=32, unique=True)
    kind = models.CharField("专利类型", max_length=8, choices=choices(contract.PATENT_KINDS))
    title = models.TextField("名称")
    abstract = models.TextField("摘要", null=True, blank=True)
    filing_date = models.DateField("申请日")
    grant_date = models.DateField("授权公告日", null=True, blank=True, help_text="空 = 未授权")
    ipc = models.TextField("IPC分类号", null=True, blank=True, help_text="以 ; 分隔，第一个为主分类号")
    lapse_date = models.DateField("失效日", null=True, blank=True)
    lapse_reason = models.CharField("失效原因", max_length=8, null=True, blank=True, choices=choices(contract.LAPSE_REASONS))
    pct_no = models.CharField("PCT国际申请号", max_length=32, null=True, blank=True)
    overseas_family_grants = models.PositiveIntegerField("海外同族专利权数", default=0)

    class Meta:
        verbose_name = "专利"
        verbose_name_plural = "专利"
        ordering = ["-filing_date", "application_no"]
        indexes = [
            models.Index(fields=["kind", "filing_date"]),
            models.Index(fields=["-filing_date", "application_no"], name="patent_list_order"),  # the list's order: no sort
        ]

    @classmethod
    def enterprise_scope(cls, uscc):
        return Q(application_no__in=owned_by(uscc))

    def __str__(self) -> str:
        return f"{self.application_no} {self.title}"


class PatentOwner(ContractModel):
    contract_stem = "patent_owners"
    natural_key_fields = ("application_no", "position")

    patent = models.ForeignKey(
        Patent, to_field="application_no", db_column="application_no", on_delete=models.CASCADE, related_name="owners", verbose_name="申请号"
    )
    position = models.PositiveIntegerField("顺序", help_text="1 = 第一权利人")
    name = models.TextField("权利人名称")
    entity = models.ForeignKey(
        Entity, to_field="uscc", db_column="uscc", on_delete=models.PROTECT, null=True, blank=True,
        related_name="patent_ownerships", verbose_name="统一社会信用代码", help_text="自然人为空",
    )
    in_zone = models.BooleanField("区内")

    class Meta:
        verbose_name = "专利权人"
        verbose_name_plural = "专利权人"
        ordering = ["patent_id", "position"]  # the key's index; "patent" would sort by the patent's own ordering
        constraints = [models.UniqueConstraint(fields=["patent", "position"], name="patent_owner_key")]

    @classmethod
    def enterprise_scope(cls, uscc):
        return Q(patent_id__in=owned_by(uscc))


class PctFiling(ContractModel):
    contract_stem = "pct_filings"
    natural_key_fields = ("pct_no",)

    pct_no = models.CharField("PCT国际申请号", max_length=32, unique=True)
    filing_date = models.DateField("国际申请日")
    entity = models.ForeignKey(
        Entity, to_field="uscc", db_column="uscc", on_delete=models.PROTECT, related_name="pct_filings", verbose_name="申请人统一社会信用代码"
    )

    class Meta:
        verbose_name = "PCT国际申请"
        verbose_name_plural = "PCT国际申请"
        ordering = ["-filing_date"]

    @classmethod
    def enterprise_scope(cls, uscc):
        return Q(entity_id=uscc)


class Award(ContractModel):
    contract_stem = "awards"
    # decision: no key in the contract; an award is its winner, award, grade and year (+ occurrence).
    natural_key_fields = ("uscc", "award", "grade", "year", "occurrence")

    award = models.CharField("奖项", max_length=255, help_text="中国专利奖/山西省专利奖/国家科学技术奖/…")
    grade = models.CharField("等级", max_length=255, help_text="金奖/银奖/优秀奖/一等奖/…")
    year = models.PositiveSmallIntegerField("年度")
    entity = models.ForeignKey(
        Entity, to_field="uscc", db_column="uscc", on_delete=models.PROTECT, related_name="awards", verbose_name="获奖单位统一社会信用代码"
    )
    patent = models.ForeignKey(
        Patent, to_field="application_no", db_column="application_no", on_delete=models.PROTECT, null=True, blank=True,
        related_name="awards", verbose_name="申请号",
    )
    occurrence = models.PositiveIntegerField("序号", default=1, help_text="同一单位、奖项、等级、年度的第几条")

    class Meta:
        verbose_name = "获奖"
        verbose_name_plural = "获奖"
        ordering = ["-year", "award"]
        constraints = [models.UniqueConstraint(fields=["entity", "award", "grade", "year", "occurrence"], name="award_key")]

    @classmethod
    def enterprise_scope(cls, uscc):
        return Q(entity_id=uscc)
