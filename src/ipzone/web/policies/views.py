"""Pages of 政策兑现: policies and their versions, computations, entitlements and claims, review,
announcement (公示, public), payment, and the leaders' spending view.

Every page starts from the model's ``restrict(user, action)`` (querysets.py): a row outside it
is a 404; a role that may not act at all gets 403.
"""

from __future__ import annotations

import difflib
import io
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ipzone.policies import PolicyError
from ipzone.policies.entitlements import fmt
from ipzone.web import metrics
from ipzone.web.core import roles
from ipzone.web.policies import filtersets, forms, service, tables
from ipzone.web.policies.models import (
    Announcement,
    Attachment,
    Computation,
    Entitlement,
    Objection,
    Payment,
    Policy,
)
from ipzone.web.policies.service import WorkflowError

EXCLUDED_SHOWN = 200


def _require(request, allowed: frozenset[str]) -> None:
    if roles.role_of(request.user) not in allowed:
        raise PermissionDenied


def _problem(request, e) -> None:
    messages.error(request, f"{e.zh} / {e.en}")


def _invalid(request, form, zh: str, en: str) -> None:
    """A form posted from a page that redirects: what to fill in, then each field's problem."""
    messages.error(request, f"{zh} / {en}")
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else error)


# --- policies ------------------------------------------------------------------------------------


@login_required
def policy_list(request):
    if roles.role_of(request.user) is None:
        raise PermissionDenied
    qs = Policy.objects.restrict(request.user, "view")
    rows = []
    for p in qs.order_by("name"):
        v = p.current
        rows.append({"policy": p, "version": v, "parsed": v.parsed() if v else None})
    return render(request, "policies/policy_list.html", {"rows": rows, "can_see_all": roles.role_of(request.user) in roles.ALL_DATA})


