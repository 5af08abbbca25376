import datetime as dt

from django.db.models import Count
from ninja import Router, Schema

from ipzone.web.core.schemas import plain_api
from ipzone.web.publicity import filtersets
from ipzone.web.publicity.models import EventParticipant, EventReport

router = Router(tags=["宣传培训"])
plain_api(router, EventReport, "event-reports", filtersets.EventReportFilterSet,
          ("event", "campaign", "organiser", "co_organisers", "venue", "summary", "state", "published_at"), order=("-event__held_on", "pk"))
plain_api(router, EventParticipant, "event-participants", filtersets.EventParticipantFilterSet,
          ("event", "kind", "name", "entity", "talent", "organisation", "hours", "certificate_no"), order=("event", "pk"))

public_router = Router(tags=["公开"], auth=None)


class PublicReport(Schema):
    id: int
    held_on: dt.date
    name: str
    campaign: str
    organiser: str | None = None
    summary: str
    participants: int | None = None  # the event's 参与人数, or (none given) its registered participants


@public_router.get("/event-reports", response=list[PublicReport], summary="已发布的活动报道（公开）")
def public_reports(request):
    from ipzone.web.publicity.views import head_count, published

    return [
        {"id": r.pk, "held_on": r.event.held_on, "name": r.event.name, "campaign": r.campaign,
         "organiser": r.organiser.name if r.organiser else None, "summary": r.summary, "participants": head_count(r.event, r.registered)[0]}
        for r in published().annotate(registered=Count("event__attendance"))[:50]
    ]
