"""A plain pandas script: every readiness indicator at one level, from built Parquet, as JSON.

What an analyst would run instead of ``readiness indicators``: pandas (with pyarrow) over the
folder ``readiness build`` wrote, the formulas of ``pandas_indicators`` (the same definitions
as the library, checked value by value in the benchmark's agreement step); only the
registry's names, norms and thresholds and the region list come from the package.

    python benchmarks/plain_pandas.py data/processed/NAME --level kabupaten > out.json
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas_indicators as indicators


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", type=Path, help="a folder written by `readiness build`")
    parser.add_argument(
        "--level", choices=("kecamatan", "kabupaten", "provinsi"), default="kabupaten"
    )
    args = parser.parse_args()
    tables = indicators.read_built(args.folder)
    frame = indicators.compute_all_levels(tables, levels=(args.level,))[args.level]
    sys.stdout.write(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
