"""Domain rules as plain functions that build Ibis expressions.

Nothing here executes anything or knows a backend: each function takes Ibis tables (and plain
Python values such as a date) and returns an Ibis expression, which DuckDB or Spark then runs.
The indicators (catalog.py), their evidence (explain.py) and the tests all use these same
functions, so a rule is written once.
"""

from __future__ import annotations

import datetime as dt

import ibis
import ibis.expr.types as ir

COUNTING_RULES = ("first", "whole", "fractional")
COUNTING_ZH = {"first": "第一权利人计数", "whole": "整体计数", "fractional": "分数计数"}

INVENTION = "发明"
HV_CRITERIA = ("sei", "overseas", "maintained", "pledge", "award")
HV_CRITERIA_ZH = {
    "sei": "战略性新兴产业",
    "overseas": "海外有同族专利权",
    "maintained": "维持年限超过10年",
    "pledge": "实现较高质押融资金额",
    "award": "获国家科学技术奖或中国专利奖",
}
MAINTAINED_YEARS = 10

# decision: the awards of criterion 5. 中国专利奖 counts in every grade; 国家科学技术奖 is the
# national award family, so each of its five awards (as written on certificates) counts too.
HV_AWARDS = (
    "中国专利奖",
    "国家科学技术奖",
    "国家最高科学技术奖",
    "国家自然科学奖",
    "国家技术发明奖",
    "国家科学技术进步奖",
    "中华人民共和国国际科学技术合作奖",
)


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def date_lit(d: dt.date) -> ir.DateScalar:
    return ibis.literal(d, type="date")


def within_year(col: ir.DateValue, year: int) -> ir.BooleanValue:
    """The date falls in calendar year ``year`` (both ends included)."""
    return col.between(date_lit(dt.date(year, 1, 1)), date_lit(year_end(year)))


def in_force(patents: ir.Table, d: dt.date) -> ir.BooleanValue:
    """Granted on or before D, and no lapse date or a lapse date after D (the lapse date is the
    first day the right is no longer in force)."""
    at = date_lit(d)
    return patents.grant_date.notnull() & (patents.grant_date <= at) & (patents.lapse_date.isnull() | (patents.lapse_date > at))


def granted_in(patents: ir.Table, year: int) -> ir.BooleanValue:
    """Granted (授权公告日) in calendar year ``year``."""
    return patents.grant_date.notnull() & within_year(patents.grant_date, year)


def counted_patents(patents: ir.Table, d: dt.date, year: int) -> ir.BooleanValue:
    """Inventions in force at D or granted in Y: the only patents the patent counts ever count."""
    return (patents.kind == INVENTION) & (in_force(patents, d) | granted_in(patents, year))


def valid_on(valid_from: ir.DateValue, valid_to: ir.DateValue, d: dt.date) -> ir.BooleanValue:
    """A certificate valid at D: valid_from ≤ D ≤ valid_to, valid_to inclusive, empty = open-ended."""
    at = date_lit(d)
    return (valid_from <= at) & (valid_to.isnull() | (valid_to >= at))


def present_at(joined: ir.DateValue, left: ir.DateValue, d: dt.date) -> ir.BooleanValue:
    """Joined on or before D and not left by then (leaving on D means gone at D)."""
    at = date_lit(d)
    return (joined <= at) & (left.isnull() | (left > at))


def ten_years_after(filing_date: ir.DateValue) -> ir.DateValue:
    """The filing date plus 10 years (29 February + 10 years = 28 February)."""
    return filing_date + ibis.interval(years=MAINTAINED_YEARS)


# --- the zone ------------------------------------------------------------------------------


def zone_entities(entities: ir.Table) -> ir.Table:
    """The uscc of every entity in the zone."""
    return entities.filter(entities.in_zone).select("uscc")


def owners_in_zone(owners: ir.Table, entities: ir.Table) -> ir.Table:
    """Each patent owner with ``owner_in_zone``: an organisation is in the zone when its uscc is an
    ``entities`` row with in_zone; a natural person (empty uscc) by the owner row's own in_zone."""
    e = entities.select(entity_uscc=entities.uscc, entity_in_zone=entities.in_zone)
    j = owners.left_join(e, owners.uscc == e.entity_uscc)
    return j.select(
        "application_no",
        "position",
        "name",
        "uscc",
        owner_in_zone=ibis.ifelse(j.uscc.isnull(), j.in_zone, j.entity_in_zone.fill_null(False)),
    )


