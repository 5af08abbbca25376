"""Publicity and operation filings in Chromium, against ``ipzone serve`` on the fixture zone
(tests/fixtures.py: one event, 2021-04-26 2021年世界知识产权日宣传活动 with 参与人数 300; talent T0001
李某 at the agency; enterprises 甲 CO_A and 乙 CO_B): the office imports an event's participants
and finds them on the event's page; an enterprise files a patent navigation project that the office
accepts; a report the office publishes reaches the public portal.

The steps of one workflow share state and run in file order: a later step reads what an earlier
one stored in ``STATE`` and skips, saying why, when that step did not run.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from fixtures import CO_A
from steps import need, submit
from ipzone.programme import workbook
from ipzone.programme.participants import TABLES

pytestmark = pytest.mark.browser

STATE: dict[str, str] = {}
EVENT = "2021年世界知识产权日宣传活动"
PROJECT = "新材料产业专利导航"


# --- participants: the office uploads a workbook, the event's page lists them ----------------------


def participants_workbook() -> Path:
    base = {"event_held_on": dt.date(2021, 4, 26), "event_name": EVENT, "event_occurrence": 1}
    rows = [
        {**base, "kind": "个人", "name": "李某", "uscc": None, "person_id": "T0001", "organisation": "示范区知识产权代理事务所",
         "hours": 8, "certificate_no": "PX2021-001"},
        {**base, "kind": "单位", "name": "山西晋创新材料科技有限公司", "uscc": CO_A, "person_id": None, "organisation": "",
         "hours": None, "certificate_no": ""},
    ]
    return workbook.template(Path(tempfile.mkdtemp(prefix="ipzone-browser-participants-")) / "参与者.xlsx", TABLES, {"event_participants": rows})


def test_the_office_imports_participants_and_sees_them_on_the_event_page(visit):
    v = visit("office")
    page = v.page
    v.goto("/services/event/")
    with page.expect_navigation():
        page.click(f"table a:has-text('{EVENT}')")
    event_page = v.path()
    assert re.fullmatch(r"/services/event/\d+/", event_page), event_page
    expect(page.locator("#participants .count")).to_have_text("0 人（单位）")
    with page.expect_navigation():
        page.click("#participants a.button:has-text('导入参与者')")
    assert v.path() == "/publicity/eventparticipant/import/"
    page.set_input_files("input[name=file]", str(participants_workbook()))
    submit(page, "form.edit button[type=submit]")
    expect(page.locator("h2")).to_contain_text("参与者.xlsx：已导入")
    expect(page.locator("table.data tbody tr")).to_have_text(re.compile(r"活动参与者（event_participants）\s*2\s*2\s*0\s*0"))
    v.goto(event_page)
    expect(page.locator("#participants .count")).to_have_text("2 人（单位）")
    rows = page.locator("#participants ~ table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="李某")).to_contain_text("PX2021-001")
    expect(rows.filter(has_text="山西晋创新材料科技有限公司")).to_have_count(1)
    expect(page.locator("#participant-counts")).to_have_text("登记参与者 2 人（单位）；活动记录的参与人数 300")
    expect(page.locator("#participant-mismatch")).to_have_text("登记的参与者（2）与活动记录的参与人数（300）不一致；公开门户和指标采用活动记录的参与人数。")
    with page.expect_download() as download:
        page.click("#participants a.button:has-text('导出 Excel')")
    assert download.value.suggested_filename == "活动参与者.xlsx"
    assert v.errors == []


# --- 产业专利导航: the enterprise files and submits, the office accepts, the enterprise sees it accepted


def test_an_enterprise_files_a_navigation_project(visit):
    v = visit("ent_a")
    page = v.page
    v.goto("/operation/navigationproject/add/")
    expect(page.locator("[name=uscc]")).to_be_disabled()
    expect(page.locator("[name=uscc]")).to_have_value(CO_A)
    expect(page.locator("[name=project_no]")).to_have_value(re.compile(rf"^DH\d{{4}}-{CO_A[-6:]}-01$"))
    page.fill("[name=name]", PROJECT)
    page.select_option("[name=kind]", "产业规划类")
    page.fill("[name=industry]", "新材料")
    page.fill("[name=undertaker]", "示范区知识产权代理事务所")
    page.fill("[name=starts_on]", "2025-03-01")
    page.fill("[name=ends_on]", "2025-12-31")
    page.fill("[name=budget]", "80")
    page.fill("[name=deliverables]", "导航分析报告；专利布局建议")
    submit(page, "form.edit button[name=submit]")
    assert re.fullmatch(r"/operation/navigationproject/\d+/", v.path()), v.path()
    expect(page.locator("[data-state]")).to_have_text("已提交")
    expect(page.locator("table.fields").first).to_contain_text(PROJECT)
    STATE["project"] = v.path()
    assert v.errors == []
    other = visit("ent_b")
    assert other.goto(STATE["project"]).status == 404


def test_the_office_accepts_it_and_the_enterprise_sees_it_accepted(visit):
    need(STATE, "project")
    office = visit("office")
    office.goto("/operation/navigationproject/")
    expect(office.page.locator("main")).to_contain_text(PROJECT)
    office.goto(STATE["project"])
    submit(office.page, "button:has-text('审核通过')")
    expect(office.page.locator("[data-state]")).to_have_text("已通过")
    expect(office.page.locator("ul.messages li")).to_have_text(re.compile(r"^已通过："))
    assert office.errors == []
    v = visit("ent_a")
    v.goto(STATE["project"])
    expect(v.page.locator("[data-state]")).to_have_text("已通过")
    expect(v.page.locator("button:has-text('提交备案')")).to_have_count(0)
    assert v.errors == []
    assert v.goto(STATE["project"] + "edit/").status == 404  # accepted: no longer the enterprise's to change


# --- 活动报道: written and published by the office, read anonymously on the portal -------------------

SUMMARY = "4月26日，示范区举办世界知识产权日主题宣传活动，现场发放宣传资料 2000 余份。"


def test_the_office_writes_and_publishes_an_event_report(visit):
    v = visit("office")
    page = v.page
    v.goto("/publicity/eventreport/add/")
    page.select_option("[name=event]", label=f"2021-04-26 {EVENT}")
    page.select_option("[name=campaign]", "世界知识产权日")
    page.fill("[name=venue]", "示范区政务服务中心")
    page.fill("[name=summary]", SUMMARY)
    submit(page, "form.edit button[type=submit]")
    assert re.fullmatch(r"/publicity/eventreport/\d+/", v.path()), v.path()
    expect(page.locator("span.status")).to_have_text("草稿")
    STATE["report"] = v.path()
    anonymous = visit()
    anonymous.goto("/public/")
    expect(anonymous.page.locator("ul.event-reports")).to_have_count(0)
    submit(page, "button:has-text('发布到公开门户')")
    expect(page.locator("span.status")).to_have_text("已发布")
    assert v.errors == []


def test_the_published_report_is_on_the_public_portal(visit):
    need(STATE, "report")
    v = visit()
    page = v.page
    v.goto("/public/")
    link = page.locator("ul.event-reports li a")
    expect(link).to_have_text(f"2021-04-26 {EVENT}")
    with page.expect_navigation():
        link.click()
    assert v.path() == STATE["report"].replace("/publicity/eventreport/", "/public/events/")
    expect(page.locator("h1")).to_have_text(EVENT)
    expect(page.locator("article.report")).to_have_text(SUMMARY)
    expect(page.locator("#head-count")).to_have_text("参与人数：300")
    assert "李某" not in page.content()  # no names on the portal
    assert v.errors == []
