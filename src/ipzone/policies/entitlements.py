"""Entitlements of one policy for one year, computed from the data (免申即享).

For every item in the policy's scope (facts from the indicator engine), in this order:

1. each ``require`` condition, and the item's date within the policy's valid period — every
   failing one is a reason the item is excluded;
2. already rewarded: an earlier payment under the policy's ``once`` rule (``payments.py``);
3. held: the beneficiary is held by one of the policy's hold rules (``holds.py``);
4. the amount: fixed, rate × the basis, or share × fee (fee = basis × fee rate), rounded half-up
   to 0.0001 万元 (one yuan); then the caps, in this order —
   a. ``per_item``: each item at most this;
   b. ``per_entity_year``: a beneficiary's items in date order, then id, until the cap less what
      this policy already paid it for the year; the item that crosses the cap is cut to what is
      left, later items are excluded ("cap reached");
   c. ``budget``: when the year's total exceeds the budget less what this policy already paid
      for the year, every item is cut in the same proportion (rounded down to one yuan, so the
      total never exceeds the budget).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ipzone.indicators import rules
from ipzone.policies import conditions, facts, holds
from ipzone.policies.files import PolicyError
from ipzone.policies.payments import KIND_ZH, PaidItem, earlier
from ipzone.policies.schema import Policy

STEP = Decimal("0.0001")  # 万元: one yuan
ENTITLED, EXCLUDED, OUT_OF_SCOPE = "entitled", "excluded", "out_of_scope"
RULE_ZH = {
    "validity": "不在政策有效期内",
    "paid_before": "已奖补过",
    "cap_entity_year": "已达每户每年上限",
    "budget": "预算已用完",
    "no_beneficiary": "无享受对象",
}


def money(x: Decimal | float | int) -> Decimal:
    if isinstance(x, float):
        x = Decimal(repr(x))
    return Decimal(x).quantize(STEP, ROUND_HALF_UP)


def fmt(x: Decimal | float | int | None) -> str:
    """万元 with up to four decimals, no trailing zeros: 1, 0.12, 20.5."""
    if x is None:
        return "—"
    text = f"{money(x):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass
class Item:
    kind: str
    id: str
    date: dt.date | None
    base: Decimal | None  # the basis (pledge amount, 万元) of rate and fee-share payments
    computed: Decimal  # by the payment rule, before caps
    amount: Decimal  # after caps
    steps: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Entitlement:
    uscc: str | None
    name: str
    items: list[Item]

    @property
    def amount(self) -> Decimal:
        return sum((i.amount for i in self.items), Decimal(0))


@dataclass
class Excluded:
    kind: str
    id: str
    rule: str  # the first reason: a condition name, validity, paid_before, hold:<rule>, cap_entity_year, budget
    zh: str
    en: str
    uscc: str | None = None
    name: str | None = None


@dataclass
class Outcome:
    policy: Policy
    year: int
    applies: bool
    reason: tuple[str, str] | None = None  # why it does not apply in the year
    entitlements: list[Entitlement] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)
    budget: Decimal | None = None
    budget_available: Decimal | None = None  # the budget less this policy's payments for the year
    before_budget: Decimal | None = None  # the total the budget was compared with
    factor: Decimal | None = None  # the budget's proportion, when it cut
    as_of: dt.date | None = None
    payments_checked: bool = False
    notes: list[tuple[str, str]] = field(default_factory=list)
    assumptions: list[tuple[str, str]] = field(default_factory=list)
    trace: dict[str, dict] = field(default_factory=dict)  # id → how the item was judged (explain)

    @property
    def total(self) -> Decimal:
        return sum((e.amount for e in self.entitlements), Decimal(0))

    @property
    def items(self) -> int:
        return sum(len(e.items) for e in self.entitlements)


# --- amounts --------------------------------------------------------------------------------


def payment_for(policy: Policy, row: dict) -> tuple[Decimal | None, Decimal, tuple[str, str]]:
    """(basis, amount, how) for one item by the policy's payment rule, before caps."""
    p = policy.payment
    if p.kind == "fixed":
        return None, money(p.amount), (f"固定金额 {fmt(p.amount)} 万元/项", f"fixed {fmt(p.amount)} 万元 per item")
    base = money(row["amount"])
    if p.kind == "rate":
        amount = money(base * p.rate)
        return base, amount, (f"质押金额 {fmt(base)} 万元 × {p.rate} = {fmt(amount)} 万元", f"pledge amount {fmt(base)} × {p.rate} = {fmt(amount)} 万元")
    fee = base * p.fee_rate
    amount = money(fee * p.share)
    return base, amount, (
        f"费用 = 质押金额 {fmt(base)} 万元 × 费率 {p.fee_rate} = {fmt(money(fee))} 万元；补助 {p.share} × 费用 = {fmt(amount)} 万元",
        f"fee = pledge amount {fmt(base)} × fee rate {p.fee_rate} = {fmt(money(fee))} 万元; subsidy {p.share} × fee = {fmt(amount)} 万元",
    )


