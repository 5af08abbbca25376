"""The workflows of issues 7 and 8 in Chromium, against ``ipzone serve``: 政策兑现 from computation
to payment, a 维权援助 request from intake to closure, a department's quarterly progress report, and
a typical case published without personal data.

One server for the whole module (its own ``server`` fixture, so tests/browser/test_browser.py keeps
its own). It serves the hand-computed policy zone (tests/fixtures_policies.py, year 2023) rather
than the fixture zone of test_browser.py: the sample policies are valid 2023–2025 and the fixture
zone's only pledge is of 2021, so nothing there would be entitled. The plan's task list is seeded
(``LiveServer(seed_plan=True)``) so that department accounts exist.

The tests of one workflow share state and run in file order (pytest's default): a later step
reads what an earlier one stored in ``STATE`` (the computation's and entitlements' addresses,
the request's address), and skips, saying why, when that step did not run. Expected values are
the policy zone's, worked out by hand in tests/fixtures_policies.py: pledge-interest-subsidy for
2023 entitles E1 (甲公司) to 50 万元 (PL1 19.98 + PL2 20 + PL3 cut to 10.02 by the 50 cap) and
E2 (乙公司) to 40 万元, 90 万元 in all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
from pathlib import Path

import pytest
from fixtures_engine import E1, E2, PI_ROWS, SEI_ROWS
from fixtures_policies import policy_dataset
from openpyxl import load_workbook
from playwright.sync_api import expect

from steps import need, submit
from ipzone.convert import write_parquet
from ipzone.web.liveserver import CHROMIUM, LiveServer, chromium_path

pytestmark = pytest.mark.browser

USERS = {
    "office": ("office", None),
    "leader": ("leader", None),
    "ent_a": ("enterprise", E1),
    "ent_b": ("enterprise", E2),
    "dep_market": ("department", "market"),
    "dep_committee": ("department", "committee"),
}
TODAY = dt.date.today()  # the server's "today" too: it runs on this machine's clock
STATE: dict[str, str] = {}
PDF = b"%PDF-1.4\n% test\n%%EOF\n"


def policy_zone() -> Path:
    """The policy zone as Parquet, with the stand-in reference tables through its ipzone.toml."""
    folder = Path(tempfile.mkdtemp(prefix="ipzone-browser-policies-"))
    zone = folder / "zone"
    write_parquet(policy_dataset(), zone)
    refs = folder / "refs"
    refs.mkdir()
    for name, rows in (("sei.csv", SEI_ROWS), ("pi.csv", PI_ROWS)):
        with (refs / name).open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    (zone / "ipzone.toml").write_text(
        '[references]\nsei = {path = "../refs/sei.csv", edition = "测试版 2021", coverage = "complete"}\n'
        'patent_intensive = {path = "../refs/pi.csv", edition = "测试版 2019", coverage = "partial"}\n',
        encoding="utf-8",
    )
    return zone


@pytest.fixture(scope="module")
def server():
    if chromium_path() is None:
        pytest.skip(f"Chromium not found at {CHROMIUM}: `make install` installs Debian's chromium as root (scripts/system-deps)")
    with LiveServer(policy_zone(), USERS, seed_plan=True) as live:
        yield live


def message(page):
    return page.locator("ul.messages li")


def cell(page, table: str, row_text: str, header: str):
    """The cell of ``table``'s row containing ``row_text``, in the column headed ``header``."""
    headers = page.locator(f"{table} thead th").all_text_contents()
    return page.locator(f"{table} tbody tr", has_text=row_text).locator("td").nth(headers.index(header))


# --- 政策兑现: compute → (B cannot touch A's) → A confirms → approve → announce → export → pay ---------


def test_office_computes_the_pledge_interest_subsidy(visit):
    v = visit("office")
    page = v.page
    v.goto("/policies/")
    with page.expect_navigation():
        page.click("tr[data-policy=pledge-interest-subsidy] a")
    expect(page.locator("h1")).to_contain_text("知识产权质押融资贴息")
    page.fill("form.compute input[name=year]", "2023")
    page.fill("form.compute input[name=as_of]", "2023-12-31")
    submit(page, "form.compute button[type=submit]")
    expect(message(page)).to_have_text("已核算：2 户，合计 90 万元")
    assert v.path().startswith("/policies/computation/")
    expect(page.locator("h1 .count")).to_contain_text("合计 90 万元")
    rows = page.locator("table.entitlements tbody tr")
    expect(rows).to_have_count(2)
    a = rows.filter(has_text="甲公司")
    expect(cell(page, "table.entitlements", "甲公司", "金额（万元）")).to_have_text("50")
    expect(cell(page, "table.entitlements", "甲公司", "项目数")).to_have_text("3")
    expect(cell(page, "table.entitlements", "甲公司", "状态")).to_have_text("待确认")
    expect(cell(page, "table.entitlements", "乙公司", "金额（万元）")).to_have_text("40")
    STATE["computation"] = v.path()
    STATE["ent_a"] = a.locator("a").get_attribute("href")
    STATE["ent_b"] = rows.filter(has_text="乙公司").locator("a").get_attribute("href")
    assert v.errors == []


