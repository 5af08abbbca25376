"""Every contract rule: the valid fixture passes, and one broken cell gives one exact finding."""

import pytest
from fixtures import CO_A, INV, OLD, OUT, UM, valid_tables, write_dataset

from ipzone.dataset import check, read
from ipzone.findings import DatasetError


def run(tmp_path, change=None):
    tables = valid_tables()
    if change:
        change(tables)
    report, ds = check(write_dataset(tmp_path / "d", tables))
    return report, ds


def found(report, level="error"):
    return [(f.table, f.row, f.column, f.rule, f.zh) for f in report.sorted() if f.level == level]


def test_the_valid_fixture_passes_and_is_typed(tmp_path):
    report, ds = run(tmp_path)
    assert found(report) == [] and found(report, "warning") == []
    patents = ds["patents"].to_pylist()
    assert patents[0]["ipc"] == ["H01M 4/36", "H01M 10/0525"]
    assert patents[1]["overseas_family_grants"] == 0  # empty = 0
    assert patents[2]["ipc"] is None
    pledge = ds["pledges"].to_pylist()[0]
    assert pledge["amount"] == 1000.0 and pledge["application_nos"] == [INV, OLD]
    assert ds["cases"].column("typical").to_pylist() == [True]
    assert ds["entities"].column("in_zone").to_pylist() == [True, True, True, False]
    assert ds.present == frozenset(valid_tables())


def set_cell(stem, i, column, value):
    def change(tables):
        tables[stem][i][column] = value

    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (set_cell("patents", 0, "title", " "), ("patents", 2, "名称", "required", "必填项为空")),
        (set_cell("patents", 0, "kind", "发明专利"),
         ("patents", 2, "专利类型", "type.enum", "「发明专利」不在可选值中；应为下列之一：发明/实用新型/外观设计")),
        (set_cell("patents", 1, "filing_date", "2021-02-30"),
         ("patents", 3, "申请日", "type.date",
          "「2021-02-30」不是存在的日期；应为日期：YYYY-MM-DD、YYYY/MM/DD、YYYY.MM.DD、YYYY年M月D日 或 Excel 日期单元格")),
        (set_cell("zone_year", 0, "population", "三十万"),
         ("zone_year", 2, "常住人口", "type.int", "「三十万」不是数字；应为非负整数")),
        (set_cell("surveys", 1, "score", "101"), ("surveys", 3, "得分", "type.score", "101 不在 0–100 之间；应为0–100 的分数")),
        (set_cell("entities", 0, "uscc", "91140100MA0GRY4T4X"),
         ("entities", 2, "统一社会信用代码", "type.uscc", "统一社会信用代码校验位错误：应为 L")),
        (set_cell("patents", 0, "application_no", "202110123456.8"),
         ("patents", 2, "申请号", "type.appno", "申请号校验位错误：为 8，按 202110123456 计算应为 7")),
        (set_cell("agencies", 0, "services", "代理;翻译"),
         ("agencies", 2, "服务类型", "type.enum_list",
          "第 2 项：「翻译」不在可选值中；应为以 ; 或 ； 分隔的下列值：代理/法律/信息/咨询/培训/运营")),
        (set_cell("patents", 0, "ipc", "H01M4/36;XYZ"),
         ("patents", 2, "IPC分类号", "type.ipc_list",
          "第 2 项：「XYZ」不是 IPC 分类号（如 G06F 16/35 或 G06F）；应为以 ; 或 ； 分隔的 IPC 分类号，如 G06F 16/35")),
        (set_cell("entities", 0, "industry_code", "39A5"),
         ("entities", 2, "行业代码", "type.industry", "「39A5」不是四位行业代码；应为GB/T 4754-2017 四位行业小类代码，如 3911")),
        (set_cell("patents", 3, "pct_no", "CN2013/091234"),
         ("patents", 5, "PCT国际申请号", "type.pct_no", "不是 PCT 国际申请号（如 PCT/CN2021/123456）；应为PCT 国际申请号，如 PCT/CN2021/123456")),
        (set_cell("entities", 2, "in_zone", "不详"),
         ("entities", 4, "区内", "type.bool", "「不详」不是是/否；应为是/否、Y/N、true/false 或 1/0")),
    ],
)
def test_cell_rules(tmp_path, change, expected):
    report, ds = run(tmp_path, change)
    assert ds is None
    assert found(report) == [expected]


