"""Trademarks (written by registration year), geographical indications and their output."""

from __future__ import annotations

import numpy as np

from ipzone.demo import dates, names
from ipzone.demo.context import Context
from ipzone.demo.entities import OTHER, Population
from ipzone.demo.patents import AS_OF_DAY
from ipzone.demo.writers import Output
from ipzone.demo.zone import SIZES, TASKS, YEARS

FIRST_YEAR = 2000
# National trademark registrations per year (approximate), which spread the registration numbers.
NATIONAL = {
    2000: 160_000, 2001: 190_000, 2002: 230_000, 2003: 250_000, 2004: 270_000, 2005: 260_000,
    2006: 260_000, 2007: 260_000, 2008: 400_000, 2009: 830_000, 2010: 1_350_000, 2011: 1_020_000,
    2012: 1_000_000, 2013: 1_000_000, 2014: 1_380_000, 2015: 2_260_000, 2016: 2_250_000,
    2017: 2_790_000, 2018: 5_000_000, 2019: 6_400_000, 2020: 5_760_000, 2021: 7_740_000,
    2022: 6_180_000, 2023: 4_380_000, 2024: 4_500_000, 2025: 4_500_000,
}  # fmt: skip
NUMBER_START = {y: 1_380_000 + sum(v for k, v in NATIONAL.items() if k < y) for y in NATIONAL}
EXTRA_COLLECTIVE = ((f"{names.ZONE_PLACE}软件", "集体商标", "软件行业协会", 2019), (f"{names.ZONE_PLACE}高新", "集体商标", "高新技术企业协会", 2021))


def _association(pop: Population, wanted: str) -> int:
    """The zone association whose name has ``wanted`` in it, else its testing centre."""
    idx = np.flatnonzero((pop.kind == OTHER) & pop.in_zone)
    for i in idx.tolist():
        if wanted in pop.name(i):
            return i
    return next((i for i in idx.tolist() if "检测中心" in pop.name(i)), int(idx[0]))


def _well_known_plan(ctx: Context) -> dict[int, list[int]]:
    """Registration year → recognition days of the marks recognised as 驰名商标."""
    rng = ctx.rng("well_known")
    series = TASKS["well_known"]
    days: list[int] = []
    before = ctx.scale.count(series[YEARS[0]])
    days += [int(rng.choice(dates.weekdays(int(y)))) for y in rng.integers(2009, YEARS[0], before)]
    for y in YEARS[1:]:
        days += [int(rng.choice(dates.weekdays(y))) for _ in range(ctx.scale.count(series[y] - series[y - 1]))]
    by_year: dict[int, list[int]] = {}
    for d in sorted(days):
        reg = int(rng.integers(FIRST_YEAR, int(dates.years(np.array([d]))[0]) - 4))
        by_year.setdefault(reg, []).append(d)
    return by_year


