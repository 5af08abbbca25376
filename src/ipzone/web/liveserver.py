"""A real platform server in a subprocess, for browser tests, screenshots and benchmarks.

``LiveServer(dataset, users)`` makes a fresh ``$IPZONE_HOME`` in a temporary folder, loads the
dataset into SQLite there (the full check first, as ``ipzone load`` does), creates the accounts
asked for with one random password, then runs ``ipzone serve`` — waitress, DEBUG off, static
files collected and compressed — on a free loopback port, and stops it on exit::

    with LiveServer(Path("demo-zone"), demo=True) as server:
        server.url            # http://127.0.0.1:PORT
        server.accounts       # {"demo-office": {"role": "office", "uscc": None, "linked": None}, …}
        server.password       # every account's password

The environment of the server is the caller's minus every ``IPZONE_*`` and Django variable, so a
test process that configured Django for itself does not leak its settings into the server. The
dataset's ``ipzone.toml``, if any, is stored with the data by the load (as ``ipzone demo-platform``
does), and the server uses it from the database.
``launch_chromium(playwright)`` starts Debian's Chromium headless for Playwright.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

READY_TIMEOUT = 120.0  # seconds: migrate + collectstatic + waitress
CHROMIUM = "/usr/bin/chromium"  # Debian's (scripts/system-deps); IPZONE_CHROMIUM overrides
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--lang=zh-CN",  # the browser's own words (file pickers, …) in Chinese, like the platform's
)


def chromium_path() -> Path | None:
    """Debian's Chromium, used through its path (Playwright's own browser download is not used)."""
    path = Path(os.environ.get("IPZONE_CHROMIUM") or CHROMIUM)
    return path if path.is_file() and os.access(path, os.X_OK) else None


def launch_chromium(playwright):
    """A headless Chromium for ``playwright`` (the sync API's object); a fresh profile each time."""
    path = chromium_path()
    if path is None:
        raise LiveServerError(f"Chromium not found at {os.environ.get('IPZONE_CHROMIUM') or CHROMIUM}")
    return playwright.chromium.launch(executable_path=str(path), args=list(CHROMIUM_ARGS))


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class LiveServerError(RuntimeError):
    pass


class LiveServer:
    def __init__(
        self,
        dataset: Path,
        users: dict[str, tuple[str, str | None]] | None = None,
        *,
        demo: bool = False,
        seed_plan: bool = False,
        threads: int = 4,
        env: dict[str, str] | None = None,
        home: Path | None = None,
    ):
        self.dataset = Path(dataset).resolve()
        self.users = dict(users or {})
        self.demo = demo
        self.seed_plan = seed_plan
        self.threads = threads
        self.extra_env = dict(env or {})
        self._own_home = home is None
        self.home = Path(home) if home else Path(tempfile.mkdtemp(prefix="ipzone-live-"))
        self.db = f"sqlite:///{self.home / 'ipzone.sqlite3'}"
        self.password = "Pw-" + secrets.token_urlsafe(12)
        self.accounts: dict[str, dict] = {}
        self.prepared = False
        self.host = "127.0.0.1"
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.log = self.home / "server.log"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("IPZONE_", "DJANGO_"))}
        env.update(IPZONE_HOME=str(self.home), IPZONE_DB=self.db, PYTHONUNBUFFERED="1")
        env.update(self.extra_env)
        return env

    def prepare(self) -> None:
        """Load the dataset and create the accounts (one subprocess)."""
        spec = {"dataset": str(self.dataset), "users": self.users, "demo": self.demo, "seed_plan": self.seed_plan, "password": self.password}
        proc = subprocess.run(
            [sys.executable, "-m", "ipzone.web.liveserver", json.dumps(spec)],
            env=self.environment(), capture_output=True, text=True,
        )
        if proc.returncode != 0:
            raise LiveServerError(f"preparing the platform failed:\n{proc.stdout}\n{proc.stderr}")
        self.accounts = json.loads(proc.stdout.strip().splitlines()[-1])
        self.prepared = True

    def start(self) -> LiveServer:
        """Prepare (unless done already) and serve; returns when the login page answers."""
        if not self.prepared:
            self.prepare()
        for _attempt in range(3):  # the free port can be taken between the probe and the bind
            self.port = free_port(self.host)
            with open(self.log, "ab") as log:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "ipzone", "serve", "--db", self.db, "--host", self.host, "--port", str(self.port), "--threads", str(self.threads)],
                    env=self.environment(), stdout=log, stderr=subprocess.STDOUT,
                )
            if self._wait_ready():
                return self
        raise LiveServerError(f"the server did not start; its log:\n{self.log.read_text(errors='replace')[-4000:]}")

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.url}/login/", timeout=5) as r:
                    if r.status == 200:
                        return True
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def close(self) -> None:
        self.stop()
        if self._own_home:
            shutil.rmtree(self.home, ignore_errors=True)

    def __enter__(self) -> LiveServer:
        try:
            return self.start()
        except BaseException:
            self.close()
            raise

    def __exit__(self, *exc) -> None:
        self.close()


def _prepare(spec: dict) -> dict:
    """In the subprocess: migrate, load, create accounts; returns the accounts."""
    from ipzone.web import setup

    setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from ipzone.render import print_report
    from ipzone.web.core.accounts import create_user, demo_accounts
    from ipzone.web.load import load

    result = load(Path(spec["dataset"]))
    if not result.ok:
        from rich.console import Console

        print_report(Console(stderr=True), result.report, Path(spec["dataset"]), None)
        raise SystemExit(1)
    password = spec["password"]
    accounts = {}
    if spec["demo"]:  # what ipzone demo-platform adds: the workflow records, one account per role
        from ipzone.web.demo import seed as seed_demo_records
        from ipzone.web.protection.demo import seed as seed_protection

        seed_demo_records()
        for acc in demo_accounts():
            user = _user(acc["username"])
            user.set_password(password)
            user.save()
            accounts[acc["username"]] = {"role": acc["role"], "uscc": _uscc(acc["username"]), "linked": acc["linked"]}
        seed_protection()  # after the accounts, as demo-platform does: its cases have handlers and requesters
        from django.utils import timezone

        from ipzone.web.notices import daily

        daily.run(timezone.localdate())  # today's overdue notices, as demo-platform does
    if spec.get("seed_plan"):  # the plan's departments and task list, as the demo platform does
        from ipzone.web.programme.tracking import seed as seed_plan

        seed_plan()
    for username, (role, link) in spec["users"].items():
        # (role, 统一社会信用代码) for enterprise and agency users, (role, department code) for departments
        department = link if role == "department" else None
        create_user(username, role, uscc=None if department else link, department=department, password=password, validate=False)
        accounts[username] = {"role": role, "uscc": None if department else link, "linked": department}
    return accounts


def _user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.select_related("ipzone_profile").get(username=username)


def _uscc(username: str) -> str | None:
    user = _user(username)
    return getattr(getattr(user, "ipzone_profile", None), "uscc", None) or None


if __name__ == "__main__":
    print(json.dumps(_prepare(json.loads(sys.argv[1])), ensure_ascii=False))
