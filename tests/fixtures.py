"""One small, hand-made, valid zone dataset, and writers that lay it out as users do.

Tests start from ``valid_tables()`` and break one cell to prove one rule. Row numbers in
expected messages follow the layout: header = row 1, so the first record is row 2.
"""

from __future__ import annotations

import copy
import csv
from pathlib import Path

from ipzone import contract

# Valid 统一社会信用代码 (check characters computed by python-stdnum).
CO_A = "91140100MA0GRY4T4L"  # in-zone enterprise
CO_B = "91140100MA0H12345R"  # in-zone enterprise
UNI = "12140000405601234X"  # in-zone university
OUT = "91110108MA01AB2CDR"  # out-of-zone enterprise
AGENCY = "91140100MA0KX0Q1AW"  # an agency

INV = "202110123456.7"  # invention, filed 2021
UM = "202120123457.7"  # utility model, filed 2021
DESIGN = "202130123458.7"  # design, filed 2021
OLD = "201310123450.5"  # invention, filed 2013

VALID: dict[str, list[dict[str, str]]] = {
    "zone_year": [
        {"year": "2021", "population": "300000", "gdp": "5000000", "rd_expenditure": "130000",
         "budget_expenditure": "800000", "ip_budget": "800", "ip_staff": "5"},
    ],
    "entities": [
        {"uscc": CO_A, "name": "山西晋创新材料科技有限公司", "kind": "企业", "industry_code": "3985", "founded": "2010-03-01", "in_zone": "是"},
        {"uscc": CO_B, "name": "示范区智能装备有限公司", "kind": "企业", "industry_code": "3491", "founded": "2015-06-18", "in_zone": "是"},
        {"uscc": UNI, "name": "示范区理工学院", "kind": "高校", "industry_code": "", "founded": "", "in_zone": "是"},
        {"uscc": OUT, "name": "北京某某科技有限公司", "kind": "企业", "industry_code": "6513", "founded": "", "in_zone": "否"},
    ],
    "entity_year": [
        {"uscc": CO_A, "year": "2021", "value_added": "12000.5", "revenue": "50000", "rd": "2000"},
    ],
    "qualifications": [
        {"uscc": CO_A, "kind": "高新技术企业", "certificate_no": "GR202114000123", "valid_from": "2021-12-01", "valid_to": "2024-11-30"},
    ],
    "patents": [
        {"application_no": INV, "kind": "发明", "title": "一种锂电池正极材料", "abstract": "", "filing_date": "2021-03-05",
         "grant_date": "2023-06-02", "ipc": "H01M 4/36;H01M 10/0525", "lapse_date": "", "lapse_reason": "",
         "pct_no": "", "overseas_family_grants": "0"},
        {"application_no": UM, "kind": "实用新型", "title": "一种夹具", "abstract": "", "filing_date": "2021-04-01",
         "grant_date": "2021-09-10", "ipc": "B25B 11/00", "lapse_date": "2023-04-01", "lapse_reason": "未缴年费",
         "pct_no": "", "overseas_family_grants": ""},
        {"application_no": DESIGN, "kind": "外观设计", "title": "包装盒", "abstract": "", "filing_date": "2021-05-01",
         "grant_date": "2021-08-01", "ipc": "", "lapse_date": "", "lapse_reason": "", "pct_no": "", "overseas_family_grants": ""},
        {"application_no": OLD, "kind": "发明", "title": "一种煤层气抽采方法", "abstract": "", "filing_date": "2013-12-31",
         "grant_date": "2016-01-20", "ipc": "E21B 43/00", "lapse_date": "", "lapse_reason": "",
         "pct_no": "PCT/CN2013/091234", "overseas_family_grants": "2"},
    ],
    "patent_owners": [
        {"application_no": INV, "position": "1", "name": "山西晋创新材料科技有限公司", "uscc": CO_A, "in_zone": "是"},
        {"application_no": INV, "position": "2", "name": "示范区理工学院", "uscc": UNI, "in_zone": "是"},
        {"application_no": UM, "position": "1", "name": "王某", "uscc": "", "in_zone": "是"},
        {"application_no": DESIGN, "position": "1", "name": "北京某某科技有限公司", "uscc": OUT, "in_zone": "否"},
        {"application_no": DESIGN, "position": "2", "name": "示范区智能装备有限公司", "uscc": CO_B, "in_zone": "是"},
        {"application_no": OLD, "position": "1", "name": "示范区智能装备有限公司", "uscc": CO_B, "in_zone": "是"},
    ],
    "pct_filings": [
        {"pct_no": "PCT/CN2021/123456", "filing_date": "2021-12-31", "uscc": CO_A},
    ],
    "pledges": [
        {"registration_no": "Y2021980001234", "registered_on": "2021-08-16", "pledgor_uscc": CO_A,
         "pledgee": "中国建设银行股份有限公司太原分行", "amount": "1,000", "guarantor": "", "insurer": "",
         "application_nos": f"{INV}；{OLD}", "trademark_nos": "", "released_on": ""},
    ],
    "transactions": [
        {"record_no": "X2021140000012", "kind": "许可", "application_no": OLD, "dated": "2021-10-01",
         "from_name": "示范区智能装备有限公司", "from_uscc": CO_B, "to_name": "某外地企业", "to_uscc": "", "amount": "50"},
    ],
    "trademarks": [
        {"registration_no": "12345678", "name": "晋创", "owner_uscc": CO_A, "kind": "普通商标", "registered_on": "2015-01-07",
         "expires_on": "2025-01-06", "well_known_on": "", "geographical_indication": "否"},
    ],
    "geo_products": [
        {"name": "清徐老陈醋", "kind": "地理标志保护产品", "approved_on": "2008-04-01"},
    ],
    "geo_output": [
        {"name": "清徐老陈醋", "year": "2021", "output": "35000"},
    ],
    "awards": [
        {"award": "中国专利奖", "grade": "优秀奖", "year": "2021", "uscc": CO_B, "application_no": OLD},
    ],
    "agencies": [
        {"uscc": AGENCY, "name": "示范区知识产权代理事务所", "services": "代理;咨询", "joined_on": "2019-05-01", "left_on": ""},
    ],
    "talents": [
        {"person_id": "T0001", "name": "李某", "employer_uscc": AGENCY, "patent_attorney": "是", "title": "中级",
         "honours": "", "joined_on": "2019-05-01", "left_on": ""},
    ],
    "cases": [
        {"case_no": "ZSJ2021-001", "kind": "行政裁决", "right_kind": "专利", "opened_on": "2021-03-01", "closed_on": "2021-06-30",
         "holder": "山西晋创新材料科技有限公司", "respondent": "某侵权公司", "respondent_uscc": "", "outcome": "侵权成立",
         "amount": "", "typical": "是"},
    ],
    "surveys": [
        {"response_id": "S2021-0001", "year": "2021", "respondent_kind": "企业", "score": "82"},
        {"response_id": "S2021-0002", "year": "2021", "respondent_kind": "公众", "score": "78"},
    ],
    "events": [
        {"held_on": "2021-04-26", "name": "2021年世界知识产权日宣传活动", "kind": "宣传", "theme": "世界知识产权日", "participants": "300"},
    ],
}


