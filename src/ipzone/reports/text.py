"""Sentences made from values: amounts with units, changes on last year, shares."""

from __future__ import annotations

from ipzone.reports.model import MISSING, Value


def unit_after(unit: str) -> str:
    """The unit as written after a number (none for an index)."""
    return "" if unit in ("—", "") else unit


def amount(v: Value, unit: str) -> str:
    """``35.59 件``; a missing value says 缺数据 (its reason is given where the report lists them)."""
    if not v.ok:
        return MISSING
    return v.text() + unit_after(unit)


def change(cur: Value, prev: Value, unit: str) -> str:
    """较上年增加 4.19 件、增长 13.3% / 提高 0.08 个百分点 / 与上年持平 / 上年缺数据."""
    if not cur.ok:
        return ""
    if not prev.ok:
        return "上年缺数据，无法比较"
    a, b = cur.rounded(), prev.rounded()
    d = a - b
    if d == 0:
        return "与上年持平"
    up = d > 0
    mag = Value(float(abs(d)), cur.precision).text()
    if unit == "%":
        return f"较上年{'提高' if up else '下降'} {mag} 个百分点"
    verb = "增加" if up else "减少"
    text = f"较上年{verb} {mag}{unit_after(unit)}"
    if b > 0:
        g = Value(float(abs(d) / b), 1, percent=True).text()
        text += f"、{'增长' if up else '下降'} {g}"
    return text


def share(part: float, whole: float) -> str:
    """A share as text: 38.5%; no share of nothing."""
    if not whole:
        return "—"
    return Value(part / whole, 1, percent=True).text()


def wan(amount_wan: float | None, precision: int = 2) -> str:
    """An amount in 万元, written in 万元 or 亿元 whichever reads better."""
    if amount_wan is None:
        return MISSING
    if abs(amount_wan) >= 10_000:
        return f"{Value(amount_wan / 10_000, precision).text()} 亿元"
    return f"{Value(amount_wan, precision).text()} 万元"


def date_zh(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "—"
