"""Detail pages for the app's own models (not contract tables): the same look as the
generic pages, the fields and labels taken from the model instead of the contract binding."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from ipzone.web.core import roles
from ipzone.web.core.tables import ObjectTable, display
from ipzone.web.core.views import ObjectListView, ObjectView, _has_route

SKIP = ("id",)


def field_rows(obj, exclude: tuple[str, ...] = (), first: tuple[str, ...] = ()) -> list[dict]:
    """The object's fields as (label, value, link) rows; ``first`` names fields shown before the rest."""
    out = []
    fields = sorted(obj._meta.concrete_fields, key=lambda f: (f.name not in first, first.index(f.name) if f.name in first else 0))
    for f in fields:
        if f.name in SKIP or f.name in exclude:
            continue
        value = getattr(obj, f.name)
        if f.choices and value not in (None, ""):
            value = getattr(obj, f"get_{f.name}_display")()
        url = value.get_absolute_url() if hasattr(value, "get_absolute_url") and f.is_relation else None
        out.append({"label": str(f.verbose_name), "name": f.name, "value": display(value), "url": url, "help": f.help_text})
    return out


class PlainObjectView(ObjectView):
    """``ObjectView`` for a model that is not a contract table."""

    exclude: tuple[str, ...] = ()

    def fields(self, obj) -> list[dict]:
        return field_rows(obj, self.exclude)

    def get(self, request, pk: int):
        obj = get_object_or_404(self.restricted(), pk=pk)
        context = {
            "object": obj,
            "opts": self.model._meta,
            "fields": self.fields(obj),
            "related": [],
            "can_history": roles.role_of(request.user) in roles.ALL_DATA and hasattr(obj, "history"),
            "can_change": roles.can(request.user, "change") and _has_route(self.model, "edit"),
            "can_delete": roles.can(request.user, "delete") and _has_route(self.model, "delete"),
            **self.get_extra_context(obj),
        }
        return render(request, self.get_template_names(), context)


class OfficeListView(ObjectListView):
    """A list for the roles that read all data (and ``also`` roles); 403 for the others."""

    also: frozenset[str] = frozenset()

    def get(self, request):
        if roles.role_of(request.user) not in roles.ALL_DATA | self.also:
            raise PermissionDenied
        return super().get(request)


class LabelledTable(ObjectTable):
    """A table whose columns may be properties: ``labels`` names them; only real fields sort."""

    labels: dict[str, str] = {}

    @property
    def headers(self) -> list[str]:
        from ipzone.web.core.tables import label_of

        return [self.labels.get(c) or label_of(self.model, c) for c in self.columns]

    @property
    def orderable(self) -> list[str]:
        names = {f.name for f in self.model._meta.concrete_fields}
        return [c for c in self.columns if c in names]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    """A CSV download Excel opens as UTF-8 (BOM); a cell that would start a formula is prefixed with '."""
    import csv
    import io
    from urllib.parse import quote

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for row in rows:
        w.writerow(["'" + c if isinstance(c, str) and c.startswith(FORMULA_START) else ("" if c is None else c) for c in row])
    response = HttpResponse("\ufeff" + buf.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
