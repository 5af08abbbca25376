"""PDF from the Word document, through LibreOffice headless (a real layout engine).

``soffice --headless --convert-to pdf`` runs in a private temporary profile (so it never meets a
user's running LibreOffice) with a fontconfig file that maps the GB/T 9704 font names to the
Noto CJK faces Debian ships (``fonts-noto-cjk``): 方正小标宋简体, 仿宋, 楷体, 宋体 → Noto Serif CJK SC,
黑体 → Noto Sans CJK SC. LibreOffice embeds (subsets of) every font it uses, so the PDF shows the
same Chinese everywhere. Where a font is installed under its own name (Windows fonts copied to
the server), that font wins.

Only the PDF's metadata (creation date, document id) differs between two conversions of the
same document; the text and the pages are the same.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ipzone.values import Problem

SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
ALIASES = {
    "方正小标宋简体": SERIF,
    "方正小标宋_GBK": SERIF,
    "仿宋": SERIF,
    "仿宋_GB2312": SERIF,
    "FangSong": SERIF,
    "楷体": SERIF,
    "楷体_GB2312": SERIF,
    "KaiTi": SERIF,
    "宋体": SERIF,
    "SimSun": SERIF,
    "黑体": SANS,
    "SimHei": SANS,
}
TIMEOUT_S = 300


class PdfError(Problem):
    pass


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    raise PdfError(
        "找不到 LibreOffice（soffice），无法生成 PDF：请安装 libreoffice-writer-nogui（以 root 运行 make install 会自动安装），或改用 .docx / .xlsx",
        "LibreOffice (soffice) not found, so no PDF: install libreoffice-writer-nogui (make install does it as root), or write .docx / .xlsx",
    )


def fontconfig() -> str:
    """The system fontconfig, plus aliases from the GB/T 9704 font names to Noto CJK SC."""
    aliases = "\n".join(
        f'  <alias binding="same"><family>{name}</family><prefer><family>{target}</family></prefer></alias>' for name, target in ALIASES.items()
    )
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{aliases}\n</fontconfig>\n"
    )


def convert(docx: bytes) -> bytes:
    """The PDF of a .docx, laid out by LibreOffice with the fonts embedded."""
    exe = soffice()
    with tempfile.TemporaryDirectory(prefix="ipzone-pdf-") as tmp:
        work = Path(tmp)
        src = work / "report.docx"
        src.write_bytes(docx)
        (work / "fonts.conf").write_text(fontconfig(), encoding="utf-8")
        env = {
            **os.environ,
            "FONTCONFIG_FILE": str(work / "fonts.conf"),
            "HOME": str(work),  # LibreOffice writes caches under $HOME
            "SAL_USE_VCLPLUGIN": "svp",
        }
        cmd = [
            exe,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work / "out"),
            str(src),
        ]
        try:
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice 转换超过 {TIMEOUT_S} 秒未完成", f"LibreOffice did not finish within {TIMEOUT_S} s") from None
        out = work / "out" / "report.pdf"
        if proc.returncode != 0 or not out.is_file():
            detail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            raise PdfError(f"LibreOffice 未能生成 PDF：{' '.join(detail)}", f"LibreOffice produced no PDF: {' '.join(detail)}")
        return out.read_bytes()
