"""The relations indicators are computed over: each one the records behind some values.

An indicator's value is an aggregate over one of these (count, sum, mean), optionally narrowed
by a condition; ``explain`` lists the same relation under the same condition. So the numbers and
their evidence come from one expression.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from ipzone.indicators import rules

NEW_AGENCIES_SINCE = dt.date(2022, 1, 1)  # the plan's 三年建设 starts with 2022 (任务14: 新引进)
REPEAT_WINDOW_YEARS = 3  # repeat_infringers: cases closed in Y-2 … Y
QUALIFICATION_WEIGHTS = {  # 任务6: 企业知识产权指数
    "国家知识产权示范企业": 3,
    "国家知识产权优势企业": 2,
    "省级知识产权示范企业": 2,
    "知识产权贯标认证": 1,
    "省级知识产权优势企业": 1,
}
HITECH = "高新技术企业"

# Tables of yearly records (flows), each with the columns that place a record in a year (a year
# column counts as its 31 December). Their latest record is the data's horizon: a value a flow
# table feeds is missing (null, with the reason), not 0, for a year after it (``Engine.horizon``):
# pledges ending in 2024 say nothing about 2025. Stocks (patents, qualifications, agencies …) are
# judged at a date and have no horizon; awards are left out, because a year without an award is
# common and no sign of missing data. An indicator counting the year's events in a table of stocks
# declares its own horizon (``Indicator.horizon``: invention grants, by the patents' grant date).
FLOW_TABLES: dict[str, tuple[str, ...]] = {
    "pledges": ("registered_on",),
    "transactions": ("dated",),
    "cases": ("opened_on", "closed_on"),
    "events": ("held_on",),
    "pct_filings": ("filing_date",),
    "entity_year": ("year",),
    "surveys": ("year",),
    "geo_output": ("year",),
}


@dataclass
class Ctx:
    """What every relation is built from: the fact tables and the year's parameters."""

    tables: dict[str, ir.Table]
    year: int
    counting: str
    threshold: float  # hv_pledge_threshold, 万元
    sei: tuple[ir.Table, ir.Table] | None  # prepared entries and terms; None = unavailable
    pi: ir.Table | None  # patent-intensive industry classes; None = unavailable
    # Set by Engine.compute only: relations may leave out rows no aggregate of the catalog counts
    # (zone_patents: patents other than inventions in force at D or granted in Y). ``explain`` and
    # the tests build relations unscreened and see every row.
    screened: bool = False

    @property
    def d(self) -> dt.date:
        return rules.year_end(self.year)

    def __getitem__(self, stem: str) -> ir.Table:
        return self.tables[stem]


@dataclass(frozen=True)
class Relation:
    name: str
    zh: str
    en: str
    build: Callable[[Ctx], ir.Table]
    needs: tuple[str, ...]  # contract tables that must be in the dataset
    refs: tuple[str, ...] = ()  # reference roles without which it cannot be built


REGISTRY: dict[str, Relation] = {}


def relation(name: str, zh: str, en: str, needs: tuple[str, ...], refs: tuple[str, ...] = ()):
    def register(fn: Callable[[Ctx], ir.Table]) -> Callable[[Ctx], ir.Table]:
        REGISTRY[name] = Relation(name, zh, en, fn, needs, refs)
        return fn

    return register


def shares(ctx: Ctx, owners: ir.Table | None = None) -> ir.Table:
    """Zone shares under the counting rule, from ``owners`` (default: every patent owner)."""
    return rules.zone_shares(ctx["patent_owners"] if owners is None else owners, ctx["entities"], ctx.counting)


def owners_of(ctx: Ctx, patents: ir.Table) -> ir.Table:
    """The owner rows of ``patents`` only (every owner of each, so its share is unchanged)."""
    keys = patents.select(key_no="application_no")
    owners = ctx["patent_owners"]
    return owners.semi_join(keys, owners.application_no == keys.key_no)


def assess(ctx: Ctx, patents: ir.Table, *, screen: bool = True, owners: ir.Table | None = None) -> ir.Table:
    return rules.assess_patents(
        patents,
        shares(ctx, owners),
        d=ctx.d,
        year=ctx.year,
        sei=ctx.sei,
        pledges=ctx["pledges"],
        awards=ctx["awards"],
        threshold=ctx.threshold,
        screen=screen,
    )


