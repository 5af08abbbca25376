"""年度监测报告: the annual monitoring report the plan's safeguards ask for (考核评价与年度监测制度).

Outline (headings are numbered by the writers, so a plugged-in section renumbers the rest)::

    一、总体情况
    二、主要指标完成情况        表一 with baseline, value, annual and 2025 targets, completion, status;
                                a sentence per indicator; the trend chart
    三、重点任务进展            one part per group of tasks, with its indicators and breakdowns
    [slot "policies"]           政策兑现与受益主体 — plugged in by the policies module (issue 7)
    四、存在的问题              drawn from the lagging indicators and the missing data
    五、下一步工作              an editable placeholder for the office
    附：数据来源与口径说明

Plugging a section in (the policies module does this)::

    from ipzone.reports import annual

    def policy_section(ctx: annual.AnnualContext) -> Section | None:
        ...   # ctx.facts (engine values and records), ctx.year, ctx.source
    annual.register_section("policies", policy_section)

A module listed in ``PLUGIN_MODULES`` is imported (when installed) before each build, so its
registration happens without the CLI or the platform knowing about it.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from ipzone import contract
from ipzone.indicators import catalog, rules, targets
from ipzone.reports import charts
from ipzone.reports.common import ISSUER, PLAN, Source, grade_rank, group, in_order, indicator_table, meta, sources_section, top_rows, year_end_timestamp
from ipzone.reports.facts import Facts
from ipzone.reports.model import Cell, Chart, Document, Paragraph, Section, Table, Value, chinese_number
from ipzone.reports.text import amount, change, share, wan

FIRST_YEAR = targets.BASE_YEAR  # the plan's baseline year: annual monitoring starts there
SLOTS = ("policies", "programme")  # where plugged-in sections go, in this order: after 三、重点任务进展, before 存在的问题
PLUGIN_MODULES = ("ipzone.policies.annual_section", "ipzone.programme.annual_section")  # imported when present; each calls register_section
PLACEHOLDER = "【待填写】"


@dataclass
class AnnualContext:
    """What a section builder gets: the engine's values and records, the year, the source."""

    facts: Facts
    year: int
    source: Source
    problems: list[str] = field(default_factory=list)  # a plugged-in section may add to 四、存在的问题


SectionBuilder = Callable[[AnnualContext], Section | None]
_PLUGGED: dict[str, SectionBuilder] = {}


def register_section(slot: str, build: SectionBuilder) -> None:
    """Plug a section builder into a slot of the annual report (see ``SLOTS``)."""
    if slot not in SLOTS:
        raise KeyError(f"unknown annual-report slot {slot!r}; slots: {', '.join(SLOTS)}")
    _PLUGGED[slot] = build


def unregister_section(slot: str) -> None:
    _PLUGGED.pop(slot, None)


def _load_plugins() -> None:
    for name in PLUGIN_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name is None or not name.startswith(e.name):
                raise


class YearError(ValueError):
    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


# --- 二、主要指标完成情况 ----------------------------------------------------------------------------


def _trajectory(facts: Facts, year: int) -> dict[str, dict]:
    return {ind.code: facts.trajectory(ind.code, year) for ind in catalog.MAIN}


def _main_table(facts: Facts, year: int, traj: dict[str, dict]) -> Table:
    cols = ["序号", "指标", "单位", "2021年基期", f"{year}年", f"{year}年度目标", "2025年目标", "完成率", "状态", "趋势"]
    rows: list[list[Cell]] = []
    for n, ind in enumerate(catalog.MAIN, start=1):
        p = facts.precision(ind.code, year)
        missing = facts.missing(ind.code, year)
        rows.append(
            [
                str(n),
                ind.name,
                ind.unit,
                Value(ind.baseline_2021, p),
                facts.value(ind.code, year),
                facts.target(ind.code, year),
                Value(ind.target_2025, p),
                facts.completion(ind.code, year),
                facts.status(ind.code, year),
                None if missing else traj.get(ind.code, {}).get("category"),
            ]
        )
    return Table(
        f"{year}年主要指标完成情况（表一）",
        cols,
        rows,
        key="主要指标",
        widths=[7, 38, 11, 14, 14, 14, 14, 15, 13, 16],  # mm of the 156 mm text width
        notes=[
            "年度目标为 2021 年基期至 2025 年目标的直线插值（办公室另行设定的除外）；完成率 = 当年数值 ÷ 年度目标。",
            "状态：达到年度目标为“达标”，达到 95% 以上为“接近”，否则为“滞后”。趋势：按 2021 年以来年均增速与实现 2025 年目标所需年均增速之比判断（已达成 / 按进度 / 需加速 / 进展有限 / 倒退）。",
        ],
    )


