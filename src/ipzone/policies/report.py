"""The annual report's section on policy spending: per policy, budget, entitled, committed, paid,
beneficiaries and the top beneficiaries.

``spending_section`` is a plain function over plain data, so the report (``ipzone.reports``)
can call it with what the command line computes (:func:`from_outcomes`) or with what the
platform stores (``ipzone.web.policies.spending``). Amounts are 万元.

Shape::

    {"year", "unit": "万元",
     "policies": [{"policy", "title", "version", "sample", "basis", "serves", "budget",
                   "entitled", "committed", "paid", "beneficiaries", "items",
                   "top": [{"uscc", "name", "amount"}]}],
     "totals": {"budget", "entitled", "committed", "paid", "beneficiaries"}}

"entitled" is everything the year's computation gives, what has been paid since included;
"committed" what was approved and not yet paid; "paid" what was paid for the year. The top
beneficiaries are ranked by what they are entitled to. Beneficiaries are counted once across policies in
the totals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ipzone.policies.entitlements import Outcome
from ipzone.policies.payments import PaidItem

TOP = 10


@dataclass
class PolicySpending:
    policy: str
    title: str
    version: int
    sample: bool = False
    basis: str = ""
    serves: list[str] = field(default_factory=list)
    budget: Decimal | None = None
    entitled: dict[tuple[str | None, str], Decimal] = field(default_factory=dict)  # (uscc, name) → 万元
    items: int = 0
    committed: Decimal = Decimal(0)
    paid: dict[tuple[str | None, str], Decimal] = field(default_factory=dict)


def _f(x: Decimal | None) -> float | None:
    return None if x is None else float(x)


def spending_section(year: int, rows: Iterable[PolicySpending], top: int = TOP) -> dict:
    policies, everyone = [], set()
    totals = {"budget": Decimal(0), "entitled": Decimal(0), "committed": Decimal(0), "paid": Decimal(0)}
    for r in rows:
        entitled = sum(r.entitled.values(), Decimal(0))
        paid = sum(r.paid.values(), Decimal(0))
        who = set(r.entitled) | set(r.paid)
        everyone |= {(u or n) for u, n in who}
        ranked = sorted(r.entitled.items(), key=lambda kv: (-kv[1], kv[0][0] or "", kv[0][1]))[:top]
        policies.append(
            {
                "policy": r.policy,
                "title": r.title,
                "version": r.version,
                "sample": r.sample,
                "basis": r.basis,
                "serves": r.serves,
                "budget": _f(r.budget),
                "entitled": float(entitled),
                "committed": float(r.committed),
                "paid": float(paid),
                "beneficiaries": len(who),
                "items": r.items,
                "top": [{"uscc": u, "name": n, "amount": float(a)} for (u, n), a in ranked],
            }
        )
        totals["budget"] += r.budget or 0
        totals["entitled"] += entitled
        totals["committed"] += r.committed
        totals["paid"] += paid
    return {
        "year": year,
        "unit": "万元",
        "policies": policies,
        "totals": {**{k: float(v) for k, v in totals.items()}, "beneficiaries": len(everyone)},
    }


def from_outcomes(outcomes: list[Outcome], paid: list[PaidItem] | None = None, top: int = TOP) -> dict:
    """The section from command-line computations and a payments record (nothing is committed
    outside the platform, so ``committed`` is 0)."""
    rows = []
    year = outcomes[0].year if outcomes else None
    for out in outcomes:
        if not out.applies:
            continue
        p = out.policy
        r = PolicySpending(p.name, p.title, p.version, p.sample, p.basis, list(p.serves), out.budget, items=out.items)
        for e in out.entitlements:
            r.entitled[(e.uscc, e.name)] = e.amount
        for item in paid or []:
            if item.policy == p.name and item.year == out.year:
                # paid items are no longer in the computation (paid once): they add to entitled
                name = next((e.name for e in out.entitlements if e.uscc and e.uscc == item.uscc), item.uscc or "")
                key = (item.uscc, name)
                r.paid[key] = r.paid.get(key, Decimal(0)) + item.amount
                r.entitled[key] = r.entitled.get(key, Decimal(0)) + item.amount
        rows.append(r)
    return spending_section(year, rows, top)

