"""Reading reports back as a reader would: Word tables and paragraphs, Excel sheets, PDF text and fonts."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import docx
import openpyxl
from docx.oxml.ns import qn

CAPTION = re.compile(r"^表\d+\u3000(.*)$")


def docx_tables(data: bytes) -> dict[str, list[list[str]]]:
    """Every table of a .docx by its caption (the paragraph above it, 表N　title), as cell texts."""
    d = docx.Document(io.BytesIO(data))
    out: dict[str, list[list[str]]] = {}
    previous = None
    for el in d.element.body.iterchildren():
        if el.tag == qn("w:p"):
            previous = "".join(t.text or "" for t in el.iter(qn("w:t")))
        elif el.tag == qn("w:tbl"):
            m = CAPTION.match(previous or "")
            assert m, f"table without a caption after {previous!r}"
            table = docx.table.Table(el, d)
            out[m.group(1)] = [[c.text for c in row.cells] for row in table.rows]
    return out


def docx_paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def docx_text(data: bytes) -> str:
    tables = docx_tables(data)
    return "\n".join(docx_paragraphs(data) + ["\t".join(r) for t in tables.values() for r in t])


def row(table: list[list[str]], first: str) -> list[str]:
    for r in table:
        if r[0] == first or (len(r) > 1 and r[1] == first):
            return r
    raise KeyError(first)


def xlsx_sheets(data: bytes) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [tuple(c.value for c in r) for r in ws.iter_rows()] for ws in wb.worksheets}


def xlsx_cells(data: bytes, sheet: str):
    return openpyxl.load_workbook(io.BytesIO(data))[sheet]


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_fonts(path: Path) -> list[dict]:
    """``pdffonts``: name, type and whether each font is embedded."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    fonts = []
    for line in out[2:]:
        parts = line.split()
        # name type [type…] encoding emb sub uni object ID
        fonts.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return fonts


def pdf_page_png(path: Path, page: int, out: Path) -> Path:
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", str(path), str(out)], check=True)
    return out.with_suffix(".png")


def write_zone(folder: Path) -> tuple[Path, Path]:
    """The engine fixture zone as ``ipzone convert`` writes it, and a zone configuration beside it
    naming the stand-in reference tables and one office target (hv_invention_per_10k 2023 = 6.3)."""
    import csv
    import json

    import pyarrow.parquet as pq
    from fixtures_engine import PI_ROWS, SEI_ROWS, zone_dataset

    zone = folder / "zone"
    zone.mkdir()
    ds = zone_dataset()
    for stem in sorted(ds.present):
        pq.write_table(ds[stem], zone / f"{stem}.parquet")
    (zone / "ipzone-dataset.json").write_text(json.dumps({"contract": "1", "tables": {s: ds[s].num_rows for s in sorted(ds.present)}}))
    for name, rows in (("sei.csv", SEI_ROWS), ("pi.csv", PI_ROWS)):
        with (folder / name).open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    config = folder / "zone.toml"
    config.write_text(
        'zone_name = "测试园区"\n\n[references]\n'
        'sei = {path = "sei.csv", edition = "测试版 2021", coverage = "complete"}\n'
        'patent_intensive = {path = "pi.csv", edition = "测试版 2019", coverage = "partial"}\n\n'
        "[targets.hv_invention_per_10k]\n2023 = 6.3\n",
        encoding="utf-8",
    )
    return zone, config