def test_another_enterprise_cannot_open_or_confirm_a_s_entitlement(visit):
    need(STATE, "ent_a", "ent_b")
    b = visit("ent_b")
    page = b.page
    assert b.goto(STATE["ent_a"]).status == 404
    # B's own form, pointed at A's entitlement: the server answers 404 and stores nothing
    assert b.goto(STATE["ent_b"]).status == 200
    expect(page.locator("h1 .status")).to_have_text("待确认")
    page.eval_on_selector("form.confirm", "(f, url) => f.action = url", STATE["ent_a"] + "confirm/")
    fill_confirm(page, "乙公司", "6222 9999 8888 7777")
    with page.expect_navigation() as nav:
        page.click("form.confirm button[type=submit]")
    assert nav.value.status == 404
    office = visit("office")
    office.goto(STATE["ent_a"])
    expect(office.page.locator("h1 .status")).to_have_text("待确认")
    expect(office.page.locator("table.fields")).not_to_contain_text("收款信息")
    expect(office.page.locator("table.fields")).not_to_contain_text("6222")
    assert office.errors == []


def fill_confirm(page, account_name: str, account: str) -> None:
    page.fill("form.confirm [name=bank_account_name]", account_name)
    page.fill("form.confirm [name=bank_name]", "某银行太原分行")
    page.fill("form.confirm [name=bank_account]", account)
    page.fill("form.confirm [name=contact_name]", "张经理")
    page.fill("form.confirm [name=contact_phone]", "0351-1234567")


def test_the_enterprise_confirms_with_bank_account_and_contact(visit):
    need(STATE, "ent_a")
    v = visit("ent_a")
    page = v.page
    v.goto("/policies/entitlement/")
    expect(page.locator("main")).to_contain_text("甲公司")
    expect(page.locator("main")).not_to_contain_text("乙公司")
    with page.expect_navigation():
        page.click(f"a[href='{STATE['ent_a']}']")
    expect(page.locator("table.items tbody tr")).to_have_count(3)  # PL1, PL2, PL3
    fill_confirm(page, "甲公司", "6222 0000 1111 2222")
    submit(page, "form.confirm button[type=submit]")
    expect(message(page)).to_have_text("已确认，等待办公室审核")
    expect(page.locator("h1 .status")).to_have_text("已确认")
    expect(page.locator("table.fields")).to_contain_text("甲公司 · 某银行太原分行 · 6222000011112222")
    expect(page.locator("table.fields")).to_contain_text("张经理 0351-1234567")
    assert v.errors == []