@login_required
def policy_detail(request, pk: int):
    p = get_object_or_404(Policy.objects.restrict(request.user, "view"), pk=pk)
    v = p.current
    role = roles.role_of(request.user)
    context = {
        "policy": p,
        "version": v,
        "parsed": v.parsed() if v else None,
        "can_change": role in roles.WRITERS,
        "can_see_all": role in roles.ALL_DATA,
        "compute_form": forms.ComputeForm(initial={"year": timezone.localdate().year - 1}),
    }
    if role in roles.ALL_DATA:
        context["computations"] = (
            Computation.objects.restrict(request.user, "view").filter(version__policy=p)
            .select_related("version", "computed_by").annotate(n=Count("entitlements"))
        )
    return render(request, "policies/policy.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request, pk: int):
    _require(request, roles.WRITERS)
    p = get_object_or_404(Policy.objects.restrict(request.user, "change"), pk=pk)
    problems = []
    if request.method == "POST":
        form = forms.PolicyEditForm(request.POST)
        if form.is_valid():
            try:
                v = service.new_version(p, form.cleaned_data["text"], form.cleaned_data["note"], request.user)
            except PolicyError as e:
                problems = e.problems or [("", e.zh, e.en)]
            else:
                messages.success(request, f"已保存为第 {v.version} 版")
                return redirect(p.get_absolute_url())
    else:
        form = forms.PolicyEditForm(initial={"text": p.current.text if p.current else ""})
    return render(request, "policies/policy_edit.html", {"policy": p, "form": form, "problems": problems}, status=422 if problems else 200)


@login_required
def policy_versions(request, pk: int):
    _require(request, roles.ALL_DATA)
    p = get_object_or_404(Policy.objects.restrict(request.user, "view"), pk=pk)
    versions = list(p.versions.select_related("created_by").order_by("-version"))
    entries = []
    for i, v in enumerate(versions):
        prev = versions[i + 1] if i + 1 < len(versions) else None
        diff = ""
        if prev is not None:
            diff = "\n".join(difflib.unified_diff(prev.text.splitlines(), v.text.splitlines(), f"第 {prev.version} 版", f"第 {v.version} 版", lineterm=""))
        entries.append({"version": v, "diff": diff})
    return render(request, "policies/policy_versions.html", {"policy": p, "entries": entries})


@login_required
@require_POST
def compute_view(request, pk: int):
    _require(request, roles.WRITERS)
    p = get_object_or_404(Policy.objects.restrict(request.user, "change"), pk=pk)
    form = forms.ComputeForm(request.POST)
    if not form.is_valid():
        _invalid(request, form, "请填写正确的年度", "enter a valid year")
        return redirect(p.get_absolute_url())
    try:
        comp = service.compute_and_store(p.current, form.cleaned_data["year"], request.user, form.cleaned_data["as_of"])
    except (WorkflowError, PolicyError, metrics.Unavailable) as e:
        _problem(request, e)
        return redirect(p.get_absolute_url())
    messages.success(request, f"已核算：{comp.entitlements.count()} 户，合计 {fmt(comp.total)} 万元")
    return redirect(comp.get_absolute_url())


# --- computations: review, announce, pay ---------------------------------------------------------------


def _computation(request, pk: int, action: str = "view") -> Computation:
    if action != "view":
        _require(request, roles.WRITERS)
    return get_object_or_404(Computation.objects.restrict(request.user, action).select_related("version__policy"), pk=pk)


@login_required
def computation_detail(request, pk: int):
    _require(request, roles.ALL_DATA)
    comp = _computation(request, pk)
    ents = list(comp.entitlements.annotate(n=Count("items")).order_by("uscc", "name"))
    by_status: dict[str, dict] = {}
    for e in ents:
        s = by_status.setdefault(e.get_status_display(), {"count": 0, "amount": 0})
        s["count"] += 1
        s["amount"] += e.amount
    reviewable = [(e.pk, e.name) for e in ents if e.status in Entitlement.REVIEWABLE]
    payable = list(service.payable(comp).order_by("name"))
    writer = roles.role_of(request.user) in roles.WRITERS
    context = {
        "comp": comp,
        "policy": comp.version.policy,
        "entitlements": ents,
        "by_status": [{"status": k, "count": v["count"], "amount": fmt(v["amount"])} for k, v in by_status.items()],
        "excluded": comp.excluded[:EXCLUDED_SHOWN],
        "excluded_total": len(comp.excluded),
        "writer": writer,
        "review_form": forms.ReviewForm(choices=reviewable) if writer and reviewable else None,
        "announceable": service.announceable(comp).count(),
        "announce_form": forms.AnnounceForm() if writer else None,
        "announcements": comp.announcements.prefetch_related("objections__entitlement", "objections__attachments").order_by("-starts_on"),
        "resolve_form": forms.ResolveForm() if writer else None,
        "payable": payable,
        "pay_form": forms.PayForm(choices=[(e.pk, e.name) for e in payable], initial={"paid_on": timezone.localdate()}) if writer and payable else None,
    }
    return render(request, "policies/computation.html", context)


def _step(request, form, back: str, invalid: tuple[str, str], act):
    """A workflow step posted from ``back``: the form's problems, or the step's, or what it did.

    ``act(cleaned_data)`` takes the step and returns the success message."""
    if not form.is_valid():
        _invalid(request, form, *invalid)
    else:
        try:
            messages.success(request, act(form.cleaned_data))
        except WorkflowError as e:
            _problem(request, e)
    return redirect(back)


@login_required
@require_POST
def review_view(request, pk: int):
    comp = _computation(request, pk, "review")
    choices = [(e.pk, e.name) for e in comp.entitlements.filter(status__in=Entitlement.REVIEWABLE)]

    def act(d) -> str:
        batch = service.review(request.user, comp, d["ids"], d["decision"], d["reason"])
        return f"已{batch.get_decision_display()} {batch.count} 户"

    invalid = ("请选择审核对象、决定并填写理由", "choose what to review and the decision, and give the reason")
    return _step(request, forms.ReviewForm(request.POST, choices=choices), comp.get_absolute_url(), invalid, act)


@login_required
@require_POST
def announce_view(request, pk: int):
    comp = _computation(request, pk, "announce")

    def act(d) -> str:
        a = service.announce(request.user, comp, d["starts_on"], d["days"], d["note"])
        return f"已发布公示：{a.starts_on} 至 {a.ends_on}，{len(a.snapshot)} 户"

    invalid = ("请填写公示开始日期和天数（1–30）", "enter the first day and the number of days (1–30) of the announcement")
    return _step(request, forms.AnnounceForm(request.POST), comp.get_absolute_url(), invalid, act)


@login_required
@require_POST
def resolve_view(request, pk: int):
    _require(request, roles.WRITERS)
    o = get_object_or_404(Objection.objects.restrict(request.user, "change").select_related("announcement__computation"), pk=pk)

    def act(d) -> str:
        service.resolve(request.user, o, d["decision"] == Objection.UPHELD, d["resolution"])
        return "异议已处理"

    invalid = ("请选择处理结果并填写处理意见", "choose the outcome and write the resolution")
    return _step(request, forms.ResolveForm(request.POST), o.announcement.computation.get_absolute_url(), invalid, act)


@login_required
@require_POST
def pay_view(request, pk: int):
    comp = _computation(request, pk, "pay")
    choices = [(e.pk, e.name) for e in service.payable(comp)]

    def act(d) -> str:
        return f"已登记支付 {service.pay(request.user, comp, d['ids'], d['paid_on'], d['reference'])} 户"

    invalid = ("请选择支付对象并填写支付日期和凭证号", "choose what to pay and enter the payment date and reference")
    return _step(request, forms.PayForm(request.POST, choices=choices), comp.get_absolute_url(), invalid, act)


@login_required
def payment_list_xlsx(request, pk: int):
    """The payment list of the payable entitlements: per payee with the bank details, and per item
    (the columns ``ipzone policy --payments`` reads). Formula-like text is neutralised."""
    comp = _computation(request, pk, "pay")
    from ipzone.web.policies.exports import payment_list

    data = payment_list(comp, list(service.payable(comp).order_by("uscc", "name").prefetch_related("items")))
    name = f"支付清单-{comp.version.policy.name}-{comp.year}.xlsx"
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=name)