def test_duplicate_key(tmp_path):
    def change(t):
        t["surveys"][1]["response_id"] = "S2021-0001"

    report, _ = run(tmp_path, change)
    assert found(report) == [("surveys", 3, "问卷编号", "duplicate_key", "问卷编号重复：与第 2 行相同")]


def test_duplicate_compound_key(tmp_path):
    def change(t):
        t["patent_owners"][1]["position"] = "1"

    report, _ = run(tmp_path, change)
    assert found(report) == [("patent_owners", 3, "申请号", "duplicate_key", "申请号、顺序重复：与第 2 行相同")]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (set_cell("patents", 0, "grant_date", "2021-03-04"),
         ("patents", 2, "授权公告日", "date_order", "「授权公告日」2021-03-04 早于「申请日」2021-03-05")),
        (set_cell("patents", 1, "lapse_date", "2021-09-09"),
         ("patents", 3, "失效日", "date_order", "「失效日」2021-09-09 早于「授权公告日」2021-09-10")),
        (set_cell("agencies", 0, "left_on", "2019-04-30"),
         ("agencies", 2, "退出日期", "date_order", "「退出日期」2019-04-30 早于「入驻日期」2019-05-01")),
        (set_cell("qualifications", 0, "valid_to", "2021-11-30"),
         ("qualifications", 2, "失效日期", "date_order", "「失效日期」2021-11-30 早于「生效日期」2021-12-01")),
        (set_cell("cases", 0, "closed_on", "2021-02-28"),
         ("cases", 2, "结案日期", "date_order", "「结案日期」2021-02-28 早于「受理日期」2021-03-01")),
    ],
)
def test_date_order(tmp_path, change, expected):
    report, _ = run(tmp_path, change)
    assert found(report) == [expected]


def test_application_number_kind_must_agree(tmp_path):
    report, _ = run(tmp_path, set_cell("patents", 1, "kind", "发明"))
    assert found(report) == [
        ("patents", 3, "专利类型", "appno.kind", f"申请号 {UM} 的类型位为 2（实用新型），与专利类型「发明」不符")
    ]


def test_application_number_year_must_agree(tmp_path):
    report, _ = run(tmp_path, set_cell("patents", 0, "filing_date", "2022-01-05"))
    assert found(report) == [
        ("patents", 2, "申请日", "appno.year", f"申请号中的年份 2021 早于申请日 2022-01-05，不可能"),
        # the grant 2023-06-02 still follows the filing date, so nothing else is found
    ]


def test_application_number_year_later_than_filing_is_a_warning(tmp_path):
    # a divisional application keeps its parent's filing date
    report, ds = run(tmp_path, set_cell("patents", 0, "filing_date", "2019-05-05"))
    assert ds is not None
    assert found(report, "warning") == [
        ("patents", 2, "申请日", "appno.year",
         "申请号中的年份 2021 晚于申请日 2019-05-05：仅分案申请或 PCT 进入国家阶段的申请如此，请核对")
    ]


