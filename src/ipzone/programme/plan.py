"""The plan's task list (任务清单) as data: departments, tasks, sub-tasks, who leads and supports.

``load()`` reads ``plan.toml`` (shipped in the package, seeded from the plan's text) or a file the
office keeps, and checks it: codes unique, every department named exists, dates in order. The
indicators a task serves are not repeated here: they are the catalog's own (``Indicator.task``
names the plan's task, 任务5 …), so :func:`indicator_codes` reads them from ``ipzone.indicators``.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

PLAN_FILE = "plan.toml"


class PlanError(ValueError):
    def __init__(self, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    short: str
    basis: str = ""


@dataclass(frozen=True)
class Task:
    code: str  # "7", "7.2", "S1"
    title: str
    lead: str
    support: tuple[str, ...]
    section: str = ""
    basis: str = ""
    assigned: str = "plan"  # "plan": the plan names the departments; "decision": the office's default
    parent: str | None = None

    @property
    def is_subtask(self) -> bool:
        return self.parent is not None


@dataclass(frozen=True)
class Plan:
    departments: tuple[Department, ...]
    tasks: tuple[Task, ...]  # each task followed by its sub-tasks
    starts_on: dt.date
    due_on: dt.date
    report_due_days: int
    source: str

    def department(self, code: str) -> Department:
        for d in self.departments:
            if d.code == code:
                return d
        raise KeyError(code)

    def task(self, code: str) -> Task:
        for t in self.tasks:
            if t.code == code:
                return t
        raise KeyError(code)

    @property
    def top(self) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if t.parent is None)

    def subtasks(self, code: str) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if t.parent == code)


def _date(value, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    raise PlanError(f"{where} 应为日期（YYYY-MM-DD）", f"{where} must be a date (YYYY-MM-DD)")


def parse(data: dict, source: str) -> Plan:
    try:
        departments = tuple(Department(d["code"], d["name"], d.get("short", d["name"]), d.get("basis", "")) for d in data["departments"])
    except KeyError as e:
        raise PlanError(f"{source}：部门缺少 {e.args[0]}", f"{source}: a department lacks {e.args[0]}") from None
    codes = [d.code for d in departments]
    if len(set(codes)) != len(codes):
        raise PlanError(f"{source}：部门代码重复", f"{source}: duplicate department codes")
    known = set(codes)
    tasks: list[Task] = []

    def dept(code, where):
        if code not in known:
            raise PlanError(f"{source}：{where} 的部门 {code!r} 不在部门列表中", f"{source}: {where} names department {code!r}, which is not listed")
        return code

    for t in data.get("tasks", []):
        try:
            code, title, lead = str(t["code"]), t["title"], t["lead"]
        except KeyError as e:
            raise PlanError(f"{source}：任务缺少 {e.args[0]}", f"{source}: a task lacks {e.args[0]}") from None
        support = tuple(dept(s, f"任务 {code}") for s in t.get("support", []))
        tasks.append(Task(code, title, dept(lead, f"任务 {code}"), support, t.get("section", ""), t.get("basis", ""), t.get("assigned", "plan")))
        for i, s in enumerate(t.get("subtasks", []), start=1):
            sub = f"{code}.{i}"
            tasks.append(
                Task(
                    sub, s["title"], dept(s.get("lead", lead), f"子任务 {sub}"),
                    tuple(dept(x, f"子任务 {sub}") for x in s.get("support", [])),
                    t.get("section", ""), s.get("basis", ""), t.get("assigned", "plan"), parent=code,
                )
            )
    task_codes = [t.code for t in tasks]
    if len(set(task_codes)) != len(task_codes):
        raise PlanError(f"{source}：任务编号重复", f"{source}: duplicate task codes")
    starts_on = _date(data.get("starts_on"), "starts_on")
    due_on = _date(data.get("due_on"), "due_on")
    if due_on < starts_on:
        raise PlanError(f"{source}：due_on 早于 starts_on", f"{source}: due_on is before starts_on")
    return Plan(departments, tuple(tasks), starts_on, due_on, int(data.get("report_due_days", 10)), source)


@cache
def load(path: Path | None = None) -> Plan:
    """The plan's task list: the packaged ``plan.toml``, or ``path``."""
    if path is None:
        text = resources.files(__package__).joinpath(PLAN_FILE).read_text(encoding="utf-8")
        source = f"ipzone/programme/{PLAN_FILE}"
    else:
        text = Path(path).read_text(encoding="utf-8")
        source = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise PlanError(f"{source} 不是有效的 TOML：{e}", f"{source} is not valid TOML: {e}") from None
    return parse(data, source)


_TASK_REF = re.compile(r"任务(\d+)")


def indicator_codes(task_code: str) -> list[str]:
    """Catalog indicators that serve a top-level task (their ``task`` names 任务N), in catalog order."""
    from ipzone.indicators.catalog import CATALOG

    return [i.code for i in CATALOG if task_code in _TASK_REF.findall(i.task)]


def indicator_name(code: str) -> str:
    from ipzone.indicators.catalog import CATALOG

    for i in CATALOG:
        if i.code == code:
            return i.name
    raise KeyError(code)


def indicator_choices() -> list[tuple[str, str]]:
    from ipzone.indicators.catalog import CATALOG

    return [(i.code, f"{i.name}（{i.code}）") for i in CATALOG]
