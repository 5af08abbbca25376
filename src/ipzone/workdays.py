"""Working days (工作日) in China, and the end of a limit counted in days.

A working day is a Monday to Friday that is not a public holiday (法定节假日), or a Saturday or
Sunday the State Council makes a working day (调休上班). The days come from the 国务院办公厅's
yearly notice on public holidays, as the ``chinese-calendar`` package holds them (kept up each year
by its maintainers; :data:`SOURCE`). For a year it does not hold, only Saturdays and Sundays are
rest days, and :func:`covers` is False so that a page can say the result is approximate.

Counting follows 《中华人民共和国民法典》第二百零一条 and 第二百零三条: the day a limit starts
is not counted; a limit of N working days ends on the N-th working day after it; a limit of N
calendar days ends N days after it, moved to the next working day when that day is a rest day
(期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import chinese_calendar

SOURCE = "国务院办公厅关于部分节假日安排的通知（各年），据 chinese-calendar " + getattr(chinese_calendar, "__version__", "")
ONE_DAY = dt.timedelta(days=1)


@cache
def covers(year: int) -> bool:
    """Whether the year's official holidays and make-up working days are known."""
    try:
        chinese_calendar.is_workday(dt.date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def is_workday(day: dt.date) -> bool:
    if covers(day.year):
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5


def next_workday(day: dt.date) -> dt.date:
    """The day itself when it is a working day, else the first working day after it."""
    while not is_workday(day):
        day += ONE_DAY
    return day


def add_workdays(start: dt.date, n: int) -> dt.date:
    """The n-th working day after ``start`` (``start`` itself not counted); ``start`` when n is 0."""
    day = start
    while n > 0:
        day += ONE_DAY
        if is_workday(day):
            n -= 1
    return day


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
    count, day = 0, start
    while day < end:
        day += ONE_DAY
        count += is_workday(day)
    return count


def calendar_limit_end(start: dt.date, days: int) -> dt.date:
    """The last day of a limit of ``days`` calendar days from ``start``, moved off a rest day."""
    return next_workday(start + dt.timedelta(days=days))