def test_lapse_needs_grant_and_reason(tmp_path):
    def change(t):
        t["patents"][2]["grant_date"] = ""
        t["patents"][2]["lapse_date"] = "2022-01-01"
        t["patents"][2]["lapse_reason"] = "放弃"
        t["patents"][0]["lapse_date"] = "2024-01-01"

    report, _ = run(tmp_path, change)
    assert found(report) == [
        ("patents", 2, "失效原因", "lapse_reason", "填写了失效日，必须填写失效原因"),
        ("patents", 4, "失效日", "lapse_without_grant", "填写了失效日，但没有授权公告日：只有授权的专利权才会失效"),
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (set_cell("pledges", 0, "pledgor_uscc", "91140100MA0H12346W"),
         ("pledges", 2, "出质人统一社会信用代码", "reference", "创新主体表（entities）中没有「91140100MA0H12346W」")),
        (set_cell("pledges", 0, "application_nos", f"{INV};202110999999.5"),
         ("pledges", 2, "涉及申请号", "reference", "专利表（patents）中没有「202110999999.5」")),
        (set_cell("transactions", 0, "application_no", "202110999999.5"),
         ("transactions", 2, "申请号", "reference", "专利表（patents）中没有「202110999999.5」")),
        (set_cell("awards", 0, "application_no", "202110999999.5"),
         ("awards", 2, "申请号", "reference", "专利表（patents）中没有「202110999999.5」")),
        (set_cell("talents", 0, "employer_uscc", "91140100MA0H12346W"),
         ("talents", 2, "所在单位统一社会信用代码", "reference",
          "创新主体表（entities）或服务机构表（agencies）中没有「91140100MA0H12346W」")),
        (set_cell("geo_output", 0, "name", "平遥牛肉"),
         ("geo_output", 2, "名称", "reference", "地理标志产品表（geo_products）中没有「平遥牛肉」")),
    ],
)
def test_references(tmp_path, change, expected):
    report, _ = run(tmp_path, change)
    assert found(report) == [expected]


def test_owner_of_an_unknown_patent(tmp_path):
    report, _ = run(tmp_path, set_cell("patent_owners", 0, "application_no", "202110999999.5"))
    assert found(report) == [
        ("patent_owners", 2, "申请号", "reference", "专利表（patents）中没有「202110999999.5」"),
        # the patent's other owner is now without a first patentee
        ("patent_owners", 3, "顺序", "first_owner", f"专利 {INV} 列出了权利人，但没有顺序为 1 的第一权利人"),
    ]


def test_a_mistyped_key_is_reported_once_not_at_every_reference(tmp_path):
    report, _ = run(tmp_path, set_cell("entities", 0, "uscc", "91140100MA0GRY4T4X"))
    assert found(report) == [("entities", 2, "统一社会信用代码", "type.uscc", "统一社会信用代码校验位错误：应为 L")]


def test_talent_at_an_entity_is_fine(tmp_path):
    report, ds = run(tmp_path, set_cell("talents", 0, "employer_uscc", CO_A))
    assert ds is not None


def test_a_reference_to_an_absent_table_is_an_error(tmp_path):
    def change(t):
        t["pledges"][0]["trademark_nos"] = "12345678"
        del t["trademarks"]

    report, _ = run(tmp_path, change)
    assert found(report) == [("pledges", 2, "涉及商标注册号", "reference", "商标表（trademarks）中没有「12345678」")]


def test_first_owner_missing(tmp_path):
    report, _ = run(tmp_path, set_cell("patent_owners", 0, "position", "3"))
    assert found(report) == [
        ("patent_owners", 2, "顺序", "first_owner", f"专利 {INV} 列出了权利人，但没有顺序为 1 的第一权利人")
    ]


def test_patent_without_owner_is_a_warning(tmp_path):
    def change(t):
        del t["patent_owners"][2]

    report, ds = run(tmp_path, change)
    assert ds is not None
    assert found(report, "warning") == [
        ("patents", 3, "申请号", "no_owner", "专利权人表中没有这件专利的权利人：它不会计入任何区域")
    ]


def test_owner_in_zone_disagreeing_with_entities_is_a_warning(tmp_path):
    report, ds = run(tmp_path, set_cell("patent_owners", 3, "in_zone", "是"))
    assert ds is not None
    assert found(report, "warning") == [
        ("patent_owners", 5, "区内", "in_zone_disagrees", "「区内」为是，但创新主体表中该单位为否；以创新主体表为准")
    ]


