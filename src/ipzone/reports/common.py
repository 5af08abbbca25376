"""Pieces every report shares: the source it was made from, indicator tables, groupings, the closing note."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ipzone import __version__
from ipzone.indicators import catalog, references, rules
from ipzone.reports.facts import Facts
from ipzone.reports.model import Cell, Paragraph, Section, Table, Value

PLAN = "《山西转型综合改革示范区创建“国家级知识产权强国建设试点园区”工作方案》（晋综示发〔2022〕26号）"
ISSUER = "知识产权强区建设战略领导小组办公室"
TOP = 10  # rows shown in "by bank / by guarantor" tables before 其他


@dataclass(frozen=True)
class Source:
    """What the report was made from, as printed in it (never a machine path)."""

    label: str  # 数据集 demo-zone（CSV 文件夹） / 平台数据库
    version: str  # 数据指纹 sha256:… / 数据版本 12（2025-01-02 10:00:00）
    # The platform's record of policy spending (year → ipzone.policies.spending_section); None for a
    # dataset, whose section is computed from the sample policies instead.
    policy_spending: Callable[[int], dict] | None = field(default=None, compare=False, repr=False)
    # The platform's task list (year → ipzone.web.programme.tracking.progress_summary); None for a dataset.
    task_progress: Callable[[int], dict] | None = field(default=None, compare=False, repr=False)
    # The platform's inspections of credit-graded supervision, as (uscc, day, kind, result) rows
    # (ipzone.web.protection.grading.inspection_rows); None for a dataset, which records none.
    inspections: Callable[[], list[tuple]] | None = field(default=None, compare=False, repr=False)
    # The platform's credit grades and infringer flags (year → ipzone.protection credit.Grade by uscc,
    # year → [infringers.Infringer]), made with the office's listings and infringer settings exactly
    # as its pages show them; None for a dataset, graded here with the packaged defaults.
    credit_grades: Callable[[int], dict] | None = field(default=None, compare=False, repr=False)
    infringer_flags: Callable[[int], list] | None = field(default=None, compare=False, repr=False)


_STOP = "\\s（）()，,；;：:“”\"'"
_PATH = re.compile(f"(?:[A-Za-z]:)?[^{_STOP}\\\\/]*(?:[\\\\/][^{_STOP}\\\\/]+)+\\.[A-Za-z0-9]{{1,8}}")


def scrub_paths(text: str) -> str:
    """A file path in a message, shortened to its file name: reports never carry machine paths."""
    return _PATH.sub(lambda m: re.split(r"[\\\\/]", m.group(0))[-1], text)


def year_end_timestamp(d: dt.date) -> dt.datetime:
    """The files' metadata time: the reported period's last day, so the same data gives the same file."""
    return dt.datetime(d.year, d.month, d.day, 0, 0, 0)


def indicator_table(facts: Facts, codes: Iterable[str], year: int, title: str, key: str, *, target: bool = True) -> Table:
    """指标 | 单位 | 上年 | 本年 | 较上年 [| 年度目标]."""
    cols = ["指标", "单位", f"{year - 1}年", f"{year}年", "较上年"] + (["年度目标"] if target else [])
    rows: list[list[Cell]] = []
    for code in codes:
        ind = catalog.get(code)
        row: list[Cell] = [ind.name, ind.unit, facts.value(code, year - 1), facts.value(code, year), facts.change(code, year)]
        if target:
            row.append(facts.target(code, year))
        rows.append(row)
    return Table(title, cols, rows, key=key, widths=[4.2, 1.1, 1.4, 1.4, 1.4] + ([1.4] if target else []))


GRADES = ("金奖", "银奖", "优秀奖", "特等奖", "一等奖", "二等奖", "三等奖")


def in_order(keys, order: tuple[str, ...]) -> list:
    """``keys`` in the contract's order (its enumerations), anything else after, alphabetically."""
    keys = list(dict.fromkeys(keys))
    return [k for k in order if k in keys] + sorted(k for k in keys if k not in order)


def grade_rank(grade: str | None) -> tuple[int, str]:
    return (GRADES.index(grade) if grade in GRADES else len(GRADES), grade or "")