def _indicator_sentence(facts: Facts, ind, year: int, traj: dict) -> str:
    code = ind.code
    v = facts.value(code, year)
    if not v.ok:
        return f"{year}年缺数据：{v.missing.split('：', 1)[-1]}。"
    p = v.precision
    prev = facts.value(code, year - 1)
    parts = [f"{year}年为 {amount(v, ind.unit)}"]
    ch = change(v, prev, ind.unit)
    if ch:
        parts.append(ch)
    text = "，".join(parts)
    target = facts.target(code, year)
    if target is not None:
        comp = facts.completion(code, year)
        text += f"；年度目标 {amount(target, ind.unit)}，完成 {comp.text()}，{facts.status(code, year)}"
    text += "。"
    t2025 = amount(Value(ind.target_2025, p), ind.unit)
    cat = traj.get("category")
    if cat == targets.ACHIEVED:
        text += f"已达到 2025 年 {t2025} 的目标。"
    elif year >= targets.TARGET_YEAR:
        text += f"未达到 2025 年 {t2025} 的目标。"
    elif traj.get("cagr") is not None and traj.get("cagr_required") is not None:
        cagr = Value(abs(traj["cagr"]), 1, percent=True).text()
        need = Value(traj["cagr_required"], 1, percent=True).text()
        proj = amount(Value(traj["projection_2025"], p), ind.unit)
        trend = "增长" if traj["cagr"] >= 0 else "下降"
        text += f"以 2021 年基期计，年均{trend} {cagr}，实现 2025 年 {t2025} 的目标需年均增长 {need}；按现有增速，2025 年可达 {proj}，{cat}。"
    elif year == FIRST_YEAR:
        text += f"2021 年为基期，2025 年目标 {t2025}。"
    return text


def _trend_chart(facts: Facts, year: int) -> Chart:
    """Values 2021…year (a year a table does not reach is a gap) and the annual targets to 2025."""
    years = list(range(FIRST_YEAR, max(year, targets.TARGET_YEAR) + 1))
    series, gaps = [], []
    for ind in catalog.MAIN:
        values = []
        for y in years:
            if y > year:
                values.append(None)
                continue
            v = facts.main_result(ind.code, y).value
            values.append(v)
            if v is None:
                gaps.append(f"{y}年{ind.name}")
                facts.count_missing(f"{y}年{facts.main_missing(ind.code, y)}")
        series.append(
            {
                "name": ind.name,
                "unit": ind.unit,
                "years": years,
                "values": values,
                "targets": [targets.annual_target(ind, y, facts.eng.config) for y in years],
            }
        )
    notes = ["实线为实际值，虚线为年度目标路径（2021年基期至2025年目标）。"]
    if gaps:
        notes.append("缺数据（图中灰色竖条）：" + "、".join(gaps) + "，原因见“附：数据来源与口径说明”。")
    return Chart(f"主要指标{FIRST_YEAR}—{year}年走势与目标路径", charts.trend_grid(series, title_year=year), notes=notes, key="走势")


def indicators_section(facts: Facts, year: int) -> Section:
    traj = _trajectory(facts, year)
    s = Section("主要指标完成情况", key="indicators")
    s.add(_main_table(facts, year, traj))
    for n, ind in enumerate(catalog.MAIN, start=1):
        s.add(Paragraph(_indicator_sentence(facts, ind, year, traj.get(ind.code, {})), lead=f"{n}.{ind.name}。"))
    s.add(_trend_chart(facts, year))
    return s


