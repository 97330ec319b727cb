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
from readiness.indicators import Level
from readiness.indicators._registry import load_registry
from readiness.regions import region_table

__all__ = ["compute_all_levels", "read_built", "read_tables"]

LENGTH = {1: 2, 2: 5, 3: 8, 4: 13}
LEVEL_DEPTH = {"provinsi": 1, "kabupaten": 2, "kecamatan": 3}
LEVEL_ORDER: tuple[tuple[Level, int], ...] = (("kecamatan", 3), ("kabupaten", 2), ("provinsi", 1))
STAGE_RANK = {"kpu": 0, "ppk": 1, "pps": 2, "tps": 3}
OPEN_CASES = ["reported", "examined", "recommended", "decided"]
FOLLOWED_UP = ["sanctioned", "closed", "dismissed"]
STAGE_DATE = {
    "reported": "date_reported",
    "examined": "date_examined",
    "recommended": "date_recommended",
    "decided": "date_decided",
}
POLICE_GRADES = ["highly_vulnerable", "vulnerable", "less_vulnerable", "special"]
COMPLETE = 1 - 1e-9


def read_tables(root: Path) -> dict[str, pd.DataFrame]:
    """Every table from every province folder, one frame per table."""
    tables: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        files = sorted(root.glob(f"province=*/{name}.parquet"))
        frame = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
        for column in TABLES[name].columns:
            if column.kind == "date":
                frame[column.name] = frame[column.name].astype("datetime64[ms]")
        tables[name] = frame
    return tables


def read_built(root: Path) -> dict[str, pd.DataFrame]:
    """Every table from a folder ``readiness build`` wrote (``<table>.parquet``)."""
    tables: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        frame = pd.read_parquet(root / f"{name}.parquet")
        frame = frame.drop(columns=[c for c in ("_file", "_sheet", "_row") if c in frame])
        for column in TABLES[name].columns:
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
    """Latest snapshot of every record, rows at the unit depth or finer, keyed by ``_unit``,
    with ``_kecamatan``, ``_village`` and ``_grain`` (0 the unit as a whole, 1 a kecamatan,
    2 a village, 3 one TPS)."""

    def __init__(self, tables: dict[str, pd.DataFrame], depth: int, provinces: list[str],
                 norms: dict[str, float], voting_day: dt.date) -> None:  # fmt: skip
        self.depth = depth
        self.norms = norms
        self.voting_day = pd.Timestamp(voting_day)
        self.units = _reference_units(depth, provinces)
        self.kecamatan = _reference_units(3, provinces)["n_villages"]
        self.cache: dict[str, pd.DataFrame] = {}
        self.tables: dict[str, pd.DataFrame] = {}
        newest: list[pd.Timestamp] = []
        for name, frame in tables.items():
            dates = frame["as_of"]
            if len(frame) == 0 or (dates.notna().all() and dates.min() == dates.max()):
                latest = frame  # one snapshot: every record is its own latest
            else:
                # a logistics snapshot may hold several planned stages of one record: the
                # stage is part of the row's key, not of the record's
                key = [k for k in TABLES[name].key if k not in ("as_of", "stage")]  # type: ignore[index]
                records = frame
                if "case_id" in key:  # a case without a number is its own record
                    records = frame.assign(_record=frame.index.where(frame["case_id"].isna()))
                    key.append("_record")
                record_newest = records.groupby(key, dropna=False, sort=False)["as_of"].transform(
                    "max"
                )
                latest = frame[frame["as_of"] == record_newest]
            if latest["as_of"].notna().any():
                newest.append(latest["as_of"].max())
            code_depth = _depth(latest["region_code"])
            kept = latest[code_depth >= depth].copy()
            kept["_depth"] = code_depth[code_depth >= depth]
            codes = kept["region_code"]
            kept["_unit"] = codes.str[: LENGTH[depth]]
            kept["_kecamatan"] = codes.str[:8]
            kept["_village"] = codes.str[:13].where(kept["_depth"] >= 4)
            per_station = kept["tps_number"].notna() if "tps_number" in kept else False
            kept["_grain"] = np.select(
                [kept["_depth"] == depth, kept["_depth"] == 3, per_station], [0, 1, 3], default=2
            )
            self.tables[name] = kept
        # the date open cases are aged to: the newest as-of date of any record
        self.reference_date = max(newest) if newest else pd.NaT

    def memo(self, key: str, build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """A quantity shared by several indicators, computed once."""
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]

    def deadline(self, norm_id: str) -> pd.Timestamp:
        return self.voting_day - pd.Timedelta(days=self.norms[norm_id])


