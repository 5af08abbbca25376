"""A department fills in its quarterly progress as a workbook, in Chromium against ``ipzone serve``:
it downloads the template of what it owes, fills it in, uploads it with 导入并报送 and finds its
reports in 季度进展; a bad workbook is refused cell by cell and nothing is written.

Its own server (the fixture zone, the plan's task list seeded): the committee leads tasks 3 and S1,
both active in every quarter of 2025.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from fixtures import write_dataset
from ipzone.web.liveserver import CHROMIUM, LiveServer, chromium_path

pytestmark = pytest.mark.browser

USERS = {"office": ("office", None), "dep_committee": ("department", "committee"), "dep_market": ("department", "market")}


@pytest.fixture(scope="module")
def server():
    if chromium_path() is None:
        pytest.skip(f"Chromium not found at {CHROMIUM}: `make install` installs Debian's chromium as root (scripts/system-deps)")
    zone = write_dataset(Path(tempfile.mkdtemp(prefix="ipzone-browser-progress-")) / "zone")
    with LiveServer(zone, USERS, seed_plan=True) as live:
        yield live


def download_template(page, folder: Path) -> Path:
    page.fill("#template-form input[name=year]", "2025")
    page.select_option("#template-form select[name=quarter]", "1")
    with page.expect_download() as d:
        page.click("#template-form button[type=submit]")
    path = folder / d.value.suggested_filename
    d.value.save_as(path)
    return path


def test_a_department_uploads_its_quarterly_progress(visit):
    v = visit("dep_committee")
    page = v.page
    v.goto("/programme/mine/")
    with page.expect_navigation():
        page.click("a.button[href='/programme/progressreport/import/']")
    expect(page.locator("h1")).to_have_text("季度进展 Excel 导入")
    folder = Path(tempfile.mkdtemp())
    path = download_template(page, folder)
    assert path.name == "季度进展-committee-2025年第1季度.xlsx"
    wb = load_workbook(path)
    ws = wb["季度进展"]
    assert [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)] == ["3", "S1"]
    # first a bad one: a flag that is not one of the three
    ws.cell(2, 6, 60), ws.cell(2, 7, "进展顺利"), ws.cell(2, 8, "召开横向协同会议 2 次")
    ws.cell(3, 6, 100), ws.cell(3, 7, "已完成"), ws.cell(3, 8, "领导小组及办公室已成立")
    wb.save(folder / "bad.xlsx")
    page.set_input_files("#import-form input[name=file]", str(folder / "bad.xlsx"))
    with page.expect_navigation():
        page.click("#import-form button[name=submit]")
    expect(page.locator("#import-result")).to_have_text("bad.xlsx：1 处问题，未写入任何数据")
    expect(page.locator("table.findings tbody tr")).to_contain_text("「进展顺利」不在可选值中")
    assert v.errors == ["console error: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)"]
    v.errors.clear()
    # fixed, 导入并报送
    ws.cell(2, 7, "正常推进")
    wb.save(folder / "good.xlsx")
    page.set_input_files("#import-form input[name=file]", str(folder / "good.xlsx"))
    with page.expect_navigation():
        page.click("#import-form button[name=submit]")
    expect(page.locator("#import-result")).to_have_text("good.xlsx：已导入")
    expect(page.locator("table.data tbody tr td")).to_have_text(["2", "2", "0", "0", "2"])  # rows, added, changed, unchanged, submitted
    with page.expect_navigation():
        page.click("text=查看季度进展")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="领导小组")).to_contain_text("已报送")
    assert v.errors == []
    # the market bureau reads them too, now that they are submitted
    m = visit("dep_market")
    m.goto("/programme/progressreport/?q=横向协同")
    expect(m.page.locator("h1 .count")).to_have_text("1 条")
