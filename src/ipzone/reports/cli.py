"""``ipzone report annual|bulletin|protection``: a report from a dataset or the platform's database.

    ipzone report annual SOURCE --year 2024 --out 年度监测报告.docx
    ipzone report bulletin --db sqlite:///zone.sqlite3 --period 2024-Q3 --out 简报.pdf
    ipzone report protection SOURCE --year 2024 --out 保护状况.xlsx

SOURCE is a dataset (CSV folder, .xlsx workbook, or a Parquet folder from ``ipzone convert``);
``--db URL`` reads the platform's database instead. The format is the output file's suffix.
Progress goes to stderr; Ctrl-C leaves no half-written file (``output.write`` is all or nothing).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ipzone.indicators.cli import Counting, CountingOpt
from ipzone.values import Problem

console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

report_app = typer.Typer(help="报告：年度监测报告、工作简报、保护状况（Word / PDF / Excel）/ reports", no_args_is_help=True)

SourceArg = Annotated[
    Path | None,
    typer.Argument(help="数据集：CSV 文件夹、xlsx 工作簿或 Parquet 文件夹（或用 --db 读平台数据库）/ a dataset, or use --db"),
]
OutOpt = Annotated[Path, typer.Option("--out", help="输出文件：.docx、.pdf 或 .xlsx / the file to write; its suffix is the format")]
DbOpt = Annotated[str | None, typer.Option("--db", help="平台数据库 URL（代替 SOURCE）/ the platform's database instead of SOURCE")]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="园区配置 TOML（默认：数据集中的 ipzone.toml；--db 时为 IPZONE_CONFIG，否则为数据库中保存的配置）"),
]
DateOpt = Annotated[str | None, typer.Option("--date", help="成文日期 YYYY-MM-DD（默认不印，由办公室定稿时填写）")]


def _fail(zh: str, en: str, code: int = 2) -> None:
    err.print(f"[red]错误：{zh}[/red]\n[dim]error: {en}[/dim]", highlight=False)
    raise typer.Exit(code)


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        _fail(f"成文日期「{text}」应为 YYYY-MM-DD", f"--date {text!r} must be YYYY-MM-DD")


def open_db(db: str | None, config: Path | None):
    """The engine on the platform's database (migrated first), and how the report names it."""
    from ipzone.web.cli import _setup

    _setup(db)
    from ipzone.indicators.engine import Engine
    from ipzone.web import zoneconfig
    from ipzone.web.core.models import DataState
    from ipzone.web.export import dataset
    from ipzone.web.reports.services import db_source

    state = DataState.current()
    # --config, else IPZONE_CONFIG, else the configuration stored with the data, else the defaults
    return Engine(dataset(state), config=zoneconfig.in_force(config).config), db_source(state)


def _open(source: Path | None, db: str | None, config: Path | None, say: Callable[[str], None]):
    from ipzone.findings import DatasetError
    from ipzone.indicators.engine import IndicatorError

    if (source is None) == (db is None):
        _fail("请给出数据集 SOURCE 或 --db（二者只选其一）", "give a dataset SOURCE or --db, not both")
    try:
        if db is not None:
            say("读取平台数据库 / reading the database")
            return open_db(db, config)
        from ipzone.reports.source import open_dataset

        say(f"读取并检查数据集 {source.name} / reading the dataset")
        return open_dataset(source, config)
    except FileNotFoundError:
        _fail(f"找不到数据集 {source}", f"dataset not found: {source}")
    except DatasetError as e:
        _fail(f"数据集有错误，未生成报告：\n{e}", f"the dataset has errors; run ipzone check {source}", 1)
    except (IndicatorError, Problem) as e:
        _fail(e.zh, e.en)


def run(source: Path | None, db: str | None, out: Path, counting: Counting, config: Path | None, build: Callable) -> None:
    """Open the source, build the document, write it; progress on stderr, errors in both languages."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ipzone.indicators.engine import IndicatorError
    from ipzone.reports import output
    from ipzone.reports.annual import YearError
    from ipzone.reports.facts import Facts

    try:
        output.format_of(out)
    except Problem as e:
        _fail(e.zh, e.en)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("准备 / starting", total=None)

        def say(step: str) -> None:
            bar.update(task, description=step)

        eng, src = _open(source, db, config, say)
        facts = Facts(eng, counting.value, progress=say)
        try:
            doc = build(facts, src)
            say(f"写入 {out.name} / writing")
            size = output.write(doc, out, progress=say)
        except (YearError, IndicatorError, Problem) as e:
            _fail(e.zh, e.en, 1)
    console.print(f"已写入 {out}（{size / 1024:,.0f} KB）：{doc.title}{('，' + doc.subtitle) if doc.subtitle else ''} / wrote {out}", highlight=False)
    if doc.missing:
        console.print(f"[yellow]注意：{len(doc.missing)} 个数值缺数据，报告中已注明原因（见“附：数据来源与口径说明”）/ {len(doc.missing)} missing value(s), explained in the report[/yellow]", highlight=False)


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")


@report_app.command("annual")
def annual_cmd(
    source: SourceArg = None,
    year: Annotated[int, typer.Option("--year", help="报告年度 Y（2021 年起）")] = ...,
    out: OutOpt = ...,
    db: DbOpt = None,
    counting: CountingOpt = Counting.first,
    config: ConfigOpt = None,
    date: DateOpt = None,
) -> None:
    """年度监测报告：表一完成情况、重点任务进展、存在的问题 / the annual monitoring report."""
    from ipzone.reports import annual

    day = _date(date)
    run(source, db, out, counting, config, lambda facts, src: annual.build(facts, year, src, date=day))


@report_app.command("bulletin")
def bulletin_cmd(
    source: SourceArg = None,
    period: Annotated[str, typer.Option("--period", help="期间：季度 2023-Q3 或月份 2023-07")] = ...,
    out: OutOpt = ...,
    db: DbOpt = None,
    counting: CountingOpt = Counting.first,
    config: ConfigOpt = None,
    date: DateOpt = None,
) -> None:
    """工作简报：本期与上年同期 / the periodic bulletin (a quarter or a month)."""
    from ipzone.reports import bulletin
    from ipzone.reports.period import parse

    try:
        p = parse(period)
    except Problem as e:
        _fail(e.zh, e.en)
    day = _date(date)
    run(source, db, out, counting, config, lambda facts, src: bulletin.build(facts, p, src, date=day))


@report_app.command("protection")
def protection_cmd(
    source: SourceArg = None,
    year: Annotated[int, typer.Option("--year", help="报告年度 Y")] = ...,
    out: OutOpt = ...,
    db: DbOpt = None,
    counting: CountingOpt = Counting.first,
    config: ConfigOpt = None,
    date: DateOpt = None,
) -> None:
    """知识产权保护状况：案件、结果、重复侵权、典型案例、满意度 / the protection-status report."""
    from ipzone.reports import protection

    day = _date(date)
    run(source, db, out, counting, config, lambda facts, src: protection.build(facts, year, src, date=day))
