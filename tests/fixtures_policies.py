"""The indicator fixture zone (fixtures_engine.py) plus the rows each sample policy's cases need.

Year under test: 2023. The indicator tests keep their own tables; these rows are added only
here. Every row says what it is for; the expected entitlements at the bottom are worked out by
hand from the sample policies as shipped (1 万元 per HV grant, cap 20 per entity a year; 2 %
interest, 30 per pledge, 50 per entity; guarantee 50 % of a 1 % fee, 10 per pledge; insurance
50 % of a 0.5 % fee, 5 per pledge).
"""

from __future__ import annotations

import datetime as dt

from fixtures_engine import E1, E2, E3, E4, P, X1, appno, uscc, zone_tables

from ipzone.dataset import Dataset

D = dt.date
G1 = uscc(7)  # 晋泽融资担保有限公司: a guarantor that is in the entities table
I1 = uscc(8)  # 晋安财产保险股份有限公司: an insurer in the entities table (out of the zone)
GUARANTOR = "晋泽融资担保有限公司"
INSURER = "晋安财产保险股份有限公司"
UNKNOWN_GUARANTOR = "某担保公司"  # named on a pledge, not in the entities table
UNKNOWN_INSURER = "华晋财产保险股份有限公司山西分公司"

# Q: patents of the policy cases, all inventions filed 2021-03-01 (application numbers 2021…).
Q = {i: appno(100 + i, year=2021) for i in range(1, 13)}
SEI = ["G06N 3/08"]  # the stand-in SEI table's subclass entry: high-value when in force and the zone's

_PATENTS = {
    1: dict(grant=D(2023, 5, 1), owners=[E1], note="HV grant of 2023, E1 → 1 万元"),
    2: dict(grant=D(2024, 2, 1), owners=[E1], note="granted next year: not in 2023's scope; entitled in 2024"),
    3: dict(grant=D(2023, 6, 1), owners=[E1], ipc=["F16H 1/00"], note="granted 2023, no criterion → not HV"),
    4: dict(grant=D(2023, 7, 1), owners=[X1, E2], note="first patentee out of the zone (E2 second) → excluded"),
    5: dict(grant=D(2023, 8, 1), owners=[E2], note="HV, but rewarded in 2021 under application-reward → paid once"),
    6: dict(grant=D(2023, 4, 1), owners=[E4], note="HV, E4 under an open case found infringing (C8) → held"),
    7: dict(grant=D(2023, 3, 1), owners=[("张三", True)], note="HV (natural person in the zone) but not an enterprise"),
    8: dict(grant=D(2023, 3, 2), owners=[E3], note="HV, first patentee a university → not an enterprise"),
    9: dict(grant=D(2023, 2, 1), owners=[E1], lapse=D(2023, 11, 1), note="lapsed 2023-11-01 → not in force at year end → not HV"),
    10: dict(grant=D(2023, 10, 1), owners=[E2], note="HV grant of 2023, E2 → 1 万元"),
    11: dict(grant=D(2023, 9, 1), owners=[E1], note="E1's second HV grant (later date): cut first by a cap of 1"),
    12: dict(grant=D(2022, 12, 31), owners=[E1], note="granted 2022-12-31: a 2022 grant, before the policy's valid period"),
}


def _patents() -> tuple[list[dict], list[dict]]:
    patents, owners = [], []
    names = {E1: "甲公司", E2: "乙公司", E3: "丙大学", E4: "丁公司", X1: "外区公司"}
    for i, spec in _PATENTS.items():
        no = Q[i]
        patents.append(
            {
                "application_no": no,
                "kind": "发明",
                "title": f"政策专利{i}",
                "filing_date": D(2021, 3, 1),
                "grant_date": spec["grant"],
                "ipc": spec.get("ipc", SEI),
                "lapse_date": spec.get("lapse"),
                "lapse_reason": "未缴年费" if spec.get("lapse") else None,
                "overseas_family_grants": 0,
            }
        )
        for pos, owner in enumerate(spec["owners"], start=1):
            if isinstance(owner, tuple):
                owners.append({"application_no": no, "position": pos, "name": owner[0], "uscc": None, "in_zone": owner[1]})
            else:
                owners.append({"application_no": no, "position": pos, "name": names[owner], "uscc": owner, "in_zone": owner != X1})
    return patents, owners


EXTRA_ENTITIES = [
    {"uscc": G1, "name": GUARANTOR, "kind": "其他", "industry_code": None, "in_zone": True},
    {"uscc": I1, "name": INSURER, "kind": "其他", "industry_code": None, "in_zone": False},
]

# Pledges of 2023 in the engine fixture: PL1 E1 999, PL2 E1 1000, PL3 E1 1500, PL5 E2 500 (trademark),
# PL6 X1 2000 (pledgor out); PL4 is 2024, PL7 2022.
EXTRA_PLEDGES = [
    {"registration_no": "PL8", "registered_on": D(2023, 7, 1), "pledgor_uscc": E2, "pledgee": "银行A", "amount": 2000.0,
     "guarantor": GUARANTOR, "insurer": UNKNOWN_INSURER, "application_nos": [Q[10]]},
    {"registration_no": "PL9", "registered_on": D(2023, 8, 1), "pledgor_uscc": X1, "pledgee": "银行B", "amount": 800.0,
     "guarantor": GUARANTOR, "application_nos": [Q[4]]},  # pledgor out of the zone
    {"registration_no": "PL10", "registered_on": D(2023, 9, 1), "pledgor_uscc": E4, "pledgee": "银行B", "amount": 100.0,
     "guarantor": UNKNOWN_GUARANTOR, "application_nos": [Q[6]]},  # E4 held; its guarantor is not
    {"registration_no": "PL11", "registered_on": D(2023, 10, 1), "pledgor_uscc": E3, "pledgee": "银行C", "amount": 300.0,
     "insurer": INSURER, "application_nos": [Q[8]]},  # a university: not an enterprise
    {"registration_no": "PL12", "registered_on": D(2023, 11, 1), "pledgor_uscc": E1, "pledgee": "银行A", "amount": 4000.0,
     "insurer": INSURER, "application_nos": [Q[1]]},  # E1's cap of 50 is used up by PL1–PL3
    {"registration_no": "PL13", "registered_on": D(2024, 1, 2), "pledgor_uscc": E2, "pledgee": "银行A", "amount": 600.0,
     "guarantor": GUARANTOR, "application_nos": [Q[10]]},  # next year
]