def test_pledge_without_subject_and_large_pledge(tmp_path):
    def change(t):
        t["pledges"][0]["application_nos"] = ""
        t["pledges"][0]["amount"] = "150000"

    report, _ = run(tmp_path, change)
    assert found(report) == [
        ("pledges", 2, "涉及申请号", "pledge_subject",
         "质押应至少涉及一件专利（涉及申请号）或一件商标（涉及商标注册号）")
    ]
    assert found(report, "warning") == [
        ("pledges", 2, "质押金额", "large_amount",
         "质押金额 150,000.00 万元超过 100,000 万元（10 亿元），请核对单位是否为万元")
    ]


def test_closed_case_needs_outcome(tmp_path):
    report, _ = run(tmp_path, set_cell("cases", 0, "outcome", ""))
    assert found(report) == [("cases", 2, "结果", "case_outcome", "已结案的案件必须填写结果")]


def test_unknown_industry_code_against_a_complete_table(tmp_path):
    from ipzone.readers import read_source
    from ipzone.findings import Report
    from ipzone.validation import validate

    folder = write_dataset(tmp_path / "d")
    report = Report()
    raws, _ = read_source(folder)
    validate(raws, report, industry_codes={"3985", "3491"})
    assert found(report) == [("entities", 5, "行业代码", "industry_code", "6513 不是 GB/T 4754-2017 的行业小类代码")]


def test_every_error_at_once_and_both_languages(tmp_path):
    def change(t):
        t["patents"][0]["filing_date"] = "bad"
        t["surveys"][0]["score"] = "-1"
        t["events"][0]["kind"] = "会议"

    report, _ = run(tmp_path, change)
    assert sorted((f.table, f.row) for f in report.errors) == [("events", 2), ("patents", 2), ("surveys", 2)]
    f = next(f for f in report.errors if f.table == "surveys")
    assert f.message() == (
        "surveys（保护满意度调查），第 2 行，列「得分」：-1 不在 0–100 之间；应为0–100 的分数（值：'-1'）\n"
        "surveys (保护满意度调查), row 2, column 得分: -1 is not between 0 and 100; expected a score from 0 to 100 (value: '-1')"
    )


def test_read_raises_with_the_report(tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "surveys.csv").write_text("问卷编号,年度,得分\nS1,2021,abc\n", encoding="utf-8")
    with pytest.raises(DatasetError) as e:
        read(folder)
    assert len(e.value.report.errors) == 1
    assert "数据集有 1 处错误 / the dataset has 1 error(s)" in str(e.value)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (set_cell("zone_year", 0, "year", "二〇二一"),
         ("zone_year", 2, "年度", "type.year", "「二〇二一」不是数字；应为四位年份（1949–2100）")),
        (set_cell("geo_output", 0, "output", "约三亿"),
         ("geo_output", 2, "产值", "type.amount", "「约三亿」含单位；金额列只填以万元计的数字；应为以万元计的非负金额")),
        (set_cell("pledges", 0, "application_nos", f"{INV};202110999999.4"),
         ("pledges", 2, "涉及申请号", "type.appno_list", "第 2 项：申请号校验位错误：为 4，按 202110999999 计算应为 5")),
        (set_cell("cases", 0, "opened_on", ""), ("cases", 2, "受理日期", "required", "必填项为空")),
    ],
)
def test_more_cell_rules(tmp_path, change, expected):
    report, _ = run(tmp_path, change)
    assert found(report) == [expected]


def test_outcome_on_an_open_case_is_a_warning(tmp_path):
    report, ds = run(tmp_path, set_cell("cases", 0, "closed_on", ""))
    assert ds is not None
    assert found(report, "warning") == [("cases", 2, "结案日期", "case_outcome", "案件有结果但没有结案日期，请核对")]


def test_an_amount_probably_in_yuan_is_a_warning(tmp_path):
    report, ds = run(tmp_path, set_cell("transactions", 0, "amount", "5000000"))
    assert ds is not None
    assert found(report, "warning") == [
        ("transactions", 2, "金额", "large_amount", "5,000,000.00 万元超过 1,000,000 万元（100 亿元），请核对单位是否为万元")
    ]
