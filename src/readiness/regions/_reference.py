"""The packaged Kemendagri reference: every administrative unit of Indonesia."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, get_args

import polars as pl

from readiness.regions._codes import (
    CODE_LENGTH,
    code_depth,
    code_depth_expr,
    is_dotted_code,
    parent_code,
)

__all__ = [
    "LEVELS",
    "Level",
    "Region",
    "UnknownRegionError",
    "child_level_of",
    "children",
    "count_by_level",
    "descendants",
    "get_region",
    "is_region_code",
    "normalize_code",
    "region_table",
]

Level = Literal["provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan"]
LEVELS: tuple[Level, ...] = get_args(Level)

_DEPTH_LEVELS: dict[int, tuple[Level, ...]] = {
    1: ("provinsi",),
    2: ("kabupaten", "kota"),
    3: ("kecamatan",),
    4: ("desa", "kelurahan"),
}
_UNDOTTED_LENGTHS = {2: (2,), 4: (2, 2), 6: (2, 2, 2), 10: (2, 2, 2, 4)}


class UnknownRegionError(KeyError):
    """A region code or name that is not in the Kemendagri reference."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Region:
    """One administrative unit.

    >>> get_region("64.03")
    Region(code='64.03', name='Kabupaten Berau', level='kabupaten', parent_code='64')
    """

    code: str
    name: str
    level: Level
    parent_code: str | None

    @property
    def depth(self) -> int:
        """1 for a province, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan."""
        return code_depth(self.code)


def normalize_code(value: object) -> str:
    """Return the dotted Kemendagri code for a code written with or without dots.

    >>> normalize_code("6403")
    '64.03'
    >>> normalize_code(" 64.03.01.2001 ")
    '64.03.01.2001'
    >>> normalize_code("6403012001")
    '64.03.01.2001'

    Raises ``ValueError`` for anything that is not shaped like a code (a float such as
    ``64.1`` is refused: it may have lost a trailing zero).
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(
            f"a region code must be text such as '64.03', got {value!r} ({type(value).__name__})"
        )
    text = str(value).strip()
    if is_dotted_code(text):
        return text
    if text.isdigit() and len(text) in _UNDOTTED_LENGTHS:
        parts, start = [], 0
        for width in _UNDOTTED_LENGTHS[len(text)]:
            parts.append(text[start : start + width])
            start += width
        return ".".join(parts)
    raise ValueError(
        f"a region code looks like '64', '64.03', '64.03.01' or '64.03.01.2001', got {text!r}"
    )


def is_region_code(value: object) -> bool:
    """Whether ``value`` is shaped like a Kemendagri code (it may still be unknown).

    >>> is_region_code("64.03"), is_region_code("Berau")
    (True, False)
    """
    try:
        normalize_code(value)
    except ValueError:
        return False
    return True


@cache
def region_table() -> pl.DataFrame:
    """All units as a frame with ``code``, ``name``, ``level`` and ``parent_code``.

    >>> region_table().filter(pl.col("code") == "64.03.01.2001").row(0)
    ('64.03.01.2001', 'Merabu', 'desa', '64.03.01')
    """
    source = resources.files("readiness.regions") / "data" / "wilayah.parquet"
    with resources.as_file(source) as path:
        frame = pl.read_parquet(path)
    depth = code_depth_expr(pl.col("code"))
    parent = pl.lit(None, pl.String)
    for level in range(2, len(CODE_LENGTH) + 1):
        parent = (
            pl.when(depth == level)
            .then(pl.col("code").str.slice(0, CODE_LENGTH[level - 1]))
            .otherwise(parent)
        )
    return frame.with_columns(pl.col("level").cast(pl.String), parent_code=parent)


@cache
def _by_code() -> dict[str, tuple[str, str]]:
    table = region_table()
    return {
        code: (name, level)
        for code, name, level in zip(
            table["code"].to_list(), table["name"].to_list(), table["level"].to_list(), strict=True
        )
    }


def get_region(code: object) -> Region:
    """Look a region up by its Kemendagri code (dotted or not).

    >>> get_region("6411").name
    'Kabupaten Mahakam Ulu'
    """
    try:
        dotted = normalize_code(code)
    except ValueError as error:
        raise UnknownRegionError(str(error)) from None
    found = _by_code().get(dotted)
    if found is None:
        parent = parent_code(dotted)
        hint = ""
        if parent is not None and parent in _by_code():
            hint = f" Hint: the codes under {parent} are listed by children({parent!r})."
        raise UnknownRegionError(
            f"region code {dotted!r} is not in the Kemendagri reference "
            f"(Kepmendagri 300.2.2-2430/2025).{hint}"
        )
    name, level = found
    return Region(code=dotted, name=name, level=level, parent_code=parent_code(dotted))  # type: ignore[arg-type]


def child_level_of(code: str) -> int:
    """The depth of the children of ``code`` (2 for a province's kabupaten/kota)."""
    return code_depth(code) + 1


def children(code: object) -> pl.DataFrame:
    """The units directly under a region.

    >>> children("64").height
    10
    """
    region = get_region(code)
    return region_table().filter(pl.col("parent_code") == region.code)


def descendants(code: object, depth: int | None = None) -> pl.DataFrame:
    """All units under a region, or only those at ``depth`` (3 = kecamatan, 4 = villages).

    >>> descendants("64.03", depth=4).height
    110
    """
    region = get_region(code)
    table = region_table().filter(pl.col("code").str.starts_with(region.code + "."))
    if depth is not None:
        table = table.filter(code_depth_expr(pl.col("code")) == depth)
    return table


def count_by_level(code: object) -> dict[Level, int]:
    """How many units of each level lie under a region.

    >>> count_by_level("64.03")
    {'kecamatan': 13, 'desa': 100, 'kelurahan': 10}
    """
    counts = descendants(code).group_by("level").len()
    found = dict(zip(counts["level"].to_list(), counts["len"].to_list(), strict=True))
    return {level: found[level] for level in LEVELS if level in found}
