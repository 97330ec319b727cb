"""The Berau profile, rendered for real as of 25 Nov 2024, opens with its facts on page 1."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest

from readiness import config
from readiness.render import render_report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def berau_pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The text of each page of the Berau profile PDF as of 25 Nov 2024 (one rendering for
    the tests of this file), whitespace folded."""
    dataset = config.raw_dir() / config.DEFAULT_DATASET
    if not dataset.exists():
        pytest.skip("the default dataset is not built")
    result = render_report(
        dataset, region="64.03", formats="pdf", as_of=dt.date(2024, 11, 25),
        output_dir=tmp_path_factory.mktemp("facts"), progress=io.StringIO(), engine="builtin",
    )  # fmt: skip
    pdf = next(path for path in result.files if path.suffix == ".pdf")
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages]


def test_berau_profile_pdf_opens_with_its_facts(berau_pages: list[str]) -> None:
    page = berau_pages[0]
    facts = page.index("Data pokok")
    assert facts < page.index("Indikator Nilai Norma")  # the facts come before the indicators
    assert "Kabupaten Berau memiliki 475 TPS (3 di antaranya TPS khusus)" in page
    assert "di 13 kecamatan dan 110 desa/kelurahan" in page
    assert "11 dari 13 kecamatan, masih ditunggu: Sambaliung dan Teluk Bayur" in page
    assert "Pemilih terdaftar (DPT) –" in page


def test_berau_profile_pdf_dates_and_sources_every_table(berau_pages: list[str]) -> None:
    text = " ".join(" ".join(berau_pages).split()).replace("- ", "-")
    assert "Keadaan per 25 November 2024 · angka dari laporan Kabupaten Berau bertanggal" in text
    assert "Tidak diperingkat (data tersedia 54 % dari bobot, perlu ≥ 70 %)" in text
    # facts, indicators, two charts, kecamatan, personnel, neutrality, vulnerability, findings
    assert text.count("Sumber: ") == 9
    assert "Sumber: laporan Kabupaten Berau (Logistik: Pemkab Berau), 25 November 2024." in text
    assert "Sumber: laporan Kabupaten Berau (Kerawanan: Bawaslu Kaltim), 13 Juli 2024." in text
    assert "Kabupaten Berau (64.03-berau.xlsx)" in text  # the source list, by regency
