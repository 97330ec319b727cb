"""Logistics by item and stage, neutrality by subject and status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import polars as pl
import pytest

from readiness.indicators import logistics_by_item, neutrality_breakdown
from readiness.ingest import Dataset
from readiness.regions import descendants

DAY = dt.date(2024, 11, 25)
KEC = descendants("64.03", depth=3)["code"].to_list()


def test_logistics_by_item(make_dataset: Callable[..., Dataset]) -> None:
    rows = [
        {"region_code": KEC[0], "item": "ballot", "stage": "tps", "quantity_required": 100,
         "quantity_delivered": 100, "as_of": DAY},
        {"region_code": KEC[1], "item": "ballot", "stage": "ppk", "quantity_required": 100,
         "quantity_delivered": 50, "as_of": DAY},
        {"region_code": KEC[0], "item": "ballot_box", "stage": "kpu", "as_of": DAY},
    ]  # fmt: skip
    out = logistics_by_item(make_dataset(logistics=rows))
    ballot = out.filter(pl.col("item") == "ballot").row(0, named=True)
    assert ballot["kecamatan_reported"] == 2
    assert ballot["coverage"] == pytest.approx(2 / 13)
    assert (ballot["at_ppk_share"], ballot["at_pps_share"], ballot["at_tps_share"]) == (
        1.0, 0.5, 0.5,
    )  # fmt: skip
    assert ballot["delivered_share"] == 0.75
    boxes = out.filter(pl.col("item") == "ballot_box").row(0, named=True)
    assert boxes["at_ppk_share"] == 0.0
    assert boxes["quantity_required"] is None  # not reported, not 0
    province = logistics_by_item(make_dataset(logistics=rows), level="provinsi")
    assert province["region_code"].unique().to_list() == ["64"]


def test_neutrality_by_subject_and_status(make_dataset: Callable[..., Dataset]) -> None:
    cases = [
        {"case_id": str(n), "region_code": code, "subject": subject, "status": status,
         "as_of": DAY}
        for n, (code, subject, status) in enumerate([
            ("64.03", "village_head", "recommended"), ("64.03", "civil_servant", "recommended"),
            ("64.03.01", "civil_servant", "recommended"), ("64.08", "civil_servant", "reported"),
        ])
    ]  # fmt: skip
    out = neutrality_breakdown(make_dataset(neutrality_cases=cases))
    assert out.select("region_code", "subject", "status", "cases").rows() == [
        ("64.03", "civil_servant", "recommended", 2),
        ("64.03", "village_head", "recommended", 1),
        ("64.08", "civil_servant", "reported", 1),
    ]
    kecamatan = neutrality_breakdown(make_dataset(neutrality_cases=cases), level="kecamatan")
    assert kecamatan["region_code"].to_list() == ["64.03.01"]  # regency-level cases excluded


def test_empty_dataset_gives_empty_breakdowns() -> None:
    assert logistics_by_item(Dataset("empty")).height == 0
    assert neutrality_breakdown(Dataset("empty")).height == 0
