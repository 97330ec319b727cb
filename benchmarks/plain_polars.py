"""A plain polars script: the core readiness numbers at one level, from built Parquet, as JSON.

What an analyst would run instead of ``readiness indicators``: no library code, only polars,
the folder ``readiness build`` wrote (``<table>.parquet``) and the region list (for village
counts). The numbers are those of ``polars_floor.core_numbers`` (eight per region).

    python benchmarks/plain_polars.py data/processed/NAME --level kabupaten > out.json
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars_floor as floor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", type=Path, help="a folder written by `readiness build`")
    parser.add_argument("--level", choices=tuple(floor.LEVEL_LENGTHS), default="kabupaten")
    parser.add_argument("--regions", type=Path, default=floor.REGIONS_FILE)
    args = parser.parse_args()
    tables = floor.read_built(args.folder)
    numbers = floor.core_numbers(tables, floor.read_regions(args.regions), levels=(args.level,))
    sys.stdout.write(numbers[args.level].write_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
