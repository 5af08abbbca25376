"""Reports out: JSON and CSV for machines, a Rich table and an xlsx workbook in Chinese for people.

The JSON shape is a contract other tools read: ``{"year", "counting", "indicators": [{"code",
"name", "unit", "value", "baseline_2021", "target_2025", "annual_target", "completion",
"status", …}]}``; ``value`` is a plain number or null with ``reason``. Keys may be added, never renamed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from rich.table import Table
from rich.text import Text

from ipzone.indicators import rules, targets
from ipzone.indicators.engine import Report, Result

STATUS_STYLE = {"达标": "green", "接近": "yellow", "滞后": "red"}
TRAJECTORY_STYLE = {"已达成": "green", "按进度": "green", "需加速": "yellow", "进展有限": "red", "倒退": "red"}


def plain(v):
    """A JSON number without float noise; whole numbers as integers."""
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, float):
        r = round(v, 10)
        return int(r) if r.is_integer() else r
    return v


def pair(reason: tuple[str, str] | None) -> str | None:
    return None if reason is None else f"{reason[0]}（{reason[1]}）"


def jsonable(obj):
    """Dates to ISO text, (zh, en) pairs to objects, floats cleaned — recursively."""
    if isinstance(obj, dict):
        return {k: jsonable(v) for k, v in obj.items()}
    if isinstance(obj, tuple) and len(obj) == 2 and all(isinstance(x, str) for x in obj):
        return {"zh": obj[0], "en": obj[1]}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    return plain(obj)


def fmt(v: float | None, precision: int) -> str:
    if v is None:
        return "—"
    return f"{targets.at_precision(v, precision):,.{precision}f}"


def fmt_pct(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


# --- indicators ------------------------------------------------------------------------------------


def result_json(res: Result, counting: str) -> dict:
    ind = res.indicator
    out = {
        "code": ind.code,
        "name": ind.name,
        "unit": ind.unit,
        "value": plain(res.value),
        "baseline_2021": plain(ind.baseline_2021),
        "target_2025": plain(ind.target_2025),
        "annual_target": plain(res.annual_target),
        "completion": None if res.completion is None else round(res.completion, 6),
        "status": res.status,
    }
    if res.value is None:
        out["reason"] = pair(res.reason)
        out["reason_zh"], out["reason_en"] = res.reason or (None, None)
    out.update(
        {
            "precision": res.precision(counting),
            "display": fmt(res.value, res.precision(counting)),
            "main": ind.main,
            "attribute": ind.attribute,
            "task": ind.task,
            "formula": ind.formula_text,
            "target_kind": ind.target_kind,
            "counting_applies": ind.patent_count,
        }
    )
    if res.breakdown:
        out["breakdown"] = jsonable(res.breakdown)
    if res.assumptions:
        out["assumptions"] = jsonable(res.assumptions)
    if res.notes:
        out["notes"] = jsonable(res.notes)
    if res.references:
        out["references"] = jsonable(res.references)
    return out


def report_json(report: Report) -> dict:
    return {
        "year": report.year,
        "counting": report.counting,
        "engine": report.engine,
        "zone": report.zone_name,
        "source": report.source,
        "indicators": [result_json(r, report.counting) for r in report.results],
        "references": jsonable(report.references),
        "assumptions": jsonable(report.assumptions),
    }


CSV_FIELDS = ("code", "name", "unit", "value", "baseline_2021", "target_2025", "annual_target", "completion", "status", "reason")


def report_csv(report: Report) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in report.results:
        row = result_json(r, report.counting)
        w.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in CSV_FIELDS})
    return buf.getvalue()


def _status_text(status: str | None, styles: dict) -> Text:
    return Text(status or "—", style=styles.get(status, ""))


def report_table(report: Report) -> Table:
    title = f"{report.zone_name} {report.year} 年知识产权指标（{rules.COUNTING_ZH[report.counting]}，{report.engine}）"
    t = Table(title=title, show_lines=False)
    for name, kw in [
        ("代码", {"style": "dim", "overflow": "fold"}),
        ("指标", {"overflow": "fold"}),
        ("单位", {}),
        ("数值", {"justify": "right"}),
        ("2021 基期", {"justify": "right"}),
        ("2025 目标", {"justify": "right"}),
        ("年度目标", {"justify": "right"}),
        ("完成率", {"justify": "right"}),
        ("状态", {}),
    ]:
        t.add_column(name, **kw)
    for r in report.results:
        ind = r.indicator
        p = r.precision(report.counting)
        value = fmt(r.value, p) if r.value is not None else Text("无", style="red")
        t.add_row(
            ind.code,
            ind.name + (" ★" if ind.main else ""),
            ind.unit,
            value,
            fmt(ind.baseline_2021, p),
            fmt(ind.target_2025, p),
            fmt(r.annual_target, p),
            fmt_pct(r.completion),
            _status_text(r.status, STATUS_STYLE),
        )
    return t


def report_footnotes(report: Report) -> list[str]:
    lines = []
    for r in report.results:
        if r.value is None:
            lines.append(f"{r.indicator.code}：{r.reason[0]}")
    for zh, _en in report.assumptions:
        lines.append(f"假设/口径：{zh}")
    for ref in report.references:
        if ref.get("available") is False:
            lines.append(f"参照表 {ref['name']}：{ref['reason']}")
        else:
            lines.append(f"参照表 {ref['name']}：版本 {ref['edition']}，覆盖 {ref['coverage']}")
    return lines


def write_xlsx(report: Report, path: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    sheet = wb.add_worksheet("指标")
    cols = ["代码", "指标", "单位", "数值", "2021年基期", "2025年目标", "年度目标", "完成率", "状态", "属性", "所属任务", "计算方法", "说明"]
    sheet.write_row(0, 0, cols, head)
    for i, r in enumerate(report.results, start=1):
        ind = r.indicator
        p = r.precision(report.counting)
        num = wb.add_format({"num_format": "#,##0" + ("." + "0" * p if p else "")})
        sheet.write(i, 0, ind.code)
        sheet.write(i, 1, ind.name)
        sheet.write(i, 2, ind.unit)
        for j, v in ((3, r.value), (4, ind.baseline_2021), (5, ind.target_2025), (6, r.annual_target)):
            if v is None:
                sheet.write_blank(i, j, None)
            else:
                sheet.write_number(i, j, float(plain(v)), num)
        if r.completion is None:
            sheet.write_blank(i, 7, None)
        else:
            sheet.write_number(i, 7, r.completion, wb.add_format({"num_format": "0.0%"}))
        sheet.write(i, 8, r.status or "")
        sheet.write(i, 9, ind.attribute or "")
        sheet.write(i, 10, ind.task)
        sheet.write(i, 11, ind.formula_text)
        sheet.write(i, 12, "；".join(([r.reason[0]] if r.reason else []) + [n[0] for n in r.notes]))
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 40)
    sheet.set_column(11, 12, 60)
    sheet.freeze_panes(1, 2)

    b = wb.add_worksheet("分项")
    b.write_row(0, 0, ["代码", "指标", "分组", "分组值", "数值", "记录数"], head)
    row = 1
    for r in report.results:
        for split, rows in r.breakdown.items():
            for x in rows:
                keys = split.split("+")
                b.write_row(row, 0, [r.indicator.code, r.indicator.name, split, " / ".join(str(x[k]) for k in keys), plain(x["value"]), x["records"]])
                row += 1
    n = wb.add_worksheet("口径与参照表")
    n.write_row(0, 0, ["类别", "内容"], head)
    row = 1
    n.write_row(row, 0, ["园区", report.zone_name])
    row += 1
    n.write_row(row, 0, ["年度", str(report.year)])
    row += 1
    n.write_row(row, 0, ["计数规则", f"{rules.COUNTING_ZH[report.counting]}（{report.counting}）"])
    row += 1
    for zh, _en in report.assumptions:
        n.write_row(row, 0, ["假设/口径", zh])
        row += 1
    for ref in report.references:
        text = ref.get("reason") if ref.get("available") is False else f"{ref['name']}，版本 {ref['edition']}，覆盖 {ref['coverage']}，来源 {ref['source']}"
        n.write_row(row, 0, ["参照表", text])
        row += 1
    n.set_column(0, 0, 14)
    n.set_column(1, 1, 100)
    wb.close()


# --- progress ----------------------------------------------------------------------------------------


def progress_json(prog: dict) -> dict:
    out = {k: prog[k] for k in ("from", "to", "counting", "engine", "zone")}
    out["indicators"] = []
    for item in prog["indicators"]:
        ind = item["indicator"]
        years = []
        for y in item["years"]:
            row = {k: jsonable(v) for k, v in y.items() if k != "reason"}
            if y["value"] is None:
                row["reason"] = pair(y["reason"])
            years.append(row)
        out["indicators"].append(
            {
                "code": ind.code,
                "name": ind.name,
                "unit": ind.unit,
                "baseline_2021": plain(ind.baseline_2021),
                "target_2025": plain(ind.target_2025),
                "precision": ind.precision,
                "years": years,
            }
        )
    return out


def progress_table(prog: dict) -> Table:
    t = Table(title=f"{prog['zone']} 主要指标进度（{prog['from']}–{prog['to']}）")
    for name, kw in [
        ("指标", {}),
        ("年度", {}),
        ("数值", {"justify": "right"}),
        ("年度目标", {"justify": "right"}),
        ("完成率", {"justify": "right"}),
        ("状态", {}),
        ("较上年", {"justify": "right"}),
        ("年均增速", {"justify": "right"}),
        ("所需增速", {"justify": "right"}),
        ("趋势", {}),
        ("2025 预测", {"justify": "right"}),
    ]:
        t.add_column(name, **kw)
    for item in prog["indicators"]:
        ind = item["indicator"]
        for i, y in enumerate(item["years"]):
            tr = y["trajectory"]
            p = ind.precision
            t.add_row(
                f"{ind.name}（{ind.unit}）" if i == 0 else "",
                str(y["year"]),
                fmt(y["value"], p) if y["value"] is not None else Text("无", style="red"),
                fmt(y["annual_target"], p),
                fmt_pct(y["completion"]),
                _status_text(y["status"], STATUS_STYLE),
                fmt(y["change"], p),
                fmt_pct(tr["cagr"]),
                fmt_pct(tr["required_growth"]),
                _status_text(tr["category"], TRAJECTORY_STYLE),
                fmt(tr["projection_2025"], p),
            )
        t.add_section()
    return t


# --- explain -----------------------------------------------------------------------------------------

LABELS = {
    "application_no": "申请号",
    "kind": "类型",
    "title": "名称",
    "filing_date": "申请日",
    "grant_date": "授权公告日",
    "lapse_date": "失效日",
    "share": "份额",
    "criteria_met": "满足条件",
    "ten_year_date": "申请日+10年",
    "uscc": "统一社会信用代码",
    "entity_name": "名称",
    "certificate_no": "证书编号",
    "valid_from": "生效日期",
    "valid_to": "失效日期",
    "weight": "权重",
    "registration_no": "登记号",
    "registered_on": "登记日期",
    "amount": "金额（万元）",
    "pledgor_uscc": "出质人",
    "application_nos": "涉及申请号",
}


def _contract_labels() -> dict[str, str]:
    from ipzone import contract

    out: dict[str, str] = {}
    for t in contract.TABLES:
        for c in t.columns:
            out.setdefault(c.name, c.zh)
    return out


_CONTRACT_LABELS = _contract_labels()


def label(column: str) -> str:
    return LABELS.get(column) or _CONTRACT_LABELS.get(column, column)


def explain_json(data: dict) -> dict:
    """Explain output for machines; ``reason`` is a "中文（English）" string as in ``indicators``."""
    out = jsonable({k: v for k, v in data.items() if k != "reason"})
    if "value" in data and "code" in data:
        out["reason"] = pair(data.get("reason"))
    return out


def _cell(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, (list, tuple)):
        return "、".join(_cell(x) for x in v)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, float):
        return f"{plain(v)}"
    return str(v)


def _evidence_text(ev: dict) -> str:
    parts = []
    for m in ev.get("sei", []):
        kw = f"，关键词「{m['keyword']}」" if m.get("keyword") else ""
        parts.append(f"战新：{m['ipc']}→{m['entry']}（{m['sei_code']} {m['sei_name']}，{m['edition']}{kw}）")
    if "overseas" in ev:
        parts.append(f"海外同族 {ev['overseas']['overseas_family_grants']} 件")
    if "maintained" in ev:
        parts.append(f"申请日 {_cell(ev['maintained']['filing_date'])}，满10年 {_cell(ev['maintained']['ten_year_date'])}")
    for p in ev.get("pledge", []):
        parts.append(f"质押 {p['registration_no']}（{_cell(p['registered_on'])}，{plain(p['amount'])} 万元）")
    for a in ev.get("award", []):
        parts.append(f"{a['year']} {a['award']}{a['grade']}")
    return "；".join(parts)


def explain_table(data: dict, limit: int = 200) -> Table:
    value = "无（" + data["reason"][0] + "）" if data["value"] is None else _cell(data["value"])
    t = Table(title=f"{data['name']}（{data['code']}）{data['year']} 年 = {value} {data['unit']}", caption=data["formula"])
    records = data["records"]
    if not records:
        t.add_column("说明")
        if data["stats"]:
            for k, v in data["stats"].items():
                t.add_row(f"{k} = {_cell(v)}")
        else:
            t.add_row("无记录")
        return t
    if "criteria_met" in records[0]:  # patents: the number, title, share and the criteria with evidence
        cols = ["application_no", "title", "grant_date", "lapse_date", "share", "criteria_met"]
    else:
        cols = [c for c, v in records[0].items() if not isinstance(v, bool) or c in ("patent_attorney", "typical")]
    for c in cols:
        t.add_column(label(c), overflow="fold")
    if "evidence" in records[0]:
        t.add_column("证据", overflow="fold")
    for r in records[:limit]:
        row = [_cell([rules.HV_CRITERIA_ZH[x] for x in r[c]]) if c == "criteria_met" else _cell(r[c]) for c in cols]
        if "evidence" in r:
            row.append(_evidence_text(r["evidence"]))
        t.add_row(*row)
    if len(records) > limit:
        t.caption = f"{data['formula']}；仅显示前 {limit} 条，共 {len(records)} 条（--format json 输出全部）"
    return t


def patent_lines(data: dict) -> list[str]:
    yes = {True: "✓", False: "✗", None: "?"}
    lines = [
        f"专利 {data['application_no']}（{data['kind']}）{data['title']}，截至 {data['date'].isoformat()}（{rules.COUNTING_ZH[data['counting']]}）",
        "权利人：",
    ]
    for o in data["owners"]:
        lines.append(f"  {o['position']}. {o['name']}：{o['why']}")
    lines.append(f"属于园区：{yes[data['zone']['belongs']]} {data['zone']['why']}（份额 {plain(data['zone']['share'])}）")
    lines.append(f"有效：{yes[data['in_force']['value']]} {data['in_force']['why']}")
    lines.append("高价值条件：")
    for c in rules.HV_CRITERIA:
        crit = data["criteria"][c]
        lines.append(f"  {yes[crit['met']]} {rules.HV_CRITERIA_ZH[c]}：{crit['why']}")
    lines.append(f"结论：{data['high_value']['why']}")
    return lines
