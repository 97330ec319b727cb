"""Dotted Kemendagri region codes: their shape, depth, parent and province.

A code has one to four parts: ``64`` (provinsi), ``64.03`` (kabupaten/kota), ``64.03.01``
(kecamatan), ``64.03.01.2001`` (desa/kelurahan). Each helper comes as a function of one code
and, ending in ``_expr``, as a polars expression over a column of codes, so frames and single
values follow the same definition.

>>> code_depth("64.03.01"), parent_code("64.03.01"), province_code("64.03.01")
(3, '64.03', '64')
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "CODE_LENGTH",
    "CODE_PATTERN",
    "ancestor_code",
    "ancestor_code_expr",
    "code_depth",
    "code_depth_expr",
    "is_dotted_code",
    "parent_code",
    "province_code",
    "province_code_expr",
]

CODE_PATTERN = r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$"
"""A dotted Kemendagri code of any depth (``64``, ``64.03``, ``64.03.01``, ``64.03.01.2001``)."""

CODE_LENGTH: dict[int, int] = {1: 2, 2: 5, 3: 8, 4: 13}
"""Length of a dotted code at each depth (1 provinsi … 4 desa/kelurahan)."""

_DOTTED = re.compile(CODE_PATTERN)


def is_dotted_code(text: str) -> bool:
    """Whether ``text`` is shaped like a dotted code (it may still be unknown).

    >>> is_dotted_code("64.03"), is_dotted_code("6403"), is_dotted_code("64.3")
    (True, False, False)
    """
    return _DOTTED.match(text) is not None


def code_depth(code: str) -> int:
    """1 for a province, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan.

    >>> code_depth("64"), code_depth("64.03.01.2001")
    (1, 4)
    """
    return code.count(".") + 1


def parent_code(code: str) -> str | None:
    """The code one level up, or ``None`` for a province.

    >>> parent_code("64.03.01"), parent_code("64")
    ('64.03', None)
    """
    return code.rsplit(".", 1)[0] if "." in code else None


def province_code(code: str) -> str:
    """The province a code lies in.

    >>> province_code("64.03.01.2001"), province_code("64")
    ('64', '64')
    """
    return code[: CODE_LENGTH[1]]


def ancestor_code(code: str, depth: int) -> str:
    """The code at ``depth`` that contains ``code`` (the code itself when it is not deeper).

    >>> ancestor_code("64.03.01.2001", 2), ancestor_code("64.03", 3)
    ('64.03', '64.03')
    """
    return code[: CODE_LENGTH[depth]]


def code_depth_expr(code: pl.Expr) -> pl.Expr:
    """:func:`code_depth` over a column of codes, as small integers (null stays null).

    >>> import polars as pl
    >>> pl.select(code_depth_expr(pl.lit("64.03.01"))).item()
    3
    """
    import polars as pl

    return (code.str.count_matches(".", literal=True) + 1).cast(pl.Int8)


def province_code_expr(code: pl.Expr) -> pl.Expr:
    """:func:`province_code` over a column of codes.

    >>> import polars as pl
    >>> pl.select(province_code_expr(pl.lit("64.03"))).item()
    '64'
    """
    return code.str.slice(0, CODE_LENGTH[1])


def ancestor_code_expr(code: pl.Expr, depth: int) -> pl.Expr:
    """:func:`ancestor_code` over a column of codes.

    >>> import polars as pl
    >>> pl.select(ancestor_code_expr(pl.lit("64.03.01.2001"), 3)).item()
    '64.03.01'
    """
    return code.str.slice(0, CODE_LENGTH[depth])
