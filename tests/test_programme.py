"""The programme's rules: the plan's task list, due dates and overdue flags, assessment scores.

Every expected value is worked out by hand in the comments beside it.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from ipzone.programme import assessment, filings, plan, schedule, workbook
from ipzone.programme.plan import PlanError
from ipzone.programme.schedule import LATE, ON_TIME, OVERDUE, PENDING, Obligation

D = dt.date


# --- the plan's task list ----------------------------------------------------------------------


def test_the_plan_has_its_fifteen_tasks_and_safeguards_with_departments():
    p = plan.load()
    assert [t.code for t in p.top] == [str(i) for i in range(1, 16)] + ["S1", "S2", "S3", "S4"]
    assert len(p.tasks) == 76  # 19 tasks + 57 sub-tasks cut from the plan's sentences
    assert [d.code for d in p.departments] == ["committee", "market", "scitech_finance", "innovation", "statistics", "finance"]
    t3 = p.task("3")
    assert (t3.lead, t3.support, t3.assigned) == ("committee", ("market", "scitech_finance", "innovation", "statistics", "finance"), "plan")
    # a sub-task names its own lead, else inherits the task's
    assert (p.task("2.3").lead, p.task("2.3").parent) == ("finance", "2")
    assert p.task("14.1").title == "新引进 30 家以上各类知识产权服务机构入驻示范区"
    assert p.task("14.1").lead == "market"
    assert (p.starts_on, p.due_on, p.report_due_days) == (D(2022, 10, 28), D(2025, 12, 31), 10)


def test_indicators_of_a_task_are_the_catalogs_own():
    assert plan.indicator_codes("14") == ["ip_service_agencies", "new_agencies"]
    assert plan.indicator_codes("2") == ["ip_budget_share", "ip_staff"]
    assert plan.indicator_codes("1") == []
    assert plan.indicator_codes("S1") == []


def test_a_plan_naming_an_unknown_department_is_refused():
    data = {"starts_on": D(2022, 1, 1), "due_on": D(2025, 12, 31), "departments": [{"code": "market", "name": "市场监管局"}],
            "tasks": [{"code": "1", "title": "甲", "lead": "market", "support": ["tax"]}]}
    with pytest.raises(PlanError) as e:
        plan.parse(data, "plan.toml")
    assert e.value.zh == "plan.toml：任务 1 的部门 'tax' 不在部门列表中"
    assert e.value.en == "plan.toml: 任务 1 names department 'tax', which is not listed"


def test_a_plan_file_that_is_not_toml_says_so(tmp_path):
    bad = tmp_path / "plan.toml"
    bad.write_text("starts_on = ", encoding="utf-8")
    with pytest.raises(PlanError, match="不是有效的 TOML"):
        plan.load(bad)


# --- quarters, due dates, overdue ------------------------------------------------------------


def test_quarters_and_report_due_dates():
    assert [schedule.quarter_end(2024, q) for q in (1, 2, 3, 4)] == [D(2024, 3, 31), D(2024, 6, 30), D(2024, 9, 30), D(2024, 12, 31)]
    assert schedule.quarter_start(2025, 3) == D(2025, 7, 1)
    assert schedule.report_due(2025, 1) == D(2025, 4, 10)  # 31 March + 10 days
    assert schedule.report_due(2024, 4) == D(2025, 1, 10)  # the fourth quarter's is due the next year
    assert schedule.report_due(2025, 2, days_after=0) == D(2025, 6, 30)
    assert schedule.quarter_of(D(2025, 10, 1)) == 4
    with pytest.raises(ValueError):
        schedule.quarter_end(2025, 5)


def test_quarters_a_task_is_active_in():
    assert schedule.quarters_active(2025, D(2022, 10, 28), D(2025, 12, 31)) == [1, 2, 3, 4]
    assert schedule.quarters_active(2025, D(2025, 5, 15), None) == [2, 3, 4]
    assert schedule.quarters_active(2025, None, D(2025, 4, 1)) == [1, 2]  # 1 April is in the second quarter
    assert schedule.quarters_active(2025, D(2025, 3, 31), D(2025, 3, 31)) == [1]
    assert schedule.quarters_active(2024, D(2025, 1, 1), None) == []


@pytest.mark.parametrize(
    ("due", "done", "as_of", "expected", "late_days"),
    [
        (D(2025, 4, 10), D(2025, 4, 10), D(2025, 6, 1), ON_TIME, 0),  # done on the due day
        (D(2025, 4, 10), D(2025, 4, 11), D(2025, 6, 1), LATE, 0),  # a day late
        (D(2025, 4, 10), None, D(2025, 4, 10), PENDING, 0),  # the due day itself is not overdue
        (D(2025, 4, 10), None, D(2025, 4, 11), OVERDUE, 1),  # the day after is
        (D(2025, 4, 10), D(2025, 4, 12), D(2025, 4, 11), OVERDUE, 1),  # done after "as of": not done yet
        (D(2025, 4, 10), None, D(2025, 4, 30), OVERDUE, 20),
        (D(2025, 12, 31), D(2025, 3, 1), D(2025, 3, 1), ON_TIME, 0),  # done early counts at once
    ],
)
def test_on_time_late_overdue(due, done, as_of, expected, late_days):
    assert schedule.timing(due, done, as_of) == expected
    assert schedule.days_overdue(due, done, as_of) == late_days


# --- assessment --------------------------------------------------------------------------------


def test_assessment_score_by_hand():
    criteria = assessment.load()
    assert [(c.code, c.weight) for c in criteria.criteria] == [("reports_on_time", 30), ("items_on_time", 40), ("indicators_on_track", 30)]
    obligations = [
        Obligation("report", "任务7 2025年第1季度", D(2025, 4, 10), D(2025, 4, 8)),  # on time
        Obligation("report", "任务7 2025年第2季度", D(2025, 7, 10), D(2025, 7, 12)),  # late
        Obligation("report", "任务7 2025年第3季度", D(2025, 10, 10), None),  # overdue
        Obligation("report", "任务7 2025年第4季度", D(2026, 1, 10), D(2026, 1, 10)),  # on time
        Obligation("item", "7.1", D(2025, 6, 30), D(2025, 6, 30)),  # on time
        Obligation("item", "7.2", D(2025, 12, 31), None),  # overdue
        Obligation("item", "7.3", D(2026, 3, 31), None),  # not due yet: not counted
        Obligation("item", "年度目标", D(2025, 9, 30), D(2025, 10, 15)),  # late
    ]
    statuses = {"a": "达标", "b": "接近", "c": "滞后", "d": None}
    s = assessment.assess(criteria, obligations, statuses, D(2026, 1, 20))
    # reports 2 of 4 on time = 0.5; items 1 of 3 = 1/3; indicators (1 + 0.5 + 0) / 3 = 0.5 (d has no value)
    assert [(p.counted, p.met) for p in s.parts] == [(4, 2), (3, 1), (3, 1.5)]
    # 30 × 0.5 + 40 × 1/3 + 30 × 0.5 = 15 + 13.33 + 15 = 43.33
    assert s.score == 43.3
    assert s.grade == "不合格"
    assert [s.points(c) for c in ("reports_on_time", "items_on_time", "indicators_on_track")] == [15.0, 13.3, 15.0]
    assert s.part("indicators_on_track").details[-1] == "d：无数值，不计"
    assert s.part("reports_on_time").details[1] == "任务7 2025年第2季度：逾期完成（应于 2025-07-10）"


def test_a_criterion_with_nothing_to_measure_is_left_out_and_the_rest_reweighted():
    criteria = assessment.load()
    obligations = [
        Obligation("report", "Q1", D(2025, 4, 10), D(2025, 4, 1)),
        Obligation("report", "Q2", D(2025, 7, 10), D(2025, 7, 1)),
        Obligation("item", "甲", D(2025, 5, 1), D(2025, 5, 1)),
        Obligation("item", "乙", D(2025, 6, 1), None),
    ]
    s = assessment.assess(criteria, obligations, {}, D(2025, 8, 1))
    # (30 × 1 + 40 × 0.5) / 70 × 100 = 50 / 70 × 100 = 71.43
    assert s.score == 71.4
    assert s.grade == "合格"
    assert (s.points("reports_on_time"), s.points("items_on_time"), s.points("indicators_on_track")) == (42.9, 28.6, None)
    nothing = assessment.assess(criteria, [], {}, D(2025, 8, 1))
    assert (nothing.score, nothing.grade) == (None, None)


def test_grades_at_their_edges():
    criteria = assessment.load()
    assert [criteria.grade(x) for x in (100, 90, 89.9, 75, 74.9, 60, 59.9, 0)] == ["优秀", "优秀", "良好", "良好", "合格", "合格", "不合格", "不合格"]


def test_criteria_files_are_checked(tmp_path):
    f = tmp_path / "a.toml"
    f.write_text(textwrap.dedent("""
        [[criteria]]
        code = "speed"
        weight = 10
    """), encoding="utf-8")
    with pytest.raises(PlanError) as e:
        assessment.load(f)
    assert e.value.zh == f"{f}：未知的考核标准 'speed'（应为 reports_on_time、items_on_time、indicators_on_track）"


# --- filing workbooks --------------------------------------------------------------------------


def test_the_filing_template_reads_back_with_the_contracts_messages(tmp_path):
    rows = {"navigation_projects": [{
        "project_no": "DH2025-001", "name": "新材料产业专利导航", "uscc": "91140100MA0GRY4T4L", "kind": "产业规划类",
        "industry": "新材料", "industry_code": "3985", "undertaker": "示范区知识产权代理事务所", "undertaker_uscc": None,
        "starts_on": D(2025, 3, 1), "ends_on": D(2025, 12, 31), "budget": 80.0, "deliverables": ["导航分析报告", "专利布局建议"],
    }]}
    path = workbook.template(tmp_path / "filings.xlsx", rows=rows)
    parsed, report = workbook.read(path)
    assert report.ok and set(parsed) == {t.stem for t in filings.TABLES}
    [(row_no, record)] = workbook.records(parsed["navigation_projects"])
    assert row_no == 2
    assert record == rows["navigation_projects"][0]
    assert workbook.records(parsed["trusteeships"]) == []


def test_a_bad_filing_cell_is_named_by_sheet_row_and_column(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "专利导航项目"
    ws.append(["项目编号", "项目名称", "备案主体统一社会信用代码", "导航类型", "产业", "承担单位", "开始日期", "结束日期", "经费（万元）"])
    ws.append(["DH-1", "甲", "91140100MA0GRY4T4L", "产业规划类", "新材料", "某机构", "2025-03-01", "2025-02-01", "80"])
    ws.append(["DH-1", "乙", "91140100MA0GRY4T4X", "产业类", "新材料", "某机构", "2025-03-01", "2025-12-31", "-5"])
    wb.save(tmp_path / "f.xlsx")
    parsed, report = workbook.read(tmp_path / "f.xlsx")
    p = parsed["navigation_projects"]
    messages = sorted((f.row, f.column, f.zh) for f in p.findings)
    assert messages == [
        (2, "结束日期", "「结束日期」2025-02-01 早于「开始日期」2025-03-01"),
        (3, "备案主体统一社会信用代码", "统一社会信用代码校验位错误：应为 L"),
        (3, "导航类型", "「产业类」不在可选值中；应为下列之一：区域规划类/产业规划类/企业经营类/研发活动类/人才管理类"),
        (3, "经费（万元）", "-5 是负数；应为以万元计的非负金额"),
    ]
    assert workbook.records(p) == []
