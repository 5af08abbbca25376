"""One real platform server and one Chromium for the browser tests.

The server is ``ipzone serve`` (waitress, DEBUG off, compressed static files) on a free loopback
port, over the hand-made fixture zone (tests/fixtures.py) loaded into a fresh SQLite database,
with one account per role (``USERS``). The browser is Debian's Chromium driven by Playwright
(``ipzone.web.liveserver.launch_chromium``); each test gets fresh browser contexts, so cookies
never leak between roles. Without Chromium every test here is skipped, saying why.

Both fixtures are module-scoped (the tests are one module, so one server and one browser in all):
Playwright's sync API keeps an asyncio loop running while it is open, and Django refuses database
calls from a thread with a running loop, so it must be closed before tests/web runs.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fixtures import AGENCY, CO_A, CO_B, write_dataset
from ipzone.web.liveserver import CHROMIUM, LiveServer, chromium_path, launch_chromium

USERS = {
    "admin": ("admin", None),
    "office": ("office", None),
    "leader": ("leader", None),
    "ent_a": ("enterprise", CO_A),
    "ent_b": ("enterprise", CO_B),
    "agency": ("agency", AGENCY),
}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def server():
    if chromium_path() is None:
        where = os.environ.get("IPZONE_CHROMIUM") or CHROMIUM
        pytest.skip(f"Chromium not found at {where}: `make install` installs Debian's chromium as root (scripts/system-deps)")
    zone = write_dataset(Path(tempfile.mkdtemp(prefix="ipzone-browser-data-")) / "zone")
    with LiveServer(zone, USERS) as live:
        yield live


@pytest.fixture(scope="module")
def chromium(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        yield browser
        browser.close()


@dataclass
class Visit:
    """A page in a fresh browser context, with what the page reported on its console."""

    page: object
    base: str
    errors: list[str] = field(default_factory=list)

    def goto(self, path: str):
        return self.page.goto(self.base + path)

    def login(self, username: str, password: str):
        self.goto("/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("form button[type=submit]")
        self.page.wait_for_url(lambda url: "/login/" not in url)  # POST, then the redirect
        self.page.wait_for_load_state()
        return self

    def path(self) -> str:
        return re.sub(r"^https?://[^/]+", "", self.page.url)


@pytest.fixture
def visit(server, chromium):
    """``visit(role=None)``: a new context (anonymous, or logged in through the login form)."""
    contexts = []

    def open_(username: str | None = None) -> Visit:
        context = chromium.new_context(base_url=server.url, accept_downloads=True, locale="zh-CN", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        v = Visit(page, server.url)
        page.on("console", lambda m: v.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: v.errors.append(f"page error: {e}"))
        if username:
            v.login(username, server.password)
        return v

    yield open_
    for context in contexts:
        context.close()