# --- 三、重点任务进展 -----------------------------------------------------------------------------------


def _breakdown(facts: Facts, code: str, year: int, split: str) -> list[dict] | None:
    res = facts.result(code, year)
    if facts.missing(code, year):
        return None
    return res.breakdown.get(split, [])


def _missing_sentence(facts: Facts, code: str, year: int) -> str | None:
    why = facts.missing(code, year)
    return f"{why}，记为缺数据。" if why else None


def _management(facts: Facts, year: int) -> Section:
    s = Section("强化知识产权管理（任务1—4）", key="task_management")
    codes = ["ip_budget_share", "ip_staff", "events", "event_participants"]
    s.add(indicator_table(facts, codes, year, "知识产权管理与宣传培训", "管理"))
    staff = facts.value("ip_staff", year)
    if staff.ok:
        floor = catalog.get("ip_staff").target_2025
        ok = staff.value >= floor
        s.add(Paragraph(f"知识产权专职工作人员 {amount(staff, '人')}，{'达到' if ok else '未达到'}任务2“{floor:g}名以上”的要求。"))
    kinds = _breakdown(facts, "events", year, "kind")
    people = _breakdown(facts, "event_participants", year, "kind")
    if kinds is None:
        s.add(Paragraph(_missing_sentence(facts, "events", year)))
    else:
        by_kind = {r["kind"]: r for r in kinds}
        ppl = {r["kind"]: r["value"] for r in people or []}
        rows = [[k, Value(by_kind[k]["value"]), Value(ppl.get(k, 0.0)) if people is not None else Value(None, missing=facts.missing("event_participants", year))] for k in in_order(by_kind, contract.EVENT_KINDS)]
        ev = facts.value("events", year)
        s.add(Paragraph(f"全年开展知识产权宣传培训活动 {amount(ev, '场')}，{change(ev, facts.value('events', year - 1), '场')}；参与 {amount(facts.value('event_participants', year), '人次')}。"))
        if rows:
            s.add(Table("宣传培训活动按类型", ["类型", "场次", "人次"], rows, key="活动", widths=[3, 2, 2]))
        themed = facts.rows("events_in_year", year)
        if themed.ok:
            themes = group(themed.records, lambda r: r.get("theme"), "participants")
            if themes:
                s.add(Paragraph("主要主题：" + "、".join(f"{k}（{n} 场）" for k, n, _ in themes[:5]) + "。"))
    return s


def _creation(facts: Facts, year: int) -> Section:
    s = Section("促进知识产权高质量创造（任务5—6）", key="task_creation")
    codes = ["invention_in_force", "hv_invention_count", "hv_invention_per_10k", "invention_grants", "pct_filings", "innovation_efficiency", "enterprise_ip_index"]
    s.add(indicator_table(facts, codes, year, "知识产权创造", "创造"))
    hv = facts.value("hv_invention_count", year)
    inv = facts.value("invention_in_force", year)
    if hv.ok and inv.ok:
        s.add(
            Paragraph(
                f"年末园区有效发明专利 {amount(inv, '件')}，其中高价值发明专利 {amount(hv, '件')}，占 {share(hv.value, inv.value)}；"
                f"当年发明专利授权 {amount(facts.value('invention_grants', year), '件')}，PCT 国际申请 {amount(facts.value('pct_filings', year), '件')}；"
                f"每百万元 R&D 经费发明专利授权 {amount(facts.value('innovation_efficiency', year), '件')}（创新效率，任务5）。"
            )
        )
    else:
        for code in ("hv_invention_count", "invention_in_force"):
            why = _missing_sentence(facts, code, year)
            if why:
                s.add(Paragraph(why))
    if hv.ok:
        rows, bars = [], []
        for name in rules.HV_CRITERIA:
            v = facts.value(f"hv_criteria_{name}", year)
            rows.append([rules.HV_CRITERIA_ZH[name], v, Value(v.value / hv.value, 1, percent=True) if v.ok and hv.value else None])
            if v.ok:
                bars.append((rules.HV_CRITERIA_ZH[name], v.value))
        s.add(Table("高价值发明专利按条件分布", ["条件", "件数", "占高价值发明专利"], rows, notes=["一件专利可同时满足多项条件，各项之和可大于总数。"], key="高价值条件", widths=[4, 2, 2]))
        if bars:
            s.add(Chart(f"{year}年末高价值发明专利按条件分布", charts.bars(bars, unit="件", precision=hv.precision), notes=["一件专利可同时满足多项条件。"], key="高价值构成"))
    idx = _breakdown(facts, "enterprise_ip_index", year, "kind")
    if idx is None:
        s.add(Paragraph(_missing_sentence(facts, "enterprise_ip_index", year)))
    else:
        from ipzone.indicators.relations import QUALIFICATION_WEIGHTS

        by_kind = {r["kind"]: r for r in idx}
        rows = []
        for kind, w in QUALIFICATION_WEIGHTS.items():
            r = by_kind.get(kind)
            n = r["records"] if r else 0
            rows.append([kind, Value(n), Value(w), Value(r["value"] if r else 0.0)])
        s.add(Table("企业知识产权指数构成", ["资质", "企业数", "权重", "计分"], rows, notes=["企业知识产权指数 = 国家级示范企业数×3 +（国家级优势企业数 + 省级示范企业数）×2 +（贯标企业数 + 省级优势企业数）×1，按年末有效资质的区内主体计。"], key="企业指数", widths=[4, 1.5, 1.2, 1.5]))
    return s


