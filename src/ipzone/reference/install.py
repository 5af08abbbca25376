"""Installing an office's own official copy of a reference table into ``$IPZONE_HOME/reference``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import tempfile
from pathlib import Path

from ipzone.readers import decode_csv_bytes
from ipzone.reference import registry
from ipzone.reference.schema import SPECS, file_error, normalise


def read_rows(path: Path) -> tuple[list[object], list[list[object]]]:
    """Header and rows of a CSV (UTF-8 with or without BOM, or GB18030) or of an .xlsx's first sheet."""
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        from python_calamine import CalamineWorkbook

        try:
            sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
        except Exception as e:  # calamine has its own error types for damaged workbooks
            raise file_error(f"无法读取工作簿：{e}", f"cannot read the workbook: {e}") from e
        rows = [[_cell(v) for v in r] for r in sheet]
    else:
        try:
            text, _ = decode_csv_bytes(path.read_bytes())
        except UnicodeDecodeError:
            raise file_error("文件编码不是 UTF-8 或 GB18030", "the file is neither UTF-8 nor GB18030") from None
        rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise file_error("文件是空的", "the file is empty")
    return rows[0], rows[1:]


def _cell(value: object) -> object:
    """Workbook numbers typed as codes (3961 read back as 3961.0) become their digits again."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def install(name: str, path: Path | str, *, edition: str) -> registry.TableInfo:
    """Validate the office's copy of table ``name`` and make it the one :func:`load_table` returns."""
    registry.info(name)  # unknown names fail here
    path = Path(path)
    if not path.is_file():
        raise file_error(f"找不到文件「{path}」", f"no such file '{path}'")
    if not edition.strip():
        raise file_error("必须注明版本（edition）", "an edition must be given")
    header, rows = read_rows(path)
    canonical = normalise(name, header, rows)
    csv_path, toml_path = registry.user_files(name)
    meta = {
        "edition": edition.strip(),
        "source_file": path.name,
        "rows": len(canonical),
        "loaded_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    toml = "".join(f"{k} = {v if isinstance(v, int) else json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        staged.append((_stage(csv_path, registry.write_csv(canonical, SPECS[name].column_names)), csv_path))
        staged.append((_stage(toml_path, toml.encode("utf-8")), toml_path))
        for tmp, target in staged:  # the .toml goes last: the copy counts once it exists
            os.replace(tmp, target)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
    registry._read.cache_clear()
    return registry.info(name)


def _stage(target: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``target`` (renamed into place by the caller)."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)
