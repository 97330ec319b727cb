"""The TPS totals KPU Kalimantan Timur published in September 2024 disagree: the findings name
both sources, both values and the difference."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from readiness.contract import Finding
from readiness.ingest import Dataset
from readiness.validation import validate


@pytest.fixture(scope="module")
def findings(read_default_dataset: Callable[[], Dataset]) -> list[Finding]:
    return list(validate(read_default_dataset()).findings)


def _rule(findings: list[Finding], rule: str) -> list[str]:
    return [f.message("id") for f in findings if f.rule == rule]


def test_statement_against_plenary(findings: list[Finding]) -> None:
    (message,) = _rule(findings, "reconcile.source_vs_source")
    assert "Kalimantan Timur" in message
    assert "6.262" in message
    assert "16 September 2024" in message
    assert "pernyataan" in message
    assert "6.274" in message
    assert "22 September 2024" in message
    assert "pleno" in message
    assert message.endswith("selisih 12.")


def test_statement_total_against_its_own_list(findings: list[Finding]) -> None:
    (message,) = _rule(findings, "reconcile.total_vs_parts")
    assert "total 6.262" in message
    assert "10 kabupaten/kota" in message
    assert "berjumlah 6.264" in message
    assert message.endswith("selisih 2.")


def test_published_list_against_regency_reports(findings: list[Finding]) -> None:
    messages = _rule(findings, "reconcile.published_vs_reported")
    # Kukar 1,443 vs 1,447; Samarinda 1,201 vs 1,202; Balikpapan 998 vs 996; Paser 484 vs 485;
    # Berau 469 vs 475 (the other five agree)
    assert len(messages) == 5
    berau = next(m for m in messages if "Berau" in m)
    assert "469" in berau
    assert "475" in berau
    assert "64.03-berau.xlsx" in berau
    assert berau.endswith("selisih 6.")


def test_nothing_else_disagrees(findings: list[Finding]) -> None:
    # the plenary's 6,274 equals the regencies' reports, the 30 TPS khusus their sum, and
    # the Linmas of Samarinda and Bontang are 2 × the TPS they cover
    assert {f.rule for f in findings} == {
        "reconcile.source_vs_source", "reconcile.total_vs_parts",
        "reconcile.published_vs_reported", "logistics.plan_after_milestone",
    }  # fmt: skip


def test_sangatta_utara_is_planned_after_the_ppk_milestone(findings: list[Finding]) -> None:
    (late,) = [f for f in findings if f.rule == "logistics.plan_after_milestone"]
    assert late.file == "64.08-kutai-timur.xlsx"
    assert late.value == "26/11/2024"
    assert "25 November 2024" in late.message("id")
    assert all(f.severity == "warning" for f in findings)
