"""Opening what a report is made from: a dataset file or folder (the platform database is in ``cli``).

A report names its source without machine paths: the dataset's own name and a fingerprint of its
bytes (SHA-256 over the files, in name order), so two reports can be told to come from the same
data, and the same data gives the same document wherever it lies.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ipzone import config as zone_config
from ipzone.indicators.engine import Engine, is_parquet_folder
from ipzone.reports.common import Source

CHUNK = 1 << 20


def fingerprint(path: Path) -> str:
    """``sha256:`` and the first 16 hex digits of the files' names and bytes."""
    h = hashlib.sha256()
    path = Path(path)
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    for f in files:
        h.update(f.relative_to(path).as_posix().encode() if f != path else b"")
        h.update(b"\0")
        with f.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                h.update(chunk)
        h.update(b"\0")
    return "sha256:" + h.hexdigest()[:16]


def describe(path: Path) -> Source:
    path = Path(path)
    if path.is_file():
        kind = "Excel 工作簿"
    elif is_parquet_folder(path):
        kind = "Parquet 文件夹"
    else:
        kind = "CSV 文件夹"
    return Source(f"数据集 {path.name}（{kind}）", f"数据指纹 {fingerprint(path)}")


def open_dataset(path: Path, config: Path | None = None, engine: str = "duckdb") -> tuple[Engine, Source]:
    """The engine on a dataset, and how the report names it.

    Raises ``FileNotFoundError``, ``ipzone.findings.DatasetError`` (a dataset with errors),
    ``ipzone.values.Problem`` (a bad configuration) or ``IndicatorError``.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(path)
    cfg = zone_config.for_dataset(path, config)
    if is_parquet_folder(path):
        source = path
    else:
        from ipzone.dataset import read

        source = read(path)
    return Engine(source, engine=engine, config=cfg), describe(path)
