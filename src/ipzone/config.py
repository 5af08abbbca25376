"""The zone configuration: one TOML file with the parameters the plan leaves to the zone.

Every key has a documented default (``DEFAULT_TOML`` below is the template, and
``ipzone.config.load(None)`` gives exactly those defaults), so a zone only writes what it changes::

    zone_name = "山西转型综合改革示范区"

    [indicators]
    hv_pledge_threshold = 1000      # 万元 — an assumption: the plan names no amount

    [references]
    sei = "sei_ipc_2021"            # 战略性新兴产业分类与国际专利分类参照关系表（2021）
    patent_intensive = "pi_industries_2019"

    [targets.hv_invention_per_10k]  # the office's rolling annual targets (override the straight line)
    2023 = 32
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ipzone.values import Problem

DEFAULT_ZONE_NAME = "山西转型综合改革示范区"
DEFAULT_HV_PLEDGE_THRESHOLD = 1000.0  # 万元

# Role → packaged reference table (ipzone.reference names).
DEFAULT_REFERENCES = {
    "sei": "sei_ipc_2021",
    "patent_intensive": "pi_industries_2019",
}

DEFAULT_TOML = '''\
# ipzone 园区配置 / zone configuration. Every key is optional; the values shown are the defaults.

# 园区名称，显示在报表抬头 / the zone's name, shown in report headings
zone_name = "山西转型综合改革示范区"

[indicators]
# 高价值发明专利条件4「实现较高质押融资金额」的门槛（万元）。
# 假设：《工作方案》未给出金额，默认 1000 万元，可按园区口径调整。
# Criterion 4 of a high-value invention patent (a "high" pledge amount), in 万元.
# Assumption: the plan names no amount; 1000 万元 is the default, change it to the zone's rule.
hv_pledge_threshold = 1000

[references]
# 每个参照表的版本：ipzone 自带表的名称，或一张自备表 {path = "…csv", edition = "…", coverage = "complete|partial"}。
# Edition of each reference table: a packaged table's name, or your own table as above.
sei = "sei_ipc_2021"                 # 战略性新兴产业分类与国际专利分类参照关系表（2021）
patent_intensive = "pi_industries_2019"  # 知识产权（专利）密集型产业统计分类（2019）

# 年度滚动目标：办公室可为任何指标、任何年度设定目标，覆盖默认的直线插值（2021 基期 → 2025 目标）。
# Rolling annual targets: the office can set any indicator's target for any year; the default is
# the straight line from the 2021 baseline to the 2025 target.
# [targets.hv_invention_per_10k]
# 2023 = 32
'''


@dataclass(frozen=True)
class ReferenceChoice:
    """Which reference table fills a role: a packaged ``name`` or a file ``path`` of the zone's own."""

    role: str
    name: str | None = None
    path: Path | None = None
    edition: str | None = None
    coverage: str | None = None


@dataclass(frozen=True)
class ZoneConfig:
    zone_name: str = DEFAULT_ZONE_NAME
    hv_pledge_threshold: float = DEFAULT_HV_PLEDGE_THRESHOLD
    references: dict[str, ReferenceChoice] = field(
        default_factory=lambda: {role: ReferenceChoice(role, name=name) for role, name in DEFAULT_REFERENCES.items()}
    )
    targets: dict[str, dict[int, float]] = field(default_factory=dict)
    source: Path | None = None

    def target_override(self, code: str, year: int) -> float | None:
        return self.targets.get(code, {}).get(year)


class ConfigError(Problem):
    """A zone configuration that cannot be used, said in Chinese and English."""


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"配置项 {where} 应为数字，而不是「{value}」", f"{where} must be a number, not {value!r}")
    return float(value)


