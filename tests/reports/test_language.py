"""One language per document: the Indonesian briefing, rendered for real, carries no English
unit or label and its charts write numbers with the Indonesian decimal mark (and the English
one with the English mark)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest

from readiness.render import RenderResult

pytestmark = pytest.mark.slow

ENGLISH = (
    "tps/village", "persons/tps", "voters/tps", "share", "statutory ceiling", "No threshold",
    "Not reported", "Weight coverage", "Needs attention", "higher is better",
    "lower is better", "Status map", "Sources and", "Indicator definitions", "Glossary",
    "Not rated", "Rank", "error", "warning", "Assumption", "set locally",
)  # fmt: skip
"""English words an Indonesian briefing used to show (units, labels, statuses, norm bases)."""

JARGON = ("Galat", "Tanpa ambang", "Cakupan bobot", "manifes")
"""Words an official reading Indonesian would not know; replaced by plain words."""

DOTTED_DECIMAL = re.compile(r"(?<![\d.,])\d\.\d{1,2}(?![\d.])")
"""A number written with an English decimal point, as axis ticks were ("0.5", "4.57"; not
"1.588", thousands, nor "64.01", a region code)."""


def _pdf_text(path: Path) -> str:
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return " ".join(text.split())


def _specs(html: str) -> list[dict[str, Any]]:
    decoder, specs = json.JSONDecoder(), []
    for match in re.finditer(r'vegaEmbed\("#[\w-]+", ', html):
        spec, _ = decoder.raw_decode(html, match.end())
        specs.append(spec)
    return specs


def _file(result: RenderResult, name: str) -> Path:
    return next(path for path in result.files if path.name == name)


def test_indonesian_briefing_has_no_english_units_or_labels(default_render: RenderResult) -> None:
    text = _pdf_text(_file(default_render, "provinsi-64.pdf"))
    for word in (*ENGLISH, *JARGON):
        assert not re.search(rf"\b{re.escape(word)}\b", text), word
    assert "Daftar istilah" in text
    assert "Satuan: TPS per desa/kelurahan" in text
    numbers = DOTTED_DECIMAL.findall(text.replace("CC BY 3.0", ""))
    assert numbers == []


def test_indonesian_profile_has_no_english_units_or_labels(default_render: RenderResult) -> None:
    text = _pdf_text(_file(default_render, "kabupaten-64.03.pdf"))
    for word in (*ENGLISH, *JARGON):
        assert not re.search(rf"\b{re.escape(word)}\b", text), word
    assert DOTTED_DECIMAL.findall(text.replace("CC BY 3.0", "")) == []


def test_indonesian_charts_use_the_decimal_comma(default_render: RenderResult) -> None:
    html = _file(default_render, "provinsi-64.html").read_text(encoding="utf-8")
    specs = _specs(html)
    assert len(specs) >= 6
    for spec in specs:
        number = spec["config"]["locale"]["number"]
        assert (number["decimal"], number["thousands"]) == (",", ".")
        assert spec["config"]["locale"]["time"]["shortDays"][1] == "Sen"
    titles = [json.dumps(spec, ensure_ascii=False) for spec in specs]
    assert any("CC BY 3.0 IGO" in t and "Batas wilayah" in t for t in titles)


def test_english_charts_use_the_decimal_point(fixture_briefing_en: RenderResult) -> None:
    html = _file(fixture_briefing_en, "provinsi-64.html").read_text(encoding="utf-8")
    specs = _specs(html)
    assert specs
    for spec in specs:
        assert spec["config"]["locale"]["number"]["decimal"] == "."
    text = _pdf_text(_file(fixture_briefing_en, "provinsi-64.pdf"))
    for word in ("Tidak dilaporkan", "Perlu perhatian", "Daftar istilah", "Satuan"):
        assert word not in text, word
