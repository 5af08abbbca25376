"""Inspections of credit-graded supervision (信用分级分类监管的检查记录): when the next is due.

The credit grade (``ipzone.protection.credit``) sets how often an in-zone entity is inspected:
``interval_months`` of its grade in the rules file (A 36, B 12, C 6, D 3 in the packaged rules).
This module says, from the last inspection, when the next one is due and whether it is overdue,
and which entities are due in a year (the year's inspection plan). Decisions:

- The next inspection is due ``interval_months`` calendar months after the last one, on the same
  day of the month, or the month's last day when it has no such day (31 August + 6 months →
  28/29 February).
- It is overdue from the day after it is due (as the case deadlines): due on the day itself is
  not overdue yet.
- An entity never inspected is due at once, but not *overdue*: there is no day it was late on (a
  zone of thousands of B-grade entities would otherwise all be overdue on the platform's first day).
- 回访 (a return visit to check a rectification) does not reset the clock: only 双随机抽查,
  重点检查 and 专项检查 count as the grade's inspection.
- The plan of year Y lists the entities whose next inspection falls due on or before 31 December
  of Y, or that were never inspected, the worst grade first, then the longest overdue (never
  inspected first), then by 统一社会信用代码. Inspections already recorded count: an entity
  inspected in March of Y with grade B is due again in March of Y+1 and leaves Y's plan.

The record itself is declared with the data contract's ``Table``/``Column`` (``TABLE``), so its
workbook template, cell parsers and bilingual messages are the contract's own.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ipzone.contract import CODE, DATE, ENUM, SCORE, TEXT, TEXT_LIST, USCC, YEAR, Column, DateOrder, Reference, Table

RANDOM, FOCUS, SPECIAL, RETURN_VISIT = "双随机抽查", "重点检查", "专项检查", "回访"
KINDS = (RANDOM, FOCUS, SPECIAL, RETURN_VISIT)
COUNTING = frozenset({RANDOM, FOCUS, SPECIAL})  # 回访 does not reset the clock

NO_PROBLEM, RECTIFY, CASE_OPENED = "未发现问题", "责令整改", "立案查处"
RESULTS = (NO_PROBLEM, RECTIFY, CASE_OPENED)

TABLE = Table(
    "inspections",
    "检查记录",
    (
        Column("record_no", "检查编号", CODE, key=True, note="如 JC2026-001"),
        Column("uscc", "被检查主体统一社会信用代码", USCC),
        Column("inspected_on", "检查日期", DATE),
        Column("kind", "检查类型", ENUM, choices=KINDS, note="回访不重新计算检查周期"),
        Column("inspectors", "检查人员", TEXT_LIST, note="以 ; 分隔，如 张某;李某"),
        Column("findings", "检查发现", TEXT, required=False),
        Column("result", "处理结果", ENUM, choices=RESULTS),
        Column("follow_up", "后续措施", TEXT, required=False, note="整改要求、回访安排、移送或立案情况"),
        Column("rectify_by", "整改期限", DATE, required=False, note="责令整改时填写"),
    ),
    references=(Reference("uscc", (("entities", "uscc"),)),),
    date_orders=(DateOrder("inspected_on", "rectify_by"),),
    description="任务11：信用分级分类监管的检查记录",
)

# The credit grades list as a workbook (an export; it is not imported).
GRADES_TABLE = Table(
    "credit_grades",
    "信用等级",
    (
        Column("uscc", "统一社会信用代码", USCC, key=True),
        Column("name", "名称", TEXT),
        Column("year", "年度", YEAR),
        Column("grade", "等级", CODE),
        Column("label", "等级名称", TEXT),
        Column("score", "分数", SCORE),
        Column("inspection", "检查频次", TEXT),
        Column("reasons", "原因", TEXT_LIST, required=False),
        Column("last_inspected_on", "上次检查日期", DATE, required=False),
        Column("next_due_on", "下次应检日期", DATE, required=False, note="空 = 从未检查，应即检查"),
        Column("status", "检查状态", TEXT),
    ),
    description="任务11：信用分级与检查",
)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months; the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Due:
    """When an entity's next inspection is due (``due_on`` None: never inspected, due at once)."""

    last: dt.date | None
    interval_months: int
    due_on: dt.date | None

    def is_due(self, as_of: dt.date) -> bool:
        return self.due_on is None or self.due_on <= as_of

    def overdue(self, as_of: dt.date) -> bool:
        return self.due_on is not None and as_of > self.due_on

    def days_over(self, as_of: dt.date) -> int:
        return (as_of - self.due_on).days if self.overdue(as_of) else 0

    def status(self, as_of: dt.date) -> str:
        """In Chinese, as lists show it: 从未检查 / 逾期 N 日 / 今日到期 / 未到期."""
        if self.due_on is None:
            return "从未检查"
        if self.overdue(as_of):
            return f"逾期 {self.days_over(as_of)} 日"
        return "今日到期" if self.due_on == as_of else "未到期"


def next_due(last: dt.date | None, interval_months: int) -> Due:
    if interval_months < 1:
        raise ValueError("interval_months must be at least 1")
    return Due(last, interval_months, None if last is None else add_months(last, interval_months))


def last_inspections(records: Iterable[tuple[str, dt.date, str]], as_of: dt.date | None = None) -> dict[str, dt.date]:
    """uscc → the day of its last inspection that counts (not a 回访), on or before ``as_of``."""
    out: dict[str, dt.date] = {}
    for uscc, day, kind in records:
        if kind not in COUNTING or (as_of is not None and day > as_of):
            continue
        if uscc not in out or day > out[uscc]:
            out[uscc] = day
    return out


@dataclass(frozen=True)
class PlanItem:
    uscc: str
    name: str
    grade: str
    label: str
    interval_months: int
    last: dt.date | None
    due_on: dt.date | None
    overdue: bool  # as of the day the plan was made for

    def to_dict(self) -> dict:
        return {
            "uscc": self.uscc, "name": self.name, "grade": self.grade, "label": self.label, "interval_months": self.interval_months,
            "last_inspected_on": self.last, "next_due_on": self.due_on, "overdue": self.overdue,
        }


def plan(
    graded: Mapping[str, object],
    last: Mapping[str, dt.date],
    year: int,
    grade_order: Sequence[str],
    *,
    as_of: dt.date | None = None,
) -> list[PlanItem]:
    """The inspection plan of ``year``: every graded entity (``credit.Grade`` objects by uscc) that
    was never inspected or whose next inspection falls due by 31 December of ``year``; worst grade
    first (``grade_order`` goes best to worst), then the earliest due (never inspected first), then
    by uscc. ``overdue`` is as of ``as_of`` (default 31 December of ``year``)."""
    end = dt.date(year, 12, 31)
    as_of = as_of or end
    rank = {code: i for i, code in enumerate(grade_order)}
    items = []
    for uscc, g in graded.items():
        due = next_due(last.get(uscc), g.interval_months)
        if not due.is_due(end):
            continue
        items.append(PlanItem(uscc, g.name, g.grade, g.label, g.interval_months, due.last, due.due_on, due.overdue(as_of)))
    items.sort(key=lambda i: (-rank.get(i.grade, len(rank)), i.due_on or dt.date.min, i.uscc))
    return items
