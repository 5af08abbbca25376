"""Limits on the files attached to a case: how many, how large, which kinds.

A file is accepted when its extension is one of ``ALLOWED`` *and* its first bytes are what that
kind of file starts with (a renamed executable is refused). Limits: ``IPZONE_CASE_FILE_MAX_MB``
per file (default 20), ``MAX_FILES`` per submission and ``MAX_PER_CASE`` per case.
"""

from __future__ import annotations

import os

from django import forms

from ipzone.web.core.forms import MultipleFileInput

MAX_FILES = 10
MAX_PER_CASE = 100
PDF, ZIP, OLE, JPEG, PNG = b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"
ALLOWED: dict[str, tuple[bytes, ...]] = {
    "pdf": (PDF,),
    "ofd": (ZIP,),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "doc": (OLE,),
    "xls": (OLE,),
    "jpg": (JPEG,),
    "jpeg": (JPEG,),
    "png": (PNG,),
}
ACCEPT = ",".join(f".{e}" for e in ALLOWED)


def max_bytes() -> int:
    return int(float(os.environ.get("IPZONE_CASE_FILE_MAX_MB", "20")) * 1024 * 1024)


def size_text(n: float) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB"


def check(upload) -> None:
    """Raise ``forms.ValidationError`` (Chinese and English) when ``upload`` may not be kept."""
    name = upload.name or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED:
        raise forms.ValidationError(
            f"{name}：不支持的文件类型，只收 {'、'.join(ALLOWED)} / {name}: file type not accepted; allowed: {', '.join(ALLOWED)}"
        )
    limit = max_bytes()
    if upload.size > limit:
        size, most = size_text(upload.size), size_text(limit)
        raise forms.ValidationError(f"{name}：文件 {size}，超过 {most} 的上限 / {name}: {size} is over the {most} limit")
    if upload.size == 0:
        raise forms.ValidationError(f"{name}：空文件 / {name}: the file is empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in ALLOWED[ext]):
        raise forms.ValidationError(
            f"{name}：文件内容不是 .{ext} 文件 / {name}: the content is not a .{ext} file"
        )


class FilesField(forms.FileField):
    """Several files in one field (Django's documented pattern), each checked by :func:`check`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", f"可多选，每次最多 {MAX_FILES} 个，每个不超过 {size_text(max_bytes())}；{'、'.join(ALLOWED)}")
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(f"一次最多上传 {MAX_FILES} 个文件 / at most {MAX_FILES} files at a time")
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        out = []
        for f in files:
            f = single(f, initial)
            check(f)
            out.append(f)
        return out
