"""``readiness sitrep``: what changed between two snapshot dates, as text, JSON or a document.

The library is imported inside the handler, so ``readiness --help`` stays light.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from readiness.contract import Language, Text

__all__ = ["register", "run"]

RENDER_FAILED = 3
"""Exit code when the document could not be rendered (as ``readiness report``)."""

_TEXT: dict[str, Text] = {
    "date": Text(
        "{flag} harus tanggal YYYY-MM-DD, tertulis {value!r}. Petunjuk: mis. {flag} 2024-11-25.",
        "{flag} must be a date YYYY-MM-DD, got {value!r}. Hint: e.g. {flag} 2024-11-25.",
    ),
    "order": Text(
        "--since ({since}) harus sebelum --as-of ({as_of}). Petunjuk: mis. --since 2024-11-24 "
        "--as-of 2024-11-25.",
        "--since ({since}) must be before --as-of ({as_of}). Hint: e.g. --since 2024-11-24 "
        "--as-of 2024-11-25.",
    ),
    "no_previous": Text(
        "tidak ada laporan bertanggal sebelum {as_of} dalam dataset, jadi tidak ada snapshot "
        "pembanding. Petunjuk: beri --since dengan tanggal lebih awal.",
        "no report in the dataset is dated before {as_of}, so there is no earlier snapshot to "
        "compare with. Hint: pass --since with an earlier date.",
    ),
    "format": Text(
        "--format {value!r} tidak dikenal. Petunjuk: text, json, atau gabungan html,pdf,docx.",
        "unknown --format {value!r}. Hint: text, json, or a list of html,pdf,docx.",
    ),
    "no_province": Text(
        "provinsi dataset {path!r} tidak dapat ditentukan (kosong atau campuran). Petunjuk: "
        "satu dataset per provinsi.",
        "cannot tell the province of dataset {path!r} (empty or mixed). Hint: one dataset per "
        "province.",
    ),
    "errors": Text(
        "{count} kesalahan validasi; baris yang ditolak tidak dihitung. Petunjuk: readiness "
        "validate {path}",
        "{count} validation error(s); the rejected rows are not counted. Hint: readiness "
        "validate {path}",
    ),
    "wrote": Text("Menulis {path}", "Wrote {path}"),
    "title": Text(
        "Laporan situasi {province}: perubahan {since} → {as_of}",
        "Situation report {province}: changes {since} → {as_of}",
    ),
}


def _say(key: str, lang: Language, **values: Any) -> str:
    return _TEXT[key].format(**values).get(lang)


def register(subparsers: Any) -> None:
    """Add the ``sitrep`` command."""
    from readiness.cli._common import add_dataset_arguments

    parser: argparse.ArgumentParser = subparsers.add_parser(
        "sitrep",
        help="laporan situasi: apa yang berubah sejak snapshot sebelumnya (teks, JSON, dokumen)",
        description="Apa yang berubah antara dua tanggal snapshot: indikator yang melewati "
        "ambang status (baru kritis, pulih), kecamatan yang mencapai tahap logistik, rencana "
        "jatuh tempo tanpa laporan kedatangan, kasus netralitas baru/pindah tahap/tuntas, "
        "kabupaten/kota tanpa laporan sejak kapan, butir kritis baru dengan penanggung jawab "
        "dan tenggatnya, dan butir yang selesai.",
    )
    add_dataset_arguments(parser)
    parser.add_argument("--as-of", required=True, help="tanggal keadaan, YYYY-MM-DD")
    parser.add_argument(
        "--since",
        default=None,
        help="tanggal pembanding, YYYY-MM-DD (bawaan: tanggal laporan terakhir sebelum --as-of)",
    )
    parser.add_argument(
        "--format",
        default="text",
        help="text (bawaan, ke layar), json (untuk bot; skema: sitrep.schema.json), atau "
        "dokumen html,pdf,docx",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        help="json: berkas (bawaan: layar); dokumen: folder (bawaan: reports/_output)",
    )
    parser.add_argument(
        "--engine",
        choices=("auto", "quarto", "builtin"),
        default="auto",
        help="mesin dokumen: auto (Quarto bila terpasang), quarto atau builtin",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Show or write the sitrep; 0 when done from a dataset without errors, 1 when done but
    the dataset has validation errors (its rejected rows are not counted), 2 on a usage error,
    3 when a document could not be rendered."""
    from readiness.cli._common import fail, load_run, usage_problem

    lang: Language = args.lang
    problem = usage_problem(args)
    if problem is not None:
        return problem
    checked = _checked_arguments(args, lang)
    if isinstance(checked, int):
        return checked
    as_of, since, formats = checked
    done = load_run(Path(args.path), lang, levels=(), election=args.election)
    if isinstance(done, int):
        return done
    if done.dataset is None:  # never: a run not by province holds its dataset
        return fail(_say("no_province", lang, path=args.path))
    dataset = done.dataset
    from readiness.present import SitrepError, build_sitrep, is_synthetic_example, previous_snapshot

    if since is None and previous_snapshot(dataset, as_of) is None:
        return fail(_say("no_previous", lang, as_of=as_of.isoformat()))
    try:
        report = build_sitrep(
            dataset, as_of, since, election=args.election,
            synthetic=is_synthetic_example(args.path), invalid=done.validation.invalid_rows,
        )  # fmt: skip
    except SitrepError as error:
        return fail(str(error))
    if formats == "text":
        print(_text(report, lang))
    elif formats == "json":
        code = _write_json(report, lang, args.output)
        if code:
            return code
    else:
        code = _render(args, report.province_code, as_of, report.since, formats, lang)
        if code:
            return code
    return _validation_code(done.validation.errors, args, lang)