def _event_date(policy: Policy, row: dict) -> dt.date | None:
    item = policy.eligibility.item
    for name in policy.eligibility.scope:
        col = conditions.get(item, name).event_date
        if col:
            return row[col]
    return row["grant_date"] if item == "patent" else row["registered_on"]


def _validity(policy: Policy, d: dt.date | None) -> tuple[bool, str, str]:
    if d is None:
        return True, "", ""
    if d < policy.valid_from or (policy.valid_to is not None and d > policy.valid_to):
        return False, f"日期 {d.isoformat()} 不在政策有效期（{policy.period_text()}）内", f"date {d.isoformat()} is outside the policy's valid period"
    return True, f"日期 {d.isoformat()} 在政策有效期内", f"date {d.isoformat()} is within the valid period"


# --- the computation ------------------------------------------------------------------------------


def not_applying(policy: Policy, year: int) -> tuple[str, str] | None:
    if not policy.enabled:
        why = f"：{policy.stopped}" if policy.stopped else ""
        return f"政策已停用（enabled = false）{why}", f"the policy is disabled (enabled = false){': ' + policy.stopped if policy.stopped else ''}"
    if not policy.applies_in(year):
        return f"政策有效期（{policy.period_text()}）不含 {year} 年", f"the policy's valid period does not cover {year}"
    return None


def beyond_the_data(eng, policy: Policy, year: int) -> tuple[str, str] | None:
    """Why the year's items cannot be known: the policy pays for the year's events (grants,
    registrations …) and the data's latest such event is in an earlier year — the engine's data
    horizon (``Engine.last_record``), so that no data is never read as nobody entitled."""
    from ipzone.indicators.engine import reason_beyond_horizon

    item = policy.eligibility.item
    stem = facts.NEEDS[item][0]
    for name in policy.eligibility.scope:
        column = conditions.get(item, name).event_date
        if column:
            last = eng.last_record(stem, (column,))
            if last is not None and last.year < year:
                return reason_beyond_horizon(stem, year, last, (column,))
    return None


def compute(eng, policy: Policy, year: int, *, paid: list[PaidItem] | None = None, as_of: dt.date | None = None) -> Outcome:
    """The policy's entitlements for ``year``. ``paid`` None means no payment record was given
    (said in the notes). ``as_of`` is the day holds are judged on (default: 31 December of Y)."""
    out = Outcome(policy, year, applies=True, payments_checked=paid is not None)
    out.assumptions = assumptions(eng, policy)
    out.reason = not_applying(policy, year)
    if out.reason is not None:
        out.applies = False
        return out
    if policy.sample:
        out.notes.append(("示例政策：金额、上限和预算为示例，由办公室确定", "a sample policy: the office sets its amounts, caps and budget"))
    item_kind = policy.eligibility.item
    facts.require_tables(eng, item_kind)
    out.reason = beyond_the_data(eng, policy, year)
    if out.reason is not None:
        out.applies = False
        return out
    ctx = facts.context(eng, year)
    out.as_of = as_of or rules.year_end(year)
    rows = facts.fetch(eng, ctx, item_kind, policy.eligibility.scope)
    held, hold_notes = holds.check(policy.exclusions.hold, eng, ctx, year, out.as_of)
    out.notes.extend(hold_notes)
    paid_list = paid or []
    if paid is None:
        out.notes.append(
            (
                "未提供已支付记录（--payments）：未按以往支付排除，上限和预算未扣除已支付金额",
                "no payment record given (--payments): earlier payments were not checked, caps and budget not reduced by them",
            )
        )

    candidates: list[tuple[dict, Item, dict]] = []
    for r in rows:
        b = facts.beneficiary(item_kind, policy.eligibility.beneficiary, r)
        r["_beneficiary"] = b
        item_id = r[facts.ID_COLUMN[item_kind]]
        trace = judge(policy, r, year)
        trace["beneficiary"] = b
        out.trace[item_id] = trace
        if not trace["in_scope"]:
            trace["status"] = OUT_OF_SCOPE
            continue
        reasons = [c for c in trace["require"] if c["met"] is not True]
        if not trace["validity"]["met"]:
            reasons.append({"condition": "validity", "why": trace["validity"]["why"], "why_en": trace["validity"]["why_en"]})
        if reasons:
            _exclude(out, trace, item_kind, item_id, b, reasons[0]["condition"], "；".join(c["why"] for c in reasons), "; ".join(c["why_en"] for c in reasons))
            continue
        if b["name"] is None:
            _exclude(out, trace, item_kind, item_id, b, "no_beneficiary", "无法确定享受对象", "no beneficiary can be named")
            continue
        before = earlier(paid_list, policy.exclusions.once, policy.name, year, item_kind, item_id)
        trace["paid_before"] = [_paid_dict(p) for p in before]
        if before:
            p = before[0]
            _exclude(
                out, trace, item_kind, item_id, b, "paid_before",
                f"已于 {p.year} 年度按政策 {p.policy} 奖补 {fmt(p.amount)} 万元（同一{KIND_ZH[item_kind]}只奖补一次：{_ONCE_ZH[policy.exclusions.once]}）",
                f"already paid {fmt(p.amount)} 万元 under {p.policy} for {p.year} (paid once: {policy.exclusions.once})",
            )
            continue
        hold = held.get(b["uscc"]) if b["uscc"] else None
        trace["hold"] = hold
        if hold is not None:
            _exclude(out, trace, item_kind, item_id, b, f"hold:{hold.rule}", hold.zh, hold.en)
            continue
        base, amount, how = payment_for(policy, r)
        it = Item(item_kind, item_id, trace["date"], base, amount, amount, [how])
        cap = policy.caps.per_item
        if cap is not None and amount > cap:
            it.amount = money(cap)
            it.steps.append((f"每项上限 {fmt(cap)} 万元：核为 {fmt(it.amount)} 万元", f"per-item cap {fmt(cap)} 万元: cut to {fmt(it.amount)}"))
        if b["uscc"] is None:
            it.steps.append(
                (
                    f"享受对象「{b['name']}」不在创新主体表中，没有统一社会信用代码：未核对暂缓，须线下确认身份",
                    f"beneficiary {b['name']!r} is not in the entities table: holds not checked, identify it offline",
                )
            )
        trace["status"] = ENTITLED
        candidates.append((r, it, b))

    _entity_caps(out, policy, year, candidates, paid_list)
    _budget(out, policy, year, candidates, paid_list)
    by_key: dict[tuple, Entitlement] = {}
    for r, it, b in candidates:
        key = (b["uscc"] or "", b["name"])
        e = by_key.setdefault(key, Entitlement(b["uscc"], b["name"], []))
        e.items.append(it)
        out.trace[it.id]["amount"] = it.amount
        out.trace[it.id]["steps"] = it.steps
    out.entitlements = sorted(by_key.values(), key=lambda e: (e.uscc is None, e.uscc or "", e.name))
    for e in out.entitlements:
        e.items.sort(key=lambda i: i.id)
    out.excluded.sort(key=lambda x: x.id)
    return out


