"""Repeat, malicious and group infringers (任务11：杜绝群体性、反复性以及恶意侵犯知识产权的事件).

A respondent is identified by its 统一社会信用代码 when the case gives one, else by its name as
written (as the engine's ``repeat_infringers`` indicator does). Only cases whose infringement was
established (结果 = 侵权成立) and that closed inside the window count. The window of year Y with
``window_years`` = N runs from 1 January of Y−N+1 to 31 December of Y, both days included; with
the defaults (N = 3, two cases) the respondents flagged 重复侵权 are exactly those the indicator
``repeat_infringers`` counts.

Flags, each with its evidence:

- ``repeat`` 重复侵权 — infringement established in at least ``min_cases`` cases;
- ``malicious`` 恶意侵权 — infringing again after being found infringing: a case opened on or after
  the day an earlier established case against the same respondent closed (both in the window);
- ``group`` 群体侵权 — one respondent, infringement established against at least ``min_holders``
  different rights holders.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ipzone.protection.cases import CaseRow, case_rows
from ipzone.values import Problem

REPEAT, MALICIOUS, GROUP = "repeat", "malicious", "group"
FLAGS = {REPEAT: "重复侵权", MALICIOUS: "恶意侵权", GROUP: "群体侵权"}


@dataclass(frozen=True)
class InfringerRule:
    """The window and thresholds; the office may change them (the platform's 保护设置, or the CLI)."""

    window_years: int = 3
    min_cases: int = 2
    min_holders: int = 3

    def __post_init__(self):
        if not 1 <= self.window_years <= 20:
            raise Problem(f"统计窗口应为 1–20 年，不是 {self.window_years}", f"the window must be 1–20 years, not {self.window_years}")
        if not 2 <= self.min_cases <= 100:
            raise Problem(f"重复侵权的案件数门槛应为 2–100，不是 {self.min_cases}", f"the repeat threshold must be 2–100 cases, not {self.min_cases}")
        if not 2 <= self.min_holders <= 100:
            raise Problem(f"群体侵权的权利人数门槛应为 2–100，不是 {self.min_holders}", f"the group threshold must be 2–100 holders, not {self.min_holders}")

    def window(self, year: int) -> tuple[dt.date, dt.date]:
        return dt.date(year - self.window_years + 1, 1, 1), dt.date(year, 12, 31)

    def describe(self, year: int) -> str:
        start, end = self.window(year)
        return (
            f"{start.year}–{end.year} 年结案、侵权成立：{self.min_cases} 件以上为重复侵权，"
            f"结案后再次侵权为恶意侵权，涉及 {self.min_holders} 个以上权利人为群体侵权"
        )


@dataclass(frozen=True)
class Reoffence:
    """Evidence of 恶意侵权: ``later`` was opened on or after the day ``earlier`` closed."""

    earlier: CaseRow
    later: CaseRow


@dataclass(frozen=True)
class Infringer:
    key: str  # the uscc, or the name where there is none
    uscc: str | None
    name: str  # as written in the latest of its cases
    flags: tuple[str, ...]
    cases: tuple[CaseRow, ...]  # its established cases closed in the window, by closing date
    holders: tuple[str, ...]  # the distinct holders of those cases, in order of first appearance
    reoffences: tuple[Reoffence, ...] = ()

    @property
    def flags_zh(self) -> tuple[str, ...]:
        return tuple(FLAGS[f] for f in self.flags)

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "uscc": self.uscc,
            "name": self.name,
            "flags": list(self.flags),
            "flags_zh": list(self.flags_zh),
            "cases": [c.case_no for c in self.cases],
            "holders": list(self.holders),
            "reoffences": [{"earlier": r.earlier.case_no, "later": r.later.case_no} for r in self.reoffences],
        }


def _reoffences(cases: list[CaseRow]) -> list[Reoffence]:
    out = []
    for later in cases:
        earlier = [c for c in cases if c is not later and c.closed_on is not None and c.closed_on <= later.opened_on]
        if earlier:
            out.append(Reoffence(max(earlier, key=lambda c: (c.closed_on, c.case_no)), later))
    return out


def infringers(source, year: int, rule: InfringerRule | None = None) -> list[Infringer]:
    """The flagged respondents of ``year`` (a Dataset, an Arrow ``cases`` table or CaseRows),
    most cases first. A respondent with no flag is not listed."""
    rule = rule or InfringerRule()
    start, end = rule.window(year)
    rows = source if isinstance(source, list) and all(isinstance(r, CaseRow) for r in source) else case_rows(source)
    groups: dict[str, list[CaseRow]] = defaultdict(list)
    for c in rows:
        if c.established and c.closed_within(start, end):
            groups[c.respondent_key].append(c)
    out = []
    for key, cases in groups.items():
        cases.sort(key=lambda c: (c.closed_on, c.opened_on, c.case_no))
        holders = tuple(dict.fromkeys(c.holder.strip() for c in cases))
        reoffences = _reoffences(cases)
        flags = []
        if len(cases) >= rule.min_cases:
            flags.append(REPEAT)
        if reoffences:
            flags.append(MALICIOUS)
        if len(holders) >= rule.min_holders:
            flags.append(GROUP)
        if not flags:
            continue
        latest = max(cases, key=lambda c: (c.opened_on, c.case_no))
        out.append(
            Infringer(
                key=key,
                uscc=cases[0].respondent_uscc,
                name=latest.respondent.strip(),
                flags=tuple(flags),
                cases=tuple(cases),
                holders=holders,
                reoffences=tuple(reoffences),
            )
        )
    out.sort(key=lambda i: (-len(i.cases), i.key))
    return out
