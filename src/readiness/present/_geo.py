"""Boundaries made ready to draw: codes read exactly, rings wound the way d3-geo needs,
a projection we know in pixels, and label positions that keep clear of each other.

GeoJSON (RFC 7946) winds exterior rings counter-clockwise; d3-geo, which draws Vega's
``geoshape``, reads a ring by the opposite rule, so a counter-clockwise exterior covers the
whole globe except the regency and fills the frame with one colour. :func:`rewind` fixes either
winding.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from readiness.contract import Language

__all__ = [
    "BoundaryError",
    "LabelPlacement",
    "MercatorFit",
    "is_clockwise",
    "place_labels",
    "read_codes",
    "rewind",
    "signed_area",
]

Ring = list[list[float]]


class BoundaryError(ValueError):
    """A boundary GeoJSON that cannot be drawn for the province as it is: codes that match no
    regency, regencies without a shape, or a code whose feature is named as another regency."""


def signed_area(ring: Ring) -> float:
    """Planar signed area of a closed ring (x = lon, y = lat): positive when it runs
    counter-clockwise.

    >>> signed_area([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]])
    1.0
    """
    pairs = itertools.pairwise(ring)
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in pairs) / 2


def is_clockwise(ring: Ring) -> bool:
    """Whether a ring runs clockwise (the exterior winding d3-geo expects).

    >>> is_clockwise([[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]])
    True
    """
    return signed_area(ring) < 0


def _wound(ring: Ring, clockwise: bool) -> Ring:
    return ring if is_clockwise(ring) == clockwise else ring[::-1]


def rewind(geometry: Mapping[str, Any]) -> dict[str, Any]:
    """A ``Polygon``/``MultiPolygon`` with exteriors clockwise and holes counter-clockwise,
    as d3-geo (Vega, Vega-Lite, altair) draws them, whichever winding it came in.

    >>> square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    >>> rewind({"type": "Polygon", "coordinates": [square]})["coordinates"][0][1]
    [0, 1]
    """
    kind = geometry.get("type")
    if kind == "Polygon":
        rings = geometry["coordinates"]
        wound = [_wound(rings[0], True), *(_wound(r, False) for r in rings[1:])]
        return {"type": "Polygon", "coordinates": wound}
    if kind == "MultiPolygon":
        parts = [rewind({"type": "Polygon", "coordinates": p})["coordinates"]
                 for p in geometry["coordinates"]]  # fmt: skip
        return {"type": "MultiPolygon", "coordinates": parts}
    raise BoundaryError(f"a regency boundary is a Polygon or MultiPolygon, got {kind!r}")


def polygons(geometry: Mapping[str, Any]) -> list[list[Ring]]:
    """The polygons of a ``Polygon``/``MultiPolygon`` as lists of rings."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return list(geometry["coordinates"])


_MESSAGES = {
    "id": {
        "no_property": "fitur ke-{index} tidak punya properti {prop!r}",
        "bad": "{value!r} (fitur ke-{index}) bukan kode kabupaten/kota Kemendagri",
        "unknown": "kode {code} (fitur ke-{index}) tidak ada di referensi Kemendagri",
        "named": "kode {code} adalah {expected} menurut Kemendagri, tetapi fiturnya bernama "
        "{name!r}",
        "absent": "tidak ada batas untuk {names}",
        "lead": "GeoJSON {source} tidak cocok dengan kabupaten/kota provinsi {province}: ",
        "hint": " Petunjuk: kode harus kode Kemendagri, dengan atau tanpa titik (6403 = 64.03 "
        "= Kabupaten Berau), bukan penomoran BPS (6405 = Berau); nama properti kode dipilih "
        "dengan code_property.",
    },
    "en": {
        "no_property": "feature {index} has no property {prop!r}",
        "bad": "{value!r} (feature {index}) is not a Kemendagri regency code",
        "unknown": "code {code} (feature {index}) is not in the Kemendagri reference",
        "named": "code {code} is {expected} in the Kemendagri reference, but its feature is "
        "named {name!r}",
        "absent": "no boundary for {names}",
        "lead": "GeoJSON {source} does not match the regencies of province {province}: ",
        "hint": " Hint: codes must be Kemendagri codes, dotted or not (6403 = 64.03 = "
        "Kabupaten Berau), not BPS numbers (6405 = Berau); choose the code property with "
        "code_property.",
    },
}


