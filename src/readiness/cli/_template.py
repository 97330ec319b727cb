"""``readiness template``: write the Excel workbook a province sends to its regencies."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.cli._common import add_lang_argument, fail
from readiness.contract import Language

if TYPE_CHECKING:
    from readiness.regions import Region

__all__ = ["register", "run"]

_MESSAGES: dict[Language, dict[str, str]] = {
    "id": {
        "unknown_code": "kode wilayah {code!r} tidak ada dalam referensi Kemendagri.",
        "unknown_name": "tidak ada kabupaten/kota atau provinsi bernama {name!r}.",
        "did_you_mean": "Petunjuk: maksudnya {options}?",
        "options": "Petunjuk: kode di bawah {parent}: {options}.",
        "no_options": "Petunjuk: tulis kode Kemendagri kabupaten/kota, mis. 64.03, "
        "atau kode provinsi, mis. 64.",
        "too_deep": "{name} ({code}) adalah {level}; templat dibuat per kabupaten/kota. "
        "Petunjuk: pakai {regency}.",
        "not_xlsx": "berkas keluaran harus berakhiran .xlsx, diterima {path!r}. "
        "Petunjuk: mis. -o berau.xlsx, atau sebuah folder (mis. -o templat/).",
        "not_dir": "untuk satu provinsi -o harus sebuah folder, tetapi {path!r} adalah berkas. "
        "Petunjuk: mis. -o templat/",
        "written": "Templat {name} ({code}): {path} — {kecamatan} kecamatan, "
        "{villages} desa/kelurahan.",
        "written_all": "{count} templat kabupaten/kota {name} ditulis ke {path}",
        "not_written": "berkas tidak dapat ditulis: {error}. "
        "Petunjuk: periksa folder tujuan dan izin tulisnya.",
    },
    "en": {
        "unknown_code": "region code {code!r} is not in the Kemendagri reference.",
        "unknown_name": "no kabupaten/kota or province named {name!r}.",
        "did_you_mean": "Hint: did you mean {options}?",
        "options": "Hint: the codes under {parent} are: {options}.",
        "no_options": "Hint: give a kabupaten/kota code such as 64.03, or a province code "
        "such as 64.",
        "too_deep": "{name} ({code}) is a {level}; templates are made per kabupaten/kota. "
        "Hint: use {regency}.",
        "not_xlsx": "the output file must end in .xlsx, got {path!r}. "
        "Hint: e.g. -o berau.xlsx, or a folder.",
        "not_dir": "for a province -o must be a folder, but {path!r} is a file. "
        "Hint: e.g. -o templates/",
        "written": "Template {name} ({code}): {path} — {kecamatan} kecamatan, {villages} villages.",
        "written_all": "{count} regency templates of {name} written to {path}",
        "not_written": "the file cannot be written: {error}. "
        "Hint: check the target folder and its write permission.",
    },
}


class _UsageError(Exception):
    """A problem with what was asked, reported with exit code 2."""


def register(subparsers: Any) -> None:
    """Add the ``template`` command."""
    parser = subparsers.add_parser(
        "template",
        help="tulis templat Excel untuk kabupaten/kota (atau semua kabupaten/kota provinsi)",
        description=(
            "Tulis templat Excel laporan kesiapan. CODE kabupaten/kota (64.03) menulis satu "
            "berkas; CODE provinsi (64) menulis satu berkas per kabupaten/kota ke folder -o."
        ),
    )
    parser.add_argument("code", metavar="CODE", help="kode Kemendagri (64.03 atau 64) atau nama")
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        default=".",
        help="berkas .xlsx (satu kabupaten/kota) atau folder (bawaan: folder saat ini)",
    )
    add_lang_argument(parser, "bahasa templat")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the template(s); 0 when written, 2 for an unknown code or a wrong path."""
    from readiness.ingest import template_file_name, write_template, write_templates
    from readiness.regions import ancestor_code, count_by_level, get_region

    lang: Language = args.lang
    text = _MESSAGES[lang]
    try:
        region = _resolve(str(args.code), lang)
        output = Path(args.output)
        if region.level == "provinsi":
            if output.exists() and not output.is_dir():
                raise _UsageError(text["not_dir"].format(path=str(output)))
            paths = write_templates(region.code, output, lang=lang)
            print(text["written_all"].format(count=len(paths), name=region.name, path=output))
            for path in paths:
                print(f"  {path}")
            return 0
        if region.level not in ("kabupaten", "kota"):
            regency = get_region(ancestor_code(region.code, 2))
            raise _UsageError(
                text["too_deep"].format(
                    name=region.name,
                    code=region.code,
                    level=region.level,
                    regency=f"{regency.code} ({regency.name})",
                )
            )
        if output.is_dir() or output.suffix == "" or str(args.output).endswith(("/", "\\")):
            output = output / template_file_name(region.code, region.name)
        elif output.suffix.lower() != ".xlsx":
            raise _UsageError(text["not_xlsx"].format(path=str(output)))
        path = write_template(region.code, output, lang=lang)
    except _UsageError as problem:
        return fail(str(problem))
    except OSError as problem:
        return fail(text["not_written"].format(error=str(problem).rstrip(".")))
    counts = count_by_level(region.code)
    print(
        text["written"].format(
            name=region.name,
            code=region.code,
            path=path,
            kecamatan=counts.get("kecamatan", 0),
            villages=counts.get("desa", 0) + counts.get("kelurahan", 0),
        )
    )
    return 0


def _resolve(value: str, lang: Language) -> Region:
    from readiness.regions import (
        UnknownRegionError,
        get_region,
        is_region_code,
        match_region,
        suggest_regions,
    )

    text = _MESSAGES[lang]
    if is_region_code(value):
        try:
            return get_region(value)
        except UnknownRegionError:
            code = value.strip()
            raise _UsageError(
                f"{text['unknown_code'].format(code=code)} {_options(code, lang)}"
            ) from None
    for depth in (2, 1):
        try:
            return get_region(match_region(value, depth=depth))
        except UnknownRegionError:
            continue
    suggestions = [*suggest_regions(value, depth=2), *suggest_regions(value, depth=1)][:3]
    hint = text["did_you_mean"].format(options=" / ".join(suggestions)) if suggestions else ""
    raise _UsageError(f"{text['unknown_name'].format(name=value)} {hint or text['no_options']}")


def _options(code: str, lang: Language) -> str:
    from readiness.regions import UnknownRegionError, children, parent_code

    text = _MESSAGES[lang]
    parent = parent_code(code) if "." in code else None
    try:
        siblings = children(parent) if parent is not None else None
    except UnknownRegionError:
        siblings = None
    if siblings is None or siblings.height == 0:
        return text["no_options"]
    options = ", ".join(
        f"{c} {n}" for c, n in zip(siblings["code"][:12], siblings["name"][:12], strict=True)
    )
    if siblings.height > 12:
        options += ", …"
    return text["options"].format(parent=parent, options=options)
