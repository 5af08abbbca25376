"""Credit-graded supervision (信用分级分类监管): a grade per in-zone entity from declared rules.

The rules are data (``credit_rules.toml`` beside this module, or the office's own copy); this
module only knows the *sources* a rule may read. For year Y, every entity of ``entities`` with
区内 = 是 starts at ``base_score``; each rule counts the entity's records of years
Y−window_years+1 … Y in its source, adds ``points × count`` limited to ``cap`` and, when it found
any, may hold the grade at or below ``grade_at_most``. The score picks the first grade whose
``min_score`` it reaches; the grade sets how often the entity is inspected.

    >>> from ipzone.protection.credit import grades
    >>> g = grades(dataset, 2024)["91140100MA0GRY4T4L"]
    >>> g.grade, g.score, [r.label for r in g.reasons]
    ('C', 75.0, ['侵权成立（作为被诉方）'])

Other parts of ipzone (the policies' "held entity" rule, reports) call :func:`grades`.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ipzone.protection import infringers as inf
from ipzone.protection.cases import case_rows
from ipzone.protection.listings import KINDS as LISTING_KINDS
from ipzone.protection.listings import Listing

RULES_FILE = Path(__file__).with_name("credit_rules.toml")
RULES_ENV = "IPZONE_CREDIT_RULES"
LISTINGS_EXTRA = "filing_listings"  # Dataset.extras key under which the platform puts the office's listings
SOURCES = ("awards", "infringements", "infringer_flags", "listings", "lapsed_pledges")


class RulesError(ValueError):
    """A rules file that cannot be used, said in Chinese and English."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en

    def __str__(self) -> str:
        return f"{self.zh}\n{self.en}"


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    source: str
    points: float
    cap: float | None = None
    grade_at_most: str | None = None
    params: dict = field(default_factory=dict)  # flags, kinds, awards, lapse_reasons

    def contribution(self, count: int) -> float:
        total = self.points * count
        if self.cap is not None:
            total = max(total, self.cap) if self.points < 0 else min(total, self.cap)
        return total


@dataclass(frozen=True)
class GradeRule:
    code: str
    label: str
    min_score: float | None
    inspection: str
    interval_months: int


@dataclass(frozen=True)
class Rules:
    edition: str
    window_years: int
    base_score: float
    rules: tuple[Rule, ...]
    grades: tuple[GradeRule, ...]
    source: str = ""

    def window(self, year: int) -> tuple[dt.date, dt.date]:
        return dt.date(year - self.window_years + 1, 1, 1), dt.date(year, 12, 31)

    def grade_of(self, score: float) -> GradeRule:
        for g in self.grades:
            if g.min_score is None or score >= g.min_score:
                return g
        return self.grades[-1]

    def rank(self, code: str) -> int:
        return [g.code for g in self.grades].index(code)


@dataclass(frozen=True)
class Reason:
    code: str
    label: str
    count: int
    points: float
    evidence: tuple[str, ...]
    grade_at_most: str | None = None

    def to_dict(self) -> dict:
        return {
            "code": self.code, "label": self.label, "count": self.count, "points": self.points,
            "evidence": list(self.evidence), "grade_at_most": self.grade_at_most,
        }


@dataclass(frozen=True)
class Grade:
    uscc: str
    name: str
    year: int
    grade: str
    label: str  # the grade's name (守信, 一般 …)
    score: float
    reasons: tuple[Reason, ...]
    inspection: str
    interval_months: int

    def to_dict(self) -> dict:
        return {
            "uscc": self.uscc, "name": self.name, "year": self.year, "grade": self.grade, "label": self.label,
            "score": self.score, "inspection": self.inspection, "interval_months": self.interval_months,
            "reasons": [r.to_dict() for r in self.reasons],
        }


# --- the rules file ----------------------------------------------------------------------------


def _fail(where: str, zh: str, en: str) -> RulesError:
    return RulesError(f"信用规则 {where}：{zh}", f"credit rules {where}: {en}")


