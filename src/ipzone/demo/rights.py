"""Using the zone's patents: pledges, licences and transfers, awards.

Pledges and awards are planned on the compact array of the zone's granted inventions before
the high-value calibration, because a pledge of ≥ 1000 万元 and a 中国专利奖/国家科学技术奖 make
the patents they name high-value from that year on (``Inventions.dynamic``).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ipzone.demo import dates, names
from ipzone.demo.context import Context
from ipzone.demo.entities import Population
from ipzone.demo.patents import AS_OF_DAY, Inventions
from ipzone.demo.zone import TASKS, YEARS, history

HV_PLEDGE = 1000  # 万元: the engine's default hv_pledge_threshold
BIG_PLEDGES = (1000, 1000, 1200, 1500, 1500, 2000, 2000, 2500, 3000, 5000)  # 万元
PLEDGE_YEARS = range(2014, YEARS[-1] + 1)
HISTORY_FROM = 2014


def _series(row: str, first: int = HISTORY_FROM, rate: float = 0.18) -> dict[int, float]:
    return history(TASKS[row], first, rate)


class Candidates:
    """The zone's granted inventions by first patentee, to find a pledgor's other patents."""

    def __init__(self, inv: Inventions):
        self.inv = inv
        entity_owned = ~inv.person
        idx = np.flatnonzero(entity_owned)
        order = idx[np.argsort(inv.owner[idx], kind="stable")]
        self.by_owner = order
        self.owners, self.starts = np.unique(inv.owner[order], return_index=True)
        self.ends = np.append(self.starts[1:], len(order))

    def of_owner(self, owner: int) -> np.ndarray:
        k = np.searchsorted(self.owners, owner)
        return self.by_owner[self.starts[k] : self.ends[k]]

    def in_year(self, year: int, entity_only: bool) -> np.ndarray:
        inv = self.inv
        m = (inv.grant <= dates.day(year, 12, 20)) & (inv.lapse > dates.day(year, 1, 10))
        if entity_only:
            m &= ~inv.person
        return np.flatnonzero(m)

    def date_in_force(self, rng: np.random.Generator, i: int, year: int, after_grant: int = 7) -> int | None:
        inv = self.inv
        lo = max(dates.day(year, 1, 2), int(inv.grant[i]) + after_grant)
        hi = min(dates.day(year, 12, 30), int(inv.lapse[i]) - 1, AS_OF_DAY)
        if hi < lo:
            return None
        return int(rng.integers(lo, hi + 1))


def _split(total_cents: int, n: int, rng: np.random.Generator, lo: int, hi: int, step: int) -> list[int]:
    """``n`` amounts in [lo, hi] cents, multiples of ``step`` but one, summing to ``total_cents``."""
    w = rng.lognormal(0.0, 0.8, n)
    raw = np.clip(total_cents * w / w.sum(), lo, hi)
    amounts = (np.round(raw / step) * step).astype(np.int64).clip(lo, hi)
    diff = total_cents - int(amounts.sum())
    order = rng.permutation(n)
    k = 0
    while diff != 0:
        i = order[k % n]
        room = (hi - amounts[i]) if diff > 0 else (amounts[i] - lo)
        move = int(np.sign(diff)) * min(abs(diff), room, step)
        amounts[i] += move
        diff -= move
        k += 1
        if k > 100 * n:
            raise RuntimeError("cannot split the pledge amount")
    return amounts.tolist()


def pledges_of_year(ctx: Context, pop: Population, inv: Inventions, cands: Candidates, y: int) -> list[dict]:
    """The year's pledge registrations, by registration date.

    Each row names its patents (indices into ``inv``) and the trademarks it wants as (owner,
    registered-by day); the same inputs give the same rows, so planning and writing agree.
    """
    rng = ctx.rng("pledges", y)
    total = round(ctx.scale.pledge_amount(y) * 100)
    if total <= 0:
        return []
    big: list[int] = []
    for _ in range(max(1, round(total / 100 / 7000))):
        a = int(rng.choice(BIG_PLEDGES)) * 100
        if sum(big) + a > 0.45 * total:
            break
        big.append(a)
    rest = total - sum(big)
    small = _split(rest, max(1, round(rest / 100 / 280)), rng, 500, 99_000, 1000)
    pool = cands.in_year(y, entity_only=True)
    rows = []
    for cents in big + small:
        row = {"amount": cents / 100, "patents": [], "marks": []}
        if cents < HV_PLEDGE * 100 and rng.random() < 0.08:  # a trademark pledge
            owner = int(pop.sample(rng, "design", True, np.array([dates.day(y, 1, 1) - 730]))[0])
            day = int(rng.choice(dates.weekdays(y)))
            row["marks"] = [(owner, day - 200)]
        else:
            for _ in range(50):
                i = int(pool[rng.integers(0, len(pool))])
                day = cands.date_in_force(rng, i, y)
                if day is not None:
                    break
            else:
                raise RuntimeError(f"no zone invention in force to pledge in {y}")
            owner = int(inv.owner[i])
            mine = cands.of_owner(owner)
            others = mine[(mine != i) & (inv.grant[mine] + 7 <= day) & (inv.lapse[mine] > day)]
            take = min(len(others), int(rng.integers(0, 4)))
            row["patents"] = [i] + (others[np.sort(rng.choice(len(others), take, replace=False))].tolist() if take else [])
            if rng.random() < 0.1:
                row["marks"] = [(owner, day - 200)]
        row["pledgor"] = owner
        row["day"] = day
        rows.append(row)
    # Outside pledgors of trademarks: in the registry, not in the zone's total.
    for _ in range(round(len(rows) * 0.06)):
        day = int(rng.choice(dates.weekdays(y)))
        owner = int(pop.sample(rng, "invention", False, np.array([day - 730]))[0])
        rows.append({"amount": float(rng.integers(5, 80) * 10), "patents": [], "marks": [(owner, day - 200)], "pledgor": owner, "day": day})
    rows.sort(key=lambda r: r["day"])
    serial = 980_000_000 + int(rng.integers(100, 3000))
    for row in rows:  # drawn here, written as text by pledge_chunks
        serial += int(rng.integers(1, 60))
        released = row["day"] + int(rng.integers(365, 3 * 365))
        row.update(
            serial=serial,
            pledgee=int(rng.integers(0, 1000)),
            guarantor=int(rng.integers(0, len(names.GUARANTORS))) if rng.random() < 0.25 else None,
            insurer=int(rng.integers(0, len(names.INSURERS))) if rng.random() < 0.15 else None,
            released=released if released <= AS_OF_DAY and rng.random() < 0.75 else None,
        )
    return rows


def plan_pledges(ctx: Context, pop: Population, inv: Inventions, cands: Candidates) -> list[tuple[int, int]]:
    """Mark the patents a pledge of ≥ 1000 万元 makes high-value; returns the trademarks pledges want."""
    wanted = []
    for y in PLEDGE_YEARS:
        for row in pledges_of_year(ctx, pop, inv, cands, y):
            if row["amount"] >= HV_PLEDGE:
                inv.dynamic[row["patents"]] = np.minimum(inv.dynamic[row["patents"]], y)
            wanted += row["marks"]
    return wanted


def pledge_chunks(ctx: Context, pop: Population, inv: Inventions, cands: Candidates, mark_numbers: list[str]) -> Iterator[dict[str, list]]:
    """The pledges by year, naming the trademarks ``write_trademarks`` registered for them."""
    k = 0
    for y in PLEDGE_YEARS:
        rows = pledges_of_year(ctx, pop, inv, cands, y)
        marks = []
        for r in rows:
            marks.append(mark_numbers[k : k + len(r["marks"])])
            k += len(r["marks"])
        yield {
            "registration_no": [f"Y{y}{r['serial']}" for r in rows],
            "registered_on": [dates.iso1(r["day"]) for r in rows],
            "pledgor_uscc": pop.usccs([r["pledgor"] for r in rows]),
            "pledgee": [names.pledgee(r["pledgee"]) for r in rows],
            "amount": [r["amount"] for r in rows],
            "guarantor": [None if r["guarantor"] is None else names.GUARANTORS[r["guarantor"]] for r in rows],
            "insurer": [None if r["insurer"] is None else names.INSURERS[r["insurer"]] for r in rows],
            "application_nos": [[inv.appno(i) for i in r["patents"]] for r in rows],
            "trademark_nos": marks,
            "released_on": [dates.iso1(r["released"]) if r["released"] is not None else None for r in rows],
        }


def plan_awards(ctx: Context, pop: Population, inv: Inventions) -> dict[str, list]:
    """Awards by year; a 中国专利奖 or 国家科学技术奖 naming a patent makes it high-value from then."""
    scale = ctx.scale
    rows: list[dict] = []
    china = _series("china_patent_award", 2015, 0.25)
    shanxi = _series("shanxi_patent_award", 2015, 0.15)
    awarded: set[int] = set()
    for y in range(2015, YEARS[-1] + 1):
        rng = ctx.rng("awards", y)
        end = dates.year_end(y)
        pool = np.flatnonzero(~inv.person & (inv.grant <= dates.year_end(y - 2)) & (inv.lapse > end))
        for _ in range(scale.count(china[y])):
            for _ in range(50):
                i = int(pool[rng.integers(0, len(pool))])
                if i not in awarded:
                    break
            awarded.add(i)
            grade = str(rng.choice(("优秀奖", "银奖", "金奖"), p=(0.82, 0.14, 0.04)))
            rows.append({"award": "中国专利奖", "grade": grade, "year": y, "uscc": pop.uscc_of(int(inv.owner[i])), "application_no": inv.appno(i)})
            inv.dynamic[i] = min(int(inv.dynamic[i]), y)
        for _ in range(scale.count(shanxi[y])):
            i = int(pool[rng.integers(0, len(pool))])
            grade = str(rng.choice(("一等奖", "二等奖", "三等奖"), p=(0.2, 0.35, 0.45)))
            rows.append({"award": "山西省专利奖", "grade": grade, "year": y, "uscc": pop.uscc_of(int(inv.owner[i])), "application_no": inv.appno(i)})
        if y in (2020, 2023):  # 国家科学技术进步奖: 2020 names its core patent, 2023 does not
            for _ in range(scale.count(1)):
                if y == 2020:
                    i = int(pool[rng.integers(0, len(pool))])
                    rows.append({"award": "国家科学技术奖", "grade": "二等奖", "year": y, "uscc": pop.uscc_of(int(inv.owner[i])), "application_no": inv.appno(i)})
                    inv.dynamic[i] = min(int(inv.dynamic[i]), y)
                else:
                    who = int(pop.zone_rd_pool[rng.integers(0, len(pop.zone_rd_pool))])
                    rows.append({"award": "国家科学技术奖", "grade": "二等奖", "year": y, "uscc": pop.uscc_of(who), "application_no": None})
        for _ in range(scale.count(2)):  # 山西省科学技术奖, for projects rather than patents
            who = int(pop.sample(rng, "invention", True, np.array([dates.day(y, 1, 1)]))[0])
            grade = str(rng.choice(("一等奖", "二等奖", "三等奖"), p=(0.15, 0.4, 0.45)))
            rows.append({"award": "山西省科学技术奖", "grade": grade, "year": y, "uscc": pop.uscc_of(who), "application_no": None})
    return {c: [r[c] for r in rows] for c in ("award", "grade", "year", "uscc", "application_no")}


def transaction_chunks(ctx: Context, pop: Population, inv: Inventions, cands: Candidates) -> Iterator[dict[str, list]]:
    """Licences (许可) of the zone's inventions and transfers (转让) into the zone, by year.

    A party is an entity index, or ``-1 - p`` for natural person ``p``; names are made per slice.
    """
    scale = ctx.scale
    licences, transfers = _series("licences"), _series("transfers")
    people = pop.zone_persons + pop.out_persons

    def party(code: int) -> tuple[str, str | None]:
        return (names.person_name(-1 - code), None) if code < 0 else (pop.name(code), pop.uscc_of(code))

    for y in range(HISTORY_FROM, YEARS[-1] + 1):
        rng = ctx.rng("transactions", y)
        rows = []
        for kind, n, pool in (
            ("许可", scale.count(licences[y]), cands.in_year(y, entity_only=False)),
            ("转让", scale.count(transfers[y]), cands.in_year(y, entity_only=True)),
        ):
            for _ in range(n):
                for _ in range(50):
                    i = int(pool[rng.integers(0, len(pool))])
                    day = cands.date_in_force(rng, i, y, after_grant=0)
                    if day is not None:
                        break
                else:
                    continue
                owner = int(inv.owner[i])
                holder = -1 - owner if inv.person[i] else owner
                t = rng.random()
                if kind == "许可":  # to a licensee, 45 % of them in the zone
                    other = int(pop.sample(rng, "invention", bool(t >= 0.55), np.array([day]))[0])
                    other = (other + 1) % pop.n if other == holder else other
                    parties = (holder, other)
                    amount = round(float(np.clip(rng.lognormal(np.log(20), 1.0), 0.5, 800)), 2) if rng.random() < 0.7 else None
                else:  # from an earlier owner: a university or institute, an outsider, an inventor, a zone firm
                    if t < 0.35:
                        prior = int(pop.zone_rd_pool[rng.integers(0, len(pop.zone_rd_pool))])
                    elif t < 0.65:
                        prior = int(pop.sample(rng, "invention", False, np.array([day]))[0])
                    elif t < 0.85:
                        prior = -1 - int(rng.integers(0, people))
                    else:
                        prior = int(pop.sample(rng, "invention", True, np.array([day]))[0])
                    prior = (prior + 1) % pop.n if prior == holder else prior
                    parties = (prior, holder)
                    amount = round(float(np.clip(rng.lognormal(np.log(3), 1.0), 0.1, 200)), 2) if rng.random() < 0.85 else None
                rows.append((day, kind, i, parties, amount))
        rows.sort(key=lambda r: (r[0], r[1]))
        serial = {"许可": 980_000_000 + int(rng.integers(100, 3000)), "转让": 980_000_000 + int(rng.integers(100, 3000))}
        numbers = []
        for _, kind, _, _, _ in rows:
            serial[kind] += int(rng.integers(1, 40))
            numbers.append(f"{'X' if kind == '许可' else 'ZR'}{y}{serial[kind]}")
        for lo in range(0, len(rows), 20_000):
            part = rows[lo : lo + 20_000]
            sources = [party(r[3][0]) for r in part]
            targets = [party(r[3][1]) for r in part]
            yield {
                "record_no": numbers[lo : lo + 20_000],
                "kind": [r[1] for r in part],
                "application_no": [inv.appno(r[2]) for r in part],
                "dated": [dates.iso1(r[0]) for r in part],
                "from_name": [p[0] for p in sources],
                "from_uscc": [p[1] for p in sources],
                "to_name": [p[0] for p in targets],
                "to_uscc": [p[1] for p in targets],
                "amount": [r[4] for r in part],
            }
