"""``ipzone programme …``: the task list, its overdue items and assessment, and the filings'
template and import, from the command line."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

app = typer.Typer(help="任务清单、逾期提醒、部门考核与运用服务备案 / the programme's task list, overdue items, assessment and filings", no_args_is_help=True)


class Fmt(str, Enum):
    text = "text"
    json = "json"


DbOpt = Annotated[str | None, typer.Option("--db", help="数据库 URL（默认 IPZONE_DB 或 $IPZONE_HOME/ipzone.sqlite3）")]
AsOf = Annotated[str | None, typer.Option("--as-of", help="截至日期 YYYY-MM-DD（默认今天）")]


def _setup(db):
    from ipzone.web.cli import _setup as setup

    setup(db)


def _as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        from ipzone.web.cli import err

        err.print(f"[red]--as-of {value!r} 不是 YYYY-MM-DD 日期 / is not a YYYY-MM-DD date[/red]")
        raise typer.Exit(2) from None


@app.command("seed")
def seed(db: DbOpt = None) -> None:
    """从工作方案建立任务清单（部门、任务、子任务；已有的不变）/ seed the task list from the plan."""
    from ipzone.web.cli import console

    _setup(db)
    from ipzone.web.programme.tracking import seed as run

    r = run()
    console.print(f"任务清单 / task list：新增部门 {r.departments} 个，新增任务 {r.tasks_added} 项，已有任务 {r.tasks_kept} 项")


@app.command("departments")
def departments(db: DbOpt = None) -> None:
    """部门及其代码（createuser --role department --department 代码）/ the departments and their codes."""
    from ipzone.web.cli import console

    _setup(db)
    from ipzone.web.programme.models import Department

    t = Table(title="部门 / departments")
    for c in ("代码 code", "名称 name", "牵头任务 leads"):
        t.add_column(c)
    for d in Department.objects.all():
        t.add_row(d.code, d.name, str(d.led_tasks.count()))
    console.print(t)


@app.command("overdue")
def overdue(as_of: AsOf = None, department: Annotated[str | None, typer.Option("--department", help="只看一个部门（代码）")] = None,
            format: Annotated[Fmt, typer.Option("--format")] = Fmt.text, db: DbOpt = None) -> None:
    """逾期提醒：到期未完成的任务、年度目标和未按时报送的季度进展 / what is overdue."""
    from ipzone.web.cli import console

    day = _as_of(as_of)
    _setup(db)
    from ipzone.web.programme import tracking
    from ipzone.web.programme.models import Department

    depts = Department.objects.filter(code=department) if department else None
    items = tracking.overdue(day, depts)
    rows = [{"kind": d.kind_zh, "task": d.task.code, "title": d.task.title, "quarter": d.quarter, "department": d.department.code,
             "due_on": d.obligation.due_on.isoformat(), "days_overdue": d.overdue_days} for d in items]
    if format is Fmt.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    t = Table(title=f"逾期事项 / overdue（截至 {(day or tracking.today()).isoformat()}）")
    for c in ("事项", "任务", "牵头部门", "期限", "逾期天数"):
        t.add_column(c, justify="right" if c == "逾期天数" else "left")
    for r in rows:
        what = r["kind"] + (f" 第{r['quarter']}季度" if r["quarter"] else "")
        t.add_row(what, f"{r['task']} {r['title'][:24]}", r["department"], r["due_on"], str(r["days_overdue"]))
    console.print(t)
    console.print(f"共 {len(rows)} 项 / {len(rows)} item(s)")


@app.command("assess")
def assess(year: Annotated[int, typer.Option("--year", help="考核年度")], as_of: AsOf = None,
           out: Annotated[Path | None, typer.Option("--out", help="同时写出 .xlsx")] = None,
           format: Annotated[Fmt, typer.Option("--format")] = Fmt.text, db: DbOpt = None) -> None:
    """部门年度考核（按 ipzone/programme/assessment.toml 声明的标准）/ each department's score for the year."""
    from ipzone.web.cli import console

    day = _as_of(as_of)
    _setup(db)
    from ipzone.programme import assessment
    from ipzone.web.programme import tracking
    from ipzone.web.programme.exports import assessment_workbook

    criteria = assessment.load()
    day = day or tracking.today()
    results = tracking.assess_year(year, day)
    if out is not None:
        assessment_workbook(year, day, results, criteria, str(out))
    if format is Fmt.json:
        data = [{"department": a.department.code, "name": a.department.name, "score": a.score.score, "grade": a.score.grade,
                 "criteria": {p.criterion.code: {"counted": p.counted, "met": p.met, "points": a.score.points(p.criterion.code)} for p in a.score.parts}}
                for a in results]
        sys.stdout.write(json.dumps({"year": year, "as_of": day.isoformat(), "departments": data}, ensure_ascii=False, indent=2) + "\n")
        return
    t = Table(title=f"{year} 年度部门考核（截至 {day.isoformat()}）")
    t.add_column("部门")
    for c in criteria.criteria:
        t.add_column(f"{c.name}（{c.weight:g}）", justify="right")
    t.add_column("总分", justify="right")
    t.add_column("等级")
    for a in results:
        cells = []
        for p in a.score.parts:
            pts = a.score.points(p.criterion.code)
            cells.append("不计" if pts is None else f"{pts:g}（{p.met:g}/{p.counted}）")
        t.add_row(a.department.short, *cells, "—" if a.score.score is None else f"{a.score.score:g}", a.score.grade or "—")
    console.print(t)
    if out is not None:
        console.print(f"已写出 / written: {out}")


