"""Finding a dataset's tables and reading their cells, before any value is interpreted.

A dataset is a folder of CSV files, a folder of Parquet files, or one ``.xlsx`` workbook.
Readers return :class:`RawTable`: the cells as the file holds them (text for CSV; what Excel
stored for xlsx; typed values for Parquet), keyed by the contract's English column name, with
the row number a user sees beside each record. Interpreting the cells is ipzone.validation's job.

Problems with the files themselves (empty, binary, truncated, too large, ragged rows, missing
required columns) are findings too, so one run reports everything at once.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ipzone import contract
from ipzone.findings import ERROR, WARNING, Finding
from ipzone.values import to_halfwidth

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Largest files read into memory; bigger ones are refused before reading."""

    csv_bytes: int = 2048 * MiB
    xlsx_bytes: int = 200 * MiB
    parquet_bytes: int = 8192 * MiB


@dataclass
class RawTable:
    table: contract.Table
    file: Path
    sheet: str | None = None
    columns: dict = field(default_factory=dict)  # English name -> raw cells (a list, or an Arrow column)
    headers: dict[str, str] = field(default_factory=dict)  # English name -> header as written
    rows: list[int] = field(default_factory=list)  # row number a user sees, per record
    typed: bool = False  # Parquet: cells already carry types

    @property
    def num_rows(self) -> int:
        return len(self.rows)

    @property
    def where(self) -> str:
        return f"{self.file.name}[{self.sheet}]" if self.sheet else self.file.name


def _finding(level, rule, zh, en, *, file: Path, table: contract.Table | None = None, **kw) -> Finding:
    return Finding(
        level,
        rule,
        zh,
        en,
        file=file.name,
        table=table.stem if table else None,
        table_zh=table.zh if table else None,
        **kw,
    )


# --- headers ---------------------------------------------------------------------------


def normalize_header(text: object) -> str:
    """``（ 申请号 ）`` and `` ★申请号`` both become ``申请号``; English names lower-case."""
    s = to_halfwidth(str(text)).replace("★", "").replace("*", "")
    return re.sub(r"\s+", "", s).lower()


def header_index(table: contract.Table) -> dict[str, str]:
    """Normalised Chinese and English column names → the column's English name."""
    return {
        **{normalize_header(c.zh): c.name for c in table.columns},
        **{normalize_header(c.name): c.name for c in table.columns},
    }


_HEADER_INDEX: dict[str, dict[str, str]] = {t.stem: header_index(t) for t in contract.TABLES}


def map_headers(table: contract.Table, headers: list[object], *, file: Path, sheet: str | None = None):
    """Which file column holds which contract column; findings for duplicates, unknown and missing."""
    index = _HEADER_INDEX.get(table.stem) or header_index(table)  # a table declared beside the contract
    positions: dict[str, int] = {}
    written: dict[str, str] = {}
    findings: list[Finding] = []
    header_row = 1
    for i, header in enumerate(headers):
        shown = "" if header is None else str(header).strip()
        if not shown:
            continue
        key = normalize_header(shown)
        # a unit in brackets after the name, as templates often print it: 质押金额（万元）
        name = index.get(key) or index.get(re.sub(r"\([^()]*\)$", "", key))
        if name is None:
            findings.append(
                _finding(
                    WARNING,
                    "unknown_column",
                    "不是本表的列，已忽略",
                    "not a column of this table; ignored",
                    file=file,
                    table=table,
                    row=header_row,
                    column=shown,
                )
            )
            continue
        if name in positions:
            findings.append(
                _finding(
                    ERROR,
                    "duplicate_column",
                    f"列「{table.column(name).zh}」出现了两次（第 {positions[name] + 1} 列和第 {i + 1} 列）",
                    f"column {name} appears twice (columns {positions[name] + 1} and {i + 1})",
                    file=file,
                    table=table,
                    row=header_row,
                    column=shown,
                )
            )
            continue
        positions[name] = i
        written[name] = shown
    for c in table.columns:
        if c.name not in positions and (c.required and c.default is None):
            findings.append(
                _finding(
                    ERROR,
                    "missing_column",
                    f"缺少必填列「{c.zh}」（{c.name}）",
                    f"the required column {c.name} ({c.zh}) is missing",
                    file=file,
                    table=table,
                    row=header_row,
                    column=c.zh,
                )
            )
    return positions, written, findings


# --- CSV -------------------------------------------------------------------------------

_BINARY_MAGIC = {
    b"PK\x03\x04": "ZIP/xlsx",
    b"%PDF": "PDF",
    b"\xd0\xcf\x11\xe0": "旧版 Excel (.xls) / legacy Excel (.xls)",
    b"PAR1": "Parquet",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"\x1f\x8b": "gzip",
}


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, else GB18030 (a superset of GBK and GB2312)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return data.decode("gb18030"), "gb18030"


