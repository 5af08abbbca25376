"""Protection cases and satisfaction surveys."""

from django.db import models

from ipzone import contract
from ipzone.web.core.models import ContractModel, choices


class Case(ContractModel):
    contract_stem = "cases"
    natural_key_fields = ("case_no",)

    case_no = models.CharField("案件编号", max_length=255, unique=True)
    kind = models.CharField("案件类型", max_length=8, choices=choices(contract.CASE_KINDS))
    right_kind = models.CharField("客体", max_length=8, choices=choices(contract.RIGHT_KINDS))
    opened_on = models.DateField("受理日期")
    closed_on = models.DateField("结案日期", null=True, blank=True)
    holder = models.TextField("权利人")
    respondent = models.TextField("被诉方")
    respondent_uscc = models.CharField("被诉方统一社会信用代码", max_length=18, null=True, blank=True)
    outcome = models.CharField("结果", max_length=8, null=True, blank=True, choices=choices(contract.CASE_OUTCOMES))
    amount = models.FloatField("涉案金额", null=True, blank=True, help_text="万元")
    typical = models.BooleanField("典型案例", default=False)

    class Meta:
        verbose_name = "保护案件"
        verbose_name_plural = "保护案件"
        ordering = ["-opened_on", "case_no"]


class Survey(ContractModel):
    contract_stem = "surveys"
    natural_key_fields = ("response_id",)

    response_id = models.CharField("问卷编号", max_length=255, unique=True)
    year = models.PositiveSmallIntegerField("年度")
    respondent_kind = models.TextField("受访者类型", null=True, blank=True)
    score = models.FloatField("得分")

    class Meta:
        verbose_name = "保护满意度调查"
        verbose_name_plural = "保护满意度调查"
        ordering = ["-year", "response_id"]
