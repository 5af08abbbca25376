"""Each sample policy on the hand-computed fixture zone (fixtures_policies.py), year 2023."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from fixtures_engine import E1, E2, E4, P, references
from fixtures_policies import (
    G1,
    GUARANTEE_2023,
    GUARANTEE_2023_EXCLUDED,
    HV_2023,
    HV_2023_EXCLUDED,
    I1,
    INSURANCE_2023,
    INSURANCE_2023_EXCLUDED,
    INTEREST_2023,
    INTEREST_2023_EXCLUDED,
    UNKNOWN_GUARANTOR,
    UNKNOWN_INSURER,
    Q,
    policy_dataset,
)

from ipzone.indicators import Engine
from ipzone.indicators.explain import explain_indicator, explain_patent
from ipzone.policies import PaidItem, PolicyError, compute, explain_item, from_outcomes, samples
from ipzone.policies.render import outcome_json

D = dt.date
POLICIES = {p.name: p for p in samples()}
Q5_REWARDED = [PaidItem("application-reward", 2021, "patent", Q[5], Decimal("0.1"), E2, D(2022, 3, 1))]


def no(label: str) -> str:
    return (Q if label[0] == "Q" else P)[int(label[1:])]


@pytest.fixture(scope="module")
def eng() -> Engine:
    return Engine(policy_dataset(), refs=references())


def amounts(out) -> dict:
    return {e.uscc: ({i.id: float(i.amount) for i in e.items}, float(e.amount)) for e in out.entitlements}


def rules_of(out) -> dict:
    return {x.id: x.rule for x in out.excluded}


# --- the samples as files ------------------------------------------------------------------


def test_samples_are_marked_and_the_application_reward_is_stopped():
    assert sorted(POLICIES) == ["application-reward", "hv-grant-reward", "pledge-guarantee-subsidy", "pledge-insurance-subsidy", "pledge-interest-subsidy"]
    assert all(p.sample and p.version == 1 for p in POLICIES.values())
    stopped = POLICIES["application-reward"]
    assert not stopped.enabled
    assert stopped.stopped == "晋综示发〔2022〕26号 任务1：全面取消对专利、商标申请阶段的奖励补助"


def test_a_stopped_policy_computes_nothing_and_says_why(eng):
    out = compute(eng, POLICIES["application-reward"], 2021)
    assert not out.applies and out.entitlements == [] and out.excluded == []
    assert out.reason[0] == "政策已停用（enabled = false）：晋综示发〔2022〕26号 任务1：全面取消对专利、商标申请阶段的奖励补助"
    data = outcome_json(out)
    assert (data["policy"], data["version"], data["year"], data["entitlements"], data["excluded"], data["applies"]) == ("application-reward", 1, 2021, [], [], False)


def test_a_policy_outside_its_valid_period_does_not_apply(eng):
    out = compute(eng, POLICIES["hv-grant-reward"], 2022)
    assert not out.applies
    assert out.reason[0] == "政策有效期（2023-01-01 至 2025-12-31）不含 2022 年"


def test_a_year_the_data_does_not_reach_is_not_computed_as_nobody_entitled(eng):
    # the fixture's latest grant is 2024-02-01 and its latest pledge 2024-03-01
    out = compute(eng, POLICIES["hv-grant-reward"], 2025)
    assert not out.applies and out.entitlements == [] and out.excluded == []
    assert out.reason == ("patents（专利）表的「授权公告日」最晚的记录在 2024 年，没有 2025 年的记录（数据未覆盖 2025 年）",
                          "grant_date in the patents (专利) table ends in 2024: no record of 2025 (the data does not cover 2025)")
    out = compute(eng, POLICIES["pledge-interest-subsidy"], 2025)
    assert not out.applies and out.reason[0] == "pledges（质押登记）表的「登记日期」最晚的记录在 2024 年，没有 2025 年的记录（数据未覆盖 2025 年）"
    assert compute(eng, POLICIES["hv-grant-reward"], 2024).applies  # the latest record's year is covered


# --- hv-grant-reward ---------------------------------------------------------------------------


def test_hv_grant_reward_2023(eng):
    out = compute(eng, POLICIES["hv-grant-reward"], 2023, paid=Q5_REWARDED)
    assert amounts(out) == {u: ({no(k): 1.0 for k in ids}, total) for u, (ids, total) in HV_2023.items()}
    assert rules_of(out) == {no(k): rule for k, rule in HV_2023_EXCLUDED.items()}
    assert out.total == Decimal("3") and out.budget == Decimal("200")
    reasons = {x.id: x.zh for x in out.excluded}
    assert reasons[Q[5]] == "已于 2021 年度按政策 application-reward 奖补 0.1 万元（同一专利只奖补一次：所有政策、所有年度）"
    assert reasons[Q[6]].startswith("暂缓：截至 2023-12-31 为侵权成立且未结案的保护案件被诉方：C8（行政裁决，受理于 2023-06-01）")
    assert reasons[Q[3]] == "2023 年末不计入高价值发明专利：五项条件均不满足"
    assert reasons[Q[9]] == "2023 年末不计入高价值发明专利：年末不在有效期内"
    assert reasons[Q[4]] == "第一权利人 外区公司 不在区内（按创新主体表的「区内」）；2023 年末不计入高价值发明专利：不属于园区（按所选计数规则）"
    assert reasons[Q[7]] == "第一权利人 张三 是自然人，不是企业"
    assert reasons[Q[8]] == "第一权利人 丙大学 的主体类型为高校，不是企业"
    assert Q[2] not in out.trace and Q[12] not in out.trace  # granted in 2024 / 2022: not in 2023's scope


def test_without_a_payment_record_nothing_is_excluded_as_paid_and_the_output_says_so(eng):
    out = compute(eng, POLICIES["hv-grant-reward"], 2023)
    assert amounts(out)[E2] == ({Q[5]: 1.0, Q[10]: 1.0}, 2.0)
    assert ("未提供已支付记录（--payments）：未按以往支付排除，上限和预算未扣除已支付金额" in [n[0] for n in out.notes])


def test_a_grant_of_next_year_is_entitled_next_year(eng):
    out = compute(eng, POLICIES["hv-grant-reward"], 2024, paid=Q5_REWARDED)
    assert amounts(out) == {E1: ({P[11]: 1.0, Q[2]: 1.0}, 2.0)}  # P11 granted 2024-01-05, Q2 2024-02-01


def test_a_patent_rewarded_in_2023_is_not_rewarded_again_in_2024(eng):
    paid = [PaidItem("hv-grant-reward", 2023, "patent", Q[1], Decimal(1), E1)]
    out = compute(eng, POLICIES["hv-grant-reward"], 2023, paid=paid)
    assert rules_of(out)[Q[1]] == "paid_before"
    assert amounts(out)[E1] == ({Q[11]: 1.0}, 1.0)


def test_cap_per_entity_year_takes_items_in_date_order(eng):
    policy = POLICIES["hv-grant-reward"].model_copy(update={"caps": POLICIES["hv-grant-reward"].caps.model_copy(update={"per_entity_year": Decimal("1.5")})})
    out = compute(eng, policy, 2023, paid=Q5_REWARDED)
    # E1: Q1 (05-01) 1, Q11 (09-01) cut to the 0.5 left
    assert amounts(out)[E1] == ({Q[1]: 1.0, Q[11]: 0.5}, 1.5)
    q11 = next(i for e in out.entitlements for i in e.items if i.id == Q[11])
    assert q11.steps[-1][0] == "每户每年上限 1.5 万元：余额 0.5 万元，核为 0.5 万元"
    policy = policy.model_copy(update={"caps": policy.caps.model_copy(update={"per_entity_year": Decimal(1)})})
    out = compute(eng, policy, 2023, paid=Q5_REWARDED)
    assert amounts(out)[E1] == ({Q[1]: 1.0}, 1.0)
    assert [(x.rule, x.zh) for x in out.excluded if x.id == Q[11]] == [("cap_entity_year", "已达每户每年上限 1 万元")]


def test_a_budget_shortfall_is_shared_pro_rata_rounded_down_to_one_yuan(eng):
    base = POLICIES["hv-grant-reward"]
    policy = base.model_copy(update={"caps": base.caps.model_copy(update={"budget": Decimal(2)})})
    out = compute(eng, policy, 2023, paid=Q5_REWARDED)
    # 3 items of 1 against a budget of 2: each × 2/3 = 0.66666… → 0.6666 (down to one yuan)
    assert amounts(out) == {E1: ({Q[1]: 0.6666, Q[11]: 0.6666}, 1.3332), E2: ({Q[10]: 0.6666}, 0.6666)}
    assert out.total <= Decimal(2)
    assert out.notes[-1][0] == "预算不足：应享合计 3 万元超过可用预算 2 万元（2023 年度预算 2 万元），每项按 0.666667 的比例核减，向下取整到 1 元"


def test_payments_of_the_year_reduce_the_budget_left(eng):
    base = POLICIES["hv-grant-reward"]
    policy = base.model_copy(update={"caps": base.caps.model_copy(update={"budget": {"2023": Decimal(3)}})})
    paid = Q5_REWARDED + [PaidItem("hv-grant-reward", 2023, "patent", Q[1], Decimal(1), E1)]
    out = compute(eng, policy, 2023, paid=paid)
    assert (out.budget, out.budget_available, out.total) == (Decimal(3), Decimal(2), Decimal(2))  # Q11 and Q10 fit


def test_an_item_dated_outside_the_valid_period_is_excluded(eng):
    policy = POLICIES["hv-grant-reward"].model_copy(update={"valid_from": D(2023, 6, 1)})
    out = compute(eng, policy, 2023, paid=Q5_REWARDED)
    assert rules_of(out)[Q[1]] == "validity"
    assert next(x.zh for x in out.excluded if x.id == Q[1]) == "日期 2023-05-01 不在政策有效期（2023-06-01 至 2025-12-31）内"


def test_holds_are_judged_on_the_as_of_date(eng):
    out = compute(eng, POLICIES["hv-grant-reward"], 2023, paid=Q5_REWARDED, as_of=D(2023, 5, 31))
    assert Q[6] in amounts(out)[E4][0]  # the case against E4 opened on 2023-06-01


def test_high_value_is_exactly_what_explain_patent_says(eng):
    """The policy's high_value condition and `ipzone explain --patent` on every 2023 and 2024 grant."""
    for year in (2023, 2024):
        for policy_year_item in compute(eng, POLICIES["hv-grant-reward"], year).trace.values():
            engine = explain_patent(eng, year, policy_year_item["id"])
            cond = next(c for c in policy_year_item["require"] if c["condition"] == "high_value")
            assert cond["met"] == engine["high_value"]["value"], policy_year_item["id"]


