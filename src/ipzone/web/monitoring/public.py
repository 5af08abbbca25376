"""The public portal (``/public/``, no login): the 表一 indicators, the agency directory, events,
and the typical protection cases the office published (``/public/cases/``).

Only aggregates and what is public by nature (agencies in the zone, publicity events, typical
cases with personal data hidden) are shown.
"""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from ipzone.web import metrics
from ipzone.web.services.models import Agency, Event

EVENTS_SHOWN = 20
TYPICAL_SHOWN = 5
CASES_SHOWN = 20  # cases the imported data marks typical (API /api/public/cases), without parties


def current_agencies():
    today = timezone.localdate()
    return Agency.objects.filter(joined_on__lte=today).filter(Q(left_on__isnull=True) | Q(left_on__gt=today)).order_by("name")


def recent_events():
    return Event.objects.order_by("-held_on", "name")[:EVENTS_SHOWN]


def typical_cases():
    from ipzone.web.protection.models import Case

    return Case.objects.filter(typical=True, closed_on__isnull=False).only(*PUBLIC_CASE_FIELDS).order_by("-closed_on", "pk")[:CASES_SHOWN]


PUBLIC_CASE_FIELDS = ("kind", "right_kind", "opened_on", "closed_on", "outcome", "amount")


def main_indicators(year: int, counting: str = "first") -> dict:
    data = metrics.indicators(year, counting)
    main = metrics.main_codes()
    by_code = {i["code"]: i for i in data["indicators"]}
    return {**data, "indicators": [by_code[c] for c in main if c in by_code]}


def portal(request):
    from ipzone.web.monitoring.views import STATUS_CLASS, year_and_counting

    year, _ = year_and_counting(request)
    from ipzone.web.protection.typical_views import published as published_cases
    from ipzone.web.publicity.views import published as published_reports

    context = {
        "year": year,
        "agencies": current_agencies(),
        "events": recent_events(),
        "typical_cases": published_cases()[:TYPICAL_SHOWN],
        "cases": typical_cases(),
        "event_reports": published_reports()[:10],
    }
    try:
        data = main_indicators(year)
        context["cards"] = [{**i, "status_class": STATUS_CLASS.get(i.get("status") or "", "none")} for i in data["indicators"]]
        context["zone"] = data.get("zone")
    except metrics.Unavailable as e:
        context["unavailable"] = e.zh
    return render(request, "monitoring/public.html", context)
