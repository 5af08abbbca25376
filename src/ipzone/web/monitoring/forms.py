from django import forms


class ImportForm(forms.Form):
    file = forms.FileField(label="数据文件", help_text="一个 .xlsx 工作簿（每张表一个工作表），或 CSV 文件的 .zip 压缩包")
    dry_run = forms.BooleanField(label="只检查并预演，不写入", required=False)
    prune = forms.BooleanField(label="删除数据库中有、文件中没有的记录", required=False)


class YearForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False)
    counting = forms.ChoiceField(
        label="计数规则",
        choices=[("first", "第一权利人"), ("whole", "整体计数"), ("fractional", "分数计数")],
        required=False,
    )
