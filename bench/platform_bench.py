"""Benchmark: the platform at the demo zone's scale (issue "The platform", Performance).

Targets: dashboard and list pages under 300 ms server time; 50 concurrent users on loopback for
60 s with p95 under 500 ms and no errors.

    uv run python bench/platform_bench.py [--dataset DIR] [--users 50] [--seconds 60] [--think 1.0]

1. The demo zone (``ipzone demo``, written to bench/out/demo-zone when no --dataset is given) is
   loaded into a fresh SQLite database and served by ``ipzone serve`` (waitress, 4 threads, DEBUG
   off) on a free loopback port (``ipzone.web.liveserver``), with the demo accounts.
2. **Server time**: each main page is rendered in this process by Django's test client on the same
   database, as the role that uses it: the first (cold) view, then the median and slowest of
   ``--repeat`` views (wall and CPU time: the CPU time does not grow when other programs share the
   cores), and the SQL queries of one view (CaptureQueriesContext).
3. **Load**: ``--users`` threads, each a user with its own keep-alive connection and session
   (10 leaders, 25 office staff, 10 enterprise users, 5 anonymous visitors of the portal for 50),
   log in first (PBKDF2 by design; timed apart), the indicator pages the leaders will open are
   computed once (as the first viewer of the day would), then for ``--seconds`` each user
   requests a page of its role's mix, reads it whole, and waits a think time drawn uniformly from
   [0.5, 1.5] × ``--think`` seconds (0: back to back, the saturation case). Every request goes to
   127.0.0.1 only, and the loop ends by itself at the deadline. The server process's CPU time over
   the window (from /proc) gives its CPU cost per request, which neighbours on the machine do not
   change; the machine's load average before the window is printed with the results.

Prints Markdown tables for bench/README.md; ``--json FILE`` also writes the raw figures.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookies
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "out"
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from ipzone.web.liveserver import LiveServer  # noqa: E402

PAGE_TARGET_MS = 300
P95_TARGET_MS = 500
MAIN_CODES = (
    "hv_invention_per_10k", "patent_intensive_va", "ip_pledge_amount", "protection_satisfaction",
    "rd_gdp_ratio", "hitech_enterprises", "ip_budget_share", "ip_service_agencies",
)
SEARCH_TERMS = ("电池", "装置", "方法", "材料", "系统", "控制", "煤", "检测")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def ensure_dataset(dataset: Path | None) -> Path:
    if dataset is not None:
        return dataset
    folder = OUT / "demo-zone"
    if not (folder / "patents.csv").is_file():
        print(f"writing the demo zone to {folder} …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "ipzone", "demo", "--out", str(folder)], check=True, capture_output=True)
    return folder


# --- what there is to look at ------------------------------------------------------------------


@dataclass
class Zone:
    """Ids and numbers of the loaded data the pages are built from."""

    years: list[int]
    patent_ids: list[int]
    entity_ids: list[int]
    patent_pages: int
    entity_pages: int
    own_entity: int
    own_patent_ids: list[int]


def survey_zone(enterprise_username: str) -> Zone:
    from django.contrib.auth import get_user_model

    from ipzone.web.entities.models import Entity
    from ipzone.web.metrics import default_year
    from ipzone.web.patents.models import Patent

    rng = random.Random(7)
    patents = list(Patent.objects.values_list("pk", flat=True))
    enterprises = list(Entity.objects.filter(kind="企业", in_zone=True).values_list("pk", flat=True))
    uscc = get_user_model().objects.get(username=enterprise_username).ipzone_profile.uscc
    own = Entity.objects.get(uscc=uscc)
    own_patents = list(Patent.objects.filter(owners__entity=own).values_list("pk", flat=True).distinct())
    last = default_year()
    return Zone(
        years=[last, last - 1],
        patent_ids=rng.sample(patents, min(2000, len(patents))),
        entity_ids=rng.sample(enterprises, min(1000, len(enterprises))),
        patent_pages=max(1, min(100, len(patents) // 50)),
        entity_pages=max(1, min(50, Entity.objects.count() // 50)),
        own_entity=own.pk,
        own_patent_ids=own_patents or [patents[0]],
    )


def page_mix(role: str, zone: Zone, rng: random.Random) -> tuple[str, str]:
    """(kind, path) of the next page a user of ``role`` opens."""
    r = rng.random()
    if role == "leader":
        year = rng.choice(zone.years)
        if r < 0.5:
            return "dashboard", f"/?year={year}"
        if r < 0.8:
            return "explain", f"/monitoring/explain/{rng.choice(MAIN_CODES)}/?year={year}"
        return "entity list", f"/entities/entity/?page={rng.randint(1, zone.entity_pages)}"
    if role == "office":
        if r < 0.30:
            return "patent list", f"/patents/patent/?page={rng.randint(1, zone.patent_pages)}"
        if r < 0.40:
            return "patent search", "/patents/patent/?" + urllib.parse.urlencode({"q": rng.choice(SEARCH_TERMS)})
        if r < 0.65:
            return "patent detail", f"/patents/patent/{rng.choice(zone.patent_ids)}/"
        if r < 0.75:
            return "entity list", f"/entities/entity/?page={rng.randint(1, zone.entity_pages)}"
        if r < 0.90:
            return "entity detail", f"/entities/entity/{rng.choice(zone.entity_ids)}/"
        if r < 0.95:
            return "pledge list", "/finance/pledge/"
        return "owner list", f"/patents/patentowner/?page={rng.randint(1, zone.patent_pages)}"
    if role == "enterprise":
        if r < 0.4:
            return "own entity page", f"/entities/entity/{zone.own_entity}/"
        if r < 0.7:
            return "own patent list", "/patents/patent/"
        return "patent detail", f"/patents/patent/{rng.choice(zone.own_patent_ids)}/"
    return "public portal", "/public/"


# --- 1. server time ---------------------------------------------------------------------------


def server_times(live: LiveServer, zone_of, repeat: int) -> list[dict]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    users = {role: next(u for u, a in live.accounts.items() if a["role"] == role) for role in ("office", "leader", "enterprise")}
    zone = zone_of(users["enterprise"])
    clients = {"anonymous": Client()}
    for role, username in users.items():
        clients[role] = Client()
        clients[role].force_login(get_user_model().objects.get(username=username))
    year = zone.years[0]
    pages = [
        ("dashboard", "leader", f"/?year={year}"),
        ("dashboard, whole counting", "leader", f"/?year={year}&counting=whole"),
        ("explain hv_invention_per_10k", "leader", f"/monitoring/explain/hv_invention_per_10k/?year={year}"),
        ("explain ip_pledge_amount", "leader", f"/monitoring/explain/ip_pledge_amount/?year={year}"),
        ("patent list", "office", "/patents/patent/"),
        ("patent list, page 100", "office", "/patents/patent/?page=100"),
        ("patent list, sorted by title", "office", "/patents/patent/?sort=title"),
        ("patent search 电池", "office", "/patents/patent/?q=电池"),
        ("patent list, kind + granted filters", "office", "/patents/patent/?kind=发明&granted=true"),
        ("patent owner list", "office", "/patents/patentowner/"),
        ("entity list", "office", "/entities/entity/"),
        ("pledge list", "office", "/finance/pledge/"),
        ("case list", "office", "/protection/case/"),
        ("patent detail", "office", f"/patents/patent/{zone.patent_ids[0]}/"),
        ("entity detail (the demo enterprise)", "office", f"/entities/entity/{zone.own_entity}/"),
        ("enterprise: its own page", "enterprise", f"/entities/entity/{zone.own_entity}/"),
        ("enterprise: its patents", "enterprise", "/patents/patent/"),
        ("public portal", "anonymous", "/public/"),
        ("API patents, 100 a page", "office", "/api/patents?page_size=100"),
        ("API indicators", "leader", f"/api/indicators?year={year}"),
    ]
    out = []
    for name, role, path in pages:
        client = clients[role]
        t0 = time.perf_counter()
        response = client.get(path)
        cold = time.perf_counter() - t0
        if response.status_code != 200:
            raise SystemExit(f"{name}: {path} answered {response.status_code}")
        times, cpu = [], []
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            client.get(path)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        out.append({
            "page": name, "role": role, "path": path, "first_ms": cold * 1000,
            "median_ms": statistics.median(times) * 1000, "max_ms": max(times) * 1000, "cpu_ms": statistics.median(cpu) * 1000,
            "queries": len(queries),
        })
        print(f"  {name:40} first {cold * 1000:8.1f} ms  median {out[-1]['median_ms']:7.1f} ms  {len(queries)} queries", file=sys.stderr)
    return out


# --- 3. load ----------------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    status: int
    ms: float
    at: float


@dataclass
class LoadUser:
    role: str
    username: str | None
    host: str
    port: int
    password: str
    zone: Zone
    seed: int
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    login_ms: float | None = None
    cookies: dict[str, str] = field(default_factory=dict)
    conn: http.client.HTTPConnection | None = None

    def _connect(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes, http.client.HTTPResponse]:
        headers = {"Host": f"{self.host}:{self.port}", "Accept": "text/html,application/json", "Accept-Encoding": "identity"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):  # a keep-alive connection the server closed is reopened once
            if self.conn is None:
                self._connect()
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self._connect()
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie(header)
            for key, morsel in jar.items():
                self.cookies[key] = morsel.value
        if response.getheader("Connection", "").lower() == "close":
            self._connect()
        return response.status, data, response

    def login(self) -> None:
        status, body, _ = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or token is None:
            raise RuntimeError(f"login page: {status}")
        form = urllib.parse.urlencode({"username": self.username, "password": self.password, "csrfmiddlewaretoken": token.group(1).decode(), "next": "/"})
        t0 = time.perf_counter()
        status, _, response = self.request("POST", "/login/", form)
        self.login_ms = (time.perf_counter() - t0) * 1000
        if status != 302 or "ipzone_session" not in self.cookies:
            raise RuntimeError(f"login as {self.username}: {status} {response.getheader('Location')}")

    def browse(self, start: threading.Event, deadline_box: list[float], think: float) -> None:
        rng = random.Random(self.seed)
        start.wait()
        deadline = deadline_box[0]
        time.sleep(rng.uniform(0, max(think, 0.2)))  # users do not all click at once
        while time.monotonic() < deadline:
            kind, path = page_mix(self.role, self.zone, rng)
            t0 = time.perf_counter()
            try:
                status, _, _ = self.request("GET", path)
            except (OSError, http.client.HTTPException) as e:
                status = 0
                self.errors.append(f"{path}: {e!r}")
            self.samples.append(Sample(kind, status, (time.perf_counter() - t0) * 1000, time.monotonic()))
            if status != 200 and status != 0:
                self.errors.append(f"{path}: HTTP {status}")
            if think > 0:
                time.sleep(min(rng.uniform(0.5, 1.5) * think, max(0.0, deadline - time.monotonic())))


def roles_for(users: int) -> list[str]:
    """10 leaders, 25 office staff, 10 enterprises and 5 anonymous visitors per 50 users."""
    shares = (("leader", 0.2), ("office", 0.5), ("enterprise", 0.2), ("anonymous", 0.1))
    out = []
    for role, share in shares:
        out += [role] * round(users * share)
    return (out + ["office"] * users)[:users]


def warm_up(live: LiveServer, zone: Zone) -> float:
    """Open every indicator page the leaders will, once (the first viewer of the day pays this)."""
    leader = next(u for u, a in live.accounts.items() if a["role"] == "leader")
    user = LoadUser("leader", leader, live.host, live.port, live.password, zone, 0)
    user.login()
    t0 = time.perf_counter()
    for year in zone.years:
        user.request("GET", f"/?year={year}")
        for code in MAIN_CODES:
            user.request("GET", f"/monitoring/explain/{code}/?year={year}")
    return time.perf_counter() - t0


def process_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) a process has used, from /proc (Linux); None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def load(live: LiveServer, zone: Zone, users: int, seconds: float, think: float) -> dict:
    accounts = {role: next(u for u, a in live.accounts.items() if a["role"] == role) for role in ("leader", "office", "enterprise")}
    people = [
        LoadUser(role, accounts.get(role), live.host, live.port, live.password, zone, seed=i)
        for i, role in enumerate(roles_for(users))
    ]
    for p in people:  # one after another: PBKDF2 is meant to be slow
        if p.username:
            p.login()
    start = threading.Event()
    deadline = [0.0]
    threads = [threading.Thread(target=p.browse, args=(start, deadline, think), daemon=True) for p in people]
    for t in threads:
        t.start()
    cpu0 = os.times()
    server0 = process_cpu(live.process.pid)
    loadavg = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    deadline[0] = time.monotonic() + seconds
    t0 = time.monotonic()
    start.set()
    for t in threads:
        t.join(timeout=seconds + 120)
    wall = time.monotonic() - t0
    cpu1 = os.times()
    server1 = process_cpu(live.process.pid)
    samples = [s for p in people for s in p.samples]
    errors = [e for p in people for e in p.errors]
    ok = [s.ms for s in samples]
    by_kind: dict[str, list[float]] = {}
    for s in samples:
        by_kind.setdefault(s.kind, []).append(s.ms)
    logins = [p.login_ms for p in people if p.login_ms is not None]
    return {
        "users": users, "seconds": seconds, "think": think, "wall": wall,
        "requests": len(samples), "errors": len(errors), "error_examples": errors[:10],
        "throughput": len(samples) / wall,
        "p50": percentile(ok, 50), "p95": percentile(ok, 95), "p99": percentile(ok, 99), "max": max(ok) if ok else float("nan"),
        "client_cpu_s": (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system),
        "server_cpu_s": None if server0 is None or server1 is None else server1 - server0,
        "server_cpu_ms_per_request": None if server0 is None or server1 is None or not samples else (server1 - server0) * 1000 / len(samples),
        "load_average_before": loadavg,
        "login_median_ms": statistics.median(logins) if logins else None,
        "kinds": {
            k: {"n": len(v), "p50": percentile(v, 50), "p95": percentile(v, 95), "max": max(v)}
            for k, v in sorted(by_kind.items(), key=lambda kv: -len(kv[1]))
        },
    }


# --- report -----------------------------------------------------------------------------------


def _num(v, spec: str) -> str:
    return "—" if v is None else format(v, spec)


def markdown(times: list[dict], runs: list[dict], warm: float) -> str:
    lines = [
        "| page (role) | first view (ms) | median (ms) | median CPU (ms) | slowest of the rest (ms) | SQL queries |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for t in times:
        lines.append(f"| {t['page']} ({t['role']}) | {t['first_ms']:,.0f} | {t['median_ms']:,.1f} | {t['cpu_ms']:,.1f} | {t['max_ms']:,.1f} | {t['queries']} |")
    slow = [t["page"] for t in times if t["median_ms"] >= PAGE_TARGET_MS]
    lines.append("")
    lines.append(f"Server time target (< {PAGE_TARGET_MS} ms, median of warm views): " + ("met by every page." if not slow else "missed by " + ", ".join(slow) + "."))
    lines.append(f"Warm-up (the leaders' indicator pages computed once): {warm:.1f} s.")
    for r in runs:
        lines += [
            "",
            f"**{r['users']} users, {r['seconds']:.0f} s, think time {'%.1f s (0.5–1.5×)' % r['think'] if r['think'] else 'none'}**: "
            f"{r['requests']:,} requests, {r['throughput']:.1f}/s, errors {r['errors']}; "
            f"p50 {r['p50']:.0f} ms, **p95 {r['p95']:.0f} ms**, p99 {r['p99']:.0f} ms, max {r['max']:.0f} ms; "
            f"login median {r['login_median_ms'] or 0:.0f} ms (before the window); "
            f"server CPU {_num(r['server_cpu_s'], '.1f')} s ({_num(r['server_cpu_ms_per_request'], '.1f')} ms a request), "
            f"load generator CPU {r['client_cpu_s']:.1f} s; machine load average before {_num(r['load_average_before'], '.1f')}.",
            "",
            "| page | requests | p50 (ms) | p95 (ms) | max (ms) |",
            "|---|---:|---:|---:|---:|",
        ]
        for kind, k in r["kinds"].items():
            lines.append(f"| {kind} | {k['n']:,} | {k['p50']:.0f} | {k['p95']:.0f} | {k['max']:.0f} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", type=Path, help="a dataset folder (default: the demo zone in bench/out/demo-zone)")
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--think", type=float, action="append", help="mean think time in seconds (repeatable; default 1.0)")
    ap.add_argument("--repeat", type=int, default=10, help="warm views per page for the server time")
    ap.add_argument("--threads", type=int, default=4, help="waitress threads (ipzone serve --threads)")
    ap.add_argument("--json", type=Path, help="write the raw figures here too")
    args = ap.parse_args()
    thinks = args.think or [1.0]

    dataset = ensure_dataset(args.dataset)
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}", file=sys.stderr)
    with LiveServer(dataset, demo=True, threads=args.threads) as live:
        print(f"serving {dataset} at {live.url}", file=sys.stderr)
        os.environ.update(live.environment())
        os.environ["IPZONE_ALLOWED_HOSTS"] = "testserver,127.0.0.1"
        from ipzone.web import setup

        setup()
        print("server time (in process):", file=sys.stderr)
        zone_box: list[Zone] = []

        def zone_of(enterprise: str) -> Zone:
            zone_box.append(survey_zone(enterprise))
            return zone_box[0]

        times = server_times(live, zone_of, args.repeat)
        zone = zone_box[0]
        warm = warm_up(live, zone)
        runs = []
        for think in thinks:
            print(f"load: {args.users} users, {args.seconds:.0f} s, think {think} s …", file=sys.stderr)
            runs.append(load(live, zone, args.users, args.seconds, think))
            r = runs[-1]
            print(f"  {r['requests']} requests, p95 {r['p95']:.0f} ms, errors {r['errors']}", file=sys.stderr)
    report = markdown(times, runs, warm)
    print(report)
    if args.json:
        args.json.write_text(json.dumps({"server_time": times, "load": runs, "warm_up_s": warm}, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
