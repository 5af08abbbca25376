"""Official identifiers: CNIPA application numbers, 统一社会信用代码, IPC symbols, PCT numbers.

Pure functions, no I/O. Each ``parse_*`` returns the canonical form or raises
:class:`ipzone.values.Problem` saying, in Chinese and English, what is wrong.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from operator import mul


from ipzone.values import Problem, to_halfwidth

# --- CNIPA application numbers (专利申请号) --------------------------------------------

# 5th digit of a 12-digit number, 3rd of a pre-2003 8-digit one.
KIND_DIGITS = {"1": "发明", "8": "发明", "2": "实用新型", "9": "实用新型", "3": "外观设计"}
PCT_KIND_DIGITS = frozenset("89")

_APPNO_TEXT = re.compile(r"^(?:CN|ZL)?(\d{12}|\d{8})\.?([0-9X])?$")


_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def appno_check_digit(digits: str) -> str:
    """The CNIPA check digit: weights 2..9 repeating over the digits, sum mod 11, 10 → X."""
    r = sum(map(mul, map(int, digits), _WEIGHTS)) % 11
    return "X" if r == 10 else str(r)


@dataclass(frozen=True)
class AppNo:
    digits: str  # 12 or 8 digits
    check: str

    @property
    def canonical(self) -> str:
        return f"{self.digits}.{self.check}"

    @property
    def kind_digit(self) -> str:
        return self.digits[4] if len(self.digits) == 12 else self.digits[2]

    @property
    def kind(self) -> str | None:
        return KIND_DIGITS.get(self.kind_digit)

    @property
    def year(self) -> int:
        if len(self.digits) == 12:
            return int(self.digits[:4])
        yy = int(self.digits[:2])
        return 1900 + yy if yy >= 85 else 2000 + yy

    @property
    def via_pct(self) -> bool:
        return self.kind_digit in PCT_KIND_DIGITS


def _appno_from_number(value: float | int) -> str:
    """An application number that Excel stored as a number, back to its text.

    ``202110182616.5`` as a float keeps every digit. A whole number of 12 (or 8) digits lost
    its check digit only if that digit was 0 (Excel drops ``.0``); any other check digit means
    the number was entered without one, which is refused by the caller.
    """
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise Problem("不是数字", "not a number")
        text = repr(value)
        if "e" in text or "E" in text:
            text = f"{value:.1f}"
        if not text.endswith(".0"):
            return text
        value = int(value)
    whole = str(value)
    if len(whole) in (12, 8) and appno_check_digit(whole) == "0":
        return whole + ".0"
    return whole


_CANONICAL = re.compile(r"(\d{12}|\d{8})\.([0-9X])").fullmatch


def parse_appno(value: object) -> str:
    """Canonical ``DDDDDDDDDDDD.C`` (or ``DDDDDDDD.C``) from what a user or Excel wrote."""
    if value.__class__ is str:  # the usual case, already canonical: one match, one sum
        m = _CANONICAL(value)
        if m is not None and appno_check_digit(m[1]) == m[2]:
            return value
    if isinstance(value, bool):
        raise Problem("不是专利申请号", "not an application number")
    if isinstance(value, (int, float)):
        text = _appno_from_number(value)
        from_number = True
    else:
        text = to_halfwidth(str(value)).strip().upper().replace(" ", "")
        from_number = False
    if re.fullmatch(r"\d(\.\d+)?E\+?\d+", text):
        raise Problem(
            "申请号以科学计数法保存，已丢失位数；请在 Excel 中将该列设为文本后重新填写",
            "the application number is in scientific notation and has lost digits; "
            "format the column as text in Excel and enter it again",
        )
    m = _APPNO_TEXT.match(text)
    if not m:
        raise Problem(
            "不是专利申请号（应为 12 位数字 + 校验位，或 2003 年前的 8 位数字 + 校验位）",
            "not an application number (12 digits + check digit, or the pre-2003 8 digits + check digit)",
        )
    digits, check = m.group(1), m.group(2)
    expected = appno_check_digit(digits)
    if check is None:
        if from_number:
            raise Problem(
                f"申请号被 Excel 存为数字并丢失了校验位（应为 {digits}.{expected}）；请将该列设为文本",
                f"Excel stored the application number as a number and lost its check digit "
                f"(it should be {digits}.{expected}); format the column as text",
            )
        raise Problem(
            f"申请号缺少校验位（应为 {digits}.{expected}）",
            f"the application number has no check digit (it should be {digits}.{expected})",
        )
    if check != expected:
        raise Problem(
            f"申请号校验位错误：为 {check}，按 {digits} 计算应为 {expected}",
            f"wrong check digit: {check}, but {digits} gives {expected}",
        )
    return f"{digits}.{check}"


def appno(canonical: str) -> AppNo:
    digits, check = canonical.split(".")
    return AppNo(digits, check)


# --- 统一社会信用代码 (GB 32100-2015), checked with python-stdnum ---------------------------


@functools.cache
def _stdnum():
    """python-stdnum's USCC module and exceptions, imported on first use: importing stdnum costs
    about 60 ms (it pulls in ssl), which the indicators and the platform need not pay."""
    from stdnum import exceptions
    from stdnum.cn import uscc

    return uscc, exceptions


def parse_uscc(value: object) -> str:
    if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
        raise Problem(
            "统一社会信用代码被 Excel 存为数字，已丢失位数；请将该列设为文本后重新填写",
            "Excel stored the unified social credit code as a number and lost digits; "
            "format the column as text and enter it again",
        )
    text = to_halfwidth(str(value)).strip().upper().replace(" ", "").replace("-", "")
    _uscc, exc = _stdnum()
    try:
        return _uscc.validate(text)
    except exc.InvalidLength:
        raise Problem(
            f"统一社会信用代码应为 18 位，此处为 {len(text)} 位",
            f"a unified social credit code has 18 characters, this has {len(text)}",
        ) from None
    except exc.InvalidChecksum:
        raise Problem(
            f"统一社会信用代码校验位错误：应为 {_uscc.calc_check_digit(text)}",
            f"wrong check character: it should be {_uscc.calc_check_digit(text)}",
        ) from None
    except (exc.InvalidFormat, exc.ValidationError):
        raise Problem(
            "统一社会信用代码含有不允许的字符（前 8 位为数字，其余为数字或除 I、O、Z、S、V 外的大写字母）",
            "the unified social credit code has characters it may not have (8 digits, then digits "
            "or capital letters other than I, O, Z, S, V)",
        ) from None


def uscc_check_character(first17: str) -> str:
    """The 18th character for 17 characters (used by the demo to make valid codes)."""
    return _stdnum()[0].calc_check_digit(first17 + "0")


# --- IPC symbols -----------------------------------------------------------------------

_IPC = re.compile(r"^([A-H])(\d{2})([A-Z])\s*(?:(\d{1,4})\s*/\s*(\d{2,6}))?$")


def parse_ipc(value: str) -> str:
    """``G06F 16/35`` from ``G06F16/35``, ``g06f 16/35`` or ``G06F  16 / 35``; a subclass stays ``G06F``."""
    text = to_halfwidth(value).strip().upper()
    m = _IPC.match(text)
    if not m:
        raise Problem(
            f"「{value}」不是 IPC 分类号（如 G06F 16/35 或 G06F）",
            f"'{value}' is not an IPC symbol (e.g. G06F 16/35 or G06F)",
        )
    sec, cls, sub, group, subgroup = m.groups()
    head = f"{sec}{cls}{sub}"
    return head if group is None else f"{head} {int(group)}/{subgroup}"


# --- PCT application numbers -------------------------------------------------------------

_PCT = re.compile(r"^PCT/?([A-Z]{2})(\d{4})/?(\d{6})$")


def parse_pct_no(value: object) -> str:
    text = to_halfwidth(str(value)).strip().upper().replace(" ", "")
    m = _PCT.match(text)
    if not m:
        raise Problem(
            "不是 PCT 国际申请号（如 PCT/CN2021/123456）",
            "not a PCT application number (e.g. PCT/CN2021/123456)",
        )
    office, year, serial = m.groups()
    return f"PCT/{office}{year}/{serial}"
