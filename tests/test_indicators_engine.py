"""Every indicator and every boundary, on DuckDB, against the hand-computed zone of fixtures_engine."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pyarrow as pa
import pytest
from ibis import _
from fixtures_engine import (
    E1,
    E2,
    EXPECTED_2023,
    EXPECTED_2023_FRACTIONAL,
    EXPECTED_2023_WHOLE,
    PLEDGES,
    SURVEYS,
    P,
    references,
    zone_dataset,
    zone_tables,
)

from ipzone.config import ZoneConfig
from ipzone.indicators import CATALOG, RefTable, catalog, rules
from ipzone.indicators.engine import Engine, IndicatorError, _aggregate_expr, compute
from ipzone.indicators.relations import REGISTRY

D = dt.date


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(zone_dataset(), refs=references())


@pytest.fixture(scope="module")
def report_2023(engine):
    return engine.compute(2023)


def value(report, code):
    return report[code].value


# --- the catalog ------------------------------------------------------------------------------------


def test_catalog_declares_every_spec_indicator():
    spec = {
        # 表一
        "hv_invention_per_10k", "patent_intensive_va", "ip_pledge_amount", "protection_satisfaction",
        "rd_gdp_ratio", "hitech_enterprises", "ip_budget_share", "ip_service_agencies",
        # tasks
        "hv_invention_count", "invention_in_force", "pct_filings", "invention_grants", "innovation_efficiency",
        "enterprise_ip_index", "patent_awards", "well_known_marks", "collective_marks", "certification_marks",
        "geo_products", "geo_output", "patent_intensive_va_share", "pledge_count", "license_count",
        "license_amount", "transfer_count", "transfer_amount", "ip_staff", "patent_attorneys",
        "senior_title_share", "new_agencies", "events", "event_participants", "cases_opened", "cases_closed",
        "typical_cases", "repeat_infringers",
    } | {f"hv_criteria_{c}" for c in rules.HV_CRITERIA}  # fmt: skip
    assert {i.code for i in CATALOG} == spec
    assert set(EXPECTED_2023) == spec  # every indicator has a hand-computed 2023 value


def test_main_indicators_carry_table_one():
    table_one = {
        "hv_invention_per_10k": (24, 45), "patent_intensive_va": (75, 150), "ip_pledge_amount": (2.8, 5),
        "protection_satisfaction": (80, 85), "rd_gdp_ratio": (2.6, 3), "hitech_enterprises": (1130, 3000),
        "ip_budget_share": (0.1, 0.2), "ip_service_agencies": (27, 57),
    }  # fmt: skip
    assert [i.code for i in catalog.MAIN] == list(table_one)
    for ind in catalog.MAIN:
        assert (ind.baseline_2021, ind.target_2025) == table_one[ind.code]
        assert ind.attribute == "预期性" and ind.target_kind == "line"
    assert catalog.get("hitech_enterprises").cumulative_increase == 1870
    assert catalog.get("ip_pledge_amount").cumulative_increase == 2.2


def test_every_relation_is_used_and_every_formula_resolves():
    used = {a.relation for i in CATALOG for a in catalog.aggregates(i.formula)}
    assert used == set(REGISTRY)


# --- all values, first patentee ------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(EXPECTED_2023))
def test_value_2023(report_2023, code):
    res = report_2023[code]
    assert res.reason is None, res.reason
    assert res.value == pytest.approx(EXPECTED_2023[code], abs=1e-9)


@pytest.mark.parametrize(("counting", "expected"), [("whole", EXPECTED_2023_WHOLE), ("fractional", EXPECTED_2023_FRACTIONAL)])
def test_counting_rules(engine, counting, expected):
    rep = engine.compute(2023, counting)
    for code, v in expected.items():
        assert rep[code].value == pytest.approx(v, abs=1e-9), code


def test_counting_rules_never_mix(engine):
    """Indicators that do not count patents are the same under every rule."""
    base = engine.compute(2023, "first").values()
    for counting in ("whole", "fractional"):
        other = engine.compute(2023, counting).values()
        for ind in CATALOG:
            if not ind.patent_count and ind.code not in ("license_count", "license_amount"):
                assert other[ind.code] == base[ind.code], (counting, ind.code)


@pytest.mark.parametrize("counting", rules.COUNTING_RULES)
def test_screening_keeps_every_value(engine, counting):
    """compute() builds relations screened (zone_patents: inventions in force or granted in Y only);
    every aggregate of the catalog is the same over the screened and the whole relation."""
    screened_out = 0
    for year in (2021, 2023, 2024):
        ctx = engine.context(year, counting)
        for name in REGISTRY:
            aggs = [a for i in CATALOG for a in catalog.aggregates(i.formula) if a.relation == name]
            full, screened = engine.relation(name, ctx), engine.relation(name, dataclasses.replace(ctx, screened=True))
            if screened.equals(full):
                continue
            got = [engine.fetch(t.aggregate(n=t.count(), **{f"m{k}": _aggregate_expr(t, a) for k, a in enumerate(aggs)}))[0] for t in (full, screened)]
            screened_out += got[0].pop("n") - got[1].pop("n")
            assert got[0] == pytest.approx(got[1], abs=1e-9), (year, name)  # fractional sums: last bits
    assert screened_out > 0  # the screen does leave rows out


def test_breakdowns_of_a_relation_with_a_mean(engine, report_2023, monkeypatch):
    """A mean does not sum over groups: a relation with one gets its breakdowns a query per split
    (the other path), with the same rows as the grouped scan gives."""
    mean = catalog.Indicator("test_mean_amount", "测试", "万元", catalog.Mean("cases_in_year", "amount", _.closed_in_year), "测试", "测试", 2)
    monkeypatch.setitem(catalog.BY_CODE, mean.code, mean)
    rep = engine.compute(2023, codes=["cases_opened", "cases_closed", "typical_cases", mean.code])
    for code in ("cases_opened", "cases_closed", "typical_cases"):
        assert rep[code].value == report_2023[code].value
        assert rep[code].breakdown == report_2023[code].breakdown and rep[code].breakdown["kind"], code


def test_unknown_counting_rule(engine):
    with pytest.raises(IndicatorError):
        engine.compute(2023, "half")


# --- boundaries, one by one ---------------------------------------------------------------------------


def hv_set(engine, year=2023, counting="first"):
    ctx = engine.context(year, counting)
    t = REGISTRY["zone_patents"].build(ctx)
    return {r["application_no"]: r for r in engine.fetch(t)}


def test_maintained_exactly_ten_years_is_not_more(engine):
    rows = hv_set(engine)
    assert rows[P[7]]["c_maintained"] and rows[P[7]]["hv"]  # filed 2013-12-30: 2023-12-30 < 2023-12-31
    assert not rows[P[8]]["c_maintained"] and not rows[P[8]]["hv"]  # filed 2013-12-31: not strictly before
    assert rows[P[7]]["ten_year_date"] == D(2023, 12, 30)
    # one year on, P8 has passed 10 years too
    assert hv_set(engine, 2024)[P[8]]["c_maintained"]


def test_lapse_date_is_the_first_day_out_of_force(engine):
    rows = hv_set(engine)
    assert not rows[P[9]]["in_force"]  # lapse 2023-12-31
    assert rows[P[10]]["in_force"] and rows[P[10]]["hv"]  # lapse 2024-01-01


def test_granted_next_year(engine):
    rows = hv_set(engine)
    assert not rows[P[11]]["in_force"] and not rows[P[11]]["granted_in_year"]
    rows24 = hv_set(engine, 2024)
    assert rows24[P[11]]["granted_in_year"] and rows24[P[11]]["hv"]
    assert engine.compute(2024, codes=["invention_grants"])["invention_grants"].value == 1  # P11 only


def test_first_patentee_out_of_zone_second_in(engine):
    assert P[13] not in hv_set(engine, counting="first")
    assert hv_set(engine, counting="whole")[P[13]]["share"] == 1
    assert hv_set(engine, counting="fractional")[P[13]]["share"] == 0.5


def test_natural_person_owners(engine):
    rows = hv_set(engine)
    assert rows[P[14]]["hv"]  # 张三, in zone by the owner row
    assert P[15] not in rows  # 李四 (out) first, E1 second
    assert hv_set(engine, counting="fractional")[P[15]]["share"] == 0.5


def test_organisation_zone_comes_from_entities_not_the_owner_row(engine):
    for counting in rules.COUNTING_RULES:
        assert P[26] not in hv_set(engine, counting=counting)


def test_utility_model_with_sei_ipc_is_not_high_value(engine):
    rows = hv_set(engine)
    assert not rows[P[12]]["invention"] and not rows[P[12]]["hv"]


def test_sei_levels_and_keywords(engine):
    rows = hv_set(engine)
    assert rows[P[1]]["c_sei"]  # subclass entry G06N
    assert rows[P[2]]["c_sei"]  # main-group entry G06F 16/00 via G06F 16/35, the second symbol
    assert rows[P[3]]["c_sei"]  # subgroup entry matches itself
    assert not rows[P[4]]["c_sei"]  # A61K 31/41 is not the subgroup A61K 31/415
    assert rows[P[5]]["c_sei"]  # keyword 激光 in the title
    assert not rows[P[6]]["c_sei"]  # keyword entry, no term
    assert rows[P[27]]["c_sei"]  # keyword 焊接机器人 in the abstract
    assert not rows[P[16]]["c_sei"]  # no IPC at all


def test_sei_matches_is_a_join_on_three_levels(engine):
    ctx = engine.context(2023)
    p = ctx["patents"]
    m = engine.fetch(rules.sei_matches(p, *ctx.sei).order_by("application_no", "sei_code"))
    got = {(r["application_no"], r["entry_key"], r["keyword"]) for r in m}
    assert (P[2], "G06F 16/00", None) in got
    assert (P[5], "B23K", "激光") in got
    assert (P[27], "B23K", "焊接机器人") in got
    assert not any(r["application_no"] == P[6] for r in m)


def test_pledge_threshold_below_at_above(engine):
    rows = hv_set(engine)
    assert not rows[P[16]]["c_pledge"]  # 999
    assert rows[P[17]]["c_pledge"]  # 1000
    assert rows[P[18]]["c_pledge"]  # 1500
    assert not rows[P[19]]["c_pledge"]  # 5000, registered 2024
    assert hv_set(engine, 2024)[P[19]]["c_pledge"]


def test_pledge_threshold_is_a_parameter_and_stated():
    eng = Engine(zone_dataset(), refs=references(), config=ZoneConfig(hv_pledge_threshold=999))
    rep = eng.compute(2023)
    assert rep["hv_criteria_pledge"].value == 3  # P16 (999) now counts
    assert rep["hv_invention_count"].value == 13
    assert any("999 万元" in zh for zh, _ in rep["hv_invention_count"].assumptions)
    assert any("hv_pledge_threshold" in zh for zh, _ in rep.assumptions)


def test_award_criterion(engine):
    rows = hv_set(engine)
    assert rows[P[20]]["c_award"]  # 中国专利奖 2022
    assert not rows[P[21]]["c_award"]  # 山西省专利奖
    assert not rows[P[22]]["c_award"]  # 国家科学技术进步奖 2024
    assert hv_set(engine, 2024)[P[22]]["c_award"]


def test_qualifications_start_and_end_on_year_end(engine):
    ctx = engine.context(2023)
    rows = engine.fetch(REGISTRY["zone_qualifications"].build(ctx).filter(lambda t: t.kind == "高新技术企业"))
    assert sorted(r["certificate_no"] for r in rows) == ["GR1", "GR2", "GR3"]  # E1 once (min of GR1, GR1b)
    assert engine.compute(2024, codes=["hitech_enterprises"])["hitech_enterprises"].value == 2  # E1, E3


def test_trademark_expiring_within_the_year(engine):
    assert engine.compute(2023, codes=["collective_marks"])["collective_marks"].value == 1  # TM3 (12-31)
    assert engine.compute(2022, codes=["collective_marks"])["collective_marks"].value == 2  # TM3, TM4
    assert engine.compute(2024, codes=["collective_marks"])["collective_marks"].value == 1  # TM7 only


def test_pct_filed_on_year_end(engine):
    assert engine.compute(2024, codes=["pct_filings"])["pct_filings"].value == 1  # /000002 filed 2024-01-01


def test_survey_mean_and_no_responses(engine):
    assert engine.compute(2022, codes=["protection_satisfaction"])["protection_satisfaction"].value == 82
    # a 2025 response: the surveys reach 2025, and 2024 has none to average
    eng = Engine(zone_dataset(surveys=[*SURVEYS, {"response_id": "S6", "year": 2025, "score": 70.0}]), refs=references())
    res = eng.compute(2024, codes=["protection_satisfaction"])["protection_satisfaction"]
    assert res.value is None
    assert res.reason == ("2024 年没有当年保护满意度问卷记录，无法计算平均值", "no satisfaction survey responses of Y in 2024: no mean to compute")
    assert eng.compute(2025, codes=["protection_satisfaction"])["protection_satisfaction"].value == 70


def test_zero_and_missing_denominators(engine):
    r24 = engine.compute(2024, codes=["hv_invention_per_10k", "rd_gdp_ratio", "ip_budget_share", "innovation_efficiency", "ip_staff"])
    assert r24["hv_invention_per_10k"].value is None
    assert "常住人口为 0" in r24["hv_invention_per_10k"].reason[0] and "is 0" in r24["hv_invention_per_10k"].reason[1]
    assert r24["rd_gdp_ratio"].value is None  # GDP empty
    assert "为空" in r24["rd_gdp_ratio"].reason[0]
    assert r24["ip_budget_share"].value is None  # budget 0
    assert r24["innovation_efficiency"].value is None  # R&D 0
    assert r24["ip_staff"].value is None and r24["ip_staff"].status is None
    r25 = engine.compute(2025, codes=["hv_invention_per_10k"])["hv_invention_per_10k"]
    assert r25.value is None
    assert r25.reason == ("区域年度统计（zone_year）中没有 2025 年的行", "zone_year has no row for 2025")
    empty = engine.compute(2019, codes=["senior_title_share"])["senior_title_share"]
    assert empty.value is None and "年末在区知识产权人才数为 0" in empty.reason[0]


def test_missing_tables_give_null_with_reason():
    ds = zone_dataset(surveys=None, pledges=None, awards=None)
    rep = compute(ds, 2023, refs=references())
    res = rep["protection_satisfaction"]
    assert res.value is None and res.reason == ("数据集中没有 surveys（保护满意度调查）表", "the dataset has no surveys (保护满意度调查) table")
    assert rep["ip_pledge_amount"].value is None
    # high-value still computed: criteria 4 and 5 cannot be met, and the output says so
    hv = rep["hv_invention_count"]
    assert hv.value == 9  # 12 − P17, P18 (pledges) − P20 (award)
    assert any("pledges" in zh for zh, _ in hv.notes) and any("awards" in zh for zh, _ in hv.notes)


def test_empty_table_is_zero_not_null():
    ds = zone_dataset(pledges=[])
    rep = compute(ds, 2023, refs=references(), codes=["ip_pledge_amount", "pledge_count"])
    assert rep["ip_pledge_amount"].value == 0 and rep["ip_pledge_amount"].reason is None
    assert rep["pledge_count"].value == 0
    # a table without records has no horizon: "no pledges", in any year
    later = compute(ds, 2030, refs=references(), codes=["ip_pledge_amount"])["ip_pledge_amount"]
    assert (later.value, later.reason) == (0, None)


PLEDGES_END_2024 = (
    "pledges（质押登记）表最晚的记录在 2024 年，没有 2025 年的记录（数据未覆盖 2025 年）",
    "the pledges (质押登记) table ends in 2024: no record of 2025 (the data does not cover 2025)",
)


def test_a_year_after_a_flow_tables_last_record_is_missing_not_zero(engine):
    """The data horizon: the latest pledge is PL4 (2024-03-01), so 2025 has no pledge data (not 0)."""
    rep = engine.compute(2025, codes=["ip_pledge_amount", "pledge_count", "hitech_enterprises", "ip_service_agencies", "patent_awards", "invention_grants", "invention_in_force"])
    for code in ("ip_pledge_amount", "pledge_count"):
        res = rep[code]
        assert (res.value, res.reason) == (None, PLEDGES_END_2024), code
    amount = rep["ip_pledge_amount"]
    assert amount.annual_target == 5 and amount.completion is None and amount.status is None  # not 0 % / 滞后
    # stocks at 2025-12-31 have no horizon: E1 (GR1b open-ended) and E3 (to 2026-12-30)
    assert (rep["hitech_enterprises"].value, rep["hitech_enterprises"].reason) == (2, None)
    assert rep["ip_service_agencies"].value == 4  # AG1, AG3, AG4, AG5 (AG2 left 2023-12-31, AG6 2024-01-01)
    assert rep["invention_in_force"].value is not None and rep["invention_in_force"].reason is None
    # awards are no flow table: a year without an award is 0
    assert (rep["patent_awards"].value, rep["patent_awards"].reason) == (0, None)
    # grants counted in the patents (a stock) end with the latest grant date, P11's 2024-01-05
    assert rep["invention_grants"].reason == (
        "patents（专利）表的「授权公告日」最晚的记录在 2024 年，没有 2025 年的记录（数据未覆盖 2025 年）",
        "grant_date in the patents (专利) table ends in 2024: no record of 2025 (the data does not cover 2025)",
    )
    # the year of the last record is covered (PL4: 5000 万元), and so is a year before the first one
    assert engine.compute(2024, codes=["ip_pledge_amount"])["ip_pledge_amount"].value == 0.5
    before = engine.compute(2019, codes=["ip_pledge_amount", "pledge_count"])
    assert (before["ip_pledge_amount"].value, before["ip_pledge_amount"].reason, before["pledge_count"].value) == (0, None, 0)


def test_cases_reach_as_far_as_either_date():
    """cases: the latest of opened_on and closed_on; an open case opened in 2024 reaches 2024."""
    later = {"case_no": "C8", "kind": "行政执法", "right_kind": "专利", "opened_on": D(2024, 2, 1), "holder": "甲公司", "respondent": "某厂"}
    from fixtures_engine import CASES

    eng = Engine(zone_dataset(cases=[*CASES, later]), refs=references())
    rep = eng.compute(2024, codes=["cases_opened", "cases_closed"])
    assert (rep["cases_opened"].value, rep["cases_closed"].value) == (1, 0)
    assert eng.last_record("cases") == D(2024, 2, 1)
    assert eng.compute(2025, codes=["cases_closed"])["cases_closed"].reason[0] == "cases（保护案件）表最晚的记录在 2024 年，没有 2025 年的记录（数据未覆盖 2025 年）"


def test_the_horizon_costs_one_query_per_engine():
    eng = Engine(zone_dataset(), refs=references())
    queries = []
    fetch = eng.fetch
    eng.fetch = lambda expr: queries.append(expr) or fetch(expr)
    eng.compute(2025, codes=["ip_pledge_amount", "pledge_count"])
    assert len(queries) == 1  # max(registered_on); both values beyond it: no pledge query at all
    eng.compute(2024, codes=["ip_pledge_amount", "pledge_count"])
    assert len(queries) == 2  # the pledges of 2024 only: the horizon is cached
    assert eng.last_record("pledges") == D(2024, 3, 1) and len(queries) == 2
    # every other flow table, and the grant dates, in one more query (max() per table, cross-joined)
    eng.compute(2025)
    # then the stocks only (patents, qualifications, agencies, awards, trademarks, geo products,
    # talents) and the zone_year row: every flow table of the fixture ends before 2025
    assert len(queries) == 3 + 7 + 1
    assert (eng.last_record("cases"), eng.last_record("surveys"), eng.last_record("patents", ("grant_date",))) == (D(2023, 12, 31), D(2023, 12, 31), D(2024, 1, 5))
    assert len(queries) == 11


def test_explain_beyond_the_horizon_lists_no_records(engine):
    from ipzone.indicators.explain import explain_indicator

    out = explain_indicator(engine, 2025, "ip_pledge_amount")
    assert (out["value"], out["reason"], out["records"], out["relation"]) == (None, PLEDGES_END_2024, [], None)


def test_missing_reference_table_gives_null_with_reason():
    refs = references()
    from ipzone.indicators.references import MissingRef

    eng = Engine(zone_dataset(), refs=refs)
    eng.refs["sei"] = MissingRef("sei", "sei_ipc_2021", "测试：不可用", "test: unavailable")
    res = eng.compute(2023, codes=["hv_invention_count", "hv_criteria_overseas", "invention_in_force"])
    assert res["hv_invention_count"].value is None and "测试：不可用" in res["hv_invention_count"].reason[0]
    assert res["invention_in_force"].value == 20


def test_references_recorded_with_edition_and_coverage(report_2023):
    refs = {r["role"]: r for r in report_2023.references}
    assert refs["sei"]["edition"] == "测试版 2021" and refs["sei"]["coverage"] == "complete"
    assert refs["patent_intensive"]["coverage"] == "partial"
    va = report_2023["patent_intensive_va"]
    assert va.references[0]["edition"] == "测试版 2019"
    assert any("partial" in en for _, en in va.notes)  # a partial table understates the value
    hv = report_2023["hv_invention_per_10k"]
    assert [r["role"] for r in hv.references] == ["sei"]


def test_sei_entries_with_unreadable_ipc_are_reported():
    refs = references()
    bad = pa.table({"sei_code": ["1.5", "9.9"], "sei_name": ["人工智能", "坏"], "ipc": ["G06N", "not-an-ipc"], "keywords": ["", ""]})
    refs["sei"] = RefTable("sei", "bad", "x", "complete", "test", bad)
    rep = compute(zone_dataset(), 2023, refs=refs, codes=["hv_criteria_sei"])
    assert rep["hv_criteria_sei"].references[0]["skipped_entries"] == ["9.9: not-an-ipc"]


# --- breakdowns ------------------------------------------------------------------------------------------


def bd(report, code, split):
    return {tuple(r[k] for k in split.split("+")): (r["value"], r["records"]) for r in report[code].breakdown[split]}


def test_breakdowns(report_2023):
    assert bd(report_2023, "patent_awards", "award+grade") == {("中国专利奖", "银奖"): (1, 1), ("山西省专利奖", "一等奖"): (1, 1)}
    assert bd(report_2023, "enterprise_ip_index", "kind") == {
        ("国家知识产权示范企业",): (3, 1),
        ("国家知识产权优势企业",): (2, 1),
        ("省级知识产权示范企业",): (2, 1),
        ("知识产权贯标认证",): (1, 1),
    }
    assert bd(report_2023, "cases_opened", "kind") == {("行政执法",): (3, 3), ("行政裁决",): (1, 1)}
    assert bd(report_2023, "cases_opened", "right_kind") == {("专利",): (3, 3), ("商标",): (1, 1)}
    assert bd(report_2023, "cases_closed", "kind") == {("行政执法",): (3, 3), ("纠纷调解",): (1, 1)}
    assert bd(report_2023, "cases_closed", "right_kind") == {("专利",): (2, 2), ("商标",): (2, 2)}
    assert bd(report_2023, "typical_cases", "kind") == {("行政执法",): (1, 1)}
    assert bd(report_2023, "events", "kind") == {("宣传",): (1, 1), ("培训",): (2, 2)}
    assert bd(report_2023, "event_participants", "kind") == {("宣传",): (200, 1), ("培训",): (50, 2)}
    assert bd(report_2023, "geo_products", "kind") == {("地理标志保护产品",): (1, 1), ("地理标志证明商标",): (1, 1)}
    assert bd(report_2023, "patent_intensive_va", "industry_code") == {("3911",): (60.0, 2)}


# --- targets and statuses in the yearly report -------------------------------------------------------------


def test_annual_targets_and_status_in_report(report_2023):
    # ip_budget_share 2023: line target 0.1 + 0.1 × 2/4 = 0.15; value 300/200000×100 = 0.15 (± float noise) → 达标
    r = report_2023["ip_budget_share"]
    assert r.annual_target == pytest.approx(0.15) and r.status == "达标"
    # rd_gdp_ratio: target 2.6 + 0.4 × 2/4 = 2.8; value 3.0 → 达标, completion 3.0/2.8
    r = report_2023["rd_gdp_ratio"]
    assert r.annual_target == pytest.approx(2.8) and r.status == "达标" and r.completion == pytest.approx(3 / 2.8)
    # hv per 10k: target 24 + 21/2 = 34.5; value 6 → 滞后
    assert report_2023["hv_invention_per_10k"].status == "滞后"
    # ip_staff floor 5; value 6 → 达标. new_agencies: 0 → 30 line, 2023 target 15; value 2 → 滞后
    assert report_2023["ip_staff"].annual_target == 5 and report_2023["ip_staff"].status == "达标"
    assert report_2023["new_agencies"].annual_target == 15 and report_2023["new_agencies"].status == "滞后"
    # indicators without a target carry none
    assert report_2023["events"].annual_target is None and report_2023["events"].status is None


def test_office_target_override():
    cfg = ZoneConfig(targets={"hv_invention_per_10k": {2023: 6.3}})
    rep = compute(zone_dataset(), 2023, refs=references(), config=cfg, codes=["hv_invention_per_10k"])
    r = rep["hv_invention_per_10k"]
    assert r.annual_target == 6.3 and r.status == "接近"  # 6.00 ≥ 0.95 × 6.30 = 5.985


# --- loading a converted Parquet folder ---------------------------------------------------------------------


def test_reads_a_parquet_folder_in_place(tmp_path):
    import json

    import pyarrow.parquet as pq

    ds = zone_dataset()
    for stem in ds.present - {"events"}:
        pq.write_table(ds[stem], tmp_path / f"{stem}.parquet")
    tables = {s: ds[s].num_rows for s in ds.present - {"events"}}
    (tmp_path / "ipzone-dataset.json").write_text(json.dumps({"contract": "1", "tables": tables}))
    rep = compute(tmp_path, 2023, refs=references())
    for code, v in EXPECTED_2023.items():
        if code in ("events", "event_participants"):
            assert rep[code].value is None and "events" in rep[code].reason[1]
        else:
            assert rep[code].value == pytest.approx(v), code


def test_not_a_parquet_folder(tmp_path):
    with pytest.raises(IndicatorError):
        compute(tmp_path, 2023, refs=references())


# --- transactions, pledges: zone parties -------------------------------------------------------------------------


def test_pledge_amount_counts_in_zone_pledgors_only():
    rows = [dict(p) for p in PLEDGES] + [
        {"registration_no": "PL8", "registered_on": D(2023, 1, 1), "pledgor_uscc": E2, "pledgee": "银行", "amount": 1.0, "application_nos": [P[1]]}
    ]
    rep = compute(zone_dataset(pledges=rows), 2023, refs=references(), codes=["ip_pledge_amount", "pledge_count"])
    assert rep["ip_pledge_amount"].value == pytest.approx(0.4)  # (3999 + 1) / 10000
    assert rep["pledge_count"].value == 5


def test_survey_fixture_is_what_the_comments_say():
    assert sum(s["score"] for s in SURVEYS if s["year"] == 2023) / 3 == 85
    assert len(zone_tables()["patents"]) == 27
    assert E1 != E2


def test_keyword_filter_needs_the_mark_when_the_table_has_one():
    """keyword_required = 否 with terms: no filter; 是 without terms: IPC alone, and counted in the output."""
    refs = references()
    rows = pa.table(
        {
            "sei_code": ["2.1", "1.5"],
            "sei_name": ["智能制造装备产业", "人工智能"],
            "ipc": ["B23K", "G06N"],
            "keywords": ["激光;焊接机器人", ""],
            "keyword_required": ["否", "是"],
        }
    )
    refs["sei"] = RefTable("sei", "marked", "x", "complete", "test", rows)
    rep = compute(zone_dataset(), 2023, refs=refs, codes=["hv_criteria_sei"])
    # B23K now matches P5, P6, P27 on IPC alone; G06N: P1, P10, P14, P25 → 7 (P2, P3 no longer match)
    assert rep["hv_criteria_sei"].value == 7
    assert rep["hv_criteria_sei"].references[0]["keyword_entries_without_terms"] == 1


@pytest.mark.parametrize("mark", ["", "否", None])
def test_keyword_terms_apply_only_where_marked(mark):
    """The spec: the filter applies where the table marks the entry 是 *and* lists terms. A blank or
    否 cell, or no keyword_required column (None), marks nothing: B23K matches on its IPC alone."""
    rows = [dict(r) for r in references()["sei"].table.to_pylist()]
    for r in rows:
        if mark is None:
            del r["keyword_required"]
        elif r["ipc"] == "B23K":
            r["keyword_required"] = mark
    refs = references()
    refs["sei"] = RefTable("sei", "unmarked", "x", "complete", "test", pa.Table.from_pylist(rows))
    eng = Engine(zone_dataset(), refs=refs)
    rep = eng.compute(2023, codes=["hv_criteria_sei"])
    # P6 (B23K 37/02, 一种夹具: no term) now matches too: one more than with B23K marked 是
    assert rep["hv_criteria_sei"].value == EXPECTED_2023["hv_criteria_sei"] + 1
    assert rep["hv_criteria_sei"].references[0]["keyword_terms_unmarked"] == 1
    assert hv_set(eng)[P[6]]["c_sei"]


def test_keyword_terms_filter_where_marked(engine, report_2023):
    assert not hv_set(engine)[P[6]]["c_sei"]  # B23K marked 是 with terms: P6's title has none
    assert "keyword_terms_unmarked" not in report_2023["hv_criteria_sei"].references[0]


def test_reference_table_without_codes_is_unavailable():
    refs = references()
    refs["patent_intensive"] = RefTable("patent_intensive", "pi_empty", "2019", "partial", "test", pa.table({"industry_code": ["", ""]}))
    rep = compute(zone_dataset(), 2023, refs=refs, codes=["patent_intensive_va", "patent_intensive_va_share"])
    for code in ("patent_intensive_va", "patent_intensive_va_share"):
        assert rep[code].value is None and "没有任何四位行业代码" in rep[code].reason[0]
