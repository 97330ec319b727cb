"""The correction pack: what goes back to each regency whose report has findings.

Per regency, into its own folder: a copy of each of its workbooks with the failing cells
marked (see :func:`mark_workbook`), the findings as CSV, and a ready-to-send message saying
what to fix and by when. The deadline counts back from the election's voting day. A regency
without findings gets no folder. The whole output folder is written beside its final place
and renamed into it, so an error leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from readiness.contract import (
    Election,
    Finding,
    Language,
    Text,
    count_by_severity,
    format_date,
    format_number,
)
from readiness.ingest import Dataset, template_file_name
from readiness.present._marking import CORRECTIONS_SHEET, mark_workbook
from readiness.regions import (
    UnknownRegionError,
    ancestor_code,
    code_depth,
    get_region,
    is_region_code,
)

__all__ = [
    "CORRECTION_FILES",
    "CorrectionPack",
    "CorrectionsResult",
    "correction_deadline",
    "correction_message",
    "is_corrections_folder",
    "plan_corrections",
    "write_corrections",
]

CORRECTION_FILES: dict[Language, dict[str, str]] = {
    "id": {"message": "pesan.txt", "findings": "temuan.csv", "index": "ringkasan.txt",
           "copy": "{stem}-koreksi.xlsx"},
    "en": {"message": "message.txt", "findings": "findings.csv", "index": "summary.txt",
           "copy": "{stem}-corrections.xlsx"},
}  # fmt: skip
"""File names of the pack, by language; ``index`` marks a folder this module wrote."""

_SHOWN_IN_MESSAGE = 15
"""Findings spelled out in the message; the rest are counted and left to the attachments."""

_NAME_CODE = re.compile(r"^(\d{2})[._-]?(\d{2})(?!\d)")


@dataclass(frozen=True)
class CorrectionPack:
    """The findings of one regency, and the files of the dataset they are in."""

    regency_code: str
    regency_name: str
    findings: tuple[Finding, ...]
    files: tuple[str, ...] = field(default=())

    @property
    def folder_name(self) -> str:
        """``64.03-berau``: the regency's code and name, as in the template's file name."""
        return template_file_name(self.regency_code, self.regency_name).removesuffix(".xlsx")


def correction_deadline(election: Election, days_before: int = 1) -> dt.date:
    """The last day to send corrections: ``days_before`` days before voting day (H-n).

    >>> from readiness.contract import load_election
    >>> correction_deadline(load_election())
    datetime.date(2024, 11, 26)
    """
    if days_before < 0:
        raise ValueError(f"days_before must be 0 or more, got {days_before!r}")
    return election.voting_day - dt.timedelta(days=days_before)


def _known(code: str) -> bool:
    try:
        get_region(code)
    except UnknownRegionError:
        return False
    return True


def _regency_of(code: object) -> str | None:
    """The regency a region code lies in, when the code is one of the reference."""
    if not isinstance(code, str) or not is_region_code(code) or code_depth(code) < 2:
        return None
    regency = ancestor_code(code, 2)
    return regency if _known(regency) else None


def _name_regency(file: str) -> str | None:
    match = _NAME_CODE.match(Path(file).name)
    return _regency_of(f"{match.group(1)}.{match.group(2)}") if match else None


def _record_regencies(dataset: Dataset) -> pl.DataFrame:
    """``_file``, ``_sheet``, ``_row`` and the regency of every record read."""
    frames = [
        frame.select(
            pl.col("_file"), pl.col("_sheet"), pl.col("_row"), pl.col("region_code").alias("code")
        )
        for frame in dataset.tables.values()
        if frame.height
    ]
    if not frames:
        return pl.DataFrame(schema={"_file": pl.String, "_sheet": pl.String, "_row": pl.Int64,
                                    "regency": pl.String})  # fmt: skip
    rows = pl.concat(frames, how="vertical_relaxed").drop_nulls("_file")
    regencies = [_regency_of(code) for code in rows["code"].to_list()]
    return rows.drop("code").with_columns(pl.Series("regency", regencies, dtype=pl.String))


def plan_corrections(
    dataset: Dataset, findings: Sequence[Finding]
) -> tuple[list[CorrectionPack], list[Finding]]:
    """Findings grouped by the regency that must correct them, and those no regency owns.

    A workbook belongs to one regency (the one most of its rows name, else the one its file
    name starts with), and all its findings go back there; a row of a CSV/Parquet file goes to
    the regency of its region code. Only errors and warnings ask for a correction.
    """
    records = _record_regencies(dataset)
    file_regency: dict[str, str | None] = {}
    for file in {f.path for f in dataset.files} | {f.file for f in findings if f.file}:
        named = records.filter(pl.col("_file") == file)["regency"].drop_nulls().to_list()
        common = Counter(named).most_common(1)
        file_regency[file] = common[0][0] if common else _name_regency(file)
    row_regency = {
        (file, sheet, row): regency
        for file, sheet, row, regency in records.drop_nulls("regency").iter_rows()
    }
    grouped: dict[str, list[Finding]] = {}
    unowned: list[Finding] = []
    for finding in findings:
        if finding.severity == "info":
            continue
        owner = _owner(finding, file_regency, row_regency)
        if owner is None:
            unowned.append(finding)
        else:
            grouped.setdefault(owner, []).append(finding)
    packs = [
        CorrectionPack(
            regency_code=code,
            regency_name=str(get_region(code).name),
            findings=tuple(found),
            files=tuple(sorted({f.file for f in found if f.file})),
        )
        for code, found in sorted(grouped.items())
    ]
    return packs, unowned


def _owner(
    finding: Finding,
    file_regency: dict[str, str | None],
    row_regency: dict[tuple[str, str | None, int], str],
) -> str | None:
    if finding.file is None:
        return None
    if not finding.file.lower().endswith(".xlsx") and finding.row is not None:
        by_row = row_regency.get((finding.file, finding.sheet, finding.row))
        if by_row is not None:
            return by_row
    return file_regency.get(finding.file)


_MESSAGE: dict[str, Text] = {
    "index_counts": Text(
        "{errors} kesalahan, {warnings} peringatan", "{errors} error(s), {warnings} warning(s)"
    ),
    "greeting": Text("Yth. Desk Pilkada {name},", "To the Pilkada desk of {name},"),
    "found": Text(
        "Pemeriksaan otomatis atas laporan kesiapan {election} yang Anda kirim ({files}) "
        "menemukan {errors} kesalahan dan {warnings} peringatan.",
        "The automatic check of the {election} readiness report you sent ({files}) found "
        "{errors} error(s) and {warnings} warning(s).",
    ),
    "deadline": Text(
        "Mohon perbaiki dan kirim ulang paling lambat {date} (H-{days}, {days} hari sebelum "
        "pemungutan suara {voting}), agar data Anda masuk ke rapat koordinasi berikutnya.",
        "Please correct and send it again by {date} at the latest (D-{days}, {days} day(s) "
        "before voting day on {voting}), so that your data reach the next coordination meeting.",
    ),
    "by_rule": Text("Ringkasan menurut jenis masalah:", "Summary by kind of problem:"),
    "to_fix": Text("Yang perlu diperbaiki:", "What to fix:"),
    "where": Text(
        "{file}, lembar {sheet}, baris {row}, kolom {column}",
        "{file}, sheet {sheet}, row {row}, column {column}",
    ),
    "written": Text(" (tertulis: {value})", " (written: {value})"),
    "hint": Text("Petunjuk", "Hint"),
    "more": Text(
        "… dan {count} temuan lain: lihat lampiran.",
        "… and {count} more findings: see the attachments.",
    ),
    "attached": Text(
        "Terlampir: {attachments}. Di salinan berkas Excel, sel yang perlu diperbaiki diberi "
        "warna (merah: kesalahan, kuning: peringatan) dengan komentar berisi pesan dan "
        "petunjuknya; lembar {sheet} memuat daftar lengkapnya, termasuk temuan yang tidak "
        "menunjuk satu sel. Perbaiki di berkas asli Anda, lalu kirim ulang.",
        "Attached: {attachments}. In the copy of the Excel file, the cells to correct are "
        "coloured (red: error, yellow: warning) with a comment giving the message and the hint; "
        "the {sheet} sheet lists them all, including findings that point at no single cell. "
        "Correct them in your original file and send it again.",
    ),
    "unread": Text("Isi yang tidak dapat dibaca", "Content that cannot be read"),
    "thanks": Text("Terima kasih.", "Thank you."),
}


def _where(finding: Finding, lang: Language) -> str:
    parts = {"file": finding.file or "", "sheet": finding.sheet or "–",
             "row": finding.row if finding.row is not None else "–",
             "column": finding.column or "–"}  # fmt: skip
    if finding.sheet is None and finding.row is None and finding.column is None:
        return finding.file or ""
    return _MESSAGE["where"].format(**parts).get(lang)


def correction_message(
    pack: CorrectionPack,
    *,
    election: Election,
    days_before: int = 1,
    attachments: Sequence[str] = (),
    lang: Language = "id",
) -> str:
    """The plain-text message to send with the pack: what was found, what to fix, by when."""
    counts = count_by_severity(pack.findings)
    election_name = election.name(lang)
    lines = [
        _MESSAGE["greeting"].format(name=pack.regency_name).get(lang),
        "",
        _MESSAGE["found"].format(
            election=election_name, files=", ".join(pack.files),
            errors=format_number(counts["error"], lang),
            warnings=format_number(counts["warning"], lang),
        ).get(lang),
        "",
        _MESSAGE["deadline"].format(
            date=format_date(correction_deadline(election, days_before), lang),
            days=days_before, voting=format_date(election.voting_day, lang),
        ).get(lang),
        "",
        _MESSAGE["by_rule"].get(lang),
    ]  # fmt: skip
    by_rule = Counter(_rule_title(f, lang) for f in pack.findings)
    lines += [f"- {title}: {format_number(n, lang)}" for title, n in by_rule.most_common()]
    lines += ["", _MESSAGE["to_fix"].get(lang)]
    ordered = sorted(pack.findings, key=lambda f: (f.severity != "error", f.file or "",
                                                    f.sheet or "", f.row or 0))  # fmt: skip
    for number, finding in enumerate(ordered[:_SHOWN_IN_MESSAGE], start=1):
        written = (
            _MESSAGE["written"].format(value=finding.value).get(lang)
            if finding.value not in (None, "")
            else ""
        )
        hint = f" {_MESSAGE['hint'].get(lang)}: {finding.hint(lang)}" if finding.hint(lang) else ""
        lines.append(f"{number}. {_where(finding, lang)}{written}: {finding.message(lang)}{hint}")
    if len(ordered) > _SHOWN_IN_MESSAGE:
        more = format_number(len(ordered) - _SHOWN_IN_MESSAGE, lang)
        lines.append(_MESSAGE["more"].format(count=more).get(lang))
    if attachments:
        lines += ["", _MESSAGE["attached"].format(attachments=", ".join(attachments),
                                                  sheet=CORRECTIONS_SHEET[lang]).get(lang)]  # fmt: skip
    lines += ["", _MESSAGE["thanks"].get(lang)]
    return "\n".join(lines) + "\n"


def _rule_title(finding: Finding, lang: Language) -> str:
    from readiness.validation import RULES

    rule = RULES.get(finding.rule)
    if rule is None:  # found while reading: the cell, header or file could not be read
        return _MESSAGE["unread"].get(lang)
    return rule.title(lang)


@dataclass(frozen=True)
class CorrectionsResult:
    """What :func:`write_corrections` wrote: one pack per regency with findings."""

    out_dir: Path
    packs: tuple[CorrectionPack, ...]
    written: dict[str, tuple[Path, ...]]
    unowned: tuple[Finding, ...]


def _source_path(dataset: Dataset, relative: str) -> Path | None:
    root = dataset.root
    if root is None:
        return None
    base = root.parent if root.is_file() else root
    path = base / relative
    return path if path.is_file() else None


def _write_pack(
    dataset: Dataset,
    pack: CorrectionPack,
    folder: Path,
    *,
    election: Election,
    days_before: int,
    lang: Language,
) -> list[Path]:
    from readiness.validation import findings_frame

    names = CORRECTION_FILES[lang]
    folder.mkdir()
    written: list[Path] = []
    for file in pack.files:
        source = _source_path(dataset, file)
        if source is None or source.suffix.lower() != ".xlsx":
            continue
        mine = [f for f in pack.findings if f.file == file]
        target = folder / names["copy"].format(stem=source.stem)
        try:
            mark_workbook(source, target, mine, lang)
        except (OSError, KeyError, ValueError):
            target.unlink(missing_ok=True)  # a workbook openpyxl cannot open: the CSV says why
            continue
        written.append(target)
    findings_csv = folder / names["findings"]
    findings_frame(pack.findings, lang).write_csv(findings_csv)
    written.append(findings_csv)
    message = folder / names["message"]
    attachments = [path.name for path in written]
    message.write_text(
        correction_message(pack, election=election, days_before=days_before,
                           attachments=attachments, lang=lang),
        encoding="utf-8",
    )  # fmt: skip
    return [message, *written]


def write_corrections(
    dataset: Dataset,
    findings: Sequence[Finding],
    out_dir: Path,
    *,
    election: Election,
    days_before: int = 1,
    lang: Language = "id",
) -> CorrectionsResult:
    """Write one folder per regency with findings into ``out_dir``, atomically.

    Nothing is written when no regency has findings. An existing ``out_dir`` is replaced only
    once the new one is complete; the input files are only read.
    """
    packs, unowned = plan_corrections(dataset, findings)
    out_dir = Path(out_dir)
    written: dict[str, tuple[Path, ...]] = {}
    if not packs:
        return CorrectionsResult(out_dir, (), written, tuple(unowned))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex[:8]
    staging = out_dir.parent / f".{out_dir.name}.tmp-{token}"
    retired = out_dir.parent / f".{out_dir.name}.old-{token}"
    staging.mkdir()
    try:
        for pack in packs:
            paths = _write_pack(dataset, pack, staging / pack.folder_name, election=election,
                                days_before=days_before, lang=lang)  # fmt: skip
            written[pack.regency_code] = tuple(
                out_dir / pack.folder_name / path.name for path in paths
            )
        (staging / CORRECTION_FILES[lang]["index"]).write_text(
            _index(packs, lang), encoding="utf-8"
        )
        if out_dir.exists():
            out_dir.rename(retired)
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not out_dir.exists():
            retired.rename(out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)
    return CorrectionsResult(out_dir, tuple(packs), written, tuple(unowned))


def _index(packs: Sequence[CorrectionPack], lang: Language) -> str:
    lines = []
    for pack in packs:
        counts = count_by_severity(pack.findings)
        tally = _MESSAGE["index_counts"].format(
            errors=format_number(counts["error"], lang),
            warnings=format_number(counts["warning"], lang),
        )
        lines.append(f"{pack.folder_name}/  {pack.regency_name}: {tally.get(lang)}")
    return "\n".join(lines) + "\n"


def is_corrections_folder(folder: Path) -> bool:
    """Whether ``folder`` is absent, empty, or a pack this module wrote (safe to replace)."""
    if not folder.exists():
        return True
    if not folder.is_dir():
        return False
    if not any(folder.iterdir()):
        return True
    return any((folder / names["index"]).is_file() for names in CORRECTION_FILES.values())
