"""Backends, loading, and executing the catalog for a year.

DuckDB (embedded) is the default; ``engine="spark"`` runs the very same Ibis expressions on a
local PySpark session. A dataset is either an in-memory ``Dataset`` (registered as Ibis
memtables) or a converted Parquet folder, which the backend reads directly (``read_parquet``)
so that 10 million patents never pass through Python objects.

Execution is one query per relation: every value over ``zone_patents`` (the high-value counts,
each criterion, inventions in force, grants) comes from one scan, and a relation's breakdowns come
from the same grouped scan as its values. ``compute`` builds the relations *screened*: each may
leave out rows no aggregate of the catalog counts (see ``relations.Ctx``), and a relation whose
aggregates all have a condition is narrowed to the rows meeting one of them. Both leave every value
unchanged; ``explain`` builds the relations whole.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import operator
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from ipzone import contract
from ipzone.config import ZoneConfig
from ipzone.indicators import catalog, references, rules, targets
from ipzone.indicators.catalog import Aggregate, Count, Indicator, Mean, Ratio, Stat, Sum
from ipzone.indicators.relations import FLOW_TABLES, REGISTRY, Ctx

ENGINES = ("duckdb", "spark")
MANIFEST = "ipzone-dataset.json"
PANDAS_WARNING = "PySpark does not yet fully support pandas"
PANDAS_COPY_WARNING = "The copy keyword is deprecated"  # pandas 3 under pyspark 4.3


class IndicatorError(Exception):
    """Something the user must fix, said in Chinese and English."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh = zh
        self.en = en


# --- backends ------------------------------------------------------------------------------


def spark_session(master: str = "local[2]"):
    """A small local Spark session suited to a zone's data (2 shuffle partitions, no UI)."""
    warnings.filterwarnings("ignore", message=PANDAS_WARNING, category=FutureWarning)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master(master)
        .appName("ipzone")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def connect(engine: str = "duckdb", *, session=None):
    """An Ibis backend: embedded DuckDB, or PySpark on ``session`` (a local[2] one by default)."""
    if engine == "duckdb":
        return ibis.duckdb.connect()
    if engine == "spark":
        return ibis.pyspark.connect(session or spark_session())
    raise IndicatorError(f"未知的计算引擎「{engine}」（可用：duckdb、spark）", f"unknown engine {engine!r} (duckdb or spark)")


# --- loading a dataset -------------------------------------------------------------------------


@dataclass
class Facts:
    tables: Mapping[str, ir.Table]
    present: frozenset[str]
    source: str


class _ParquetTables(Mapping):
    """The fact tables of a Parquet folder, each opened on the backend when first used (opening
    asks the backend for the file's schema: computing a few indicators opens only their tables)."""

    def __init__(self, con, folder: Path):
        self._con, self._folder, self._open = con, folder, {}

    def __getitem__(self, stem: str) -> ir.Table:
        if stem not in self._open:
            path = self._folder / f"{stem}.parquet"
            if path.exists():
                self._open[stem] = self._con.read_parquet(str(path), table_name=f"ipzone_{stem}")
            else:
                self._open[stem] = ibis.memtable(contract.table(stem).arrow_schema.empty_table())
        return self._open[stem]

    def __iter__(self):
        return (t.stem for t in contract.TABLES)

    def __len__(self) -> int:
        return len(contract.TABLES)


def _from_dataset(ds) -> Facts:
    tables = {stem: ibis.memtable(t) for stem, t in ds.tables.items()}
    return Facts(tables, frozenset(ds.present), str(ds.source) if ds.source else "<内存数据集>")


def _manifest_present(folder: Path) -> set[str] | None:
    path = folder / MANIFEST
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in ("present", "tables"):
        value = data.get(key)
        if isinstance(value, list):
            return {v if isinstance(v, str) else v.get("stem") for v in value}
        if isinstance(value, dict):
            return set(value)
    return None


def _from_parquet(con, folder: Path) -> Facts:
    found = {t.stem for t in contract.TABLES if (folder / f"{t.stem}.parquet").exists()}
    listed = _manifest_present(folder)
    present = found if listed is None else found & listed
    return Facts(_ParquetTables(con, folder), frozenset(present), str(folder))


def is_parquet_folder(path: Path) -> bool:
    return path.is_dir() and ((path / MANIFEST).exists() or any(path.glob("*.parquet")))


