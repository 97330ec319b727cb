"""``readiness validate`` and ``readiness build``: check a dataset, and build it when clean."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from readiness.contract import Finding, Language, available_elections, count_by_severity
from readiness.ingest import Dataset
from readiness.validation import (
    DEFAULT_MAX_PER_RULE,
    SEVERITY_LABELS,
    BuildError,
    build_dataset,
    column_label,
    findings_json,
    fold_findings,
    summary_line,
    validate,
)

__all__ = ["format_table", "register"]

_TEXT: dict[Language, dict[str, str]] = {
    "id": {
        "missing": "folder atau berkas {path!r} tidak ditemukan. Petunjuk: periksa jalurnya, "
        "mis. data/raw/kaltim-2024.",
        "unreadable": "{path!r} tidak dapat dibaca sebagai dataset: {error} Petunjuk: sebuah "
        "dataset adalah folder berisi templat terisi (.xlsx) atau berkas CSV/Parquet.",
        "unknown_election": "pemilihan {election!r} tidak dikenal. Petunjuk: pilih salah satu: "
        "{known}.",
        "wrote": "Menulis {path}:",
        "rows": "{name:<26} {rows:>9} baris",
        "kept": "Tidak ada yang ditulis: {errors} kesalahan harus diperbaiki dulu.",
        "headers": "berkas|lembar|baris|kolom|nilai|tingkat|pesan|petunjuk",
    },
    "en": {
        "missing": "folder or file {path!r} not found. Hint: check the path, e.g. "
        "data/raw/kaltim-2024.",
        "unreadable": "{path!r} cannot be read as a dataset: {error} Hint: a dataset is a "
        "folder of filled templates (.xlsx) or CSV/Parquet files.",
        "unknown_election": "unknown election {election!r}. Hint: choose one of: {known}.",
        "wrote": "Wrote {path}:",
        "rows": "{name:<26} {rows:>9} rows",
        "kept": "Nothing written: fix the {errors} error(s) first.",
        "headers": "file|sheet|row|column|value|severity|message|hint",
    },
}

_WIDTHS = (30, 12, 5, 22, 18, 10, 56, 48)


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def format_table(findings: Sequence[Finding], lang: Language = "id") -> str:
    """Findings as an aligned text table; long messages and hints wrap inside their column.

    >>> f = Finding(rule="schema.range", severity="error", file="berau.xlsx", sheet="TPS",
    ...             row=7, column="Jumlah TPS", value="-3", message_id="negatif",
    ...             message_en="negative", hint_id="tulis 0 atau lebih",
    ...             hint_en="write 0 or more")
    >>> print(format_table([f], "en"))  # doctest: +NORMALIZE_WHITESPACE
    file        sheet  row  column  value  severity  message   hint
    berau.xlsx  TPS    7    TPS     -3     error     negative  write 0 or more
    """
    headers = _TEXT[lang]["headers"].split("|")
    rows = [
        [
            _cell(f.file), _cell(f.sheet), _cell(f.row), _cell(column_label(f, lang)),
            _cell(f.value), SEVERITY_LABELS[lang][f.severity], f.message(lang), f.hint(lang),
        ]
        for f in findings
    ]  # fmt: skip
    widths = [
        min(limit, max([len(headers[i])] + [len(r[i]) for r in rows]))
        for i, limit in enumerate(_WIDTHS)
    ]
    lines = []
    for cells in [headers, *rows]:
        wrapped = [
            textwrap.wrap(text, width, break_long_words=True) or [""]
            for text, width in zip(cells, widths, strict=True)
        ]
        for i in range(max(len(w) for w in wrapped)):
            parts = [
                (w[i] if i < len(w) else "").ljust(width)
                for w, width in zip(wrapped, widths, strict=True)
            ]
            lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def _error(lang: Language, key: str, **params: Any) -> int:
    print(f"readiness: {_TEXT[lang][key].format(**params)}", file=sys.stderr)
    return 2


def _load(path: Path, lang: Language) -> Dataset | int:
    from readiness.ingest import load_dataset

    try:
        dataset: Dataset = load_dataset(path)
    except (OSError, ValueError) as error:
        return _error(lang, "unreadable", path=str(path), error=str(error).rstrip(".") + ".")
    return dataset


def _usage_problem(args: argparse.Namespace) -> int | None:
    if args.election not in available_elections():
        return _error(
            args.lang,
            "unknown_election",
            election=args.election,
            known=", ".join(available_elections()),
        )
    if not Path(args.path).exists():
        return _error(args.lang, "missing", path=str(args.path))
    return None


def run_validate(args: argparse.Namespace) -> int:
    """Validate a dataset folder or file and print the findings; 1 when there are errors."""
    lang: Language = args.lang
    problem = _usage_problem(args)
    if problem is not None:
        return problem
    dataset = _load(Path(args.path), lang)
    if isinstance(dataset, int):
        return dataset
    limit = None if args.all else DEFAULT_MAX_PER_RULE
    findings = validate(dataset, election=args.election, max_per_rule=limit)
    if args.format == "json":
        print(json.dumps(findings_json(findings, lang), ensure_ascii=False, indent=2))
    else:
        if findings:
            print(format_table(findings, lang))
            print()
        print(summary_line(findings, lang))
    return 1 if count_by_severity(findings)["error"] else 0


def run_build(args: argparse.Namespace) -> int:
    """Build a dataset into Parquet and a manifest; nothing is written when there are errors."""
    lang: Language = args.lang
    problem = _usage_problem(args)
    if problem is not None:
        return problem
    try:
        result = build_dataset(Path(args.path), Path(args.output), election=args.election)
    except BuildError as error:
        print(f"readiness: {error}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as error:
        return _error(lang, "unreadable", path=str(args.path), error=str(error))
    shown = fold_findings(result.findings, None if args.all else DEFAULT_MAX_PER_RULE)
    if not result.ok:
        print(format_table(shown, lang))
        print()
        print(summary_line(result.findings, lang))
        print(_TEXT[lang]["kept"].format(errors=count_by_severity(result.findings)["error"]))
        return 1
    print(_TEXT[lang]["wrote"].format(path=result.out_dir))
    for name, rows in result.manifest["row_counts"].items():
        print("  " + _TEXT[lang]["rows"].format(name=f"{name}.parquet", rows=rows))
    print("  manifest.json")
    if shown:
        print()
        print(format_table(shown, lang))
    print(summary_line(result.findings, lang))
    return 0


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="folder dataset atau satu berkas (.xlsx, .csv, .parquet)")
    parser.add_argument(
        "--lang", choices=("id", "en"), default="id", help="bahasa pesan (default: id)"
    )
    parser.add_argument(
        "--election",
        default="pilkada-2024",
        help="pemilihan (kalender, norma); default pilkada-2024",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help=f"tampilkan semua temuan (default: {DEFAULT_MAX_PER_RULE} per aturan, sisanya diringkas)",
    )


def register(subparsers: Any) -> None:
    """Add ``validate`` and ``build`` to the command line."""
    check = subparsers.add_parser(
        "validate",
        help="periksa dataset dan tampilkan semua temuan",
        description="Periksa dataset (folder templat terisi atau CSV/Parquet) dan tampilkan "
        "semua temuan. Kode keluar: 0 tanpa kesalahan, 1 ada kesalahan, 2 salah pemakaian.",
    )
    _common(check)
    check.add_argument(
        "--format", choices=("table", "json"), default="table", help="tabel (default) atau json"
    )
    check.set_defaults(handler=run_validate)
    build = subparsers.add_parser(
        "build",
        help="validasi lalu tulis Parquet per tabel dan manifest.json",
        description="Validasi dataset; bila tidak ada kesalahan, tulis <tabel>.parquet dan "
        "manifest.json ke folder keluaran secara atomik. Dengan kesalahan tidak ada yang ditulis.",
    )
    _common(build)
    build.add_argument(
        "-o", "--output", required=True, help="folder keluaran, mis. data/processed/NAMA"
    )
    build.set_defaults(handler=run_build)
