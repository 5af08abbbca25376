"""Repeat and malicious infringers, credit grades, the office's listings and settings, deadlines.

Infringers, listings and settings are for the office, leaders and admins (leaders read only).
Grades: the office, leaders and admins see every in-zone entity; an enterprise sees its own grade
and reasons, and nothing of another entity (404).
"""

from __future__ import annotations


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from ipzone import contract
from ipzone.protection import credit
from ipzone.protection import inspections as inspection_rules
from ipzone.protection import workflow as wf
from ipzone.web import metrics
from ipzone.web.core import roles
from ipzone.web.core import views as generic
from ipzone.web.core.registry import register_model_view
from ipzone.web.protection import casework, filtersets, forms, grading
from ipzone.web.protection.models import DEADLINE_STAGES, Case, DeadlineRule, FilingListing, ProtectionSettings
from ipzone.web.protection.plain import LabelledTable, OfficeListView, PlainObjectView, csv_response

PER_PAGE = 50


def _require(request, allowed) -> None:
    if roles.role_of(request.user) not in allowed:
        raise PermissionDenied


def _year(request) -> int:
    """``?year=``, else this year: supervision is about now (records of the window up to today)."""
    this_year = casework.today().year
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return this_year
    return year if 2000 <= year <= 2100 else this_year


def _years(year: int) -> list[int]:
    return sorted({*range(metrics.FIRST_YEAR - 2, max(metrics.LAST_YEAR, casework.today().year) + 1), year})


@login_required
def infringer_list(request):
    _require(request, roles.ALL_DATA)
    year = _year(request)
    settings = ProtectionSettings.current()
    found = grading.infringer_list(year)
    flag = request.GET.get("flag", "")
    if flag:
        found = [i for i in found if flag in i.flags]
    case_ids = dict(Case.objects.filter(case_no__in=[c.case_no for i in found for c in i.cases]).values_list("case_no", "pk"))
    from ipzone.web.entities.models import Entity

    in_zone = set(Entity.objects.filter(uscc__in=[i.uscc for i in found if i.uscc], in_zone=True).values_list("uscc", flat=True))
    rows = [
        {"infringer": i, "in_zone": i.uscc in in_zone, "cases": [{"case": c, "url": reverse("protection:case", args=[case_ids[c.case_no]]) if c.case_no in case_ids else None} for c in i.cases]}
        for i in found
    ]
    context = {
        "year": year, "years": _years(year), "flag": flag, "rows": rows, "count": len(found),
        "rule": settings.rule().describe(year), "settings": settings, "can_change": roles.can(request.user, "change"),
    }
    return render(request, "protection/infringers.html", context)


