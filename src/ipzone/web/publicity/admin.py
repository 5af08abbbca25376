from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ipzone.web.publicity.models import EventParticipant, EventReport


@admin.register(EventReport)
class EventReportAdmin(SimpleHistoryAdmin):
    list_display = ("event", "campaign", "organiser", "state")


@admin.register(EventParticipant)
class EventParticipantAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "event", "hours")