def utf8_body(data: bytes) -> bytes | None:
    """The bytes without a BOM when they are valid UTF-8 (checked by Arrow without decoding), else None."""
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    offsets = pa.py_buffer(np.array([0, len(body)], dtype=np.int64))
    try:
        pa.LargeStringArray.from_buffers(1, offsets, pa.py_buffer(body)).validate(full=True)
    except pa.ArrowInvalid:
        return None
    return body


def _binary_kind(head: bytes) -> str | None:
    for magic, kind in _BINARY_MAGIC.items():
        if head.startswith(magic):
            return kind
    if b"\x00" in head:
        return "二进制 / binary"
    return None


def read_csv(table: contract.Table, path: Path, limits: Limits = Limits()) -> tuple[RawTable | None, list[Finding]]:
    size = path.stat().st_size
    if size > limits.csv_bytes:
        return None, [_too_large(table, path, size, limits.csv_bytes)]
    if size == 0:
        return None, [
            _finding(ERROR, "file.empty", "文件为空（连表头都没有）", "the file is empty (not even a header)", file=path, table=table)
        ]
    data = path.read_bytes()
    kind = _binary_kind(data[:8192])
    if kind:
        return None, [
            _finding(
                ERROR,
                "file.binary",
                f"不是 CSV 文本文件（看起来是 {kind} 文件）",
                f"not a CSV text file (it looks like a {kind} file)",
                file=path,
                table=table,
            )
        ]
    body = utf8_body(data)
    if body is None:  # not UTF-8: GB18030 (GBK), transcoded once for the parser
        try:
            body = data.decode("gb18030").encode("utf-8")
        except UnicodeDecodeError as e:
            return None, [
                _finding(
                    ERROR,
                    "file.encoding",
                    f"文件编码既不是 UTF-8 也不是 GB18030/GBK（第 {e.start + 1} 字节）",
                    f"the file is neither UTF-8 nor GB18030/GBK (byte {e.start + 1})",
                    file=path,
                    table=table,
                    row=data.count(b"\n", 0, e.start) + 1,
                )
            ]
    del data
    first = body[: body.find(b"\n") + 1 if b"\n" in body else len(body)].decode("utf-8")
    header_line = next(csv.reader(io.StringIO(first)), [])
    if not any(h.strip() for h in header_line):
        return None, [
            _finding(ERROR, "file.no_header", "第 1 行应为表头，但为空", "row 1 should be the header, but it is empty", file=path, table=table, row=1)
        ]
    positions, written, findings = map_headers(table, header_line, file=path)
    if any(f.level == ERROR for f in findings):
        return None, findings
    raw = RawTable(table, path, headers=written)
    body_problems = _read_csv_fast(raw, body, len(header_line), positions)
    if body_problems is None:  # something irregular: read it slowly, with exact row numbers
        body_problems = _read_csv_exact(raw, body.decode("utf-8"), len(header_line), positions)
    return (None if body_problems else raw), findings + body_problems


def _read_csv_fast(raw: RawTable, body: bytes, width: int, positions: dict[str, int]) -> list[Finding] | None:
    """pyarrow's parser for regular files (UTF-8 bytes); None when the file needs the exact path."""
    if re.search(rb"\n[ \t\r]*\n", body) or (b'"' in body and re.search(rb'"[^"\n]*\n', body)):
        return None  # blank lines or line breaks inside quotes: row numbers need care
    ragged = []
    names = [f"c{i}" for i in range(width)]
    try:
        t = pacsv.read_csv(
            pa.BufferReader(body),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, block_size=64 * MiB),
            parse_options=pacsv.ParseOptions(invalid_row_handler=lambda r: ragged.append(r) or "skip"),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=False, quoted_strings_can_be_null=False
            ),
        )
    except pa.ArrowInvalid:
        return None
    if ragged:
        return None
    for name, i in positions.items():
        raw.columns[name] = t.column(i)  # made Python values one column at a time, while parsed
    raw.rows = list(range(2, t.num_rows + 2))
    return []


def _read_csv_exact(raw: RawTable, text: str, width: int, positions: dict[str, int]) -> list[Finding]:
    findings: list[Finding] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)
    cols: dict[str, list] = {name: [] for name in positions}
    rows: list[int] = []
    record_row = 1
    try:
        for record in reader:
            record_row += 1
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != width:
                findings.append(
                    _finding(
                        ERROR,
                        "file.ragged_row",
                        f"该行有 {len(record)} 列，表头有 {width} 列",
                        f"this row has {len(record)} columns, the header has {width}",
                        file=raw.file,
                        table=raw.table,
                        row=record_row,
                    )
                )
                continue
            rows.append(record_row)
            for name, i in positions.items():
                cols[name].append(record[i])
    except csv.Error as e:
        findings.append(
            _finding(
                ERROR,
                "file.csv_syntax",
                f"CSV 格式错误：{e}",
                f"CSV syntax error: {e}",
                file=raw.file,
                table=raw.table,
                row=record_row,
            )
        )
    raw.columns, raw.rows = cols, rows
    return findings


