"""Every platform form says Django's own errors in Chinese and English (ipzone.web.core.forms)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import Group
from django.test import TestCase

from ipzone.web.core.forms import Form
from ipzone.web.uploads import AttachmentsField


class Sample(Form):
    name = forms.CharField(max_length=4)
    count = forms.IntegerField(min_value=1, max_value=9)
    amount = forms.DecimalField()
    on = forms.DateField()
    kind = forms.ChoiceField(choices=[("甲", "甲")])
    group = forms.ModelChoiceField(queryset=Group.objects.none())
    case = forms.CharField(error_messages={"required": "请填写案件编号 / the case number is required"})
    files = AttachmentsField(max_files=1, max_bytes_setting="ATTACHMENT_MAX_BYTES", required=True)


class Messages(TestCase):
    def test_djangos_own_messages_in_both_languages_and_the_forms_own_kept(self):
        f = Sample(data={"name": "五个字太长", "count": "10", "amount": "x", "on": "2024-02-30", "kind": "乙", "group": "7", "case": ""})
        assert not f.is_valid()
        assert f.errors == {
            "name": ["最多 4 个字符（现有 5 个） / at most 4 characters (5 given)"],
            "count": ["不能大于 9 / must be at most 9"],
            "amount": ["应为数字 / a number expected"],
            "on": ["日期应写作 YYYY-MM-DD，如 2024-03-05 / a date like 2024-03-05 expected"],
            "kind": ["「乙」不是可选的值 / 乙 is not one of the choices"],
            "group": ["所选的值不存在或不可选 / that choice does not exist or is not available"],
            "case": ["请填写案件编号 / the case number is required"],
            "files": ["请选择文件 / choose a file"],
        }
        assert Sample(data={"count": "0"}).errors["count"] == ["不能小于 1 / must be at least 1"]
        assert Sample(data={}).errors["name"] == ["必填，不能为空 / required, must not be empty"]
