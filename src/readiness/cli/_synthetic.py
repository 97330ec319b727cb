"""``readiness synthetic``: write the seeded synthetic national dataset (Parquet per province)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from readiness.cli._common import add_lang_argument, fail
from readiness.contract import Language, format_number

__all__ = ["register", "run"]

_TEXT: dict[Language, dict[str, str]] = {
    "id": {
        "not_ours": "folder {path!r} tidak kosong dan bukan keluaran `readiness synthetic` "
        "sebelumnya, jadi tidak ditimpa. Petunjuk: pilih folder baru atau kosong.",
        "not_dir": "{path!r} adalah berkas, bukan folder. Petunjuk: mis. -o data/sintetis.",
        "unknown_province": "kode provinsi {code!r} tidak ada dalam referensi Kemendagri. "
        "Petunjuk: dua angka, mis. 64 (Kalimantan Timur).",
        "bad_option": "pilihan tidak dapat dipakai: {error}.",
        "not_written": "folder tidak dapat ditulis: {error}. Petunjuk: periksa izin tulisnya.",
        "written": "Menulis data sintetis (bukan data resmi) ke {path}: {provinces} provinsi, "
        "{tps} TPS, {logistics} baris logistik.",
    },
    "en": {
        "not_ours": "folder {path!r} is not empty and is not a previous `readiness synthetic` "
        "output, so it is left alone. Hint: choose a new or empty folder.",
        "not_dir": "{path!r} is a file, not a folder. Hint: e.g. -o data/synthetic.",
        "unknown_province": "province code {code!r} is not in the Kemendagri reference. "
        "Hint: two digits, e.g. 64 (Kalimantan Timur).",
        "bad_option": "option cannot be used: {error}.",
        "not_written": "the folder cannot be written: {error}. Hint: check its write permission.",
        "written": "Wrote synthetic data (not official figures) to {path}: {provinces} "
        "province(s), {tps} TPS, {logistics} logistics rows.",
    },
}


def register(subparsers: Any) -> None:
    """Add the ``synthetic`` command."""
    parser = subparsers.add_parser(
        "synthetic",
        help="tulis dataset sintetis nasional (Parquet per provinsi) untuk uji dan benchmark",
        description="Tulis dataset sintetis berbenih pada daftar wilayah Kemendagri yang asli: "
        "semua angka diundi, setiap baris bersumber 'sintetis'. Keluaran: "
        "DIR/province=XX/<tabel>.parquet, dibaca langsung oleh validate, indicators dan "
        "build. Skala 1: sekitar 444 ribu TPS dan 3,1 juta baris logistik per snapshot.",
    )
    parser.add_argument("-o", "--output", required=True, type=Path, help="folder keluaran")
    parser.add_argument("--scale", type=int, default=1, help="pengali pemilih per desa (bawaan: 1)")
    parser.add_argument("--seed", type=int, default=2024, help="benih acak (bawaan: 2024)")
    parser.add_argument(
        "--snapshots",
        type=int,
        default=1,
        help="jumlah snapshot logistik harian yang berakhir pada --as-of (bawaan: 1)",
    )
    parser.add_argument(
        "--as-of",
        dest="as_of",
        type=dt.date.fromisoformat,
        default=dt.date(2024, 11, 25),
        help="tanggal snapshot terakhir, YYYY-MM-DD (bawaan: 2024-11-25)",
    )
    parser.add_argument(
        "--province",
        action="append",
        default=None,
        metavar="KODE",
        help="hanya provinsi ini (boleh diulang, mis. --province 64 --province 65); "
        "bawaan: seluruh negeri",
    )
    add_lang_argument(parser, "bahasa pesan")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the dataset; 0 when written, 2 for a wrong option or an output that is not ours."""
    from readiness.regions import is_region_code
    from readiness.synthetic import METADATA_FILE, SyntheticOptions, all_provinces, write_national

    lang: Language = args.lang
    text = _TEXT[lang]
    output: Path = args.output
    if output.exists() and not output.is_dir():
        return fail(text["not_dir"].format(path=str(output)))
    if output.is_dir() and any(output.iterdir()) and not (output / METADATA_FILE).exists():
        return fail(text["not_ours"].format(path=str(output)))
    known = set(all_provinces())
    provinces = args.province
    for code in provinces or ():
        if code not in known or not is_region_code(code):
            return fail(text["unknown_province"].format(code=code))
    try:
        options = SyntheticOptions(
            seed=args.seed, scale=args.scale, snapshots=args.snapshots, as_of=args.as_of
        )
    except ValueError as problem:
        return fail(text["bad_option"].format(error=str(problem).rstrip(".")))
    try:
        written = write_national(output, options, provinces=provinces)
    except OSError as problem:
        return fail(text["not_written"].format(error=str(problem).rstrip(".")))
    rows = json.loads((written / METADATA_FILE).read_text(encoding="utf-8"))["rows"]
    print(
        text["written"].format(
            path=written,
            provinces=len(provinces or known),
            tps=format_number(rows["polling_stations"], lang),
            logistics=format_number(rows["logistics"], lang),
        )
    )
    return 0
