"""The Kemendagri reference of Indonesian administrative units, packaged.

Codes are dotted Kemendagri codes (``64.03`` = Kabupaten Berau); see ``data/SOURCE.md``.

>>> from readiness import regions
>>> regions.get_region("64").name
'Kalimantan Timur'
>>> regions.count_by_level("64")
{'kabupaten': 7, 'kota': 3, 'kecamatan': 105, 'desa': 841, 'kelurahan': 197}
"""

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
