"""``readiness corrections``: the correction pack back to each regency with findings.

The library is imported inside the handler, so ``readiness --help`` stays light.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from readiness.cli._common import add_dataset_arguments
from readiness.contract import Language

__all__ = ["register", "run"]

_TEXT: dict[Language, dict[str, str]] = {
    "id": {
        "nothing": "Tidak ada temuan yang perlu dikoreksi: tidak ada yang ditulis.",
        "wrote": "Menulis paket koreksi ke {path}:",
        "pack": "  {folder}/  {name}: {errors} kesalahan, {warnings} peringatan ({files})",
        "clean": "Tanpa temuan, tidak ada berkas: {names}.",
        "unowned": "{count} temuan tidak menunjuk satu kabupaten/kota (lihat `readiness "
        "validate {path}`).",
        "deadline": "Batas kirim ulang di pesan: {date} (H-{days}).",
        "not_ours": "folder keluaran {path!r} sudah berisi berkas lain. Petunjuk: pilih folder "
        "baru atau kosong; folder paket koreksi sebelumnya boleh ditimpa.",
        "inside": "folder keluaran {path!r} ada di dalam folder dataset. Petunjuk: tulis di luar "
        "data masukan, mis. -o koreksi/.",
        "days": "--days-before harus 0 atau lebih, tertulis {days}.",
    },
    "en": {
        "nothing": "No findings to correct: nothing written.",
        "wrote": "Wrote the correction pack to {path}:",
        "pack": "  {folder}/  {name}: {errors} error(s), {warnings} warning(s) ({files})",
        "clean": "No findings, no files: {names}.",
        "unowned": "{count} finding(s) point at no single regency (see `readiness validate "
        "{path}`).",
        "deadline": "Deadline in the messages: {date} (D-{days}).",
        "not_ours": "output folder {path!r} already holds other files. Hint: choose a new or "
        "empty folder; a previous correction pack may be replaced.",
        "inside": "output folder {path!r} is inside the dataset folder. Hint: write outside the "
        "input data, e.g. -o corrections/.",
        "days": "--days-before must be 0 or more, got {days}.",
    },
}


def register(subparsers: Any) -> None:
    """Add the ``corrections`` command."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "corrections",
        help="paket koreksi per kabupaten/kota: salinan workbook bertanda, temuan, pesan",
        description="Untuk setiap kabupaten/kota yang datanya punya temuan: salinan workbook-nya "
        "dengan sel yang salah diberi warna dan komentar, temuan sebagai CSV, dan pesan siap "
        "kirim (batas waktu dihitung dari hari pemungutan suara). Berkas asli tidak diubah; "
        "kabupaten/kota tanpa temuan tidak mendapat berkas.",
    )
    add_dataset_arguments(parser)
    parser.add_argument("-o", "--output", type=Path, required=True, help="folder keluaran")
    parser.add_argument(
        "--days-before",
        type=int,
        default=1,
        help="batas kirim ulang: berapa hari sebelum pemungutan suara (default 1, yaitu H-1)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Write the packs; 0 when written (or nothing to correct), 2 on a usage error."""
    from readiness.cli._common import fail, load_run, usage_problem
    from readiness.contract import count_by_severity, format_date, load_election
    from readiness.present import (
        correction_deadline,
        is_corrections_folder,
        write_corrections,
    )

    text = _TEXT[args.lang]
    problem = usage_problem(args)
    if problem is not None:
        return problem
    if args.days_before < 0:
        return fail(text["days"].format(days=args.days_before))
    source = Path(args.path).resolve()
    out = args.output.resolve()
    if out == source or source in out.parents:
        return fail(text["inside"].format(path=str(args.output)))
    if not is_corrections_folder(out):
        return fail(text["not_ours"].format(path=str(args.output)))
    election = load_election(args.election)
    done = load_run(Path(args.path), args.lang, levels=(), election=election, max_per_rule=None)
    if isinstance(done, int):
        return done
    dataset, findings = done.dataset, list(done.validation.findings)
    assert dataset is not None  # read whole, not by province
    result = write_corrections(
        dataset, findings, out, election=election, days_before=args.days_before, lang=args.lang
    )
    if not result.packs:
        print(text["nothing"])
    else:
        print(text["wrote"].format(path=args.output))
        for pack in result.packs:
            counts = count_by_severity(pack.findings)
            names = ", ".join(path.name for path in result.written[pack.regency_code])
            print(text["pack"].format(folder=pack.folder_name, name=pack.regency_name,
                                      errors=counts["error"], warnings=counts["warning"],
                                      files=names))  # fmt: skip
        day = correction_deadline(election, args.days_before)
        print(text["deadline"].format(date=format_date(day, args.lang), days=args.days_before))
    corrected = {pack.regency_code for pack in result.packs}
    clean = _regencies_of(dataset) - corrected
    if clean:
        print(text["clean"].format(names=", ".join(_name(code) for code in sorted(clean))))
    if result.unowned:
        print(text["unowned"].format(count=len(result.unowned), path=args.path))
    return 0


def _regencies_of(dataset: Any) -> set[str]:
    """Regencies with at least one record in the dataset."""
    from readiness.regions import ancestor_code, code_depth, is_region_code

    codes: set[str] = set()
    for frame in dataset.tables.values():
        for code in frame["region_code"].drop_nulls().unique().to_list():
            if is_region_code(code) and code_depth(code) >= 2:
                codes.add(ancestor_code(code, 2))
    return codes


def _name(code: str) -> str:
    from readiness.regions import UnknownRegionError, get_region

    try:
        return f"{get_region(code).name} ({code})"
    except UnknownRegionError:
        return code
