"""Each item a policy can pay for, with the engine's facts about it at the end of the year.

Nothing here re-implements an indicator rule: patents are assessed by
``ipzone.indicators.relations.assess`` (the function behind ``hv_invention_count`` and
``ipzone explain --patent``) under first-patentee counting, and zone membership comes from
``rules.owners_in_zone`` / ``rules.flag_in_zone``. This module only adds who the beneficiary is.
"""

from __future__ import annotations

import ibis.expr.types as ir

from ipzone.indicators import rules
from ipzone.indicators.relations import Ctx, assess
from ipzone.policies.files import PolicyError

NEEDS = {"patent": ("patents", "patent_owners", "entities"), "pledge": ("pledges", "entities")}
ID_COLUMN = {"patent": "application_no", "pledge": "registration_no"}
COUNTING = "first"  # CNIPA's regional convention: the first patentee decides (docs/policies.md)


def require_tables(eng, item: str) -> None:
    for stem in NEEDS[item]:
        if stem not in eng.facts.present:
            from ipzone import contract

            t = contract.table(stem)
            raise PolicyError(f"数据集中没有 {t.stem}（{t.zh}）表，无法计算", f"the dataset has no {t.stem} ({t.zh}) table: cannot compute")


def patents(ctx: Ctx) -> ir.Table:
    """Every patent with the engine's assessment (``hv``, ``c_*``, ``in_force``, ``share`` …),
    ``filed_in_year`` and its first patentee (name, uscc, in the zone, entity kind)."""
    z = assess(ctx, ctx["patents"])
    o = rules.owners_in_zone(ctx["patent_owners"], ctx["entities"])
    first = o.filter(o.position == 1).select(
        owner_no="application_no", owner_name="name", owner_uscc="uscc", owner_in_zone="owner_in_zone"
    )
    j = z.left_join(first, z.application_no == first.owner_no).drop("owner_no")
    e = ctx["entities"].select(e_uscc="uscc", owner_kind="kind", owner_entity_name="name")
    j = j.left_join(e, j.owner_uscc == e.e_uscc).drop("e_uscc")
    return j.mutate(
        filed_in_year=rules.within_year(j.filing_date, ctx.year),
        owner_in_zone=j.owner_in_zone.fill_null(False),
    )


def _by_name(entities: ir.Table, prefix: str) -> ir.Table:
    """Entities keyed by name where the name is unique (a guarantor or insurer is named, not coded)."""
    e = entities.mutate(key=entities.name.strip())
    g = e.group_by("key").aggregate(
        n=e.count(), uscc=e.uscc.min(), in_zone=e.in_zone.max(), kind=e.kind.min()
    )
    g = g.filter(g.n == 1)
    return g.select(**{f"{prefix}_key": g.key, f"{prefix}_uscc": g.uscc, f"{prefix}_in_zone": g.in_zone, f"{prefix}_kind": g.kind})


def pledges(ctx: Ctx) -> ir.Table:
    """Every pledge with ``registered_in_year``, the pledgor's zone flag, name and kind (the same
    in-zone test as ``ip_pledge_amount``), and the guarantor and insurer matched to entities by name."""
    p = ctx["pledges"]
    p = rules.flag_in_zone(p, "pledgor_uscc", ctx["entities"], "pledgor_in_zone")
    e = ctx["entities"].select(e_uscc="uscc", pledgor_name="name", pledgor_kind="kind")
    p = p.left_join(e, p.pledgor_uscc == e.e_uscc).drop("e_uscc")
    for role in ("guarantor", "insurer"):
        named = _by_name(ctx["entities"], role)
        p = p.left_join(named, p[role].strip() == named[f"{role}_key"]).drop(f"{role}_key")
    return p.mutate(registered_in_year=rules.within_year(p.registered_on, ctx.year))


def relation(ctx: Ctx, item: str) -> ir.Table:
    return patents(ctx) if item == "patent" else pledges(ctx)


SCOPE_COLUMNS = {  # scope conditions filtered in the backend, so only the year's items are fetched
    ("patent", "invention"): lambda t: t.invention,
    ("patent", "granted_in_year"): lambda t: t.granted_in_year,
    ("patent", "filed_in_year"): lambda t: t.filed_in_year,
    ("patent", "in_force"): lambda t: t.in_force,
    ("pledge", "registered_in_year"): lambda t: t.registered_in_year,
    ("pledge", "has_guarantor"): lambda t: t.guarantor.notnull() & (t.guarantor.strip() != ""),
    ("pledge", "has_insurer"): lambda t: t.insurer.notnull() & (t.insurer.strip() != ""),
}


def fetch(eng, ctx: Ctx, item: str, scope: list[str], ids: list[str] | None = None) -> list[dict]:
    """The items in scope (or, with ``ids``, exactly those items), with their facts."""
    t = relation(ctx, item)
    if ids is not None:
        t = t.filter(t[ID_COLUMN[item]].isin(ids))
    else:
        for name in scope:
            col = SCOPE_COLUMNS.get((item, name))
            if col is not None:
                t = t.filter(col(t))
    rows = eng.fetch(t.order_by(ID_COLUMN[item]))
    return [_beneficiary_fields(item, r) for r in rows]


def _beneficiary_fields(item: str, r: dict) -> dict:
    if item == "patent":
        r["owner_name"] = r.get("owner_entity_name") or r.get("owner_name")
    return r


def beneficiary(item: str, who: str, r: dict) -> dict:
    """{uscc, name, in_zone, kind} of the item's beneficiary (uscc None when it cannot be told)."""
    if who == "first_patentee":
        return {"uscc": r["owner_uscc"], "name": r["owner_name"], "in_zone": bool(r["owner_in_zone"]), "kind": r["owner_kind"]}
    if who == "pledgor":
        return {"uscc": r["pledgor_uscc"], "name": r["pledgor_name"] or r["pledgor_uscc"], "in_zone": bool(r["pledgor_in_zone"]), "kind": r["pledgor_kind"]}
    name = (r[who] or "").strip() or None
    return {"uscc": r.get(f"{who}_uscc"), "name": name, "in_zone": bool(r.get(f"{who}_in_zone")), "kind": r.get(f"{who}_kind")}


def context(eng, year: int) -> Ctx:
    return eng.context(year, COUNTING)

