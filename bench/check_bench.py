"""Benchmark: `ipzone check` of the demo zone scaled to N patents (default 1,000,000).

Each measured command runs in its own process, so peak memory (max RSS) is its own. The
baseline, in the same run on the same files, is the floor of any checker: reading every CSV
file into Arrow with pyarrow and nothing else. Ratios against it travel between machines;
seconds do not.

    uv run python bench/check_bench.py [--patents 1000000] [--keep]

Prints a Markdown table to paste into bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE / "out"

BASELINE = """
import sys, pyarrow as pa, pyarrow.csv as c
from pathlib import Path
rows = 0
for f in sorted(Path(sys.argv[1]).glob("*.csv")):
    t = c.read_csv(f)
    rows += t.num_rows
print(rows)
"""


# Runs one command and prints its peak RSS (KiB): a fresh parent per job, so the peak is that job's.
WRAP = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run(cmd: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MiB, exit code) of one command."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", WRAP, *cmd], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    code, peak_kib = map(int, proc.stdout.split())
    return wall, peak_kib / 1024, code


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--patents", type=int, default=1_000_000)
    ap.add_argument("--keep", action="store_true", help="keep the generated dataset under bench/out")
    args = ap.parse_args()

    data = OUT / f"demo-{args.patents}"
    if not data.exists():
        print(f"generating {data} …", file=sys.stderr)
        t0 = time.perf_counter()
        subprocess.run(["ipzone", "demo", "--out", str(data), "--patents", str(args.patents)], check=True)
        print(f"generated in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    size = sum(f.stat().st_size for f in data.glob("*.csv")) / 2**20

    base_wall, base_rss, _ = run([sys.executable, "-c", BASELINE, str(data)])
    check_wall, check_rss, code = run(["ipzone", "check", str(data)])
    if code != 0:
        sys.exit("the demo dataset did not pass ipzone check")

    print(f"\n{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"dataset: ipzone demo --patents {args.patents:,} ({size:,.0f} MiB of CSV)\n")
    print("| job | wall (s) | peak RSS (MiB) | × baseline wall |")
    print("|---|---:|---:|---:|")
    print(f"| baseline: pyarrow.csv.read_csv of every file | {base_wall:.1f} | {base_rss:,.0f} | 1.0 |")
    print(f"| `ipzone check` | {check_wall:.1f} | {check_rss:,.0f} | {check_wall / base_wall:.1f} |")
    if not args.keep:
        shutil.rmtree(data)


if __name__ == "__main__":
    main()
