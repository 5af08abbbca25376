"""The annual report's 政策兑现与受益主体 section, plugged into ``ipzone.reports.annual`` (slot
"policies"): the report imports this module when it builds, and the module registers itself. Kept
apart from ``report.py`` so that importing ``ipzone.policies`` does not import the report writers."""

from __future__ import annotations

from ipzone.policies.report import TOP, from_outcomes



SECTION_TITLE = "政策兑现与受益主体"


def annual_section(ctx):
    """政策兑现与受益主体: budget, entitled, committed and paid per policy, and the top beneficiaries.

    From the platform's record when the report is made from the platform's database
    (``ctx.source.policy_spending``), else computed here from the shipped sample policies on the
    report's own engine (nothing committed or paid: the command line has no payment record)."""
    from ipzone.policies.entitlements import compute_all
    from ipzone.policies.files import samples
    from ipzone.reports.model import Paragraph, Section, Table, Value

    year = ctx.year
    notes: list[str] = []
    if ctx.source.policy_spending is not None:
        data = ctx.source.policy_spending(year)
        origin = "数据来自平台的政策兑现记录（核算、审核、支付）。"
    else:
        outcomes = compute_all(ctx.facts.eng, samples(), year)
        data = from_outcomes(outcomes)
        origin = "按随附的示例政策在本数据集上核算（金额、上限和预算为示例，由办公室确定）；数据集不含支付记录，已审核、已支付均按 0 计。"
        for out in outcomes:
            for zh, _ in out.notes:
                if not zh.startswith("示例政策") and zh not in notes:
                    notes.append(zh)
    policies = (data or {}).get("policies") or []
    sec = Section(SECTION_TITLE, key="policies")
    if not policies:
        sec.add(Paragraph(f"{year}年没有适用的奖补政策。{origin}"))
        return sec
    t = data["totals"]
    sec.add(
        Paragraph(
            f"{year}年共{len(policies)}项奖补政策适用，应享合计{Value(t['entitled'], 2).text()}万元，"
            f"已审核待支付{Value(t['committed'], 2).text()}万元，已支付{Value(t['paid'], 2).text()}万元，"
            f"受益主体{t['beneficiaries']}家。{origin}"
        )
    )
    rows = []
    for p in policies:
        budget = Value(p["budget"], 2) if p["budget"] is not None else "不设"
        basis = p["basis"].split("：")[0]  # the 文号 and article; the policy file has the full text
        rows.append([p["title"], basis, budget, Value(p["entitled"], 2), Value(p["committed"], 2), Value(p["paid"], 2), str(p["beneficiaries"]), str(p["items"])])
        if p["budget"] is not None and p["entitled"] > p["budget"]:
            ctx.problems.append(f"“{p['title']}”应享{Value(p['entitled'], 2).text()}万元，超过年度预算{Value(p['budget'], 2).text()}万元，已按比例核减。")
    sec.add(
        Table(
            f"{year}年政策兑现情况（万元）",
            ["政策", "依据", "预算", "应享", "已审核待支付", "已支付", "受益主体", "项目"],
            rows,
            key="政策兑现",
            notes=notes,
            widths=[30, 30, 16, 16, 18, 16, 14, 12],  # mm of the 156 mm text width
        )
    )
    top = sorted(
        ((p["title"], b["name"] or b["uscc"] or "—", b["amount"]) for p in policies for b in p["top"]),
        key=lambda r: (-r[2], r[0], r[1]),
    )[:TOP]
    if top:
        sec.add(Table(f"{year}年主要受益主体（前{len(top)}名，万元）", ["政策", "受益主体", "应享"], [[a, b, Value(c, 2)] for a, b, c in top], key="受益主体"))
    return sec


def _register() -> None:
    from ipzone.reports import annual

    annual.register_section("policies", annual_section)


_register()
