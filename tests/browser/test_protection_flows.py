"""Protection flows in Chromium, against ``ipzone serve`` over the fixture zone (tests/browser/conftest.py):

(a) the office refuses an enterprise's request with a reason the enterprise then reads, and an
    enterprise withdraws its own request before acceptance;
(b) a case the office registers is transferred to a court (行政与司法衔接), the transfer shown on
    the case, and comes back entrusted for mediation;
(c) a typical case published on the portal and withdrawn by the office disappears from it;
(d) the enterprise reads its own credit grade, its reasons and its next inspection on its entity
    page; another enterprise sees neither.

Each flow is one test: it does every step itself, so the tests do not depend on their order.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from fixtures import CO_A, CO_B
from steps import submit

pytestmark = pytest.mark.browser

TODAY = dt.date.today()  # the server's "today" too: it runs on this machine's clock
PDF = b"%PDF-1.4\n% test\n%%EOF\n"


def file_request(v, respondent: str, kind: str = "维权援助") -> str:
    """The enterprise files a request online; returns its page's path."""
    page = v.page
    v.goto("/protection/proceeding/request/")
    page.select_option("[name=kind]", kind)
    page.select_option("[name=right_kind]", "专利")
    page.fill("[name=respondent]", respondent)
    page.fill("[name=facts]", "对方销售的产品落入我司专利保护范围。")
    page.fill("[name=claims]", "请求协助维权。")
    page.fill("[name=contact_name]", "王经理")
    page.fill("[name=contact_phone]", "13903511234")
    page.set_input_files("[name=files]", files=[{"name": "申请书.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    submit(page, "form.edit button[type=submit]")
    assert re.fullmatch(r"/protection/proceeding/\d+/", v.path()), v.path()
    expect(page.locator("h1 .stage")).to_have_text("待受理")
    return v.path()


# --- (a) refused with a reason; withdrawn by the enterprise ----------------------------------------

REASON = "不属于本办公室受理范围，请向网络平台投诉。"


def test_the_office_refuses_a_request_and_the_enterprise_reads_why(visit):
    a = visit("ent_a")
    path = file_request(a, "某某网店")
    office = visit("office")
    page = office.page
    office.goto(path)
    page.fill("form[data-action=reject] [name=reject-on]", TODAY.isoformat())
    page.fill("form[data-action=reject] [name=reject-note]", REASON)
    submit(page, "form[data-action=reject] button[type=submit]")
    expect(page.locator("ul.messages li")).to_have_text("已决定不予受理")
    expect(page.locator("h1 .stage")).to_have_text("不予受理")
    expect(page.locator("form[data-action]")).to_have_count(0)
    assert office.errors == []

    a.goto(path)
    expect(a.page.locator("h1 .stage")).to_have_text("不予受理")
    last = a.page.locator("table.timeline tbody tr").last
    expect(last.locator("td").first).to_have_text("不予受理")
    expect(last).to_contain_text(REASON)
    expect(a.page.locator("form[data-action]")).to_have_count(0)  # nothing to add to a refused request
    assert visit("ent_b").goto(path).status == 404
    assert a.errors == []


def test_an_enterprise_withdraws_its_own_request(visit):
    a = visit("ent_a")
    page = a.page
    path = file_request(a, "某某五金店", kind="纠纷调解")
    b = visit("ent_b")
    assert b.goto(path).status == 404  # not another enterprise's to see, nor to withdraw
    page.fill("form[data-action=withdraw] [name=withdraw-note]", "双方已自行和解")
    submit(page, "form[data-action=withdraw] button[type=submit]")
    expect(page.locator("ul.messages li")).to_have_text("申请已撤回")
    expect(page.locator("h1 .stage")).to_have_text("已撤回")
    expect(page.locator("table.timeline tbody tr").last).to_contain_text("双方已自行和解")
    expect(page.locator("form[data-action]")).to_have_count(0)
    assert a.errors == []
    office = visit("office")
    office.goto(path)
    expect(office.page.locator("h1 .stage")).to_have_text("已撤回")
    expect(office.page.locator("form[data-action=accept]")).to_have_count(0)  # too late to accept


# --- (b) 行政与司法衔接: a case sent to the court and entrusted back --------------------------------

COURT = "太原市中级人民法院"
LETTER = "晋泽市监移〔2026〕7号"


def test_a_case_transferred_to_a_court_shows_the_transfer(visit):
    office = visit("office")
    page = office.page
    office.goto("/protection/proceeding/register/")
    page.select_option("[name=source]", "office")
    page.select_option("[name=kind]", "行政执法")
    page.select_option("[name=right_kind]", "商标")
    page.fill("[name=holder]", "某知名品牌有限公司")
    page.fill("[name=respondent]", "晋泽市某某批发部")
    page.fill("[name=facts]", "市场检查发现大量假冒注册商标商品。")
    page.fill("[name=case_no]", "晋泽市监知罚〔2026〕901号")
    page.fill("[name=accepted_on]", TODAY.isoformat())
    submit(page, "form.edit button[type=submit]")
    assert re.fullmatch(r"/protection/proceeding/\d+/", office.path()), office.path()
    expect(page.locator("h1 .stage")).to_have_text("受理")
    expect(page.locator("table.transfers")).to_have_count(0)

    page.fill("form[data-action=move] [name=move-on]", TODAY.isoformat())
    page.select_option("form[data-action=move] [name=move-to]", "transferred")
    page.select_option("form[data-action=move] [name=move-body_kind]", "人民法院")
    page.fill("form[data-action=move] [name=move-body]", COURT)
    page.fill("form[data-action=move] [name=move-reference]", LETTER)
    page.fill("form[data-action=move] [name=move-note]", "涉嫌犯罪，移送审理")
    submit(page, "form[data-action=move] button[type=submit]")
    expect(page.locator("h1 .stage")).to_have_text("移送")
    cells = page.locator("table.transfers tbody tr td").all_text_contents()
    assert cells == ["移出", "人民法院", COURT, TODAY.isoformat(), LETTER, "—"], cells

    page.fill("form[data-action=move] [name=move-on]", TODAY.isoformat())
    page.select_option("form[data-action=move] [name=move-to]", "mediation")
    page.fill("form[data-action=move] [name=move-note]", "法院委托调解")
    submit(page, "form[data-action=move] button[type=submit]")
    expect(page.locator("h1 .stage")).to_have_text("调解")
    cells = page.locator("table.transfers tbody tr td").all_text_contents()
    assert cells == ["移出", "人民法院", COURT, TODAY.isoformat(), LETTER, TODAY.isoformat()], cells  # returned today
    stages = page.locator("table.timeline tbody tr td:first-child").all_text_contents()
    assert stages == ["受理", "移送", "调解"], stages
    assert office.errors == []


# --- (c) a typical case withdrawn from the portal disappears from it -------------------------------

TITLE = "销售侵犯专利权商品行政裁决案"


def test_a_typical_case_withdrawn_by_the_office_leaves_the_portal(visit):
    office = visit("office")
    page = office.page
    office.goto("/protection/typicalcase/add/?case=ZSJ2021-001")  # the fixture zone's closed 行政裁决
    expect(page.locator("[name=case]")).to_have_value("ZSJ2021-001")
    page.fill("[name=title]", TITLE)
    page.fill("[name=summary]", "权利人请求处理专利侵权纠纷，办公室经口头审理裁决侵权成立。")
    page.fill("[name=significance]", "裁决及时，制止侵权。")
    submit(page, "form.edit button[type=submit]")
    assert re.fullmatch(r"/protection/typicalcase/\d+/", office.path()), office.path()
    public_path = office.path().replace("/protection/typicalcase/", "/public/cases/")
    submit(page, "button:has-text('发布到公开门户')")
    expect(page.locator("ul.messages li")).to_have_text("已发布到公开门户")

    anonymous = visit()
    anonymous.goto("/public/cases/")
    rows = anonymous.page.locator("table.typical-cases tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td").first).to_have_text(TITLE)
    assert anonymous.goto(public_path).status == 200
    assert [c["title"] for c in anonymous.page.request.get(anonymous.base + "/api/public/typical-cases").json()] == [TITLE]

    submit(page, "button:has-text('从门户撤回')")
    expect(page.locator("ul.messages li")).to_have_text("已从公开门户撤回")
    expect(page.locator("button:has-text('发布到公开门户')")).to_have_count(1)
    assert office.errors == []

    anonymous.goto("/public/cases/")
    expect(anonymous.page.locator("table.typical-cases tbody tr")).to_have_text("暂无")
    anonymous.goto("/public/")
    expect(anonymous.page.locator("main")).not_to_contain_text(TITLE)
    assert anonymous.page.request.get(anonymous.base + "/api/public/typical-cases").json() == []
    assert anonymous.errors == []
    assert anonymous.goto(public_path).status == 404


# --- (d) the enterprise's own credit grade, reasons and next inspection on its entity page ---------


def test_the_enterprise_reads_its_own_grade_on_its_entity_page(visit):
    office = visit("office")
    page = office.page
    # the office lists A for 4 abnormal patent filings today: 90 − 4 × 5 = 70, grade C (every 6 months)
    office.goto("/protection/filinglisting/add/")
    page.fill("[name=uscc]", CO_A)
    page.select_option("[name=kind]", "非正常专利申请")
    page.fill("[name=listed_on]", TODAY.isoformat())
    page.fill("[name=count]", "4")
    page.fill("[name=reference]", "国知办函运字〔2026〕12号")
    submit(page, "form.edit button[type=submit]")
    # and records an inspection of A on 31 August 2025: 6 months on, the next is due 28 February 2026
    office.goto(f"/protection/inspection/add/?uscc={CO_A}")
    expect(page.locator("[name=uscc]")).to_have_value(CO_A)
    page.fill("[name=record_no]", "JC2025-031")
    page.fill("[name=inspected_on]", "2025-08-31")
    page.select_option("[name=kind]", "双随机抽查")
    page.fill("[name=inspectors]", "张某;李某")
    page.select_option("[name=result]", "未发现问题")
    submit(page, "form.edit button[type=submit]")
    assert re.fullmatch(r"/protection/inspection/\d+/", office.path()), office.path()
    inspection = office.path()
    assert office.errors == []

    a = visit("ent_a")  # an enterprise lands on its own entity page
    assert re.fullmatch(r"/entities/entity/\d+/", a.path()), a.path()
    a_page = a.path()
    credit = a.page.locator("table.credit")
    expect(credit.locator("[data-grade]")).to_have_text("C 关注")
    expect(credit.locator("td.reasons")).to_contain_text("非正常专利申请（办公室列入名单） ×4（-20）：非正常专利申请 4 件")
    expect(credit).to_contain_text("每半年一次（每 6 个月）")
    expect(credit.locator("td.last-inspection")).to_have_text("2025-08-31")
    expect(credit.locator("td.next-due")).to_contain_text("2026-02-28")
    expect(credit.locator("td.next-due .badge.overdue")).to_contain_text("逾期")
    expect(a.page.locator("main")).to_contain_text("JC2025-031")
    assert a.goto(inspection).status == 200
    assert a.errors == []

    b = visit("ent_b")
    b_page = b.path()
    assert b_page != a_page
    expect(b.page.locator("table.credit [data-grade]")).to_have_text("B 一般")
    expect(b.page.locator("table.credit td.reasons")).to_have_text("统计期内没有影响信用的记录")
    expect(b.page.locator("table.credit td.next-due")).to_have_text("应即检查（从未检查）")
    for secret in ("非正常专利申请", "JC2025-031", "C 关注"):
        expect(b.page.locator("main")).not_to_contain_text(secret)
    assert b.errors == []
    assert b.goto(a_page).status == 404
    assert b.goto(f"/protection/credit/{CO_A}/").status == 404
    assert b.goto(inspection).status == 404
    grades = b.page.request.get(b.base + "/api/credit-grades").json()["grades"]
    assert [g["uscc"] for g in grades] == [CO_B]
