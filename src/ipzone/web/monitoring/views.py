"""The dashboard, the import page, the records behind an indicator, and the zone's yearly statistics."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ipzone.config import CONFIG_NAME
from ipzone.web import metrics, zoneconfig
from ipzone.web.core import roles
from ipzone.web.core import views as generic
from ipzone.web.core.registry import register_model_view
from ipzone.web.monitoring import filtersets, tables
from ipzone.web.monitoring.forms import ImportForm, YearForm, ZoneConfigForm
from ipzone.web.monitoring.models import ImportRun, ZoneConfigVersion, ZoneYear

STATUS_CLASS = {"达标": "ok", "接近": "near", "滞后": "behind"}
SESSION_IMPORTS = "ipzone_imports"
SHOWN_FINDINGS = 500


@register_model_view(ZoneYear, "list")
class ZoneYearListView(generic.ObjectListView):
    queryset = ZoneYear.objects.all()
    filterset = filtersets.ZoneYearFilterSet
    table = tables.ZoneYearTable


@register_model_view(ZoneYear)
class ZoneYearView(generic.ObjectView):
    queryset = ZoneYear.objects.all()


def _require(request, allowed: frozenset[str]) -> None:
    if roles.role_of(request.user) not in allowed:
        raise PermissionDenied


def year_and_counting(request) -> tuple[int, str]:
    form = YearForm(request.GET)
    year = counting = None
    if form.is_valid():
        year, counting = form.cleaned_data["year"], form.cleaned_data["counting"]
    return year or metrics.default_year(), counting or "first"


def chart_series(progress: dict) -> dict[str, dict]:
    """Per indicator: years, values and the target path (annual targets) for the chart."""
    out = {}
    for item in progress["indicators"]:
        out[item["code"]] = {
            "name": item["name"],
            "unit": item["unit"],
            "years": [y["year"] for y in item["years"]],
            "values": [y["value"] for y in item["years"]],
            "targets": [y["annual_target"] for y in item["years"]],
            "precision": item.get("precision", 2),
        }
    return out


@login_required
def dashboard(request):
    _require(request, roles.ALL_DATA)
    year, counting = year_and_counting(request)
    context = {
        "year": year, "counting": counting, "counting_zh": metrics.COUNTING_ZH.get(counting, counting),
        "form": YearForm(initial={"year": year, "counting": counting}), "config": _config_in_force(),
    }
    try:
        data = metrics.indicators(year, counting)
        progress = metrics.progress(counting, metrics.FIRST_YEAR, max(metrics.LAST_YEAR, year))
    except metrics.Unavailable as e:
        context["unavailable"] = e.zh
        return render(request, "monitoring/dashboard.html", context)
    main = set(metrics.main_codes())
    cards = []
    for ind in data["indicators"]:
        if ind["code"] in main:
            cards.append({**ind, "status_class": STATUS_CLASS.get(ind.get("status") or "", "none")})
    from ipzone.indicators.plan import by_task

    for ind in data["indicators"]:
        ind["status_class"] = STATUS_CLASS.get(ind.get("status") or "", "none")
    context.update({"data": data, "cards": cards, "charts": chart_series(progress), "source": data.get("source"), "parts": by_task(data["indicators"])})
    return render(request, "monitoring/dashboard.html", context)


@login_required
def explain(request, code: str):
    """The records behind one indicator value (the engine's explain), linked to their pages."""
    _require(request, roles.ALL_DATA)
    year, counting = year_and_counting(request)
    if code not in {c for c in _catalog_codes()}:
        raise Http404
    try:
        data = metrics.explain(year, code, counting)
    except metrics.Unavailable as e:
        return render(request, "monitoring/explain.html", {"unavailable": e.zh, "year": year, "code": code})
    from ipzone.indicators import catalog
    from ipzone.indicators.render import fmt, label
    from ipzone.indicators.rules import HV_CRITERIA_ZH

    records = data.get("records") or []
    page = Paginator(records, 100).get_page(request.GET.get("page"))
    columns = [c for c in (records[0].keys() if records else []) if c not in _HIDDEN]
    links = _patent_links(request.user, [r.get("application_no") for r in page.object_list])
    rows = []
    for r in page.object_list:
        row = []
        for c in columns:
            value = r.get(c)
            if c == "criteria_met" and isinstance(value, list):
                value = [HV_CRITERIA_ZH.get(v, v) for v in value]
            row.append({"text": _cell(value), "url": links.get(r.get("application_no")) if c == "application_no" else None})
        rows.append(row)
    params = request.GET.copy()
    params.pop("page", None)
    ind = catalog.get(code)  # decimals as the dashboard shows them (Result.precision)
    precision = max(ind.precision, 2) if ind.patent_count and counting == "fractional" else ind.precision
    return render(
        request,
        "monitoring/explain.html",
        {
            "data": data, "year": year, "counting": counting, "code": code,
            "value": fmt(data.get("value"), precision), "stats": [(label(k), v) for k, v in (data.get("stats") or {}).items()],
            "headers": [label(c) for c in columns], "rows": rows, "page": page, "querystring": params.urlencode(),
        },
    )


_HIDDEN = {"evidence", "owners", "zone_owners", "invention", "in_force", "granted_in_year", "hv", "c_sei", "c_overseas", "c_maintained", "c_pledge", "c_award"}


def _catalog_codes() -> list[str]:
    from ipzone.indicators.catalog import CATALOG

    return [i.code for i in CATALOG]


def _cell(v) -> str:
    from ipzone.web.core.tables import display

    if isinstance(v, list):
        return "、".join(_cell(x) for x in v)
    if isinstance(v, dict):
        return "；".join(f"{k}: {_cell(x)}" for k, x in v.items())
    return display(v)


def _patent_links(user, numbers: list) -> dict[str, str]:
    from ipzone.web.patents.models import Patent

    wanted = [n for n in numbers if n]
    if not wanted:
        return {}
    return {p.application_no: p.get_absolute_url() for p in Patent.objects.restrict(user, "view").filter(application_no__in=wanted).only("pk", "application_no")}


# --- import ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    """Upload a dataset: errors cell by cell (and as .xlsx), or the changes it made."""
    if not roles.can(request.user, "import"):
        raise PermissionDenied
    from ipzone.web import errorbook, uploads
    from ipzone.web.load import load

    runs = ImportRun.objects.select_related("user")[:10]
    if request.method == "GET":
        return render(request, "monitoring/import.html", {"form": ImportForm(), "runs": runs})
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "monitoring/import.html", {"form": form, "runs": runs}, status=400)
    root = Path(settings.IMPORTS_DIR)
    uploads.sweep(root)
    token = uuid.uuid4().hex
    folder = root / token
    try:
        source = uploads.receive(form.cleaned_data["file"], folder, with_config=True)
    except uploads.UploadError as e:
        form.add_error("file", e.zh)
        _discard(folder)
        return render(request, "monitoring/import.html", {"form": form, "runs": runs}, status=400)
    try:
        result = load(
            source, user=request.user, prune=form.cleaned_data["prune"], dry_run=form.cleaned_data["dry_run"],
            source_name=Path(form.cleaned_data["file"].name).name,
            config=uploads.config_of(folder), config_name=CONFIG_NAME,
        )
    finally:
        _discard(folder, keep_folder=True)
    context = {"form": ImportForm(), "runs": runs, "result": result, "name": form.cleaned_data["file"].name}
    if not result.ok:
        errorbook.write(result.report, folder / "errors.xlsx")
        request.session[SESSION_IMPORTS] = (request.session.get(SESSION_IMPORTS, []) + [token])[-20:]
        context.update({"token": token, "findings": result.report.sorted()[:SHOWN_FINDINGS], "total_findings": len(result.report.findings)})
    return render(request, "monitoring/import.html", context, status=200 if result.ok else 422)