@relation(
    "zone_patents",
    "园区专利（按所选计数规则）",
    "the zone's patents under the counting rule",
    needs=("patents", "patent_owners", "entities"),
)
def zone_patents(ctx: Ctx) -> ir.Table:
    p = ctx["patents"]
    if ctx.screened:
        # Every aggregate over this relation counts zone inventions in force at D (hv, the criteria,
        # invention_in_force) or granted in Y (invention_grants): screening the others out at the
        # scan spares the ownership and criteria joins most patents (9 in 10 in the demo zone;
        # tested: same values).
        p = p.filter(rules.counted_patents(p, ctx.d, ctx.year))
        z = assess(ctx, p, owners=owners_of(ctx, p))
    else:
        z = assess(ctx, p)
    return z.filter(z.share > 0).select(
        "application_no",
        "kind",
        "title",
        "filing_date",
        "grant_date",
        "lapse_date",
        "lapse_reason",
        "overseas_family_grants",
        "owners",
        "zone_owners",
        "share",
        "invention",
        "in_force",
        "granted_in_year",
        "ten_year_date",
        "c_sei",
        "c_overseas",
        "c_maintained",
        "c_pledge",
        "c_award",
        "hv",
    )


@relation("zone_qualifications", "区内主体年末有效资质", "in-zone entities' qualifications valid at year end", needs=("qualifications", "entities"))
def zone_qualifications(ctx: Ctx) -> ir.Table:
    """One row per (in-zone entity, kind of qualification) valid at year end."""
    q = ctx["qualifications"]
    q = q.filter(rules.valid_on(q.valid_from, q.valid_to, ctx.d))
    e = ctx["entities"]
    e = e.filter(e.in_zone).select(entity_uscc="uscc", entity_name="name")
    q = q.join(e, q.uscc == e.entity_uscc).drop("entity_uscc")
    g = q.group_by("uscc", "kind").aggregate(
        certificate_no=q.certificate_no.min(),
        valid_from=q.valid_from.min(),
        valid_to=q.valid_to.max(),
        certificates=q.count(),
        entity_name=q.entity_name.min(),
    )
    weight = ibis.cases(*[(g.kind == k, w) for k, w in QUALIFICATION_WEIGHTS.items()], else_=0)
    return g.mutate(weight=weight)


@relation(
    "zone_value_added",
    "区内主体当年增加值",
    "in-zone entities' value added in Y",
    needs=("entity_year", "entities"),
    refs=("patent_intensive",),
)
def zone_value_added(ctx: Ctx) -> ir.Table:
    v = ctx["entity_year"]
    v = v.filter(v.year == ctx.year)
    e = ctx["entities"].filter(ctx["entities"].in_zone).select(entity_uscc="uscc", entity_name="name", industry_code="industry_code")
    # flagged on the entities, before the join, so that a filter on it narrows the entities joined
    e = e.mutate(patent_intensive=e.industry_code.isin(ctx.pi.industry_code).fill_null(False))
    return v.join(e, v.uscc == e.entity_uscc).drop("entity_uscc")


@relation("zone_pledges", "区内出质人当年登记的质押", "pledges registered in Y by in-zone pledgors", needs=("pledges", "entities"))
def zone_pledges(ctx: Ctx) -> ir.Table:
    p = ctx["pledges"]
    p = p.filter(rules.within_year(p.registered_on, ctx.year))
    return rules.in_zone_join(p, "pledgor_uscc", ctx["entities"])


@relation("surveys_in_year", "当年保护满意度问卷", "satisfaction survey responses of Y", needs=("surveys",))
def surveys_in_year(ctx: Ctx) -> ir.Table:
    s = ctx["surveys"]
    return s.filter(s.year == ctx.year)


@relation("agencies_at_end", "年末在区服务机构", "service agencies in the zone at year end", needs=("agencies",))
def agencies_at_end(ctx: Ctx) -> ir.Table:
    a = ctx["agencies"]
    a = a.filter(rules.present_at(a.joined_on, a.left_on, ctx.d))
    return a.mutate(new_since_2022=a.joined_on >= rules.date_lit(NEW_AGENCIES_SINCE))


@relation("zone_pct_filings", "区内申请人当年PCT国际申请", "PCT filings of Y by in-zone applicants", needs=("pct_filings", "entities"))
def zone_pct_filings(ctx: Ctx) -> ir.Table:
    p = ctx["pct_filings"]
    p = p.filter(rules.within_year(p.filing_date, ctx.year))
    return rules.in_zone_join(p, "uscc", ctx["entities"])


