"""What every indicator computation starts from: the election with its norms, and the
dataset's tables in canonical columns without the rows validation rejects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl

from readiness import contract
from readiness.contract import TABLES, Election, TableName, Text, load_election, polars_schema
from readiness.indicators._errors import IndicatorInputError
from readiness.ingest import Dataset, PartialDatasetError, provinces_of
from readiness.regions import province_code

__all__ = ["Inputs", "input_columns", "resolve_election", "usable_inputs"]


def resolve_election(
    election: str | Election = contract.DEFAULT_ELECTION,
    norms_override: Path | str | Mapping[str, float] | None = None,
) -> Election:
    """The election with its norms, after overrides from a YAML file or a mapping.

    >>> resolve_election(norms_override={"max_voters_per_tps": 500}).norm("max_voters_per_tps").value
    500.0
    >>> resolve_election(norms_override={"max_voter_per_tps": 500})
    Traceback (most recent call last):
    ...
    readiness.indicators._errors.IndicatorInputError: norms_override: unknown norm 'max_voter_per_tps'. Hint: did you mean 'max_voters_per_tps'?
    """
    election_id = election.id if isinstance(election, Election) else election
    try:
        if isinstance(norms_override, str | Path):
            resolved = load_election(election_id, overrides=Path(norms_override))
        elif isinstance(election, Election):
            resolved = election
        else:
            resolved = load_election(election_id)
    except (OSError, ValueError) as error:
        where = f" ({norms_override})" if isinstance(norms_override, str | Path) else ""
        detail = str(error).rstrip(".")
        raise IndicatorInputError(
            Text(
                f"Norma{where} tidak dapat dipakai: {detail}.",
                f"the norms{where} cannot be used: {detail}.",
                hint=Text(
                    "periksa nama pemilihan dan berkas norma (bentuknya sama dengan berkas "
                    "bawaan).",
                    "check the election id and the norms file (same shape as the packaged one).",
                ),
            )
        ) from None
    if isinstance(norms_override, Mapping):
        norms = dict(resolved.norms)
        for norm_id, value in norms_override.items():
            if norm_id not in norms:
                import difflib

                close = difflib.get_close_matches(norm_id, list(norms), n=1)
                known = ", ".join(norms)
                hint = (
                    Text(f"maksudnya {close[0]!r}?", f"did you mean {close[0]!r}?")
                    if close
                    else Text(f"yang dikenal: {known}", f"known: {known}")
                )
                raise IndicatorInputError(
                    Text(
                        f"Norma pengganti: norma {norm_id!r} tidak dikenal.",
                        f"norms_override: unknown norm {norm_id!r}.",
                        hint=hint,
                    )
                )
            norms[norm_id] = replace(norms[norm_id], value=float(value))
        resolved = replace(resolved, norms=norms)
    return resolved


_UNUSED = frozenset(
    {"region_name", "source", "note", "security_scope", "scope", "mitigation",
     "mitigation_owner", "reference"}
)  # fmt: skip
"""Free-text columns no formula reads (dropped early to keep memory low)."""


def input_columns() -> dict[TableName, list[str]]:
    """The columns of each table the formulas read (published figures are reconciled by
    validation, not read): what a caller that only computes needs to load.

    >>> input_columns()["summary"][:3]
    ['region_code', 'as_of', 'kecamatan_count']
    >>> "published_figures" in input_columns(), "note" in input_columns()["logistics"]
    (False, False)
    """
    return {
        name: [column for column in polars_schema(name) if column not in _UNUSED]
        for name in TABLES
        if name != "published_figures"
    }


def _conform(frame: pl.DataFrame, name: TableName, columns: list[str]) -> pl.DataFrame:
    """The table in ``columns`` with their canonical dtypes; absent columns are null (not
    reported)."""
    schema = polars_schema(name)
    return frame.select(
        [
            pl.col(column).cast(schema[column], strict=False)
            if column in frame.columns
            else pl.lit(None, schema[column]).alias(column)
            for column in columns
        ]
    )


def _provinces(dataset: Dataset, tables: Mapping[TableName, pl.DataFrame]) -> list[str]:
    """The provinces of the usable rows: the dataset's one province, what its build recorded
    when no row was left out, else found in the rows."""
    if dataset.province_code:
        return [province_code(dataset.province_code)]
    stamp = dataset.built
    recorded = stamp.provinces if stamp is not None and stamp.covers(dataset.tables) else None
    every_row = all(frame.height == dataset.tables[name].height for name, frame in tables.items())
    if recorded is not None and every_row:
        return sorted({code for name in tables for code in recorded[name]})
    return provinces_of(tables.values())


def _with_sorted_codes(frame: pl.DataFrame, *, in_order: bool | None = None) -> pl.DataFrame:
    """``frame`` with ``region_code`` flagged as sorted when it is (files written in code
    order): group-bys on it are then faster. ``in_order`` is what the build that wrote the
    rows recorded of their order (leaving rows out keeps it); when it recorded nothing, every
    code is checked. The flag is set only on tables without fractional numbers: a group-by on
    a sorted key may add a group's numbers in another order, which changes nothing for
    integers but may change the last bit of a sum of fractions.

    >>> codes = pl.DataFrame({"region_code": ["64.01", "64.03"], "tps": [1, 2]})
    >>> _with_sorted_codes(codes)["region_code"].flags["SORTED_ASC"]
    True
    >>> _with_sorted_codes(codes.reverse())["region_code"].flags["SORTED_ASC"]
    False
    """
    if "region_code" not in frame.columns or frame.height < 2 or in_order is False:
        return frame
    if any(dtype.is_float() for dtype in frame.schema.values()):
        return frame
    codes = frame["region_code"]
    if codes.flags["SORTED_ASC"]:
        return frame
    if in_order is None and (codes.null_count() or not codes.is_sorted()):
        return frame
    return frame.with_columns(codes.set_sorted())


@dataclass(frozen=True)
class Inputs:
    """What every computation starts from: the election, and the usable tables."""

    election: Election
    norms: dict[str, float]
    tables: dict[TableName, pl.DataFrame]
    provinces: list[str]


def _usable(dataset: Dataset, invalid: pl.DataFrame) -> dict[TableName, pl.DataFrame]:
    """Every table in canonical columns, without the rows validation rejects."""
    from readiness.validation import usable_rows

    wanted = input_columns()
    for name, columns in wanted.items():
        absent = [column for column in columns if column not in dataset.tables[name].columns]
        if dataset.partial and absent:
            raise PartialDatasetError(
                f"dataset {dataset.name!r} was read without columns the indicators use: "
                f"{name} {', '.join(absent)}. Hint: load it with "
                "columns=readiness.indicators.input_columns(), or whole."
            )
    stamp = dataset.built
    recorded = stamp.in_order if stamp is not None and stamp.covers(dataset.tables) else {}
    return {
        name: _with_sorted_codes(
            _conform(usable_rows(dataset.canonical(name), name, invalid), name, columns),
            in_order=recorded.get(name),
        )
        for name, columns in wanted.items()
    }


def usable_inputs(
    dataset: Dataset,
    election: str | Election,
    norms_override: Path | str | Mapping[str, float] | None,
    invalid: pl.DataFrame | None,
) -> Inputs:
    """The shared start of :func:`compute_levels` and :func:`prepare_context`."""
    resolved = resolve_election(election, norms_override)
    norms = {norm_id: norm.value for norm_id, norm in resolved.norms.items()}
    if invalid is None:
        from readiness.validation import invalid_rows

        invalid = invalid_rows(dataset, election=resolved)
    tables = _usable(dataset, invalid)
    return Inputs(resolved, norms, tables, _provinces(dataset, tables))