def load(con, source) -> Facts:
    """Facts from a ``Dataset`` or a converted Parquet folder."""
    if isinstance(source, (str, Path)):
        folder = Path(source)
        if not is_parquet_folder(folder):
            raise IndicatorError(f"{folder} 不是 Parquet 数据集文件夹", f"{folder} is not a Parquet dataset folder")
        return _from_parquet(con, folder)
    return _from_dataset(source)


# --- results -------------------------------------------------------------------------------------


@dataclass
class Result:
    indicator: Indicator
    value: float | None
    reason: tuple[str, str] | None = None
    breakdown: dict[str, list[dict]] = field(default_factory=dict)
    notes: list[tuple[str, str]] = field(default_factory=list)
    assumptions: list[tuple[str, str]] = field(default_factory=list)
    references: list[dict] = field(default_factory=list)
    annual_target: float | None = None
    completion: float | None = None
    status: str | None = None

    @property
    def code(self) -> str:
        return self.indicator.code

    def precision(self, counting: str) -> int:
        """Decimals shown: fractional counting makes patent counts fractional."""
        if self.indicator.patent_count and counting == "fractional":
            return max(self.indicator.precision, 2)
        return self.indicator.precision


@dataclass
class Report:
    year: int
    counting: str
    engine: str
    zone_name: str
    source: str
    results: list[Result]
    references: list[dict]
    assumptions: list[tuple[str, str]]

    def __getitem__(self, code: str) -> Result:
        for r in self.results:
            if r.code == code:
                return r
        raise KeyError(code)

    def values(self) -> dict[str, float | None]:
        return {r.code: r.value for r in self.results}


# --- the engine ----------------------------------------------------------------------------------


def _aggregate_expr(t: ir.Table, agg: Count | Sum | Mean, *, filtered: bool = False) -> ir.Scalar:
    where = None if filtered or agg.where is None else agg.where.resolve(t)
    if isinstance(agg, Count):
        if agg.weight:
            return t[agg.weight].sum(where=where)
        if agg.distinct:
            return t[agg.distinct].nunique(where=where)
        return t.count(where=where)
    if isinstance(agg, Sum):
        return t[agg.column].sum(where=where)
    return t[agg.column].mean(where=where)


def _screen(t: ir.Table, aggs: list[Aggregate]) -> ir.Table:
    """``t`` narrowed to the rows some aggregate counts, when each of them has a condition.

    Every aggregate keeps its own condition (a FILTER), so the values are those over the whole
    relation; the engine can push the narrowing down to the scan (trademarks: only the marks that
    are well known or collective/certification marks are joined with the entities)."""
    if not aggs or any(a.where is None for a in aggs):
        return t
    return t.filter(functools.reduce(operator.or_, [a.where.resolve(t) for a in aggs]))


def _additive(agg: Aggregate) -> bool:
    """Summable over groups: counts (plain or weighted) and sums, not distinct counts or means."""
    return isinstance(agg, Sum) or (isinstance(agg, Count) and agg.distinct is None)


def _sum(vs) -> float | int | None:
    """SQL's SUM over group subtotals: None when every one is None."""
    vs = [v for v in vs if v is not None]
    return sum(vs) if vs else None


def _order(key: tuple) -> tuple:
    """Breakdown rows in ascending order of their keys, empty keys last, the same on every engine."""
    return tuple((v is None, v if v is not None else "") for v in key)


def _reason_missing_table(stem: str) -> tuple[str, str]:
    t = contract.table(stem)
    return (f"数据集中没有 {t.stem}（{t.zh}）表", f"the dataset has no {t.stem} ({t.zh}) table")


def horizon_what(stem: str, columns: tuple[str, ...] | None = None) -> tuple[str, str]:
    """A flow table (or the named date columns of a table), as a horizon reason names it."""
    t = contract.table(stem)
    if columns is None:
        return f"{t.stem}（{t.zh}）表", f"the {t.stem} ({t.zh}) table"
    zh = "、".join(t.column(c).zh for c in columns)
    return f"{t.stem}（{t.zh}）表的「{zh}」", f"{', '.join(columns)} in the {t.stem} ({t.zh}) table"


def reason_beyond_horizon(stem: str, year: int, last: dt.date, columns: tuple[str, ...] | None = None) -> tuple[str, str]:
    """The reason for a year after a flow table's latest record (``columns``: named date columns)."""
    zh, en = horizon_what(stem, columns)
    return (
        f"{zh}最晚的记录在 {last.year} 年，没有 {year} 年的记录（数据未覆盖 {year} 年）",
        f"{en} ends in {last.year}: no record of {year} (the data does not cover {year})",
    )


