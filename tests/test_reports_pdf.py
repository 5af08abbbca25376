"""PDF through LibreOffice: the values as text, the fonts embedded, the pages drawn, Chinese never boxes.

Two conversions in all (the command line's and the API's, of the same data), shared by the tests.
"""

from __future__ import annotations

import re
import shutil

import pytest
import typer
from PIL import Image
from report_helpers import pdf_fonts, pdf_page_png, pdf_text, write_zone
from typer.testing import CliRunner

from ipzone import config as zone_config
from ipzone.indicators import Engine
from ipzone.reports import Facts, annual, output
from ipzone.reports.cli import register
from ipzone.reports.source import describe

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="needs LibreOffice and poppler-utils (scripts/system-deps)")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """The annual report of 2023 as PDF, once from the command line and once from the API."""
    tmp = tmp_path_factory.mktemp("reports-pdf")
    folder, config = write_zone(tmp)
    app = typer.Typer()
    register(app)
    cli_pdf = tmp / "cli.pdf"
    result = CliRunner().invoke(app, ["report", "annual", str(folder), "--year", "2023", "--config", str(config), "--out", str(cli_pdf)])
    assert result.exit_code == 0, result.output + repr(result.exception)
    api_pdf = tmp / "api.pdf"
    eng = Engine(folder, config=zone_config.load(config))
    output.write(annual.build(Facts(eng), 2023, describe(folder)), api_pdf)
    return cli_pdf, api_pdf


def test_pdf_text_has_the_values(pdfs):
    text = pdf_text(pdfs[0])
    assert re.sub(r"\s", "", text).startswith("测试园区2023年知识产权强国建设试点园区年度监测报告")
    line = next(x for x in text.splitlines() if "每万人口高价值发明专" in x and "%" in x)
    assert re.findall(r"[\d,.]+%?|滞后|接近|达标", line)[1:] == ["24.00", "6.00", "6.30", "45.00", "95.2%", "接近"]
    assert re.search(r"—\s*1\s*—", text) and re.search(r"—\s*2\s*—", text)  # page numbers, GB/T 9704 style
    assert "\ufffd" not in text


def test_fonts_are_embedded_chinese_faces(pdfs):
    fonts = pdf_fonts(pdfs[0])
    assert fonts and all(f["emb"] == "yes" for f in fonts), fonts
    names = " ".join(f["name"] for f in fonts)
    assert "NotoSerifCJK" in names  # 仿宋 / 方正小标宋 / 宋体 fall back to Noto Serif CJK SC
    assert "NotoSansCJK" in names  # 黑体 to Noto Sans CJK SC
    assert "DejaVu" not in names  # no Latin-only face stood in for Chinese


def test_pages_are_drawn(pdfs, tmp_path):
    png = pdf_page_png(pdfs[0], 1, tmp_path / "page1")
    im = Image.open(png).convert("L")
    w, h = im.size
    assert 0.70 < w / h < 0.71  # A4 portrait
    dark = sum(im.histogram()[:128])
    assert dark > 0.01 * w * h  # text is drawn, not an empty page
    # the title block (top quarter) is inked, so the title rendered
    top = im.crop((0, 0, w, h // 4))
    assert sum(top.histogram()[:128]) > 0.005 * w * (h // 4)


def test_same_data_same_pdf_text(pdfs):
    assert pdf_text(pdfs[0]) == pdf_text(pdfs[1])  # only the metadata (creation date, id) differs
