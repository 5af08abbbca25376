"""The contract's ``cases`` table (保护案件) as typed records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa

ESTABLISHED = "侵权成立"


@dataclass(frozen=True)
class CaseRow:
    """One row of ``cases``, with the contract's English column names."""

    case_no: str
    kind: str
    right_kind: str
    opened_on: dt.date
    holder: str
    respondent: str
    closed_on: dt.date | None = None
    respondent_uscc: str | None = None
    outcome: str | None = None
    amount: float | None = None
    typical: bool = False

    @property
    def respondent_key(self) -> str:
        """Who the respondent is: its 统一社会信用代码 when given, else its name as written
        (the engine's ``repeat_infringers`` identifies respondents the same way)."""
        return self.respondent_uscc or self.respondent.strip()

    @property
    def established(self) -> bool:
        """Infringement established (结果 = 侵权成立)."""
        return self.outcome == ESTABLISHED

    def closed_within(self, start: dt.date, end: dt.date) -> bool:
        return self.closed_on is not None and start <= self.closed_on <= end


FIELDS = tuple(CaseRow.__dataclass_fields__)


def case_rows(source) -> list[CaseRow]:
    """The case records of a ``Dataset``, an Arrow table or an iterable of row dicts."""
    if hasattr(source, "tables") and hasattr(source, "present"):
        source = source["cases"]
    rows: Iterable[dict] = source.to_pylist() if isinstance(source, pa.Table) else source
    out = []
    for r in rows:
        values = {f: r.get(f) for f in FIELDS}
        values["typical"] = bool(values["typical"])
        out.append(CaseRow(**values))
    return out
