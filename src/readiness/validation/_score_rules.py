"""Score rules: a vulnerability score within its instrument's range, and its category the one
the published cut-points give at the region's level (both from the election's YAML file)."""

from __future__ import annotations

import polars as pl

from readiness.contract import (
    LANGUAGES,
    PROVENANCE_COLUMNS,
    VULNERABILITY_CATEGORIES,
    format_number,
)
from readiness.regions import code_depth_expr as depth
from readiness.validation._registry import Context, Rule, check

__all__: list[str] = []

_LEVELS = {1: "province", 2: "regency"}
"""Region code depth → the level name the election file gives cut-points for."""

SCORE_RANGE = Rule(
    "vulnerability.score_range", "error",
    "Skor dalam rentang instrumennya", "Score within its instrument's range",
    "{column} {value} di luar rentang {instrument} ({minimum}–{maximum}).",
    "{column} {value} is outside the {instrument} range ({minimum}–{maximum}).",
    "Periksa skornya ({basis}); tulis skor apa adanya, mis. 77,04.",
    "Check the score ({basis}); write the score as published, e.g. 77.04.",
)  # fmt: skip
SCORE_CATEGORY = Rule(
    "vulnerability.score_category", "error",
    "Kategori sesuai skor", "Category matches the score",
    "Kategori {category_id} tidak sesuai skor {value}: menurut batas yang diterbitkan "
    "({bounds_id}) skor itu {expected_id}.",
    "Category {category_en} does not match the score {value}: by the published cut-points "
    "({bounds_en}) that score is {expected_en}.",
    "Periksa skor dan kategorinya ({basis}); salah satunya keliru.",
    "Check the score and its category ({basis}); one of them is wrong.",
)  # fmt: skip


@check(SCORE_RANGE, SCORE_CATEGORY)
def check_scores(context: Context) -> pl.DataFrame:
    """Scores of each instrument with a scale in the election file: range and category."""
    frame = context.dataset.table("vulnerabilities")
    parts = []
    for instrument, scale in context.election.scores.items():
        rows = frame.filter((pl.col("instrument") == instrument) & pl.col("score").is_not_null())
        if rows.height == 0:
            continue
        located: list[pl.Expr] = [
            pl.lit("vulnerabilities").alias("table"),
            *(pl.col(c) for c in PROVENANCE_COLUMNS),
            pl.lit("score").alias("column"),
            pl.col("score").alias("value"),
            pl.lit(scale.basis).alias("basis"),
        ]
        score = pl.col("score")
        outside = (score < scale.minimum) | (score > scale.maximum) | score.is_nan()
        parts.append(
            rows.filter(outside).select(
                pl.lit(SCORE_RANGE.id).alias("rule"),
                *located,
                pl.lit(instrument.upper()).alias("instrument"),
                pl.lit(scale.minimum).alias("minimum"),
                pl.lit(scale.maximum).alias("maximum"),
            )
        )
        level = depth(pl.col("region_code")).replace_strict(
            _LEVELS, default=None, return_dtype=pl.String
        )
        for level_name in _LEVELS.values():
            if level_name not in scale.cut_points:
                continue
            medium, high = scale.cut_points[level_name]
            expected = (
                pl.when(score >= high).then(pl.lit("high"))
                .when(score >= medium).then(pl.lit("medium"))
                .otherwise(pl.lit("low"))
            )  # fmt: skip
            wrong = rows.filter(
                ~outside
                & (level == level_name)
                & pl.col("category").is_not_null()
                & (pl.col("category") != expected)
            )
            if wrong.height == 0:
                continue
            bounds = {
                lang: f"{VULNERABILITY_CATEGORIES.label('low', lang).lower()} < {format_number(medium, lang, 6, trim=True)} ≤ "
                f"{VULNERABILITY_CATEGORIES.label('medium', lang).lower()} < {format_number(high, lang, 6, trim=True)} ≤ "
                f"{VULNERABILITY_CATEGORIES.label('high', lang).lower()}"
                for lang in LANGUAGES
            }
            parts.append(
                wrong.with_columns(expected=expected).select(
                    pl.lit(SCORE_CATEGORY.id).alias("rule"),
                    *located,
                    *(
                        pl.col(name)
                        .replace_strict(
                            {
                                k: VULNERABILITY_CATEGORIES.label(k, lang)
                                for k in VULNERABILITY_CATEGORIES.keys
                            },
                            default=pl.col(name),
                        )
                        .alias(f"{alias}_{lang}")
                        for lang in LANGUAGES
                        for name, alias in (("category", "category"), ("expected", "expected"))
                    ),
                    pl.lit(bounds["id"]).alias("bounds_id"),
                    pl.lit(bounds["en"]).alias("bounds_en"),
                )
            )
    found = [p for p in parts if p.height > 0]
    if not found:
        return pl.DataFrame(schema={"rule": pl.String})
    return pl.concat(found, how="diagonal_relaxed")
