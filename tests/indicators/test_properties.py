"""Properties of the roll-up: bounds, monotonicity, null handling."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.contract import polars_schema
from readiness.indicators import compute_indicators
from readiness.ingest import Dataset
from readiness.regions import children, descendants

REGENCIES = children("64")["code"].to_list()
DAY = dt.date(2024, 11, 25)

maybe_count = st.one_of(st.none(), st.integers(min_value=0, max_value=5_000))
regency_inputs = st.lists(
    st.tuples(maybe_count, maybe_count), min_size=len(REGENCIES), max_size=len(REGENCIES)
)


def _province(pairs: list[tuple[int | None, int | None]]) -> dict[str, object]:
    voters = [None if v is None else v * 100 for v, _ in pairs]
    summary = pl.DataFrame(
        {"region_code": REGENCIES, "as_of": [DAY] * len(REGENCIES), "voters": voters,
         "tps": [t for _, t in pairs]},
    ).cast({k: v for k, v in polars_schema("summary").items() if k in ("voters", "tps")})  # fmt: skip
    out = compute_indicators(
        Dataset("p", tables={"summary": summary}), level="provinsi", indicators=["voters_per_tps"]
    )
    return out.row(0, named=True)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(regency_inputs)
def test_province_value_is_ratio_of_sums_over_complete_regencies(
    pairs: list[tuple[int | None, int | None]],
) -> None:
    result = _province(pairs)
    complete = [(v * 100, t) for v, t in pairs if v is not None and t]
    if complete:
        expected = sum(v for v, _ in complete) / sum(t for _, t in complete)
        assert abs(result["value"] - expected) < 1e-9 * max(1.0, expected)
    else:
        assert result["value"] is None  # nothing complete: unknown, never 0
        assert result["status"] is None
    reported = sum((v is not None) + (t is not None) for v, t in pairs) / 2
    assert abs(result["coverage"] - reported / len(REGENCIES)) < 1e-12
    assert 0.0 <= result["coverage"] <= 1.0


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    regency_inputs,
    st.integers(min_value=0, max_value=9),
    st.integers(min_value=1, max_value=10_000),
)
def test_more_voters_never_lowers_voters_per_tps(
    pairs: list[tuple[int | None, int | None]], index: int, extra: int
) -> None:
    voters, tps = pairs[index]
    if voters is None or not tps:
        pairs[index] = (0 if voters is None else voters, tps or 1)
    before = _province(pairs)["value"]
    voters, tps = pairs[index]
    assert voters is not None
    pairs[index] = (voters + extra, tps)
    after = _province(pairs)["value"]
    assert before is not None
    assert after is not None
    assert after >= before


# --- detail rows: coverage never claims more than was reported ------------------------------

BERAU = "64.03"
BERAU_KECAMATAN = descendants(BERAU, depth=3)["code"].to_list()
BERAU_VILLAGES = descendants(BERAU, depth=4)["code"].to_list()
DETAIL_INDICATORS = ["tps_per_village", "voters_per_tps", "tps_khusus_share"]


@st.composite
def detail_rows(draw: st.DrawFn) -> list[dict[str, object]]:
    """Village rows (and some kecamatan rows) of Berau, each giving some of its figures."""
    villages = draw(st.lists(st.sampled_from(BERAU_VILLAGES), min_size=1, max_size=40, unique=True))
    kecamatan = draw(st.lists(st.sampled_from(BERAU_KECAMATAN), max_size=4, unique=True))
    rows = []
    for code in [*villages, *kecamatan]:
        tps = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=60)))
        voters = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=30_000)))
        khusus = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=tps or 0)))
        rows.append({"region_code": code, "as_of": DAY, "tps": tps, "voters": voters,
                     "tps_khusus": khusus})  # fmt: skip
    return rows


def _detail(rows: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    schema = polars_schema("polling_stations")
    frame = pl.DataFrame([{c: r.get(c) for c in schema} for r in rows], schema=schema)
    out = compute_indicators(
        Dataset("d", tables={"polling_stations": frame}), indicators=DETAIL_INDICATORS
    )
    berau = out.filter(pl.col("region_code") == BERAU)
    return {row["indicator"]: row for row in berau.iter_rows(named=True)}


def _reported_share(rows: list[dict[str, object]]) -> float:
    """Share of Berau's villages that some row covers (a kecamatan row covers its villages)."""
    codes = {str(r["region_code"]) for r in rows}
    covered = {v for v in BERAU_VILLAGES if v in codes or v[:8] in codes}
    return len(covered) / len(BERAU_VILLAGES)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(detail_rows(), st.integers(min_value=0))
def test_detail_coverage_is_bounded_and_never_rises_when_a_row_is_dropped(
    rows: list[dict[str, object]], pick: int
) -> None:
    before = _detail(rows)
    share = _reported_share(rows)
    for indicator, result in before.items():
        assert 0.0 <= result["coverage"] <= share + 1e-9, indicator
        if result["value"] is None:
            assert result["status"] is None
    khusus = before["tps_khusus_share"]["value"]
    assert khusus is None or 0.0 <= khusus <= 1.0
    fewer = rows[: pick % len(rows)] + rows[pick % len(rows) + 1 :]
    after = _detail(fewer)
    for indicator, result in after.items():
        assert result["coverage"] <= before[indicator]["coverage"] + 1e-9, indicator


# --- neutrality: a follow-up rate is a share, whatever the snapshots ----------------------

CASE_DATES = [dt.date(2024, 10, 30), dt.date(2024, 11, 20), DAY]
cases = st.lists(
    st.fixed_dictionaries(
        {
            "case_id": st.one_of(st.none(), st.sampled_from(["1", "2", "3"])),
            "region_code": st.sampled_from(["64.01", "64.03", "64.03.01"]),
            "subject": st.sampled_from(["civil_servant", "village_head"]),
            "status": st.sampled_from(["reported", "examined", "recommended", "closed"]),
            "as_of": st.sampled_from(CASE_DATES),
        }
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases)
def test_followup_rate_is_a_share_and_open_cases_never_exceed_all(
    rows: list[dict[str, object]],
) -> None:
    schema = polars_schema("neutrality_cases")
    frame = pl.DataFrame([{c: r.get(c) for c in schema} for r in rows], schema=schema)
    dataset = Dataset("n", tables={"neutrality_cases": frame})
    wanted = ["neutrality_cases", "neutrality_cases_open", "neutrality_followup_rate"]
    for level in ("kabupaten", "provinsi"):
        out = compute_indicators(
            dataset,
            level=level,
            as_of="all",
            indicators=wanted,
            invalid=pl.DataFrame(schema={"table": pl.String, "_index": pl.Int64}),
        )
        wide = out.pivot(on="indicator", index=["region_code", "as_of"], values="value")
        for row in wide.iter_rows(named=True):
            rate = row["neutrality_followup_rate"]
            assert rate is None or 0.0 <= rate <= 1.0, row
            if row["neutrality_cases"] is not None:
                assert row["neutrality_cases_open"] <= row["neutrality_cases"]
