"""The records and evidence behind values, and one patent judged at a year end."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from fixtures_engine import EXPECTED_2023, P, references, zone_dataset

from ipzone.indicators import render
from ipzone.indicators.engine import Engine, IndicatorError
from ipzone.indicators.explain import explain_indicator, explain_patent

D = dt.date


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(zone_dataset(), refs=references())


@pytest.fixture(scope="module")
def hv(engine):
    return explain_indicator(engine, 2023, "hv_invention_count")


def test_records_add_up_to_the_value(engine):
    for code in ("hv_invention_count", "invention_in_force", "hv_criteria_sei", "pledge_count", "ip_service_agencies", "collective_marks", "repeat_infringers"):
        data = explain_indicator(engine, 2023, code)
        assert len(data["records"]) == EXPECTED_2023[code], code


def test_hv_records_carry_criteria_and_evidence(hv):
    rows = {r["application_no"]: r for r in hv["records"]}
    assert set(rows) == {P[i] for i in (1, 2, 3, 5, 7, 10, 14, 17, 18, 20, 25, 27)}
    p3 = rows[P[3]]
    assert p3["criteria_met"] == ["sei", "overseas"]
    assert p3["evidence"]["sei"] == [
        {"ipc": "A61K 31/415", "entry": "A61K 31/415", "sei_code": "4.1", "sei_name": "生物药品制品制造", "keyword": None, "edition": "测试版 2021"}
    ]
    assert p3["evidence"]["overseas"] == {"overseas_family_grants": 2}
    assert rows[P[5]]["evidence"]["sei"][0]["keyword"] == "激光"
    assert rows[P[7]]["evidence"]["maintained"] == {"filing_date": D(2013, 12, 30), "ten_year_date": D(2023, 12, 30)}
    assert rows[P[17]]["evidence"]["pledge"] == [{"registration_no": "PL2", "registered_on": D(2023, 4, 1), "amount": 1000.0, "pledgee": "银行A"}]
    assert rows[P[20]]["evidence"]["award"] == [{"award": "中国专利奖", "grade": "优秀奖", "year": 2022}]
    assert any("1000 万元" in zh for zh, _ in hv["assumptions"])
    assert hv["references"][0]["edition"] == "测试版 2021"


def test_explain_json_is_plain(hv):
    text = json.dumps(render.explain_json(hv), ensure_ascii=False)
    back = json.loads(text)
    assert back["value"] == 12 and back["reason"] is None
    assert back["records"][0]["filing_date"].count("-") == 2


def test_explain_ratio_and_stats(engine):
    data = explain_indicator(engine, 2023, "hv_invention_per_10k")
    assert data["stats"] == {"population": 20000}
    assert len(data["records"]) == 12
    share = explain_indicator(engine, 2023, "senior_title_share")
    assert share["denominator_records"] == 3 and len(share["records"]) == 1
    rd = explain_indicator(engine, 2023, "rd_gdp_ratio")
    assert rd["stats"] == {"rd_expenditure": 60000.0, "gdp": 2000000.0} and rd["records"] == []
    null = explain_indicator(engine, 2025, "hv_invention_per_10k")
    assert null["value"] is None and null["reason"][1] == "zone_year has no row for 2025"


def test_patent_maintained_boundary(engine):
    yes = explain_patent(engine, 2023, P[7])
    no = explain_patent(engine, 2023, P[8])
    assert yes["criteria"]["maintained"]["met"] and "2023-12-30，早于 2023-12-31" in yes["criteria"]["maintained"]["why"]
    assert not no["criteria"]["maintained"]["met"] and "2023-12-31，不早于 2023-12-31" in no["criteria"]["maintained"]["why"]
    assert yes["high_value"]["value"] and not no["high_value"]["value"]
    assert "五项条件均不满足" in no["high_value"]["why"]


def test_patent_lapsed_on_year_end(engine):
    d = explain_patent(engine, 2023, P[9])
    assert d["in_force"]["value"] is False and "失效日 2023-12-31" in d["in_force"]["why"] and "未缴年费" in d["in_force"]["why"]
    assert d["criteria"]["sei"]["met"]  # still judged, although not in force
    assert "年末不在有效期内" in d["high_value"]["why"]


def test_patent_owned_outside_under_first_counting(engine):
    d = explain_patent(engine, 2023, P[13])
    assert d["zone"] == {"share": 0.0, "belongs": False, "why": "第一权利人（顺序 1）不在区内"}
    assert [o["owner_in_zone"] for o in d["owners"]] == [False, True]
    assert d["criteria"]["pledge"]["met"] and "PL6" in d["criteria"]["pledge"]["why"]
    assert "不属于园区" in d["high_value"]["why"]
    w = explain_patent(engine, 2023, P[13], counting="whole")
    assert w["zone"]["belongs"] and w["high_value"]["value"]
    f = explain_patent(engine, 2023, P[13], counting="fractional")
    assert f["zone"]["why"] == "2 个权利人中 1 个在区内，份额 1/2"


def test_patent_natural_person(engine):
    d = explain_patent(engine, 2023, P[14])
    assert d["owners"][0]["uscc"] is None and "自然人" in d["owners"][0]["why"]
    assert d["zone"]["belongs"]


def test_patent_pledges_and_awards_each_said(engine):
    d = explain_patent(engine, 2023, P[16])
    assert not d["criteria"]["pledge"]["met"] and "999 万元 < 门槛 1000 万元" in d["criteria"]["pledge"]["why"]
    d = explain_patent(engine, 2023, P[19])
    assert not d["criteria"]["pledge"]["met"] and "晚于年末" in d["criteria"]["pledge"]["why"]
    d = explain_patent(engine, 2023, P[21])
    assert not d["criteria"]["award"]["met"] and "不属于中国专利奖或国家科学技术奖" in d["criteria"]["award"]["why"]
    d = explain_patent(engine, 2023, P[22])
    assert not d["criteria"]["award"]["met"] and "2024 年晚于 2023 年" in d["criteria"]["award"]["why"]
    assert explain_patent(engine, 2024, P[22])["criteria"]["award"]["met"]


def test_patent_keyword_entry_without_term(engine):
    d = explain_patent(engine, 2023, P[6])
    assert not d["criteria"]["sei"]["met"] and "需关键词的条目 B23K" in d["criteria"]["sei"]["why"]


def test_patent_utility_model_and_next_year_grant(engine):
    d = explain_patent(engine, 2023, P[12])
    assert "不是发明专利（实用新型）" in d["high_value"]["why"]
    d = explain_patent(engine, 2023, P[11])
    assert "晚于 2023-12-31" in d["in_force"]["why"]


def test_unknown_patent(engine):
    with pytest.raises(IndicatorError):
        explain_patent(engine, 2023, "202310000001.5")


def test_patent_lines_render(engine):
    lines = render.patent_lines(explain_patent(engine, 2023, P[3]))
    assert any("战略性新兴产业" in line and "✓" in line for line in lines)
    assert lines[-1].startswith("结论：计入高价值发明专利")


def test_owner_counts_are_null_where_the_counting_rule_does_not_count_them(hv, engine):
    # first-patentee counting never counts owners: a 0 would claim a patent has none
    assert {(r["owners"], r["zone_owners"]) for r in hv["records"]} == {(None, None)}
    frac = explain_indicator(engine, 2023, "hv_invention_count", counting="fractional")
    assert all(r["owners"] >= 1 and 1 <= r["zone_owners"] <= r["owners"] for r in frac["records"])
