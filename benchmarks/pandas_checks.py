"""(d) The readiness checks written with pandera's pandas backend and vectorised pandas.

The same rules as ``readiness.validation``: each table against a pandera schema with the same
columns, dtypes, nullability and checks (``lazy=True``, every failure at once), then the same
cross-record rules (duplicates, region codes and levels, dates, regency totals against their
detail, TPS and logistics rules), each giving a frame of failing rows. As the library does,
at most ``MAX_PER_RULE`` findings per rule are turned into records; the count stays exact.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from readiness.contract import CLOSED_SETS, CODE_PATTERN, TABLES, load_election
from readiness.regions import region_table

__all__ = ["MAX_PER_RULE", "NOT_COMPARED", "RULES", "read_tables", "run_checks"]

MAX_PER_RULE = 50
ALLOWED_DEPTHS = {
    "summary": (2,),
    "polling_stations": (3, 4),
    "logistics": (2, 3, 4),
    "personnel": (2, 3),
    "neutrality_cases": (2, 3, 4),
    "vulnerabilities": (1, 2, 3, 4),
    "published_figures": (1, 2, 3, 4),
}
PRE_VOTE_TABLES = ("summary", "polling_stations", "logistics", "personnel", "vulnerabilities")
"""Tables whose as-of date lies on or before voting day (neutrality cases go on after it)."""
NEXT_STAGE_MILESTONE = {
    "kpu": "logistics_at_ppk_days_before",
    "ppk": "logistics_at_pps_days_before",
    "pps": "logistics_at_tps_days_before",
}
"""For the stage reached, the norm (H-n) by which the next stage must be reached."""
RULES = (
    "schema.required", "schema.range", "schema.closed_set", "schema.code_format",
    "schema.dtype", "schema.column_missing",
    "duplicate.row", "duplicate.key",
    "region.unknown_code", "region.wrong_level", "region.outside_province",
    "date.outside_calendar", "date.after_voting_day", "date.plan_after_milestone",
    "date.after_as_of",
    "total.kecamatan_sum", "total.personnel_sum", "total.reference_count", "total.voters_by_sex",
    "tps.village_without_tps", "tps.voters_above_norm", "tps.village_missing",
    "tps.khusus_above_total", "logistics.delivered_above_required",
    "reconcile.source_vs_source", "reconcile.total_vs_parts", "reconcile.published_vs_reported",
    "reconcile.norm_identity", "reconcile.khusus_within_total",
)  # fmt: skip
"""The rules this baseline implements: the benchmark's checks. The agreement step compares
the library's failing rows with these, rule by rule, and names every library rule outside
them (``NOT_COMPARED``)."""
RECONCILE_NORMS = {"kpps": "kpps_per_tps", "linmas": "linmas_per_tps"}
REPORTED_FIGURES = ("tps", "tps_khusus", "tps_khusus_voters", "voters", "voters_male",
                    "voters_female", "security_personnel", "kecamatan_count", "village_count")  # fmt: skip
"""Summary columns a published regency figure is compared with."""
NOT_COMPARED = {
    "region.name_mismatch": "needs the library's name normaliser and fuzzy region matcher",
    "logistics.plan_after_milestone": "plan rows: not written in pandas (no plan rows in the data)",
    "vulnerability.score_range": "IKP scores: not written in pandas",
    "vulnerability.score_category": "IKP scores: not written in pandas",
}
"""Library rules this baseline does not run, and why (so the agreement step can say so)."""
_DTYPES = {
    "code": "str",
    "text": "str",
    "closed": "str",
    "date": "datetime64[ms]",
    "count": "Int64",
    "number": "float64",
}


def read_tables(root: Path) -> dict[str, pd.DataFrame]:
    """Every table, with the file and row each record came from (as the library keeps)."""
    tables: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        parts = []
        for path in sorted(root.glob(f"province=*/{name}.parquet")):
            frame = pd.read_parquet(path)
            frame["_file"] = str(path.relative_to(root))
            frame["_row"] = range(1, len(frame) + 1)
            parts.append(frame)
        tables[name] = pd.concat(parts, ignore_index=True)
        for column in TABLES[name].columns:
            if column.kind == "count":
                tables[name][column.name] = tables[name][column.name].astype("Int64")
            elif column.kind == "date":
                tables[name][column.name] = tables[name][column.name].astype("datetime64[ms]")
    return tables


def _schema(name: str) -> pa.DataFrameSchema:
    columns = {}
    for column in TABLES[name].columns:  # type: ignore[index]
        checks = []
        if column.kind == "code":
            checks.append(pa.Check.str_matches(CODE_PATTERN))
        elif column.kind == "count":
            checks.append(pa.Check.ge(0))
        elif column.kind == "closed" and column.closed_set is not None:
            checks.append(pa.Check.isin(list(CLOSED_SETS[column.closed_set].keys)))
        columns[column.name] = pa.Column(
            _DTYPES[column.kind], checks=checks, nullable=not column.required, required=True
        )
    return pa.DataFrameSchema(columns, name=name, strict=False)


def _suspects(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows pandera may fail, found with vectorised pandas (as the library pre-filters
    with polars): a blank required cell, a malformed code, a negative count or a value outside
    its closed list; every row when a column is missing or not of its type. Each condition is
    exactly one of the schema's checks, so pandera fails the same cells on these rows."""
    spec = TABLES[name]  # type: ignore[index]
    expected = {c.name: _DTYPES[c.kind] for c in spec.columns}
    if any(c not in frame.columns or not _is_dtype(frame[c], d) for c, d in expected.items()):
        return frame
    suspect = np.zeros(len(frame), dtype=bool)
    for column in spec.columns:
        values = frame[column.name]
        if column.required:
            suspect |= values.isna().to_numpy()
        if column.kind == "code":
            categories = values.astype("category")
            distinct = categories.cat.categories.to_series()
            bad = ~distinct.str.fullmatch(CODE_PATTERN).fillna(False).to_numpy(dtype=bool)
            number = categories.cat.codes.to_numpy()
            suspect |= (number >= 0) & bad[np.maximum(number, 0)] if len(bad) else False
        elif column.kind == "count":
            suspect |= (values < 0).fillna(False).to_numpy(dtype=bool)
        elif column.kind == "closed" and column.closed_set is not None:
            allowed = list(CLOSED_SETS[column.closed_set].keys)
            outside = ~values.astype(object).isin(allowed) & values.notna()
            suspect |= outside.to_numpy(dtype=bool)
    return frame[suspect]