def _too_large(table, path: Path, size: int, limit: int) -> Finding:
    return _finding(
        ERROR,
        "file.too_large",
        f"文件过大（{size / MiB:,.0f} MiB，上限 {limit / MiB:,.0f} MiB）；请拆分，或转为 Parquet 后读取",
        f"the file is too large ({size / MiB:,.0f} MiB, limit {limit / MiB:,.0f} MiB); split it, or convert it to Parquet",
        file=path,
        table=table,
    )


# --- xlsx ------------------------------------------------------------------------------


IGNORED_SHEETS = frozenset({"填表说明"})  # the notes sheet of ipzone's own template


def read_workbook(
    path: Path, limits: Limits = Limits(), declared: tuple[contract.Table, ...] = contract.TABLES,
    what: tuple[str, str] = ("数据规范", "the data contract"),
) -> tuple[list[RawTable], list[Finding]]:
    """The sheets of the ``declared`` tables (by default the contract's; ``what`` names them in messages)."""
    from python_calamine import CalamineWorkbook

    size = path.stat().st_size
    if size > limits.xlsx_bytes:
        return [], [_too_large(None, path, size, limits.xlsx_bytes)]
    if size == 0:
        return [], [_finding(ERROR, "file.empty", "文件为空", "the file is empty", file=path)]
    if not zipfile.is_zipfile(path):
        return [], [
            _finding(
                ERROR,
                "file.not_xlsx",
                "不是 .xlsx 工作簿（文件不完整、已损坏，或是其他格式改了扩展名）",
                "not an .xlsx workbook (truncated, damaged, or another format renamed)",
                file=path,
            )
        ]
    try:
        wb = CalamineWorkbook.from_path(str(path))
        sheet_names = list(wb.sheet_names)
    except Exception as e:  # calamine raises its own error types for damaged workbooks
        return [], [
            _finding(
                ERROR,
                "file.damaged",
                f"工作簿已损坏或不完整，无法读取：{e}",
                f"the workbook is damaged or incomplete and cannot be read: {e}",
                file=path,
            )
        ]
    findings: list[Finding] = []
    tables: list[RawTable] = []
    by_name = {}
    for name in sheet_names:
        key = normalize_header(name)
        t = next((t for t in declared if key in (t.stem, normalize_header(t.zh))), None)
        if t is None and name in IGNORED_SHEETS:
            continue
        if t is None:
            findings.append(
                _finding(
                    WARNING,
                    "unknown_table",
                    f"工作表「{name}」不是{what[0]}中的表，已忽略",
                    f"the sheet {name!r} is not a table of {what[1]}; ignored",
                    file=path,
                )
            )
            continue
        if t.stem in by_name:
            findings.append(
                _finding(
                    ERROR,
                    "duplicate_table",
                    f"工作表「{by_name[t.stem]}」和「{name}」是同一张表",
                    f"the sheets {by_name[t.stem]!r} and {name!r} are the same table",
                    file=path,
                    table=t,
                )
            )
            continue
        by_name[t.stem] = name
        try:
            cells = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as e:
            findings.append(
                _finding(
                    ERROR,
                    "file.damaged",
                    f"工作表「{name}」无法读取：{e}",
                    f"the sheet {name!r} cannot be read: {e}",
                    file=path,
                    table=t,
                )
            )
            continue
        raw, sheet_findings = _sheet_table(t, path, name, cells)
        findings.extend(sheet_findings)
        if raw is not None:
            tables.append(raw)
    if not by_name:
        example = next((t for t in declared if t.stem == "patents"), declared[0])
        findings.append(
            _finding(
                ERROR,
                "no_tables",
                f"工作簿中没有任何{what[0]}中的表（工作表应以表名命名，如 {example.stem} 或 {example.zh}）",
                f"the workbook has no table of {what[1]} (name sheets by table, e.g. {example.stem} or {example.zh})",
                file=path,
            )
        )
    return tables, findings


