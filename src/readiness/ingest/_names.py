"""Region names to codes, and the cell parser of each column kind.

A name is looked up within the workbook's regency (when known) at the levels the table
holds. A name found at two of those levels (Kecamatan and Kelurahan Sambaliung) is resolved
only when its prefix (``Kec.``, ``Kel.``, ``Desa``, ``Kampung``) says which; otherwise it is
ambiguous and reported, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import polars as pl

from readiness.contract import CLOSED_SETS, ColumnSpec, TableName, Text
from readiness.ingest._dates import parse_date
from readiness.ingest._values import (
    parse_closed,
    parse_code,
    parse_count,
    parse_decimal,
    parse_text,
)
from readiness.regions import (
    UnknownRegionError,
    ancestor_code,
    code_depth_expr,
    descendants,
    get_region,
    match_region,
    normalize_name,
    region_table,
    suggest_regions,
)

__all__ = ["REGION_DEPTHS", "RegionNameError", "parser_for", "resolve_name"]

REGION_DEPTHS: dict[TableName, tuple[int, ...]] = {
    "summary": (2,),
    "polling_stations": (4, 3),
    "logistics": (3, 4),
    "personnel": (2, 3),
    "neutrality_cases": (2, 3, 4),
    "vulnerabilities": (2, 3, 4),
    "published_figures": (1, 2, 3, 4),
}
"""Levels a region name may name, per table (2 kabupaten/kota, 3 kecamatan, 4 village)."""

_PREFIX_DEPTH = {"kabupaten": 2, "kota": 2, "kecamatan": 3, "desa": 4, "kelurahan": 4, "kampung": 4}


def parser_for(column: ColumnSpec) -> Callable[[object], object]:
    """The cell parser for a column of the contract.

    >>> from readiness.contract import TABLES
    >>> parser_for(TABLES["personnel"].column("count"))("1.588 orang")
    1588
    """
    if column.kind == "code":
        return parse_code
    if column.kind == "date":
        return parse_date
    if column.kind == "count":
        return parse_count
    if column.kind == "number":
        return parse_decimal
    if column.kind == "closed" and column.closed_set is not None:
        closed = CLOSED_SETS[column.closed_set]
        return lambda value: parse_closed(value, closed)
    return parse_text


class RegionNameError(Exception):
    """A region name that names no region, or more than one: the finding ``rule`` and the
    ``text`` (Indonesian and English message, with a hint)."""

    def __init__(self, rule: str, text: Text) -> None:
        super().__init__(text.english)
        self.rule = rule
        self.text = text

    @property
    def message_id(self) -> str:
        return self.text.indonesian

    @property
    def message_en(self) -> str:
        return self.text.english

    @property
    def hint_id(self) -> str:
        return self.text.hint_in("id")

    @property
    def hint_en(self) -> str:
        return self.text.hint_in("en")


@lru_cache(maxsize=256)
def _name_index(
    within: str | None, depth: int
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Folded names (with and without Kab./Kec. prefix) → codes, for one scope and level."""
    if within is not None:
        table = descendants(within, depth)
    else:
        table = region_table().filter(code_depth_expr(pl.col("code")) == depth)
    full: dict[str, list[str]] = {}
    bare: dict[str, list[str]] = {}
    for code, name in zip(table["code"].to_list(), table["name"].to_list(), strict=True):
        full.setdefault(normalize_name(name), []).append(code)
        bare.setdefault(normalize_name(name, keep_prefix=False), []).append(code)
    return full, bare


@lru_cache(maxsize=8192)
def _match_name(name: str, within: str | None, depth: int) -> str:
    full, bare = _name_index(within, depth)
    for index, folded in (
        (full, normalize_name(name)),
        (bare, normalize_name(name, keep_prefix=False)),
    ):
        codes = index.get(folded, [])
        if len(codes) == 1:
            return codes[0]
    # aliases, ambiguity and suggestions: the reference's own matcher says it best
    return match_region(name, within=within, depth=depth)


