"""``readiness indicators`` and ``readiness compare``: print indicators or the comparison."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.cli._common import (
    add_by_province_argument,
    add_dataset_arguments,
    fail,
    render_table,
    usage_problem,
)
from readiness.contract import (
    MISSING,
    Language,
    format_date,
    format_in_unit,
    format_number,
    format_percent,
)

if TYPE_CHECKING:
    import polars as pl

    from readiness.compare import CompareConfig
    from readiness.indicators import Level
    from readiness.pipeline import AsOf, Run

__all__ = ["format_indicator_table", "register", "run_compare", "run_indicators"]

_TEXT: dict[Language, dict[str, str]] = {
    "id": {
        "empty": "tidak ada indikator: dataset {path!r} tidak berisi data yang dapat dihitung. "
        "Petunjuk: jalankan `readiness validate {path}`.",
        "data_errors": "{count} kesalahan pada data; baris yang salah tidak dihitung. "
        "Petunjuk: jalankan `readiness validate {path}`.",
        "bad_as_of": "--as-of harus berupa tanggal (YYYY-MM-DD) atau 'all', tertulis {value!r}. "
        "Petunjuk: --as-of 2024-11-25.",
        "region": "Wilayah",
        "indicator": "Indikator",
        "value": "Nilai",
        "coverage": "Cakupan",
        "norm": "Norma",
        "status": "Status",
        "as_of": "Per",
        "rank": "Peringkat",
        "score": "Skor",
        "keeps_rank": "Peringkat tetap",
        "not_ranked": "tidak diperingkat",
        "bottom": "Di kelompok bawah",
        "rank_range": "Rentang peringkat",
        "composite": "Komposit",
        "unusable": "Masukan tidak dapat dipakai: {text}",
    },
    "en": {
        "empty": "no indicators: the dataset {path!r} holds no data to compute them from. "
        "Hint: run `readiness validate {path}`.",
        "data_errors": "{count} error(s) in the data; the rows in error are left out. "
        "Hint: run `readiness validate {path}`.",
        "bad_as_of": "--as-of must be a date (YYYY-MM-DD) or 'all', got {value!r}. "
        "Hint: --as-of 2024-11-25.",
        "region": "Region",
        "indicator": "Indicator",
        "value": "Value",
        "coverage": "Coverage",
        "norm": "Norm",
        "status": "Status",
        "as_of": "As of",
        "rank": "Rank",
        "score": "Score",
        "keeps_rank": "Keeps rank",
        "not_ranked": "not ranked",
        "bottom": "In bottom group",
        "rank_range": "Rank range",
        "composite": "Composite",
        "unusable": "{text}",
    },
}


def format_indicator_table(frame: pl.DataFrame, lang: Language = "id") -> str:
    """Indicators as an aligned text table with names, statuses and dates in ``lang``.

    >>> import datetime as dt
    >>> import polars as pl
    >>> frame = pl.DataFrame({"region_code": ["64.03"], "region_name": ["Kabupaten Berau"],
    ...     "indicator": ["tps_per_village"], "value": [4.318], "unit": ["tps/village"],
    ...     "coverage": [1.0], "norm": [None], "status": [None],
    ...     "as_of": [dt.date(2024, 11, 25)]})
    >>> print(format_indicator_table(frame, "id"))  # doctest: +NORMALIZE_WHITESPACE
    Wilayah          Indikator               Nilai  Cakupan  Norma  Status  Per
    ---------------  ----------------------  -----  -------  -----  ------  ----------------
    Kabupaten Berau  TPS per desa/kelurahan  4,32   100 %    –      –       25 November 2024
    """
    from readiness.indicators import STATUSES, load_registry

    registry = load_registry()
    text = _TEXT[lang]
    headers = [text[k] for k in ("region", "indicator", "value", "coverage", "norm", "status")]
    headers.append(text["as_of"])
    rows = []
    for row in frame.iter_rows(named=True):
        name = (
            registry[row["indicator"]].name(lang)
            if row["indicator"] in registry
            else row["indicator"]
        )
        status = STATUSES.label(row["status"], lang) if row["status"] else MISSING
        rows.append(
            [
                row["region_name"] or row["region_code"],
                name,
                format_in_unit(row["value"], row["unit"], lang),
                format_percent(row["coverage"], lang, 0),
                format_in_unit(row["norm"], row["unit"], lang),
                status,
                format_date(row["as_of"], lang),
            ]
        )
    return render_table(headers, rows)


def _json_array(frame: pl.DataFrame) -> tuple[bytes | memoryview, ...]:
    """A JSON array with one record per line (polars writes each; dates as ISO strings), as
    UTF-8 chunks ending in a newline, to be written one after the other. A record's text has
    no raw newline (JSON escapes it), so the newlines polars puts between records are the
    only ones; the records are not copied again to join the chunks.

    >>> import polars as pl
    >>> frame = pl.DataFrame({"region_code": ["64.03", "64.04"], "value": [1.5, None]})
    >>> print(b"".join(_json_array(frame)).decode())
    [
    {"region_code":"64.03","value":1.5},
    {"region_code":"64.04","value":null}
    ]
    <BLANKLINE>
    >>> b"".join(_json_array(pl.DataFrame({"note": ["a\\nb"]})))
    b'[\\n{"note":"a\\\\nb"}\\n]\\n'
    >>> b"".join(_json_array(pl.DataFrame({"note": ["a\\u2028b"]}))).decode().count("\\n")
    3
    >>> b"".join(_json_array(pl.DataFrame({"as_of": [dt.date(2024, 11, 25), None]})))
    b'[\\n{"as_of":"2024-11-25"},\\n{"as_of":null}\\n]\\n'
    >>> _json_array(pl.DataFrame())
    (b'[]\\n',)
    """
    import polars as pl

    if frame.height == 0:
        return (b"[]\n",)
    records = io.BytesIO()
    frame.with_columns(pl.col(pl.Date).cast(pl.String)).write_ndjson(records)
    separated = records.getvalue().replace(b"\n", b",\n")
    return b"[\n", memoryview(separated)[:-2], b"\n]\n"


def _write_bytes(*chunks: bytes | memoryview) -> None:
    """Write ``chunks`` to standard output as they are, or decoded when standard output
    takes text only (a captured stream)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(b"".join(chunks).decode("utf-8"))
    else:
        for chunk in chunks:
            buffer.write(chunk)
        buffer.flush()


