"""The yearly rolling targets (年度目标) and the leading group (领导小组成员) as workbooks, declared in
the data contract's terms like the quarterly progress (``ipzone.programme.progress``): the
template's Chinese headers, ★ keys and notes, the cell parsers and their Chinese and English
messages, the key check and the date order come with the declaration.

A target is matched on its task, year and text (★): a task has several targets a year, with or
without an indicator, and the text is what tells them apart. A member is matched on name, group
role and the day they took it up (★): the same person in another role, or again later, is another
membership. 任务名称 is information for the reader (filled in exports, ignored on import).

The rules beyond the cells (``target_problems``) are the web form's: a done target has the day it
was done and an open one has none; neither its due date nor that day lies before its year begins.
"""

from __future__ import annotations

import datetime as dt
import math

from ipzone import values
from ipzone.contract import CODE, DATE, ENUM, TEXT, YEAR, Column, DateOrder, Table

OPEN, DONE = "未完成", "已完成"
STATUSES = (OPEN, DONE)
INFO_ONLY = ("title",)  # written for the reader, not read back

TARGETS = Table(
    "annual_targets",
    "年度目标",
    (
        Column("task", "任务编号", CODE, key=True, note="任务清单中任务或议定事项的编号（不是子任务），如 5、S1、LX-2025-02-1"),
        Column("title", "任务名称", TEXT, required=False, note="仅供参考，导入时忽略"),
        Column("year", "年度", YEAR, key=True),
        Column("content", "年度目标", TEXT, key=True, note="目标的文字；同一任务、年度的目标以此区分，改动文字即为另一条目标"),
        Column("indicator", "关联指标代码", CODE, required=False, default="", note="指标目录中的代码，如 ip_budget_share；空 = 不关联指标"),
        Column("target_value", "目标值", TEXT, required=False, note="数字，不带单位（单位同关联指标）；空 = 采用工作方案的年度目标路径"),
        Column("due_on", "完成期限", DATE),
        Column("status", "状态", ENUM, choices=STATUSES),
        Column("completed_on", "完成日期", DATE, required=False, note="状态为已完成时必填，未完成时留空；不早于该年度 1 月 1 日"),
    ),
    description="滚动确定的各任务年度目标",
)

GROUP_ROLES = ("组长", "副组长", "成员", "办公室主任", "办公室副主任", "办公室成员")

MEMBERS = Table(
    "group_members",
    "领导小组成员",
    (
        Column("name", "姓名", TEXT, key=True),
        Column("position", "职务", TEXT),
        Column("group_role", "小组职务", ENUM, key=True, choices=GROUP_ROLES),
        Column("department", "所在部门", CODE, required=False, note="部门代码，如 market；须为已有的部门"),
        Column("since", "任职日期", DATE, key=True, required=False),
        Column("until", "离任日期", DATE, required=False, note="不早于任职日期"),
    ),
    date_orders=(DateOrder("since", "until"),),
    description="知识产权强区建设战略领导小组及其办公室的成员",
)

TARGET_TABLES, MEMBER_TABLES = (TARGETS,), (MEMBERS,)
TARGETS_WHAT = ("年度目标表", "the yearly targets table")
MEMBERS_WHAT = ("领导小组成员表", "the leading group table")


def parse_value(value) -> float | None:
    """A target value: a plain number, in the indicator's unit but without it (the template's cell is
    text, so that a unit typed in is refused, not lost); ``values.Problem`` when it is not one."""
    if value is None or value == "":
        return None
    try:
        n = float(values.to_halfwidth(str(value)).strip().replace(",", ""))
    except ValueError:
        n = math.nan
    if not math.isfinite(n):
        raise values.Problem(f"「{value}」不是数字；目标值只填数字，不带单位", f"{value!r} is not a number; a target value is a plain number, without its unit")
    return n


def target_problems(row: dict) -> list[tuple[str, str, str]]:
    """A target row's rules beyond its cells: (column, 中文, English) for each problem — the form's own."""
    out = []
    try:
        parse_value(row.get("target_value"))
    except values.Problem as p:
        out.append(("target_value", p.zh, p.en))
    status, day = row.get("status"), row.get("completed_on")
    if status == DONE and day is None:
        out.append(("completed_on", f"状态为「{DONE}」时须填写完成日期", f"a date is required when the status is {DONE}"))
    if status == OPEN and day is not None:
        out.append(("completed_on", f"状态为「{OPEN}」时不应有完成日期", f"no date unless the status is {DONE}"))
    out += year_problems(row.get("year"), row.get("due_on"), day)
    return out


def year_problems(year: int | None, due_on: dt.date | None, completed_on: dt.date | None) -> list[tuple[str, str, str]]:
    """Neither the due date nor the day done lies before the target's year begins."""
    out = []
    if year is None:
        return out
    first = dt.date(year, 1, 1)
    for column, zh, day in (("due_on", "完成期限", due_on), ("completed_on", "完成日期", completed_on)):
        if day is not None and day < first:
            out.append((column, f"「{zh}」{day} 早于 {year} 年度的开始（{first}）", f"{column} {day} is before the year {year} begins ({first})"))
    return out
