"""When an inspection is due (ipzone.protection.inspections), worked out by hand at the window edges."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from ipzone.protection import inspections as ins
from ipzone.protection.credit import load_rules

D = dt.date


def grade(uscc, code, months, name=None):
    labels = {"A": "守信", "B": "一般", "C": "关注", "D": "重点监管"}
    return SimpleNamespace(uscc=uscc, name=name or f"公司{uscc[-1]}", grade=code, label=labels[code], interval_months=months)


def test_the_packaged_rules_give_the_intervals_used_here():
    assert {g.code: g.interval_months for g in load_rules().grades} == {"A": 36, "B": 12, "C": 6, "D": 3}


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 3, 15), 3, D(2025, 6, 15)),
        (D(2025, 11, 30), 3, D(2026, 2, 28)),  # no 30 February: the month's last day
        (D(2023, 8, 31), 6, D(2024, 2, 29)),  # leap year
        (D(2025, 1, 31), 12, D(2026, 1, 31)),
        (D(2024, 2, 29), 36, D(2027, 2, 28)),
        (D(2025, 12, 1), 1, D(2026, 1, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert ins.add_months(day, months) == expected


def test_due_exactly_on_the_day_is_due_but_not_overdue():
    due = ins.next_due(D(2025, 3, 15), 3)  # grade D
    assert due.due_on == D(2025, 6, 15)
    assert not due.is_due(D(2025, 6, 14))
    assert due.is_due(D(2025, 6, 15)) and not due.overdue(D(2025, 6, 15))
    assert due.status(D(2025, 6, 15)) == "今日到期"
    assert due.status(D(2025, 6, 14)) == "未到期"


def test_one_day_after_the_due_day_is_overdue_by_one_day():
    due = ins.next_due(D(2025, 3, 15), 3)
    assert due.overdue(D(2025, 6, 16))
    assert due.days_over(D(2025, 6, 16)) == 1
    assert due.status(D(2025, 6, 16)) == "逾期 1 日"
    assert ins.next_due(D(2024, 11, 26), 12).days_over(D(2026, 1, 1)) == 36  # due 2025-11-26; 5 + 31 days


def test_never_inspected_is_due_at_once_but_not_overdue():
    due = ins.next_due(None, 12)
    assert due.due_on is None
    assert due.is_due(D(2000, 1, 1))
    assert not due.overdue(D(2030, 1, 1)) and due.days_over(D(2030, 1, 1)) == 0
    assert due.status(D(2026, 1, 1)) == "从未检查"


def test_an_interval_below_one_month_is_refused():
    with pytest.raises(ValueError):
        ins.next_due(D(2025, 1, 1), 0)


def test_last_inspections_skip_return_visits_and_days_after_as_of():
    records = [
        ("X1", D(2025, 2, 1), "双随机抽查"),
        ("X1", D(2025, 9, 1), "回访"),  # a return visit does not count
        ("X2", D(2025, 4, 1), "重点检查"),
        ("X2", D(2026, 1, 5), "专项检查"),  # after as_of
        ("X3", D(2025, 5, 5), "回访"),  # only a return visit: never inspected
    ]
    assert ins.last_inspections(records, as_of=D(2025, 12, 31)) == {"X1": D(2025, 2, 1), "X2": D(2025, 4, 1)}
    assert ins.last_inspections(records) == {"X1": D(2025, 2, 1), "X2": D(2026, 1, 5)}


def test_the_plan_of_a_year():
    graded = {
        "A1": grade("A1", "A", 36),  # inspected 2023-01-10: due 2026-01-10, not in 2025's plan
        "A2": grade("A2", "A", 36),  # never: in the plan
        "B1": grade("B1", "B", 12),  # inspected 2024-12-31: due 2025-12-31, the plan's last day
        "B2": grade("B2", "B", 12),  # inspected 2025-01-01: due 2026-01-01, one day too late for 2025
        "C1": grade("C1", "C", 6),  # inspected 2025-03-01: due 2025-09-01, overdue at year end
        "D1": grade("D1", "D", 3),  # inspected 2025-10-31: due 2026-01-31, not in 2025
        "D2": grade("D2", "D", 3),  # inspected 2025-06-30: due 2025-09-30
        "D3": grade("D3", "D", 3),  # never
    }
    last = {"A1": D(2023, 1, 10), "B1": D(2024, 12, 31), "B2": D(2025, 1, 1), "C1": D(2025, 3, 1), "D1": D(2025, 10, 31), "D2": D(2025, 6, 30)}
    items = ins.plan(graded, last, 2025, ("A", "B", "C", "D"))
    assert [(i.uscc, i.due_on, i.overdue) for i in items] == [
        ("D3", None, False),
        ("D2", D(2025, 9, 30), True),
        ("C1", D(2025, 9, 1), True),
        ("B1", D(2025, 12, 31), False),  # due on 31 December itself: not overdue at year end
        ("A2", None, False),
    ]
    # as of an earlier day, D2 (due 30 September) is not overdue yet; C1 (due 1 September) is
    assert [(i.uscc, i.overdue) for i in ins.plan(graded, last, 2025, ("A", "B", "C", "D"), as_of=D(2025, 9, 30))] == [
        ("D3", False), ("D2", False), ("C1", True), ("B1", False), ("A2", False),
    ]
    assert items[1].to_dict() == {
        "uscc": "D2", "name": "公司2", "grade": "D", "label": "重点监管", "interval_months": 3,
        "last_inspected_on": D(2025, 6, 30), "next_due_on": D(2025, 9, 30), "overdue": True,
    }


def test_the_table_is_declared_in_the_contracts_terms():
    assert ins.TABLE.key == ("record_no",)
    assert [c.zh for c in ins.TABLE.columns] == [
        "检查编号", "被检查主体统一社会信用代码", "检查日期", "检查类型", "检查人员", "检查发现", "处理结果", "后续措施", "整改期限",
    ]
    assert ins.TABLE.column("kind").choices == ("双随机抽查", "重点检查", "专项检查", "回访")
    assert ins.TABLE.column("result").choices == ("未发现问题", "责令整改", "立案查处")
