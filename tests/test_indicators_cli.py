"""``ipzone indicators / progress / explain`` through Typer, on a converted Parquet folder."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import typer
from fixtures_engine import EXPECTED_2023, PI_ROWS, SEI_ROWS, P, zone_dataset
from typer.testing import CliRunner

from ipzone.indicators.cli import register

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


@pytest.fixture(scope="module")
def zone(tmp_path_factory) -> Path:
    """The fixture zone as ``ipzone convert`` writes it: one Parquet file per present table + manifest."""
    folder = tmp_path_factory.mktemp("zone")
    ds = zone_dataset()
    for stem in sorted(ds.present):
        pq.write_table(ds[stem], folder / f"{stem}.parquet")
    (folder / "ipzone-dataset.json").write_text(json.dumps({"contract": "1", "tables": {s: ds[s].num_rows for s in ds.present}}))
    return folder


def _write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


@pytest.fixture(scope="module")
def config(tmp_path_factory) -> Path:
    """A zone configuration pointing at the stand-in reference tables (own copies with editions)."""
    folder = tmp_path_factory.mktemp("config")
    _write_csv(folder / "sei.csv", SEI_ROWS)
    _write_csv(folder / "pi.csv", PI_ROWS)
    path = folder / "zone.toml"
    path.write_text(
        """
zone_name = "测试园区"

[indicators]
hv_pledge_threshold = 1000

[references]
sei = {path = "sei.csv", edition = "测试版 2021", coverage = "complete"}
patent_intensive = {path = "pi.csv", edition = "测试版 2019", coverage = "partial"}

