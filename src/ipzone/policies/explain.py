"""Why one item is, or is not, entitled under a policy in a year.

The answer comes from the same computation as ``entitlements`` (so caps and the budget are the
ones the list applied), and, for a patent, from the indicator engine's own explanation
(``ipzone.indicators.explain.explain_patent``): the policy's "high-value" is the engine's, word
for word.
"""

from __future__ import annotations

import datetime as dt

from ipzone.codes import parse_appno
import ipzone.policies.entitlements as computing
from ipzone.policies import facts
from ipzone.policies.files import PolicyError
from ipzone.policies.payments import PaidItem
from ipzone.policies.schema import Policy
from ipzone.values import Problem

ITEM_ZH = {"patent": "专利", "pledge": "质押登记"}


def normalise_id(item: str, item_id: str) -> str:
    if item == "patent":
        try:
            return parse_appno(item_id)
        except Problem as e:
            raise PolicyError(e.zh, e.en) from None
    return item_id.strip()


def explain_item(eng, policy: Policy, year: int, item_id: str, *, paid: list[PaidItem] | None = None, as_of: dt.date | None = None) -> dict:
    item = policy.eligibility.item
    item_id = normalise_id(item, item_id)
    out = computing.compute(eng, policy, year, paid=paid, as_of=as_of)
    base = {
        "policy": policy.name,
        "version": policy.version,
        "title": policy.title,
        "year": year,
        "kind": item,
        "id": item_id,
        "sample": policy.sample,
        "notes": out.notes,
        "assumptions": out.assumptions,
    }
    if not out.applies:
        return {**base, "status": "not_applying", "conclusion": (f"不享受：{out.reason[0]}", f"not entitled: {out.reason[1]}")}
    trace = out.trace.get(item_id)
    if trace is None:
        ctx = facts.context(eng, year)
        rows = facts.fetch(eng, ctx, item, [], ids=[item_id])
        if not rows:
            raise PolicyError(f"数据集中没有编号为 {item_id} 的{ITEM_ZH[item]}", f"no {item} {item_id} in the dataset")
        r = rows[0]
        b = facts.beneficiary(item, policy.eligibility.beneficiary, r)
        r["_beneficiary"] = b
        trace = computing.judge(policy, r, year)
        trace["beneficiary"] = b
        trace["status"] = computing.OUT_OF_SCOPE
    data = {**base, **{k: v for k, v in trace.items() if k != "facts"}}
    if item == "patent":
        from ipzone.indicators.explain import explain_patent

        data["patent"] = explain_patent(eng, year, item_id, facts.COUNTING)
    status = trace["status"]
    if status == computing.ENTITLED:
        data["conclusion"] = (f"享受 {computing.fmt(trace['amount'])} 万元", f"entitled to {computing.fmt(trace['amount'])} 万元")
    elif status == computing.EXCLUDED:
        data["conclusion"] = (f"不享受：{trace['reason'][0]}", f"not entitled: {trace['reason'][1]}")
    else:
        failing = [c for c in trace["scope"] if c["met"] is not True]
        data["conclusion"] = (
            "不在本政策本年度的范围内：" + "；".join(c["why"] for c in failing),
            f"outside the policy's scope for {year}: " + "; ".join(c["why_en"] for c in failing),
        )
    return data
