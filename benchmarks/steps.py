"""The measured steps. Each runs in its own fresh Python process (see ``run.py``).

A step reads its inputs (``load_s``), does its work (``compute_s``) and returns the rows it
processed. The parent process measures the whole process: wall time and peak RSS.

Imports are outside every clock: each step imports what it uses (the library's layers, or
pandas, pandera and the baseline modules) before it starts timing, so ``load_s`` and
``compute_s`` compare work with work; the whole-process table of ``run.py`` counts imports.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from readiness.indicators import Level

__all__ = ["STEPS", "Result"]

Result = dict[str, Any]

LEVELS: tuple[Level, ...] = ("kecamatan", "kabupaten", "provinsi")


def _clock() -> float:
    return time.perf_counter()


def _import_library() -> None:
    """Import the layers the library steps use, before any clock starts (pandera is not one
    of them: validation imports it only when some row could fail a schema check), and read
    the packaged region list (see :func:`_read_regions`)."""
    import readiness.indicators
    import readiness.ingest
    import readiness.validation  # noqa: F401

    _read_regions()


def _read_regions() -> None:
    """Read the packaged Kemendagri region list before any clock starts, in every step that
    uses it (the library and the pandas baselines, which read it through
    ``readiness.regions.region_table``), as the floor reads its region codes before its
    clocks: reference data, like imports, is outside every clock."""
    from readiness.regions import region_table

    region_table()


def _rows(dataset: Any) -> int:
    return int(sum(dataset.row_counts().values()))


def ingest_excel(data: Path) -> Result:
    """(a) Read every filled workbook of one province with the library's loader."""
    from readiness.ingest import load_dataset

    _import_library()

    start = _clock()
    dataset = load_dataset(data)
    load = _clock() - start
    errors = sum(1 for f in dataset.findings if f.severity == "error")
    return {"rows": _rows(dataset), "load_s": load, "compute_s": 0.0,
            "detail": {"files": len(dataset.files), "reading_errors": errors}}  # fmt: skip


def _load(data: Path) -> tuple[Any, float]:
    from readiness.ingest import load_dataset

    _import_library()

    start = _clock()
    dataset = load_dataset(data)
    return dataset, _clock() - start


def _validate(dataset: Any) -> tuple[dict[str, Any], Any]:
    """The validation's counts, and the validation (whose rows to leave out the indicators
    reuse, as the pipeline does)."""
    from readiness.validation import validate

    validation = validate(dataset)
    counts = validation.counts
    detail = {"errors": counts["error"], "warnings": counts["warning"],
              "findings": len(validation.findings)}  # fmt: skip
    return detail, validation


def _indicators(dataset: Any, validation: Any = None) -> dict[str, Any]:
    """Every level, as a user computing all of them would: the rows validation rejects are
    found once (``invalid_rows``, or taken from ``validation``) and every level is computed in
    one call (``compute_levels``), which shares the work between levels."""
    from readiness.indicators import compute_levels
    from readiness.validation import invalid_rows

    start = _clock()
    invalid = invalid_rows(dataset) if validation is None else validation.invalid_rows
    middle = _clock()
    frames = compute_levels(dataset, LEVELS, invalid=invalid)
    rows: dict[str, Any] = {f"{level}_rows": frame.height for level, frame in frames.items()}
    rows.update(invalid_rows_s=middle - start, formulas_s=_clock() - middle)
    return rows


CORE = (
    "tps_per_village",
    "voters_per_tps",
    "tps_khusus_share",
    "security_personnel_per_tps",
    "kpps_per_tps",
    "logistics_completion_kecamatan",
    "logistics_delivered_share",
    "neutrality_cases",
)
"""The indicators the polars floor computes, for a like-for-like comparison."""


def indicators_core(data: Path) -> Result:
    """(c) restricted to the floor's eight numbers, at every level."""
    from readiness.indicators import compute_levels
    from readiness.validation import invalid_rows

    dataset, load = _load(data)
    start = _clock()
    invalid = invalid_rows(dataset)
    middle = _clock()
    frames = compute_levels(dataset, LEVELS, invalid=invalid, indicators=CORE)
    rows: dict[str, Any] = {f"{level}_rows": frame.height for level, frame in frames.items()}
    end = _clock()
    rows.update(invalid_rows_s=middle - start, formulas_s=end - middle)
    return {"rows": _rows(dataset), "load_s": load, "compute_s": end - start, "detail": rows}