def test_office_approves_announces_exports_and_pays(visit):
    need(STATE, "computation", "ent_a")
    v = visit("office")
    page = v.page
    v.goto(STATE["computation"])
    boxes = page.locator("table.entitlements input[name=ids]")
    expect(boxes).to_have_count(1)  # only the confirmed one can be reviewed; B has not answered
    boxes.check()
    page.select_option("#review-form select[name=decision]", "approve")
    page.fill("#review-form [name=reason]", "核对无误")
    submit(page, "#review-form button[type=submit]")
    expect(message(page)).to_have_text("已核准 1 户")
    expect(cell(page, "table.entitlements", "甲公司", "状态")).to_have_text("已核准")
    # an announcement that started ten days ago and lasted seven: over, so A is payable
    starts = TODAY - dt.timedelta(days=10)
    page.fill("form.announce [name=starts_on]", starts.isoformat())
    page.fill("form.announce [name=days]", "7")
    submit(page, "form.announce button[type=submit]")
    expect(message(page)).to_have_text(f"已发布公示：{starts} 至 {starts + dt.timedelta(days=6)}，1 户")
    payable = page.locator("form.pay fieldset label")
    expect(payable).to_have_count(1)
    expect(payable).to_have_text("甲公司（50 万元）")
    # the payment list, downloaded and read back
    with page.expect_download() as download:
        page.click("a.button[href$='payment-list.xlsx']")
    assert download.value.suggested_filename.endswith(".xlsx"), download.value.suggested_filename
    wb = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    payees = list(wb["支付清单"].iter_rows(values_only=True))
    assert payees[0][:7] == ("序号", "政策", "年度", "统一社会信用代码", "名称", "金额（万元）", "金额（元）")
    assert len(payees) == 2, payees
    row = payees[1]
    assert (row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10], row[11]) == (
        E1, "甲公司", 50, 500000, "甲公司", "某银行太原分行", "6222000011112222", "张经理", "0351-1234567")
    items = list(wb["支付明细"].iter_rows(values_only=True))
    assert sorted((r[3], r[6]) for r in items[1:]) == [("PL1", 19.98), ("PL2", 20), ("PL3", 10.02)]
    # pay
    page.fill("form.pay [name=paid_on]", TODAY.isoformat())
    page.fill("form.pay [name=reference]", "PZ-2024-007")
    submit(page, "form.pay button[type=submit]")
    expect(message(page)).to_have_text("已登记支付 1 户")
    expect(cell(page, "table.entitlements", "甲公司", "状态")).to_have_text("已支付")
    expect(cell(page, "table.entitlements", "乙公司", "状态")).to_have_text("待确认")
    v.goto("/policies/payment/?policy=pledge-interest-subsidy")
    expect(page.locator("h1 .count")).to_have_text("3 项 · 合计 50 万元")
    expect(page.locator("main")).to_contain_text("PZ-2024-007")
    assert v.errors == []
    a = visit("ent_a")
    a.goto(STATE["ent_a"])
    expect(a.page.locator("h1 .status")).to_have_text("已支付")
    expect(a.page.locator("table.fields")).to_contain_text(f"{TODAY}，凭证号 PZ-2024-007")
    assert a.errors == []


