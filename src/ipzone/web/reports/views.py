"""/reports/: pick a report, its year or period and a format; download what was generated.

Office and admin generate and download; leaders download; enterprise and agency users get 403 on
the pages and 404 for a file (the queryset gives them no report at all).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ipzone.web.core import roles
from ipzone.web.reports import services
from ipzone.web.reports.forms import ReportForm
from ipzone.web.reports.models import DONE, ReportRun


def _page(request, form: ReportForm | None, status: int = 200):
    if roles.role_of(request.user) not in roles.ALL_DATA:
        raise PermissionDenied
    runs = ReportRun.objects.restrict(request.user, "view").select_related("user")
    page = Paginator(runs, 50).get_page(request.GET.get("page"))
    can_generate = roles.can(request.user, "add")
    if form is None and can_generate:
        from ipzone.web import metrics

        form = ReportForm(initial={"year": metrics.default_year(), "fmt": "docx", "counting": "first"})
    pending = any(r.pending for r in page.object_list)
    return render(request, "reports/index.html", {"page": page, "form": form if can_generate else None, "pending": pending}, status=status)


@login_required
def index(request):
    return _page(request, None)


@login_required
@require_POST
def generate(request):
    if not roles.can(request.user, "add"):
        raise PermissionDenied
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    from ipzone.reports.annual import YearError
    from ipzone.values import Problem
    from ipzone.web.metrics import Unavailable

    data = form.cleaned_data
    args = dict(user=request.user, year=data.get("year"), period=data.get("period_obj"), counting=data["counting"])
    if settings.REPORTS_IN_BACKGROUND:
        run = services.enqueue(data["kind"], data["fmt"], **args)
        messages.success(request, f"已开始生成：{run.get_kind_display()} {run.period_label}（{run.get_fmt_display()}），完成后在下表下载")
        return redirect("reports:index")
    try:
        run = services.generate(data["kind"], data["fmt"], **args)
    except (YearError, Problem, Unavailable) as e:
        form.add_error(None, e.zh)
        return _page(request, form, status=422)
    messages.success(request, f"已生成：{run.filename}")
    return redirect("reports:index")


@login_required
def download(request, pk: int):
    run = ReportRun.objects.restrict(request.user, "view").filter(pk=pk, state=DONE).first()
    if run is None:
        raise Http404
    path = services.reports_dir() / Path(run.file).name
    if not path.is_file():
        raise Http404
    return FileResponse(open(path, "rb"), as_attachment=True, filename=run.filename)