@login_required
def grade_list(request):
    role = roles.role_of(request.user)
    if role == roles.ENTERPRISE:
        uscc = roles.uscc_of(request.user)
        if not uscc:
            raise Http404
        return redirect(f"{reverse('protection:grade', args=[uscc])}?year={_year(request)}")
    _require(request, roles.ALL_DATA)
    year = _year(request)
    try:
        rules = grading.rules()
        graded = grading.grades(year)
    except credit.RulesError as e:
        return render(request, "protection/grades.html", {"year": year, "years": _years(year), "error": str(e)})
    counts = credit.summary(graded, rules)
    rows = list(graded.values())
    grade = request.GET.get("grade", "")
    q = request.GET.get("q", "").strip()
    if grade:
        rows = [g for g in rows if g.grade == grade]
    if q:
        rows = [g for g in rows if q in g.uscc or q in g.name]
    if request.GET.get("reasons") == "1":
        rows = [g for g in rows if g.reasons]
    day = grading.as_of(year)  # inspections up to today, or to 31 December of a past year
    schedule = grading.schedule(graded, day)
    inspection = request.GET.get("inspection", "")
    if inspection == "overdue":
        rows = [g for g in rows if schedule[g.uscc].overdue(day)]
    rows.sort(key=lambda g: (rules.rank(g.grade) * -1, g.score, g.uscc))
    if inspection == "due":  # the year's inspection plan, in its order: worst grade, then the earliest due
        last = {u: d.last for u, d in schedule.items() if d.last is not None}
        plan = inspection_rules.plan({g.uscc: g for g in rows}, last, year, [x.code for x in rules.grades], as_of=day)
        rows = [graded[i.uscc] for i in plan]
    if request.GET.get("export") == "csv":
        header = ["统一社会信用代码", "名称", "年度", "等级", "分数", "检查频次", "原因"]
        lines = ([g.uscc, g.name, g.year, g.grade, f"{g.score:g}", g.inspection,
                  "；".join(f"{r.label}×{r.count}（{r.points:+g}）" for r in g.reasons)] for g in rows)
        return csv_response(f"信用等级-{year}.csv", header, lines)
    if request.GET.get("export") == "xlsx":
        return _grades_xlsx(rows, schedule, day, year)
    page = Paginator([{"g": g, "due": schedule[g.uscc], "status": schedule[g.uscc].status(day)} for g in rows], PER_PAGE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("export", None)
    context = {
        "year": year, "years": _years(year), "rules": rules, "counts": counts, "page": page, "grade": grade, "q": q,
        "reasons": request.GET.get("reasons") == "1", "querystring": params.urlencode(), "total": len(graded),
        "window_start": year - rules.window_years + 1, "inspection": inspection, "as_of": day,
        "overdue_count": sum(1 for d in schedule.values() if d.overdue(day)),
    }
    return render(request, "protection/grades.html", context)


def _grades_xlsx(rows, schedule, day, year):
    """The grade list as a workbook in the template style (ipzone.protection.inspections.GRADES_TABLE)."""
    from ipzone.protection.inspections import GRADES_TABLE
    from ipzone.web.core.downloads import template_file

    records = [
        {"uscc": g.uscc, "name": g.name, "year": g.year, "grade": g.grade, "label": g.label, "score": g.score, "inspection": g.inspection,
         "reasons": [f"{r.label}×{r.count}（{r.points:+g}）" for r in g.reasons],
         "last_inspected_on": schedule[g.uscc].last, "next_due_on": schedule[g.uscc].due_on, "status": schedule[g.uscc].status(day)}
        for g in rows
    ]
    return template_file({GRADES_TABLE.stem: records}, (GRADES_TABLE,), f"信用等级-{year}.xlsx")


@login_required
def grade_detail(request, uscc: str):
    role = roles.role_of(request.user)
    if role in roles.SCOPED:
        if role != roles.ENTERPRISE or roles.uscc_of(request.user) != uscc:
            raise Http404
    elif role not in roles.ALL_DATA:
        raise PermissionDenied
    year = _year(request)
    try:
        rules = grading.rules()
        g = grading.grades(year).get(uscc)
    except credit.RulesError as e:
        return render(request, "protection/grade.html", {"year": year, "years": _years(year), "error": str(e), "uscc": uscc})
    if g is None:
        raise Http404
    from ipzone.web.entities.models import Entity

    entity = Entity.objects.restrict(request.user).filter(uscc=uscc).first()
    history = []
    for y in range(year - 4, year + 1):
        other = grading.grades(y).get(uscc) if y != year else g
        if other is not None:
            history.append(other)
    from ipzone.web.protection.models import Inspection

    day = grading.as_of(year)
    due = grading.schedule({uscc: g}, day)[uscc]
    context = {
        "year": year, "years": _years(year), "grade": g, "rules": rules, "entity": entity, "history": history, "uscc": uscc,
        "window_start": year - rules.window_years + 1, "due": due, "due_status": due.status(day), "as_of": day,
        "overdue": due.overdue(day),
        "inspections": Inspection.objects.restrict(request.user).filter(entity_id=uscc).order_by("-inspected_on", "-pk")[:20],
        "can_add_inspection": roles.can(request.user, "add", Inspection),
    }
    return render(request, "protection/grade.html", context)


# --- settings and deadlines ----------------------------------------------------------------------


@login_required
def settings_page(request):
    _require(request, roles.ALL_DATA)
    s = ProtectionSettings.current()
    form = forms.SettingsForm(request.POST or None, instance=s)
    if request.method == "POST":
        if not roles.can(request.user, "change"):
            raise PermissionDenied
        if form.is_valid():
            form.save()
            messages.success(request, f"已保存：{s}")
            return redirect("protection:settings")
    try:
        rules = grading.rules()
        rules_error = None
    except credit.RulesError as e:
        rules, rules_error = None, str(e)
    context = {"form": form, "settings": s, "can_change": roles.can(request.user, "change"), "rules": rules, "rules_error": rules_error}
    return render(request, "protection/settings.html", context)


@login_required
def deadlines_page(request):
    """Every (case kind, stage) limit on one page; saving re-stores the deadlines of open cases."""
    _require(request, roles.ALL_DATA)
    limits = DeadlineRule.limits()
    stages = DEADLINE_STAGES
    errors = []
    if request.method == "POST":
        if not roles.can(request.user, "change"):
            raise PermissionDenied
        wanted = {}
        for kind in contract.CASE_KINDS:
            for stage, label in stages:
                raw = request.POST.get(f"d-{kind}-{stage}", "").strip()
                in_workdays = request.POST.get(f"u-{kind}-{stage}") == "w"
                if raw == "":
                    wanted[(kind, stage)] = None
                elif raw.isdigit() and 0 < int(raw) <= 3650:
                    wanted[(kind, stage)] = wf.Limit(int(raw), in_workdays)
                else:
                    errors.append(f"{kind} · {label}：「{raw}」不是 1–3650 的天数 / not a number of days 1–3650")
        if not errors:
            changed = [k for k, v in wanted.items() if limits.get(k) != v]
            with transaction.atomic():
                for kind, stage in changed:
                    limit = wanted[(kind, stage)]
                    DeadlineRule.objects.update_or_create(kind=kind, stage=stage, defaults={
                        "days": limit.days if limit else None, "workdays": bool(limit and limit.workdays)})
                n = casework.refresh_open() if changed else 0
            messages.success(request, f"已保存 {len(changed)} 项期限；{n} 件办理中案件的期限已重算")
            return redirect("protection:deadlines")
        limits = {**limits, **{k: v for k, v in wanted.items()}}
    defaults = wf.default_deadlines()
    rows = [
        {"kind": kind, "cells": [
            {"name": f"d-{kind}-{stage}", "unit_name": f"u-{kind}-{stage}", "value": limits.get((kind, stage)), "default": defaults.get((kind, stage))}
            for stage, _ in stages]}
        for kind in contract.CASE_KINDS
    ]
    context = {"stages": stages, "rows": rows, "errors": errors, "can_change": roles.can(request.user, "change")}
    return render(request, "protection/deadlines.html", context)


# --- the office's list of abnormal filings (generic pages) ----------------------------------------


class FilingListingTable(LabelledTable):
    model = FilingListing
    columns = ("uscc", "name", "kind", "listed_on", "count", "reference", "removed_on")


@register_model_view(FilingListing, "list")
class FilingListingListView(OfficeListView):
    template_name = "protection/filinglisting_list.html"
    queryset = FilingListing.objects.all()
    filterset = filtersets.FilingListingFilterSet
    table = FilingListingTable


@register_model_view(FilingListing)
class FilingListingView(PlainObjectView):
    queryset = FilingListing.objects.all()


@register_model_view(FilingListing, "history")
class FilingListingHistoryView(generic.ObjectHistoryView):
    queryset = FilingListing.objects.all()


@register_model_view(FilingListing, "add")
@register_model_view(FilingListing, "edit")
class FilingListingEditView(generic.ObjectEditView):
    queryset = FilingListing.objects.all()
    form = forms.FilingListingForm


@register_model_view(FilingListing, "delete")
class FilingListingDeleteView(generic.ObjectDeleteView):
    queryset = FilingListing.objects.all()


MAX_LISTINGS_BYTES = 5 * 1024 * 1024


@login_required
def listing_import(request):
    """The office's listings from a CSV (the command line's format): all rows or none."""
    if not roles.can(request.user, "add"):
        raise PermissionDenied
    import tempfile
    from pathlib import Path

    from ipzone.protection.listings import COLUMNS, ListingError, read_listings

    problems: list[tuple[str, str]] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            problems = [("请选择 CSV 文件", "choose a CSV file")]
        elif upload.size > MAX_LISTINGS_BYTES:
            problems = [(f"文件超过 {MAX_LISTINGS_BYTES // 1048576} MB", f"the file is over {MAX_LISTINGS_BYTES // 1048576} MB")]
        else:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / Path(upload.name or "listings.csv").name
                with path.open("wb") as f:
                    for chunk in upload.chunks():
                        f.write(chunk)
                try:
                    items = read_listings(path)
                except ListingError as e:
                    problems = e.problems
            if not problems:
                with transaction.atomic():
                    for item in items:
                        FilingListing.objects.create(
                            uscc=item.uscc, name=item.name, kind=item.kind, listed_on=item.listed_on, count=item.count,
                            reference=item.reference, removed_on=item.removed_on, note=f"导入 {upload.name}",
                        )
                messages.success(request, f"已导入 {len(items)} 条异常申请名单")
                return redirect("protection:filinglisting_list")
    context = {"problems": problems, "columns": COLUMNS}
    return render(request, "protection/listing_import.html", context, status=400 if problems else 200)
