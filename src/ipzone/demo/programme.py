"""The zone's statistics and the IP programme around the patents.

zone_year and entity_year (calibrated to the cent), qualifications (certificates of three years,
issued so that the holders valid at each year end are exactly the target), service agencies,
talents, protection cases, satisfaction surveys and events.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ipzone.contract import QUALIFICATION_KINDS
from ipzone.demo import dates, names
from ipzone.demo.context import Context
from ipzone.demo.entities import ENTERPRISE, OTHER, Population
from ipzone.demo.identifiers import uscc
from ipzone.demo.patents import AS_OF_DAY
from ipzone.demo.zone import MAIN, TASKS, YEARS, history

HITECH, NAT_DEMO, NAT_ADV, PROV_DEMO, PROV_ADV, IPMS = QUALIFICATION_KINDS
ENTERPRISE_VA_SHARE = 0.45  # in-zone enterprises' value added ÷ GDP
ENTERPRISE_RD_SHARE = 0.72  # in-zone enterprises' R&D ÷ the zone's R&D expenditure


class _Cents:
    """Whole cents for a stream of weights, summing to ``total`` exactly: the running total of the
    shares is rounded, never the shares one by one, so each is within a cent of its share."""

    def __init__(self, total: int, weight_sum: float):
        self.total, self.factor = total, total / weight_sum if weight_sum else 0.0
        self.running, self.issued = 0.0, 0

    def take(self, weights: np.ndarray, last: bool) -> np.ndarray:
        if len(weights) == 0:
            return np.zeros(0, np.int64)
        running = self.running + np.cumsum(weights, dtype=np.float64) * self.factor
        rounded = np.round(running).astype(np.int64)
        if last:
            rounded[-1] = self.total
        cents = np.diff(rounded, prepend=self.issued)
        self.running, self.issued = float(running[-1]), int(rounded[-1])
        return cents


def zone_year(ctx: Context) -> dict[str, list]:
    s = ctx.scale
    rows: dict[str, list] = {k: [] for k in ("year", "population", "gdp", "rd_expenditure", "budget_expenditure", "ip_budget", "ip_staff")}
    for y in YEARS:
        gdp = s.yi("gdp", y)
        budget = s.yi("budget", y)
        rows["year"].append(y)
        rows["population"].append(s.population(y))
        rows["gdp"].append(gdp)
        rows["rd_expenditure"].append(round(gdp * MAIN["rd_gdp_pct"][y] / 100, 2))
        rows["budget_expenditure"].append(budget)
        rows["ip_budget"].append(round(budget * MAIN["ip_budget_pct"][y] / 100, 2))
        rows["ip_staff"].append(int(MAIN["ip_staff"][y]))
    return rows


# --- qualifications -----------------------------------------------------------------------------

# kind → (series, first year, chance a holder renews, issue window (month, day) from/to, certificate number)
QUALIFICATIONS = {
    HITECH: (MAIN["hitech"], 2008, 0.80, ((10, 15), (12, 20)), "GR{y}14{k:06d}"),
    NAT_DEMO: (TASKS["nat_demo"], 2013, 0.85, ((10, 20), (11, 30)), None),
    NAT_ADV: (TASKS["nat_adv"], 2013, 0.80, ((10, 20), (11, 30)), None),
    PROV_DEMO: (TASKS["prov_demo"], 2012, 0.80, ((9, 1), (11, 30)), "SXIPD{y}{k:04d}"),
    PROV_ADV: (TASKS["prov_adv"], 2012, 0.75, ((9, 1), (11, 30)), "SXIPA{y}{k:04d}"),
    IPMS: (TASKS["ipms"], 2014, 0.85, ((1, 5), (12, 20)), "165IP{yy:02d}{k:04d}R0M"),
}


def _issued(target: dict[int, int]) -> dict[int, int]:
    """Certificates to issue each year so that those of the last three years number ``target``."""
    n: dict[int, int] = {}
    for y in sorted(target):
        n[y] = max(0, target[y] - n.get(y - 1, 0) - n.get(y - 2, 0))
    return n


def qualification_plan(ctx: Context, pop: Population) -> tuple[list[tuple[str, int, np.ndarray, np.ndarray]], np.ndarray]:
    """Certificates as (kind, year, holders, issue days), and which entities ever were 高新技术企业."""
    plan = []
    enterprises = np.flatnonzero((pop.kind == ENTERPRISE) & pop.in_zone)
    ever_hitech = np.zeros(pop.n, bool)
    for kind, (series, first, renew, (start, end), _) in QUALIFICATIONS.items():
        rng = ctx.rng("qualifications", kind)
        target = {y: ctx.scale.count(v) for y, v in history(series, first, 0.16).items()}
        held = np.zeros(pop.n, bool)  # ever held this kind
        by_year: dict[int, np.ndarray] = {}
        for y, n in _issued(target).items():
            renewing = by_year.get(y - 3, np.array([], np.int64))
            keep = min(n, round(renew * len(renewing)))
            renewed = np.sort(rng.choice(renewing, keep, replace=False)) if keep else np.array([], np.int64)
            eligible = enterprises[(pop.founded[enterprises] <= dates.day(y - 1)) & ~held[enterprises]]
            w = pop.weight[eligible] ** 0.7 + 0.05
            key = np.log(rng.random(len(eligible))) / w  # weighted sampling without replacement
            new = np.sort(eligible[np.argsort(-key, kind="stable")[: min(n - keep, len(eligible))]])
            holders = np.concatenate([renewed, new])
            held[new] = True
            by_year[y] = holders
            window = dates.weekdays(y, start, end)
            if kind == IPMS:  # certification bodies issue all year round
                issue = window[rng.integers(0, len(window), len(holders))]
            else:  # lists announced in batches
                batches = np.sort(rng.choice(window, 3 if kind == HITECH else 1, replace=False))
                issue = batches[rng.integers(0, len(batches), len(holders))]
            plan.append((kind, y, holders, issue))
        if kind == HITECH:
            ever_hitech = held
    return plan, ever_hitech


def qualification_chunks(plan, pop: Population) -> Iterator[dict[str, list]]:
    for kind, y, holders, issue in plan:
        number = QUALIFICATIONS[kind][4]
        yield {
            "uscc": pop.usccs(holders),
            "kind": [kind] * len(holders),
            "certificate_no": [number.format(y=y, yy=y % 100, k=k + 1) for k in range(len(holders))] if number else [None] * len(holders),
            "valid_from": dates.iso(issue),
            "valid_to": dates.iso(dates.add_years(issue, 3) - 1),
        }


# --- entity_year --------------------------------------------------------------------------------


def entity_year_rows(pop: Population) -> int:
    """How many rows ``entity_year`` writes: each in-zone enterprise for each year since its founding."""
    founded = dates.years(pop.founded[pop.zone_enterprises()])
    return sum(int((founded <= y).sum()) for y in YEARS)


def entity_year(ctx: Context, pop: Population, hitech: np.ndarray) -> Iterator[dict[str, list]]:
    """Value added, revenue and R&D of in-zone enterprises, a year at a time in slices.

    Each year's value added of the patent-intensive enterprises sums to the target to the cent,
    the others to ENTERPRISE_VA_SHARE of GDP, and R&D to ENTERPRISE_RD_SHARE of the zone's.
    """
    rng = ctx.rng("economy")
    ent = pop.zone_enterprises()
    n = len(ent)
    size = ((pop.weight[ent] + 0.2) ** 0.6 * rng.lognormal(0.0, 0.8, n)).astype(np.float32)
    growth = (1 + rng.normal(0.08, 0.06, n)).astype(np.float32)
    va_ratio = rng.uniform(0.20, 0.38, n).astype(np.float32)
    pi = pop.pi[ent]
    intensity = np.where(hitech[ent], rng.uniform(0.03, 0.07, n), np.where(pi, rng.uniform(0.015, 0.04, n), rng.uniform(0.003, 0.015, n))).astype(np.float32)
    founded_year = dates.years(pop.founded[ent]).astype(np.int16)
    s = ctx.scale
    step = 100_000
    slices = [slice(k, min(n, k + step)) for k in range(0, n, step)]
    for y in YEARS:

        def raw(part: slice) -> tuple[np.ndarray, np.ndarray]:
            idx = np.flatnonzero(founded_year[part] <= y) + part.start
            young = np.where(founded_year[idx] == y, np.float32(0.5), np.float32(1.0))
            return idx, size[idx] * growth[idx] ** (y - YEARS[0]) * young

        # First pass: the sums the shares are taken of, and the last slice each group appears in.
        sums = np.zeros(2)
        last = [-1, -1]
        for k, part in enumerate(slices):
            idx, r = raw(part)
            for g, mask in enumerate((pi[idx], ~pi[idx])):
                sums[g] += r[mask].sum(dtype=np.float64)
                last[g] = k if mask.any() else last[g]
        gdp_cents = round(s.yi("gdp", y) * 100)
        pi_cents = round(s.yi("pi_va", y) * 100)
        va_cents = [_Cents(pi_cents, sums[0]), _Cents(round(gdp_cents * ENTERPRISE_VA_SHARE) - pi_cents, sums[1])]
        rd_sum = sum(float((r / va_ratio[idx] * intensity[idx]).sum(dtype=np.float64)) for idx, r in map(raw, slices))
        rd_cents = _Cents(round(s.yi("gdp", y) * MAIN["rd_gdp_pct"][y] / 100 * ENTERPRISE_RD_SHARE * 100), rd_sum)
        for k, part in enumerate(slices):
            idx, r = raw(part)
            va = np.zeros(len(idx), np.int64)
            for g, mask in enumerate((pi[idx], ~pi[idx])):
                va[mask] = va_cents[g].take(r[mask], k == last[g])
            revenue = np.round(va / va_ratio[idx]).astype(np.int64)
            rd = rd_cents.take(r / va_ratio[idx] * intensity[idx], k == max(last))
            yield {
                "uscc": pop.usccs(ent[idx]),
                "year": [y] * len(idx),
                "value_added": (va / 100).tolist(),
                "revenue": (revenue / 100).tolist(),
                "rd": (rd / 100).tolist(),
            }


# --- agencies and talents -------------------------------------------------------------------------

AGENCY_LEAVES = {2019: 1, 2020: 1, 2021: 1, 2022: 2, 2023: 1, 2024: 2, 2025: 2}
AGENCY_KIND_P = (0.22, 0.22, 0.12, 0.08, 0.06, 0.08, 0.08, 0.06, 0.04, 0.04)


def agencies(ctx: Context) -> list[dict]:
    """Agencies joining over the years, a few leaving; present at each year end exactly the target."""
    rng = ctx.rng("agencies")
    s = ctx.scale
    target = {y: s.count(v, 1) for y, v in history(MAIN["agencies"], 2008, 0.17).items()}
    rows: list[dict] = []
    present: list[dict] = []
    for y, want in target.items():
        leaving = min(s.count(AGENCY_LEAVES.get(y, y % 2)), max(0, len([a for a in present if a["joined"] < dates.day(y)]) - 1))
        if leaving:
            old = [a for a in present if a["joined"] < dates.day(y)]
            for k in sorted(rng.choice(len(old), leaving, replace=False).tolist(), reverse=True):
                a = old[k]
                a["left"] = int(rng.choice(dates.weekdays(y)))
                present.remove(a)
        window = dates.weekdays(y)
        for _ in range(max(0, want - len(present))):
            kind = int(rng.choice(len(names.AGENCY_KINDS), p=AGENCY_KIND_P))
            services, pattern = names.AGENCY_KINDS[kind]
            serial = ctx.serials.take(1)[0]
            a = {
                "uscc": uscc("31" if "律师事务所" in pattern else "91", "140000" if "律师事务所" in pattern else "140171", serial, y >= 2016),
                "name": pattern.format(b=names.brand(700 + len(rows))),
                "services": list(services),
                "joined": int(rng.choice(window)),
                "left": None,
            }
            rows.append(a)
            present.append(a)
    return rows


def agency_columns(rows: list[dict]) -> dict[str, list]:
    return {
        "uscc": [a["uscc"] for a in rows],
        "name": [a["name"] for a in rows],
        "services": [a["services"] for a in rows],
        "joined_on": [dates.iso1(a["joined"]) for a in rows],
        "left_on": [dates.iso1(a["left"]) if a["left"] is not None else None for a in rows],
    }


TITLE_P = {True: (0.08, 0.22, 0.42, 0.28), False: (0.25, 0.30, 0.30, 0.15)}  # 无/初级/中级/高级
STAY = 0.07  # yearly chance a person leaves the zone


def talent_chunks(ctx: Context, pop: Population, agency_rows: list[dict]) -> Iterator[dict[str, list]]:
    """People by the year they joined. Each leaves after a geometric stay (at least a year), or
    with the agency employing them; joins keep the year-end head count on its target."""
    rng = ctx.rng("talents")
    s = ctx.scale
    total = {y: s.count(v, 1) for y, v in history(TASKS["talents"], 2010, 0.12).items()}
    lawyers = {y: s.count(v) for y, v in history(TASKS["attorneys"], 2010, 0.12).items()}
    gone: dict[int, int] = {}  # leave year → people, attorneys as negative keys
    present = attorneys = 0
    number = 0
    for y in total:
        start, end = dates.day(y), dates.year_end(y)
        present -= gone.get(y, 0)
        attorneys -= gone.get(-y, 0)
        agencies_now = [a for a in agency_rows if a["joined"] <= end and (a["left"] is None or a["left"] > end)]
        agents = [a for a in agencies_now if "代理" in a["services"]] or agencies_now
        joins = max(0, total[y] - present)
        new_attorneys = min(joins, max(0, lawyers[y] - attorneys)) if agents else 0
        shift = 0.01 * max(0, y - 2015)  # titles rise over the years
        rows = []
        for k in range(joins):
            attorney = k < new_attorneys
            day = int(rng.integers(start, end - 1))
            t = rng.random()
            agency = None
            if attorney or (t < 0.35 and agencies_now):
                agency = agents[rng.integers(0, len(agents))] if attorney else agencies_now[rng.integers(0, len(agencies_now))]
                day = max(day, agency["joined"])
                employer = agency["uscc"]
            elif t < 0.85:
                employer = pop.uscc_of(int(pop.sample(rng, "invention", True, np.array([day]))[0]))
            else:
                employer = pop.uscc_of(int(pop.zone_rd_pool[rng.integers(0, len(pop.zone_rd_pool))]))
            left = day + 365 * int(rng.geometric(STAY)) + int(rng.integers(0, 365))
            if agency is not None and agency["left"] is not None:
                left = min(left, agency["left"])
            left = left if left <= AS_OF_DAY else None
            if left is not None:
                ly = int(dates.years(np.array([left]))[0])
                gone[ly] = gone.get(ly, 0) + 1
                if attorney:
                    gone[-ly] = gone.get(-ly, 0) + 1
            p = np.clip(np.array(TITLE_P[attorney]) + np.array([-shift, -shift, shift, shift]), 0.01, None)
            title = ("无", "初级", "中级", "高级")[int(rng.choice(4, p=p / p.sum()))]
            h = rng.random()
            honours = None if h > 0.05 else [str(x) for x in rng.choice(names.HONOURS, 1 if h > 0.01 else 2, replace=False)]
            rows.append((day, employer, attorney, title, honours, left))
        present += joins
        attorneys += new_attorneys
        rows.sort(key=lambda r: r[0])
        ids = range(number, number + len(rows))
        number += len(rows)
        yield {
            "person_id": [f"RC{k + 1:07d}" for k in ids],
            "name": [names.person_name(500_000 + k) for k in ids],
            "employer_uscc": [r[1] for r in rows],
            "patent_attorney": [r[2] for r in rows],
            "title": [r[3] for r in rows],
            "honours": [r[4] for r in rows],
            "joined_on": [dates.iso1(r[0]) for r in rows],
            "left_on": [dates.iso1(r[5]) if r[5] is not None else None for r in rows],
        }


# --- protection ----------------------------------------------------------------------------------

CASE_KINDS = {  # kind: (share, rights and their shares, days to close, outcomes and their shares, number)
    "行政执法": (0.35, {"商标": 0.60, "专利": 0.25, "地理标志": 0.08, "其他": 0.07}, (20, 120),
               {"侵权成立": 0.75, "侵权不成立": 0.10, "撤回": 0.10, "其他": 0.05}, "晋泽市监知罚〔{y}〕{k}号"),
    "纠纷调解": (0.25, {"专利": 0.40, "商标": 0.35, "著作权": 0.20, "其他": 0.05}, (10, 60),
               {"调解成功": 0.70, "调解不成功": 0.25, "撤回": 0.05}, "晋泽知调〔{y}〕{k}号"),
    "维权援助": (0.20, {"专利": 0.45, "商标": 0.35, "著作权": 0.15, "地理标志": 0.05}, (15, 90),
               {"调解成功": 0.40, "其他": 0.40, "撤回": 0.20}, "晋泽维援〔{y}〕{k}号"),
    "行政裁决": (0.10, {"专利": 1.0}, (60, 120),
               {"侵权成立": 0.60, "侵权不成立": 0.25, "撤回": 0.15}, "晋泽知裁字〔{y}〕{k}号"),
    "司法": (0.10, {"专利": 0.45, "商标": 0.35, "著作权": 0.15, "其他": 0.05}, (90, 400),
           {"侵权成立": 0.55, "侵权不成立": 0.15, "调解成功": 0.20, "撤回": 0.10}, "（{y}）晋01知民初{k}号"),
}  # fmt: skip
REPEAT_INFRINGERS = 4
IN_ZONE_INFRINGERS = 0.03  # share of the other established cases whose respondent is a zone company


def _pick(rng: np.random.Generator, shares: dict[str, float]) -> str:
    keys = list(shares)
    return keys[int(rng.choice(len(keys), p=np.array(list(shares.values())) / sum(shares.values())))]


def case_chunks(ctx: Context, pop: Population) -> Iterator[dict[str, list]]:
    """Cases by the year they were opened. Repeat infringers are planned first: a company found
    infringing (行政执法, 侵权成立) in two or three cases opened within three years."""
    s = ctx.scale
    opened = {y: s.count(v) for y, v in history(TASKS["cases_opened"], 2017, 0.18).items()}
    rng = ctx.rng("cases")
    repeat: dict[int, list[tuple[str, str]]] = {}  # year → (respondent, uscc) of its repeat cases
    for r in range(s.count(REPEAT_INFRINGERS, 1)):
        k = names.OUT_NAMES - 20_001 - r
        who = (names.enterprise_name(k, "5179", False), uscc("91", names.out_city(k)[0], ctx.serials.take(1)[0], True))
        y0 = int(rng.integers(YEARS[0], YEARS[-1] - 2))
        for y in rng.integers(y0, y0 + 3, int(rng.integers(2, 4))).tolist():
            repeat.setdefault(y, []).append(who)
    # One repeat infringer is a company of the zone itself (its credit grade falls to D), found
    # infringing in 2023, 2024 and 2025; drawn from streams of its own so the rest is unchanged.
    local = ctx.rng("cases", "in-zone")
    zone_firms = pop.zone_enterprises()
    zone_firms = zone_firms[pop.founded[zone_firms] < dates.day(2018)]
    if len(zone_firms):
        i = int(zone_firms[local.integers(0, len(zone_firms))])
        for y in (2023, 2024, 2025):
            repeat.setdefault(y, []).append((pop.name(i), pop.uscc_of(i)))
    geo_owners = [pop.name(i) for i in np.flatnonzero((pop.kind == OTHER) & pop.in_zone).tolist()]
    for y, n in opened.items():
        rng = ctx.rng("cases", y)
        rows = []
        for _ in range(n):
            kind = _pick(rng, {k: v[0] for k, v in CASE_KINDS.items()})
            right = _pick(rng, CASE_KINDS[kind][1])
            if rng.random() < 0.7:
                respondent, division = names.shop_name(int(rng.integers(0, 1_000_000)))
                prefix = "92"
            else:
                k = names.OUT_NAMES - 1 - int(rng.integers(0, 20_000))  # the end of the outside's names
                respondent, division, prefix = names.enterprise_name(k, None, False), names.out_city(k)[0], "91"
            day = int(rng.choice(dates.weekdays(y)))
            code = uscc(prefix, division, ctx.serials.take(1)[0], day >= dates.day(2016)) if rng.random() < 0.85 else None
            rows.append({"kind": kind, "right_kind": right, "opened_on": day, "respondent": respondent, "respondent_uscc": code})
        for row, (name, code) in zip(rng.permutation(len(rows)).tolist(), repeat.get(y, []), strict=False):
            rows[row].update(kind="行政执法", right_kind="商标", respondent=name, respondent_uscc=code, repeat=True)
            rows[row]["opened_on"] = min(rows[row]["opened_on"], dates.day(y, 8, 31))
        rows.sort(key=lambda r: r["opened_on"])
        numbers = dict.fromkeys(CASE_KINDS, 0)
        for row in rows:
            _, _, (lo, hi), outcomes, number = CASE_KINDS[row["kind"]]
            closed = row["opened_on"] + int(rng.integers(lo, hi + 1))
            closed = closed if closed <= AS_OF_DAY else None
            numbers[row["kind"]] += 1
            if row["right_kind"] == "地理标志":
                holder = geo_owners[rng.integers(0, len(geo_owners))]
            else:
                holder = pop.name(int(pop.sample(rng, "design", bool(rng.random() < 0.75), np.array([row["opened_on"]]))[0]))
            outcome = ("侵权成立" if row.get("repeat") else _pick(rng, outcomes)) if closed is not None else None
            row.update(
                case_no=number.format(y=y, k=numbers[row["kind"]]),
                closed_on=closed,
                holder=holder,
                outcome=outcome,
                amount=round(float(np.clip(rng.lognormal(np.log(8), 1.2), 0.1, 2000)), 2) if rng.random() < 0.6 else None,
                typical=outcome in ("侵权成立", "调解成功") and bool(rng.random() < 0.08),
            )
        # A few infringers are companies of the zone (credit grading reads them): 3 % of the other
        # established cases, from a stream of their own.
        local = ctx.rng("cases", "in-zone", y)
        for row in rows:
            if row["outcome"] == "侵权成立" and not row.get("repeat") and len(zone_firms) and local.random() < IN_ZONE_INFRINGERS:
                i = int(zone_firms[local.integers(0, len(zone_firms))])
                row.update(respondent=pop.name(i), respondent_uscc=pop.uscc_of(i))
        yield {
            "case_no": [c["case_no"] for c in rows],
            "kind": [c["kind"] for c in rows],
            "right_kind": [c["right_kind"] for c in rows],
            "opened_on": [dates.iso1(c["opened_on"]) for c in rows],
            "closed_on": [dates.iso1(c["closed_on"]) if c["closed_on"] is not None else None for c in rows],
            "holder": [c["holder"] for c in rows],
            "respondent": [c["respondent"] for c in rows],
            "respondent_uscc": [c["respondent_uscc"] for c in rows],
            "outcome": [c["outcome"] for c in rows],
            "amount": [c["amount"] for c in rows],
            "typical": [c["typical"] for c in rows],
        }


def survey_chunks(ctx: Context) -> Iterator[dict[str, list]]:
    """Responses by year; integer scores whose mean is the year's satisfaction exactly."""
    for y in YEARS:
        rng = ctx.rng("surveys", y)
        n = ctx.scale.count(TASKS["survey_responses"][y], 1)
        mean = MAIN["satisfaction"][y]
        score = np.clip(np.round(rng.normal(mean, 11, n)), 30, 100).astype(np.int64)
        diff = round(mean * n) - int(score.sum())
        while diff:
            room = np.flatnonzero(score < 100) if diff > 0 else np.flatnonzero(score > 30)
            pick = rng.choice(room, min(abs(diff), len(room)), replace=False)
            score[pick] += int(np.sign(diff))
            diff = round(mean * n) - int(score.sum())
        kinds = rng.integers(0, len(names.SURVEY_KINDS), n)
        yield {
            "response_id": [f"MY{y}{k + 1:06d}" for k in range(n)],
            "year": [y] * n,
            "respondent_kind": [names.SURVEY_KINDS[k] for k in kinds.tolist()],
            "score": [float(v) for v in score.tolist()],
        }


