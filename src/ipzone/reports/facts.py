"""What a report knows: the engine's values and records, with a reason wherever one is missing.

Every number comes from ``ipzone.indicators``: ``Engine.compute`` and ``targets.trajectory`` for values,
and the engine's own relations (``Engine.relation``, the records ``explain`` lists) for the
breakdowns a report adds (pledges by bank, cases by outcome …). Nothing here re-states an
indicator's rule.

A value is missing when the engine says so: no table, no ``zone_year`` row, a zero denominator …,
or a year after the latest record of a table of yearly records (the engine's data horizon,
``Engine.horizon``): a dataset whose pledges end in 2024 has not "no pledges in 2025", it has no
2025 data, and the report says which table and which indicator instead of printing 0. Records read
for a year or a period (``rows``) follow the same horizon.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from ipzone import contract
from ipzone.indicators import catalog, references, targets
from ipzone.indicators.engine import Engine, Report, Result, horizon_what, reason_beyond_horizon
from ipzone.indicators.relations import FLOW_TABLES, REGISTRY, Ctx
from ipzone.reports.model import Value, zh_text


def table_name(stem: str) -> str:
    return f"{stem}（{contract.table(stem).zh}）"


@dataclass
class _AtDate(Ctx):
    """The engine's context for a year, judged at another date than 31 December (bulletins)."""

    at: dt.date | None = None

    @property
    def d(self) -> dt.date:  # type: ignore[override]
        return self.at


@dataclass
class Rows:
    """The records of one engine relation, or why there are none to read."""

    records: list[dict]
    missing: str | None = None

    @property
    def ok(self) -> bool:
        return self.missing is None


