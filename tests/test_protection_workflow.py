"""The case workflow's moves and deadlines, redaction of typical cases, and the office's listings file."""

from __future__ import annotations

import datetime as dt

import pytest

from ipzone.protection import listings, redact, workflow as wf

D = dt.date
LIMITS = wf.default_deadlines()


def test_moves():
    assert wf.TRANSITIONS[wf.SUBMITTED] == (wf.ACCEPTED, wf.REJECTED, wf.WITHDRAWN)
    assert wf.can_move(wf.MEDIATION, wf.ADJUDICATION) and wf.can_move(wf.TRANSFERRED, wf.MEDIATION)
    assert not wf.can_move(wf.CLOSED, wf.INVESTIGATION)
    with pytest.raises(wf.WorkflowError) as e:
        wf.check_move(wf.SUBMITTED, wf.CLOSED)
    assert e.value.zh == "不能从「待受理」转到「结案」"
    assert all(not wf.TRANSITIONS[s] for s in wf.FINAL)


def test_default_limits():
    assert LIMITS[("行政裁决", wf.WHOLE_CASE)] == wf.Limit(90) and LIMITS[("维权援助", wf.SUBMITTED)] == wf.Limit(7, workdays=True)
    assert str(LIMITS[("维权援助", wf.SUBMITTED)]) == "7 个工作日" and str(LIMITS[("行政执法", wf.WHOLE_CASE)]) == "90 日"
    assert LIMITS[("司法", wf.INVESTIGATION)] is None and LIMITS[("司法", wf.WHOLE_CASE)] is None
    assert LIMITS[("纠纷调解", wf.TRANSFERRED)] is None
    assert len(LIMITS) == 5 * 7


def test_due_day_and_overdue_edges():
    assert wf.due(D(2025, 1, 31), 30) == D(2025, 3, 3)  # 30 days → Sunday 3-02 (not a leap year) → Monday
    assert wf.due(D(2024, 1, 31), 30) == D(2024, 3, 1)  # a Friday: stays
    assert wf.due(D(2025, 9, 1), 30) == D(2025, 10, 9)  # 10-01 is in the National Day holiday (10-01 … 10-08)
    assert wf.due(D(2025, 1, 1), None) is None
    d = wf.Deadline("调查期限", D(2025, 3, 2))
    assert not d.overdue(D(2025, 3, 2)) and d.days_left(D(2025, 3, 2)) == 0  # the due day itself is in time
    assert d.overdue(D(2025, 3, 3)) and d.days_over(D(2025, 3, 3)) == 1
    assert d.days_left(D(2025, 2, 28)) == 2 and d.days_over(D(2025, 2, 28)) == 0


def test_stage_and_whole_case_deadlines():
    got = wf.deadlines(kind="行政裁决", stage=wf.INVESTIGATION, stage_since=D(2025, 2, 1), accepted_on=D(2025, 1, 10),
                       transfers=[], limits=LIMITS, today=D(2025, 3, 5))
    assert [(d.label, d.due_on, d.overdue(D(2025, 3, 5))) for d in got] == [
        ("调查期限", D(2025, 3, 3), True),  # 2-01 + 30
        ("办结期限", D(2025, 4, 10), False),  # 1-10 + 90
    ]
    # 7 working days from 5-01: the May Day holiday runs to 5-05; 5-06 … 5-09, then 5-12 … 5-14
    submitted = wf.deadlines(kind="维权援助", stage=wf.SUBMITTED, stage_since=D(2025, 5, 1), accepted_on=None,
                             transfers=[], limits=LIMITS, today=D(2025, 5, 9))
    assert [(d.label, d.due_on, d.overdue(D(2025, 5, 14)), d.overdue(D(2025, 5, 15))) for d in submitted] == [
        ("待受理期限", D(2025, 5, 14), False, True)]
    assert wf.deadlines(kind="维权援助", stage=wf.CLOSED, stage_since=D(2025, 5, 1), accepted_on=D(2025, 5, 1),
                        transfers=[], limits=LIMITS, today=D(2026, 1, 1)) == []
    assert wf.deadlines(kind="司法", stage=wf.INVESTIGATION, stage_since=D(2025, 5, 1), accepted_on=D(2025, 5, 1),
                        transfers=[], limits=LIMITS, today=D(2026, 1, 1)) == []


