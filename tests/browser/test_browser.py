"""The platform in Chromium: what each role sees, the charts, drill-down, import errors, editing,
isolation between enterprises, and the public portal — against ``ipzone serve`` on the fixture zone.

Expected values are the fixture zone's (tests/fixtures.py), worked out by hand: 2021, first-patentee
counting; population 300,000; one in-force high-value invention in the zone at the end of 2021
(201310123450.5: in force since 2016, 2 overseas family grants); satisfaction = mean(82, 78) = 80.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from fixtures import CO_A, CO_B, OLD, valid_tables, write_xlsx

pytestmark = pytest.mark.browser

MAIN = (
    "hv_invention_per_10k", "patent_intensive_va", "ip_pledge_amount", "protection_satisfaction",
    "rd_gdp_ratio", "hitech_enterprises", "ip_budget_share", "ip_service_agencies",
)


def chart_series(page, code: str) -> list[list]:
    """The data ECharts holds for one chart (values, then the annual-target path)."""
    return page.evaluate(
        "code => echarts.getInstanceByDom(document.querySelector(`.chart[data-code=${code}]`)).getOption().series.map(s => s.data)",
        code,
    )


@pytest.mark.parametrize("username", ["admin", "office", "leader"])
def test_dashboard_renders_every_chart_without_console_errors(visit, username):
    v = visit(username)
    page = v.page
    assert v.path() == "/"
    expect(page.locator("h1")).to_have_text("表一 主要指标 · 2021 年 第一权利人")
    expect(page.locator(".card[data-code]")).to_have_count(8)
    assert page.eval_on_selector_all(".card[data-code]", "els => els.map(e => e.dataset.code)") == list(MAIN)
    expect(page.locator(".chart[data-code] svg")).to_have_count(8)
    for code in MAIN:
        chart = page.locator(f".chart[data-code={code}]")
        box = chart.locator("svg").bounding_box()
        assert box["width"] > 200 and box["height"] > 100, code
        assert chart.locator("svg path").count() >= 10, f"{code}: the chart drew nothing"
        labels = chart.locator("svg text").all_text_contents()
        assert {"2021", "2025", "实际值", "年度目标"} <= set(labels), (code, labels)
    card = page.locator(".card[data-code=protection_satisfaction]")
    expect(card.locator(".value")).to_have_text("80.00分")
    expect(card.locator(".status")).to_have_text("达标")
    values, targets = chart_series(page, "protection_satisfaction")
    assert values[0] == 80 and targets == [80, 81.25, 82.5, 83.75, 85]
    values, targets = chart_series(page, "hv_invention_per_10k")
    assert round(values[0], 4) == round(1 / 300_000 * 10_000, 4) and targets[0] == 24 and targets[-1] == 45
    expect(page.locator(".card[data-code=patent_intensive_va] .reason")).to_contain_text("参照表「知识产权（专利）密集型产业统计分类」不可用")
    assert v.errors == []


def test_dashboard_year_and_counting_form(visit):
    v = visit("leader")
    page = v.page
    page.select_option("select[name=counting]", "whole")
    with page.expect_navigation():
        page.click("form.yearform button[type=submit]")
    assert "counting=whole" in page.url
    expect(page.locator("h1")).to_have_text("表一 主要指标 · 2021 年 整体计数")
    expect(page.locator(".chart[data-code] svg")).to_have_count(8)
    assert v.errors == []


def test_drill_down_from_an_indicator_to_its_records(visit):
    v = visit("office")
    page = v.page
    with page.expect_navigation():
        page.click(".card[data-code=hv_invention_per_10k] .value a")
    assert v.path() == "/monitoring/explain/hv_invention_per_10k/?year=2021&counting=first"
    expect(page.locator("h1")).to_have_text("每万人口高价值发明专利拥有量 · 2021 年 = 0.03 件")
    expect(page.locator("table.fields")).to_contain_text("常住人口")
    rows = page.locator("table.data tbody tr")
    expect(rows).to_have_count(1)
    expect(page.locator("table.data thead")).to_contain_text("满足条件")
    expect(rows.first).to_contain_text("海外有同族专利权")
    with page.expect_navigation():
        rows.first.get_by_role("link", name=OLD).click()
    assert v.path().startswith("/patents/patent/")
    expect(page.locator("h1")).to_contain_text("一种煤层气抽采方法")
    expect(page.locator("table.fields")).to_contain_text("E21B 43/00")
    page.go_back()
    with page.expect_navigation():
        page.click("p.crumbs a")  # back to the dashboard, same year and counting
    expect(page.locator("h1")).to_have_text("表一 主要指标 · 2021 年 第一权利人")
    # a task indicator: 任务10's patent awards (CO_B's 中国专利奖 of 2021)
    awards = page.locator("table.tasks tr[data-task='10'][data-code=patent_awards]")
    expect(awards.locator("td.num a")).to_have_text("1")
    with page.expect_navigation():
        awards.locator("td.num a").click()
    expect(page.locator("h1")).to_contain_text("专利奖获奖数 · 2021 年 = 1")
    expect(page.locator("table.data tbody tr")).to_have_count(1)
    expect(page.locator("table.data tbody")).to_contain_text("中国专利奖")
    assert v.errors == []


def broken_workbook() -> Path:
    tables = valid_tables()
    tables["surveys"][0]["score"] = "101"  # row 2 of 保护满意度调查
    tables["entities"][1]["uscc"] = "91140100MA0H12345X"  # row 3 of 创新主体: wrong check character
    return write_xlsx(Path(tempfile.mkdtemp(prefix="ipzone-browser-upload-")) / "园区数据2021.xlsx", tables)


def test_import_page_shows_cell_errors_and_offers_them_as_a_workbook(visit):
    v = visit("office")
    page = v.page
    v.goto("/monitoring/import/")
    page.set_input_files("input[name=file]", str(broken_workbook()))
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    expect(page.locator("h2.behind-text")).to_contain_text("园区数据2021.xlsx：发现")
    expect(page.locator("h2.behind-text")).to_contain_text("未导入任何数据")
    findings = page.locator("table.findings tbody tr")
    texts = findings.all_inner_texts()
    score = next(t for t in texts if "保护满意度调查" in t)
    assert "\t2\t" in score and "101 不在 0–100 之间" in score and "101 is not between 0 and 100" in score, score
    uscc = next(t for t in texts if "91140100MA0H12345X" in t)
    assert "创新主体" in uscc and "\t3\t" in uscc and "校验位错误" in uscc, uscc
    with page.expect_download() as download:
        page.get_by_role("link", name="下载错误清单（.xlsx）").click()
    assert download.value.suggested_filename == "导入错误清单.xlsx"
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = [tuple(c or "" for c in r) for r in book["错误清单"].iter_rows(values_only=True)]
    assert rows[0][:7] == ("级别", "表", "表名", "行", "列", "值", "问题")
    survey_rows = [r for r in rows if r[1] == "surveys"]
    assert [(r[0], r[3], r[5]) for r in survey_rows] == [("错误", "2", "101")]
    assert "101 不在 0–100 之间" in survey_rows[0][6]
    assert len(rows) - 1 == len(texts)
    # nothing was loaded: the dashboard still shows the fixture's values
    v.goto("/")
    expect(page.locator(".card[data-code=protection_satisfaction] .value")).to_have_text("80.00分")


def test_office_edits_a_row_and_sees_the_error_for_a_bad_cell(visit, server):
    v = visit("office")
    page = v.page
    v.goto("/protection/survey/?q=S2021-0001")
    with page.expect_navigation():
        page.locator("table.data tbody tr").first.locator("a").first.click()
    detail = v.path()
    assert detail.startswith("/protection/survey/")
    page.get_by_role("link", name="修改").click()
    page.wait_for_url(server.url + detail + "edit/")
    score = page.locator("input[name=score]")
    expect(score).to_have_value("82")

    def submit(value: str) -> None:
        page.locator("input[name=score]").fill(value)
        page.click("form.edit button[type=submit]")

    try:
        submit("101")
        invalid = page.locator("tr.invalid")
        expect(invalid).to_have_count(1)
        expect(invalid.locator(".errorlist")).to_have_text("101 不在 0–100 之间 / 101 is not between 0 and 100")
        submit("88")
        page.wait_for_url(server.url + detail)
        expect(page.locator(".messages")).to_contain_text("已保存")
        expect(page.locator("table.fields")).to_contain_text("88")
        v.goto("/")  # the dashboard follows the edit: mean(88, 78) = 83
        expect(page.locator(".card[data-code=protection_satisfaction] .value")).to_have_text("83.00分")
    finally:  # put it back for the other tests
        v.goto(detail + "edit/")
        submit("82")
        page.wait_for_url(server.url + detail)
    v.goto(detail + "history/")
    expect(page.locator("main")).to_contain_text("网页编辑")
    assert v.errors == []


def test_enterprise_and_agency_land_on_their_own_page(visit):
    a = visit("ent_a")
    expect(a.page.locator("h1")).to_have_text("山西晋创新材料科技有限公司")
    assert a.path().startswith("/entities/entity/")
    expect(a.page.locator("main")).to_contain_text("202110123456.7")  # its patent
    expect(a.page.locator("main")).to_contain_text("Y2021980001234")  # its pledge
    expect(a.page.locator(".sidebar")).not_to_contain_text("数据导入")
    expect(a.page.locator("table.ip-index tr[data-year='2021'] td.num")).to_have_text("0")  # 高新技术企业 weighs 0
    assert a.errors == []
    agency = visit("agency")
    expect(agency.page.locator("h1")).to_have_text("示范区知识产权代理事务所")
    assert agency.path().startswith("/services/agency/")
    assert agency.errors == []


def test_enterprise_cannot_reach_another_enterprise_by_url_or_api(visit):
    b = visit("ent_b")
    b_entity = b.path()
    b_patents = b.page.evaluate("fetch('/api/patents').then(r => r.json())")
    b_patent = next(p["id"] for p in b_patents["items"] if p["application_no"] == OLD)

    a = visit("ent_a")
    page = a.page
    assert a.path() != b_entity
    own = a.path()
    response = a.goto(b_entity)
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text("示范区智能装备有限公司")
    assert a.goto(f"/patents/patent/{b_patent}/").status == 404
    assert a.goto(f"/patents/patent/{b_patent}/history/").status == 404
    b_id = b_entity.rstrip("/").rsplit("/", 1)[1]
    api = page.evaluate(
        """async ([entity, patent]) => {
            const status = async url => (await fetch(url)).status;
            const list = await (await fetch('/api/entities')).json();
            return {entity: await status(`/api/entities/${entity}`), patent: await status(`/api/patents/${patent}`),
                    list: list.items.map(e => e.uscc), indicators: await status('/api/indicators?year=2021')};
        }""",
        [b_id, b_patent],
    )
    assert api == {"entity": 404, "patent": 404, "list": [CO_A], "indicators": 403}
    assert CO_B not in api["list"]
    # and it may not write, not even to its own row
    assert a.goto(own + "edit/").status == 403
    assert a.goto("/monitoring/import/").status == 403


def test_leader_reads_everything_but_changes_nothing(visit):
    v = visit("leader")
    assert v.goto("/monitoring/import/").status == 403
    v.goto("/entities/entity/")
    expect(v.page.locator("table.data tbody tr")).to_have_count(4)
    expect(v.page.get_by_role("link", name="修改")).to_have_count(0)
    v.page.locator("table.data tbody tr a").first.click()
    expect(v.page.get_by_role("link", name="修改")).to_have_count(0)


def test_public_portal_anonymously(visit):
    v = visit()
    page = v.page
    v.goto("/")
    assert v.path().startswith("/login/")
    with page.expect_navigation():
        page.get_by_role("link", name="不登录，查看公开门户 →").click()
    assert v.path() == "/public/"
    expect(page.locator("h1")).to_contain_text("2021 年主要指标")
    expect(page.locator(".card[data-code]")).to_have_count(8)
    expect(page.locator(".card[data-code=protection_satisfaction] .value")).to_have_text("80.00分")
    expect(page.locator("main")).to_contain_text("示范区知识产权代理事务所")
    expect(page.locator("main")).to_contain_text("2021年世界知识产权日宣传活动")
    expect(page.locator("main")).not_to_contain_text(CO_A)
    assert v.errors == []
    api = page.evaluate(
        """async () => ({
            patents: (await fetch('/api/patents')).status,
            entity: (await fetch('/entities/entity/', {redirect: 'manual'})).type,
            public: (await (await fetch('/api/public/agencies')).json()),
        })"""
    )
    assert api["patents"] == 401
    assert api["entity"] == "opaqueredirect"  # to the login page
    assert api["public"] == [{"name": "示范区知识产权代理事务所", "services": ["代理", "咨询"], "joined_on": "2019-05-01"}]
