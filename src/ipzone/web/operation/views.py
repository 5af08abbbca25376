"""Pages of the filings: for each filing table a list, detail, form (the import's own cell rules),
history and an .xlsx export in the template's layout; the workflow actions (submit, accept,
return); the import page and the blank template."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from simple_history.utils import update_change_reason

from ipzone.programme import filings
from ipzone.web.core import roles
from ipzone.web.core import views as generic
from ipzone.web.core.bindings import binding
from ipzone.web.core.downloads import template_file
from ipzone.web.core.importing import handle_import
from ipzone.web.core.registry import register_model_view
from ipzone.web.operation import filtersets, tables
from ipzone.web.operation.models import ACCEPTED, DRAFT, FILING_MODELS, RETURNED, SUBMITTED, Alliance, Refused



class FilingListView(generic.ObjectListView):
    def export_url(self) -> str:
        return reverse("operation:export", args=[self.model._meta.model_name])


class FilingView(generic.ObjectView):
    def get_template_names(self) -> list[str]:
        opts = self.model._meta
        return [f"{opts.app_label}/{opts.model_name}.html", "operation/filing.html"]

    def get_extra_context(self, obj) -> dict:
        user = self.request.user
        role = roles.role_of(user)
        mine = type(obj).objects.restrict(user, "change").filter(pk=obj.pk).exists() if role in obj.filers else False
        return {
            "workflow": generic.model_fields(user, obj, obj.WORKFLOW_FIELDS),
            "can_submit": mine and obj.state in (DRAFT, RETURNED),
            "can_review": role in roles.WRITERS and obj.state == SUBMITTED,
            "table_stem": obj.declared_table.stem,
        }


class FilingEditView(generic.ObjectEditView):
    """The contract-style form; a filing enterprise or agency has its own 统一社会信用代码 filled in
    (and cannot change it); the office's filings are accepted as it saves them."""

    template_name = "operation/filing_edit.html"

    def form_for(self, data=None, files=None, instance=None):
        form = super().form_for(data, files, instance)
        role = roles.role_of(self.request.user)
        column = self.model.filers.get(role)
        if column is not None:
            form.fields[column].disabled = True
            form.initial[column] = roles.uscc_of(self.request.user)
            key = self.model.declared_table.key
            if instance is None and len(key) == 1 and key[0] != column and not form.initial.get(key[0]):
                form.initial[key[0]] = _suggest_key(self.model, roles.uscc_of(self.request.user))
        return form

    def save(self, form, obj):
        row = form.save(commit=False)
        user = self.request.user
        role = roles.role_of(user)
        if obj is None:
            row.filed_by = user
            row.state = DRAFT if role in row.filers else row.imported_state
        if role in row.filers and "submit" in self.request.POST:
            row.state, row.submitted_at = SUBMITTED, timezone.now()
        if role in roles.WRITERS and obj is None and row.state == SUBMITTED:
            row.submitted_at = timezone.now()
        row.save()
        return row


def _suggest_key(model, uscc: str) -> str:
    """A record number for an enterprise's or agency's own filing: prefix, year, its code, a count."""
    prefix = {"navigation_projects": "DH", "patent_products": "CP", "trusteeships": "TG", "agency_moves": "JG"}.get(model.declared_table.stem, "BA")
    year = timezone.localdate().year
    n = model.objects.filter(**{f"{binding(model).attname(model.filers[next(iter(model.filers))])}": uscc}).count() + 1
    return f"{prefix}{year}-{uscc[-6:]}-{n:02d}"


def _register(model) -> None:
    name = model.__name__
    table, filterset = tables.TABLES[model], filtersets.FILTERSETS[model]
    register_model_view(model, "list")(type(f"{name}ListView", (FilingListView,), {"queryset": model.objects.all(), "filterset": filterset, "table": table}))
    related = ()
    if model is Alliance:
        related = (generic.Related("联盟成员", tables.AllianceMemberTable, "alliance"), generic.Related("入池专利", tables.PoolPatentTable, "alliance"))
    register_model_view(model, "detail")(type(f"{name}View", (FilingView,), {"queryset": model.objects.all(), "related": related}))
    register_model_view(model, "add")(type(f"{name}AddView", (FilingEditView,), {"queryset": model.objects.all()}))
    register_model_view(model, "edit")(type(f"{name}EditView", (FilingEditView,), {"queryset": model.objects.all()}))
    register_model_view(model, "delete")(type(f"{name}DeleteView", (generic.ObjectDeleteView,), {"queryset": model.objects.all()}))


for _model in FILING_MODELS:
    _register(_model)


def _model(model_name: str):
    try:
        model = apps.get_model("operation", model_name)
    except LookupError:
        raise Http404 from None
    if model not in FILING_MODELS:
        raise Http404
    return model


@login_required
@require_POST
def action(request, model_name: str, pk: int, verb: str):
    """submit (the filer), accept or return (the office)."""
    model = _model(model_name)
    user = request.user
    role = roles.role_of(user)
    if verb == "submit":
        if role not in model.filers:
            raise PermissionDenied
        obj = get_object_or_404(model.objects.restrict(user, "change"), pk=pk)
        with transaction.atomic():
            obj.state, obj.submitted_at = SUBMITTED, timezone.now()
            obj.save()
            update_change_reason(obj, "提交")
        messages.success(request, f"已提交：{obj}")
        return redirect(obj.get_absolute_url())
    if verb not in ("accept", "return") or role not in roles.WRITERS:
        raise PermissionDenied
    obj = get_object_or_404(model.objects.restrict(user, "change"), pk=pk, state=SUBMITTED)
    note = request.POST.get("note", "").strip()
    if verb == "return" and not note:
        messages.error(request, "退回须写明意见 / say why it is returned")
        return redirect(obj.get_absolute_url())
    try:
        with transaction.atomic():
            effect = obj.on_accept() if verb == "accept" else None
            obj.state = ACCEPTED if verb == "accept" else RETURNED
            obj.reviewed_at, obj.reviewed_by, obj.review_note = timezone.now(), user, note
            obj.save()
            update_change_reason(obj, ("审核通过" if verb == "accept" else f"退回：{note}")[:100])
    except Refused as e:
        messages.error(request, f"不能通过：{e.zh} / cannot accept: {e.en}")
        return redirect(obj.get_absolute_url())
    messages.success(request, f"{'已通过' if verb == 'accept' else '已退回'}：{obj}" + (f"；{effect}" if effect else ""))
    return redirect(obj.get_absolute_url())


@login_required
def export(request, model_name: str):
    """The rows of one filing table the user may read (with the list's filters), in the template's
    layout: the workbook imports back."""
    model = _model(model_name)
    qs = model.objects.restrict(request.user, "view")
    qs = filtersets.FILTERSETS[model](request.GET, queryset=qs).qs
    b = binding(model)
    rows = [b.record(o) for o in qs.order_by(*b.key)]
    return template_file({b.stem: rows}, (b.table,), f"{b.table.zh}.xlsx")


@login_required
def template_download(request):
    return template_file({}, filings.TABLES, "ipzone-备案模板.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    """Upload a filing workbook (.xlsx): errors cell by cell and as a workbook, or what changed."""
    if not roles.can(request.user, "import"):
        raise PermissionDenied
    from ipzone.web.operation.imports import import_filings

    return handle_import(request, import_filings, "operation/import.html", {"tables": filings.TABLES}, "operation:import_errors")

