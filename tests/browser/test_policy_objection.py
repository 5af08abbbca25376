"""An objection to a 公示 in Chromium, against ``ipzone serve``: a member of the public objects
on the portal with a file, a renamed executable is refused with the bilingual message on the page,
and the office sees the objection and its file and resolves it.

The server and the policy zone are test_workflows.py's (imported, not copied): the hand-computed
policy zone, where pledge-interest-subsidy for 2023 entitles 甲公司 (E1) to 50 万元. The tests
share state and run in file order; a later one skips, saying why, when an earlier one did not run.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect
from steps import submit
from test_workflows import cell, fill_confirm, message, server  # noqa: F401 (server: this module's fixture too)

pytestmark = pytest.mark.browser

TODAY = dt.date.today()  # the server's "today" too: it runs on this machine's clock
STATE: dict[str, str] = {}
PDF = b"%PDF-1.4\n% transfer contract\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00 This program cannot be run in DOS mode."


def need(*keys: str) -> None:
    missing = [k for k in keys if k not in STATE]
    if missing:
        pytest.skip(f"an earlier step did not run (no {', '.join(missing)})")


def test_the_office_announces_an_approved_entitlement(visit):
    """Set-up through the pages: compute, 甲公司 confirms, approve, announce from today for 7 days."""
    office = visit("office")
    page = office.page
    office.goto("/policies/")
    with page.expect_navigation():
        page.click("tr[data-policy=pledge-interest-subsidy] a")
    page.fill("form.compute input[name=year]", "2023")
    page.fill("form.compute input[name=as_of]", "2023-12-31")
    submit(page, "form.compute button[type=submit]")
    expect(message(page)).to_have_text("已核算：2 户，合计 90 万元")
    computation = office.path()
    ent_a = page.locator("table.entitlements tbody tr", has_text="甲公司").locator("a").get_attribute("href")

    a = visit("ent_a")
    a.goto(ent_a)
    fill_confirm(a.page, "甲公司", "6222 0000 1111 2222")
    submit(a.page, "form.confirm button[type=submit]")
    expect(message(a.page)).to_have_text("已确认，等待办公室审核")

    office.goto(computation)
    page.locator("table.entitlements input[name=ids]").check()
    page.select_option("#review-form select[name=decision]", "approve")
    page.fill("#review-form [name=reason]", "核对无误")
    submit(page, "#review-form button[type=submit]")
    expect(message(page)).to_have_text("已核准 1 户")
    page.fill("form.announce [name=starts_on]", TODAY.isoformat())
    page.fill("form.announce [name=days]", "7")
    submit(page, "form.announce button[type=submit]")
    expect(message(page)).to_have_text(f"已发布公示：{TODAY} 至 {TODAY + dt.timedelta(days=6)}，1 户")
    expect(page.locator("table.objections tbody")).to_have_text("没有异议")
    STATE["computation"] = computation
    assert office.errors == [] and a.errors == []


def test_a_renamed_executable_is_refused_on_the_portal(visit):
    need("computation")
    v = visit()
    page = v.page
    v.goto("/public/")
    with page.expect_navigation():
        page.click("a[href='/policies/public/']")
    with page.expect_navigation():
        page.locator("table.announcements a", has_text="知识产权质押融资贴息").click()
    expect(page.locator("table.beneficiaries tbody tr")).to_have_count(1)
    expect(cell(page, "table.beneficiaries", "甲公司", "金额（万元）")).to_have_text("50")
    STATE["announcement"] = v.path()
    page.select_option("form.objection [name=entitlement]", label="甲公司")
    page.fill("form.objection [name=name]", "王某")
    page.fill("form.objection [name=contact]", "13800000000")
    page.fill("form.objection [name=reason]", "PL3 已转让，不应计入甲公司")
    page.set_input_files("form.objection [name=attachments]", files=[{"name": "转让合同.pdf", "mimeType": "application/pdf", "buffer": EXE}])
    with page.expect_navigation() as nav:
        page.click("form.objection button[type=submit]")
    assert nav.value.status == 400
    expect(page.locator("form.objection .error")).to_have_text(
        ["附件「转让合同.pdf」：内容不是 .pdf 文件（扩展名与内容不符） / attachment 转让合同.pdf: the content is not a .pdf file"]
    )
    expect(page.locator("form.objection [name=reason]")).to_have_value("PL3 已转让，不应计入甲公司")  # kept for another try
    expect(page.locator("ul.messages")).to_have_count(0)
    assert v.errors == ["console error: Failed to load resource: the server responded with a status of 400 (Bad Request)"]  # the refusal itself
    office = visit("office")
    office.goto(STATE["computation"])
    expect(office.page.locator("table.objections tbody")).to_have_text("没有异议")  # nothing was stored


def test_a_member_of_the_public_objects_with_a_file(visit):
    need("announcement")
    v = visit()
    page = v.page
    v.goto(STATE["announcement"])
    page.select_option("form.objection [name=entitlement]", label="甲公司")
    page.fill("form.objection [name=name]", "王某")
    page.fill("form.objection [name=contact]", "13800000000")
    page.fill("form.objection [name=reason]", "PL3 已转让，不应计入甲公司")
    page.set_input_files("form.objection [name=attachments]", files=[{"name": "转让合同.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    submit(page, "form.objection button[type=submit]")
    expect(message(page)).to_have_text("异议已提交，办公室将核实处理")
    assert v.path() == STATE["announcement"]
    assert v.errors == []
    STATE["objected"] = "yes"


def test_the_office_sees_the_objection_and_its_file_and_resolves_it(visit):
    need("computation", "objected")
    office = visit("office")
    page = office.page
    office.goto(STATE["computation"])
    row = page.locator("table.objections tbody tr")
    expect(row).to_have_count(1)
    expect(cell(page, "table.objections", "王某", "联系方式")).to_have_text("13800000000")
    expect(cell(page, "table.objections", "王某", "针对")).to_have_text("甲公司")
    expect(cell(page, "table.objections", "王某", "内容")).to_have_text("PL3 已转让，不应计入甲公司")
    expect(cell(page, "table.objections", "王某", "状态")).to_have_text("待处理")
    link = cell(page, "table.objections", "王某", "材料").locator("a")
    expect(link).to_have_text("转让合同.pdf")
    href = link.get_attribute("href")
    assert page.request.get(office.base + href).body() == PDF
    # the enterprise objected to may not read the objector's file
    assert visit("ent_a").goto(href).status == 404
    page.select_option("table.objections select[name=decision]", "dismissed")
    page.fill("table.objections [name=resolution]", "经核实 PL3 质押登记时权利人为甲公司，异议不成立")
    submit(page, "table.objections button[type=submit]")
    expect(message(page)).to_have_text("异议已处理")
    expect(cell(page, "table.objections", "王某", "状态")).to_have_text("异议不成立")
    expect(cell(page, "table.objections", "王某", "处理")).to_have_text("经核实 PL3 质押登记时权利人为甲公司，异议不成立")
    expect(cell(page, "table.entitlements", "甲公司", "状态")).to_have_text("已核准")  # dismissed: still approved
    assert office.errors == []