def _checked_arguments(args: argparse.Namespace, lang: Language) -> tuple[Any, Any, Any] | int:
    """(as_of, since, formats) from the arguments, or exit code 2 after saying what is wrong;
    formats is "text", "json" or a tuple of document formats."""
    import datetime as dt

    from readiness.cli._common import fail

    days: dict[str, dt.date | None] = {"--as-of": None, "--since": None}
    for flag, value in (("--as-of", args.as_of), ("--since", args.since)):
        if value is None:
            continue
        try:
            days[flag] = dt.date.fromisoformat(value)
        except ValueError:
            return fail(_say("date", lang, flag=flag, value=value))
    as_of, since = days["--as-of"], days["--since"]
    if as_of is not None and since is not None and since >= as_of:
        return fail(_say("order", lang, since=since.isoformat(), as_of=as_of.isoformat()))
    kind = str(args.format).strip().lower()
    if kind in ("text", "json"):
        return as_of, since, kind
    from readiness.render import parse_formats

    try:
        return as_of, since, parse_formats(kind)
    except ValueError:
        return fail(_say("format", lang, value=args.format))


def _text(report: Any, lang: Language) -> str:
    from readiness.cli._common import render_table
    from readiness.contract import format_date
    from readiness.present import SYNTHETIC_NOTICE, sitrep_sections, summary_lines
    from readiness.regions import get_region

    province = get_region(report.province_code).name if report.province_code else ""
    lines = []
    if report.synthetic:
        lines.append(f"*** {SYNTHETIC_NOTICE.get(lang)} ***")
    lines.append(
        _say(
            "title",
            lang,
            province=province,
            since=format_date(report.since, lang),
            as_of=format_date(report.as_of, lang),
        )
    )
    lines += [f"- {line}" for line in summary_lines(report, lang)]
    for section in sitrep_sections(report, lang):
        lines += ["", section.title, "=" * len(section.title)]
        if not section.rows:
            lines.append(section.empty)
            continue
        rows = [[str(getattr(cell, "label", cell)) for cell in row] for row in section.rows]
        widths = [44 if i == 1 else 26 for i in range(len(section.columns))]
        lines.append(render_table(section.columns, rows, widths))
        if section.note:
            lines.append(section.note)
    return "\n".join(lines)


def _write_json(report: Any, lang: Language, output: Path | None) -> int:
    import json
    import os

    from readiness.cli._common import fail
    from readiness.present import sitrep_json

    text = json.dumps(sitrep_json(report, lang), ensure_ascii=False, indent=2)
    if output is None:
        print(text)
        return 0
    if output.is_dir():
        return fail(_say("format", lang, value=str(output)))
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f".{output.name}.part")
    partial.write_text(text + "\n", encoding="utf-8")
    os.replace(partial, output)
    print(_say("wrote", lang, path=output))
    return 0


def _render(
    args: argparse.Namespace, province: str | None, as_of: Any, since: Any, formats: Any,
    lang: Language,
) -> int:  # fmt: skip
    import sys

    from readiness.cli._common import fail
    from readiness.render import ExecutionError, render_sitrep

    if province is None:
        return fail(_say("no_province", lang, path=str(args.path)))
    try:
        result = render_sitrep(
            args.path, province_code=province, as_of=as_of, since=since, formats=formats,
            lang=lang, output_dir=args.output, engine=args.engine,
        )  # fmt: skip
    except ValueError as error:
        return fail(str(error))
    except (ExecutionError, RuntimeError) as error:
        sys.stderr.write(f"readiness sitrep: {error}\n")
        return RENDER_FAILED
    for path in result.files:
        print(_say("wrote", lang, path=path))
    return 0


def _validation_code(errors: int, args: argparse.Namespace, lang: Language) -> int:
    import sys

    if not errors:
        return 0
    sys.stderr.write(f"readiness: {_say('errors', lang, count=errors, path=args.path)}\n")
    return 1