def validate_national(data: Path) -> Result:
    """(b) Readiness validation of the national dataset."""
    dataset, load = _load(data)
    start = _clock()
    detail, _ = _validate(dataset)
    return {"rows": _rows(dataset), "load_s": load, "compute_s": _clock() - start,
            "detail": detail}  # fmt: skip


def indicators_national(data: Path) -> Result:
    """(c) Every readiness indicator at every level, national."""
    dataset, load = _load(data)
    start = _clock()
    detail = _indicators(dataset)
    return {"rows": _rows(dataset), "load_s": load, "compute_s": _clock() - start,
            "detail": detail}  # fmt: skip


def pipeline(data: Path) -> Result:
    """(b)+(c) Load, validate and compute every indicator at every level in one process."""
    dataset, load = _load(data)
    start = _clock()
    detail, validation = _validate(dataset)
    middle = _clock()
    detail.update(_indicators(dataset, validation))
    end = _clock()
    detail.update(validate_s=middle - start, indicators_s=end - middle)
    return {"rows": _rows(dataset), "load_s": load, "compute_s": end - start, "detail": detail}


def pandas_checks(data: Path) -> Result:
    """(d) The same checks with pandera's pandas backend and pandas."""
    import pandas_checks as checks

    _read_regions()
    start = _clock()
    tables = checks.read_tables(data)
    load = _clock() - start
    start = _clock()
    counts, records = checks.run_checks(tables)
    return {"rows": sum(len(t) for t in tables.values()), "load_s": load,
            "compute_s": _clock() - start,
            "detail": {"failing_rows": sum(counts.values()), "findings": len(records)}}  # fmt: skip


def pandas_indicators(data: Path) -> Result:
    """(e) The same indicators in idiomatic, vectorised pandas."""
    import pandas_indicators as indicators

    _read_regions()
    start = _clock()
    tables = indicators.read_tables(data)
    load = _clock() - start
    start = _clock()
    results = indicators.compute_all_levels(tables)
    return {"rows": sum(len(t) for t in tables.values()), "load_s": load,
            "compute_s": _clock() - start,
            "detail": {f"{k}_rows": len(v) for k, v in results.items()}}  # fmt: skip


def polars_floor(data: Path, lazy: bool = False) -> Result:
    """(f) A minimal hand-written polars query for the core numbers.

    ``lazy``: scan the Parquet and run the query on polars' streaming engine instead of
    reading the tables first (how memory stays bounded when the data outgrows it).
    """
    import polars_floor as floor

    regions = floor.read_regions()
    start = _clock()
    tables: dict[str, Any] = floor.scan_tables(data) if lazy else floor.read_tables(data)
    load = _clock() - start
    start = _clock()
    results = floor.core_numbers(tables, regions, streaming=lazy)
    if lazy:
        import polars as pl

        counts = [pl.scan_parquet(data / "province=*" / f"{n}.parquet") for n in floor.TABLES]
        rows = sum(frame.select(pl.len()).collect().item() for frame in counts)
        return {"rows": rows, "load_s": load, "compute_s": _clock() - start,
                "detail": {f"{k}_rows": v.height for k, v in results.items()}}  # fmt: skip
    return {"rows": sum(t.height for t in tables.values()), "load_s": load,
            "compute_s": _clock() - start,
            "detail": {f"{k}_rows": v.height for k, v in results.items()}}  # fmt: skip


def generate(
    data: Path, scale: int = 1, snapshots: int = 1, provinces: list[str] | None = None
) -> Result:
    """Write the synthetic national dataset (timed too, for the record)."""
    from readiness.synthetic import SyntheticOptions, write_national

    start = _clock()
    options = SyntheticOptions(scale=scale, snapshots=snapshots)
    write_national(data, options, provinces=provinces)
    import json

    rows = json.loads((data / ".synthetic.json").read_text(encoding="utf-8"))["rows"]
    return {"rows": sum(rows.values()), "load_s": 0.0, "compute_s": _clock() - start,
            "detail": rows}  # fmt: skip


