"""Generic views: list, detail and history of any contract model, configured by attributes.

Every view starts from ``queryset.restrict(request.user, action)``: a row the user may not see
is a 404, never a 403 that would confirm it exists. The detail template follows the convention
``<app_label>/<model_name>.html``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import ProtectedError
from django.forms import modelform_factory
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from simple_history.utils import update_change_reason

from ipzone.web.core import roles
from ipzone.web.core.bindings import binding
from ipzone.web.core.models import DataState
from ipzone.web.core.signals import quiet
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

    def export_url(self) -> str | None:
        """Where the list (with its filters) downloads as a workbook, if it does."""
        return None
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
            "can_add": roles.can(request.user, "add", self.model) and _has_route(self.model, "add"),
            "export_url": self.export_url(),
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
    detail_fields: tuple[str, ...] | None = None  # models that are no table: the fields shown (default: all)

    def get_template_names(self) -> list[str]:
        opts = self.model._meta
        return [f"{opts.app_label}/{opts.model_name}.html", "generic/object.html"]

    def fields(self, obj) -> list[dict]:
        if not has_table(type(obj)):
            return model_fields(self.request.user, obj, getattr(self, "detail_fields", None))
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
            "can_change": _may(request.user, "change", obj) and _has_route(self.model, "edit"),
            "can_delete": _may(request.user, "delete", obj) and _has_route(self.model, "delete"),
            **self.get_extra_context(obj),
        }
        return render(request, self.get_template_names(), context)


def _may(user, action: str, obj) -> bool:
    """The role may ``action`` rows of this model, and this row is one of them."""
    if not roles.can(user, action, type(obj)):
        return False
    if roles.role_of(user) in roles.WRITERS:
        return True
    return type(obj).objects.restrict(user, action).filter(pk=obj.pk).exists()


def has_table(model) -> bool:
    """The model mirrors a declared table (a contract table, or one declared beside it)."""
    return bool(getattr(model, "contract_stem", "") or getattr(model, "declared_table", None))


def model_fields(user, obj, names=None) -> list[dict]:
    """Detail rows of a model that is no table: each concrete field (or ``names``), labelled with
    its verbose name; a foreign key links to its target when the user may read it."""
    out = []
    for f in obj._meta.get_fields():
        if names is not None and f.name not in names:
            continue
        if names is None and (not getattr(f, "concrete", False) or f.primary_key or f.many_to_many or f.auto_created):
            continue
        url = None
        if f.many_to_many:
            items = list(getattr(obj, f.name).all())
            value = "；".join(str(i) for i in items)
        elif f.is_relation:
            target = getattr(obj, f.name)
            value = target
            if target is not None and hasattr(target, "get_absolute_url") and hasattr(type(target).objects, "restrict"):
                if type(target).objects.restrict(user, "view").filter(pk=target.pk).exists():
                    url = target.get_absolute_url()
        elif getattr(f, "choices", None):
            value = getattr(obj, f"get_{f.name}_display")()
        else:
            value = getattr(obj, f.attname)
        out.append({"label": str(f.verbose_name), "name": f.name, "value": display(value), "url": url, "help": getattr(f, "help_text", "")})
    if names is not None:
        order = {n: i for i, n in enumerate(names)}
        out.sort(key=lambda r: order[r["name"]])
    return out


def _has_route(model, action: str) -> bool:
    from ipzone.web.core.registry import registered

    return action in registered(model._meta.app_label).get(model._meta.model_name, {})


def _list_url(model) -> str:
    return reverse(f"{model._meta.app_label}:{model._meta.model_name}_list")


class ObjectEditView(RestrictedView):
    """Add (``pk`` absent) or change a row. Contract rows go through ``ContractForm`` (the import's
    own rules); other models through ``form`` (a ModelForm) or one built from ``fields``.

    Who may: ``roles.can(user, "add" | "change")``, and the row must be in
    ``restrict(user, "change")``. The change is saved in one transaction, recorded in the row's
    history with the user and the reason "网页编辑", and bumps the data version."""

    template_name = "generic/object_edit.html"
    form = None
    fields: tuple[str, ...] | str = "__all__"
    prefill: tuple[str, ...] = ()  # fields a new row's form takes from the query (?case=K1 from a case's page)

    def form_for(self, data=None, files=None, instance=None):
        if has_table(self.model):
            from ipzone.web.core.forms import ContractForm

            return ContractForm(self.model, data, instance=instance)
        form_class = self.form or modelform_factory(self.model, fields=self.fields)
        return form_class(data, files, instance=instance)

    def _object(self, pk):
        if pk is None:
            if not roles.can(self.request.user, "add", self.model):
                raise PermissionDenied
            return None
        if not roles.can(self.request.user, "change", self.model):
            raise PermissionDenied
        return get_object_or_404(self.model.objects.restrict(self.request.user, "change"), pk=pk)

    def _render(self, form, obj):
        return render(self.request, self.template_name, {"form": form, "object": obj, "opts": self.model._meta})

    def get(self, request, pk: int | None = None):
        obj = self._object(pk)
        form = self.form_for(instance=obj)
        if obj is None:
            form.initial.update({name: request.GET[name] for name in self.prefill if request.GET.get(name)})
        return self._render(form, obj)

    def post(self, request, pk: int | None = None):
        obj = self._object(pk)
        form = self.form_for(request.POST, request.FILES, instance=obj)
        if not form.is_valid():
            return self._render(form, obj)
        stem = getattr(self.model, "contract_stem", "")
        with transaction.atomic(), quiet():
            saved = self.save(form, obj)
            _reason(saved, "网页编辑")
            if stem:  # cached indicators expire; the table now counts as present
                transaction.on_commit(lambda: DataState.bump({stem}))
        messages.success(request, f"已保存：{saved}")
        return redirect(saved.get_absolute_url())

    def save(self, form, obj):
        """Save the valid form (``obj`` is the row being changed, None when adding)."""
        return form.save()


class ObjectDeleteView(RestrictedView):
    """Delete a row after a confirmation page; rows other rows still refer to are refused."""

    template_name = "generic/object_delete.html"

    def _object(self, pk):
        if not roles.can(self.request.user, "delete", self.model):
            raise PermissionDenied
        return get_object_or_404(self.model.objects.restrict(self.request.user, "delete"), pk=pk)

    def get(self, request, pk: int):
        obj = self._object(pk)
        return render(request, self.template_name, {"object": obj, "opts": self.model._meta})

    def post(self, request, pk: int):
        obj = self._object(pk)
        label = str(obj)
        try:
            with transaction.atomic():
                obj._change_reason = "网页删除"
                obj.delete()
        except ProtectedError as e:
            names = sorted({f"{o._meta.verbose_name}：{o}" for o in list(e.protected_objects)[:5]})
            return render(
                request,
                self.template_name,
                {"object": obj, "opts": self.model._meta, "protected": names, "protected_count": len(e.protected_objects)},
                status=409,
            )
        messages.success(request, f"已删除：{label}")
        return redirect(_list_url(self.model))


def _reason(obj, reason: str) -> None:
    """Label the history record the save just wrote (simple-history keeps the user itself)."""
    if hasattr(obj, "history"):
        update_change_reason(obj, reason)


class ObjectHistoryView(RestrictedView):
    """Who changed what, and when; for the roles that read all data."""

    template_name = "generic/object_history.html"
    limit = 200

    def get(self, request, pk: int):
        if roles.role_of(request.user) not in roles.ALL_DATA:
            raise Http404
        obj = get_object_or_404(self.restricted(), pk=pk)
        labels = {f.name: str(f.verbose_name) for f in obj._meta.concrete_fields}
        if has_table(type(obj)):  # columns by their Chinese names; other fields (a state) by their own
            b = binding(type(obj))
            labels.update({f.name: c.zh for c, f in zip(b.table.columns, b.fields)})
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
    if role == roles.DEPARTMENT and roles.department_of(request.user):
        return redirect("programme:mine")
    if role in roles.ALL_DATA:
        from ipzone.web.monitoring.views import dashboard

        return dashboard(request)
    return render(request, "core/no_access.html", {"role": roles.label(role)}, status=200)
