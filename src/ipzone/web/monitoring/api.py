"""Indicators over the API: exactly the JSON of ``ipzone indicators --format json`` (and progress,
explain); the public router serves the portal's aggregates without login."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from ninja import Router, Schema
from ninja.errors import HttpError

from ipzone.web import metrics
from ipzone.web.core import roles
from ipzone.web.core.schemas import model_api
from ipzone.web.monitoring import filtersets
from ipzone.web.monitoring.models import ZoneYear

router = Router(tags=["指标与监测"])
public_router = Router(tags=["公开"], auth=None)


class Counting(str, Enum):
    first = "first"
    whole = "whole"
    fractional = "fractional"


def _year(year: int | None) -> int:
    if year is None:
        return metrics.default_year()
    if not 2000 <= year <= 2100:
        raise HttpError(422, "year must be between 2000 and 2100")
    return year


def _all_data(request) -> None:
    if roles.role_of(request.auth) not in roles.ALL_DATA:
        raise HttpError(403, "indicators are for the office, leaders and admins; see /api/public/indicators")


def _engine(call):
    try:
        return call()
    except metrics.Unavailable as e:
        raise HttpError(503, f"{e.zh} / {e.en}") from None


@router.get("/indicators", summary="某年全部指标（与 ipzone indicators --format json 相同）")
def indicators(request, year: int | None = None, counting: Counting = Counting.first):
    _all_data(request)
    return _engine(lambda: metrics.indicators(_year(year), counting.value))


@router.get("/progress", summary="主要指标逐年进度（与 ipzone progress --format json 相同）")
def progress(request, start: int = metrics.FIRST_YEAR, end: int = metrics.LAST_YEAR, counting: Counting = Counting.first):
    _all_data(request)
    if not (2000 <= start <= end <= 2100):
        raise HttpError(422, "need 2000 <= start <= end <= 2100")
    return _engine(lambda: metrics.progress(counting.value, start, end))


@router.get("/explain", summary="指标背后的记录（与 ipzone explain --indicator --format json 相同）")
def explain(request, indicator: str, year: int | None = None, counting: Counting = Counting.first):
    _all_data(request)
    from ipzone.indicators.catalog import BY_CODE

    if indicator not in BY_CODE:
        raise HttpError(404, f"unknown indicator {indicator!r}")
    return _engine(lambda: metrics.explain(_year(year), indicator, counting.value))


model_api(router, ZoneYear, "zone-years", filtersets.ZoneYearFilterSet)


# --- public -------------------------------------------------------------------------------------


class PublicAgency(Schema):
    name: str
    services: list[str]
    joined_on: dt.date


class PublicEvent(Schema):
    held_on: dt.date
    name: str
    kind: str
    theme: str | None = None
    participants: int | None = None


class PublicCase(Schema):
    kind: str
    right_kind: str
    opened_on: dt.date
    closed_on: dt.date
    outcome: str | None = None
    amount: float | None = None


@public_router.get("/indicators", summary="表一 8 项主要指标（公开）")
def public_indicators(request, year: int | None = None):
    from ipzone.web.monitoring.public import main_indicators

    return _engine(lambda: main_indicators(_year(year)))


@public_router.get("/agencies", response=list[PublicAgency], summary="区内知识产权服务机构名录（公开）")
def public_agencies(request):
    from ipzone.web.monitoring.public import current_agencies

    return [{"name": a.name, "services": a.services.split(";") if a.services else [], "joined_on": a.joined_on} for a in current_agencies()]


@public_router.get("/events", response=list[PublicEvent], summary="近期宣传培训活动（公开）")
def public_events(request):
    from ipzone.web.monitoring.public import recent_events

    return list(recent_events())


@public_router.get("/cases", response=list[PublicCase], summary="典型案例（公开；不含当事人和案件编号）")
def public_cases(request):
    from ipzone.web.monitoring.public import typical_cases

    return list(typical_cases())
