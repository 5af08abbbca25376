"""The zone's organisations and people, as compact arrays (no row objects).

Entities are numbered: first the zone's (企业, 高校, 科研院所, associations as 其他), then those
outside it, each part ordered by founding date, so "founded before a date" is a prefix and an
owner can be drawn by weight among the entities that existed when a patent was filed. Names are
made from an entity's index when needed (``name``), and so are USCCs (``usccs``, vectorised), from
the registering authority each entity keeps and its serial (the entity's index).
People (natural-person patentees, case respondents, talents) are numbers whose names come from
``names.person_name``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ipzone.contract import ENTITY_KINDS
from ipzone.demo import dates, names
from ipzone.demo.identifiers import Serials, uscc, uscc_many
from ipzone.demo.zone import SIZES, Scale

ENTERPRISE, UNIVERSITY, INSTITUTE, OTHER = range(4)
NEW_STYLE_FROM = dates.day(2015, 10, 1)  # organisation codes are MA… from here on


@dataclass
class Population:
    n_zone: int
    kind: np.ndarray  # int8, index into contract.ENTITY_KINDS
    in_zone: np.ndarray  # bool
    founded: np.ndarray  # int32 days
    industry: np.ndarray  # int16 index into codes, -1 = none
    codes: tuple[str, ...]
    pi: np.ndarray  # bool: industry is patent-intensive
    name_index: np.ndarray  # int32: the index the name is made from
    authority: np.ndarray  # int8 index into AUTHORITIES: 登记管理部门 + 机构类别 and division
    first_serial: int  # entity i has organisation serial first_serial + i
    weight: np.ndarray  # float32 patent activity (0 = files no patents)
    cum: np.ndarray  # float64 cumulative weights of enterprises, the zone's part and the outside part
    rd_pools: dict[bool, np.ndarray]  # in zone? → its universities and institutes
    zone_persons: int
    out_persons: int

    @property
    def n(self) -> int:
        return len(self.kind)

    def name(self, i: int) -> str:
        k = self.kind[i]
        zone = bool(self.in_zone[i])
        j = int(self.name_index[i])
        if k == ENTERPRISE:
            ind = int(self.industry[i])
            return names.enterprise_name(j, self.codes[ind] if ind >= 0 else None, zone)
        if k == UNIVERSITY:
            return names.university_name(j, zone)
        if k == INSTITUTE:
            return names.institute_name(j, zone)
        return names.association_name(j)

    def usccs(self, idx) -> list[str]:
        idx = np.asarray(idx, dtype=np.int64)
        out = []
        for k in range(0, len(idx), 25_000):
            part = idx[k : k + 25_000]
            a = self.authority[part]
            codes = uscc_many(AUTHORITIES[a, 0], AUTHORITIES[a, 1], self.first_serial + part, self.founded[part] >= NEW_STYLE_FROM)
            out += codes.astype("U18").tolist()
        return out

    def uscc_of(self, i: int) -> str:
        prefix, division = AUTHORITIES[self.authority[i]]
        return uscc(prefix.decode(), division.decode(), self.first_serial + i, bool(self.founded[i] >= NEW_STYLE_FROM))

    def zone_enterprises(self) -> np.ndarray:
        return np.flatnonzero((self.kind == ENTERPRISE) & self.in_zone)

    @property
    def zone_rd_pool(self) -> np.ndarray:
        return self.rd_pools[True]

    def sample(self, rng: np.random.Generator, kind: str, zone: bool, before: np.ndarray) -> np.ndarray:
        """One owner per day in ``before`` of a patent of ``kind``: a university or institute for a
        share of them (all founded before 2005), else an enterprise founded by then, by weight."""
        lo, hi = (0, self.n_zone) if zone else (self.n_zone, self.n)
        cum = self.cum[lo:hi]
        eligible = np.searchsorted(self.founded[lo:hi], np.asarray(before).astype(self.founded.dtype), side="right")
        eligible = np.maximum(eligible, 1)
        total = cum[eligible - 1]
        pick = lo + np.minimum(np.searchsorted(cum, rng.random(len(before)) * total, side="right"), eligible - 1)
        research = rng.random(len(before)) < RESEARCH_SHARE[kind]
        pool = self.rd_pools[zone]
        pick[research] = pool[rng.integers(0, len(pool), int(research.sum()))]
        return pick


def _founding(rng: np.random.Generator, n: int, first: int, last: int, growth: float) -> np.ndarray:
    ys = np.arange(first, last + 1)
    p = np.exp(growth * (ys - first))
    year = rng.choice(ys, size=n, p=p / p.sum())
    return np.array([dates.day(int(y)) for y in ys])[year - first] + rng.integers(0, 365, n)


# Who registers each kind of entity (登记管理部门 + 机构类别) and where (division): enterprises
# with market regulation in the zone's or their city's division, universities and institutes as
# public institutions of the province (or outside it), associations as social organisations.
AUTHORITIES = np.array(
    [(b"91", d.encode()) for d in dict.fromkeys(names.ZONE_DIVISIONS)]
    + [(b"91", code.encode()) for code, _ in names.CITIES]
    + [(b"12", b"140000"), (b"12", b"110000"), (b"51", b"140171")],
    dtype="S6",
)
_AUTHORITY = {(p.decode(), d.decode()): k for k, (p, d) in enumerate(AUTHORITIES)}

# Share of each kind of patent owned by universities and institutes (the rest: enterprises).
RESEARCH_SHARE = {"invention": 0.12, "utility": 0.03, "design": 0.003}
PI_SHARE = {True: 0.38, False: 0.45}  # share of enterprises in patent-intensive classes: zone, outside


def build(scale: Scale, pi_codes: tuple[str, ...], other_codes: tuple[str, ...], rng: np.random.Generator, serials: Serials) -> Population:
    codes = tuple(pi_codes) + tuple(other_codes)
    parts = []
    for zone in (True, False):
        pre = "zone" if zone else "out"
        groups = (
            (ENTERPRISE, scale.count(SIZES[f"{pre}_enterprises"], 1), (1992, 2025, 0.11) if zone else (1985, 2023, 0.07)),
            (UNIVERSITY, scale.count(SIZES[f"{pre}_universities"], 1), (1950, 1995, 0.0)),
            (INSTITUTE, scale.count(SIZES[f"{pre}_institutes"], 1), (1958, 2004, 0.03)),
        )
        if zone:
            groups += ((OTHER, scale.count(SIZES["zone_associations"], 1), (2000, 2020, 0.0)),)
        for kind, n, (first, last, growth) in groups:
            founded = _founding(rng, n, first, last, growth)
            if kind == ENTERPRISE:
                is_pi = rng.random(n) < PI_SHARE[zone]
                industry = np.where(
                    is_pi,
                    rng.integers(0, len(pi_codes), n),
                    len(pi_codes) + rng.integers(0, len(other_codes), n),
                ).astype(np.int16)
                base = rng.lognormal(0.0, 1.3, n) * np.where(is_pi, 2.5, 0.6)
            else:
                is_pi = np.zeros(n, bool)
                industry = np.full(n, -1, np.int16)
                base = np.zeros(n)
            parts.append(
                {
                    "kind": np.full(n, kind, np.int8),
                    "in_zone": np.full(n, zone),
                    "founded": founded.astype(np.int32),
                    "industry": industry,
                    "pi": is_pi,
                    "name_index": np.arange(n, dtype=np.int32),
                    "base": base.astype(np.float32),
                }
            )
    cols = {k: np.concatenate([p.pop(k) for p in parts]) for k in list(parts[0])}
    n_zone = int(cols["in_zone"].sum())
    order = np.concatenate([np.argsort(cols["founded"][:n_zone], kind="stable"), n_zone + np.argsort(cols["founded"][n_zone:], kind="stable")])
    for k in cols:
        cols[k] = cols[k][order]
    del order
    kind, in_zone, founded, name_index = cols["kind"], cols["in_zone"], cols["founded"], cols["name_index"]

    # Registering authority: 登记管理部门 + 机构类别 and the division (see AUTHORITIES).
    enterprise = kind == ENTERPRISE
    research = (kind == UNIVERSITY) | (kind == INSTITUTE)
    authority = np.where(research, np.where(in_zone, _AUTHORITY["12", "140000"], _AUTHORITY["12", "110000"]), _AUTHORITY["51", "140171"]).astype(np.int8)
    zone_enterprise = enterprise & in_zone
    zone_codes = np.array([_AUTHORITY["91", d] for d in names.ZONE_DIVISIONS], np.int8)
    authority[zone_enterprise] = zone_codes[rng.integers(0, len(zone_codes), int(zone_enterprise.sum()))]
    out_enterprise = enterprise & ~in_zone
    city_codes = np.array([_AUTHORITY["91", code] for code, _ in names.CITIES], np.int8)
    authority[out_enterprise] = city_codes[names.out_city_index(name_index[out_enterprise])]
    ids = serials.take(len(kind))

    weight = cols["base"]
    cum = weight.astype(np.float64)
    np.cumsum(cum[:n_zone], out=cum[:n_zone])
    np.cumsum(cum[n_zone:], out=cum[n_zone:])
    return Population(
        n_zone=n_zone,
        kind=kind,
        in_zone=in_zone,
        founded=founded,
        industry=cols["industry"],
        codes=codes,
        pi=cols["pi"],
        name_index=name_index,
        authority=authority,
        first_serial=ids.start,
        weight=weight,
        cum=cum,
        rd_pools={z: np.flatnonzero((in_zone == z) & research) for z in (True, False)},
        zone_persons=scale.count(SIZES["zone_persons"], 1),
        out_persons=scale.count(SIZES["out_persons"], 1),
    )


def rows(pop: Population, start: int, stop: int) -> dict[str, list]:
    idx = range(start, stop)
    return {
        "uscc": pop.usccs(np.arange(start, stop)),
        "name": [pop.name(i) for i in idx],
        "kind": [ENTITY_KINDS[k] for k in pop.kind[start:stop].tolist()],
        "industry_code": [pop.codes[c] if c >= 0 else None for c in pop.industry[start:stop].tolist()],
        "founded": dates.iso(pop.founded[start:stop]),
        "in_zone": pop.in_zone[start:stop].tolist(),
    }
