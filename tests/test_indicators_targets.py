"""Rolling targets, year status at display precision, the CAGR trajectory, and progress over the fixture."""

from __future__ import annotations

import pytest
from fixtures_engine import references, zone_dataset

from ipzone.config import ZoneConfig
from ipzone.indicators import catalog, targets
from ipzone.indicators.engine import Engine
from ipzone.indicators.progress import progress

HV = catalog.get("hv_invention_per_10k")
HITECH = catalog.get("hitech_enterprises")


def test_linear_rolling_target():
    # 24 → 45 over 2021–2025: step 5.25 a year
    assert [targets.annual_target(HV, y) for y in range(2021, 2026)] == [24, 29.25, 34.5, 39.75, 45]
    assert targets.annual_target(HV, 2020) is None
    assert targets.annual_target(HV, 2026) == 45  # after the plan: the 2025 target holds


def test_office_override_wins_for_its_year_only():
    cfg = ZoneConfig(targets={"hv_invention_per_10k": {2023: 33}})
    assert targets.annual_target(HV, 2023, cfg) == 33
    assert targets.annual_target(HV, 2024, cfg) == 39.75


def test_floor_and_no_target():
    assert targets.annual_target(catalog.get("ip_staff"), 2022) == 5
    assert targets.annual_target(catalog.get("events"), 2023) is None


@pytest.mark.parametrize(
    ("value", "target", "precision", "status"),
    [
        (0.15000000000000002, 0.15, 2, "达标"),  # float noise never decides
        (0.1499999999999999, 0.15, 2, "达标"),
        (0.15, 0.15, 2, "达标"),  # equal counts
        (0.1425, 0.15, 2, "滞后"),  # shown as 0.14 < 0.95 × 0.15 = 0.1425
        (0.145, 0.15, 2, "达标"),  # shown as 0.15: reaches the target as displayed
        (1597, 1597.5, 0, "接近"),  # target shown as 1598: not reached; 1597 ≥ 0.95 × 1597.5
        (1598, 1597.5, 0, "达标"),
        (1517, 1597.5, 0, "滞后"),  # 0.95 × 1597.5 = 1517.625: the band is taken on the target itself
        (1518, 1597.5, 0, "接近"),
        (0.17, 0.175, 2, "接近"),  # 97 % of a rolling target of 0.175 (shown 0.18) is near, not behind
        (5.985, 6.3, 2, "接近"),  # exactly 95 %
        (5.98, 6.3, 2, "滞后"),
        (None, 6.3, 2, None),
        (6.0, None, 2, None),
    ],
)
def test_year_status(value, target, precision, status):
    assert targets.year_status(value, target, precision) == status


def test_completion():
    assert targets.completion(3.0, 2.8) == pytest.approx(1.0714285714)
    assert targets.completion(None, 2.8) is None
    assert targets.completion(1, 0) is None


# --- trajectory: base 100 → target 200 in 2025, CAGR_T = 2^(1/4) − 1 = 0.189207 -----------------------------


@pytest.mark.parametrize(
    ("value", "year", "category"),
    [
        (141, 2023, "按进度"),  # CAGR √1.41 − 1 = 0.18743; R = 0.9906
        (130, 2023, "需加速"),  # √1.30 − 1 = 0.14018; R = 0.7409
        (110, 2023, "进展有限"),  # √1.10 − 1 = 0.04881; R = 0.2580
        (100, 2023, "进展有限"),  # R = 0
        (90, 2023, "倒退"),  # R < 0
        (200, 2023, "已达成"),
        (250, 2022, "已达成"),
        (0, 2023, "倒退"),  # CAGR = −1
    ],
)
def test_trajectory_categories(value, year, category):
    assert targets.trajectory(value, year, 100, 200, 0).category == category


def test_trajectory_numbers():
    t = targets.trajectory(130, 2023, 100, 200, 0)
    assert t.cagr == pytest.approx(1.3**0.5 - 1)
    assert t.cagr_required == pytest.approx(2**0.25 - 1)
    assert t.ratio == pytest.approx((1.3**0.5 - 1) / (2**0.25 - 1))
    assert t.projection_2025 == pytest.approx(169)  # 130 × 1.3 (two more years at √1.3)
    assert t.required_growth == pytest.approx((200 / 130) ** 0.5 - 1)
    assert t.required_change == pytest.approx(35)  # (200 − 130) / 2


