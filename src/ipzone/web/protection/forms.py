"""Forms of the case workflow, the settings and typical cases.

Identifiers are read with the import's own parsers (a 统一社会信用代码 is checked as ``ipzone
check`` checks it), so the workflow never writes a contract row an import would refuse.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from ipzone import contract
from ipzone.codes import parse_uscc
from ipzone.protection import workflow as wf
from ipzone.values import Problem, parse_code
from ipzone.web.core import roles
from ipzone.web.core.forms import Form, ModelForm
from ipzone.web.protection.models import (
    AUTHORITY, COURT, OFFICE, SOURCES, Case, Document, FilingListing, Proceeding, ProtectionSettings, Transfer, TypicalCase,
)
from ipzone.web.uploads import AttachmentsField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_FILES, MAX_PER_CASE = 10, 100  # files per upload, per case (each at most settings.CASE_FILE_MAX_BYTES)


def files_field(label: str, required: bool = False) -> AttachmentsField:
    return AttachmentsField(label=label, required=required, max_files=MAX_FILES, max_bytes_setting="CASE_FILE_MAX_BYTES")


def _choices(values) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


def handlers():
    """Who may handle a case: office users and admins."""
    User = get_user_model()
    return User.objects.filter(is_active=True).filter(Q(groups__name=roles.OFFICE) | Q(is_superuser=True)).distinct().order_by("username")


class UsccField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        try:
            return parse_uscc(value)
        except Problem as e:
            raise forms.ValidationError(f"{e.zh} / {e.en}") from None


class CaseNoField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("label", "案件编号")
        kwargs.setdefault("help_text", "写入保护案件表，如 晋泽维援〔2025〕12号")
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = parse_code(super().clean(value))
        if Case.objects.filter(case_no=value).exists():
            raise forms.ValidationError(f"案件编号 {value} 已存在 / case number {value} already exists")
        return value


class RequestForm(ModelForm):
    """A rights holder asks for 维权援助 or a mediation online."""

    kind = forms.ChoiceField(label="申请事项", choices=_choices(wf.ONLINE_KINDS))
    respondent_uscc = UsccField(label="被诉方统一社会信用代码", help_text="知道就填")
    files = files_field("申请材料与证据")

    class Meta:
        model = Proceeding
        fields = ["kind", "right_kind", "respondent", "respondent_uscc", "facts", "claims", "amount", "contact_name", "contact_phone"]
        widgets = {"facts": forms.Textarea(attrs={"rows": 6, "cols": 70}), "claims": forms.Textarea(attrs={"rows": 3, "cols": 70})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].required = True
        self.fields["contact_phone"].required = True


class RegisterForm(ModelForm):
    """The office registers a case: its own (行政裁决, 行政执法 …) or one a court or authority sends."""

    source = forms.ChoiceField(label="来源", choices=[(k, SOURCES[k]) for k in (OFFICE, COURT, AUTHORITY)])
    holder_uscc = UsccField(label="权利人统一社会信用代码")
    respondent_uscc = UsccField(label="被诉方统一社会信用代码")
    case_no = CaseNoField()
    accepted_on = forms.DateField(label="受理日期", widget=DATE)
    handler = forms.ModelChoiceField(label="承办人", queryset=None, required=False)
    body_kind = forms.ChoiceField(label="移送机关类别", choices=[("", "—")] + _choices(Transfer.BODIES), required=False)
    body = forms.CharField(label="移送机关", max_length=255, required=False, help_text="来源为法院或其他机关时必填")
    transfer_reference = forms.CharField(label="移送文号", max_length=255, required=False)
    files = files_field("材料")

    class Meta:
        model = Proceeding
        fields = ["source", "kind", "right_kind", "holder", "holder_uscc", "respondent", "respondent_uscc", "facts", "claims", "amount"]
        widgets = {"facts": forms.Textarea(attrs={"rows": 5, "cols": 70}), "claims": forms.Textarea(attrs={"rows": 3, "cols": 70})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers()

    def clean(self):
        data = super().clean()
        if data.get("source") in (COURT, AUTHORITY):
            if not data.get("body"):
                self.add_error("body", "来源为法院或其他机关时须写明移送机关 / the sending body is required")
            if not data.get("body_kind"):
                self.add_error("body_kind", "请选择机关类别 / choose the kind of body")
        return data

    def transfer(self) -> dict | None:
        d = self.cleaned_data
        if d.get("source") not in (COURT, AUTHORITY):
            return None
        return {"body_kind": d["body_kind"], "body": d["body"], "reference": d.get("transfer_reference", "")}


class DayForm(Form):
    on = forms.DateField(label="日期", widget=DATE)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}), help_text="申请人可见")


class AcceptForm(DayForm):
    case_no = CaseNoField()
    handler = forms.ModelChoiceField(label="承办人", queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers()


class RejectForm(DayForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = True
        self.fields["note"].label = "不予受理理由"


class WithdrawForm(Form):
    note = forms.CharField(label="撤回理由", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))


class AssignForm(Form):
    handler = forms.ModelChoiceField(label="承办人", queryset=None)
    on = forms.DateField(label="分派日期", widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers()


class MoveForm(DayForm):
    to = forms.ChoiceField(label="转入阶段")
    body_kind = forms.ChoiceField(label="接收机关类别", choices=[("", "—")] + _choices(Transfer.BODIES), required=False)
    body = forms.CharField(label="接收机关", max_length=255, required=False, help_text="移送时必填，如 太原市中级人民法院")
    reference = forms.CharField(label="移送文号", max_length=255, required=False)

    def __init__(self, *args, stage: str, **kwargs):
        super().__init__(*args, **kwargs)
        moves = [s for s in wf.TRANSITIONS[stage] if s not in (wf.CLOSED, wf.ACCEPTED, wf.REJECTED, wf.WITHDRAWN)]
        self.fields["to"].choices = [(s, wf.STAGES[s]) for s in moves]

    def clean(self):
        data = super().clean()
        if data.get("to") == wf.TRANSFERRED:
            if not data.get("body"):
                self.add_error("body", "移送须写明接收机关 / the receiving body is required")
            if not data.get("body_kind"):
                self.add_error("body_kind", "请选择机关类别 / choose the kind of body")
        return data

    def transfer(self) -> dict | None:
        d = self.cleaned_data
        if d.get("to") != wf.TRANSFERRED:
            return None
        return {"body_kind": d["body_kind"], "body": d["body"], "reference": d.get("reference", "")}


class CloseForm(DayForm):
    outcome = forms.ChoiceField(label="结果", choices=[("", "—")] + _choices(contract.CASE_OUTCOMES))
    amount = forms.FloatField(label="涉案金额（万元）", required=False, min_value=0)


class DocumentForm(Form):
    kind = forms.ChoiceField(label="材料类型", choices=_choices(Document.KINDS))
    files = files_field("文件", required=True)
    internal = forms.BooleanField(label="仅办公室可见", required=False)


class SettingsForm(ModelForm):
    class Meta:
        model = ProtectionSettings
        fields = ["window_years", "min_cases", "min_holders"]

    def clean(self):
        data = super().clean()
        from ipzone.protection.infringers import InfringerRule

        try:
            InfringerRule(data.get("window_years") or 0, data.get("min_cases") or 0, data.get("min_holders") or 0)
        except Problem as e:
            raise forms.ValidationError(f"{e.zh} / {e.en}") from None
        return data


class FilingListingForm(ModelForm):
    uscc = UsccField(label="统一社会信用代码", required=True)

    class Meta:
        model = FilingListing
        fields = ["uscc", "name", "kind", "listed_on", "count", "reference", "removed_on", "note"]
        widgets = {"listed_on": DATE, "removed_on": DATE, "note": forms.Textarea(attrs={"rows": 2, "cols": 60})}

    def clean(self):
        data = super().clean()
        if data.get("removed_on") and data.get("listed_on") and data["removed_on"] < data["listed_on"]:
            self.add_error("removed_on", "移出日期早于列入日期 / removed before it was listed")
        if data.get("count") is not None and data["count"] < 1:
            self.add_error("count", "件数至少为 1 / at least 1")
        return data


class TypicalCaseForm(ModelForm):
    case = forms.ModelChoiceField(
        label="案件编号", queryset=Case.objects.none(), to_field_name="case_no", widget=forms.TextInput(attrs={"size": 40}),
        help_text="已结案、尚未写成典型案例的案件",
        error_messages={"invalid_choice": "没有这个已结案、尚未写成典型案例的案件 / no closed case with this number that is not yet a typical case"},
    )

    class Meta:
        model = TypicalCase
        fields = ["case", "title", "summary", "significance", "hide_parties", "hidden_terms"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 8, "cols": 80}),
            "significance": forms.Textarea(attrs={"rows": 4, "cols": 80}),
            "hidden_terms": forms.Textarea(attrs={"rows": 4, "cols": 50}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Case.objects.filter(closed_on__isnull=False).filter(Q(typical_case__isnull=True) | Q(typical_case=self.instance.pk or 0))
        self.fields["case"].queryset = qs.order_by("-closed_on", "case_no")
        if self.instance.pk:
            self.fields["case"].disabled = True

    def clean(self):
        data = super().clean()
        if self.instance.pk and self.instance.published:  # a published text must stay clean
            probe = TypicalCase(case=self.instance.case, hide_parties=data.get("hide_parties", True),
                                **{k: data.get(k) or "" for k in ("title", "summary", "significance", "hidden_terms")})
            leaks = probe.leaks()
            if leaks:
                raise forms.ValidationError(f"已发布的案例中仍有需隐去的信息（{'、'.join(leaks)}） / marked data would show on the portal")
        return data
