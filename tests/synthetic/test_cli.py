"""``readiness synthetic``: the national generator on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from readiness import synthetic
from readiness.cli import main
from readiness.ingest import load_dataset


def test_writes_the_same_tables_as_the_library_and_they_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kaltara"
    code = main(["synthetic", "-o", str(out), "--province", "65", "--seed", "7", "--lang", "en"])
    assert code == 0
    assert "1 province(s)" in capsys.readouterr().out
    expected = synthetic.generate(["65"], synthetic.SyntheticOptions(seed=7))
    written = pl.read_parquet(out / "province=65" / "polling_stations.parquet")
    assert written.equals(expected["polling_stations"])
    metadata = json.loads((out / synthetic.METADATA_FILE).read_text(encoding="utf-8"))
    assert metadata["options"]["seed"] == 7
    dataset = load_dataset(out)
    assert dataset.tables["logistics"].height == expected["logistics"].height


def test_snapshots_and_scale_reach_the_generator(tmp_path: Path) -> None:
    out = tmp_path / "series"
    assert main(["synthetic", "-o", str(out), "--province", "65", "--snapshots", "3"]) == 0
    dates = pl.read_parquet(out / "province=65" / "logistics.parquet")["as_of"].unique()
    assert dates.len() == 3
    assert main(["synthetic", "-o", str(out), "--province", "65", "--scale", "2"]) == 0
    metadata = json.loads((out / synthetic.METADATA_FILE).read_text(encoding="utf-8"))
    assert metadata["options"]["scale"] == 2, "a previous synthetic output is replaced"


def test_refuses_a_folder_it_did_not_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["synthetic", "-o", str(tmp_path), "--province", "65"]) == 2
    assert "bukan keluaran" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--province", "99"], "99"),
        (["--scale", "0"], "scale"),
        (["--snapshots", "0"], "snapshots"),
    ],
)
def test_wrong_options_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(["synthetic", "-o", str(tmp_path / "out"), *argv]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