def write_trademarks(ctx: Context, pop: Population, out: Output, wanted: list[tuple[int, int]]) -> list[str]:
    """Every trademark, by registration year; returns the numbers of the ``wanted`` marks (pledged ones)."""
    scale = ctx.scale
    rng0 = ctx.rng("trademarks")
    years = np.arange(FIRST_YEAR, YEARS[-1] + 1)
    p = np.exp(0.13 * (years - FIRST_YEAR))
    per_year = dict(zip(years.tolist(), np.round(scale.count(SIZES["trademarks"]) * p / p.sum()).astype(int).tolist(), strict=True))
    # Marks wanted by pledges: registered up to 8 years before they are pledged, after the owner was founded.
    wanted_day = []
    for owner, by in wanted:
        lo = max(int(pop.founded[owner]) + 30, by - 8 * 365, dates.day(FIRST_YEAR))
        d = int(rng0.integers(lo, max(lo, by) + 1))
        wanted_day.append(d if dates.iso1(d)[5:] != "02-29" else d + 1)
    wanted_year = dates.years(np.array(wanted_day, dtype=np.int64)) if wanted else np.array([], np.int64)
    gi = [(name, "证明商标" if kind.endswith("证明商标") else "集体商标", _association(pop, name[-2:]), dates.day(*map(int, approved.split("-"))), True)
          for name, kind, approved, _ in names.GEO_PRODUCTS if kind != "地理标志保护产品"]  # fmt: skip
    gi += [(name, kind, _association(pop, owner[:2]), dates.day(y, 5, 20), False) for name, kind, owner, y in EXTRA_COLLECTIVE]
    well_known = _well_known_plan(ctx)
    numbers: list[str | None] = [None] * len(wanted)
    w = out.open("trademarks", sum(per_year.values()) + len(wanted) + len(gi))
    counter = 0
    for y in years.tolist():
        rng = ctx.rng("trademarks", y)
        n = per_year[y]
        valid = dates.valid_days(y)
        mine = np.flatnonzero(wanted_year == y)
        special = [g for g in gi if dates.years(np.array([g[3]]))[0] == y]
        day = np.concatenate(
            [valid[rng.integers(0, len(valid), n)], np.array([wanted_day[k] for k in mine], np.int64), np.array([g[3] for g in special], np.int64)]
        )
        owner = np.concatenate(
            [pop.sample(rng, "design", True, day[:n]), np.array([wanted[k][0] for k in mine], np.int64), np.array([g[2] for g in special], np.int64)]
        )
        # What names a mark: ≥ 0 a generated name, < 0 a GI or collective mark of ``special``.
        name_code = np.concatenate([counter + np.arange(n), 10_000_000 + mine, -1 - np.arange(len(special))])
        which = np.concatenate([np.full(n, -1), mine, np.full(len(special), -1)])
        counter += n
        if len(day) == 0:
            continue
        order = np.argsort(day, kind="stable")
        day, owner, name_code, which = day[order], owner[order], name_code[order], which[order]
        gap = max(1, NATIONAL[y] // len(day))
        number = NUMBER_START[y] + np.cumsum(rng.integers(1, gap + 1, len(day)))
        renewed = (rng.random(len(day)) < 0.8) | (name_code < 0)  # GI and collective marks are always renewed
        recognised = np.full(len(day), dates.NEVER, np.int64)
        plain = np.flatnonzero((which < 0) & (name_code >= 0))
        for k, rec in zip(plain[:: max(1, len(plain) // 7 or 1)].tolist(), well_known.get(y, []), strict=False):
            recognised[k] = rec
            renewed[k] = True
        term = np.full(len(day), 10)
        for _ in range(3):  # renewed for 10 more years while expired, as long as the owner renews
            term = np.where((dates.add_years(day, term) - 1 <= AS_OF_DAY) & renewed, term + 10, term)
        expires = dates.add_years(day, term) - 1
        for i in np.flatnonzero(which >= 0).tolist():
            numbers[int(which[i])] = str(int(number[i]))
        for lo in range(0, len(day), 50_000):
            hi = min(len(day), lo + 50_000)
            codes = name_code[lo:hi].tolist()
            w.write(
                {
                    "registration_no": [str(v) for v in number[lo:hi].tolist()],
                    "name": [names.trademark_name(c) if c >= 0 else special[-1 - c][0] for c in codes],
                    "owner_uscc": pop.usccs(owner[lo:hi]),
                    "kind": ["普通商标" if c >= 0 else special[-1 - c][1] for c in codes],
                    "registered_on": dates.iso(day[lo:hi]),
                    "expires_on": dates.iso(expires[lo:hi]),
                    "well_known_on": dates.iso(recognised[lo:hi]),
                    "geographical_indication": [c < 0 and special[-1 - c][4] for c in codes],
                }
            )
    out.finish(w)
    if any(n is None for n in numbers):
        raise AssertionError("a pledged trademark was not written")
    return numbers  # type: ignore[return-value]


def geo_tables(ctx: Context) -> tuple[dict[str, list], dict[str, list]]:
    rng = ctx.rng("geo")
    products = {"name": [], "kind": [], "approved_on": []}
    output = {"name": [], "year": [], "output": []}
    for name, kind, approved, base in names.GEO_PRODUCTS:
        products["name"].append(name)
        products["kind"].append(kind)
        products["approved_on"].append(approved)
        first = max(YEARS[0], int(approved[:4]))
        growth = 1 + rng.uniform(0.04, 0.12)
        for y in range(first, YEARS[-1] + 1):
            output["name"].append(name)
            output["year"].append(y)
            output["output"].append(ctx.scale.money(base * growth ** (y - YEARS[0]) * rng.uniform(0.95, 1.05)))
    return products, output