def _pledge_tables(facts: Facts, year: int) -> list:
    rows = facts.rows("zone_pledges", year)
    if not rows.ok:
        return [Paragraph(f"知识产权质押融资明细缺数据：{rows.missing}。")]
    recs = rows.records
    n = len(recs)
    total = sum(r["amount"] or 0 for r in recs)
    banks = group(recs, lambda r: r.get("pledgee"), "amount")
    guar = group(recs, lambda r: r.get("guarantor"), "amount")
    ins = group(recs, lambda r: r.get("insurer"), "amount")
    with_g = [r for r in recs if r.get("guarantor")]
    with_i = [r for r in recs if r.get("insurer")]
    out: list = [
        Paragraph(
            f"区内出质人全年登记质押 {n} 笔、金额 {wan(total)}，涉及质权人 {len(banks)} 家"
            + (f"，金额居前的是{'、'.join(str(k) for k, _, _ in banks[:3])}" if banks else "")
            + f"；有担保机构参与的 {len(with_g)} 笔、{wan(sum(r['amount'] or 0 for r in with_g))}，"
            f"有保险机构参与的 {len(with_i)} 笔、{wan(sum(r['amount'] or 0 for r in with_i))}（任务10：对质押融资企业、担保机构、保险机构给予补助）。"
        )
    ]
    cols = ["机构", "笔数", "金额（万元）"]
    if banks:
        out.append(Table("质押融资按质权人（银行）", ["质权人"] + cols[1:], top_rows(banks), key="质权人", widths=[5, 1.2, 1.8]))
    if guar:
        out.append(Table("质押融资按担保机构", ["担保机构"] + cols[1:], top_rows(guar), key="担保机构", widths=[5, 1.2, 1.8]))
    if ins:
        out.append(Table("质押融资按保险机构", ["保险机构"] + cols[1:], top_rows(ins), key="保险机构", widths=[5, 1.2, 1.8]))
    return out


