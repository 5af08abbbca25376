"""The records behind a value, and one patent judged at a year end.

Both come from the expressions that compute the values: an indicator's records are its
relation under its condition (catalog + relations), and a patent's standing comes from
``rules.assess_patents``; the texts here only say in words what those expressions decided.
"""

from __future__ import annotations

import datetime as dt

import ibis

from ipzone.indicators import catalog, rules
from ipzone.indicators.catalog import Ratio, Stat
from ipzone.indicators.engine import Engine, IndicatorError
from ipzone.indicators.relations import REGISTRY, Ctx, assess

HV_RELATION = "zone_patents"


def _keys(t: ibis.Table) -> ibis.Table:
    return t.select(key_no=t.application_no).distinct()


def _semi(t: ibis.Table, keys: ibis.Table) -> ibis.Table:
    return t.join(keys, t.application_no == keys.key_no).drop("key_no")


def patent_evidence(eng: Engine, ctx: Ctx, patents: ibis.Table) -> dict[str, dict[str, list[dict]]]:
    """SEI matches, qualifying pledges and awards of the given patents, by application number."""
    keys = _keys(patents)
    out: dict[str, dict[str, list[dict]]] = {}

    def add(kind: str, rows: list[dict]) -> None:
        for r in rows:
            out.setdefault(r.pop("application_no"), {}).setdefault(kind, []).append(r)

    if ctx.sei is not None:
        p = _semi(ctx["patents"], keys)
        m = rules.sei_matches(p, *ctx.sei)
        add("sei", eng.fetch(m.order_by("application_no", "symbol", "sei_code", "entry_key")))
    hits = _semi(rules.pledge_hits(ctx["pledges"], ctx.d, ctx.threshold), keys)
    add("pledge", eng.fetch(hits.order_by("application_no", "registered_on", "registration_no")))
    aw = _semi(rules.award_hits(ctx["awards"], ctx.year), keys)
    add("award", eng.fetch(aw.order_by("application_no", "award_year", "award")))
    return out


def _criteria(row: dict, ev: dict[str, list[dict]], sei_edition: str | None) -> dict:
    """The five criteria of one assessed patent row, each with its evidence."""
    out = {}
    if row.get("c_sei"):
        out["sei"] = [
            {
                "ipc": m["symbol"],
                "entry": m["entry_key"],
                "sei_code": m["sei_code"],
                "sei_name": m["sei_name"],
                "keyword": m["keyword"],
                "edition": sei_edition,
            }
            for m in ev.get("sei", [])
        ]
    if row.get("c_overseas"):
        out["overseas"] = {"overseas_family_grants": row["overseas_family_grants"]}
    if row.get("c_maintained"):
        out["maintained"] = {"filing_date": row["filing_date"], "ten_year_date": row["ten_year_date"]}
    if row.get("c_pledge"):
        out["pledge"] = [
            {"registration_no": p["registration_no"], "registered_on": p["registered_on"], "amount": p["amount"], "pledgee": p["pledgee"]}
            for p in ev.get("pledge", [])
        ]
    if row.get("c_award"):
        out["award"] = [{"award": a["award"], "grade": a["grade"], "year": a["award_year"]} for a in ev.get("award", [])]
    return out


def explain_indicator(eng: Engine, year: int, code: str, counting: str = "first") -> dict:
    """The value of one indicator with every record it aggregates (and its denominators)."""
    ind = catalog.get(code)
    report = eng.compute(year, counting, codes=[code])
    res = report.results[0]
    ctx = eng.context(year, counting)
    out = {
        "year": year,
        "counting": counting,
        "code": code,
        "name": ind.name,
        "unit": ind.unit,
        "formula": ind.formula_text,
        "value": res.value,
        "reason": res.reason,
        "assumptions": res.assumptions,
        "references": res.references,
        "notes": res.notes,
        "relation": None,
        "records": [],
        "stats": {},
    }
    if eng.unavailable(ind) is not None or eng.horizon(ind, year) is not None:
        return out
    stat_cols = [s.column for s in catalog.stats(ind.formula)]
    if stat_cols:
        row = eng.zone_year(year) or {}
        out["stats"] = {c: row.get(c) for c in stat_cols}
    if isinstance(ind.formula, Ratio) and not isinstance(ind.formula.denominator, Stat):
        den = catalog.primary(ind.formula.denominator)
        rel = eng.relation(den.relation, ctx)
        if den.where is not None:
            rel = rel.filter(den.where.resolve(rel))
        out["denominator_records"] = eng.fetch(rel.aggregate(n=rel.count()))[0]["n"]
    agg = catalog.primary(ind.formula)
    if agg is None:
        return out
    rel = REGISTRY[agg.relation]
    t = eng.relation(agg.relation, ctx)
    if agg.where is not None:
        t = t.filter(agg.where.resolve(t))
    out["relation"] = {"name": rel.name, "zh": rel.zh, "en": rel.en}
    rows = eng.fetch(t.order_by(t.columns[0]))
    if agg.relation == HV_RELATION:
        evidence = patent_evidence(eng, ctx, t) if code.startswith("hv_") else {}
        edition = eng.refs["sei"].edition if ctx.sei is not None else None
        for r in rows:
            r["criteria_met"] = [c for c in rules.HV_CRITERIA if r.get(f"c_{c}")]
            if code.startswith("hv_"):
                r["evidence"] = _criteria(r, evidence.get(r["application_no"], {}), edition)
    out["records"] = rows
    return out