def _message(error: BaseException, lang: Language) -> str:
    """The error's text in ``lang`` when it has both languages, else as raised."""
    message = getattr(error, "message", None)
    if callable(message):
        return str(message(lang))
    text = str(error)
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1]
    return _TEXT[lang]["unusable"].format(text=text)


def _compute(
    args: argparse.Namespace, *, level: Level, as_of: AsOf, compare: CompareConfig | None = None
) -> Run | int:
    """The pipeline's run of the dataset at ``level`` (the rows validation rejects left out;
    the regencies compared only when ``compare`` is given), or the exit code of a usage
    problem."""
    from readiness.pipeline import run

    problem = usage_problem(args)
    if problem is not None:
        return problem
    try:
        return run(
            Path(args.path), levels=(level,), election=args.election, as_of=as_of,
            norms=args.norms, compare=compare, with_comparison=compare is not None,
            by_province=args.by_province, keep_dataset=False,
        )  # fmt: skip
    except (KeyError, ValueError, OSError) as error:
        return fail(_message(error, args.lang))


def _as_of(text: str | None, lang: Language) -> AsOf | int:
    """``--as-of`` as the pipeline takes it: a date, ``"all"`` or None; else exit code 2."""
    if text is None:
        return None
    if text == "all":
        return "all"
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return fail(_TEXT[lang]["bad_as_of"].format(value=text))


def _report_errors(errors: int, args: argparse.Namespace) -> int:
    """Say on stderr how many errors the data has; exit 1 when there are any."""
    if errors == 0:
        return 0
    count = format_number(errors, args.lang)
    message = _TEXT[args.lang]["data_errors"].format(count=count, path=args.path)
    print(f"readiness: {message}", file=sys.stderr)
    return 1


