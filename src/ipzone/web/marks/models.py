"""Trademarks and geographical indications."""

from django.db import models
from django.db.models import Q

from ipzone import contract
from ipzone.web.core.models import ContractModel, choices
from ipzone.web.entities.models import Entity


class Trademark(ContractModel):
    contract_stem = "trademarks"
    natural_key_fields = ("registration_no",)

    registration_no = models.CharField("注册号", max_length=255, unique=True)
    name = models.TextField("商标名称")
    owner = models.ForeignKey(
        Entity, to_field="uscc", db_column="owner_uscc", on_delete=models.PROTECT, related_name="trademarks", verbose_name="注册人统一社会信用代码"
    )
    kind = models.CharField("商标类型", max_length=8, choices=choices(contract.TRADEMARK_KINDS))
    registered_on = models.DateField("注册日期")
    expires_on = models.DateField("专用权期限")
    well_known_on = models.DateField("驰名商标认定日期", null=True, blank=True)
    geographical_indication = models.BooleanField("地理标志", default=False)

    class Meta:
        verbose_name = "商标"
        verbose_name_plural = "商标"
        ordering = ["-registered_on", "registration_no"]

    @classmethod
    def enterprise_scope(cls, uscc):
        return Q(owner_id=uscc)


class GeoProduct(ContractModel):
    contract_stem = "geo_products"
    natural_key_fields = ("name",)

    name = models.CharField("名称", max_length=255, unique=True)
    kind = models.CharField("保护类型", max_length=16, choices=choices(contract.GEO_KINDS))
    approved_on = models.DateField("批准日期")

    class Meta:
        verbose_name = "地理标志产品"
        verbose_name_plural = "地理标志产品"
        ordering = ["name"]


class GeoOutput(ContractModel):
    contract_stem = "geo_output"
    natural_key_fields = ("name", "year")

    product = models.ForeignKey(
        GeoProduct, to_field="name", db_column="name", on_delete=models.PROTECT, related_name="outputs", verbose_name="名称"
    )
    year = models.PositiveSmallIntegerField("年度")
    output = models.FloatField("产值", help_text="万元")

    class Meta:
        verbose_name = "地理标志产值"
        verbose_name_plural = "地理标志产值"
        ordering = ["product", "year"]
        constraints = [models.UniqueConstraint(fields=["product", "year"], name="geo_output_key")]
