"""The assessment as an .xlsx workbook: a summary sheet (one row per department) and a sheet of the
items behind each score. Every text cell is written as a string, formula-safe as in the import's
error workbook (``ipzone.web.errorbook.neutralise``)."""

from __future__ import annotations

import xlsxwriter

from ipzone.web.errorbook import neutralise


def assessment_workbook(year, as_of, results, criteria, target):
    wb = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    number = wb.add_format({"num_format": "0.0"})
    ws = wb.add_worksheet("考核结果")
    ws.write_string(0, 0, f"{year} 年度部门知识产权工作考核（截至 {as_of.isoformat()}；标准：{criteria.source}）")
    headers = ["部门", "部门代码"]
    for c in criteria.criteria:
        headers += [f"{c.name}（权重 {c.weight:g}）计数", f"{c.name}达成", f"{c.name}得分"]
    headers += ["总分", "等级"]
    for j, h in enumerate(headers):
        ws.write_string(2, j, h, head)
    for i, a in enumerate(results, start=3):
        ws.write_string(i, 0, neutralise(a.department.name))
        ws.write_string(i, 1, neutralise(a.department.code))
        j = 2
        for p in a.score.parts:
            ws.write_number(i, j, p.counted)
            ws.write_number(i, j + 1, p.met)
            points = a.score.points(p.criterion.code)
            ws.write(i, j + 2, points if points is not None else "不计", number if points is not None else None)
            j += 3
        if a.score.score is None:
            ws.write_string(i, j, "无可考核事项")
        else:
            ws.write_number(i, j, a.score.score, number)
        ws.write_string(i, j + 1, a.score.grade or "—")
    ws.set_column(0, 0, 36)
    ws.set_column(1, len(headers), 12)
    ws.freeze_panes(3, 1)

    rules = wb.add_worksheet("考核标准")
    for j, h in enumerate(("代码", "标准", "权重", "计分规则")):
        rules.write_string(0, j, h, head)
    for i, c in enumerate(criteria.criteria, start=1):
        rules.write_row(i, 0, [c.code, c.name])
        rules.write_number(i, 2, c.weight)
        rules.write_string(i, 3, c.rule)
    rules.set_column(3, 3, 100)

    detail = wb.add_worksheet("考核明细")
    for j, h in enumerate(("部门", "标准", "事项")):
        detail.write_string(0, j, h, head)
    row = 1
    for a in results:
        for p in a.score.parts:
            for line in p.details:
                detail.write_string(row, 0, neutralise(a.department.short))
                detail.write_string(row, 1, p.criterion.name)
                detail.write_string(row, 2, neutralise(line))
                row += 1
    detail.set_column(0, 1, 18)
    detail.set_column(2, 2, 90)
    wb.close()
    return target


def list_workbook(sheets, target):
    """Rows of models as a workbook, one sheet per ``(title, model, rows, fields)``: headers are the
    fields' Chinese names; a foreign key is its target's key (a task's code, a department's code), a
    choice its label, several values joined with ";" (``ipzone.web.core.schemas.field_values``, as
    the API gives them). Text is formula-safe; dates are dates."""
    import datetime as dt

    from django.utils import timezone

    from ipzone.web.core.schemas import field_values

    wb = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    for title, model, rows, fields in sheets:
        ws = wb.add_worksheet(title)
        for j, name in enumerate(fields):
            ws.write_string(0, j, str(model._meta.get_field(name).verbose_name), head)
            ws.set_column(j, j, 40 if name in ("title", "content", "minutes", "agenda", "basis", "note") else 14)
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
