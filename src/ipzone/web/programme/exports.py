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
