"""``readiness report``: render the provincial briefing and the regency profiles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from readiness.contract import Language

__all__ = ["RENDER_FAILED", "register", "run"]

RENDER_FAILED = 3
"""Exit code when a document could not be rendered (1 stays "the data has errors")."""

_HELP = {
    "report": "buat laporan provinsi dan profil setiap kabupaten/kota (HTML, PDF, DOCX)",
    "path": "folder dataset (templat terisi atau hasil build), mis. data/raw/kaltim-2024",
    "region": "hanya wilayah ini: kode provinsi (laporan provinsi) atau kode kabupaten/kota "
    "(profil)",
    "format": "format dipisah koma: html,pdf,docx (bawaan: ketiganya)",
    "lang": "bahasa dokumen: id (bawaan) atau en",
    "output": "folder keluaran (bawaan: reports/_output)",
    "as_of": "tampilkan data per tanggal ini (YYYY-MM-DD; bawaan: data terbaru)",
    "engine": "auto (Quarto bila terpasang, selain itu mesin bawaan), quarto atau builtin",
    "workers": "jumlah dokumen yang dibuat bersamaan oleh mesin bawaan (bawaan: paling banyak 2)",
    "geojson": "GeoJSON batas wilayah pengganti batas bawaan (kode Kemendagri, dengan atau tanpa "
    "titik, di properti --geojson-property)",
    "geojson_property": "nama properti fitur GeoJSON yang memuat kode Kemendagri (bawaan: code)",
}

_MESSAGES = {
    "id": {
        "dataset": "dataset {path!r} tidak ditemukan. Petunjuk: mis. data/raw/kaltim-2024",
        "geojson": "GeoJSON {path!r} tidak ditemukan. Petunjuk: sebuah berkas FeatureCollection",
        "as_of": "--as-of harus tanggal YYYY-MM-DD, bukan {value!r}. Petunjuk: 2024-11-25",
        "region": "{value!r} bukan kode wilayah Kemendagri. Petunjuk: --region 64.03",
        "no_quarto": "Quarto CLI tidak ditemukan. Petunjuk: setel QUARTO_PATH atau --engine builtin",
        "done": "{count} berkas di {folder} ({seconds} detik, mesin {engine})",
        "errors": "{errors} kesalahan validasi; baris yang ditolak tidak dipakai dalam dokumen. "
        "Petunjuk: readiness validate {path}",
    },
    "en": {
        "dataset": "dataset {path!r} not found. Hint: e.g. data/raw/kaltim-2024",
        "geojson": "GeoJSON {path!r} not found. Hint: a FeatureCollection file",
        "as_of": "--as-of must be a date YYYY-MM-DD, got {value!r}. Hint: 2024-11-25",
        "region": "{value!r} is not a Kemendagri region code. Hint: --region 64.03",
        "no_quarto": "the Quarto CLI was not found. Hint: set QUARTO_PATH or --engine builtin",
        "done": "{count} file(s) in {folder} ({seconds} s, engine {engine})",
        "errors": "{errors} validation error(s); the rejected rows are left out of the documents. "
        "Hint: readiness validate {path}",
    },
}


def register(subparsers: Any) -> None:
    """Add the ``report`` command."""
    from readiness.cli._common import add_lang_argument

    parser: argparse.ArgumentParser = subparsers.add_parser(
        "report", help=_HELP["report"], description=_HELP["report"]
    )
    parser.add_argument("path", type=Path, metavar="FOLDER", help=_HELP["path"])
    parser.add_argument("--region", default=None, metavar="KODE", help=_HELP["region"])
    parser.add_argument("--format", default="html,pdf,docx", help=_HELP["format"])
    add_lang_argument(parser, _HELP["lang"])
    parser.add_argument(
        "-o", "--output", type=Path, default=None, metavar="FOLDER", help=_HELP["output"]
    )
    parser.add_argument("--as-of", default=None, metavar="TANGGAL", help=_HELP["as_of"])
    parser.add_argument(
        "--engine", choices=("auto", "quarto", "builtin"), default="auto", help=_HELP["engine"]
    )
    parser.add_argument(
        "--workers", type=int, default=None, metavar="JUMLAH", help=_HELP["workers"]
    )
    parser.add_argument(
        "--geojson", type=Path, default=None, metavar="BERKAS", help=_HELP["geojson"]
    )
    parser.add_argument(
        "--geojson-property", default="code", metavar="NAMA", help=_HELP["geojson_property"]
    )
    parser.set_defaults(handler=run)


def _error(message: str) -> None:
    sys.stderr.write(f"readiness report: {message}\n")


def run(args: argparse.Namespace) -> int:
    """Render; 0 when every file was written from a dataset without errors, 1 when the
    documents were written but the dataset has errors (as ``readiness validate`` says), 2 on a
    usage error, 3 when rendering failed."""
    import datetime as dt

    from readiness.contract import format_number
    from readiness.regions import normalize_code
    from readiness.render import ExecutionError, parse_formats, quarto_path, render_report

    say = _MESSAGES[args.lang]
    if not args.path.exists():
        _error(say["dataset"].format(path=str(args.path)))
        return 2
    if args.geojson is not None and not args.geojson.is_file():
        _error(say["geojson"].format(path=str(args.geojson)))
        return 2
    try:
        formats = parse_formats(args.format)
    except ValueError as error:
        _error(f"{error}")
        return 2
    as_of = None
    if args.as_of:
        try:
            as_of = dt.date.fromisoformat(args.as_of)
        except ValueError:
            _error(say["as_of"].format(value=args.as_of))
            return 2
    region = None
    if args.region:
        try:
            region = normalize_code(args.region)
        except ValueError:
            _error(say["region"].format(value=args.region))
            return 2
    if args.engine == "quarto" and quarto_path() is None:
        _error(say["no_quarto"])
        return RENDER_FAILED
    try:
        result = render_report(
            args.path, region=region, formats=formats, lang=args.lang,
            output_dir=args.output, as_of=as_of, engine=args.engine, workers=args.workers,
            geojson=args.geojson,
            geojson_property=args.geojson_property,
        )  # fmt: skip
    except ValueError as error:
        _error(str(error))
        return 2
    except (ExecutionError, RuntimeError) as error:
        _error(str(error))
        return RENDER_FAILED
    folder = result.files[0].parent if result.files else args.output
    done = say["done"].format(
        count=len(result.files), folder=folder, engine=result.engine,
        seconds=format_number(result.seconds, args.lang, 1),
    )  # fmt: skip
    sys.stderr.write(f"readiness: {done}\n")
    return _exit_code(result.findings_count, args.path, args.lang)


def _exit_code(counts: dict[str, int] | None, path: Path, lang: Language) -> int:
    """The exit code ``readiness validate`` gives the dataset, from the run the documents were
    rendered from: its rejected rows are left out of the documents, which say so, and the
    command does not pass them as clean."""
    from readiness.contract import format_number

    errors = (counts or {}).get("error", 0)
    if not errors:
        return 0
    _error(_MESSAGES[lang]["errors"].format(errors=format_number(errors, lang), path=path))
    return 1
