"""Forms of the workflow. Every message for bad input is in Chinese and English (``中文 / English``):
Django's own (a missing or malformed value) through ``ipzone.web.core.forms.Form``, ours in the ``clean_*``
methods; a policy's problems come from the domain schema; attachments are checked by
``ipzone.web.uploads.AttachmentsField``.
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils import timezone

from ipzone.web.core.forms import Form
from ipzone.web.policies.models import Objection, ReviewBatch
from ipzone.web.uploads import AttachmentsField

ATTACHMENTS_AT_ONCE = 5  # to a dispute or an objection; each at most settings.ATTACHMENT_MAX_BYTES

def attachments_field(label: str = "附件") -> AttachmentsField:
    return AttachmentsField(label=label, max_files=ATTACHMENTS_AT_ONCE, max_bytes_setting="ATTACHMENT_MAX_BYTES")


class PolicyEditForm(Form):
    text = forms.CharField(label="政策文件（TOML）", widget=forms.Textarea(attrs={"rows": 36, "cols": 100, "spellcheck": "false"}), max_length=50_000)
    note = forms.CharField(label="修改说明", max_length=200)


class ComputeForm(Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    as_of = forms.DateField(label="暂缓判断日", required=False, help_text="默认今天", widget=forms.DateInput(attrs={"type": "date"}))


class ConfirmForm(Form):
    bank_account_name = forms.CharField(label="开户名称", max_length=255)
    bank_name = forms.CharField(label="开户银行", max_length=255)
    bank_account = forms.CharField(label="银行账号", max_length=40)
    contact_name = forms.CharField(label="联系人", max_length=100)
    contact_phone = forms.CharField(label="联系电话", max_length=40)

    def clean_bank_account(self):
        value = re.sub(r"[\s-]", "", self.cleaned_data["bank_account"])
        if not re.fullmatch(r"\d{8,32}", value):
            raise forms.ValidationError("银行账号应为 8–32 位数字（可含空格） / the bank account should be 8–32 digits (spaces allowed)")
        return value

    def clean_contact_phone(self):
        value = self.cleaned_data["contact_phone"].strip()
        if not re.fullmatch(r"[0-9+\-() ]{7,20}", value):
            raise forms.ValidationError("联系电话应为 7–20 位数字，可含 + - ( ) 和空格 / the phone number should be 7–20 digits; + - ( ) and spaces allowed")
        return value


class DisputeForm(Form):
    reason = forms.CharField(label="异议理由", widget=forms.Textarea(attrs={"rows": 5}), max_length=2000)
    attachments = attachments_field()


class ReviewForm(Form):
    decision = forms.ChoiceField(label="决定", choices=[(ReviewBatch.APPROVE, "核准"), (ReviewBatch.REJECT, "不予核准")])
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    ids = forms.TypedMultipleChoiceField(label="对象", coerce=int)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = choices


class AnnounceForm(Form):
    starts_on = forms.DateField(label="公示开始", widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.IntegerField(label="公示天数", min_value=1, max_value=30, initial=7)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"starts_on": timezone.localdate(), "days": 7})
        super().__init__(*args, **kwargs)


class PayForm(Form):
    ids = forms.TypedMultipleChoiceField(label="对象", coerce=int)
    paid_on = forms.DateField(label="支付日期", widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label="支付凭证号", max_length=100)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = choices

    def clean_paid_on(self):
        d = self.cleaned_data["paid_on"]
        if d > timezone.localdate() + dt.timedelta(days=1):
            raise forms.ValidationError("支付日期不能晚于今天 / the payment date cannot be later than today")
        return d


class ObjectionForm(Form):
    entitlement = forms.TypedChoiceField(label="针对的对象（可不选）", coerce=int, required=False, empty_value=None)
    name = forms.CharField(label="异议人姓名或单位", max_length=100)
    contact = forms.CharField(label="联系方式", max_length=100)
    reason = forms.CharField(label="异议内容", widget=forms.Textarea(attrs={"rows": 5}), max_length=2000)
    attachments = attachments_field("证明材料")

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entitlement"].choices = [("", "（整个公示）")] + list(choices)


class ResolveForm(Form):
    decision = forms.ChoiceField(label="处理结果", choices=[(Objection.UPHELD, "异议成立（该对象不予核准）"), (Objection.DISMISSED, "异议不成立")])
    resolution = forms.CharField(label="处理意见", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
