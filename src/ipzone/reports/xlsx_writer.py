"""A report as an Excel workbook: the text on one sheet, each table on its own, the charts last.

Numbers are written as numbers at their displayed precision (percentages as ratios formatted
``0.0%``); a missing value is the text 缺数据 with its reason in the notes under the table,
never 0 or an empty cell. Text is always written as text, so nothing from the data becomes a
formula. The creation time is the report's own timestamp and XlsxWriter dates the zip entries
1980-01-01, so the same report gives the same bytes.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import xlsxwriter
from PIL import Image

from ipzone.reports.docx_writer import table_notes
from ipzone.reports.model import MISSING, NOT_APPLICABLE, Chart, Document, Table, Value, numbered_titles

_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str, used: set[str]) -> str:
    base = _BAD.sub("", name)[:31] or "表"
    out, n = base, 2
    while out in used:
        suffix = f"({n})"
        out = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(out)
    return out


def render(doc: Document) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False})
    wb.set_properties(
        {
            "title": doc.title,
            "subject": doc.subtitle or doc.title,
            "author": "ipzone",
            "company": "",
            "comments": "；".join(f"{k}：{v}" for k, v in doc.meta),
            "created": doc.timestamp,
        }
    )
    f_title = wb.add_format({"bold": True, "font_size": 14})
    f_head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"})
    f_text = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    f_missing = wb.add_format({"border": 1, "font_color": "#C00000", "align": "right"})
    f_na = wb.add_format({"border": 1, "align": "right", "font_color": "#7F7F7F"})
    f_h1 = wb.add_format({"bold": True, "font_size": 12})
    f_h2 = wb.add_format({"bold": True})
    f_wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    f_note = wb.add_format({"font_color": "#595959", "text_wrap": True, "valign": "top"})
    f_key = wb.add_format({"bold": True, "valign": "top"})
    nums: dict[tuple[int, bool], object] = {}

    def num_format(v: Value):
        key = (v.precision, v.percent)
        if key not in nums:
            body = "#,##0" + ("." + "0" * v.precision if v.precision else "")
            if v.percent:
                body = "0" + ("." + "0" * v.precision if v.precision else "") + "%"
            nums[key] = wb.add_format({"border": 1, "num_format": body})
        return nums[key]

    used: set[str] = set()
    text = wb.add_worksheet(_sheet_name("报告", used))
    text.set_column(0, 0, 16)
    text.set_column(1, 1, 110)
    row = 0
    text.write_string(row, 0, doc.title, f_title)
    row += 1
    if doc.subtitle:
        text.write_string(row, 0, doc.subtitle)
        row += 1
    row += 1
    for k, v in doc.meta:
        text.write_string(row, 0, k, f_key)
        text.write_string(row, 1, v, f_wrap)
        row += 1
    row += 1
    for p in doc.intro:
        text.write_string(row, 1, p.text, f_wrap)
        row += 1

    tables: list[tuple[int, Table, str]] = []
    charts: list[tuple[int, Chart]] = []
    for section, level, title in numbered_titles(doc):
        text.write_string(row, 0 if level == 1 else 1, title, f_h1 if level == 1 else f_h2)
        row += 1
        for b in section.blocks:
            if isinstance(b, Table):
                n = len(tables) + 1
                name = _sheet_name(f"表{n} {b.key or b.title}", used)
                tables.append((n, b, name))
                text.write_string(row, 1, f"表{n}　{b.title}（见工作表「{name}」）", f_note)
            elif isinstance(b, Chart):
                n = len(charts) + 1
                charts.append((n, b))
                text.write_string(row, 1, f"图{n}　{b.title}（见工作表「图表」）", f_note)
            else:
                text.write_string(row, 1, (b.lead or "") + b.text, f_wrap)
            row += 1
    if doc.issuer:
        row += 1
        text.write_string(row, 1, doc.issuer)

    for n, t, name in tables:
        ws = wb.add_worksheet(name)
        ws.write_string(0, 0, f"表{n}　{t.title}", f_title)
        for j, col in enumerate(t.columns):
            ws.write_string(2, j, col, f_head)
        widths = t.widths or [1.0] * len(t.columns)
        for j, w in enumerate(widths):
            ws.set_column(j, j, max(8, min(60, w * 7)))
        for i, cells in enumerate(t.rows, start=3):
            for j, c in enumerate(cells):
                if c is None:
                    ws.write_string(i, j, NOT_APPLICABLE, f_na)
                elif isinstance(c, Value):
                    number = c.number()
                    if number is None:
                        ws.write_string(i, j, MISSING, f_missing)
                    else:
                        ws.write_number(i, j, number, num_format(c))
                else:
                    ws.write_string(i, j, c, f_text)
        r = 3 + len(t.rows) + 1
        for k, note in enumerate(table_notes(t)):
            ws.merge_range(r + k, 0, r + k, max(len(t.columns) - 1, 1), ("注：" if k == 0 else "") + note, f_note)
        ws.freeze_panes(3, 0)

    if charts:
        ws = wb.add_worksheet(_sheet_name("图表", used))
        r = 0
        for n, c in charts:
            ws.write_string(r, 0, f"图{n}　{c.title}", f_h2)
            ws.insert_image(r + 1, 0, f"chart{n}.png", {"image_data": io.BytesIO(c.png), "x_scale": 0.6, "y_scale": 0.6, "object_position": 3})
            height_px = Image.open(io.BytesIO(c.png)).size[1] * 0.6
            r += 2 + int(height_px / 20) + 1
            for note in c.notes:
                ws.write_string(r, 0, note, f_note)
                r += 1
            r += 1
    wb.close()
    return buf.getvalue()


def write(doc: Document, path: Path) -> None:
    Path(path).write_bytes(render(doc))
