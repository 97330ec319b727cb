"""The Berau profile, rendered for real as of 25 Nov 2024, opens with its facts on page 1."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest

from readiness import config
from readiness.render import render_report

pytestmark = pytest.mark.slow


def test_berau_profile_pdf_opens_with_its_facts(tmp_path_factory: pytest.TempPathFactory) -> None:
    dataset = config.raw_dir() / config.DEFAULT_DATASET
    if not dataset.exists():
        pytest.skip("the default dataset is not built")
    result = render_report(
        dataset, region="64.03", formats="pdf", as_of=dt.date(2024, 11, 25),
        output_dir=tmp_path_factory.mktemp("facts"), progress=io.StringIO(), engine="builtin",
    )  # fmt: skip
    pdf = next(path for path in result.files if path.suffix == ".pdf")
    page = " ".join(pypdf.PdfReader(pdf).pages[0].extract_text().split())
    facts = page.index("Data pokok")
    assert facts < page.index("Indikator Nilai Norma")  # the facts come before the indicators
    assert "Kabupaten Berau memiliki 475 TPS (3 di antaranya TPS khusus)" in page
    assert "di 13 kecamatan dan 110 desa/kelurahan" in page
    assert "11 dari 13 kecamatan, masih ditunggu: Sambaliung dan Teluk Bayur" in page
    assert "Pemilih terdaftar (DPT) –" in page


def test_berau_profile_pdf_dates_and_sources_every_table(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    dataset = config.raw_dir() / config.DEFAULT_DATASET
    if not dataset.exists():
        pytest.skip("the default dataset is not built")
    result = render_report(
        dataset, region="64.03", formats="pdf", as_of=dt.date(2024, 11, 25),
        output_dir=tmp_path_factory.mktemp("sources"), progress=io.StringIO(), engine="builtin",
    )  # fmt: skip
    pdf = next(path for path in result.files if path.suffix == ".pdf")
    text = " ".join(
        " ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages).split()
    ).replace("- ", "-")
    assert "Keadaan per 25 November 2024 · angka dari laporan Kabupaten Berau bertanggal" in text
    assert "Tidak diperingkat (data tersedia 54 % dari bobot, perlu ≥ 70 %)" in text
    # facts, indicators, two charts, kecamatan, personnel, neutrality, vulnerability, findings
    assert text.count("Sumber: ") == 9
    assert "Sumber: laporan Kabupaten Berau (Logistik: Pemkab Berau), 25 November 2024." in text
    assert "Sumber: laporan Kabupaten Berau (Kerawanan: Bawaslu Kaltim), 13 Juli 2024." in text
    assert "Kabupaten Berau (64.03-berau.xlsx)" in text  # the source list, by regency