class Facts:
    """One engine, one counting rule; values and records per year, cached."""

    def __init__(self, eng: Engine, counting: str = "first", progress=None):
        self.eng = eng
        self.counting = counting
        self._progress = progress or (lambda step: None)
        self._reports: dict[int, Report] = {}
        self._mains: dict[int, Report] = {}
        self.missing_log: dict[str, None] = {}  # every missing value a report showed, in order

    # -- values ---------------------------------------------------------------------------------
    def report(self, year: int) -> Report:
        if year not in self._reports:
            self._progress(f"计算 {year} 年指标 / computing {year}")
            self._reports[year] = self.eng.compute(year, self.counting)
        return self._reports[year]

    def result(self, code: str, year: int) -> Result:
        return self.report(year)[code]

    def main_result(self, code: str, year: int) -> Result:
        """A main indicator's result: from the year's full report when there is one, else from a
        computation of the eight alone (the years a trend chart needs)."""
        if year in self._reports:
            return self._reports[year][code]
        if year not in self._mains:
            self._progress(f"计算 {year} 年主要指标 / computing {year}")
            self._mains[year] = self.eng.compute(year, self.counting, codes=[i.code for i in catalog.MAIN])
        return self._mains[year][code]

    def trajectory(self, code: str, year: int) -> dict:
        """The engine's trajectory to 2025 (``targets.trajectory``, as ``progress`` gives it)."""
        ind = catalog.get(code)
        res = self.result(code, year)
        return targets.trajectory(res.value, year, ind.baseline_2021, ind.target_2025, res.precision(self.counting)).as_dict()

    def precision(self, code: str, year: int) -> int:
        return self.result(code, year).precision(self.counting)

    def missing(self, code: str, year: int) -> str | None:
        """Why the indicator has no value for the year (indicator, then the engine's reason), or None."""
        return self._why(self.result(code, year))

    @staticmethod
    def _why(res: Result) -> str | None:
        if res.value is None:
            return f"{res.indicator.name}：{res.reason[0] if res.reason else '无法计算'}"
        return None

    def main_missing(self, code: str, year: int) -> str | None:
        """``missing`` for a main indicator, from ``main_result``."""
        return self._why(self.main_result(code, year))

    def value(self, code: str, year: int) -> Value:
        res = self.result(code, year)
        why = self.missing(code, year)
        if why:
            self.missing_log.setdefault(zh_text(f"{year}年{why}"))
            return Value(None, res.precision(self.counting), missing=why)
        return Value(res.value, res.precision(self.counting))

    def target(self, code: str, year: int) -> Value | None:
        res = self.result(code, year)
        return None if res.annual_target is None else Value(res.annual_target, res.precision(self.counting))

    def completion(self, code: str, year: int) -> Value | None:
        res = self.result(code, year)
        if res.annual_target is None:
            return None
        why = self.missing(code, year)
        return Value(None if why else res.completion, 1, percent=True, missing=why)

    def status(self, code: str, year: int) -> str | None:
        return None if self.missing(code, year) else self.result(code, year).status

    def change(self, code: str, year: int) -> Value:
        """This year's value minus last year's, both as shown."""
        cur, prev = self.value(code, year), self.value(code, year - 1)
        p = cur.precision
        if not cur.ok:
            return Value(None, p, missing=cur.missing, signed=True)
        if not prev.ok:
            return Value(None, p, missing=prev.missing, signed=True)
        return Value(float(cur.rounded() - prev.rounded()), p, signed=True)

    def growth(self, code: str, year: int) -> Value | None:
        """Change on last year as a share of last year's value (None when last year was 0)."""
        cur, prev = self.value(code, year), self.value(code, year - 1)
        if not cur.ok or not prev.ok or prev.rounded() == 0:
            return None
        return Value(float((cur.rounded() - prev.rounded()) / prev.rounded()), 1, percent=True, signed=True)

    # -- coverage -------------------------------------------------------------------------------
    def table_gap(self, stem: str, year: int, start: dt.date | None = None, label: str | None = None, columns: tuple[str, ...] | None = None) -> str | None:
        """Why a table of yearly records does not cover the year (or the period from ``start``), or
        None: the engine's horizon (``Engine.last_record``), which the period variant applies at a date."""
        if (stem not in FLOW_TABLES and columns is None) or stem not in self.eng.facts.present:
            return None
        last = self.eng.last_record(stem, columns)
        if last is None:  # no records at all: nothing happened (0), as the engine counts it
            return None
        if start is not None:
            if last < start:
                what = horizon_what(stem, columns)[0]
                return f"{what}最晚的记录日期为 {last.isoformat()}，没有{label}的记录（数据未覆盖{label}）"
            return None
        if last.year < year:
            return reason_beyond_horizon(stem, year, last, columns)[0]
        return None

    # -- records --------------------------------------------------------------------------------
    def relation_missing(self, name: str, year: int, start: dt.date | None = None, label: str | None = None) -> str | None:
        """Why the engine's relation cannot be read for the year (or the period from ``start``)."""
        rel = REGISTRY[name]
        for stem in rel.needs:
            if stem not in self.eng.facts.present:
                return f"数据集中没有 {table_name(stem)}表"
        for role in rel.refs:
            ref = self.eng.refs[role]
            if isinstance(ref, references.MissingRef):
                return f"参照表「{references.ROLES[role][0]}」不可用：{ref.zh}"
        for stem in rel.needs:
            why = self.table_gap(stem, year, start, label)
            if why:
                return why
        return None

    def context(self, year: int, at: dt.date | None = None) -> Ctx:
        ctx = self.eng.context(year, self.counting)
        if at is None:
            return ctx
        return _AtDate(**{f.name: getattr(ctx, f.name) for f in fields(Ctx)}, at=at)

    def rows(self, name: str, year: int, *, at: dt.date | None = None, start: dt.date | None = None, label: str | None = None, order: tuple[str, ...] = ()) -> Rows:
        """The records of the engine's relation ``name`` for the year, judged at ``at`` (default 31
        December); with ``start``, a table whose records end before it is missing for the period."""
        why = self.relation_missing(name, year, start, label)
        if why:
            return Rows([], why)
        t = self.eng.relation(name, self.context(year, at))
        if order:
            t = t.order_by(list(order))
        return Rows(self.eng.fetch(t))

    def count_missing(self, text: str) -> None:
        self.missing_log.setdefault(zh_text(text))