def test_b_disputes_with_an_attachment_and_the_office_rejects(visit):
    need(STATE, "computation", "ent_b")
    b = visit("ent_b")
    page = b.page
    b.goto(STATE["ent_b"])
    page.fill("form.dispute [name=reason]", "PL8 的金额有误")
    page.set_input_files("form.dispute [name=attachments]", files=[{"name": "说明.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    submit(page, "form.dispute button[type=submit]")
    expect(message(page)).to_have_text("异议已提交，等待办公室审核")
    expect(page.locator("h1 .status")).to_have_text("有异议")
    expect(page.locator("table.fields")).to_contain_text("PL8 的金额有误")
    link = page.locator("ul.attachments a")
    expect(link).to_have_text("说明.pdf")
    href = link.get_attribute("href")
    assert page.request.get(b.base + href).body() == PDF
    assert b.errors == []
    assert visit("ent_a").goto(href).status == 404  # another enterprise's attachment
    office = visit("office")
    opage = office.page
    office.goto(STATE["computation"])
    boxes = opage.locator("table.entitlements input[name=ids]")
    expect(boxes).to_have_count(1)  # 甲公司 is paid; only 乙公司's dispute is open
    boxes.check()
    opage.select_option("#review-form select[name=decision]", "reject")
    opage.fill("#review-form [name=reason]", "金额按登记金额核算，无误")
    submit(opage, "#review-form button[type=submit]")
    expect(message(opage)).to_have_text("已不予核准 1 户")
    expect(cell(opage, "table.entitlements", "乙公司", "状态")).to_have_text("不予核准")
    expect(cell(opage, "table.entitlements", "乙公司", "异议 / 审核理由")).to_have_text("异议：PL8 的金额有误 审核：金额按登记金额核算，无误")
    assert office.errors == []


# --- 维权援助: A files a request with a PDF → the office accepts, investigates, mediates, closes ------

CASE_NO = "晋泽维援〔2025〕12号"


def test_an_enterprise_files_a_rights_assistance_request(visit):
    v = visit("ent_a")
    page = v.page
    v.goto("/protection/proceeding/request/")
    expect(page.locator("h1")).to_have_text("在线申请维权援助或纠纷调解")
    expect(page.locator("main")).to_contain_text(f"申请人（权利人）：甲公司（{E1}）")
    page.select_option("[name=kind]", "维权援助")
    page.select_option("[name=right_kind]", "商标")
    page.fill("[name=respondent]", "晋泽市某某商行")
    page.fill("[name=facts]", "对方销售假冒我司商标的商品。")
    page.fill("[name=claims]", "请求协助维权。")
    page.fill("[name=contact_name]", "王经理")
    page.fill("[name=contact_phone]", "13903511234")
    page.set_input_files("[name=files]", files=[{"name": "申请书.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    submit(page, "form.edit button[type=submit]")
    assert v.path().startswith("/protection/proceeding/"), v.path()
    expect(page.locator("h1 .stage")).to_have_text("待受理")
    expect(page.locator("table.documents tbody tr")).to_have_count(1)
    expect(page.locator("table.documents tbody tr")).to_contain_text("申请书.pdf")
    expect(page.locator("form[data-action=withdraw]")).to_have_count(1)
    expect(page.locator("form[data-action=accept]")).to_have_count(0)
    STATE["proceeding"] = v.path()
    # the file comes back as uploaded
    href = page.locator("table.documents tbody a").get_attribute("href")
    assert page.request.get(v.base + href).body() == PDF
    assert v.errors == []


def test_another_enterprise_gets_404_on_the_request(visit):
    need(STATE, "proceeding")
    b = visit("ent_b")
    assert b.goto(STATE["proceeding"]).status == 404
    b.goto("/protection/proceeding/")
    expect(b.page.locator("main")).not_to_contain_text("晋泽市某某商行")


def test_the_office_accepts_moves_and_closes_the_request(visit):
    need(STATE, "proceeding")
    v = visit("office")
    page = v.page
    v.goto(STATE["proceeding"])
    today = TODAY.isoformat()
    page.fill("form[data-action=accept] [name=accept-on]", today)
    page.fill("form[data-action=accept] [name=accept-case_no]", CASE_NO)
    submit(page, "form[data-action=accept] button[type=submit]")
    expect(page.locator("h1 .stage")).to_have_text("受理")
    for stage, label, note in (("investigation", "调查", "调取证据"), ("mediation", "调解", "组织双方调解")):
        page.fill("form[data-action=move] [name=move-on]", today)
        page.select_option("form[data-action=move] [name=move-to]", stage)
        page.fill("form[data-action=move] [name=move-note]", note)
        submit(page, "form[data-action=move] button[type=submit]")
        expect(page.locator("h1 .stage")).to_have_text(label)
    page.fill("form[data-action=close] [name=close-on]", today)
    page.select_option("form[data-action=close] [name=close-outcome]", "调解成功")
    page.fill("form[data-action=close] [name=close-amount]", "2.5")
    page.fill("form[data-action=close] [name=close-note]", "达成调解协议")
    submit(page, "form[data-action=close] button[type=submit]")
    expect(page.locator("h1 .stage")).to_have_text("结案")
    stages = page.locator("table.timeline tbody tr td:first-child").all_text_contents()
    assert stages == ["待受理", "受理", "调查", "调解", "结案"], stages
    expect(page.locator("p.actions a.button")).to_have_text("写成典型案例")
    assert v.errors == []


def test_the_enterprise_sees_its_request_closed(visit):
    need(STATE, "proceeding")
    v = visit("ent_a")
    page = v.page
    v.goto(STATE["proceeding"])
    expect(page.locator("h1 .stage")).to_have_text("结案")
    expect(page.locator("table.timeline")).to_contain_text("达成调解协议")
    expect(page.locator("form[data-action]")).to_have_count(0)  # nothing left to do, not even to add files
    v.goto("/protection/proceeding/")
    expect(page.locator("main")).to_contain_text("晋泽市某某商行")
    assert v.errors == []


# --- 任务清单: a department's quarterly report, private while a draft --------------------------------

REPORT = "完成新材料产业专利导航立项"
HEADING = "7 2025年第1季度（市场监管局）"


def test_a_department_fills_a_quarterly_report_as_a_draft(visit):
    v = visit("dep_market")
    page = v.page
    assert v.path() == "/programme/mine/"  # a department lands on its own page
    expect(page.locator("main")).to_contain_text("示范区市场监督管理局（领导小组办公室）")
    with page.expect_navigation():
        page.click("a.button[href='/programme/progressreport/add/']")
    task7 = page.locator("select[name=task] option", has_text=re.compile(r"^7 "))
    page.select_option("select[name=task]", task7.get_attribute("value"))
    page.fill("[name=year]", "2025")
    page.select_option("[name=quarter]", "1")
    page.fill("[name=percent]", "40")
    page.select_option("[name=flag]", "正常推进")
    page.fill("[name=content]", REPORT)
    page.fill("[name=next_steps]", "开展专利检索分析")
    submit(page, "form.edit button[name=save]")
    assert re.fullmatch(r"/programme/progressreport/\d+/", v.path()), v.path()
    expect(page.locator("h1")).to_have_text(HEADING)
    expect(page.locator("span.status")).to_have_text("草稿")
    expect(page.locator("table.fields")).to_contain_text(REPORT)
    expect(page.locator("table.fields")).to_contain_text("开展专利检索分析")
    STATE["report"] = v.path()
    assert v.errors == []


def test_another_department_and_the_office_cannot_see_the_draft(visit):
    need(STATE, "report")
    for name in ("dep_committee", "office"):
        other = visit(name)
        assert other.goto(STATE["report"]).status == 404, name
        assert other.goto(STATE["report"] + "edit/").status == 404, name
        other.goto("/programme/progressreport/")
        expect(other.page.locator("main")).not_to_contain_text(REPORT)


def test_the_department_submits_and_everyone_reads_it(visit):
    need(STATE, "report")
    v = visit("dep_market")
    page = v.page
    v.goto(STATE["report"])
    submit(page, "form.inline button[name=submit]")
    expect(page.locator("span.status")).to_have_text("已报送")
    assert v.errors == []
    committee = visit("dep_committee")
    assert committee.goto(STATE["report"]).status == 200
    expect(committee.page.locator("h1")).to_have_text(HEADING)
    expect(committee.page.locator("span.status")).to_have_text("已报送")
    expect(committee.page.locator("table.fields")).to_contain_text(REPORT)
    assert committee.errors == []


def test_the_office_returns_it_and_the_department_resubmits(visit):
    need(STATE, "report")
    office = visit("office")
    page = office.page
    office.goto(STATE["report"])
    page.fill("form.edit [name=note]", "请补充经费使用情况")
    submit(page, "form.edit button.danger")
    expect(page.locator("span.status")).to_have_text("已退回")
    expect(page.locator("main")).to_contain_text("请补充经费使用情况")
    assert office.errors == []
    assert visit("dep_committee").goto(STATE["report"]).status == 404  # back out of the others' sight
    v = visit("dep_market")
    v.goto(STATE["report"] + "edit/")
    v.page.fill("[name=content]", "完成立项，经费 80 万元已拨付 40 万元")
    submit(v.page, "form.edit button[name=submit]")
    assert v.path() == STATE["report"]
    expect(v.page.locator("span.status")).to_have_text("已报送")
    expect(v.page.locator("table.fields")).to_contain_text("完成立项，经费 80 万元已拨付 40 万元")
    assert v.errors == []


# --- 典型案例: the closed request written up, the name marked hidden, published without personal data

TITLE = "晋泽市某某商行商标侵权案"
SUMMARY = "甲公司诉晋泽市某某商行销售假冒其注册商标的商品，经营者张三（电话 13903519876）到案说明。"
PUBLIC_TITLE = "某商行商标侵权案"
PUBLIC_SUMMARY = "某公司诉某商行销售假冒其注册商标的商品，经营者张某（电话 ＊＊＊）到案说明。"
SECRETS = ("张三", "13903519876", "甲公司", "晋泽市某某商行")


def test_the_office_writes_and_publishes_a_typical_case(visit):
    need(STATE, "proceeding")
    v = visit("office")
    page = v.page
    v.goto(STATE["proceeding"])
    with page.expect_navigation():
        page.click("p.actions a.button:has-text('写成典型案例')")
    expect(page.locator("[name=case]")).to_have_value(CASE_NO)
    page.fill("[name=title]", TITLE)
    page.fill("[name=summary]", SUMMARY)
    page.fill("[name=significance]", "快速调解，及时止损。")
    page.check("[name=hide_parties]")
    page.fill("[name=hidden_terms]", "张三 => 张某")
    submit(page, "form.edit button[type=submit]")
    assert re.fullmatch(r"/protection/typicalcase/\d+/", v.path()), v.path()
    preview = page.locator("#public-preview")
    expect(preview).to_contain_text(PUBLIC_TITLE)
    expect(preview).to_contain_text(PUBLIC_SUMMARY)
    expect(page.locator("p.reason")).to_have_count(0)  # nothing left to hide
    STATE["typical"] = v.path()
    anonymous = visit()
    assert anonymous.goto(v.path().replace("/protection/typicalcase/", "/public/cases/")).status == 404  # a draft
    with page.expect_navigation():
        page.click("button:has-text('发布到公开门户')")
    expect(page.locator("button:has-text('从门户撤回')")).to_have_count(1)
    assert v.errors == []


def test_an_anonymous_visitor_reads_the_redacted_case_on_the_portal(visit):
    need(STATE, "typical")
    v = visit()
    page = v.page
    v.goto("/public/")
    row = page.locator("table.typical-cases tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").first).to_have_text(PUBLIC_TITLE)
    with page.expect_navigation():
        row.locator("a").click()
    expect(page.locator("h1")).to_have_text(PUBLIC_TITLE)
    expect(page.locator("#public-summary")).to_have_text(PUBLIC_SUMMARY)
    html = page.content()
    for secret in SECRETS:
        assert secret not in html, secret
    assert v.errors == []
