"""The findings of a failed import as an .xlsx workbook, safe to open in Excel or WPS.

Every cell is written as a string, and any text that a spreadsheet would take for a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is prefixed with ``'``
(OWASP's advice against CSV/formula injection): values come from the uploaded file, and a cell
like ``=HYPERLINK(…)`` must reach the office as text.
"""

from __future__ import annotations

import io
from pathlib import Path

import xlsxwriter

from ipzone.findings import Report

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADERS = ("级别", "表", "表名", "行", "列", "值", "问题", "Problem", "规则", "文件")
LEVEL_ZH = {"error": "错误", "warning": "警告"}


def neutralise(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def rows(report: Report) -> list[tuple[str, ...]]:
    return [
        (
            LEVEL_ZH.get(f.level, f.level), f.table or "", f.table_zh or "", "" if f.row is None else str(f.row),
            f.column or "", f.value, f.zh, f.en, f.rule, f.file or "",
        )
        for f in report.sorted()
    ]


def write(report: Report, target: Path | io.BytesIO) -> Path | io.BytesIO:
    wb = xlsxwriter.Workbook(target if isinstance(target, io.BytesIO) else str(target), {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    ws = wb.add_worksheet("错误清单")
    for j, h in enumerate(HEADERS):
        ws.write_string(0, j, h, head)
    for i, row in enumerate(rows(report), start=1):
        for j, v in enumerate(row):
            ws.write_string(i, j, neutralise(v))
    for j, width in enumerate((6, 14, 14, 6, 18, 24, 50, 50, 20, 20)):
        ws.set_column(j, j, width)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(1, len(report.findings)), len(HEADERS) - 1)
    wb.close()
    return target
