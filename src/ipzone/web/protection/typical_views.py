"""Typical cases (典型案例): the office writes them up, marks personal data, and publishes them.

Publishing shows the case on the public portal with every marked term replaced and phone, ID and
e-mail numbers masked (``ipzone.protection.redact``), sets the contract row's 典型案例, and is
refused while anything marked would still show. Withdrawing takes it off the portal and clears
典型案例 again. The public pages read only published cases and only their redacted text.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from simple_history.utils import update_change_reason

from ipzone.web.core import roles
from ipzone.web.core import views as generic
from ipzone.web.core.models import DataState
from ipzone.web.core.registry import register_model_view
from ipzone.web.core.signals import quiet
from ipzone.web.protection import casework, filtersets, forms
from ipzone.web.protection.models import TypicalCase
from ipzone.web.protection.plain import LabelledTable, OfficeListView, PlainObjectView

PUBLIC_PER_PAGE = 20


class TypicalCaseTable(LabelledTable):
    model = TypicalCase
    columns = ("title", "case", "published", "published_on")


@register_model_view(TypicalCase, "list")
class TypicalCaseListView(OfficeListView):
    queryset = TypicalCase.objects.all()
    filterset = filtersets.TypicalCaseFilterSet
    table = TypicalCaseTable


@register_model_view(TypicalCase)
class TypicalCaseView(PlainObjectView):
    queryset = TypicalCase.objects.select_related("case", "published_by")
    exclude = ("summary", "significance", "hidden_terms")

    def get_extra_context(self, obj) -> dict:
        return {"leaks": obj.leaks(), "can_publish": roles.can(self.request.user, "change")}


@register_model_view(TypicalCase, "history")
class TypicalCaseHistoryView(generic.ObjectHistoryView):
    queryset = TypicalCase.objects.all()


@register_model_view(TypicalCase, "add")
@register_model_view(TypicalCase, "edit")
class TypicalCaseEditView(generic.ObjectEditView):
    queryset = TypicalCase.objects.all()
    form = forms.TypicalCaseForm
    prefill = ("case",)  # 写成典型案例 from a case's page


@register_model_view(TypicalCase, "delete")
class TypicalCaseDeleteView(generic.ObjectDeleteView):
    queryset = TypicalCase.objects.all()

    def post(self, request, pk: int):
        obj = self._object(pk)
        if obj.published:
            messages.error(request, "已发布的典型案例请先撤回再删除 / withdraw a published case before deleting it")
            return redirect(obj.get_absolute_url())
        return super().post(request, pk)


def _mark_case(t: TypicalCase, typical: bool) -> None:
    case = t.case
    if case.typical != typical:
        case.typical = typical
        with quiet():
            case.save()
        update_change_reason(case, "发布典型案例" if typical else "撤回典型案例")
        transaction.on_commit(lambda: DataState.bump({"cases"}))


@login_required
@require_POST
def publish(request, pk: int, publish: bool = True):
    if not roles.can(request.user, "change"):
        raise PermissionDenied
    t = get_object_or_404(TypicalCase.objects.restrict(request.user, "change").select_related("case"), pk=pk)
    if publish:
        leaks = t.leaks()
        if leaks:
            messages.error(request, f"未发布：公开文本中仍有需隐去的信息（{'、'.join(leaks)}） / not published: marked data would still show")
            return redirect(t.get_absolute_url())
        if t.case.closed_on is None:
            messages.error(request, "未发布：案件尚未结案 / not published: the case is not closed")
            return redirect(t.get_absolute_url())
    with transaction.atomic():
        t.published = publish
        t.published_on = casework.today() if publish else None
        t.published_by = request.user if publish else None
        t.save()
        update_change_reason(t, "发布" if publish else "撤回发布")
        _mark_case(t, publish)
    messages.success(request, "已发布到公开门户" if publish else "已从公开门户撤回")
    return redirect(t.get_absolute_url())


@login_required
@require_POST
def unpublish(request, pk: int):
    return publish(request, pk, publish=False)


# --- the public portal --------------------------------------------------------------------------


def published():
    return TypicalCase.objects.filter(published=True).select_related("case").order_by("-published_on", "-pk")


def public_list(request):
    from django.core.paginator import Paginator

    page = Paginator(published(), PUBLIC_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "protection/public_cases.html", {"page": page})


def public_detail(request, pk: int):
    t = get_object_or_404(published(), pk=pk)
    return render(request, "protection/public_case.html", {"case": t})
