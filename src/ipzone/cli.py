"""The ``ipzone`` command: every job of the zone office, from one place.

Each command is a thin shell over a module that does the work; imports are lazy so that
``ipzone --help`` stays fast.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ipzone import __version__

app = typer.Typer(
    help="ipzone：园区知识产权强国建设试点工作平台 / runs a development zone's IP programme.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class Format(str, Enum):
    text = "text"
    json = "json"


def _version(value: bool):
    if value:
        console.print(f"ipzone {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本 / show the version")
    ] = False,
):
    """ipzone：园区知识产权强国建设试点工作平台 / runs a development zone's IP programme."""


DatasetArg = Annotated[
    Path,
    typer.Argument(help="数据集：CSV 文件夹、Parquet 文件夹或 .xlsx 工作簿 / a folder of CSV or Parquet files, or an .xlsx workbook"),
]


def _checked(dataset: Path):
    """Check a dataset with a progress line per table on stderr."""
    from ipzone.dataset import check as run_check

    with err.status(f"正在检查 {dataset} / checking {dataset} …") as status:

        def progress(step: str, stem: str) -> None:
            verb = "读取 / reading" if step == "read" else "校验 / checking"
            status.update(f"{verb} {stem} …")

        return run_check(dataset, progress=progress)


@app.command()
def check(
    dataset: DatasetArg,
    format: Annotated[Format, typer.Option("--format", help="输出格式 / output format")] = Format.text,
    first: Annotated[int, typer.Option(help="每组最多显示几行 / rows shown per group (0 = all)")] = 10,
):
    """检查数据集是否符合数据规范 / check a dataset against the data contract.

    Exit status 1 when there is any error, 0 otherwise (warnings allowed).
    """
    from ipzone.render import print_report

    report, ds = _checked(dataset)
    if format == Format.json:
        out = report.to_dict(first=first or None)
        if ds is not None:
            out["tables"] = {stem: ds[stem].num_rows for stem in sorted(ds.present)}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    else:
        print_report(console, report, dataset, ds, first=first or None)
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def convert(
    dataset: DatasetArg,
    out: Annotated[Path, typer.Option("--out", help="输出文件夹 / output folder")],
):
    """检查后将数据集写为 Parquet / check a dataset, then write it as Parquet."""
    from ipzone.convert import write_parquet
    from ipzone.render import print_report

    report, ds = _checked(dataset)
    if ds is None:
        print_report(err, report, dataset, None)
        raise typer.Exit(1)
    rows = write_parquet(ds, out)
    console.print(f"已写入 {out}：{len(rows)} 张表，{sum(rows.values()):,} 行 / wrote {out}: {len(rows)} tables, {sum(rows.values()):,} rows")


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="输出文件夹 / output folder")] = Path("demo-zone"),
    seed: Annotated[int, typer.Option(help="随机种子 / random seed")] = 2022,
    patents: Annotated[
        int | None, typer.Option(help="专利总数（用于基准测试，默认示范规模）/ number of patents (for benchmarks)")
    ] = None,
    format: Annotated[str, typer.Option("--format", help="csv 或 parquet / csv or parquet")] = "csv",
):
    """生成示范园区数据集（2019–2025）/ write the demo zone's dataset (2019–2025)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ipzone.demo import generate

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    ) as progress:
        tasks: dict[str, int] = {}

        def report(stem: str, done: int, total: int) -> None:
            if stem not in tasks:
                tasks[stem] = progress.add_task(stem, total=total)
            progress.update(tasks[stem], completed=done, total=total)

        rows = generate(out, seed=seed, patents=patents, fmt=format, progress=report)
    console.print(f"示范园区数据已写入 {out}：{sum(rows.values()):,} 行 / demo zone written to {out}: {sum(rows.values()):,} rows")


@app.command()
def template(
    out: Annotated[Path, typer.Option("--out", help="输出的 .xlsx 文件 / the .xlsx file to write")] = Path("ipzone-template.xlsx"),
):
    """下载空白数据模板（中文表头与填表说明）/ write a blank data template with Chinese headers and notes."""
    from ipzone.templates import write_template

    write_template(out)
    console.print(f"已写入模板 {out} / template written to {out}")


reference_app = typer.Typer(help="官方分类参照表 / the official reference tables", no_args_is_help=True)
app.add_typer(reference_app, name="reference")


@reference_app.command("list")
def reference_list():
    """列出参照表及其来源、版本和覆盖范围 / list the reference tables with source, edition and coverage."""
    from ipzone import reference
    from ipzone.render import reference_table

    console.print(reference_table(reference.list_tables()))


@reference_app.command("show")
def reference_show(
    name: Annotated[str, typer.Argument(help="参照表名称 / table name")],
    limit: Annotated[int, typer.Option(help="显示行数 / rows shown")] = 20,
):
    """显示一张参照表 / show one reference table."""
    from ipzone import reference
    from ipzone.render import reference_rows

    try:
        info = reference.info(name)
    except KeyError:
        err.print(f"没有名为 {name} 的参照表 / no reference table named {name}")
        raise typer.Exit(2) from None
    console.print(reference_rows(info, reference.load_table(name), limit))


@reference_app.command("load")
def reference_load(
    name: Annotated[str, typer.Argument(help="参照表名称 / table name")],
    file: Annotated[Path, typer.Argument(help="官方副本（CSV 或 xlsx）/ the official copy (CSV or xlsx)")],
    edition: Annotated[str, typer.Option(help="版本，如 2021 / the edition, e.g. 2021")],
):
    """载入园区自己的官方参照表副本 / load the office's own official copy of a reference table."""
    from ipzone import reference

    try:
        info = reference.install(name, file, edition=edition)
    except reference.ReferenceError as e:
        err.print(str(e))
        raise typer.Exit(1) from None
    console.print(f"已载入 {info.name}（{info.title}）{info.rows:,} 行，版本 {info.edition} / loaded {info.rows:,} rows")


def run() -> None:
    """The console entry point: Ctrl-C ends a job cleanly (every writer is all-or-nothing)."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("已中断，未写入任何不完整的结果 / interrupted; nothing half-written was left")
        raise SystemExit(130) from None


def _register() -> None:
    """Commands that live beside the module they drive."""
    from ipzone.indicators.cli import register as register_indicators
    from ipzone.policies.cli import register as register_policies
    from ipzone.protection.cli import register as register_protection
    from ipzone.reports.cli import register as register_reports
    from ipzone.web.cli import register as register_web

    register_indicators(app)
    register_policies(app)
    register_protection(app)
    register_reports(app)
    register_web(app)


_register()
