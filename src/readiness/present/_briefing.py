"""The content of the briefing documents, computed once and shown piece by piece.

A :class:`Briefing` holds a dataset, its findings, its indicators at every level and the
comparison of regencies; its methods return displayable objects (:class:`Markdown`,
:class:`Table`, :class:`Figure`). The ``.qmd`` documents only call these methods.

Rows that validation rejects are left out of every figure, as they are out of the indicators:
a table shown is the usable rows only, and the summary says how many rows were left out and
where.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl

from readiness.contract import (
    AGENCIES,
    AGENCY_MIXES,
    CASE_STATUSES,
    CASE_SUBJECTS,
    ITEMS,
    LOGISTICS_BASES,
    MITIGATION_STATUSES,
    REFERRALS,
    ROLES,
    STAGES,
    TABLES,
    VULNERABILITY_CATEGORIES,
    VULNERABILITY_INSTRUMENTS,
    Finding,
    Language,
    TableName,
    count_by_severity,
    load_election,
)
from readiness.present import _charts as charts
from readiness.present._display import Figure, Markdown, StatusCell, Table
from readiness.present._escape import escape_markdown
from readiness.present._format import (
    MISSING,
    format_date,
    format_number,
    format_percent,
    format_value,
)
from readiness.present._labels import GLOSSARY, closed_label, status_label, text, unit_label
from readiness.present._map import choropleth
from readiness.present._profile_facts import facts_sentence, facts_table

__all__ = ["CORE_INDICATORS", "Briefing", "load_briefing"]

CORE_INDICATORS: tuple[str, ...] = (
    "logistics_completion_kecamatan",
    "logistics_on_track_kecamatan",
    "tps_per_village",
    "voters_per_tps",
    "police_per_tps",
    "neutrality_cases_open",
    "data_coverage",
)
"""Indicators of the provincial status table, in reading order."""

_SEVERITY_RANK = {"critical": 0, "attention": 1, "ready": 2}

_LEFT_OUT_SCHEMA = {
    "table": pl.String, "_index": pl.Int64, "_file": pl.String, "_sheet": pl.String,
    "_row": pl.Int64, "region_code": pl.String,
}  # fmt: skip
"""Columns of :attr:`Briefing.left_out`."""


def _short(name: str) -> str:
    for prefix in ("Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name.removeprefix(prefix)
    return name


@dataclass
class Briefing:
    """Everything a briefing shows, for one region (a province or one of its regencies)."""

    dataset: Any
    region: str
    lang: Language
    findings: list[Finding]
    regencies: pl.DataFrame
    province: pl.DataFrame
    kecamatan: pl.DataFrame
    registry: Any
    as_of: dt.date | None = None
    comparison: Any = None
    left_out: pl.DataFrame | None = None
    """Rows validation rejected (``table``, ``_index``, ``_file``, ``_sheet``, ``_row``,
    ``region_code``): out of every figure, counted in the summary."""

    @property
    def composite(self) -> pl.DataFrame:
        """Per regency: composite score, coverage, rank and status (from the comparison)."""
        if self.comparison is None:
            return pl.DataFrame()
        frame: pl.DataFrame = self.comparison.composite
        return frame

    # ---- helpers -------------------------------------------------------------------------
    def t(self, key: str) -> str:
        """A fixed phrase in the briefing's language."""
        return text(key, self.lang)

    def name_of(self, indicator: str) -> str:
        """The registry name of an indicator in the briefing's language."""
        if indicator in self.registry:
            name: str = self.registry[indicator].name(self.lang)
            return name
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

    def _names(self) -> dict[str, str]:
        from readiness.regions import children

        table = children(self.province_code)
        return dict(zip(table["code"].to_list(), table["name"].to_list(), strict=True))

    def _value(self, frame: pl.DataFrame, code: str, indicator: str) -> dict[str, Any] | None:
        rows = frame.filter((pl.col("region_code") == code) & (pl.col("indicator") == indicator))
        return rows.row(0, named=True) if rows.height else None

    def _shown(self, row: dict[str, Any] | None) -> str:
        if row is None:
            return MISSING
        return format_value(row["value"], row["unit"], self.lang)

    def _table(
        self, name: TableName, code: str | None = None, *, usable: bool = True
    ) -> pl.DataFrame:
        """A table of the dataset (only its usable rows unless ``usable`` is false), for one
        region and its parts when ``code`` is given."""
        frame: pl.DataFrame = self.dataset.table(name)
        if usable and self.left_out is not None and self.left_out.height:
            drop = self.left_out.filter((pl.col("table") == name) & pl.col("_index").is_not_null())[
                "_index"
            ]
            if drop.len():
                frame = (
                    frame.with_row_index("_position")
                    .filter(~pl.col("_position").cast(pl.Int64).is_in(drop.implode()))
                    .drop("_position")
                )
        if code is not None:
            frame = frame.filter(
                (pl.col("region_code") == code) | pl.col("region_code").str.starts_with(code + ".")
            )
        return frame

    def _composite_of(self, code: str) -> str | None:
        composite = self.composite
        if composite.height == 0:
            return None
        rows = composite.filter(pl.col("region_code") == code)
        status: str | None = rows["status"][0] if rows.height else None
        return status if status is not None else "insufficient"

    def _indicator_frame(self, indicators: Sequence[str]) -> pl.DataFrame:
        return self.regencies.filter(pl.col("indicator").is_in(list(indicators)))

    # ---- title and headings --------------------------------------------------------------
    def title_block(self) -> Markdown:
        """The document title, subtitle and date as a Pandoc metadata block."""
        kind = "title_province" if self.region == self.province_code else "title_regency"
        election = load_election("pilkada-2024")
        election_name = election.name_id if self.lang == "id" else election.name_en
        day = self.as_of or self._latest_as_of()
        meta = {
            "title": f"{self.t(kind)} — {self.region_name}",
            "subtitle": election_name,
            "date": f"{self.t('as_of')} {format_date(day, self.lang)}",
            "lang": self.lang,
        }
        lines = [f"{key}: {json.dumps(escape_markdown(value), ensure_ascii=False)}"
                 for key, value in meta.items()]  # fmt: skip
        return Markdown("---\n" + "\n".join(lines) + "\n---")

    def _latest_as_of(self) -> dt.date | None:
        dates = self.regencies["as_of"].drop_nulls()
        return dates.max() if dates.len() else None  # type: ignore[return-value]

    def heading(self, key: str, level: int = 2) -> Markdown:
        """A section heading from the fixed phrases."""
        return Markdown(f"{'#' * level} {self.t(key)}")

    # ---- executive summary ---------------------------------------------------------------
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

    def left_out_note(self, code: str | None = None, limit: int = 6) -> str:
        """One sentence: how many rows were left out of every figure, and where ("" if none)."""
        rows = self.left_out_rows(code)
        if rows.height == 0:
            return ""
        places = []
        for row in rows.head(limit).iter_rows(named=True):
            where = " ".join(str(part) for part in (row["_file"], row["_sheet"]) if part) or TABLES[
                row["table"]
            ].sheet(self.lang)
            line = "baris" if self.lang == "id" else "row"
            places.append(f"{where} {line} {row['_row']}" if row["_row"] is not None else where)
        more = rows.height - len(places)
        if more > 0:
            places.append(f"… {more} lainnya" if self.lang == "id" else f"… {more} more")
        count = format_number(rows.height, self.lang)
        if self.lang == "id":
            return (
                f"{count} baris ditolak validasi dan tidak dipakai dalam angka mana pun: "
                f"{escape_markdown('; '.join(places))}. Lihat bagian Temuan."
            )
        return (
            f"{count} row(s) rejected by validation are left out of every figure: "
            f"{escape_markdown('; '.join(places))}. See the Findings section."
        )

    def key_figures(self) -> Markdown:
        """The province in a few sentences: who reported, TPS, voters, personnel."""
        summary = self._table("summary").sort("as_of").group_by("region_code").last()
        reported = summary["region_code"].n_unique()
        total = len(self.regency_codes)
        lines = [
            f"- **{format_number(reported, self.lang)}** / {format_number(total, self.lang)} "
            + ("kabupaten/kota mengirim laporan." if self.lang == "id" else "regencies reported.")
        ]
        for column, label_id, label_en in (
            ("tps", "TPS", "polling stations (TPS)"),
            ("voters", "pemilih terdaftar (DPT)", "registered voters (DPT)"),
        ):
            values = summary[column].drop_nulls()
            count = values.len()
            label = label_id if self.lang == "id" else label_en
            if count == 0:
                lines.append(f"- {label}: {self.t('not_reported_here')}")
                continue
            of = "dari" if self.lang == "id" else "of"
            reporting = "melapor" if self.lang == "id" else "reporting"
            lines.append(
                f"- **{format_number(int(values.sum()), self.lang)}** {label} "
                f"({format_number(count, self.lang)} {of} {format_number(total, self.lang)} "
                f"{reporting})"
            )
        lines.append(self._personnel_by_scope(summary))
        note = self.left_out_note()
        if note:
            lines.append(f"- {note}")
        return Markdown("\n".join(lines))

    def _personnel_by_scope(self, summary: pl.DataFrame) -> str:
        """Security personnel per regency, grouped by who is counted: never one total over
        differing scopes (police only, police + Linmas, not broken down)."""
        names = self._names()
        stated = summary.filter(pl.col("security_personnel").is_not_null())
        if stated.height == 0:
            label = "Personel pengamanan" if self.lang == "id" else "Security personnel"
            return f"- {label}: {self.t('not_reported_here')}"
        groups = []
        for key in AGENCY_MIXES.keys:
            mine = stated.filter(pl.col("security_agencies").fill_null("unknown") == key)
            if mine.height == 0:
                continue
            parts = []
            for row in mine.sort("region_code").iter_rows(named=True):
                covered = row.get("security_tps_covered")
                tps = (
                    f" {'untuk' if self.lang == 'id' else 'for'} "
                    f"{format_number(covered, self.lang)} TPS"
                    if covered is not None
                    else ""
                )
                parts.append(
                    f"{escape_markdown(_short(names.get(row['region_code'], row['region_code'])))}"
                    f" {format_number(row['security_personnel'], self.lang)}{tps}"
                )
            groups.append(f"{closed_label(AGENCY_MIXES, key, self.lang)}: {', '.join(parts)}")
        if self.lang == "id":
            head = "- Personel pengamanan, tidak dijumlahkan karena yang dihitung berbeda — "
        else:
            head = "- Security personnel, not added up because what is counted differs — "
        return head + "; ".join(groups) + "."

    def status_table(self) -> Table:
        """All regencies: overall status and the core indicators with their status."""
        names = self._names()
        present = [i for i in CORE_INDICATORS if i in set(self.regencies["indicator"].to_list())]
        columns = [self.t("regency"), self.t("composite"), *(self.name_of(i) for i in present)]
        rows: list[list[Any]] = []
        for code in self.codes_by_rank():
            row: list[Any] = [_short(names.get(code, code)), StatusCell(self._composite_of(code),
                                                                         self.lang)]  # fmt: skip
            for indicator in present:
                found = self._value(self.regencies, code, indicator)
                row.append(self._status_cell(found))
            rows.append(row)
        widths = [13, 15, *([9] * len(present))]
        note = (
            "▼ kritis, ▽ perlu perhatian; usang: laporan terakhir lebih tua dari batas kesegaran "
            "(tanggalnya ditulis), rencana: hanya jadwal, belum ada realisasi. "
            if self.lang == "id"
            else "▼ critical, ▽ attention; stale: the last report is older than the freshness "
            "limit (its date shown), plan: a schedule only, nothing actual yet. "
        ) + self.t("missing_legend")
        return Table(columns, rows, align="ll" + "r" * len(present), widths=widths, note=note)

    def _status_cell(self, found: dict[str, Any] | None, *, marks: bool = True) -> str:
        """A value with its status mark; a stale value gives way to its date, a plan to
        the word plan (neither is a current state)."""
        status = found["status"] if found else None
        if found is not None and status == "stale":
            day = found.get("oldest_as_of") or found.get("as_of")
            word = "usang" if self.lang == "id" else "stale"
            return f"{word} {day.day:02d}/{day.month:02d}" if day else word
        if status == "plan_only":
            return "rencana" if self.lang == "id" else "plan"
        mark = {"critical": " ▼", "attention": " ▽"}.get(status or "", "") if marks else ""
        return self._shown(found) + mark

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

    def _not_ranked_note(self) -> str:
        """The unranked regencies and why, for the note under the composite table."""
        if self.comparison is None:
            return ""
        names = self._names()
        unranked = [
            _short(names.get(code, code))
            for code in self.codes_by_rank()
            if self.comparison.not_ranked_reason(code, self.lang) is not None
        ]
        if not unranked:
            return ""
        minimum = format_percent(self.comparison.config.min_composite_coverage, self.lang, 0)
        if self.lang == "id":
            why = f"data tersedia kurang dari {minimum} dari bobot"
        else:
            why = f"data available for less than {minimum} of the weight"
        label = status_label("insufficient", self.lang)
        return f" {label} ({why}): {', '.join(unranked)}."

    def _coverage_shown(self, coverage: float | None) -> float | None:
        from readiness.compare import shown_coverage

        if coverage is None or self.comparison is None:
            return coverage
        return shown_coverage(coverage, self.comparison.config.min_composite_coverage)

    def composite_table(self) -> Table:
        """The composite readiness per regency and how stable its rank is when the weights
        move (random weights around the configured ones), by rank with the unranked last."""
        names = self._names()
        composite = self.composite
        sensitivity = self.comparison.sensitivity if self.comparison is not None else pl.DataFrame()
        rows: list[list[Any]] = []
        for code in self.codes_by_rank():
            found = composite.filter(pl.col("region_code") == code)
            row = found.row(0, named=True) if found.height else {}
            # an unranked regency has no rank to keep: its stability is not shown
            stable = (
                sensitivity.filter(pl.col("region_code") == code)
                if sensitivity.height and row.get("rank") is not None
                else sensitivity.clear()
            )
            srow = stable.row(0, named=True) if stable.height else {}
            rank_range = (
                f"{srow['rank_min']}–{srow['rank_max']}"
                if srow.get("rank_min") is not None
                else MISSING
            )
            rows.append([
                _short(names.get(code, code)), StatusCell(self._composite_of(code), self.lang),
                # a score on too little of the weights is no score: shown only with a rank
                format_number(row.get("score") if row.get("rank") is not None else None,
                              self.lang, 2),
                format_percent(self._coverage_shown(row.get("coverage")), self.lang, 0),
                format_number(row.get("rank"), self.lang), rank_range,
                format_percent(srow.get("keeps_rank_share"), self.lang, 0),
                format_percent(srow.get("bottom_share"), self.lang, 0),
            ])  # fmt: skip
        if self.lang == "id":
            columns = [
                "Kabupaten/kota",
                "Status gabungan",
                "Skor (0–1)",
                "Data tersedia (bobot)",
                "Peringkat",
                "Rentang peringkat",
                "Peringkat tetap",
                "Di kelompok bawah",
            ]
        else:
            columns = ["Regency/city", "Overall status", "Score (0–1)", "Data available (weight)",
                       "Rank", "Rank range", "Keeps rank", "In bottom group"]  # fmt: skip
        minimum = (
            format_percent(self.comparison.config.min_composite_coverage, self.lang, 0)
            if self.comparison is not None
            else MISSING
        )
        note = (
            f"Diurutkan menurut peringkat. Peringkat dan status gabungan hanya bila data "
            f"tersedia ≥ {minimum} dari bobot.{self._not_ranked_note()} Rentang dan persentase "
            "dihitung dengan mengubah bobot indikator sedikit secara acak."
            if self.lang == "id"
            else f"Sorted by rank. A rank and an overall status only with data available for "
            f"≥ {minimum} of the weight.{self._not_ranked_note()} Range and shares come from "
            "changing the indicator weights slightly at random."
        )
        return Table(columns, rows, align="llrrrrrr", widths=[15, 14, 9, 9, 9, 10, 9, 10],
                     note=note)  # fmt: skip

    def actions(self) -> Table | Markdown:
        """For each regency not ready: the problem, who must act, by when, the items and the
        report date (the decision page, :mod:`readiness.present._decision`)."""
        from readiness.present._decision import decision_of, decision_table

        return decision_table(decision_of(self), self.lang)

    def data_requests(self) -> Any:
        """What the province must ask each regency for (data gaps are not actions); the
        decision page ends after it."""
        from readiness.present._decision import decision_of, requests_block

        return requests_block(decision_of(self), self.lang)

    def regency_map(self, geojson: str | Path | None = None, code_property: str = "code") -> Figure:
        """The province's regencies on a map coloured by overall status, from the packaged
        boundaries or a user GeoJSON (Kemendagri codes, dotted or not, in
        ``properties[code_property]``)."""
        frame = pl.DataFrame(
            {
                "region_code": self.regency_codes,
                "status": [self._composite_of(c) for c in self.regency_codes],
            },
            schema={"region_code": pl.String, "status": pl.String},
        )
        chart = choropleth(
            frame, self.province_code, self.lang, geojson=geojson or None,
            code_property=code_property,
        )  # fmt: skip
        return Figure(chart, self.t("regency_map"))

    def status_overview(self) -> Figure:
        """Every regency × core indicator, coloured by status."""
        frame = self._indicator_frame(CORE_INDICATORS)
        names = {i: self.name_of(i) for i in CORE_INDICATORS}
        caption = (
            "Status per indikator dan kabupaten/kota (abu-abu: tidak dilaporkan)"
            if self.lang == "id"
            else "Status per indicator and regency (grey: not reported)"
        )
        return Figure(charts.status_overview(frame, names, self.lang), caption)

    # ---- sections ------------------------------------------------------------------------
    def indicator_chart(self, indicator: str) -> Figure:
        """One indicator across the regencies, against its norm."""
        frame = self._dated_names(self.regencies)
        highlight = self.region if self.region != self.province_code else None
        chart = charts.indicator_bars(
            frame, indicator, self.name_of(indicator), self.lang, highlight=highlight
        )
        norm_note = ""
        rows = frame.filter(pl.col("indicator") == indicator)["norm"].drop_nulls()
        if rows.len():
            norm_note = f" — {self.t('norm_line')}"
        return Figure(chart, f"{self.name_of(indicator)}{norm_note}")

    def _dated_names(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Region names that say when a value is stale (with its date) or a plan only, so a
        chart never shows an old figure or a missing one as today's."""
        stale, plan = ("usang", "rencana") if self.lang == "id" else ("stale", "plan only")
        day = pl.coalesce("oldest_as_of", "as_of").dt.strftime("%d/%m")
        return frame.with_columns(
            region_name=pl.when(pl.col("status") == "stale")
            .then(pl.col("region_name") + pl.lit(f" ({stale} ") + day + pl.lit(")"))
            .when(pl.col("status") == "plan_only")
            .then(pl.col("region_name") + pl.lit(f" ({plan})"))
            .otherwise(pl.col("region_name"))
        )

    def indicator_table(self, indicators: Sequence[str]) -> Table:
        """Regencies × a few indicators (value and coverage)."""
        names = self._names()
        present = [i for i in indicators if i in set(self.regencies["indicator"].to_list())]
        columns = [self.t("regency")]
        for indicator in present:
            columns += [self.name_of(indicator), self.t("coverage")]
        rows = []
        for code in self.regency_codes:
            row: list[Any] = [_short(names.get(code, code))]
            for indicator in present:
                found = self._value(self.regencies, code, indicator)
                row += [
                    self._status_cell(found, marks=False),
                    format_percent(found["coverage"] if found else None, self.lang, 0),
                ]
            rows.append(row)
        widths = [16, *([12, 7] * len(present))]
        return Table(columns, rows, align="l" + "rr" * len(present), widths=widths,
                     note=self.t("missing_legend"))  # fmt: skip

    def logistics_stage_chart(self) -> Figure | Markdown:
        """Per regency, how many reporting units stand at each stage (latest actual report,
        its date beside the regency's name; plans are not positions)."""
        frame = self._logistics_latest(actual=True)
        if frame.height == 0:
            return Markdown(self.t("not_reported_here"))
        names = self._names()
        regency = pl.col("region_code").str.slice(0, 5)
        dated = frame.with_columns(regency=regency).with_columns(
            latest=pl.col("as_of").max().over("regency")
        )
        counted = (
            dated.group_by("regency", "latest", "stage")
            .len("units")
            .with_columns(
                regency_name=pl.col("regency").replace_strict(names, default=pl.col("regency"))
                + pl.lit(" (")
                + pl.col("latest").dt.strftime("%d/%m")
                + pl.lit(")")
            )
        )
        caption = (
            "Posisi logistik per tahap menurut laporan realisasi terakhir (tanggalnya di "
            "samping nama; rencana tidak dihitung)"
            if self.lang == "id"
            else "Where logistics stand, by stage, from the latest actual report (its date "
            "beside the name; plans are not counted)"
        )
        return Figure(charts.logistics_by_stage(counted, self.lang), caption)

    def _logistics_latest(self, code: str | None = None, *, actual: bool = False) -> pl.DataFrame:
        """The latest report per place and item (actual and plan kept apart; ``actual``
        keeps only actual rows)."""
        frame = self._table("logistics", code)
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

    def logistics_over_time(self) -> Figure | Markdown:
        """Logistics completion over actual snapshots, when there are several."""
        frame = self._table("logistics").filter(~(pl.col("basis") == "plan").fill_null(False))
        snapshots = frame.group_by("region_code").agg(pl.col("as_of").n_unique().alias("n"))
        if frame.height == 0 or snapshots["n"].max() < 2:  # type: ignore[operator]
            return Markdown("")
        reached = {"ppk", "pps", "tps"}
        series = (
            frame.with_columns(pl.col("region_code").str.slice(0, 5).alias("regency"))
            .group_by("regency", "as_of")
            .agg(pl.col("stage").is_in(list(reached)).mean().alias("value"))
            .with_columns(
                pl.col("regency").replace_strict(self._names(), default=pl.col("regency"))
                .alias("region_name")
            )
        )  # fmt: skip
        return Figure(charts.logistics_over_time(series, self.lang), self.t("logistics"))

    def tps_table(self) -> Table:
        """The reported figures per regency: kecamatan, villages, TPS (lokasi khusus), DPT,
        with TPS per village and voters per TPS."""
        names = self._names()
        summary = self._table("summary").sort("as_of").group_by("region_code").last()
        rows: list[list[Any]] = []
        for code in self.regency_codes:
            found = summary.filter(pl.col("region_code") == code)
            row = found.row(0, named=True) if found.height else {}
            rows.append([
                _short(names.get(code, code)),
                format_number(row.get("kecamatan_count"), self.lang),
                format_number(row.get("village_count"), self.lang),
                format_number(row.get("tps"), self.lang),
                format_number(row.get("tps_khusus"), self.lang),
                format_number(row.get("voters"), self.lang),
                self._shown(self._value(self.regencies, code, "tps_per_village")),
                self._shown(self._value(self.regencies, code, "voters_per_tps")),
            ])  # fmt: skip
        columns = [self.t("regency")] + [
            TABLES["summary"].column(c).label(self.lang)
            for c in ("kecamatan_count", "village_count", "tps", "tps_khusus", "voters")
        ] + [self.name_of("tps_per_village"), self.name_of("voters_per_tps")]  # fmt: skip
        return Table(columns, rows, align="lrrrrrrr", widths=[16, 10, 11, 9, 10, 12, 11, 11],
                     note=self.t("missing_legend"))  # fmt: skip

    def security_table(self) -> Table | Markdown:
        """Personnel as reported, with who is counted (figures are often not comparable)."""
        names = self._names()
        summary = self._table("summary").sort("as_of").group_by("region_code").last()
        personnel = self._table("personnel")
        rows: list[list[Any]] = []
        for code in self.regency_codes:
            stated = summary.filter(pl.col("region_code") == code)
            parts = personnel.filter(pl.col("region_code").str.starts_with(code))
            by_agency = ", ".join(
                f"{closed_label(AGENCIES, r['agency'], self.lang)} {format_number(r['count'], self.lang)}"
                for r in parts.iter_rows(named=True)
            )
            scope = stated["security_scope"][0] if stated.height else None
            count = stated["security_personnel"][0] if stated.height else None
            mix = stated["security_agencies"][0] if stated.height else None
            covered = stated["security_tps_covered"][0] if stated.height else None
            rows.append([_short(names.get(code, code)), format_number(count, self.lang),
                         closed_label(AGENCY_MIXES, mix, self.lang) if count is not None else MISSING,
                         format_number(covered, self.lang),
                         by_agency or MISSING, scope or MISSING])  # fmt: skip
        columns = [self.t("regency"), self.t("personnel"),
                   TABLES["summary"].column("security_agencies").label(self.lang),
                   TABLES["summary"].column("security_tps_covered").label(self.lang),
                   self.t("agency"), self.t("scope")]  # fmt: skip
        return Table(columns, rows, align="lrlrll", widths=[12, 8, 12, 8, 18, 38],
                     note=self.t("missing_legend"))  # fmt: skip

    def reconciliation(self) -> Markdown:
        """Published figures that disagree with each other or with the regencies' reports:
        each names both sources, both values and the difference."""
        found = [f for f in self.findings if f.rule.startswith("reconcile.")]
        if not found:
            return Markdown(
                "Angka terbit dan laporan daerah cocok."
                if self.lang == "id"
                else "Published figures and the regencies' reports agree."
            )
        lines = [f"**{self.t('reconciliation')}**", ""] + [
            f"- {escape_markdown(f.message(self.lang))}" for f in found
        ]
        return Markdown("\n".join(lines))

    def neutrality_chart(self) -> Figure | Markdown:
        """Cases along the handling flow, by subject."""
        cases = self._table("neutrality_cases")
        if cases.height == 0:
            return Markdown(self.t("not_reported_here"))
        caption = (
            "Kasus netralitas menurut tahap penanganan dan subjek"
            if self.lang == "id"
            else "Neutrality cases by handling stage and subject"
        )
        return Figure(charts.neutrality_flow(cases, self.lang), caption)

    def neutrality_table(self, code: str | None = None) -> Table | Markdown:
        """Cases per regency and status (or one row per case for a regency)."""
        cases = self._table("neutrality_cases", code)
        if cases.height == 0:
            return Markdown(self.t("not_reported_here"))
        if code is not None:
            rows = [
                [r["case_id"] or MISSING, closed_label(CASE_SUBJECTS, r["subject"], self.lang),
                 closed_label(CASE_STATUSES, r["status"], self.lang),
                 closed_label(REFERRALS, r["referred_to"], self.lang), format_date(r["as_of"], self.lang),
                 r["note"] or MISSING]
                for r in cases.sort("case_id").iter_rows(named=True)
            ]  # fmt: skip
            columns = [self.t("cases"), self.t("subject"), self.t("status"),
                       TABLES["neutrality_cases"].column("referred_to").label(self.lang),
                       self.t("as_of"), self.t("note")]  # fmt: skip
            return Table(columns, rows, align="llllll", widths=[10, 13, 14, 11, 14, 38])
        names = self._names()
        statuses = list(CASE_STATUSES.keys)
        counted = cases.with_columns(pl.col("region_code").str.slice(0, 5).alias("regency"))
        rows = []
        for regency in sorted(counted["regency"].unique().to_list()):
            mine = counted.filter(pl.col("regency") == regency)
            row: list[Any] = [_short(names.get(regency, regency))]
            row += [format_number(mine.filter(pl.col("status") == s).height, self.lang)
                    for s in statuses]  # fmt: skip
            row.append(format_number(mine.height, self.lang))
            rows.append(row)
        columns = [self.t("regency"), *(CASE_STATUSES.label(s, self.lang) for s in statuses),
                   "Total"]  # fmt: skip
        return Table(columns, rows, align="l" + "r" * (len(statuses) + 1),
                     widths=[12, 9, 11, 12, 15, 10, 8, 10, 7])  # fmt: skip

    def vulnerability_table(self, code: str | None = None) -> Table | Markdown:
        """Vulnerability by instrument and category, with the mitigation and its status."""
        frame = self._table("vulnerabilities", code)
        if frame.height == 0:
            return Markdown(self.t("not_reported_here"))
        names = self._names()
        rows = [
            [_short(names.get(r["region_code"], r["region_name"] or r["region_code"])),
             closed_label(VULNERABILITY_INSTRUMENTS, r["instrument"], self.lang),
             closed_label(VULNERABILITY_CATEGORIES, r["category"], self.lang),
             format_number(r["tps_count"], self.lang), r["mitigation"] or MISSING,
             r["mitigation_owner"] or MISSING,
             closed_label(MITIGATION_STATUSES, r["mitigation_status"], self.lang)]
            for r in frame.sort("region_code", "instrument").iter_rows(named=True)
        ]  # fmt: skip
        columns = [self.t("region"), self.t("instrument"), self.t("category"), "TPS",
                   self.t("mitigation"), self.t("owner"), self.t("status")]  # fmt: skip
        return Table(columns, rows, align="lllrlll", widths=[13, 14, 11, 6, 28, 14, 10],
                     note=self.t("missing_legend"))  # fmt: skip

    def coverage_table(self) -> Table:
        """Per regency: data coverage, which tables it did not send, what reading found."""
        names = self._names()
        by_file: dict[str, str] = {}
        for name in TABLES:
            frame = self._table(name, usable=False)
            for file, code in frame.select("_file", "region_code").unique().iter_rows():
                if file and code:
                    by_file.setdefault(file, code[:5])
        rows = []
        for code in self.regency_codes:
            missing = [TABLES[n].sheet(self.lang) for n in TABLES
                       if self._table(n, code, usable=False).height == 0]  # fmt: skip
            files = {f for f, c in by_file.items() if c == code}
            severity = count_by_severity(f for f in self.findings if f.file in files)
            found = self._value(self.regencies, code, "data_coverage")
            not_reported = self.regencies.filter(
                (pl.col("region_code") == code) & pl.col("value").is_null()
            ).height
            rows.append([
                _short(names.get(code, code)), self._shown(found),
                format_number(not_reported, self.lang), ", ".join(missing) or MISSING,
                format_number(severity["error"], self.lang),
                format_number(severity["warning"], self.lang),
            ])  # fmt: skip
        columns = [
            self.t("regency"), self.name_of("data_coverage"),
            "Indikator tanpa nilai" if self.lang == "id" else "Indicators without value",
            "Lembar kosong" if self.lang == "id" else "Empty sheets",
            self.t("errors"), self.t("warnings"),
        ]  # fmt: skip
        return Table(columns, rows, align="lrrlrr", widths=[14, 11, 10, 40, 7, 9])

    def definitions(self) -> Markdown:
        """Every indicator of the registry: name, unit, direction, formula in words, norm."""
        election = load_election("pilkada-2024")
        blocks = []
        for spec in self.registry:
            norm = ""
            if spec.norm and spec.norm in election.norms:
                n = election.norms[spec.norm]
                norm = (
                    f"; {self.t('norm').lower()}: {format_value(n.value, n.unit, self.lang)}"
                    f" ({escape_markdown(n.basis_in(self.lang))})"
                )
            blocks.append(
                f"**{escape_markdown(spec.name(self.lang))}** (`{spec.id}`)\n"
                f":   {escape_markdown(spec.description(self.lang))} "
                f"{self.t('formula')}: {escape_markdown(spec.formula(self.lang))} "
                f"{self.t('unit')}: {escape_markdown(unit_label(spec.unit, self.lang))}; "
                f"{self.t(spec.direction)}"
                f"{norm}."
            )
        return Markdown("\n\n".join(blocks))

    def glossary(self) -> Markdown:
        """Terms used in the document, each explained in plain words (a regency profile
        leaves out those of the comparison and the file list, which it does not show)."""
        index = 0 if self.lang == "id" else 1
        skip = set() if self.region == self.province_code else {"weight", "rank", "fingerprint"}
        return Markdown("\n\n".join(
            f"**{escape_markdown(term[index])}**\n:   {escape_markdown(meaning[index])}"
            for key, (term, meaning) in GLOSSARY.items() if key not in skip
        ))  # fmt: skip

    def manifest_table(self) -> Table:
        """The input files with their size and SHA-256, so every figure can be traced."""
        rows = [[f.path, f.kind, format_number(f.size, self.lang), f.sha256[:16]]
                for f in self.dataset.files]  # fmt: skip
        columns = [self.t("file"), self.t("kind"), self.t("size"), self.t("sha256")]
        return Table(columns, rows, align="llrl", widths=[45, 8, 12, 20])

    def sources_list(self) -> Markdown:
        """The distinct sources cited in the data, per table."""
        lines = []
        for name in TABLES:
            frame = self._table(name, None if self.region == self.province_code else self.region)
            if "source" not in frame.columns:
                continue
            sources = sorted({s for s in frame["source"].drop_nulls().to_list() if s.strip()})
            for source in sources:
                lines.append(f"- {TABLES[name].sheet(self.lang)}: {escape_markdown(source)}")
        return Markdown("\n".join(lines) if lines else self.t("not_reported_here"))

    # ---- regency profile -----------------------------------------------------------------
    def regency_summary(self) -> Markdown:
        """One paragraph: overall status and how many indicators need attention."""
        mine = self.regencies.filter(pl.col("region_code") == self.region)
        counts = {
            s: mine.filter(pl.col("status") == s).height
            for s in (*_SEVERITY_RANK, "stale", "plan_only")
        }
        missing = mine.filter(
            pl.col("value").is_null()
            & ~pl.col("status").is_in(["stale", "plan_only"]).fill_null(False)
        ).height
        unrated = mine.filter(pl.col("value").is_not_null() & pl.col("status").is_null()).height
        status = status_label(self._composite_of(self.region), self.lang)
        if self.lang == "id":
            extra = "".join(
                [f"{unrated} tidak dinilai (tanpa ambang), " if unrated else "",
                 f"{counts['stale']} usang (laporannya melewati batas kesegaran), "
                 if counts["stale"] else "",
                 f"{counts['plan_only']} baru berupa rencana, " if counts["plan_only"] else ""]
            )  # fmt: skip
            body = (
                f"Status gabungan: **{status}**. Dari {format_number(mine.height)} indikator, "
                f"{counts['critical']} kritis, {counts['attention']} perlu perhatian, "
                f"{counts['ready']} siap, {extra}dan {missing} tidak dapat dihitung karena "
                "datanya belum dilaporkan atau ditolak validasi."
            )
        else:
            extra = "".join(
                [f"{unrated} are not rated (no thresholds), " if unrated else "",
                 f"{counts['stale']} are stale (their report is past the freshness limit), "
                 if counts["stale"] else "",
                 f"{counts['plan_only']} are a plan only, " if counts["plan_only"] else ""]
            )  # fmt: skip
            body = (
                f"Overall status: **{status}**. Of {mine.height} indicators, "
                f"{counts['critical']} are critical, {counts['attention']} need attention, "
                f"{counts['ready']} are ready, {extra}and {missing} cannot be computed because "
                "their data were not reported or were rejected by validation."
            )
        note = self.left_out_note(self.region)
        return Markdown(f"{body} {note}" if note else body)

    def regency_facts(self) -> Markdown:
        """The regency's facts in one sentence (TPS, kecamatan, villages, DPT, logistics)."""
        return facts_sentence(self)

    def regency_facts_table(self) -> Table:
        """The regency's facts one a line, each with the date of its report."""
        return facts_table(self)

    def regency_indicator_table(self) -> Table:
        """This regency's indicators against the norm and against the province."""
        mine = self.regencies.filter(pl.col("region_code") == self.region)
        columns = [self.t("indicator"), self.t("value"), self.t("norm"), self.t("status"),
                   self.t("province"), self.t("rank"), self.t("coverage")]  # fmt: skip
        rows: list[list[Any]] = []
        for row in mine.iter_rows(named=True):
            indicator = row["indicator"]
            province = self._value(self.province, self.province_code, indicator)
            rows.append([
                self.name_of(indicator), self._shown(row),
                format_value(row["norm"], row["unit"], self.lang),
                StatusCell(self._status_key(row), self.lang),
                self._status_cell(province, marks=False),
                self._rank(indicator), format_percent(row["coverage"], self.lang, 0),
            ])  # fmt: skip
        return Table(columns, rows, align="lrrlrrr", widths=[32, 9, 8, 17, 9, 8, 8],
                     note=self.t("missing_legend"))  # fmt: skip

    @staticmethod
    def _status_key(row: dict[str, Any]) -> str | None:
        """The status, or ``unrated`` for a value that has no threshold to be judged by."""
        if row["status"] is None and row["value"] is not None:
            return "unrated"
        status: str | None = row["status"]
        return status

    def _rank(self, indicator: str) -> str:
        if indicator not in self.registry:
            return MISSING
        direction = self.registry[indicator].direction
        if direction == "none":  # descriptive: never ranked
            return MISSING
        # a stale figure or a plan is not ranked against current ones
        frame = self.regencies.filter(
            (pl.col("indicator") == indicator)
            & pl.col("value").is_not_null()
            & ~pl.col("status").is_in(["stale", "plan_only"]).fill_null(False)
        )
        if frame.height == 0 or self.region not in frame["region_code"].to_list():
            return MISSING
        if direction == "target":
            key = (pl.col("value") - pl.col("norm")).abs()
            descending = False
        else:
            key = pl.col("value")
            descending = direction == "higher"
        ranked = frame.with_columns(key.rank("min", descending=descending).alias("rank"))
        rank = ranked.filter(pl.col("region_code") == self.region)["rank"][0]
        return f"{int(rank)}/{frame.height}"

    def kecamatan_table(self) -> Table | Markdown:
        """Logistics and TPS detail per kecamatan, where the regency reported it."""
        logistics = self._logistics_latest(self.region)
        if logistics.height == 0:
            return Markdown(self.t("not_reported_here"))
        rows = [
            [r["region_name"] or r["region_code"], r["region_code"],
             closed_label(ITEMS, r["item"], self.lang), closed_label(LOGISTICS_BASES, r["basis"] or "actual",
                                                         self.lang),
             closed_label(STAGES, r["stage"], self.lang),
             format_date(r["scheduled_date"], self.lang), format_date(r["as_of"], self.lang),
             r["note"] or MISSING]
            for r in logistics.sort("region_code", "basis", "stage").iter_rows(named=True)
        ]  # fmt: skip
        columns = [self.t("kecamatan"), self.t("region"), self.t("item"),
                   TABLES["logistics"].column("basis").label(self.lang), self.t("stage"),
                   self.t("scheduled"), self.t("as_of"), self.t("note")]  # fmt: skip
        return Table(columns, rows, align="llllllll", widths=[12, 8, 8, 9, 11, 11, 11, 30])

    def personnel_table(self) -> Table | Markdown:
        """Personnel of the regency by agency and role, else the total the regency stated."""
        frame = self._table("personnel", self.region)
        rows = [[closed_label(AGENCIES, r["agency"], self.lang), closed_label(ROLES, r["role"], self.lang),
                 format_number(r["count"], self.lang), r["scope"] or MISSING]
                for r in frame.iter_rows(named=True)]  # fmt: skip
        if not rows:
            stated = (
                self._table("summary", self.region)
                .filter(pl.col("region_code") == self.region)
                .sort("as_of")
                .tail(1)
            )
            total = stated["security_personnel"][0] if stated.height else None
            if total is None:
                return Markdown(self.t("not_reported_here"))
            unsplit = "Tidak dirinci" if self.lang == "id" else "Not broken down"
            rows = [[unsplit, closed_label(ROLES, "security", self.lang),
                     format_number(total, self.lang), stated["security_scope"][0] or MISSING]]  # fmt: skip
        columns = [self.t("agency"), "Peran" if self.lang == "id" else "Role", self.t("count"),
                   self.t("scope")]  # fmt: skip
        return Table(columns, rows, align="llrl", widths=[16, 14, 10, 50])

    def findings_table(self, limit: int = 40) -> Table | Markdown:
        """Validation findings about this regency: those on its rows, and those on no row of
        a file only it fills (a file shared with other regencies, such as the published
        figures, contributes only the findings on this regency's rows)."""
        mine_rows: set[tuple[str | None, str | None, int | None]] = set()
        files_of: dict[str, set[str]] = {}
        for name in TABLES:
            frame = self._table(name, usable=False)
            if frame.height == 0:
                continue
            ours = frame["region_code"].str.starts_with(self.region).fill_null(False)
            for file, code in frame.select("_file", "region_code").unique().iter_rows():
                if file is not None:
                    files_of.setdefault(file, set()).add((code or "")[:5])
            mine_rows |= set(frame.filter(ours).select("_file", "_sheet", "_row").iter_rows())
        own_files = {f for f, regions in files_of.items() if regions == {self.region}}
        mine = [
            f
            for f in self.findings
            if (f.file, f.sheet, f.row) in mine_rows or (f.row is None and f.file in own_files)
        ]
        if not mine:
            return Markdown(self.t("no_findings"))
        severity = {"error": self.t("errors"), "warning": self.t("warnings")}
        rows = [[severity.get(f.severity, f.severity),
                 f.rule.replace(".", ".\u200b").replace("_", "_\u200b"),
                 f"{f.sheet or ''} {f.row or ''}".strip() or MISSING,
                 f.message(self.lang), f.hint(self.lang) or MISSING]
                for f in mine[:limit]]  # fmt: skip
        columns = [self.t("severity"), self.t("rule"), self.t("location"), self.t("message"),
                   "Saran" if self.lang == "id" else "Hint"]  # fmt: skip
        return Table(columns, rows, align="lllll", widths=[8, 14, 10, 38, 30])


def _compare(regencies: pl.DataFrame) -> Any:
    from readiness.compare import compare_regencies

    return compare_regencies(regencies)


@lru_cache(maxsize=8)
def _load(path: str, stamp: tuple[tuple[str, float], ...], as_of: str) -> tuple[Any, ...]:
    from readiness.indicators import compute_levels, load_registry
    from readiness.ingest import load_dataset
    from readiness.validation import invalid_rows, validate

    dataset = load_dataset(Path(path))
    findings = validate(dataset)
    invalid = invalid_rows(dataset)
    day = dt.date.fromisoformat(as_of) if as_of else None
    levels = compute_levels(
        dataset, ("kabupaten", "provinsi", "kecamatan"), as_of=day, invalid=invalid
    )
    left_out = _left_out(dataset, invalid)
    return dataset, findings, levels, load_registry(), _compare(levels["kabupaten"]), left_out


def _left_out(dataset: Any, invalid: pl.DataFrame) -> pl.DataFrame:
    """The rejected rows with the region each belongs to (where the row is in a table)."""
    rows = invalid.filter(pl.col("_row").is_not_null() | pl.col("_index").is_not_null())
    located = []
    for (name,), part in rows.partition_by("table", as_dict=True).items():
        if name is None or part["_index"].is_null().all():
            located.append(part.with_columns(region_code=pl.lit(None, pl.String)))
            continue
        codes = dataset.table(name).select("region_code").with_row_index("_index")
        located.append(part.join(codes.cast({"_index": pl.Int64}), on="_index", how="left"))
    if not located:
        return rows.with_columns(region_code=pl.lit(None, pl.String))
    return pl.concat(located, how="diagonal_relaxed").select(
        "table", "_index", "_file", "_sheet", "_row", "region_code"
    )


def _stamp(path: Path) -> tuple[tuple[str, float], ...]:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_mtime) for p in files)


def load_briefing(
    dataset: str | Path, region: str, *, lang: str = "id", as_of: str | dt.date | None = None
) -> Briefing:
    """Load a dataset (cached while its files do not change), validate it, compute its
    indicators at every level and compare its regencies.

    ``region`` is the province code (provincial briefing) or a regency code (profile);
    an empty ``dataset`` means the default dataset, an empty ``as_of`` the latest snapshot.
    """
    from readiness import config
    from readiness.regions import get_region

    if not str(dataset):
        dataset = config.raw_dir() / config.DEFAULT_DATASET
    code = str(get_region(str(region)).code)
    language: Language = "en" if lang == "en" else "id"
    day = as_of.isoformat() if isinstance(as_of, dt.date) else str(as_of or "")
    path = Path(dataset).resolve()
    loaded, findings, levels, registry, comparison, left_out = _load(str(path), _stamp(path), day)
    return Briefing(
        dataset=loaded, region=code, lang=language, findings=list(findings),
        regencies=levels["kabupaten"], province=levels["provinsi"],
        kecamatan=levels["kecamatan"], registry=registry,
        as_of=dt.date.fromisoformat(day) if day else None, comparison=comparison,
        left_out=left_out,
    )  # fmt: skip
