from ipzone.web.core.tables import ObjectTable
from ipzone.web.publicity.models import EventParticipant, EventReport


class EventReportTable(ObjectTable):
    model = EventReport
    columns = ("event__held_on", "event__name", "campaign", "organiser", "state", "published_at")
    link = "event__name"
    select_related = ("event", "organiser")
    labels = {"event__held_on": "日期", "event__name": "活动"}


class EventParticipantTable(ObjectTable):
    model = EventParticipant
    columns = ("name", "kind", "event__name", "organisation", "hours", "certificate_no")
    select_related = ("event",)
    labels = {"event__name": "活动"}