@relation("zone_awards", "区内单位当年获奖", "awards of Y to in-zone units", needs=("awards", "entities"))
def zone_awards(ctx: Ctx) -> ir.Table:
    a = ctx["awards"]
    a = a.filter(a.year == ctx.year)
    return rules.in_zone_join(a, "uscc", ctx["entities"])


@relation("zone_trademarks", "区内主体的商标", "trademarks of in-zone owners", needs=("trademarks", "entities"))
def zone_trademarks(ctx: Ctx) -> ir.Table:
    t = rules.in_zone_join(ctx["trademarks"], "owner_uscc", ctx["entities"])
    at = rules.date_lit(ctx.d)
    return t.mutate(
        registered_at_end=(t.registered_on <= at) & (t.expires_on >= at),
        well_known_at_end=t.well_known_on.notnull() & (t.well_known_on <= at),
    )


@relation("geo_products_at_end", "年末已批准的地理标志产品", "geographical indications approved by year end", needs=("geo_products",))
def geo_products_at_end(ctx: Ctx) -> ir.Table:
    g = ctx["geo_products"]
    return g.filter(g.approved_on <= rules.date_lit(ctx.d))


@relation("geo_output_in_year", "当年地理标志产品产值", "geographical-indication output of Y", needs=("geo_output",))
def geo_output_in_year(ctx: Ctx) -> ir.Table:
    g = ctx["geo_output"]
    return g.filter(g.year == ctx.year)


@relation(
    "zone_transactions",
    "当年涉及园区的许可转让",
    "licences and transfers of Y involving the zone",
    needs=("transactions", "patent_owners", "entities"),
)
def zone_transactions(ctx: Ctx) -> ir.Table:
    t = ctx["transactions"]
    t = t.filter(rules.within_year(t.dated, ctx.year))
    # Only the owners of the patents transacted in Y decide zone_patent: narrowing the owners to
    # them first spares the ownership join of every other patent (all owners of each such patent
    # are kept, so its share under any counting rule is unchanged).
    s = shares(ctx, owners_of(ctx, t))
    t = t.mutate(zone_patent=t.application_no.isin(s.application_no).fill_null(False))
    t = rules.flag_in_zone(t, "from_uscc", ctx["entities"], "from_in_zone")
    t = rules.flag_in_zone(t, "to_uscc", ctx["entities"], "to_in_zone")
    return t.filter(t.zone_patent | t.from_in_zone | t.to_in_zone)


@relation("talents_at_end", "年末在区知识产权人才", "IP professionals in the zone at year end", needs=("talents",))
def talents_at_end(ctx: Ctx) -> ir.Table:
    t = ctx["talents"]
    t = t.filter(rules.present_at(t.joined_on, t.left_on, ctx.d))
    return t.mutate(mid_or_senior=t.title.isin(("中级", "高级")))


@relation("events_in_year", "当年宣传培训活动", "awareness and training events of Y", needs=("events",))
def events_in_year(ctx: Ctx) -> ir.Table:
    e = ctx["events"]
    return e.filter(rules.within_year(e.held_on, ctx.year))


@relation("cases_in_year", "当年受理或结案的保护案件", "protection cases opened or closed in Y", needs=("cases",))
def cases_in_year(ctx: Ctx) -> ir.Table:
    c = ctx["cases"]
    c = c.mutate(
        opened_in_year=rules.within_year(c.opened_on, ctx.year),
        closed_in_year=c.closed_on.notnull() & rules.within_year(c.closed_on, ctx.year),
    )
    return c.filter(c.opened_in_year | c.closed_in_year)


@relation("repeat_infringers", "近三年两次以上侵权成立的被诉方", "respondents found infringing in 2+ cases closed in the last 3 years", needs=("cases",))
def repeat_infringers(ctx: Ctx) -> ir.Table:
    c = ctx["cases"]
    start = rules.date_lit(dt.date(ctx.year - REPEAT_WINDOW_YEARS + 1, 1, 1))
    c = c.filter((c.outcome == "侵权成立") & c.closed_on.notnull() & c.closed_on.between(start, rules.date_lit(ctx.d)))
    # decision: a respondent is its uscc when given, else its name as written.
    c = c.mutate(respondent_key=c.respondent_uscc.fill_null(c.respondent))
    g = c.group_by("respondent_key").aggregate(
        respondent=c.respondent.min(),
        cases=c.count(),
        first_closed=c.closed_on.min(),
        last_closed=c.closed_on.max(),
    )
    return g.filter(g.cases >= 2)
