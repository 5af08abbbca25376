"""Screenshots of the platform's main pages for the README and docs/platform.md.

    uv run python scripts/screenshots.py [--dataset DIR] [--out docs/screenshots]

Serves the demo zone (``ipzone demo``, written to a temporary folder unless --dataset is given)
with ``ipzone.web.liveserver`` (``ipzone serve`` on a free loopback port, one demo account per
role), and photographs each page in Debian's Chromium at 1280×900 (the visible part of the page,
as a person first sees it). The import page is shown after uploading a .zip of two CSV files with
two mistakes in them.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ipzone.web.liveserver import LiveServer, launch_chromium  # noqa: E402

VIEWPORT = {"width": 1280, "height": 900}
PATENT = "200710016087.1"  # the README's `ipzone explain --patent` example


def demo_zone(folder: Path) -> Path:
    out = folder / "demo-zone"
    subprocess.run([sys.executable, "-m", "ipzone", "demo", "--out", str(out)], check=True, capture_output=True)
    return out


def broken_upload(dataset: Path, folder: Path) -> Path:
    """surveys.csv with a score of 101 and one of 八十, and events.csv as it is, zipped."""
    lines = (dataset / "surveys.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].rsplit(",", 1)[0] + ",101"
    lines[4] = lines[4].rsplit(",", 1)[0] + ",八十"
    path = folder / "园区数据-有错误.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("surveys.csv", "\n".join(lines) + "\n")
        z.write(dataset / "events.csv", "events.csv")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="ipzone-shots-") as tmp:
        dataset = args.dataset or demo_zone(Path(tmp))
        with LiveServer(dataset, demo=True) as live, sync_playwright() as p:
            browser = launch_chromium(p)
            role = {a["role"]: u for u, a in live.accounts.items()}

            def page_as(username: str | None):
                context = browser.new_context(base_url=live.url, viewport=VIEWPORT, locale="zh-CN", device_scale_factor=1)
                page = context.new_page()
                if username:
                    page.goto("/login/")
                    page.fill("input[name=username]", username)
                    page.fill("input[name=password]", live.password)
                    with page.expect_navigation():
                        page.click("form button[type=submit]")
                return page

            def shot(page, name: str) -> None:
                path = args.out / f"{name}.png"
                page.screenshot(path=str(path), animations="disabled")
                print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size // 1024} KiB  {page.url.split(live.url)[-1]}")

            leader = page_as(role["leader"])
            leader.goto("/")
            leader.wait_for_selector(".chart[data-code] svg")
            shot(leader, "dashboard")
            leader.evaluate("document.getElementById('tasks').scrollIntoView()")
            shot(leader, "dashboard-tasks")
            with leader.expect_navigation():
                leader.click(".card[data-code=hv_invention_per_10k] .value a")
            shot(leader, "explain")

            office = page_as(role["office"])
            office.goto("/patents/patent/?kind=发明")
            shot(office, "patent-list")
            found = office.evaluate(f"fetch('/api/patents?q={PATENT}').then(r => r.json())")
            office.goto(f"/patents/patent/{found['items'][0]['id']}/")
            shot(office, "patent-detail")
            office.goto("/monitoring/import/")
            office.set_input_files("input[name=file]", str(broken_upload(dataset, Path(tmp))))
            with office.expect_navigation():
                office.click("form.filters button[type=submit]")
            office.locator("table.findings").scroll_into_view_if_needed()
            office.evaluate("window.scrollTo(0, document.querySelector('h2.behind-text').offsetTop - 20)")
            shot(office, "import-errors")

            office.goto("/protection/proceeding/")
            shot(office, "protection-cases")
            office.goto("/protection/infringers/")
            shot(office, "infringers")
            office.goto("/protection/credit/?year=2025")
            shot(office, "credit-grades")
            office.goto("/policies/")
            shot(office, "policies")
            office.goto("/reports/")
            shot(office, "reports")
            leader.goto("/programme/board/?year=2025")
            shot(leader, "programme-board")

            enterprise = page_as(role["enterprise"])
            enterprise.goto("/")
            shot(enterprise, "enterprise")
            enterprise.goto("/notices/")
            shot(enterprise, "notices")

            public = page_as(None)
            public.goto("/public/")
            shot(public, "public")
            browser.close()
    print("done:", ", ".join(sorted(p.name for p in args.out.glob("*.png"))))


if __name__ == "__main__":
    main()