def workbooks(data: Path, province: str = "33") -> Result:
    """Write the filled Excel workbooks of every regency of one province."""
    from readiness.synthetic import write_workbooks

    start = _clock()
    paths = write_workbooks(province, data)
    return {"rows": len(paths), "load_s": 0.0, "compute_s": _clock() - start,
            "detail": {"workbooks": len(paths)}}  # fmt: skip


STEPS: dict[str, Callable[..., Result]] = {
    "ingest_excel": ingest_excel,
    "validate": validate_national,
    "indicators": indicators_national,
    "indicators_core": indicators_core,
    "pipeline": pipeline,
    "pandas_checks": pandas_checks,
    "pandas_indicators": pandas_indicators,
    "polars_floor": polars_floor,
    "generate": generate,
    "workbooks": workbooks,
}


def with_defects(source: Path, target: Path) -> dict[str, int]:
    """Copy a synthetic dataset and plant mistakes real submissions make, a few of each.

    Only mistakes that reach the rules unchanged through reading (a negative count, a code
    that is well-formed but unknown or at the wrong level, dates outside the calendar,
    repeated rows, totals that disagree, published figures that disagree with each other,
    their parts, the report and the norms, a Linmas count off its norm, …), so both
    implementations see the same values.
    """
    import datetime as dt
    import shutil

    import polars as pl

    shutil.copytree(source, target)
    planted: dict[str, int] = {}

    def edit(table: str, change: Any) -> None:
        path = sorted(target.glob(f"province=*/{table}.parquet"))[0]
        frame = pl.read_parquet(path)
        change(frame).write_parquet(path)
        planted[table] = planted.get(table, 0) + 1

    def stations(frame: pl.DataFrame) -> pl.DataFrame:
        row = pl.int_range(pl.len())
        village = frame["region_code"][0]
        changed = frame.with_columns(
            tps_khusus=pl.when(row == 101).then(-1).otherwise("tps_khusus"),
            voters=pl.when(row == 102).then(750).otherwise("voters"),
            region_code=pl.when(row == 103)
            .then(pl.lit("64.99.99.2999"))
            .when(row == 104)
            .then(pl.col("region_code").str.slice(0, 5))
            .otherwise("region_code"),
            as_of=pl.when(row == 105).then(pl.lit(dt.date(2023, 6, 1))).otherwise("as_of"),
        ).filter(pl.col("region_code") != village)
        return pl.concat([changed, changed.slice(10, 2), changed.slice(20, 1).with_columns(
            voters=pl.col("voters") + 1)])  # fmt: skip

    def logistics(frame: pl.DataFrame) -> pl.DataFrame:
        row = pl.int_range(pl.len())
        return frame.with_columns(
            quantity_delivered=pl.when(row < 3)
            .then(pl.col("quantity_required") + 5)
            .otherwise("quantity_delivered")
        )

    def summary(frame: pl.DataFrame) -> pl.DataFrame:
        row = pl.int_range(pl.len())
        return frame.with_columns(
            village_count=pl.when(row == 0).then(pl.col("village_count") + 2).otherwise(
                "village_count"),
            voters_male=pl.when(row == 1).then(pl.col("voters_male") + 10).otherwise(
                "voters_male"),
            tps_khusus=pl.when(row == 2).then(pl.col("tps") + 1).otherwise("tps_khusus"),
        )  # fmt: skip

    def cases(frame: pl.DataFrame) -> pl.DataFrame:
        row = pl.int_range(pl.len())
        return frame.with_columns(
            date_reported=pl.when(row == 0)
            .then(pl.col("as_of") + pl.duration(days=3))
            .otherwise("date_reported")
        )

    def figures(frame: pl.DataFrame) -> pl.DataFrame:
        # on the first regency's stated TPS (the summary's first row): another source
        # disagreeing, a published figure off the report, a province total off its parts,
        # KPPS off 7 x TPS, lokasi khusus above the TPS total
        first = frame.head(1)
        regency = summary_frame["region_code"][0]
        tps = int(summary_frame["tps"][0])

        def row(code: str, figure: str, value: int, source: str) -> pl.DataFrame:
            return first.with_columns(region_code=pl.lit(code), figure=pl.lit(figure),
                                      value=pl.lit(value, pl.Int64), source=pl.lit(source))  # fmt: skip

        return pl.concat([
            frame,
            row(regency, "tps", tps + 3, "KPU A"),
            row(regency, "tps", tps, "KPU B"),
            row(regency[:2], "tps", tps + 10, "KPU A"),
            row(regency, "kpps", 7 * (tps + 3) + 7, "KPU A"),
            row(regency, "tps_khusus", tps + 50, "KPU A"),
        ])  # fmt: skip

    def people(frame: pl.DataFrame) -> pl.DataFrame:
        linmas = frame.with_row_index("_i").filter(pl.col("agency") == "linmas")["_i"][0]
        row = pl.int_range(pl.len())
        return frame.with_columns(  # one Linmas count off 2 x the TPS it says it covers
            count=pl.when(row == linmas).then(pl.col("count") + 1).otherwise("count"),
            tps_covered=pl.when(row == linmas).then(pl.col("count")).otherwise("tps_covered"),
        )

    summary_frame = pl.read_parquet(sorted(target.glob("province=*/summary.parquet"))[0])
    for table, change in (("polling_stations", stations), ("logistics", logistics),
                          ("summary", summary), ("neutrality_cases", cases),
                          ("published_figures", figures), ("personnel", people)):  # fmt: skip
        edit(table, change)
    return planted


