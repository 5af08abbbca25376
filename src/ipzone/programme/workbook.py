"""Reading and writing filing workbooks in the contract's template style.

A filing workbook is an ``.xlsx`` with one sheet per filing table (named by its Chinese or English
name), headers in Chinese or English, ★ and units in brackets ignored, a 填表说明 sheet ignored: the
reader, the cell parsers and their messages are the data contract's own (``ipzone.readers``,
``ipzone.validation``). References to the database (entities, patents …) are checked by the
caller, which knows the database.
"""

from __future__ import annotations

from pathlib import Path

from ipzone import readers, validation
from ipzone.findings import Report
from ipzone.programme import filings
from ipzone.templates import write_template

WHAT = ("备案表", "the filing tables")


def read(path: Path, tables: tuple = filings.TABLES, limits: readers.Limits = readers.Limits(),
         what: tuple[str, str] = WHAT) -> tuple[dict[str, validation.Parsed], Report]:
    """The sheets of ``tables`` in the workbook, parsed and checked on their own (cells, keys, date
    order); ``what`` names the tables in messages. Findings of reading are in the report; those of
    each table stay on its ``Parsed`` until the caller has added its own (references) and extends
    the report with them."""
    raws, findings = readers.read_workbook(Path(path), limits, declared=tables, what=what)
    report = Report(list(findings))
    parsed: dict[str, validation.Parsed] = {}
    order = {t.stem: i for i, t in enumerate(tables)}
    for raw in sorted(raws, key=lambda r: order[r.table.stem]):
        p = validation.parse_table(raw)
        validation.check_keys(p)
        validation.check_date_orders(p)
        parsed[raw.table.stem] = p
    return parsed, report


def records(p: validation.Parsed) -> list[tuple[int, dict]]:
    """(row number as the user sees it, contract row) for every row without an error."""
    bad = {f.row for f in p.findings if f.level == "error"}
    names = [c.name for c in p.table.columns]
    out = []
    for i, row_no in enumerate(p.raw.rows):
        if i in p.bad or row_no in bad:
            continue
        out.append((row_no, {n: p.columns[n][i] for n in names}))
    return out


def template(path: Path, tables: tuple = filings.TABLES, rows: dict[str, list[dict]] | None = None) -> Path:
    """The blank filing template (or, with ``rows``, an export that imports back)."""
    return write_template(Path(path), tables, rows)
