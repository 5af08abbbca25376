"""A report as a Word document laid out after GB/T 9704—2012 (党政机关公文格式).

- A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 mm × 225 mm).
- Title 2号 (22 pt) 方正小标宋简体, centred; body 3号 (16 pt) 仿宋, first line indented two
  characters, fixed 28 pt line pitch; headings 一、 黑体, （一） 楷体, 1. 仿宋 bold, all 3号.
- Page numbers 4号 (14 pt) 宋体 "— 1 —" at the foot: odd pages right, even pages left, one
  character in from the edge.
- Tables 5号 (10.5 pt; 小五 9 pt from eight columns) 仿宋 with 黑体 headers repeated on every page; captions 表N above, 图N below.

The fonts are named as Windows and WPS know them (方正小标宋简体, 仿宋, 黑体, 楷体, 宋体). Where they
are not installed (Linux, the PDF converter) ``pdf_writer`` maps them to Noto Serif/Sans CJK SC.
Every run says its East Asian language is zh-CN, so renderers pick Simplified Chinese glyphs.

The file is reproducible: core properties carry the report's own timestamp (the period's end),
and the zip entries a fixed date, so the same document gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from ipzone.reports.model import Chart, Document, Paragraph, Table, Value, cell_text, numbered_titles, zh_text

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋"
HEI = "黑体"
KAI = "楷体"
SONG = "宋体"
FONTS = (TITLE_FONT, BODY_FONT, HEI, KAI, SONG)
BODY_PT, TITLE_PT, TABLE_PT, PAGE_NO_PT = 16, 22, 10.5, 14
WIDE_TABLE_PT, WIDE_TABLE_COLUMNS = 9, 8  # 小五 for tables of eight columns or more
LINE_PT = 28
TEXT_WIDTH_MM = 156
HEADING = {1: (HEI, False), 2: (KAI, False), 3: (BODY_FONT, True)}
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_LATIN = re.compile(r"[0-9A-Za-z%+\-][0-9A-Za-z.,%&/+\-]*")


def _fonts(rpr, font: str, lang: str = "zh-CN") -> None:
    """Set every script's font (no theme fonts) and the language on a run or style."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)


def _run(p, text: str, font: str, size: float, *, bold: bool = False, color: RGBColor | None = None, highlight: bool = False, lang: str = "zh-CN"):
    r = p.add_run(text)
    r.font.size = Pt(size)
    r.bold = bold
    if color is not None:
        r.font.color.rgb = color
    if highlight:
        r.font.highlight_color = WD_COLOR_INDEX.YELLOW
    _fonts(r._element.get_or_add_rPr(), font, lang)
    return r


def _text(p, text: str, font: str, size: float, **kw) -> None:
    """Text in runs: numbers and Latin words marked en-US, so that no renderer breaks 2025 across lines.

    (LibreOffice takes digits inside Chinese text for Chinese and may break a line between any
    two of them; a Western language on their runs keeps each number whole.)
    """
    pos = 0
    for m in _LATIN.finditer(text):
        if m.start() > pos:
            _run(p, text[pos : m.start()], font, size, **kw)
        _run(p, m.group(0), font, size, lang="en-US", **kw)
        pos = m.end()
    if pos < len(text):
        _run(p, text[pos:], font, size, **kw)


def _spacing(p, *, exact: float | None = LINE_PT, before: float = 0, after: float = 0, indent_chars: float = 0, size: float = BODY_PT):
    fmt = p.paragraph_format
    if exact is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(exact)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if indent_chars:
        fmt.first_line_indent = Pt(size * indent_chars)


def _styles(d) -> None:
    normal = d.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    _fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    for level, (font, bold) in HEADING.items():
        st = d.styles[f"Heading {level}"]
        st.font.size = Pt(BODY_PT)
        st.font.bold = bold
        st.font.italic = False
        st.font.color.rgb = RGBColor(0, 0, 0)
        _fonts(st.element.get_or_add_rPr(), font)
        pf = st.paragraph_format
        pf.keep_with_next = True
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(LINE_PT)
        pf.first_line_indent = Pt(BODY_PT * 2)


def _settings(d) -> None:
    """East Asian text is Simplified Chinese (the template says Japanese)."""
    theme = d.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:eastAsia"), "zh-CN")


