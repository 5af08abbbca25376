"""What each reference table looks like, and the rules a row must follow.

Pure functions, no I/O: :func:`normalise` takes a header and raw rows (as read from an
office's CSV or workbook) and returns the table's canonical rows, or raises
:class:`ReferenceError` listing every problem with its row number (header = row 1).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ipzone.codes import parse_ipc
from ipzone.values import Problem, clean_text, to_halfwidth


@dataclass(frozen=True)
class RowProblem:
    row: int | None  # 1-based row in the file; the header is row 1; None = the whole file
    column: str
    value: str
    zh: str
    en: str

    def message(self) -> str:
        if self.row is None:
            return f"{self.zh} / {self.en}"
        return (
            f"第{self.row}行，列「{self.column}」，值「{self.value}」：{self.zh}"
            f" / row {self.row}, column '{self.column}', value '{self.value}': {self.en}"
        )


class ReferenceError(ValueError):
    """A reference table that cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[RowProblem]):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"参照表有 {n} 处问题 / the reference table has {n} problem(s)"
        super().__init__("\n".join([head, *(p.message() for p in self.problems)]))


def file_error(zh: str, en: str) -> ReferenceError:
    return ReferenceError([RowProblem(None, "", "", zh, en)])


# --- symbols -------------------------------------------------------------------------

IPC_LEVELS = ("section", "class", "subclass", "main_group", "subgroup")
_IPC_LEVEL_ZH = {"部": "section", "大类": "class", "小类": "subclass", "主组": "main_group", "大组": "main_group", "分组": "subgroup", "小组": "subgroup"}
_SECTION = re.compile(r"^[A-H]$")
_CLASS = re.compile(r"^[A-H]\d{2}$")


def ipc_symbol(value: str) -> str:
    """Canonical IPC symbol at any level: ``G``, ``G06``, ``G06F``, ``G06F 16/00``, ``G06F 16/35``."""
    text = to_halfwidth(value).strip().upper()
    if _SECTION.match(text) or _CLASS.match(text):
        return text
    return parse_ipc(value)


def ipc_level(symbol: str) -> str:
    if len(symbol) == 1:
        return "section"
    if len(symbol) == 3:
        return "class"
    if " " not in symbol:
        return "subclass"
    return "main_group" if symbol.endswith("/00") else "subgroup"


GBT_LEVELS = ("section", "division", "group", "class")
_GBT_LEVEL_ZH = {"门类": "section", "大类": "division", "中类": "group", "小类": "class"}
_GBT_CODE = re.compile(r"^(?:[A-T]|\d{2,4})$")


def gbt_level(code: str) -> str:
    return {1: "section", 2: "division", 3: "group", 4: "class"}[len(code)]


_SEI_CODE = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}$")
_INDUSTRY = re.compile(r"^\d{4}$")
_YES = {"是", "y", "yes", "true", "1", "*", "部分"}
_NO = {"否", "n", "no", "false", "0", ""}
_KEYWORD_SEP = re.compile(r"[;；、,，\n]+")
_IPC_LIST_SEP = re.compile(r"[、,，;；\n]+")


def yes_no(value: str, *, default: str) -> str | None:
    """是/否 from the spellings offices use (是, Y, yes, 1, *, 部分 / 否, N, no, 0); None if unreadable."""
    v = to_halfwidth(value).strip().lower()
    if not v:
        return default
    return "是" if v in _YES else "否" if v in _NO else None


def keyword_list(value: str) -> str:
    """Literal keyword terms joined by ``;`` (the file may separate them by ; ； 、 , ，)."""
    terms = (t.strip() for t in _KEYWORD_SEP.split(value))
    return ";".join(t for t in terms if t)


# --- table specs ---------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    zh: str  # description, and the Chinese header an office file may use
    aliases: tuple[str, ...] = ()  # other accepted headers
    required: bool = True  # the column must be present
    nonempty: bool = True  # every row must have a value


@dataclass(frozen=True)
class Spec:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    fill_down: tuple[str, ...] = ()  # merged cells in office workbooks: blank means "as above"
    check: Callable[[dict[str, str]], list[tuple[str, str, str]] | dict[str, str]] | None = field(default=None)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _check_ipc(row: dict[str, str]):
    symbol = ipc_symbol(row["symbol"])
    level = ipc_level(symbol)
    given = row.get("level", "")
    if given:
        given = _IPC_LEVEL_ZH.get(given, given.lower())
        if given != level:
            return [("level", f"与分类号「{symbol}」的层级（{level}）不符", f"does not match the level of '{symbol}' ({level})")]
    return {"symbol": symbol, "level": level}