def run_indicators(args: argparse.Namespace) -> int:
    """Compute and print the indicators of a dataset."""

    lang: Language = args.lang
    as_of = _as_of(args.as_of, lang)
    if isinstance(as_of, int):
        return as_of
    done = _compute(args, level=args.level, as_of=as_of)
    if isinstance(done, int):
        return done
    frame, errors = done.indicators[args.level], done.validation.errors
    if args.format == "json":
        _write_bytes(*_json_array(frame))
    elif args.format == "csv":
        sys.stdout.write(frame.write_csv())
    else:
        print(format_indicator_table(frame, lang))
    if frame.height == 0:
        print(f"readiness: {_TEXT[lang]['empty'].format(path=args.path)}", file=sys.stderr)
    return _report_errors(errors, args)


def run_compare(args: argparse.Namespace) -> int:
    """Compare the regencies of a dataset: ranks, statuses, composite and its stability."""
    from readiness.compare import load_compare_config, shown_coverage
    from readiness.indicators import STATUSES

    lang: Language = args.lang
    try:
        settings = load_compare_config(args.config)
    except ValueError as error:
        return fail(_message(error, lang))
    done = _compute(args, level="kabupaten", as_of=None, compare=settings)
    if isinstance(done, int):
        return done
    comparison, errors = done.comparison, done.validation.errors
    assert comparison is not None  # the kabupaten level, at one date
    if args.format == "json":
        print(json.dumps(comparison.as_dict(), ensure_ascii=False, indent=1))
        return _report_errors(errors, args)
    text = _TEXT[lang]
    headers = [text["rank"], text["region"], text["score"], text["coverage"], text["status"]]
    headers += [text["keeps_rank"], text["bottom"], text["rank_range"]]
    rows = []
    table = comparison.composite.join(comparison.sensitivity, on="region_code", how="left")
    reasons = []
    minimum = comparison.config.min_composite_coverage
    for row in table.sort("rank", "region_code", nulls_last=True).iter_rows(named=True):
        name = row["region_name"] or row["region_code"]
        ranked = row["rank"] is not None
        if not ranked:
            reasons.append(f"{name}: {comparison.not_ranked_reason(row['region_code'], lang)}")
        rows.append(
            [
                format_number(row["rank"], lang),
                name,
                format_number(row["score"] if ranked else None, lang, 2),
                format_percent(shown_coverage(row["coverage"], minimum), lang, 0),
                STATUSES.label(row["status"], lang) if row["status"] else text["not_ranked"],
                format_percent(row["keeps_rank_share"] if ranked else None, lang, 0),
                format_percent(row["bottom_share"] if ranked else None, lang, 0),
                f"{row['rank_min']}–{row['rank_max']}" if ranked and row["rank_min"] else MISSING,
            ]
        )
    print(render_table(headers, rows))
    for reason in reasons:
        print(f"{text['not_ranked']} — {reason}")
    return _report_errors(errors, args)


def _common(parser: argparse.ArgumentParser) -> None:
    add_dataset_arguments(parser)
    parser.add_argument("--norms", type=Path, default=None, help="berkas YAML pengganti norma")
    add_by_province_argument(parser)


def register(subparsers: Any) -> None:
    """Add the ``indicators`` and ``compare`` commands."""
    parser = subparsers.add_parser(
        "indicators",
        help="hitung indikator kesiapan",
        description="Hitung semua indikator dari registri pada satu tingkat wilayah.",
    )
    _common(parser)
    parser.add_argument(
        "--level", choices=("kecamatan", "kabupaten", "provinsi"), default="kabupaten"
    )
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.add_argument(
        "--as-of",
        dest="as_of",
        default=None,
        help="tanggal (YYYY-MM-DD), atau 'all' untuk deret waktu; bawaan: data terbaru",
    )
    parser.set_defaults(handler=run_indicators)
    compare = subparsers.add_parser(
        "compare",
        help="bandingkan kabupaten/kota",
        description="Peringkat, status, skor komposit dan kestabilannya per kabupaten/kota.",
    )
    _common(compare)
    compare.add_argument("--config", type=Path, default=None, help="berkas YAML status/bobot")
    compare.add_argument("--format", choices=("table", "json"), default="table")
    compare.set_defaults(handler=run_compare)
