"""``ipzone report annual|bulletin|protection`` through Typer: Word and Excel, errors, no half-written file.

(The PDF path is tested in test_reports_pdf.py, which converts once.)
"""

from __future__ import annotations

import os

import pytest
import typer
from report_helpers import docx_tables, row, write_zone, xlsx_cells
from typer.testing import CliRunner

from ipzone.reports.cli import register

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


@pytest.fixture(scope="module")
def zone(tmp_path_factory):
    return write_zone(tmp_path_factory.mktemp("reports-cli"))


def invoke(app, *args, code: int = 0):
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    assert result.exit_code == code, result.output + repr(result.exception)
    return result.output


def test_annual_docx_with_the_office_target(app, zone, tmp_path):
    folder, config = zone
    out = tmp_path / "年度监测报告.docx"
    text = invoke(app, "report", "annual", folder, "--year", 2023, "--config", config, "--out", out, "--date", "2024-03-15")
    assert f"已写入 {out}" in text and "测试园区2023年知识产权强国建设试点园区年度监测报告" in text
    data = out.read_bytes()
    t = docx_tables(data)["2023年主要指标完成情况（表一）"]
    # the office set 6.3 for 2023: 6.00 ÷ 6.3 = 95.2 % → 接近
    assert row(t, "每万人口高价值发明专利拥有量")[4:9] == ["6.00", "6.30", "45.00", "95.2%", "接近"]
    import io

    import docx

    paras = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert paras[-2:] == ["测试园区知识产权强区建设战略领导小组办公室", "2024年3月15日"]
    closing = " ".join(paras)
    assert "年度目标：办公室设定的目标为每万人口高价值发明专利拥有量：2023年6.3；其余按2021年基期至2025年目标直线插值。" in closing
    assert "数据来源：数据集zone（Parquet文件夹），数据指纹sha256:" in closing
    assert str(tmp_path) not in closing  # never a machine path


def test_bulletin_xlsx(app, zone, tmp_path):
    folder, config = zone
    out = tmp_path / "简报.xlsx"
    invoke(app, "report", "bulletin", folder, "--period", "2023-Q4", "--config", config, "--out", out)
    ws = xlsx_cells(out.read_bytes(), "表1 主要数据")
    assert [c.value for c in ws[3]] == ["项目", "单位", "本期", "上年同期（2022年第四季度）", "同比"]
    values = {ws.cell(r, 1).value: [ws.cell(r, c).value for c in (3, 4, 5)] for r in range(4, 17)}
    assert values["知识产权质押融资金额"] == [500.0, 300.0, 0.667]
    assert values["保护案件办结"] == [1, 0, "新增"]


def test_protection_docx_counts_whole_patents_too(app, zone, tmp_path):
    folder, config = zone
    out = tmp_path / "保护状况.docx"
    invoke(app, "report", "protection", folder, "--year", 2023, "--config", config, "--counting", "whole", "--out", out)
    tables = docx_tables(out.read_bytes())
    assert row(tables["2023年保护案件按案件类型"], "合计") == ["合计", "4", "4", "1", "0"]


def test_errors_are_said_in_both_languages(app, zone, tmp_path):
    folder, config = zone
    text = invoke(app, "report", "annual", "--year", 2023, "--out", tmp_path / "a.docx", code=2)
    assert "请给出数据集 SOURCE 或 --db（二者只选其一）" in text and "give a dataset SOURCE or --db" in text
    text = invoke(app, "report", "annual", folder, "--year", 2023, "--out", tmp_path / "a.odt", code=2)
    assert "无法识别输出格式「a.odt」：文件名应以 .docx、.pdf 或 .xlsx 结尾" in text
    text = invoke(app, "report", "bulletin", folder, "--period", "2023-Q5", "--out", tmp_path / "b.docx", code=2)
    assert "期间「2023-Q5」无法识别" in text
    text = invoke(app, "report", "annual", folder, "--year", 2020, "--config", config, "--out", tmp_path / "a.docx", code=1)
    assert "年度监测从 2021 年基期开始：无法编制 2020 年的监测报告" in text
    text = invoke(app, "report", "protection", tmp_path / "nowhere", "--year", 2023, "--out", tmp_path / "p.docx", code=2)
    assert "找不到数据集" in text
    text = invoke(app, "report", "annual", folder, "--year", 2023, "--date", "15/03/2024", "--out", tmp_path / "a.docx", code=2)
    assert "成文日期「15/03/2024」应为 YYYY-MM-DD" in text
    assert sorted(os.listdir(tmp_path)) == []  # nothing written by a failed command


def test_an_interrupted_write_leaves_the_previous_file(tmp_path, monkeypatch):
    from ipzone.reports import output
    from ipzone.reports.model import Document

    target = tmp_path / "report.xlsx"
    target.write_bytes(b"previous version")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write(Document("annual", "测试"), target)
    assert target.read_bytes() == b"previous version"
    assert os.listdir(tmp_path) == ["report.xlsx"]  # the staged copy is gone
