"""Inspections of credit-graded supervision (检查记录): list, detail, form, history, import, export.

The office and admins record, change, delete and import inspections; leaders read them all; an
enterprise reads its own (its 统一社会信用代码), on the list, the detail page and its entity page;
another entity's inspection is 404. The form, the workbook template and the import use the
contract's cell rules (``ipzone.protection.inspections.TABLE``).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ipzone.protection import inspections as rules
from ipzone.web.core import roles
from ipzone.web.core import views as generic
from ipzone.web.core.bindings import binding
from ipzone.web.core.downloads import template_file
from ipzone.web.core.importing import handle_import
from ipzone.web.core.registry import register_model_view
from ipzone.web.protection.filtersets import InspectionFilterSet
from ipzone.web.protection.models import Inspection
from ipzone.web.protection.tables import InspectionTable
from ipzone.web.protection.plain import OfficeListView



@register_model_view(Inspection, "list")
class InspectionListView(OfficeListView):
    also = frozenset({roles.ENTERPRISE})
    template_name = "protection/inspection_list.html"
    queryset = Inspection.objects.all()
    filterset = InspectionFilterSet
    table = InspectionTable

    def export_url(self) -> str:
        return reverse("protection:inspection_export")


@register_model_view(Inspection)
class InspectionView(generic.ObjectView):
    queryset = Inspection.objects.select_related("entity")

    def get_extra_context(self, obj) -> dict:
        office = roles.role_of(self.request.user) in roles.ALL_DATA
        return {"grade_url": reverse("protection:grade", args=[obj.entity_id]) + f"?year={obj.inspected_on.year}"} if office else {}


@register_model_view(Inspection, "add")
@register_model_view(Inspection, "edit")
class InspectionEditView(generic.ObjectEditView):
    queryset = Inspection.objects.all()
    prefill = ("uscc",)  # 记录检查 from an entity's grade page


@register_model_view(Inspection, "delete")
class InspectionDeleteView(generic.ObjectDeleteView):
    queryset = Inspection.objects.all()


@login_required
def export(request):
    """The inspections the user may read (with the list's filters), in the template's layout: the
    workbook imports back."""
    if roles.role_of(request.user) not in roles.ALL_DATA | {roles.ENTERPRISE}:
        raise PermissionDenied
    qs = InspectionFilterSet(request.GET, queryset=Inspection.objects.restrict(request.user, "view")).qs
    b = binding(Inspection)
    return template_file({b.stem: [b.record(o) for o in qs.order_by("inspected_on", "record_no")]}, (rules.TABLE,), "检查记录.xlsx")


@login_required
def template_download(request):
    if not roles.can(request.user, "import"):
        raise PermissionDenied
    return template_file({}, (rules.TABLE,), "检查记录模板.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    """Upload a workbook of inspections: errors cell by cell and as a workbook, or what changed."""
    if not roles.can(request.user, "import"):
        raise PermissionDenied
    from ipzone.web.protection.inspection_imports import import_inspections

    return handle_import(request, import_inspections, "protection/inspection_import.html", {"table": rules.TABLE},
                         "protection:inspection_import_errors")
