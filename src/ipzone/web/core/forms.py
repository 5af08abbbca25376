"""The platform's forms: every message for bad input in Chinese and English.

``Form`` and ``ModelForm`` are Django's, with Django's own messages (a missing value, too long, not
a choice, not a date …) said in both languages; every form of the platform derives from them or
from ``ContractForm``.

Editing a contract row in the browser with the same rules as an import:

``ContractForm`` has one text field per contract column, labelled with the column's Chinese name.
Each cell is parsed by the very parser ``ipzone check`` uses (``ipzone.validation.parser_for``),
so a form accepts exactly what a file would (full-width digits, ``2021/3/5``, ``;`` or ``；``
lists) and refuses it with the same words, in Chinese and English. Then the row's own rules:
references to other tables exist, date order (``grant_date`` ≥ ``filing_date`` …), the natural
key is not taken by another row.
"""

from __future__ import annotations

import datetime as dt

from django import forms

from ipzone import contract, validation
from ipzone.values import Problem, is_empty
from ipzone.web.core.bindings import LIST_KINDS, OCCURRENCE, SEP, binding

MESSAGES = {
    "required": "必填，不能为空 / required, must not be empty",
    "max_length": "最多 %(limit_value)d 个字符（现有 %(show_value)d 个） / at most %(limit_value)d characters (%(show_value)d given)",
    "min_length": "至少 %(limit_value)d 个字符（现有 %(show_value)d 个） / at least %(limit_value)d characters (%(show_value)d given)",
    "min_value": "不能小于 %(limit_value)s / must be at least %(limit_value)s",
    "max_value": "不能大于 %(limit_value)s / must be at most %(limit_value)s",
    "invalid_choice": "「%(value)s」不是可选的值 / %(value)s is not one of the choices",
    "invalid_list": "应为一组选项 / a list of choices expected",
    "invalid_pk_value": "「%(pk)s」不是可选的值 / %(pk)s is not one of the choices",
}
# the "invalid" message by field kind, most specific first
INVALID = (
    (forms.DateTimeField, "日期时间应写作 YYYY-MM-DD HH:MM / a date and time like 2024-03-05 09:30 expected"),
    (forms.DateField, "日期应写作 YYYY-MM-DD，如 2024-03-05 / a date like 2024-03-05 expected"),
    (forms.DecimalField, "应为数字 / a number expected"),  # Decimal and Float are IntegerFields to Django
    (forms.FloatField, "应为数字 / a number expected"),
    (forms.IntegerField, "应为整数 / a whole number expected"),
    (forms.EmailField, "应为电子邮箱地址 / an e-mail address expected"),
)
CHOICE = "所选的值不存在或不可选 / that choice does not exist or is not available"


def _django_defaults(field) -> dict:
    out: dict = {}
    for cls in reversed(type(field).__mro__):
        out.update(getattr(cls, "default_error_messages", {}))
    return out


def bilingual(fields) -> None:
    """Give each of a form's fields Django's own messages in Chinese and English. A message the
    form set for a field (``error_messages=…``) is kept, and a field that says its own
    (``bilingual = False``, as the attachment field does, naming the file) is left alone."""
    for field in fields.values():
        if not getattr(field, "bilingual", True):
            continue
        own = dict(MESSAGES)
        if isinstance(field, forms.ModelChoiceField):
            own["invalid_choice"] = CHOICE
        invalid = next((text for kind, text in INVALID if isinstance(field, kind)), None)
        if invalid:
            own["invalid"] = invalid
        django = _django_defaults(field)
        mine = {code: text for code, text in field.error_messages.items() if code in django and text != django[code]}
        field.error_messages = {**field.error_messages, **own, **mine}


class Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bilingual(self.fields)


class ModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bilingual(self.fields)


WIDGETS = {
    contract.DATE: lambda: forms.DateInput(attrs={"type": "date"}),
    contract.TEXT: lambda: forms.TextInput(attrs={"size": 60}),
}


def _problem(p: Problem) -> str:
    return f"{p.zh} / {p.en}"


def _initial(column: contract.Column, value) -> str | None:
    if value is None:
        return None
    if column.kind in LIST_KINDS:
        return SEP.join(value) if isinstance(value, list) else value
    if column.kind == contract.BOOL:
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():  # 82, not 82.0: as the office typed it
        return str(int(value))
    return str(value)


