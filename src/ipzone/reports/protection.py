"""知识产权保护状况: the protection status the plan asks the zone to analyse and publish (任务11).

Cases by kind and by right, outcomes, mediation success, time to close, repeat infringers, the
typical cases with their summaries, and satisfaction. Counts come from the engine (cases_opened,
cases_closed, typical_cases, repeat_infringers, protection_satisfaction, with their breakdowns);
outcomes, durations and the case list are read from the engine's ``cases_in_year`` relation.

Decisions (documented in docs/reports.md):
- mediation success = 调解成功 ÷ (调解成功 + 调解不成功) among cases closed in the year, whatever
  their kind (a 维权援助 or 司法 case can end in mediation too);
- time to close = 结案日期 − 受理日期 in days, for cases closed in the year;
- the data contract records no finding of malice, so the report says so and lists the repeat
  infringers (the plan's 反复性侵权) instead of guessing;
- a typical case's summary is written from its fields (the contract has no summary column).
"""

from __future__ import annotations

import datetime as dt
import statistics

from ipzone import contract
from ipzone.indicators import catalog
from ipzone.reports import charts
from ipzone.reports.common import ISSUER, Source, in_order, indicator_table, meta, sources_section, year_end_timestamp
from ipzone.reports.facts import Facts
from ipzone.reports.model import Cell, Chart, Document, Paragraph, Section, Table, Value, chinese_number
from ipzone.reports.text import amount, change, date_zh, share, wan

MEDIATED = ("调解成功", "调解不成功")


def _by(facts: Facts, code: str, year: int, split: str) -> dict[str, float] | None:
    if facts.missing(code, year):
        return None
    return {r[split]: r["value"] for r in facts.result(code, year).breakdown.get(split, [])}


def _split_table(facts: Facts, year: int, split: str, label: str, key: str) -> Table | Paragraph:
    o, c = _by(facts, "cases_opened", year, split), _by(facts, "cases_closed", year, split)
    po, pc = _by(facts, "cases_opened", year - 1, split), _by(facts, "cases_closed", year - 1, split)
    if o is None or c is None:
        return Paragraph(f"{facts.missing('cases_opened', year) or facts.missing('cases_closed', year)}，记为缺数据。")
    keys = in_order(set(o) | set(c) | set(po or {}) | set(pc or {}), contract.CASE_KINDS if split == "kind" else contract.RIGHT_KINDS)

    def v(d: dict | None, k: str, code: str, y: int) -> Value:
        return Value(None, missing=facts.missing(code, y)) if d is None else Value(d.get(k, 0.0))

    rows: list[list[Cell]] = [[k, v(o, k, "cases_opened", year), v(c, k, "cases_closed", year), v(po, k, "cases_opened", year - 1), v(pc, k, "cases_closed", year - 1)] for k in keys]
    rows.append(["合计", facts.value("cases_opened", year), facts.value("cases_closed", year), facts.value("cases_opened", year - 1), facts.value("cases_closed", year - 1)])
    return Table(f"{year}年保护案件按{label}", [label, f"{year}年受理", f"{year}年办结", f"{year - 1}年受理", f"{year - 1}年办结"], rows, key=key, widths=[3, 1.6, 1.6, 1.6, 1.6])


def _days(r: dict) -> int:
    return (r["closed_on"] - r["opened_on"]).days