# --- quantities -------------------------------------------------------------------------------


def _detail(ctx: Context, table: str, columns: tuple[str, ...], where: str = "",
            derived: Callable[[pd.DataFrame], pd.DataFrame] | None = None) -> pd.DataFrame:  # fmt: skip
    """Sums of ``columns`` per unit over the coarsest rows reporting all of them, with the
    share of the unit's villages those rows cover (``share``, ``complete``)."""
    return ctx.memo(f"detail:{table}:{columns}:{where}",
                    lambda: _detail_plan(ctx, table, columns, where, derived))  # fmt: skip


def _detail_plan(ctx: Context, table: str, columns: tuple[str, ...], where: str,
                 derived: Callable[[pd.DataFrame], pd.DataFrame] | None) -> pd.DataFrame:  # fmt: skip
    rows = ctx.tables[table]
    if where:
        rows = rows.query(where)
    if derived is not None:
        rows = derived(rows)
    rows = rows.dropna(subset=list(columns))
    grain = rows["_grain"]
    unit_min = grain.groupby(rows["_unit"]).transform("min")
    kecamatan_min = grain.groupby(rows["_kecamatan"]).transform("min")
    village_min = grain.groupby(rows["_village"]).transform("min")
    coarsest = np.where(
        unit_min == 0, grain == 0, np.where(kecamatan_min == 1, grain == 1, grain == village_min)
    )
    kept = rows[coarsest]
    whole_rows = (
        kept[kept["_grain"] == 0]
        .groupby("_unit")
        .agg(as_of=("as_of", "max"), **{c: (c, "sum") for c in columns})
    )
    whole_rows["whole"] = True
    parts = kept[kept["_grain"] > 0]
    parts = parts.assign(_is_kecamatan=parts["_grain"] == 1)
    per_kecamatan = parts.groupby(["_unit", "_kecamatan"]).agg(
        as_of=("as_of", "max"),
        **{c: (c, "sum") for c in columns},
        is_kecamatan=("_is_kecamatan", "any"),
        villages=("_village", "nunique"),
    )
    n_villages = (
        ctx.kecamatan.reindex(per_kecamatan.index.get_level_values("_kecamatan"))
        .fillna(0)
        .to_numpy()
    )
    per_kecamatan["covered"] = np.where(
        per_kecamatan["is_kecamatan"],
        n_villages,
        np.minimum(per_kecamatan["villages"].to_numpy(), n_villages),
    )
    by_unit = per_kecamatan.groupby(level="_unit").agg(
        as_of=("as_of", "max"), **{c: (c, "sum") for c in columns}, covered=("covered", "sum")
    )
    by_unit["whole"] = False
    frame = pd.concat([whole_rows, by_unit]).join(ctx.units[["n_villages"]], how="inner")
    share = np.where(
        frame["whole"],
        1.0,
        np.where(
            frame["n_villages"] > 0,
            np.minimum(1.0, frame["covered"] / frame["n_villages"].replace(0, np.nan)),
            0.0,
        ),
    )
    out = frame[["as_of", *columns]].astype({c: "float64" for c in columns})
    out["villages"] = np.where(frame["whole"], frame["n_villages"], frame["covered"]).astype(float)
    out["share"] = share
    out["complete"] = out["share"] >= COMPLETE
    return out


def _summary(ctx: Context, column: str) -> pd.DataFrame:
    def build() -> pd.DataFrame:
        summary = ctx.tables["summary"]
        grouped = summary[summary["_depth"] == 2].groupby("_unit")
        value = grouped[column].last().astype("float64")
        return pd.DataFrame(
            {"as_of": grouped["as_of"].max(), "value": value, "cov": value.notna().astype(float)}
        )

    return ctx.memo(f"summary:{column}", build)


