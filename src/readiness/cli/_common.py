"""What every command shares: usage errors, loading a dataset, checking the arguments, tables.

Usage errors go to stderr as ``readiness: <what is wrong>. Petunjuk: <what to do>.`` and give
exit code 2; the data's own problems are findings, reported by ``readiness validate``.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.contract import DEFAULT_ELECTION, LANGUAGES, Language, available_elections

if TYPE_CHECKING:
    from readiness.pipeline import Run

__all__ = [
    "USAGE_ERROR",
    "add_by_province_argument",
    "add_dataset_arguments",
    "add_lang_argument",
    "error",
    "fail",
    "load_run",
    "render_table",
    "usage_problem",
]

USAGE_ERROR = 2
"""Exit code of a usage error (a wrong path, an unknown option value)."""

_TEXT: dict[Language, dict[str, str]] = {
    "id": {
        "missing": "folder atau berkas {path!r} tidak ditemukan. Petunjuk: periksa jalurnya, "
        "mis. data/raw/kaltim-2024.",
        "unreadable": "{path!r} tidak dapat dibaca sebagai dataset: {error} Petunjuk: sebuah "
        "dataset adalah folder berisi templat terisi (.xlsx) atau berkas CSV/Parquet; "
        "jalankan `readiness validate {path}` untuk rinciannya.",
        "unknown_election": "pemilihan {election!r} tidak dikenal; yang ada: {known}. "
        "Petunjuk: mis. --election pilkada-2024.",
    },
    "en": {
        "missing": "folder or file {path!r} not found. Hint: check the path, e.g. "
        "data/raw/kaltim-2024.",
        "unreadable": "{path!r} cannot be read as a dataset: {error} Hint: a dataset is a "
        "folder of filled templates (.xlsx) or CSV/Parquet files; run "
        "`readiness validate {path}` for details.",
        "unknown_election": "unknown election {election!r}; known: {known}. "
        "Hint: e.g. --election pilkada-2024.",
    },
}


def fail(message: str) -> int:
    """Print a usage error to stderr; returns exit code 2.

    >>> import contextlib, io
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     code = fail("berkas 'x' tidak ada.")
    >>> code, err.getvalue()
    (2, "readiness: berkas 'x' tidak ada.\\n")
    """
    text = message.strip()
    if text and not text.endswith((".", "?", "!")):
        text += "."
    print(f"readiness: {text}", file=sys.stderr)
    return USAGE_ERROR


def error(lang: Language, key: str, **params: Any) -> int:
    """Print one of the shared usage errors (``missing``, ``unreadable``,
    ``unknown_election``) in ``lang``; returns exit code 2."""
    return fail(_TEXT[lang][key].format(**params))


def load_run(path: Path, lang: Language, **options: Any) -> Run | int:
    """The pipeline's run of the dataset at ``path`` (``options`` as
    :func:`readiness.pipeline.run` takes them), or the exit code after saying why the dataset
    cannot be read."""
    from readiness.pipeline import run

    try:
        return run(path, **options)
    except (OSError, ValueError) as problem:
        detail = str(problem).strip().rstrip(".") + "."
        return error(lang, "unreadable", path=str(path), error=detail)


def usage_problem(args: argparse.Namespace) -> int | None:
    """Exit code 2 (after saying why) when ``--election`` or the path is wrong, else None."""
    if args.election not in available_elections():
        known = ", ".join(available_elections())
        return error(args.lang, "unknown_election", election=args.election, known=known)
    if not Path(args.path).exists():
        return error(args.lang, "missing", path=str(args.path))
    return None


def add_dataset_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of every command that reads a dataset: PATH, ``--lang``, ``--election``."""
    parser.add_argument("path", help="folder dataset atau satu berkas (.xlsx, .csv, .parquet)")
    add_lang_argument(parser)
    parser.add_argument(
        "--election",
        default=DEFAULT_ELECTION,
        help=f"pemilihan (kalender, norma); default {DEFAULT_ELECTION}",
    )


def add_lang_argument(
    parser: argparse.ArgumentParser, help: str = "bahasa keluaran (bawaan: id)"
) -> None:
    """``--lang``: the language of what the command writes (Indonesian by default)."""
    parser.add_argument("--lang", choices=LANGUAGES, default="id", help=help)


def add_by_province_argument(parser: argparse.ArgumentParser) -> None:
    """``--by-province``: read a folder partitioned as ``province=XX`` one province at a time."""
    parser.add_argument(
        "--by-province",
        dest="by_province",
        action="store_true",
        help="baca folder nasional (province=XX/...) satu provinsi sekali jalan: lebih lambat, "
        "tetapi memori cukup untuk provinsi terbesar saja",
    )


def render_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int] | None = None
) -> str:
    """An aligned text table with a rule under the header; a cell longer than its column's
    width in ``widths`` wraps inside the column.

    >>> print(render_table(["Wilayah", "Nilai"], [["Berau", "4,32"], ["Paser", "–"]]))
    Wilayah  Nilai
    -------  -----
    Berau    4,32
    Paser    –
    >>> print(render_table(["Pesan"], [["satu dua tiga"]], widths=[8]))
    Pesan
    --------
    satu dua
    tiga
    """
    limits = list(widths) if widths is not None else [sys.maxsize] * len(headers)
    shown = [
        min(limit, max([len(headers[i])] + [len(row[i]) for row in rows]))
        for i, limit in enumerate(limits)
    ]
    lines = []

    def add(cells: Sequence[str]) -> None:
        wrapped = [
            textwrap.wrap(text, width, break_long_words=True) or [""]
            if len(text) > width
            else [text]
            for text, width in zip(cells, shown, strict=True)
        ]
        for i in range(max(len(w) for w in wrapped)):
            parts = [
                (w[i] if i < len(w) else "").ljust(width)
                for w, width in zip(wrapped, shown, strict=True)
            ]
            lines.append("  ".join(parts).rstrip())

    add(headers)
    lines.append("  ".join("-" * width for width in shown))
    for row in rows:
        add(row)
    return "\n".join(lines)
