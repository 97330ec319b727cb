"""Tile positions for a province's regencies: a map where every regency is one equal square.

Positions follow geography loosely (north at the top); a real choropleth needs a boundary
GeoJSON, which :func:`readiness.present.choropleth` accepts.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple

__all__ = ["TILES", "Tile", "tiles_for"]


class Tile(NamedTuple):
    """One regency's square: column, row (0 = north) and a short label."""

    column: int
    row: int
    short: str


_KALTIM = {
    "64.03": Tile(3, 0, "Berau"),
    "64.11": Tile(1, 1, "Mahulu"),
    "64.08": Tile(2, 1, "Kutim"),
    "64.74": Tile(3, 1, "Bontang"),
    "64.07": Tile(1, 2, "Kubar"),
    "64.02": Tile(2, 2, "Kukar"),
    "64.72": Tile(3, 2, "Samarinda"),
    "64.09": Tile(2, 3, "PPU"),
    "64.71": Tile(3, 3, "Balikpapan"),
    "64.01": Tile(2, 4, "Paser"),
}

TILES = MappingProxyType({"64": MappingProxyType(_KALTIM)})
"""Tile layouts shipped with the package, by province code (Kalimantan Timur: ``64``)."""


def tiles_for(province_code: str) -> MappingProxyType[str, Tile]:
    """The tile layout of a province.

    >>> tiles_for("64")["64.03"].short
    'Berau'
    >>> tiles_for("65")
    Traceback (most recent call last):
    ...
    KeyError: "no tile layout for province '65'; shipped: 64. Hint: pass a boundary GeoJSON to choropleth() instead"
    """
    if province_code not in TILES:
        raise KeyError(
            f"no tile layout for province {province_code!r}; shipped: {', '.join(TILES)}. "
            "Hint: pass a boundary GeoJSON to choropleth() instead"
        )
    return TILES[province_code]