def with_plans(source: Path, target: Path) -> int:
    """Copy a synthetic dataset and add logistics plans (the generator writes actual rows
    only), so the plan-on-time indicator is compared on values: one regency plans every
    arrival at the PPK on time, another plans half of them late, and one kecamatan reports
    plans only. Returns the number of plan rows."""
    import datetime as dt
    import shutil

    import polars as pl

    shutil.copytree(source, target)
    path = target / "province=64" / "logistics.parquet"
    frame = pl.read_parquet(path)
    latest = frame.filter(pl.col("as_of") == pl.col("as_of").max())
    regency = pl.col("region_code").str.slice(0, 5)
    on_time = latest.filter(regency == "64.01").with_columns(
        basis=pl.lit("plan"), stage=pl.lit("ppk"), scheduled_date=pl.lit(dt.date(2024, 11, 24))
    )
    half_late = latest.filter(regency == "64.02").with_columns(
        basis=pl.lit("plan"),
        stage=pl.lit("ppk"),
        scheduled_date=pl.when(pl.col("tps_number") % 2 == 1)
        .then(pl.lit(dt.date(2024, 11, 27)))
        .otherwise(pl.lit(dt.date(2024, 11, 23))),
    )
    plan_only = pl.col("region_code").str.starts_with("64.03.01")
    frame = frame.with_columns(basis=pl.when(plan_only).then(pl.lit("plan")).otherwise("basis"))
    pl.concat([frame, on_time, half_late]).write_parquet(path)
    return on_time.height + half_late.height + frame.filter(plan_only).height