def test_the_case_clock_stops_while_transferred():
    assert wf.paused_days([(D(2025, 3, 1), D(2025, 3, 11))], D(2025, 6, 1)) == 10
    assert wf.paused_days([(D(2025, 3, 1), D(2025, 3, 11)), (D(2025, 5, 1), None)], D(2025, 5, 4)) == 13
    assert wf.paused_days([(D(2025, 3, 1), D(2025, 3, 11))], D(2025, 6, 1), in_workdays=True) == 7  # 3-03 … 3-07, 3-10, 3-11
    # 纠纷调解 accepted 1-01 (60 days → 3-02), with the court 2-01 … 2-21: 3-22, a Saturday → Monday 3-24;
    # mediation from 2-21, 30 days: 3-23, a Sunday → 3-24
    got = wf.deadlines(kind="纠纷调解", stage=wf.MEDIATION, stage_since=D(2025, 2, 21), accepted_on=D(2025, 1, 1),
                       transfers=[(D(2025, 2, 1), D(2025, 2, 21))], limits=LIMITS, today=D(2025, 3, 10))
    assert [(d.label, d.due_on) for d in got] == [("调解期限", D(2025, 3, 24)), ("办结期限", D(2025, 3, 24))]
    # still with the court: no stage limit, and the whole-case clock keeps stopping
    open_ = wf.deadlines(kind="纠纷调解", stage=wf.TRANSFERRED, stage_since=D(2025, 2, 1), accepted_on=D(2025, 1, 1),
                         transfers=[(D(2025, 2, 1), None)], limits=LIMITS, today=D(2025, 12, 1))
    assert [(d.label, d.overdue(D(2025, 12, 1))) for d in open_] == [("办结期限", False)]


def test_working_days_follow_the_official_holidays():
    # Spring Festival 2025: 1-28 … 2-04 off; Sunday 1-26 and Saturday 2-08 are working days (调休)
    assert wf.due(D(2025, 1, 24), wf.Limit(7, workdays=True)) == D(2025, 2, 10)  # 1-26, 1-27, 2-05 … 2-08, 2-10
    assert wf.due(D(2025, 1, 24), wf.Limit(0, workdays=True)) == D(2025, 1, 24)
    # a working-day limit over the whole case stops for the working days with the court
    whole = {("维权援助", wf.WHOLE_CASE): wf.Limit(10, workdays=True)}
    got = wf.deadlines(kind="维权援助", stage=wf.MEDIATION, stage_since=D(2025, 3, 12), accepted_on=D(2025, 2, 28),
                       transfers=[(D(2025, 3, 1), D(2025, 3, 11))], limits=whole, today=D(2025, 3, 12))
    assert [(d.label, d.due_on) for d in got] == [("办结期限", D(2025, 3, 25))]  # 10 + 7 working days after 2-28


def test_years_without_a_holiday_notice_count_weekends_only():
    (d,) = wf.deadlines(kind="维权援助", stage=wf.SUBMITTED, stage_since=D(2026, 12, 28), accepted_on=None,
                        transfers=[], limits=LIMITS, today=D(2026, 12, 28))
    assert d.due_on == D(2027, 1, 6) and d.approximate  # 12-29 … 12-31, then 2027's 1-01 (unknown), 1-04 … 1-06
    (known,) = wf.deadlines(kind="维权援助", stage=wf.SUBMITTED, stage_since=D(2025, 5, 1), accepted_on=None,
                            transfers=[], limits=LIMITS, today=D(2025, 5, 1))
    assert not known.approximate


# --- redaction ------------------------------------------------------------------------------------

SUMMARY = "权利人张三（电话 13912345678，身份证 14010519800101123X）诉张三丰商行销售假冒商品，联系 zs@example.com。"


def test_marked_terms_and_numbers_are_hidden():
    marks = "张三丰商行 => 某商行\n张三 => 张某\n\n"
    assert redact.redact(SUMMARY, marks) == "权利人张某（电话 ＊＊＊，身份证 ＊＊＊）诉某商行销售假冒商品，联系 ＊＊＊。"
    assert redact.leaks(SUMMARY, marks) == ["张三丰商行", "张三", "手机号码", "身份证号码", "电子邮箱"]
    assert redact.leaks(redact.redact(SUMMARY, marks), marks) == []


