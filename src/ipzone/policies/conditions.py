"""The conditions a policy can name, each a test on one item's facts, said in words.

The facts come from the indicator engine (``facts.py``): ``high_value`` is the engine's ``hv``
column at the end of the year, so a policy and the indicator count the same patents. A
condition returns ``(met, zh, en)``; ``met`` is None when the data cannot decide.

A policy lists conditions in ``scope`` (which items of the year are considered at all: items
outside it are not listed) and ``require`` (each failing one is a reason the item is excluded).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ipzone.indicators import rules

ENTERPRISE = "企业"


@dataclass(frozen=True)
class Condition:
    name: str
    item: str  # patent | pledge
    zh: str
    en: str
    test: Callable[[dict, int], tuple[bool | None, str, str]]
    event_date: str | None = None  # the item's date this condition dates it by (validity check)


def _d(x: dt.date | None) -> str:
    return x.isoformat() if x else "—"


def _in_year(value: dt.date | None, year: int, what_zh: str, what_en: str) -> tuple[bool, str, str]:
    if value is None:
        return False, f"无{what_zh}", f"no {what_en}"
    if value.year == year:
        return True, f"{what_zh} {_d(value)} 在 {year} 年内", f"{what_en} {_d(value)} is in {year}"
    return False, f"{what_zh} {_d(value)} 不在 {year} 年内", f"{what_en} {_d(value)} is not in {year}"


# --- patents ----------------------------------------------------------------------------------


def _invention(r, year):
    ok = r["kind"] == rules.INVENTION
    return ok, f"专利类型为{r['kind']}", f"the patent is a {r['kind']} patent" + ("" if ok else ", not an invention")


def _granted(r, year):
    return _in_year(r["grant_date"], year, "授权公告日", "grant date")


def _filed(r, year):
    return _in_year(r["filing_date"], year, "申请日", "filing date")


def _in_force(r, year):
    g, lapse, d = r["grant_date"], r["lapse_date"], rules.year_end(year)
    if r["in_force"]:
        return True, f"{_d(d)} 有效（授权于 {_d(g)}" + (f"，失效日 {_d(lapse)}）" if lapse else "，无失效日）"), f"in force on {_d(d)}"
    if g is None or g > d:
        return False, f"{_d(d)} 尚未授权", f"not granted by {_d(d)}"
    return False, f"失效日 {_d(lapse)} 不晚于 {_d(d)}，年末已失效", f"lapsed on {_d(lapse)}, not in force on {_d(d)}"


def hv_blockers(r: dict) -> tuple[list[str], list[str]]:
    """Why the engine did not count the patent as high-value: the same words as ``ipzone explain``."""
    zh, en = [], []
    if not r["invention"]:
        zh.append(f"不是发明专利（{r['kind']}）")
        en.append(f"not an invention ({r['kind']})")
    if not r["in_force"]:
        zh.append("年末不在有效期内")
        en.append("not in force at year end")
    if r["share"] <= 0:
        zh.append("不属于园区（按所选计数规则）")
        en.append("not the zone's (first patentee out of the zone)")
    met = [c for c in rules.HV_CRITERIA if r.get(f"c_{c}")]
    # The engine screens the SEI join to inventions in force, so the criteria only speak for those
    # (explain --patent judges them unscreened): say "none met" only where they were judged.
    if not met and r["invention"] and r["in_force"]:
        if r.get("c_sei") is None:
            zh.append("战略性新兴产业参照表不可用，其他四项条件均不满足")
            en.append("the SEI table is unavailable and no other criterion is met")
        else:
            zh.append("五项条件均不满足")
            en.append("none of the five criteria is met")
    return zh, en


def _high_value(r, year):
    hv = r["hv"]
    if hv:
        met = [c for c in rules.HV_CRITERIA if r.get(f"c_{c}")]
        return (
            True,
            f"{year} 年末计入高价值发明专利：满足 " + "、".join(rules.HV_CRITERIA_ZH[c] for c in met),
            f"high-value at the end of {year}: meets " + ", ".join(met),
        )
    zh, en = hv_blockers(r)
    return (None if hv is None else False), f"{year} 年末不计入高价值发明专利：" + "；".join(zh), f"not high-value at the end of {year}: " + "; ".join(en)


def _owner_in_zone(r, year):
    name = r["owner_name"] or "（无第一权利人记录）"
    if r["owner_name"] is None:
        return False, "没有第一权利人（顺序 1）记录", "no first patentee (position 1) on record"
    if r["owner_in_zone"]:
        return True, f"第一权利人 {name} 在区内", f"first patentee {name} is in the zone"
    how = "按创新主体表" if r["owner_uscc"] else "自然人，按专利权人表"
    return False, f"第一权利人 {name} 不在区内（{how}的「区内」）", f"first patentee {name} is not in the zone"


def _owner_enterprise(r, year):
    name = r["owner_name"]
    if name is None:
        return False, "没有第一权利人（顺序 1）记录", "no first patentee (position 1) on record"
    if r["owner_uscc"] is None:
        return False, f"第一权利人 {name} 是自然人，不是企业", f"first patentee {name} is a natural person, not an enterprise"
    kind = r["owner_kind"]
    if kind == ENTERPRISE:
        return True, f"第一权利人 {name} 的主体类型为企业", f"first patentee {name} is an enterprise"
    return False, f"第一权利人 {name} 的主体类型为{kind or '（不在创新主体表中）'}，不是企业", f"first patentee {name} is of kind {kind}, not an enterprise"


# --- pledges ----------------------------------------------------------------------------------


def _registered(r, year):
    return _in_year(r["registered_on"], year, "登记日期", "registration date")


def _pledgor_in_zone(r, year):
    name = r["pledgor_name"] or r["pledgor_uscc"]
    if r["pledgor_in_zone"]:
        return True, f"出质人 {name} 在区内", f"pledgor {name} is in the zone"
    return False, f"出质人 {name} 不在区内", f"pledgor {name} is not in the zone"


def _pledgor_enterprise(r, year):
    name = r["pledgor_name"] or r["pledgor_uscc"]
    if r["pledgor_kind"] == ENTERPRISE:
        return True, f"出质人 {name} 的主体类型为企业", f"pledgor {name} is an enterprise"
    return False, f"出质人 {name} 的主体类型为{r['pledgor_kind']}，不是企业", f"pledgor {name} is of kind {r['pledgor_kind']}, not an enterprise"


def _has(role_zh: str, role_en: str, column: str):
    def test(r, year):
        if r[column]:
            return True, f"{role_zh}：{r[column]}", f"{role_en}: {r[column]}"
        return False, f"质押登记未载明{role_zh}", f"the registration names no {role_en}"

    return test


def _names_patent(r, year):
    nos = r["application_nos"] or []
    if nos:
        return True, f"涉及专利 {'、'.join(nos)}", f"pledges patents {', '.join(nos)}"
    return False, "未涉及专利（仅商标等）", "pledges no patent (trademarks only)"


def _beneficiary_in_zone(r, year):
    b = r["_beneficiary"]
    if b["in_zone"]:
        return True, f"享受对象 {b['name']} 在区内", f"beneficiary {b['name']} is in the zone"
    if b["uscc"] is None:
        return False, f"享受对象 {b['name']} 不在创新主体表中，无法确认在区内", f"beneficiary {b['name']} is not in the entities table"
    return False, f"享受对象 {b['name']} 不在区内", f"beneficiary {b['name']} is not in the zone"


def _beneficiary_enterprise(r, year):
    b = r["_beneficiary"]
    if b["kind"] == ENTERPRISE:
        return True, f"享受对象 {b['name']} 的主体类型为企业", f"beneficiary {b['name']} is an enterprise"
    return False, f"享受对象 {b['name']} 的主体类型为{b['kind'] or '（不在创新主体表中）'}，不是企业", f"beneficiary {b['name']} is not an enterprise"


CONDITIONS: tuple[Condition, ...] = (
    Condition("invention", "patent", "发明专利", "an invention patent", _invention),
    Condition("granted_in_year", "patent", "当年授权", "granted in the year", _granted, event_date="grant_date"),
    Condition("filed_in_year", "patent", "当年申请", "filed in the year", _filed, event_date="filing_date"),
    Condition("in_force", "patent", "年末有效", "in force at year end", _in_force),
    Condition("high_value", "patent", "年末为高价值发明专利（指标引擎）", "high-value at year end (the indicator engine)", _high_value),
    Condition("first_patentee_in_zone", "patent", "第一权利人在区内", "first patentee in the zone", _owner_in_zone),
    Condition("first_patentee_enterprise", "patent", "第一权利人为企业", "first patentee an enterprise", _owner_enterprise),
    Condition("registered_in_year", "pledge", "当年登记", "registered in the year", _registered, event_date="registered_on"),
    Condition("pledgor_in_zone", "pledge", "出质人在区内", "pledgor in the zone", _pledgor_in_zone),
    Condition("pledgor_enterprise", "pledge", "出质人为企业", "pledgor an enterprise", _pledgor_enterprise),
    Condition("has_guarantor", "pledge", "有担保机构", "names a guarantor", _has("担保机构", "guarantor", "guarantor")),
    Condition("has_insurer", "pledge", "有保险机构", "names an insurer", _has("保险机构", "insurer", "insurer")),
    Condition("names_patent", "pledge", "涉及专利", "pledges a patent", _names_patent),
    Condition("beneficiary_in_zone", "patent", "享受对象在区内", "beneficiary in the zone", _beneficiary_in_zone),
    Condition("beneficiary_in_zone", "pledge", "享受对象在区内", "beneficiary in the zone", _beneficiary_in_zone),
    Condition("beneficiary_enterprise", "patent", "享受对象为企业", "beneficiary an enterprise", _beneficiary_enterprise),
    Condition("beneficiary_enterprise", "pledge", "享受对象为企业", "beneficiary an enterprise", _beneficiary_enterprise),
)
_BY_KEY = {(c.item, c.name): c for c in CONDITIONS}


def names(item: str) -> list[str]:
    return [c.name for c in CONDITIONS if c.item == item]


def get(item: str, name: str) -> Condition:
    return _BY_KEY[(item, name)]