def test_trajectory_boundaries_use_ratio_thresholds_exactly():
    # R exactly 0.95: CAGRᵢ = 0.95 × CAGR_T
    g = 0.95 * (2**0.25 - 1)
    value = 100 * (1 + g) ** 2
    assert targets.trajectory(value, 2023, 100, 200, 6).category == "按进度"
    g = 0.6 * (2**0.25 - 1)
    assert targets.trajectory(100 * (1 + g) ** 2, 2023, 100, 200, 6).category == "需加速"


def test_trajectory_base_year_and_missing():
    t = targets.trajectory(24, 2021, 24, 45, 2)
    assert t.category is None and t.cagr is None and t.note
    assert targets.trajectory(None, 2023, 24, 45, 2).category is None
    assert targets.trajectory(46, 2021, 24, 45, 2).category == "已达成"


# --- progress over the fixture ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def prog():
    eng = Engine(zone_dataset(), refs=references())
    return progress(eng, 2021, 2025)


def by_year(prog, code):
    item = next(i for i in prog["indicators"] if i["indicator"].code == code)
    return {y["year"]: y for y in item["years"]}


def test_progress_covers_the_main_indicators(prog):
    assert [i["indicator"].code for i in prog["indicators"]] == [i.code for i in catalog.MAIN]
    assert all(len(i["years"]) == 5 for i in prog["indicators"])


def test_progress_rd_gdp(prog):
    y = by_year(prog, "rd_gdp_ratio")
    assert y[2021]["value"] == pytest.approx(2.6) and y[2021]["status"] == "达标"  # target = baseline
    # 2022: 2.7 vs 2.7 → 达标; CAGR 2.7/2.6 − 1 = 0.03846 vs (3/2.6)^¼ − 1 = 0.03641 → R 1.056 → 按进度
    assert y[2022]["status"] == "达标" and y[2022]["trajectory"]["category"] == "按进度"
    assert y[2022]["change"] == pytest.approx(0.1)
    # 2023: 3.0 ≥ the 2025 target 3 → 已达成
    assert y[2023]["trajectory"]["category"] == "已达成"
    # 2024: GDP empty → null with reason; 2025: no row
    assert y[2024]["value"] is None and y[2024]["reason"] and y[2024]["status"] is None
    assert y[2025]["value"] is None and y[2025]["trajectory"]["category"] is None


def test_progress_ip_budget_share(prog):
    y = by_year(prog, "ip_budget_share")
    # 2022: 0.13 vs target 0.125 → 达标; CAGR 0.3 vs 2^¼ − 1 = 0.1892 → 按进度
    assert y[2022]["value"] == pytest.approx(0.13) and y[2022]["status"] == "达标"
    assert y[2022]["trajectory"]["category"] == "按进度"
    # 2023: √1.5 − 1 = 0.2247, projection 0.15 × 1.2247² = 0.225
    assert y[2023]["trajectory"]["projection_2025"] == pytest.approx(0.225)


def test_progress_regressing(prog):
    y = by_year(prog, "ip_service_agencies")
    # 2023: 4 agencies against a 27 baseline → CAGR < 0 → 倒退; needed growth (57/4)^(1/2) − 1
    assert y[2023]["value"] == 4 and y[2023]["status"] == "滞后"
    assert y[2023]["trajectory"]["category"] == "倒退"
    assert y[2023]["trajectory"]["required_growth"] == pytest.approx((57 / 4) ** 0.5 - 1)


def test_progress_from_a_later_year_still_says_the_change_on_last_year(prog):
    eng = Engine(zone_dataset(), refs=references())
    later = by_year(progress(eng, 2022, 2023), "rd_gdp_ratio")
    assert later[2022]["change"] == pytest.approx(0.1)  # 2.7 − 2.6, from 2021 though 2021 is not shown
    assert later[2022]["value"] == by_year(prog, "rd_gdp_ratio")[2022]["value"]
