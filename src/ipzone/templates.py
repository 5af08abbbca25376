"""Blank data templates: one workbook, a sheet per table, Chinese headers and notes.

Identifier columns are formatted as text so that Excel keeps application numbers, 统一社会信用代码
and codes exactly as typed (the usual cause of lost digits and leading zeros).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from ipzone import contract
from ipzone.validation import expected

NOTES_SHEET = "填表说明"
TEXT_KINDS = {
    contract.USCC, contract.APPNO, contract.APPNO_LIST, contract.CODE, contract.CODE_LIST,
    contract.INDUSTRY, contract.PCT_NO, contract.IPC_LIST, contract.TEXT, contract.TEXT_LIST,
}


def column_note(column: contract.Column) -> str:
    zh, _ = expected(column)
    parts = [f"{column.name}：{zh}", "必填" if column.required and column.default is None else "选填"]
    if column.key:
        parts.append("★ 主键，不可重复")
    if column.note:
        parts.append(column.note)
    return "；".join(parts)


def cell_text(column: contract.Column, value) -> str | None:
    """A value as the template's cell shows it: lists joined with ;, 是/否, dates as ISO days."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def write_cell(ws, i: int, j: int, column: contract.Column, value, text, date) -> None:
    """One cell of an export. Text is written as a string, never as a formula (values come from
    users); numbers as numbers; dates as Excel dates, formatted yyyy-mm-dd."""
    if value is None:
        return
    if column.kind == contract.DATE:
        ws.write_datetime(i, j, dt.datetime.combine(value, dt.time()), date)
    elif column.kind in (contract.INT, contract.YEAR, contract.AMOUNT, contract.SCORE) and not isinstance(value, bool):
        ws.write_number(i, j, value)
    else:
        ws.write_string(i, j, cell_text(column, value), text if column.kind in TEXT_KINDS else None)


def write_template(path: Path, tables: tuple[contract.Table, ...] = contract.TABLES, rows: dict[str, list[dict]] | None = None) -> Path:
    """The blank template of ``tables`` (the contract's by default); with ``rows`` (contract rows by
    stem: English names, Python values), the same workbook filled in: an export that imports back."""
    wb = xlsxwriter.Workbook(str(path))
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    text = wb.add_format({"num_format": "@"})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    notes = wb.add_worksheet(NOTES_SHEET)
    notes.write_row(0, 0, ["表（工作表名）", "英文名", "列", "说明"], head)
    row = 1
    for t in tables:
        ws = wb.add_worksheet(t.zh)
        for j, c in enumerate(t.columns):
            ws.write_string(0, j, ("★" if c.key else "") + c.zh, head)
            ws.write_comment(0, j, column_note(c), {"x_scale": 2, "y_scale": 1.5})
            fmt = text if c.kind in TEXT_KINDS else date if c.kind == contract.DATE else None
            ws.set_column(j, j, max(12, 2 * len(c.zh) + 2), fmt)
            notes.write_row(row, 0, [t.zh, t.stem, c.zh, column_note(c)])
            row += 1
        for i, record in enumerate((rows or {}).get(t.stem, ()), start=1):
            for j, c in enumerate(t.columns):
                write_cell(ws, i, j, c, record.get(c.name), text, date)
        ws.freeze_panes(1, 0)
    notes.set_column(0, 2, 18)
    notes.set_column(3, 3, 90)
    wb.close()
    return path
