"""Targets and progress: the rolling annual target, the year status and the trajectory to 2025.

Pure Python over numbers; comparisons are made at the indicator's display precision with
``Decimal`` so that floating-point noise never decides a status.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ipzone.config import ZoneConfig
from ipzone.indicators.catalog import Indicator

BASE_YEAR = 2021
TARGET_YEAR = 2025

MET, NEAR, BEHIND = "达标", "接近", "滞后"
NEAR_SHARE = Decimal("0.95")

ACHIEVED, ON_TRACK, ACCELERATE, LIMITED, REGRESSING = "已达成", "按进度", "需加速", "进展有限", "倒退"
TRAJECTORY_EN = {
    ACHIEVED: "target achieved",
    ON_TRACK: "on track",
    ACCELERATE: "acceleration needed",
    LIMITED: "limited progress",
    REGRESSING: "regressing",
}


def at_precision(x: float, precision: int) -> Decimal:
    """``x`` as shown: rounded half-up to ``precision`` decimals."""
    return Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-precision), rounding=ROUND_HALF_UP)


def annual_target(ind: Indicator, year: int, config: ZoneConfig | None = None) -> float | None:
    """The office's target for the year when it set one; else the plan's.

    'line': straight from the 2021 baseline to the 2025 target (before 2021: none; after 2025:
    the 2025 target holds). 'floor': the task's minimum, every year.
    """
    if config is not None:
        override = config.target_override(ind.code, year)
        if override is not None:
            return override
    if ind.target_kind == "floor":
        return ind.target_2025
    if ind.target_kind != "line" or ind.baseline_2021 is None or ind.target_2025 is None or year < BASE_YEAR:
        return None
    if year >= TARGET_YEAR:
        return ind.target_2025
    step = (ind.target_2025 - ind.baseline_2021) / (TARGET_YEAR - BASE_YEAR)
    return ind.baseline_2021 + step * (year - BASE_YEAR)


def year_status(value: float | None, target: float | None, precision: int) -> str | None:
    """达标 when the value reaches the target (equal counts), 接近 at ≥ 95 % of it, else 滞后.

    Reaching is judged on both as shown (no floating-point noise decides it); the 95 % band is
    measured against the target itself, so that a rolling target of 0.175 is not raised to the
    0.18 it displays as before the band is taken (0.17 is 97 % of 0.175: 接近).
    """
    if value is None or target is None:
        return None
    v, t = at_precision(value, precision), at_precision(target, precision)
    if v >= t:
        return MET
    if v >= Decimal(repr(float(target))) * NEAR_SHARE:
        return NEAR
    return BEHIND


def completion(value: float | None, target: float | None) -> float | None:
    """value ÷ target (all targeted indicators should rise); None without a positive target."""
    if value is None or target is None or target <= 0:
        return None
    return value / target


@dataclass(frozen=True)
class Trajectory:
    category: str | None
    cagr: float | None  # observed since the base year
    cagr_required: float | None  # what the 2025 target requires from the base year
    ratio: float | None  # cagr / cagr_required
    projection_2025: float | None  # the value in 2025 at the observed rate
    required_growth: float | None  # yearly growth from this year that still reaches the target
    required_change: float | None  # yearly absolute change from this year that still reaches it
    note: str | None = None

    def as_dict(self) -> dict:
        return {
            "category": self.category,
            "category_en": TRAJECTORY_EN.get(self.category) if self.category else None,
            "cagr": self.cagr,
            "cagr_required": self.cagr_required,
            "ratio": self.ratio,
            "projection_2025": self.projection_2025,
            "required_growth": self.required_growth,
            "required_change": self.required_change,
            "note": self.note,
        }


def trajectory(value: float | None, year: int, base: float | None, target: float | None, precision: int) -> Trajectory:
    """The open-sdg (Statistics Canada / Eurostat) CAGR method against the 2025 target.

    CAGRᵢ = (yᵢ / y₀)^(1/(tᵢ − t₀)) − 1, CAGR_T = (y_T / y₀)^(1/(T − t₀)) − 1, R = CAGRᵢ / CAGR_T:
    已达成 (target reached), 按进度 (R ≥ 95 %), 需加速 (60 % ≤ R < 95 %), 进展有限 (0 ≤ R < 60 %),
    倒退 (R < 0). y₀ is the plan's 2021 baseline (the value the target was set from).
    """
    none = Trajectory(None, None, None, None, None, None, None)
    if value is None or base is None or target is None:
        return none
    remaining = TARGET_YEAR - year
    required_change = (target - value) / remaining if remaining > 0 else None
    required_growth = None
    if remaining > 0 and value > 0 and target > 0:
        required_growth = (target / value) ** (1 / remaining) - 1
    cagr_required = (target / base) ** (1 / (TARGET_YEAR - BASE_YEAR)) - 1 if base > 0 and target > 0 else None
    reached = at_precision(value, precision) >= at_precision(target, precision)
    if year <= BASE_YEAR or base <= 0 or value < 0:
        note = "基期当年，尚无增长可比" if year <= BASE_YEAR else "基期值不为正，无法计算增长率"
        return Trajectory(ACHIEVED if reached else None, None, cagr_required, None, None, required_growth, required_change, note)
    cagr = (value / base) ** (1 / (year - BASE_YEAR)) - 1
    projection = value * (1 + cagr) ** max(remaining, 0)
    if reached:
        return Trajectory(ACHIEVED, cagr, cagr_required, None, projection, required_growth, required_change)
    if not cagr_required or cagr_required <= 0:
        return Trajectory(None, cagr, cagr_required, None, projection, required_growth, required_change, "目标不高于基期，增长率比值无意义")
    ratio = round(cagr / cagr_required, 9)  # noise never moves a category boundary
    if ratio >= 0.95:
        category = ON_TRACK
    elif ratio >= 0.6:
        category = ACCELERATE
    elif ratio >= 0:
        category = LIMITED
    else:
        category = REGRESSING
    return Trajectory(category, cagr, cagr_required, ratio, projection, required_growth, required_change)