class ContractForm(forms.Form):
    """A row of ``model`` (a ContractModel); ``instance`` to change an existing one."""

    def __init__(self, model, *args, instance=None, **kwargs):
        self.model = model
        self.binding = binding(model)
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            record = self.binding.record(instance)
            kwargs["initial"] = {c.name: _initial(c, record[c.name]) for c in self.binding.table.columns}
        super().__init__(*args, **kwargs)
        for c in self.binding.table.columns:
            help_zh, _ = validation.expected(c)
            if c.kind == contract.ENUM:
                field = forms.ChoiceField(label=c.zh, required=False, choices=[("", "—")] + [(v, v) for v in c.choices])
            elif c.kind == contract.BOOL:
                field = forms.ChoiceField(label=c.zh, required=False, choices=[("", "—"), ("是", "是"), ("否", "否")])
            else:
                widget = WIDGETS.get(c.kind, forms.TextInput)()
                field = forms.CharField(label=c.zh, required=False, strip=False, widget=widget)
            field.help_text = help_zh + ("（必填）" if c.required and c.default is None else "")
            if c.key and instance is not None:
                field.disabled = True  # the natural key names the row; change it by a new row
            self.fields[c.name] = field
        bilingual(self.fields)  # an enum's choice field: Django's own "not a choice"

    # -- cells --
    def _clean_cell(self, column: contract.Column, raw):
        if is_empty(raw):
            if column.required and column.default is None:
                raise forms.ValidationError("必填，不能为空 / required, must not be empty", code="required")
            return column.default
        try:
            return validation.parser_for(column)(raw)
        except Problem as p:
            raise forms.ValidationError(_problem(p), code="invalid") from None

    def clean(self):
        data = super().clean()
        table = self.binding.table
        row = {}
        for c in table.columns:
            if c.name in self.errors:
                continue
            try:
                row[c.name] = self._clean_cell(c, self.data.get(self.add_prefix(c.name)) if not self.fields[c.name].disabled else self.initial.get(c.name))
            except forms.ValidationError as e:
                self.add_error(c.name, e)
        if self.errors:
            return data
        self._check_lengths(row)
        self._check_dates(row)
        self._check_references(row)
        self._check_key(row)
        self.row = row
        return data

    def _check_lengths(self, row: dict) -> None:
        """The platform's own limit: a value longer than its column cannot be stored (as on import)."""
        for c, f in zip(self.binding.table.columns, self.binding.fields):
            limit = getattr(f, "max_length", None)
            value = row.get(c.name)
            if limit and isinstance(value, str) and len(value) > limit:
                self.add_error(c.name, f"超过 {limit} 个字符，平台无法保存 / longer than {limit} characters: the platform cannot store it")

    def _check_dates(self, row: dict) -> None:
        for order in self.binding.table.date_orders:
            a, b = row.get(order.earlier), row.get(order.later)
            if a is not None and b is not None and b < a:
                ea, eb = self.binding.table.column(order.earlier), self.binding.table.column(order.later)
                self.add_error(order.later, f"{eb.zh}（{b}）早于{ea.zh}（{a}） / {order.later} ({b}) is before {order.earlier} ({a})")

    def _check_references(self, row: dict) -> None:
        from ipzone.web.core.bindings import model_for_stem

        for ref in self.binding.table.references:
            value = row.get(ref.column)
            if value is None:
                continue
            items = value if isinstance(value, list) else [value]
            for item in items:
                found = False
                for stem, column in ref.targets:
                    target = model_for_stem(stem)
                    if target is None:
                        continue
                    attname = binding(target).attname(column)
                    if target.objects.filter(**{attname: item}).exists():
                        found = True
                        break
                if not found:
                    names = "、".join(binding(model_for_stem(s)).table.label if model_for_stem(s) else s for s, _ in ref.targets)
                    col = self.binding.table.column(ref.column)
                    self.add_error(ref.column, f"{item} 不在 {names} 中 / {item} is not in {', '.join(s for s, _ in ref.targets)} ({col.name})")
                    break

    def _check_key(self, row: dict) -> None:
        b = self.binding
        if self.instance is not None or not b.key:
            return
        if OCCURRENCE in b.key:
            return  # keyless tables: a new row is the next occurrence (see save)
        values = b.to_db(row)
        lookup = {a: values[a] for a in b.key}
        if self.model.objects.filter(**lookup).exists():
            cols = [c for c in b.table.columns if c.key]
            shown = "、".join(f"{c.zh} {row[c.name]}" for c in cols)
            self.add_error(cols[0].name, f"已有{shown}的记录 / a row with this key already exists")

    # -- saving --
    def save(self, commit: bool = True):
        """The row as a model instance, saved unless ``commit`` is False (the caller then sets
        the fields that are no column, a workflow state say, and saves it)."""
        b = self.binding
        values = b.to_db(self.row)
        obj = self.instance or self.model()
        for attname, value in values.items():
            setattr(obj, attname, value)
        if self.instance is None and OCCURRENCE in b.key:
            group = {a: values[a] for a in b.group}
            taken = self.model.objects.filter(**group).order_by("-occurrence").values_list("occurrence", flat=True).first()
            obj.occurrence = (taken or 0) + 1
        if commit:
            obj.save()
        return obj
