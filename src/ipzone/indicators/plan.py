"""The plan's five parts and fifteen tasks (二、主要任务), and which indicators serve which task.

Titles are the first clause of each task in the plan (晋综示发〔2022〕26号), shortened only where
the plan's sentence runs on. An indicator's ``task`` field names the parts it serves, e.g.
"表一·1；任务5" or "任务2（5名以上）"; ``task_numbers`` reads the task numbers from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    number: str  # 一 … 五
    title: str
    tasks: tuple[int, ...]


@dataclass(frozen=True)
class Task:
    number: int
    title: str


PARTS = (
    Part("一", "强化知识产权管理，优化政务环境、文化环境", (1, 2, 3, 4)),
    Part("二", "强化创新基础、创新产出、创新效率，促进知识产权高质量创造", (5, 6)),
    Part("三", "建立健全知识产权运用机制，科学评价知识产权运用效果，促进知识产权高效益运用", (7, 8, 9, 10)),
    Part("四", "加强知识产权保护机制建设，构建大保护格局，促进知识产权高标准保护", (11, 12)),
    Part("五", "建立健全知识产权服务体系，建设运营知识产权服务业集聚区，促进知识产权高水平服务", (13, 14, 15)),
)

TASKS = {
    t.number: t
    for t in (
        Task(1, "优化知识产权政策体系，突出知识产权质量和效益导向"),
        Task(2, "加强知识产权管理能力建设，提供工作经费等条件保障"),
        Task(3, "加强横向协同和上下联动，形成工作合力"),
        Task(4, "开展知识产权宣传培训，营造知识产权支撑高质量发展的人文社会环境"),
        Task(5, "建立以发明专利为主的创新产出体系"),
        Task(6, "引导创新主体实现知识产权管理标准化，培育知识产权优势示范企业"),
        Task(7, "建设知识产权运用载体和运营平台"),
        Task(8, "建立知识产权运营机制"),
        Task(9, "强化知识产权运用基础"),
        Task(10, "开展知识产权运用和运营成效评价"),
        Task(11, "强化行政保护体系建设"),
        Task(12, "构建内外衔接顺畅、快速高效的协同保护格局"),
        Task(13, "建设知识产权公共服务平台，引导知识产权服务业集聚发展"),
        Task(14, "鼓励发展高层次的知识产权服务机构"),
        Task(15, "聚集知识产权服务人才"),
    )
}

_TASK = re.compile(r"任务\s*(\d+)")


def task_numbers(task: str) -> list[int]:
    """The plan's task numbers an indicator's ``task`` text names: "表一·1；任务5" → [5]."""
    return [int(n) for n in _TASK.findall(task or "") if int(n) in TASKS]


def by_task(indicators: list[dict]) -> list[dict]:
    """Indicator results (``render.result_json`` dicts) grouped under the plan's parts and tasks,
    in the plan's order; every task is listed, with no indicators where the plan sets none."""
    grouped: dict[int, list[dict]] = {n: [] for n in TASKS}
    for ind in indicators:
        for n in task_numbers(ind.get("task", "")):
            grouped[n].append(ind)
    return [
        {"number": part.number, "title": part.title, "tasks": [{"number": n, "title": TASKS[n].title, "indicators": grouped[n]} for n in part.tasks]}
        for part in PARTS
    ]
