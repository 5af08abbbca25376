"""Writing a validated dataset as Parquet: the form the engine and the benchmarks read at scale."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pyarrow.parquet as pq

from ipzone import __version__, contract
from ipzone.dataset import Dataset

MANIFEST = "ipzone-dataset.json"


def write_parquet(ds: Dataset, out: Path) -> dict[str, int]:
    """One ``<stem>.parquet`` per table the dataset has, and a manifest; all or nothing.

    The files are written into a temporary folder beside ``out`` and moved into place at the
    end, so an interrupted or failed run leaves ``out`` as it was.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        rows = {}
        for stem in sorted(ds.present):
            pq.write_table(ds[stem], tmp / f"{stem}.parquet", compression="zstd")
            rows[stem] = ds[stem].num_rows
        manifest = {"contract": contract.VERSION, "ipzone": __version__, "tables": rows}
        (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if out.exists():
            old = out.with_name(f".{out.name}.old")
            out.rename(old)
            tmp.rename(out)
            shutil.rmtree(old)
        else:
            tmp.rename(out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return rows
