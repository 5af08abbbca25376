"""Quarters, due dates and whether something was done on time.

All dates are calendar days in the zone's time zone. A thing due on day D is on time when done
on D or before; it is overdue from D + 1 while not done. "As of" a day, a thing done after that
day is not done yet (so a past year can be judged as it stood).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ON_TIME = "按期完成"
LATE = "逾期完成"
OVERDUE = "逾期未完成"
PENDING = "未到期"
TIMINGS = (ON_TIME, LATE, OVERDUE, PENDING)
QUARTERS = (1, 2, 3, 4)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_start(year: int, quarter: int) -> dt.date:
    _check(quarter)
    return dt.date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> dt.date:
    _check(quarter)
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)


def report_due(year: int, quarter: int, days_after: int = 10) -> dt.date:
    """The day a quarter's progress report is due: ``days_after`` days after the quarter ends."""
    return quarter_end(year, quarter) + dt.timedelta(days=days_after)


def quarters_active(year: int, starts_on: dt.date | None, ends_on: dt.date | None) -> list[int]:
    """The quarters of ``year`` that overlap [starts_on, ends_on] (None: open on that side)."""
    out = []
    for q in QUARTERS:
        if starts_on is not None and starts_on > quarter_end(year, q):
            continue
        if ends_on is not None and ends_on < quarter_start(year, q):
            continue
        out.append(q)
    return out


def timing(due_on: dt.date, done_on: dt.date | None, as_of: dt.date) -> str:
    """按期完成 / 逾期完成 / 逾期未完成 / 未到期, as of a day."""
    if done_on is not None and done_on <= as_of:
        return ON_TIME if done_on <= due_on else LATE
    return OVERDUE if as_of > due_on else PENDING


def days_overdue(due_on: dt.date, done_on: dt.date | None, as_of: dt.date) -> int:
    """Days past due while not done (0 when done or not yet due)."""
    return (as_of - due_on).days if timing(due_on, done_on, as_of) == OVERDUE else 0


@dataclass(frozen=True)
class Obligation:
    """Something due: a quarter's report, a task, a yearly target."""

    kind: str  # "report" | "item"
    label: str
    due_on: dt.date
    done_on: dt.date | None

    def timing(self, as_of: dt.date) -> str:
        return timing(self.due_on, self.done_on, as_of)


def _check(quarter: int) -> None:
    if quarter not in QUARTERS:
        raise ValueError(f"quarter must be 1–4, not {quarter!r}")