def _is_dtype(values: pd.Series, expected: str) -> bool:
    if expected == "str":  # anything but pandas' string dtype is left to pandera to judge
        return isinstance(values.dtype, pd.StringDtype)
    return str(values.dtype) == expected


def _schema_failures(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    suspects = _suspects(name, frame)
    if suspects.empty:
        return pd.DataFrame()
    try:
        _schema(name).validate(suspects, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases: pd.DataFrame = errors.failure_cases
        checks = cases["check"].astype(str)
        rules = {check: _rule_of(check) for check in checks.unique()}
        position = pd.to_numeric(cases["index"], errors="coerce").fillna(-1).astype("int64")
        return cases.assign(
            table=name,
            rule=checks.map(rules),
            _file=frame["_file"].reindex(position).to_numpy(),
            _row=frame["_row"].reindex(position).to_numpy(),
        )
    return pd.DataFrame()


_CHECK_RULES = (
    ("not_nullable", "schema.required"),
    ("greater_than_or_equal_to", "schema.range"),
    ("isin", "schema.closed_set"),
    ("str_matches", "schema.code_format"),
    ("dtype", "schema.dtype"),
    ("column_in_dataframe", "schema.column_missing"),
)


def _rule_of(check: str) -> str:
    """The library's rule id for a pandera check name (one call per distinct check)."""
    for prefix, rule in _CHECK_RULES:
        if check.startswith(prefix):
            return rule
    return f"schema.{check}"


def _depth(codes: pd.Series) -> pd.Series:
    """1 province, 2 regency, 3 kecamatan, 4 village, from the length of a dotted code."""
    return (codes.str.len() + 1) // 3


def _duplicates(name: str, frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    spec = TABLES[name]  # type: ignore[index]
    content = list(spec.column_names)
    ordered = frame.sort_values(["_file", "_row"], kind="stable")
    repeats = ordered[ordered.duplicated(subset=content, keep="first")]
    keyed = ordered.dropna(subset=["region_code", "as_of"])
    if "case_id" in content:
        keyed = keyed.dropna(subset=["case_id"])
    clashes = keyed[keyed.duplicated(subset=list(spec.key), keep="first")]
    clashes = clashes[~clashes.index.isin(repeats.index)]
    return [("duplicate.row", repeats), ("duplicate.key", clashes)]


def _regions(
    tables: dict[str, pd.DataFrame], province: str | None
) -> list[tuple[str, pd.DataFrame]]:
    known = set(region_table()["code"].to_list())
    found = []
    for name, frame in tables.items():
        # a national table repeats a few hundred thousand codes millions of times: check each
        # distinct code once (as categories) and look the answers up by category number
        codes = frame["region_code"]
        categories = codes.astype("category")
        distinct = categories.cat.categories.to_series()
        number = categories.cat.codes.to_numpy()
        present = number >= 0

        def per_row(values: pd.Series, number: np.ndarray = number,
                    present: np.ndarray = present, index: pd.Index = frame.index) -> pd.Series:  # fmt: skip
            looked_up = values.to_numpy()[np.where(present, number, 0)] if len(values) else number
            return pd.Series(np.where(present, looked_up, 0), index=index)

        shaped = per_row(distinct.str.fullmatch(CODE_PATTERN).fillna(False)).astype(bool)
        # object dtype: ``isin`` on Arrow strings goes through a Python list of the set
        is_known = per_row(distinct.astype(object).isin(known)).astype(bool)
        found.append(("region.unknown_code", frame[shaped & ~is_known]))
        depth = per_row(_depth(distinct))
        per_tps = frame["tps_number"].notna() if "tps_number" in frame else False
        wrong = is_known & (~depth.isin(ALLOWED_DEPTHS[name]) | (per_tps & (depth != 4)))
        found.append(("region.wrong_level", frame[wrong]))
        if province is not None:
            found.append(("region.outside_province", frame[is_known & (codes.str[:2] != province)]))
    return found


def _dates(tables: dict[str, pd.DataFrame]) -> list[tuple[str, pd.DataFrame]]:
    election = load_election("pilkada-2024")
    start, end = pd.Timestamp(election.calendar_start), pd.Timestamp(election.calendar_end)
    voting_day = pd.Timestamp(election.voting_day)
    found = []
    for name, frame in tables.items():
        for column in TABLES[name].columns:  # type: ignore[index]
            if column.kind == "date":
                values = frame[column.name]
                pre_vote = name in PRE_VOTE_TABLES and column.name == "as_of"
                late = values > (voting_day if pre_vote else end)
                outside = (values < start) | late
                if pre_vote:  # an as-of after voting day is the voting-day rule's alone
                    after_vote = values > voting_day
                    found.append(("date.after_voting_day", frame[outside & after_vote]))
                    outside &= ~after_vote
                found.append(("date.outside_calendar", frame[outside]))
    logistics = tables["logistics"]
    due = pd.Series(
        {stage: voting_day - pd.Timedelta(days=election.norm(norm_id).value)
         for stage, norm_id in NEXT_STAGE_MILESTONE.items() if norm_id in election.norms},
        dtype="datetime64[ms]",
    )  # fmt: skip
    # the stage's due date through a categorical, not a ``map`` over millions of strings
    stage = pd.Categorical(logistics["stage"], categories=list(due.index))
    due_by_row = np.where(stage.codes >= 0, due.to_numpy()[np.maximum(stage.codes, 0)],
                          np.datetime64("NaT"))  # fmt: skip
    actual = logistics["basis"].fillna("actual") != "plan"
    late_plan = actual & (logistics["scheduled_date"] > due_by_row).fillna(False)
    found.append(("date.plan_after_milestone", logistics[late_plan]))
    cases = tables["neutrality_cases"]
    found.append(("date.after_as_of", cases[cases["date_reported"] > cases["as_of"]]))
    return found


def _totals(tables: dict[str, pd.DataFrame]) -> list[tuple[str, pd.DataFrame]]:
    summary = tables["summary"].dropna(subset=["region_code", "as_of"])
    stations = tables["polling_stations"]
    stations = stations[stations["region_code"].str.fullmatch(CODE_PATTERN).fillna(False)]
    stations = stations.assign(
        depth=_depth(stations["region_code"]),
        regency=stations["region_code"].str[:5],
        kecamatan=stations["region_code"].str[:8],
    )
    detail = stations[stations["depth"].isin([3, 4]) & stations["as_of"].notna()]
    is_village = detail["depth"] == 4
    has_village = is_village.groupby(
        [detail[c] for c in ("regency", "kecamatan", "as_of")]
    ).transform("any")
    finest = detail[is_village == has_village]
    measures = ["tps", "tps_khusus", "voters"]
    grouped = finest.groupby(["regency", "as_of"])
    sums = grouped[measures].sum()
    nulls = finest[measures].isna().groupby([finest["regency"], finest["as_of"]]).sum()
    sums = sums.join(nulls, rsuffix="_nulls")
    sums["kecamatan"] = grouped["kecamatan"].nunique()
    table = region_table().to_pandas()
    reference = table[_depth(table["code"]) == 3].groupby("parent_code").size()
    joined = summary.merge(
        sums, left_on=["region_code", "as_of"], right_index=True, suffixes=("", "_sum")
    )
    complete = joined["kecamatan"] >= joined["region_code"].map(reference)
    found = []
    for measure in measures:
        stated, summed = joined[measure], joined[f"{measure}_sum"]
        failing = (
            stated.notna()
            & (joined[f"{measure}_nulls"] == 0)
            & ((summed > stated) | (complete & (summed != stated)))
        )
        found.append(("total.kecamatan_sum", joined[failing.fillna(False)]))
    personnel = tables["personnel"]
    security = personnel[
        (personnel["role"] == "security")
        & _depth(personnel["region_code"]).isin([2, 3])
        & personnel["as_of"].notna()
        & personnel["count"].notna()
    ].assign(regency=lambda f: f["region_code"].str[:5], depth=lambda f: _depth(f["region_code"]))
    is_regency = security["depth"] == 2
    has_regency = is_regency.groupby([security["regency"], security["as_of"]]).transform("any")
    finest_people = security[is_regency == has_regency]
    by_agency = finest_people.groupby(["regency", "as_of", "agency"])["count"].sum().reset_index()
    people = by_agency.groupby(["regency", "as_of"]).agg(
        sum=("count", "sum"),
        agencies=("agency", lambda a: ", ".join(sorted(a))),
    )
    joined_people = summary.merge(people, left_on=["region_code", "as_of"], right_index=True)
    found.append(
        (
            "total.personnel_sum",
            joined_people[
                joined_people["security_personnel"].notna()
                & (joined_people["security_personnel"] != joined_people["sum"]).fillna(False)
            ],
        )
    )
    table = region_table().to_pandas()
    code_depth = _depth(table["code"])
    below = table[code_depth.isin([3, 4])]
    reference_counts = pd.DataFrame(
        {
            "kecamatan_count": (code_depth[below.index] == 3).groupby(below["code"].str[:5]).sum(),
            "village_count": (code_depth[below.index] == 4).groupby(below["code"].str[:5]).sum(),
        }
    )
    with_reference = summary.join(
        reference_counts, on="region_code", rsuffix="_reference", how="inner"
    )
    for column in ("kecamatan_count", "village_count"):
        stated = with_reference[column]
        differs = stated.notna() & (stated != with_reference[f"{column}_reference"]).fillna(False)
        found.append(("total.reference_count", with_reference[differs]))
    total = summary["voters_male"] + summary["voters_female"]
    found.append(
        (
            "total.voters_by_sex",
            summary[
                (total.notna() & summary["voters"].notna() & (total != summary["voters"])).fillna(
                    False
                )
            ],
        )
    )
    return found


def _tps_rules(tables: dict[str, pd.DataFrame]) -> list[tuple[str, pd.DataFrame]]:
    election = load_election("pilkada-2024")
    norm = election.norm("max_voters_per_tps")
    stations = tables["polling_stations"]
    village = stations["region_code"].str.fullmatch(CODE_PATTERN).fillna(False) & (
        _depth(stations["region_code"]) == 4
    )
    without = stations[
        (village & stations["tps_number"].isna() & (stations["voters"] > 0) & (stations["tps"] == 0))
        .fillna(False)
    ]  # fmt: skip
    in_force = pd.Series(True, index=stations.index)
    if norm.valid_from is not None:
        in_force &= (stations["as_of"] >= pd.Timestamp(norm.valid_from)).fillna(True)
    if norm.valid_to is not None:
        in_force &= (stations["as_of"] <= pd.Timestamp(norm.valid_to)).fillna(True)
    per_station = (stations["voters"] / stations["tps"]).where(stations["tps"] > 0)
    per_station = per_station.mask(
        stations["tps_number"].notna() & stations["tps"].isna(), stations["voters"]
    )
    above = stations[(in_force & (per_station > norm.value)).fillna(False)]
    found = [
        ("tps.village_without_tps", without),
        ("tps.voters_above_norm", above),
        ("tps.village_missing", _villages_missing(stations)),
    ]
    for name in ("summary", "polling_stations"):
        frame = tables[name]
        found.append(
            ("tps.khusus_above_total", frame[(frame["tps_khusus"] > frame["tps"]).fillna(False)])
        )
    logistics = tables["logistics"]
    over = (logistics["quantity_delivered"] > logistics["quantity_required"]).fillna(False)
    found.append(("logistics.delivered_above_required", logistics[over]))
    return found


def _villages_missing(stations: pd.DataFrame) -> pd.DataFrame:
    """Villages with no row in a kecamatan that reports per TPS, on the same date."""
    valid = stations[
        stations["region_code"].str.fullmatch(CODE_PATTERN).fillna(False)
        & stations["as_of"].notna()
    ]
    per_tps = valid[valid["tps_number"].notna() & (_depth(valid["region_code"]) == 4)]
    if per_tps.empty:
        return pd.DataFrame()
    covered = (
        per_tps.assign(kecamatan=per_tps["region_code"].str[:8])
        .groupby(["kecamatan", "as_of"], as_index=False)
        .agg(_file=("_file", "first"))
    )
    table = region_table().to_pandas()
    villages = table[_depth(table["code"]) == 4][["code", "parent_code"]].rename(
        columns={"code": "region_code", "parent_code": "kecamatan"}
    )
    expected = covered.merge(villages, on="kecamatan")
    present = valid[["region_code", "as_of"]].drop_duplicates()
    flagged = expected.merge(present, on=["region_code", "as_of"], how="left", indicator=True)
    return flagged[flagged["_merge"] == "left_only"].assign(_row=None)


def _published(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    figures = tables["published_figures"]
    return figures[
        figures["region_code"].str.fullmatch(CODE_PATTERN).fillna(False).astype(bool)
        & figures["value"].notna()
        & figures["figure"].notna()
        & figures["tps_number"].isna()
    ].assign(source=lambda f: f["source"].fillna("?"))


def _reconcile(tables: dict[str, pd.DataFrame]) -> list[tuple[str, pd.DataFrame]]:
    """Published figures against each other, their parts, the regencies' reports and the
    KPPS and Linmas norms; personnel against the same norms. One row per disagreement."""
    election = load_election("pilkada-2024")
    factors = {f: int(election.norm(n).value) for f, n in RECONCILE_NORMS.items()
               if n in election.norms}  # fmt: skip
    rows = _published(tables)
    found = [("reconcile.norm_identity", _personnel_norm_identity(tables, factors))]
    if rows.empty:
        return found
    depth = _depth(rows["region_code"])
    pairs = rows.merge(rows, on=["region_code", "figure"], suffixes=("", "_b"))
    found.append(("reconcile.source_vs_source",
                  pairs[(pairs["_row"] < pairs["_row_b"]) & (pairs["value"] != pairs["value_b"])]))  # fmt: skip
    regencies = rows[depth == 2]
    parts = (
        regencies.assign(region_code=regencies["region_code"].str[:2])
        .groupby(["region_code", "figure", "source", "as_of"], as_index=False)["value"]
        .sum()
    )
    totals = rows[depth == 1].merge(parts, on=["region_code", "figure", "source", "as_of"],
                                    suffixes=("", "_parts"))  # fmt: skip
    found.append(("reconcile.total_vs_parts", totals[totals["value"] != totals["value_parts"]]))
    summary = tables["summary"]
    summary = summary[summary["region_code"].notna()].sort_values(
        "as_of", kind="stable", na_position="first"
    )
    latest = summary.groupby("region_code").tail(1)
    reported = latest.melt(id_vars="region_code", value_vars=list(REPORTED_FIGURES),
                           var_name="figure", value_name="reported").dropna(subset="reported")  # fmt: skip
    against = regencies.merge(reported, on=["region_code", "figure"])
    found.append(("reconcile.published_vs_reported",
                  against[against["value"] != against["reported"]]))  # fmt: skip
    tps = rows.loc[rows["figure"] == "tps", ["region_code", "source", "as_of", "value"]]
    for figure, factor in factors.items():
        officers = rows[rows["figure"] == figure].merge(
            tps, on=["region_code", "source", "as_of"], suffixes=("", "_tps")
        )
        found.append(("reconcile.norm_identity",
                      officers[officers["value"] != officers["value_tps"] * factor]))  # fmt: skip
    khusus = rows[rows["figure"] == "tps_khusus"].merge(
        tps[["region_code", "value"]], on="region_code", suffixes=("", "_tps")
    )
    found.append(("reconcile.khusus_within_total", khusus[khusus["value"] > khusus["value_tps"]]))
    return found


def _personnel_norm_identity(tables: dict[str, pd.DataFrame], factors: dict[str, int],
                             ) -> pd.DataFrame:  # fmt: skip
    """KPPS and Linmas rows against 7 x and 2 x the TPS they cover (else the regency's
    latest stated TPS)."""
    people = tables["personnel"]
    officers = people[
        people["region_code"].str.fullmatch(CODE_PATTERN).fillna(False).astype(bool)
        & people["count"].notna()
        & (((people["agency"] == "linmas") & (people["role"] == "security"))
           | (people["role"] == "kpps")).fillna(False)
    ]  # fmt: skip
    summary = tables["summary"]
    stated = summary[summary["tps"].notna()].sort_values(
        "as_of", kind="stable", na_position="first"
    )
    latest_tps = stated.groupby("region_code")["tps"].last().rename("_tps")
    joined = officers.join(latest_tps, on="region_code")
    figure = np.where(joined["role"] == "kpps", "kpps", "linmas")
    factor = pd.Series(figure, index=joined.index).map(factors).astype("Int64")
    covered = joined["tps_covered"].fillna(joined["_tps"])
    expected = covered * factor
    return joined[(expected.notna() & (joined["count"] != expected)).fillna(False)]


def _province(tables: dict[str, pd.DataFrame]) -> str | None:
    prefixes = pd.concat([t["region_code"].str[:2] for t in tables.values()])
    prefixes = prefixes[prefixes.str.fullmatch(r"\d{2}").fillna(False)]
    if prefixes.empty:
        return None
    counts = prefixes.value_counts()
    if 2 * counts.max() <= len(prefixes):
        return None  # no province holds more than half: a national dataset
    return str(sorted(counts[counts == counts.max()].index)[0])


def run_checks(tables: dict[str, pd.DataFrame]) -> tuple[dict[str, int], list[dict[str, object]]]:
    """Failing rows per rule, and up to ``MAX_PER_RULE`` finding records per rule."""
    found: list[tuple[str, pd.DataFrame]] = []
    for name, frame in tables.items():
        failures = _schema_failures(name, frame)
        if len(failures):
            for rule, part in failures.groupby("rule"):
                found.append((str(rule), part))
        found.extend(_duplicates(name, frame))
    found.extend(_regions(tables, _province(tables)))
    found.extend(_dates(tables))
    found.extend(_totals(tables))
    found.extend(_tps_rules(tables))
    found.extend(_reconcile(tables))
    counts: dict[str, int] = {}
    records: list[dict[str, object]] = []
    for rule, frame in found:
        if frame.empty:
            continue
        counts[rule] = counts.get(rule, 0) + len(frame)
        shown = frame.head(MAX_PER_RULE)
        records.extend(
            {"rule": rule, "file": f, "row": r}
            for f, r in zip(shown["_file"], shown["_row"], strict=True)
        )
    return counts, records
