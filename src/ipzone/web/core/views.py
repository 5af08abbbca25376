"""Generic views: list, detail and history of any contract model, configured by attributes.

Every view starts from ``queryset.restrict(request.user, action)``: a row the user may not see
is a 404, never a 403 that would confirm it exists. The detail template follows the convention
``<app_label>/<model_name>.html``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from ipzone.web.core import roles
from ipzone.web.core.bindings import binding
from ipzone.web.core.tables import display


class RestrictedView(LoginRequiredMixin, View):
    queryset = None
    action = "view"

    def restricted(self):
        return self.queryset.restrict(self.request.user, self.action)

    @property
    def model(self):
        return self.queryset.model


class ObjectListView(RestrictedView):
    filterset = None
    table = None
    template_name = "generic/object_list.html"
    per_page = 50

    def get(self, request):
        qs = self.table.prepare(self.restricted())
        fs = self.filterset(request.GET, queryset=qs, request=request) if self.filterset else None
        if fs is not None:
            qs = fs.qs
        sort = request.GET.get("sort", "")
        if sort.lstrip("-") in self.table(()).orderable:
            qs = qs.order_by(sort, "pk")
        page = Paginator(qs, self.per_page).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        table = self.table(page.object_list)
        headers = []
        for column, label in zip(table.columns, table.headers):
            url = None
            if column in table.orderable:
                p = params.copy()
                p["sort"] = f"-{column}" if sort == column else column
                url = "?" + p.urlencode()
            headers.append({"label": label, "url": url, "sorted": sort.lstrip("-") == column, "descending": sort.startswith("-")})
        context = {
            "model": self.model,
            "opts": self.model._meta,
            "filter": fs,
            "table": table,
            "headers": headers,
            "page": page,
            "querystring": params.urlencode(),
            "sort": sort,
        }
        return render(request, self.template_name, context)


@dataclass(frozen=True)
class Related:
    """A related list on a detail page: rows of ``table.model`` whose ``lookup`` is the object."""

    title: str
    table: type
    lookup: str
    limit: int = 100
    value: Callable | None = None  # what the lookup compares with (default: the object)

    def rows(self, user, obj):
        model = self.table.model
        target = obj if self.value is None else self.value(obj)
        qs = self.table.prepare(model.objects.restrict(user, "view").filter(**{self.lookup: target}))
        if "__" in self.lookup:
            qs = qs.distinct()
        return qs.count(), self.table(list(qs[: self.limit]))


class ObjectView(RestrictedView):
    related: tuple[Related, ...] = ()

    def get_template_names(self) -> list[str]:
        opts = self.model._meta
        return [f"{opts.app_label}/{opts.model_name}.html", "generic/object.html"]

    def fields(self, obj) -> list[dict]:
        b = binding(type(obj))
        out = []
        for column, f in zip(b.table.columns, b.fields):
            value = getattr(obj, f.attname)
            url = None
            if f.is_relation and value is not None:
                target = f.related_model.objects.restrict(self.request.user, "view").filter(**{f.target_field.name: value}).first()
                url = target.get_absolute_url() if target else None
                if target is not None and hasattr(target, "name"):
                    value = f"{value}（{target.name}）"
            out.append({"label": column.zh, "name": column.name, "value": display(value), "url": url, "help": f.help_text})
        return out

    def get_extra_context(self, obj) -> dict:
        return {}

    def get(self, request, pk: int):
        obj = get_object_or_404(self.restricted(), pk=pk)
        related = []
        for r in self.related:
            count, table = r.rows(request.user, obj)
            if count or roles.role_of(request.user) in roles.ALL_DATA:
                related.append({"title": r.title, "count": count, "table": table, "limit": r.limit})
        context = {
            "object": obj,
            "opts": self.model._meta,
            "fields": self.fields(obj),
            "related": related,
            "can_history": roles.role_of(request.user) in roles.ALL_DATA,
            **self.get_extra_context(obj),
        }
        return render(request, self.get_template_names(), context)


class ObjectHistoryView(RestrictedView):
    """Who changed what, and when; for the roles that read all data."""

    template_name = "generic/object_history.html"
    limit = 200

    def get(self, request, pk: int):
        if roles.role_of(request.user) not in roles.ALL_DATA:
            raise Http404
        obj = get_object_or_404(self.restricted(), pk=pk)
        b = binding(type(obj))
        labels = {f.name: c.zh for c, f in zip(b.table.columns, b.fields)}
        records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: self.limit + 1])
        entries = []
        for i, rec in enumerate(records[: self.limit]):
            prev = records[i + 1] if i + 1 < len(records) else None
            changes = []
            if prev is not None and rec.history_type == "~":
                for ch in rec.diff_against(prev).changes:
                    changes.append({"field": labels.get(ch.field, ch.field), "old": display(ch.old), "new": display(ch.new)})
            entries.append({"record": rec, "type": {"+": "新增", "~": "修改", "-": "删除"}[rec.history_type], "changes": changes})
        return render(request, self.template_name, {"object": obj, "opts": self.model._meta, "entries": entries})


def home(request):
    """``/``: the dashboard for office, leaders and admins; one's own record for enterprises and agencies."""
    if not request.user.is_authenticated:
        return redirect("login")
    role = roles.role_of(request.user)
    uscc = roles.uscc_of(request.user)
    if role == roles.ENTERPRISE and uscc:
        from ipzone.web.entities.models import Entity

        e = Entity.objects.restrict(request.user).first()
        if e is not None:
            return redirect(e.get_absolute_url())
    if role == roles.AGENCY and uscc:
        from ipzone.web.services.models import Agency

        a = Agency.objects.restrict(request.user).first()
        if a is not None:
            return redirect(a.get_absolute_url())
    if role in roles.ALL_DATA:
        from ipzone.web.monitoring.views import dashboard

        return dashboard(request)
    return render(request, "core/no_access.html", {"role": roles.label(role)}, status=200)
