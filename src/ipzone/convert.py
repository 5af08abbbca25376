"""Writing a validated dataset as Parquet: the form the engine and the benchmarks read at scale."""

from __future__ import annotations

import json
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pyarrow.parquet as pq

from ipzone import __version__, contract
from ipzone.config import CONFIG_NAME
from ipzone.dataset import Dataset

MANIFEST = "ipzone-dataset.json"


@contextmanager
def staged_folder(out: Path):
    """A temporary folder beside ``out`` that becomes ``out`` only if the block completes.

    An interrupted or failed writer leaves ``out`` as it was (absent, or the previous version).
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        yield tmp
        if out.exists():
            old = out.with_name(f".{out.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
            tmp.rename(out)
            shutil.rmtree(old)
        else:
            tmp.rename(out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def write_parquet(ds: Dataset, out: Path) -> dict[str, int]:
    """One ``<stem>.parquet`` per table the dataset has, and a manifest; all or nothing."""
    rows = {}
    with staged_folder(out) as tmp:
        for stem in sorted(ds.present):
            pq.write_table(ds[stem], tmp / f"{stem}.parquet", compression="zstd")
            rows[stem] = ds[stem].num_rows
        manifest = {"contract": contract.VERSION, "ipzone": __version__, "tables": rows}
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if ds.source is not None and (Path(ds.source) / CONFIG_NAME).is_file():
            copy_config(Path(ds.source), tmp)
    return rows


def copy_config(source: Path, out: Path) -> None:
    """The dataset's zone configuration, and the files it names under ``reference/``, travel with it."""
    shutil.copy2(source / CONFIG_NAME, out / CONFIG_NAME)
    if (source / "reference").is_dir():
        shutil.copytree(source / "reference", out / "reference")