def _utilisation(facts: Facts, year: int) -> Section:
    s = Section("促进知识产权高效益运用（任务7—10）", key="task_utilisation")
    codes = [
        "pledge_count", "ip_pledge_amount", "license_count", "license_amount", "transfer_count", "transfer_amount",
        "patent_awards", "well_known_marks", "collective_marks", "certification_marks", "geo_products", "geo_output",
        "patent_intensive_va", "patent_intensive_va_share",
    ]
    s.add(indicator_table(facts, codes, year, "知识产权运用", "运用"))
    s.add(*_pledge_tables(facts, year))
    lc, la = facts.value("license_count", year), facts.value("license_amount", year)
    tc, ta = facts.value("transfer_count", year), facts.value("transfer_amount", year)
    if lc.ok and tc.ok:
        s.add(Paragraph(f"专利许可 {amount(lc, '件')}、金额 {amount(la, '万元')}，专利转让 {amount(tc, '件')}、金额 {amount(ta, '万元')}（未披露金额的不计入金额）。"))
    else:
        for code in ("license_count", "transfer_count"):
            why = _missing_sentence(facts, code, year)
            if why:
                s.add(Paragraph(why))
    awards = _breakdown(facts, "patent_awards", year, "award+grade")
    if awards is None:
        s.add(Paragraph(_missing_sentence(facts, "patent_awards", year)))
    elif awards:
        awards = sorted(awards, key=lambda r: (r["award"] != "中国专利奖", r["award"], grade_rank(r["grade"])))
        s.add(Table("区内单位当年获奖", ["奖项", "等级", "项数"], [[r["award"], r["grade"], Value(r["value"])] for r in awards], key="获奖", widths=[4, 2, 1.5]))
    else:
        s.add(Paragraph(f"{year}年区内单位未获中国专利奖、山西省专利奖等奖项。"))
    marks = [facts.value(c, year) for c in ("well_known_marks", "collective_marks", "certification_marks", "geo_products")]
    if all(m.ok for m in marks):
        s.add(
            Paragraph(
                f"年末区内驰名商标 {amount(marks[0], '件')}、集体商标 {amount(marks[1], '件')}、证明商标 {amount(marks[2], '件')}；"
                f"地理标志产品 {amount(marks[3], '个')}，当年产值 {amount(facts.value('geo_output', year), '亿元')}。"
            )
        )
    return s


def _protection(facts: Facts, year: int) -> Section:
    s = Section("促进知识产权高标准保护（任务11—12）", key="task_protection")
    codes = ["cases_opened", "cases_closed", "typical_cases", "repeat_infringers", "protection_satisfaction"]
    s.add(indicator_table(facts, codes, year, "知识产权保护", "保护"))
    opened = _breakdown(facts, "cases_opened", year, "kind")
    closed = _breakdown(facts, "cases_closed", year, "kind")
    if opened is None or closed is None:
        s.add(Paragraph(_missing_sentence(facts, "cases_opened", year) or _missing_sentence(facts, "cases_closed", year)))
    else:
        o = {r["kind"]: r["value"] for r in opened}
        c = {r["kind"]: r["value"] for r in closed}
        kinds = in_order(set(o) | set(c), contract.CASE_KINDS)
        s.add(Table("保护案件按类型", ["案件类型", "受理", "办结"], [[k, Value(o.get(k, 0.0)), Value(c.get(k, 0.0))] for k in kinds], key="案件类型", widths=[3, 2, 2]))
    rep = facts.value("repeat_infringers", year)
    sat = facts.value("protection_satisfaction", year)
    s.add(
        Paragraph(
            f"近三年两次以上侵权成立的重复侵权主体 {amount(rep, '家')}；知识产权保护社会满意度 {amount(sat, '分')}。"
            "案件结果、办案时长、典型案例和满意度构成见《知识产权保护状况》报告（ipzone report protection）。"
        )
    )
    return s


def _services(facts: Facts, year: int) -> Section:
    s = Section("促进知识产权高水平服务（任务13—15）", key="task_services")
    codes = ["ip_service_agencies", "new_agencies", "patent_attorneys", "senior_title_share"]
    s.add(indicator_table(facts, codes, year, "知识产权服务", "服务"))
    new = facts.value("new_agencies", year)
    if new.ok:
        s.add(Paragraph(f"2022 年以来新引进且年末仍在区的服务机构 {amount(new, '家')}，任务14 要求新引进 30 家以上，已完成 {share(new.value, 30)}。"))
    ag = facts.rows("agencies_at_end", year)
    if ag.ok and ag.records:
        services = group([{"s": x} for r in ag.records for x in (r.get("services") or [])], lambda r: r["s"])
        s.add(Table("年末在区服务机构按服务类型", ["服务类型", "机构数"], [[k, Value(n)] for k, n, _ in services], notes=["一家机构可提供多类服务。"], key="服务类型", widths=[3, 2]))
    return s


