"""创新主体 and what is recorded per entity: yearly economic data and qualifications."""

from django.db import models
from django.db.models import Q

from ipzone import contract
from ipzone.web.core.models import ContractModel, choices


class Entity(ContractModel):
    contract_stem = "entities"
    natural_key_fields = ("uscc",)

    uscc = models.CharField("统一社会信用代码", max_length=18, unique=True)
    name = models.TextField("名称")
    kind = models.CharField("主体类型", max_length=8, choices=choices(contract.ENTITY_KINDS))
    industry_code = models.CharField("行业代码", max_length=4, null=True, blank=True, help_text="GB/T 4754-2017 小类，4 位")
    founded = models.DateField("成立日期", null=True, blank=True)
    in_zone = models.BooleanField("区内")

    class Meta:
        verbose_name = "创新主体"
        verbose_name_plural = "创新主体"
        ordering = ["uscc"]

    @classmethod
    def enterprise_scope(cls, uscc):
        return Q(uscc=uscc)

    def __str__(self) -> str:
        return f"{self.name}（{self.uscc}）"


class EntityYear(ContractModel):
    contract_stem = "entity_year"
    natural_key_fields = ("uscc", "year")

    entity = models.ForeignKey(
        Entity, to_field="uscc", db_column="uscc", on_delete=models.PROTECT, related_name="years", verbose_name="统一社会信用代码"
    )
    year = models.PositiveSmallIntegerField("年度")
    value_added = models.FloatField("增加值", null=True, blank=True, help_text="万元")
    revenue = models.FloatField("营业收入", null=True, blank=True, help_text="万元")
    rd = models.FloatField("R&D经费", null=True, blank=True, help_text="万元")

    class Meta:
        verbose_name = "主体年度经济数据"
        verbose_name_plural = "主体年度经济数据"
        ordering = ["entity", "year"]
        constraints = [models.UniqueConstraint(fields=["entity", "year"], name="entity_year_key")]

    @classmethod
    def enterprise_scope(cls, uscc):
        return Q(entity_id=uscc)


class Qualification(ContractModel):
    contract_stem = "qualifications"
    # decision: the contract gives no key; a qualification is its holder, kind and first valid day
    # (plus the occurrence of that triple in the file).
    natural_key_fields = ("uscc", "kind", "valid_from", "occurrence")

    entity = models.ForeignKey(
        Entity, to_field="uscc", db_column="uscc", on_delete=models.PROTECT, related_name="qualifications", verbose_name="统一社会信用代码"
    )
    kind = models.CharField("资质类型", max_length=16, choices=choices(contract.QUALIFICATION_KINDS))
    certificate_no = models.CharField("证书编号", max_length=255, null=True, blank=True)
    valid_from = models.DateField("生效日期", help_text="首个有效日")
    valid_to = models.DateField("失效日期", null=True, blank=True, help_text="最后有效日（含），空 = 长期有效")
    occurrence = models.PositiveIntegerField("序号", default=1, help_text="同一主体、类型、生效日期的第几条")

    class Meta:
        verbose_name = "企业资质"
        verbose_name_plural = "企业资质"
        ordering = ["entity", "kind", "valid_from"]
        constraints = [models.UniqueConstraint(fields=["entity", "kind", "valid_from", "occurrence"], name="qualification_key")]

    @classmethod
    def enterprise_scope(cls, uscc):
        return Q(entity_id=uscc)
