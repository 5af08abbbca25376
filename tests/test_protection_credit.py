"""Credit grades from the packaged rules, worked out by hand for year 2024 (window 2022–2024).

Base 90. award +5 (≤ +10); infringement −15 (≥ −45); repeat/malicious −10 and at most D;
非正常专利申请 −5 a filing (≥ −20); 恶意商标注册 −20 and at most C; lapsed pledge −10 (≥ −20).
A ≥ 95 > B ≥ 80 > C ≥ 65 > D.
"""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from fixtures_engine import appno, uscc

from ipzone.dataset import Dataset
from ipzone.protection import credit
from ipzone.protection.infringers import InfringerRule
from ipzone.protection.listings import Listing

D = dt.date
E = {i: uscc(i) for i in range(1, 10)}
OUT = uscc(99)
P = {i: appno(i) for i in range(1, 6)}

ENTITIES = [{"uscc": E[i], "name": f"企业{i}", "kind": "企业", "in_zone": True} for i in range(1, 9)] + [
    {"uscc": OUT, "name": "区外企业", "kind": "企业", "in_zone": False},
]


def award(u, year, name="中国专利奖", grade="优秀奖"):
    return {"award": name, "grade": grade, "year": year, "uscc": u}


def infringement(no, u, closed, outcome="侵权成立", opened=None):
    return {"case_no": no, "kind": "行政执法", "right_kind": "专利", "opened_on": opened or closed - dt.timedelta(days=60),
            "closed_on": closed, "holder": "权利人", "respondent": f"被诉{no}", "respondent_uscc": u, "outcome": outcome}


def patent(i, lapse=None, reason=None):
    return {"application_no": P[i], "kind": "发明", "title": "t", "filing_date": D(2015, 1, 1), "grant_date": D(2017, 1, 1),
            "lapse_date": lapse, "lapse_reason": reason}


def pledge(no, u, registered, appnos, released=None):
    return {"registration_no": no, "registered_on": registered, "pledgor_uscc": u, "pledgee": "银行", "amount": 100.0,
            "application_nos": appnos, "released_on": released}


DATASET = Dataset.from_tables({
    "entities": ENTITIES,
    "awards": [
        award(E[1], 2022), award(E[1], 2023), award(E[1], 2024, "山西省专利奖", "一等奖"),  # 3 × 5 = 15 → cap 10 → 100 A
        award(E[1], 2021),  # before the window
        award(E[6], 2023), award(E[6], 2024),  # +10, with a malicious mark −20 → 80 (B) held at C
        award(E[8], 2024),  # 95 → A: the boundary
        award(OUT, 2024),  # not graded
    ],
    "cases": [
        infringement("K1", E[2], D(2024, 6, 1)),  # E2: one → 75 C
        infringement("K2", E[3], D(2022, 1, 1), opened=D(2021, 10, 1)),  # E3: first day of the window
        infringement("K3", E[3], D(2024, 12, 31), opened=D(2024, 11, 1)),  # last day; opened after K2 closed
        infringement("K4", E[3], D(2021, 12, 31)),  # the day before: out
        infringement("K5", E[2], D(2024, 3, 1), outcome="侵权不成立"),  # not established
        infringement("K6", E[2], D(2025, 1, 1)),  # next year
    ],
    "patents": [patent(1, D(2024, 3, 1), "未缴年费"), patent(2, D(2024, 3, 1), "期限届满"), patent(3, D(2023, 6, 1), "未缴年费"),
                patent(4, D(2024, 5, 1), "放弃"), patent(5)],
    "pledges": [
        pledge("PL1", E[7], D(2023, 1, 10), [P[1], P[5]]),  # P1 lapsed (未缴年费) while pledged → counts
        pledge("PL2", E[7], D(2023, 1, 10), [P[2]]),  # 期限届满: not a credit matter in the rules
        pledge("PL3", E[7], D(2023, 1, 10), [P[3]], released=D(2023, 6, 1)),  # lapsed on the release day: not while pledged
        pledge("PL4", E[7], D(2024, 6, 1), [P[4]]),  # lapsed before this pledge was registered
    ],
})
LISTINGS = [
    Listing(E[4], "非正常专利申请", D(2024, 5, 10), count=3, reference="国知办函〔2024〕12号"),  # −15 → 75 C
    Listing(E[4], "非正常专利申请", D(2023, 5, 10), removed_on=D(2024, 6, 30)),  # removed within the year: out
    Listing(E[5], "非正常专利申请", D(2022, 1, 1), count=6),  # −30 → cap −20 → 70 C
    Listing(E[6], "恶意商标注册", D(2024, 2, 1)),
    Listing(OUT, "恶意商标注册", D(2024, 2, 1)),
]


@pytest.fixture(scope="module")
def graded():
    return credit.grades(DATASET, 2024, listings=LISTINGS)


def test_grades_and_scores_by_hand(graded):
    assert {g.name: (g.grade, g.score) for g in graded.values()} == {
        "企业1": ("A", 100.0),
        "企业2": ("C", 75.0),
        "企业3": ("D", 50.0),  # 2 × −15, repeat (and malicious) −10
        "企业4": ("C", 75.0),
        "企业5": ("C", 70.0),
        "企业6": ("C", 80.0),  # a B score, held at C by the malicious mark
        "企业7": ("B", 80.0),  # one lapsed pledge: 80 is B's lowest score
        "企业8": ("A", 95.0),
    }
    assert OUT not in graded
    assert list(graded) == sorted(graded)


