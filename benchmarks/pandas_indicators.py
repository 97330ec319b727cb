"""(e) The readiness indicators written in idiomatic, vectorised pandas.

The same definitions as the library (latest snapshot per record, finest detail with the
regency summary as fallback, coverage, roll-up of numerators and denominators, norms and
status from the registry), written the way a careful analyst would in pandas: groupby, merge,
boolean masks, no Python loops over rows. Only the registry (names, norms, thresholds) and the
region reference are read from the library; no formula is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from readiness.contract import TABLES, load_election
from readiness.indicators._registry import load_registry
from readiness.regions import region_table

__all__ = ["compute_all_levels", "read_tables"]

LENGTH = {1: 2, 2: 5, 3: 8, 4: 13}
LEVEL_DEPTH = {"provinsi": 1, "kabupaten": 2, "kecamatan": 3}
STAGE_RANK = {"kpu": 0, "ppk": 1, "pps": 2, "tps": 3}
OPEN_CASES = ["reported", "examined", "recommended"]
POLICE_GRADES = ["highly_vulnerable", "vulnerable", "less_vulnerable", "special"]
QUANTITY = ["as_of", "value", "cov"]


def read_tables(root: Path) -> dict[str, pd.DataFrame]:
    """Every table from every province folder, one frame per table."""
    tables = {}
    for name in TABLES:
        files = sorted(root.glob(f"province=*/{name}.parquet"))
        frame = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
        for column in TABLES[name].columns:  # type: ignore[index]
            if column.kind == "date":
                frame[column.name] = frame[column.name].astype("datetime64[ms]")
        tables[name] = frame
    return tables


def _depth(codes: pd.Series) -> pd.Series:
    return (codes.str.len() + 1) // 3


def _reference_units(depth: int, provinces: list[str]) -> pd.DataFrame:
    table = region_table().to_pandas()
    table["depth"] = _depth(table["code"])
    units = table[(table["depth"] == depth) & table["code"].str[:2].isin(provinces)][
        ["code", "name"]
    ].set_index("code")
    for below, column in ((3, "n_kecamatan"), (4, "n_villages")):
        counted = table[table["depth"] == below]["code"].str[: LENGTH[depth]].value_counts()
        units[column] = counted.reindex(units.index).fillna(0).astype("int64")
    if depth == 3:
        units["n_kecamatan"] = 1
    return units


class Context:
    """Latest snapshot of every record, rows at the unit depth or finer, keyed by ``_unit``."""

    def __init__(self, tables: dict[str, pd.DataFrame], depth: int, provinces: list[str],
                 norms: dict[str, float], voting_day: dt.date) -> None:  # fmt: skip
        self.depth = depth
        self.norms = norms
        self.voting_day = pd.Timestamp(voting_day)
        self.units = _reference_units(depth, provinces)
        self.tables: dict[str, pd.DataFrame] = {}
        for name, frame in tables.items():
            key = [k for k in TABLES[name].key if k != "as_of"]  # type: ignore[index]
            newest = frame.groupby(key, dropna=False, sort=False)["as_of"].transform("max")
            latest = frame[frame["as_of"] == newest]
            code_depth = _depth(latest["region_code"])
            kept = latest[code_depth >= depth].copy()
            kept["_depth"] = code_depth[code_depth >= depth]
            kept["_unit"] = kept["region_code"].str[: LENGTH[depth]]
            self.tables[name] = kept

    def deadline(self, norm_id: str) -> pd.Timestamp:
        return self.voting_day - pd.Timedelta(days=self.norms[norm_id])


# --- quantities -------------------------------------------------------------------------------


def _detail_sum(frame: pd.DataFrame, column: str, mask: pd.Series | None = None) -> pd.DataFrame:
    if mask is not None:
        frame = frame[mask]
    grouped = frame.assign(_reported=frame[column].notna()).groupby("_unit")
    return pd.DataFrame(
        {
            "as_of": grouped["as_of"].max(),
            "value": grouped[column].sum(min_count=1).astype("float64"),
            "cov": grouped["_reported"].mean().astype("float64"),
        }
    )


def _summary(ctx: Context, column: str) -> pd.DataFrame:
    summary = ctx.tables["summary"]
    summary = summary[summary["_depth"] == 2]
    grouped = summary.assign(_reported=summary[column].notna()).groupby("_unit")
    return pd.DataFrame(
        {
            "as_of": grouped["as_of"].max(),
            "value": grouped[column].last().astype("float64"),
            "cov": grouped["_reported"].any().astype("float64"),
        }
    )


def _prefer(detail: pd.DataFrame, fallback: pd.DataFrame) -> pd.DataFrame:
    joined = detail.join(fallback, how="outer", rsuffix="_fb")
    use = joined["value"].notna()
    return pd.DataFrame(
        {
            "as_of": joined["as_of"].where(use, joined["as_of_fb"].fillna(joined["as_of"])),
            "value": joined["value"].where(use, joined["value_fb"]),
            "cov": joined["cov"].where(
                use, np.maximum(joined["cov_fb"].fillna(0), joined["cov"].fillna(0))
            ),
        }
    )


def _tps(ctx: Context) -> pd.DataFrame:
    return _prefer(_detail_sum(ctx.tables["polling_stations"], "tps"), _summary(ctx, "tps"))


def _tps_khusus(ctx: Context) -> pd.DataFrame:
    detail = _detail_sum(ctx.tables["polling_stations"], "tps_khusus")
    return _prefer(detail, _summary(ctx, "tps_khusus"))


def _voters(ctx: Context) -> pd.DataFrame:
    return _prefer(_detail_sum(ctx.tables["polling_stations"], "voters"), _summary(ctx, "voters"))


def _security_detail(ctx: Context) -> pd.DataFrame:
    personnel = ctx.tables["personnel"]
    return _detail_sum(personnel, "count", personnel["role"] == "security")


def _security_personnel(ctx: Context) -> pd.DataFrame:
    return _prefer(_security_detail(ctx), _summary(ctx, "security_personnel"))


def _personnel(ctx: Context, role: str, agency: str | None = None) -> pd.DataFrame:
    personnel = ctx.tables["personnel"]
    mask = personnel["role"] == role
    if agency is not None:
        mask &= personnel["agency"] == agency
    return _detail_sum(personnel, "count", mask)


def _reference_villages(ctx: Context) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "as_of": pd.Series(pd.NaT, index=ctx.units.index, dtype="datetime64[ms]"),
            "value": ctx.units["n_villages"].astype("float64"),
            "cov": 1.0,
        }
    )


def _village_count(ctx: Context) -> pd.DataFrame:
    return _prefer(_summary(ctx, "village_count"), _reference_villages(ctx))


def _ratio(numerator: pd.DataFrame, denominator: pd.DataFrame) -> pd.DataFrame:
    joined = numerator.join(denominator, how="outer", rsuffix="_den")
    return pd.DataFrame(
        {
            "as_of": joined[["as_of", "as_of_den"]].max(axis=1),
            "num": joined["value"],
            "den": joined["value_den"],
            "coverage": (joined["cov"].fillna(0) + joined["cov_den"].fillna(0)) / 2,
        }
    )


def _gap(reported: pd.DataFrame, parts: pd.DataFrame) -> pd.DataFrame:
    frame = _ratio(reported, parts)
    return frame.assign(num=(frame["num"] - frame["den"]).abs(), den=frame["num"])


def _count_rows(frame: pd.DataFrame, numerator: pd.Series, with_den: bool) -> pd.DataFrame:
    grouped = frame.assign(_num=numerator.astype("float64"), _den=1.0).groupby("_unit")
    return pd.DataFrame(
        {
            "as_of": grouped["as_of"].max(),
            "num": grouped["_num"].sum(),
            "den": grouped["_den"].sum() if with_den else np.nan,
            "coverage": 1.0,
        }
    )


# --- logistics --------------------------------------------------------------------------------


def _positions(ctx: Context) -> pd.DataFrame:
    logistics = ctx.tables["logistics"]
    logistics = logistics.assign(rank=logistics["stage"].map(STAGE_RANK))
    detail = logistics[logistics["_depth"] >= 3]
    positions = (
        detail.assign(_kecamatan=detail["region_code"].str[:8])
        .groupby(["_unit", "_kecamatan"])
        .agg(as_of=("as_of", "max"), rank=("rank", "min"), scheduled=("scheduled_date", "max"))
        .reset_index()
        .drop(columns="_kecamatan")
        .assign(weight=1)
    )
    if ctx.depth == 2:
        regency = logistics[logistics["_depth"] == 2]
        regency = regency[~regency["_unit"].isin(positions["_unit"])]
        if len(regency):
            regency = (
                regency.groupby("_unit")
                .agg(
                    as_of=("as_of", "max"),
                    rank=("rank", "min"),
                    scheduled=("scheduled_date", "max"),
                )
                .join(ctx.units["n_kecamatan"].rename("weight"), how="inner")
                .reset_index()
            )
            positions = pd.concat([positions, regency], ignore_index=True)
    return positions.merge(ctx.units[["n_kecamatan"]], left_on="_unit", right_index=True)


def _share(positions: pd.DataFrame, reached: pd.Series) -> pd.DataFrame:
    frame = positions.assign(_hit=positions["weight"] * reached.astype("int64"))
    grouped = frame.groupby("_unit")
    weight = grouped["weight"].sum()
    return pd.DataFrame(
        {
            "as_of": grouped["as_of"].max(),
            "num": grouped["_hit"].sum().astype("float64"),
            "den": weight.astype("float64"),
            "coverage": np.minimum(1.0, weight / grouped["n_kecamatan"].first()),
        }
    )


def _stage_share(stage: str) -> Callable[[Context], pd.DataFrame]:
    def compute(ctx: Context) -> pd.DataFrame:
        positions = _positions(ctx)
        return _share(positions, positions["rank"] >= STAGE_RANK[stage])

    return compute


def _deadlines(ctx: Context) -> tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp]:
    return (
        ctx.deadline("logistics_at_ppk_days_before"),
        ctx.deadline("logistics_at_pps_days_before"),
        ctx.deadline("logistics_at_tps_days_before"),
    )


def _on_track(ctx: Context) -> pd.DataFrame:
    positions = _positions(ctx)
    ppk, pps, tps = _deadlines(ctx)
    as_of = positions["as_of"]
    expected = (as_of > ppk).astype(int) + (as_of > pps).astype(int) + (as_of > tps).astype(int)
    return _share(positions, positions["rank"] >= expected)


def _days_behind(ctx: Context) -> pd.DataFrame:
    positions = _positions(ctx)
    ppk, pps, tps = _deadlines(ctx)
    rank = positions["rank"]
    next_deadline = pd.Series(
        np.select([rank == 0, rank == 1, rank == 2], [ppk, pps, tps], default=pd.NaT),
        index=positions.index,
    ).astype("datetime64[ms]")
    late_now = (positions["as_of"] - next_deadline).dt.days
    late_planned = (positions["scheduled"] - next_deadline).dt.days
    behind = pd.concat([late_now, late_planned], axis=1).max(axis=1).clip(lower=0).fillna(0)
    behind = behind.where(rank.notna())
    grouped = positions.assign(_behind=behind).groupby("_unit")
    return pd.DataFrame(
        {
            "as_of": grouped["as_of"].max(),
            "num": grouped["_behind"].max().astype("float64"),
            "den": np.nan,
            "coverage": np.minimum(1.0, grouped["weight"].sum() / grouped["n_kecamatan"].first()),
        }
    )


def _delivered_share(ctx: Context) -> pd.DataFrame:
    logistics = ctx.tables["logistics"]
    both = logistics["quantity_required"].notna() & logistics["quantity_delivered"].notna()
    frame = logistics.assign(
        _both=both,
        _delivered=logistics["quantity_delivered"].where(both),
        _required=logistics["quantity_required"].where(both),
    )
    grouped = frame.groupby("_unit")
    return pd.DataFrame(
        {
            "as_of": grouped["as_of"].max(),
            "num": grouped["_delivered"].sum(min_count=1).astype("float64"),
            "den": grouped["_required"].sum(min_count=1).astype("float64"),
            "coverage": grouped["_both"].mean().astype("float64"),
        }
    )


def _ballot_reserve(ctx: Context) -> pd.DataFrame:
    logistics = ctx.tables["logistics"]
    ballots = _detail_sum(logistics, "quantity_delivered", logistics["item"] == "ballot")
    frame = _ratio(ballots, _voters(ctx))
    return frame.assign(num=frame["num"] - frame["den"])


# --- TPS, personnel, neutrality, reconciliation, coverage ----------------------------------------


def _voters_per_tps_max(ctx: Context) -> pd.DataFrame:
    stations = ctx.tables["polling_stations"]
    usable = stations["voters"].notna() & (stations["tps"] > 0).fillna(False)
    frame = stations.assign(_per=(stations["voters"] / stations["tps"]).where(usable), _ok=usable)
    grouped = frame.groupby("_unit")
    return pd.DataFrame(
        {
            "as_of": grouped["as_of"].max(),
            "num": grouped["_per"].max().astype("float64"),
            "den": np.nan,
            "coverage": grouped["_ok"].mean().astype("float64"),
        }
    )


def _police_required(ctx: Context) -> pd.DataFrame:
    ratio = {grade: ctx.norms[f"police_per_tps_{grade}"] for grade in POLICE_GRADES}
    vuln = ctx.tables["vulnerabilities"]
    vuln = vuln[(vuln["instrument"] == "polri_grade") & vuln["category"].isin(POLICE_GRADES)]
    required = vuln["tps_count"] * vuln["category"].map(ratio).astype("float64")
    grouped = vuln.assign(_required=required, _known=required.notna()).groupby("_unit")
    return pd.DataFrame(
        {
            "as_of": grouped["as_of"].max(),
            "value": grouped["_required"].sum(min_count=1),
            "cov": grouped["_known"].mean().astype("float64"),
        }
    )


def _presence(frame: pd.DataFrame) -> pd.DataFrame:
    grouped = frame.groupby("_unit")
    return pd.DataFrame({"as_of": grouped["as_of"].max(), "value": 1.0, "cov": 1.0})


def _data_coverage(ctx: Context) -> pd.DataFrame:
    inputs = [
        _tps(ctx),
        _voters(ctx),
        _tps_khusus(ctx),
        _security_personnel(ctx),
        _summary(ctx, "village_count"),
        _presence(ctx.tables["logistics"]),
        _presence(ctx.tables["vulnerabilities"]),
    ]
    flags = pd.concat(
        [q["value"].notna().reindex(ctx.units.index, fill_value=False) for q in inputs], axis=1
    )
    dates = pd.concat([q["as_of"].reindex(ctx.units.index) for q in inputs], axis=1)
    return pd.DataFrame(
        {
            "as_of": dates.max(axis=1),
            "num": flags.sum(axis=1).astype("float64"),
            "den": float(len(inputs)),
            "coverage": 1.0,
        }
    )


def _per_tps(role: str, agency: str | None = None) -> Callable[[Context], pd.DataFrame]:
    return lambda ctx: _ratio(_personnel(ctx, role, agency), _tps(ctx))


def _cases(ctx: Context, numerator: Callable[[pd.DataFrame], pd.Series], den: bool) -> pd.DataFrame:
    cases = ctx.tables["neutrality_cases"]
    return _count_rows(cases, numerator(cases), den)


FORMULAS: dict[str, tuple[str, Callable[[Context], pd.DataFrame]]] = {
    "tps_per_village": ("ratio", lambda c: _ratio(_tps(c), _village_count(c))),
    "voters_per_tps": ("ratio", lambda c: _ratio(_voters(c), _tps(c))),
    "voters_per_tps_max": ("max", _voters_per_tps_max),
    "tps_khusus_share": ("ratio", lambda c: _ratio(_tps_khusus(c), _tps(c))),
    "security_personnel_per_tps": ("ratio", lambda c: _ratio(_security_personnel(c), _tps(c))),
    "police_per_tps": ("ratio", _per_tps("security", "polri")),
    "tni_per_tps": ("ratio", _per_tps("security", "tni")),
    "linmas_per_tps": ("ratio", _per_tps("security", "linmas")),
    "kpps_per_tps": ("ratio", _per_tps("kpps")),
    "police_vs_grade_requirement": (
        "ratio",
        lambda c: _ratio(_personnel(c, "security", "polri"), _police_required(c)),
    ),
    "logistics_completion_kecamatan": ("ratio", _stage_share("ppk")),
    "logistics_at_pps_kecamatan": ("ratio", _stage_share("pps")),
    "logistics_at_tps_kecamatan": ("ratio", _stage_share("tps")),
    "logistics_on_track_kecamatan": ("ratio", _on_track),
    "logistics_days_behind_max": ("max", _days_behind),
    "logistics_delivered_share": ("ratio", _delivered_share),
    "ballot_reserve_share": ("ratio", _ballot_reserve),
    "neutrality_cases": ("sum", lambda c: _cases(c, lambda f: pd.Series(1, index=f.index), False)),
    "neutrality_cases_open": (
        "sum",
        lambda c: _cases(c, lambda f: f["status"].isin(OPEN_CASES), False),
    ),
    "neutrality_followup_rate": (
        "ratio",
        lambda c: _cases(c, lambda f: f["status"] != "reported", True),
    ),
    "tps_reconciliation_gap": (
        "ratio",
        lambda c: _gap(_summary(c, "tps"), _detail_sum(c.tables["polling_stations"], "tps")),
    ),
    "security_personnel_reconciliation_gap": (
        "ratio",
        lambda c: _gap(_summary(c, "security_personnel"), _security_detail(c)),
    ),
    "village_count_reconciliation_gap": (
        "ratio",
        lambda c: _gap(_summary(c, "village_count"), _reference_villages(c)),
    ),
    "data_coverage": ("ratio", _data_coverage),
}


# --- evaluation, roll-up, norms and status ----------------------------------------------------


def _status(value: pd.Series, spec: object, norm: float | None) -> pd.Series:
    thresholds = getattr(spec, "thresholds", None)
    bounds = thresholds.resolve(norm) if thresholds is not None else None
    direction = getattr(spec, "direction", "higher")
    if bounds is None or (direction == "target" and norm is None):
        return pd.Series(None, index=value.index, dtype="object")
    ready, critical = bounds
    if direction == "higher":
        is_ready, is_critical = value >= ready, value < critical
    elif direction == "lower":
        is_ready, is_critical = value <= ready, value > critical
    else:
        distance = (value - norm).abs()
        is_ready, is_critical = distance <= ready, distance > critical
    status = np.select([is_ready, is_critical], ["ready", "critical"], default="attention")
    return pd.Series(status, index=value.index, dtype="object").where(value.notna())


def _evaluate(spec: object, ctx: Context, target_depth: int, election: object) -> pd.DataFrame:
    indicator_id = getattr(spec, "id")  # noqa: B009
    aggregation, formula = FORMULAS[indicator_id]
    raw = formula(ctx)
    frame = raw.reindex(ctx.units.index)
    frame["coverage"] = frame["coverage"].fillna(0.0).clip(0.0, 1.0)
    num, den = frame["num"], frame["den"]
    if target_depth < ctx.depth:
        frame["region_code"] = frame.index.str[: LENGTH[target_depth]]
        if aggregation == "ratio":
            complete = num.notna() & den.notna() & (den != 0)
            grouped = frame.assign(
                num=num.where(complete), den=den.where(complete), complete=complete
            ).groupby("region_code")
            out = pd.DataFrame(
                {
                    "as_of": grouped["as_of"].max(),
                    "num": grouped["num"].sum(),
                    "den": grouped["den"].sum(),
                    "coverage": grouped["coverage"].mean(),
                }
            )
            value = (out["num"] / out["den"]).where(grouped["complete"].sum() > 0)
        elif aggregation == "sum":
            grouped = frame.groupby("region_code")
            out = pd.DataFrame(
                {"as_of": grouped["as_of"].max(), "coverage": grouped["coverage"].mean()}
            )
            value = grouped["num"].sum(min_count=1)
        else:
            grouped = frame.groupby("region_code")
            out = pd.DataFrame(
                {"as_of": grouped["as_of"].max(), "coverage": grouped["coverage"].mean()}
            )
            value = grouped["num"].max()
    else:
        out = frame
        if aggregation == "ratio":
            value = (num / den).where(num.notna() & den.notna() & (den != 0))
        else:
            value = num
    out = out[["as_of", "coverage"]].assign(value=value.astype("float64"))
    norm_id = getattr(spec, "norm", None)
    norm = getattr(election, "norms", {}).get(norm_id) if norm_id else None
    if norm is not None:
        as_of = out["as_of"]
        valid = as_of.isna() | (
            (as_of >= pd.Timestamp(norm.valid_from) if norm.valid_from else True)
            & (as_of <= pd.Timestamp(norm.valid_to) if norm.valid_to else True)
        )
        out["norm"] = np.where(valid, norm.value, np.nan)
    else:
        out["norm"] = np.nan
    status = _status(out["value"], spec, norm.value if norm is not None else None)
    thresholds = getattr(spec, "thresholds", None)
    if thresholds is not None and thresholds.uses_norm:
        status = status.where(out["norm"].notna())
    out["status"] = status
    out["indicator"] = indicator_id
    out["unit"] = getattr(spec, "unit", "")
    return out.rename_axis("region_code").reset_index()


def compute_all_levels(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every registry indicator at kecamatan, kabupaten and province level."""
    election = load_election("pilkada-2024")
    norms = {norm_id: norm.value for norm_id, norm in election.norms.items()}
    registry = load_registry()
    provinces = sorted(
        set().union(*(set(t["region_code"].dropna().str[:2].unique()) for t in tables.values()))
    )
    contexts: dict[int, Context] = {}
    results = {}
    for level, target_depth in (("kecamatan", 3), ("kabupaten", 2), ("provinsi", 1)):
        unit_depth = max(2, target_depth)
        if unit_depth not in contexts:
            contexts[unit_depth] = Context(tables, unit_depth, provinces, norms,
                                           election.voting_day)  # fmt: skip
        ctx = contexts[unit_depth]
        blocks = [_evaluate(spec, ctx, target_depth, election) for spec in registry.at_level(level)]
        names = _reference_units(target_depth, provinces)["name"].rename("region_name")
        result = pd.concat(blocks, ignore_index=True).merge(
            names, left_on="region_code", right_index=True, how="left"
        )
        results[level] = result[
            [
                "region_code",
                "region_name",
                "indicator",
                "value",
                "unit",
                "coverage",
                "norm",
                "status",
                "as_of",
            ]
        ]
    return results
