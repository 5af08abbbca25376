"""The same declarations on PySpark local[2]: every indicator equals DuckDB's, and the hand values.

One Spark session for the whole module (start-up is the costly part).
"""

from __future__ import annotations

import datetime as dt

import pytest
from fixtures_engine import EXPECTED_2023, EXPECTED_2023_FRACTIONAL, EXPECTED_2023_WHOLE, references, zone_dataset

from ipzone.indicators import CATALOG
from ipzone.indicators.engine import Engine, connect

pytestmark = pytest.mark.spark


@pytest.fixture(scope="session")
def spark():
    pytest.importorskip("pyspark")
    from ipzone.indicators.engine import spark_session

    session = spark_session()
    yield session
    session.stop()


@pytest.fixture(scope="module")
def engines(spark):
    ds = zone_dataset()
    return Engine(ds, refs=references()), Engine(ds, engine="spark", refs=references(), con=connect("spark", session=spark))


def _same(a, b):
    if a is None or b is None:
        return a is b
    return a == pytest.approx(b, abs=1e-9)


@pytest.mark.parametrize(
    ("counting", "expected"),
    [("first", EXPECTED_2023), ("whole", EXPECTED_2023_WHOLE), ("fractional", EXPECTED_2023_FRACTIONAL)],
)
def test_parity_every_indicator(engines, counting, expected):
    duck, spark = engines
    d, s = duck.compute(2023, counting), spark.compute(2023, counting)
    assert s.engine == "spark"
    for rd, rs in zip(d.results, s.results, strict=True):
        assert rd.code == rs.code
        assert _same(rd.value, rs.value), rd.code
        assert rd.reason == rs.reason and rd.status == rs.status, rd.code
        assert set(rd.breakdown) == set(rs.breakdown), rd.code
        for split in rd.breakdown:
            assert len(rd.breakdown[split]) == len(rs.breakdown[split])
            for a, b in zip(rd.breakdown[split], rs.breakdown[split], strict=True):
                assert {k: v for k, v in a.items() if k != "value"} == {k: v for k, v in b.items() if k != "value"}
                assert _same(a["value"], b["value"])
    for code, v in expected.items():
        assert s[code].value == pytest.approx(v, abs=1e-9), code


def test_parity_nulls_and_other_years(engines):
    duck, spark = engines
    codes = [
        "hv_invention_per_10k", "rd_gdp_ratio", "protection_satisfaction", "invention_grants", "hitech_enterprises",
        "collective_marks", "ip_pledge_amount", "pledge_count", "cases_opened", "patent_awards",
    ]
    for year in (2019, 2024, 2025):
        d, s = duck.compute(year, codes=codes), spark.compute(year, codes=codes)
        for code in codes:
            assert _same(d[code].value, s[code].value) and d[code].reason == s[code].reason, (year, code)
    # the data horizon from the same declaration on both: pledges end with PL4 (2024-03-01)
    assert s["ip_pledge_amount"].value is None
    assert s["ip_pledge_amount"].reason[0] == "pledges（质押登记）表最晚的记录在 2024 年，没有 2025 年的记录（数据未覆盖 2025 年）"
    assert s["hitech_enterprises"].value == 2  # a stock: no horizon


def test_parity_of_every_horizon(engines):
    duck, spark = engines
    horizons = {h for ind in CATALOG for h in duck.horizons(ind)}
    assert ("pledges", None) in horizons and ("patents", ("grant_date",)) in horizons
    for stem, columns in horizons:
        assert duck.last_record(stem, columns) == spark.last_record(stem, columns), stem
    assert spark.last_record("surveys") == dt.date(2023, 12, 31)  # a year column: its 31 December


def test_explain_runs_on_spark(engines):
    from ipzone.indicators.explain import explain_indicator

    duck, spark = engines
    a = explain_indicator(duck, 2023, "hv_invention_count")
    b = explain_indicator(spark, 2023, "hv_invention_count")
    key = lambda r: r["application_no"]  # noqa: E731
    assert [(r["application_no"], r["criteria_met"], r["evidence"]) for r in sorted(a["records"], key=key)] == [
        (r["application_no"], r["criteria_met"], r["evidence"]) for r in sorted(b["records"], key=key)
    ]
