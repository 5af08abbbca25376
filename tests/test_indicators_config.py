"""The zone configuration TOML: defaults, overrides, and refusals."""

from __future__ import annotations

import tomllib

import pytest

from ipzone import config
from ipzone.config import ConfigError


def test_defaults():
    c = config.load(None)
    assert c.hv_pledge_threshold == 1000
    assert c.references["sei"].name == "sei_ipc_2021"
    assert c.references["patent_intensive"].name == "pi_industries_2019"
    assert c.zone_name == "山西转型综合改革示范区"
    assert c.targets == {}


def test_template_is_valid_and_equals_the_defaults():
    c = config.parse(tomllib.loads(config.DEFAULT_TOML))
    assert c == config.ZoneConfig()
    assert "假设" in config.DEFAULT_TOML  # the threshold is stated as an assumption


def test_overrides(tmp_path):
    p = tmp_path / "zone.toml"
    p.write_text(
        """
zone_name = "某园区"
[indicators]
hv_pledge_threshold = 500.5
[references]
sei = {path = "own/sei.csv", edition = "2021（官方核对版）", coverage = "complete"}
[targets.hv_invention_per_10k]
2023 = 32
2024 = 38.5
""",
        encoding="utf-8",
    )
    c = config.load(p)
    assert c.zone_name == "某园区" and c.hv_pledge_threshold == 500.5
    assert c.references["sei"].path == tmp_path / "own" / "sei.csv"
    assert c.references["sei"].edition == "2021（官方核对版）"
    assert c.references["patent_intensive"].name == "pi_industries_2019"
    assert c.target_override("hv_invention_per_10k", 2024) == 38.5
    assert c.target_override("hv_invention_per_10k", 2025) is None


@pytest.mark.parametrize(
    "text",
    [
        "unknown = 1",
        "[indicators]\nthreshold = 3",
        "[indicators]\nhv_pledge_threshold = 'many'",
        "[indicators]\nhv_pledge_threshold = -1",
        "[references]\nother = 'x'",
        "[references]\nsei = {path = 'a.csv', coverage = 'most'}",
        "[targets.hv_invention_per_10k]\nnext = 3",
        "[targets]\nhv_invention_per_10k = 3",
        "zone_name = ''",
        "not toml at all [",
    ],
)
def test_refusals(tmp_path, text):
    p = tmp_path / "zone.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        config.load(p)
    assert e.value.zh and e.value.en


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError):
        config.load(tmp_path / "none.toml")
