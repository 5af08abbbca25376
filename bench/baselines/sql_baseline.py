"""Baseline (b): the eight 表一 indicators as one hand-written DuckDB SQL query each.

The queries read the Parquet files in place (``read_parquet``); the reference tables (loaded by
``refs.py``) are loaded into small DuckDB tables. One in-memory DuckDB connection, one query per
indicator, run one after another (DuckDB uses every core for each):

    uv run python bench/baselines/sql_baseline.py FOLDER [--year 2023]

Prints one JSON object: {"values": {code: value}, "seconds": {step: s, "q:<code>": s}}.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

T0 = time.perf_counter()
import duckdb  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
import refs  # noqa: E402

T_IMPORT = time.perf_counter() - T0

# $end: 31 December of the year, $year, $threshold: hv_pledge_threshold (万元).
QUERIES = {
    "hv_invention_per_10k": """
        WITH zone_first AS (            -- first patentee in the zone (person: the owner row's own in_zone)
            SELECT o.application_no
            FROM read_parquet('{d}/patent_owners.parquet') o
            LEFT JOIN read_parquet('{d}/entities.parquet') e ON e.uscc = o.uscc
            WHERE o.position = 1 AND CASE WHEN o.uscc IS NULL THEN o.in_zone ELSE coalesce(e.in_zone, false) END
        ),
        inv AS (                        -- the zone's inventions in force at year end
            SELECT p.application_no, p.title, p.abstract, p.filing_date, p.ipc, p.overseas_family_grants
            FROM read_parquet('{d}/patents.parquet') p SEMI JOIN zone_first z ON z.application_no = p.application_no
            WHERE p.kind = '发明' AND p.grant_date <= $end AND (p.lapse_date IS NULL OR p.lapse_date > $end)
        ),
        pledged AS (
            SELECT DISTINCT unnest(application_nos) AS application_no
            FROM read_parquet('{d}/pledges.parquet') WHERE registered_on <= $end AND amount >= $threshold
        ),
        awarded AS (
            SELECT DISTINCT application_no FROM read_parquet('{d}/awards.parquet')
            WHERE award IN {awards} AND year <= $year AND application_no IS NOT NULL
        ),
        symbols AS (SELECT application_no, unnest(ipc) AS symbol FROM inv),
        looked AS (                     -- each symbol as its subclass, its main group and itself
            SELECT application_no, 'subclass' AS level, left(symbol, 4) AS key FROM symbols
            UNION ALL SELECT application_no, 'main_group', regexp_extract(symbol, '^([A-H][0-9]{{2}}[A-Z] [0-9]+)/', 1) || '/00' FROM symbols
            UNION ALL SELECT application_no, 'subgroup', symbol FROM symbols
        ),
        sei AS (
            SELECT DISTINCT l.application_no
            FROM looked l JOIN sei_entries e ON e.level = l.level AND e.key = l.key
            JOIN inv i ON i.application_no = l.application_no
            WHERE NOT e.needs_keywords OR EXISTS (
                SELECT 1 FROM sei_terms t
                WHERE t.entry_id = e.entry_id AND contains(i.title || ' ' || coalesce(i.abstract, ''), t.term))
        )
        SELECT count(*) * 10000 / (SELECT population FROM read_parquet('{d}/zone_year.parquet') WHERE year = $year)
        FROM inv
        WHERE coalesce(overseas_family_grants, 0) >= 1
           OR filing_date + INTERVAL 10 YEAR < $end
           OR application_no IN (SELECT application_no FROM pledged)
           OR application_no IN (SELECT application_no FROM awarded)
           OR application_no IN (SELECT application_no FROM sei)
    """,
    "patent_intensive_va": """
        SELECT coalesce(sum(y.value_added), 0) / 10000
        FROM read_parquet('{d}/entity_year.parquet') y
        JOIN read_parquet('{d}/entities.parquet') e ON e.uscc = y.uscc
        WHERE y.year = $year AND e.in_zone AND e.industry_code IN (SELECT industry_code FROM pi_codes)
    """,
    "ip_pledge_amount": """
        SELECT coalesce(sum(p.amount), 0) / 10000
        FROM read_parquet('{d}/pledges.parquet') p
        WHERE year(p.registered_on) = $year
          AND p.pledgor_uscc IN (SELECT uscc FROM read_parquet('{d}/entities.parquet') WHERE in_zone)
    """,
    "protection_satisfaction": "SELECT avg(score) FROM read_parquet('{d}/surveys.parquet') WHERE year = $year",
    "rd_gdp_ratio": "SELECT rd_expenditure / gdp * 100 FROM read_parquet('{d}/zone_year.parquet') WHERE year = $year",
    "hitech_enterprises": """
        SELECT count(DISTINCT q.uscc)
        FROM read_parquet('{d}/qualifications.parquet') q
        WHERE q.kind = '高新技术企业' AND q.valid_from <= $end AND (q.valid_to IS NULL OR q.valid_to >= $end)
          AND q.uscc IN (SELECT uscc FROM read_parquet('{d}/entities.parquet') WHERE in_zone)
    """,
    "ip_budget_share": "SELECT ip_budget / budget_expenditure * 100 FROM read_parquet('{d}/zone_year.parquet') WHERE year = $year",
    "ip_service_agencies": """
        SELECT count(*) FROM read_parquet('{d}/agencies.parquet')
        WHERE joined_on <= $end AND (left_on IS NULL OR left_on > $end)
    """,
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--year", type=int, default=2023)
    args = ap.parse_args()
    folder, year = args.folder.resolve(), args.year

    seconds: dict[str, float] = {"import": T_IMPORT}
    t = time.perf_counter()
    config, entries, terms, pi = refs.load(folder)
    seconds["references"] = time.perf_counter() - t

    t = time.perf_counter()
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE sei_entries AS SELECT unnest($id)::BIGINT AS entry_id, unnest($level)::VARCHAR AS level, "
        "unnest($key)::VARCHAR AS key, unnest($kw)::BOOLEAN AS needs_keywords",
        {k: [e[c] for e in entries] for k, c in (("id", "entry_id"), ("level", "level"), ("key", "key"), ("kw", "needs_keywords"))},
    )
    con.execute(
        "CREATE TABLE sei_terms AS SELECT unnest($id::BIGINT[]) AS entry_id, unnest($term::VARCHAR[]) AS term",
        {"id": [t["entry_id"] for t in terms], "term": [t["term"] for t in terms]},
    )
    con.execute("CREATE TABLE pi_codes AS SELECT unnest($codes::VARCHAR[]) AS industry_code", {"codes": pi})
    params = {"year": year, "end": f"{year}-12-31", "threshold": config.hv_pledge_threshold}
    awards = "(" + ", ".join(f"'{a}'" for a in refs.HV_AWARDS) + ")"
    values: dict[str, float | None] = {}
    for code, sql in QUERIES.items():
        q = time.perf_counter()
        sql = sql.format(d=str(folder).replace("'", "''"), awards=awards)
        used = {k: v for k, v in params.items() if f"${k}" in sql}
        sql = sql.replace("$end", "$end::DATE")
        row = con.execute(sql, used).fetchone()
        values[code] = None if row is None or row[0] is None else float(row[0])
        seconds[f"q:{code}"] = time.perf_counter() - q
    seconds["compute"] = time.perf_counter() - t
    print(json.dumps({"values": values, "seconds": seconds}))


if __name__ == "__main__":
    main()