@app.command("progress-template")
def progress_template(year: Annotated[int, typer.Option("--year", help="年度")], quarter: Annotated[int, typer.Option("--quarter", min=1, max=4, help="季度 1–4")],
                      out: Annotated[Path, typer.Option("--out", help="写出的 .xlsx")],
                      department: Annotated[str | None, typer.Option("--department", help="部门代码（默认全部部门）")] = None, db: DbOpt = None) -> None:
    """某季度应报送的季度进展填报模板（每个牵头任务一行；已报送、已退回的进展已填入，部门草稿不填）/ the quarterly progress owed, as a workbook to fill in."""
    from ipzone.web.cli import console, err

    _setup(db)
    from ipzone.web.programme import imports
    from ipzone.web.programme.models import Department

    departments = None
    if department is not None:
        departments = Department.objects.filter(code=department)
        if not departments.exists():
            known = "、".join(Department.objects.values_list("code", flat=True)) or "（无）"
            err.print(f"[red]没有代码为 {department!r} 的部门（已有：{known}）/ no department with code {department!r}[/red]")
            raise typer.Exit(2)
    rows = imports.template_rows(year, quarter, departments)
    imports.write(out, rows)
    console.print(f"{year} 年第 {quarter} 季度应报送 {len(rows)} 份 / {len(rows)} report(s) owed")
    console.print(f"已写出 / written: {out}")


@app.command("template")
def template(out: Annotated[Path, typer.Argument(help="写出的 .xlsx")]) -> None:
    """运用与服务备案的空白模板（中文表头、★ 主键、每列说明）/ the blank filing template."""
    from ipzone.programme import workbook
    from ipzone.web.cli import console

    workbook.template(out)
    console.print(f"已写出 / written: {out}")


@app.command("import")
def import_(workbook_path: Annotated[Path, typer.Argument(help="备案工作簿 .xlsx")],
            dry_run: Annotated[bool, typer.Option("--dry-run", help="只检查并预演，不写入")] = False, db: DbOpt = None) -> None:
    """导入运用与服务备案（按自然键更新，一个事务；有错误时不写入）/ import a filing workbook."""
    from ipzone.render import print_report
    from ipzone.web.cli import console, err

    if not workbook_path.is_file():
        err.print(f"[red]找不到文件 {workbook_path} / file not found[/red]")
        raise typer.Exit(2)
    _setup(db)
    from ipzone.web.operation.imports import import_filings

    result = import_filings(workbook_path, dry_run=dry_run)
    if not result.ok:
        print_report(err, result.report, workbook_path, None)
        err.print("[red]数据库未改动 / the database is untouched[/red]")
        raise typer.Exit(1)
    t = Table(title="备案导入" + ("（预演，未写入）" if dry_run else ""))
    for c in ("表", "行数", "新增", "修改", "未变"):
        t.add_column(c, justify="left" if c == "表" else "right")
    for c in result.changes:
        t.add_row(f"{c.stem}（{c.zh}）", str(c.rows), str(c.added), str(c.changed), str(c.unchanged))
    console.print(t)
