"""The demo zone: deterministic, valid by the contract, and calibrated to the plan's 表一.

The indicators here are computed from the written CSV files by a second, deliberately plain
implementation of shared/spec/indicators.md (duckdb over the CSVs, Python for the SEI match), not
by the demo's own planning code nor by the engine.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
from collections import Counter, defaultdict
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from ipzone import codes, contract, values
from ipzone.demo import generate, refdata
from ipzone.reference import load_table

TABLE_ONE_2021 = {
    "hv_invention_per_10k": 24,
    "patent_intensive_va": 75,
    "ip_pledge_amount": 2.8,
    "protection_satisfaction": 80,
    "rd_gdp_ratio": 2.6,
    "hitech_enterprises": 1130,
    "ip_budget_share": 0.1,
    "ip_service_agencies": 27,
}
TARGETS_2025 = {
    "hv_invention_per_10k": 45,
    "patent_intensive_va": 150,
    "ip_pledge_amount": 5,
    "protection_satisfaction": 85,
    "rd_gdp_ratio": 3,
    "hitech_enterprises": 3000,
    "ip_budget_share": 0.2,
    "ip_service_agencies": 57,
}
HV_AWARDS = ("中国专利奖", "国家科学技术奖", "国家科学技术进步奖", "国家技术发明奖", "国家自然科学奖", "国家最高科学技术奖")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("demo")
    return out, generate(out)


def read(folder: Path, stem: str) -> list[dict[str, str]]:
    """Rows keyed by English column name, cells as written."""
    t = contract.table(stem)
    by_zh = {c.zh: c.name for c in t.columns}
    with (folder / f"{stem}.csv").open(encoding="utf-8", newline="") as f:
        return [{by_zh[k]: v for k, v in row.items()} for row in csv.DictReader(f)]


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- shape and determinism -------------------------------------------------------------------


def test_same_seed_same_bytes(demo, tmp_path):
    folder, _ = demo
    generate(tmp_path)
    assert digest(tmp_path) == digest(folder)


def test_other_seed_other_data(tmp_path):
    generate(tmp_path, seed=7, patents=3000)
    first = read(tmp_path, "patents")[0]["application_no"]
    generate(tmp_path / "again", seed=8, patents=3000)
    assert read(tmp_path / "again", "patents")[0]["application_no"] != first


def test_every_table_with_the_contracts_headers(demo):
    folder, counts = demo
    assert sorted(p.name for p in folder.glob("*.csv")) == sorted(f"{t.stem}.csv" for t in contract.TABLES)
    # the zone configuration naming the demo's stand-in for the patent-intensive classes
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(".csv")) == ["ipzone.toml", "reference"]
    for t in contract.TABLES:
        with (folder / f"{t.stem}.csv").open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
            n = sum(1 for _ in f)
        assert header == [c.zh for c in t.columns]
        assert counts[t.stem] == n > 0, t.stem
    assert 20_000 <= counts["patents"] <= 100_000  # tens of thousands
    assert counts["zone_year"] == 7


def test_parquet_has_the_contract_schema(tmp_path):
    counts = generate(tmp_path, patents=3000, fmt="parquet")
    assert counts["patents"] == 3000
    for t in contract.TABLES:
        table = pq.read_table(tmp_path / f"{t.stem}.parquet")
        assert table.schema.equals(t.arrow_schema), t.stem
        assert table.num_rows == counts[t.stem]


def test_progress_is_reported(tmp_path):
    seen = []
    generate(tmp_path, patents=2000, progress=lambda stem, done, total: seen.append((stem, done, total)))
    assert ("patents", 2000, 2000) in seen
    assert {s for s, _, _ in seen} == {t.stem for t in contract.TABLES}
    last = {stem: (done, total) for stem, done, total in seen}
    assert all(total is None or done == total for done, total in last.values()), last


# --- validity --------------------------------------------------------------------------------

PARSE = {
    contract.DATE: values.parse_date,
    contract.BOOL: values.parse_bool,
    contract.INT: values.parse_int,
    contract.YEAR: values.parse_year,
    contract.AMOUNT: values.parse_amount,
    contract.SCORE: values.parse_score,
    contract.USCC: codes.parse_uscc,
    contract.APPNO: codes.parse_appno,
    contract.PCT_NO: codes.parse_pct_no,
    contract.INDUSTRY: values.parse_industry_code,
}


def test_every_cell_fits_its_column(demo):
    folder, _ = demo
    parse = {kind: functools.lru_cache(maxsize=None)(f) for kind, f in PARSE.items()}
    for t in contract.TABLES:
        rows = read(folder, t.stem)
        keys = Counter(tuple(r[k] for k in t.key) for r in rows) if t.key else Counter()
        assert not [k for k, n in keys.items() if n > 1], f"{t.stem}: duplicate keys"
        for c in t.columns:
            for r in rows:
                v = r[c.name]
                if v == "":
                    assert not c.required or c.default is not None, f"{t.stem}.{c.name} empty"
                    continue
                if c.kind == contract.ENUM:
                    assert v in c.choices, (t.stem, c.name, v)
                elif c.kind == contract.ENUM_LIST:
                    assert set(v.split(";")) <= set(c.choices), (t.stem, c.name, v)
                elif c.kind in (contract.APPNO_LIST, contract.IPC_LIST):
                    item = codes.parse_appno if c.kind == contract.APPNO_LIST else codes.parse_ipc
                    assert all(item(x) == x for x in v.split(";")), (t.stem, c.name, v)
                elif c.kind in parse:
                    parsed = parse[c.kind](v)
                    if c.kind in (contract.USCC, contract.APPNO, contract.PCT_NO):
                        assert parsed == v  # canonical as written
                    if c.kind == contract.DATE:
                        assert v == parsed.isoformat()  # YYYY-MM-DD
                    if c.kind == contract.BOOL:
                        assert v in ("是", "否")


def test_references_resolve(demo):
    folder, _ = demo
    keys = {}
    for t in contract.TABLES:
        if t.key and len(t.key) == 1:
            keys[(t.stem, t.key[0])] = {r[t.key[0]] for r in read(folder, t.stem)}
    for t in contract.TABLES:
        for ref in t.references:
            allowed = set().union(*(keys[target] for target in ref.targets))
            for r in read(folder, t.stem):
                for v in filter(None, r[ref.column].split(";")):
                    assert v in allowed, (t.stem, ref.column, v)


def test_date_orders(demo):
    folder, _ = demo
    for t in contract.TABLES:
        for order in t.date_orders:
            for r in read(folder, t.stem):
                if r[order.earlier] and r[order.later]:
                    assert r[order.earlier] <= r[order.later], (t.stem, order, r)


def test_patents_agree_with_their_numbers_and_owners(demo):
    folder, _ = demo
    patents = read(folder, "patents")
    owners = defaultdict(list)
    for r in read(folder, "patent_owners"):
        owners[r["application_no"]].append(int(r["position"]))
    in_zone = {r["uscc"]: r["in_zone"] for r in read(folder, "entities")}
    for r in read(folder, "patent_owners"):
        if r["uscc"]:
            assert r["in_zone"] == in_zone[r["uscc"]]
    for p in patents:
        number = codes.appno(p["application_no"])
        assert number.kind == p["kind"]
        assert number.year == int(p["filing_date"][:4])
        assert sorted(owners[p["application_no"]]) == list(range(1, len(owners[p["application_no"]]) + 1)) != []
        if p["lapse_date"]:
            assert p["grant_date"] and p["lapse_reason"]
        else:
            assert not p["lapse_reason"]
        assert (p["ipc"] == "") == (p["kind"] == "外观设计")
        assert p["grant_date"] <= "2025-12-31" and p["lapse_date"] <= "2025-12-31"
    kinds = Counter(p["kind"] for p in patents)
    assert kinds["发明"] > 0.25 * len(patents) and kinds["外观设计"] > 0.05 * len(patents)
    assert min(p["filing_date"] for p in patents) < "2006-01-01"
    assert sum(codes.appno(p["application_no"]).kind_digit == "8" for p in patents) > 100
    assert Counter(p["lapse_reason"] for p in patents).keys() >= {"未缴年费", "期限届满", "放弃", "无效宣告"}


def test_the_zone_has_every_kind_of_record(demo):
    folder, _ = demo
    for c in read(folder, "cases"):
        assert bool(c["closed_on"]) == bool(c["outcome"])
    assert all(0 <= float(s["score"]) <= 100 for s in read(folder, "surveys"))
    owners = read(folder, "patent_owners")
    assert any(not o["uscc"] and o["in_zone"] == "是" for o in owners)  # natural persons in the zone
    assert any(o["position"] == "3" for o in owners)
    entities = {e["uscc"]: e for e in read(folder, "entities")}
    first = {o["application_no"]: o for o in owners if o["position"] == "1"}
    second = {o["application_no"]: o for o in owners if o["position"] == "2"}
    assert any(o["uscc"] and entities[o["uscc"]]["in_zone"] == "否" and second.get(a, {}).get("in_zone") == "是" for a, o in first.items())

    patents = read(folder, "patents")
    pct = {p["pct_no"] for p in read(folder, "pct_filings")}
    named = {p["pct_no"] for p in patents if p["pct_no"]}
    assert named and named <= pct
    assert any(int(p["overseas_family_grants"]) > 0 for p in patents)
    assert {t["kind"] for t in read(folder, "transactions")} == set(contract.TRANSACTION_KINDS)
    pledges = read(folder, "pledges")
    assert any(p["guarantor"] for p in pledges) and any(p["insurer"] for p in pledges) and any(p["trademark_nos"] for p in pledges)
    assert any(float(p["amount"]) >= 1000 for p in pledges) and any(p["released_on"] for p in pledges)

    marks = read(folder, "trademarks")
    assert {m["kind"] for m in marks} == set(contract.TRADEMARK_KINDS)
    assert any(m["well_known_on"] for m in marks) and any(m["geographical_indication"] == "是" for m in marks)
    assert {(a["award"], a["grade"]) for a in read(folder, "awards")} >= {("中国专利奖", "优秀奖"), ("中国专利奖", "银奖"), ("山西省专利奖", "一等奖")}
    assert {bool(a["application_no"]) for a in read(folder, "awards") if a["award"] == "国家科学技术奖"} == {True, False}

    qualifications = read(folder, "qualifications")
    assert {q["kind"] for q in qualifications} == set(contract.QUALIFICATION_KINDS)
    for q in qualifications:  # certificates of three years: the last valid day is the day before
        start = dt.date.fromisoformat(q["valid_from"])
        assert dt.date.fromisoformat(q["valid_to"]) == start.replace(year=start.year + 3) - dt.timedelta(days=1)
    assert any(a["left_on"] for a in read(folder, "agencies"))
    assert any(t["patent_attorney"] == "是" for t in read(folder, "talents"))

    cases = read(folder, "cases")
    assert {c["kind"] for c in cases} == set(contract.CASE_KINDS)
    infringed = Counter(c["respondent_uscc"] for c in cases if c["outcome"] == "侵权成立" and c["respondent_uscc"])
    assert max(infringed.values()) >= 2  # repeat infringers
    events = read(folder, "events")
    assert {e["held_on"] for e in events if e["theme"] == "世界知识产权日"} == {f"{y}-04-26" for y in range(2019, 2026)}
    assert all(e["held_on"][5:7] == "04" for e in events if e["theme"] == "全国知识产权宣传周")
    assert {e["theme"] for e in events} >= {"中国专利周", "全国知识产权宣传周"} and any(e["kind"] == "培训" for e in events)


def test_ipzone_check_finds_no_error(demo):
    from ipzone.dataset import check

    report, dataset = check(demo[0])
    errors = [f for f in report.findings if f.level == "error"]
    assert errors == [] and dataset is not None


# --- the indicators, computed plainly from the CSVs ---------------------------------------------


class Sei:
    """战略性新兴产业分类与国际专利分类参照关系表, by the rule of indicators.md: a subclass or
    main-group entry covers every group under it, a subgroup entry itself; an entry with keywords
    also needs one of them in the title or abstract."""

    def __init__(self):
        self.entries: dict[str, list[list[str]]] = defaultdict(list)  # covering key → keyword lists
        for r in load_table("sei_ipc_2021").to_pylist():
            try:
                ipc = codes.parse_ipc(r["ipc"])
            except values.Problem:
                continue
            words = [w.strip() for w in (r.get("keywords") or "").replace("；", ";").split(";") if w.strip()]
            key = ipc if " " not in ipc else ipc.split("/")[0] + "/00" if ipc.endswith("/00") else ipc
            self.entries[key].append(words)

    def match(self, symbols: list[str], text: str) -> bool:
        for s in symbols:
            for key in (s[:4], s.split("/")[0] + "/00", s):
                for words in self.entries.get(key, ()):
                    if not words or any(w in text for w in words):
                        return True
        return False


@pytest.fixture(scope="module")
def indicators(demo):
    folder, _ = demo
    con = duckdb.connect()
    for t in contract.TABLES:
        cols = ", ".join(f'"{c.zh}" AS {c.name}' for c in t.columns)
        con.execute(f"CREATE VIEW {t.stem} AS SELECT {cols} FROM read_csv('{folder / t.stem}.csv', header = true, all_varchar = true)")
    # The table's own 4-digit classes; while it has none, the classes the demo documents using instead.
    pi_codes = sorted({c for c in load_table("pi_industries_2019").column("industry_code").to_pylist() if c and len(c) == 4})
    pi_codes = pi_codes or list(refdata.pi_industry_codes()[0])
    con.execute("CREATE TABLE pi AS SELECT unnest(?::VARCHAR[]) AS code", [pi_codes])

    # High-value inventions, one patent at a time.
    sei = Sei()
    zone_entity = {u: z == "是" for u, z in con.execute("SELECT uscc, in_zone FROM entities").fetchall()}
    zone_patent = {
        a: (zone_entity[u] if u else z == "是")
        for a, u, z in con.execute("SELECT application_no, uscc, in_zone FROM patent_owners WHERE position = '1'").fetchall()
    }
    pledged = defaultdict(list)
    for day, amount, apps in con.execute("SELECT registered_on, amount, application_nos FROM pledges").fetchall():
        for a in filter(None, (apps or "").split(";")):
            pledged[a].append((day, float(amount)))
    awarded = defaultdict(list)
    for award, year, a in con.execute("SELECT award, year, application_no FROM awards WHERE application_no IS NOT NULL").fetchall():
        if award in HV_AWARDS:
            awarded[a].append(int(year))
    inventions = []
    for a, filed, granted, lapsed, ipc, overseas, title, abstract in con.execute(
        "SELECT application_no, filing_date, grant_date, lapse_date, ipc, overseas_family_grants, title, abstract "
        "FROM patents WHERE kind = '发明' AND grant_date IS NOT NULL"
    ).fetchall():
        if not zone_patent[a]:
            continue
        filed = dt.date.fromisoformat(filed)
        inventions.append(
            {
                "granted": granted,
                "lapsed": lapsed,
                "sei": sei.match((ipc or "").split(";"), title + (abstract or "")),
                "overseas": int(overseas or 0) >= 1,
                "ten_years": (filed.replace(year=filed.year + 10) if filed.strftime("%m-%d") != "02-29" else filed.replace(year=filed.year + 10, day=28)).isoformat(),
                "pledges": pledged.get(a, []),
                "awards": awarded.get(a, []),
            }
        )

    def hv(year: int) -> int:
        d = f"{year}-12-31"
        n = 0
        for p in inventions:
            if not (p["granted"] <= d and (p["lapsed"] is None or p["lapsed"] > d)):
                continue
            if (
                p["sei"]
                or p["overseas"]
                or p["ten_years"] < d
                or any(day <= d and amount >= 1000 for day, amount in p["pledges"])
                or any(y <= year for y in p["awards"])
            ):
                n += 1
        return n

    def one(sql: str, *args):
        return con.execute(sql, list(args)).fetchone()[0]

    def compute(year: int) -> dict[str, float]:
        d = f"{year}-12-31"
        pop, gdp, rd, budget, ip_budget = con.execute(
            "SELECT population::DOUBLE, gdp::DOUBLE, rd_expenditure::DOUBLE, budget_expenditure::DOUBLE, ip_budget::DOUBLE FROM zone_year WHERE year = ?",
            [str(year)],
        ).fetchone()
        return {
            "hv_invention_per_10k": hv(year) / (pop / 10_000),
            "patent_intensive_va": one(
                "SELECT sum(value_added::DOUBLE) / 10000 FROM entity_year y JOIN entities e USING (uscc) "
                "WHERE y.year = ? AND e.in_zone = '是' AND e.industry_code IN (SELECT code FROM pi)",
                str(year),
            ),
            "ip_pledge_amount": one(
                "SELECT sum(amount::DOUBLE) / 10000 FROM pledges p JOIN entities e ON e.uscc = p.pledgor_uscc "
                "WHERE year(registered_on::DATE) = ? AND e.in_zone = '是'",
                year,
            ),
            "protection_satisfaction": one("SELECT avg(score::DOUBLE) FROM surveys WHERE year = ?", str(year)),
            "rd_gdp_ratio": rd / gdp * 100,
            "hitech_enterprises": one(
                "SELECT count(DISTINCT q.uscc) FROM qualifications q JOIN entities e USING (uscc) WHERE q.kind = '高新技术企业' "
                "AND e.in_zone = '是' AND q.valid_from <= ? AND (q.valid_to IS NULL OR q.valid_to >= ?)",
                d,
                d,
            ),
            "ip_budget_share": ip_budget / budget * 100,
            "ip_service_agencies": one("SELECT count(*) FROM agencies WHERE joined_on <= ? AND (left_on IS NULL OR left_on > ?)", d, d),
            "new_agencies": one(
                "SELECT count(*) FROM agencies WHERE joined_on >= '2022-01-01' AND joined_on <= ? AND (left_on IS NULL OR left_on > ?)", d, d
            ),
            "pct_filings": one(
                "SELECT count(*) FROM pct_filings p JOIN entities e USING (uscc) WHERE year(filing_date::DATE) = ? AND e.in_zone = '是'", year
            ),
        }

    return {y: compute(y) for y in range(2019, 2026)}


def test_table_one_2021(indicators):
    got = indicators[2021]
    for code, want in TABLE_ONE_2021.items():
        assert round(got[code], 2) == want, (code, got[code])
    assert got["hitech_enterprises"] == 1130 and got["ip_service_agencies"] == 27


def test_2025_reaches_some_targets_and_lags_on_others(indicators):
    got = indicators[2025]
    for reached in ("ip_service_agencies", "ip_pledge_amount", "patent_intensive_va", "ip_budget_share"):
        assert got[reached] >= TARGETS_2025[reached], reached
    for lagging in ("hitech_enterprises", "hv_invention_per_10k"):
        assert got[lagging] < 0.95 * TARGETS_2025[lagging], lagging
    assert 2000 <= got["hitech_enterprises"] <= 2400 and 38 <= got["hv_invention_per_10k"] <= 42
    assert got["new_agencies"] >= 30


def test_years_before_2021_are_below_it(indicators):
    for code in TABLE_ONE_2021:
        assert indicators[2019][code] < indicators[2020][code] < indicators[2021][code] < indicators[2025][code], code


def test_pct_filings_grow(indicators):
    counts = [indicators[y]["pct_filings"] for y in range(2019, 2026)]
    assert counts == sorted(counts) and counts[0] >= 10


def test_the_engine_reproduces_the_plans_2021_column(demo):
    """`ipzone indicators DEMO --year 2021` gives 表一's 2021 column, with the demo's own configuration."""
    from ipzone.config import for_dataset
    from ipzone.dataset import read as read_dataset
    from ipzone.indicators import compute

    folder, _ = demo
    report = compute(read_dataset(folder), 2021, config=for_dataset(folder))
    assert {code: report[code].value for code in (
        "hv_invention_per_10k", "patent_intensive_va", "ip_pledge_amount", "protection_satisfaction",
        "rd_gdp_ratio", "hitech_enterprises", "ip_budget_share", "ip_service_agencies",
    )} == pytest.approx({
        "hv_invention_per_10k": 24, "patent_intensive_va": 75, "ip_pledge_amount": 2.8, "protection_satisfaction": 80,
        "rd_gdp_ratio": 2.6, "hitech_enterprises": 1130, "ip_budget_share": 0.1, "ip_service_agencies": 27,
    }, abs=1e-9)
