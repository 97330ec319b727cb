"""The sitrep rendered for real: one or two pages, one language, the synthetic label shown."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
import pytest

from readiness import config
from readiness.render import render_sitrep

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
RAW = config.raw_dir() / config.DEFAULT_DATASET
EXAMPLE = ROOT / "data" / "examples" / "sitrep-contoh"
INDONESIAN_WORDS = ("Ringkasan", "Butir kritis", "belum dilaporkan", "Tanggal laporan", "Sumber:")
ENGLISH_WORDS = ("Summary", "critical items", "not reported", "Report date", "Sources:")


def _pages(dataset: Path, as_of: dt.date, lang: str, out: Path) -> list[str]:
    result = render_sitrep(
        dataset, province_code="64", as_of=as_of, formats="pdf,docx,html", lang=lang,
        output_dir=out, engine="builtin", progress=io.StringIO(),
    )  # fmt: skip
    names = sorted(path.name for path in result.files)
    stem = f"sitrep-64-{as_of.isoformat()}"
    assert names == [f"{stem}.docx", f"{stem}.html", f"{stem}.pdf"]
    reader = pypdf.PdfReader(out / f"{stem}.pdf")
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_real_sitrep_in_indonesian_fits_two_pages(tmp_path: Path) -> None:
    if not RAW.exists():
        pytest.skip("the default dataset is not built")
    pages = _pages(RAW, dt.date(2024, 11, 25), "id", tmp_path)
    assert 1 <= len(pages) <= 2
    text = " ".join(pages)
    assert "Perubahan sejak 24 November 2024 sampai 25 November 2024" in text
    assert "11: Kelay, Talisayan" in text
    assert "Tindak lanjut kasus netralitas" in text
    assert "11 kecamatan dilaporkan mencapai tahap logistik baru" in text
    assert "Badan Kepegawaian Negara (BKN)" in text  # Kutai Timur's cases, as the briefing
    assert "tanpa laporan operasional sesudah 24 November 2024" in text
    assert "butir kritis selesai" in text
    assert "10 butir kritis selesai" not in text  # data coverage is a data gap, not an item
    assert "Kota Balikpapan" not in text
    assert "CONTOH SINTETIS" not in text
    assert not [word for word in ENGLISH_WORDS if word in text]


def test_synthetic_sitrep_in_english_is_labelled(tmp_path: Path) -> None:
    pages = _pages(EXAMPLE, dt.date(2024, 11, 26), "en", tmp_path)
    assert 1 <= len(pages) <= 2
    assert "SYNTHETIC EXAMPLE — not official data" in pages[0]
    text = " ".join(pages)
    assert "Changes from 25 November 2024 to 26 November 2024" in text
    assert not [word for word in INDONESIAN_WORDS if word in text]
    assert "CONTOH SINTETIS" not in text
