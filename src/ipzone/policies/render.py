"""Entitlements and explanations as JSON (the contract other tools read), Rich tables and xlsx.

JSON of one policy-year::

    {"policy", "version", "year",
     "entitlements": [{"uscc", "name", "items": [{"kind", "id", "amount"}], "amount"}],
     "excluded": [{"id", "reason"}]}

plus added keys (``title``, ``basis``, ``sample``, ``applies``, ``budget``, ``total``, item
``date`` / ``base`` / ``computed`` / ``steps``, excluded ``kind`` / ``rule`` / ``reason_zh`` /
``reason_en`` / ``uscc`` / ``name``, ``notes``, ``assumptions``). Amounts are 万元 (numbers with
at most four decimals: one yuan). ``reason`` is "中文（English）", as in the indicators' JSON.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ipzone.policies.entitlements import Outcome, fmt
from ipzone.policies.payments import KIND_ZH

ONCE_ZH = {"all_policies": "所有政策、所有年度只奖补一次", "this_policy": "本政策只奖补一次", "none": "每年可奖补"}
PAYMENT_ZH = {"fixed": "固定金额", "rate": "比例", "fee_share": "费用分担"}


def _num(x: Decimal | None) -> float | None:
    return None if x is None else float(x)


def _pair(p: tuple[str, str]) -> str:
    return f"{p[0]}（{p[1]}）"


def outcome_json(out: Outcome) -> dict:
    pol = out.policy
    return {
        "policy": pol.name,
        "version": pol.version,
        "year": out.year,
        "entitlements": [
            {
                "uscc": e.uscc,
                "name": e.name,
                "items": [
                    {
                        "kind": i.kind,
                        "id": i.id,
                        "amount": _num(i.amount),
                        "date": i.date.isoformat() if i.date else None,
                        "base": _num(i.base),
                        "computed": _num(i.computed),
                        "steps": [s[0] for s in i.steps],
                    }
                    for i in e.items
                ],
                "amount": _num(e.amount),
            }
            for e in out.entitlements
        ],
        "excluded": [
            {"id": x.id, "reason": _pair((x.zh, x.en)), "reason_zh": x.zh, "reason_en": x.en, "kind": x.kind, "rule": x.rule, "uscc": x.uscc, "name": x.name}
            for x in out.excluded
        ],
        "title": pol.title,
        "basis": pol.basis,
        "sample": pol.sample,
        "applies": out.applies,
        "reason": _pair(out.reason) if out.reason else None,
        "total": _num(out.total),
        "beneficiaries": len(out.entitlements),
        "items": out.items,
        "budget": _num(out.budget),
        "budget_available": _num(out.budget_available),
        "before_budget": _num(out.before_budget),
        "budget_factor": _num(out.factor),
        "as_of": out.as_of.isoformat() if out.as_of else None,
        "payments_checked": out.payments_checked,
        "serves": pol.serves,
        "notes": [n[0] for n in out.notes],
        "assumptions": [a[0] for a in out.assumptions],
    }


def _jsonable(x):
    if isinstance(x, Decimal):
        return float(x)
    if isinstance(x, (dt.date, dt.datetime)):
        return x.isoformat()
    if isinstance(x, dict):
        return {k: _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if hasattr(x, "__dataclass_fields__"):
        return _jsonable(vars(x))
    return x


def explain_json(data: dict) -> dict:
    out = dict(data)
    out["conclusion"] = _pair(data["conclusion"])
    out["conclusion_zh"], out["conclusion_en"] = data["conclusion"]
    if out.get("reason"):
        out["reason"] = _pair(out["reason"])
    out["notes"] = [n[0] for n in data.get("notes", [])]
    out["assumptions"] = [a[0] for a in data.get("assumptions", [])]
    out["steps"] = [s[0] for s in data.get("steps", [])]
    if "patent" in out:
        from ipzone.indicators.render import explain_json as engine_json

        out["patent"] = engine_json(out["patent"])
    return _jsonable(out)


# --- terminal -------------------------------------------------------------------------------


def heading(out: Outcome) -> str:
    pol = out.policy
    sample = "，示例" if pol.sample else ""
    return f"{pol.title}（{pol.name}，第 {pol.version} 版{sample}）{out.year} 年度"


def outcome_renderables(out: Outcome, first: int | None = 20) -> list:
    if not out.applies:
        return [Text(f"{heading(out)}：不计算 — {out.reason[0]}", style="yellow")]
    pol = out.policy
    t = Table()
    for col, just in (("统一社会信用代码", "left"), ("名称", "left"), ("项目", "left"), ("金额（万元）", "right")):
        t.add_column(col, justify=just)
    for e in out.entitlements:
        items = "、".join(f"{i.id}（{fmt(i.amount)}）" for i in e.items)
        t.add_row(e.uscc or "—", escape(e.name), escape(items), fmt(e.amount))
    t.add_section()
    t.add_row("合计", f"{len(out.entitlements)} 户", f"{out.items} 项", fmt(out.total))
    parts: list = [Text(f"{heading(out)}享受名单（免申即享）", style="bold"), t]
    if out.excluded:
        counts: dict[str, int] = {}
        for e in out.excluded:
            counts[e.rule] = counts.get(e.rule, 0) + 1
        by_rule = "；".join(f"{rule_zh(out, r)} {n} 项" for r, n in sorted(counts.items(), key=lambda kv: -kv[1]))
        shown = out.excluded if not first else out.excluded[:first]
        more = f"，下表列出前 {len(shown)} 项（--first 0 列出全部；json、xlsx 含全部）" if len(shown) < len(out.excluded) else ""
        x = Table()
        for col in ("类型", "编号", "享受对象", "原因"):
            x.add_column(col)
        for e in shown:
            x.add_row(KIND_ZH[e.kind], escape(e.id), escape(e.name or "—"), escape(e.zh))
        parts += [Text(f"未享受 {len(out.excluded)} 项：{by_rule}{more}"), x]
    lines = [f"依据：{pol.basis}"]
    if out.budget is not None:
        lines.append(f"预算：{fmt(out.budget)} 万元；可用 {fmt(out.budget_available)} 万元；应享（核减前）{fmt(out.before_budget)} 万元；合计 {fmt(out.total)} 万元")
    lines += [f"说明：{n[0]}" for n in out.notes] + [f"口径：{a[0]}" for a in out.assumptions]
    if out.as_of:
        lines.append(f"暂缓规则按 {out.as_of.isoformat()} 判断；同一项目：{ONCE_ZH[pol.exclusions.once]}")
    return parts + lines


def rule_zh(out: Outcome, rule: str) -> str:
    from ipzone.policies import conditions
    from ipzone.policies.entitlements import RULE_ZH

    if rule.startswith("hold:"):
        return "暂缓（" + {"infringement": "侵权案件", "credit": "信用"}.get(rule[5:], rule[5:]) + "）"
    if rule in RULE_ZH:
        return RULE_ZH[rule]
    try:
        return "不满足「" + conditions.get(out.policy.eligibility.item, rule).zh + "」"
    except KeyError:
        return rule


def explain_lines(data: dict) -> list[str]:
    kind_zh = {"patent": "专利", "pledge": "质押登记"}[data["kind"]]
    sample = "，示例" if data.get("sample") else ""
    lines = [f"政策 {data['policy']}（{data['title']}，第 {data['version']} 版{sample}）· {data['year']} 年度 · {kind_zh} {data['id']}"]
    if data["status"] == "not_applying":
        return lines + [f"结论：{data['conclusion'][0]}"]
    b = data.get("beneficiary") or {}
    if b.get("name"):
        lines.append(f"享受对象：{b['name']}" + (f"（{b['uscc']}）" if b.get("uscc") else "（无统一社会信用代码）"))

    def mark(met):
        return "✓" if met is True else ("?" if met is None else "✗")

    lines.append("范围：")
    lines += [f"  {mark(c['met'])} {c['label']}：{c['why']}" for c in data["scope"]]
    if data["require"]:
        lines.append("条件：")
        lines += [f"  {mark(c['met'])} {c['label']}：{c['why']}" for c in data["require"]]
    if data["validity"]["why"]:
        lines.append(f"  {mark(data['validity']['met'])} 政策有效期：{data['validity']['why']}")
    patent = data.get("patent")
    if patent is not None:
        lines.append(f"指标引擎（ipzone explain --patent {data['id']} --year {data['year']}）：")
        for name, c in patent["criteria"].items():
            from ipzone.indicators.rules import HV_CRITERIA_ZH

            lines.append(f"  {mark(c['met'])} {HV_CRITERIA_ZH[name]}：{c['why']}")
        lines.append(f"  {patent['high_value']['why']}")
    if data["status"] != "out_of_scope":
        paid = data.get("paid_before") or []
        lines.append("以往奖补：" + ("；".join(f"{p['year']} 年度 {p['policy']} {fmt(p['amount'])} 万元" for p in paid) if paid else "无"))
        hold = data.get("hold")
        lines.append("暂缓：" + (hold.zh if hold else "无"))
    if data.get("steps"):
        lines.append("金额：")
        lines += [f"  {s[0]}" for s in data["steps"]]
    lines.append(f"结论：{data['conclusion'][0]}")
    lines += [f"说明：{n[0]}" for n in data.get("notes", [])]
    return lines


# --- xlsx --------------------------------------------------------------------------------------

ITEM_HEADERS = ("政策", "版本", "年度", "统一社会信用代码", "名称", "类型", "编号", "日期", "基数（万元）", "金额（万元）", "核算说明")
SUMMARY_HEADERS = ("政策", "版本", "年度", "统一社会信用代码", "名称", "项目数", "金额（万元）")
EXCLUDED_HEADERS = ("政策", "版本", "年度", "类型", "编号", "享受对象", "统一社会信用代码", "规则", "原因", "Reason")


def write_xlsx(outcomes: list[Outcome], path: Path) -> Path:
    """Every policy-year in one workbook: 享受明细, 享受名单 (per beneficiary), 未享受, 政策与说明.

    Every text cell is written as text and formula-like text is neutralised (errorbook's rule),
    so a name such as ``=HYPERLINK(…)`` reaches the office as text."""
    import xlsxwriter

    from ipzone.web.errorbook import neutralise

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    num = wb.add_format({"num_format": "0.0000"})

    def sheet(name, headers, rows, widths):
        ws = wb.add_worksheet(name)
        for j, h in enumerate(headers):
            ws.write_string(0, j, h, head)
        for i, row in enumerate(rows, start=1):
            for j, v in enumerate(row):
                if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
                    ws.write_number(i, j, float(v), num if isinstance(v, (float, Decimal)) else None)
                else:
                    ws.write_string(i, j, neutralise(v))
        for j, w in enumerate(widths):
            ws.set_column(j, j, w)
        ws.freeze_panes(1, 0)
        if rows:
            ws.autofilter(0, 0, len(rows), len(headers) - 1)

    items, summary, excluded, info = [], [], [], []
    for out in outcomes:
        p = out.policy
        for e in out.entitlements:
            summary.append((p.name, p.version, out.year, e.uscc or "", e.name, len(e.items), e.amount))
            for i in e.items:
                items.append((p.name, p.version, out.year, e.uscc or "", e.name, KIND_ZH[i.kind], i.id, i.date.isoformat() if i.date else "", i.base if i.base is not None else "", i.amount, "；".join(s[0] for s in i.steps)))
        for x in out.excluded:
            excluded.append((p.name, p.version, out.year, KIND_ZH[x.kind], x.id, x.name or "", x.uscc or "", x.rule, x.zh, x.en))
        info.append((p.name, "标题", p.title))
        info.append((p.name, "版本", str(p.version)))
        info.append((p.name, "依据", p.basis))
        info.append((p.name, "示例", "是（金额由办公室确定）" if p.sample else "否"))
        info.append((p.name, "年度", str(out.year)))
        if not out.applies:
            info.append((p.name, "不计算", out.reason[0]))
            continue
        info.append((p.name, "合计（万元）", fmt(out.total)))
        if out.budget is not None:
            info.append((p.name, "预算（万元）", fmt(out.budget)))
        info += [(p.name, "说明", n[0]) for n in out.notes] + [(p.name, "口径", a[0]) for a in out.assumptions]
    sheet("享受明细", ITEM_HEADERS, items, (22, 6, 6, 20, 30, 6, 18, 11, 12, 12, 60))
    sheet("享受名单", SUMMARY_HEADERS, summary, (22, 6, 6, 20, 30, 8, 12))
    sheet("未享受", EXCLUDED_HEADERS, excluded, (22, 6, 6, 6, 18, 30, 20, 18, 60, 60))
    sheet("政策与说明", ("政策", "项", "内容"), info, (22, 14, 100))
    wb.close()
    return path
