"""Patents and their owners, by filing-year cohorts in chunks; the high-value calibration.

Each chunk's core (filing and grant dates, lapses, owners) is a pure function of the seed and the
chunk's key, so it can be made twice: once to plan (``plan_inventions`` keeps a compact array of
the zone's granted inventions, on which pledges, awards and the high-value calibration are
decided) and once to write (``write``), adding titles, IPCs, overseas families and PCT numbers.
Nothing ever holds all patents.

High-value calibration (每万人口高价值发明专利拥有量): a zone invention in force at a year end is
high-value when a dynamic criterion holds by then (filed more than 10 years before, a pledge of
≥ 1000 万元 registered, a 中国专利奖/国家科学技术奖) or it carries a static one (an SEI IPC or a
granted family member abroad). For each monitored year, in order, the static criterion is given
to exactly as many of that year's new grants as the year's target still needs; grants before
2019 get it at a steady rate. Patents without a criterion get IPCs no SEI entry covers and no
family abroad, so the count is exact by construction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from ipzone.demo import dates, names
from ipzone.demo.context import Context
from ipzone.demo.entities import Population
from ipzone.demo.identifiers import appno
from ipzone.demo.writers import Output
from ipzone.demo.zone import AS_OF, DESIGN_SHARE, FILINGS, PCT_ENTRY_SHARE, YEARS, Scale, default_patents

CHUNK = 20_000
AS_OF_DAY = dates.day(AS_OF.year, AS_OF.month, AS_OF.day)
DESIGN_15_YEARS_FROM = dates.day(2021, 6, 1)  # designs filed from here on are protected 15 years


@dataclass(frozen=True)
class KindSpec:
    zh: str
    digit: str
    weights: str  # how its owners are drawn (entities.RESEARCH_SHARE)
    owner_p: tuple[float, float, float, float]  # zone entity, zone person, outside entity, outside person
    co_owner_p: float
    grant_p: float
    lag: tuple[float, float, float, int]  # days to grant: fixed + gamma(shape, scale), at most the last
    hazard: float  # yearly chance an annual fee goes unpaid
    term: int


KINDS = {
    "invention": KindSpec("发明", "1", "invention", (0.78, 0.03, 0.16, 0.03), 0.16, 0.62, (330, 3.0, 200, 2500), 0.06, 20),
    "pct": KindSpec("发明", "8", "invention", (0.10, 0.0, 0.90, 0.0), 0.05, 0.62, (400, 3.0, 160, 2500), 0.05, 20),
    "utility": KindSpec("实用新型", "2", "utility", (0.82, 0.08, 0.07, 0.03), 0.08, 0.93, (120, 4.0, 45, 360), 0.17, 10),
    "design": KindSpec("外观设计", "3", "design", (0.75, 0.15, 0.07, 0.03), 0.05, 0.94, (90, 3.0, 45, 360), 0.20, 10),
}
INVENTION_KINDS = ("invention", "pct")
ZONE_ENTITY, ZONE_PERSON, OUT_ENTITY, OUT_PERSON = range(4)
LAPSE_REASONS = (None, "未缴年费", "期限届满", "无效宣告", "放弃")
P_STATIC_BEFORE = 0.35  # share of grants before 2019 carrying a static high-value criterion


def cohort_sizes(patents: int | None) -> dict[tuple[int, str], int]:
    """Patents per (filing year, kind): the FILINGS table, scaled to ``patents`` in total."""
    base: dict[tuple[int, str], int] = {}
    for f, total in FILINGS["filings"].items():
        total = int(total)
        inv = round(total * FILINGS["invention"][f])
        pct = round(inv * PCT_ENTRY_SHARE) if f >= 2010 else 0
        des = round(total * DESIGN_SHARE)
        base |= {(f, "invention"): inv - pct, (f, "pct"): pct, (f, "utility"): total - inv - des, (f, "design"): des}
    if patents is None:
        return base
    whole = default_patents()
    quotas = {k: v * patents / whole for k, v in base.items()}
    sizes = {k: int(q) for k, q in quotas.items()}
    short = patents - sum(sizes.values())
    for k in sorted(quotas, key=lambda k: (sizes[k] - quotas[k], k))[:short]:  # largest remainders
        sizes[k] += 1
    return sizes


@dataclass
class Core:
    """One chunk of a cohort: what planning and writing both need."""

    f: int
    kind: str
    filing: np.ndarray
    serial: np.ndarray
    category: np.ndarray
    owner: np.ndarray  # (n, 3) entity or person index, -1 = none
    person: np.ndarray  # (n, 3) bool
    grant: np.ndarray
    lapse: np.ndarray
    reason: np.ndarray  # index into LAPSE_REASONS
    u: np.ndarray

    @property
    def zone_granted(self) -> np.ndarray:
        return (self.category <= ZONE_PERSON) & (self.grant != dates.NEVER)


def _chunks(sizes: dict[tuple[int, str], int], kinds: tuple[str, ...]) -> Iterator[tuple[int, str, int, int, int]]:
    """(filing year, kind, chunk, rows, gap) in writing order."""
    for (f, kind), n in sizes.items():
        if kind not in kinds or n == 0:
            continue
        gap = max(1, min(300, 9_000_000 // n))
        for j, start in enumerate(range(0, n, CHUNK)):
            yield f, kind, j, min(CHUNK, n - start), gap


def _distinct(owner: np.ndarray, person: np.ndarray, pos: int, n_entities: int, n_people: int) -> None:
    """Move an owner that repeats an earlier one of the same patent to the next index."""
    for earlier in range(pos):
        same = (owner[:, pos] >= 0) & (owner[:, pos] == owner[:, earlier]) & (person[:, pos] == person[:, earlier])
        modulus = np.where(person[:, pos], n_people, n_entities)
        owner[same, pos] = (owner[same, pos] + 1) % modulus[same]


def core(ctx: Context, pop: Population, f: int, kind: str, j: int, n: int, gap: int) -> Core:
    spec = KINDS[kind]
    rng = ctx.rng("core", f, kind, j)
    days = dates.valid_days(f)
    filing = np.sort(days[rng.integers(0, len(days), n)])
    serial = 10_000 + j * CHUNK * gap + np.cumsum(rng.integers(1, gap + 1, n))
    category = rng.choice(4, size=n, p=spec.owner_p)
    owner = np.full((n, 3), -1, np.int64)
    person = np.zeros((n, 3), bool)
    zp, people = pop.zone_persons, pop.zone_persons + pop.out_persons

    def entity(mask, zone, col):
        owner[mask, col] = pop.sample(rng, spec.weights, zone, filing[mask])

    def someone(mask, lo, hi, col):
        owner[mask, col] = rng.integers(lo, hi, int(mask.sum()))
        person[mask, col] = True

    def rd_partner(mask, col):
        owner[mask, col] = pop.zone_rd_pool[rng.integers(0, len(pop.zone_rd_pool), int(mask.sum()))]

    entity(category == ZONE_ENTITY, True, 0)
    someone(category == ZONE_PERSON, 0, zp, 0)
    entity(category == OUT_ENTITY, False, 0)
    someone(category == OUT_PERSON, zp, people, 0)
    # Co-owners: universities and institutes, other enterprises, outsiders, inventors themselves.
    r, t = rng.random(n), rng.random(n)
    co = (category == ZONE_ENTITY) & (r < spec.co_owner_p)
    rd_partner(co & (t < 0.40), 1)
    entity(co & (t >= 0.40) & (t < 0.65), True, 1)
    entity(co & (t >= 0.65) & (t < 0.90), False, 1)
    someone(co & (t >= 0.90), 0, zp, 1)
    someone((category == ZONE_PERSON) & (r < 0.2), 0, zp, 1)
    outside_first = category >= OUT_ENTITY
    entity(outside_first, True, 1)  # an outsider's patent is in these data because a zone party shares it
    third = (co & (r < spec.co_owner_p * 0.15)) | (outside_first & (t < 0.10))
    rd_partner(third, 2)
    _distinct(owner, person, 1, pop.n, people)
    _distinct(owner, person, 2, pop.n, people)

    # Grant (a Tuesday, CNIPA's publication day), then the annual fees and the term.
    fixed, shape, scale, longest = spec.lag
    granted = rng.random(n) < spec.grant_p
    lag = np.minimum(fixed + rng.gamma(shape, scale, n), longest).astype(np.int64)
    grant = dates.next_weekday(filing + lag, 1)
    grant = np.where(granted & (grant <= AS_OF_DAY), grant, dates.NEVER)
    is_granted = grant != dates.NEVER
    term = np.full(n, spec.term)
    if kind == "design":
        term = np.where(filing >= DESIGN_15_YEARS_FROM, 15, 10)
    term_end = dates.add_years(filing, term)
    g = np.where(is_granted, grant, filing)
    k0 = dates.years(g) - f
    k0 = np.where(dates.add_years(filing, k0) <= g, k0 + 1, k0)
    k = np.minimum(k0 + rng.geometric(spec.hazard, n) - 1, term)
    anniversary = dates.add_years(filing, k)
    expired = anniversary >= term_end
    lapse = np.where(expired, term_end, anniversary)
    reason = np.where(expired, 2, 1)
    other = rng.random(n)
    early = rng.random(n)
    ended = (other < 0.014) & (lapse - g > 60)
    cut = g + 30 + (early * (np.minimum(lapse, AS_OF_DAY) - g - 30)).astype(np.int64)
    lapse = np.where(ended & (cut > g), cut, lapse)
    reason = np.where(ended & (cut > g), np.where(other < 0.01, 4, 3), reason)
    keep = is_granted & (lapse <= AS_OF_DAY)
    lapse = np.where(keep, lapse, dates.NEVER)
    reason = np.where(keep, reason, 0).astype(np.int8)
    return Core(f, kind, filing, serial, category, owner, person, grant, lapse, reason, rng.random(n))


# --- planning: the zone's granted inventions ---------------------------------------------------


@dataclass
class Inventions:
    """The zone's granted inventions (first patentee in the zone), one entry each, in writing order."""

    f: np.ndarray  # filing year
    digit: np.ndarray  # kind digit of the application number: 1, or 8 (through PCT)
    serial: np.ndarray
    grant: np.ndarray
    lapse: np.ndarray
    owner: np.ndarray  # first patentee: entity index, or person index when ``person``
    person: np.ndarray
    u: np.ndarray
    dynamic: np.ndarray  # first year a pledge or award criterion holds (9999 = none)
    static: np.ndarray  # bool: carries an SEI IPC or a family member abroad

    def __len__(self) -> int:
        return len(self.f)

    def appno(self, i: int) -> str:
        return appno(int(self.f[i]), str(self.digit[i]), int(self.serial[i]))

    def dynamic_by(self, year: int) -> np.ndarray:
        """A criterion that comes with time holds at the end of ``year``: filed more than 10 years
        before (no filing date is 31 December), or a big pledge or an award by then."""
        return (self.f.astype(np.int64) + 10 <= year) | (self.dynamic <= year)


