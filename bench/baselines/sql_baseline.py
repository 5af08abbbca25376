"""Baseline (b): every indicator as one hand-written DuckDB SQL query each.

The queries read the Parquet files in place (``read_parquet``); the reference tables (loaded by
``refs.py``) are loaded into small DuckDB tables. One in-memory DuckDB connection, one query per
indicator, run one after another (DuckDB uses every core for each). Written from
shared/spec/indicators.md with first-patentee counting, at 31 December of the year, the way a
competent analyst would: each query reads only what its indicator needs (e.g. the owners of the
year's transactions, not of every patent), and where the spec splits a value (by kind, by award and
grade …) the same query returns the split with ``GROUPING SETS``.

    uv run python bench/baselines/sql_baseline.py FOLDER [--year 2023] [--main]

``--main``: only the eight 表一 indicators. Prints one JSON object:
{"values": {code: value}, "breakdowns": {code: {split: [row, …]}}, "seconds": {step: s, "q:<code>": s}}.
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

# Parameters: $start, $end (1 January and 31 December of the year), $year, $threshold
# (hv_pledge_threshold, 万元). {d} is the folder. Pieces of SQL text that several queries repeat:
ZONE_UNITS = "(SELECT uscc FROM read_parquet('{d}/entities.parquet') WHERE in_zone)"
# the patents whose first patentee is in the zone (a person: the owner row's own in_zone), among {keys}
FIRST_IN_ZONE = """
    SELECT o.application_no
    FROM read_parquet('{d}/patent_owners.parquet') o
    LEFT JOIN read_parquet('{d}/entities.parquet') e ON e.uscc = o.uscc
    WHERE o.position = 1 AND CASE WHEN o.uscc IS NULL THEN o.in_zone ELSE coalesce(e.in_zone, false) END
"""
# the zone's inventions in force at year end, with what the criteria read
INVENTIONS = """
    zone_first AS (%s),
    inv AS (
        SELECT p.application_no, p.title, p.abstract, p.filing_date, p.ipc, p.overseas_family_grants
        FROM read_parquet('{d}/patents.parquet') p SEMI JOIN zone_first z ON z.application_no = p.application_no
        WHERE p.kind = '发明' AND p.grant_date <= $end AND (p.lapse_date IS NULL OR p.lapse_date > $end)
    )""" % FIRST_IN_ZONE
PLEDGED = """
    pledged AS (
        SELECT DISTINCT unnest(application_nos) AS application_no
        FROM read_parquet('{d}/pledges.parquet') WHERE registered_on <= $end AND amount >= $threshold
    )"""
AWARDED = """
    awarded AS (
        SELECT DISTINCT application_no FROM read_parquet('{d}/awards.parquet')
        WHERE award IN {awards} AND year <= $year AND application_no IS NOT NULL
    )"""
SEI = """
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
    )"""
HIGH_VALUE = f"""
    WITH {INVENTIONS}, {PLEDGED}, {AWARDED}, {SEI}
    SELECT count(*) AS n
    FROM inv
    WHERE coalesce(overseas_family_grants, 0) >= 1
       OR filing_date + INTERVAL 10 YEAR < $end
       OR application_no IN (SELECT application_no FROM pledged)
       OR application_no IN (SELECT application_no FROM awarded)
       OR application_no IN (SELECT application_no FROM sei)
"""
# A patent meeting any one criterion is high-value (it is a zone invention in force): each
# criterion's count is the inventions in force meeting it.
CRITERION = {
    "sei": f"WITH {INVENTIONS}, {SEI} SELECT count(*) FROM sei",
    "overseas": f"WITH {INVENTIONS} SELECT count(*) FROM inv WHERE coalesce(overseas_family_grants, 0) >= 1",
    "maintained": f"WITH {INVENTIONS} SELECT count(*) FROM inv WHERE filing_date + INTERVAL 10 YEAR < $end",
    "pledge": f"WITH {INVENTIONS}, {PLEDGED} SELECT count(*) FROM inv SEMI JOIN pledged USING (application_no)",
    "award": f"WITH {INVENTIONS}, {AWARDED} SELECT count(*) FROM inv SEMI JOIN awarded USING (application_no)",
}
GRANTS = f"""
    SELECT count(*) FROM read_parquet('{{d}}/patents.parquet') p
    WHERE p.kind = '发明' AND p.grant_date BETWEEN $start AND $end AND p.application_no IN ({FIRST_IN_ZONE})
