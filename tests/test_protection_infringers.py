"""Repeat, malicious and group infringers: hand-made cases around every edge of the window."""

from __future__ import annotations

import datetime as dt

import pytest
from fixtures_engine import references, zone_dataset

from ipzone.dataset import Dataset
from ipzone.protection.cases import CaseRow, case_rows
from ipzone.protection.infringers import InfringerRule, infringers
from ipzone.values import Problem

D = dt.date
U1 = "91140100MA0GR00011"
U2 = "91140100MA0GR00024"


def case(no, respondent, opened, closed, outcome="侵权成立", holder="甲公司", uscc=None, kind="行政执法"):
    return CaseRow(no, kind, "商标", opened, holder, respondent, closed, uscc, outcome)


# Year under test: 2023; the default window is 2021-01-01 … 2023-12-31.
EDGES = [
    case("A1", "甲商行", D(2020, 6, 1), D(2020, 12, 31)),  # closed the day before the window: out
    case("A2", "甲商行", D(2020, 11, 1), D(2021, 1, 1)),  # first day of the window: in
    case("A3", "甲商行", D(2023, 5, 1), D(2023, 12, 31)),  # last day: in
    case("A4", "甲商行", D(2023, 12, 1), D(2024, 1, 1)),  # the day after: out
    case("B1", "乙商行", D(2022, 1, 1), D(2022, 3, 1)),
    case("B2", "乙商行", D(2022, 1, 1), None, outcome=None),  # still open: out
    case("B3", "乙商行", D(2022, 1, 1), D(2022, 5, 1), outcome="调解成功"),  # not established: out
    case("C1", "丙公司", D(2021, 2, 1), D(2021, 8, 1), uscc=U1),
    case("C2", "丙公司（更名后）", D(2022, 2, 1), D(2022, 8, 1), uscc=U1),  # same uscc, new name
    case("N1", " 丁商店", D(2022, 2, 1), D(2022, 4, 1)),  # names are stripped
    case("N2", "丁商店 ", D(2022, 4, 2), D(2022, 6, 1)),
]


def keys(found):
    return {i.key: (i.flags, [c.case_no for c in i.cases]) for i in found}


def test_window_edges_and_identity():
    found = keys(infringers(EDGES, 2023))
    assert found == {
        "甲商行": (("repeat", "malicious"), ["A2", "A3"]),  # A3 opened after A2 closed
        U1: (("repeat", "malicious"), ["C1", "C2"]),
        "丁商店": (("repeat", "malicious"), ["N1", "N2"]),
    }
    # 乙商行 has one established case: nothing. The window moves with the year (2022–2024):
    assert keys(infringers(EDGES, 2024)) == {
        "甲商行": (("repeat",), ["A3", "A4"]),  # A2 (2021) is out; A4 was opened before A3 closed
        "丁商店": (("repeat", "malicious"), ["N1", "N2"]),
    }  # U1: C1 closed 2021 is out, C2 alone is not enough


def test_latest_name_is_shown_and_uscc_kept():
    (c,) = [i for i in infringers(EDGES, 2023) if i.key == U1]
    assert (c.uscc, c.name) == (U1, "丙公司（更名后）")


def test_window_length_is_configurable():
    assert set(keys(infringers(EDGES, 2023, InfringerRule(window_years=1)))) == set()  # 2023 alone: only A3
    assert set(keys(infringers(EDGES, 2022, InfringerRule(window_years=2)))) == {U1, "丁商店"}  # 2021–2022: A2 alone for 甲


def test_malicious_needs_a_case_opened_on_or_after_an_earlier_closing():
    same_day = [case("M1", "戊", D(2022, 1, 1), D(2022, 3, 1)), case("M2", "戊", D(2022, 3, 1), D(2022, 9, 1))]
    day_before = [case("M1", "戊", D(2022, 1, 1), D(2022, 3, 1)), case("M2", "戊", D(2022, 2, 28), D(2022, 9, 1))]
    (a,) = infringers(same_day, 2023)
    assert a.flags == ("repeat", "malicious")
    assert [(r.earlier.case_no, r.later.case_no) for r in a.reoffences] == [("M1", "M2")]
    (b,) = infringers(day_before, 2023)
    assert b.flags == ("repeat",) and b.reoffences == ()


def test_group_infringement_counts_distinct_holders():
    rows = [
        case("G1", "己公司", D(2023, 1, 1), D(2023, 2, 1), holder="甲公司"),
        case("G2", "己公司", D(2023, 1, 1), D(2023, 2, 2), holder="乙公司"),
        case("G3", "己公司", D(2023, 1, 1), D(2023, 2, 3), holder="乙公司"),
    ]
    (a,) = infringers(rows, 2023)
    assert a.flags == ("repeat",) and a.holders == ("甲公司", "乙公司")
    (b,) = infringers(rows, 2023, InfringerRule(min_holders=2))
    assert b.flags == ("repeat", "group")
    rows.append(case("G4", "己公司", D(2023, 1, 1), D(2023, 2, 4), holder="丙公司"))
    (c,) = infringers(rows, 2023)
    assert c.flags == ("repeat", "group") and len(c.cases) == 4
    assert c.to_dict()["flags_zh"] == ["重复侵权", "群体侵权"]


def test_min_cases_threshold():
    rows = [case(f"K{i}", "庚", D(2022, 1, 1), D(2022, 2, i)) for i in (1, 2)]
    assert [i.flags for i in infringers(rows, 2023)] == [("repeat",)]
    assert infringers(rows, 2023, InfringerRule(min_cases=3)) == []


@pytest.mark.parametrize(
    ("kwargs", "zh"),
    [
        ({"window_years": 0}, "统计窗口应为 1–20 年，不是 0"),
        ({"min_cases": 1}, "重复侵权的案件数门槛应为 2–100，不是 1"),
        ({"min_holders": 1}, "群体侵权的权利人数门槛应为 2–100，不是 1"),
    ],
)
def test_rule_refuses_nonsense(kwargs, zh):
    with pytest.raises(Problem) as e:
        InfringerRule(**kwargs)
    assert e.value.zh == zh


def test_agrees_with_the_engine_indicator():
    from ipzone.indicators.engine import Engine

    ds = zone_dataset()
    engine = Engine(ds, refs=references())
    for year in (2021, 2022, 2023):
        value = engine.compute(year, codes=["repeat_infringers"])["repeat_infringers"].value
        assert len([i for i in infringers(ds, year) if "repeat" in i.flags]) == value, year
    # the cases end in 2023: the engine has no 2024 value (its data horizon), not 0
    res = engine.compute(2024, codes=["repeat_infringers"])["repeat_infringers"]
    assert (res.value, res.reason[0]) == (None, "cases（保护案件）表最晚的记录在 2023 年，没有 2024 年的记录（数据未覆盖 2024 年）")
    # and the fixture's own story: X1 (C4 2021 + C1 2023) is flagged in 2023
    assert [(i.name, [c.case_no for c in i.cases]) for i in infringers(ds, 2023)] == [("外区公司", ["C4", "C1"])]


def test_case_rows_read_datasets_and_tables():
    ds = Dataset.from_tables({"cases": [{"case_no": "Z1", "kind": "司法", "right_kind": "专利", "opened_on": D(2023, 1, 1), "holder": "甲", "respondent": "乙"}]})
    assert case_rows(ds) == case_rows(ds["cases"]) == [CaseRow("Z1", "司法", "专利", D(2023, 1, 1), "甲", "乙")]