EXTRA_CASES = [
    # open, infringement established, against E4 → E4 held from 2023-06-01 until it closes
    {"case_no": "C8", "kind": "行政裁决", "right_kind": "专利", "opened_on": D(2023, 6, 1), "holder": "甲公司",
     "respondent": "丁公司", "respondent_uscc": E4, "outcome": "侵权成立"},
    # closed in 2023, infringement established, against E2 → closed: no hold
    {"case_no": "C9", "kind": "行政执法", "right_kind": "专利", "opened_on": D(2023, 1, 10), "closed_on": D(2023, 5, 1),
     "holder": "甲公司", "respondent": "乙公司", "respondent_uscc": E2, "outcome": "侵权成立"},
]


def policy_tables() -> dict[str, list[dict]]:
    tables = {k: list(v) for k, v in zone_tables().items()}
    patents, owners = _patents()
    tables["patents"] += patents
    tables["patent_owners"] += owners
    tables["entities"] += EXTRA_ENTITIES
    tables["pledges"] += EXTRA_PLEDGES
    tables["cases"] += EXTRA_CASES
    return tables


def policy_dataset() -> Dataset:
    return Dataset.from_tables(policy_tables())


# --- what 2023 must give, by hand ------------------------------------------------------------------

# hv-grant-reward: 2023 invention grants = P21 (12-31), P23, Q1 Q3 Q4 Q5 Q6 Q7 Q8 Q9 Q10 Q11.
#   Entitled: E1 Q1 + Q11 = 2; E2 Q10 = 1 → 3 万元 (budget 200, cap 20: not reached).
#   Excluded: P21, P23, Q3 (no criterion), Q9 (lapsed) → high_value; Q4 → first_patentee_in_zone;
#   Q7 (natural person), Q8 (university) → first_patentee_enterprise; Q5 → paid_before (with the
#   payments record); Q6 → hold:infringement. Q2 (2024) and Q12 (2022) are not in 2023's scope.
HV_2023 = {E1: (["Q1", "Q11"], 2.0), E2: (["Q10"], 1.0)}
HV_2023_EXCLUDED = {
    "P21": "high_value", "P23": "high_value", "Q3": "high_value", "Q9": "high_value",
    "Q4": "first_patentee_in_zone", "Q7": "first_patentee_enterprise", "Q8": "first_patentee_enterprise",
    "Q5": "paid_before", "Q6": "hold:infringement",
}

# pledge-interest-subsidy: 2 % of the amount, 30 per pledge, 50 per entity a year (date order).
#   E1: PL1 999 → 19.98; PL2 1000 → 20 (39.98); PL3 1500 → 30, cut to 10.02 (50); PL12 4000 → cap reached.
#   E2: PL5 500 → 10; PL8 2000 → 40, cut to 30 per pledge → 40 in all.
#   Excluded: PL6, PL9 (pledgor out), PL10 (E4 held), PL11 (university), PL12 (cap). Total 90.
INTEREST_2023 = {E1: ({"PL1": 19.98, "PL2": 20.0, "PL3": 10.02}, 50.0), E2: ({"PL5": 10.0, "PL8": 30.0}, 40.0)}
INTEREST_2023_EXCLUDED = {"PL6": "pledgor_in_zone", "PL9": "pledgor_in_zone", "PL10": "hold:infringement", "PL11": "pledgor_enterprise", "PL12": "cap_entity_year"}

# pledge-guarantee-subsidy: pledges of 2023 naming a guarantor: PL8, PL9, PL10.
#   PL8 2000 × 1 % × 50 % = 10 (per-pledge cap 10) → G1; PL10 100 × 1 % × 50 % = 0.5 → 某担保公司
#   (not in entities: no uscc; E4's hold is the pledgor's, not the guarantor's); PL9 pledgor out.
GUARANTEE_2023 = {G1: ({"PL8": 10.0}, 10.0), None: ({"PL10": 0.5}, 0.5)}
GUARANTEE_2023_EXCLUDED = {"PL9": "pledgor_in_zone"}

# pledge-insurance-subsidy: pledges of 2023 naming an insurer: PL8, PL11, PL12.
#   PL8 2000 × 0.5 % × 50 % = 5 → the unknown insurer; PL12 4000 × 0.5 % × 50 % = 10, cut to 5 → I1
#   (the insurer is out of the zone: the policy does not ask it to be in); PL11 pledgor a university.
INSURANCE_2023 = {I1: ({"PL12": 5.0}, 5.0), None: ({"PL8": 5.0}, 5.0)}
INSURANCE_2023_EXCLUDED = {"PL11": "pledgor_enterprise"}
