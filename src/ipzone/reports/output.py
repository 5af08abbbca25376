"""Writing a report file: the format from the name, all or nothing.

The bytes are made in memory (PDF in a temporary folder), written to a hidden file beside the
target and renamed over it, so an interrupted run (Ctrl-C, a failed conversion) leaves the
target as it was: absent, or the previous version.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from ipzone.reports.model import Document
from ipzone.values import Problem

FORMATS = ("docx", "pdf", "xlsx")


def format_of(path: Path) -> str:
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise Problem(
            f"无法识别输出格式「{Path(path).name}」：文件名应以 .docx、.pdf 或 .xlsx 结尾",
            f"unknown output format {Path(path).name!r}: the file name must end in .docx, .pdf or .xlsx",
        )
    return fmt


def render(doc: Document, fmt: str, progress: Callable[[str], None] | None = None) -> bytes:
    from ipzone.reports import docx_writer, pdf_writer, xlsx_writer

    say = progress or (lambda step: None)
    if fmt == "xlsx":
        say("写入 Excel / writing xlsx")
        return xlsx_writer.render(doc)
    say("排版 Word / writing docx")
    data = docx_writer.render(doc)
    if fmt == "pdf":
        say("LibreOffice 转换 PDF / converting to PDF")
        data = pdf_writer.convert(data)
    return data


def write_atomic(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write(doc: Document, path: Path, progress: Callable[[str], None] | None = None) -> int:
    """Write ``doc`` to ``path`` in the format its suffix names; returns the size in bytes."""
    data = render(doc, format_of(path), progress)
    write_atomic(path, data)
    return len(data)
