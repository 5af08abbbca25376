"""The workbook import pages (filings, participants, inspections, quarterly progress): one way to
take an upload, run the importer and show what changed, or the findings and their workbook.

:func:`handle_import` receives the ``.xlsx`` (``ipzone.web.uploads``: size, safe intake), calls the
page's importer — ``run(source, user=, dry_run=, source_name=, **options)``, an
``ipzone.web.operation.imports.run_import`` or the like, which writes all or nothing — and renders
the page's template with ``result`` (``.ok``, ``.report``, ``.changes``). On failure the findings
go to ``errors.xlsx`` in a folder named by a token this session alone may fetch
(:func:`import_errors`); on success the folder is removed.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse

from ipzone.web.core import roles

SESSION_IMPORTS = "ipzone_workbook_imports"


def handle_import(request, run, template: str, context: dict, errors_url: str, options: dict | None = None):
    """GET shows the page; POST takes the workbook and runs ``run`` (see the module). ``errors_url``
    names the URL of :func:`import_errors` for this page; ``options`` go to ``run`` as they are."""
    from ipzone.web import errorbook, uploads

    if request.method == "GET":
        return render(request, template, context)
    upload = request.FILES.get("file")
    if upload is None or not upload.name.lower().endswith(".xlsx"):
        context["error"] = "请上传 .xlsx 工作簿 / upload an .xlsx workbook"
        return render(request, template, context, status=400)
    root = Path(settings.IMPORTS_DIR)
    uploads.sweep(root)
    token = uuid.uuid4().hex
    folder = root / token
    try:
        source = uploads.receive(upload, folder)
    except uploads.UploadError as e:
        shutil.rmtree(folder, ignore_errors=True)
        context["error"] = f"{e.zh} / {e.en}"
        return render(request, template, context, status=400)
    try:
        result = run(source, user=request.user, dry_run=bool(request.POST.get("dry_run")), source_name=Path(upload.name).name, **(options or {}))
    finally:
        source.unlink(missing_ok=True)
    context.update({"result": result, "name": upload.name})
    if result.ok:
        shutil.rmtree(folder, ignore_errors=True)
        return render(request, template, context)
    errorbook.write(result.report, folder / "errors.xlsx")
    request.session[SESSION_IMPORTS] = (request.session.get(SESSION_IMPORTS, []) + [token])[-20:]
    context.update({"token": token, "errors_url": reverse(errors_url, args=[token]), "findings": result.report.sorted()[:500],
                    "total_findings": len(result.report.findings)})
    return render(request, template, context, status=422)


@login_required
def import_errors(request, token: str, model=None, filename: str = "导入错误清单.xlsx"):
    """The findings of a failed upload of this session (``model``: only its importers may fetch them)."""
    if token not in request.session.get(SESSION_IMPORTS, []) or (model is not None and not roles.can(request.user, "import", model)):
        raise Http404
    path = Path(settings.IMPORTS_DIR) / token / "errors.xlsx"
    if not path.is_file():
        raise Http404
    return FileResponse(open(path, "rb"), as_attachment=True, filename=filename)
