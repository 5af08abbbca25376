"""``ipzone indicators``, ``ipzone progress`` and ``ipzone explain``.

The command names, options and JSON shapes are a contract other tools read. ``register(app)``
adds the three commands to the ``ipzone`` Typer app.
"""

from __future__ import annotations

import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ipzone.values import Problem


class Fmt(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class ShortFmt(str, Enum):
    table = "table"
    json = "json"


class Counting(str, Enum):
    first = "first"
    whole = "whole"
    fractional = "fractional"


class EngineName(str, Enum):
    duckdb = "duckdb"
    spark = "spark"


DatasetArg = Annotated[Path, typer.Argument(help="数据集：CSV 文件夹、xlsx 工作簿，或 ipzone convert 生成的 Parquet 文件夹")]
CountingOpt = Annotated[Counting, typer.Option("--counting", help="计数规则：first 第一权利人（默认）/ whole 整体 / fractional 分数")]
EngineOpt = Annotated[EngineName, typer.Option("--engine", help="计算引擎：duckdb（默认）或 spark（本地 local[2]）")]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="园区配置 TOML（默认：数据集文件夹中的 ipzone.toml）/ zone configuration (default: the dataset folder's ipzone.toml)",
    ),
]
OutOpt = Annotated[Path | None, typer.Option("--out", help="写入文件而不是标准输出（xlsx 必须指定）")]


def _fail(zh: str, en: str) -> None:
    Console(stderr=True).print(f"[red]错误：{zh}[/red]\n[dim]error: {en}[/dim]")
    raise typer.Exit(2)


def _engine(dataset: Path, engine: EngineName, config: Path | None):
    from ipzone import config as zone_config
    from ipzone.indicators.engine import Engine, IndicatorError, is_parquet_folder

    try:
        cfg = zone_config.for_dataset(dataset, config)
    except Problem as e:
        _fail(e.zh, e.en)
    if not dataset.exists():
        _fail(f"找不到数据集 {dataset}", f"dataset not found: {dataset}")
    if is_parquet_folder(dataset):
        source = dataset  # read in place by the backend (read_parquet): no Python objects at scale
    else:
        from ipzone.dataset import read
        from ipzone.findings import DatasetError

        try:
            source = read(dataset)
        except DatasetError as e:
            _fail(f"数据集有错误，未载入：\n{e}", f"the dataset has errors and was not loaded; run ipzone check {dataset}")
    try:
        return Engine(source, engine=engine.value, config=cfg)
    except (IndicatorError, Problem) as e:
        _fail(e.zh, e.en)


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        out.write_text(text, encoding="utf-8-sig" if out.suffix.lower() == ".csv" else "utf-8")


