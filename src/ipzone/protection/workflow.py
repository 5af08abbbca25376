"""The case workflow: stages, the moves between them, and deadlines.

::

    待受理 ─┬─> 受理 ─> 调查 ─> 调解 / 裁决 / 移送 ─> 结案
            ├─> 不予受理                (每一步都可直接结案；调解不成可转裁决；移送后可由法院委托回调解)
            └─> 已撤回（申请人撤回）

An online request starts at 待受理 (submitted); a case the office registers starts at 受理.
Deadlines are limits the office configures per case kind and stage, in calendar days (自然日) or
working days (工作日; ``ipzone.workdays``): a stage is due that many days after the day it began;
the whole case is due that many days after acceptance, and the case clock stops while the case is
with a court or another authority (移送) — those days (counted in the limit's unit) are added to
the whole-case deadline. The day a limit starts is not counted, and a calendar-day limit that ends
on a rest day ends on the next working day (民法典第二百零一条、第二百零三条). A deadline is
overdue from the day after it is due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from ipzone import contract, workdays

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



class Limit(NamedTuple):
    """A limit of ``days`` calendar days, or working days when ``workdays``."""

    days: int
    workdays: bool = False

    @classmethod
    def of(cls, value: Limit | int | None) -> Limit | None:
        """A limit from what a caller holds: a ``Limit``, a number of calendar days, or None."""
        if value is None or isinstance(value, Limit):
            return value
        return cls(int(value))

    @property
    def unit(self) -> str:
        return "个工作日" if self.workdays else "日"

    def __str__(self) -> str:
        return f"{self.days} {self.unit}"


# Default limits per (kind, stage); WHOLE_CASE for the whole case. None: no limit.
# Sources for the defaults (the office changes them on the 办理期限 page):
#   受理审查 7 个工作日（《市场监督管理投诉举报处理暂行办法》第十五条：收到投诉之日起七个工作日内
#   作出受理或者不予受理的决定）; 行政裁决（专利侵权纠纷）自立案之日起 3 个月内结案 → 90 日;
#   行政处罚自立案之日起 90 日内作出决定（市场监管总局《市场监督管理行政处罚程序规定》第六十四条）;
#   调解、维权援助以 60 日为限; 司法案件由法院审理，平台不设期限.
DEFAULT_STAGE_DAYS: dict[str, Limit | int | None] = {
    SUBMITTED: Limit(7, workdays=True),
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


def default_deadlines() -> dict[tuple[str, str], Limit | None]:
    """Every (kind, stage) the office can configure, with its default limit."""
    out: dict[tuple[str, str], Limit | None] = {}
    for kind in KINDS:
        out[(kind, WHOLE_CASE)] = Limit.of(DEFAULT_CASE_DAYS[kind])
        for stage, days in DEFAULT_STAGE_DAYS.items():
            out[(kind, stage)] = None if kind == "司法" else Limit.of(days)
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


def due(start: dt.date, limit: Limit | int | None, paused: int = 0) -> dt.date | None:
    """The day a limit started on ``start`` falls due, ``paused`` more days (in its unit) later."""
    limit = Limit.of(limit)
    if limit is None:
        return None
    if limit.workdays:
        return workdays.add_workdays(start, limit.days + paused)
    return workdays.calendar_limit_end(start, limit.days + paused)


def paused_days(intervals: Iterable[tuple[dt.date, dt.date | None]], today: dt.date, in_workdays: bool = False) -> int:
    """Days spent in 移送: each (start, end) counts the days after start up to end (an open one, to
    today), calendar days or working days."""
    if in_workdays:
        return sum(workdays.workdays_between(start, end or today) for start, end in intervals)
    return sum(((end or today) - start).days for start, end in intervals)


@dataclass(frozen=True)
class Deadline:
    label: str
    due_on: dt.date | None
    limit: Limit | None = None
    since: dt.date | None = None

    @property
    def approximate(self) -> bool:
        """The official holidays of a year the limit runs through are not known (weekends only)."""
        if self.due_on is None or self.since is None:
            return False
        return not all(workdays.covers(y) for y in range(self.since.year, self.due_on.year + 1))

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
    limits: Mapping[tuple[str, str], Limit | int | None],
    today: dt.date,
) -> list[Deadline]:
    """The deadlines running for a case now: its stage's and the whole case's (none once final)."""
    if stage in FINAL:
        return []
    limit = Limit.of(limits.get((kind, stage)))
    out = [Deadline(f"{STAGES[stage]}期限", due(stage_since, limit), limit, stage_since)]
    if accepted_on is not None:
        limit = Limit.of(limits.get((kind, WHOLE_CASE)))
        pause = paused_days(transfers, today, in_workdays=bool(limit and limit.workdays))
        out.append(Deadline("办结期限", due(accepted_on, limit, pause), limit, accepted_on))
    return [d for d in out if d.due_on is not None]