def _check_sei(row: dict[str, str]):
    problems = []
    code = to_halfwidth(row["sei_code"]).strip()
    if not _SEI_CODE.match(code):
        problems.append(("sei_code", "不是战略性新兴产业分类代码（如 1.5）", "not a strategic emerging industry code (e.g. 1.5)"))
    symbol = ipc_symbol(row["ipc"])
    if ipc_level(symbol) in ("section", "class"):
        problems.append(("ipc", "参照关系只能给到小类、主组或分组", "an entry must be a subclass, main group or subgroup"))
    keywords = keyword_list(row.get("keywords", ""))
    required = yes_no(row.get("keyword_required", ""), default="是" if keywords else "否")
    if required is None:
        problems.append(("keyword_required", "应为「是」或「否」", "must be 是 (keywords needed) or 否"))
    return problems or {"sei_code": code, "ipc": symbol, "keywords": keywords, "keyword_required": required}


def _check_pi(row: dict[str, str]):
    code = to_halfwidth(row["industry_code"]).strip()
    partial = to_halfwidth(row.get("partial", "")).strip().lower()
    if code.endswith("*"):  # the official table marks partial classes with *
        code, partial = code[:-1].strip(), partial or "*"
    problems = []
    if not _INDUSTRY.match(code):
        problems.append(("industry_code", "不是 4 位国民经济行业小类代码", "not a 4-digit GB/T 4754 class code"))
    partial = yes_no(partial, default="否")
    if partial is None:
        problems.append(("partial", "应为「是」或「否」", "must be 是 (partial) or 否"))
    return problems or {"industry_code": code, "partial": partial}


def _check_gbt(row: dict[str, str]):
    code = to_halfwidth(row["code"]).strip().upper()
    if not _GBT_CODE.match(code):
        return [("code", "不是国民经济行业代码（门类字母、2/3/4 位数字）", "not a GB/T 4754 code (section letter or 2-4 digits)")]
    level = gbt_level(code)
    given = row.get("level", "")
    if given and _GBT_LEVEL_ZH.get(given, given.lower()) != level:
        return [("level", f"与代码「{code}」的层级（{level}）不符", f"does not match the level of '{code}' ({level})")]
    parent = to_halfwidth(row.get("parent", "")).strip().upper()
    expected = {"section": "", "group": code[:2], "class": code[:3]}.get(level)
    if level == "division":
        if not re.match(r"^[A-T]$", parent):
            return [("parent", "大类的上级应为门类字母", "the parent of a division must be a section letter")]
    elif parent and parent != expected:
        return [("parent", f"上级应为「{expected}」", f"the parent must be '{expected}'")]
    return {"code": code, "level": level, "parent": expected if level != "division" else parent}


SPECS: dict[str, Spec] = {
    "ipc": Spec(
        "ipc",
        (
            Column("symbol", "分类号", ("IPC", "符号")),
            Column("level", "层级", ("级别",), required=False, nonempty=False),
            Column("title", "中文标题", ("标题", "类名", "名称"), nonempty=False),
        ),
        key=("symbol",),
        check=_check_ipc,
    ),
    "sei_ipc_2021": Spec(
        "sei_ipc_2021",
        (
            Column("sei_code", "战略性新兴产业分类代码", ("代码", "产业代码")),
            Column("sei_name", "战略性新兴产业分类名称", ("名称", "产业名称")),
            Column("ipc", "国际专利分类号", ("国际专利分类", "IPC", "IPC分类号")),
            Column("keywords", "关键词", required=False, nonempty=False),
            Column("keyword_required", "需关键词(是/否)", ("是否需关键词",), required=False, nonempty=False),
            Column("note", "备注", ("说明", "关键词概述"), required=False, nonempty=False),
            Column("rule_id", "来源规则号", required=False, nonempty=False),
        ),
        key=("sei_code", "ipc", "keywords", "note"),
        fill_down=("sei_code", "sei_name"),
        check=_check_sei,
    ),
    "pi_industries_2019": Spec(
        "pi_industries_2019",
        (
            Column("category_code", "大类代码", required=False, nonempty=False),
            Column("category_name", "大类名称"),
            Column("group_code", "中类代码", required=False, nonempty=False),
            Column("group_name", "中类名称"),
            Column("industry_code", "行业代码", ("国民经济行业代码", "小类代码")),
            Column("industry_name", "行业名称", ("国民经济行业名称", "小类名称")),
            Column("partial", "部分(是/否)", ("部分", "是否部分"), required=False, nonempty=False),
        ),
        key=("industry_code",),
        fill_down=("category_code", "category_name", "group_code", "group_name"),
        check=_check_pi,
    ),
    "gbt4754_2017": Spec(
        "gbt4754_2017",
        (
            Column("code", "代码", ("行业代码",)),
            Column("level", "层级", required=False, nonempty=False),
            Column("name", "类别名称", ("名称", "行业名称")),
            Column("parent", "上级代码", ("上级",), required=False, nonempty=False),
        ),
        key=("code",),
        check=_check_gbt,
    ),
}

