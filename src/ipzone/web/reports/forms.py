from django import forms

from ipzone.web.core.forms import Form
from ipzone.web.reports.models import COUNTINGS, FORMATS, KINDS


class ReportForm(Form):
    kind = forms.ChoiceField(label="报告", choices=KINDS)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False, help_text="年度监测报告、保护状况")
    period = forms.CharField(label="期间", max_length=10, required=False, help_text="工作简报：2023-Q3 或 2023-07")
    fmt = forms.ChoiceField(label="格式", choices=FORMATS, initial="docx")
    counting = forms.ChoiceField(label="计数规则", choices=COUNTINGS, initial="first")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == "bulletin":
            from ipzone.reports.period import parse
            from ipzone.values import Problem

            try:
                data["period_obj"] = parse(data.get("period") or "")
            except Problem as e:
                self.add_error("period", e.zh)
        elif kind and not data.get("year"):
            self.add_error("year", "请填写年度")
        return data