def read_codes(
    features: Iterable[Mapping[str, Any]],
    province_code: str,
    *,
    code_property: str = "code",
    name_property: str | None = "name",
    source: str = "",
    lang: Language = "id",
) -> dict[str, dict[str, Any]]:
    """The features of the province's regencies by dotted Kemendagri code.

    Codes may be dotted or not (``"6403"``, ``6403`` and ``"64.03"`` are Kabupaten Berau);
    features of other provinces are left out. Raises :class:`BoundaryError` naming every code
    that matches no regency, every regency of the province without a feature, and every
    feature whose name belongs to another regency (a file numbered by BPS reads that way).
    """
    from readiness.regions import children, get_region

    text = _MESSAGES[lang]
    known = dict(zip(*children(province_code).select("code", "name"), strict=True))
    found: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for index, feature in enumerate(features, start=1):
        code, problem = _feature_code(
            feature, index, province_code, known, code_property, name_property, text
        )
        if problem:
            problems.append(problem)
        elif code:
            found[code] = dict(feature)
    absent = [f"{code} {name}" for code, name in known.items() if code not in found]
    if absent:
        problems.append(text["absent"].format(names=", ".join(absent)))
    if problems:
        province = f"{province_code} ({get_region(province_code).name})"
        lead = text["lead"].format(source=source or "", province=province).replace("  ", " ")
        raise BoundaryError(lead + "; ".join(problems) + "." + text["hint"])
    return found


def _feature_code(
    feature: Mapping[str, Any],
    index: int,
    province_code: str,
    known: Mapping[str, str],
    code_property: str,
    name_property: str | None,
    text: Mapping[str, str],
) -> tuple[str | None, str | None]:
    """The dotted regency code of one feature (``None`` for another province's), or the
    problem with it."""
    from readiness.regions import code_depth, get_region, match_region, normalize_code

    properties = feature.get("properties") or {}
    if code_property not in properties:
        return None, text["no_property"].format(index=index, prop=code_property)
    value = properties[code_property]
    try:
        code = normalize_code(value)
    except ValueError:
        return None, text["bad"].format(value=value, index=index)
    if code_depth(code) != 2:
        return None, text["bad"].format(value=value, index=index)
    if not code.startswith(province_code + "."):
        try:
            get_region(code)
        except KeyError:
            return None, text["unknown"].format(code=code, index=index)
        return None, None
    if code not in known:
        return None, text["unknown"].format(code=code, index=index)
    name = properties.get(name_property) if name_property else None
    if isinstance(name, str) and name.strip():
        try:
            named = match_region(name, within=province_code, depth=2)
        except (KeyError, ValueError):
            named = code
        if named != code:
            return None, text["named"].format(code=code, expected=known[code], name=name)
    return code, None


@dataclass(frozen=True)
class MercatorFit:
    """A Mercator projection fitted to a box of ``width`` × ``height`` pixels, with the
    ``scale`` and ``translate`` Vega's ``mercator`` projection takes, so that positions computed
    here land where Vega draws them.

    >>> fit = MercatorFit.around([(116.0, -2.0), (118.0, 2.0)], width=200, max_height=400)
    >>> [round(v) for v in fit.pixel(117.0, 0.0)]
    [100, 192]
    >>> [round(v, 6) for v in fit.lonlat(*fit.pixel(117.0, 0.0))]
    [117.0, 0.0]
    """

    scale: float
    translate: tuple[float, float]
    width: float
    height: float

    @staticmethod
    def _raw(lon: float, lat: float) -> tuple[float, float]:
        phi = math.radians(max(-85.0, min(85.0, lat)))
        return math.radians(lon), math.log(math.tan(math.pi / 4 + phi / 2))

    @classmethod
    def around(
        cls, points: Iterable[tuple[float, float]], width: float, max_height: float,
        padding: float = 8.0,
    ) -> MercatorFit:  # fmt: skip
        """The projection that fits ``points`` into ``width`` and at most ``max_height``."""
        raw = [cls._raw(lon, lat) for lon, lat in points]
        xs, ys = [p[0] for p in raw], [p[1] for p in raw]
        dx, dy = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
        scale = min((width - 2 * padding) / dx, (max_height - 2 * padding) / dy)
        height = dy * scale + 2 * padding
        tx = padding - min(xs) * scale + (width - 2 * padding - dx * scale) / 2
        ty = padding + max(ys) * scale
        return cls(scale, (tx, ty), width, height)

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        """Screen position (x to the right, y down) of a point."""
        x, y = self._raw(lon, lat)
        return self.translate[0] + x * self.scale, self.translate[1] - y * self.scale

    def lonlat(self, x: float, y: float) -> tuple[float, float]:
        """The point drawn at screen position ``(x, y)``."""
        lam = (x - self.translate[0]) / self.scale
        phi = 2 * math.atan(math.exp((self.translate[1] - y) / self.scale)) - math.pi / 2
        return math.degrees(lam), math.degrees(phi)