def agreement(data: Path) -> Result:
    """Check that the pandas versions compute what the library computes, on a small dataset.

    Not a timing: the indicator values, coverage, status and dates of (e) must equal the
    library's at every level, and (d) must find as many failing rows per rule as the library.
    """
    import tempfile

    import pandas_checks as checks
    import pandas_indicators as indicators
    import polars as pl

    from readiness.indicators import compute_indicators
    from readiness.ingest import load_dataset
    from readiness.validation import validate
    from readiness.validation._registry import CHECKS

    start = _clock()
    with tempfile.TemporaryDirectory() as folder:
        planned = Path(folder) / "planned"
        plan_rows = with_plans(data, planned)
        dataset = load_dataset(planned)
        pandas_levels = indicators.compute_all_levels(indicators.read_tables(planned))
        flawed = Path(folder) / "flawed"
        with_defects(data, flawed)
        every_count: dict[str, int] = {}
        for finding in validate(load_dataset(flawed), max_per_rule=None).findings:
            every_count[finding.rule] = every_count.get(finding.rule, 0) + finding.count
        pandas_counts, _ = checks.run_checks(checks.read_tables(flawed))
    # the baseline's rules (``pandas_checks.RULES``) are compared; every other rule the
    # library has, or a finding of reading, is named with its count and why it is not
    library_counts = {r: n for r, n in every_count.items() if r in checks.RULES}
    library_rules = {rule for rules, _ in CHECKS for rule in rules}
    not_compared = {
        rule: {"library_failing_rows": every_count.get(rule, 0),
               "why": checks.NOT_COMPARED.get(rule, "not a rule of the baseline")}
        for rule in sorted((library_rules | set(every_count)) - set(checks.RULES))
    }  # fmt: skip
    floor_compared, floor_mismatched = _floor_agreement(data)
    compared = mismatched = 0
    per_indicator: dict[str, int] = {}
    for level, frame in pandas_levels.items():
        ours = pl.from_pandas(frame).with_columns(pl.col("as_of").cast(pl.Date))
        theirs = compute_indicators(dataset, level=cast("Level", level))
        joined = theirs.join(ours, on=["region_code", "indicator"], how="full", suffix="_pd")
        same_value = ((pl.col("value") - pl.col("value_pd")).abs() < 1e-9) | (
            pl.col("value").is_null() & pl.col("value_pd").is_null()
        )
        same = (
            same_value
            & ((pl.col("coverage") - pl.col("coverage_pd")).abs() < 1e-9)
            & (pl.col("status").fill_null("-") == pl.col("status_pd").fill_null("-"))
            & pl.col("as_of").eq_missing(pl.col("as_of_pd"))
        ).fill_null(False)
        compared += joined.height
        mismatched += joined.filter(~same).height
        both = pl.coalesce("indicator", "indicator_pd")
        for indicator, values in joined.group_by(both.alias("id")).len().iter_rows():
            per_indicator[indicator] = per_indicator.get(indicator, 0) + values
    return {
        "rows": int(sum(dataset.row_counts().values())),
        "load_s": 0.0,
        "compute_s": _clock() - start,
        "detail": {
            "indicator_values_compared": compared,
            "indicator_values_different": mismatched,
            "indicators_compared": dict(sorted(per_indicator.items())),
            "indicator_plan_rows_added": plan_rows,
            "check_rules_compared": list(checks.RULES),
            "check_counts_library": library_counts,
            "check_counts_pandas": pandas_counts,
            "check_counts_equal": library_counts == pandas_counts,
            "check_rules_not_compared": not_compared,
            "floor_values_compared": floor_compared,
            "floor_values_different": floor_mismatched,
        },
    }


def _floor_agreement(data: Path) -> tuple[int, int]:
    """The one-pass polars floor against its per-level reference: (values compared, values
    that differ), every number at every level."""
    import polars as pl
    import polars_floor as floor

    tables, regions = floor.read_tables(data), floor.read_regions()
    one_pass = floor.core_numbers(tables, regions)
    reference = floor.core_numbers_by_level(tables, regions)
    compared = different = 0
    for level, expected in reference.items():
        joined = expected.join(one_pass[level], on="code", how="full", suffix="_one_pass")
        for column in expected.columns[1:]:
            a = pl.col(column).cast(pl.Float64)
            b = pl.col(f"{column}_one_pass").cast(pl.Float64)
            same = ((a - b).abs() < 1e-12) | (a.is_null() & b.is_null()) | (a.is_nan() & b.is_nan())
            compared += joined.height
            different += joined.filter(~same.fill_null(False)).height
    return compared, different


STEPS["agreement"] = agreement


def load_only(data: Path) -> Result:
    """Only read the dataset with the library's loader (to split a pipeline's memory)."""
    dataset, load = _load(data)
    return {"rows": _rows(dataset), "load_s": load, "compute_s": 0.0}