def _results(facts: Facts, year: int, closed: list[dict]) -> Section:
    s = Section("办案结果与效率", key="results")
    n = len(closed)
    if not n:
        s.add(Paragraph(f"{year}年没有办结的保护案件。"))
        return s
    outcomes: dict[str, int] = {}
    for r in closed:
        outcomes[r.get("outcome") or "未填写"] = outcomes.get(r.get("outcome") or "未填写", 0) + 1
    order = in_order(outcomes, contract.CASE_OUTCOMES)
    s.add(Table(f"{year}年办结案件的结果", ["结果", "件数", "占比"], [[o, Value(outcomes[o]), Value(outcomes[o] / n, 1, percent=True)] for o in order] + [["合计", Value(n), Value(1.0, 1, percent=True)]], key="结果", widths=[3, 1.5, 1.5]))
    mediated = [r for r in closed if r.get("outcome") in MEDIATED]
    ok = sum(1 for r in mediated if r["outcome"] == "调解成功")
    found = outcomes.get("侵权成立", 0)
    text = f"{year}年办结案件{n}件，其中侵权成立{found}件，占{share(found, n)}"
    if mediated:
        text += f"；经调解的{len(mediated)}件中调解成功{ok}件，调解成功率{share(ok, len(mediated))}"
    else:
        text += "；没有以调解结束的案件"
    amounts = [r["amount"] for r in closed if r.get("amount") is not None]
    if amounts:
        text += f"；填报涉案金额的{len(amounts)}件合计{wan(sum(amounts))}"
    s.add(Paragraph(text + "。"))
    kinds: dict[str, list[int]] = {}
    for r in closed:
        kinds.setdefault(r["kind"], []).append(_days(r))
    all_days = [d for ds in kinds.values() for d in ds]
    rows: list[list[Cell]] = [[k, Value(len(kinds[k])), Value(statistics.mean(kinds[k]), 1), Value(statistics.median(kinds[k]), 1), Value(max(kinds[k]))] for k in in_order(kinds, contract.CASE_KINDS)]
    rows.append(["全部", Value(len(all_days)), Value(statistics.mean(all_days), 1), Value(statistics.median(all_days), 1), Value(max(all_days))])
    s.add(Table(f"{year}年办结案件的办理时长（天）", ["案件类型", "件数", "平均", "中位数", "最长"], rows, notes=["办理时长 = 结案日期 − 受理日期（天）。"], key="办案时长", widths=[3, 1.2, 1.4, 1.4, 1.4]))
    s.add(Paragraph(f"办结案件平均历时{Value(statistics.mean(all_days), 1).text()}天，中位数{Value(statistics.median(all_days), 1).text()}天。"))
    return s


def _dataset(facts: Facts):
    """The engine's tables as a Dataset, for the rules of ``ipzone.protection`` (zone-sized)."""
    from ipzone.dataset import Dataset

    eng = facts.eng
    return Dataset.from_tables({s: eng.con.to_pyarrow(eng.facts.tables[s]) for s in sorted(eng.facts.present)})


def _infringers(facts: Facts, year: int, ds, source: Source | None = None) -> Section:
    from ipzone.protection import infringers as inf

    s = Section("重复侵权与恶意侵权", key="infringers")
    rows = facts.rows("repeat_infringers", year, order=("respondent_key",))
    found = source.infringer_flags(year) if source is not None and source.infringer_flags is not None else inf.infringers(ds, year)
    flagged = {i.key: i for i in found}
    if not rows.ok:
        s.add(Paragraph(f"重复侵权主体缺数据：{rows.missing}。"))
    elif not rows.records:
        s.add(Paragraph(f"{year - 2}—{year}年没有两次以上侵权成立的被诉方。"))
    else:
        recs = sorted(rows.records, key=lambda r: (-r["cases"], r["respondent_key"]))
        s.add(Paragraph(f"{year - 2}—{year}年结案、两次以上侵权成立的重复侵权主体{len(recs)}家，列为重点监管对象（任务11：杜绝群体性、反复性以及恶意侵犯知识产权的事件）。"))

        def flags(r):
            i = flagged.get(r["respondent_key"])
            return "、".join(i.flags_zh) if i else "重复侵权"

        s.add(
            Table(
                "重复侵权主体",
                ["被诉方", "侵权成立案件数", "首次结案", "最近结案", "认定"],
                [[r["respondent"], Value(r["cases"]), r["first_closed"].isoformat(), r["last_closed"].isoformat(), flags(r)] for r in recs],
                notes=["被诉方有统一社会信用代码的按代码识别，否则按名称识别。"],
                key="重复侵权",
                widths=[4.4, 1.5, 1.6, 1.6, 2.4],
            )
        )
    malicious = [i for i in flagged.values() if inf.MALICIOUS in i.flags]
    group = [i for i in flagged.values() if inf.GROUP in i.flags]
    s.add(
        Paragraph(
            f"恶意侵权{len(malicious)}家（此前的侵权成立案件结案后再次被受理并认定侵权成立），"
            f"群体侵权{len(group)}家（同一被诉方侵犯三个以上权利人）。"
            + (f"恶意侵权主体：{'、'.join(i.name for i in malicious)}。" if malicious else "")
        )
    )
    s.add(Paragraph("认定规则见 ipzone.protection.infringers（统计窗口为近三年结案的侵权成立案件）；经行政裁决、司法认定的恶意侵权，以认定文书为准。", style="note"))
    return s


