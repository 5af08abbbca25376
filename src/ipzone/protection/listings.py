"""The office's list of abnormal and malicious filings (非正常专利申请、恶意商标注册).

These are not in the data contract: the office lists them from CNIPA's notices (e.g. 非正常专利申请
通报) in the platform (保护 › 异常申请名单), or keeps them in a CSV file for the command line::

    统一社会信用代码,名称,类型,列入日期,件数,文号,移出日期
    91140100MA0GRY4T4L,山西晋创新材料科技有限公司,非正常专利申请,2024-05-10,3,国知办函〔2024〕12号,

English headers (uscc, name, kind, listed_on, count, reference, removed_on) work too; 件数 defaults
to 1. A listing counts in credit grading from its 列入日期 until its 移出日期 (exclusive).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from ipzone.codes import parse_uscc
from ipzone.values import Problem, is_empty, normalize_choice, parse_date, parse_int

ABNORMAL = "非正常专利申请"
MALICIOUS_MARK = "恶意商标注册"
KINDS = (ABNORMAL, MALICIOUS_MARK)

COLUMNS = (  # (english, chinese, required)
    ("uscc", "统一社会信用代码", True),
    ("name", "名称", False),
    ("kind", "类型", True),
    ("listed_on", "列入日期", True),
    ("count", "件数", False),
    ("reference", "文号", False),
    ("removed_on", "移出日期", False),
)


@dataclass(frozen=True)
class Listing:
    uscc: str
    kind: str
    listed_on: dt.date
    count: int = 1
    name: str = ""
    reference: str = ""
    removed_on: dt.date | None = None

    def in_force(self, start: dt.date, end: dt.date) -> bool:
        """Listed on a day of [start, end] and still listed at ``end``."""
        return start <= self.listed_on <= end and (self.removed_on is None or self.removed_on > end)

    @property
    def label(self) -> str:
        ref = f"（{self.reference}）" if self.reference else ""
        return f"{self.kind} {self.count} 件，{self.listed_on.isoformat()} 列入{ref}"


class ListingError(Exception):
    """Every problem of a listings file, in Chinese and English."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("\n".join(en for _, en in problems))

    def __str__(self) -> str:
        return "\n".join(f"{zh}\n{en}" for zh, en in self.problems)


def _text(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ListingError([("文件既不是 UTF-8 也不是 GBK 编码", "the file is neither UTF-8 nor GBK")])


def read_listings(path: Path | str) -> list[Listing]:
    """Every listing in a CSV file, or :class:`ListingError` naming each bad cell (nothing half-read)."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ListingError([(f"找不到名单文件 {name}", f"listings file not found: {name}")])
    reader = csv.reader(io.StringIO(_text(path.read_bytes())))
    header = next(reader, None)
    if header is None:
        raise ListingError([(f"{name} 是空文件", f"{name} is empty")])
    names = {zh: en for en, zh, _ in COLUMNS} | {en: en for en, _, _ in COLUMNS}
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = names.get(cell.strip().lstrip("\ufeff"))
        if key:
            index[key] = i
    problems = []
    for en, zh, required in COLUMNS:
        if required and en not in index:
            problems.append((f"{name}：缺少列「{zh}」", f"{name}: column {en} ({zh}) is missing"))
    if problems:
        raise ListingError(problems)
    out = []
    for rowno, row in enumerate(reader, start=2):
        if not any(c.strip() for c in row):
            continue
        cells = {en: (row[i] if i < len(row) else "") for en, i in index.items()}
        values: dict = {}
        for en, zh, required in COLUMNS:
            cell = cells.get(en, "")
            where_zh, where_en = f"{name}，第 {rowno} 行，列「{zh}」", f"{name}, row {rowno}, column {zh}"
            if is_empty(cell):
                if required:
                    problems.append((f"{where_zh}：不能为空", f"{where_en}: must not be empty"))
                continue
            try:
                values[en] = _parse(en, cell)
            except Problem as e:
                problems.append((f"{where_zh}：{e.zh}（值：{cell!r}）", f"{where_en}: {e.en} (value: {cell!r})"))
        if {"uscc", "kind", "listed_on"} <= set(values):
            removed = values.get("removed_on")
            if removed is not None and removed < values["listed_on"]:
                problems.append((f"{name}，第 {rowno} 行：移出日期早于列入日期", f"{name}, row {rowno}: removed_on is before listed_on"))
            else:
                out.append(Listing(**values))
    if problems:
        raise ListingError(problems)
    return out


def _parse(column: str, cell: str):
    if column == "uscc":
        return parse_uscc(cell)
    if column == "kind":
        kind = normalize_choice(cell)
        if kind not in KINDS:
            raise Problem(f"应为{'或'.join(KINDS)}", f"expected one of {', '.join(KINDS)}")
        return kind
    if column in ("listed_on", "removed_on"):
        return parse_date(cell)
    if column == "count":
        n = parse_int(cell)
        if n < 1:
            raise Problem("件数至少为 1", "the count is at least 1")
        return n
    return cell.strip()
