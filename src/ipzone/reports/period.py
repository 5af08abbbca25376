"""The period of a bulletin: a quarter (``2023-Q3``) or a month (``2023-07``)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ipzone.values import Problem

_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
QUARTER_ZH = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


@dataclass(frozen=True)
class Period:
    code: str  # 2023-Q3 | 2023-07
    start: dt.date
    end: dt.date

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def label(self) -> str:
        """2023 年第三季度 / 2023 年 7 月"""
        if "Q" in self.code:
            return f"{self.year}年{QUARTER_ZH[int(self.code[-1])]}"
        return f"{self.year}年{self.start.month}月"

    @property
    def span(self) -> str:
        return f"{self.start.year}年{self.start.month}月{self.start.day}日—{self.end.month}月{self.end.day}日"

    def same_period_last_year(self) -> Period:
        start = self.start.replace(year=self.year - 1)
        end = dt.date(self.year - 1, self.end.month, calendar.monthrange(self.year - 1, self.end.month)[1])
        return Period(self.code.replace(str(self.year), str(self.year - 1), 1), start, end)

    def contains(self, d: dt.date | None) -> bool:
        return d is not None and self.start <= d <= self.end


def parse(text: str) -> Period:
    """``2023-Q3`` (also ``2023Q3``, ``2023-q3``) or ``2023-07``; anything else is a clear error."""
    t = text.strip()
    m = _QUARTER.match(t)
    if m:
        year, q = int(m.group(1)), int(m.group(2))
        first = 3 * (q - 1) + 1
        last = first + 2
        return Period(f"{year}-Q{q}", dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1]))
    m = _MONTH.match(t)
    if m and 1 <= int(m.group(2)) <= 12:
        year, month = int(m.group(1)), int(m.group(2))
        return Period(f"{year}-{month:02d}", dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))
    raise Problem(
        f"期间「{text}」无法识别：应为季度（如 2023-Q3）或月份（如 2023-07）",
        f"period {text!r} not understood: expected a quarter (e.g. 2023-Q3) or a month (e.g. 2023-07)",
    )
