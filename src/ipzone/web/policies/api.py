# No ``from __future__ import annotations``: django-ninja reads the endpoint annotations.
"""API: policies, entitlements (restricted like the pages), the spending section, public announcements."""

from math import ceil

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from ipzone.web.core import roles
from ipzone.web.policies import filtersets
from ipzone.web.policies.models import Announcement, Entitlement, Policy

router = Router(tags=["政策兑现"])
public_router = Router(tags=["公开"])
MAX_PAGE_SIZE = 500


class EntitlementFilters(Schema):
    q: str | None = None
    year: int | None = None
    policy: str | None = None
    status: str | None = None


def _entitlement(e: Entitlement) -> dict:
    v = e.computation.version
    return {
        "id": e.pk,
        "policy": v.policy.name,
        "version": v.version,
        "year": e.computation.year,
        "uscc": e.uscc,
        "name": e.name,
        "status": e.status,
        "items": [{"kind": i.kind, "id": i.item_no, "amount": float(i.amount)} for i in e.items.all()],
        "amount": float(e.amount),
    }


@router.get("/policies", summary="政策列表（现行版本）")
def list_policies(request):
    out = []
    for p in Policy.objects.restrict(request.auth, "view").order_by("name"):
        v = p.current
        parsed = v.parsed() if v else None
        out.append({
            "name": p.name, "title": p.title, "version": v.version if v else None,
            "enabled": parsed.enabled if parsed else None, "sample": parsed.sample if parsed else None,
            "valid_from": parsed.valid_from if parsed else None, "valid_to": parsed.valid_to if parsed else None,
            "text": v.text if v else None,
        })
    return out


@router.get("/entitlements", summary="政策待遇列表")
def list_entitlements(request, filters: Query[EntitlementFilters], page: int = 1, page_size: int = 50):
    qs = Entitlement.objects.restrict(request.auth, "view").select_related("computation__version__policy").prefetch_related("items")
    qs = filtersets.EntitlementFilterSet(filters.dict(exclude_none=True), queryset=qs).qs.order_by("pk")
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    count = qs.count()
    pages = max(1, ceil(count / page_size))
    page = max(1, min(page, pages))
    return {"count": count, "page": page, "pages": pages, "page_size": page_size, "items": [_entitlement(e) for e in qs[(page - 1) * page_size : page * page_size]]}


@router.get("/entitlements/{id}", summary="政策待遇详情")
def get_entitlement(request, id: int):
    qs = Entitlement.objects.restrict(request.auth, "view").select_related("computation__version__policy").prefetch_related("items")
    return _entitlement(get_object_or_404(qs, pk=id))


@router.get("/policy-spending", summary="政策资金：预算、应享、已核准未支付、已支付（年度报告的一节）")
def policy_spending(request, year: int):
    if roles.role_of(request.auth) not in roles.ALL_DATA:
        raise HttpError(403, "无权查看")
    from ipzone.web.policies.service import spending

    return spending(year)


@public_router.get("/announcements", auth=None, summary="正在公示的政策兑现名单")
def public_announcements(request):
    today = timezone.localdate()
    out = []
    for a in Announcement.objects.filter(starts_on__lte=today, ends_on__gte=today).select_related("computation__version__policy"):
        out.append({
            "id": a.pk, "policy": a.computation.version.policy.name, "title": a.computation.version.policy.title,
            "year": a.computation.year, "starts_on": a.starts_on, "ends_on": a.ends_on,
            "beneficiaries": [{"name": r["name"], "amount": float(r["amount"]), "items": r["items"]} for r in a.snapshot],
        })
    return out
