"""Event reports and participants, and the public pages of published reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from simple_history.utils import update_change_reason

from ipzone.web.core import roles
from ipzone.web.core import views as generic
from ipzone.web.core.registry import register_model_view
from ipzone.web.publicity import filtersets, forms, tables
from ipzone.web.publicity.models import EventParticipant, EventReport


@register_model_view(EventReport, "list")
class EventReportListView(generic.ObjectListView):
    queryset = EventReport.objects.all()
    filterset = filtersets.EventReportFilterSet
    table = tables.EventReportTable


@register_model_view(EventReport)
class EventReportView(generic.ObjectView):
    queryset = EventReport.objects.select_related("event", "organiser")
    detail_fields = ("event", "campaign", "organiser", "co_organisers", "venue", "summary", "state", "published_at")

    def get_extra_context(self, obj) -> dict:
        writer = roles.role_of(self.request.user) in roles.WRITERS
        participants = EventParticipant.objects.restrict(self.request.user).filter(event=obj.event)
        return {"can_publish": writer and obj.state == EventReport.DRAFT, "can_withdraw": writer and obj.state == EventReport.PUBLISHED,
                "participants": tables.EventParticipantTable(list(participants[:200])), "participant_count": participants.count()}


@register_model_view(EventReport, "add")
@register_model_view(EventReport, "edit")
class EventReportEditView(generic.ObjectEditView):
    queryset = EventReport.objects.all()
    form = forms.EventReportForm


@register_model_view(EventReport, "delete")
class EventReportDeleteView(generic.ObjectDeleteView):
    queryset = EventReport.objects.all()


@register_model_view(EventParticipant, "list")
class EventParticipantListView(generic.ObjectListView):
    queryset = EventParticipant.objects.all()
    filterset = filtersets.EventParticipantFilterSet
    table = tables.EventParticipantTable


@register_model_view(EventParticipant)
class EventParticipantView(generic.ObjectView):
    queryset = EventParticipant.objects.select_related("event", "entity", "talent")


@register_model_view(EventParticipant, "add")
@register_model_view(EventParticipant, "edit")
class EventParticipantEditView(generic.ObjectEditView):
    queryset = EventParticipant.objects.all()
    form = forms.EventParticipantForm


@register_model_view(EventParticipant, "delete")
class EventParticipantDeleteView(generic.ObjectDeleteView):
    queryset = EventParticipant.objects.all()


@login_required
@require_POST
def publish(request, pk: int, verb: str):
    """发布 to the public portal, or 撤回 (withdraw) it."""
    if roles.role_of(request.user) not in roles.WRITERS or verb not in ("publish", "withdraw"):
        raise PermissionDenied
    report = get_object_or_404(EventReport.objects.restrict(request.user, "change"), pk=pk)
    with transaction.atomic():
        report.state = EventReport.PUBLISHED if verb == "publish" else EventReport.DRAFT
        report.published_at = timezone.now() if verb == "publish" else None
        report.save()
        update_change_reason(report, "发布" if verb == "publish" else "撤回")
    messages.success(request, f"{'已发布' if verb == 'publish' else '已撤回'}：{report}")
    return redirect(report.get_absolute_url())


def published():
    return EventReport.objects.filter(state=EventReport.PUBLISHED).select_related("event", "organiser").order_by("-event__held_on")


def public_report(request, pk: int):
    """A published report on the portal: the write-up and how many took part, no names."""
    report = get_object_or_404(published(), pk=pk)
    return render(request, "publicity/public_report.html", {"report": report, "registered": report.event.attendance.count()})
