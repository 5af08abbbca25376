"""The reports' content, read back from Word and Excel, on the hand-computed fixture zone.

Every expected value below follows from the rows of ``tests/fixtures_engine.py`` (its
EXPECTED_2023 and the comments there); where a report adds something of its own (a 2022 value, a
grouping, a duration) the arithmetic is in the comment beside it. The engine and the documents
are built once per module.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from fixtures_engine import references, zone_dataset
from report_helpers import docx_paragraphs, docx_tables, docx_text, row, xlsx_cells, xlsx_sheets

from ipzone.indicators import Engine
from ipzone.reports import Facts, annual, bulletin, docx_writer, protection, xlsx_writer
from ipzone.reports.common import Source
from ipzone.reports.model import MISSING, Paragraph, Section, Value
from ipzone.reports.period import parse

SOURCE = Source("数据集 测试园区（CSV 文件夹）", "数据指纹 sha256:0123456789abcdef")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(zone_dataset(), refs=references())


@pytest.fixture(scope="module")
def facts_2023(engine) -> Facts:
    return Facts(engine)


@pytest.fixture(scope="module")
def annual_2023(facts_2023):
    doc = annual.build(facts_2023, 2023, SOURCE)
    return doc, docx_writer.render(doc), xlsx_writer.render(doc)


@pytest.fixture(scope="module")
def annual_2025(engine):
    """2025: no zone_year row, and pledges/surveys/entity_year/events end before it."""
    doc = annual.build(Facts(engine), 2025, SOURCE)
    return doc, docx_writer.render(doc), xlsx_writer.render(doc)


# --- the annual report ------------------------------------------------------------------------------


def test_table_one_has_baseline_value_targets_completion_status_and_trend(annual_2023):
    _, data, _ = annual_2023
    t = docx_tables(data)["2023年主要指标完成情况（表一）"]
    assert t[0] == ["序号", "指标", "单位", "2021年基期", "2023年", "2023年度目标", "2025年目标", "完成率", "状态", "趋势"]
    # 12 HV patents ÷ (20000 ÷ 10000) = 6.00; target 24 + (45 − 24) ÷ 4 × 2 = 34.50; 6 ÷ 34.5 = 17.4 %;
    # trend: (6/24)^(1/2) − 1 = −50 % < 0 → 倒退
    assert row(t, "每万人口高价值发明专利拥有量") == ["1", "每万人口高价值发明专利拥有量", "件", "24.00", "6.00", "34.50", "45.00", "17.4%", "滞后", "倒退"]
    # 0.3999 亿元 shows 0.40; target 2.8 + 0.55 × 2 = 3.90; 0.3999 ÷ 3.9 = 10.25 % → 10.3 %
    assert row(t, "知识产权质押融资登记金额")[3:] == ["2.80", "0.40", "3.90", "5.00", "10.3%", "滞后", "倒退"]
    # (80 + 90 + 85) ÷ 3 = 85 = the 2025 target: 已达成
    assert row(t, "知识产权保护社会满意度")[3:] == ["80.00", "85.00", "82.50", "85.00", "103.0%", "达标", "已达成"]
    assert row(t, "R&D经费支出占GDP比重")[3:] == ["2.60", "3.00", "2.80", "3.00", "107.1%", "达标", "已达成"]
    # 1130 + 467.5 × 2 = 2065; 3 ÷ 2065 = 0.15 % → 0.1 %
    assert row(t, "高新技术企业数")[3:] == ["1,130", "3", "2,065", "3,000", "0.1%", "滞后", "倒退"]
    # 300 ÷ 200000 = 0.15 % = the line target; CAGR (0.15/0.1)^(1/2) − 1 = 22.5 % vs needed 18.9 %: 按进度
    assert row(t, "知识产权经费占园区财政一般预算公共支出比重")[3:] == ["0.10", "0.15", "0.15", "0.20", "100.0%", "达标", "按进度"]
    assert row(t, "知识产权服务机构数量")[3:] == ["27", "4", "42", "57", "9.5%", "滞后", "倒退"]
    assert row(t, "专利密集型产业增加值")[3:] == ["75.00", "60.00", "112.50", "150.00", "53.3%", "滞后", "倒退"]


def test_a_sentence_per_indicator_from_the_data(annual_2023):
    _, data, _ = annual_2023
    paras = docx_paragraphs(data)
    # 2022: HV at 2022-12-31 are P1 P2 P3 P5 P10 P14 P25 P27 (SEI), P9 (lapses only on 2023-12-31, SEI) and
    # P20 (中国专利奖 2022) = 10; 10 ÷ 1.9 = 5.26. Change 6.00 − 5.26 = 0.74, 0.74 ÷ 5.26 = 14.1 %.
    assert (
        "1.每万人口高价值发明专利拥有量。2023年为6.00件，较上年增加0.74件、增长14.1%；年度目标34.50件，完成17.4%，滞后。"
        "以2021年基期计，年均下降50.0%，实现2025年45.00件的目标需年均增长17.0%；按现有增速，2025年可达1.50件，倒退。"
    ) in paras
    assert "5.R&D经费支出占GDP比重。2023年为3.00%，较上年提高0.30个百分点；年度目标2.80%，完成107.1%，达标。已达到2025年3.00%的目标。" in paras
    assert "6.高新技术企业数。2023年为3家，与上年持平；年度目标2,065家，完成0.1%，滞后。" in " ".join(paras)


def test_overview_counts_the_statuses(annual_2023):
    _, data, _ = annual_2023
    paras = docx_paragraphs(data)
    assert "2023年，表一所列8项主要指标中，3项达到年度目标，0项接近年度目标（达到95%以上），5项滞后。" in " ".join(paras)
    assert "年末园区有效发明专利20件，高价值发明专利12件，每万人口高价值发明专利拥有量6.00件；全年知识产权质押融资登记4笔、金额0.40亿元；受理知识产权保护案件4件、办结4件；开展宣传培训活动3场、250人次。" in paras


def test_headings_follow_the_outline(annual_2023):
    doc, data, _ = annual_2023
    paras = docx_paragraphs(data)
    headings = [p for p in paras if p[:2] in ("一、", "二、", "三、", "四、", "五、", "六、", "附：")]
    assert headings == ["一、总体情况", "二、主要指标完成情况", "三、重点任务进展", "四、政策兑现与受益主体", "五、存在的问题", "六、下一步工作", "附：数据来源与口径说明"]
    assert [p for p in paras if p.startswith("（") and "任务" in p and p.endswith("）")] == [
        "（一）强化知识产权管理（任务1—4）",
        "（二）促进知识产权高质量创造（任务5—6）",
        "（三）促进知识产权高效益运用（任务7—10）",
        "（四）促进知识产权高标准保护（任务11—12）",
        "（五）促进知识产权高水平服务（任务13—15）",
    ]
    assert [c.title for c in doc.charts()] == ["主要指标2021—2023年走势与目标路径", "2023年末高价值发明专利按条件分布"]
    assert all(c.png.startswith(b"\x89PNG") for c in doc.charts())


def test_task_tables_and_breakdowns(annual_2023):
    _, data, _ = annual_2023
    tables = docx_tables(data)
    # pledges of in-zone pledgors registered in 2023: PL1 银行A 999, PL2 银行A 1000, PL3 银行B 1500, PL5 银行C 500
    assert tables["质押融资按质权人（银行）"] == [
        ["质权人", "笔数", "金额（万元）"],
        ["银行A", "2", "1,999.00"],
        ["银行B", "1", "1,500.00"],
        ["银行C", "1", "500.00"],
        ["合计", "4", "3,999.00"],
    ]
    use = tables["知识产权运用"]
    # 2022: PL7 only (2022-12-31, 300 万元 = 0.03 亿元)
    assert row(use, "知识产权质押融资笔数") == ["知识产权质押融资笔数", "笔", "1", "4", "+3", "—"]
    assert row(use, "知识产权质押融资登记金额") == ["知识产权质押融资登记金额", "亿元", "0.03", "0.40", "+0.37", "3.90"]
    assert row(use, "专利转让金额")[3] == "100.00"  # T3 100; T5 undisclosed
    assert tables["高价值发明专利按条件分布"][1:] == [
        ["战略性新兴产业", "8", "66.7%"],
        ["海外有同族专利权", "1", "8.3%"],
        ["维持年限超过10年", "1", "8.3%"],
        ["实现较高质押融资金额", "2", "16.7%"],
        ["获国家科学技术奖或中国专利奖", "1", "8.3%"],
    ]
    assert tables["企业知识产权指数构成"][1:] == [
        ["国家知识产权示范企业", "1", "3", "3"],
        ["国家知识产权优势企业", "1", "2", "2"],
        ["省级知识产权示范企业", "1", "2", "2"],
        ["知识产权贯标认证", "1", "1", "1"],
        ["省级知识产权优势企业", "0", "1", "0"],
    ]
    assert tables["保护案件按类型"][1:] == [["行政裁决", "1", "0"], ["行政执法", "3", "3"], ["纠纷调解", "0", "1"]]
    assert row(tables["知识产权服务"], "新引进服务机构") == ["新引进服务机构", "家", "1", "2", "+1", "15"]  # 0 + 7.5 × 2


def test_problems_come_from_the_lagging_indicators(annual_2023):
    doc, _, _ = annual_2023
    texts = [(p.lead, p.text) for p in doc.section("problems").blocks]
    leads = [lead for lead, _ in texts]
    assert leads == [
        "（一）每万人口高价值发明专利拥有量滞后于年度目标。",
        "（二）专利密集型产业增加值滞后于年度目标。",
        "（三）知识产权质押融资登记金额滞后于年度目标。",
        "（四）高新技术企业数滞后于年度目标。",
        "（五）知识产权服务机构数量滞后于年度目标。",
        "（六）新引进服务机构进度偏慢。",
    ]
    assert texts[0][1] == "2023年为6.00件，为年度目标34.50件的17.4%（滞后）；按2021年以来的增速，2025年预计1.50件，低于45.00件的目标（倒退）。"
    assert texts[5][1] == "2022年以来新引进2家，低于年度进度15家（任务14：30家以上）。"
    steps = doc.section("next_steps").blocks
    assert all(p.style == "placeholder" for p in steps) and "【待填写】" in steps[0].text


def test_closing_note_names_source_references_counting_and_parameters(annual_2023):
    doc, data, _ = annual_2023
    text = " ".join(p.text for p in doc.section("sources").blocks)
    assert "数据来源：数据集测试园区（CSV文件夹），数据指纹sha256:0123456789abcdef。" in text
    assert "计数规则：第一权利人计数（first）。" in text
    assert "参照表「战略性新兴产业分类与国际专利分类参照关系表」：sei_test，版本测试版2021，覆盖范围完整" in text
    assert "参照表「知识产权（专利）密集型产业统计分类」：pi_test，版本测试版2019，覆盖范围部分（依赖它的数值可能偏低）" in text
    assert "门槛为1000万元（hv_pledge_threshold）" in text
    assert "缺数据说明：本报告用到的数值均可计算，无缺数据。" in text
    assert doc.issuer == "山西转型综合改革示范区知识产权强区建设战略领导小组办公室"
    assert docx_paragraphs(data)[-1] == doc.issuer  # no date unless the office gives one


def test_missing_data_says_which_table_and_indicator_never_zero(annual_2025):
    doc, data, xlsx = annual_2025
    t = docx_tables(data)["2025年主要指标完成情况（表一）"]
    assert row(t, "R&D经费支出占GDP比重")[4:] == [MISSING, "3.00", "3.00", MISSING, "—", "—"]
    # pledges end in 2024 (PL4, 2024-03-01): 2025 has no pledge data, so not "0.00"
    assert row(t, "知识产权质押融资登记金额")[4] == MISSING
    assert row(t, "高新技术企业数")[4] == "2"  # a stock, judged at 2025-12-31: E1 (GR1b open-ended), E3
    # grants are events: the latest grant date is P11's 2024-01-05, so 2025 grants are unknown, not 0
    assert row(docx_tables(data)["知识产权创造"], "发明专利授权量")[2:4] == ["1", MISSING]
    text = docx_text(data)
    assert "缺数据——R&D经费支出占GDP比重：区域年度统计（zone_year）中没有2025年的行。" in text
    assert "缺数据——知识产权质押融资登记金额：pledges（质押登记）表最晚的记录在2024年，没有2025年的记录（数据未覆盖2025年）。" in text
    assert "3.R&D经费支出占GDP比重" not in text
    assert "5.R&D经费支出占GDP比重。2025年缺数据：区域年度统计（zone_year）中没有2025年的行。" in text
    assert "全年知识产权质押融资登记缺数据" in text
    for bad in ("nan", "NaN", "None", "inf"):
        assert bad not in text
    # the closing note lists every missing value with its year
    assert "2025年知识产权质押融资登记金额：pledges（质押登记）表最晚的记录在2024年，没有2025年的记录（数据未覆盖2025年）" in doc.missing
    # Excel: the text 缺数据, never 0 or an empty cell
    ws = xlsx_cells(xlsx, "表1 主要指标")
    r = next(i for i in range(4, 12) if ws.cell(i, 2).value == "R&D经费支出占GDP比重")
    assert ws.cell(r, 5).value == MISSING
    assert ws.cell(r, 8).value == MISSING


def test_a_table_the_dataset_lacks_is_named(engine):
    eng = Engine(zone_dataset(surveys=None), refs=references())
    doc = protection.build(Facts(eng), 2023, SOURCE)
    sat = " ".join(p.text for p in doc.section("satisfaction").blocks)
    assert sat == "知识产权保护社会满意度：数据集中没有surveys（保护满意度调查）表，记为缺数据。"


# --- Excel --------------------------------------------------------------------------------------------


def test_xlsx_has_the_text_and_each_table_with_numbers(annual_2023):
    doc, _, xlsx = annual_2023
    sheets = xlsx_sheets(xlsx)
    names = list(sheets)
    assert names[0] == "报告" and names[1] == "表1 主要指标" and names[-1] == "图表"
    assert len(names) == 2 + len(list(doc.tables()))
    ws = xlsx_cells(xlsx, "表1 主要指标")
    assert ws.cell(1, 1).value == "表1\u30002023年主要指标完成情况（表一）"
    assert [c.value for c in ws[3]] == ["序号", "指标", "单位", "2021年基期", "2023年", "2023年度目标", "2025年目标", "完成率", "状态", "趋势"]
    hv = [c.value for c in ws[4]]
    assert hv == ["1", "每万人口高价值发明专利拥有量", "件", 24.0, 6.0, 34.5, 45.0, 0.174, "滞后", "倒退"]
    assert ws.cell(4, 5).number_format == "#,##0.00"
    assert ws.cell(4, 8).number_format == "0.0%"
    assert ws.cell(5, 8).value == 0.533  # 60 ÷ 112.5 = 53.3 %, as shown: no float noise (0.5329999…)
    text = [r[1] for r in sheets["报告"] if r[1]]
    assert "1.每万人口高价值发明专利拥有量。2023年为6.00件，较上年增加0.74件、增长14.1%；年度目标34.50件，完成17.4%，滞后。以2021年基期计，年均下降50.0%，实现2025年45.00件的目标需年均增长17.0%；按现有增速，2025年可达1.50件，倒退。" in text


# --- reproducible files ------------------------------------------------------------------------------


def test_same_data_same_bytes(engine, annual_2023):
    doc, data, xlsx = annual_2023
    again = annual.build(Facts(engine), 2023, SOURCE)
    assert docx_writer.render(again) == data
    assert xlsx_writer.render(again) == xlsx
    import docx

    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.created == props.modified == dt.datetime(2023, 12, 31, tzinfo=dt.timezone.utc)  # the period's end, not now
    assert props.title == doc.title and props.author == "ipzone"


# --- the bulletin ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bulletin_q4(engine):
    doc = bulletin.build(Facts(engine), parse("2023-Q4"), SOURCE)
    return doc, docx_writer.render(doc)


def test_bulletin_compares_the_period_with_the_same_period_last_year(bulletin_q4):
    doc, data = bulletin_q4
    assert doc.title == "山西转型综合改革示范区知识产权工作简报"
    assert doc.subtitle == "2023年第四季度（2023年10月1日—12月31日）"
    t = docx_tables(data)["2023年第四季度主要数据"]
    assert t[0] == ["项目", "单位", "本期", "上年同期（2022年第四季度）", "同比"]
    # Q4 2023: P21 granted 2023-12-31 (山西省专利奖 only: not HV); Q4 2022: no grant
    assert row(t, "新增高价值发明专利") == ["新增高价值发明专利", "件", "0", "0", "—"]
    assert row(t, "发明专利授权") == ["发明专利授权", "件", "1", "0", "新增"]
    # PL5 (E2, 2023-12-31, 500) against PL7 (E1, 2022-12-31, 300): +66.7 %
    assert row(t, "知识产权质押融资") == ["知识产权质押融资", "笔", "1", "1", "0.0%"]
    assert row(t, "知识产权质押融资金额") == ["知识产权质押融资金额", "万元", "500.00", "300.00", "+66.7%"]
    assert row(t, "专利转让") == ["专利转让", "件", "1", "0", "新增"]  # T5, 2023-12-31, amount undisclosed
    assert row(t, "专利转让金额")[2] == "0.00"
    assert row(t, "保护案件受理")[2:4] == ["1", "1"]  # C3 (2023-10-01) / C2 (2022-11-01)
    assert row(t, "保护案件办结")[2:4] == ["1", "0"]  # C7 (2023-12-31)
    assert row(t, "宣传培训活动参与")[2:4] == ["50", "0"]  # 年末培训, 2023-12-31
    overview = doc.section("overview").blocks[0].text
    assert overview.startswith("2023年第四季度，园区新增高价值发明专利0件（上年同期0件），期末高价值发明专利拥有量12件；")
    assert "知识产权质押融资1笔（上年同期1笔，同比持平）、金额500.00万元（上年同期300.00万元，同比增长66.7%）" in overview
    news = docx_text(data)
    assert "乙公司向银行C质押融资500.00万元（2023年12月31日登记）" in news


def test_bulletin_of_a_period_the_data_does_not_reach(engine):
    doc = bulletin.build(Facts(engine), parse("2025-01"), SOURCE)
    t = docx_tables(docx_writer.render(doc))["2025年1月主要数据"]
    assert row(t, "知识产权质押融资")[2] == MISSING
    assert row(t, "宣传培训活动")[2] == MISSING
    assert "知识产权质押融资笔数：pledges（质押登记）表最晚的记录日期为2024-03-01，没有2025年1月的记录（数据未覆盖2025年1月）" in " ".join(doc.missing)


def test_periods():
    q = parse("2023-Q3")
    assert (q.code, q.start, q.end, q.label) == ("2023-Q3", dt.date(2023, 7, 1), dt.date(2023, 9, 30), "2023年第三季度")
    assert parse("2023q4").code == "2023-Q4"
    m = parse("2024-2")
    assert (m.code, m.end, m.label) == ("2024-02", dt.date(2024, 2, 29), "2024年2月")
    assert m.same_period_last_year().end == dt.date(2023, 2, 28)
    from ipzone.values import Problem

    with pytest.raises(Problem) as e:
        parse("2023-13")
    assert e.value.zh == "期间「2023-13」无法识别：应为季度（如 2023-Q3）或月份（如 2023-07）"


# --- the protection report -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def protection_2023(engine):
    doc = protection.build(Facts(engine), 2023, SOURCE)
    return doc, docx_writer.render(doc)


def test_protection_cases_outcomes_durations(protection_2023):
    doc, data = protection_2023
    tables = docx_tables(data)
    assert tables["2023年保护案件按案件类型"] == [
        ["案件类型", "2023年受理", "2023年办结", "2022年受理", "2022年办结"],
        ["行政裁决", "1", "0", "0", "0"],
        ["行政执法", "3", "3", "0", "0"],
        ["纠纷调解", "0", "1", "1", "0"],
        ["合计", "4", "4", "1", "0"],
    ]
    # closed in 2023: C1 侵权成立, C2 调解成功, C6 侵权成立, C7 侵权成立
    assert tables["2023年办结案件的结果"][1:] == [["侵权成立", "3", "75.0%"], ["调解成功", "1", "25.0%"], ["合计", "4", "100.0%"]]
    # days: C1 03-01→09-01 = 184, C2 2022-11-01→2023-02-01 = 92, C6 01-05→03-01 = 55, C7 02-01→12-31 = 333
    assert tables["2023年办结案件的办理时长（天）"][1:] == [
        ["行政执法", "3", "190.7", "184.0", "333"],
        ["纠纷调解", "1", "92.0", "92.0", "92"],
        ["全部", "4", "166.0", "138.0", "333"],
    ]
    # X1: C4 (2021-06-01) and C1 (2023-09-01); 某商行's C5 closed in 2020, outside 2021–2023
    # C4 closed 2021-06-01 before C1 was opened (2023-03-01): also 恶意侵权 under ipzone.protection's rule
    assert tables["重复侵权主体"][1:] == [["外区公司", "2", "2021-06-01", "2023-09-01", "重复侵权、恶意侵权"]]
    infringers = [p.text for p in doc.section("infringers").blocks if isinstance(p, Paragraph)]
    assert "恶意侵权1家（此前的侵权成立案件结案后再次被受理并认定侵权成立），群体侵权0家（同一被诉方侵犯三个以上权利人）。恶意侵权主体：外区公司。" in infringers
    results = " ".join(p.text for p in doc.section("results").blocks if isinstance(p, Paragraph))
    assert "2023年办结案件4件，其中侵权成立3件，占75.0%；经调解的1件中调解成功1件，调解成功率100.0%。" in results


def test_protection_credit_grades(protection_2023):
    doc, _ = protection_2023
    sec = doc.section("credit")
    assert sec.blocks[0].text == "按信用分级规则（示范规则（2025）），2023年园区4家创新主体中，A级（守信）2家，B级（一般）2家，C级（关注）0家，D级（重点监管）0家；等级决定检查频次（任务12：推进知识产权领域信用分级分类监管）。"
    table = sec.blocks[1]
    assert [[r[0], r[2].text()] for r in table.rows] == [["A", "2"], ["B", "2"], ["C", "0"], ["D", "0"]]


def test_protection_typical_cases_and_satisfaction(protection_2023):
    doc, _ = protection_2023
    typical = doc.section("typical").blocks
    assert typical[1].lead == "（一）专利行政执法案（C1）。"
    assert typical[1].text == "权利人甲公司，被诉方外区公司；2023年3月1日受理，2023年9月1日结案，历时184天，结果为侵权成立。"
    sat = doc.section("satisfaction").blocks
    assert sat[0].text == "2023年知识产权保护社会满意度85.00分，较上年增加3.00分、增长3.7%；年度目标82.50分，达标；2025年目标85分。"
    assert sat[1].rows[-1][0] == "全部" and sat[1].rows[-1][1] == Value(3)


# --- the section hook for policies (issue 7) -------------------------------------------------------------


def test_a_plugged_in_section_goes_after_the_tasks_and_renumbers(facts_2023, annual_2023):
    def policies(ctx: annual.AnnualContext) -> Section:
        ctx.problems.append("政策兑现进度偏慢。")
        return Section("政策兑现与受益主体", [Paragraph(f"{ctx.year}年测试段落。")])

    shipped = annual._PLUGGED.get("policies")  # ipzone.policies' own section, registered on the first build
    annual.register_section("policies", policies)
    try:
        doc = annual.build(facts_2023, 2023, SOURCE)  # the values cached by the first build
    finally:
        annual.register_section("policies", shipped) if shipped else annual.unregister_section("policies")
    paras = docx_paragraphs(docx_writer.render(doc))
    headings = [p for p in paras if p[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert headings == ["一、总体情况", "二、主要指标完成情况", "三、重点任务进展", "四、政策兑现与受益主体", "五、存在的问题", "六、下一步工作"]
    assert "2023年测试段落。" in paras
    assert doc.section("policies").title == "政策兑现与受益主体"
    assert doc.section("problems").blocks[-1].text == "政策兑现进度偏慢。"
    with pytest.raises(KeyError):
        annual.register_section("appendix", policies)


def test_annual_monitoring_starts_with_the_baseline(engine):
    with pytest.raises(annual.YearError) as e:
        annual.build(Facts(engine), 2020, SOURCE)
    assert e.value.zh == "年度监测从 2021 年基期开始：无法编制 2020 年的监测报告"


# --- the policies' own section (ipzone.policies.annual_section) -----------------------------------


def test_the_policy_section_computes_the_sample_policies_on_a_dataset():
    from fixtures_policies import policy_dataset

    doc = annual.build(Facts(Engine(policy_dataset(), refs=references())), 2023, SOURCE)
    sec = doc.section("policies")
    table = next(sec.tables())
    # tests/fixtures_policies.py, 2023 without a payment record (tests/test_policies_cli.py): 4, 10.5, 10 and 90 万元
    assert [[str(c) if not isinstance(c, Value) else c.text() for c in r[:1] + r[2:6]] for r in table.rows] == [
        ["高价值发明专利授权奖励", "200.00", "4.00", "0.00", "0.00"],
        ["知识产权质押融资担保费补助", "100.00", "10.50", "0.00", "0.00"],
        ["知识产权质押融资保险费补助", "50.00", "10.00", "0.00", "0.00"],
        ["知识产权质押融资贴息", "500.00", "90.00", "0.00", "0.00"],
    ]
    assert sec.blocks[0].text.startswith("2023年共4项奖补政策适用，应享合计114.50万元，已审核待支付0.00万元，已支付0.00万元")
    assert "数据集不含支付记录" in sec.blocks[0].text


def test_the_policy_section_reads_the_platforms_record(facts_2023):
    record = {
        "year": 2023, "unit": "万元",
        "policies": [{"policy": "hv-grant-reward", "title": "高价值发明专利授权奖励", "version": 2, "sample": False, "basis": "文号",
                      "serves": [], "budget": 3.0, "entitled": 5.0, "committed": 2.0, "paid": 1.0, "beneficiaries": 2, "items": 5,
                      "top": [{"uscc": "X", "name": "甲公司", "amount": 3.0}, {"uscc": "Y", "name": "乙公司", "amount": 2.0}]}],
        "totals": {"budget": 3.0, "entitled": 5.0, "committed": 2.0, "paid": 1.0, "beneficiaries": 2},
    }
    source = Source("平台数据库", "数据版本 7", lambda year: record)
    doc = annual.build(facts_2023, 2023, source)
    sec = doc.section("policies")
    tables = list(sec.tables())
    assert [c.text() if isinstance(c, Value) else c for c in tables[0].rows[0]] == ["高价值发明专利授权奖励", "文号", "3.00", "5.00", "2.00", "1.00", "2", "5"]
    assert [[c.text() if isinstance(c, Value) else c for c in r] for r in tables[1].rows] == [["高价值发明专利授权奖励", "甲公司", "3.00"], ["高价值发明专利授权奖励", "乙公司", "2.00"]]
    assert "数据来自平台的政策兑现记录" in sec.blocks[0].text
    assert "“高价值发明专利授权奖励”应享5.00万元，超过年度预算3.00万元，已按比例核减。" in [b.text for b in doc.section("problems").blocks if isinstance(b, Paragraph)]
