"""Progress of the main indicators year by year: rolling targets, statuses and the trajectory to 2025."""

from __future__ import annotations

from ipzone.indicators import catalog, targets
from ipzone.indicators.engine import Engine


def progress(eng: Engine, start: int = targets.BASE_YEAR, end: int = targets.TARGET_YEAR, counting: str = "first", codes: list[str] | None = None) -> dict:
    """Every main indicator (or ``codes``) for each year from ``start`` to ``end``.

    Each year: value, annual target, completion, status (达标/接近/滞后), change on last year, and
    the trajectory (已达成/按进度/需加速/进展有限/倒退) with the projection to 2025 and the yearly
    growth and change still needed. y₀ of the trajectory is the plan's 2021 baseline.
    """
    inds = [catalog.get(c) for c in codes] if codes else list(catalog.MAIN)
    wanted = [i.code for i in inds]
    reports = {y: eng.compute(y, counting, codes=wanted) for y in range(start, end + 1)}
    # the year before ``start``, so that the first year shown has its change on last year too
    before = eng.compute(start - 1, counting, codes=wanted)
    out = []
    for ind in inds:
        years, previous = [], before[ind.code].value
        for y, rep in reports.items():
            res = rep[ind.code]
            precision = res.precision(counting)
            traj = targets.trajectory(res.value, y, ind.baseline_2021, ind.target_2025, precision)
            change = None if res.value is None or previous is None else res.value - previous
            years.append(
                {
                    "year": y,
                    "value": res.value,
                    "reason": res.reason,
                    "annual_target": res.annual_target,
                    "completion": res.completion,
                    "status": res.status,
                    "change": change,
                    "trajectory": traj.as_dict(),
                }
            )
            previous = res.value
        out.append({"indicator": ind, "years": years})
    return {"from": start, "to": end, "counting": counting, "engine": eng.engine, "zone": eng.config.zone_name, "indicators": out}
