"""The Kemendagri reference of Indonesian administrative units, packaged.

Codes are dotted Kemendagri codes (``64.03`` = Kabupaten Berau); see ``data/SOURCE.md``.

>>> from readiness import regions
>>> regions.get_region("64").name
'Kalimantan Timur'
>>> regions.count_by_level("64")
{'kabupaten': 7, 'kota': 3, 'kecamatan': 105, 'desa': 841, 'kelurahan': 197}
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from readiness.regions._boundaries import (
        BOUNDARY_ATTRIBUTION,
        boundary_provinces,
        province_boundaries,
    )
    from readiness.regions._codes import (
        CODE_LENGTH,
        CODE_PATTERN,
        ancestor_code,
        ancestor_code_expr,
        code_depth,
        code_depth_expr,
        is_dotted_code,
        parent_code,
        province_code,
        province_code_expr,
    )
    from readiness.regions._match import match_region, normalize_name, suggest_regions
    from readiness.regions._normalize import normalize_region_parameter
    from readiness.regions._reference import (
        LEVELS,
        Level,
        Region,
        UnknownRegionError,
        children,
        count_by_level,
        descendants,
        get_region,
        is_region_code,
        normalize_code,
        region_table,
    )

__all__ = [
    "BOUNDARY_ATTRIBUTION",
    "CODE_LENGTH",
    "CODE_PATTERN",
    "LEVELS",
    "Level",
    "Region",
    "UnknownRegionError",
    "ancestor_code",
    "ancestor_code_expr",
    "boundary_provinces",
    "children",
    "code_depth",
    "code_depth_expr",
    "count_by_level",
    "descendants",
    "get_region",
    "is_dotted_code",
    "is_region_code",
    "match_region",
    "normalize_code",
    "normalize_name",
    "normalize_region_parameter",
    "parent_code",
    "province_boundaries",
    "province_code",
    "province_code_expr",
    "region_table",
    "suggest_regions",
]

_LAZY = {
    "BOUNDARY_ATTRIBUTION": "readiness.regions._boundaries",
    "CODE_LENGTH": "readiness.regions._codes",
    "CODE_PATTERN": "readiness.regions._codes",
    "LEVELS": "readiness.regions._reference",
    "Level": "readiness.regions._reference",
    "Region": "readiness.regions._reference",
    "UnknownRegionError": "readiness.regions._reference",
    "ancestor_code": "readiness.regions._codes",
    "ancestor_code_expr": "readiness.regions._codes",
    "boundary_provinces": "readiness.regions._boundaries",
    "children": "readiness.regions._reference",
    "code_depth": "readiness.regions._codes",
    "code_depth_expr": "readiness.regions._codes",
    "count_by_level": "readiness.regions._reference",
    "descendants": "readiness.regions._reference",
    "get_region": "readiness.regions._reference",
    "is_dotted_code": "readiness.regions._codes",
    "is_region_code": "readiness.regions._reference",
    "match_region": "readiness.regions._match",
    "normalize_code": "readiness.regions._reference",
    "normalize_name": "readiness.regions._match",
    "normalize_region_parameter": "readiness.regions._normalize",
    "parent_code": "readiness.regions._codes",
    "province_boundaries": "readiness.regions._boundaries",
    "province_code": "readiness.regions._codes",
    "province_code_expr": "readiness.regions._codes",
    "region_table": "readiness.regions._reference",
    "suggest_regions": "readiness.regions._match",
}
"""Where each public name lives: a submodule is imported on first use, so reading a region
code's shape (``CODE_PATTERN``) does not load polars and the reference."""


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'readiness.regions' has no attribute {name!r}")
