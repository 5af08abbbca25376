"""The reference tables the baselines use, loaded the way a zone analyst would: independently of the engine.

Which tables: the demo folder's ``ipzone.toml`` (``ipzone.config.for_dataset``), so the baselines
use the same editions as ``ipzone`` — a packaged table (``ipzone.reference.load_table``) or the
zone's own CSV file. How they are prepared is written here again from shared/spec/indicators.md,
not taken from ``ipzone.indicators``: the baselines then check the engine rather than repeat it
(and do not import Ibis).

- SEI–IPC entries: each row's IPC read as a subclass (``G06N``), a main group (``G06N 3/00``) or a
  subgroup (``G06N 3/08``) with ``ipzone.codes.parse_ipc``. An entry needs keywords only when the
  table marks it so (``keyword_required`` 是) *and* lists literal terms (``keywords``, ``;``-separated);
  descriptive text (``note``) is never a filter.
- Patent-intensive industries: the distinct 4-digit ``industry_code`` values.
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

from ipzone.codes import parse_ipc
from ipzone.config import ZoneConfig, for_dataset
from ipzone.values import Problem, parse_bool

# 条件5: 中国专利奖 in any grade, or 国家科学技术奖 — the family name and each of its five awards as
# written on certificates (the engine's documented decision, rules.HV_AWARDS, restated here).
HV_AWARDS = (
    "中国专利奖",
    "国家科学技术奖",
    "国家最高科学技术奖",
    "国家自然科学奖",
    "国家技术发明奖",
    "国家科学技术进步奖",
    "中华人民共和国国际科学技术合作奖",
)


def _rows(config: ZoneConfig, role: str) -> list[dict[str, str | None]]:
    """The table's rows as text: the zone's own file, or the packaged table's file (the office's
    installed copy when there is one — the file ``ipzone.reference.load_table`` reads)."""
    choice = config.references[role]
    if choice.path is not None:
        path = choice.path
    else:
        from ipzone.reference import info

        path = info(choice.name).path
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def level(key: str) -> str:
    if " " not in key:
        return "subclass"
    return "main_group" if key.endswith("/00") else "subgroup"


def _marked(value: str | None) -> bool:
    if value is None or not value.strip():
        return False
    try:
        return parse_bool(value)
    except Problem:
        return False


def sei(config: ZoneConfig) -> tuple[list[dict], list[dict]]:
    """(entries, terms): entries {entry_id, level, key, sei_code, needs_keywords}; terms {entry_id, term}."""
    entries, terms = [], []
    for i, r in enumerate(_rows(config, "sei")):
        try:
            key = parse_ipc(r.get("ipc") or "")
        except Problem:
            continue  # an unreadable IPC matches nothing
        words = [w.strip() for w in (r.get("keywords") or "").replace("；", ";").split(";") if w.strip()]
        needs = _marked(r.get("keyword_required")) and bool(words)
        entries.append({"entry_id": i, "level": level(key), "key": key, "sei_code": r.get("sei_code"), "needs_keywords": needs})
        if needs:
            terms.extend({"entry_id": i, "term": w} for w in words)
    return entries, terms


def patent_intensive(config: ZoneConfig) -> list[str]:
    return sorted({c.strip().zfill(4) for r in _rows(config, "patent_intensive") if (c := r.get("industry_code")) and c.strip()})


def load(folder: Path) -> tuple[ZoneConfig, list[dict], list[dict], list[str]]:
    config = for_dataset(folder)
    entries, terms = sei(config)
    return config, entries, terms, patent_intensive(config)