def _sheet_table(table: contract.Table, path: Path, sheet: str, cells: list[list]) -> tuple[RawTable | None, list[Finding]]:
    def blank(row):
        return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)

    header_at = next((i for i, row in enumerate(cells) if not blank(row)), None)
    if header_at is None:
        return None, [
            _finding(ERROR, "file.empty", f"工作表「{sheet}」为空", f"the sheet {sheet!r} is empty", file=path, table=table)
        ]
    positions, written, findings = map_headers(table, cells[header_at], file=path, sheet=sheet)
    findings = [
        Finding(f.level, f.rule, f.zh, f.en, f.file, f.table, f.table_zh, header_at + 1, f.column, f.value) for f in findings
    ]
    if any(f.level == ERROR for f in findings):
        return None, findings
    raw = RawTable(table, path, sheet=sheet, headers=written)
    raw.columns = {name: [] for name in positions}
    for i in range(header_at + 1, len(cells)):
        row = cells[i]
        if blank(row):
            continue
        raw.rows.append(i + 1)
        for name, j in positions.items():
            raw.columns[name].append(row[j] if j < len(row) else None)
    return raw, findings


# --- Parquet ---------------------------------------------------------------------------


def read_parquet(table: contract.Table, path: Path, limits: Limits = Limits()) -> tuple[RawTable | None, list[Finding]]:
    size = path.stat().st_size
    if size > limits.parquet_bytes:
        return None, [_too_large(table, path, size, limits.parquet_bytes)]
    try:
        t = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as e:
        return None, [
            _finding(
                ERROR,
                "file.damaged",
                f"Parquet 文件已损坏或不完整：{e}",
                f"the Parquet file is damaged or incomplete: {e}",
                file=path,
                table=table,
            )
        ]
    positions, written, findings = map_headers(table, t.column_names, file=path)
    if any(f.level == ERROR for f in findings):
        return None, findings
    raw = RawTable(table, path, headers=written, typed=True)
    for name, i in positions.items():
        raw.columns[name] = t.column(i)  # made Python values one column at a time, while parsed
    raw.rows = list(range(2, t.num_rows + 2))
    return raw, findings


# --- a whole dataset ---------------------------------------------------------------------

READERS = {".csv": read_csv, ".parquet": read_parquet}


def table_for_file(path: Path) -> contract.Table | None:
    key = normalize_header(path.stem)
    return next((t for t in contract.TABLES if key in (t.stem, normalize_header(t.zh))), None)


def read_source(source: Path, limits: Limits = Limits(), progress=None) -> tuple[list[RawTable], list[Finding]]:
    """Every contract table the source holds, and every finding about its files.

    ``progress(stem)`` is called before each table file is read.
    """
    source = Path(source)
    if not source.exists():
        return [], [
            Finding(ERROR, "source.missing", f"找不到 {source}", f"{source} does not exist", file=str(source))
        ]
    if source.is_file():
        if source.suffix.lower() in (".xlsx", ".xlsm"):
            return read_workbook(source, limits)
        return [], [
            Finding(
                ERROR,
                "source.kind",
                "数据集应为 CSV 文件夹、Parquet 文件夹或一个 .xlsx 工作簿",
                "a dataset is a folder of CSV files, a folder of Parquet files, or one .xlsx workbook",
                file=source.name,
            )
        ]
    findings: list[Finding] = []
    tables: list[RawTable] = []
    chosen: dict[str, Path] = {}
    for path in sorted(_data_files(source)):
        t = table_for_file(path)
        if t is None:
            findings.append(
                Finding(
                    WARNING,
                    "unknown_table",
                    f"文件「{path.name}」不是数据规范中的表，已忽略",
                    f"the file {path.name!r} is not a table of the data contract; ignored",
                    file=path.name,
                )
            )
            continue
        if t.stem in chosen:
            findings.append(
                Finding(
                    ERROR,
                    "duplicate_table",
                    f"「{chosen[t.stem].name}」和「{path.name}」是同一张表，只能保留一个",
                    f"{chosen[t.stem].name!r} and {path.name!r} are the same table; keep one",
                    file=path.name,
                    table=t.stem,
                    table_zh=t.zh,
                )
            )
            continue
        chosen[t.stem] = path
        if progress:
            progress(t.stem)
        raw, file_findings = READERS[path.suffix.lower()](t, path, limits)
        findings.extend(file_findings)
        if raw is not None:
            tables.append(raw)
    if not chosen:
        findings.append(
            Finding(
                ERROR,
                "no_tables",
                "文件夹中没有任何数据规范中的表（文件应以表名命名，如 patents.csv 或 专利.csv）",
                "the folder has no table of the data contract (name files by table, e.g. patents.csv or 专利.csv)",
                file=source.name,
            )
        )
    return tables, findings


def _data_files(folder: Path) -> Iterator[Path]:
    for path in folder.iterdir():
        if path.is_file() and path.suffix.lower() in READERS and not path.name.startswith((".", "~$")):
            yield path
