"""What the demo takes from the reference tables: SEI IPC symbols, industry codes.

The demo's 战略性新兴产业 IPC symbols and its patent-intensive industry codes are picked FROM
``ipzone.reference`` (``sei_ipc_2021``, ``pi_industries_2019``), and its other industry codes from
``gbt4754_2017`` classes that are not patent-intensive, so the numbers it is calibrated to come
out again when the engine computes them with the same tables. Symbols the demo uses for
patents that must NOT be 战略性新兴产业 are checked against every entry of the table (keyword
entries included), by the rule of indicators.md.

``pi_industries_2019`` as shipped lists no 4-digit classes (only the names of its 中类); until an
office installs the official table, ``pi_industry_codes`` stands in the GB/T 4754-2017 classes
under the groups that bear those names, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipzone.codes import parse_ipc
from ipzone.reference import load_table
from ipzone.values import Problem

# Real IPC symbols of the zone's fields (coal, chemicals, materials, equipment, electronics,
# software, energy, medicine, food, everyday goods). Those an SEI entry without keywords covers
# are the SEI pool; those no entry covers at all (keyword entries included) the non-SEI pool.
IPC_CANDIDATES = (
    "G06N 3/08", "G06N 3/04", "G06N 20/00", "G06F 16/35", "G06F 18/24", "G06T 7/00", "G06V 10/82",
    "G06Q 10/06", "H04L 9/32", "H04L 67/12", "G05B 19/418", "G06F 21/62", "G16H 50/20",
    "H01L 29/78", "H01L 21/02", "H01L 33/00", "H01L 31/18", "G01L 9/00",
    "H01M 4/525", "H01M 10/0525", "H01M 10/0562", "H01M 4/583", "H01M 8/0206", "H02J 7/00", "H01M 10/42",
    "C22C 21/00", "C22C 23/02", "C22C 38/02", "C22F 1/04", "C04B 35/66", "C08K 3/04", "C01B 32/184", "B22F 3/105",
    "C10J 3/00", "C10K 1/00", "B01J 23/755", "C07C 29/151", "C10B 25/00", "C10B 57/00", "C21B 5/00", "C21C 5/28",
    "A61K 36/481", "A61K 39/395", "C07K 16/00", "C12N 15/11", "A61K 9/20", "G01N 33/53",
    "B25J 9/16", "B25J 11/00", "E21D 23/00", "E21C 35/00", "E21D 11/00", "E21C 25/00", "E21F 17/18", "E21F 7/00",
    "B23Q 1/00", "F16H 1/32", "B61F 5/00", "B60L 53/00", "B60L 58/12", "B21B 1/22", "B66C 1/00", "F16K 1/00",
    "F16L 55/00", "B65G 15/00", "H02S 40/00", "F03D 7/00", "H02M 7/48", "G01R 31/00", "H02J 3/38",
    "B01D 53/86", "B01D 53/50", "C02F 9/00", "B09B 3/00", "B01D 46/02",
    "A23L 7/10", "A23L 19/00", "C12J 1/00", "A23L 2/38",
    "A47J 27/00", "A47J 41/00", "A47B 3/00", "A47B 13/00", "A47G 19/22", "A47L 13/00", "A45C 11/00",
    "A45F 3/00", "B65D 5/00", "B65D 81/38", "B65D 85/00", "E04F 13/07", "E06B 7/23", "D06F 57/00",
    "B62B 3/00", "A47C 7/00", "F16B 5/02", "B25H 1/00", "A47K 3/00", "F16M 11/04", "E04H 6/00",
)  # fmt: skip

# GB/T 4754-2017 classes typical of the zone. Those in the patent-intensive table are preferred
# for its patent-intensive enterprises; the others (checked against gbt4754_2017 and the
# patent-intensive table) make up the rest of the economy.
PI_PREFERRED = (
    "3911", "3912", "3921", "3973", "3976", "3982", "3983", "3985", "3841", "3849", "3811", "3812",
    "2710", "2720", "2740", "2761", "3511", "3521", "3562", "3581", "3441", "3451", "3240", "3311",
    "6511", "6513", "6520", "6531", "7320", "7330", "4011", "4014", "3714", "3720", "3825", "2651",
)  # fmt: skip
OTHER_PREFERRED = (
    "0610", "2521", "3110", "3120", "4411", "4710", "4790", "5171", "5179", "5191", "5211", "5212",
    "5221", "6110", "6210", "7010", "7020", "7212", "7221", "7281", "5810", "5612", "0142", "1431",
)  # fmt: skip


@dataclass(frozen=True)
class SeiEntry:
    ipc: str  # canonical
    keywords: tuple[str, ...]

    @property
    def level(self) -> str:
        if " " not in self.ipc:
            return "subclass"
        return "main_group" if self.ipc.endswith("/00") else "subgroup"


def sei_entries() -> list[SeiEntry]:
    t = load_table("sei_ipc_2021")
    keywords = t["keywords"].to_pylist() if "keywords" in t.column_names else [None] * t.num_rows
    out = []
    for ipc, kw in zip(t["ipc"].to_pylist(), keywords, strict=True):
        try:
            key = parse_ipc(ipc or "")
        except Problem:
            continue
        words = tuple(w.strip() for w in (kw or "").replace("；", ";").split(";") if w.strip())
        out.append(SeiEntry(key, words))
    return out


@dataclass(frozen=True)
class References:
    sei_symbols: tuple[str, ...]  # IPC symbols an SEI entry without keywords covers
    non_sei_symbols: tuple[str, ...]  # IPC symbols no SEI entry covers
    pi_codes: tuple[str, ...]  # patent-intensive 4-digit classes the demo uses
    other_codes: tuple[str, ...]  # other 4-digit classes, not patent-intensive
    pi_standin: tuple[str, ...] = ()  # every derived class when the table lists none of its own


def _index(entries: list[SeiEntry]) -> tuple[set[str], set[str], set[str]]:
    sub = {e.ipc for e in entries if e.level == "subclass"}
    main = {e.ipc.split("/")[0] for e in entries if e.level == "main_group"}
    exact = {e.ipc for e in entries if e.level == "subgroup"}
    return sub, main, exact


def _covered(symbol: str, index: tuple[set[str], set[str], set[str]]) -> bool:
    sub, main, exact = index
    return symbol[:4] in sub or symbol.split("/")[0] in main or symbol in exact


def choose_symbols(entries: list[SeiEntry], want: int = 80) -> tuple[tuple[str, ...], tuple[str, ...]]:
    plain = _index([e for e in entries if not e.keywords])
    every = _index(entries)
    sei = [s for s in IPC_CANDIDATES if _covered(s, plain)]
    # Entries of the table itself at group level, spread over the table, to fill the pool.
    own = sorted({e.ipc for e in entries if not e.keywords and e.level != "subclass"} - set(sei))
    if own and len(sei) < want:
        step = max(1, len(own) // (want - len(sei)))
        sei += own[::step][: want - len(sei)]
    non_sei = [s for s in IPC_CANDIDATES if not _covered(s, every)]
    if not sei:
        raise RuntimeError("sei_ipc_2021 covers none of the demo's IPC symbols")
    if not non_sei:
        raise RuntimeError("sei_ipc_2021 covers every IPC symbol the demo knows")
    return tuple(sei), tuple(non_sei)


def _derived_pi_classes(pi, gbt) -> list[str]:
    """GB/T 4754-2017 classes under the groups or divisions whose names are the patent-intensive
    table's 中类 names, for a table that lists no 4-digit classes (see ``pi_industry_codes``)."""
    names = {str(n).rstrip("业") for n in pi["group_name"].to_pylist() if n} if "group_name" in pi.column_names else set()
    rows = gbt.to_pylist()
    children: dict[str, list[dict]] = {}
    for r in rows:
        children.setdefault(r["parent"] or "", []).append(r)

    def classes(code: str) -> list[str]:
        out = []
        for k in children.get(code, []):
            out += [k["code"]] if k["level"] == "class" else classes(k["code"])
        return out

    found: set[str] = set()
    for r in rows:
        if r["level"] in ("division", "group", "class") and str(r["name"]).rstrip("业") in names:
            found |= {r["code"]} if r["level"] == "class" else set(classes(r["code"]))
    return sorted(found)


