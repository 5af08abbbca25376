"""The content of a report, independent of any file format.

A builder (``annual``, ``bulletin``, ``protection``) turns the engine's values and the dataset's
records into a :class:`Document`; a writer (``docx``, ``xlsx``; PDF from the docx) lays it out.
Writers never compute: every number they show is a :class:`Value` made by a builder, and a value
that could not be computed carries the reason instead of a number, so no writer can print 0 or
nan for missing data.

Headings are stored without their numbers: a writer numbers them (一、 （一） 1.) as it lays
them out, so a section plugged in later (see ``annual.register_section``) renumbers the rest.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

MISSING = "缺数据"
NOT_APPLICABLE = "—"


@dataclass(frozen=True)
class Value:
    """A number as the report shows it: decimals, percent or not, and why it is missing.

    ``value`` None (or not finite) means missing: ``missing`` says why, in Chinese, naming the
    table and the indicator; the cell shows 缺数据 and the reason goes to the table's notes.
    """

    value: float | None
    precision: int = 0
    percent: bool = False  # a ratio shown as a percentage: 0.895 → 89.5%
    missing: str | None = None
    signed: bool = False  # changes: +4.19 / -1

    @property
    def ok(self) -> bool:
        return self.value is not None and math.isfinite(self.value)

    def rounded(self) -> Decimal | None:
        """The value as shown (half-up at the precision; percent values in percent)."""
        if not self.ok:
            return None
        v = self.value * 100 if self.percent else self.value
        return Decimal(repr(float(v))).quantize(Decimal(1).scaleb(-self.precision), rounding=ROUND_HALF_UP)

    def text(self) -> str:
        r = self.rounded()
        if r is None:
            return MISSING
        if r == 0:
            r = abs(r)  # never "-0.00"
        s = f"{r:,.{self.precision}f}"
        if self.signed and r > 0:
            s = "+" + s
        return s + ("%" if self.percent else "")

    def number(self) -> float | None:
        """For spreadsheets: the value at its displayed precision (percent as a ratio)."""
        r = self.rounded()
        if r is None:
            return None
        return float(r / 100) if self.percent else float(r)  # in Decimal: 96.4% is 0.964, not 0.9640000000000001


Cell = str | Value | None  # None: not applicable (shown as —)


def cell_text(c: Cell) -> str:
    if c is None:
        return NOT_APPLICABLE
    return c.text() if isinstance(c, Value) else c


_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_AFTER_CJK = re.compile(f"(?<=[{_CJK}]) +(?=[{_CJK}0-9A-Za-z%])")
_SPACE_BEFORE_CJK = re.compile(f"(?<=[0-9A-Za-z%.]) +(?=[{_CJK}])")


def zh_text(text: str) -> str:
    """No spaces between Chinese and numbers or Latin words: the renderer spaces them itself."""
    return _SPACE_BEFORE_CJK.sub("", _SPACE_AFTER_CJK.sub("", text))


@dataclass
class Paragraph:
    text: str
    style: str = "body"  # body | note | placeholder (to be written by the office)
    lead: str = ""  # a run-in heading in bold, e.g. "1.每万人口高价值发明专利拥有量。"

    def __post_init__(self) -> None:
        self.text = zh_text(self.text)
        self.lead = zh_text(self.lead)


@dataclass
class Table:
    title: str  # the caption: writers prefix 表N
    columns: list[str]
    rows: list[list[Cell]]
    notes: list[str] = field(default_factory=list)
    key: str = ""  # a short name: the xlsx sheet
    widths: list[float] | None = None  # relative column widths

    def __post_init__(self) -> None:
        self.title = zh_text(self.title)
        self.notes = [zh_text(n) for n in self.notes]


@dataclass
class Chart:
    title: str  # the caption: writers prefix 图N
    png: bytes
    width_cm: float = 15.6
    notes: list[str] = field(default_factory=list)
    key: str = ""

    def __post_init__(self) -> None:
        self.title = zh_text(self.title)
        self.notes = [zh_text(n) for n in self.notes]


Block = Paragraph | Table | Chart


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    key: str = ""
    numbered: bool = True  # 附：… sections are not numbered

    def add(self, *blocks: Block) -> Section:
        self.blocks.extend(blocks)
        return self

    def tables(self):
        for b in self.blocks:
            if isinstance(b, Table):
                yield b
        for s in self.subsections:
            yield from s.tables()

    def charts(self):
        for b in self.blocks:
            if isinstance(b, Chart):
                yield b
        for s in self.subsections:
            yield from s.charts()


@dataclass
class Document:
    kind: str  # annual | bulletin | protection
    title: str
    subtitle: str = ""
    intro: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    issuer: str = ""  # 落款：the office issuing it
    date: dt.date | None = None  # 成文日期, only when the office gives one (so content is reproducible)
    meta: list[tuple[str, str]] = field(default_factory=list)  # (label, text): zone, period, source …
    timestamp: dt.datetime = dt.datetime(2000, 1, 1)  # the files' metadata time: the period's end, not "now"
    missing: list[str] = field(default_factory=list)  # every missing value, with its reason

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def tables(self):
        for s in self.sections:
            yield from s.tables()

    def charts(self):
        for s in self.sections:
            yield from s.charts()


# --- numbering ----------------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings never pass 99)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def heading_number(level: int, n: int) -> str:
    """GB/T 9704 levels: 一、 （一） 1. （1）"""
    if level == 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def numbered_titles(doc: Document) -> list[tuple[Section, int, str]]:
    """Every section in reading order with its level and numbered title."""
    out: list[tuple[Section, int, str]] = []

    def walk(sections: list[Section], level: int) -> None:
        n = 0
        for s in sections:
            if s.numbered:
                n += 1
                out.append((s, level, heading_number(level, n) + s.title))
            else:
                out.append((s, level, s.title))
            walk(s.subsections, level + 1)

    walk(doc.sections, 1)
    return out
