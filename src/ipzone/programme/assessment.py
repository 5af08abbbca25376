"""A department's score for the year (考核), from declared criteria (``assessment.toml``).

``assess(criteria, obligations, statuses, as_of)`` is a pure function: the department's reports and
items due (:class:`ipzone.programme.schedule.Obligation`) and the statuses of the indicators its
tasks serve (as the indicator engine gave them: 达标 / 接近 / 滞后 / None) → a score per criterion
and in total, with the counts behind each, so a score can always be explained.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from ipzone.programme.plan import PlanError
from ipzone.programme.schedule import LATE, ON_TIME, OVERDUE, Obligation

CRITERIA_FILE = "assessment.toml"
KINDS = {"reports_on_time": "report", "items_on_time": "item", "indicators_on_track": "indicator"}


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str
    weight: float
    rule: str


@dataclass(frozen=True)
class Criteria:
    criteria: tuple[Criterion, ...]
    indicator_points: dict[str, float]
    grades: tuple[tuple[float, str], ...]  # (min score, grade), highest first
    source: str

    def grade(self, score: float | None) -> str | None:
        if score is None:
            return None
        for low, name in self.grades:
            if score >= low:
                return name
        return None


@dataclass
class Part:
    criterion: Criterion
    counted: int = 0  # things measured
    met: float = 0.0  # on time (reports, items) or points (indicators)
    details: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        return None if self.counted == 0 else self.met / self.counted

    @property
    def applies(self) -> bool:
        return self.counted > 0


@dataclass
class Score:
    parts: list[Part]
    score: float | None  # 0–100, one decimal; None: nothing to measure at all
    grade: str | None

    def part(self, code: str) -> Part:
        return next(p for p in self.parts if p.criterion.code == code)

    def points(self, code: str) -> float | None:
        """What a criterion contributes to the score (after re-weighting), one decimal."""
        p = self.part(code)
        total = sum(q.criterion.weight for q in self.parts if q.applies)
        if not p.applies or not total:
            return None
        return round(100 * p.criterion.weight * p.ratio / total, 1)


def parse(data: dict, source: str) -> Criteria:
    criteria = []
    for c in data.get("criteria", []):
        if c.get("code") not in KINDS:
            raise PlanError(
                f"{source}：未知的考核标准 {c.get('code')!r}（应为 {'、'.join(KINDS)}）",
                f"{source}: unknown criterion {c.get('code')!r} (expected one of {', '.join(KINDS)})",
            )
        weight = float(c.get("weight", 0))
        if weight < 0:
            raise PlanError(f"{source}：{c['code']} 的权重为负", f"{source}: the weight of {c['code']} is negative")
        criteria.append(Criterion(c["code"], c.get("name", c["code"]), weight, c.get("rule", "")))
    if not criteria or not sum(c.weight for c in criteria):
        raise PlanError(f"{source}：没有权重为正的考核标准", f"{source}: no criterion with a positive weight")
    grades = tuple(sorted(((float(g["min"]), g["grade"]) for g in data.get("grades", [])), reverse=True))
    points = {str(k): float(v) for k, v in data.get("indicator_points", {}).items()}
    return Criteria(tuple(criteria), points, grades, source)


@cache
def load(path: Path | None = None) -> Criteria:
    if path is None:
        text = resources.files(__package__).joinpath(CRITERIA_FILE).read_text(encoding="utf-8")
        source = f"ipzone/programme/{CRITERIA_FILE}"
    else:
        text = Path(path).read_text(encoding="utf-8")
        source = str(path)
    try:
        return parse(tomllib.loads(text), source)
    except tomllib.TOMLDecodeError as e:
        raise PlanError(f"{source} 不是有效的 TOML：{e}", f"{source} is not valid TOML: {e}") from None


def assess(criteria: Criteria, obligations: list[Obligation], statuses: dict[str, str | None], as_of: dt.date) -> Score:
    """Score one department: ``obligations`` due in the year, ``statuses`` by indicator code."""
    parts = []
    for c in criteria.criteria:
        part = Part(c)
        kind = KINDS[c.code]
        if kind == "indicator":
            for code, status in sorted(statuses.items()):
                if status is None or status not in criteria.indicator_points:
                    part.details.append(f"{code}：无数值，不计")
                    continue
                part.counted += 1
                part.met += criteria.indicator_points[status]
                part.details.append(f"{code}：{status}（{criteria.indicator_points[status]:g} 分）")
        else:
            for o in obligations:
                if o.kind != kind:
                    continue
                t = o.timing(as_of)
                if t in (ON_TIME, LATE, OVERDUE):
                    part.counted += 1
                    part.met += 1 if t == ON_TIME else 0
                    part.details.append(f"{o.label}：{t}（应于 {o.due_on.isoformat()}）")
        parts.append(part)
    total = sum(p.criterion.weight for p in parts if p.applies)
    score = None if not total else round(100 * sum(p.criterion.weight * p.ratio for p in parts if p.applies) / total, 1)
    return Score(parts, score, criteria.grade(score))
