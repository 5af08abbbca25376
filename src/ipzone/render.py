"""Rich renderings of findings and reference tables for the terminal."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from ipzone.findings import ERROR, Report

LEVEL = {ERROR: ("错误", "error", "bold red"), "warning": ("警告", "warning", "yellow")}


def print_report(console: Console, report: Report, source: Path, ds=None, *, first: int | None = 10) -> None:
    """Findings grouped by (level, table, rule): a count, then the first rows of each group."""
    for (level, table, rule), items in report.groups():
        zh, en, style = LEVEL[level]
        label = f"{table}（{items[0].table_zh}）" if table else (items[0].file or "")
        console.print(f"[{style}]{zh} / {en}[/] {label} · {rule} · {len(items)} 处 / {len(items)} found", highlight=False)
        shown = items if first is None else items[:first]
        for f in shown:
            zh_line, en_line = f.message().split("\n", 1)
            console.print(f"  {zh_line}", highlight=False, markup=False)
            console.print(f"  {en_line}", style="dim", highlight=False, markup=False)
        if len(items) > len(shown):
            more = len(items) - len(shown)
            console.print(f"  … 另有 {more} 处 / and {more} more", style="dim")
    n_err, n_warn = len(report.errors), len(report.warnings)
    if ds is not None:
        rows = sum(ds[stem].num_rows for stem in ds.present)
        console.print(
            f"[green]✓[/] {source}：{len(ds.present)} 张表，{rows:,} 行，无错误，{n_warn} 处警告"
            f" / {len(ds.present)} tables, {rows:,} rows, no errors, {n_warn} warning(s)",
            highlight=False,
        )
    else:
        console.print(
            f"[bold red]✗[/] {source}：{n_err} 处错误，{n_warn} 处警告；未载入任何数据"
            f" / {n_err} error(s), {n_warn} warning(s); nothing loaded",
            highlight=False,
        )


def reference_table(infos) -> Table:
    t = Table(title="参照表 / reference tables")
    for col in ("名称 name", "标题 title", "版本 edition", "行数 rows", "覆盖 coverage", "来源 source"):
        t.add_column(col)
    for i in infos:
        coverage = "完整 complete" if i.coverage == "complete" else "部分 partial"
        source = ("园区载入副本 / office copy: " if i.user_copy else "") + i.source
        t.add_row(i.name, i.title, i.edition, f"{i.rows:,}", coverage, source)
    return t


def reference_rows(info, table, limit: int) -> Table:
    t = Table(title=f"{info.name}（{info.title}）{info.edition} · {info.rows:,} 行 · {info.coverage}")
    for name in table.column_names:
        t.add_column(name)
    for row in table.slice(0, limit).to_pylist():
        t.add_row(*("" if v is None else str(v) for v in row.values()))
    return t
