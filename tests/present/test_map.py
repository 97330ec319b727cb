"""The regency map: every regency of every province, labels clear of each other, boundaries in
either winding and with dotted or undotted codes, codes that match nothing named."""

from __future__ import annotations

import copy
import itertools
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import polars as pl
import pytest
import vl_convert as vlc

from readiness.present import STATUS_COLORS, BoundaryError, choropleth, read_boundaries
from readiness.present._geo import MercatorFit, is_clockwise, polygons
from readiness.regions import (
    BOUNDARY_ATTRIBUTION,
    boundary_provinces,
    children,
    province_boundaries,
    region_table,
)

BERAU_INSIDE = (117.0, 2.2)  # inside Kabupaten Berau (64.03), away from its label


def _statuses(codes: list[str], status: str | None = "critical") -> pl.DataFrame:
    return pl.DataFrame(
        {"region_code": codes, "status": [status] * len(codes)},
        schema={"region_code": pl.String, "status": pl.String},
    )


def _shapes(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return list(spec["layer"][0]["data"]["values"])


def _labels(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return list(spec["layer"][3]["data"]["values"])


def test_packaged_boundaries_hold_every_regency_of_the_reference_once() -> None:
    regencies = region_table().filter(pl.col("level").is_in(["kabupaten", "kota"]))
    assert len(boundary_provinces()) == 38
    codes = [
        f["properties"]["code"]
        for province in boundary_provinces()
        for f in province_boundaries(province)["features"]
    ]
    assert len(codes) == len(set(codes)) == 514
    assert set(codes) == set(regencies["code"].to_list())


def test_packaged_boundaries_follow_rfc_7946_winding() -> None:
    for feature in province_boundaries("64")["features"]:
        for part in polygons(feature["geometry"]):
            assert not is_clockwise(part[0])
            assert all(is_clockwise(hole) for hole in part[1:])


def test_packaged_attribution_ships_beside_the_data() -> None:
    source = Path(__file__).parents[2] / "src/readiness/regions/data/boundaries/SOURCE.md"
    text = source.read_text(encoding="utf-8")
    assert "CC BY 3.0 IGO" in text
    assert "geoboundaries.org" in text
    assert "1e-4" in text


@pytest.mark.parametrize("province", boundary_provinces())
def test_every_province_map_has_all_its_regencies_labelled_clear_of_each_other(
    province: str,
) -> None:
    codes = children(province)["code"].to_list()
    # the schema of the spec (the same shape for every province) is checked on Kaltim's map below
    spec = choropleth(_statuses(codes[:1]), province).to_dict(validate=False)
    assert sorted(f["properties"]["code"] for f in _shapes(spec)) == sorted(codes)
    assert sorted(row["code"] for row in _labels(spec)) == sorted(codes)
    assert spec["title"]["orient"] == "bottom"
    assert "CC BY 3.0 IGO" in " ".join(spec["title"]["text"])
    _assert_labels_do_not_overlap_and_stay_in_the_frame(spec)


def _assert_labels_do_not_overlap_and_stay_in_the_frame(spec: dict[str, Any]) -> None:
    projection, size = spec["projection"], spec["layer"][4]["mark"]["fontSize"]
    fit = MercatorFit(projection["scale"], tuple(projection["translate"]), spec["width"],
                      spec["height"])  # fmt: skip
    boxes = []
    for row in _labels(spec):
        x, y = fit.pixel(row["lon"], row["lat"])
        half_w, half_h = (len(row["name"]) * size * 0.68 + 4) / 2, (size + 3) / 2
        box = (x - half_w, y - half_h, x + half_w, y + half_h)
        assert min(box[0], box[1]) >= -0.5, row
        assert box[2] <= fit.width + 0.5, row
        assert box[3] <= fit.height + 0.5, row
        boxes.append((row["name"], box))
    for (a, p), (b, q) in itertools.combinations(boxes, 2):
        assert not (p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]), (a, b)


def test_map_colours_regencies_by_status_and_keeps_missing_apart() -> None:
    spec = choropleth(_statuses(["64.03"], "attention"), "64", "en").to_dict()
    labels = {f["properties"]["code"]: f["properties"]["status_label"] for f in _shapes(spec)}
    assert labels["64.03"] == "Needs attention"
    assert labels["64.02"] == "Not reported"
    names = {row["code"]: row["name"] for row in _labels(spec)}
    assert names["64.03"] == "Berau"
    assert names["64.71"] == "Balikpapan"
    assert " ".join(spec["title"]["text"]) == BOUNDARY_ATTRIBUTION["en"]


# ---- user GeoJSON: winding, codes, property name -------------------------------------------


def _user_file(tmp_path: Path, *, clockwise: bool, code: Any = None, prop: str = "code") -> Path:
    collection = copy.deepcopy(province_boundaries("64"))  # RFC 7946: counter-clockwise
    for feature in collection["features"]:
        dotted = feature["properties"].pop("code")
        feature["properties"][prop] = code(dotted) if code else dotted
        if clockwise:
            geometry = feature["geometry"]
            parts = polygons(geometry)
            flipped = [[ring[::-1] for ring in part] for part in parts]
            geometry["coordinates"] = flipped[0] if geometry["type"] == "Polygon" else flipped
    path = tmp_path / "batas.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def _decode_png(png: bytes, last_row: int | None = None) -> tuple[int, list[bytes]]:
    """Width in pixels and the unfiltered rows of an 8-bit RGBA PNG (what vl-convert writes),
    down to ``last_row`` (each row is unfiltered from the one above, so none below is needed)."""
    chunks, position, idat = {}, 8, b""
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        body = png[position + 8 : position + 8 + length]
        chunks[kind] = body
        idat += body if kind == b"IDAT" else b""
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) == (8, 6), "expected 8-bit RGBA"
    raw, stride, rows = zlib.decompress(idat), width * 4, []
    previous = bytearray(stride)
    for y in range(height if last_row is None else min(height, last_row + 1)):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            left = line[i - 4] if i >= 4 else 0
            up, corner = previous[i], previous[i - 4] if i >= 4 else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + best) & 255
        rows.append(bytes(line))
        previous = line
    return width, rows


