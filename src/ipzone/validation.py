"""Every rule of the data contract, applied to raw tables; every problem reported at once.

Three passes: cells (type, required, enumeration, identifiers), rows within a table (keys,
date order, application number against kind and filing date, conditional columns), and
references between tables. Only a dataset with no error becomes a typed :class:`Dataset`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pyarrow as pa

from ipzone import codes, contract, values
from ipzone.contract import Column, Table
from ipzone.dataset import Dataset
from ipzone.findings import ERROR, WARNING, Finding, Report
from ipzone.readers import RawTable
from ipzone.values import Problem

# Suspicious but legal: a warning above these.
LARGE_PLEDGE = 100_000  # 万元 (10 亿元)
LARGE_AMOUNT = 1_000_000  # 万元, any other amount


def _items(value) -> list:
    if isinstance(value, (list, tuple)):
        return [v for v in value if not values.is_empty(v)]
    return values.split_list(value)


def _enum(column: Column) -> Callable[[object], str]:
    choices = set(column.choices)

    def parse(value):
        text = values.normalize_choice(value)
        if text not in choices:
            raise Problem(f"「{value}」不在可选值中", f"{value!r} is not one of the allowed values")
        return text

    return parse


def _each(parse: Callable) -> Callable[[object], list]:
    def parse_list(value):
        out = []
        for item in _items(value):
            try:
                out.append(parse(item))
            except Problem as p:
                raise Problem(f"第 {len(out) + 1} 项：{p.zh}", f"item {len(out) + 1}: {p.en}") from None
        return out

    return parse_list


def _parse_ipc(value) -> str:
    return codes.parse_ipc(str(value))


PARSERS: dict[str, Callable[[object], object]] = {
    contract.TEXT: values.parse_text,
    contract.CODE: values.parse_code,
    contract.INT: values.parse_int,
    contract.YEAR: values.parse_year,
    contract.AMOUNT: values.parse_amount,
    contract.SCORE: values.parse_score,
    contract.DATE: values.parse_date,
    contract.BOOL: values.parse_bool,
    contract.TEXT_LIST: _each(values.parse_text),
    contract.USCC: codes.parse_uscc,
    contract.APPNO: codes.parse_appno,
    contract.APPNO_LIST: _each(codes.parse_appno),
    contract.CODE_LIST: _each(values.parse_code),
    contract.IPC_LIST: _each(_parse_ipc),
    contract.INDUSTRY: values.parse_industry_code,
    contract.PCT_NO: codes.parse_pct_no,
}

# Kinds whose cells repeat a lot (dates, codes of a few thousand entities): parse each
# distinct cell once. Identifiers unique per row are not worth a cache.
CACHED = {
    contract.INT,
    contract.YEAR,
    contract.AMOUNT,
    contract.SCORE,
    contract.DATE,
    contract.BOOL,
    contract.ENUM,
    contract.ENUM_LIST,
    contract.USCC,
    contract.INDUSTRY,
    contract.IPC_LIST,
}


def parser_for(column: Column) -> Callable[[object], object]:
    if column.kind == contract.ENUM:
        return _enum(column)
    if column.kind == contract.ENUM_LIST:
        return _each(_enum(column))
    return PARSERS[column.kind]


def expected(column: Column) -> tuple[str, str]:
    zh, en = contract.EXPECTED[column.kind]
    if column.choices:
        return f"{zh}：{'/'.join(column.choices)}", f"{en}: {'/'.join(column.choices)}"
    return zh, en


@dataclass
class Parsed:
    """One table's typed cells, row numbers and findings."""

    raw: RawTable
    columns: dict[str, list] = field(default_factory=dict)
    bad: set[int] = field(default_factory=set)  # record indexes with a cell error
    bad_columns: set[str] = field(default_factory=set)  # columns with a cell error
    findings: list[Finding] = field(default_factory=list)
    arrow: pa.Table | None = None  # the typed table, once the table's own rules have run

    @property
    def table(self) -> Table:
        return self.raw.table

    def finding(self, level, rule, zh, en, i: int | None, column: str | None = None, value=None) -> Finding:
        f = Finding(
            level,
            rule,
            zh,
            en,
            file=self.raw.where,
            table=self.table.stem,
            table_zh=self.table.zh,
            row=None if i is None else self.raw.rows[i],
            column=None if column is None else self.raw.headers.get(column, self.table.column(column).zh),
            value=None if value is None else _shown(value),
        )
        self.findings.append(f)
        return f


