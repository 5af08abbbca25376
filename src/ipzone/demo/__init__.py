"""``ipzone demo``: a realistic, deterministic zone dataset for 2019–2025.

The demo zone, 晋泽示范区, is modelled on the work plan's zone (山西转型综合改革示范区) but every
organisation and person in it is fictional. Its records reproduce the plan's 表一 for 2021 when the
indicators are computed by shared/spec/indicators.md (first-patentee counting, year end), and
move towards the 2025 targets after that, reaching some and lagging on others. The numbers it is
calibrated to are in ``ipzone.demo.zone``.

Scale. ``patents=None`` writes the default zone (about 43,000 patents filed 2005–2025, 11,000
entities, 350,000 residents in 2021). ``patents=N`` multiplies the zone by N ÷ the default count:
patent cohorts are the default's (filing year × kind) shares of N, and every other count (entities,
natural-person patentees, trademarks, pledges and their amounts, licences and transfers, awards,
qualification holders, agencies, talents, cases, survey responses, events), every money amount
(GDP, budgets, value added, GI output) and the population are multiplied by the same factor, so
per-capita values, shares and scores stay where they are. Only the six GI products and the zone's
IP staff do not scale. High-value counts are exact for every scale the zone is large enough for.

Determinism. Every random choice is drawn from a numpy Generator keyed by the seed and by what
it generates; the same seed writes byte-identical files. Nothing depends on the clock or on set
order.

Memory. Patents are generated and written in chunks of 20,000, twice: once to plan (keeping a
compact array of the zone's granted inventions only), once to write. Other tables are small or
written by year.
"""

from __future__ import annotations

from pathlib import Path

from ipzone.contract import TABLES
from ipzone.convert import staged_folder
from ipzone.demo import entities, marks, programme, refdata, rights
from ipzone.demo import patents as patent_records  # `patents` is generate()'s argument
from ipzone.demo.context import Context
from ipzone.demo.writers import Output, Progress
from ipzone.demo.zone import Scale

__all__ = ["generate"]

ENTITY_CHUNK = 100_000
MIN_PATENTS = 200


def generate(out: Path, *, seed: int = 2022, patents: int | None = None, fmt: str = "csv", progress: Progress | None = None) -> dict[str, int]:
    """Write the demo zone's dataset into folder ``out``; returns the row count of each table.

    ``fmt`` is ``"csv"`` (UTF-8, Chinese headers, the contract's cell forms) or ``"parquet"``
    (English column names, the Arrow types of ``contract.Table.arrow_schema``). ``progress``, when
    given, is called as ``progress(table_stem, rows_done, rows_total)`` after each chunk written
    (``rows_total`` is None where it is not known in advance).
    """
    if patents is not None and patents < MIN_PATENTS:
        raise ValueError(f"patents: at least {MIN_PATENTS:,} (a smaller zone has too few of everything else)")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    ctx = Context(seed, Scale.for_patents(patents), refdata.load())
    with staged_folder(out) as tmp:
        counts = _write(tmp, ctx, patents, fmt, progress)
        if ctx.refs.pi_standin:
            write_pi_standin(tmp, ctx.refs.pi_standin)
    return counts


def _write(out: Path, ctx: Context, patents: int | None, fmt: str, progress: Progress | None) -> dict[str, int]:
    pop = entities.build(ctx.scale, ctx.refs.pi_codes, ctx.refs.other_codes, ctx.rng("entities"), ctx.serials)
    sizes = patent_records.cohort_sizes(patents)
    # Plan: the zone's granted inventions, what makes some of them high-value, the calibration.
    inv = patent_records.plan_inventions(ctx, pop, sizes)
    marks_wanted = rights.plan_pledges(ctx, pop, inv, rights.Candidates(inv))
    awards = rights.plan_awards(ctx, pop, inv)
    patent_records.calibrate(inv, ctx.scale)

    w = Output(out, fmt, progress)
    w.write_all("zone_year", programme.zone_year(ctx))
    w.write_chunks("entities", (entities.rows(pop, lo, min(pop.n, lo + ENTITY_CHUNK)) for lo in range(0, pop.n, ENTITY_CHUNK)), pop.n)
    quals, hitech = programme.qualification_plan(ctx, pop)
    w.write_chunks("qualifications", programme.qualification_chunks(quals, pop), sum(len(q[2]) for q in quals))
    w.write_chunks("entity_year", programme.entity_year(ctx, pop, hitech), programme.entity_year_rows(pop))

    pct = patent_records.PctNumbers(ctx.rng("pct"))
    linked = patent_records.write(ctx, pop, sizes, inv, w, pct)
    w.write_all("pct_filings", patent_records.pct_filings(ctx, pop, linked, pct))
    mark_numbers = marks.write_trademarks(ctx, pop, w, marks_wanted)
    cands = rights.Candidates(inv)
    w.write_chunks("pledges", rights.pledge_chunks(ctx, pop, inv, cands, mark_numbers))
    w.write_chunks("transactions", rights.transaction_chunks(ctx, pop, inv, cands))
    w.write_all("awards", awards)
    products, output = marks.geo_tables(ctx)
    w.write_all("geo_products", products)
    w.write_all("geo_output", output)

    agencies = programme.agencies(ctx)
    w.write_all("agencies", programme.agency_columns(agencies))
    w.write_chunks("talents", programme.talent_chunks(ctx, pop, agencies))
    w.write_chunks("cases", programme.case_chunks(ctx, pop))
    w.write_chunks("surveys", programme.survey_chunks(ctx))
    w.write_all("events", programme.events(ctx))
    return {t.stem: w.counts[t.stem] for t in TABLES}


STANDIN = "reference/pi-industries-standin.csv"


def write_pi_standin(out: Path, codes: tuple[str, ...]) -> None:
    """The demo's stand-in for 专利密集型产业分类（2019）, and a zone configuration that uses it.

    The shipped table names the 31 中类 but none of their 4-digit classes, so the demo's
    patent-intensive enterprises sit in the GB/T 4754-2017 classes under groups bearing those
    names. ``ipzone.toml`` beside the data says so, and every indicator output shows the edition
    below: a demo stand-in, never to be taken for the official table.
    """
    from ipzone.reference import load_table

    names = {r["code"]: r["name"] for r in load_table("gbt4754_2017").to_pylist()}
    path = out / STANDIN
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "industry_code,industry_name\n" + "".join(f"{c},{names.get(c, '')}\n" for c in codes), encoding="utf-8"
    )
    (out / "ipzone.toml").write_text(
        f"""# 示范园区配置 / the demo zone's configuration (see ipzone.config for every key)
zone_name = "晋泽示范区（示范数据）"

[references]
# 示范替代表，非官方：自带的《知识产权（专利）密集型产业统计分类（2019）》只有中类名称、没有行业小类代码，
# 示范数据按这些中类名称从 GB/T 4754-2017 推得 {len(codes)} 个小类。园区请用 ipzone reference load 载入官方全表。
# A demo stand-in, not the official table: the shipped table names its groups but lists no classes.
patent_intensive = {{path = "{STANDIN}", edition = "示范替代表（非官方）：按中类名称由 GB/T 4754-2017 推得 / demo stand-in, not official", coverage = "partial"}}
""",
        encoding="utf-8",
    )