"""
VALUE_ADDED = f"""
    SELECT grouping(e.industry_code) AS g_industry_code, e.industry_code, sum(y.value_added) / 10000 AS value, count(*) AS records
    FROM read_parquet('{{d}}/entity_year.parquet') y
    JOIN read_parquet('{{d}}/entities.parquet') e ON e.uscc = y.uscc
    WHERE y.year = $year AND e.in_zone AND e.industry_code IN (SELECT industry_code FROM pi_codes)
    GROUP BY GROUPING SETS ((), (e.industry_code))
"""
ZONE_YEAR = "SELECT {expr} FROM read_parquet('{d}/zone_year.parquet') WHERE year = $year"


def transactions(kind: str, what: str) -> str:
    """Licences or transfers of Y on a zone patent (first patentee) or with a zone party."""
    return f"""
        WITH tx AS (SELECT * FROM read_parquet('{{d}}/transactions.parquet') WHERE kind = '{kind}' AND dated BETWEEN $start AND $end)
        SELECT {what} FROM tx
        WHERE application_no IN ({FIRST_IN_ZONE} AND o.application_no IN (SELECT application_no FROM tx))
           OR from_uscc IN {ZONE_UNITS} OR to_uscc IN {ZONE_UNITS}
    """


def cases(condition: str) -> str:
    return f"""
        SELECT grouping(kind) AS g_kind, grouping(right_kind) AS g_right_kind, kind, right_kind, count(*) AS value, count(*) AS records
        FROM read_parquet('{{d}}/cases.parquet')
        WHERE {condition}
        GROUP BY GROUPING SETS ((), (kind), (right_kind))
    """


MAIN = {
    "hv_invention_per_10k": f"""
        WITH hv AS ({HIGH_VALUE})
        SELECT n * 10000 / (SELECT population FROM read_parquet('{{d}}/zone_year.parquet') WHERE year = $year) FROM hv
    """,
    "patent_intensive_va": VALUE_ADDED,
    "ip_pledge_amount": f"""
        SELECT coalesce(sum(p.amount), 0) / 10000
        FROM read_parquet('{{d}}/pledges.parquet') p
        WHERE p.registered_on BETWEEN $start AND $end AND p.pledgor_uscc IN {ZONE_UNITS}
    """,
    "protection_satisfaction": "SELECT avg(score) FROM read_parquet('{d}/surveys.parquet') WHERE year = $year",
    "rd_gdp_ratio": ZONE_YEAR.format(expr="rd_expenditure / gdp * 100", d="{d}"),
    "hitech_enterprises": f"""
        SELECT count(DISTINCT q.uscc)
        FROM read_parquet('{{d}}/qualifications.parquet') q
        WHERE q.kind = '高新技术企业' AND q.valid_from <= $end AND (q.valid_to IS NULL OR q.valid_to >= $end)
          AND q.uscc IN {ZONE_UNITS}
    """,
    "ip_budget_share": ZONE_YEAR.format(expr="ip_budget / budget_expenditure * 100", d="{d}"),
    "ip_service_agencies": """
        SELECT count(*) FROM read_parquet('{d}/agencies.parquet')
        WHERE joined_on <= $end AND (left_on IS NULL OR left_on > $end)
    """,
}

TASKS = {
    "hv_invention_count": HIGH_VALUE,
    "invention_in_force": f"WITH {INVENTIONS} SELECT count(*) FROM inv",
    **{f"hv_criteria_{name}": sql for name, sql in CRITERION.items()},
    "pct_filings": f"""
        SELECT count(*) FROM read_parquet('{{d}}/pct_filings.parquet')
        WHERE filing_date BETWEEN $start AND $end AND uscc IN {ZONE_UNITS}
    """,
    "invention_grants": GRANTS,
    "innovation_efficiency": f"WITH g AS ({GRANTS}) SELECT (SELECT * FROM g) * 100 / ({ZONE_YEAR.format(expr='rd_expenditure', d='{d}')})",
    "enterprise_ip_index": f"""
        WITH held AS (              -- in-zone entities and the kinds they hold valid at year end
            SELECT DISTINCT q.uscc, q.kind FROM read_parquet('{{d}}/qualifications.parquet') q
            WHERE q.valid_from <= $end AND (q.valid_to IS NULL OR q.valid_to >= $end) AND q.uscc IN {ZONE_UNITS}
        ),
        weighted AS (
            SELECT kind, CASE kind WHEN '国家知识产权示范企业' THEN 3 WHEN '国家知识产权优势企业' THEN 2
                WHEN '省级知识产权示范企业' THEN 2 WHEN '知识产权贯标认证' THEN 1 WHEN '省级知识产权优势企业' THEN 1 ELSE 0 END AS weight
            FROM held
        )
        SELECT grouping(kind) AS g_kind, kind, sum(weight) AS value, count(*) AS records
        FROM weighted WHERE weight > 0 GROUP BY GROUPING SETS ((), (kind))
    """,
    "patent_awards": f"""
        SELECT grouping(award) AS g_award, grouping(grade) AS g_grade, award, grade, count(*) AS value, count(*) AS records
        FROM read_parquet('{{d}}/awards.parquet') WHERE year = $year AND uscc IN {ZONE_UNITS}
        GROUP BY GROUPING SETS ((), (award, grade))
    """,
    "well_known_marks": f"""
        SELECT count(*) FROM read_parquet('{{d}}/trademarks.parquet')
        WHERE well_known_on <= $end AND owner_uscc IN {ZONE_UNITS}
    """,
    "collective_marks": f"""
        SELECT count(*) FROM read_parquet('{{d}}/trademarks.parquet')
        WHERE kind = '集体商标' AND registered_on <= $end AND expires_on >= $end AND owner_uscc IN {ZONE_UNITS}
    """,
    "certification_marks": f"""
        SELECT count(*) FROM read_parquet('{{d}}/trademarks.parquet')
        WHERE kind = '证明商标' AND registered_on <= $end AND expires_on >= $end AND owner_uscc IN {ZONE_UNITS}
    """,
    "geo_products": """
        SELECT grouping(kind) AS g_kind, kind, count(*) AS value, count(*) AS records
        FROM read_parquet('{d}/geo_products.parquet') WHERE approved_on <= $end GROUP BY GROUPING SETS ((), (kind))
    """,
    "geo_output": "SELECT coalesce(sum(output), 0) / 10000 FROM read_parquet('{d}/geo_output.parquet') WHERE year = $year",
    "patent_intensive_va_share": f"""
        SELECT sum(y.value_added) * 100 / ({ZONE_YEAR.format(expr='gdp', d='{d}')})
        FROM read_parquet('{{d}}/entity_year.parquet') y
        JOIN read_parquet('{{d}}/entities.parquet') e ON e.uscc = y.uscc
        WHERE y.year = $year AND e.in_zone AND e.industry_code IN (SELECT industry_code FROM pi_codes)
    """,
    "pledge_count": f"""
        SELECT count(*) FROM read_parquet('{{d}}/pledges.parquet')
        WHERE registered_on BETWEEN $start AND $end AND pledgor_uscc IN {ZONE_UNITS}
    """,
    "license_count": transactions("许可", "count(*)"),
    "license_amount": transactions("许可", "coalesce(sum(amount), 0)"),
    "transfer_count": transactions("转让", "count(*)"),
    "transfer_amount": transactions("转让", "coalesce(sum(amount), 0)"),
    "ip_staff": ZONE_YEAR.format(expr="ip_staff", d="{d}"),
    "patent_attorneys": """
        SELECT count(*) FROM read_parquet('{d}/talents.parquet')
        WHERE patent_attorney AND joined_on <= $end AND (left_on IS NULL OR left_on > $end)
    """,
    "senior_title_share": """
        SELECT count(*) FILTER (WHERE title IN ('中级', '高级')) * 100 / nullif(count(*), 0)
        FROM read_parquet('{d}/talents.parquet') WHERE joined_on <= $end AND (left_on IS NULL OR left_on > $end)
    """,
    "new_agencies": """
        SELECT count(*) FROM read_parquet('{d}/agencies.parquet')
        WHERE joined_on >= DATE '2022-01-01' AND joined_on <= $end AND (left_on IS NULL OR left_on > $end)
    """,
    "events": """
        SELECT grouping(kind) AS g_kind, kind, count(*) AS value, count(*) AS records
        FROM read_parquet('{d}/events.parquet') WHERE held_on BETWEEN $start AND $end GROUP BY GROUPING SETS ((), (kind))
    """,
    "event_participants": """
        SELECT grouping(kind) AS g_kind, kind, coalesce(sum(participants), 0) AS value, count(*) AS records
        FROM read_parquet('{d}/events.parquet') WHERE held_on BETWEEN $start AND $end GROUP BY GROUPING SETS ((), (kind))
    """,
    "cases_opened": cases("opened_on BETWEEN $start AND $end"),
    "cases_closed": cases("closed_on BETWEEN $start AND $end"),
    "typical_cases": cases("closed_on BETWEEN $start AND $end AND typical"),
    "repeat_infringers": """
        SELECT count(*) FROM (
            SELECT coalesce(respondent_uscc, respondent) FROM read_parquet('{d}/cases.parquet')
            WHERE outcome = '侵权成立' AND closed_on BETWEEN $from_3 AND $end
            GROUP BY 1 HAVING count(*) >= 2
        )
    """,
}


def split_rows(cursor) -> tuple[float | None, dict[str, list[dict]]]:
    """A GROUPING SETS result: the total row's value and each split's rows (ordered, empty keys last)."""
    names = [c[0] for c in cursor.description]
    keys = [n[2:] for n in names if n.startswith("g_")]
    total, splits = None, {}
    for row in cursor.fetchall():
        r = dict(zip(names, row, strict=True))
        grouped = tuple(k for k in keys if r[f"g_{k}"] == 0)
        if not grouped:
            total = r["value"]
            continue
        splits.setdefault("+".join(grouped), []).append({**{k: r[k] for k in grouped}, "value": float(r["value"] or 0), "records": r["records"]})
    for rows in splits.values():
        rows.sort(key=lambda r: tuple((r[k] is None, r[k] or "") for k in r if k not in ("value", "records")))
    return total, splits


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--year", type=int, default=2023)
    ap.add_argument("--main", action="store_true", help="only the eight 表一 indicators")
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
    params = {
        "year": year,
        "start": f"{year}-01-01",
        "end": f"{year}-12-31",
        "from_3": f"{year - 2}-01-01",  # repeat infringers: cases closed in Y-2 … Y
        "threshold": config.hv_pledge_threshold,
    }
    awards = "(" + ", ".join(f"'{a}'" for a in refs.HV_AWARDS) + ")"
    values: dict[str, float | None] = {}
    breakdowns: dict[str, dict[str, list[dict]]] = {}
    for code, sql in (MAIN if args.main else {**MAIN, **TASKS}).items():
        q = time.perf_counter()
        sql = sql.format(d=str(folder).replace("'", "''"), awards=awards)
        used = {k: v for k, v in params.items() if f"${k}" in sql}
        for k in ("start", "end", "from_3"):
            sql = sql.replace(f"${k}", f"${k}::DATE")
        cur = con.execute(sql, used)
        if cur.description[0][0].startswith("g_"):
            value, breakdowns[code] = split_rows(cur)
            value = float(value or 0)
        else:
            row = cur.fetchone()
            value = None if row is None or row[0] is None else float(row[0])
        values[code] = value
        seconds[f"q:{code}"] = time.perf_counter() - q
    seconds["compute"] = time.perf_counter() - t
    print(json.dumps({"values": values, "breakdowns": breakdowns, "seconds": seconds}, ensure_ascii=False))


if __name__ == "__main__":
    main()
