"""``readiness card``: one portrait image per regency (and the province) for messaging groups.

The library is imported inside the handler, so ``readiness --help`` stays light.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from readiness.cli._common import add_lang_argument
from readiness.contract import Language

__all__ = ["register", "run"]

_TEXT: dict[Language, dict[str, str]] = {
    "id": {
        "date": "--as-of harus tanggal YYYY-MM-DD, tertulis {value!r}. Petunjuk: mis. "
        "--as-of 2024-11-25.",
        "not_png": "untuk satu kabupaten/kota -o harus berkas .png, tertulis {path!r}. "
        "Petunjuk: mis. -o berau.png; untuk provinsi, sebuah folder.",
        "not_dir": "untuk satu provinsi -o harus sebuah folder, tetapi {path!r} adalah berkas. "
        "Petunjuk: mis. -o kartu/",
        "too_deep": "{name} ({code}) bukan kabupaten/kota atau provinsi. Petunjuk: pakai kode "
        "kabupaten/kota, mis. 64.03, atau provinsi, mis. 64.",
        "wrote": "Menulis {path}",
        "wrote_all": "{count} kartu ({name} dan kabupaten/kotanya) ditulis ke {path}",
    },
    "en": {
        "date": "--as-of must be a date YYYY-MM-DD, got {value!r}. Hint: e.g. --as-of 2024-11-25.",
        "not_png": "for one regency -o must be a .png file, got {path!r}. Hint: e.g. "
        "-o berau.png; for a province, a folder.",
        "not_dir": "for a province -o must be a folder, but {path!r} is a file. "
        "Hint: e.g. -o cards/",
        "too_deep": "{name} ({code}) is not a regency or a province. Hint: use a regency code "
        "such as 64.03, or a province code such as 64.",
        "wrote": "Wrote {path}",
        "wrote_all": "{count} cards ({name} and its regencies) written to {path}",
    },
}


def register(subparsers: Any) -> None:
    """Add the ``card`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "card",
        help="kartu gambar per kabupaten/kota untuk grup pesan (PNG 1080 × 1350)",
        description="Satu gambar potret per kabupaten/kota (atau per provinsi dan setiap "
        "kabupaten/kotanya, ke sebuah folder): TPS, logistik, personel dengan cakupannya, kasus "
        "netralitas, kerawanan dan status kesiapan pada tanggal --as-of, dengan sumbernya.",
    )
    parser.add_argument("region", help="kode atau nama wilayah: 64.03, Berau, atau 64 (provinsi)")
    parser.add_argument("--as-of", required=True, help="tanggal keadaan, YYYY-MM-DD")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="berkas .png, atau folder untuk provinsi"
    )
    parser.add_argument(
        "--dataset",
        default=None,
        help="folder dataset (bawaan: data/raw/kaltim-2024)",
    )
    add_lang_argument(parser, "bahasa kartu (bawaan: id)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Render the card(s); 0 when written, 2 on a usage error."""
    import datetime as dt
    import os
    import tempfile

    from readiness import config
    from readiness.cli._common import error, fail
    from readiness.cli._template import _resolve, _UsageError
    from readiness.present import load_briefing, render_card
    from readiness.present._card import card_for

    text = _TEXT[args.lang]
    try:
        as_of = dt.date.fromisoformat(args.as_of)
    except ValueError:
        return fail(text["date"].format(value=args.as_of))
    try:
        region = _resolve(str(args.region), args.lang)
    except _UsageError as problem:
        return fail(str(problem))
    if region.level not in ("provinsi", "kabupaten", "kota"):
        return fail(text["too_deep"].format(name=region.name, code=region.code))
    dataset = Path(args.dataset) if args.dataset else config.default_dataset()
    if not dataset.exists():
        return error(args.lang, "missing", path=str(dataset))
    output: Path = args.output
    province = region.level == "provinsi"
    if province and output.is_file():
        return fail(text["not_dir"].format(path=str(output)))
    if not province and output.suffix.lower() != ".png":
        return fail(text["not_png"].format(path=str(output)))
    briefing = load_briefing(dataset, region.code, lang=args.lang, as_of=as_of)
    if not province:
        render_card(card_for(briefing, region.code), output)
        print(text["wrote"].format(path=output))
        return 0
    codes = [region.code, *briefing.regency_codes]
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".cards-", dir=output) as staging:
        names = []
        for code in codes:
            card = card_for(briefing, code)
            names.append(_file_name(code, card.region_name))
            render_card(card, Path(staging) / names[-1])
        for name in names:  # every card rendered: move them in
            os.replace(Path(staging) / name, output / name)
    print(text["wrote_all"].format(count=len(codes), name=region.name, path=output))
    return 0


def _file_name(code: str, name: str) -> str:
    from readiness.ingest import template_file_name

    return template_file_name(code, name).removesuffix(".xlsx") + ".png"
