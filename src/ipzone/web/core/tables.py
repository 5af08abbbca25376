"""Tables as configuration: which columns a list shows and which one links to the detail page.

    class PatentTable(ObjectTable):
        model = Patent
        columns = ("application_no", "kind", "title", "filing_date", "grant_date")

A column is a field name (its verbose name is the header) or a ``a__b`` path through a relation;
the first column links to the row's detail page. Values are formatted for people (是/否, —, dates),
and the template escapes them.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import FieldDoesNotExist


def display(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        text = f"{value:,.4f}".rstrip("0").rstrip(".")
        return text
    if isinstance(value, int):
        return str(value)
    return str(value).replace(";", "；")


def label_of(model, accessor: str) -> str:
    parts = accessor.split("__")
    m = model
    for i, part in enumerate(parts):
        try:
            f = m._meta.get_field(part.removesuffix("_id"))
        except FieldDoesNotExist:
            return part
        if i == len(parts) - 1 or not f.is_relation:
            return str(f.verbose_name)
        m = f.related_model
    return accessor


def resolve(obj, accessor: str):
    """The value at ``a__b`` (a field with choices gives its label: 第1季度 for 1)."""
    value = obj
    for part in accessor.split("__"):
        if value is None:
            return None
        shown = getattr(value, f"get_{part}_display", None)
        value = shown() if shown is not None else getattr(value, part)
    return value


class ObjectTable:
    model = None
    columns: tuple[str, ...] = ()
    link: str | None = None  # defaults to the first column
    select_related: tuple[str, ...] = ()
    labels: dict[str, str] = {}  # headers other than the field's verbose name

    def __init__(self, rows):
        self.objects = rows

    @classmethod
    def prepare(cls, queryset):
        return queryset.select_related(*cls.select_related) if cls.select_related else queryset

    @property
    def headers(self) -> list[str]:
        return [self.labels.get(c) or label_of(self.model, c) for c in self.columns]

    @property
    def orderable(self) -> list[str]:
        return [c for c in self.columns if "__" not in c]

    @property
    def rows(self):
        link = self.link or self.columns[0]
        for obj in self.objects:
            yield [
                {"text": display(resolve(obj, c)), "url": obj.get_absolute_url() if c == link else None}
                for c in self.columns
            ]
