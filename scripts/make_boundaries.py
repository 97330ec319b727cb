"""Build the packaged regency boundaries ``src/readiness/regions/data/boundaries/`` from the
simplified geoBoundaries IDN ADM2 GeoJSON keyed on Kemendagri codes (see the ``SOURCE.md``
written beside the data for where it comes from and what was changed).

One gzip-compressed GeoJSON per province (``64.geojson.gz``): coordinates snapped to a grid of
``--grid`` degrees (default 1e-4, about 11 m; snapping is per vertex, so a border shared by two
regencies stays shared), consecutive repeated vertices dropped, rings that collapse dropped, and
rings oriented as RFC 7946 asks (exterior counter-clockwise, holes clockwise). Run it from the
project root with the source file::

    .venv/bin/python scripts/make_boundaries.py indonesia_kabupaten.geojson
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "src" / "readiness" / "regions" / "data" / "boundaries"

Ring = list[list[float]]


def _signed_area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def _snap_ring(ring: Ring, grid: float, decimals: int, exterior: bool) -> Ring | None:
    snapped: Ring = []
    for x, y in ring:
        point = [round(round(x / grid) * grid, decimals), round(round(y / grid) * grid, decimals)]
        if not snapped or snapped[-1] != point:
            snapped.append(point)
    if len(snapped) < 4 or snapped[0] != snapped[-1]:
        return None
    area = _signed_area(snapped)
    if area == 0:
        return None
    if (area > 0) != exterior:
        snapped.reverse()
    return snapped


def _snap_polygon(rings: list[Ring], grid: float, decimals: int) -> list[Ring] | None:
    exterior = _snap_ring(rings[0], grid, decimals, exterior=True)
    if exterior is None:
        return None
    holes = [_snap_ring(r, grid, decimals, exterior=False) for r in rings[1:]]
    return [exterior, *(h for h in holes if h is not None)]


def snap_feature(feature: dict[str, Any], grid: float, decimals: int) -> dict[str, Any]:
    """The feature with its geometry snapped to the grid; refuses a feature left empty."""
    geometry = feature["geometry"]
    parts = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    kept = [p for p in (_snap_polygon(part, grid, decimals) for part in parts) if p is not None]
    code = feature["properties"]["code"]
    if not kept:
        raise ValueError(f"{code}: every polygon collapsed at grid {grid}; use a finer grid")
    shape: dict[str, Any] = (
        {"type": "Polygon", "coordinates": kept[0]}
        if len(kept) == 1
        else {"type": "MultiPolygon", "coordinates": kept}
    )
    return {
        "type": "Feature",
        "properties": {"code": code, "name": feature["properties"]["name"]},
        "geometry": shape,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="indonesia_kabupaten.geojson")
    parser.add_argument("--grid", type=float, default=1e-4, help="grid in degrees")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    decimals = len(f"{args.grid:.10f}".rstrip("0").split(".")[1])
    collection = json.loads(args.source.read_text(encoding="utf-8"))
    by_province: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for feature in collection["features"]:
        snapped = snap_feature(feature, args.grid, decimals)
        by_province[snapped["properties"]["code"].split(".")[0]].append(snapped)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.geojson.gz"):
        old.unlink()
    total = 0
    for province, features in sorted(by_province.items()):
        features.sort(key=lambda f: f["properties"]["code"])
        text = json.dumps({"type": "FeatureCollection", "features": features},
                          ensure_ascii=False, separators=(",", ":"))  # fmt: skip
        data = gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
        (args.out / f"{province}.geojson.gz").write_bytes(data)
        total += len(data)
    count = sum(len(f) for f in by_province.values())
    print(f"{count} regencies in {len(by_province)} provinces, {total:,} bytes in {args.out}")


if __name__ == "__main__":
    main()
