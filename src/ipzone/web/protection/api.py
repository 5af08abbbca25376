"""Protection over the API: the contract's cases and surveys, inspections, the office's listings of
abnormal filings and its typical cases (restricted as the pages are), the case workflow, infringer
flags and credit grades (the JSON of ``ipzone protection infringers`` /
``grades --format json``), and the published typical cases (public)."""

# No ``from __future__ import annotations``: django-ninja reads the endpoint annotations.
import datetime as dt
from math import ceil

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from ipzone.protection import credit
from ipzone.web.core import roles
from ipzone.web.core.schemas import MAX_PAGE_SIZE, model_api, plain_api
from ipzone.web.protection import filtersets
from ipzone.web.protection.models import Case, FilingListing, Inspection, Proceeding, Survey, TypicalCase

router = Router(tags=["知识产权保护"])
model_api(router, Case, "cases", filtersets.CaseFilterSet)
model_api(router, Survey, "surveys", filtersets.SurveyFilterSet)
model_api(router, Inspection, "inspections", filtersets.InspectionFilterSet, summary="检查记录（企业只见本企业的）")
plain_api(router, FilingListing, "filing-listings", filtersets.FilingListingFilterSet,
          ("uscc", "name", "kind", "listed_on", "count", "reference", "removed_on", "note"), summary="异常申请名单（办公室、领导）",
          order=("-listed_on", "pk"))
plain_api(router, TypicalCase, "typical-cases", filtersets.TypicalCaseFilterSet,
          ("case", "title", "summary", "significance", "hidden_terms", "hide_parties", "published", "published_on"),
          summary="典型案例（办公室、领导；含未发布的与需隐去的信息）", order=("-published_on", "pk"))


class Step(Schema):
    stage: str
    stage_zh: str
    started_on: dt.date
    ended_on: dt.date | None = None
    due_on: dt.date | None = None
    note: str


class ProceedingRecord(Schema):
    id: int
    reference: str
    case_no: str | None = None
    source: str
    kind: str
    right_kind: str
    holder: str
    respondent: str
    respondent_uscc: str | None = None
    stage: str
    stage_zh: str
    submitted_on: dt.date
    accepted_on: dt.date | None = None
    closed_on: dt.date | None = None
    outcome: str | None = None
    stage_due: dt.date | None = None
    case_due: dt.date | None = None
    overdue: bool
    handler: str | None = None
    steps: list[Step]


def _proceeding(p: Proceeding, today: dt.date) -> dict:
    return {
        "id": p.pk, "reference": p.reference, "case_no": p.case_id, "source": p.source, "kind": p.kind, "right_kind": p.right_kind,
        "holder": p.holder, "respondent": p.respondent, "respondent_uscc": p.respondent_uscc or None, "stage": p.stage,
        "stage_zh": p.stage_label, "submitted_on": p.submitted_on, "accepted_on": p.accepted_on, "closed_on": p.closed_on,
        "outcome": p.outcome, "stage_due": p.stage_due, "case_due": p.case_due,
        "overdue": p.is_open and any(d is not None and d < today for d in (p.stage_due, p.case_due)),
        "handler": p.handler.get_username() if p.handler else None,
        "steps": [{"stage": s.stage, "stage_zh": s.stage_label, "started_on": s.started_on, "ended_on": s.ended_on, "due_on": s.due_on, "note": s.note} for s in p.steps.all()],
    }


@router.get("/proceedings", summary="案件办理列表（企业只见本企业的申请）")
def proceedings(request, stage: str | None = None, overdue: bool = False, page: int = 1, page_size: int = 50):
    from ipzone.web.protection.casework import today

    qs = Proceeding.objects.restrict(request.auth, "view").select_related("handler").prefetch_related("steps")
    if stage:
        qs = qs.filter(stage=stage)
    if overdue:
        qs = qs.overdue(today())
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    count = qs.count()
    pages = max(1, ceil(count / page_size))
    page = max(1, min(page, pages))
    items = [_proceeding(p, today()) for p in qs[(page - 1) * page_size : page * page_size]]
    return {"count": count, "page": page, "pages": pages, "page_size": page_size, "items": items}


@router.get("/proceedings/{id}", response=ProceedingRecord, summary="案件办理详情")
def proceeding(request, id: int):
    from ipzone.web.protection.casework import today

    return _proceeding(get_object_or_404(Proceeding.objects.restrict(request.auth, "view").select_related("handler"), pk=id), today())


def _year(year: int | None) -> int:
    if year is None:  # this year, as the pages
        from ipzone.web.protection.casework import today

        return today().year
    if not 2000 <= year <= 2100:
        raise HttpError(422, "year must be between 2000 and 2100")
    return year


@router.get("/infringers", summary="重复侵权、恶意侵权与群体侵权主体（与 ipzone protection infringers --format json 相同）")
def infringer_flags(request, year: int | None = None):
    if roles.role_of(request.auth) not in roles.ALL_DATA:
        raise HttpError(403, "infringer flags are for the office, leaders and admins")
    from ipzone.web.protection import grading
    from ipzone.web.protection.models import ProtectionSettings

    y = _year(year)
    s = ProtectionSettings.current()
    return {"year": y, "rule": {"window_years": s.window_years, "min_cases": s.min_cases, "min_holders": s.min_holders},
            "infringers": [i.to_dict() for i in grading.infringer_list(y)]}


@router.get("/credit-grades", summary="信用等级（办公室、领导：全部区内主体；企业：本企业）")
def credit_grades(request, year: int | None = None, grade: str | None = None):
    from ipzone.web.protection import grading

    role = roles.role_of(request.auth)
    if role not in roles.ALL_DATA and role != roles.ENTERPRISE:
        raise HttpError(403, "credit grades are for the office, leaders, admins and each enterprise for itself")
    y = _year(year)
    try:
        graded = grading.grades(y)
        rules = grading.rules()
    except credit.RulesError as e:
        raise HttpError(503, str(e)) from None
    if role == roles.ENTERPRISE:
        mine = graded.get(roles.uscc_of(request.auth) or "")
        graded = {mine.uscc: mine} if mine else {}
    items = [g.to_dict() for g in graded.values() if not grade or g.grade == grade]
    return {"year": y, "rules": rules.edition, "summary": credit.summary(graded, rules), "grades": items}


class PublicTypicalCase(Schema):
    id: int
    title: str
    kind: str
    right_kind: str
    outcome: str | None = None
    closed_on: dt.date | None = None
    published_on: dt.date | None = None
    summary: str
    significance: str


@router.get("/public/typical-cases", auth=None, response=list[PublicTypicalCase], summary="知识产权保护典型案例（公开，已隐去个人信息）", tags=["公开"])
def public_typical_cases(request):
    from ipzone.web.protection.typical_views import published

    return [
        {"id": t.pk, "title": t.public_title, "kind": t.case.kind, "right_kind": t.case.right_kind, "outcome": t.case.outcome,
         "closed_on": t.case.closed_on, "published_on": t.published_on, "summary": t.public_summary, "significance": t.public_significance}
        for t in published()
    ]
