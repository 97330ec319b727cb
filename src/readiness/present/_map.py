"""A labelled choropleth of a province's regencies, from the packaged boundaries or a user
GeoJSON, coloured by status, with the boundaries' attribution under it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import altair as alt
import polars as pl

from readiness.contract import Language
from readiness.present._charts import Chart, localized
from readiness.present._geo import (
    BoundaryError,
    MercatorFit,
    place_labels,
    polygons,
    read_codes,
    rewind,
)
from readiness.present._labels import STATUS_COLORS, status_label, text
from readiness.present._theme import enable_theme
from readiness.regions import province_code as province_of

__all__ = ["MAP_STATUSES", "choropleth", "read_boundaries"]

MAP_STATUSES: tuple[str, ...] = ("ready", "attention", "critical", "insufficient", "missing")
"""The statuses a regency can have on the map, in legend order."""

_MUTED = "#57606a"
_USER_SOURCE = {"id": "Batas wilayah: {name} (berkas pengguna).", "en": "Boundaries: {name} "
                "(user file)."}  # fmt: skip


def read_boundaries(
    province_code: str,
    geojson: Path | str | Mapping[str, Any] | None = None,
    *,
    code_property: str = "code",
    name_property: str | None = "name",
    lang: Language = "id",
) -> dict[str, dict[str, Any]]:
    """The province's regencies by Kemendagri code, as GeoJSON features wound for d3-geo.

    Without ``geojson`` the packaged boundaries are used. A user file (a path or a parsed
    ``FeatureCollection``) may use either winding and dotted or undotted Kemendagri codes in
    ``properties[code_property]``; anything that does not match raises
    :class:`~readiness.present.BoundaryError` naming it.

    >>> sorted(read_boundaries("64"))[:2]
    ['64.01', '64.02']
    """
    from readiness.regions import province_boundaries

    source = ""
    if geojson is None:
        collection: Mapping[str, Any] = province_boundaries(province_code)
    elif isinstance(geojson, Mapping):
        collection = geojson
    else:
        source = str(geojson)
        try:
            collection = json.loads(Path(geojson).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise BoundaryError(f"GeoJSON {source!r}: {error}") from None
    features = collection.get("features") if isinstance(collection, Mapping) else None
    if not isinstance(features, list):
        raise BoundaryError(
            f"GeoJSON {source!r} must be a FeatureCollection with a list of features"
        )
    found = read_codes(features, province_code, code_property=code_property,
                       name_property=name_property, source=source, lang=lang)  # fmt: skip
    wound: dict[str, dict[str, Any]] = {}
    for code, feature in found.items():
        try:
            geometry = rewind(feature.get("geometry") or {})
        except BoundaryError as error:
            raise BoundaryError(f"GeoJSON {source!r}, {code}: {error}") from None
        wound[code] = {"type": "Feature", "properties": {"code": code}, "geometry": geometry}
    return wound


def _short_names(codes: list[str]) -> dict[str, str]:
    from readiness.regions import get_region

    names = {code: str(get_region(code).name) for code in codes}
    short = {
        code: name.removeprefix("Kabupaten ").removeprefix("Kota ").removeprefix("Administrasi ")
        for code, name in names.items()
    }
    seen = list(short.values())
    return {
        code: s if seen.count(s) == 1 else names[code].replace("Kabupaten ", "Kab. ")
        for code, s in short.items()
    }


def _attribution(geojson: object, lang: Language) -> str:
    from readiness.regions import BOUNDARY_ATTRIBUTION

    if geojson is None:
        return BOUNDARY_ATTRIBUTION[lang]
    name = Path(str(geojson)).name if isinstance(geojson, (str, Path)) else "GeoJSON"
    return _USER_SOURCE[lang].format(name=name)


def _wrap(line: str, width: int) -> list[str]:
    words, lines, current = line.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


def choropleth(
    statuses: pl.DataFrame,
    province_code: str,
    lang: Language = "id",
    *,
    geojson: Path | str | Mapping[str, Any] | None = None,
    code_property: str = "code",
    name_property: str | None = "name",
    width: int = 500,
    max_height: int = 520,
) -> Chart:
    """The province's regencies on a map, coloured by status and labelled by name.

    ``statuses`` has ``region_code`` and ``status`` (a key of :data:`MAP_STATUSES`; ``None``
    is not reported). The packaged boundaries are drawn unless ``geojson`` is given (see
    :func:`read_boundaries`). The attribution of the boundaries is written under the map.

    >>> import polars as pl
    >>> frame = pl.DataFrame({"region_code": ["64.03"], "status": ["attention"]})
    >>> spec = choropleth(frame, "64").to_dict()
    >>> len(spec["layer"][0]["data"]["values"]), spec["layer"][0]["mark"]["type"]
    (10, 'geoshape')
    """
    enable_theme()
    province = province_of(str(province_code))
    features = read_boundaries(province, geojson, code_property=code_property,
                               name_property=name_property, lang=lang)  # fmt: skip
    known = dict(zip(statuses["region_code"].to_list(), statuses["status"].to_list(),
                     strict=True))  # fmt: skip
    short = _short_names(list(features))
    points = [(p[0], p[1]) for f in features.values()
              for part in polygons(f["geometry"]) for p in part[0]]  # fmt: skip
    fit = MercatorFit.around(points, width=width, max_height=max_height)
    shapes = {code: (short[code], polygons(f["geometry"])) for code, f in features.items()}
    font_size = 10 if len(features) <= 15 else 9 if len(features) <= 25 else 8
    labels = place_labels(shapes, fit, font_size)
    for code, feature in features.items():
        feature["properties"].update(
            name=short[code], status_label=status_label(known.get(code), lang)
        )
    rows = []
    for place in labels:
        lon, lat = fit.lonlat(place.x, place.y)
        anchor_lon, anchor_lat = fit.lonlat(*place.anchor)
        rows.append({"code": place.code, "name": place.text, "lon": lon, "lat": lat,
                     "anchor_lon": anchor_lon, "anchor_lat": anchor_lat,
                     "moved": place.moved})  # fmt: skip
    label_data = alt.Data(values=rows)  # type: ignore[no-untyped-call]
    keys = MAP_STATUSES
    scale = alt.Scale(domain=[status_label(k if k != "missing" else None, lang) for k in keys],
                      range=[STATUS_COLORS[k] for k in keys])  # fmt: skip
    shapes_layer = (
        alt.Chart(alt.Data(values=[]))  # type: ignore[no-untyped-call]
        .mark_geoshape(stroke="white", strokeWidth=0.8)
        .encode(
            color=alt.Color("properties.status_label:N", scale=scale, title=text("status", lang),
                            legend=alt.Legend(orient="bottom", columns=3)),
            tooltip=[alt.Tooltip("properties.name:N", title=text("regency", lang)),
                     alt.Tooltip("properties.code:N", title=text("code", lang)),
                     alt.Tooltip("properties.status_label:N", title=text("status", lang))],
        )
    )  # fmt: skip
    moved = alt.Chart(label_data).transform_filter("datum.moved")
    leaders = moved.mark_rule(color=_MUTED, strokeWidth=0.8).encode(
        longitude="anchor_lon:Q", latitude="anchor_lat:Q",
        longitude2="lon:Q", latitude2="lat:Q",
    )  # fmt: skip
    dots = moved.mark_circle(size=12, color="#1f2328", opacity=1).encode(
        longitude="anchor_lon:Q", latitude="anchor_lat:Q"
    )
    base = alt.Chart(label_data).encode(longitude="lon:Q", latitude="lat:Q", text="name:N")
    halo = base.mark_text(fontSize=font_size, stroke="white", strokeWidth=3, strokeJoin="round",
                          fontWeight=600)  # fmt: skip
    names = base.mark_text(fontSize=font_size, fontWeight=600, color="#1f2328")
    note = _wrap(_attribution(geojson, lang), 95)
    chart: Chart = alt.layer(shapes_layer, leaders, dots, halo, names).project(
        type="mercator", scale=fit.scale, translate=list(fit.translate)
    ).properties(
        width=fit.width, height=fit.height,
        title=alt.TitleParams(note, orient="bottom", anchor="start", fontSize=8,
                              fontWeight="normal", color=_MUTED, offset=6),
    )  # fmt: skip
    # The boundaries replace the empty placeholder of the shapes layer last: every step above
    # copies the layers deeply, and copying thousands of coordinates at each step cost more
    # than all the rest of the map. They are set on a placeholder already made, so that
    # altair does not check every coordinate on making it as well as when the chart is
    # written out. The specification is the same.
    drawn = localized(chart, lang)
    boundaries = alt.Data(values=[])  # type: ignore[no-untyped-call]
    boundaries.values = list(features.values())
    drawn.layer[0].data = boundaries
    return drawn