def test_a_term_without_replacement_is_masked():
    assert redact.redact("王五的地址：晋中市某路 8 号", "晋中市某路 8 号") == "王五的地址：＊＊＊"
    assert redact.parse_terms(" 甲 → 乙 \n丙") == [redact.Term("甲", "乙"), redact.Term("丙")]


def test_numbers_inside_longer_codes_are_left_alone():
    text = "专利号 202110123456.7，统一社会信用代码 91140100MA0GRY4T4L"
    assert redact.redact(text, "") == text


# --- the office's listings file -------------------------------------------------------------------

HEAD = "统一社会信用代码,名称,类型,列入日期,件数,文号,移出日期\n"


def test_listings_file(tmp_path):
    path = tmp_path / "listings.csv"
    path.write_bytes((HEAD + "91140100MA0GRY4T4L,甲,非正常专利申请,2024/5/10,3,国知办函〔2024〕12号,\n"
                      "91140100MA0H12345R,乙,恶意商标注册,2024年6月1日,,,2024-12-01\n").encode("gb18030"))
    assert listings.read_listings(path) == [
        listings.Listing("91140100MA0GRY4T4L", "非正常专利申请", D(2024, 5, 10), 3, "甲", "国知办函〔2024〕12号"),
        listings.Listing("91140100MA0H12345R", "恶意商标注册", D(2024, 6, 1), 1, "乙", "", D(2024, 12, 1)),
    ]
    english = tmp_path / "en.csv"
    english.write_text("uscc,kind,listed_on\n91140100MA0GRY4T4L,恶意商标注册,2024-01-02\n", encoding="utf-8-sig")
    assert listings.read_listings(english) == [listings.Listing("91140100MA0GRY4T4L", "恶意商标注册", D(2024, 1, 2))]


def test_listings_file_errors_name_row_and_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEAD + "91140100MA0GRY4T4X,甲,抄袭,2024-13-01,0,,\n,乙,非正常专利申请,2024-01-01,,,2023-01-01\n", encoding="utf-8")
    with pytest.raises(listings.ListingError) as e:
        listings.read_listings(path)
    assert [zh for zh, _ in e.value.problems] == [
        "bad.csv，第 2 行，列「统一社会信用代码」：统一社会信用代码校验位错误：应为 L（值：'91140100MA0GRY4T4X'）",
        "bad.csv，第 2 行，列「类型」：应为非正常专利申请或恶意商标注册（值：'抄袭'）",
        "bad.csv，第 2 行，列「列入日期」：「2024-13-01」不是存在的日期（值：'2024-13-01'）",
        "bad.csv，第 2 行，列「件数」：件数至少为 1（值：'0'）",
        "bad.csv，第 3 行，列「统一社会信用代码」：不能为空",
    ]
    missing = tmp_path / "missing.csv"
    missing.write_text("名称,类型\n", encoding="utf-8")
    with pytest.raises(listings.ListingError) as e:
        listings.read_listings(missing)
    assert [en for _, en in e.value.problems] == [
        "missing.csv: column uscc (统一社会信用代码) is missing",
        "missing.csv: column listed_on (列入日期) is missing",
    ]


def test_listing_in_force():
    item = listings.Listing("x", "非正常专利申请", D(2024, 5, 10), removed_on=D(2025, 1, 1))
    assert item.in_force(D(2022, 1, 1), D(2024, 12, 31))  # removed after the year end
    assert not item.in_force(D(2023, 1, 1), D(2025, 12, 31))  # removed by then
    assert not item.in_force(D(2025, 1, 1), D(2025, 12, 31))


def test_party_aliases():
    assert redact.alias("山西某某科技有限公司") == "某有限公司"
    assert redact.alias("太原某某股份有限公司") == "某股份有限公司"
    assert redact.alias("晋泽市某某日用品商行 ") == "某商行"
    assert redact.alias("张三") == "某某"
    assert redact.alias("公司") == "某某"
