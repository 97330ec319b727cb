"""Duplicate rules: a record repeated word for word, or two records for the same key.

The first occurrence (in the order the records were read) is the original; each later copy is a
finding that points back at it, naming the key columns that identify the record (those filled)
and their values.
"""

from __future__ import annotations

import polars as pl

from readiness.contract import PROVENANCE_COLUMNS, TABLES
from readiness.validation._registry import VALUE_DATE_FORMAT, Context, Rule, check

__all__: list[str] = []

DUPLICATE_ROW = Rule(
    "duplicate.row", "error",
    "Baris tidak berulang", "No repeated rows",
    "Baris ini sama persis dengan baris {first_row} ({first_file}).",
    "This row repeats row {first_row} ({first_file}) exactly.",
    "Hapus salah satu baris agar angkanya tidak terhitung dua kali.",
    "Delete one of the two rows so its figures are not counted twice.",
)  # fmt: skip
DUPLICATE_KEY = Rule(
    "duplicate.key", "error",
    "Satu baris per kunci", "One row per key",
    "Wilayah dan tanggal ({keys}) sudah ada di baris {first_row} ({first_file}) dengan angka "
    "berbeda.",
    "The same region and date ({keys}) already appear on row {first_row} ({first_file}) with "
    "different figures.",
    "Pertahankan satu baris dengan angka yang benar, atau bedakan tanggal 'Per tanggal'.",
    "Keep one row with the right figures, or give the rows different as-of dates.",
)  # fmt: skip


def _later_copies(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    frame = frame.filter(frame.select(columns).is_duplicated())
    first = pl.col("_order").min().over(columns)
    return (
        frame.with_columns(_first=first)
        .filter(pl.col("_order") != pl.col("_first"))
        .join(
            frame.select(
                pl.col("_order").alias("_first"),
                pl.col("_row").alias("first_row"),
                pl.col("_file").alias("first_file"),
            ),
            on="_first",
            how="left",
        )
    )


def _may_repeat(frame: pl.DataFrame, columns: list[str]) -> pl.Series | None:
    """Rows whose ``columns`` hash like another row's (a superset of the repeats), or ``None``
    when no two rows hash alike. Sorting the hashes finds equal ones faster than a hash table."""
    hashes = frame.select(columns).hash_rows()
    ordered = hashes.sort()
    repeated = ordered.filter(ordered == ordered.shift(1))
    if repeated.len() == 0:
        return None
    return frame.select(pl.lit(hashes).is_in(repeated.unique().implode())).to_series()


def _shown(column: str, kind: str) -> pl.Expr:
    if kind == "date":
        return pl.col(column).dt.strftime(VALUE_DATE_FORMAT)
    return pl.col(column).cast(pl.String)


@check(DUPLICATE_ROW, DUPLICATE_KEY)
def check_duplicates(context: Context) -> pl.DataFrame:
    """Repeated rows and repeated keys, per table across all files."""
    parts = []
    for name, frame in context.dataset.tables.items():
        if frame.height < 2:
            continue
        spec = TABLES[name]
        key = list(spec.key)
        # a repeated row repeats its key too: look closer only at rows whose key repeats,
        # first by hash, then exactly (two keys may share a hash)
        may_repeat = _may_repeat(frame, key)
        if may_repeat is None:
            continue
        candidates = frame.with_row_index("_order").filter(may_repeat)
        candidates = candidates.filter(candidates.select(key).is_duplicated())
        if candidates.height == 0:
            continue
        repeats = _later_copies(candidates, list(spec.column_names))
        keyed = candidates.filter(
            pl.all_horizontal(pl.col("region_code", "as_of").is_not_null())
            & (pl.col("case_id").is_not_null() if "case_id" in spec.column_names else True)
        )
        key_clashes = _later_copies(keyed, key).join(
            repeats.select("_order"), on="_order", how="anti"
        )
        keys = pl.concat_str(
            [pl.col(k).cast(pl.String).fill_null("-") for k in spec.key], separator=", "
        )
        key_columns = pl.concat_str(
            [pl.when(pl.col(k).is_not_null()).then(pl.lit(k)) for k in spec.key],
            separator=", ",
            ignore_nulls=True,
        )
        key_values = pl.concat_str(
            [_shown(k, spec.column(k).kind) for k in spec.key], separator=", ", ignore_nulls=True
        )
        for rule, found in ((DUPLICATE_ROW, repeats), (DUPLICATE_KEY, key_clashes)):
            parts.append(
                found.select(
                    pl.lit(rule.id).alias("rule"),
                    pl.lit(name).alias("table"),
                    *PROVENANCE_COLUMNS,
                    key_columns.alias("column"),
                    key_values.alias("value"),
                    "first_row",
                    "first_file",
                    keys.alias("keys"),
                )
            )
    if not parts:
        return pl.DataFrame(schema={"rule": pl.String})
    return pl.concat(parts, how="vertical_relaxed")