# The official GB/T 4754 layout: one column per level, the code in the column of its level.
_GBT_OFFICIAL = ("门类", "大类", "中类", "小类")


def _header_map(spec: Spec, header: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, raw in enumerate(header):
        h = clean_text(raw)
        for col in spec.columns:
            if col.name not in found and h in (col.name, col.zh, *col.aliases):
                found[col.name] = i
                break
    return found


def _gbt_official_rows(header: Sequence[str], rows: Iterable[tuple[int, Sequence[object]]]):
    """Rows of the official layout (门类/大类/中类/小类/类别名称) as code/name/parent rows."""
    heads = [clean_text(h) for h in header]
    pos = {h: heads.index(h) for h in (*_GBT_OFFICIAL, "类别名称") if h in heads}
    section = ""
    for number, cells in rows:
        cell = lambda h: clean_text(cells[pos[h]]) if h in pos and pos[h] < len(cells) and cells[pos[h]] is not None else ""  # noqa: E731
        name = cell("类别名称")
        for level in _GBT_OFFICIAL:
            code = to_halfwidth(cell(level)).strip().upper()
            if not code:
                continue
            if level == "门类":
                section = code
            yield number, {"code": code, "name": name, "parent": section if level == "大类" else ""}


def normalise(name: str, header: Sequence[object], rows: Iterable[Sequence[object]], *, first_row: int = 2) -> list[dict[str, str]]:
    """Canonical rows of table ``name`` from a file's header and rows, or :class:`ReferenceError`."""
    spec = SPECS[name]
    header = ["" if h is None else str(h) for h in header]
    numbered = ((first_row + i, r) for i, r in enumerate(rows))
    if name == "gbt4754_2017" and {"门类", "类别名称"} <= {clean_text(h) for h in header}:
        records = list(_gbt_official_rows(header, numbered))
    else:
        cols = _header_map(spec, header)
        missing = [c for c in spec.columns if c.required and c.name not in cols]
        if missing:
            raise ReferenceError(
                [RowProblem(1, c.name, "", f"缺少必需的列（表头可写「{c.name}」或「{c.zh}」）", f"required column missing (header '{c.name}' or '{c.zh}')") for c in missing]
            )
        records = [
            (n, {c: clean_text(cells[i]) if i < len(cells) and cells[i] is not None else "" for c, i in cols.items()})
            for n, cells in numbered
        ]
    return _validate(spec, records)


def _validate(spec: Spec, records: list[tuple[int, dict[str, str]]]) -> list[dict[str, str]]:
    problems: list[RowProblem] = []
    out: list[dict[str, str]] = []
    seen: dict[tuple[str, ...], int] = {}
    above: dict[str, str] = {}
    for number, raw in records:
        if not any(raw.values()):
            continue  # blank line
        row = {c: raw.get(c, "") for c in spec.column_names}
        for c in spec.fill_down:
            if row[c]:
                above[c] = row[c]
            else:
                row[c] = above.get(c, "")
        if spec.name == "sei_ipc_2021" and row["ipc"]:
            symbols = [s for s in _IPC_LIST_SEP.split(row["ipc"]) if s.strip()]
        else:
            symbols = [row.get("ipc", "")]
        for symbol in symbols:
            r = dict(row, ipc=symbol) if spec.name == "sei_ipc_2021" else row
            bad = [c for c in spec.columns if c.nonempty and not r[c.name]]
            for c in bad:
                problems.append(RowProblem(number, c.name, "", "不能为空", "must not be empty"))
            if bad:
                continue
            try:
                result = spec.check(r) if spec.check else {}
            except Problem as e:
                column = "symbol" if spec.name == "ipc" else "ipc"
                problems.append(RowProblem(number, column, r[column], e.zh, e.en))
                continue
            if isinstance(result, list):
                problems.extend(RowProblem(number, c, r[c], zh, en) for c, zh, en in result)
                continue
            r.update(result)
            key = tuple(r[k] for k in spec.key)
            if key in seen:
                problems.append(
                    RowProblem(number, spec.key[0], key[0], f"与第{seen[key]}行重复", f"duplicates row {seen[key]}")
                )
                continue
            seen[key] = number
            out.append(r)
    if spec.name == "gbt4754_2017":
        problems.extend(_gbt_parents(out, seen))
    if problems:
        raise ReferenceError(sorted(problems, key=lambda p: p.row or 0))
    if not out:
        raise file_error("文件中没有数据行", "the file has no data rows")
    return out


def _gbt_parents(rows: list[dict[str, str]], seen: dict[tuple[str, ...], int]) -> list[RowProblem]:
    codes = {r["code"] for r in rows}
    return [
        RowProblem(seen[(r["code"],)], "parent", r["parent"], "上级代码不在表中", "the parent code is not in the table")
        for r in rows
        if r["parent"] and r["parent"] not in codes
    ]