_ONCE_ZH = {"all_policies": "所有政策、所有年度", "this_policy": "本政策所有年度", "none": "本政策本年度"}


def _paid_dict(p: PaidItem) -> dict:
    return {"policy": p.policy, "year": p.year, "kind": p.kind, "id": p.id, "amount": p.amount, "uscc": p.uscc, "paid_on": p.paid_on}


def _exclude(out: Outcome, trace: dict, kind: str, item_id: str, b: dict, rule: str, zh: str, en: str) -> None:
    trace["status"] = EXCLUDED
    trace["reason"] = (zh, en)
    trace["rule"] = rule
    out.excluded.append(Excluded(kind, item_id, rule, zh, en, b.get("uscc"), b.get("name")))


def judge(policy: Policy, r: dict, year: int) -> dict:
    """Every scope and require condition of one item, its date and the validity check."""
    item = policy.eligibility.item

    def run(name):
        met, zh, en = conditions.get(item, name).test(r, year)
        c = conditions.get(item, name)
        return {"condition": name, "label": c.zh, "label_en": c.en, "met": met, "why": zh, "why_en": en}

    scope = [run(n) for n in policy.eligibility.scope]
    require = [run(n) for n in policy.eligibility.require]
    d = _event_date(policy, r)
    ok, zh, en = _validity(policy, d)
    return {
        "kind": item,
        "id": r[facts.ID_COLUMN[item]],
        "date": d,
        "in_scope": all(c["met"] is True for c in scope),
        "scope": scope,
        "require": require,
        "validity": {"met": ok, "why": zh, "why_en": en},
        "paid_before": [],
        "hold": None,
        "status": None,
        "reason": None,
        "rule": None,
        "amount": None,
        "steps": [],
        "facts": r,
    }


