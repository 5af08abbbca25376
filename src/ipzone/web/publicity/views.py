"""Event reports and participants, and the public pages of published reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from simple_history.utils import update_change_reason

from ipzone.programme.participants import PARTICIPANTS, TABLES
from ipzone.web.core import roles
from ipzone.web.core import views as generic
from ipzone.web.core.downloads import template_file
from ipzone.web.core.registry import register_model_view
from ipzone.web.core.importing import handle_import
from ipzone.web.publicity import filtersets, forms, imports, tables
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
        return {"can_publish": writer and obj.state == EventReport.DRAFT, "can_withdraw": writer and obj.state == EventReport.PUBLISHED,
                **participation(self.request.user, obj.event)}


def head_count(event, registered: int) -> tuple[int | None, bool]:
    """The number of participants the portal shows, and whether it is the registered count.

    The contract's 参与人数 wins: it is what the indicators sum (event_participants) and counts a
    crowd that nobody registers by name; only when the event has none is the count of registered
    participants shown (said so)."""
    if event.participants is not None:
        return event.participants, False
    return (registered, True) if registered else (None, False)


def participation(user, event) -> dict:
    """An event's participants as ``user`` may read them, the export of those, and for the office
    and leaders the registered count beside the event's 参与人数 (flagged when they differ)."""
    visible = EventParticipant.objects.restrict(user).filter(event=event)
    registered = event.attendance.count()
    everyone = roles.role_of(user) in roles.ALL_DATA
    return {
        "participants": tables.EventParticipantTable(list(tables.EventParticipantTable.prepare(visible)[:200])),
        "participant_count": visible.count(),
        "participants_export": reverse("publicity:participants_export") + f"?event={event.pk}",
        "can_import_participants": roles.can(user, "import", EventParticipant),
        "show_counts": everyone,
        "registered": registered,
        "counts_differ": everyone and event.participants is not None and registered != event.participants,
    }


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

    def export_url(self) -> str:
        return reverse("publicity:participants_export")


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


@login_required
def participants_export(request):
    """The participants the user may read (with the list's filters; ``?event=`` one event's), in the
    template's layout: the workbook imports back."""
    qs = EventParticipant.objects.restrict(request.user, "view").select_related("event")
    qs = filtersets.EventParticipantFilterSet(request.GET, queryset=qs).qs
    rows = [imports.record(p) for p in qs.order_by(*imports.EXPORT_ORDER)]
    return template_file({PARTICIPANTS.stem: rows}, TABLES, f"{PARTICIPANTS.zh}.xlsx")


@login_required
def participants_template(request):
    return template_file({}, TABLES, "ipzone-活动参与者模板.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def participants_import(request):
    """Upload a participants workbook (.xlsx): the office's (the model grants no other role an import)."""
    if not roles.can(request.user, "import", EventParticipant):
        raise PermissionDenied
    return handle_import(request, imports.import_participants, "publicity/participant_import.html", {"tables": TABLES},
                         "publicity:participants_import_errors")


def published():
    return EventReport.objects.filter(state=EventReport.PUBLISHED).select_related("event", "organiser").order_by("-event__held_on")


def public_report(request, pk: int):
    """A published report on the portal: the write-up and how many took part, no names."""
    report = get_object_or_404(published(), pk=pk)
    count, by_registration = head_count(report.event, report.event.attendance.count())
    return render(request, "publicity/public_report.html", {"report": report, "count": count, "by_registration": by_registration})