def _shown(value) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return repr(value)
    if isinstance(value, (list, tuple)):
        return ";".join(map(str, value))
    return str(value)


# --- pass 1: cells ---------------------------------------------------------------------


def parse_table(raw: RawTable) -> Parsed:
    parsed = Parsed(raw)
    n = raw.num_rows
    for column in raw.table.columns:
        cells = raw.columns.pop(column.name, None)
        if cells is None:  # an optional column the file does not have
            parsed.columns[column.name] = [column.default] * n
            continue
        parsed.columns[column.name] = _parse_column(parsed, column, cells)
        del cells
    return parsed


def _parse_column(parsed: Parsed, column: Column, cells) -> list:
    if not isinstance(cells, list):  # an Arrow column from CSV or Parquet: one column in Python at a time
        cells = cells.to_pylist()
    parse = parser_for(column)
    required = column.required and column.default is None
    exp_zh, exp_en = expected(column)
    cache: dict | None = {} if column.kind in CACHED else None
    out = [None] * len(cells)
    is_empty = values.is_empty
    blank_edge = values.BLANK_EDGE
    for i, cell in enumerate(cells):
        if cell.__class__ is str:
            if not cell or ((cell[0] in blank_edge or cell[-1] in blank_edge) and is_empty(cell)):
                cell = None
        elif cell is not None and not isinstance(cell, (list, tuple)) and is_empty(cell):
            cell = None
        if cell is None:
            if required:
                parsed.bad.add(i)
                parsed.bad_columns.add(column.name)
                parsed.finding(ERROR, "required", "必填项为空", "a required cell is empty", i, column.name)
            else:
                out[i] = column.default
            continue
        if cache is not None:
            try:
                hit = cache.get(cell, _MISS)
            except TypeError:  # an unhashable Parquet list
                hit = _MISS
            if hit is not _MISS:
                if isinstance(hit, Problem):
                    _cell_problem(parsed, column, i, cell, hit, exp_zh, exp_en)
                else:
                    out[i] = hit
                continue
        try:
            result = parse(cell)
        except Problem as p:
            result = p
            _cell_problem(parsed, column, i, cell, p, exp_zh, exp_en)
        else:
            out[i] = result
        if cache is not None:
            try:
                cache[cell] = result
            except TypeError:
                pass
    return out


_MISS = object()


def _cell_problem(parsed: Parsed, column: Column, i: int, cell, p: Problem, exp_zh: str, exp_en: str) -> None:
    parsed.bad.add(i)
    parsed.bad_columns.add(column.name)
    rule = f"type.{column.kind}"
    if column.kind in (contract.USCC, contract.APPNO, contract.APPNO_LIST):
        zh, en = p.zh, p.en  # identifier messages already say what is expected
    else:
        zh, en = f"{p.zh}；应为{exp_zh}", f"{p.en}; expected {exp_en}"
    parsed.finding(ERROR, rule, zh, en, i, column.name, cell)


# --- pass 2: rows within a table --------------------------------------------------------


def check_keys(p: Parsed) -> None:
    key = p.table.key
    if not key:
        return
    cols = [p.columns[k] for k in key]
    seen: dict = {}
    for i, k in enumerate(zip(*cols)):
        if None in k or i in p.bad:
            continue
        first = seen.setdefault(k, i)
        if first != i:
            shown = "、".join(str(v) for v in k)
            label = "、".join(p.table.column(c).zh for c in key)
            p.finding(
                ERROR,
                "duplicate_key",
                f"{label}重复：与第 {p.raw.rows[first]} 行相同",
                f"duplicate {'/'.join(key)}: the same as row {p.raw.rows[first]}",
                i,
                key[0],
                shown,
            )


def check_date_orders(p: Parsed) -> None:
    for order in p.table.date_orders:
        a, b = p.columns[order.earlier], p.columns[order.later]
        ca, cb = p.table.column(order.earlier), p.table.column(order.later)
        for i, (x, y) in enumerate(zip(a, b)):
            if x is not None and y is not None and y < x:
                p.finding(
                    ERROR,
                    "date_order",
                    f"「{cb.zh}」{y} 早于「{ca.zh}」{x}",
                    f"{cb.name} {y} is before {ca.name} {x}",
                    i,
                    order.later,
                    y.isoformat(),
                )