STEPS["load"] = load_only
STEPS["polars_floor_lazy"] = lambda data: polars_floor(data, lazy=True)


def pipeline_by_province(data: Path) -> Result:
    """(b)+(c) one province at a time (``readiness.batch.run_by_province``): reading,
    validation and every indicator at every level, each partition released before the next.
    Reading is inside the loop, so it is counted in ``compute_s``."""
    from readiness.batch import run_by_province
    from readiness.contract import count_by_severity

    start = _clock()
    result = run_by_province(data)
    counts = count_by_severity(result.findings)
    detail = {
        "partitions": len(result.partitions),
        "errors": counts["error"],
        "warnings": counts["warning"],
        **{f"{level}_rows": frame.height for level, frame in result.indicators.items()},
    }
    return {"rows": sum(result.row_counts.values()), "load_s": 0.0,
            "compute_s": _clock() - start, "detail": detail}  # fmt: skip


STEPS["pipeline_by_province"] = pipeline_by_province


def read_csv(data: Path, rows: int = 200_000) -> Result:
    """(g) Read one CSV of ``rows`` logistics rows (taken from the national data, written
    before the clock) with the library's loader: the CSV path stays vectorised."""
    import tempfile

    import polars as pl

    from readiness.ingest import load_dataset

    _import_library()
    sample = pl.scan_parquet(data / "province=*" / "logistics.parquet").head(rows).collect()
    with tempfile.TemporaryDirectory() as folder:
        sample.write_csv(Path(folder) / "logistics.csv")
        start = _clock()
        dataset = load_dataset(folder)
        load = _clock() - start
    table = dataset.table("logistics")
    errors = sum(1 for f in dataset.findings if f.severity == "error")
    return {"rows": table.height, "load_s": load, "compute_s": 0.0,
            "detail": {"rows_read": table.height, "reading_errors": errors}}  # fmt: skip


def validate_stations(data: Path, per_village: int = 5) -> Result:
    """(h) Validate a polling-station table of ``per_village`` stations per village of the
    country (about 420,000 rows) with 1,000 stations over the voter norm, 1,000 negative
    counts and 1,000 repeated rows; ``data`` is not read."""
    import datetime as dt

    import polars as pl

    from readiness.contract import polars_schema
    from readiness.ingest import Dataset
    from readiness.regions import region_table
    from readiness.validation import validate

    _import_library()
    villages = region_table().filter(pl.col("code").str.len_chars() == 13)["code"]
    n = villages.len() * per_village
    stations = pl.DataFrame({
        "region_code": villages.to_frame().select(pl.col("code").repeat_by(per_village))
        .explode("code")["code"],
        "tps_number": pl.int_range(1, per_village + 1, eager=True).to_list() * villages.len(),
        "tps": [1] * n,
        "voters": pl.int_range(0, n, eager=True) % 500 + 50,
        "as_of": [dt.date(2024, 11, 25)] * n,
    })  # fmt: skip
    stations = pl.concat(
        [pl.DataFrame(schema=polars_schema("polling_stations")), stations], how="diagonal_relaxed"
    ).with_columns(_file=pl.col("region_code").str.slice(0, 5) + ".xlsx", _sheet=pl.lit("TPS"),
                   _row=pl.int_range(2, n + 2))  # fmt: skip
    broken = pl.concat([
        stations.head(1000).with_columns(voters=pl.lit(700, pl.Int64)),
        stations.slice(1000, 1000).with_columns(tps=pl.lit(-1, pl.Int64)),
        stations.slice(2000, n - 2000),
        stations.tail(1000).with_columns(_row=pl.col("_row") + n),
    ])  # fmt: skip
    dataset = Dataset(name="national", tables={"polling_stations": broken})
    start = _clock()
    findings = validate(dataset, max_per_rule=50).findings
    compute = _clock() - start
    by_rule = {f.rule: f.count for f in findings if f.count > 1}
    return {"rows": broken.height, "load_s": 0.0, "compute_s": compute, "detail": by_rule}


STEPS["read_csv"] = read_csv
STEPS["validate_stations"] = validate_stations