def zone_shares(owners: ir.Table, entities: ir.Table, counting: str) -> ir.Table:
    """(application_no, share, owners, zone_owners) for every patent the zone holds a share of.

    first: 1 when the position-1 owner is in the zone; whole: 1 when any owner is;
    fractional: in-zone owners ÷ all owners (each owner 1/n of the patent).
    """
    if counting not in COUNTING_RULES:
        raise ValueError(f"counting must be one of {COUNTING_RULES}, not {counting!r}")
    o = owners_in_zone(owners, entities)
    if counting == "first":
        # Only the position-1 owner decides: no grouping needed (the cheap path at scale).
        f = o.filter((o.position == 1) & o.owner_in_zone)
        return f.select(
            "application_no",
            owners=ibis.literal(None, type="int64"),
            zone_owners=ibis.literal(None, type="int64"),
            share=ibis.literal(1.0),
        )
    inz = ibis.ifelse(o.owner_in_zone, 1, 0)
    g = o.group_by("application_no").aggregate(owners=o.count(), zone_owners=inz.sum())
    share = {
        "whole": ibis.ifelse(g.zone_owners > 0, 1.0, 0.0),
        "fractional": g.zone_owners.cast("float64") / g.owners.cast("float64"),
    }[counting]
    g = g.select("application_no", "owners", "zone_owners", share=share)
    return g.filter(g.share > 0)


# --- the five high-value criteria ----------------------------------------------------------------


def ipc_keys(patents: ir.Table) -> ir.Table:
    """Each IPC symbol of each patent with the keys it is looked up by, one row per key.

    A symbol is looked up at three levels: its subclass (``subclass:G06N``), its main group
    (``main_group:G06N 3/00``) and itself (``subgroup:G06N 3/08``); SEI entries carry the same
    ``level:key`` lookup, so matching is one equi-join. Two chained unnests, no branches: the
    patents are scanned once. (A bare subclass symbol gets the main-group key ``main_group:/00``
    and is its own subgroup key; no entry has either.)
    """
    u = patents.select("application_no", "ipc").unnest("ipc", keep_empty=False).rename(symbol="ipc")
    main_group = u.symbol.re_extract(r"^([A-H][0-9]{2}[A-Z] [0-9]+)/", 1) + "/00"
    u = u.mutate(
        lookup=ibis.array(
            [
                "subclass:" + u.symbol.substr(0, 4),
                "main_group:" + main_group,
                "subgroup:" + u.symbol,
            ]
        )
    )
    return u.unnest("lookup")


def sei_matches(patents: ir.Table, entries: ir.Table, terms: ir.Table) -> ir.Table:
    """Every (patent, SEI entry) match, as one equi-join on the lookup key — no per-patent loop.

    A keyword entry matches only when the title or abstract contains one of its literal terms;
    the matched term is kept as evidence. Columns: application_no, symbol, entry_id, entry_key,
    sei_code, sei_name, keyword.
    """
    k = ipc_keys(patents)
    m = k.join(entries, k.lookup == entries.entry_lookup)
    cols = ["application_no", "symbol", "entry_id", "entry_key", "sei_code", "sei_name"]
    plain = m.filter(~m.needs_keywords).select(*cols, keyword=ibis.literal(None, type="string"))
    kw = m.filter(m.needs_keywords).select(*cols)
    kw = kw.join(terms, kw.entry_id == terms.entry_id)
    texts = patents.select(text_no=patents.application_no, text=patents.title + " " + patents.abstract.fill_null(""))
    kw = kw.join(texts, kw.application_no == texts.text_no)
    kw = kw.filter(kw.text.contains(kw.term)).select(*cols, keyword=kw.term)
    return plain.union(kw)


def pledge_hits(pledges: ir.Table, d: dt.date, threshold: float) -> ir.Table:
    """Each (patent, pledge) where the pledge was registered on or before D for at least the threshold."""
    p = pledges.filter((pledges.registered_on <= date_lit(d)) & (pledges.amount >= threshold))
    p = p.select("registration_no", "registered_on", "amount", "pledgee", "application_nos")
    u = p.unnest("application_nos", keep_empty=False)
    return u.rename(application_no="application_nos")


