"""Files from the import page, received defensively.

An upload is an ``.xlsx`` workbook or a ``.zip`` of CSV files. Before anything is read: the size
is capped (``UPLOAD_MAX_BYTES``); a zip may hold at most ``ZIP_MAX_MEMBERS`` files and
``ZIP_MAX_UNCOMPRESSED`` bytes once expanded (counted while writing, not trusted from the
header), each member at most ``ZIP_MAX_RATIO`` times its compressed size; absolute paths, ``..``,
drive letters and symbolic links are refused. CSVs are written flat into a fresh folder. A
workbook is itself a zip, and gets the same expansion checks.

A zip may also carry the zone configuration (``ipzone.toml``, anywhere in it, once) and the
reference tables it names by relative ``{path = …}``: with ``with_config`` they are written to
``config/`` beside the data, as they lay in the archive (``config_of`` finds the file), and the
reference CSVs are not taken for data tables.

Attachments (the files of a protection case, of a disputed entitlement, of an objection to a
公示) are checked here too, by :class:`AttachmentsField`: how many at a time, how large (a setting
per use), which kinds (``KINDS``: the extension *and* the first bytes, so a renamed executable is
refused), not empty. Every refusal names the file, in Chinese and English.
"""

from __future__ import annotations

import shutil
import stat
import time
import zipfile
from pathlib import Path, PurePosixPath

from django import forms
from django.conf import settings

CHUNK = 1024 * 1024
SMALL = 64 * 1024  # members this small may compress as well as they like


class UploadError(Exception):
    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def receive(upload, folder: Path, *, with_config: bool = False) -> Path:
    """Store ``upload`` (a Django UploadedFile) under ``folder``; the path to check and load."""
    name = upload.name or ""
    suffix = Path(name).suffix.lower()
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        mb = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
        raise UploadError(f"文件超过 {mb} MB 上限", f"the file is larger than the {mb} MB limit")
    if suffix not in (".xlsx", ".zip"):
        raise UploadError("只接受 .xlsx 工作簿或 CSV 文件的 .zip 压缩包", "only an .xlsx workbook or a .zip of CSV files is accepted")
    folder.mkdir(parents=True, exist_ok=False)
    stored = folder / f"upload{suffix}"
    with open(stored, "wb") as out:
        for chunk in upload.chunks(CHUNK):
            out.write(chunk)
    if not zipfile.is_zipfile(stored):
        raise UploadError("文件不是有效的 .xlsx 或 .zip（已损坏或格式不符）", "the file is not a valid .xlsx or .zip")
    if suffix == ".xlsx":
        inspect(stored, max_members=10_000)
        return stored
    target = folder / "data"
    taken = extract_config(stored, folder / CONFIG_FOLDER) if with_config else set()
    extract_csvs(stored, target, skip=taken)
    stored.unlink()
    return target


CONFIG_FOLDER = "config"


def config_of(folder: Path) -> Path | None:
    """The ``ipzone.toml`` that ``receive(…, with_config=True)`` took from the archive, if any."""
    from ipzone.config import CONFIG_NAME

    path = folder / CONFIG_FOLDER / CONFIG_NAME
    return path if path.is_file() else None


def _posix(name: str) -> PurePosixPath:
    return PurePosixPath(name.replace("\\", "/"))