def group(records: list[dict], key: Callable[[dict], object], amount: str | None = None) -> list[tuple[object, int, float]]:
    """(key, records, Σ amount) per key, the largest amount (then count, then key) first; None keys dropped."""
    out: dict[object, list[float]] = {}
    for r in records:
        k = key(r)
        if k is None or k == "":
            continue
        acc = out.setdefault(k, [0, 0.0])
        acc[0] += 1
        if amount and r.get(amount) is not None:
            acc[1] += float(r[amount])
    items = [(k, int(v[0]), v[1]) for k, v in out.items()]
    items.sort(key=lambda x: (-x[2], -x[1], str(x[0])))
    return items


def top_rows(items: list[tuple[object, int, float]], *, precision: int = 2, top: int = TOP) -> list[list[Cell]]:
    """At most ``top`` rows, the rest summed as 其他, and a 合计 row."""
    rows: list[list[Cell]] = []
    for k, n, a in items[:top]:
        rows.append([str(k), Value(n), Value(a, precision)])
    rest = items[top:]
    if rest:
        rows.append([f"其他（{len(rest)} 家）", Value(sum(x[1] for x in rest)), Value(sum(x[2] for x in rest), precision)])
    rows.append(["合计", Value(sum(x[1] for x in items)), Value(sum(x[2] for x in items), precision)])
    return rows


def meta(facts: Facts, source: Source, period: str) -> list[tuple[str, str]]:
    eng = facts.eng
    return [
        ("园区", eng.config.zone_name),
        ("报告期", period),
        ("数据来源", source.label),
        ("数据版本", source.version),
        ("计数规则", f"{rules.COUNTING_ZH[facts.counting]}（{facts.counting}）"),
        ("计算引擎", f"ipzone {__version__}，{eng.engine}"),
    ]


def sources_section(facts: Facts, source: Source, year: int, *, extra: list[str] | None = None, brief: bool = False) -> Section:
    """附：数据来源与口径说明 — source, reference editions and coverage, counting rule, parameters, gaps."""
    eng = facts.eng
    rep = facts.report(year)
    s = Section("附：数据来源与口径说明", key="sources", numbered=False)
    s.add(Paragraph(f"数据来源：{source.label}，{source.version}。全部数值由 ipzone 指标引擎（ipzone {__version__}，{eng.engine}）按《指标说明》计算，同一数据重复生成的报告内容相同。"))
    s.add(Paragraph(f"计数规则：{rules.COUNTING_ZH[facts.counting]}（{facts.counting}）。按国家知识产权局区域统计惯例，专利以第一权利人所在地计入园区；整体计数、分数计数可另行选择，同一报告只用一种。"))
    for role, (title, _en) in references.ROLES.items():
        ref = eng.refs[role]
        if isinstance(ref, references.MissingRef):
            s.add(Paragraph(f"参照表「{title}」：不可用（{scrub_paths(ref.zh)}），依赖它的指标记为缺数据。"))
            continue
        coverage = {"complete": "完整", "partial": "部分（依赖它的数值可能偏低）"}.get(ref.coverage, str(ref.coverage))
        own = eng.config.references[role].path is not None  # the zone's own file: its name, not where it lies
        origin = f"园区自备表 {Path(ref.source).name}" if own else scrub_paths(str(ref.source))
        s.add(Paragraph(f"参照表「{title}」：{ref.name}，版本 {ref.edition}，覆盖范围 {coverage}；来源：{origin}。"))
    s.add(Paragraph(f"参数：高价值发明专利条件4「实现较高质押融资金额」的门槛为 {eng.config.hv_pledge_threshold:g} 万元（hv_pledge_threshold）。"))
    for zh, _en in rep.assumptions:
        s.add(Paragraph(f"口径：{zh}。"))
    overrides = sorted(eng.config.targets.items())
    if brief:
        pass
    elif overrides:
        text = "；".join(f"{catalog.get(code).name if code in catalog.BY_CODE else code}：" + "、".join(f"{y} 年 {v:g}" for y, v in sorted(years.items())) for code, years in overrides)
        s.add(Paragraph(f"年度目标：办公室设定的目标为 {text}；其余按 2021 年基期至 2025 年目标直线插值。"))
    else:
        s.add(Paragraph("年度目标：按 2021 年基期至 2025 年目标直线插值（办公室未另行设定）。"))
    for line in extra or []:
        s.add(Paragraph(line))
    if facts.missing_log:
        s.add(Paragraph("缺数据说明：以下数值无法计算，报告中记为“缺数据”，不以 0 代替——" + "；".join(facts.missing_log) + "。"))
    else:
        s.add(Paragraph("缺数据说明：本报告用到的数值均可计算，无缺数据。"))
    return s
