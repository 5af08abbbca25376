"""Workbooks the platform hands out: a list as .xlsx, a template-layout workbook that imports back.

- :func:`xlsx_file`: whatever ``write(path)`` writes, as a download;
- :func:`template_file`: declared tables in the template's layout with rows filled in
  (``ipzone.programme.workbook.template``): the workbook imports back;
- :func:`list_workbook`: rows of models, one sheet per ``(title, model, rows, fields)``, headed by
  the fields' Chinese names.

Every text cell is written as a string and formula-safe (``ipzone.web.errorbook.neutralise``).
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

import xlsxwriter
from django.http import FileResponse
from django.utils import timezone

from ipzone.web.errorbook import neutralise

WIDE = ("title", "content", "minutes", "agenda", "basis", "note", "facts", "claims", "summary")


def xlsx_file(write, filename: str) -> FileResponse:
    """``write(path)`` writes a workbook; it is sent as ``filename``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.xlsx"
        write(path)
        data = path.read_bytes()
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=filename)


def template_file(rows_by_stem: dict, tables: tuple, filename: str) -> FileResponse:
    """``tables`` in the template's layout, with ``rows_by_stem`` filled in."""
    from ipzone.programme import workbook

    return xlsx_file(lambda path: workbook.template(path, tables, rows_by_stem), filename)


def list_workbook(sheets, target):
    """Rows of models as a workbook, one sheet per ``(title, model, rows, fields)``: headers are the
    fields' Chinese names; a foreign key is its target's key, a choice its label, several values
    joined with ";" (``ipzone.web.core.schemas.field_values``, as the API gives them). Text is
    formula-safe; dates are dates."""
    from ipzone.web.core.schemas import field_values

    wb = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    for title, model, rows, fields in sheets:
        ws = wb.add_worksheet(title)
        for j, name in enumerate(fields):
            ws.write_string(0, j, str(model._meta.get_field(name).verbose_name), head)
            ws.set_column(j, j, 40 if name in WIDE else 14)
        for i, obj in enumerate(rows, start=1):
            for j, value in enumerate(field_values(obj, fields).values()):
                if value is None or value == "":
                    continue
                if isinstance(value, dt.datetime):
                    ws.write_string(i, j, timezone.localtime(value).strftime("%Y-%m-%d %H:%M"))
                elif isinstance(value, dt.date):
                    ws.write_datetime(i, j, dt.datetime.combine(value, dt.time()), date)
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    ws.write_number(i, j, value)
                else:
                    ws.write_string(i, j, neutralise(";".join(value) if isinstance(value, list) else value))
        ws.freeze_panes(1, 0)
    wb.close()
    return target