def award_hits(awards: ir.Table, year: int) -> ir.Table:
    """Each award naming a patent that counts for criterion 5, in any year up to Y."""
    a = awards.filter(awards.award.isin(HV_AWARDS) & (awards.year <= year) & awards.application_no.notnull())
    return a.select("application_no", "award", "grade", award_year=a.year)


def _flag(t: ir.Table, hits: ir.Table, flag: str) -> ir.Table:
    """``t`` with a boolean ``flag``: its application number is among the ``hits``' (never null)."""
    return t.mutate(**{flag: t.application_no.isin(hits.application_no).fill_null(False)})


def assess_patents(
    patents: ir.Table,
    shares: ir.Table,
    *,
    d: dt.date,
    year: int,
    sei: tuple[ir.Table, ir.Table] | None,
    pledges: ir.Table,
    awards: ir.Table,
    threshold: float,
    screen: bool = True,
) -> ir.Table:
    """Every patent with its zone share and its standing at D: in force, granted in Y, each of the
    five criteria (``c_sei`` … ``c_award``) and ``hv`` (a zone invention in force meeting any).

    ``screen`` restricts the costly SEI join to zone inventions in force (what the counts need);
    ``explain --patent`` turns it off to judge every criterion of one patent. ``sei`` None
    means no SEI table: ``c_sei`` is null (unknown) and so is ``hv`` where it would decide it.
    """
    s = shares.rename(share_no="application_no")
    z = patents.left_join(s, patents.application_no == s.share_no).drop("share_no")
    # owners / zone_owners stay null where the counting rule did not count them (first patentee,
    # or a patent the zone holds no share of): 0 would claim the patent has no owner.
    z = z.mutate(share=z.share.fill_null(0.0))
    z = z.mutate(
        invention=z.kind == INVENTION,
        in_force=in_force(z, d),
        granted_in_year=granted_in(z, year),
        ten_year_date=ten_years_after(z.filing_date),
    )
    z = z.mutate(
        c_overseas=z.overseas_family_grants.fill_null(0) >= 1,
        c_maintained=z.ten_year_date < date_lit(d),
    )
    z = _flag(z, pledge_hits(pledges, d, threshold), "c_pledge")
    z = _flag(z, award_hits(awards, year), "c_award")
    if sei is None:
        z = z.mutate(c_sei=ibis.literal(None, type="boolean"))
    else:
        # Screened on the patents table itself (inventions in force), not on the zone join, so the
        # SEI pipeline re-reads a filtered scan rather than recomputing the ownership join.
        candidates = patents.filter((patents.kind == INVENTION) & in_force(patents, d)) if screen else patents
        z = _flag(z, sei_matches(candidates, *sei), "c_sei")
    others = z.c_overseas | z.c_maintained | z.c_pledge | z.c_award
    # Kleene logic: an unknown c_sei leaves hv unknown only where no other criterion is met.
    met = others | z.c_sei
    return z.mutate(hv=z.invention & z.in_force & (z.share > 0) & met)


# --- other relations ---------------------------------------------------------------------


def in_zone_join(t: ir.Table, column: str, entities: ir.Table) -> ir.Table:
    """Rows of ``t`` whose ``column`` is the uscc of an in-zone entity."""
    z = zone_entities(entities).rename(zone_uscc="uscc")
    return t.join(z, t[column] == z.zone_uscc).drop("zone_uscc")


def flag_in_zone(t: ir.Table, column: str, entities: ir.Table, flag: str) -> ir.Table:
    """``t`` with a boolean ``flag``: its ``column`` is the uscc of an in-zone entity.

    A left join, not ``IN (subquery)``: the engine may then build its hash table on ``t`` when
    ``t`` is the smaller side (a year's transactions against every entity of the zone)."""
    z = zone_entities(entities).select(zone_uscc="uscc").mutate(**{flag: ibis.literal(True)})
    j = t.left_join(z, t[column] == z.zone_uscc).drop("zone_uscc")
    return j.mutate(**{flag: j[flag].fill_null(False)})