def _inside_point(rings: list[list[tuple[float, float]]]) -> tuple[float, float, float]:
    """A point well inside a polygon (pixels): the middle of the widest horizontal run across
    it, preferring runs near its vertical middle; returns x, y and the run's width."""
    ys = [y for ring in rings for _, y in ring]
    top, bottom = min(ys), max(ys)
    best = (rings[0][0][0], rings[0][0][1], 0.0)
    best_score = -1.0
    for step in range(1, 20):
        y = top + (bottom - top) * step / 20
        crossings = sorted(
            x0 + (y - y0) * (x1 - x0) / (y1 - y0)
            for ring in rings
            for (x0, y0), (x1, y1) in itertools.pairwise(ring)
            if (y0 <= y < y1) or (y1 <= y < y0)
        )
        for left, right in zip(crossings[::2], crossings[1::2], strict=False):
            width = right - left
            score = width * (1 - 0.6 * abs(step - 10) / 10)
            if score > best_score:
                best, best_score = ((left + right) / 2, y, width), score
    return best


@dataclass(frozen=True)
class LabelPlacement:
    """Where a regency's label goes: its point inside the regency (``anchor``) and the label's
    centre (``x``, ``y``), in pixels; ``moved`` labels get a leader line to their anchor."""

    code: str
    text: str
    anchor: tuple[float, float]
    x: float
    y: float

    @property
    def moved(self) -> bool:
        return math.dist(self.anchor, (self.x, self.y)) > 1.0


_DISTANCES = (0, 16, 24, 32, 44, 58, 74, 92, 112, 134, 158)
_ANGLES = tuple(i * math.pi / 8 for i in (0, 8, 12, 4, 2, 6, 10, 14, 1, 7, 9, 15, 3, 5, 11, 13))


def _box(x: float, y: float, text: str, size: float) -> tuple[float, float, float, float]:
    half_w, half_h = (len(text) * size * 0.68 + 4) / 2, (size + 3) / 2
    return x - half_w, y - half_h, x + half_w, y + half_h


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    shapes: Mapping[str, tuple[str, list[list[Ring]]]],
    fit: MercatorFit,
    font_size: float = 10.0,
) -> list[LabelPlacement]:
    """Label positions for regencies (``code → (label, polygons in lon/lat)``): each label at
    a point inside its largest polygon when it fits there and clear of labels already placed
    (largest regencies first), otherwise at the nearest free spot around it, in the frame."""
    anchors: list[tuple[float, str, str, tuple[float, float], float]] = []
    for code, (label, parts) in shapes.items():
        best: tuple[float, float, float] | None = None
        best_area = -1.0
        for part in parts:
            rings = [[fit.pixel(p[0], p[1]) for p in ring] for ring in part]
            area = abs(signed_area([list(p) for p in rings[0]]))
            if area > best_area:
                best_area, best = area, _inside_point(rings)
        if best is not None:
            anchors.append((best_area, code, label, (best[0], best[1]), best[2]))
    anchors.sort(key=lambda item: -item[0])
    marks = {a[1]: _box(a[3][0], a[3][1], "", 0.0) for a in anchors}
    placed: list[tuple[float, float, float, float]] = []
    result: list[LabelPlacement] = []
    for _, code, label, (ax, ay), room in anchors:
        spot = (ax, ay)
        box = _box(ax, ay, label, font_size)
        fits = room >= 0.8 * (box[2] - box[0])
        for distance in _DISTANCES if fits else _DISTANCES[1:]:
            candidates = (
                [(ax, ay)]
                if distance == 0
                else [(ax + distance * math.cos(a), ay + distance * math.sin(a)) for a in _ANGLES]
            )
            free = []
            for x, y in candidates:
                box = _box(x, y, label, font_size)
                inside = (box[0] >= 0 and box[1] >= 0 and box[2] <= fit.width
                          and box[3] <= fit.height)  # fmt: skip
                clear = not any(_overlaps(box, other) for other in placed) and not any(
                    _overlaps(box, mark) for other, mark in marks.items() if other != code
                )
                if inside and clear:
                    free.append((x, y))
            if free:
                spot = free[0]
                break
        placed.append(_box(spot[0], spot[1], label, font_size))
        result.append(LabelPlacement(code, label, (ax, ay), spot[0], spot[1]))
    return result
