"""Tolerant matching of region names to Kemendagri codes."""

from __future__ import annotations

import csv
import difflib
import re
from functools import cache
from importlib import resources

import polars as pl

from readiness.regions._codes import code_depth_expr
from readiness.regions._reference import (
    UnknownRegionError,
    descendants,
    get_region,
    region_table,
)

__all__ = ["match_region", "normalize_name", "suggest_regions"]

_PREFIXES = re.compile(r"^(kabupaten|kab|kota|kecamatan|kec|kelurahan|kel|desa|kampung)\b\.?\s*")
_EXPANSIONS = {"kab": "kabupaten", "kec": "kecamatan", "kel": "kelurahan"}


def normalize_name(name: str, *, keep_prefix: bool = True) -> str:
    """Fold a region name for comparison: case, punctuation, spacing, ``Kab.`` and the like.

    >>> normalize_name("  KAB. Kutai   Timur ")
    'kabupaten kutai timur'
    >>> normalize_name("Kabupaten Kutai Timur", keep_prefix=False)
    'kutai timur'
    >>> normalize_name("Long La'ai")
    'long laai'
    """
    text = name.lower().replace("'", "").replace("’", "").replace("`", "")
    text = re.sub(r"[^\w]+", " ", text).strip()
    text = re.sub(r"\s+", " ", text)
    prefix = _PREFIXES.match(text)
    if prefix:
        word = prefix.group(1)
        rest = text[prefix.end() :].strip()
        if not keep_prefix:
            return rest
        return f"{_EXPANSIONS.get(word, word)} {rest}".strip()
    return text


@cache
def _aliases() -> dict[str, str]:
    source = resources.files("readiness.regions") / "data" / "aliases.csv"
    with source.open(encoding="utf-8") as handle:
        return {normalize_name(row["alias"]): row["code"] for row in csv.DictReader(handle)}


def _scope(within: str | None, depth: int | None) -> pl.DataFrame:
    table = descendants(within) if within is not None else region_table()
    if depth is not None:
        table = table.filter(code_depth_expr(pl.col("code")) == depth)
    return table


def suggest_regions(
    name: str, *, within: str | None = None, depth: int | None = None, limit: int = 3
) -> list[str]:
    """The closest names in scope, formatted ``'Name (code)'``, best first.

    >>> suggest_regions("Teluk Bayor", within="64.03", depth=3)
    ['Teluk Bayur (64.03.09)']
    """
    table = _scope(within, depth)
    names = table["name"].to_list()
    folded = [normalize_name(n, keep_prefix=False) for n in names]
    target = normalize_name(name, keep_prefix=False)
    close = difflib.get_close_matches(target, folded, n=limit, cutoff=0.6)
    codes = table["code"].to_list()
    out: list[str] = []
    for candidate in close:
        for index, value in enumerate(folded):
            if value == candidate:
                entry = f"{names[index]} ({codes[index]})"
                if entry not in out:
                    out.append(entry)
    return out[:limit]


def match_region(name: str, *, within: str | None = None, depth: int | None = None) -> str:
    """The Kemendagri code of a region given by name, tolerant of how people write it.

    ``within`` limits the search to the units under a code; ``depth`` to one level
    (2 = kabupaten/kota, 3 = kecamatan, 4 = desa/kelurahan).

    >>> match_region("Kab. Berau")
    '64.03'
    >>> match_region("Kukar")
    '64.02'
    >>> match_region("Mahakam Hulu")
    '64.11'
    >>> match_region("teluk  bayur", within="64.03", depth=3)
    '64.03.09'
    >>> match_region("Teluk Bayor", within="64.03", depth=3)
    Traceback (most recent call last):
    ...
    readiness.regions._reference.UnknownRegionError: no region named 'Teluk Bayor' under 64.03 at level kecamatan. Hint: did you mean Teluk Bayur (64.03.09)?
    """
    table = _scope(within, depth)
    codes = table["code"].to_list()
    names = table["name"].to_list()
    full = normalize_name(name)
    bare = normalize_name(name, keep_prefix=False)

    exact = [c for c, n in zip(codes, names, strict=True) if normalize_name(n) == full]
    if len(exact) == 1:
        return str(exact[0])
    loose = [
        c for c, n in zip(codes, names, strict=True) if normalize_name(n, keep_prefix=False) == bare
    ]
    if len(loose) == 1:
        return str(loose[0])
    alias = _aliases().get(full) or _aliases().get(bare)
    if alias is not None and alias in set(codes):
        return alias

    where = f" under {within}" if within is not None else ""
    level = {1: "provinsi", 2: "kabupaten/kota", 3: "kecamatan", 4: "desa/kelurahan"}
    at = f" at level {level[depth]}" if depth in level else ""
    candidates = exact or loose
    if len(candidates) > 1:
        options = ", ".join(f"{get_region(c).name} ({c})" for c in candidates[:5])
        raise UnknownRegionError(
            f"the name {name!r}{where} is ambiguous: {options}. "
            "Hint: write the full name with Kabupaten/Kota, or give the code."
        )
    suggestions = suggest_regions(name, within=within, depth=depth)
    hint = (
        f" Hint: did you mean {' or '.join(suggestions)}?"
        if suggestions
        else " Hint: check the spelling, or give the Kemendagri code."
    )
    raise UnknownRegionError(f"no region named {name!r}{where}{at}.{hint}")
