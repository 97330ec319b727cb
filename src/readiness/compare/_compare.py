"""The provincial comparison: ranks, statuses, composite readiness and its sensitivity."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from readiness.compare._config import CompareConfig, CompareConfigError, load_compare_config
from readiness.compare._normalise import goalposts, minmax, oriented
from readiness.contract import Language, Text, format_percent
from readiness.indicators import FRESHNESS_STATUSES, load_registry, status_expr
from readiness.regions import code_depth_expr

__all__ = [
    "Comparison",
    "bottom_group_size",
    "compare_regencies",
    "not_ranked_reason",
    "shown_coverage",
]


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare_regencies`.

    - ``indicators``: the indicator rows with ``rank`` (1 = best, honouring direction; null
      without a value, and for a descriptive indicator, which has no direction), ``ranked``
      (regions ranked on it), normalised ``score`` (0–1; null when descriptive) and
      ``status`` (as :func:`readiness.compute_indicators` gave it, or from the thresholds
      the comparison's settings override, by the same rule);
    - ``composite``: per regency the weighted ``score``, its ``coverage`` (share of the
      weights reported), ``n_indicators``, ``rank`` and ``status`` (both null below
      ``min_composite_coverage``: see :func:`not_ranked_reason`);
    - ``sensitivity``: per ranked regency, over random weight draws, the share of draws where
      it keeps its rank, the share where it falls in the bottom group, and its rank range.
    """

    indicators: pl.DataFrame
    composite: pl.DataFrame
    sensitivity: pl.DataFrame
    config: CompareConfig

    def not_ranked_reason(self, region_code: str, lang: Language = "id") -> str | None:
        """Why a regency has no composite rank and status, or None when it has them."""
        rows = self.composite.filter(pl.col("region_code") == region_code)
        coverage = float(rows["coverage"][0]) if rows.height else 0.0
        return not_ranked_reason(coverage, self.config.min_composite_coverage, lang)

    def as_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready): the three frames as lists of records, and the settings."""
        return {
            "indicators": _records(self.indicators),
            "composite": _records(self.composite),
            "sensitivity": _records(self.sensitivity),
            "settings": {
                "weights": self.config.weights,
                "normalisation": self.config.normalisation,
                "composite_thresholds": {
                    "ready": self.config.composite_thresholds.ready,
                    "critical": self.config.composite_thresholds.critical,
                },
                "min_composite_coverage": self.config.min_composite_coverage,
                "bottom_group": self.config.bottom_group,
                "draws": self.config.draws,
                "concentration": self.config.concentration,
                "seed": self.config.seed,
            },
        }


def _records(frame: pl.DataFrame) -> list[dict[str, Any]]:
    return [
        {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}
        for row in frame.iter_rows(named=True)
    ]


def _latest(indicators: pl.DataFrame) -> pl.DataFrame:
    frame = indicators.filter(code_depth_expr(pl.col("region_code")) == 2)
    if frame["as_of"].null_count() == frame.height:
        return frame
    latest = pl.col("as_of").max().over("region_code", "indicator")
    return frame.filter(latest.is_null() | (pl.col("as_of") == latest))


def _per_indicator(frame: pl.DataFrame, config: CompareConfig) -> pl.DataFrame:
    registry = load_registry()
    blocks = []
    for indicator_id in frame["indicator"].unique(maintain_order=True).to_list():
        block = frame.filter(pl.col("indicator") == indicator_id)
        if indicator_id not in registry:
            continue
        spec = registry[indicator_id]
        if spec.direction == "none":
            # descriptive: shown for what it says about the region, never scored or ranked
            blocks.append(
                block.with_columns(
                    rank=pl.lit(None, pl.Int64),
                    ranked=pl.lit(0, pl.Int64),
                    score=pl.lit(None, pl.Float64),
                )
            )
            continue
        norms = block["norm"].drop_nulls()
        norm = float(norms[0]) if norms.len() else None
        thresholds = config.thresholds_of(indicator_id)
        bounds = thresholds.resolve(norm) if thresholds is not None else None
        # a stale figure or a plan is not compared: no score, no rank, its status kept
        judged = ~pl.col("status").is_in(FRESHNESS_STATUSES).fill_null(False)
        value = pl.when(judged).then(pl.col("value"))
        if config.normalisation == "goalposts" and bounds is not None:
            score = goalposts(value, spec.direction, bounds[0], bounds[1], norm)
        else:
            score = minmax(value, spec.direction, norm)
        turned = oriented(value, spec.direction, norm)
        # one source of statuses: compute_indicators' own, unless the comparison's settings
        # override this indicator's thresholds (then the same rule with those thresholds)
        status = (
            pl.when(judged)
            .then(status_expr(value, spec.direction, thresholds, pl.col("norm")))
            .otherwise(pl.col("status"))
            if indicator_id in config.thresholds
            else pl.col("status")
        )
        blocks.append(
            block.with_columns(
                status=status,
                rank=turned.rank("min", descending=True).cast(pl.Int64),
                ranked=value.is_not_null().sum().cast(pl.Int64),
                score=score.cast(pl.Float64),
            )
        )
    if not blocks:
        return frame.with_columns(
            rank=pl.lit(None, pl.Int64), ranked=pl.lit(0, pl.Int64), score=pl.lit(None, pl.Float64)
        )
    return pl.concat(blocks)


def _composite(scored: pl.DataFrame, config: CompareConfig) -> pl.DataFrame:
    total = sum(config.weights.values())
    weights = pl.DataFrame(
        {
            "indicator": list(config.weights),
            "weight": [w / total for w in config.weights.values()],
        }
    )
    regions = scored.select("region_code", "region_name").unique(maintain_order=True)
    joined = scored.join(weights, on="indicator", how="inner")
    available = pl.col("score").is_not_null()
    composite = joined.group_by("region_code").agg(
        weighted=(pl.col("score") * pl.col("weight")).filter(available).sum(),
        coverage=pl.col("weight").filter(available).sum(),
        n_indicators=available.sum().cast(pl.Int64),
    )
    composite = regions.join(composite, on="region_code", how="left").with_columns(
        pl.col("coverage").fill_null(0.0),
        pl.col("n_indicators").fill_null(0),
    )
    enough = pl.col("coverage") >= config.min_composite_coverage - 1e-12
    composite = composite.with_columns(
        score=pl.when(pl.col("coverage") > 0).then(pl.col("weighted") / pl.col("coverage")),
    ).with_columns(
        rank=pl.when(enough & pl.col("score").is_not_null()).then(
            pl.when(enough).then(pl.col("score")).rank("min", descending=True)
        ),
        status=pl.when(enough).then(
            status_expr(pl.col("score"), "higher", config.composite_thresholds, None)
        ),
    )
    return composite.select(
        "region_code",
        "region_name",
        "score",
        "coverage",
        "n_indicators",
        pl.col("rank").cast(pl.Int64),
        pl.col("status").cast(pl.String),
    ).sort("region_code")


def _sensitivity(
    scored: pl.DataFrame, composite: pl.DataFrame, config: CompareConfig
) -> pl.DataFrame:
    ranked = composite.filter(pl.col("rank").is_not_null()).sort("region_code")
    schema = {
        "region_code": pl.String,
        "keeps_rank_share": pl.Float64,
        "bottom_share": pl.Float64,
        "rank_min": pl.Int64,
        "rank_max": pl.Int64,
    }
    if ranked.height == 0:
        return pl.DataFrame(schema=schema)
    ids = list(config.weights)
    wide = (
        scored.filter(pl.col("indicator").is_in(ids))
        .pivot(on="indicator", index="region_code", values="score")
        .join(ranked.select("region_code"), on="region_code", how="right")
        .sort("region_code")
    )
    for indicator_id in ids:
        if indicator_id not in wide.columns:
            wide = wide.with_columns(pl.lit(None, pl.Float64).alias(indicator_id))
    scores = wide.select(ids).to_numpy().astype(float)
    present = ~np.isnan(scores)
    filled = np.where(present, scores, 0.0)
    base = np.array([config.weights[i] for i in ids], dtype=float)
    base = base / base.sum()
    rng = np.random.default_rng(config.seed)
    draws = rng.dirichlet(config.concentration * base * len(ids), size=config.draws)
    weighted = filled @ draws.T
    mass = present.astype(float) @ draws.T
    with np.errstate(invalid="ignore", divide="ignore"):
        drawn = np.where(mass > 0, weighted / mass, np.nan)
    ranks = np.empty_like(drawn, dtype=np.int64)
    for column in range(drawn.shape[1]):
        values = -np.nan_to_num(drawn[:, column], nan=np.inf * -1)
        ordered = np.sort(values)
        ranks[:, column] = np.searchsorted(ordered, values, side="left") + 1
    base_rank = ranked["rank"].to_numpy()[:, None]
    count = ranked.height
    bottom = count - bottom_group_size(count, config.bottom_group)
    return pl.DataFrame(
        {
            "region_code": wide["region_code"],
            "keeps_rank_share": (ranks == base_rank).mean(axis=1),
            "bottom_share": (ranks > bottom).mean(axis=1),
            "rank_min": ranks.min(axis=1),
            "rank_max": ranks.max(axis=1),
        },
        schema=schema,
    )


_NOT_RANKED = Text(
    "data tersedia {coverage} dari bobot, perlu ≥ {minimum}",
    "data available for {coverage} of the weight, needs ≥ {minimum}",
)


def shown_coverage(coverage: float | None, minimum: float) -> float:
    """The coverage rounded to whole percent for display, but down where rounding would reach
    a minimum the coverage does not, so a figure never reads as if the minimum were met.

    >>> shown_coverage(0.538, 0.7), shown_coverage(0.6999, 0.7), shown_coverage(0.7, 0.7)
    (0.54, 0.69, 0.7)
    """
    share = coverage or 0.0
    percent = round(share * 100)
    if share < minimum - 1e-12 and percent >= minimum * 100 - 1e-9:
        percent = math.floor(share * 100 + 1e-9)
    return percent / 100


def not_ranked_reason(coverage: float | None, minimum: float, lang: Language = "id") -> str | None:
    """Why a composite with this weight ``coverage`` is not ranked, or None when it is.

    >>> not_ranked_reason(0.38, 0.7), not_ranked_reason(0.699, 0.7, "en")
    ('data tersedia 38 % dari bobot, perlu ≥ 70 %', 'data available for 69% of the weight, needs ≥ 70%')
    >>> not_ranked_reason(0.7, 0.7) is None
    True
    """
    if (coverage or 0.0) >= minimum - 1e-12:
        return None
    return _NOT_RANKED.format(
        coverage=format_percent(shown_coverage(coverage, minimum), lang, 0),
        minimum=format_percent(minimum, lang, 0),
    ).get(lang)


def bottom_group_size(ranked: int, configured: int) -> int:
    """How many last ranks form the bottom group: as configured, at most a third, at least 1.

    >>> bottom_group_size(10, 3), bottom_group_size(7, 3), bottom_group_size(2, 3)
    (3, 2, 1)
    """
    return max(1, min(configured, ranked // 3))


def compare_regencies(
    indicators: pl.DataFrame, *, config: CompareConfig | Path | str | None = None
) -> Comparison:
    """Rank the kabupaten/kota on every indicator and on a composite, with its stability.

    ``indicators`` is the frame of :func:`readiness.compute_indicators` at level
    ``kabupaten`` (with several as-of dates the latest per regency is used). ``config`` is a
    :class:`CompareConfig`, a YAML file overriding ``compare/data/status.yaml``, or None.

    The composite is the weighted mean of the normalised scores (0–1) of the weighted
    indicators a regency has; missing indicators are left out and reported through
    ``coverage`` (share of the weights present). Below ``min_composite_coverage`` a regency
    gets neither rank nor status (:meth:`Comparison.not_ranked_reason` says why).
    Descriptive indicators (direction ``none``) get no score and no rank.

    >>> import polars as pl
    >>> frame = pl.DataFrame({"region_code": ["64.01", "64.02", "64.03"],
    ...     "region_name": ["A", "B", "C"], "indicator": ["logistics_completion_kecamatan"] * 3,
    ...     "value": [1.0, 0.5, None], "unit": ["share"] * 3, "coverage": [1.0, 1.0, 0.0],
    ...     "norm": [None] * 3, "status": [None] * 3, "as_of": [None] * 3})
    >>> result = compare_regencies(frame, config=CompareConfig(
    ...     weights={"logistics_completion_kecamatan": 1.0}, draws=50))
    >>> result.composite.select("region_code", "rank", "status").rows()
    [('64.01', 1, 'ready'), ('64.02', 2, 'critical'), ('64.03', None, None)]
    >>> result.sensitivity["keeps_rank_share"].to_list()
    [1.0, 1.0]
    """
    settings = config if isinstance(config, CompareConfig) else load_compare_config(config)
    frame = _latest(indicators)
    if frame.height == 0 and indicators.height > 0:
        raise CompareConfigError(
            Text(
                "Perbandingan memerlukan baris kabupaten/kota (kode seperti 64.03), tidak ada.",
                "compare_regencies expects kabupaten/kota rows (codes like 64.03), got none.",
                hint=Text(
                    "hitung indikator pada tingkat kabupaten.",
                    "compute_indicators(dataset, level='kabupaten').",
                ),
            )
        )
    scored = _per_indicator(frame, settings)
    composite = _composite(scored, settings)
    sensitivity = _sensitivity(scored, composite, settings)
    return Comparison(
        indicators=scored.sort("indicator", "region_code"),
        composite=composite,
        sensitivity=sensitivity,
        config=settings,
    )