def _scope_for(scope: str | None, depth: int) -> str | None:
    if scope is None or depth <= 1:
        return None
    return ancestor_code(scope, depth - 1)


def _described(code: str) -> str:
    region = get_region(code)
    return f"{region.level.capitalize()} {region.name} ({code})"


@lru_cache(maxsize=8192)
def resolve_name(
    name: str, scope: str | None, depths: tuple[int, ...], *, suggest: bool = True
) -> str:
    """The code of a region name within ``scope`` (a regency code, or None), at ``depths``.

    An unknown name's hint lists the closest names when ``suggest`` is true; looking them up
    over the whole country takes a second or two, so callers ask only for names they show.

    >>> resolve_name("Kec. Sambaliung", "64.03", (3, 4)), resolve_name("Kukar", None, (2,))
    ('64.03.03', '64.02')
    >>> try:
    ...     resolve_name("Sambaliung", "64.03", (3, 4))
    ... except RegionNameError as error:
    ...     print(error.rule, "|", error.message_en)
    region.ambiguous_name | The region name 'Sambaliung' under 64.03 names more than one region: Kecamatan Sambaliung (64.03.03) and Kelurahan Sambaliung (64.03.03.1013).
    """
    found: dict[int, str] = {}
    ambiguous = False
    for depth in depths:
        try:
            found[depth] = _match_name(name, _scope_for(scope, depth), depth)
        except UnknownRegionError as error:
            ambiguous = ambiguous or "ambiguous" in str(error)
    where_id = f" di {scope}" if scope else ""
    where_en = f" under {scope}" if scope else ""
    if len(found) == 1:
        return next(iter(found.values()))
    if found:
        words = normalize_name(name).split()
        preferred = _PREFIX_DEPTH.get(words[0]) if words else None
        if preferred in found:
            return found[preferred]
        listed = [_described(found[depth]) for depth in depths if depth in found]
        raise RegionNameError(
            "region.ambiguous_name",
            Text(
                f"Nama wilayah {name!r}{where_id} menunjuk lebih dari satu wilayah: "
                f"{' dan '.join(listed)}.",
                f"The region name {name!r}{where_en} names more than one region: "
                f"{' and '.join(listed)}.",
                hint=Text(
                    "Isi kode wilayah, atau tulis nama dengan awalan Kecamatan, Desa atau "
                    "Kelurahan.",
                    "Fill in the region code, or write the name with its prefix Kecamatan, "
                    "Desa or Kelurahan.",
                ),
            ),
        )
    if ambiguous:
        raise RegionNameError(
            "region.ambiguous_name",
            Text(
                f"Nama wilayah {name!r}{where_id} cocok dengan lebih dari satu wilayah.",
                f"The region name {name!r}{where_en} matches more than one region.",
                hint=Text(
                    "Isi kode wilayah, atau tulis nama lengkap dengan Kecamatan, Desa atau "
                    "Kelurahan.",
                    "Fill in the region code, or write the full name with Kecamatan, Desa or "
                    "Kelurahan.",
                ),
            ),
        )
    per_depth = [
        suggest_regions(name, within=_scope_for(scope, d), depth=d) if suggest else []
        for d in depths
    ]
    suggestions: list[str] = []
    for rank in range(3):  # the best of each level first
        for options in per_depth:
            if rank < len(options) and options[rank] not in suggestions:
                suggestions.append(options[rank])
    if suggestions:
        hint = Text(
            f"Mungkin maksudnya {' atau '.join(suggestions[:3])}? Atau isi kode wilayah.",
            f"Did you mean {' or '.join(suggestions[:3])}? Or fill in the region code.",
        )
    else:
        hint = Text(
            "Periksa ejaan (lihat lembar Wilayah), atau isi kode wilayah.",
            "Check the spelling (see the Regions sheet), or fill in the region code.",
        )
    raise RegionNameError(
        "region.unknown_name",
        Text(
            f"Nama wilayah {name!r} tidak ditemukan{where_id}.",
            f"No region named {name!r}{where_en}.",
            hint=hint,
        ),
    )