def tasks_section(facts: Facts, year: int) -> Section:
    s = Section("重点任务进展", key="tasks")
    s.add(Paragraph(f"按{PLAN}“主要任务”的五个方面，主要进展如下。"))
    s.subsections = [_management(facts, year), _creation(facts, year), _utilisation(facts, year), _protection(facts, year), _services(facts, year)]
    return s


# --- 一、总体情况 / 四、存在的问题 / 五、下一步工作 -----------------------------------------------------------


def overview_section(facts: Facts, year: int, traj: dict[str, dict]) -> Section:
    statuses = [facts.status(i.code, year) for i in catalog.MAIN]
    met, near, behind = (statuses.count(x) for x in (targets.MET, targets.NEAR, targets.BEHIND))
    missing = [i.name for i in catalog.MAIN if facts.missing(i.code, year)]
    text = f"{year}年，表一所列 8 项主要指标中，{met} 项达到年度目标，{near} 项接近年度目标（达到 95% 以上），{behind} 项滞后"
    text += f"，{len(missing)} 项缺数据（{'、'.join(missing)}）。" if missing else "。"
    cats = [traj.get(i.code, {}).get("category") for i in catalog.MAIN if not facts.missing(i.code, year)]
    if year > FIRST_YEAR and any(cats):
        good = sum(c in (targets.ACHIEVED, targets.ON_TRACK) for c in cats)
        acc = cats.count(targets.ACCELERATE)
        weak = sum(c in (targets.LIMITED, targets.REGRESSING) for c in cats)
        text += f"按 2021 年以来的年均增速判断，{good} 项已达成或按进度可实现 2025 年目标，{acc} 项需加速，{weak} 项进展有限或倒退。"
    s = Section("总体情况", key="overview")
    s.add(Paragraph(text))

    def say(label: str, *parts: tuple[str, str, str]) -> str:
        """``label`` then each (prefix, code, unit); a missing value makes the whole item 缺数据."""
        values = [(prefix, facts.value(code, year), unit) for prefix, code, unit in parts]
        if any(not v.ok for _, v, _ in values):
            return f"{label}缺数据"
        return label + "、".join(f"{prefix}{amount(v, unit)}" for prefix, v, unit in values)

    items = [
        say("年末园区有效发明专利", ("", "invention_in_force", "件")),
        say("高价值发明专利", ("", "hv_invention_count", "件")),
        say("每万人口高价值发明专利拥有量", ("", "hv_invention_per_10k", "件")),
    ]
    flows = [
        say("全年知识产权质押融资登记", ("", "pledge_count", "笔"), ("金额", "ip_pledge_amount", "亿元")),
        say("受理知识产权保护案件", ("", "cases_opened", "件"), ("办结", "cases_closed", "件")),
        say("开展宣传培训活动", ("", "events", "场"), ("", "event_participants", "人次")),
    ]
    s.add(Paragraph("，".join(items) + "；" + "；".join(flows) + "。"))
    return s


