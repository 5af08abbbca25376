"""Held entities: beneficiaries whose entitlements wait (暂缓) whatever the policy would pay.

A hold rule takes the engine's facts and a date and returns ``{uscc: Hold}``. Rules are
pluggable: a policy names the ones it applies (``[exclusions] hold = [...]``) and other parts
of ipzone add theirs with :func:`register` or supply data to one with :func:`set_provider`.

- ``infringement`` (built in, from the contract's ``cases`` table): the entity is the respondent
  (``被诉方统一社会信用代码``) of a case whose outcome is 侵权成立 and which is still open on the date
  (no closing date, or closed after it). The hold ends when the case closes.
- ``credit``: an entity with a bad credit grade. The data contract has no credit grades, so this
  rule asks a provider (``set_provider("credit", fn)``, ``fn(year, as_of) -> {uscc: reason}``);
  without one it holds nobody and says so in the output's notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ipzone.indicators import rules

INFRINGEMENT = "侵权成立"


@dataclass(frozen=True)
class Hold:
    uscc: str
    rule: str
    zh: str
    en: str
    evidence: tuple[str, ...] = ()


@dataclass
class HoldCheck:
    """What one rule found: the held entities, and a note when it could not check."""

    holds: dict[str, Hold] = field(default_factory=dict)
    note: tuple[str, str] | None = None


Rule = Callable[[object, object, int, dt.date], HoldCheck]  # (engine, ctx, year, as_of)
Provider = Callable[[int, dt.date], Mapping[str, str]]
RULES: dict[str, Rule] = {}
PROVIDERS: dict[str, Provider] = {}


def register(name: str, rule: Rule) -> None:
    RULES[name] = rule


def set_provider(name: str, provider: Provider | None) -> None:
    """Supply (or, with None, withdraw) the data a provider-backed rule such as ``credit`` reads."""
    if provider is None:
        PROVIDERS.pop(name, None)
    else:
        PROVIDERS[name] = provider


def infringement(eng, ctx, year: int, as_of: dt.date) -> HoldCheck:
    if "cases" not in eng.facts.present:
        return HoldCheck(note=("数据集中没有 cases（保护案件）表：未检查侵权案件暂缓", "no cases table: the infringement hold was not checked"))
    c = ctx["cases"]
    at = rules.date_lit(as_of)
    open_ = c.filter(
        (c.outcome == INFRINGEMENT) & c.respondent_uscc.notnull() & (c.opened_on <= at) & (c.closed_on.isnull() | (c.closed_on > at))
    )
    rows = eng.fetch(open_.select("case_no", "respondent_uscc", "respondent", "opened_on", "kind").order_by("respondent_uscc", "case_no"))
    out: dict[str, Hold] = {}
    by: dict[str, list[dict]] = {}
    for r in rows:
        by.setdefault(r["respondent_uscc"], []).append(r)
    for uscc, cases in by.items():
        nos = tuple(r["case_no"] for r in cases)
        listed = "、".join(f"{r['case_no']}（{r['kind']}，受理于 {r['opened_on'].isoformat()}）" for r in cases)
        out[uscc] = Hold(
            uscc,
            "infringement",
            f"暂缓：截至 {as_of.isoformat()} 为侵权成立且未结案的保护案件被诉方：{listed}",
            f"held: respondent of an open case found infringing on {as_of.isoformat()}: {', '.join(nos)}",
            nos,
        )
    return HoldCheck(out)


def credit(eng, ctx, year: int, as_of: dt.date) -> HoldCheck:
    provider = PROVIDERS.get("credit")
    if provider is None:
        return HoldCheck(note=("没有信用等级数据：未检查信用等级暂缓（credit）", "no credit grades available: the credit hold was not checked"))
    try:
        found = provider(year, as_of)
    except ValueError as e:  # e.g. a credit rules file that cannot be used
        from ipzone.policies.files import PolicyError

        zh, en = getattr(e, "zh", str(e)), getattr(e, "en", str(e))
        raise PolicyError(f"不能检查信用等级暂缓：{zh}", f"cannot check the credit hold: {en}") from e
    out = {}
    for uscc, reason in found.items():
        out[uscc] = Hold(uscc, "credit", f"暂缓：信用等级不良（{reason}）", f"held: bad credit grade ({reason})", (reason,))
    return HoldCheck(out)


register("infringement", infringement)
register("credit", credit)


def check(names: list[str], eng, ctx, year: int, as_of: dt.date) -> tuple[dict[str, Hold], list[tuple[str, str]]]:
    """Every entity held by any of ``names`` (the first rule's hold wins), and the rules' notes."""
    held: dict[str, Hold] = {}
    notes = []
    for name in names:
        result = RULES[name](eng, ctx, year, as_of)
        for uscc, h in result.holds.items():
            held.setdefault(uscc, h)
        if result.note:
            notes.append(result.note)
    return held, notes
