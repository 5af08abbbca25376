"""``ipzone protection infringers`` and ``ipzone protection grades`` on a dataset folder."""

from __future__ import annotations

import json

import pytest
from fixtures import CO_A, CO_B, valid_tables, write_dataset
from typer.testing import CliRunner

from ipzone.cli import app

runner = CliRunner()
ENV = {"COLUMNS": "220"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    tables = valid_tables()
    tables["cases"] += [
        {"case_no": f"K{i}", "kind": "行政执法", "right_kind": "商标", "opened_on": opened, "closed_on": closed, "holder": holder,
         "respondent": "示范区智能装备有限公司", "respondent_uscc": CO_B, "outcome": "侵权成立", "amount": "", "typical": "否"}
        for i, (opened, closed, holder) in enumerate([("2023-01-05", "2023-03-01", "甲"), ("2023-04-01", "2023-06-01", "乙"), ("2024-02-01", "2024-03-01", "丙")])
    ]
    return write_dataset(tmp_path_factory.mktemp("zone") / "zone", tables)


def test_infringers_json(folder):
    result = runner.invoke(app, ["protection", "infringers", str(folder), "--year", "2024", "--format", "json"], env=ENV)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["rule"] == {"window_years": 3, "min_cases": 2, "min_holders": 3}
    assert data["infringers"] == [{
        "key": CO_B, "uscc": CO_B, "name": "示范区智能装备有限公司", "flags": ["repeat", "malicious", "group"],
        "flags_zh": ["重复侵权", "恶意侵权", "群体侵权"], "cases": ["K0", "K1", "K2"], "holders": ["甲", "乙", "丙"],
        "reoffences": [{"earlier": "K0", "later": "K1"}, {"earlier": "K1", "later": "K2"}],
    }]


def test_infringers_table_and_options(folder):
    result = runner.invoke(app, ["protection", "infringers", str(folder), "--year", "2024", "--min-holders", "4"], env=ENV)
    assert result.exit_code == 0, result.output
    assert "2024 年重复侵权与恶意侵权主体" in result.output
    assert "重复侵权、恶意侵权" in result.output and "群体侵权 0 个" in result.output
    assert "2022–2024 年结案、侵权成立：2 件以上为重复侵权" in result.output
    one_year = runner.invoke(app, ["protection", "infringers", str(folder), "--year", "2024", "--window", "1", "--format", "csv"], env=ENV)
    assert one_year.stdout == "被诉方,统一社会信用代码,标记,案件数,权利人数,案件\n"  # 2024 alone: K2 only
    bad = runner.invoke(app, ["protection", "infringers", str(folder), "--year", "2024", "--min-cases", "1"], env=ENV)
    assert bad.exit_code == 2 and "重复侵权的案件数门槛应为 2–100，不是 1" in bad.output


def test_grades_with_the_offices_listings(folder, tmp_path):
    listings = tmp_path / "listings.csv"
    listings.write_text(f"统一社会信用代码,类型,列入日期,件数\n{CO_A},非正常专利申请,2024-05-10,3\n", encoding="utf-8")
    result = runner.invoke(app, ["protection", "grades", str(folder), "--year", "2024", "--listings", str(listings), "--format", "json"], env=ENV)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"] == {"A": 0, "B": 1, "C": 1, "D": 1}
    assert [(g["uscc"], g["grade"], g["score"]) for g in data["grades"]] == [(CO_B, "D", 35.0), (CO_A, "C", 75.0)]  # worst first
    table = runner.invoke(app, ["protection", "grades", str(folder), "--year", "2024", "--uscc", CO_B], env=ENV)
    assert "2024 年信用分级（示范规则（2025），统计 2022–2024 年）" in table.output
    assert "侵权成立（作为被诉方） ×3（-45）" in table.output
    csv_out = runner.invoke(app, ["protection", "grades", str(folder), "--year", "2024", "--grade", "B", "--format", "csv"], env=ENV)
    assert csv_out.stdout.splitlines()[1:] == ["12140000405601234X,示范区理工学院,B,90,每年一次,", f"{CO_A},山西晋创新材料科技有限公司,B,90,每年一次,"]


def test_grades_refuse_bad_input(folder, tmp_path):
    listings = tmp_path / "bad.csv"
    listings.write_text("统一社会信用代码,类型,列入日期\n91140100MA0GRY4T4X,非正常专利申请,2024-05-10\n", encoding="utf-8")
    result = runner.invoke(app, ["protection", "grades", str(folder), "--year", "2024", "--listings", str(listings)], env=ENV)
    assert result.exit_code == 1
    assert "bad.csv，第 2 行，列「统一社会信用代码」：统一社会信用代码校验位错误：应为 L" in result.output
    rules = tmp_path / "rules.toml"
    rules.write_text("window_years = 3\n", encoding="utf-8")
    result = runner.invoke(app, ["protection", "grades", str(folder), "--year", "2024", "--rules", str(rules)], env=ENV)
    assert result.exit_code == 2 and "信用规则 rules.toml：缺少 base_score" in result.output
    neither = runner.invoke(app, ["protection", "grades", "--year", "2024"], env=ENV)
    assert neither.exit_code == 2 and "请给出数据集或 --db（二者选一）" in neither.output
    missing = runner.invoke(app, ["protection", "grades", str(tmp_path / "nope"), "--year", "2024"], env=ENV)
    assert missing.exit_code == 2 and "找不到数据集" in missing.output
    outside = runner.invoke(app, ["protection", "grades", str(folder), "--year", "2024", "--uscc", "91110108MA01AB2CDR"], env=ENV)
    assert outside.exit_code == 2 and "91110108MA01AB2CDR 不是区内主体" in outside.output