def extract_config(path: Path, target: Path) -> set[str]:
    """Write the archive's ``ipzone.toml`` and the files its ``[references]`` name by a relative
    path into ``target``; the member names taken. A reference path that leaves the archive is
    not followed (the configuration's check then says the file was not found)."""
    import posixpath
    import tomllib

    from ipzone.config import CONFIG_NAME

    files = {_decoded(i): i for i in inspect(path)}
    tomls = [n for n in files if _posix(n).name == CONFIG_NAME and "__MACOSX" not in _posix(n).parts]
    if not tomls:
        return set()
    if len(tomls) > 1:
        raise UploadError(f"压缩包中有 {len(tomls)} 个 {CONFIG_NAME}，只能有一个", f"{len(tomls)} files named {CONFIG_NAME} in the archive; one at most")
    name = tomls[0]
    target.mkdir(parents=True, exist_ok=False)
    budget = [settings.ZIP_MAX_UNCOMPRESSED]
    with zipfile.ZipFile(path) as zf:
        _copy(zf, files[name], name, target / CONFIG_NAME, budget)
        taken = {name}
        try:
            data = tomllib.loads((target / CONFIG_NAME).read_text(encoding="utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            return taken  # the configuration's check says what is wrong
        base = _posix(name).parent
        by_path = {posixpath.normpath(str(_posix(n))): n for n in files}
        refs = data.get("references")
        for value in (refs.values() if isinstance(refs, dict) else ()):
            if not isinstance(value, dict) or not isinstance(value.get("path"), str):
                continue
            rel = _posix(value["path"])
            if rel.is_absolute() or ".." in rel.parts or (rel.parts and ":" in rel.parts[0]):
                continue
            member = by_path.get(posixpath.normpath(str(base / rel)))
            if member is None or member in taken:
                continue
            dest = target.joinpath(*rel.parts)
            dest.parent.mkdir(parents=True, exist_ok=True)
            _copy(zf, files[member], member, dest, budget)
            taken.add(member)
    return taken


def _copy(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, dest: Path, budget: list[int]) -> None:
    """One member to ``dest``, never more than its declared size nor the archive's budget."""
    with zf.open(info) as src, open(dest, "wb") as out:
        size = 0
        while chunk := src.read(CHUNK):
            size += len(chunk)
            budget[0] -= len(chunk)
            if size > info.file_size or budget[0] < 0:
                raise UploadError(f"压缩包成员 {name} 解压后超过声明的大小", f"member {name} expands beyond its declared size")
            out.write(chunk)


def _unsafe(name: str) -> bool:
    p = PurePosixPath(name.replace("\\", "/"))
    return name.startswith(("/", "\\")) or ".." in p.parts or (p.parts and ":" in p.parts[0])


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _decoded(info: zipfile.ZipInfo) -> str:
    """Member names from Chinese Windows are GBK without the UTF-8 flag; Python read them as cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def inspect(path: Path, *, max_members: int | None = None) -> list[zipfile.ZipInfo]:
    """The archive's file members, after the count, size, ratio and path checks."""
    limit = max_members or settings.ZIP_MAX_MEMBERS
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    files = [i for i in infos if not i.is_dir()]
    if len(files) > limit:
        raise UploadError(f"压缩包内文件过多（{len(files)} 个，上限 {limit}）", f"too many files in the archive ({len(files)}, limit {limit})")
    total = 0
    for i in files:
        name = _decoded(i)
        if _unsafe(name) or _is_symlink(i):
            raise UploadError(f"压缩包中的路径不安全：{name}", f"unsafe path in the archive: {name}")
        if i.file_size > SMALL and i.file_size > settings.ZIP_MAX_RATIO * max(i.compress_size, 1):
            raise UploadError(f"压缩包成员 {name} 的压缩比异常，已拒绝", f"member {name} expands suspiciously: refused")
        total += i.file_size
    if total > settings.ZIP_MAX_UNCOMPRESSED:
        raise UploadError("压缩包解压后过大", "the archive expands beyond the size limit")
    return files


def extract_csvs(path: Path, target: Path, skip: set[str] = frozenset()) -> list[Path]:
    """Write the archive's CSV members flat into ``target`` (other files, and the members named in
    ``skip``, are ignored)."""
    files = inspect(path)
    target.mkdir(parents=True, exist_ok=False)
    written: list[Path] = []
    budget = [settings.ZIP_MAX_UNCOMPRESSED]
    with zipfile.ZipFile(path) as zf:
        for info in files:
            name = _decoded(info)
            base = PurePosixPath(name.replace("\\", "/"))
            if name in skip or base.suffix.lower() != ".csv" or base.name.startswith((".", "~$")) or "__MACOSX" in base.parts:
                continue
            dest = target / base.name
            if dest.exists():
                raise UploadError(f"压缩包中有两个同名文件 {base.name}", f"two files named {base.name} in the archive")
            _copy(zf, info, name, dest, budget)
            written.append(dest)
    if not written:
        raise UploadError("压缩包中没有 .csv 文件", "no .csv file in the archive")
    return written


def sweep(root: Path, older_than: float = 24 * 3600) -> None:
    """Remove upload folders older than a day (their error reports are no longer offered)."""
    if not root.exists():
        return
    now = time.time()
    for child in root.iterdir():
        try:
            if child.is_dir() and now - child.stat().st_mtime > older_than:
                shutil.rmtree(child, ignore_errors=True)
        except OSError:
            continue


# --- attachments ------------------------------------------------------------------------------------

PDF, ZIP, OLE, JPEG, PNG = b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"
KINDS: dict[str, bytes] = {  # extension: what such a file starts with
    "pdf": PDF,
    "ofd": ZIP,
    "docx": ZIP,
    "xlsx": ZIP,
    "doc": OLE,
    "xls": OLE,
    "jpg": JPEG,
    "jpeg": JPEG,
    "png": PNG,
}
ACCEPT = ",".join(f".{e}" for e in KINDS)
NAME_MAX = 255  # the longest file name the platform keeps (Attachment.name, Document.name)


def size_text(n: float) -> str:
    if n >= 1048576:
        return f"{n / 1048576:.1f} MB"
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n:.0f} B"


def check_attachment(upload, max_bytes: int) -> None:
    """Raise :class:`UploadError` when ``upload`` (a Django UploadedFile) may not be kept."""
    name = upload.name or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in KINDS:
        zh, en = (f".{ext}", f".{ext}") if ext else ("无扩展名", "no extension")
        raise UploadError(
            f"附件「{name}」：不接受此类文件（{zh}），只收 {'、'.join(KINDS)}", f"attachment {name}: file type not accepted ({en}); allowed: {', '.join(KINDS)}"
        )
    if len(name) > NAME_MAX:
        raise UploadError(f"附件「{name}」：文件名超过 {NAME_MAX} 个字符", f"attachment {name}: the file name is longer than {NAME_MAX} characters")
    if not upload.size:
        raise UploadError(f"附件「{name}」：空文件", f"attachment {name}: the file is empty")
    if upload.size > max_bytes:
        size, most = size_text(upload.size), size_text(max_bytes)
        raise UploadError(f"附件「{name}」：{size}，超过 {most} 的上限", f"attachment {name}: {size} is over the {most} limit")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(KINDS[ext]):
        raise UploadError(f"附件「{name}」：内容不是 .{ext} 文件（扩展名与内容不符）", f"attachment {name}: the content is not a .{ext} file")


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that takes several files (Django's documented pattern)."""

    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to ``max_files`` files in one field, each checked by :func:`check_attachment` against
    ``settings.<max_bytes_setting>`` (read when the form is cleaned). Cleans to a list. It says its
    own messages, naming the file (``ipzone.web.core.forms.bilingual`` leaves them alone)."""

    bilingual = False

    def __init__(self, *args, max_files: int, max_bytes_setting: str, **kwargs):
        self.max_files, self.max_bytes_setting = max_files, max_bytes_setting
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        kwargs["allow_empty_file"] = True  # refused by check_attachment, naming the file
        super().__init__(*args, **kwargs)
        self.error_messages = {
            **self.error_messages,
            "required": "请选择文件 / choose a file",
            "invalid": "提交的不是文件，请检查表单的编码类型 / no file was submitted; check the form's encoding type",
            "missing": "没有收到文件 / no file was submitted",
        }
        if not self.help_text:
            self.help_text = f"可多选，每次最多 {max_files} 个，每个不超过 {size_text(self.max_bytes())}；{'、'.join(KINDS)}"

    def max_bytes(self) -> int:
        return int(getattr(settings, self.max_bytes_setting))

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > self.max_files:
            raise forms.ValidationError(f"一次最多上传 {self.max_files} 个文件，收到 {len(files)} 个 / at most {self.max_files} files at a time, got {len(files)}")
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        limit = self.max_bytes()
        out = []
        for f in files:
            f = super().clean(f, initial)
            try:
                check_attachment(f, limit)
            except UploadError as e:
                raise forms.ValidationError(f"{e.zh} / {e.en}", code="attachment") from None
            out.append(f)
        return out
