"""Benchmark: every indicator of 2023 (first-patentee counting) on the demo zone scaled to N patents.

    uv run python bench/indicators_bench.py --patents 1000000 [--patents 10000000] [--spark] [--keep]

For each N, the demo zone is written as Parquet (``ipzone demo --patents N --format parquet``) into
bench/out/demo-N-parquet, unless it is already there. Then, each in its own process (a wrapper
measures its wall time, CPU time and peak RSS):

- ``ipzone`` — ``compute(folder, 2023, counting="first", engine="duckdb")``: the whole catalog, and
  again with ``codes=`` the eight 表一 indicators only;
- baseline (a) — bench/baselines/pandas_baseline.py: the eight 表一 indicators in plain pandas;
- baseline (b) — bench/baselines/sql_baseline.py: one hand-written DuckDB query per indicator, for
  every indicator of the catalog (the issue's comparison), and with ``--main`` for the eight only;
- with ``--spark``, at the smallest N only: the same ``compute`` with ``engine="spark"`` (local[2]).

Every value and breakdown of (b) is asserted equal to ipzone's, and the eight 表一 values of every
other job. Ratios are against ipzone in the same run, on the same files. Wall times include the
interpreter start and imports; the bytecode cache of the jobs lives under bench/out/pycache and is
warmed on a tiny demo zone first (this environment may set PYTHONDONTWRITEBYTECODE, which would
otherwise make every job compile pandas, Ibis … from source at each start). ``--repeat`` runs
ipzone and the SQL baseline that many rounds (each round runs every job once, so that a change of
load on a shared machine hits them alike) and reports the median. Prints a Markdown table to paste
into bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
BASELINES = HERE / "baselines"
YEAR = 2023
MAIN = (
    "hv_invention_per_10k",
    "patent_intensive_va",
    "ip_pledge_amount",
    "protection_satisfaction",
    "rd_gdp_ratio",
    "hitech_enterprises",
    "ip_budget_share",
    "ip_service_agencies",
)
TARGET_WALL_10M = 10.0  # s, DuckDB engine at 10M patents
TARGET_RSS_10M = 4096.0  # MiB
TARGET_VS_PANDAS = 10.0  # ipzone at least this many times faster than baseline (a)
TARGET_VS_SQL = 1.5  # ipzone within this factor of baseline (b)

# Runs one command; prints JSON: its wall time, its peak RSS (ru_maxrss of the largest process
# among its descendants: a fresh parent per job, so the peak is that job's), optionally the peak of
# the whole process tree's summed RSS (sampled; Spark's JVM is a separate process), and its stdout.
WRAP = r"""
import json, os, resource, subprocess, sys, threading, time
tree = sys.argv[1] == "tree"
cmd = sys.argv[2:]
page = os.sysconf("SC_PAGE_SIZE")
peak = [0]
def tree_rss(root):
    kids = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(p))
            except (OSError, ValueError, IndexError):
                pass
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * page
        except OSError:
            pass
        todo += kids.get(pid, [])
    return total
start = time.perf_counter()
proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
if tree:
    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.1)
    threading.Thread(target=sample, daemon=True).start()
out, _ = proc.communicate()
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": proc.returncode, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "maxrss_kib": usage.ru_maxrss,
                  "tree_kib": peak[0] // 1024 if tree else None, "stdout": out}))
