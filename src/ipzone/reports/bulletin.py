"""工作简报: what happened in a quarter or a month, against the same period last year.

The figures come from the engine's relations for the period's year, narrowed to the period's
dates: patents judged at the period's last day (high-value under the engine's own rules at that
date), pledges and licences/transfers of the zone, cases opened and closed, events. A table whose
records end before the period is missing for it (缺数据), not zero.

Decisions: "新增高价值发明专利" are the zone's invention patents granted in the period that are
high-value at its last day; the award criterion counts awards of the period's year (awards carry
a year, not a date).
"""

from __future__ import annotations

import datetime as dt

from ipzone.reports.common import ISSUER, Source, meta, sources_section
from ipzone.reports.facts import Facts, Rows
from ipzone.reports.model import Cell, Document, Paragraph, Section, Table, Value
from ipzone.reports.period import Period
from ipzone.reports.text import date_zh, wan

SHOWN = 5  # items listed per kind under 工作动态


def _within(period: Period, rows: Rows, column: str, *, where=None) -> Rows:
    if not rows.ok:
        return rows
    return Rows([r for r in rows.records if period.contains(r.get(column)) and (where is None or where(r))])


class _Period:
    """The records of one period, each kind read once."""

    def __init__(self, facts: Facts, period: Period):
        self.period = period
        y, start, label = period.year, period.start, period.label
        f = facts
        patents = f.rows("zone_patents", y, at=period.end)
        no_grants = f.table_gap("patents", y, start, label, columns=("grant_date",))
        granted = Rows([], no_grants) if no_grants and patents.ok else patents
        self.grants = _within(period, granted, "grant_date", where=lambda r: r["invention"])
        self.hv = _within(period, granted, "grant_date", where=lambda r: r["invention"] and r["hv"])
        self.hv_stock = patents if not patents.ok else Rows([r for r in patents.records if r["hv"]])
        self.pledges = _within(period, f.rows("zone_pledges", y, start=start, label=label), "registered_on")
        tx = f.rows("zone_transactions", y, start=start, label=label)
        self.licences = _within(period, tx, "dated", where=lambda r: r["kind"] == "许可")
        self.transfers = _within(period, tx, "dated", where=lambda r: r["kind"] == "转让")
        cases = f.rows("cases_in_year", y, start=start, label=label)
        self.opened = _within(period, cases, "opened_on")
        self.closed = _within(period, cases, "closed_on")
        self.typical = _within(period, cases, "closed_on", where=lambda r: r.get("typical"))
        self.events = _within(period, f.rows("events_in_year", y, start=start, label=label), "held_on")


def _count(rows: Rows, what: str, *, weight: str | None = None, precision: int = 0) -> Value:
    if not rows.ok:
        return Value(None, precision, missing=f"{what}：{rows.missing}")
    n = sum(float(r[weight]) for r in rows.records) if weight else float(len(rows.records))
    return Value(n, precision)


def _sum(rows: Rows, column: str, what: str, precision: int = 2) -> Value:
    if not rows.ok:
        return Value(None, precision, missing=f"{what}：{rows.missing}")
    return Value(sum(float(r[column]) for r in rows.records if r.get(column) is not None), precision)


def _yoy(cur: Value, prev: Value) -> Cell:
    if not cur.ok or not prev.ok:
        return Value(None, 1, percent=True, missing=cur.missing or prev.missing)
    a, b = cur.rounded(), prev.rounded()
    if b == 0:
        return "—" if a == 0 else "新增"
    return Value(float((a - b) / b), 1, percent=True, signed=True)


def _items(now: _Period, before: _Period, precision: int) -> list[tuple[str, str, Value, Value]]:
    """(项目, 单位, 本期, 上年同期)."""
    rows = []
    for label, unit, get in (
        ("新增高价值发明专利", "件", lambda p: _count(p.hv, "新增高价值发明专利", weight="share", precision=precision)),
        ("发明专利授权", "件", lambda p: _count(p.grants, "发明专利授权", weight="share", precision=precision)),
        ("知识产权质押融资", "笔", lambda p: _count(p.pledges, "知识产权质押融资笔数")),
        ("知识产权质押融资金额", "万元", lambda p: _sum(p.pledges, "amount", "知识产权质押融资金额")),
        ("专利许可", "件", lambda p: _count(p.licences, "专利许可数量")),
        ("专利许可金额", "万元", lambda p: _sum(p.licences, "amount", "专利许可金额")),
        ("专利转让", "件", lambda p: _count(p.transfers, "专利转让数量")),
        ("专利转让金额", "万元", lambda p: _sum(p.transfers, "amount", "专利转让金额")),
        ("保护案件受理", "件", lambda p: _count(p.opened, "保护案件受理数")),
        ("保护案件办结", "件", lambda p: _count(p.closed, "保护案件办结数")),
        ("典型案例", "件", lambda p: _count(p.typical, "典型案例数")),
        ("宣传培训活动", "场", lambda p: _count(p.events, "宣传培训活动场次")),
        ("宣传培训活动参与", "人次", lambda p: _sum(p.events, "participants", "宣传培训活动人次", precision=0)),
    ):
        rows.append((label, unit, get(now), get(before)))
    return rows


def _names(facts: Facts, usccs: set[str]) -> dict[str, str]:
    if not usccs or "entities" not in facts.eng.facts.present:
        return {}
    e = facts.eng.facts.tables["entities"]
    return {r["uscc"]: r["name"] for r in facts.eng.fetch(e.filter(e.uscc.isin(sorted(usccs))).select("uscc", "name"))}


def _amount_text(v: Value, unit: str) -> str:
    return f"{v.text()}{unit}" if v.ok else "缺数据"


