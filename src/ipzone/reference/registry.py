"""Where each reference table comes from: the shipped file, or the office's own installed copy."""

from __future__ import annotations

import csv
import functools
import io
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from ipzone.reference.schema import SPECS, file_error

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class TableInfo:
    name: str
    title: str
    edition: str
    source: str
    via: str
    rows: int
    coverage: str  # "complete" or "partial"
    coverage_note: str
    path: Path
    user_copy: bool


@functools.cache
def manifest() -> dict[str, dict]:
    with open(DATA / "manifest.toml", "rb") as f:
        return tomllib.load(f)["tables"]


def home() -> Path:
    """``$IPZONE_HOME/reference``, where an office's own copies live (default ``~/.ipzone``)."""
    return Path(os.environ.get("IPZONE_HOME") or Path.home() / ".ipzone") / "reference"


def user_files(name: str) -> tuple[Path, Path]:
    return home() / f"{name}.csv", home() / f"{name}.toml"


def _entry(name: str) -> dict:
    tables = manifest()
    if name not in tables:
        known = "、".join(tables)
        raise file_error(f"没有名为「{name}」的参照表（可用：{known}）", f"no reference table named '{name}' (known: {', '.join(tables)})")
    return tables[name]


def info(name: str) -> TableInfo:
    entry = _entry(name)
    csv_path, toml_path = user_files(name)
    if csv_path.exists() and toml_path.exists():
        with open(toml_path, "rb") as f:
            user = tomllib.load(f)
        return TableInfo(
            name=name,
            title=entry["title"],
            edition=user["edition"],
            source=entry["source"],
            via=f"本单位安装的官方文本 / office-installed copy: {user['source_file']} ({user['loaded_at']})",
            rows=int(user["rows"]),
            coverage="complete",
            coverage_note="由本单位安装，完整性以其官方文本为准 / installed by the office; as complete as its official copy",
            path=csv_path,
            user_copy=True,
        )
    return TableInfo(
        name=name,
        title=entry["title"],
        edition=entry["edition"],
        source=entry["source"],
        via=entry["via"],
        rows=int(entry["rows"]),
        coverage=entry["coverage"],
        coverage_note=entry["coverage_note"],
        path=DATA / entry["file"],
        user_copy=False,
    )


def list_tables() -> list[TableInfo]:
    return [info(name) for name in manifest()]


def load_table(name: str) -> pa.Table:
    """The table as Arrow, every column a string; the office's copy when one is installed."""
    table = info(name)
    return _read(str(table.path), table.path.stat().st_mtime_ns, tuple(SPECS[name].column_names))


@functools.lru_cache(maxsize=16)
def _read(path: str, mtime_ns: int, columns: tuple[str, ...]) -> pa.Table:
    """Arrow's CSV reader (C++, gzip by the suffix): every column text, "" where empty or absent."""
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(use_threads=False),  # a few thousand rows
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types={c: pa.string() for c in columns},
            include_columns=list(columns),
            include_missing_columns=True,
            strings_can_be_null=False,
        ),
    )
    # Only a column absent from the file is null (strings_can_be_null=False keeps empty cells "").
    return pa.table({c: pc.fill_null(table[c], "") if table[c].null_count else table[c] for c in columns})


def write_csv(rows: list[dict[str, str]], columns: list[str]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({c: r.get(c, "") for c in columns} for r in rows)
    return buf.getvalue().encode("utf-8")