def test_the_policys_high_value_patents_are_the_indicators(eng):
    from ipzone.policies import facts

    rows = eng.fetch(facts.patents(facts.context(eng, 2023)))
    policy_hv = {r["application_no"] for r in rows if r["hv"]}
    indicator = explain_indicator(eng, 2023, "hv_invention_count")
    assert policy_hv == {r["application_no"] for r in indicator["records"]}
    assert len(policy_hv) == indicator["value"] == 12 + 8  # the engine fixture's 12 + Q1 Q5 Q6 Q7 Q8 Q10 Q11 Q12


# --- pledges ---------------------------------------------------------------------------------------


def test_pledge_interest_subsidy_2023(eng):
    out = compute(eng, POLICIES["pledge-interest-subsidy"], 2023)
    assert amounts(out) == INTEREST_2023
    assert rules_of(out) == INTEREST_2023_EXCLUDED
    assert out.total == Decimal("90")
    pl3 = next(i for i in out.entitlements[0].items if i.id == "PL3")
    assert [s[0] for s in pl3.steps] == ["质押金额 1500 万元 × 0.02 = 30 万元", "每户每年上限 50 万元：余额 10.02 万元，核为 10.02 万元"]
    pl8 = next(i for i in out.entitlements[1].items if i.id == "PL8")
    assert [s[0] for s in pl8.steps] == ["质押金额 2000 万元 × 0.02 = 40 万元", "每项上限 30 万元：核为 30 万元"]
    reasons = {x.id: x.zh for x in out.excluded}
    assert reasons["PL6"] == "出质人 外区公司 不在区内"
    assert reasons["PL12"] == "已达每户每年上限 50 万元"


