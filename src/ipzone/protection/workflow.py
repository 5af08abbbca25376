"""The case workflow: stages, the moves between them, and deadlines.

::

    待受理 ─┬─> 受理 ─> 调查 ─> 调解 / 裁决 / 移送 ─> 结案
            ├─> 不予受理                (每一步都可直接结案；调解不成可转裁决；移送后可由法院委托回调解)
            └─> 已撤回（申请人撤回）

An online request starts at 待受理 (submitted); a case the office registers starts at 受理.
Deadlines are calendar days (自然日) the office configures per case kind and stage: a stage is
due ``days`` after the day it began; the whole case is due ``days`` after acceptance, and the
case clock stops while the case is with a court or another authority (移送) — those days are
added to the whole-case deadline. A deadline is overdue from the day after it is due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ipzone import contract

SUBMITTED = "submitted"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
ACCEPTED = "accepted"
INVESTIGATION = "investigation"
MEDIATION = "mediation"
ADJUDICATION = "adjudication"
TRANSFERRED = "transferred"
CLOSED = "closed"

STAGES: dict[str, str] = {
    SUBMITTED: "待受理",
    ACCEPTED: "受理",
    INVESTIGATION: "调查",
    MEDIATION: "调解",
    ADJUDICATION: "裁决",
    TRANSFERRED: "移送",
    CLOSED: "结案",
    REJECTED: "不予受理",
    WITHDRAWN: "已撤回",
}
FINAL = frozenset({CLOSED, REJECTED, WITHDRAWN})
OPEN = frozenset(STAGES) - FINAL
WHOLE_CASE = ""  # the deadline key of the whole case (from acceptance to closure)

TRANSITIONS: dict[str, tuple[str, ...]] = {
    SUBMITTED: (ACCEPTED, REJECTED, WITHDRAWN),
    ACCEPTED: (INVESTIGATION, MEDIATION, ADJUDICATION, TRANSFERRED, CLOSED),
    INVESTIGATION: (MEDIATION, ADJUDICATION, TRANSFERRED, CLOSED),
    MEDIATION: (ADJUDICATION, TRANSFERRED, CLOSED),
    ADJUDICATION: (TRANSFERRED, CLOSED),
    TRANSFERRED: (MEDIATION, CLOSED),
    CLOSED: (),
    REJECTED: (),
    WITHDRAWN: (),
}

# The kinds a rights holder may ask for online; the office registers every kind.
ONLINE_KINDS = ("维权援助", "纠纷调解")
KINDS = contract.CASE_KINDS

# Default limits in calendar days, per (kind, stage); WHOLE_CASE for the whole case. None: no limit.
# Sources for the defaults (the office changes them on the 办理期限 page):
#   受理审查 7 日; 行政裁决（专利侵权纠纷）自立案之日起 3 个月内结案 → 90 日;
#   行政处罚自立案之日起 90 日内作出决定（市场监管总局《市场监督管理行政处罚程序规定》第六十四条）;
#   调解、维权援助以 60 日为限; 司法案件由法院审理，平台不设期限.
DEFAULT_STAGE_DAYS: dict[str, int | None] = {
    SUBMITTED: 7,
    ACCEPTED: 10,
    INVESTIGATION: 30,
    MEDIATION: 30,
    ADJUDICATION: 45,
    TRANSFERRED: None,
}
DEFAULT_CASE_DAYS: dict[str, int | None] = {
    "行政裁决": 90,
    "行政执法": 90,
    "纠纷调解": 60,
    "维权援助": 60,
    "司法": None,
}


def default_deadlines() -> dict[tuple[str, str], int | None]:
    """Every (kind, stage) the office can configure, with its default days."""
    out: dict[tuple[str, str], int | None] = {}
    for kind in KINDS:
        out[(kind, WHOLE_CASE)] = DEFAULT_CASE_DAYS[kind]
        for stage, days in DEFAULT_STAGE_DAYS.items():
            out[(kind, stage)] = None if kind == "司法" else days
    return out


def can_move(stage: str, to: str) -> bool:
    return to in TRANSITIONS.get(stage, ())


class WorkflowError(ValueError):
    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def check_move(stage: str, to: str) -> None:
    if not can_move(stage, to):
        raise WorkflowError(
            f"不能从「{STAGES.get(stage, stage)}」转到「{STAGES.get(to, to)}」",
            f"a case cannot move from {stage} to {to}",
        )


def due(start: dt.date, days: int | None, paused: int = 0) -> dt.date | None:
    """The day a limit of ``days`` calendar days started on ``start`` falls due (+ paused days)."""
    if days is None:
        return None
    return start + dt.timedelta(days=days + paused)


def paused_days(intervals: Iterable[tuple[dt.date, dt.date | None]], today: dt.date) -> int:
    """Days spent in 移送: each (start, end) counts end − start days; an open one counts to today."""
    return sum(((end or today) - start).days for start, end in intervals)


@dataclass(frozen=True)
class Deadline:
    label: str
    due_on: dt.date | None

    def days_left(self, today: dt.date) -> int | None:
        return None if self.due_on is None else (self.due_on - today).days

    def overdue(self, today: dt.date) -> bool:
        return self.due_on is not None and today > self.due_on

    def days_over(self, today: dt.date) -> int:
        return max(0, -(self.days_left(today) or 0)) if self.due_on is not None else 0


def deadlines(
    *,
    kind: str,
    stage: str,
    stage_since: dt.date,
    accepted_on: dt.date | None,
    transfers: Iterable[tuple[dt.date, dt.date | None]],
    limits: Mapping[tuple[str, str], int | None],
    today: dt.date,
) -> list[Deadline]:
    """The deadlines running for a case now: its stage's and the whole case's (none once final)."""
    if stage in FINAL:
        return []
    out = [Deadline(f"{STAGES[stage]}期限", due(stage_since, limits.get((kind, stage))))]
    if accepted_on is not None:
        pause = paused_days(transfers, today)
        out.append(Deadline("办结期限", due(accepted_on, limits.get((kind, WHOLE_CASE)), pause)))
    return [d for d in out if d.due_on is not None]
