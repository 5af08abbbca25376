"""Pledge financing and licences / transfers."""

from django.db import models
from django.db.models import Q

from ipzone import contract
from ipzone.web.core.models import ContractModel, choices
from ipzone.web.entities.models import Entity
from ipzone.web.patents.models import Patent


class Pledge(ContractModel):
    contract_stem = "pledges"
    natural_key_fields = ("registration_no",)

    registration_no = models.CharField("登记号", max_length=255, unique=True)
    registered_on = models.DateField("登记日期")
    pledgor = models.ForeignKey(
        Entity, to_field="uscc", db_column="pledgor_uscc", on_delete=models.PROTECT, related_name="pledges", verbose_name="出质人统一社会信用代码"
    )
    pledgee = models.TextField("质权人")
    amount = models.FloatField("质押金额", help_text="万元")
    guarantor = models.TextField("担保机构", null=True, blank=True)
    insurer = models.TextField("保险机构", null=True, blank=True)
    application_nos = models.TextField("涉及申请号", null=True, blank=True, help_text="以 ; 分隔")
    trademark_nos = models.TextField("涉及商标注册号", null=True, blank=True, help_text="以 ; 分隔")
    released_on = models.DateField("注销日期", null=True, blank=True)

    class Meta:
        verbose_name = "质押登记"
        verbose_name_plural = "质押登记"
        ordering = ["-registered_on", "registration_no"]

    @classmethod
    def enterprise_scope(cls, uscc):
        return Q(pledgor_id=uscc)


class Transaction(ContractModel):
    contract_stem = "transactions"
    natural_key_fields = ("record_no",)

    record_no = models.CharField("备案号", max_length=255, unique=True)
    kind = models.CharField("类型", max_length=4, choices=choices(contract.TRANSACTION_KINDS))
    patent = models.ForeignKey(
        Patent, to_field="application_no", db_column="application_no", on_delete=models.PROTECT, related_name="transactions", verbose_name="申请号"
    )
    dated = models.DateField("日期")
    from_name = models.TextField("许可方或转让方")
    from_entity = models.ForeignKey(
        Entity, to_field="uscc", db_column="from_uscc", on_delete=models.PROTECT, null=True, blank=True,
        related_name="transactions_out", verbose_name="许可方或转让方统一社会信用代码",
    )
    to_name = models.TextField("被许可方或受让方")
    to_entity = models.ForeignKey(
        Entity, to_field="uscc", db_column="to_uscc", on_delete=models.PROTECT, null=True, blank=True,
        related_name="transactions_in", verbose_name="被许可方或受让方统一社会信用代码",
    )
    amount = models.FloatField("金额", null=True, blank=True, help_text="万元；空 = 未披露")

    class Meta:
        verbose_name = "许可转让"
        verbose_name_plural = "许可转让"
        ordering = ["-dated", "record_no"]

    @classmethod
    def enterprise_scope(cls, uscc):
        return Q(from_entity_id=uscc) | Q(to_entity_id=uscc)