def test_reasons_carry_their_evidence(graded):
    e3 = graded[E[3]]
    assert [(r.code, r.count, r.points) for r in e3.reasons] == [("infringement", 2, -30.0), ("repeat_infringer", 1, -10.0)]
    assert e3.reasons[0].evidence == ("K2（行政执法，2022-01-01 结案，侵权成立）", "K3（行政执法，2024-12-31 结案，侵权成立）")
    assert e3.reasons[1].evidence == ("重复侵权、恶意侵权：K2、K3",)
    assert (e3.inspection, e3.interval_months, e3.label) == ("每季度一次，列入重点监管名单", 3, "重点监管")
    e7 = graded[E[7]]
    assert [r.evidence for r in e7.reasons] == [("PL1：出质专利 " + P[1] + " 于 2024-03-01 失效（未缴年费）",)]
    e4 = graded[E[4]]
    assert [(r.count, r.points, r.evidence) for r in e4.reasons] == [(3, -15.0, ("非正常专利申请 3 件，2024-05-10 列入（国知办函〔2024〕12号）",))]
    e1 = graded[E[1]]
    assert [(r.count, r.points) for r in e1.reasons] == [(3, 10.0)]
    assert e1.to_dict()["reasons"][0]["evidence"] == ["2022 年中国专利奖优秀奖", "2023 年中国专利奖优秀奖", "2024 年山西省专利奖一等奖"]


def test_summary_lists_every_grade(graded):
    assert credit.summary(graded) == {"A": 2, "B": 1, "C": 4, "D": 1}


def test_the_year_moves_the_window():
    g = credit.grades(DATASET, 2025, listings=LISTINGS)
    assert (g[E[2]].grade, g[E[2]].score) == ("D", 50.0)  # 2023–2025: K1 and K6, a repeat infringer
    assert (g[E[3]].grade, g[E[3]].score) == ("C", 75.0)  # K3 only


def test_listings_travel_with_the_dataset():
    ds = Dataset(DATASET.tables, DATASET.present, extras={credit.LISTINGS_EXTRA: [vars(x) for x in LISTINGS]})
    assert credit.grades(ds, 2024)[E[4]].score == 75.0
    assert credit.grades(DATASET, 2024)[E[4]].score == 90.0  # none given, none exported


def test_infringer_rule_is_passed_through():
    g = credit.grades(DATASET, 2024, infringer_rule=InfringerRule(window_years=1))
    assert [r.code for r in g[E[3]].reasons] == ["infringement"]  # 2024 alone: K3 only, no flag


def test_rules_are_data():
    data = tomllib.loads(credit.RULES_FILE.read_text(encoding="utf-8"))
    data["base_score"] = 100
    data["rule"] = [r for r in data["rule"] if r["code"] != "repeat_infringer"]
    rules = credit.parse_rules(data)
    g = credit.grades(DATASET, 2024, rules=rules)
    assert (g[E[3]].grade, g[E[3]].score) == ("C", 70.0)
    assert g[E[5]].grade == "A"  # no listings given


def test_rules_file_from_the_environment(tmp_path, monkeypatch):
    text = credit.RULES_FILE.read_text(encoding="utf-8").replace('edition = "示范规则（2025）"', 'edition = "园区规则"')
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(credit.RULES_ENV, str(path))
    assert credit.load_rules().edition == "园区规则"


def _broken(change):
    data = tomllib.loads(credit.RULES_FILE.read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(credit.RulesError) as e:
        credit.parse_rules(data, "rules.toml")
    return e.value.zh


def test_bad_rules_are_refused_with_the_place_named():
    assert _broken(lambda d: d["rule"][0].update(source="fines")) == (
        "信用规则 rules.toml [[rule]] 第 1 个：未知的 source 'fines'，应为 awards、infringements、infringer_flags、listings、lapsed_pledges 之一"
    )
    assert _broken(lambda d: d["rule"][2].update(grade_at_most="E")) == (
        "信用规则 rules.toml [[rule]] 第 3 个：grade_at_most 'E' 不是已定义的等级（A、B、C、D）"
    )
    assert _broken(lambda d: d["grade"][3].update(min_score=0)) == (
        "信用规则 rules.toml [[grade]] 第 4 个：最后一个等级不设 min_score（它包含所有更低的分数）"
    )
    assert _broken(lambda d: d["grade"][1].update(min_score=99)) == "信用规则 rules.toml：等级应从高到低排列（min_score 递减）"
    assert _broken(lambda d: d["rule"][3].update(kinds=["抄袭"])) == (
        "信用规则 rules.toml [[rule]] 第 4 个：kinds 中的 '抄袭' 不是 非正常专利申请、恶意商标注册 之一"
    )
    assert _broken(lambda d: d["rule"][0].update(points="5")) == "信用规则 rules.toml [[rule]] 第 1 个：points 应为数字，不是 '5'"
    assert _broken(lambda d: d["rule"][1].update(cap=10)) == "信用规则 rules.toml [[rule]] 第 2 个：cap 与 points 的正负应一致"


def test_missing_rules_file(tmp_path):
    with pytest.raises(credit.RulesError) as e:
        credit.load_rules(tmp_path / "nope.toml")
    assert e.value.zh == "信用规则 nope.toml：找不到文件"