def _pixel(png: bytes, spec: dict[str, Any], lon: float, lat: float) -> tuple[int, int, int]:
    projection = spec["projection"]
    fit = MercatorFit(
        projection["scale"], tuple(projection["translate"]), spec["width"], spec["height"]
    )
    x, y = fit.pixel(lon, lat)
    padding = 5  # Vega's default padding around the view
    column, row = round((x + padding) * 2), round((y + padding) * 2)
    _, rows = _decode_png(png, last_row=row)
    r, g, b, _alpha = rows[row][column * 4 : column * 4 + 4]
    return r, g, b


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


@pytest.mark.parametrize("clockwise", [False, True])
def test_a_user_geojson_in_either_winding_colours_only_the_regencies(
    tmp_path: Path, clockwise: bool
) -> None:
    path = _user_file(tmp_path, clockwise=clockwise)
    spec = choropleth(_statuses(["64.03"]), "64", geojson=path).to_dict()
    for feature in _shapes(spec):
        for part in polygons(feature["geometry"]):
            assert is_clockwise(part[0])  # rewound for d3-geo
    png = vlc.vegalite_to_png(spec, scale=2)
    assert _hex(_pixel(png, spec, *BERAU_INSIDE)) == STATUS_COLORS["critical"]
    # north-west corner of the frame: Sarawak and Kalimantan Utara, outside the province
    outside = MercatorFit(spec["projection"]["scale"], tuple(spec["projection"]["translate"]),
                          spec["width"], spec["height"]).lonlat(3, 3)  # fmt: skip
    assert _pixel(png, spec, *outside) == (255, 255, 255)
    assert "batas.geojson" in " ".join(spec["title"]["text"])


def test_without_rewinding_the_same_file_would_fill_the_frame(tmp_path: Path) -> None:
    """The failure the rewinding prevents: a counter-clockwise ring drawn as it is."""
    spec = choropleth(_statuses(["64.03"]), "64").to_dict()
    for feature, raw in zip(_shapes(spec), province_boundaries("64")["features"], strict=True):
        feature["geometry"] = raw["geometry"]
    png = vlc.vegalite_to_png(spec, scale=2)
    projection = spec["projection"]
    outside = MercatorFit(projection["scale"], tuple(projection["translate"]), spec["width"],
                          spec["height"]).lonlat(3, 3)  # fmt: skip
    assert _pixel(png, spec, *outside) != (255, 255, 255)


@pytest.mark.parametrize(
    "code", [lambda c: c.replace(".", ""), lambda c: int(c.replace(".", "")), lambda c: c]
)
def test_undotted_codes_and_another_property_name_are_read(tmp_path: Path, code: Any) -> None:
    path = _user_file(tmp_path, clockwise=False, code=code, prop="kode_kab")
    features = read_boundaries("64", path, code_property="kode_kab")
    assert sorted(features) == sorted(children("64")["code"].to_list())


def test_bps_numbered_file_is_refused_naming_the_codes(tmp_path: Path) -> None:
    bps = {"64.01": "6401", "64.02": "6403", "64.03": "6405", "64.07": "6402", "64.08": "6404",
           "64.09": "6409", "64.11": "6411", "64.71": "6471", "64.72": "6472", "64.74": "6474"}  # fmt: skip
    path = _user_file(tmp_path, clockwise=False, code=bps.__getitem__)
    with pytest.raises(BoundaryError) as caught:
        read_boundaries("64", path)
    message = str(caught.value)
    assert "64.04" in message
    assert "64.05" in message
    assert "Kabupaten Berau" in message  # 64.03 holds Kutai Kartanegara's shape
    assert "BPS" in message


def test_missing_property_and_missing_regency_are_named(tmp_path: Path) -> None:
    path = _user_file(tmp_path, clockwise=False, prop="KODE")
    with pytest.raises(BoundaryError, match="'code'"):
        read_boundaries("64", path)
    collection = json.loads(_user_file(tmp_path, clockwise=False).read_text(encoding="utf-8"))
    collection["features"] = collection["features"][1:]
    with pytest.raises(BoundaryError, match=r"64\.01 Kabupaten Paser"):
        choropleth(_statuses([]), "64", "en", geojson=collection)


def test_a_feature_without_polygon_is_named(tmp_path: Path) -> None:
    collection = json.loads(_user_file(tmp_path, clockwise=False).read_text(encoding="utf-8"))
    collection["features"][2]["geometry"] = {"type": "Point", "coordinates": [117.0, 2.0]}
    with pytest.raises(BoundaryError, match=r"64\.03: .*Polygon or MultiPolygon, got 'Point'"):
        read_boundaries("64", collection)