# --- entitlements and claims ---------------------------------------------------------------------


@login_required
def entitlement_list(request):
    role = roles.role_of(request.user)
    if role not in roles.ALL_DATA and role != roles.ENTERPRISE:
        raise PermissionDenied
    qs = Entitlement.objects.restrict(request.user, "view").select_related("computation__version__policy")
    fs = filtersets.EntitlementFilterSet(request.GET, queryset=qs, request=request)
    qs = fs.qs.order_by("-computation__year", "computation__version__policy__name", "uscc", "name")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    table = tables.EntitlementTable(page.object_list)
    return render(
        request,
        "policies/entitlement_list.html",
        {"filter": fs, "table": table, "page": page, "querystring": params.urlencode(), "total": fmt(qs.aggregate(s=Sum("amount"))["s"] or 0)},
    )


def _entitlement_context(request, e: Entitlement, **bound) -> dict:
    can_claim = Entitlement.objects.restrict(request.user, "claim").filter(pk=e.pk).exists()
    role = roles.role_of(request.user)
    initial = {f: getattr(e, f) for f in forms.ConfirmForm.base_fields if getattr(e, f)}
    return {
        "e": e,
        "policy": e.computation.version.policy,
        "items": e.items.all(),
        "attachments": e.attachments.all(),
        "can_claim": can_claim,
        "on_behalf": can_claim and role in roles.WRITERS,
        "confirm_form": forms.ConfirmForm(initial=initial) if can_claim else None,
        "dispute_form": forms.DisputeForm() if can_claim else None,
        "can_see_all": role in roles.ALL_DATA,
        "history": e.history.select_related("history_user").order_by("-history_date", "-history_id")[:50] if role in roles.ALL_DATA else [],
        "announcements": e.announcements.all(),
        **bound,
    }


@login_required
def entitlement_detail(request, pk: int):
    e = get_object_or_404(Entitlement.objects.restrict(request.user, "view").select_related("computation__version__policy"), pk=pk)
    return render(request, "policies/entitlement.html", _entitlement_context(request, e))


def _claim_target(request, pk: int) -> Entitlement:
    e = Entitlement.objects.restrict(request.user, "claim").filter(pk=pk).first()
    if e is None:
        raise Http404
    return e


@login_required
@require_POST
def confirm_view(request, pk: int):
    e = _claim_target(request, pk)
    form = forms.ConfirmForm(request.POST)
    if not form.is_valid():
        return _detail_with(request, e, confirm_form=form)
    try:
        service.confirm(request.user, pk, **form.cleaned_data)
    except Entitlement.DoesNotExist:
        raise Http404 from None
    messages.success(request, "已确认，等待办公室审核")
    return redirect(e.get_absolute_url())


@login_required
@require_POST
def dispute_view(request, pk: int):
    e = _claim_target(request, pk)
    form = forms.DisputeForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail_with(request, e, dispute_form=form)
    try:
        service.dispute(request.user, pk, form.cleaned_data["reason"], form.cleaned_data["attachments"])
    except Entitlement.DoesNotExist:
        raise Http404 from None
    messages.success(request, "异议已提交，等待办公室审核")
    return redirect(e.get_absolute_url())


def _detail_with(request, e: Entitlement, **bound):
    """The entitlement page again, with the bound form and its errors."""
    return render(request, "policies/entitlement.html", _entitlement_context(request, e, **bound), status=400)