# --- one patent -------------------------------------------------------------------------------


def _d(x: dt.date | None) -> str:
    return x.isoformat() if x else "—"


def _in_force_why(row: dict, d: dt.date) -> str:
    g, lapse = row["grant_date"], row["lapse_date"]
    if g is None:
        return "未授权（无授权公告日） / not granted"
    if g > d:
        return f"授权公告日 {_d(g)} 晚于 {_d(d)}：年末尚未授权 / granted after {_d(d)}"
    if lapse is not None and lapse <= d:
        reason = f"，失效原因：{row['lapse_reason']}" if row.get("lapse_reason") else ""
        return f"失效日 {_d(lapse)} 不晚于 {_d(d)}（失效日当天起不再有效{reason}） / lapsed on {_d(lapse)}"
    tail = "无失效日" if lapse is None else f"失效日 {_d(lapse)} 晚于 {_d(d)}"
    return f"授权公告日 {_d(g)} 不晚于 {_d(d)}，{tail}：有效 / in force"


def explain_patent(eng: Engine, year: int, application_no: str, counting: str = "first") -> dict:
    """One patent at the end of ``year``: owners, zone share, in force or not, the five criteria."""
    ctx = eng.context(year, counting)
    d = ctx.d
    for stem in ("patents", "patent_owners", "entities"):
        if stem not in eng.facts.present:
            raise IndicatorError(f"数据集中没有 {stem} 表", f"the dataset has no {stem} table")
    p = ctx["patents"].filter(ctx["patents"].application_no == application_no)
    rows = eng.fetch(assess(ctx, p, screen=False))
    if not rows:
        raise IndicatorError(f"数据集中没有申请号为 {application_no} 的专利", f"no patent {application_no} in the dataset")
    row = rows[0]

    o = rules.owners_in_zone(ctx["patent_owners"], ctx["entities"])
    owners = eng.fetch(o.filter(o.application_no == application_no).order_by("position"))
    for w in owners:
        where = "在区内" if w["owner_in_zone"] else "不在区内"
        if w["uscc"] is None:
            w["why"] = f"自然人，按专利权人表的「区内」：{where}"
        else:
            w["why"] = f"统一社会信用代码 {w['uscc']} 按创新主体表的「区内」：{where}"
    n, k = len(owners), sum(1 for w in owners if w["owner_in_zone"])
    zone_why = {
        "first": "第一权利人（顺序 1）" + ("在区内" if row["share"] > 0 else "不在区内"),
        "whole": f"{n} 个权利人中 {k} 个在区内",
        "fractional": f"{n} 个权利人中 {k} 个在区内，份额 {k}/{n}" if n else "无权利人记录",
    }[counting]

    ev = patent_evidence(eng, ctx, p)
    sei_edition = eng.refs["sei"].edition if ctx.sei is not None else None
    criteria: dict[str, dict] = {}

    # 1 sei
    if ctx.sei is None:
        criteria["sei"] = {"met": None, "why": "参照表不可用，无法判断 / the SEI table is unavailable"}
    else:
        matches = ev.get(row["application_no"], {}).get("sei", [])
        if row["c_sei"]:
            m = matches[0]
            kw = f"，名称或摘要含关键词「{m['keyword']}」" if m["keyword"] else ""
            why = f"IPC {m['symbol']} 属于参照表条目 {m['entry_key']}（{m['sei_code']} {m['sei_name']}，{sei_edition}）{kw}"
        else:
            entries, _terms = ctx.sei
            k_ = rules.ipc_keys(p)
            near = k_.join(entries, k_.lookup == entries.entry_lookup)
            near = eng.fetch(near.filter(near.needs_keywords).select("symbol", "entry_key", "sei_code", "sei_name").distinct())
            ipcs = "、".join(row["ipc"] or []) or "（无 IPC）"
            why = f"IPC {ipcs} 未命中参照表（{sei_edition}）的任何条目"
            if near:
                names = "；".join(f"{x['entry_key']}（{x['sei_code']} {x['sei_name']}）" for x in near)
                why = f"IPC 属于需关键词的条目 {names}，但名称和摘要不含其任何关键词"
        criteria["sei"] = {"met": bool(row["c_sei"]), "why": why, "evidence": matches}
    # 2 overseas
    fam = row["overseas_family_grants"] or 0
    criteria["overseas"] = {"met": row["c_overseas"], "why": f"海外同族专利权数 = {fam}" + ("（≥ 1）" if fam >= 1 else "（需 ≥ 1）")}
    # 3 maintained
    ten = row["ten_year_date"]
    rel_word = "早于" if row["c_maintained"] else "不早于"
    criteria["maintained"] = {
        "met": row["c_maintained"],
        "why": f"申请日 {_d(row['filing_date'])} + 10 年 = {_d(ten)}，{rel_word} {_d(d)}",
        "evidence": {"filing_date": row["filing_date"], "ten_year_date": ten},
    }
    # 4 pledge: every pledge naming the patent, each with why it does or does not count
    pl = ctx["pledges"].select("registration_no", "registered_on", "amount", "pledgee", "application_nos")
    pl = pl.unnest("application_nos", keep_empty=False)
    pledges = eng.fetch(pl.filter(pl.application_nos == application_no).drop("application_nos").order_by("registered_on"))
    for x in pledges:
        late = x["registered_on"] > d
        low = x["amount"] < ctx.threshold
        x["counts"] = not late and not low
        parts = [f"登记于 {_d(x['registered_on'])}" + ("，晚于年末" if late else ""), f"金额 {x['amount']:g} 万元" + (f" < 门槛 {ctx.threshold:g} 万元" if low else f" ≥ 门槛 {ctx.threshold:g} 万元")]
        x["why"] = "，".join(parts)
    criteria["pledge"] = {
        "met": row["c_pledge"],
        "why": (f"质押门槛 {ctx.threshold:g} 万元（hv_pledge_threshold，假设）；" + ("；".join(f"{x['registration_no']}：{x['why']}" for x in pledges) if pledges else "未见质押登记")),
        "evidence": pledges,
    }
    # 5 award
    aw = ctx["awards"]
    awards = eng.fetch(aw.filter(aw.application_no == application_no).select("award", "grade", "year").order_by("year"))
    for a in awards:
        a["counts"] = a["award"] in rules.HV_AWARDS and a["year"] <= year
        a["why"] = ("计入" if a["counts"] else ("不属于中国专利奖或国家科学技术奖" if a["award"] not in rules.HV_AWARDS else f"{a['year']} 年晚于 {year} 年"))
    criteria["award"] = {
        "met": row["c_award"],
        "why": "；".join(f"{a['year']} {a['award']}{a['grade']}：{a['why']}" for a in awards) if awards else "未见获奖记录",
        "evidence": awards,
    }

    met = [c for c in rules.HV_CRITERIA if criteria[c]["met"]]
    blockers = []
    if not row["invention"]:
        blockers.append(f"不是发明专利（{row['kind']}）")
    if not row["in_force"]:
        blockers.append("年末不在有效期内")
    if row["share"] <= 0:
        blockers.append("不属于园区（按所选计数规则）")
    if not met:
        blockers.append("五项条件均不满足")
    hv = bool(row["hv"])
    return {
        "year": year,
        "date": d,
        "counting": counting,
        "application_no": row["application_no"],
        "kind": row["kind"],
        "title": row["title"],
        "ipc": row["ipc"],
        "owners": owners,
        "zone": {"share": row["share"], "belongs": row["share"] > 0, "why": zone_why},
        "in_force": {"value": row["in_force"], "why": _in_force_why(row, d)},
        "granted_in_year": row["granted_in_year"],
        "criteria": criteria,
        "criteria_met": met,
        "high_value": {
            "value": hv,
            "why": ("计入高价值发明专利：满足 " + "、".join(rules.HV_CRITERIA_ZH[c] for c in met)) if hv else "不计入：" + "；".join(blockers),
        },
        "threshold": ctx.threshold,
        "sei_edition": sei_edition,
    }