def _page(d) -> None:
    s = d.sections[0]
    s.orientation = WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin = Mm(37), Mm(35)
    s.left_margin, s.right_margin = Mm(28), Mm(26)
    s.footer_distance = Mm(28) - Pt(PAGE_NO_PT)  # the page number sits 7 mm below the text block
    d.settings.odd_and_even_pages_header_footer = True
    _page_number(s.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(s.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(p, align) -> None:
    """— N —, 4号宋体, one character in from the outer edge."""
    p.alignment = align
    fmt = p.paragraph_format
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(PAGE_NO_PT)
    else:
        fmt.left_indent = Pt(PAGE_NO_PT)
    _run(p, "— ", SONG, PAGE_NO_PT)
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        r = _run(p, "", SONG, PAGE_NO_PT)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            r._element.append(el)
        elif kind == "text":
            r.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            r._element.append(el)
    _run(p, " —", SONG, PAGE_NO_PT)


def _paragraph(d, para: Paragraph) -> None:
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    size = BODY_PT if para.style != "note" else TABLE_PT + 1.5
    _spacing(p, indent_chars=2, size=size, exact=LINE_PT if para.style != "note" else None)
    if para.lead:
        _text(p, para.lead, BODY_FONT, size, bold=True)
    _text(p, para.text, BODY_FONT, size, highlight=para.style == "placeholder")


def _heading(d, level: int, text: str) -> None:
    p = d.add_paragraph(style=f"Heading {min(level, 3)}")
    font, bold = HEADING[min(level, 3)]
    _text(p, text, font, BODY_PT, bold=bold)


def _caption(d, text: str) -> None:
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(p, exact=None, before=6, after=3)
    p.paragraph_format.keep_with_next = True
    _text(p, text, HEI, TABLE_PT + 1.5)


def _notes(d, notes: list[str]) -> None:
    for n, note in enumerate(notes):
        p = d.add_paragraph()
        _spacing(p, exact=None, after=2 if n < len(notes) - 1 else 8)
        _text(p, ("注：" if n == 0 else "　　") + note, BODY_FONT, TABLE_PT)


def _cell(cell, text: str, *, header: bool, right: bool, size: float = TABLE_PT) -> None:
    cell.text = ""
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if header else (WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT)
    _spacing(p, exact=None)
    _text(p, text, HEI if header else BODY_FONT, size)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def table_notes(t: Table) -> list[str]:
    """The table's notes, then the reason for each missing value in it (once each)."""
    reasons: dict[str, None] = {}
    for row in t.rows:
        for c in row:
            if isinstance(c, Value) and not c.ok and c.missing:
                reasons.setdefault(c.missing)
    return list(t.notes) + [zh_text(f"缺数据——{r}。") for r in reasons]


def _table(d, t: Table, number: int) -> None:
    _caption(d, f"表{number}　{t.title}")
    table = d.add_table(rows=1 + len(t.rows), cols=len(t.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = t.widths or [1.0] * len(t.columns)
    total = sum(widths)
    for j, w in enumerate(widths):
        width = Mm(TEXT_WIDTH_MM * w / total)
        table.columns[j].width = width
        for cell in table.columns[j].cells:
            cell.width = width
    size = WIDE_TABLE_PT if len(t.columns) >= WIDE_TABLE_COLUMNS else TABLE_PT
    for j, name in enumerate(t.columns):
        _cell(table.rows[0].cells[j], name, header=True, right=False, size=size)
    _repeat_header(table.rows[0])
    for i, row in enumerate(t.rows, start=1):
        for j, c in enumerate(row):
            _cell(table.rows[i].cells[j], cell_text(c), header=False, right=isinstance(c, Value), size=size)
    _notes(d, table_notes(t))


def _chart(d, c: Chart, number: int) -> None:
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(p, exact=None, before=6)
    p.paragraph_format.keep_with_next = True
    p.add_run().add_picture(io.BytesIO(c.png), width=Cm(min(c.width_cm, TEXT_WIDTH_MM / 10)))
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(p, exact=None, after=3)
    _text(p, f"图{number}　{c.title}", HEI, TABLE_PT + 1.5)
    _notes(d, c.notes)


def _core(d, doc: Document) -> None:
    cp = d.core_properties
    cp.title = doc.title
    cp.subject = doc.subtitle or doc.title
    cp.author = "ipzone"
    cp.last_modified_by = "ipzone"
    cp.keywords = "知识产权;" + {"annual": "年度监测", "bulletin": "工作简报", "protection": "保护状况"}.get(doc.kind, doc.kind)
    cp.comments = "；".join(f"{k}：{v}" for k, v in doc.meta)
    cp.category = doc.kind
    cp.revision = 1
    cp.created = doc.timestamp
    cp.modified = doc.timestamp
    cp.last_printed = doc.timestamp


def normalise_zip(data: bytes) -> bytes:
    """The same archive with every entry dated ``FIXED_ZIP_TIME``: identical content, identical bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            z = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            z.compress_type = zipfile.ZIP_DEFLATED
            z.external_attr = 0o600 << 16
            dst.writestr(z, src.read(info.filename))
    return out.getvalue()


def render(doc: Document) -> bytes:
    """The document as .docx bytes."""
    d = new_document()
    _styles(d)
    _settings(d)
    _page(d)
    body = d.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # the template's empty first paragraph
        body.remove(p)

    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(p, exact=35, after=0, size=TITLE_PT)
    _text(p, doc.title, TITLE_FONT, TITLE_PT)
    if doc.subtitle:
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _spacing(p, exact=LINE_PT)
        _text(p, doc.subtitle, KAI, BODY_PT)
    _spacing(d.add_paragraph(), exact=LINE_PT)  # one blank line under the title

    for para in doc.intro:
        _paragraph(d, para)
    tables = charts = 0
    for section, level, title in numbered_titles(doc):
        _heading(d, level, title)
        for block in section.blocks:
            if isinstance(block, Table):
                tables += 1
                _table(d, block, tables)
            elif isinstance(block, Chart):
                charts += 1
                _chart(d, block, charts)
            else:
                _paragraph(d, block)

    if doc.issuer:
        _spacing(d.add_paragraph(), exact=LINE_PT)
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _spacing(p, exact=LINE_PT)
        p.paragraph_format.right_indent = Pt(BODY_PT * 2)
        _text(p, doc.issuer, BODY_FONT, BODY_PT)
        if doc.date:
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _spacing(p, exact=LINE_PT)
            p.paragraph_format.right_indent = Pt(BODY_PT * 4)
            _text(p, f"{doc.date.year}年{doc.date.month}月{doc.date.day}日", BODY_FONT, BODY_PT)
    _core(d, doc)
    buf = io.BytesIO()
    d.save(buf)
    return normalise_zip(buf.getvalue())


def write(doc: Document, path: Path) -> None:
    Path(path).write_bytes(render(doc))