def _summary(items: list[tuple[str, str, Value, Value]], period: Period, stock: Value) -> str:
    by = {label: (unit, cur, prev) for label, unit, cur, prev in items}

    def say(label: str) -> str:
        unit, cur, prev = by[label]
        text = _amount_text(cur, unit)
        if cur.ok and prev.ok:
            y = _yoy(cur, prev)
            if isinstance(y, Value):
                tail = "，同比持平" if y.rounded() == 0 else f"，同比{'增长' if y.value > 0 else '下降'}{Value(abs(y.value), 1, percent=True).text()}"
            else:
                tail = ""
            text += f"（上年同期{_amount_text(prev, unit)}{tail}）"
        return text

    parts = [
        f"{period.label}，园区新增高价值发明专利{say('新增高价值发明专利')}，期末高价值发明专利拥有量{_amount_text(stock, '件')}",
        f"知识产权质押融资{say('知识产权质押融资')}、金额{say('知识产权质押融资金额')}",
        f"专利许可{say('专利许可')}、转让{say('专利转让')}",
        f"受理知识产权保护案件{say('保护案件受理')}、办结{say('保护案件办结')}",
        f"开展宣传培训活动{say('宣传培训活动')}",
    ]
    return "；".join(parts) + "。"


def _news(facts: Facts, now: _Period) -> list[Section]:
    out = []
    if now.pledges.ok and now.pledges.records:
        top = sorted(now.pledges.records, key=lambda r: (-(r["amount"] or 0), r["registration_no"]))[:SHOWN]
        names = _names(facts, {r["pledgor_uscc"] for r in top})
        s = Section("质押融资", key="news_pledges")
        s.add(Paragraph("本期金额较大的质押融资：" + "；".join(
            f"{names.get(r['pledgor_uscc'], r['pledgor_uscc'])}向{r['pledgee']}质押融资{wan(r['amount'])}（{date_zh(r['registered_on'])}登记"
            + (f"，{r['guarantor']}担保" if r.get("guarantor") else "") + (f"，{r['insurer']}承保" if r.get("insurer") else "") + "）"
            for r in top
        ) + "。"))
        out.append(s)
    if now.hv.ok and now.hv.records:
        top = sorted(now.hv.records, key=lambda r: (r["grant_date"], r["application_no"]))[:SHOWN]
        s = Section("新增高价值发明专利", key="news_hv")
        more = len(now.hv.records) - len(top)
        s.add(Paragraph("本期授权的高价值发明专利包括：" + "；".join(f"{r['title']}（{r['application_no']}）" for r in top) + (f"等，共{len(now.hv.records)}件" if more > 0 else "") + "。"))
        out.append(s)
    if now.typical.ok and now.typical.records:
        s = Section("典型案例", key="news_cases")
        for r in sorted(now.typical.records, key=lambda r: (r["closed_on"], r["case_no"]))[:SHOWN]:
            s.add(Paragraph(f"{r['case_no']}：{r['holder']}与{r['respondent']}{r['right_kind']}{r['kind']}案，{date_zh(r['opened_on'])}受理，{date_zh(r['closed_on'])}结案，结果为{r.get('outcome') or '未填写'}。"))
        out.append(s)
    if now.events.ok and now.events.records:
        s = Section("宣传培训", key="news_events")
        top = sorted(now.events.records, key=lambda r: (r["held_on"], r["name"]))[:SHOWN]
        more = len(now.events.records) - len(top)
        s.add(Paragraph("本期举办：" + "；".join(
            f"{date_zh(r['held_on'])}{r['name']}" + (f"（{r['participants']}人次）" if r.get("participants") else "") for r in top
        ) + (f"等{len(now.events.records)}场" if more > 0 else "") + "。"))
        out.append(s)
    return out


def build(facts: Facts, period: Period, source: Source, *, date: dt.date | None = None) -> Document:
    zone = facts.eng.config.zone_name
    now, before = _Period(facts, period), _Period(facts, period.same_period_last_year())
    precision = 2 if facts.counting == "fractional" else 0
    items = _items(now, before, precision)
    stock = _count(now.hv_stock, "期末高价值发明专利拥有量", weight="share", precision=precision)
    for _, _, cur, prev in items:
        for v in (cur, prev):
            if not v.ok:
                facts.count_missing(v.missing)
    overview = Section("本期概况", key="overview")
    overview.add(Paragraph(_summary(items, period, stock)))
    data = Section("主要数据", key="data")
    prev_label = period.same_period_last_year().label
    data.add(
        Table(
            f"{period.label}主要数据",
            ["项目", "单位", "本期", f"上年同期（{prev_label}）", "同比"],
            [[label, unit, cur, prev, _yoy(cur, prev)] for label, unit, cur, prev in items],
            notes=[
                "新增高价值发明专利：本期授权、截至期末按五项条件之一为高价值的园区发明专利；质押、许可转让、案件、活动按登记、备案、受理或结案、举办日期计入本期。",
            ],
            key="主要数据",
            widths=[4, 1.2, 1.6, 2.2, 1.4],
        )
    )
    news = Section("工作动态", key="news")
    news.subsections = _news(facts, now)
    if not news.subsections:
        news.add(Paragraph("本期无可列举的质押融资、高价值专利授权、典型案例或宣传培训活动记录。"))
    sections = [overview, data, news]
    doc = Document(
        kind="bulletin",
        title=f"{zone}知识产权工作简报",
        subtitle=f"{period.label}（{period.span}）",
        sections=sections,
        issuer=f"{zone}{ISSUER}",
        date=date,
        meta=meta(facts, source, f"{period.label}（{period.code}）"),
        timestamp=dt.datetime(period.end.year, period.end.month, period.end.day),
    )
    src = sources_section(facts, source, period.year, brief=True)
    doc.sections.append(src)
    doc.missing = list(facts.missing_log)
    return doc