def valid_tables() -> dict[str, list[dict[str, str]]]:
    return copy.deepcopy(VALID)


def header(stem: str, name: str, lang: str = "zh") -> str:
    column = contract.table(stem).column(name)
    return column.zh if lang == "zh" else column.name


def write_csv(path: Path, stem: str, rows: list[dict], *, lang: str = "zh", encoding: str = "utf-8") -> Path:
    names = [c.name for c in contract.table(stem).columns]
    if rows:
        names = [n for n in names if n in rows[0]] + [n for n in rows[0] if n not in names]
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow([header(stem, n, lang) if n in {c.name for c in contract.table(stem).columns} else n for n in names])
        for row in rows:
            w.writerow([row.get(n, "") for n in names])
    return path


def write_dataset(folder: Path, tables: dict[str, list[dict]] | None = None, **kw) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, rows in (valid_tables() if tables is None else tables).items():
        write_csv(folder / f"{stem}.csv", stem, rows, **kw)
    return folder


def write_xlsx(path: Path, tables: dict[str, list[dict]] | None = None, *, sheet_names: str = "zh", cells=None) -> Path:
    """A workbook, one sheet per table; ``cells`` maps (stem, row_index, column) to a typed value."""
    import xlsxwriter

    cells = cells or {}
    wb = xlsxwriter.Workbook(str(path))
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    for stem, rows in (valid_tables() if tables is None else tables).items():
        ws = wb.add_worksheet(contract.table(stem).zh if sheet_names == "zh" else stem)
        names = [c.name for c in contract.table(stem).columns if not rows or c.name in rows[0]]
        for j, n in enumerate(names):
            ws.write_string(0, j, header(stem, n))
        for i, row in enumerate(rows):
            for j, n in enumerate(names):
                value = cells.get((stem, i, n), row.get(n, ""))
                if hasattr(value, "year"):
                    ws.write_datetime(i + 1, j, value, date_format)
                elif isinstance(value, (int, float)):
                    ws.write_number(i + 1, j, value)
                elif value != "":
                    ws.write_string(i + 1, j, value)
    wb.close()
    return path