def pi_industry_codes() -> tuple[tuple[str, ...], bool]:
    """The patent-intensive 4-digit classes, and whether they are the table's own.

    ``pi_industries_2019`` as shipped names the 31 中类 of 知识产权（专利）密集型产业统计分类（2019）
    but none of its 188 小类 codes. The demo then takes the GB/T 4754-2017 classes under the groups
    (or divisions) that carry those 中类 names — a documented stand-in, to be replaced by the table's
    own codes once an office installs the official copy.
    """
    pi = load_table("pi_industries_2019")
    own = sorted({str(c).strip().zfill(4) for c in pi["industry_code"].to_pylist() if c and str(c).strip().isdigit()})
    own = [c for c in own if len(c) == 4]
    if own:
        return tuple(own), True
    return tuple(_derived_pi_classes(pi, load_table("gbt4754_2017"))), False


def choose_industries() -> tuple[tuple[str, ...], tuple[str, ...]]:
    pi_all, _ = pi_industry_codes()
    if not pi_all:
        raise RuntimeError("no patent-intensive industry classes: pi_industries_2019 lists none the demo can use")
    gbt = load_table("gbt4754_2017")
    classes = sorted({c for c in gbt["code"].to_pylist() if c and len(c) == 4 and c.isdigit()})
    pi_set = set(pi_all)
    pi = [c for c in PI_PREFERRED if c in pi_set] or list(pi_all[:: max(1, len(pi_all) // 24)])
    known = set(classes)
    other = [c for c in OTHER_PREFERRED if c in known and c not in pi_set]
    if len(other) < 12:
        # Classes of trade, construction, real estate and business services, spread evenly.
        extra = [c for c in classes if c[:2] in ("47", "51", "52", "70", "72", "61", "62") and c not in pi_set and c not in other]
        other += extra[:: max(1, len(extra) // (12 - len(other)))][: 12 - len(other)]
    if not other:
        raise RuntimeError("gbt4754_2017 has no classes outside the patent-intensive table")
    return tuple(pi), tuple(other)


def load() -> References:
    sei, non_sei = choose_symbols(sei_entries())
    pi, other = choose_industries()
    codes, official = pi_industry_codes()
    return References(sei, non_sei, pi, other, () if official else codes)
