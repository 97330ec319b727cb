"""``readiness report``: render the provincial briefing and the regency profiles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["register", "run"]

_HELP = {
    "report": "render the provincial briefing and every regency profile (HTML, PDF, DOCX)",
    "path": "dataset folder (raw templates or processed), e.g. data/raw/kaltim-2024",
    "region": "only this region: the province code (briefing) or a regency code (profile)",
    "format": "comma-separated formats: html,pdf,docx (default: all three)",
    "lang": "language of the documents: id (default) or en",
    "output": "output folder (default: reports/_output)",
    "as_of": "show the data as of this date (YYYY-MM-DD; default: the latest)",
    "engine": "auto (Quarto CLI when installed, else built-in), quarto or builtin",
    "workers": "documents rendered in parallel by the built-in engine (default: up to 2)",
    "geojson": "boundary GeoJSON (properties.code = Kemendagri code): a real map in the briefing",
}


def register(subparsers: Any) -> None:
    """Add the ``report`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "report", help=_HELP["report"], description=_HELP["report"]
    )
    parser.add_argument("path", type=Path, help=_HELP["path"])
    parser.add_argument("--region", default=None, help=_HELP["region"])
    parser.add_argument("--format", default="html,pdf,docx", help=_HELP["format"])
    parser.add_argument("--lang", choices=("id", "en"), default="id", help=_HELP["lang"])
    parser.add_argument("-o", "--output", type=Path, default=None, help=_HELP["output"])
    parser.add_argument("--as-of", default=None, help=_HELP["as_of"])
    parser.add_argument(
        "--engine", choices=("auto", "quarto", "builtin"), default="auto", help=_HELP["engine"]
    )
    parser.add_argument("--workers", type=int, default=None, help=_HELP["workers"])
    parser.add_argument("--geojson", type=Path, default=None, help=_HELP["geojson"])
    parser.set_defaults(handler=run)


def _error(message: str) -> None:
    sys.stderr.write(f"readiness report: {message}\n")


def run(args: argparse.Namespace) -> int:
    """Render; 0 when every file was written from a dataset without errors, 1 when rendering
    failed or (documents written) the dataset has errors, as ``readiness validate`` says;
    2 on a usage error."""
    import datetime as dt

    from readiness.regions import normalize_code
    from readiness.render import ExecutionError, parse_formats, render_report

    if not args.path.exists():
        _error(f"dataset {str(args.path)!r} not found. Hint: e.g. data/raw/kaltim-2024")
        return 2
    if args.geojson is not None and not args.geojson.is_file():
        _error(f"GeoJSON {str(args.geojson)!r} not found. Hint: a FeatureCollection file")
        return 2
    try:
        formats = parse_formats(args.format)
    except ValueError as error:
        _error(f"{error}")
        return 2
    if args.as_of:
        try:
            dt.date.fromisoformat(args.as_of)
        except ValueError:
            _error(f"--as-of must be a date YYYY-MM-DD, got {args.as_of!r}. Hint: 2024-11-25")
            return 2
    region = None
    if args.region:
        try:
            region = normalize_code(args.region)
        except ValueError:
            _error(f"{args.region!r} is not a Kemendagri region code. Hint: --region 64.03")
            return 2
    try:
        result = render_report(
            args.path, region=region, formats=formats, lang=args.lang,
            output_dir=args.output, as_of=args.as_of, engine=args.engine, workers=args.workers,
            geojson=args.geojson,
        )  # fmt: skip
    except ValueError as error:
        _error(str(error))
        return 2
    except (ExecutionError, RuntimeError) as error:
        _error(str(error))
        return 1
    folder = result.files[0].parent if result.files else args.output
    sys.stderr.write(
        f"readiness: {len(result.files)} file(s) in {folder} "
        f"({result.seconds:.1f} s, engine {result.engine})\n"
    )
    return _validate_code(args.path, args.lang)


def _validate_code(path: Path, lang: str) -> int:
    """The exit code ``readiness validate`` gives the dataset: its rejected rows are left out
    of the documents, which say so, and the command does not pass them as clean."""
    from readiness.contract import count_by_severity
    from readiness.ingest import load_dataset
    from readiness.validation import validate

    errors = count_by_severity(validate(load_dataset(path)))["error"]
    if not errors:
        return 0
    _error(
        f"{errors} kesalahan validasi; baris yang ditolak tidak dipakai dalam dokumen. "
        f"Petunjuk: readiness validate {path}"
        if lang == "id"
        else f"{errors} validation error(s); the rejected rows are left out of the documents. "
        f"Hint: readiness validate {path}"
    )
    return 1