def plan_inventions(ctx: Context, pop: Population, sizes: dict) -> Inventions:
    parts = []
    for f, kind, j, n, gap in _chunks(sizes, INVENTION_KINDS):
        c = core(ctx, pop, f, kind, j, n, gap)
        m = c.zone_granted
        k = int(m.sum())
        parts.append(
            (
                np.full(k, f, np.int16),
                np.full(k, int(KINDS[kind].digit), np.int8),
                c.serial[m].astype(np.int32),
                c.grant[m].astype(np.int32),
                c.lapse[m].astype(np.int32),
                c.owner[m, 0].astype(np.int32),
                c.person[m, 0],
                c.u[m].astype(np.float32),
            )
        )
    cols = [np.concatenate(p) for p in zip(*parts, strict=True)]
    n = len(cols[0])
    return Inventions(*cols, dynamic=np.full(n, 9999, np.int16), static=np.zeros(n, bool))


def calibrate(inv: Inventions, scale: Scale) -> None:
    """Give the static criterion so that each monitored year end has its target count (exactly,
    unless the zone is too small to reach it: then as close as it gets)."""
    gy = dates.years(inv.grant)
    ly = dates.years(inv.lapse)
    before = gy < YEARS[0]
    inv.static[before] = inv.u[before] < P_STATIC_BEFORE
    for y in YEARS:
        in_force = (gy <= y) & (ly > y)  # a lapse date is the first day out of force
        criterion = inv.dynamic_by(y)
        counted = in_force & (gy < y) & (inv.static | criterion)
        new = gy == y
        candidates = np.flatnonzero(new & in_force & ~criterion)
        need = scale.hv_count(y) - int(counted.sum()) - int((new & in_force & criterion).sum())
        need = min(max(need, 0), len(candidates))
        rest = new.copy()
        rest[candidates] = False
        inv.static[rest] = inv.u[rest] < P_STATIC_BEFORE
        chosen = candidates[np.argsort(inv.u[candidates], kind="stable")[:need]]
        inv.static[chosen] = True


