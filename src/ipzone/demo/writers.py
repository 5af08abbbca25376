"""Chunked writers: one file per contract table, CSV (Chinese headers) or Parquet (English names).

A chunk is a dict of English column name → list of Python values, ``None`` for an empty cell.
Dates arrive as ``YYYY-MM-DD`` text, booleans as ``bool``, lists as lists, money as ``float`` in
万元. CSV cells are written as the contract reads them (是/否, ``;``-joined lists); Parquet columns
take the Arrow types of ``contract.Table.arrow_schema``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ipzone import contract

Progress = Callable[[str, int, int | None], None]

SLICE = 50_000  # rows per write: bounds the memory of one CSV or Parquet batch

LIST_KINDS = (contract.ENUM_LIST, contract.TEXT_LIST, contract.APPNO_LIST, contract.CODE_LIST, contract.IPC_LIST)


def _number(v: float) -> str:
    if v == int(v):
        return str(int(v))
    return f"{v:.2f}".rstrip("0")


def _cell_formatter(kind: str) -> Callable[[object], str] | None:
    """How a value becomes a CSV cell; ``None``: as is (text and whole numbers; csv writes None as empty)."""
    if kind == contract.BOOL:
        return lambda v: "" if v is None else ("是" if v else "否")
    if kind in (contract.AMOUNT, contract.SCORE):
        return lambda v: "" if v is None else _number(v)
    if kind in LIST_KINDS:
        return lambda v: "" if not v else ";".join(v)
    return None


class TableWriter:
    """Writes one table in chunks; ``rows`` counts what was written."""

    def __init__(self, folder: Path, table: contract.Table, fmt: str, progress: Progress | None = None, total: int | None = None):
        self.table = table
        self.fmt = fmt
        self.progress = progress
        self.total = total
        self.rows = 0
        self._names = [c.name for c in table.columns]
        if fmt == "csv":
            self.path = folder / f"{table.stem}.csv"
            self._file = self.path.open("w", encoding="utf-8", newline="")
            self._csv = csv.writer(self._file, lineterminator="\n")
            self._csv.writerow([c.zh for c in table.columns])
            self._formats = [_cell_formatter(c.kind) for c in table.columns]
        elif fmt == "parquet":
            self.path = folder / f"{table.stem}.parquet"
            self._schema = table.arrow_schema
            self._parquet = pq.ParquetWriter(self.path, self._schema, compression="zstd")
        else:
            raise ValueError(f"unknown format {fmt!r}: csv or parquet")

    def write(self, chunk: dict[str, list]) -> None:
        unknown = set(chunk) - set(self._names)
        if unknown:
            raise KeyError(f"{self.table.stem}: not contract columns: {sorted(unknown)}")
        n = len(next(iter(chunk.values()))) if chunk else 0
        if n == 0:
            return
        columns = [chunk.get(name) or [None] * n for name in self._names]
        if self.fmt == "csv":
            text = [col if fmt is None else [fmt(v) for v in col] for fmt, col in zip(self._formats, columns, strict=True)]
            self._csv.writerows(zip(*text, strict=True))
        else:
            arrays = []
            for field, col in zip(self._schema, columns, strict=True):
                if pa.types.is_date32(field.type):
                    arrays.append(pa.array(col, pa.string()).cast(pa.date32()))
                else:
                    arrays.append(pa.array(col, field.type))
            self._parquet.write_table(pa.Table.from_arrays(arrays, schema=self._schema))
        self.rows += n
        if self.progress is not None:
            self.progress(self.table.stem, self.rows, self.total)

    def close(self) -> int:
        if self.fmt == "csv":
            self._file.close()
        else:
            self._parquet.close()
        return self.rows


class Output:
    """The folder being written: one writer per table, row counts when closed."""

    def __init__(self, folder: Path, fmt: str, progress: Progress | None = None):
        if fmt not in ("csv", "parquet"):
            raise ValueError(f"unknown format {fmt!r}: csv or parquet")
        self.folder = folder
        self.fmt = fmt
        self.progress = progress
        self.counts: dict[str, int] = {}

    def open(self, stem: str, total: int | None = None) -> TableWriter:
        return TableWriter(self.folder, contract.table(stem), self.fmt, self.progress, total)

    def write_all(self, stem: str, rows: dict[str, list]) -> None:
        """A table held in memory."""
        self.write_chunks(stem, [rows], len(next(iter(rows.values()))) if rows else 0)

    def write_chunks(self, stem: str, chunks: Iterable[dict[str, list]], total: int | None = None) -> None:
        """A table made a chunk at a time (each chunk written in slices of ``SLICE`` rows)."""
        w = self.open(stem, total)
        for chunk in chunks:
            n = len(next(iter(chunk.values()))) if chunk else 0
            for start in range(0, n, SLICE):
                w.write({k: v[start : start + SLICE] for k, v in chunk.items()})
        if w.rows == 0 and self.progress is not None:
            self.progress(stem, 0, total)
        self.finish(w)

    def finish(self, w: TableWriter) -> None:
        self.counts[w.table.stem] = w.close()
