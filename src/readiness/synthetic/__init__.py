"""A seeded synthetic dataset on the real region list: demos, tests and national benchmarks.

The regions are the packaged Kemendagri reference (38 provinces, 514 kabupaten/kota, 7,285
kecamatan, 83,762 villages); every figure on them is drawn, and every record says
``source = "sintetis"``. At ``scale=1`` the country holds about 444 thousand TPS and 205
million voters (Pilkada 2024: 435,296 TPS, 203,657,354 voters), about 3.1 million logistics
rows per snapshot.

Invariants: every village has at least one TPS; no TPS has more than 600 voters;
kelurahan have more TPS on average than desa; the same seed gives the same data, and a
province comes out the same alone or within the country.

>>> from readiness import synthetic
>>> tables = synthetic.generate(["65"], synthetic.SyntheticOptions(seed=7))
>>> tables["polling_stations"].group_by("region_code").len()["len"].min() >= 1
True
>>> tables["polling_stations"].equals(synthetic.generate(["65"], synthetic.SyntheticOptions(seed=7))["polling_stations"])
True
"""

from readiness.synthetic._generate import generate_province
from readiness.synthetic._params import (
    ITEMS_PER_TPS,
    NATIONAL_TPS_2024,
    NATIONAL_VOTERS_2024,
    SOURCE_LABEL,
    SyntheticOptions,
    mean_voters_per_village,
)
from readiness.synthetic._workbooks import regency_view, write_workbooks
from readiness.synthetic._write import (
    METADATA_FILE,
    all_provinces,
    generate,
    scan_table,
    write_national,
)

__all__ = [
    "ITEMS_PER_TPS",
    "METADATA_FILE",
    "NATIONAL_TPS_2024",
    "NATIONAL_VOTERS_2024",
    "SOURCE_LABEL",
    "SyntheticOptions",
    "all_provinces",
    "generate",
    "generate_province",
    "mean_voters_per_village",
    "regency_view",
    "scan_table",
    "write_national",
    "write_workbooks",
]