def check_patents(p: Parsed) -> None:
    cols = p.columns
    for i, (appno, kind, filed, granted, lapsed, reason, pct_no) in enumerate(
        zip(
            cols["application_no"],
            cols["kind"],
            cols["filing_date"],
            cols["grant_date"],
            cols["lapse_date"],
            cols["lapse_reason"],
            cols["pct_no"],
        )
    ):
        if appno is not None:
            number = codes.appno(appno)
            if kind is not None and number.kind not in (None, kind):
                p.finding(
                    ERROR,
                    "appno.kind",
                    f"申请号 {appno} 的类型位为 {number.kind_digit}（{number.kind}），与专利类型「{kind}」不符",
                    f"application number {appno} has kind digit {number.kind_digit} ({number.kind}), "
                    f"which disagrees with the patent kind {kind}",
                    i,
                    "kind",
                    kind,
                )
            elif number.kind is None:
                p.finding(
                    ERROR,
                    "appno.kind",
                    f"申请号 {appno} 的类型位 {number.kind_digit} 不是 1/2/3/8/9",
                    f"application number {appno} has kind digit {number.kind_digit}, not 1/2/3/8/9",
                    i,
                    "application_no",
                    appno,
                )
            if filed is not None:
                if number.year < filed.year:
                    p.finding(
                        ERROR,
                        "appno.year",
                        f"申请号中的年份 {number.year} 早于申请日 {filed}，不可能",
                        f"the year in the application number, {number.year}, is before the filing date {filed}: impossible",
                        i,
                        "filing_date",
                        filed.isoformat(),
                    )
                elif number.year > filed.year:
                    why_zh = "PCT 进入国家阶段的申请" if number.via_pct else "分案申请或 PCT 进入国家阶段的申请"
                    why_en = "a PCT national-phase entry" if number.via_pct else "a divisional application or a PCT national-phase entry"
                    if not number.via_pct:
                        p.finding(
                            WARNING,
                            "appno.year",
                            f"申请号中的年份 {number.year} 晚于申请日 {filed}：仅{why_zh}如此，请核对",
                            f"the year in the application number, {number.year}, is after the filing date {filed}: "
                            f"only {why_en} looks like this; please check",
                            i,
                            "filing_date",
                            filed.isoformat(),
                        )
        if lapsed is not None and granted is None:
            p.finding(
                ERROR,
                "lapse_without_grant",
                "填写了失效日，但没有授权公告日：只有授权的专利权才会失效",
                "a lapse date without a grant date: only a granted patent can lapse",
                i,
                "lapse_date",
                lapsed.isoformat(),
            )
        if lapsed is not None and reason is None:
            p.finding(ERROR, "lapse_reason", "填写了失效日，必须填写失效原因", "a lapse date needs a lapse reason", i, "lapse_reason")
        if reason is not None and lapsed is None:
            p.finding(
                ERROR,
                "lapse_reason",
                "填写了失效原因，但没有失效日",
                "a lapse reason without a lapse date",
                i,
                "lapse_date",
            )


def check_pledges(p: Parsed) -> None:
    for i, (amount, apps, marks) in enumerate(
        zip(p.columns["amount"], p.columns["application_nos"], p.columns["trademark_nos"])
    ):
        if i not in p.bad and not apps and not marks:
            p.finding(
                ERROR,
                "pledge_subject",
                "质押应至少涉及一件专利（涉及申请号）或一件商标（涉及商标注册号）",
                "a pledge names at least one patent (application_nos) or trademark (trademark_nos)",
                i,
                "application_nos",
            )
        if amount is not None and amount > LARGE_PLEDGE:
            p.finding(
                WARNING,
                "large_amount",
                f"质押金额 {amount:,.2f} 万元超过 {LARGE_PLEDGE:,} 万元（10 亿元），请核对单位是否为万元",
                f"a pledge of {amount:,.2f} 万元 is above {LARGE_PLEDGE:,} 万元 (1 billion yuan); check the unit is 万元",
                i,
                "amount",
                amount,
            )


