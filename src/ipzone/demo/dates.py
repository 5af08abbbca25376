"""Dates as whole days since 1970-01-01 (numpy's ``datetime64[D]``), vectorised.

``NEVER`` stands for "no date" (not granted, not lapsed): it compares after every real day, so
"granted on or before D" and "lapsed after D" need no special case. The demo never makes a date
on 29 February or 31 December where it adds years or checks a year end, so adding years never
has to move a day, and "filing date + 10 years is strictly before 31 December" is a comparison of
years.
"""

from __future__ import annotations

import datetime as dt
import functools

import numpy as np

NEVER = np.iinfo(np.int32).max
_EPOCH = dt.date(1970, 1, 1)
_FIRST, _LAST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
_ISO = [(_FIRST + dt.timedelta(days=i)).isoformat() for i in range((_LAST - _FIRST).days + 1)]
_OFFSET = (_FIRST - _EPOCH).days


def day(y: int, m: int = 1, d: int = 1) -> int:
    return (dt.date(y, m, d) - _EPOCH).days


def year_end(y: int) -> int:
    return day(y, 12, 31)


def iso(days) -> list[str | None]:
    """``YYYY-MM-DD`` text of each day; ``NEVER`` → None."""
    return [None if d == NEVER else _ISO[d - _OFFSET] for d in np.asarray(days).tolist()]


def iso1(d: int) -> str | None:
    return None if d == NEVER else _ISO[d - _OFFSET]


def years(days: np.ndarray) -> np.ndarray:
    """Calendar year of each day (``NEVER`` → 9999)."""
    days = np.asarray(days)
    out = days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    return np.where(days == NEVER, 9999, out)


def add_years(days: np.ndarray, k) -> np.ndarray:
    """The same month and day ``k`` years later (days are never 29 February)."""
    d = np.asarray(days).astype("datetime64[D]")
    month = d.astype("datetime64[M]")
    dom = (d - month.astype("datetime64[D]")).astype(np.int64)
    y = month.astype("datetime64[Y]")
    moy = (month - y.astype("datetime64[M]")).astype(np.int64)
    new_month = (y + np.asarray(k, dtype=np.int64)).astype("datetime64[M]") + moy
    return (new_month.astype("datetime64[D]") + dom).astype(np.int64)


def _not_leap_day(days: np.ndarray) -> np.ndarray:
    return np.array([not _ISO[d - _OFFSET].endswith("-02-29") for d in days.tolist()], bool)


@functools.cache
def valid_days(y: int) -> np.ndarray:
    """Every day of year ``y`` except 29 February and 31 December (read-only)."""
    days = np.arange(day(y), day(y, 12, 31), dtype=np.int64)
    out = days[_not_leap_day(days)]
    out.flags.writeable = False
    return out


@functools.cache
def weekdays(y: int, first: tuple[int, int] = (1, 1), last: tuple[int, int] = (12, 30)) -> np.ndarray:
    """Working days (Monday–Friday) of year ``y`` from ``first`` to ``last`` (month, day), not 29 February (read-only)."""
    span = np.arange(day(y, *first), day(y, *last) + 1, dtype=np.int64)
    out = span[((span + 3) % 7 < 5) & _not_leap_day(span)]
    out.flags.writeable = False
    return out


def next_weekday(days: np.ndarray, weekday: int) -> np.ndarray:
    """The first day on or after each day that falls on ``weekday`` (Monday = 0)."""
    days = np.asarray(days, dtype=np.int64)
    return days + (weekday - (days + 3) % 7) % 7
