"""``ipzone policy entitlements | explain | list | check``.

Command names, options and the JSON shapes are a contract other tools read (docs/policies.md).
``register(app)`` adds the ``policy`` group to the ``ipzone`` Typer app.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

app = typer.Typer(help="政策兑现：按数据计算享受名单（免申即享）/ policies as code: entitlements from the data", no_args_is_help=True)


class Fmt(str, Enum):
    table = "table"
    json = "json"
    xlsx = "xlsx"


class ShortFmt(str, Enum):
    table = "table"
    json = "json"


SourceArg = Annotated[
    Path | None,
    typer.Argument(help="数据集：CSV 文件夹、xlsx 工作簿或 Parquet 文件夹（用 --db 时省略）/ a dataset (omit with --db)"),
]
YearOpt = Annotated[int, typer.Option("--year", help="年度 Y / the year")]
PoliciesOpt = Annotated[
    Path | None,
    typer.Option("--policies", help="政策文件夹（*.toml；默认：ipzone 自带的示例政策，用 --db 时为平台中的现行版本）"),
]
PaymentsOpt = Annotated[
    Path | None,
    typer.Option("--payments", help="已支付记录（CSV 或 xlsx：政策、年度、类型、编号、统一社会信用代码、金额、支付日期）"),
]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="判断暂缓（侵权案件等）的日期，默认 Y 年 12 月 31 日")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="园区配置 TOML（默认：数据集文件夹中的 ipzone.toml）")]
DbOpt = Annotated[str | None, typer.Option("--db", help="平台数据库 URL：数据、政策和已支付记录都取自平台")]
OutOpt = Annotated[Path | None, typer.Option("--out", help="写入文件（xlsx 必须指定）")]


def _fail(zh: str, en: str) -> None:
    Console(stderr=True).print(f"[red]错误：{escape(zh)}[/red]\n[dim]error: {escape(en)}[/dim]", highlight=False)
    raise typer.Exit(2)


@dataclass
class Run:
    eng: object
    policies: list
    paid: list | None


def _open(source: Path | None, db: str | None, policies_dir: Path | None, payments: Path | None, config: Path | None) -> Run:
    from ipzone import config as zone_config
    from ipzone.indicators.engine import Engine, IndicatorError, is_parquet_folder
    from ipzone.policies import files
    from ipzone.policies import payments as paid_file
    from ipzone.policies.files import PolicyError
    from ipzone.values import Problem

    if (source is None) == (db is None):
        _fail("请给出数据集 SOURCE，或用 --db 指定平台数据库（二者选一）", "give a dataset SOURCE or --db URL (one of them)")
    try:
        if db is not None:
            from ipzone.web.policies.source import from_database

            ds, db_config, db_policies, db_paid = from_database(db)
            from ipzone.web.policies.service import use_platform_credit_grades

            use_platform_credit_grades()
            cfg = zone_config.load(config) if config else db_config
            pols = files.load_folder(policies_dir) if policies_dir else db_policies
            paid = paid_file.read(payments) if payments else db_paid
            return Run(Engine(ds, config=cfg), pols, paid)
        if not source.exists():
            _fail(f"找不到数据集 {source}", f"dataset not found: {source}")
        cfg = zone_config.for_dataset(source, config)
        pols = files.load_folder(policies_dir) if policies_dir else files.samples()
        paid = paid_file.read(payments) if payments else None
        if is_parquet_folder(source):
            data = source
        else:
            from ipzone.dataset import read
            from ipzone.findings import DatasetError

            try:
                data = read(source)
            except DatasetError:
                _fail(f"数据集有错误，未计算；请运行 ipzone check {source}", f"the dataset has errors; run ipzone check {source}")
        _credit_from_dataset(data)
        return Run(Engine(data, config=cfg), pols, paid)
    except (PolicyError, IndicatorError, Problem) as e:
        _fail(e.zh, e.en)


def _credit_from_dataset(data) -> None:
    """The ``credit`` hold reads the credit grades of the same dataset (ipzone.protection.credit),
    computed only if a policy asks for it."""
    from ipzone.policies import holds
    from ipzone.protection import credit

    def provider(year, as_of):
        ds = data
        if isinstance(data, (str, Path)):  # a Parquet folder written by ipzone convert: already checked
            import pyarrow.parquet as pq

            from ipzone.dataset import Dataset

            ds = Dataset.from_tables({f.stem: pq.read_table(f) for f in sorted(Path(data).glob("*.parquet"))}, Path(data))
        return credit.held(credit.grades(ds, year))

    holds.set_provider("credit", provider)


def _as_of(text: str | None) -> dt.date | None:
    if text is None:
        return None
    from ipzone.values import Problem, parse_date

    try:
        return parse_date(text)
    except Problem as e:
        _fail(f"--as-of：{e.zh}", f"--as-of: {e.en}")


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        out.write_text(text, encoding="utf-8")


def _print(renderables: list, out: Path | None) -> None:
    console = Console(highlight=False) if out is None else Console(file=io.StringIO(), record=True, width=160, highlight=False)
    for r in renderables:
        console.print(Text(r) if isinstance(r, str) else r)  # data text is never markup
    if out is not None:
        out.write_text(console.export_text(), encoding="utf-8")


@app.command("entitlements")
def entitlements(
    year: YearOpt,
    source: SourceArg = None,
    policy: Annotated[str | None, typer.Option("--policy", help="只计算这一项政策（默认：全部政策）")] = None,
    format: Annotated[Fmt, typer.Option("--format", help="table / json / xlsx")] = Fmt.table,
    out: OutOpt = None,
    policies: PoliciesOpt = None,
    payments: PaymentsOpt = None,
    as_of: AsOfOpt = None,
    config: ConfigOpt = None,
    db: DbOpt = None,
    first: Annotated[int, typer.Option("--first", help="表格中每项政策最多列出几项未享受（0 = 全部）")] = 20,
) -> None:
    """Y 年度各政策的享受名单与未享受原因 / who is entitled to what under each policy in year Y.

    With --policy the JSON is one object; without it, a list of such objects, one per policy
    (a disabled policy or one not in force in Y is listed with "applies": false and its reason).
    """
    from ipzone.policies import compute, render, select
    from ipzone.policies.files import PolicyError
    from ipzone.indicators.engine import IndicatorError

    if format is Fmt.xlsx and out is None:
        _fail("xlsx 格式需要用 --out 指定文件", "--format xlsx needs --out FILE")
    when = _as_of(as_of)
    run = _open(source, db, policies, payments, config)
    try:
        chosen = select(run.policies, policy)
        outcomes = [compute(run.eng, p, year, paid=run.paid, as_of=when) for p in chosen]
    except (PolicyError, IndicatorError) as e:
        _fail(e.zh, e.en)
    if format is Fmt.json:
        data = [render.outcome_json(o) for o in outcomes]
        _emit(json.dumps(data[0] if policy else data, ensure_ascii=False, indent=2), out)
    elif format is Fmt.xlsx:
        render.write_xlsx(outcomes, out)
        Console(stderr=True).print(f"已写入 {out} / written: {out}")
    else:
        parts: list = []
        for o in outcomes:
            parts += render.outcome_renderables(o, first or None) + [""]
        _print(parts[:-1], out)


@app.command("explain")
def explain(
    year: YearOpt,
    policy: Annotated[str, typer.Option("--policy", help="政策名称，如 hv-grant-reward")],
    item: Annotated[str, typer.Option("--id", help="项目编号：专利申请号或质押登记号")],
    source: SourceArg = None,
    format: Annotated[ShortFmt, typer.Option("--format", help="table / json")] = ShortFmt.table,
    out: OutOpt = None,
    policies: PoliciesOpt = None,
    payments: PaymentsOpt = None,
    as_of: AsOfOpt = None,
    config: ConfigOpt = None,
    db: DbOpt = None,
) -> None:
    """一个项目为什么享受或不享受某项政策 / why one item is or is not entitled under a policy."""
    from ipzone.indicators.engine import IndicatorError
    from ipzone.policies import explain_item, render, select
    from ipzone.policies.files import PolicyError

    when = _as_of(as_of)
    run = _open(source, db, policies, payments, config)
    try:
        chosen = select(run.policies, policy)[0]
        data = explain_item(run.eng, chosen, year, item, paid=run.paid, as_of=when)
    except (PolicyError, IndicatorError) as e:
        _fail(e.zh, e.en)
    if format is ShortFmt.json:
        _emit(json.dumps(render.explain_json(data), ensure_ascii=False, indent=2), out)
    else:
        _print(render.explain_lines(data), out)


@app.command("list")
def list_policies(policies: PoliciesOpt = None, db: DbOpt = None) -> None:
    """列出政策：名称、版本、有效期、是否示例、是否停用 / list the policies."""
    from rich.table import Table

    from ipzone.policies import files
    from ipzone.policies.files import PolicyError

    try:
        if policies is not None:
            pols = files.load_folder(policies)
        elif db is not None:
            from ipzone.web.policies.source import from_database

            pols = from_database(db, data=False)[2]
        else:
            pols = files.samples()
    except PolicyError as e:
        _fail(e.zh, e.en)
    t = Table(title="政策 / policies", title_justify="left")
    for col in ("名称", "版本", "标题", "有效期", "享受对象", "支付", "状态"):
        t.add_column(col, no_wrap=col in ("名称", "有效期"))
    for p in pols:
        state = "停用" if not p.enabled else "启用"
        t.add_row(p.name, str(p.version), p.title + ("（示例）" if p.sample else ""), p.period_text().replace(" 至 ", "—"), p.eligibility.beneficiary, p.payment.kind, state)
    Console(highlight=False).print(t)


@app.command("check")
def check(files_: Annotated[list[Path], typer.Argument(metavar="FILE...", help="政策文件（*.toml）")]) -> None:
    """检查政策文件（每处问题一次列出）/ check policy files, every problem at once."""
    from ipzone.policies import files
    from ipzone.policies.files import PolicyError

    console = Console(highlight=False)
    bad = 0
    for path in files_:
        try:
            p = files.load_file(path)
        except PolicyError as e:
            bad += 1
            Console(stderr=True, highlight=False).print(f"[red]✗ {escape(e.zh)}[/red]\n[dim]{escape(e.en)}[/dim]")
            continue
        console.print(f"✓ {path}：{p.name} 第 {p.version} 版（{p.title}）")
    raise typer.Exit(1 if bad else 0)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="policy")
