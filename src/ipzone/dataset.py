"""A zone dataset in memory: one typed Arrow table per contract table."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from ipzone import contract
from ipzone.findings import DatasetError, Report


@dataclass
class Dataset:
    """Every table of the contract, typed by ``contract.Table.arrow_schema``.

    A table the source did not have is present as an empty table and is absent from
    ``present``, so code can always ask ``ds["pledges"]`` and still tell "no pledges in the
    file" from "no pledges table at all".
    """

    tables: dict[str, pa.Table]
    present: frozenset[str] = frozenset()
    source: Path | None = None
    extras: dict[str, pa.Table] = field(default_factory=dict)

    def __getitem__(self, stem: str) -> pa.Table:
        return self.tables[stem]

    @classmethod
    def from_tables(cls, tables: dict[str, pa.Table | list[dict]], source: Path | None = None) -> Dataset:
        """Build from Arrow tables or lists of row dicts (English column names); the rest empty.

        Missing optional columns are filled with their default (or null). Meant for tests and
        for code that already holds validated data.
        """
        out: dict[str, pa.Table] = {}
        for t in contract.TABLES:
            schema = t.arrow_schema
            given = tables.get(t.stem)
            if given is None:
                out[t.stem] = schema.empty_table()
                continue
            if isinstance(given, pa.Table):
                given = given.to_pylist()
            rows = [{c.name: row.get(c.name, c.default) for c in t.columns} for row in given]
            out[t.stem] = pa.Table.from_pylist(rows, schema=schema)
        unknown = set(tables) - set(out)
        if unknown:
            raise KeyError(f"not contract tables: {sorted(unknown)}")
        return cls(out, frozenset(tables), source)


def check(source: Path | str, limits=None, progress=None) -> tuple[Report, Dataset | None]:
    """Read and validate a dataset: every finding, and the typed dataset when there is no error.

    ``progress(step, stem)`` hears of each step ("read", then "check") of each table.
    """
    from ipzone.readers import Limits, read_source
    from ipzone.validation import to_dataset, validate

    source = Path(source)
    report = Report()
    raws, findings = read_source(source, limits or Limits(), progress and (lambda stem: progress("read", stem)))
    report.extend(findings)
    read_ok = {raw.table.stem for raw in raws}
    unreadable = frozenset(f.table for f in findings if f.level == "error" and f.table and f.table not in read_ok)
    parsed = validate(raws, report, unreadable=unreadable, progress=progress and (lambda stem: progress("check", stem)))
    if not report.ok:
        return report, None
    return report, to_dataset(parsed, source)


def read(source: Path | str, limits=None) -> Dataset:
    """A valid dataset, or :class:`DatasetError` with every problem found."""
    report, ds = check(source, limits)
    if ds is None:
        raise DatasetError(report)
    return ds
