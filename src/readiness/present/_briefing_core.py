"""The briefing's data: one frozen object that every section of the documents reads.

A :class:`BriefingCore` holds a dataset, its findings, its indicators at every level and the
comparison of regencies, with the small helpers the sections share (names, values, the
usable rows of a table, a value with its status mark). The sections are free functions over
it (``present/_section_*.py``); :class:`~readiness.present.Briefing` gathers them as methods.

Rows that validation rejects are left out of every figure, as they are out of the indicators:
a table shown is the usable rows only, and the summary says how many rows were left out and
where.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import polars as pl

from readiness.contract import Finding, Language, TableName
from readiness.present._format import MISSING, format_value
from readiness.present._labels import short, text
from readiness.validation import usable_rows

if TYPE_CHECKING:
    from readiness.compare import Comparison
    from readiness.indicators import Registry
    from readiness.ingest import Dataset
    from readiness.present._actions import Decision

__all__ = ["CORE_INDICATORS", "SEVERITY_RANK", "BriefingCore", "short"]

CORE_INDICATORS: tuple[str, ...] = (
    "logistics_completion_kecamatan",
    "logistics_on_track_kecamatan",
    "tps_per_village",
    "voters_per_tps",
    "police_per_tps",
    "neutrality_cases_open",
    "neutrality_followup_rate",
    "data_coverage",
)
"""Indicators of the provincial status table, in reading order."""

SEVERITY_RANK = {"critical": 0, "attention": 1, "ready": 2}
"""Judged statuses, most urgent first."""

_LEFT_OUT_SCHEMA = {
    "table": pl.String, "_index": pl.Int64, "_file": pl.String, "_sheet": pl.String,
    "_row": pl.Int64, "region_code": pl.String,
}  # fmt: skip
"""Columns of :attr:`BriefingCore.left_out`."""


@dataclass(frozen=True)
class BriefingCore:
    """Everything a briefing shows, for one region (a province or one of its regencies)."""

    dataset: Dataset
    region: str
    lang: Language
    findings: list[Finding]
    regencies: pl.DataFrame
    province: pl.DataFrame
    kecamatan: pl.DataFrame
    registry: Registry
    as_of: dt.date | None = None
    comparison: Comparison | None = None
    left_out: pl.DataFrame | None = None
    """Rows validation rejected (``table``, ``_index``, ``_file``, ``_sheet``, ``_row``,
    ``region_code``): out of every figure, counted in the summary."""

    @cached_property
    def decision(self) -> Decision:
        """Page 1's content: the actions for each regency not ready and the data requests
        (computed once per briefing)."""
        from readiness.present._decision import decision_of

        return decision_of(self)

    @property
    def is_province(self) -> bool:
        """Whether this is the provincial briefing (else a regency profile)."""
        return self.region == self.province_code

    @property
    def composite(self) -> pl.DataFrame:
        """Per regency: composite score, coverage, rank and status (from the comparison)."""
        if self.comparison is None:
            return pl.DataFrame()
        return self.comparison.composite

    def t(self, key: str, **values: object) -> str:
        """A phrase or sentence of the catalogue in the briefing's language, its ``{fields}``
        filled from ``values``."""
        phrase = text(key, self.lang)
        return phrase.format(**values) if values else phrase

    def name_of(self, indicator: str) -> str:
        """The registry name of an indicator in the briefing's language."""
        if indicator in self.registry:
            return self.registry[indicator].name(self.lang)
        return indicator

    @property
    def province_code(self) -> str:
        return self.region.split(".")[0]

    @property
    def region_name(self) -> str:
        from readiness.regions import get_region

        return str(get_region(self.region).name)

    @property
    def regency_codes(self) -> list[str]:
        from readiness.regions import children

        codes: list[str] = children(self.province_code)["code"].to_list()
        return codes

    def names(self) -> dict[str, str]:
        from readiness.regions import children

        table = children(self.province_code)
        return dict(zip(table["code"].to_list(), table["name"].to_list(), strict=True))

    def value(self, frame: pl.DataFrame, code: str, indicator: str) -> dict[str, Any] | None:
        rows = frame.filter((pl.col("region_code") == code) & (pl.col("indicator") == indicator))
        return rows.row(0, named=True) if rows.height else None

    def shown(self, row: dict[str, Any] | None) -> str:
        if row is None:
            return MISSING
        return format_value(row["value"], row["unit"], self.lang)

    def table(
        self, name: TableName, code: str | None = None, *, usable: bool = True
    ) -> pl.DataFrame:
        """A table of the dataset (only its usable rows unless ``usable`` is false), for one
        region and its parts when ``code`` is given."""
        frame = self.dataset.table(name)
        if usable and self.left_out is not None:
            frame = usable_rows(frame, name, self.left_out)
        if code is not None:
            frame = frame.filter(
                (pl.col("region_code") == code) | pl.col("region_code").str.starts_with(code + ".")
            )
        return frame

    def composite_of(self, code: str) -> str | None:
        composite = self.composite
        if composite.height == 0:
            return None
        rows = composite.filter(pl.col("region_code") == code)
        status: str | None = rows["status"][0] if rows.height else None
        return status if status is not None else "insufficient"

    def latest_as_of(self) -> dt.date | None:
        """The date of the newest figure (the briefing's date when none was asked for)."""
        dates = self.regencies["as_of"].drop_nulls()
        return dates.max() if dates.len() else None  # type: ignore[return-value]

    @property
    def briefing_date(self) -> dt.date | None:
        """The day the briefing shows: the date asked for, else that of the newest figure."""
        return self.as_of or self.latest_as_of()

    def older(self, day: dt.date | None) -> str:
        """`` (dd/mm)`` when ``day`` is before the briefing date, else ``""``: a figure older
        than the briefing shows its date."""
        today = self.briefing_date
        if day is None or today is None or day >= today:
            return ""
        return f" ({day.day:02d}/{day.month:02d})"

    def dated_value(self, row: dict[str, Any] | None) -> str:
        """A value as shown, with the date of its report when that is before the briefing
        date (a stale value too: its oldest input's date)."""
        if row is None:
            return MISSING
        day = row.get("oldest_as_of") if row.get("status") == "stale" else row.get("as_of")
        return self.shown(row) + (self.older(day) if row.get("value") is not None else "")

    def latest_summary(self) -> pl.DataFrame:
        """Each regency's latest summary row, not after the briefing date."""
        frame = self.table("summary")
        if self.as_of is not None:
            frame = frame.filter(pl.col("as_of").is_null() | (pl.col("as_of") <= self.as_of))
        return frame.sort("as_of", nulls_last=False).group_by("region_code").last()

    def left_out_rows(self, code: str | None = None) -> pl.DataFrame:
        """The rejected rows (one per row, however many findings it has), of ``code`` and its
        parts when given; rows no region can be told for count for the province only."""
        if self.left_out is None or self.left_out.height == 0:
            return pl.DataFrame(schema=_LEFT_OUT_SCHEMA)
        rows = self.left_out.unique(["table", "_file", "_sheet", "_row", "_index"])
        if code is not None and code != self.province_code:
            rows = rows.filter(
                (pl.col("region_code") == code) | pl.col("region_code").str.starts_with(code + ".")
            )
        return rows.sort("_file", "_sheet", "_row", nulls_last=True)

    def status_cell(self, found: dict[str, Any] | None, *, marks: bool = True) -> str:
        """A value with its status mark; a stale value gives way to its date, a plan to
        the word plan (neither is a current state)."""
        status = found["status"] if found else None
        if found is not None and status == "stale":
            day = found.get("oldest_as_of") or found.get("as_of")
            word = self.t("stale")
            return f"{word} {day.day:02d}/{day.month:02d}" if day else word
        if status == "plan_only":
            return self.t("plan")
        mark = {"critical": " ▼", "attention": " ▽"}.get(status or "", "") if marks else ""
        day = found.get("as_of") if found is not None and found.get("value") is not None else None
        return self.shown(found) + mark + self.older(day)

    def codes_by_rank(self) -> list[str]:
        """The regency codes by composite rank; the unranked last, each group by code."""
        composite = self.composite
        if composite.height == 0:
            return self.regency_codes
        ranks = dict(zip(composite["region_code"], composite["rank"], strict=True))
        return sorted(
            self.regency_codes,
            key=lambda code: (ranks.get(code) is None, ranks.get(code) or 0, code),
        )

    def logistics_latest(self, code: str | None = None, *, actual: bool = False) -> pl.DataFrame:
        """The latest report per place and item (actual and plan kept apart; ``actual``
        keeps only actual rows)."""
        frame = self.table("logistics", code)
        if frame.height == 0:
            return frame
        if self.as_of is not None:
            frame = frame.filter(pl.col("as_of") <= self.as_of)
        is_plan = (pl.col("basis") == "plan").fill_null(False)
        if actual:
            frame = frame.filter(~is_plan)
        frame = frame.with_columns(_plan=is_plan)
        latest = pl.col("as_of") == pl.col("as_of").max().over(
            "region_code", "tps_number", "item", "_plan"
        )
        return frame.filter(latest).drop("_plan")

    def dated_names(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Region names that say when a value is stale (with its date) or a plan only, so a
        chart never shows an old figure or a missing one as today's."""
        stale, plan = self.t("stale"), self.t("plan_only")
        day = pl.coalesce("oldest_as_of", "as_of").dt.strftime("%d/%m")
        today = self.briefing_date
        older = (
            pl.col("value").is_not_null() & (pl.col("as_of") < today) if today else pl.lit(False)
        )
        return frame.with_columns(
            region_name=pl.when(pl.col("status") == "stale")
            .then(pl.col("region_name") + pl.lit(f" ({stale} ") + day + pl.lit(")"))
            .when(pl.col("status") == "plan_only")
            .then(pl.col("region_name") + pl.lit(f" ({plan})"))
            .when(older.fill_null(False))
            .then(
                pl.col("region_name")
                + pl.lit(" (")
                + pl.col("as_of").dt.strftime("%d/%m")
                + pl.lit(")")
            )
            .otherwise(pl.col("region_name"))
        )

    def coverage_shown(self, coverage: float | None) -> float | None:
        from readiness.compare import shown_coverage

        if coverage is None or self.comparison is None:
            return coverage
        return shown_coverage(coverage, self.comparison.config.min_composite_coverage)