def parse(data: dict, source: Path | None = None) -> ZoneConfig:
    """A ZoneConfig from parsed TOML; unknown keys are refused (a typo must not pass silently)."""
    known = {"zone_name", "indicators", "references", "targets"}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"未知的配置项：{sorted(unknown)}", f"unknown configuration keys: {sorted(unknown)}")
    zone_name = data.get("zone_name", DEFAULT_ZONE_NAME)
    if not isinstance(zone_name, str) or not zone_name.strip():
        raise ConfigError("zone_name 应为非空文本", "zone_name must be non-empty text")

    ind = data.get("indicators", {})
    unknown = set(ind) - {"hv_pledge_threshold"}
    if unknown:
        raise ConfigError(f"[indicators] 中未知的配置项：{sorted(unknown)}", f"unknown keys in [indicators]: {sorted(unknown)}")
    threshold = _number(ind.get("hv_pledge_threshold", DEFAULT_HV_PLEDGE_THRESHOLD), "indicators.hv_pledge_threshold")
    if threshold < 0:
        raise ConfigError("hv_pledge_threshold 不能为负数", "hv_pledge_threshold cannot be negative")

    refs = {role: ReferenceChoice(role, name=name) for role, name in DEFAULT_REFERENCES.items()}
    for role, value in data.get("references", {}).items():
        if role not in DEFAULT_REFERENCES:
            raise ConfigError(
                f"[references] 中未知的参照表用途「{role}」（可用：{sorted(DEFAULT_REFERENCES)}）",
                f"unknown reference role {role!r} in [references] (known: {sorted(DEFAULT_REFERENCES)})",
            )
        if isinstance(value, str):
            refs[role] = ReferenceChoice(role, name=value)
        elif isinstance(value, dict) and "path" in value:
            path = Path(value["path"])
            if source is not None and not path.is_absolute():
                path = source.parent / path
            coverage = value.get("coverage")
            if coverage not in (None, "complete", "partial"):
                raise ConfigError("coverage 只能是 complete 或 partial", "coverage must be complete or partial")
            refs[role] = ReferenceChoice(role, path=path, edition=value.get("edition"), coverage=coverage)
        else:
            raise ConfigError(
                f"[references] {role} 应为参照表名称或 {{path = …}}",
                f"[references] {role} must be a table name or {{path = …}}",
            )

    targets: dict[str, dict[int, float]] = {}
    for code, years in data.get("targets", {}).items():
        if not isinstance(years, dict):
            raise ConfigError(f"[targets.{code}] 应为「年度 = 目标值」表", f"[targets.{code}] must map years to values")
        targets[code] = {}
        for year, value in years.items():
            try:
                y = int(year)
            except ValueError:
                raise ConfigError(f"[targets.{code}] 中「{year}」不是年份", f"{year!r} in [targets.{code}] is not a year") from None
            targets[code][y] = _number(value, f"targets.{code}.{year}")
    return ZoneConfig(zone_name.strip(), threshold, refs, targets, source)


CONFIG_NAME = "ipzone.toml"


def for_dataset(dataset: Path, path: str | Path | None = None) -> ZoneConfig:
    """``path`` when given, else the ``ipzone.toml`` a dataset folder carries, else the defaults."""
    if path is None and Path(dataset).is_dir() and (Path(dataset) / CONFIG_NAME).is_file():
        path = Path(dataset) / CONFIG_NAME
    return load(path)


def load(path: str | Path | None = None) -> ZoneConfig:
    """The configuration in ``path``, or the defaults when ``path`` is None."""
    if path is None:
        return ZoneConfig()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"找不到配置文件 {path}", f"configuration file not found: {path}") from None
    return loads(text, path)


def loads(text: str, source: Path | None = None, name: str | None = None) -> ZoneConfig:
    """The configuration in ``text``; relative reference paths are taken from ``source``'s folder,
    and messages call the file ``name`` (default: ``source``)."""
    return parse(toml(text, name or str(source or CONFIG_NAME)), source)


def toml(text: str, name: str = CONFIG_NAME) -> dict:
    """``text`` parsed as TOML, or a ConfigError naming the file ``name``."""
    try:
        return tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"配置文件 {name} 不是有效的 TOML：{e}", f"{name} is not valid TOML: {e}") from None