def _whole(parts: pd.DataFrame, column: str, fallback: pd.DataFrame | None = None) -> pd.DataFrame:
    value = parts[column].where(parts["complete"])
    if fallback is None:
        return pd.DataFrame(
            {
                "as_of": parts["as_of"],
                "value": value,
                "cov": np.where(value.notna(), 1.0, parts["share"]),
            }
        )
    joined = pd.DataFrame({"as_of": parts["as_of"], "value": value, "share": parts["share"]}).join(
        fallback.rename(columns={"as_of": "as_of_fb", "value": "value_fb", "cov": "cov_fb"}),
        how="outer",
    )
    use = joined["value"].notna()
    chosen = joined["value"].where(use, joined["value_fb"])
    as_of = joined["as_of"].where(
        use,
        joined["as_of_fb"].where(
            joined["value_fb"].notna(), joined[["as_of", "as_of_fb"]].max(axis=1)
        ),
    )
    cov = np.where(
        chosen.notna(), 1.0, np.maximum(joined["share"].fillna(0.0), joined["cov_fb"].fillna(0.0))
    )
    return pd.DataFrame({"as_of": as_of, "value": chosen, "cov": cov})


def _station_detail(ctx: Context, *columns: str) -> pd.DataFrame:
    return _detail(ctx, "polling_stations", columns)


def _tps(ctx: Context) -> pd.DataFrame:
    return ctx.memo("tps", lambda: _whole(_station_detail(ctx, "tps"), "tps", _summary(ctx, "tps")))


def _tps_khusus(ctx: Context) -> pd.DataFrame:
    return ctx.memo(
        "tps_khusus",
        lambda: _whole(
            _station_detail(ctx, "tps_khusus"), "tps_khusus", _summary(ctx, "tps_khusus")
        ),
    )


def _voters(ctx: Context) -> pd.DataFrame:
    return ctx.memo(
        "voters", lambda: _whole(_station_detail(ctx, "voters"), "voters", _summary(ctx, "voters"))
    )


def _security_detail(ctx: Context) -> pd.DataFrame:
    return _detail(ctx, "personnel", ("count",), "role == 'security'")


def _security_personnel(ctx: Context) -> pd.DataFrame:
    return ctx.memo(
        "security",
        lambda: _whole(_security_detail(ctx), "count", _summary(ctx, "security_personnel")),
    )


def _personnel(ctx: Context, role: str, agency: str | None = None) -> pd.DataFrame:
    where = f"role == '{role}'" + (f" and agency == '{agency}'" if agency else "")
    return _whole(_detail(ctx, "personnel", ("count",), where), "count")


def _reference_villages(ctx: Context) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "as_of": pd.Series(pd.NaT, index=ctx.units.index, dtype="datetime64[ms]"),
            "value": ctx.units["n_villages"].astype("float64"),
            "cov": 0.0,
        }
    )


def _village_count(ctx: Context) -> pd.DataFrame:
    reported = _summary(ctx, "village_count").reindex(ctx.units.index)
    reference = _reference_villages(ctx)
    return pd.DataFrame(
        {
            "as_of": reported["as_of"],
            "value": reported["value"].fillna(reference["value"]),
            "cov": reported["cov"].fillna(0.0),
        }
    )


