"""Service agencies, IP talents and publicity / training events."""

from django.db import models
from django.db.models import Q

from ipzone import contract
from ipzone.web.core.models import ContractModel, choices


class Agency(ContractModel):
    contract_stem = "agencies"
    natural_key_fields = ("uscc",)

    uscc = models.CharField("统一社会信用代码", max_length=18, unique=True)
    name = models.TextField("名称")
    services = models.TextField("服务类型", help_text="以 ; 分隔：" + "/".join(contract.AGENCY_SERVICES))
    joined_on = models.DateField("入驻日期")
    left_on = models.DateField("退出日期", null=True, blank=True)

    class Meta:
        verbose_name = "服务机构"
        verbose_name_plural = "服务机构"
        ordering = ["name"]

    @classmethod
    def agency_scope(cls, uscc):
        return Q(uscc=uscc)

    def __str__(self) -> str:
        return self.name


class Talent(ContractModel):
    contract_stem = "talents"
    natural_key_fields = ("person_id",)

    person_id = models.CharField("人员编号", max_length=255, unique=True)
    name = models.TextField("姓名")
    # decision (contract): the employer is an entity or an agency, so this is not a foreign key.
    employer_uscc = models.CharField("所在单位统一社会信用代码", max_length=18, db_index=True)
    patent_attorney = models.BooleanField("专利代理师")
    title = models.CharField("职称", max_length=4, choices=choices(contract.TALENT_TITLES))
    honours = models.TextField("人才称号", null=True, blank=True, help_text="以 ; 分隔")
    joined_on = models.DateField("入区日期")
    left_on = models.DateField("离区日期", null=True, blank=True)

    class Meta:
        verbose_name = "知识产权人才"
        verbose_name_plural = "知识产权人才"
        ordering = ["person_id"]

    @classmethod
    def enterprise_scope(cls, uscc):
        return Q(employer_uscc=uscc)

    @classmethod
    def agency_scope(cls, uscc):
        return Q(employer_uscc=uscc)


class Event(ContractModel):
    contract_stem = "events"
    # decision: no key in the contract; an event is its day and name (+ occurrence).
    natural_key_fields = ("held_on", "name", "occurrence")

    held_on = models.DateField("日期")
    name = models.CharField("名称", max_length=255)
    kind = models.CharField("类型", max_length=4, choices=choices(contract.EVENT_KINDS))
    theme = models.TextField("主题", null=True, blank=True)
    participants = models.PositiveIntegerField("参与人数", null=True, blank=True)
    occurrence = models.PositiveIntegerField("序号", default=1, help_text="同一日期、名称的第几条")

    class Meta:
        verbose_name = "宣传培训活动"
        verbose_name_plural = "宣传培训活动"
        ordering = ["-held_on", "name"]
        constraints = [models.UniqueConstraint(fields=["held_on", "name", "occurrence"], name="event_key")]