def _print(renderables: list, out: Path | None) -> None:
    console = Console() if out is None else Console(file=io.StringIO(), record=True, width=160)
    for r in renderables:
        console.print(r)
    if out is not None:
        out.write_text(console.export_text(), encoding="utf-8")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def register(app: typer.Typer) -> None:
    @app.command("indicators")
    def indicators(
        dataset: DatasetArg,
        year: Annotated[int, typer.Option("--year", help="年度 Y（指标按 Y 年 12 月 31 日计）")],
        format: Annotated[Fmt, typer.Option("--format", help="table（中文表格）/ json / csv / xlsx")] = Fmt.table,
        counting: CountingOpt = Counting.first,
        engine: EngineOpt = EngineName.duckdb,
        config: ConfigOpt = None,
        out: OutOpt = None,
        indicator: Annotated[list[str] | None, typer.Option("--indicator", help="只计算这些指标（可重复）")] = None,
    ) -> None:
        """计算 Y 年的全部指标（表一 8 项及各任务指标）/ compute every indicator for year Y."""
        from ipzone.indicators import render
        from ipzone.indicators.catalog import BY_CODE
        from ipzone.indicators.engine import IndicatorError

        for code in indicator or []:
            if code not in BY_CODE:
                _fail(f"未知的指标代码「{code}」", f"unknown indicator code {code!r}")
        if format is Fmt.xlsx and out is None:
            _fail("xlsx 格式需要用 --out 指定文件", "--format xlsx needs --out FILE")
        eng = _engine(dataset, engine, config)
        try:
            report = eng.compute(year, counting.value, codes=indicator or None)
        except IndicatorError as e:
            _fail(e.zh, e.en)
        if format is Fmt.json:
            _emit(_dumps(render.report_json(report)), out)
        elif format is Fmt.csv:
            _emit(render.report_csv(report), out)
        elif format is Fmt.xlsx:
            render.write_xlsx(report, out)
        else:
            _print([render.report_table(report), *render.report_footnotes(report)], out)

    @app.command("progress")
    def progress(
        dataset: DatasetArg,
        start: Annotated[int, typer.Option("--from", help="起始年度")] = 2021,
        end: Annotated[int, typer.Option("--to", help="截止年度")] = 2025,
        format: Annotated[ShortFmt, typer.Option("--format", help="table / json")] = ShortFmt.table,
        counting: CountingOpt = Counting.first,
        engine: EngineOpt = EngineName.duckdb,
        config: ConfigOpt = None,
        out: OutOpt = None,
        indicator: Annotated[list[str] | None, typer.Option("--indicator", help="只看这些指标（默认：表一 8 项）")] = None,
    ) -> None:
        """主要指标逐年进度、年度目标与到 2025 年的趋势 / progress of the main indicators year by year."""
        from ipzone.indicators import render
        from ipzone.indicators.catalog import BY_CODE
        from ipzone.indicators.progress import progress as run

        if start > end:
            _fail(f"--from {start} 晚于 --to {end}", f"--from {start} is after --to {end}")
        for code in indicator or []:
            if code not in BY_CODE:
                _fail(f"未知的指标代码「{code}」", f"unknown indicator code {code!r}")
        eng = _engine(dataset, engine, config)
        prog = run(eng, start, end, counting.value, codes=indicator or None)
        if format is ShortFmt.json:
            _emit(_dumps(render.progress_json(prog)), out)
        else:
            _print([render.progress_table(prog), "趋势按年均复合增长率法（open-sdg / 加拿大统计局 / 欧盟统计局）：以 2021 年基期为 y₀，比较实际年均增速与实现 2025 目标所需增速。"], out)

    @app.command("explain")
    def explain(
        dataset: DatasetArg,
        year: Annotated[int, typer.Option("--year", help="年度 Y")],
        indicator: Annotated[str | None, typer.Option("--indicator", help="指标代码，如 hv_invention_count")] = None,
        patent: Annotated[str | None, typer.Option("--patent", help="解释一件专利在 Y 年末的状态（申请号）")] = None,
        format: Annotated[ShortFmt, typer.Option("--format", help="table / json")] = ShortFmt.table,
        counting: CountingOpt = Counting.first,
        engine: EngineOpt = EngineName.duckdb,
        config: ConfigOpt = None,
        out: OutOpt = None,
    ) -> None:
        """指标背后的记录与证据，或一件专利的逐项说明 / the records behind a value, or one patent explained."""
        from ipzone.codes import parse_appno
        from ipzone.indicators import render
        from ipzone.indicators.catalog import BY_CODE
        from ipzone.indicators.engine import IndicatorError
        from ipzone.indicators.explain import explain_indicator, explain_patent

        if indicator is None and patent is None:
            _fail("请指定 --indicator 或 --patent", "give --indicator or --patent")
        if indicator is not None and indicator not in BY_CODE:
            _fail(f"未知的指标代码「{indicator}」", f"unknown indicator code {indicator!r}")
        if patent is not None:
            try:
                patent = parse_appno(patent)
            except Problem as e:
                _fail(e.zh, e.en)
        eng = _engine(dataset, engine, config)
        try:
            data = explain_patent(eng, year, patent, counting.value) if patent else explain_indicator(eng, year, indicator, counting.value)
        except IndicatorError as e:
            _fail(e.zh, e.en)
        if format is ShortFmt.json:
            _emit(_dumps(render.explain_json(data)), out)
        elif patent:
            _print(render.patent_lines(data), out)
        else:
            notes = [f"说明：{n[0]}" for n in data["notes"]] + [f"假设/口径：{a[0]}" for a in data["assumptions"]]
            _print([render.explain_table(data), *notes], out)