def _discard(folder: Path, keep_folder: bool = False) -> None:
    """Delete the uploaded data (the error workbook is all that is kept, for a day)."""
    import shutil

    if not folder.exists():
        return
    if not keep_folder:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for child in folder.iterdir():
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


@login_required
def import_errors(request, token: str):
    if not roles.can(request.user, "import") or token not in request.session.get(SESSION_IMPORTS, []):
        raise Http404
    path = Path(settings.IMPORTS_DIR) / token / "errors.xlsx"
    if not path.is_file():
        raise Http404
    return FileResponse(open(path, "rb"), as_attachment=True, filename="导入错误清单.xlsx")


@login_required
def template_download(request):
    """The blank data template: Chinese headers and notes (``ipzone template``)."""
    from ipzone.templates import write_template

    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "template.xlsx"
        write_template(path)
        data = path.read_bytes()
    return FileResponse(io.BytesIO(data), as_attachment=True, filename="ipzone-数据模板.xlsx")


@login_required
def import_runs(request):
    _require(request, roles.ALL_DATA)
    page = Paginator(ImportRun.objects.select_related("user"), 50).get_page(request.GET.get("page"))
    return render(request, "monitoring/importrun_list.html", {"page": page})


# --- the zone configuration -------------------------------------------------------------------------


def _config_in_force() -> dict:
    """Which configuration the engine uses, for a page: its description, or why it cannot be had."""
    from ipzone.values import Problem

    try:
        used = zoneconfig.in_force()
    except Problem as e:
        return {"zh": f"无法读取园区配置：{e.zh}", "kind": "error"}
    return {"zh": used.zh, "kind": used.kind, "version": used.version}


@login_required
@require_http_methods(["GET", "POST"])
def zone_config(request):
    """The stored zone configuration (read-only) and its versions; writers upload a new one."""
    _require(request, roles.ALL_DATA)
    may_upload = roles.can(request.user, "import")
    versions = ZoneConfigVersion.objects.select_related("created_by").prefetch_related("files")
    shown = None
    if request.GET.get("version", "").isdigit():
        shown = versions.filter(version=int(request.GET["version"])).first()
        if shown is None:
            raise Http404
    form, status, stored = ZoneConfigForm(), 200, None
    if request.method == "POST":
        if not may_upload:
            raise PermissionDenied
        form = ZoneConfigForm(request.POST, request.FILES)
        if form.is_valid():
            pending = form.cleaned_data["pending"]
            stored, created = zoneconfig.store(pending, user=request.user, source=f"上传 {pending.name}")
            if created:
                return redirect(f"{reverse('monitoring:zone_config')}?stored={stored.version}")
            form = ZoneConfigForm()
            form.unchanged = stored.version
        else:
            status = 400
    current = zoneconfig.current()
    shown = shown or current
    context = {
        "config": _config_in_force(), "current": current, "shown": shown, "versions": versions[:50],
        "form": form if may_upload else None, "just_stored": request.GET.get("stored"),
    }
    return render(request, "monitoring/zone_config.html", context, status=status)


@login_required
def zone_config_file(request, version: int, role: str):
    """A reference table kept with a configuration version, as it was given."""
    _require(request, roles.ALL_DATA)
    from ipzone.web.monitoring.models import ZoneConfigFile

    f = ZoneConfigFile.objects.filter(config__version=version, role=role).first()
    if f is None:
        raise Http404
    return FileResponse(io.BytesIO(bytes(f.data)), as_attachment=True, filename=f.name)