def test_pledge_interest_with_this_years_payments(eng):
    paid = [PaidItem("pledge-interest-subsidy", 2023, "pledge", "PL2", Decimal(20), E1)]
    out = compute(eng, POLICIES["pledge-interest-subsidy"], 2023, paid=paid)
    assert rules_of(out)["PL2"] == "paid_before"
    # E1's cap: 50 − 20 paid = 30 left: PL1 19.98, PL3 cut to 10.02; PL12 cap reached
    assert amounts(out)[E1] == ({"PL1": 19.98, "PL3": 10.02}, 30.0)
    assert next(x.zh for x in out.excluded if x.id == "PL12") == "已达每户每年上限 50 万元（本年度已支付 20 万元）"
    assert out.budget_available == Decimal(480)


def test_the_interest_subsidys_pledges_are_the_indicators(eng):
    from ipzone.policies import facts

    rows = eng.fetch(facts.pledges(facts.context(eng, 2023)))
    ours = {r["registration_no"] for r in rows if r["registered_in_year"] and r["pledgor_in_zone"]}
    indicator = explain_indicator(eng, 2023, "pledge_count")
    assert ours == {r["registration_no"] for r in indicator["records"]}


def test_pledge_guarantee_subsidy_2023(eng):
    out = compute(eng, POLICIES["pledge-guarantee-subsidy"], 2023)
    assert amounts(out) == GUARANTEE_2023
    assert rules_of(out) == GUARANTEE_2023_EXCLUDED
    assert [(e.uscc, e.name) for e in out.entitlements] == [(G1, "晋泽融资担保有限公司"), (None, UNKNOWN_GUARANTOR)]
    pl10 = out.entitlements[1].items[0]
    assert pl10.steps[0][0] == "费用 = 质押金额 100 万元 × 费率 0.01 = 1 万元；补助 0.5 × 费用 = 0.5 万元"
    assert pl10.steps[-1][0].startswith("享受对象「某担保公司」不在创新主体表中")