def _credit(facts: Facts, year: int, ds, source: Source | None = None) -> Section:
    """信用分级分类监管 (task 12): how many in-zone entities in each grade, and how often each is inspected."""
    from ipzone.protection import credit

    s = Section("信用分级分类监管", key="credit")
    rules = credit.load_rules()
    platform = source is not None and source.credit_grades is not None
    found = source.credit_grades(year) if platform else credit.grades(ds, year, rules=rules)
    counts = {g.code: 0 for g in rules.grades}
    for g in found.values():
        counts[g.grade] += 1
    total = len(found)
    s.add(
        Paragraph(
            f"按信用分级规则（{rules.edition}），{year}年园区{total}家创新主体中，"
            + "，".join(f"{g.code}级（{g.label}）{counts[g.code]}家" for g in rules.grades)
            + "；等级决定检查频次（任务12：推进知识产权领域信用分级分类监管）。"
        )
    )
    s.add(
        Table(
            f"{year}年信用等级分布",
            ["等级", "名称", "主体数", "检查频次"],
            [[g.code, g.label, Value(counts[g.code]), g.inspection] for g in rules.grades],
            notes=["等级由办公室可配置的规则文件计算：获奖加分，侵权成立、重复或恶意侵权、非正常申请、出质专利失效扣分"
                   + ("；与平台「信用分级监管」页面相同，计入办公室录入的非正常申请名单和侵权认定设置。" if platform else "；平台中还计入办公室录入的非正常申请名单。")],
            key="信用等级",
            widths=[1, 1.6, 1.2, 5],
        )
    )
    worst = rules.grades[-1].code
    listed = sorted((g for g in found.values() if g.grade == worst), key=lambda g: g.uscc)
    if listed:
        s.add(Paragraph(f"{worst}级（{rules.grades[-1].label}）主体：{'、'.join(g.name for g in listed)}。"))
    if source is not None and source.inspections is not None:
        _inspections(s, year, rules, found, source.inspections())
    return s


def _inspections(s: Section, year: int, rules, found: dict, records: list[tuple]) -> None:
    """The platform's inspections (ipzone.protection.inspections): done in the year, and overdue on
    31 December by the grade's frequency (never inspected is due, not overdue)."""
    from ipzone.protection import inspections as ins

    end = dt.date(year, 12, 31)
    done = [r for r in records if r[1].year == year]
    by_kind = {k: sum(1 for r in done if r[2] == k) for k in ins.KINDS}
    by_result = {k: sum(1 for r in done if r[3] == k) for k in ins.RESULTS}
    last = ins.last_inspections(((r[0], r[1], r[2]) for r in records), as_of=end)
    due = {uscc: ins.next_due(last.get(uscc), g.interval_months) for uscc, g in found.items()}
    inspected = {r[0] for r in done if r[0] in found}
    overdue = {u for u, d in due.items() if d.overdue(end)}
    never = sum(1 for d in due.values() if d.last is None)
    s.add(
        Paragraph(
            f"{year}年开展检查{len(done)}次（" + "、".join(f"{k}{n}次" for k, n in by_kind.items()) + "），其中"
            + "、".join(f"{k}{n}次" for k, n in by_result.items())
            + f"；按等级的检查频次，截至{year}年12月31日逾期未检查的主体{len(overdue)}家，从未检查的主体{never}家（应即检查，不计为逾期）。"
        )
    )
    rows: list[list[Cell]] = []
    for g in rules.grades:
        members = [u for u, x in found.items() if x.grade == g.code]
        rows.append([f"{g.code} {g.label}", g.inspection, Value(len(members)), Value(sum(1 for u in members if u in inspected)),
                     Value(sum(1 for u in members if u in overdue))])
    s.add(
        Table(
            f"{year}年检查情况（按等级）",
            ["等级", "检查频次", "主体数", "当年检查的主体", "年末逾期"],
            rows,
            notes=["下次应检日期 = 上次检查（回访除外）加等级的检查间隔；到期次日起为逾期。"],
            key="检查情况",
            widths=[1.6, 3.4, 1.2, 1.6, 1.2],
        )
    )


def _typical(facts: Facts, year: int, closed: list[dict]) -> Section:
    s = Section("典型案例", key="typical")
    cases = sorted((r for r in closed if r.get("typical")), key=lambda r: (r["closed_on"], r["case_no"]))
    if not cases:
        s.add(Paragraph(f"{year}年没有标记为典型案例的办结案件。"))
        return s
    s.add(Paragraph(f"{year}年办结并列为典型案例的{len(cases)}件（任务11：定期发布侵犯知识产权典型案例）："))
    for n, r in enumerate(cases, start=1):
        text = f"权利人{r['holder']}，被诉方{r['respondent']}；{date_zh(r['opened_on'])}受理，{date_zh(r['closed_on'])}结案，历时{_days(r)}天，结果为{r.get('outcome') or '未填写'}"
        if r.get("amount") is not None:
            text += f"，涉案金额{wan(r['amount'])}"
        s.add(Paragraph(text + "。", lead=f"（{chinese_number(n)}）{r['right_kind']}{r['kind']}案（{r['case_no']}）。"))
    return s