def problems_section(facts: Facts, year: int, traj: dict[str, dict], extra: list[str]) -> Section:
    s = Section("存在的问题", key="problems")
    items: list[tuple[str, str]] = []
    for ind in catalog.MAIN:
        code = ind.code
        if facts.missing(code, year):
            continue
        status = facts.status(code, year)
        t = traj.get(code, {})
        cat = t.get("category")
        v = facts.value(code, year)
        p = v.precision
        if status in (targets.BEHIND, targets.NEAR) or cat in (targets.ACCELERATE, targets.LIMITED, targets.REGRESSING):
            target = facts.target(code, year)
            text = f"{year}年为 {amount(v, ind.unit)}，为年度目标 {amount(target, ind.unit)} 的 {facts.completion(code, year).text()}（{status}）"
            if t.get("projection_2025") is not None and cat not in (None, targets.ACHIEVED) and year < targets.TARGET_YEAR:
                proj, goal = Value(t["projection_2025"], p), Value(ind.target_2025, p)
                reach = "可以达到" if proj.rounded() >= goal.rounded() else "低于"
                text += f"；按 2021 年以来的增速，2025 年预计 {amount(proj, ind.unit)}，{reach} {amount(goal, ind.unit)} 的目标（{cat}）"
            lag = "滞后于年度目标" if status == targets.BEHIND else ("未稳定达到年度目标" if status == targets.NEAR else "增速不足以实现2025年目标")
            items.append((f"{ind.name}{lag}。", text + "。"))
    staff = facts.value("ip_staff", year)
    floor = catalog.get("ip_staff").target_2025
    if staff.ok and staff.value < floor:
        items.append(("知识产权专职工作人员不足。", f"{year}年为 {amount(staff, '人')}，低于任务2“{floor:g}名以上”的要求。"))
    new = facts.value("new_agencies", year)
    new_target = facts.target("new_agencies", year)
    if new.ok and new_target is not None and new.value < new_target.value:
        items.append(("新引进服务机构进度偏慢。", f"2022 年以来新引进 {amount(new, '家')}，低于年度进度 {amount(new_target, '家')}（任务14：30家以上）。"))
    for line in extra:
        items.append(("", line))
    missing = [i.name for i in catalog.CATALOG if facts.missing(i.code, year)]
    if missing:
        items.append(("部分数据未能报送或无法计算。", f"{'、'.join(missing)}缺数据，原因见“附：数据来源与口径说明”；请补齐相应数据表后重新生成本报告。"))
    if not items:
        s.add(Paragraph(f"{year}年表一各项主要指标均达到年度目标，且按现有增速可实现 2025 年目标，未发现滞后指标。"))
    for n, (lead, text) in enumerate(items, start=1):
        s.add(Paragraph(text, lead=f"（{chinese_number(n)}）{lead}"))
    return s


def next_steps_section(year: int) -> Section:
    s = Section("下一步工作", key="next_steps")
    s.add(Paragraph(f"{PLACEHOLDER}请办公室结合“存在的问题”，提出 {year + 1} 年的工作安排、责任单位和完成时限（本段为可编辑的占位内容，定稿前删除此提示）。", style="placeholder"))
    for n in range(1, 4):
        s.add(Paragraph(PLACEHOLDER, lead=f"（{chinese_number(n)}）", style="placeholder"))
    return s


# --- the document -------------------------------------------------------------------------------------


def build(facts: Facts, year: int, source: Source, *, date: dt.date | None = None) -> Document:
    """The annual monitoring report of ``year`` as a content model."""
    if year < FIRST_YEAR:
        raise YearError(f"年度监测从 {FIRST_YEAR} 年基期开始：无法编制 {year} 年的监测报告", f"annual monitoring starts with the {FIRST_YEAR} baseline: no report for {year}")
    _load_plugins()
    zone = facts.eng.config.zone_name
    traj = _trajectory(facts, year)
    ctx = AnnualContext(facts, year, source)
    indicators = indicators_section(facts, year)
    tasks = tasks_section(facts, year)
    plugged = []
    for slot in SLOTS:
        sec = _PLUGGED[slot](ctx) if slot in _PLUGGED else None
        if sec is not None:
            sec.key = sec.key or slot
            plugged.append(sec)
    problems = problems_section(facts, year, traj, ctx.problems)
    overview = overview_section(facts, year, traj)
    doc = Document(
        kind="annual",
        title=f"{zone}{year}年知识产权强国建设试点园区年度监测报告",
        intro=[Paragraph(f"根据{PLAN}“考核评价与年度监测制度”的要求，现将{zone}{year}年知识产权强国建设试点园区主要指标完成情况和重点任务进展报告如下。")],
        sections=[overview, indicators, tasks, *plugged, problems, next_steps_section(year)],
        issuer=f"{zone}{ISSUER}",
        date=date,
        meta=meta(facts, source, f"{year}年"),
        timestamp=year_end_timestamp(dt.date(year, 12, 31)),
    )
    doc.sections.append(sources_section(facts, source, year))
    doc.missing = list(facts.missing_log)
    return doc