def _ratio(numerator: pd.DataFrame, denominator: pd.DataFrame,
           joint: pd.DataFrame | None = None) -> pd.DataFrame:  # fmt: skip
    joined = numerator.join(denominator, how="outer", rsuffix="_den")
    both = joined["value"].notna() & joined["value_den"].notna()
    num, den = joined["value"].where(both), joined["value_den"].where(both)
    dates = [joined["as_of"], joined["as_of_den"]]
    if joint is not None:
        joined = joined.join(
            joint.rename(columns={"as_of": "as_of_joint", "num": "num_joint", "den": "den_joint"}),
            how="outer",
        )
        both = both.reindex(joined.index, fill_value=False)
        num, den = num.reindex(joined.index), den.reindex(joined.index)
        use_joint = ~both & joined["num_joint"].notna()
        num = num.mask(use_joint, joined["num_joint"])
        den = den.mask(use_joint, joined["den_joint"])
        dates = [joined["as_of"], joined["as_of_den"], joined["as_of_joint"]]
    return pd.DataFrame(
        {
            "as_of": pd.concat(dates, axis=1).max(axis=1),
            "num": num,
            "den": den,
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
    """Per kecamatan: the lowest stage reached and the planned date (computed once)."""
    if "positions" not in ctx.cache:
        ctx.cache["positions"] = _compute_positions(ctx)
    return ctx.cache["positions"]


def _compute_positions(ctx: Context) -> pd.DataFrame:
    """Only actual rows give a position (``rank``, ``as_of``, ``scheduled``): a plan is never
    an arrival. ``plans`` counts plan rows, ``plan_late`` is the most days a planned arrival
    falls after its stage's deadline (0 when every plan meets it)."""
    logistics = ctx.tables["logistics"]
    # a categorical rank: the stage's position in the ordered categories, NaN when unknown
    # (a ``map`` over millions of Arrow strings goes value by value)
    codes = pd.Categorical(logistics["stage"], categories=list(STAGE_RANK)).codes
    plan = logistics["basis"].eq("plan").fillna(False).to_numpy(dtype=bool)
    actual = ~plan
    deadline_of_stage = np.array([np.datetime64("NaT"), *_deadlines(ctx)], dtype="datetime64[ms]")
    deadline = np.where(codes >= 0, deadline_of_stage[np.maximum(codes, 0)], np.datetime64("NaT"))
    late_days = (logistics["scheduled_date"].to_numpy(dtype="datetime64[ms]") - deadline) / (
        np.timedelta64(1, "D")
    )
    logistics = logistics.assign(
        rank=np.where((codes >= 0) & actual, codes, np.nan),
        actual_as_of=logistics["as_of"].where(actual),
        actual_scheduled=logistics["scheduled_date"].where(actual),
        plan=plan.astype("int64"),
        plan_late=np.where(plan, np.nan_to_num(np.maximum(late_days, 0.0), nan=0.0), np.nan),
    )
    aggregations = {
        "as_of": ("actual_as_of", "max"),
        "input_as_of": ("as_of", "max"),
        "rank": ("rank", "min"),
        "scheduled": ("actual_scheduled", "max"),
        "plans": ("plan", "sum"),
        "plan_late": ("plan_late", "max"),
    }
    detail = logistics[logistics["_depth"] >= 3]
    positions = (
        detail.groupby(detail["region_code"].str[:8].rename("_kecamatan"))
        .agg(**aggregations)
        .reset_index()
    )
    positions = positions.assign(
        _unit=positions["_kecamatan"].str[: LENGTH[ctx.depth]], weight=1
    ).drop(columns="_kecamatan")
    if ctx.depth == 2:
        regency = logistics[logistics["_depth"] == 2]
        regency = regency[~regency["_unit"].isin(positions["_unit"])]
        if len(regency):
            regency = (
                regency.groupby("_unit")
                .agg(**aggregations)
                .join(ctx.units["n_kecamatan"].rename("weight"), how="inner")
                .reset_index()
            )
            positions = pd.concat([positions, regency], ignore_index=True)
    return positions.merge(ctx.units[["n_kecamatan"]], left_on="_unit", right_index=True)


def _share(
    positions: pd.DataFrame, reached: pd.Series, counted: pd.Series | None = None
) -> pd.DataFrame:
    """Weighted share of the positions ``counted`` (those with an actual stage unless said
    otherwise) where ``reached`` holds; no value for a unit without any counted position."""
    actual = counted is None
    counted = positions["rank"].notna() if counted is None else counted
    weight = positions["weight"].where(counted, 0)
    frame = positions.assign(
        _weight=weight, _hit=weight * reached.fillna(False).astype("int64"), _counted=counted
    )
    grouped = frame.groupby("_unit")
    any_counted = grouped["_counted"].any()
    total = grouped["_weight"].sum()
    share = pd.DataFrame(
        {
            "as_of": grouped["input_as_of"].max(),
            "num": grouped["_hit"].sum().astype("float64").where(any_counted),
            "den": total.astype("float64").where(any_counted),
            "coverage": np.minimum(1.0, total / grouped["n_kecamatan"].first()),
        }
    )
    if actual:  # plans only: no position, and said so
        share["plan_only"] = ~any_counted & (grouped["plans"].sum() > 0)
    return share


def _plan_on_time(ctx: Context) -> pd.DataFrame:
    positions = _positions(ctx)
    return _share(positions, positions["plan_late"] == 0, counted=positions["plans"] > 0)


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
        np.select(
            [rank == 0, rank == 1, rank == 2],
            [np.datetime64(ppk), np.datetime64(pps), np.datetime64(tps)],
            default=np.datetime64("NaT"),
        ),
        index=positions.index,
    ).astype("datetime64[ms]")
    late_now = (positions["as_of"] - next_deadline).dt.days
    late_planned = (positions["scheduled"] - next_deadline).dt.days
    behind = pd.concat([late_now, late_planned], axis=1).max(axis=1).clip(lower=0).fillna(0)
    behind = behind.where(rank.notna())
    known_weight = positions["weight"].where(rank.notna(), 0)
    grouped = positions.assign(
        _behind=behind, _known_weight=known_weight, _known=rank.notna()
    ).groupby("_unit")
    return pd.DataFrame(
        {
            "as_of": grouped["input_as_of"].max(),
            "num": grouped["_behind"].max().astype("float64"),
            "den": np.nan,
            "coverage": np.minimum(
                1.0, grouped["_known_weight"].sum() / grouped["n_kecamatan"].first()
            ),
            "plan_only": ~grouped["_known"].any() & (grouped["plans"].sum() > 0),
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
    parts = _detail(ctx, "logistics", ("quantity_delivered",), "item == 'ballot'")
    frame = _ratio(_whole(parts, "quantity_delivered"), _voters(ctx))
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

    def required(rows: pd.DataFrame) -> pd.DataFrame:
        per_grade = rows["category"].map(ratio).astype("float64")
        return rows.assign(required=rows["tps_count"] * per_grade)

    where = f"instrument == 'polri_grade' and category in {POLICE_GRADES!r}"
    return _whole(_detail(ctx, "vulnerabilities", ("required",), where, required), "required")


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


def _station_pair(ctx: Context, num: str, den: str) -> pd.DataFrame:
    parts = _station_detail(ctx, num, den)
    return pd.DataFrame({"as_of": parts["as_of"], "num": parts[num], "den": parts[den]})


def _tps_per_village(ctx: Context) -> pd.DataFrame:
    parts = _station_detail(ctx, "tps")
    same_rows = pd.DataFrame(
        {"as_of": parts["as_of"], "num": parts["tps"], "den": parts["villages"]}
    )
    return _ratio(_tps(ctx), _village_count(ctx), same_rows)


def _village_gap(ctx: Context) -> pd.DataFrame:
    reported = _summary(ctx, "village_count")
    frame = _gap(_reference_villages(ctx), reported)
    return frame.assign(coverage=reported["cov"].reindex(frame.index).fillna(0.0))


def _followed_up(cases: pd.DataFrame) -> pd.Series:
    return cases["status"].isin(FOLLOWED_UP)


def _stated_cases(ctx: Context) -> pd.DataFrame:
    """Units whose summary states a number of cases but that list none (a stated zero is a
    report, not a gap): the latest stated number per unit."""
    summary = ctx.tables["summary"]
    stated = summary[(summary["_depth"] == 2) & summary["cases_stated"].notna()]
    stated = stated.sort_values("as_of", kind="stable", na_position="first")
    latest = stated.groupby("_unit").tail(1).set_index("_unit")
    listed = ctx.tables["neutrality_cases"]["_unit"].unique()
    latest = latest[~latest.index.isin(listed)]
    return pd.DataFrame(
        {"as_of": latest["as_of"], "stated": latest["cases_stated"].astype("float64")}
    )


def _with_stated(ctx: Context, counted: pd.DataFrame, zero_only: bool) -> pd.DataFrame:
    """Case counts from the rows, else the number the summary states (``zero_only``: only a
    stated zero says how many cases are open)."""
    stated = _stated_cases(ctx)
    number = stated["stated"].where(stated["stated"] == 0) if zero_only else stated["stated"]
    from_summary = pd.DataFrame(
        {"as_of": stated["as_of"], "num": number, "den": np.nan, "coverage": 1.0}
    )
    return pd.concat([counted, from_summary])


def _days_in_stage(ctx: Context) -> pd.DataFrame:
    """Open cases with the days each has spent in its current stage by the reference date."""
    cases = ctx.tables["neutrality_cases"]
    cases = cases[cases["status"].isin(OPEN_CASES)]
    entered = pd.Series(pd.NaT, index=cases.index, dtype="datetime64[ms]")
    for status, column in STAGE_DATE.items():
        entered = entered.mask(cases["status"] == status, cases[column])
    reference = pd.Series(ctx.reference_date, index=cases.index, dtype="datetime64[ms]")
    elapsed: pd.Series = reference - entered
    days = elapsed.dt.days.astype("float64")
    return cases.assign(_days=days, _dated=days.notna())


def _days_in_stage_max(ctx: Context) -> pd.DataFrame:
    grouped = _days_in_stage(ctx).groupby("_unit")
    return pd.DataFrame(
        {
            "as_of": grouped["as_of"].max(),
            "num": grouped["_days"].max(),
            "den": np.nan,
            "coverage": grouped["_dated"].mean().astype("float64"),
        }
    )


def _cases_overdue(ctx: Context) -> pd.DataFrame:
    cases = _days_in_stage(ctx)
    limit = ctx.norms["neutrality_case_open_days"]
    grouped = cases.assign(_over=cases["_days"] > limit).groupby("_unit")
    return pd.DataFrame(
        {
            "as_of": grouped["as_of"].max(),
            "num": grouped["_over"].sum().astype("float64").where(grouped["_dated"].any()),
            "den": np.nan,
            "coverage": grouped["_dated"].mean().astype("float64"),
        }
    )


FORMULAS: dict[str, tuple[str, Callable[[Context], pd.DataFrame]]] = {
    "tps_per_village": ("ratio", _tps_per_village),
    "voters_per_tps": (
        "ratio",
        lambda c: _ratio(_voters(c), _tps(c), _station_pair(c, "voters", "tps")),
    ),
    "voters_per_tps_max": ("max", _voters_per_tps_max),
    "tps_khusus_share": (
        "ratio",
        lambda c: _ratio(_tps_khusus(c), _tps(c), _station_pair(c, "tps_khusus", "tps")),
    ),
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
    "logistics_plan_on_time_kecamatan": ("ratio", _plan_on_time),
    "neutrality_cases": (
        "sum",
        lambda c: _with_stated(c, _cases(c, lambda f: pd.Series(1, index=f.index), False), False),
    ),
    "neutrality_cases_open": (
        "sum",
        lambda c: _with_stated(c, _cases(c, lambda f: f["status"].isin(OPEN_CASES), False), True),
    ),
    "neutrality_followup_rate": ("ratio", lambda c: _cases(c, _followed_up, True)),
    "neutrality_days_in_stage_max": ("max", _days_in_stage_max),
    "neutrality_cases_overdue": ("sum", _cases_overdue),
    "tps_reconciliation_gap": (
        "ratio",
        lambda c: _gap(_summary(c, "tps"), _whole(_station_detail(c, "tps"), "tps")),
    ),
    "security_personnel_reconciliation_gap": (
        "ratio",
        lambda c: _gap(_summary(c, "security_personnel"), _whole(_security_detail(c), "count")),
    ),
    "village_count_reconciliation_gap": ("ratio", _village_gap),
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
        assert norm is not None  # a target without its norm has no status (returned above)
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
    # a unit that reported a plan and no actual position: no value, and said so
    frame["plan_only"] = frame["plan_only"].fillna(False) if "plan_only" in frame else False
    num, den = frame["num"], frame["den"]
    plan_only = frame["plan_only"].astype(bool)
    if target_depth < ctx.depth:
        frame["region_code"] = frame.index.str[: LENGTH[target_depth]]
        rolled = frame.assign(_known=num.notna()).groupby("region_code")
        plan_only = rolled["plan_only"].any() & ~rolled["_known"].any()
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
    out["status"] = status.mask(plan_only.reindex(out.index) & out["value"].isna(), "plan_only")
    out["indicator"] = indicator_id
    out["unit"] = getattr(spec, "unit", "")
    return out.rename_axis("region_code").reset_index()


def compute_all_levels(
    tables: dict[str, pd.DataFrame],
    levels: tuple[str, ...] = ("kecamatan", "kabupaten", "provinsi"),
) -> dict[str, pd.DataFrame]:
    """Every registry indicator at kecamatan, kabupaten and province level (or ``levels``)."""
    election = load_election("pilkada-2024")
    norms = {norm_id: norm.value for norm_id, norm in election.norms.items()}
    registry = load_registry()
    provinces = sorted(
        set().union(*(set(t["region_code"].dropna().str[:2].unique()) for t in tables.values()))
    )
    contexts: dict[int, Context] = {}
    results: dict[str, pd.DataFrame] = {}
    for level, target_depth in LEVEL_ORDER:
        if level not in levels:
            continue
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