[targets.hv_invention_per_10k]
2023 = 6.3
""",
        encoding="utf-8",
    )
    return path


def invoke(app, *args):
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "220"})
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


def test_indicators_json_contract(app, zone, config):
    data = json.loads(invoke(app, "indicators", zone, "--year", 2023, "--format", "json", "--config", config))
    assert data["year"] == 2023 and data["counting"] == "first"
    items = {i["code"]: i for i in data["indicators"]}
    for code, v in EXPECTED_2023.items():
        assert items[code]["value"] == pytest.approx(v), code
    hv = items["hv_invention_per_10k"]
    for key in ("code", "name", "unit", "value", "baseline_2021", "target_2025", "annual_target", "completion", "status"):
        assert key in hv
    assert (hv["baseline_2021"], hv["target_2025"], hv["annual_target"], hv["status"]) == (24, 45, 6.3, "接近")
    assert hv["value"] == 6 and isinstance(hv["value"], int)
    assert any("1000 万元" in a["zh"] for a in hv["assumptions"])
    assert {r["role"]: r["edition"] for r in data["references"]} == {"sei": "测试版 2021", "patent_intensive": "测试版 2019"}
    assert items["patent_awards"]["breakdown"]["award+grade"][0] == {"award": "中国专利奖", "grade": "银奖", "value": 1, "records": 1}


def test_indicators_null_has_reason(app, zone, config):
    data = json.loads(invoke(app, "indicators", zone, "--year", 2025, "--format", "json", "--config", config, "--indicator", "hv_invention_per_10k"))
    (hv,) = data["indicators"]
    assert hv["value"] is None and hv["status"] is None
    assert hv["reason"] == "区域年度统计（zone_year）中没有 2025 年的行（zone_year has no row for 2025）"


def test_indicators_counting_option(app, zone, config):
    data = json.loads(invoke(app, "indicators", zone, "--year", 2023, "--format", "json", "--config", config, "--counting", "fractional", "--indicator", "hv_invention_count"))
    assert data["counting"] == "fractional"
    assert data["indicators"][0]["value"] == pytest.approx(11 + 2 / 3 + 1)


def test_indicators_table_is_chinese(app, zone, config):
    out = invoke(app, "indicators", zone, "--year", 2023, "--config", config)
    assert "测试园区 2023 年知识产权指标" in out and "每万人口高价值发明专利拥有量" in out and "达标" in out


def test_indicators_csv_and_xlsx(app, zone, config, tmp_path):
    out = invoke(app, "indicators", zone, "--year", 2023, "--format", "csv", "--config", config)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["code"] == "hv_invention_per_10k" and float(rows[0]["value"]) == 6
    xlsx = tmp_path / "indicators.xlsx"
    invoke(app, "indicators", zone, "--year", 2023, "--format", "xlsx", "--config", config, "--out", xlsx)
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["指标", "分项", "口径与参照表"]
    assert wb["指标"]["B2"].value == "每万人口高价值发明专利拥有量" and wb["指标"]["D2"].value == 6


def test_xlsx_needs_out(app, zone):
    result = runner.invoke(app, ["indicators", str(zone), "--year", "2023", "--format", "xlsx"])
    assert result.exit_code == 2


def test_progress(app, zone, config):
    data = json.loads(invoke(app, "progress", zone, "--from", 2021, "--to", 2023, "--format", "json", "--config", config))
    items = {i["code"]: i for i in data["indicators"]}
    assert len(items) == 8
    rd = {y["year"]: y for y in items["rd_gdp_ratio"]["years"]}
    assert rd[2022]["trajectory"]["category"] == "按进度" and rd[2023]["trajectory"]["category"] == "已达成"
    out = invoke(app, "progress", zone, "--from", 2021, "--to", 2023, "--config", config)
    assert "主要指标进度" in out and "已达成" in out


def test_explain_indicator_and_patent(app, zone, config):
    data = json.loads(invoke(app, "explain", zone, "--year", 2023, "--indicator", "hv_invention_count", "--format", "json", "--config", config))
    assert data["value"] == 12 and len(data["records"]) == 12
    p7 = next(r for r in data["records"] if r["application_no"] == P[7])
    assert p7["evidence"]["maintained"] == {"filing_date": "2013-12-30", "ten_year_date": "2023-12-30"}
    # an application number as users write it: CN prefix, no dot
    raw = "CN" + P[8].replace(".", "")
    pat = json.loads(invoke(app, "explain", zone, "--year", 2023, "--patent", raw, "--format", "json", "--config", config))
    assert pat["application_no"] == P[8] and pat["high_value"]["value"] is False
    out = invoke(app, "explain", zone, "--year", 2023, "--patent", P[8], "--config", config)
    assert "维持年限超过10年" in out and "结论：不计入" in out
    out = invoke(app, "explain", zone, "--year", 2023, "--indicator", "hv_invention_count", "--config", config)
    assert "高价值发明专利拥有量" in out and "满10年" in out


def test_errors_are_bilingual(app, zone, tmp_path):
    r = runner.invoke(app, ["indicators", str(zone), "--year", "2023", "--indicator", "nope"])
    assert r.exit_code == 2 and "未知的指标代码" in r.output
    bad = tmp_path / "bad.toml"
    bad.write_text("[indicators]\nhv_pledge_treshold = 5\n", encoding="utf-8")
    r = runner.invoke(app, ["indicators", str(zone), "--year", "2023", "--config", str(bad)])
    assert r.exit_code == 2 and "hv_pledge_treshold" in r.output
    r = runner.invoke(app, ["explain", str(zone), "--year", "2023"])
    assert r.exit_code == 2


def test_other_sources_go_through_the_reader(app, config, tmp_path, monkeypatch):
    """A CSV folder or workbook is read (and validated) by ipzone.dataset.read."""
    import ipzone.dataset

    seen = []

    def fake_read(path):
        seen.append(path)
        return zone_dataset()

    monkeypatch.setattr(ipzone.dataset, "read", fake_read, raising=False)
    book = tmp_path / "zone.xlsx"
    book.write_bytes(b"")
    data = json.loads(invoke(app, "indicators", book, "--year", 2023, "--format", "json", "--config", config, "--indicator", "pct_filings"))
    assert seen == [book] and data["indicators"][0]["value"] == 2
