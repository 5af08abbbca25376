"""Baseline (a): the eight 表一 indicators in plain pandas, as a zone analyst writes them today.

Read each Parquet file with ``pandas.read_parquet`` (the columns needed), then merge, filter and
group. Follows shared/spec/indicators.md with first-patentee counting, at 31 December of the year:

    uv run python bench/baselines/pandas_baseline.py FOLDER [--year 2023]

Prints one JSON object: {"values": {code: value}, "seconds": {step: s}}.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

T0 = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
import refs  # noqa: E402

T_IMPORT = time.perf_counter() - T0


def read(folder: Path, stem: str, columns: list[str]) -> pd.DataFrame:
    return pd.read_parquet(folder / f"{stem}.parquet", columns=columns)


def dates(df: pd.DataFrame, *cols: str) -> pd.DataFrame:
    for c in cols:
        df[c] = pd.to_datetime(df[c])
    return df


def high_value_count(folder: Path, year: int, threshold: float, sei_entries: list[dict], sei_terms: list[dict]) -> int:
    end = pd.Timestamp(year, 12, 31)

    # The zone's patents under first-patentee counting: the position-1 owner is in the zone — an
    # organisation by its entities row, a natural person (no uscc) by the owner row's own in_zone.
    owners = read(folder, "patent_owners", ["application_no", "position", "uscc", "in_zone"])
    first = owners[owners["position"] == 1]
    ents = read(folder, "entities", ["uscc", "in_zone"]).rename(columns={"in_zone": "entity_in_zone"})
    first = first.merge(ents, on="uscc", how="left")
    person = first["uscc"].isna()
    first_in_zone = np.where(person, first["in_zone"].fillna(False), first["entity_in_zone"].fillna(False)).astype(bool)
    zone_nos = set(first.loc[first_in_zone, "application_no"])

    # Inventions in force at year end.
    pat = read(folder, "patents", ["application_no", "kind", "title", "abstract", "filing_date", "grant_date", "lapse_date", "ipc", "overseas_family_grants"])
    pat = pat[(pat["kind"] == "发明") & pat["application_no"].isin(zone_nos)].copy()
    pat = dates(pat, "filing_date", "grant_date", "lapse_date")
    in_force = pat["grant_date"].notna() & (pat["grant_date"] <= end) & (pat["lapse_date"].isna() | (pat["lapse_date"] > end))
    inv = pat[in_force].copy()

    # 2 overseas family grants; 3 maintained more than 10 years (filing + 10 years strictly before year end).
    overseas = inv["overseas_family_grants"].fillna(0) >= 1
    maintained = (inv["filing_date"] + pd.DateOffset(years=10)) < end

    # 4 a pledge registered by year end for at least the threshold.
    pl = read(folder, "pledges", ["registered_on", "amount", "application_nos"])
    pl = dates(pl, "registered_on")
    pl = pl[(pl["registered_on"] <= end) & (pl["amount"] >= threshold)]
    pledged = set(pl["application_nos"].explode().dropna())
    pledge = inv["application_no"].isin(pledged)

    # 5 中国专利奖 / 国家科学技术奖, any year up to Y.
    aw = read(folder, "awards", ["award", "year", "application_no"])
    aw = aw[aw["award"].isin(refs.HV_AWARDS) & (aw["year"] <= year) & aw["application_no"].notna()]
    award = inv["application_no"].isin(set(aw["application_no"]))

    # 1 SEI: each IPC symbol looked up as its subclass, its main group and itself.
    ipc = inv[["application_no", "ipc"]].explode("ipc").dropna(subset=["ipc"])
    ipc["ipc"] = ipc["ipc"].astype(str)
    looked = pd.concat(
        [
            pd.DataFrame({"application_no": ipc["application_no"], "level": "subclass", "key": ipc["ipc"].str[:4]}),
            pd.DataFrame({"application_no": ipc["application_no"], "level": "main_group", "key": ipc["ipc"].str.extract(r"^([A-H]\d{2}[A-Z] \d+)/", expand=False) + "/00"}),
            pd.DataFrame({"application_no": ipc["application_no"], "level": "subgroup", "key": ipc["ipc"]}),
        ]
    ).dropna(subset=["key"])
    hits = looked.merge(pd.DataFrame(sei_entries), on=["level", "key"])
    plain = set(hits.loc[~hits["needs_keywords"], "application_no"])
    kw = hits[hits["needs_keywords"]].merge(pd.DataFrame(sei_terms, columns=["entry_id", "term"]), on="entry_id")
    kw = kw.merge(inv[["application_no", "title", "abstract"]], on="application_no")
    text = kw["title"] + " " + kw["abstract"].fillna("")
    kw_ok = [t in s for t, s in zip(kw["term"], text, strict=True)] if len(kw) else []
    sei = inv["application_no"].isin(plain | set(kw.loc[kw_ok, "application_no"]))

    return int((sei | overseas | maintained | pledge | award).sum())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--year", type=int, default=2023)
    args = ap.parse_args()
    folder, year = args.folder, args.year
    end = pd.Timestamp(year, 12, 31)
    t = time.perf_counter()
    config, sei_entries, sei_terms, pi_codes = refs.load(folder)
    t_refs = time.perf_counter() - t

    t = time.perf_counter()
    zy = read(folder, "zone_year", ["year", "population", "gdp", "rd_expenditure", "budget_expenditure", "ip_budget"])
    zy = zy[zy["year"] == year].iloc[0]
    ents = read(folder, "entities", ["uscc", "industry_code", "in_zone"])
    zone = ents[ents["in_zone"].fillna(False).astype(bool)]

    values: dict[str, float | None] = {}
    hv = high_value_count(folder, year, config.hv_pledge_threshold, sei_entries, sei_terms)
    values["hv_invention_per_10k"] = hv * 10_000 / float(zy["population"])

    ey = read(folder, "entity_year", ["uscc", "year", "value_added"])
    ey = ey[ey["year"] == year].merge(zone, on="uscc")
    values["patent_intensive_va"] = float(ey.loc[ey["industry_code"].isin(pi_codes), "value_added"].sum()) * 1e-4

    pl = dates(read(folder, "pledges", ["registered_on", "pledgor_uscc", "amount"]), "registered_on")
    pl = pl[pl["registered_on"].dt.year == year]
    values["ip_pledge_amount"] = float(pl.loc[pl["pledgor_uscc"].isin(zone["uscc"]), "amount"].sum()) * 1e-4

    sv = read(folder, "surveys", ["year", "score"])
    scores = sv.loc[sv["year"] == year, "score"].dropna()
    values["protection_satisfaction"] = float(scores.mean()) if len(scores) else None

    values["rd_gdp_ratio"] = float(zy["rd_expenditure"]) / float(zy["gdp"]) * 100

    q = dates(read(folder, "qualifications", ["uscc", "kind", "valid_from", "valid_to"]), "valid_from", "valid_to")
    q = q[(q["kind"] == "高新技术企业") & (q["valid_from"] <= end) & (q["valid_to"].isna() | (q["valid_to"] >= end))]
    values["hitech_enterprises"] = float(q.loc[q["uscc"].isin(zone["uscc"]), "uscc"].nunique())

    values["ip_budget_share"] = float(zy["ip_budget"]) / float(zy["budget_expenditure"]) * 100

    ag = dates(read(folder, "agencies", ["joined_on", "left_on"]), "joined_on", "left_on")
    values["ip_service_agencies"] = float(((ag["joined_on"] <= end) & (ag["left_on"].isna() | (ag["left_on"] > end))).sum())
    t_compute = time.perf_counter() - t

    print(json.dumps({"values": values, "seconds": {"import": T_IMPORT, "references": t_refs, "compute": t_compute}}))


if __name__ == "__main__":
    main()
