"""Packaged regency/city boundaries: one GeoJSON per province (see ``data/boundaries/SOURCE.md``).

>>> collection = province_boundaries("64")
>>> [f["properties"]["code"] for f in collection["features"]][:3]
['64.01', '64.02', '64.03']
>>> len(collection["features"])
10
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

__all__ = ["BOUNDARY_ATTRIBUTION", "boundary_provinces", "province_boundaries"]

BOUNDARY_ATTRIBUTION = MappingProxyType(
    {
        "id": "Batas wilayah: geoBoundaries IDN ADM2 (Runfola dkk. 2020, www.geoboundaries.org) "
        "dari BPS, WFP dan OCHA ROAP (HDX, 2020), lisensi CC BY 3.0 IGO; disederhanakan, "
        "dikodekan ulang ke kode Kemendagri.",
        "en": "Boundaries: geoBoundaries IDN ADM2 (Runfola et al. 2020, www.geoboundaries.org) "
        "from BPS, WFP and OCHA ROAP (HDX, 2020), licensed CC BY 3.0 IGO; simplified, re-coded "
        "to Kemendagri codes.",
    }
)
"""The attribution line every map drawn from the packaged boundaries carries, by language."""


def _folder() -> Any:
    return resources.files("readiness.regions").joinpath("data", "boundaries")


def boundary_provinces() -> tuple[str, ...]:
    """The province codes whose boundaries are packaged (all 38).

    >>> len(boundary_provinces()), boundary_provinces()[:2]
    (38, ('11', '12'))
    """
    names = (p.name for p in _folder().iterdir() if p.name.endswith(".geojson.gz"))
    return tuple(sorted(name.split(".")[0] for name in names))


@cache
def _read(province_code: str) -> str:
    data: bytes = _folder().joinpath(f"{province_code}.geojson.gz").read_bytes()
    return gzip.decompress(data).decode("utf-8")


def province_boundaries(province_code: str) -> dict[str, Any]:
    """The regencies of a province as a GeoJSON ``FeatureCollection`` (a fresh copy; RFC 7946
    winding; properties ``code`` and ``name``).

    >>> province_boundaries("99")
    Traceback (most recent call last):
    ...
    KeyError: "no packaged boundaries for province '99'; a province code is one of 11, 12, …, 96. Hint: e.g. '64' for Kalimantan Timur"
    """
    code = str(province_code).strip()
    provinces = boundary_provinces()
    if code not in provinces:
        raise KeyError(
            f"no packaged boundaries for province {code!r}; a province code is one of "
            f"{provinces[0]}, {provinces[1]}, …, {provinces[-1]}. "
            "Hint: e.g. '64' for Kalimantan Timur"
        )
    collection: dict[str, Any] = json.loads(_read(code))
    return collection
