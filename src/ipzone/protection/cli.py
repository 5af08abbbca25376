"""``ipzone protection infringers`` and ``ipzone protection grades``.

The source is a dataset (CSV folder, .xlsx, Parquet folder) or, with ``--db``, the platform's
database — then the office's settings (window and thresholds) and its list of abnormal filings
come from the database too. ``register(app)`` adds the ``protection`` group to the ``ipzone`` app.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ipzone.values import Problem

app = typer.Typer(help="知识产权保护：重复与恶意侵权、信用分级 / protection: infringers, credit grades", no_args_is_help=True)
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class Fmt(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


SourceArg = Annotated[Path | None, typer.Argument(help="数据集：CSV 文件夹、xlsx 工作簿或 Parquet 文件夹（或用 --db）")]
YearOpt = Annotated[int, typer.Option("--year", help="年度 Y")]
DbOpt = Annotated[str | None, typer.Option("--db", help="改读平台数据库：sqlite:///文件 或 postgresql://…（含办公室的设置与异常申请名单）")]
FmtOpt = Annotated[Fmt, typer.Option("--format", help="table / json / csv")]


def _fail(zh: str, en: str, code: int = 2):
    err.print(f"[red]错误：{zh}[/red]\n[dim]error: {en}[/dim]")
    raise typer.Exit(code)


def _source(source: Path | None, db: str | None, stems: tuple[str, ...]):
    """(dataset, platform settings or None)."""
    if (source is None) == (db is None):
        _fail("请给出数据集或 --db（二者选一）", "give a dataset or --db, not both")
    if db is not None:
        from ipzone.web.cli import _setup

        _setup(db)
        from ipzone.web import export
        from ipzone.web.protection.models import ProtectionSettings

        with err.status("读取平台数据库 / reading the platform's database …"):
            return export.dataset(stems=stems), ProtectionSettings.current()
    if not source.exists():
        _fail(f"找不到数据集 {source}", f"dataset not found: {source}")
    from ipzone.dataset import read
    from ipzone.findings import DatasetError

    with err.status(f"读取并检查 {source} / reading and checking …"):
        try:
            return read(source), None
        except DatasetError:
            _fail(f"数据集有错误，未读取；请先运行 ipzone check {source}", f"the dataset has errors; run ipzone check {source}", 1)


def _emit(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command("infringers")
def infringers_cmd(
    source: SourceArg = None,
    year: YearOpt = ...,
    window: Annotated[int | None, typer.Option("--window", help="统计窗口（年），默认 3；--db 时默认取平台设置")] = None,
    min_cases: Annotated[int | None, typer.Option("--min-cases", help="重复侵权的案件数，默认 2")] = None,
    min_holders: Annotated[int | None, typer.Option("--min-holders", help="群体侵权的权利人数，默认 3")] = None,
    db: DbOpt = None,
    format: FmtOpt = Fmt.table,
) -> None:
    """Y 年的重复侵权、恶意侵权与群体侵权主体及其案件 / flagged infringers of year Y with their cases."""
    from ipzone.protection.infringers import FLAGS, InfringerRule, infringers

    dataset, settings = _source(source, db, ("cases",))
    base = settings.rule() if settings is not None else InfringerRule()
    try:
        rule = InfringerRule(window or base.window_years, min_cases or base.min_cases, min_holders or base.min_holders)
    except Problem as e:
        _fail(e.zh, e.en)
    found = infringers(dataset, year, rule)
    if format is Fmt.json:
        out = {"year": year, "rule": {"window_years": rule.window_years, "min_cases": rule.min_cases, "min_holders": rule.min_holders},
               "infringers": [i.to_dict() for i in found]}
        _emit(json.dumps(out, ensure_ascii=False, indent=2))
        return
    if format is Fmt.csv:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["被诉方", "统一社会信用代码", "标记", "案件数", "权利人数", "案件"])
        for i in found:
            w.writerow([i.name, i.uscc or "", "、".join(i.flags_zh), len(i.cases), len(i.holders), ";".join(c.case_no for c in i.cases)])
        _emit(buf.getvalue())
        return
    t = Table(title=f"{year} 年重复侵权与恶意侵权主体", caption=rule.describe(year))
    for col, justify in (("被诉方", "left"), ("统一社会信用代码", "left"), ("标记", "left"), ("案件", "right"), ("权利人", "right"), ("证据：侵权成立的案件（结案日期）", "left")):
        t.add_column(col, justify=justify)
    for i in found:
        t.add_row(i.name, i.uscc or "—", "、".join(i.flags_zh), str(len(i.cases)), str(len(i.holders)),
                  "\n".join(f"{c.case_no}（{c.closed_on}）" for c in i.cases))
    console.print(t)
    counts = {f: sum(f in i.flags for i in found) for f in FLAGS}
    console.print("；".join(f"{FLAGS[f]} {n} 个" for f, n in counts.items()))


@app.command("grades")
def grades_cmd(
    source: SourceArg = None,
    year: YearOpt = ...,
    listings: Annotated[Path | None, typer.Option("--listings", help="办公室的异常申请名单 CSV（--db 时取平台名单）")] = None,
    rules: Annotated[Path | None, typer.Option("--rules", help="信用规则 TOML（默认 IPZONE_CREDIT_RULES 或自带规则）")] = None,
    grade: Annotated[str | None, typer.Option("--grade", help="只列此等级，如 D")] = None,
    uscc: Annotated[str | None, typer.Option("--uscc", help="只看一个主体（统一社会信用代码）")] = None,
    all_: Annotated[bool, typer.Option("--all", help="列出全部主体（默认只列有记录的）")] = False,
    db: DbOpt = None,
    format: FmtOpt = Fmt.table,
) -> None:
    """Y 年区内主体的信用等级、原因与检查频次 / credit grades of the zone's entities for year Y."""
    from ipzone.protection import credit
    from ipzone.protection.infringers import InfringerRule
    from ipzone.protection.listings import ListingError, read_listings

    try:
        ruleset = credit.load_rules(rules)
    except credit.RulesError as e:
        _fail(e.zh, e.en)
    items = None
    if listings is not None:
        if db is not None:
            _fail("--listings 与 --db 不能同用（--db 时用平台的名单）", "--listings and --db do not go together")
        try:
            items = read_listings(listings)
        except ListingError as e:
            err.print(f"[red]{e}[/red]")
            raise typer.Exit(1) from None
    dataset, settings = _source(source, db, ("entities", "cases", "awards", "pledges", "patents"))
    rule = settings.rule() if settings is not None else InfringerRule()
    graded = credit.grades(dataset, year, listings=items, rules=ruleset, infringer_rule=rule)
    counts = credit.summary(graded, ruleset)
    shown = list(graded.values())
    if uscc:
        shown = [g for g in shown if g.uscc == uscc.strip().upper()]
        if not shown:
            _fail(f"{uscc} 不是区内主体", f"{uscc} is not an in-zone entity")
    elif grade:
        shown = [g for g in shown if g.grade == grade]
    elif not all_:
        shown = [g for g in shown if g.reasons]
    shown.sort(key=lambda g: (-ruleset.rank(g.grade), g.score, g.uscc))
    if format is Fmt.json:
        _emit(json.dumps({"year": year, "rules": ruleset.edition, "summary": counts, "grades": [g.to_dict() for g in shown]}, ensure_ascii=False, indent=2))
        return
    if format is Fmt.csv:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["统一社会信用代码", "名称", "等级", "分数", "检查频次", "原因"])
        for g in shown:
            w.writerow([g.uscc, g.name, g.grade, f"{g.score:g}", g.inspection, "；".join(f"{r.label}×{r.count}（{r.points:g}）" for r in g.reasons)])
        _emit(buf.getvalue())
        return
    start = year - ruleset.window_years + 1
    s = Table(title=f"{year} 年信用分级（{ruleset.edition}，统计 {start}–{year} 年）")
    for col in ("等级", "分数", "主体数", "检查频次"):
        s.add_column(col, justify="right" if col == "主体数" else "left")
    for g in ruleset.grades:
        s.add_row(f"{g.code} {g.label}", f"≥ {g.min_score:g}" if g.min_score is not None else "其余", f"{counts[g.code]:,}", g.inspection)
    console.print(s)
    t = Table(title="有记录的主体" if not (all_ or grade or uscc) else None)
    for col, justify in (("主体", "left"), ("统一社会信用代码", "left"), ("等级", "left"), ("分数", "right"), ("原因与依据", "left")):
        t.add_column(col, justify=justify)
    for g in shown:
        reasons = "\n".join(f"{r.label} ×{r.count}（{r.points:+g}）：{'；'.join(r.evidence[:3])}{' …' if len(r.evidence) > 3 else ''}" for r in g.reasons)
        t.add_row(g.name, g.uscc, g.grade, f"{g.score:g}", reasons or "—")
    console.print(t)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="protection")