def check_cases(p: Parsed) -> None:
    for i, (closed, outcome) in enumerate(zip(p.columns["closed_on"], p.columns["outcome"])):
        if closed is not None and outcome is None:
            p.finding(ERROR, "case_outcome", "已结案的案件必须填写结果", "a closed case needs an outcome", i, "outcome")
        elif closed is None and outcome is not None:
            p.finding(
                WARNING,
                "case_outcome",
                "案件有结果但没有结案日期，请核对",
                "a case with an outcome but no closing date; please check",
                i,
                "closed_on",
            )


def check_large_amounts(p: Parsed) -> None:
    if p.table.stem == "pledges":
        return
    for c in p.table.columns:
        if c.kind != contract.AMOUNT or c.name in ("gdp", "budget_expenditure", "rd_expenditure"):
            continue
        for i, amount in enumerate(p.columns[c.name]):
            if amount is not None and amount > LARGE_AMOUNT:
                p.finding(
                    WARNING,
                    "large_amount",
                    f"{amount:,.2f} 万元超过 {LARGE_AMOUNT:,} 万元（100 亿元），请核对单位是否为万元",
                    f"{amount:,.2f} 万元 is above {LARGE_AMOUNT:,} 万元 (10 billion yuan); check the unit is 万元",
                    i,
                    c.name,
                    amount,
                )


TABLE_RULES: dict[str, tuple[Callable[[Parsed], None], ...]] = {
    "patents": (check_patents,),
    "pledges": (check_pledges,),
    "cases": (check_cases,),
}


# --- pass 3: between tables ---------------------------------------------------------------


def _key_set(tables: dict[str, Parsed], stem: str, column: str) -> set:
    p = tables.get(stem)
    return set() if p is None else {v for v in p.columns[column] if v is not None}


def check_references(tables: dict[str, Parsed], unreadable: frozenset[str] = frozenset()) -> None:
    """Values name existing keys. A key column with cell errors is judged once it is fixed:
    until then every reference to a mistyped key would repeat the one error. The same holds
    for a table whose file could not be read at all (``unreadable``)."""
    keys: dict[tuple[str, str], set] = {}
    for p in tables.values():
        for ref in p.table.references:
            if any(
                stem in unreadable or (stem in tables and col in tables[stem].bad_columns) for stem, col in ref.targets
            ):
                continue
            allowed = set()
            for target in ref.targets:
                if target not in keys:
                    keys[target] = _key_set(tables, *target)
                allowed |= keys[target]
            names_zh = "或".join(f"{contract.table(s).zh}表（{s}）" for s, _ in ref.targets)
            names_en = " or ".join(s for s, _ in ref.targets)
            column = p.table.column(ref.column)
            listed = column.kind in (contract.APPNO_LIST, contract.CODE_LIST)
            for i, v in enumerate(p.columns[ref.column]):
                if v is None:
                    continue
                for item in v if listed else (v,):
                    if item not in allowed:
                        p.finding(
                            ERROR,
                            "reference",
                            f"{names_zh}中没有「{item}」",
                            f"{item!r} is not in {names_en}",
                            i,
                            ref.column,
                            item,
                        )


def check_owners(tables: dict[str, Parsed]) -> None:
    """Every owned patent has a first patentee; owners' 区内 agrees with the entity's."""
    owners, patents, entities = tables.get("patent_owners"), tables.get("patents"), tables.get("entities")
    if owners is None:
        return
    firsts: set = set()
    first_row: dict = {}
    for i, (appno, pos) in enumerate(zip(owners.columns["application_no"], owners.columns["position"])):
        if appno is None:
            continue
        first_row.setdefault(appno, i)
        if pos == 1:
            firsts.add(appno)
    for appno, i in first_row.items():
        if appno not in firsts:
            owners.finding(
                ERROR,
                "first_owner",
                f"专利 {appno} 列出了权利人，但没有顺序为 1 的第一权利人",
                f"patent {appno} lists owners but none at position 1 (the first patentee)",
                i,
                "position",
            )
    if patents is not None:
        for i, appno in enumerate(patents.columns["application_no"]):
            if appno is not None and appno not in first_row:
                patents.finding(
                    WARNING,
                    "no_owner",
                    "专利权人表中没有这件专利的权利人：它不会计入任何区域",
                    "no owner of this patent in patent_owners: it counts for no zone",
                    i,
                    "application_no",
                    appno,
                )
    if entities is not None:
        in_zone = dict(zip(entities.columns["uscc"], entities.columns["in_zone"]))
        for i, (uscc, flag) in enumerate(zip(owners.columns["uscc"], owners.columns["in_zone"])):
            if uscc is not None and flag is not None and uscc in in_zone and in_zone[uscc] is not None and in_zone[uscc] != flag:
                owners.finding(
                    WARNING,
                    "in_zone_disagrees",
                    f"「区内」为{'是' if flag else '否'}，但创新主体表中该单位为{'是' if in_zone[uscc] else '否'}；以创新主体表为准",
                    f"in_zone is {flag}, but entities says {in_zone[uscc]} for this uscc; entities prevails",
                    i,
                    "in_zone",
                    "是" if flag else "否",
                )


