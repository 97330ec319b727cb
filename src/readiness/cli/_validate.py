"""``readiness validate`` and ``readiness build``: check a dataset, and build it when clean."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from readiness.cli._common import (
    add_by_province_argument,
    add_dataset_arguments,
    error,
    fail,
    load_run,
    render_table,
    usage_problem,
)
from readiness.contract import DEFAULT_MAX_PER_RULE, Finding, Language, count_by_severity

__all__ = ["format_table", "register"]

_TEXT: dict[Language, dict[str, str]] = {
    "id": {
        "wrote": "Menulis {path}:",
        "rows": "{name:<26} {rows:>9} baris",
        "kept": "Tidak ada yang ditulis: {errors} kesalahan harus diperbaiki dulu.",
        "headers": "berkas|lembar|baris|kolom|nilai|tingkat|pesan|petunjuk",
    },
    "en": {
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
    ...             row=7, column="Jumlah TPS", value="-3", message_id="Negatif.",
    ...             message_en="Negative.", hint_id="Tulis 0 atau lebih.",
    ...             hint_en="Write 0 or more.")
    >>> print(format_table([f], "en"))  # doctest: +NORMALIZE_WHITESPACE
    file        sheet  row  column  value  severity  message    hint
    ----------  -----  ---  ------  -----  --------  ---------  ----------------
    berau.xlsx  TPS    7    TPS     -3     error     Negative.  Write 0 or more.
    """
    from readiness.validation import SEVERITY_LABELS, column_label

    headers = _TEXT[lang]["headers"].split("|")
    rows = [
        [
            _cell(f.file), _cell(f.sheet), _cell(f.row), _cell(column_label(f, lang)),
            _cell(f.value), SEVERITY_LABELS[lang][f.severity], f.message(lang), f.hint(lang),
        ]
        for f in findings
    ]  # fmt: skip
    return render_table(headers, rows, _WIDTHS)


def run_validate(args: argparse.Namespace) -> int:
    """Validate a dataset folder or file and print the findings; 1 when there are errors."""
    from readiness.validation import findings_json, summary_line

    lang: Language = args.lang
    problem = usage_problem(args)
    if problem is not None:
        return problem
    limit = None if args.all else DEFAULT_MAX_PER_RULE
    done = load_run(
        Path(args.path), lang, levels=(), election=args.election, max_per_rule=limit,
        by_province=args.by_province,
    )  # fmt: skip
    if isinstance(done, int):
        return done
    findings = list(done.validation.findings)
    files_read = len(done.dataset.files) if done.dataset is not None else None
    if args.format == "json":
        print(json.dumps(findings_json(findings, lang), ensure_ascii=False, indent=2))
    else:
        if findings:
            print(format_table(findings, lang))
            print()
        print(summary_line(findings, lang, files_read=files_read))
    return 0 if done.validation.ok else 1


def run_build(args: argparse.Namespace) -> int:
    """Build a dataset into Parquet and a manifest; nothing is written when there are errors."""
    from readiness.pipeline import BuildError, build_dataset
    from readiness.validation import fold_findings, summary_line

    lang: Language = args.lang
    problem = usage_problem(args)
    if problem is not None:
        return problem
    try:
        result = build_dataset(Path(args.path), Path(args.output), election=args.election)
    except BuildError as refused:
        return fail(str(refused))
    except (OSError, ValueError) as unreadable:
        detail = str(unreadable).strip().rstrip(".") + "."
        return error(lang, "unreadable", path=str(args.path), error=detail)
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
    add_dataset_arguments(parser)
    parser.add_argument(
        "--all",
        action="store_true",
        help=f"tampilkan semua temuan (bawaan: {DEFAULT_MAX_PER_RULE} per aturan, sisanya diringkas)",
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
    add_by_province_argument(check)
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