def events(ctx: Context) -> dict[str, list]:
    rows: dict[str, list] = {"held_on": [], "name": [], "kind": [], "theme": [], "participants": []}
    zone = f"{names.ZONE_PLACE}示范区"

    def add(day: int, name: str, kind: str, theme: str, participants: int) -> None:
        rows["held_on"].append(dates.iso1(day))
        rows["name"].append(name)
        rows["kind"].append(kind)
        rows["theme"].append(theme)
        rows["participants"].append(participants)

    for y in YEARS:
        rng = ctx.rng("events", y)
        n = ctx.scale.count(TASKS["events"][y], 5)
        venues = ctx.scale.count(1, 1)
        fixed = []
        for v in range(venues):
            suffix = f"（第{v + 1}会场）" if venues > 1 else ""
            fixed += [
                (dates.day(y, 4, 26), f"{y}年{zone}“世界知识产权日”主题宣传活动{suffix}", "宣传", "世界知识产权日", int(rng.integers(800, 2000))),
                (int(rng.choice(dates.weekdays(y, (4, 20), (4, 25)))), f"{y}年{zone}全国知识产权宣传周启动仪式{suffix}", "宣传", "全国知识产权宣传周", int(rng.integers(200, 800))),
                (int(rng.choice(dates.weekdays(y, (4, 20), (4, 25)))), f"{y}年全国知识产权宣传周知识产权进企业活动{suffix}", "宣传", "全国知识产权宣传周", int(rng.integers(100, 400))),
                (int(rng.choice(dates.weekdays(y, (11, 1), (11, 30)))), f"{y}年中国专利周{zone}分会场活动{suffix}", "宣传", "中国专利周", int(rng.integers(150, 600))),
                (int(rng.choice(dates.weekdays(y, (9, 1), (9, 30)))), f"{y}年“知识产权服务万里行”走进{zone}{suffix}", "宣传", "知识产权服务万里行", int(rng.integers(100, 300))),
            ]
        for e in fixed[:n]:
            add(*e)
        window = dates.weekdays(y, (2, 20), (12, 20))
        for _ in range(n - len(fixed[:n])):
            day = int(rng.choice(window))
            if rng.random() < 0.75:
                topic = names.EVENT_TRAININGS[int(rng.integers(0, len(names.EVENT_TRAININGS)))]
                add(day, f"{zone}{topic}", "培训", topic, int(rng.integers(30, 300)))
            else:
                place = ("进企业", "进校园", "进园区", "进社区")[int(rng.integers(0, 4))]
                add(day, f"知识产权保护宣传{place}活动", "宣传", "知识产权保护", int(rng.integers(50, 500)))
    order = sorted(range(len(rows["held_on"])), key=lambda i: rows["held_on"][i])
    return {k: [v[i] for i in order] for k, v in rows.items()}