def _satisfaction(facts: Facts, year: int) -> Section:
    s = Section("社会满意度", key="satisfaction")
    code = "protection_satisfaction"
    v = facts.value(code, year)
    ind = catalog.get(code)
    if not v.ok:
        s.add(Paragraph(f"{v.missing}，记为缺数据。"))
        return s
    target = facts.target(code, year)
    text = f"{year}年知识产权保护社会满意度{amount(v, '分')}"
    ch = change(v, facts.value(code, year - 1), "分")
    if ch:
        text += f"，{ch}"
    if target is not None:
        text += f"；年度目标{amount(target, '分')}，{facts.status(code, year)}；2025年目标{ind.target_2025:g}分"
    s.add(Paragraph(text + "。"))
    rows = facts.rows("surveys_in_year", year)
    if rows.ok and rows.records:
        groups: dict[str, list[float]] = {}
        for r in rows.records:
            groups.setdefault(r.get("respondent_kind") or "未填写", []).append(float(r["score"]))
        p = v.precision
        table_rows: list[list[Cell]] = [[k, Value(len(xs)), Value(statistics.mean(xs), p)] for k, xs in sorted(groups.items())]
        table_rows.append(["全部", Value(len(rows.records)), v])
        s.add(Table(f"{year}年满意度调查按受访者类型", ["受访者类型", "问卷数", "平均得分"], table_rows, key="满意度", widths=[3, 1.5, 1.5]))
    return s


def build(facts: Facts, year: int, source: Source, *, date: dt.date | None = None) -> Document:
    zone = facts.eng.config.zone_name
    cases = facts.rows("cases_in_year", year)
    closed = [r for r in cases.records if r["closed_in_year"]] if cases.ok else []

    overview = Section("总体情况", key="overview")
    o, c = facts.value("cases_opened", year), facts.value("cases_closed", year)
    text = f"{year}年，园区受理知识产权保护案件{amount(o, '件')}"
    ch = change(o, facts.value("cases_opened", year - 1), "件")
    text += f"（{ch}）" if ch else ""
    text += f"，办结{amount(c, '件')}"
    ch = change(c, facts.value("cases_closed", year - 1), "件")
    text += f"（{ch}）" if ch else ""
    text += f"，其中典型案例{amount(facts.value('typical_cases', year), '件')}；近三年重复侵权主体{amount(facts.value('repeat_infringers', year), '家')}；知识产权保护社会满意度{amount(facts.value('protection_satisfaction', year), '分')}。"
    overview.add(Paragraph(text))
    overview.add(indicator_table(facts, ["cases_opened", "cases_closed", "typical_cases", "repeat_infringers", "protection_satisfaction"], year, "保护工作主要指标", "主要指标"))

    handled = Section("案件受理与办结", key="cases")
    handled.add(_split_table(facts, year, "kind", "案件类型", "按类型"))
    handled.add(_split_table(facts, year, "right_kind", "客体", "按客体"))
    o_kind, c_kind = _by(facts, "cases_opened", year, "kind"), _by(facts, "cases_closed", year, "kind")
    if o_kind is not None and c_kind is not None and (o_kind or c_kind):
        kinds = in_order(set(o_kind) | set(c_kind), contract.CASE_KINDS)
        png = charts.grouped_bars(kinds, {"受理": [o_kind.get(k, 0.0) for k in kinds], "办结": [c_kind.get(k, 0.0) for k in kinds]}, unit="件")
        handled.add(Chart(f"{year}年保护案件受理与办结（按类型）", png, key="案件图"))

    sections = [overview, handled]
    if cases.ok:
        ds = _dataset(facts)
        sections += [_results(facts, year, closed), _infringers(facts, year, ds, source), _credit(facts, year, ds, source), _typical(facts, year, closed)]
    else:
        missing = Section("办案结果与典型案例", key="results")
        missing.add(Paragraph(f"案件明细缺数据：{cases.missing}。"))
        facts.count_missing(f"{year} 年保护案件明细：{cases.missing}")
        sections.append(missing)
    sections.append(_satisfaction(facts, year))
    doc = Document(
        kind="protection",
        title=f"{zone}{year}年知识产权保护状况",
        intro=[Paragraph(f"按照工作方案任务11“分析、研判、发布全区知识产权保护状况”的要求，现将{zone}{year}年知识产权保护状况发布如下。")],
        sections=sections,
        issuer=f"{zone}{ISSUER}",
        date=date,
        meta=meta(facts, source, f"{year}年"),
        timestamp=year_end_timestamp(dt.date(year, 12, 31)),
    )
    doc.sections.append(sources_section(facts, source, year, brief=True))
    doc.missing = list(facts.missing_log)
    return doc
