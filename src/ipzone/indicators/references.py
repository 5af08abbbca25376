"""Reference tables as the engine uses them: chosen by the zone configuration, or passed in.

The engine never reads ``ipzone.reference`` behind the caller's back: ``resolve`` turns the
configuration's choices (or tables a caller passes, as the tests do) into ``RefTable`` objects
that carry the edition and coverage every output records, and ``prepare_*`` turns them into the
small typed tables the Ibis expressions join against.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from ipzone.codes import parse_ipc
from ipzone.config import ReferenceChoice, ZoneConfig
from ipzone.values import Problem, parse_bool

ROLES = {
    "sei": ("战略性新兴产业分类与国际专利分类参照关系表", "SEI–IPC concordance"),
    "patent_intensive": ("知识产权（专利）密集型产业统计分类", "patent-intensive industries"),
}


@dataclass(frozen=True)
class RefTable:
    """One reference table in use, with what every output must say about it."""

    role: str
    name: str
    edition: str
    coverage: str  # 'complete' / 'partial' / 'unknown'
    source: str
    table: pa.Table

    def describe(self) -> dict:
        return {
            "role": self.role,
            "name": self.name,
            "edition": self.edition,
            "coverage": self.coverage,
            "source": self.source,
            "rows": self.table.num_rows,
        }


@dataclass(frozen=True)
class MissingRef:
    """A reference table that could not be had; indicators that need it are null with this reason."""

    role: str
    name: str
    zh: str
    en: str

    def describe(self) -> dict:
        return {"role": self.role, "name": self.name, "available": False, "reason": f"{self.zh}（{self.en}）"}


def _strings(table: pa.Table) -> pa.Table:
    return pa.table({n: pa.array([None if v is None else str(v) for v in table[n].to_pylist()], pa.string()) for n in table.column_names})


def _read_file(path: Path) -> pa.Table:
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        return _strings(pq.read_table(path))
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    names = list(rows[0]) if rows else []
    return pa.table({n: pa.array([r[n] for r in rows], pa.string()) for n in names})


def _load(choice: ReferenceChoice) -> RefTable | MissingRef:
    label = choice.name or str(choice.path)
    if choice.path is not None:
        if not choice.path.exists():
            return MissingRef(choice.role, label, f"找不到参照表文件 {choice.path}", f"reference file not found: {choice.path}")
        return RefTable(
            choice.role,
            choice.path.stem,
            choice.edition or choice.path.stem,
            choice.coverage or "unknown",
            str(choice.path),
            _read_file(choice.path),
        )
    try:
        from ipzone import reference  # written by a colleague; absent in early trees
    except ImportError:
        return MissingRef(choice.role, label, "ipzone.reference 模块不可用", "the ipzone.reference module is not available")
    try:
        table = reference.load_table(choice.name)
        info = reference.info(choice.name)
    except Exception as e:  # noqa: BLE001 — any failure to load means: null with this reason
        return MissingRef(choice.role, label, f"无法载入参照表 {choice.name}：{e}", f"cannot load reference table {choice.name}: {e}")
    return RefTable(choice.role, choice.name, str(info.edition), str(info.coverage), str(info.source), table)


def resolve(config: ZoneConfig, given: dict[str, RefTable] | None = None) -> dict[str, RefTable | MissingRef]:
    """Every role's table: the one given by the caller, else the configuration's choice."""
    given = given or {}
    unknown = set(given) - set(ROLES)
    if unknown:
        raise KeyError(f"unknown reference roles: {sorted(unknown)}")
    return {role: given[role] if role in given else _load(config.references[role]) for role in ROLES}


# --- preparing the tables the expressions join --------------------------------------------

SEI_ENTRIES = pa.schema(
    [
        ("entry_id", pa.int64()),
        ("entry_key", pa.string()),
        ("entry_level", pa.string()),
        ("entry_lookup", pa.string()),
        ("sei_code", pa.string()),
        ("sei_name", pa.string()),
        ("needs_keywords", pa.bool_()),
    ]
)
SEI_TERMS = pa.schema([("entry_id", pa.int64()), ("term", pa.string())])
PI_CODES = pa.schema([("industry_code", pa.string())])


def ipc_level(symbol: str) -> str:
    """``subclass`` (G06N), ``main_group`` (G06N 3/00) or ``subgroup`` (G06N 3/08)."""
    if " " not in symbol:
        return "subclass"
    return "main_group" if symbol.endswith("/00") else "subgroup"


@dataclass(frozen=True)
class PreparedSei:
    entries: pa.Table
    terms: pa.Table
    skipped: tuple[str, ...]  # entries whose IPC could not be read, reported in the output
    marked_without_terms: int = 0  # marked as needing keywords but listing none: matched on IPC alone
    terms_unmarked: int = 0  # listing terms but not marked as needing them: matched on IPC alone


def prepare_sei(ref: RefTable) -> PreparedSei:
    """Entries keyed by their canonical IPC and level; keyword entries split into literal terms.

    Per the spec, the keyword filter applies only where the table marks the entry as needing
    keywords (``keyword_required`` 是) *and* lists literal terms (``keywords``). A blank or 否 cell,
    or a table without the column, marks nothing: such an entry matches on its IPC alone, and the
    output counts the entries whose terms are so left unused.
    """
    t = ref.table
    for col in ("sei_code", "ipc"):
        if col not in t.column_names:
            raise Problem(f"参照表 {ref.name} 缺少列 {col}", f"reference table {ref.name} has no column {col}")
    n = t.num_rows
    codes = t["sei_code"].to_pylist()
    names = t["sei_name"].to_pylist() if "sei_name" in t.column_names else [None] * n
    ipcs = t["ipc"].to_pylist()
    keywords = t["keywords"].to_pylist() if "keywords" in t.column_names else [None] * n
    marked = t["keyword_required"].to_pylist() if "keyword_required" in t.column_names else [None] * n
    entries, terms, skipped = [], [], []
    marked_without_terms = terms_unmarked = 0
    for i, (code, name, ipc, kw, mark) in enumerate(zip(codes, names, ipcs, keywords, marked, strict=True)):
        try:
            key = parse_ipc(ipc or "")
        except Problem:
            skipped.append(f"{code}: {ipc}")
            continue
        words = [w.strip() for w in (kw or "").replace("；", ";").split(";") if w.strip()]
        required = _yes(mark) is True
        if required and not words:
            marked_without_terms += 1
        if words and not required:
            terms_unmarked += 1
            words = []
        entries.append(
            {
                "entry_id": i,
                "entry_key": key,
                "entry_level": ipc_level(key),
                "entry_lookup": f"{ipc_level(key)}:{key}",
                "sei_code": code,
                "sei_name": name,
                "needs_keywords": bool(words),
            }
        )
        terms.extend({"entry_id": i, "term": w} for w in words)
    return PreparedSei(
        pa.Table.from_pylist(entries, schema=SEI_ENTRIES),
        pa.Table.from_pylist(terms, schema=SEI_TERMS),
        tuple(skipped),
        marked_without_terms,
        terms_unmarked,
    )


def _yes(value: object) -> bool | None:
    """是/否 as the reference tables write it; None when absent or unreadable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_bool(value)
    except Problem:
        return None


def prepare_pi(ref: RefTable) -> pa.Table:
    """The distinct 4-digit GB/T 4754-2017 classes of the patent-intensive industries."""
    if "industry_code" not in ref.table.column_names:
        raise Problem(f"参照表 {ref.name} 缺少列 industry_code", f"reference table {ref.name} has no column industry_code")
    codes = sorted({c.strip().zfill(4) for c in ref.table["industry_code"].to_pylist() if c and c.strip()})
    return pa.Table.from_pylist([{"industry_code": c} for c in codes], schema=PI_CODES)
