import json

import pytest

from fixtures import write_dataset
from typer.testing import CliRunner

from ipzone.cli import app

runner = CliRunner()


def test_help_speaks_chinese_and_english():
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "园区知识产权强国建设试点工作平台" in result.output and "runs a development zone's IP programme" in result.output
    assert "检查数据集是否符合数据规范 / check a dataset against the data contract" in result.output


def test_check_passes_with_exit_0(tmp_path):
    folder = write_dataset(tmp_path / "d")
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 0, result.output
    assert "18 张表，30 行，无错误，0 处警告 / 18 tables, 30 rows, no errors, 0 warning(s)" in result.output


def test_check_fails_with_exit_1_naming_the_cell(tmp_path):
    folder = write_dataset(tmp_path / "d")
    (folder / "surveys.csv").write_text("问卷编号,年度,得分\nS1,2021,abc\nS2,2021,-3\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 1
    assert "surveys（保护满意度调查），第 2 行，列「得分」：「abc」不是数字；应为0–100 的分数（值：'abc'）" in result.output
    assert "surveys (保护满意度调查), row 3, column 得分: -3 is not between 0 and 100" in result.output
    assert "2 处错误，0 处警告；未载入任何数据 / 2 error(s), 0 warning(s); nothing loaded" in result.output


def test_check_json_groups_by_table_and_rule(tmp_path):
    folder = write_dataset(tmp_path / "d")
    rows = "".join(f"S{i},2021,abc\n" for i in range(25))
    (folder / "surveys.csv").write_text("问卷编号,年度,得分\n" + rows, encoding="utf-8")
    result = runner.invoke(app, ["check", str(folder), "--format", "json", "--first", "3"])
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert (out["ok"], out["errors"], out["warnings"]) == (False, 25, 0)
    [group] = out["groups"]
    assert (group["table"], group["rule"], group["count"], len(group["findings"])) == ("surveys", "type.score", 25, 3)
    assert group["findings"][0] == {
        "level": "error", "rule": "type.score", "zh": "「abc」不是数字；应为0–100 的分数",
        "en": "'abc' is not a number; expected a score from 0 to 100", "file": "surveys.csv", "table": "surveys",
        "table_zh": "保护满意度调查", "row": 2, "column": "得分", "value": "abc",
    }


def test_convert_writes_parquet_and_refuses_a_broken_dataset(tmp_path):
    folder = write_dataset(tmp_path / "d")
    result = runner.invoke(app, ["convert", str(folder), "--out", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "p").iterdir())[:3] == ["agencies.parquet", "awards.parquet", "cases.parquet"]
    (folder / "surveys.csv").write_text("问卷编号,年度,得分\nS1,2021,abc\n", encoding="utf-8")
    result = runner.invoke(app, ["convert", str(folder), "--out", str(tmp_path / "q")])
    assert result.exit_code == 1 and not (tmp_path / "q").exists()


def test_a_dataset_carries_its_zone_configuration_through_convert(tmp_path):
    from ipzone.config import for_dataset

    folder = write_dataset(tmp_path / "d")
    (folder / "reference").mkdir()
    (folder / "reference" / "pi.csv").write_text("industry_code\n3985\n", encoding="utf-8")
    (folder / "ipzone.toml").write_text(
        'zone_name = "测试园区"\n[references]\npatent_intensive = {path = "reference/pi.csv", edition = "测试"}\n',
        encoding="utf-8",
    )
    assert for_dataset(folder).zone_name == "测试园区"
    assert runner.invoke(app, ["convert", str(folder), "--out", str(tmp_path / "p")]).exit_code == 0
    cfg = for_dataset(tmp_path / "p")
    assert (cfg.zone_name, cfg.references["patent_intensive"].path) == ("测试园区", tmp_path / "p" / "reference" / "pi.csv")
    result = runner.invoke(app, ["indicators", str(tmp_path / "p"), "--year", "2021", "--format", "json"])
    out = json.loads(result.stdout)
    va = next(i for i in out["indicators"] if i["code"] == "patent_intensive_va")
    assert va["value"] == pytest.approx(1.20005)  # 12,000.5 万元 of the one in-zone entity in class 3985