"""

# The ipzone job (run as `python bench/indicators_bench.py --job JOB FOLDER`).
def ipzone_job(job: str, folder: Path, year: int) -> None:
    """``job``: duckdb, duckdb-main (only the eight 表一 codes) or spark."""
    t0 = time.perf_counter()
    from ipzone.config import for_dataset
    from ipzone.indicators import MAIN as MAIN_INDICATORS
    from ipzone.indicators import compute

    seconds = {"import": time.perf_counter() - t0}
    engine = "spark" if job == "spark" else "duckdb"
    codes = [i.code for i in MAIN_INDICATORS] if job == "duckdb-main" else None
    con = None
    if engine == "spark":
        t = time.perf_counter()
        from ipzone.indicators.engine import connect

        con = connect("spark")  # the local[2] session compute() would start; timed on its own
        seconds["spark session"] = time.perf_counter() - t
    t = time.perf_counter()
    report = compute(folder, year, counting="first", engine=engine, config=for_dataset(folder), codes=codes, con=con)
    seconds["compute"] = time.perf_counter() - t
    values = {r.code: r.value for r in report.results}
    breakdowns = {r.code: r.breakdown for r in report.results if r.breakdown}
    print(json.dumps({"values": values, "breakdowns": breakdowns, "seconds": seconds, "indicators": sum(v is not None for v in values.values())}, ensure_ascii=False, default=str))


def job_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    return env


class Job:
    def __init__(self, name: str, cmd: list[str], *, tree: bool = False):
        self.name = name
        self.cmd = cmd
        self.tree = tree
        self.runs: list[dict] = []

    def run(self) -> dict:
        proc = subprocess.run([sys.executable, "-c", WRAP, "tree" if self.tree else "-", *self.cmd], capture_output=True, text=True, env=job_env(), cwd=ROOT)
        if proc.returncode != 0:
            sys.exit(f"{self.name}: the wrapper failed\n{proc.stderr}")
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        if r["rc"] != 0:
            sys.exit(f"{self.name} exited with {r['rc']}: {self.shown()}")
        r["result"] = json.loads(r["stdout"].strip().splitlines()[-1])
        self.runs.append(r)
        return r

    def median(self) -> dict:
        ordered = sorted(self.runs, key=lambda r: r["wall"])
        return ordered[(len(ordered) - 1) // 2]

    @property
    def wall(self) -> float:
        return statistics.median(r["wall"] for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r["cpu"] for r in self.runs)

    @property
    def rss_mib(self) -> float:
        return max(r["maxrss_kib"] for r in self.runs) / 1024

    @property
    def tree_mib(self) -> float | None:
        peaks = [r["tree_kib"] for r in self.runs if r["tree_kib"] is not None]
        return max(peaks) / 1024 if peaks else None

    @property
    def values(self) -> dict:
        return self.median()["result"]["values"]

    @property
    def seconds(self) -> dict:
        return self.median()["result"]["seconds"]

    def shown(self) -> str:
        cmd = [("python" if c == sys.executable else c) for c in self.cmd]
        return shlex.join(str(Path(c).relative_to(ROOT)) if c.startswith(str(ROOT)) else c for c in cmd)


def jobs_for(folder: Path, year: int, *, spark: bool) -> list[Job]:
    py, me = sys.executable, str(Path(__file__).resolve())
    jobs = [
        Job("ipzone `compute(engine=\"duckdb\")` — all indicators", [py, me, "--job", "duckdb", str(folder), "--year", str(year)]),
        Job("ipzone, the 8 表一 only (`codes=` the eight)", [py, me, "--job", "duckdb-main", str(folder), "--year", str(year)]),
        Job("(a) pandas baseline — 8 表一", [py, str(BASELINES / "pandas_baseline.py"), str(folder), "--year", str(year)]),
        Job("(b) hand-written DuckDB SQL — all indicators, 1 query each", [py, str(BASELINES / "sql_baseline.py"), str(folder), "--year", str(year)]),
        Job("(b) hand-written DuckDB SQL — 8 表一, 1 query each", [py, str(BASELINES / "sql_baseline.py"), str(folder), "--year", str(year), "--main"]),
    ]
    if spark:
        jobs.append(Job("ipzone `compute(engine=\"spark\")`, local[2] — all indicators", [py, me, "--job", "spark", str(folder), "--year", str(year)], tree=True))
    return jobs


def generate(n: int) -> Path:
    data = OUT / f"demo-{n}-parquet"
    if not data.exists():
        print(f"generating {data.relative_to(ROOT)} …", file=sys.stderr)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ipzone", "demo", "--out", str(data), "--patents", str(n), "--format", "parquet"], check=True, stdout=subprocess.DEVNULL)
        print(f"generated in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return data


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def check_values(reference: Job, job: Job, codes) -> None:
    bad = {c: (reference.values.get(c), job.values.get(c)) for c in codes if not same(reference.values.get(c), job.values.get(c))}
    if bad:
        sys.exit(f"{job.name} disagrees with ipzone: " + ", ".join(f"{c}: ipzone {a!r} vs {b!r}" for c, (a, b) in bad.items()))


def check_breakdowns(reference: Job, job: Job) -> None:
    """Every split of every indicator: the same rows, in the same order, with the same values."""
    mine, theirs = reference.median()["result"]["breakdowns"], job.median()["result"]["breakdowns"]
    if set(mine) != set(theirs):
        sys.exit(f"{job.name}: breakdowns of {sorted(theirs)}, ipzone has {sorted(mine)}")
    for code, splits in mine.items():
        for split, rows in splits.items():
            other = theirs[code].get(split)
            keys = lambda rs: [{k: v for k, v in r.items() if k != "value"} for r in rs]  # noqa: E731
            if other is None or keys(rows) != keys(other) or not all(same(a["value"], b["value"]) for a, b in zip(rows, other, strict=True)):
                sys.exit(f"{job.name} disagrees with ipzone on the breakdown of {code} by {split}")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    mem = ""
    try:
        kib = int(next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")).split()[1])
        mem = f", {kib / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    versions = subprocess.run(
        [sys.executable, "-c", "import duckdb, ibis, pandas, pyarrow; print(duckdb.__version__, ibis.__version__, pandas.__version__, pyarrow.__version__)"],
        capture_output=True, text=True, env=job_env(), check=True,
    ).stdout.split()
    try:
        spark = subprocess.run([sys.executable, "-c", "import pyspark; print(pyspark.__version__)"], capture_output=True, text=True, env=job_env()).stdout.strip() or "—"
    except OSError:
        spark = "—"
    return (
        f"{cpu}, {cores} cores{mem}, Python {platform.python_version()}, duckdb {versions[0]}, ibis {versions[1]}, "
        f"pandas {versions[2]}, pyarrow {versions[3]}, pyspark {spark}"
    )


def fmt_seconds(s: dict) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in s.items() if not k.startswith("q:"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--patents", type=int, action="append", help="demo zone size; repeatable (default 1,000,000)")
    ap.add_argument("--year", type=int, default=YEAR)
    ap.add_argument("--spark", action="store_true", help="also time engine='spark' (local[2]) at the smallest size")
    ap.add_argument("--repeat", type=int, default=3, help="runs of ipzone and the SQL baseline (median reported); pandas and Spark run once")
    ap.add_argument("--keep", action="store_true", help="keep the generated datasets under bench/out")
    ap.add_argument("--job", help=argparse.SUPPRESS)
    ap.add_argument("folder", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.job:
        ipzone_job(args.job, args.folder, args.year)
        return

    sizes = sorted(set(args.patents or [1_000_000]))
    OUT.mkdir(exist_ok=True)

    # Warm the jobs' bytecode cache and code paths on a tiny zone (untimed).
    warm = OUT / "demo-warmup-parquet"
    if not warm.exists():
        subprocess.run([sys.executable, "-m", "ipzone", "demo", "--out", str(warm), "--patents", "2000", "--format", "parquet"], check=True, stdout=subprocess.DEVNULL, env=job_env())
    print("warming up …", file=sys.stderr)
    for job in jobs_for(warm, args.year, spark=args.spark):
        job.run()

    sections = []
    for i, n in enumerate(sizes):
        data = generate(n)
        size = sum(f.stat().st_size for f in data.glob("*.parquet")) / 2**20
        jobs = jobs_for(data, args.year, spark=args.spark and i == 0)
        load_before = os.getloadavg()[0]
        ipz, ipz_main, pandas_job, sql_job, sql_main = jobs[:5]
        # Rounds, not one job's repeats in a row: on a shared machine a change of load then hits
        # every job of a round alike. pandas and Spark run in the first round only.
        for round_ in range(args.repeat):
            for job in jobs if round_ == 0 else (ipz, ipz_main, sql_job, sql_main):
                print(f"{n:,}: {job.name} …", file=sys.stderr)
                r = job.run()
                print(f"  {r['wall']:.2f} s, CPU {r['cpu']:.2f} s, {r['maxrss_kib'] / 1024:,.0f} MiB", file=sys.stderr)
        for job in (ipz_main, pandas_job, sql_main):
            check_values(ipz, job, MAIN)
        check_values(ipz, sql_job, list(ipz.values))
        check_breakdowns(ipz, sql_job)
        for job in jobs[5:]:
            check_values(ipz, job, [c for c, v in ipz.values.items() if v is not None])
        load = os.getloadavg()[0]
        sections.append((n, data, size, jobs, (load_before, load)))
        if not args.keep:
            shutil.rmtree(data)

    print(f"\nMachine: {machine()}\n")
    print(f"Year {args.year}, first-patentee counting. Wall = the job's process, start to exit (interpreter, imports, reading, computing); "
          f"median of {args.repeat} rounds for ipzone and SQL, one run for pandas and Spark. CPU = user + system time of the job's processes "
          f"(median; not for Spark, whose JVM it would miss). Peak RSS = the job's largest process (ru_maxrss).\n")
    for n, data, size, jobs, (load_before, load_after) in sections:
        ipz, ipz_main, pandas_job, sql_job, sql_main = jobs[:5]
        print(f"### {n:,} patents (`ipzone demo --patents {n} --format parquet`: {size:,.0f} MiB of Parquet)\n")
        print(f"Load average (1 min) on the machine: {load_before:.1f} when these jobs started, {load_after:.1f} when they ended.\n")
        print("| job | wall (s) | CPU (s) | peak RSS (MiB) | × ipzone wall | in the process (s) |")
        print("|---|---:|---:|---:|---:|---|")
        for job in jobs:
            rss = f"{job.tree_mib:,.0f} (JVM + Python, sampled; Python alone {job.rss_mib:,.0f})" if job.tree_mib else f"{job.rss_mib:,.0f}"
            cpu = "—" if job.tree_mib else f"{job.cpu:.2f}"
            print(f"| {job.name} | {job.wall:.2f} | {cpu} | {rss} | {job.wall / ipz.wall:.2f} | {fmt_seconds(job.seconds)} |")
        vs_pandas = pandas_job.wall / ipz.wall
        vs_sql = ipz.wall / sql_job.wall
        main_vs_sql = ipz_main.wall / sql_main.wall
        all_vs_sql_main = ipz.wall / sql_main.wall
        print()
        print(f"- Every value and breakdown of (b) equals ipzone's, and the 8 表一 values of every job (asserted, relative tolerance 1e-9)"
              + ("; Spark's equal DuckDB's for every indicator." if len(jobs) > 5 else "."))
        print(f"- (a) pandas wall ÷ ipzone wall = {vs_pandas:.1f} (target ≥ {TARGET_VS_PANDAS:g}): {'met' if vs_pandas >= TARGET_VS_PANDAS else 'NOT met'}.")
        print(f"- ipzone wall ÷ (b) SQL wall, all indicators = {vs_sql:.2f} (target ≤ {TARGET_VS_SQL:g}): {'met' if vs_sql <= TARGET_VS_SQL else 'NOT met'}; "
              f"the 8 表一 on both sides: {main_vs_sql:.2f}; ipzone's whole catalog against (b)'s 8 queries: {all_vs_sql_main:.2f}.")
        if n >= 10_000_000:
            ok_wall = ipz.wall < TARGET_WALL_10M
            ok_rss = ipz.rss_mib < TARGET_RSS_10M
            print(f"- ipzone at {n:,}: {ipz.wall:.2f} s (target < {TARGET_WALL_10M:g} s): {'met' if ok_wall else 'NOT met'}; "
                  f"{ipz.rss_mib:,.0f} MiB (target < {TARGET_RSS_10M:,.0f} MiB): {'met' if ok_rss else 'NOT met'}.")
        print()
        print("Commands (from the repository root; `python` is the project's `uv run python`):\n")
        print("```")
        print(f"python -m ipzone demo --out {data.relative_to(ROOT)} --patents {n} --format parquet")
        for job in jobs:
            print(job.shown())
        print("```\n")
    print(f"Re-run: `uv run python bench/indicators_bench.py {' '.join(f'--patents {n}' for n in sizes)}"
          f"{' --spark' if args.spark else ''}{f' --repeat {args.repeat}' if args.repeat != 3 else ''}`")


if __name__ == "__main__":
    main()
