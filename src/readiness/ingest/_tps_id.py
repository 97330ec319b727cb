"""KPU's polling-station identifier: the 10-digit village code without dots and a 3-digit TPS
number, e.g. ``6403012001001`` (Desa Merabu, TPS 001), as KPU and Sirekap write it."""

from __future__ import annotations

import polars as pl

from readiness.ingest._convert import DISTINCT_FROM_ROWS

__all__ = ["KPU_TPS_ID", "split_kpu_tps_ids"]

KPU_TPS_ID = r"^\d{13}$"
"""A KPU TPS identifier: 13 digits, no dots."""


def split_kpu_tps_ids(raw: dict[str, pl.Series], has_tps_number: bool) -> dict[str, pl.Series]:
    """Read KPU TPS identifiers in the region code column as a village code and a TPS number.

    Only tables with a TPS number column take them; the TPS number written beside an
    identifier is kept (validation compares nothing here), a blank one is filled. Columns
    without an identifier come back as they were (the same series); a long column is first
    looked at once per distinct code.

    >>> raw = {"region_code": pl.Series(["6403012001001", "64.03.01"]),
    ...        "tps_number": pl.Series([None, None], dtype=pl.String)}
    >>> out = split_kpu_tps_ids(raw, True)
    >>> out["region_code"].to_list(), out["tps_number"].to_list()
    (['6403012001', '64.03.01'], ['1', None])
    """
    codes = raw.get("region_code")
    if codes is None or not has_tps_number:
        return raw
    if len(codes) >= DISTINCT_FROM_ROWS and not _identifiers(_text(codes.unique())).any():
        return raw
    text = _text(codes)
    is_id = _identifiers(text)
    if not is_id.any():
        return raw
    out = dict(raw)
    out["region_code"] = (
        pl.select(
            pl.when(pl.lit(is_id)).then(pl.lit(text).str.slice(0, 10)).otherwise(pl.lit(codes))
        )
        .to_series()
        .alias(codes.name)
    )
    number = text.str.slice(10, 3).cast(pl.Int64, strict=False).cast(pl.String)
    current = raw.get("tps_number")
    if current is None:
        out["tps_number"] = pl.select(pl.when(pl.lit(is_id)).then(pl.lit(number))).to_series()
    else:
        blank = current.cast(pl.String, strict=False).str.strip_chars().replace("", None).is_null()
        out["tps_number"] = (
            pl.select(
                pl.when(pl.lit(is_id & blank))
                .then(pl.lit(number))
                .otherwise(pl.lit(current.cast(pl.String, strict=False)))
            )
            .to_series()
            .alias(current.name)
        )
    return out


def _text(codes: pl.Series) -> pl.Series:
    """The codes as text without surrounding spaces."""
    return codes.cast(pl.String, strict=False).str.strip_chars()


def _identifiers(text: pl.Series) -> pl.Series:
    """Whether each code (as :func:`_text` gives it) is a KPU TPS identifier."""
    return text.str.contains(KPU_TPS_ID).fill_null(False)