# --- writing ------------------------------------------------------------------------------------


class PctNumbers:
    """PCT/CN{year}/{serial}: distinct serials per year, rising in the order they are handed out."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.last: dict[int, int] = {}

    def take(self, year: int) -> str:
        serial = self.last.get(year, 9_000 + int(self.rng.integers(0, 1000))) + int(self.rng.integers(1, 40))
        self.last[year] = serial
        return f"PCT/CN{year}/{serial:06d}"


def _pct_share(f: int) -> float:
    """Chance that a zone invention with a family abroad was followed by a PCT filing of its own."""
    return min(0.45, max(0.0, 0.05 + 0.03 * (f - 2010)))


def write(ctx: Context, pop: Population, sizes: dict, inv: Inventions, out: Output, pct: PctNumbers) -> dict[str, list]:
    """Write patents and patent_owners; returns the PCT filings the patents name (pct_no, day, who)."""
    sei, plain = ctx.refs.sei_symbols, ctx.refs.non_sei_symbols
    field_of = {s: names.ipc_field(s) for s in sei + plain}
    # Further IPCs of a patent come from its main symbol's field, and from the same pool.
    alike = {s: tuple(t for t in pool if field_of[t] == field_of[s]) for pool in (sei, plain) for s in pool}
    pw = out.open("patents", sum(sizes.values()))
    ow = out.open("patent_owners")
    pct_rows: dict[str, list] = {"pct_no": [], "day": [], "who": []}
    pointer = 0
    zp = pop.zone_persons
    for f, kind, j, n, gap in _chunks(sizes, tuple(KINDS)):
        spec = KINDS[kind]
        c = core(ctx, pop, f, kind, j, n, gap)
        rng = ctx.rng("detail", f, kind, j)
        invention = kind in INVENTION_KINDS
        zone = c.category <= ZONE_PERSON
        # Which patents carry an SEI IPC and a granted family abroad.
        overseas = np.zeros(n, np.int64)
        sei_main = rng.random(n) < (0.45 if invention else 0.35)
        abroad = rng.random(n)
        family = rng.geometric(0.5, n).clip(max=8)
        if invention:
            outside = ~zone
            overseas = np.where(outside & (abroad < (0.5 if kind == "pct" else 0.08)), family, 0)
            zg = c.zone_granted
            static = np.zeros(n, bool)
            static[zg] = inv.static[pointer : pointer + int(zg.sum())]
            pointer += int(zg.sum())
            kind_of_static = rng.random(n)
            # A zone invention with a static criterion: SEI (85 %, a tenth also abroad) or abroad only.
            sei_main = np.where(zg, static & (kind_of_static < 0.85), sei_main)
            overseas = np.where(zg & static & ((kind_of_static >= 0.85) | (kind_of_static < 0.085)), family, overseas)
            overseas = np.where(zg & ~static, 0, overseas)
            overseas = np.where(zone & ~zg, 0, overseas)
        main_pick = rng.integers(0, 1 << 30, n).tolist()
        extra_n = rng.integers(0, 3, n).tolist()
        extra_pick = rng.integers(0, 1 << 30, (n, 2)).tolist()
        title_pick = rng.integers(0, 1 << 30, n).tolist()
        # Zone inventions with a family abroad that went through a PCT filing of their own.
        own_pct = (rng.random(n) < _pct_share(f)) & zone & ~c.person[:, 0] & (overseas > 0) & invention & (kind != "pct")
        pct_day = c.filing + rng.integers(200, 366, n)
        pct_on = np.where(kind == "pct", c.filing, np.where(own_pct & (pct_day <= AS_OF_DAY), pct_day, dates.NEVER))
        pct_year = dates.years(pct_on).tolist()

        appnos = [appno(f, spec.digit, s) for s in c.serial.tolist()]
        titles, abstracts, ipcs, pct_nos = [], [], [], []
        sei_flags = sei_main.tolist()
        for i in range(n):
            if kind == "design":
                titles.append(names.patent_title("daily", "外观设计", title_pick[i]))
                abstracts.append(None)
                ipcs.append(None)
            else:
                pool = sei if sei_flags[i] else plain
                main = pool[main_pick[i] % len(pool)]
                same = alike[main]
                extras = [same[e % len(same)] for e in extra_pick[i][: extra_n[i]]]
                field = field_of[main]
                title = names.patent_title(field, spec.zh, title_pick[i])
                titles.append(title)
                abstracts.append(names.patent_abstract(field, spec.zh, title, title_pick[i] >> 4))
                ipcs.append([main] + [x for x in dict.fromkeys(extras) if x != main])
            pct_nos.append(pct.take(pct_year[i]) if pct_year[i] != 9999 else None)
        for i in np.flatnonzero(pct_on != dates.NEVER).tolist():
            pct_rows["pct_no"].append(pct_nos[i])
            pct_rows["day"].append(int(pct_on[i]))
            pct_rows["who"].append(int(c.owner[i, 0]))
        pw.write(
            {
                "application_no": appnos,
                "kind": [spec.zh] * n,
                "title": titles,
                "abstract": abstracts,
                "filing_date": dates.iso(c.filing),
                "grant_date": dates.iso(c.grant),
                "ipc": ipcs,
                "lapse_date": dates.iso(c.lapse),
                "lapse_reason": [LAPSE_REASONS[r] for r in c.reason.tolist()],
                "pct_no": pct_nos,
                "overseas_family_grants": overseas.tolist(),
            }
        )
        rows: dict[str, list] = {"application_no": [], "position": [], "name": [], "uscc": [], "in_zone": []}
        owners = c.owner.tolist()
        persons = c.person.tolist()
        distinct = np.unique(c.owner[~c.person & (c.owner >= 0)])
        known = {o: (pop.name(o), code, bool(pop.in_zone[o])) for o, code in zip(distinct.tolist(), pop.usccs(distinct), strict=True)}
        for i in range(n):
            for pos in range(3):
                o = owners[i][pos]
                if o < 0:
                    continue
                name, code, here = (names.person_name(o), None, o < zp) if persons[i][pos] else known[o]
                rows["application_no"].append(appnos[i])
                rows["position"].append(pos + 1)
                rows["name"].append(name)
                rows["uscc"].append(code)
                rows["in_zone"].append(here)
        ow.write(rows)
    if pointer != len(inv):
        raise AssertionError("writing did not meet the planned inventions")
    out.finish(pw)
    out.finish(ow)
    return pct_rows


def pct_filings(ctx: Context, pop: Population, linked: dict[str, list], pct: PctNumbers) -> dict[str, list]:
    """The PCT filings the patents name, topped up with the zone's other PCT filings to each
    year's target (TASKS pct_filings; PCT filings not followed by a Chinese patent in these data)."""
    rows = [dict(zip(linked, r, strict=True)) for r in zip(*linked.values(), strict=True)]
    years = dates.years(np.array(linked["day"], np.int64)).tolist() if rows else []
    zone_years = [y for r, y in zip(rows, years, strict=True) if pop.in_zone[r["who"]]]
    for y in YEARS:
        have = zone_years.count(y)
        rng = ctx.rng("pct", y)
        window = dates.weekdays(y)
        for _ in range(max(0, ctx.scale.task("pct_filings", y) - have)):
            day = int(rng.choice(window))
            who = int(pop.sample(rng, "invention", True, np.array([day]))[0])
            rows.append({"pct_no": pct.take(y), "day": day, "who": who})
    rows.sort(key=lambda r: (r["day"], r["pct_no"]))
    return {
        "pct_no": [r["pct_no"] for r in rows],
        "filing_date": [dates.iso1(r["day"]) for r in rows],
        "uscc": pop.usccs([r["who"] for r in rows]),
    }