def _entity_caps(out: Outcome, policy: Policy, year: int, candidates: list, paid: list[PaidItem]) -> None:
    cap = policy.caps.per_entity_year
    if cap is None:
        return
    groups: dict[tuple, list] = {}
    for c in candidates:
        b = c[2]
        groups.setdefault((b["uscc"] or "", b["name"]), []).append(c)
    dropped = []
    for (uscc, name), group in groups.items():
        already = sum((p.amount for p in paid if p.policy == policy.name and p.year == year and uscc and p.uscc == uscc), Decimal(0))
        left = money(cap) - already
        group.sort(key=lambda c: (c[1].date or dt.date.min, c[1].id))
        for r, it, b in group:
            if left <= 0:
                zh = f"已达每户每年上限 {fmt(cap)} 万元" + (f"（本年度已支付 {fmt(already)} 万元）" if already else "")
                en = f"the per-entity yearly cap of {fmt(cap)} 万元 is reached"
                out.trace[it.id]["steps"] = it.steps
                _exclude(out, out.trace[it.id], it.kind, it.id, b, "cap_entity_year", zh, en)
                dropped.append(it.id)
                continue
            if it.amount > left:
                it.steps.append(
                    (
                        f"每户每年上限 {fmt(cap)} 万元" + (f"（本年度已支付 {fmt(already)} 万元）" if already else "") + f"：余额 {fmt(left)} 万元，核为 {fmt(left)} 万元",
                        f"per-entity yearly cap {fmt(cap)} 万元: {fmt(left)} left, cut to {fmt(left)}",
                    )
                )
                it.amount = left
            left -= it.amount
    candidates[:] = [c for c in candidates if c[1].id not in dropped]


def _budget(out: Outcome, policy: Policy, year: int, candidates: list, paid: list[PaidItem]) -> None:
    budget = policy.caps.budget_for(year)
    out.before_budget = sum((c[1].amount for c in candidates), Decimal(0))
    if budget is None:
        return
    out.budget = money(budget)
    already = sum((p.amount for p in paid if p.policy == policy.name and p.year == year), Decimal(0))
    out.budget_available = out.budget - already
    total = out.before_budget
    if total <= out.budget_available:
        return
    if out.budget_available <= 0:
        for r, it, b in candidates:
            zh = f"{year} 年度预算 {fmt(out.budget)} 万元已用完（已支付 {fmt(already)} 万元）"
            _exclude(out, out.trace[it.id], it.kind, it.id, b, "budget", zh, f"the {year} budget of {fmt(out.budget)} 万元 is used up")
        candidates.clear()
        out.factor = Decimal(0)
        return
    factor = out.budget_available / total
    out.factor = factor
    for r, it, b in candidates:
        before = it.amount
        it.amount = (before * factor).quantize(STEP, ROUND_DOWN)
        it.steps.append(
            (
                f"预算不足，按比例核减：{fmt(before)} × {_ratio(factor)} = {fmt(it.amount)} 万元",
                f"budget shortfall, cut pro rata: {fmt(before)} × {_ratio(factor)} = {fmt(it.amount)} 万元",
            )
        )
    out.notes.append(
        (
            f"预算不足：应享合计 {fmt(total)} 万元超过可用预算 {fmt(out.budget_available)} 万元（{year} 年度预算 {fmt(out.budget)} 万元"
            + (f"，已支付 {fmt(already)} 万元" if already else "")
            + f"），每项按 {_ratio(factor)} 的比例核减，向下取整到 1 元",
            f"budget shortfall: {fmt(total)} 万元 entitled against {fmt(out.budget_available)} 万元 available; every item cut by the same proportion {_ratio(factor)}, rounded down to one yuan",
        )
    )


def _ratio(f: Decimal) -> str:
    return f"{f:.6f}".rstrip("0").rstrip(".")


def assumptions(eng, policy: Policy) -> list[tuple[str, str]]:
    out = []
    if policy.eligibility.item == "patent":
        out.append(("计数规则：第一权利人计数（first），与 ipzone explain --patent 的默认口径相同", "counting rule: first patentee (first), as ipzone explain --patent by default"))
        if "high_value" in policy.eligibility.require + policy.eligibility.scope:
            t = eng.config.hv_pledge_threshold
            out.append(
                (
                    f"高价值发明专利按指标引擎判定（年末，条件4 质押门槛 {t:g} 万元，hv_pledge_threshold）",
                    f"high value as the indicator engine judges it at year end (criterion 4 threshold {t:g} 万元)",
                )
            )
    if policy.payment.kind == "fee_share":
        out.append(
            (
                f"数据规范中没有担保费或保险费：费用按质押金额 × 标准费率 {policy.payment.fee_rate} 计",
                f"the data contract has no fees: the fee is the pledge amount × the standard rate {policy.payment.fee_rate}",
            )
        )
    if policy.eligibility.beneficiary in ("guarantor", "insurer"):
        out.append(
            (
                "担保机构、保险机构按名称与创新主体表匹配（名称唯一时）以确定统一社会信用代码",
                "guarantors and insurers are matched to the entities table by name (when the name is unique)",
            )
        )
    return out


def compute_all(eng, policies: list[Policy], year: int, **kw) -> list[Outcome]:
    return [compute(eng, p, year, **kw) for p in policies]


__all__ = ["Entitlement", "Excluded", "Item", "Outcome", "PolicyError", "compute", "compute_all", "fmt", "judge", "money"]
