"""The user's own notices over the API (the inbox of /notices/): for a zone's 一网通办 portal or an
app that shows them elsewhere."""

# No ``from __future__ import annotations``: django-ninja reads the endpoint annotations.
import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from ipzone.web.notices.models import Notice

router = Router(tags=["消息"])


class NoticeRecord(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created: dt.datetime
    read: bool


class NoticePage(Schema):
    count: int
    unread: int
    items: list[NoticeRecord]


def _record(n: Notice) -> dict:
    return {"id": n.pk, "kind": n.kind, "title": n.title, "body": n.body, "url": n.url, "created": n.created, "read": n.read_at is not None}


@router.get("/notices", response=NoticePage, summary="本人的消息（最新在前，最多 100 条）")
def notices(request, unread: bool = False):
    mine = Notice.objects.restrict(request.auth)
    shown = mine.unread() if unread else mine
    return {"count": shown.count(), "unread": mine.unread().count(), "items": [_record(n) for n in shown[:100]]}


@router.post("/notices/{id}/read", response=NoticeRecord, summary="标为已读")
def read(request, id: int):
    n = get_object_or_404(Notice.objects.restrict(request.auth), pk=id)
    if n.read_at is None:
        n.read_at = timezone.now()
        n.save(update_fields=["read_at"])
    return _record(n)