def test_pledge_insurance_subsidy_2023(eng):
    out = compute(eng, POLICIES["pledge-insurance-subsidy"], 2023)
    assert amounts(out) == INSURANCE_2023
    assert rules_of(out) == INSURANCE_2023_EXCLUDED
    assert out.entitlements[1].name == UNKNOWN_INSURER
    assert out.entitlements[0].uscc == I1


# --- explain -------------------------------------------------------------------------------------


def test_explain_an_entitled_a_held_and_an_out_of_scope_item(eng):
    hv = POLICIES["hv-grant-reward"]
    ok = explain_item(eng, hv, 2023, Q[1], paid=Q5_REWARDED)
    assert ok["status"] == "entitled" and ok["conclusion"][0] == "享受 1 万元"
    assert ok["patent"]["high_value"]["why"] == "计入高价值发明专利：满足 战略性新兴产业、实现较高质押融资金额"  # PL12: 4000
    held = explain_item(eng, hv, 2023, Q[6].replace(".", ""), paid=Q5_REWARDED)  # the dot is optional
    assert held["status"] == "excluded" and held["hold"].rule == "infringement"
    later = explain_item(eng, hv, 2023, Q[2])
    assert later["status"] == "out_of_scope"
    assert later["conclusion"][0] == "不在本政策本年度的范围内：授权公告日 2024-02-01 不在 2023 年内"
    with pytest.raises(PolicyError) as e:
        explain_item(eng, POLICIES["pledge-interest-subsidy"], 2023, "PL99")
    assert e.value.zh == "数据集中没有编号为 PL99 的质押登记"


# --- the report's section ------------------------------------------------------------------------


def test_spending_section_from_the_command_lines_computations(eng):
    paid = Q5_REWARDED + [PaidItem("pledge-interest-subsidy", 2023, "pledge", "PL2", Decimal(20), E1)]
    outcomes = [compute(eng, p, 2023, paid=paid) for p in POLICIES.values()]
    section = from_outcomes(outcomes, paid, top=2)
    by = {p["policy"]: p for p in section["policies"]}
    assert "application-reward" not in by
    interest = by["pledge-interest-subsidy"]
    # entitled = what is still due (E1 30, E2 40) + what was paid for 2023 (E1 20)
    assert (interest["budget"], interest["entitled"], interest["committed"], interest["paid"], interest["beneficiaries"]) == (500.0, 90.0, 0.0, 20.0, 2)
    assert interest["top"] == [{"uscc": E1, "name": "甲公司", "amount": 50.0}, {"uscc": E2, "name": "乙公司", "amount": 40.0}]
    assert by["hv-grant-reward"]["entitled"] == 3.0
    assert section["totals"]["paid"] == 20.0
    assert section["totals"]["beneficiaries"] == 6  # E1, E2, G1, 某担保公司, I1, the unknown insurer