def check_industry_codes(tables: dict[str, Parsed], known: set[str] | None) -> None:
    p = tables.get("entities")
    if p is None or not known:
        return
    for i, code in enumerate(p.columns["industry_code"]):
        if code is not None and code not in known:
            p.finding(
                ERROR,
                "industry_code",
                f"{code} 不是 GB/T 4754-2017 的行业小类代码",
                f"{code} is not a GB/T 4754-2017 industry class",
                i,
                "industry_code",
                code,
            )


# --- the whole dataset --------------------------------------------------------------------


def known_industry_codes() -> set[str] | None:
    """4-digit GB/T 4754-2017 classes, when the reference table in use is complete."""
    try:
        from ipzone import reference

        info = reference.info("gbt4754_2017")
        if info.coverage != "complete":
            return None
        t = reference.load_table("gbt4754_2017")
    except Exception:  # noqa: BLE001 - no reference table: only the shape of the code is checked
        return None
    return {c for c in t.column("code").to_pylist() if c and len(c) == 4}


def cross_columns(stem: str) -> set[str]:
    """Columns the checks between tables read: kept as Python values after a table is typed."""
    keep = {ref.column for ref in contract.table(stem).references}
    for t in contract.TABLES:
        keep |= {col for ref in t.references for s, col in ref.targets if s == stem}
    return keep | OWNER_CHECK_COLUMNS.get(stem, set())


OWNER_CHECK_COLUMNS = {
    "patent_owners": {"application_no", "position", "uscc", "in_zone"},
    "patents": {"application_no"},
    "entities": {"uscc", "in_zone", "industry_code"},
}


def _typed(p: Parsed) -> None:
    """Type the table as Arrow and keep only the Python columns later checks need."""
    schema = pa.schema([f.with_nullable(True) for f in p.table.arrow_schema])
    p.arrow = pa.Table.from_arrays([pa.array(p.columns[f.name], type=f.type) for f in schema], schema=schema)
    keep = cross_columns(p.table.stem)
    p.columns = {name: col for name, col in p.columns.items() if name in keep}


def validate(
    raws: list[RawTable],
    report: Report,
    *,
    industry_codes: set[str] | None = None,
    unreadable: frozenset[str] = frozenset(),
    progress=None,
) -> dict[str, Parsed]:
    """``progress(stem)`` is called before each table's cells are parsed.

    Each table is parsed, checked on its own and typed as Arrow before the next is read into
    Python, so memory holds one table's Python values at a time plus the keys and references
    the checks between tables need.
    """
    tables = {}
    for raw in raws:
        if progress:
            progress(raw.table.stem)
        p = parse_table(raw)
        check_keys(p)
        check_date_orders(p)
        check_large_amounts(p)
        for rule in TABLE_RULES.get(p.table.stem, ()):
            rule(p)
        _typed(p)
        tables[raw.table.stem] = p
    check_references(tables, unreadable)
    if "patents" not in unreadable:
        check_owners(tables)
    check_industry_codes(tables, industry_codes if industry_codes is not None else known_industry_codes())
    for p in tables.values():
        report.extend(p.findings)
    return tables


def to_dataset(tables: dict[str, Parsed], source=None) -> Dataset:
    """The typed dataset of tables with no error (their required columns are then non-null)."""
    ds = Dataset.from_tables({}, source)
    for stem, p in tables.items():
        ds.tables[stem] = p.arrow.cast(p.table.arrow_schema)
    ds.present = frozenset(tables)
    return ds
