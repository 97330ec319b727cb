"""`validate` runs every check once and holds findings and rows to leave out; nothing is
remembered between calls, so a changed dataset is always checked as it is."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import polars as pl
import pytest

from readiness.contract import Finding, load_election
from readiness.ingest import Dataset
from readiness.validation import invalid_rows, validate
from readiness.validation._registry import CHECKS, Context

from .conftest import make_table

AS_OF = dt.date(2024, 11, 25)


def _summary(tps: int) -> pl.DataFrame:
    return make_table(
        "summary",
        [{"region_code": "64.03", "tps": tps, "tps_khusus": 0, "voters": 190_000}],
    )


def _stations(voters: int) -> pl.DataFrame:
    return make_table(
        "polling_stations",
        [{"region_code": "64.03.11.2001", "tps_number": 1, "tps": 1, "voters": voters}],
    )


@pytest.fixture
def runs() -> Iterator[dict[str, int]]:
    """How often each check ran while the test used it."""
    counted: dict[str, int] = {}
    original = list(CHECKS)

    def counting(run: Callable[[Context], pl.DataFrame]) -> Callable[[Context], pl.DataFrame]:
        def wrapped(context: Context) -> pl.DataFrame:
            counted[run.__name__] = counted.get(run.__name__, 0) + 1
            return run(context)

        return wrapped

    CHECKS[:] = [(rule_ids, counting(run)) for rule_ids, run in original]
    try:
        yield counted
    finally:
        CHECKS[:] = original


def _rules(dataset: Dataset, **options: Any) -> set[tuple[str, int | None]]:
    return {(f.rule, f.row) for f in validate(dataset, **options).findings}


def test_validate_runs_each_check_once_for_findings_and_rows_to_leave_out(
    runs: dict[str, int],
) -> None:
    dataset = Dataset(name="t", tables={"summary": _summary(-4)})
    validation = validate(dataset)
    assert {(f.rule, f.row) for f in validation.findings} == {("schema.range", 2)}
    assert validation.invalid_rows["rule"].to_list() == ["schema.range"]
    assert set(runs.values()) == {1}
    assert len(runs) == len(CHECKS)
    assert validation.invalid_rows.equals(invalid_rows(dataset))


def test_invalid_rows_alone_runs_only_the_checks_with_errors(runs: dict[str, int]) -> None:
    dataset = Dataset(name="t", tables={"summary": _summary(-4)})
    invalid_rows(dataset)
    assert "check_totals" not in runs  # its rules are all warnings
    assert set(runs.values()) == {1}


def test_replacing_a_table_gives_fresh_results(runs: dict[str, int]) -> None:
    dataset = Dataset(name="t", tables={"summary": _summary(-4)})
    assert _rules(dataset) == {("schema.range", 2)}
    assert invalid_rows(dataset).height == 1
    dataset.tables["summary"] = _summary(475)
    assert _rules(dataset) == set()
    assert invalid_rows(dataset).height == 0
    dataset.tables["summary"] = _summary(-4)
    assert _rules(dataset) == {("schema.range", 2)}
    assert invalid_rows(dataset).height == 1
    assert runs["check_schemas"] == 6  # every call checks the dataset as it is


def test_a_new_finding_or_election_gives_fresh_results() -> None:
    dataset = Dataset(name="t", tables={"polling_stations": _stations(500)})
    assert invalid_rows(dataset).height == 0
    dataset.findings.append(
        Finding(
            rule="value.unparsed", severity="error", message_id="x", message_en="x",
            file="berau.xlsx", sheet="TPS", row=2,
        )
    )  # fmt: skip
    assert invalid_rows(dataset)["_index"].to_list() == [0]

    election = load_election("pilkada-2024")
    norm = election.norm("max_voters_per_tps")
    strict = dataclasses.replace(
        election, norms={**election.norms, norm.id: dataclasses.replace(norm, value=300)}
    )
    assert ("tps.voters_above_norm", 2) not in _rules(dataset)
    assert ("tps.voters_above_norm", 2) in _rules(dataset, election=strict)
    assert ("tps.voters_above_norm", 2) not in _rules(dataset, election="pilkada-2024")


def test_findings_name_the_rows_read_not_positions() -> None:
    later = _summary(-4).with_columns(_row=pl.lit(40, pl.Int64))
    repeated = pl.concat([later, later])
    dataset = Dataset(name="t", tables={"summary": repeated})
    by_rule = {f.rule: f for f in validate(dataset).findings}
    assert by_rule["schema.range"].row == 40
    assert "baris 40" in by_rule["duplicate.row"].message_id
    rejected = invalid_rows(dataset).sort("_index", "rule")
    assert rejected.select("_index", "_row", "rule").rows() == [
        (0, 40, "schema.range"),
        (1, 40, "duplicate.row"),
        (1, 40, "schema.range"),
    ]


def test_rows_that_share_a_hash_are_not_repeats(monkeypatch: pytest.MonkeyPatch) -> None:
    """A hash collision only makes rows candidates; they are compared exactly."""
    monkeypatch.setattr(
        pl.DataFrame,
        "hash_rows",
        lambda self, *a, **k: pl.Series([7] * self.height, dtype=pl.UInt64),
    )
    stations = make_table(
        "polling_stations",
        [
            {"region_code": "64.03.11.2001", "tps_number": n, "tps": 1, "voters": 300}
            for n in (1, 2, 3, 2)
        ],
    )
    found = _rules(Dataset(name="t", tables={"polling_stations": stations}))
    assert {(rule, row) for rule, row in found if rule.startswith("duplicate.")} == {
        ("duplicate.row", 5)
    }


def test_nothing_is_remembered_between_calls() -> None:
    from readiness.validation import _failures

    assert not [name for name in vars(_failures) if name.upper() == name and "MEMO" in name]
    dataset = Dataset(name="t", tables={"summary": _summary(-4)})
    first = validate(dataset)
    dataset.tables["summary"] = _summary(475)
    assert first.errors == 1  # the result holds what was found then
    assert validate(dataset).errors == 0


def test_tables_in_several_chunks_are_checked() -> None:
    stations = _stations(700)
    chunked = pl.concat([stations, stations.with_columns(_row=pl.lit(3, pl.Int64))], rechunk=False)
    assert chunked.n_chunks() == 2
    found = _rules(Dataset(name="t", tables={"polling_stations": chunked}))
    assert {("tps.voters_above_norm", 2), ("tps.voters_above_norm", 3), ("duplicate.row", 3)} <= (
        found
    )


def test_schema_checks_look_only_at_suspect_rows_yet_find_every_failure() -> None:
    from readiness.validation._schema_rules import schema_failures

    rows: list[dict[str, Any]] = [
        {"region_code": "64.03.11.2001", "tps_number": 1, "tps": 1, "voters": 300},
        {"region_code": "64.03.11.2001", "tps_number": 2, "tps": -1, "voters": 300},
        {"region_code": "64.3", "tps_number": 3, "tps": 1, "voters": 300},
        {"region_code": None, "tps_number": 4, "tps": 1, "voters": -300},
        {"region_code": "64.03.11.2001", "tps_number": 5, "tps": 1, "khusus_type": "kapal"},
        {"region_code": "64.03.11.2001", "tps_number": 6, "tps": 1, "as_of": None},
    ]
    stations = make_table("polling_stations", rows)
    everything = schema_failures("polling_stations", stations)
    assert everything.height == 6
    found = {
        (f.rule, f.row)
        for f in validate(Dataset(name="t", tables={"polling_stations": stations})).findings
        if f.rule.startswith("schema.")
    }
    assert found == set(everything.select("rule", "_row").rows())