@login_required
def attachment_download(request, pk: int):
    """A dispute's file to whoever sees the entitlement; an objection's to whoever sees objections."""
    visible = Q(entitlement__in=Entitlement.objects.restrict(request.user, "view")) | Q(objection__in=Objection.objects.restrict(request.user, "view"))
    a = get_object_or_404(Attachment.objects.filter(visible), pk=pk)
    response = FileResponse(a.file.open("rb"), as_attachment=True, filename=a.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- payments and spending ----------------------------------------------------------------------------


@login_required
def payment_list(request):
    _require(request, roles.ALL_DATA)
    qs = Payment.objects.restrict(request.user, "view")
    fs = filtersets.PaymentFilterSet(request.GET, queryset=qs, request=request)
    qs = fs.qs
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "policies/payment_list.html",
        {"filter": fs, "table": tables.PaymentTable(page.object_list), "page": page, "querystring": params.urlencode(), "total": fmt(qs.aggregate(s=Sum("amount"))["s"] or 0)},
    )


@login_required
def spending(request):
    """Leaders: budget, entitled, committed and paid per policy, beside the indicators each serves."""
    _require(request, roles.ALL_DATA)
    from ipzone.web.monitoring.forms import YearForm

    form = YearForm(request.GET)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    year = year or timezone.localdate().year - 1
    data = service.spending(year)
    indicators, unavailable = {}, None
    try:
        indicators = {i["code"]: i for i in metrics.indicators(year)["indicators"]}
    except metrics.Unavailable as e:
        unavailable = e.zh
    from ipzone.web.monitoring.views import STATUS_CLASS

    for p in data["policies"]:
        p["indicators"] = [{**indicators[c], "status_class": STATUS_CLASS.get(indicators[c].get("status") or "", "")} for c in p["serves"] if c in indicators]
        for k in ("budget", "entitled", "committed", "paid"):
            p[f"{k}_text"] = "—" if p[k] is None else fmt(p[k])
        p["use"] = f"{p['paid'] / p['budget']:.1%}" if p["budget"] else "—"
        for t in p["top"]:
            t["amount_text"] = fmt(t["amount"])
    totals = {k: fmt(v) for k, v in data["totals"].items() if k != "beneficiaries"}
    return render(request, "policies/spending.html", {"data": data, "year": year, "totals": totals, "beneficiaries": data["totals"]["beneficiaries"], "unavailable": unavailable, "form": YearForm(initial={"year": year})})


# --- the public announcement (公示) ------------------------------------------------------------------


def public_list(request):
    today = timezone.localdate()
    current = Announcement.objects.filter(starts_on__lte=today, ends_on__gte=today).select_related("computation__version__policy")
    return render(request, "policies/public_list.html", {"announcements": current, "today": today})


def _objections_throttled(request) -> bool:
    """Whether this address has sent its hour's objections already (each submission counts, kept
    or refused: uploads are what fill a disk)."""
    from ipzone.web.core.auth import client_address

    key = f"ipzone:objections:{client_address(request)}"
    try:
        sent = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 3600)
        sent = 1
    return sent > settings.PUBLIC_OBJECTIONS_PER_HOUR


@require_http_methods(["GET", "POST"])
def public_announcement(request, pk: int):
    today = timezone.localdate()
    a = get_object_or_404(Announcement.objects.select_related("computation__version__policy"), pk=pk, starts_on__lte=today)
    rows = [{**r, "amount_text": fmt(Decimal(r["amount"]))} for r in a.snapshot]
    choices = [(r["id"], r["name"]) for r in a.snapshot]
    form = forms.ObjectionForm(choices=choices)
    status = 200
    if request.method == "POST" and _objections_throttled(request):
        form = forms.ObjectionForm(request.POST, choices=choices)
        limit = settings.PUBLIC_OBJECTIONS_PER_HOUR
        form.add_error(None, f"同一网络地址每小时最多提交 {limit} 次异议，请稍后再试 / at most {limit} objections an hour from one address; try again later")
        status = 429
    elif request.method == "POST":
        form = forms.ObjectionForm(request.POST, request.FILES, choices=choices)
        if form.is_valid():
            d = form.cleaned_data
            ent = a.entitlements.filter(pk=d["entitlement"]).first() if d["entitlement"] else None
            try:
                service.object_to(a, name=d["name"], contact=d["contact"], reason=d["reason"], entitlement=ent, uploads=d["attachments"])
            except WorkflowError as e:
                form.add_error(None, f"{e.zh} / {e.en}")
                status = 400
            else:
                messages.success(request, "异议已提交，办公室将核实处理")
                return redirect("policies:public_announcement", pk=a.pk)
        else:
            status = 400
    return render(request, "policies/public_announcement.html", {"a": a, "rows": rows, "form": form, "open": a.is_open(today), "policy": a.computation.version.policy}, status=status)