def load_rules(path: Path | str | None = None) -> Rules:
    """The rules in ``path``, else in ``$IPZONE_CREDIT_RULES``, else the packaged ones."""
    path = Path(path or os.environ.get(RULES_ENV) or RULES_FILE)
    name = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _fail(name, "找不到文件", "file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise _fail(name, f"不是有效的 TOML：{e}", f"not valid TOML: {e}") from None
    return parse_rules(data, name)


def _number(d: dict, key: str, where: str, *, required: bool = True) -> float | None:
    if key not in d:
        if required:
            raise _fail(where, f"缺少 {key}", f"{key} is missing")
        return None
    v = d[key]
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise _fail(where, f"{key} 应为数字，不是 {v!r}", f"{key} must be a number, not {v!r}")
    return float(v)


def _text(d: dict, key: str, where: str) -> str:
    v = d.get(key)
    if not isinstance(v, str) or not v.strip():
        raise _fail(where, f"缺少 {key}（文本）", f"{key} (text) is missing")
    return v.strip()


def _strings(d: dict, key: str, where: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...] | None:
    if key not in d:
        return None
    v = d[key]
    if not isinstance(v, list) or not v or not all(isinstance(x, str) for x in v):
        raise _fail(where, f"{key} 应为非空的文本列表", f"{key} must be a non-empty list of texts")
    if allowed is not None:
        bad = [x for x in v if x not in allowed]
        if bad:
            raise _fail(where, f"{key} 中的 {bad[0]!r} 不是 {'、'.join(allowed)} 之一", f"{bad[0]!r} in {key} is not one of {', '.join(allowed)}")
    return tuple(v)


PARAMS = {  # source → (parameter, allowed values or None, required)
    "awards": (("awards", None, False),),
    "infringements": (),
    "infringer_flags": (("flags", tuple(inf.FLAGS), True),),
    "listings": (("kinds", LISTING_KINDS, True),),
    "lapsed_pledges": (("lapse_reasons", None, False),),
}


def parse_rules(data: dict, name: str = "credit_rules.toml") -> Rules:
    window = _number(data, "window_years", name)
    if window != int(window) or not 1 <= window <= 20:
        raise _fail(name, f"window_years 应为 1–20 的整数，不是 {data['window_years']!r}", f"window_years must be a whole number 1–20, not {data['window_years']!r}")
    base = _number(data, "base_score", name)
    grades_raw = data.get("grade")
    if not isinstance(grades_raw, list) or len(grades_raw) < 2:
        raise _fail(name, "至少需要两个 [[grade]]", "at least two [[grade]] tables are needed")
    grades = []
    for i, g in enumerate(grades_raw, start=1):
        where = f"{name} [[grade]] 第 {i} 个"
        last = i == len(grades_raw)
        min_score = _number(g, "min_score", where, required=not last)
        if last and min_score is not None:
            raise _fail(where, "最后一个等级不设 min_score（它包含所有更低的分数）", "the last grade has no min_score (it takes every lower score)")
        months = _number(g, "interval_months", where)
        if months != int(months) or months < 1:
            raise _fail(where, "interval_months 应为正整数", "interval_months must be a positive whole number")
        grades.append(GradeRule(_text(g, "code", where), _text(g, "label", where), min_score, _text(g, "inspection", where), int(months)))
    codes = [g.code for g in grades]
    if len(set(codes)) != len(codes):
        raise _fail(name, "等级代码重复", "grade codes repeat")
    scores = [g.min_score for g in grades[:-1]]
    if any(a <= b for a, b in zip(scores, scores[1:])):
        raise _fail(name, "等级应从高到低排列（min_score 递减）", "grades must go from best to worst (min_score decreasing)")
    rules_raw = data.get("rule", [])
    if not isinstance(rules_raw, list):
        raise _fail(name, "[[rule]] 应为表数组", "[[rule]] must be an array of tables")
    rules = []
    seen = set()
    for i, r in enumerate(rules_raw, start=1):
        where = f"{name} [[rule]] 第 {i} 个"
        code = _text(r, "code", where)
        if code in seen:
            raise _fail(where, f"规则代码 {code} 重复", f"rule code {code} repeats")
        seen.add(code)
        source = _text(r, "source", where)
        if source not in SOURCES:
            raise _fail(where, f"未知的 source {source!r}，应为 {'、'.join(SOURCES)} 之一", f"unknown source {source!r}; expected one of {', '.join(SOURCES)}")
        points = _number(r, "points", where)
        cap = _number(r, "cap", where, required=False)
        if cap is not None and (cap < 0) != (points < 0):
            raise _fail(where, "cap 与 points 的正负应一致", "cap must have the sign of points")
        at_most = r.get("grade_at_most")
        if at_most is not None and at_most not in codes:
            raise _fail(where, f"grade_at_most {at_most!r} 不是已定义的等级（{'、'.join(codes)}）", f"grade_at_most {at_most!r} is not a grade ({', '.join(codes)})")
        params = {}
        for key, allowed, required in PARAMS[source]:
            value = _strings(r, key, where, allowed)
            if value is None and required:
                raise _fail(where, f"source {source} 需要 {key}", f"source {source} needs {key}")
            if value is not None:
                params[key] = value
        rules.append(Rule(code, _text(r, "label", where), source, points, cap, at_most, params))
    return Rules(str(data.get("edition", "")), int(window), base, tuple(rules), tuple(grades), name)


# --- the sources -------------------------------------------------------------------------------


def _rows(table: pa.Table, columns: list[str]) -> list[dict]:
    return table.select(columns).to_pylist()


def _as_listings(value) -> list[Listing]:
    if value is None:
        return []
    if isinstance(value, pa.Table):
        value = value.to_pylist()
    return [v if isinstance(v, Listing) else Listing(**{k: v.get(k) for k in Listing.__dataclass_fields__ if k in v}) for v in value]


def _lapsed_pledges(dataset, start: dt.date, end: dt.date, reasons: tuple[str, ...] | None) -> dict[str, list[str]]:
    """Pledges whose pledged patent lapsed in [start, end] after registration and before release."""
    pledges = dataset["pledges"].filter(pc.less_equal(dataset["pledges"]["registered_on"], pa.scalar(end, pa.date32())))
    pledges = pledges.filter(pc.greater(pc.list_value_length(pledges["application_nos"]), 0))
    if pledges.num_rows == 0:
        return {}
    wanted = pc.unique(pc.list_flatten(pledges["application_nos"]))
    patents = dataset["patents"]
    patents = patents.filter(pc.and_(pc.is_in(patents["application_no"], value_set=wanted), pc.is_valid(patents["lapse_date"])))
    lapse = {r["application_no"]: (r["lapse_date"], r["lapse_reason"]) for r in _rows(patents, ["application_no", "lapse_date", "lapse_reason"])}
    out: dict[str, list[str]] = defaultdict(list)
    for p in _rows(pledges, ["registration_no", "registered_on", "pledgor_uscc", "application_nos", "released_on"]):
        for appno in p["application_nos"]:
            if appno not in lapse:
                continue
            day, reason = lapse[appno]
            if not start <= day <= end or day < p["registered_on"]:
                continue
            if p["released_on"] is not None and day >= p["released_on"]:
                continue
            if reasons is not None and reason not in reasons:
                continue
            out[p["pledgor_uscc"]].append(f"{p['registration_no']}：出质专利 {appno} 于 {day.isoformat()} 失效（{reason or '原因未填'}）")
            break
    return out


def _collect(rule: Rule, dataset, year: int, start: dt.date, end: dt.date, listings: list[Listing], flagged: dict) -> dict[str, list[str]]:
    """uscc → evidence lines (one per record counted) for one rule."""
    out: dict[str, list[str]] = defaultdict(list)
    if rule.source == "awards":
        wanted = rule.params.get("awards")
        for a in _rows(dataset["awards"], ["award", "grade", "year", "uscc"]):
            if start.year <= a["year"] <= end.year and (wanted is None or a["award"] in wanted):
                out[a["uscc"]].append(f"{a['year']} 年{a['award']}{a['grade'] or ''}")
    elif rule.source == "infringements":
        for c in case_rows(dataset):
            if c.respondent_uscc and c.established and c.closed_within(start, end):
                out[c.respondent_uscc].append(f"{c.case_no}（{c.kind}，{c.closed_on.isoformat()} 结案，侵权成立）")
    elif rule.source == "infringer_flags":
        wanted = set(rule.params["flags"])
        for who in flagged.values():
            hit = [f for f in who.flags if f in wanted]
            if who.uscc and hit:
                out[who.uscc].append(f"{'、'.join(inf.FLAGS[f] for f in hit)}：{'、'.join(c.case_no for c in who.cases)}")
    elif rule.source == "listings":
        kinds = set(rule.params["kinds"])
        for item in listings:
            if item.kind in kinds and item.in_force(start, end):
                out[item.uscc].extend([item.label] * item.count)
    elif rule.source == "lapsed_pledges":
        out.update(_lapsed_pledges(dataset, start, end, rule.params.get("lapse_reasons")))
    return out


def grades(
    dataset,
    year: int,
    *,
    listings=None,
    rules: Rules | None = None,
    infringer_rule: inf.InfringerRule | None = None,
) -> dict[str, Grade]:
    """The grade of every in-zone entity for ``year``, by 统一社会信用代码.

    ``listings``: the office's abnormal and malicious filings (``Listing`` objects or row dicts);
    by default those the platform exports with the dataset (``dataset.extras["filing_listings"]``),
    else none. ``infringer_rule``: the window and thresholds of the 重复/恶意/群体侵权 flags
    (default: :class:`ipzone.protection.infringers.InfringerRule`).
    """
    rules = rules or load_rules()
    if listings is None:
        listings = getattr(dataset, "extras", {}).get(LISTINGS_EXTRA)
    items = _as_listings(listings)
    start, end = rules.window(year)
    needs_flags = any(r.source == "infringer_flags" for r in rules.rules)
    flagged = {i.key: i for i in inf.infringers(dataset, year, infringer_rule)} if needs_flags else {}
    found = {r.code: _collect(r, dataset, year, start, end, items, flagged) for r in rules.rules}
    entities = dataset["entities"]
    entities = entities.filter(pc.equal(entities["in_zone"], True))
    out: dict[str, Grade] = {}
    for e in sorted(_rows(entities, ["uscc", "name"]), key=lambda e: e["uscc"]):
        uscc = e["uscc"]
        score = rules.base_score
        reasons = []
        for r in rules.rules:
            evidence = found[r.code].get(uscc)
            if not evidence:
                continue
            points = r.contribution(len(evidence))
            score += points
            reasons.append(Reason(r.code, r.label, len(evidence), points, tuple(dict.fromkeys(evidence)), r.grade_at_most))
        g = rules.grade_of(score)
        caps = [rules.rank(r.grade_at_most) for r in reasons if r.grade_at_most]
        if caps and max(caps) > rules.rank(g.code):
            g = rules.grades[max(caps)]
        out[uscc] = Grade(uscc, e["name"], year, g.code, g.label, score, tuple(reasons), g.inspection, g.interval_months)
    return out


def summary(graded: dict[str, Grade], rules: Rules | None = None) -> dict[str, int]:
    """How many entities have each grade (every grade listed, best first)."""
    rules = rules or load_rules()
    counts = dict.fromkeys((g.code for g in rules.grades), 0)
    for g in graded.values():
        counts[g.grade] = counts.get(g.grade, 0) + 1
    return counts


def held(found: dict[str, Grade], rules: Rules | None = None) -> dict[str, str]:
    """The entities in the worst grade (D, 重点监管 in the packaged rules), with the reason in Chinese:
    what the policies' ``credit`` hold (``ipzone.policies.holds``) holds."""
    worst = (rules or load_rules()).grades[-1].code
    return {
        uscc: f"{g.year} 年度信用等级 {g.grade}（{g.label}），得分 {g.score:g}"
        for uscc, g in sorted(found.items())
        if g.grade == worst
    }
