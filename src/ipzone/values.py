"""Reading one cell: the contract's value rules as pure functions.

A cell arrives as text (CSV), or as what Excel stored (str, int, float, bool, date, datetime).
Each ``parse_*`` returns the typed value or raises :class:`Problem`. Empty cells never reach
these functions: the caller decides what empty means for the column.
"""

from __future__ import annotations

import datetime as dt
import math
import re

# Full-width ASCII (！ to ～) and the ideographic space map to their half-width forms.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20
# Invisible characters Excel and Word leave in cells.
_INVISIBLE = {0x200B: None, 0x200C: None, 0x200D: None, 0xFEFF: None, 0x00A0: 0x20}


class Problem(ValueError):
    """A value that does not fit, said in Chinese and English."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh = zh
        self.en = en


def to_halfwidth(text: str) -> str:
    return text.translate(_FULLWIDTH).translate(_INVISIBLE)


_HAS_INVISIBLE = re.compile("[\u200b\u200c\u200d\ufeff\u00a0]").search
# First or last characters that may make a cell blank.
BLANK_EDGE = frozenset(" \t\r\n\u3000\u200b\u200c\u200d\ufeff\u00a0")


def clean_text(value: object) -> str:
    """A cell as trimmed text; Excel numbers that are whole come back without ``.0``."""
    if value.__class__ is str:
        if _HAS_INVISIBLE(value):
            value = value.translate(_INVISIBLE)
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).translate(_INVISIBLE).strip()


def is_empty(value: object) -> bool:
    if value is None:
        return True
    if value.__class__ is str:
        # most cells start and end with a visible character: decided without copying
        if value and value[0] not in BLANK_EDGE and value[-1] not in BLANK_EDGE:
            return False
        return not clean_text(value)
    if isinstance(value, float) and math.isnan(value):
        return True
    return False


# --- dates -------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})\s*(?:[-/.](\d{1,2})[-/.](\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise Problem("不是日期", "not a date")
    if isinstance(value, (int, float)):
        # An Excel date serial that reached us as a number (a date cell read as General).
        if not (isinstance(value, int) or float(value).is_integer()) or not 1 <= value <= 73050:
            raise Problem(f"数字 {value} 不是日期", f"the number {value} is not a date")
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = to_halfwidth(str(value)).strip()
    # A datetime text with a zero time, as Excel and databases print it.
    text = re.sub(r"[ T]00:00(:00(\.0+)?)?$", "", text)
    m = _DATE.match(text)
    if not m:
        raise Problem(f"「{value}」不是日期", f"'{value}' is not a date")
    y, mo, d = m.group(1), m.group(2) or m.group(4), m.group(3) or m.group(5)
    try:
        return dt.date(int(y), int(mo), int(d))
    except ValueError:
        raise Problem(f"「{value}」不是存在的日期", f"'{value}' is not a date that exists") from None


# --- booleans ------------------------------------------------------------------------

TRUE = frozenset({"是", "Y", "YES", "TRUE", "1", "T"})
FALSE = frozenset({"否", "N", "NO", "FALSE", "0", "F"})


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = to_halfwidth(str(value)).strip().upper()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise Problem(f"「{value}」不是是/否", f"'{value}' is not a yes/no value")


# --- numbers -------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise Problem("不是数字", "not a number")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise Problem("不是有限的数字", "not a finite number")
        return value
    text = to_halfwidth(str(value)).strip().replace(" ", "")
    if _GROUPED.match(text):  # thousands separators: 1,234.5
        text = text.replace(",", "")
    if not _NUMBER.match(text):
        raise Problem(f"「{value}」不是数字", f"'{value}' is not a number")
    return float(text) if any(c in text for c in ".eE") else int(text)


def parse_int(value: object) -> int:
    n = _number(value)
    if isinstance(n, float):
        if not n.is_integer():
            raise Problem(f"{value} 不是整数", f"{value} is not a whole number")
        n = int(n)
    if n < 0:
        raise Problem(f"{value} 是负数", f"{value} is negative")
    return n


def parse_amount(value: object) -> float:
    text = str(value)
    if isinstance(value, str) and re.search(r"元|万|¥|￥|亿", text):
        raise Problem(
            f"「{value}」含单位；金额列只填以万元计的数字",
            f"'{value}' has a unit in it; amounts are plain numbers in 万元",
        )
    n = float(_number(value))
    if n < 0:
        raise Problem(f"{value} 是负数", f"{value} is negative")
    return n


def parse_score(value: object) -> float:
    n = float(_number(value))
    if not 0 <= n <= 100:
        raise Problem(f"{value} 不在 0–100 之间", f"{value} is not between 0 and 100")
    return n


def parse_year(value: object) -> int:
    if isinstance(value, (dt.date, dt.datetime)):
        raise Problem("年度应为四位年份，而不是日期", "a year is four digits, not a date")
    text = to_halfwidth(clean_text(value)).removesuffix("年")
    n = parse_int(text)
    if not 1949 <= n <= 2100:
        raise Problem(f"{value} 不是 1949–2100 之间的年份", f"{value} is not a year between 1949 and 2100")
    return n


# --- text, lists, enumerations ------------------------------------------------------------

_LIST_SEP = re.compile(r"[;；]")


def parse_text(value: object) -> str:
    return clean_text(value)


def split_list(value: object) -> list[str]:
    """``a;b；c`` → [a, b, c]; empty items (``a;;b``, a trailing ``;``) are dropped."""
    return [item.strip() for item in _LIST_SEP.split(clean_text(value)) if item.strip()]


def normalize_choice(value: object) -> str:
    return to_halfwidth(clean_text(value)).replace(" ", "")


def parse_code(value: object) -> str:
    """An identifier kept as text; an Excel number that is whole loses its ``.0``."""
    if isinstance(value, float) and not value.is_integer():
        raise Problem(f"编号 {value} 被存为小数", f"the identifier {value} was stored as a decimal number")
    return to_halfwidth(clean_text(value))


def parse_industry_code(value: object) -> str:
    """A GB/T 4754-2017 class: 4 digits. Leading zeros lost to Excel (``111`` for ``0111``) are restored."""
    text = to_halfwidth(clean_text(value)).replace(" ", "")
    if not text.isdigit() or not 1 <= len(text) <= 4:
        raise Problem(f"「{value}」不是四位行业代码", f"'{value}' is not a four-digit industry code")
    return text.zfill(4)
