"""One small zone, computed by hand, shared by every indicator test (DuckDB and Spark alike).

The year under test is 2023 (D = 2023-12-31). Every row below says what it is for; the expected
values at the bottom are worked out from these rows in the comments beside them.

Entities: E1 甲 (in zone, 3911 = patent-intensive), E2 乙 (in zone, 2710), E3 丙大学 (in zone,
8341), E4 丁 (in zone, 3911), X1 外区公司 (out of zone, 3911), X2 外区研究所 (out of zone).
Natural persons: 张三 (in zone), 李四 (out of zone).
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from ipzone.codes import appno_check_digit, uscc_check_character
from ipzone.dataset import Dataset
from ipzone.indicators import RefTable

D = dt.date


def uscc(n: int) -> str:
    first17 = f"91140100MA0GR{n:04d}"
    return first17 + uscc_check_character(first17)


def appno(n: int, kind: str = "发明", year: int = 2019) -> str:
    digit = {"发明": "1", "实用新型": "2", "外观设计": "3"}[kind]
    digits = f"{year}{digit}{n:07d}"
    return f"{digits}.{appno_check_digit(digits)}"


E1, E2, E3, E4, X1, X2 = (uscc(i) for i in range(1, 7))
AG = {i: uscc(100 + i) for i in range(1, 7)}  # agencies AG1…AG6

# --- patents ----------------------------------------------------------------------------------
# Default: 发明, filed 2019-03-01, granted 2020-06-01, in force, sole owner E1, no other criterion.
P = {i: appno(i) for i in range(1, 28)}
P[12] = appno(12, "实用新型")
P[24] = appno(24, "外观设计")
P[7] = appno(7, year=2013)
P[8] = appno(8, year=2013)

_PATENTS = {
    1: dict(ipc=["G06N 3/08"], note="SEI via subclass entry G06N → HV"),
    2: dict(ipc=["H04L 9/32", "G06F 16/35"], note="SEI via main-group entry G06F 16/00 (second symbol) → HV"),
    3: dict(ipc=["A61K 31/415"], overseas_family_grants=2, note="SEI via subgroup entry itself + overseas → HV"),
    4: dict(ipc=["A61K 31/41", "A61P"], note="A61K 31/41 ≠ subgroup entry A61K 31/415 → not SEI, not HV"),
    5: dict(ipc=["B23K 26/00"], title="一种激光切割装置", note="keyword entry B23K, title has 激光 → HV"),
    6: dict(ipc=["B23K 37/02"], title="一种夹具", note="keyword entry B23K, no term in title/abstract → not HV"),
    7: dict(ipc=["F16H 1/00"], filing_date=D(2013, 12, 30), grant_date=D(2016, 5, 1), note="+10y = 2023-12-30 < D → maintained → HV"),
    8: dict(ipc=["F16H 1/00"], filing_date=D(2013, 12, 31), grant_date=D(2016, 5, 1), note="+10y = 2023-12-31, not before D → not HV"),
    9: dict(ipc=["G06N 5/00"], lapse_date=D(2023, 12, 31), lapse_reason="未缴年费", note="lapsed on 12-31: not in force at D"),
    10: dict(ipc=["G06N 5/00"], lapse_date=D(2024, 1, 1), lapse_reason="未缴年费", note="lapses 01-01 next year: in force at D → HV"),
    11: dict(ipc=["G06N 20/00"], grant_date=D(2024, 1, 5), note="granted next year: not in force at D; a 2024 grant"),
    12: dict(ipc=["G06N 3/04"], note="utility model with an SEI IPC: not an invention, never HV"),
    13: dict(ipc=["G06N 3/02"], owners=[X1, E2], note="first patentee out, second in: first ✗, whole ✓, fractional 1/2"),
    14: dict(ipc=["G06N 7/00"], owners=[("张三", True)], note="natural person in zone → zone patent, HV"),
    15: dict(ipc=["G06N 7/00"], owners=[("李四", False), E1], note="natural person out first, E1 second: first ✗, whole ✓, fractional 1/2"),
    16: dict(ipc=None, note="no IPC; pledge 999 < 1000 → not HV"),
    17: dict(ipc=["C08L 1/00"], note="pledge exactly 1000 → HV"),
    18: dict(ipc=["C08L 1/00"], note="pledge 1500 → HV"),
    19: dict(ipc=["C08L 1/00"], note="pledge 5000 registered 2024-03-01 → not HV at 2023, HV at 2024"),
    20: dict(ipc=["C08L 1/00"], note="中国专利奖 2022 → HV"),
    21: dict(ipc=["C08L 1/00"], grant_date=D(2023, 12, 31), note="山西省专利奖 only → not HV; granted on 12-31 → a 2023 grant"),
    22: dict(ipc=["C08L 1/00"], note="国家科学技术进步奖 2024 → not HV at 2023"),
    23: dict(ipc=["C08L 1/00"], grant_date=D(2023, 3, 1), note="granted 2023, no criterion"),
    24: dict(ipc=None, grant_date=D(2023, 5, 1), note="design granted 2023: not an invention"),
    25: dict(ipc=["G06N 3/08"], owners=[E1, X1, E2], note="3 owners, 2 in zone: first ✓, whole ✓, fractional 2/3"),
    26: dict(ipc=["G06N 3/08"], owners=[(X1, True)], note="organisation out of zone though its owner row says 区内=是: never zone"),
    27: dict(ipc=["B23K 9/00"], title="一种装置", abstract="采用焊接机器人完成", note="keyword 焊接机器人 in the abstract → HV"),
}


def _patent_rows() -> tuple[list[dict], list[dict]]:
    patents, owners = [], []
    for i, spec in _PATENTS.items():
        no = P[i]
        kind = "实用新型" if i == 12 else "外观设计" if i == 24 else "发明"
        patents.append(
            {
                "application_no": no,
                "kind": kind,
                "title": spec.get("title", f"专利{i}"),
                "abstract": spec.get("abstract"),
                "filing_date": spec.get("filing_date", D(2019, 3, 1)),
                "grant_date": spec.get("grant_date", D(2020, 6, 1)),
                "ipc": spec.get("ipc"),
                "lapse_date": spec.get("lapse_date"),
                "lapse_reason": spec.get("lapse_reason"),
                "overseas_family_grants": spec.get("overseas_family_grants", 0),
            }
        )
        for pos, owner in enumerate(spec.get("owners", [E1]), start=1):
            if isinstance(owner, tuple) and owner[0] in (X1,):  # an organisation row with a stray 区内 flag
                owners.append({"application_no": no, "position": pos, "name": "外区公司", "uscc": owner[0], "in_zone": owner[1]})
            elif isinstance(owner, tuple):  # natural person
                owners.append({"application_no": no, "position": pos, "name": owner[0], "uscc": None, "in_zone": owner[1]})
            else:
                owners.append({"application_no": no, "position": pos, "name": NAMES[owner], "uscc": owner, "in_zone": owner not in (X1, X2)})
    return patents, owners


NAMES = {E1: "甲公司", E2: "乙公司", E3: "丙大学", E4: "丁公司", X1: "外区公司", X2: "外区研究所"}

ENTITIES = [
    {"uscc": E1, "name": "甲公司", "kind": "企业", "industry_code": "3911", "in_zone": True},
    {"uscc": E2, "name": "乙公司", "kind": "企业", "industry_code": "2710", "in_zone": True},
    {"uscc": E3, "name": "丙大学", "kind": "高校", "industry_code": "8341", "in_zone": True},
    {"uscc": E4, "name": "丁公司", "kind": "企业", "industry_code": "3911", "in_zone": True},
    {"uscc": X1, "name": "外区公司", "kind": "企业", "industry_code": "3911", "in_zone": False},
    {"uscc": X2, "name": "外区研究所", "kind": "科研院所", "industry_code": None, "in_zone": False},
]

ZONE_YEAR = [
    # 2021: rd/gdp = 41600/1600000 = 2.6 %; ip_budget/budget = 180/180000 = 0.1 %
    {"year": 2021, "population": 18000, "gdp": 1_600_000.0, "rd_expenditure": 41_600.0, "budget_expenditure": 180_000.0, "ip_budget": 180.0, "ip_staff": 3},
    # 2022: 2.7 %; 247/190000 = 0.13 %
    {"year": 2022, "population": 19000, "gdp": 1_800_000.0, "rd_expenditure": 48_600.0, "budget_expenditure": 190_000.0, "ip_budget": 247.0, "ip_staff": 4},
    # 2023: 60000/2000000 = 3.0 %; 300/200000 = 0.15 % (exactly the 2023 line target)
    {"year": 2023, "population": 20000, "gdp": 2_000_000.0, "rd_expenditure": 60_000.0, "budget_expenditure": 200_000.0, "ip_budget": 300.0, "ip_staff": 6},
    # 2024: population 0 and GDP empty — zero / missing denominators
    {"year": 2024, "population": 0, "gdp": None, "rd_expenditure": 0.0, "budget_expenditure": 0.0, "ip_budget": 10.0, "ip_staff": None},
    # 2025: no row at all
]

ENTITY_YEAR = [
    {"uscc": E1, "year": 2023, "value_added": 500_000.0},  # 3911 ✓
    {"uscc": E2, "year": 2023, "value_added": 300_000.0},  # 2710 ✗
    {"uscc": E4, "year": 2023, "value_added": 100_000.0},  # 3911 ✓
    {"uscc": X1, "year": 2023, "value_added": 900_000.0},  # out of zone ✗
    {"uscc": E3, "year": 2023, "value_added": None},  # 8341 ✗, empty
    {"uscc": E1, "year": 2022, "value_added": 400_000.0},
]

QUALIFICATIONS = [
    {"uscc": E1, "kind": "高新技术企业", "certificate_no": "GR1", "valid_from": D(2021, 11, 1), "valid_to": D(2024, 10, 31)},  # ✓
    {"uscc": E1, "kind": "高新技术企业", "certificate_no": "GR1b", "valid_from": D(2023, 1, 1), "valid_to": None},  # ✓ same E1: counted once
    {"uscc": E1, "kind": "高新技术企业", "certificate_no": "GR0", "valid_from": D(2018, 11, 1), "valid_to": D(2021, 10, 31)},  # expired
    {"uscc": E2, "kind": "高新技术企业", "certificate_no": "GR2", "valid_from": D(2020, 12, 1), "valid_to": D(2023, 12, 31)},  # ends 12-31 ✓
    {"uscc": E3, "kind": "高新技术企业", "certificate_no": "GR3", "valid_from": D(2023, 12, 31), "valid_to": D(2026, 12, 30)},  # starts 12-31 ✓
    {"uscc": E4, "kind": "高新技术企业", "certificate_no": "GR4", "valid_from": D(2020, 12, 30), "valid_to": D(2023, 12, 30)},  # ended 12-30 ✗
    {"uscc": X1, "kind": "高新技术企业", "certificate_no": "GR5", "valid_from": D(2020, 1, 1), "valid_to": None},  # out of zone ✗
    {"uscc": E1, "kind": "国家知识产权示范企业", "certificate_no": "S1", "valid_from": D(2022, 1, 1), "valid_to": D(2024, 12, 31)},  # 3
    {"uscc": E2, "kind": "国家知识产权优势企业", "certificate_no": "S2", "valid_from": D(2022, 1, 1), "valid_to": None},  # 2
    {"uscc": E3, "kind": "省级知识产权示范企业", "certificate_no": "S3", "valid_from": D(2021, 1, 1), "valid_to": D(2023, 12, 31)},  # 2
    {"uscc": E4, "kind": "知识产权贯标认证", "certificate_no": "S4", "valid_from": D(2023, 6, 1), "valid_to": D(2026, 5, 31)},  # 1
    {"uscc": E1, "kind": "省级知识产权优势企业", "certificate_no": "S5", "valid_from": D(2020, 7, 1), "valid_to": D(2023, 6, 30)},  # expired
    {"uscc": X1, "kind": "国家知识产权示范企业", "certificate_no": "S6", "valid_from": D(2022, 1, 1), "valid_to": None},  # out of zone
]

PLEDGES = [
    {"registration_no": "PL1", "registered_on": D(2023, 3, 1), "pledgor_uscc": E1, "pledgee": "银行A", "amount": 999.0, "application_nos": [P[16]]},
    {"registration_no": "PL2", "registered_on": D(2023, 4, 1), "pledgor_uscc": E1, "pledgee": "银行A", "amount": 1000.0, "application_nos": [P[17]]},
    {"registration_no": "PL3", "registered_on": D(2023, 6, 1), "pledgor_uscc": E1, "pledgee": "银行B", "amount": 1500.0, "application_nos": [P[18]]},
    {"registration_no": "PL4", "registered_on": D(2024, 3, 1), "pledgor_uscc": E1, "pledgee": "银行B", "amount": 5000.0, "application_nos": [P[19]]},
    {"registration_no": "PL5", "registered_on": D(2023, 12, 31), "pledgor_uscc": E2, "pledgee": "银行C", "amount": 500.0, "application_nos": None, "trademark_nos": ["TM1"]},
    {"registration_no": "PL6", "registered_on": D(2023, 5, 1), "pledgor_uscc": X1, "pledgee": "银行C", "amount": 2000.0, "application_nos": [P[13]]},
    {"registration_no": "PL7", "registered_on": D(2022, 12, 31), "pledgor_uscc": E1, "pledgee": "银行A", "amount": 300.0, "application_nos": [P[23]]},
]

AWARDS = [
    {"award": "中国专利奖", "grade": "优秀奖", "year": 2022, "uscc": E1, "application_no": P[20]},
    {"award": "山西省专利奖", "grade": "一等奖", "year": 2023, "uscc": E1, "application_no": P[21]},
    {"award": "国家科学技术进步奖", "grade": "二等奖", "year": 2024, "uscc": E1, "application_no": P[22]},
    {"award": "中国专利奖", "grade": "银奖", "year": 2023, "uscc": E2, "application_no": None},
    {"award": "中国专利奖", "grade": "金奖", "year": 2023, "uscc": X1, "application_no": P[26]},
]

AGENCIES = [
    {"uscc": AG[1], "name": "代理所1", "services": ["代理"], "joined_on": D(2019, 5, 1)},  # ✓
    {"uscc": AG[2], "name": "代理所2", "services": ["代理"], "joined_on": D(2020, 1, 1), "left_on": D(2023, 12, 31)},  # left on D ✗
    {"uscc": AG[3], "name": "律所3", "services": ["法律"], "joined_on": D(2022, 3, 1)},  # ✓ new
    {"uscc": AG[4], "name": "运营4", "services": ["运营", "咨询"], "joined_on": D(2023, 12, 31)},  # joined on D ✓ new
    {"uscc": AG[5], "name": "信息5", "services": ["信息"], "joined_on": D(2024, 1, 1)},  # ✗
    {"uscc": AG[6], "name": "培训6", "services": ["培训"], "joined_on": D(2021, 6, 1), "left_on": D(2024, 1, 1)},  # ✓
]

PCT = [
    {"pct_no": "PCT/CN2023/000001", "filing_date": D(2023, 12, 31), "uscc": E1},  # ✓ filed on 12-31
    {"pct_no": "PCT/CN2024/000002", "filing_date": D(2024, 1, 1), "uscc": E1},  # 2024
    {"pct_no": "PCT/CN2023/000003", "filing_date": D(2023, 5, 1), "uscc": X1},  # out of zone
    {"pct_no": "PCT/CN2023/000004", "filing_date": D(2023, 7, 1), "uscc": E3},  # ✓
]

TRADEMARKS = [
    {"registration_no": "TM1", "name": "甲", "owner_uscc": E1, "kind": "普通商标", "registered_on": D(2015, 1, 1), "expires_on": D(2025, 1, 1), "well_known_on": D(2020, 5, 1)},  # well-known ✓
    {"registration_no": "TM2", "name": "乙", "owner_uscc": E2, "kind": "普通商标", "registered_on": D(2016, 1, 1), "expires_on": D(2026, 1, 1), "well_known_on": D(2024, 2, 1)},  # later ✗
    {"registration_no": "TM3", "name": "集1", "owner_uscc": E1, "kind": "集体商标", "registered_on": D(2014, 1, 1), "expires_on": D(2023, 12, 31)},  # last day = D ✓
    {"registration_no": "TM4", "name": "集2", "owner_uscc": E2, "kind": "集体商标", "registered_on": D(2013, 6, 1), "expires_on": D(2023, 6, 30)},  # expired in Y ✗
    {"registration_no": "TM5", "name": "证1", "owner_uscc": E3, "kind": "证明商标", "registered_on": D(2020, 1, 1), "expires_on": D(2030, 1, 1)},  # ✓
    {"registration_no": "TM6", "name": "证2", "owner_uscc": X1, "kind": "证明商标", "registered_on": D(2020, 1, 1), "expires_on": D(2030, 1, 1)},  # out ✗
    {"registration_no": "TM7", "name": "集3", "owner_uscc": E1, "kind": "集体商标", "registered_on": D(2024, 1, 10), "expires_on": D(2034, 1, 9)},  # later ✗
]

GEO_PRODUCTS = [
    {"name": "清徐老陈醋", "kind": "地理标志保护产品", "approved_on": D(2015, 1, 1)},
    {"name": "晋祠大米", "kind": "地理标志证明商标", "approved_on": D(2023, 12, 31)},
    {"name": "某地小米", "kind": "地理标志集体商标", "approved_on": D(2024, 2, 1)},
]
GEO_OUTPUT = [
    {"name": "清徐老陈醋", "year": 2023, "output": 12_000.0},
    {"name": "晋祠大米", "year": 2023, "output": 3_000.0},
    {"name": "清徐老陈醋", "year": 2022, "output": 10_000.0},
]

TRANSACTIONS = [
    {"record_no": "T1", "kind": "许可", "application_no": P[1], "dated": D(2023, 2, 1), "from_name": "甲公司", "from_uscc": E1, "to_name": "外区研究所", "to_uscc": X2, "amount": 50.0},
    {"record_no": "T2", "kind": "许可", "application_no": P[13], "dated": D(2023, 8, 1), "from_name": "外区公司", "from_uscc": X1, "to_name": "外区研究所", "to_uscc": X2, "amount": 30.0},
    {"record_no": "T3", "kind": "转让", "application_no": P[26], "dated": D(2023, 9, 1), "from_name": "外区公司", "from_uscc": X1, "to_name": "乙公司", "to_uscc": E2, "amount": 100.0},
    {"record_no": "T4", "kind": "许可", "application_no": P[2], "dated": D(2024, 1, 1), "from_name": "甲公司", "from_uscc": E1, "to_name": "外区研究所", "to_uscc": X2, "amount": 70.0},
    {"record_no": "T5", "kind": "转让", "application_no": P[4], "dated": D(2023, 12, 31), "from_name": "甲公司", "from_uscc": E1, "to_name": "某人", "to_uscc": None, "amount": None},
]

TALENTS = [
    {"person_id": "TL1", "name": "王", "employer_uscc": E1, "patent_attorney": True, "title": "高级", "joined_on": D(2020, 1, 1)},
    {"person_id": "TL2", "name": "赵", "employer_uscc": AG[1], "patent_attorney": True, "title": "中级", "joined_on": D(2022, 1, 1), "left_on": D(2023, 12, 31)},
    {"person_id": "TL3", "name": "钱", "employer_uscc": AG[3], "patent_attorney": True, "title": "初级", "joined_on": D(2023, 5, 1)},
    {"person_id": "TL4", "name": "孙", "employer_uscc": E2, "patent_attorney": False, "title": "无", "joined_on": D(2021, 1, 1)},
    {"person_id": "TL5", "name": "周", "employer_uscc": E3, "patent_attorney": False, "title": "中级", "joined_on": D(2024, 1, 2)},
]

EVENTS = [
    {"held_on": D(2023, 4, 26), "name": "世界知识产权日宣传", "kind": "宣传", "theme": "世界知识产权日", "participants": 200},
    {"held_on": D(2023, 6, 10), "name": "专利代理培训", "kind": "培训", "participants": None},
    {"held_on": D(2023, 12, 31), "name": "年末培训", "kind": "培训", "participants": 50},
    {"held_on": D(2024, 1, 1), "name": "新年宣传", "kind": "宣传", "participants": 100},
]

CASES = [
    {"case_no": "C1", "kind": "行政执法", "right_kind": "专利", "opened_on": D(2023, 3, 1), "closed_on": D(2023, 9, 1), "holder": "甲公司", "respondent": "外区公司", "respondent_uscc": X1, "outcome": "侵权成立", "typical": True},
    {"case_no": "C2", "kind": "纠纷调解", "right_kind": "商标", "opened_on": D(2022, 11, 1), "closed_on": D(2023, 2, 1), "holder": "乙公司", "respondent": "某店", "outcome": "调解成功"},
    {"case_no": "C3", "kind": "行政裁决", "right_kind": "专利", "opened_on": D(2023, 10, 1), "holder": "甲公司", "respondent": "某厂"},
    {"case_no": "C4", "kind": "司法", "right_kind": "专利", "opened_on": D(2021, 1, 1), "closed_on": D(2021, 6, 1), "holder": "甲公司", "respondent": "外区公司（原名）", "respondent_uscc": X1, "outcome": "侵权成立"},
    {"case_no": "C5", "kind": "行政执法", "right_kind": "商标", "opened_on": D(2020, 1, 1), "closed_on": D(2020, 12, 31), "holder": "乙公司", "respondent": "某商行", "outcome": "侵权成立"},
    {"case_no": "C6", "kind": "行政执法", "right_kind": "商标", "opened_on": D(2023, 1, 5), "closed_on": D(2023, 3, 1), "holder": "乙公司", "respondent": "某商行", "outcome": "侵权成立"},
    {"case_no": "C7", "kind": "行政执法", "right_kind": "专利", "opened_on": D(2023, 2, 1), "closed_on": D(2023, 12, 31), "holder": "甲公司", "respondent": "丁商店", "outcome": "侵权成立"},
]

SURVEYS = [
    {"response_id": "S1", "year": 2023, "score": 80.0},
    {"response_id": "S2", "year": 2023, "score": 90.0},
    {"response_id": "S3", "year": 2023, "score": 85.0},
    {"response_id": "S4", "year": 2022, "score": 82.0},
    {"response_id": "S5", "year": 2021, "score": 80.0},
]


def zone_tables() -> dict[str, list[dict]]:
    patents, owners = _patent_rows()
    return {
        "zone_year": ZONE_YEAR,
        "entities": ENTITIES,
        "entity_year": ENTITY_YEAR,
        "qualifications": QUALIFICATIONS,
        "patents": patents,
        "patent_owners": owners,
        "pct_filings": PCT,
        "pledges": PLEDGES,
        "transactions": TRANSACTIONS,
        "trademarks": TRADEMARKS,
        "geo_products": GEO_PRODUCTS,
        "geo_output": GEO_OUTPUT,
        "awards": AWARDS,
        "agencies": AGENCIES,
        "talents": TALENTS,
        "cases": CASES,
        "surveys": SURVEYS,
        "events": EVENTS,
    }


def zone_dataset(**replace: list[dict]) -> Dataset:
    """The fixture zone; keyword arguments replace (or, with None, drop) whole tables."""
    tables = zone_tables()
    for stem, rows in replace.items():
        if rows is None:
            tables.pop(stem)
        else:
            tables[stem] = rows
    return Dataset.from_tables(tables)


# --- stand-in reference tables ---------------------------------------------------------------------

SEI_ROWS = [
    {"sei_code": "1.5", "sei_name": "人工智能", "ipc": "G06N", "keywords": "", "keyword_required": "否"},  # subclass entry
    {"sei_code": "1.3", "sei_name": "新兴软件和新型信息技术服务", "ipc": "G06F 16/00", "keywords": "", "keyword_required": "否"},  # main group
    {"sei_code": "4.1", "sei_name": "生物药品制品制造", "ipc": "A61K 31/415", "keywords": "", "keyword_required": "否"},  # subgroup
    {"sei_code": "2.1", "sei_name": "智能制造装备产业", "ipc": "B23K", "keywords": "激光;焊接机器人", "keyword_required": "是"},  # keyword entry
]
PI_ROWS = [{"industry_code": "3911"}, {"industry_code": "3912"}]


def references() -> dict[str, RefTable]:
    def strings(rows):
        return pa.Table.from_pylist(rows, schema=pa.schema([(k, pa.string()) for k in rows[0]]))

    return {
        "sei": RefTable("sei", "sei_test", "测试版 2021", "complete", "tests/fixtures_engine.py", strings(SEI_ROWS)),
        "patent_intensive": RefTable("patent_intensive", "pi_test", "测试版 2019", "partial", "tests/fixtures_engine.py", strings(PI_ROWS)),
    }


# --- what 2023 must give, by hand -------------------------------------------------------------------
# Zone inventions in force at D under first counting (20): P1–P8, P10, P14, P16–P23, P25, P27
#   (P9 lapsed on 12-31, P11 granted 2024, P12 utility model, P24 design; P13, P15, P26 not zone).
# High-value (12): sei P1 P2 P3 P5 P10 P14 P25 P27 (8); overseas P3 (1); maintained P7 (1);
#   pledge P17 P18 (2); award P20 (1). Not: P4 P6 P8 P16 P19 P21 P22 P23.
EXPECTED_2023 = {
    "hv_invention_per_10k": 6.0,  # 12 ÷ (20000 ÷ 10000)
    "patent_intensive_va": 60.0,  # (E1 500000 + E4 100000) ÷ 10000
    "ip_pledge_amount": 0.3999,  # (999 + 1000 + 1500 + 500) ÷ 10000; PL4 is 2024, PL6 pledgor out, PL7 2022
    "protection_satisfaction": 85.0,  # (80 + 90 + 85) ÷ 3
    "rd_gdp_ratio": 3.0,  # 60000 ÷ 2000000 × 100
    "hitech_enterprises": 3,  # E1 (two certificates, once), E2 (ends 12-31), E3 (starts 12-31); not E4, X1
    "ip_budget_share": 0.15,  # 300 ÷ 200000 × 100
    "ip_service_agencies": 4,  # AG1, AG3, AG4 (joined on D), AG6 (leaves 2024-01-01); not AG2 (left on D), AG5
    "hv_invention_count": 12,
    "invention_in_force": 20,
    "hv_criteria_sei": 8,
    "hv_criteria_overseas": 1,
    "hv_criteria_maintained": 1,
    "hv_criteria_pledge": 2,
    "hv_criteria_award": 1,
    "pct_filings": 2,  # PCT/CN2023/000001 (12-31, E1), /000004 (E3)
    "invention_grants": 2,  # P21 (2023-12-31), P23 (2023-03-01); P11 is 2024, P24 a design
    "innovation_efficiency": 2 / 600,  # 2 ÷ (60000 ÷ 100)
    "enterprise_ip_index": 8,  # 3×1 (E1 国家示范) + 2×(1 E2 国家优势 + 1 E3 省级示范) + 1×(1 E4 贯标 + 0)
    "patent_awards": 2,  # 山西省专利奖 一等奖 (E1), 中国专利奖 银奖 (E2); X1's is out of zone
    "well_known_marks": 1,  # TM1
    "collective_marks": 1,  # TM3 (expires on D); TM4 expired 06-30, TM7 registered 2024
    "certification_marks": 1,  # TM5; TM6 out of zone
    "geo_products": 2,  # 清徐老陈醋, 晋祠大米 (approved on D)
    "geo_output": 1.5,  # (12000 + 3000) ÷ 10000
    "patent_intensive_va_share": 30.0,  # 600000 ÷ 2000000 × 100
    "pledge_count": 4,  # PL1 PL2 PL3 PL5
    "license_count": 1,  # T1 (zone patent P1); T2 is on P13 (first patentee out) between two outsiders; T4 is 2024
    "license_amount": 50.0,
    "transfer_count": 2,  # T3 (to E2, zone party), T5 (zone patent P4, on 12-31)
    "transfer_amount": 100.0,  # T5's amount undisclosed
    "ip_staff": 6,
    "patent_attorneys": 2,  # TL1, TL3; TL2 left on D
    "senior_title_share": 100 / 3,  # TL1 高级 of TL1, TL3, TL4
    "new_agencies": 2,  # AG3, AG4
    "events": 3,
    "event_participants": 250,  # 200 + (empty) + 50
    "cases_opened": 4,  # C1 C3 C6 C7
    "cases_closed": 4,  # C1 C2 C6 C7
    "typical_cases": 1,  # C1
    "repeat_infringers": 1,  # X1: C1 (2023) + C4 (2021); 某商行: C5 (2020, outside 2021–2023) + C6 → once
}

# Whole counting adds P13 (X1 first, E2 second) and P15 (李四 first, E1 second), both SEI.
EXPECTED_2023_WHOLE = {
    "hv_invention_count": 14,
    "hv_invention_per_10k": 7.0,
    "invention_in_force": 22,
    "hv_criteria_sei": 10,
    "hv_criteria_pledge": 3,  # + P13 (PL6, 2000, pledgor out of zone but the patent is the zone's)
    "license_count": 2,  # + T2 on P13
    "license_amount": 80.0,
}

# Fractional: P25 counts 2/3 (E1, X1, E2), P13 1/2, P15 1/2; every other zone patent 1.
EXPECTED_2023_FRACTIONAL = {
    "hv_invention_count": 11 + 2 / 3 + 0.5 + 0.5,
    "hv_invention_per_10k": (11 + 2 / 3 + 1) / 2,
    "invention_in_force": 19 + 2 / 3 + 1,
    "hv_criteria_sei": 7 + 2 / 3 + 1,
    "hv_criteria_pledge": 2.5,
    "invention_grants": 2,
    "license_count": 2,  # a transaction counts once when it involves a zone patent (share > 0)
}