class Engine:
    """A dataset opened on a backend, with the zone configuration and reference tables."""

    def __init__(self, source, *, engine: str = "duckdb", config: ZoneConfig | None = None, refs: dict | None = None, con=None):
        if engine not in ENGINES:
            raise IndicatorError(f"未知的计算引擎「{engine}」（可用：duckdb、spark）", f"unknown engine {engine!r} (duckdb or spark)")
        self.engine = engine
        self.con = con if con is not None else connect(engine)
        self.config = config or ZoneConfig()
        self.facts = load(self.con, source)
        self.refs = references.resolve(self.config, refs)
        self._sei = None
        self._sei_skipped: tuple[str, ...] = ()
        self._sei_unfiltered = 0
        self._sei_unmarked = 0
        self._pi = None
        self._last: dict[tuple[str, tuple[str, ...]], dt.date | None] = {}
        sei = self.refs["sei"]
        if isinstance(sei, references.RefTable):
            prepared = references.prepare_sei(sei)
            if prepared.entries.num_rows == 0:
                self.refs["sei"] = references.MissingRef("sei", sei.name, f"参照表 {sei.name}（{sei.edition}）没有可用的条目", f"reference table {sei.name} ({sei.edition}) has no usable entries")
            else:
                self._sei = (ibis.memtable(prepared.entries), ibis.memtable(prepared.terms))
                self._sei_skipped = prepared.skipped
                self._sei_unfiltered = prepared.marked_without_terms
                self._sei_unmarked = prepared.terms_unmarked
        pi = self.refs["patent_intensive"]
        if isinstance(pi, references.RefTable):
            codes = references.prepare_pi(pi)
            if codes.num_rows == 0:
                self.refs["patent_intensive"] = references.MissingRef(
                    "patent_intensive",
                    pi.name,
                    f"参照表 {pi.name}（{pi.edition}）中没有任何四位行业代码",
                    f"reference table {pi.name} ({pi.edition}) lists no 4-digit industry codes",
                )
            else:
                self._pi = ibis.memtable(codes)

    # -- building blocks --
    def context(self, year: int, counting: str = "first") -> Ctx:
        if counting not in rules.COUNTING_RULES:
            raise IndicatorError(
                f"未知的计数规则「{counting}」（可用：first、whole、fractional）",
                f"unknown counting rule {counting!r} (first, whole or fractional)",
            )
        return Ctx(self.facts.tables, year, counting, self.config.hv_pledge_threshold, self._sei, self._pi)

    def relation(self, name: str, ctx: Ctx) -> ir.Table:
        return REGISTRY[name].build(ctx)

    def fetch(self, expr: ir.Expr) -> list[dict]:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=PANDAS_WARNING, category=FutureWarning)
            warnings.filterwarnings("ignore", message=PANDAS_COPY_WARNING)
            return self.con.to_pyarrow(expr).to_pylist() if isinstance(expr, ir.Table) else [self.con.to_pyarrow(expr.as_table()).to_pylist()[0]]

    def fetch_table(self, expr: ir.Table) -> pa.Table:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=PANDAS_WARNING, category=FutureWarning)
            warnings.filterwarnings("ignore", message=PANDAS_COPY_WARNING)
            return self.con.to_pyarrow(expr)

    def zone_year(self, year: int) -> dict | None:
        if "zone_year" not in self.facts.present:
            return None
        zy = self.facts.tables["zone_year"]
        rows = self.fetch(zy.filter(zy.year == year))
        return rows[0] if rows else None

    def ref_info(self, role: str) -> dict:
        info = self.refs[role].describe()
        if role == "sei" and self._sei_skipped:
            info["skipped_entries"] = list(self._sei_skipped)
        if role == "sei" and self._sei_unfiltered:
            info["keyword_entries_without_terms"] = self._sei_unfiltered
        if role == "sei" and self._sei_unmarked:
            info["keyword_terms_unmarked"] = self._sei_unmarked
        return info

    # -- availability --
    def unavailable(self, ind: Indicator) -> tuple[str, str] | None:
        """Why the indicator cannot be computed from this dataset, or None."""
        for agg in catalog.aggregates(ind.formula):
            rel = REGISTRY[agg.relation]
            for stem in rel.needs:
                if stem not in self.facts.present:
                    return _reason_missing_table(stem)
        if catalog.stats(ind.formula) and "zone_year" not in self.facts.present:
            return _reason_missing_table("zone_year")
        for role in self._roles(ind):
            ref = self.refs[role]
            if isinstance(ref, references.MissingRef):
                zh, en = references.ROLES[role]
                return (f"参照表「{zh}」不可用：{ref.zh}", f"the {en} reference table is unavailable: {ref.en}")
        return None

    def last_record(self, stem: str, columns: tuple[str, ...] | None = None) -> dt.date | None:
        """The latest date in a table's dating columns (default ``FLOW_TABLES[stem]``; a year counts
        as its 31 December), None when the table has no records. One aggregate per table and
        engine: cached, so a progress over six years asks once."""
        key = (stem, tuple(columns or FLOW_TABLES[stem]))
        if key not in self._last:
            self._fetch_last([key])
        return self._last[key]

    def _fetch_last(self, keys: list[tuple[str, tuple[str, ...]]]) -> None:
        """The latest records of several tables in one query: a max() per table, cross-joined (one
        row each), so that Spark, which pays per query, asks once."""
        parts = []
        for k, (stem, columns) in enumerate(keys):
            t = self.facts.tables[stem]
            parts.append(t.aggregate(**{f"t{k}_{j}": t[c].max() for j, c in enumerate(columns)}))
        row = self.fetch(functools.reduce(lambda a, b: a.cross_join(b), parts))[0]
        for k, key in enumerate(keys):
            values = [row[f"t{k}_{j}"] for j in range(len(key[1]))]
            dates = [dt.date(int(v), 12, 31) if isinstance(v, int) else v for v in values if v is not None]
            self._last[key] = max(dates) if dates else None

    def _prefetch_horizons(self, inds: list[Indicator]) -> None:
        keys = [(stem, tuple(columns or FLOW_TABLES[stem])) for ind in inds for stem, columns in self.horizons(ind)]
        keys = [k for k in dict.fromkeys(keys) if k not in self._last]
        if keys:
            self._fetch_last(keys)

    def horizons(self, ind: Indicator) -> list[tuple[str, tuple[str, ...] | None]]:
        """The flow tables the indicator reads (``(stem, None)``: its declared columns) and its own
        horizon (``(stem, columns)``), present in the dataset."""
        out = [ind.horizon] if ind.horizon else []
        for agg in catalog.aggregates(ind.formula):
            out += [(stem, None) for stem in REGISTRY[agg.relation].needs if stem in FLOW_TABLES]
        return [h for h in dict.fromkeys(out) if h[0] in self.facts.present]

    def horizon(self, ind: Indicator, year: int) -> tuple[str, str] | None:
        """Why the data does not reach ``year`` for the indicator: a table of yearly records it reads
        ends before the year. A table without records ends nowhere: its values are 0 (nothing
        happened), as are those of a year before its first record."""
        for stem, columns in self.horizons(ind):
            last = self.last_record(stem, columns)
            if last is not None and last.year < year:
                return reason_beyond_horizon(stem, year, last, columns)
        return None

    def _roles(self, ind: Indicator) -> list[str]:
        roles = list(ind.refs)
        for agg in catalog.aggregates(ind.formula):
            roles += [r for r in REGISTRY[agg.relation].refs if r not in roles]
        return roles

    def _notes(self, ind: Indicator) -> list[tuple[str, str]]:
        notes = []
        for stem in ind.optional:
            if stem not in self.facts.present:
                t = contract.table(stem)
                notes.append(
                    (
                        f"数据集中没有 {t.stem}（{t.zh}）表，依赖它的条件按不满足计",
                        f"no {t.stem} ({t.zh}) table: the criterion it feeds counts as not met",
                    )
                )
        for role in self._roles(ind):
            ref = self.refs[role]
            if isinstance(ref, references.RefTable) and ref.coverage != "complete":
                notes.append(
                    (
                        f"参照表 {ref.name}（{ref.edition}）覆盖范围为 {ref.coverage}：数值可能偏低",
                        f"reference table {ref.name} ({ref.edition}) has {ref.coverage} coverage: the value may be understated",
                    )
                )
        return notes

    # -- evaluation --
    def compute(self, year: int, counting: str = "first", codes: list[str] | None = None) -> Report:
        # Screened: relations may leave out rows none of the catalog's aggregates count (see Ctx).
        ctx = dataclasses.replace(self.context(year, counting), screened=True)
        inds = [catalog.get(c) for c in codes] if codes else list(catalog.CATALOG)
        # no table, no reference table, or a year the data does not reach: null with the reason
        self._prefetch_horizons(inds)
        why = {i.code: self.unavailable(i) or self.horizon(i, year) for i in inds}
        available = {i.code: i for i in inds if why[i.code] is None}

        by_relation: dict[str, list] = {}
        for ind in available.values():
            for agg in catalog.aggregates(ind.formula):
                by_relation.setdefault(agg.relation, []).append(agg)
        split_by_relation: dict[str, list[Indicator]] = {}
        for ind in available.values():
            if ind.breakdown:
                split_by_relation.setdefault(catalog.primary(ind.formula).relation, []).append(ind)
        values: dict[int, float | None] = {}
        counts: dict[int, int] = {}
        breakdowns: dict[str, dict[str, list[dict]]] = {}
        for name, aggs in by_relation.items():
            splits = split_by_relation.get(name, [])
            t = _screen(self.relation(name, ctx), aggs)
            if splits and all(_additive(a) for a in aggs):
                # One scan for the values and the breakdowns: grouped by every split's columns,
                # then summed up here (tens of groups, not records).
                breakdowns.update(self._grouped(t, aggs, splits, values))
            else:
                self._values(t, aggs, values, counts)
                if splits:
                    breakdowns.update(self._breakdowns(t, splits))

        stat_row = self.zone_year(year) if any(catalog.stats(i.formula) for i in available.values()) else None
        results = []
        for ind in inds:
            reason = why[ind.code]
            if reason is not None:
                value = None
            else:
                value, reason = self._evaluate(ind.formula, values, counts, stat_row, year)
            res = Result(
                ind,
                value,
                reason,
                notes=self._notes(ind),
                assumptions=[(zh.format(threshold=self.config.hv_pledge_threshold), en.format(threshold=self.config.hv_pledge_threshold)) for zh, en in ind.assumptions],
                references=[self.ref_info(r) for r in self._roles(ind)],
            )
            if reason is None and ind.breakdown:
                res.breakdown = breakdowns[ind.code]
            self._judge(res, year, counting)
            results.append(res)

        return Report(
            year=year,
            counting=counting,
            engine=self.engine,
            zone_name=self.config.zone_name,
            source=self.facts.source,
            results=results,
            references=[self.ref_info(role) for role in references.ROLES],
            assumptions=[
                (
                    catalog.THRESHOLD_ASSUMPTION[0].format(threshold=self.config.hv_pledge_threshold),
                    catalog.THRESHOLD_ASSUMPTION[1].format(threshold=self.config.hv_pledge_threshold),
                ),
                catalog.MAINTAINED_RULE,
                catalog.AWARD_RULE,
                (f"计数规则：{rules.COUNTING_ZH[counting]}（{counting}）", f"counting rule: {counting}"),
            ],
        )

    def _evaluate(self, f, values, counts, stat_row, year) -> tuple[float | None, tuple[str, str] | None]:
        if isinstance(f, Count):
            v = values[id(f)]
            return float(v or 0), None
        if isinstance(f, Sum):
            v = values[id(f)]
            return (float(v) if v is not None else 0.0) * f.scale, None
        if isinstance(f, Mean):
            if not counts[id(f)]:
                rel = REGISTRY[f.relation]
                return None, (f"{year} 年没有{rel.zh}记录，无法计算平均值", f"no {rel.en} in {year}: no mean to compute")
            return float(values[id(f)]), None
        if isinstance(f, Stat):
            if stat_row is None:
                return None, (f"区域年度统计（zone_year）中没有 {year} 年的行", f"zone_year has no row for {year}")
            v = stat_row.get(f.column)
            if v is None:
                return None, (f"{year} 年区域年度统计的「{f.zh}」为空", f"{f.column} for {year} is empty in zone_year")
            return float(v), None
        assert isinstance(f, Ratio)
        num, reason = self._evaluate(f.numerator, values, counts, stat_row, year)
        if reason:
            return None, reason
        den, reason = self._evaluate(f.denominator, values, counts, stat_row, year)
        if reason:
            return None, reason
        if den == 0:
            return None, (f"{year} 年{f.denominator_zh}为 0，无法相除", f"{f.denominator_en} for {year} is 0: cannot divide")
        return num * f.factor / den, None

    def _values(self, t: ir.Table, aggs: list[Aggregate], values: dict, counts: dict) -> None:
        """Every aggregate over ``t`` in one query (each with its own FILTER)."""
        exprs = {}
        for k, agg in enumerate(aggs):
            exprs[f"m{k}"] = _aggregate_expr(t, agg)
            if isinstance(agg, Mean):
                w = None if agg.where is None else agg.where.resolve(t)
                exprs[f"n{k}"] = t[agg.column].count(where=w)
        row = self.fetch(t.aggregate(**exprs))[0]
        for k, agg in enumerate(aggs):
            values[id(agg)] = row[f"m{k}"]
            if isinstance(agg, Mean):
                counts[id(agg)] = row[f"n{k}"]

    def _grouped(self, t: ir.Table, aggs: list[Aggregate], inds: list[Indicator], values: dict) -> dict[str, dict[str, list[dict]]]:
        """Additive aggregates (counts, sums) and the breakdowns of ``inds`` from one grouped query.

        ``t`` is grouped by the union of the splits' columns; each aggregate keeps its own
        condition, and each split indicator also counts its records per group. A value is then the
        sum over the groups, and a split's rows the sums over its own columns: a group where the
        indicator has no records is not one of its rows (as if filtered first)."""
        cols = list(dict.fromkeys(c for ind in inds for split in ind.breakdown for c in split))
        exprs = {f"m{k}": _aggregate_expr(t, agg) for k, agg in enumerate(aggs)}
        for j, ind in enumerate(inds):
            agg = catalog.primary(ind.formula)
            exprs[f"r{j}"] = t.count(where=None if agg.where is None else agg.where.resolve(t))
        groups = self.fetch(t.group_by(cols).aggregate(**exprs))
        for k, agg in enumerate(aggs):
            values[id(agg)] = _sum(g[f"m{k}"] for g in groups)
        out: dict[str, dict[str, list[dict]]] = {}
        for j, ind in enumerate(inds):
            agg = catalog.primary(ind.formula)
            k = next(k for k, a in enumerate(aggs) if a is agg)
            scale = agg.scale if isinstance(agg, Sum) else 1.0
            out[ind.code] = {}
            for split in ind.breakdown:
                acc: dict[tuple, list] = {}
                for g in groups:
                    if g[f"r{j}"]:
                        a = acc.setdefault(tuple(g[c] for c in split), [[], 0])
                        a[0].append(g[f"m{k}"])
                        a[1] += g[f"r{j}"]
                out[ind.code]["+".join(split)] = [
                    {**dict(zip(split, key, strict=True)), "value": float(_sum(vs) or 0.0) * scale, "records": n}
                    for key, (vs, n) in sorted(acc.items(), key=lambda kv: _order(kv[0]))
                ]
        return out

    def _breakdowns(self, t: ir.Table, inds: list[Indicator]) -> dict[str, dict[str, list[dict]]]:
        """Each indicator's value and record count per group of each of its splits, one query each."""
        out: dict[str, dict[str, list[dict]]] = {}
        for ind in inds:
            agg = catalog.primary(ind.formula)
            f = t if agg.where is None else t.filter(agg.where.resolve(t))
            scale = agg.scale if isinstance(agg, Sum) else 1.0
            out[ind.code] = {}
            for cols in ind.breakdown:
                rows = self.fetch(f.group_by(list(cols)).aggregate(value=_aggregate_expr(f, agg, filtered=True), records=f.count()))
                for r in rows:
                    r["value"] = (float(r["value"]) if r["value"] is not None else 0.0) * scale
                out[ind.code]["+".join(cols)] = sorted(rows, key=lambda r: _order(tuple(r[c] for c in cols)))
        return out

    def _judge(self, res: Result, year: int, counting: str) -> None:
        ind = res.indicator
        res.annual_target = targets.annual_target(ind, year, self.config)
        res.completion = targets.completion(res.value, res.annual_target)
        res.status = targets.year_status(res.value, res.annual_target, res.precision(counting))


def compute(
    source,
    year: int,
    *,
    counting: str = "first",
    engine: str = "duckdb",
    config: ZoneConfig | None = None,
    refs: dict | None = None,
    codes: list[str] | None = None,
    con=None,
) -> Report:
    """Every indicator (or ``codes``) of ``year`` from a Dataset or a Parquet folder."""
    return Engine(source, engine=engine, config=config, refs=refs, con=con).compute(year, counting, codes)
