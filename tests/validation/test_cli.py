"""``readiness validate``: the table, the JSON shape, languages and exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from readiness import config
from readiness.contract import count_by_severity
from readiness.ingest import load_dataset
from readiness.validation import validate

Cli = Callable[..., tuple[int, str, str]]


def csv_dataset(root: Path, *counts: str) -> Path:
    folder = root / "data"
    folder.mkdir()
    lines = [f"64.03.{i:02d};{c};{1000 * (i + 1)};25/11/2024" for i, c in enumerate(counts, 1)]
    (folder / "64.03-tps.csv").write_text(
        "Kode wilayah;Jumlah TPS;DPT;Per tanggal\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    return folder


def test_clean_data_exits_0(tmp_path: Path, cli: Cli) -> None:
    code, out, err = cli("validate", str(csv_dataset(tmp_path, "10", "20")))
    assert (code, err) == (0, "")
    assert out.strip() == "Tidak ada temuan: data lolos semua pemeriksaan."


def test_table_lists_each_finding_with_a_summary(tmp_path: Path, cli: Cli) -> None:
    code, out, _ = cli("validate", str(csv_dataset(tmp_path, "10", "-4")))
    assert code == 1
    header, rule, row, *rest = out.splitlines()
    assert set(rule.replace(" ", "")) == {"-"}
    assert header.split() == [
        "berkas", "lembar", "baris", "kolom", "nilai", "tingkat", "pesan", "petunjuk",
    ]  # fmt: skip
    assert row.split()[:6] == ["64.03-tps.csv", "3", "Jumlah", "TPS", "-4", "kesalahan"]
    assert "Jumlah TPS tidak boleh negatif" in row
    assert rest[-1] == "1 kesalahan, 0 peringatan, 0 info di 1 berkas."


def test_table_in_english(tmp_path: Path, cli: Cli) -> None:
    code, out, _ = cli("validate", str(csv_dataset(tmp_path, "-4")), "--lang", "en")
    assert code == 1
    assert out.splitlines()[0].split()[:3] == ["file", "sheet", "row"]
    assert "TPS must not be negative; got -4." in out
    assert out.splitlines()[-1] == "1 error, 0 warnings, 0 info in 1 file(s)."


def test_json_shape(tmp_path: Path, cli: Cli) -> None:
    code, out, _ = cli("validate", str(csv_dataset(tmp_path, "-4", "5")), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert list(report) == ["errors", "warnings", "findings"]
    assert (report["errors"], report["warnings"]) == (1, 0)
    (finding,) = report["findings"]
    assert finding == {
        "rule": "schema.range",
        "severity": "error",
        "file": "64.03-tps.csv",
        "sheet": None,
        "row": 2,
        "column": "Jumlah TPS",
        "value": "-4",
        "message": "Jumlah TPS tidak boleh negatif; tertulis -4.",
        "hint": "Tulis jumlah 0 atau lebih; bila belum ada datanya, kosongkan sel.",
    }


def test_warnings_alone_exit_0(tmp_path: Path, cli: Cli) -> None:
    folder = csv_dataset(tmp_path, "1")
    (folder / "64.03-tps.csv").write_text(
        "Kode wilayah;Jumlah TPS;DPT;Per tanggal\n64.03.01.2001;1;900;25/11/2024\n",
        encoding="utf-8",
    )
    code, out, _ = cli("validate", str(folder), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert (report["errors"], report["warnings"]) == (0, 1)
    assert report["findings"][0]["rule"] == "tps.voters_above_norm"


def test_long_lists_are_folded_but_counted(tmp_path: Path, cli: Cli) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    lines = [f"64.03.01;-{i};25/11/2024" for i in range(1, 131)]
    (folder / "64.03-tps.csv").write_text(
        "Kode wilayah;Jumlah TPS;Per tanggal\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    code, out, _ = cli("validate", str(folder), "--format", "json", "--lang", "en")
    report = json.loads(out)
    assert code == 1
    assert report["errors"] == 130 + 129  # every negative count, every repeated key
    ranges = [f for f in report["findings"] if f["rule"] == "schema.range"]
    assert len(ranges) == 101
    assert ranges[-1]["value"] == "30"
    assert "and 30 more rows" in ranges[-1]["message"]
    code, out, _ = cli("validate", str(folder), "--format", "json", "--all")
    assert len(json.loads(out)["findings"]) == 130 + 129


def test_missing_path_is_a_usage_error(tmp_path: Path, cli: Cli) -> None:
    code, out, err = cli("validate", str(tmp_path / "nowhere"))
    assert (code, out) == (2, "")
    assert "tidak ditemukan" in err
    assert "Petunjuk" in err


def test_unknown_election_is_a_usage_error(tmp_path: Path, cli: Cli) -> None:
    code, _, err = cli("validate", str(csv_dataset(tmp_path, "1")), "--election", "pemilu-1999")
    assert code == 2
    assert "pilkada-2024" in err


def test_bad_format_is_a_usage_error(tmp_path: Path, cli: Cli) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli("validate", str(tmp_path), "--format", "xml")
    assert exit_info.value.code == 2


def test_default_dataset_validates_without_errors(cli: Cli) -> None:
    raw = config.raw_dir() / config.DEFAULT_DATASET
    findings = list(validate(load_dataset(raw)).findings)
    assert count_by_severity(findings)["error"] == 0, [f.as_dict("en") for f in findings]
    code, _, _ = cli("validate", str(raw))
    assert code == 0


def test_the_readiness_command_runs_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from readiness.cli import main

    assert main(["validate", str(csv_dataset(tmp_path, "-1")), "--lang", "en"]) == 1
    assert "TPS must not be negative" in capsys.readouterr().out


def test_one_file_can_be_validated(tmp_path: Path, cli: Cli) -> None:
    folder = csv_dataset(tmp_path, "-7")
    code, out, _ = cli("validate", str(folder / "64.03-tps.csv"), "--format", "json")
    assert code == 1
    assert json.loads(out)["findings"][0]["value"] == "-7"


def _empty_folder(root: Path) -> Path:
    folder = root / "kosong"
    folder.mkdir()
    return folder


def _unknown_files(root: Path) -> Path:
    folder = _empty_folder(root)
    (folder / "catatan.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    (folder / "foto.jpg").write_bytes(b"\xff\xd8")
    return folder


@pytest.mark.parametrize("make", [_empty_folder, _unknown_files], ids=["empty", "unknown"])
def test_a_folder_without_readable_data_is_an_error(
    tmp_path: Path, cli: Cli, make: Callable[[Path], Path]
) -> None:
    code, out, _ = cli("validate", str(make(tmp_path)), "--format", "json", "--lang", "en")
    assert code == 1
    empty = [f for f in json.loads(out)["findings"] if f["rule"] == "dataset.empty"]
    assert [(f["severity"], f["value"]) for f in empty] == [("error", "kosong")]
    assert "no readable data file" in empty[0]["message"]


def test_a_header_only_file_is_a_warning(tmp_path: Path, cli: Cli) -> None:
    folder = _empty_folder(tmp_path)
    (folder / "64.03-tps.csv").write_text("Kode wilayah;Jumlah TPS;Per tanggal\n", "utf-8")
    code, out, _ = cli("validate", str(folder))
    assert code == 0
    assert "tidak berisi satu baris data pun" in out
    assert "0 kesalahan, 1 peringatan" in out


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_command_words_a_usage_error_the_same_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    from readiness.cli import main

    errors = []
    for command in ("validate", "build", "indicators", "compare"):
        extra = ["-o", str(tmp_path / "out")] if command == "build" else []
        assert main([command, str(tmp_path / "nowhere"), "--lang", lang, *extra]) == 2
        errors.append(capsys.readouterr().err)
    assert len(set(errors)) == 1, errors
    assert errors[0].startswith("readiness: ")
    assert ("Petunjuk:" if lang == "id" else "Hint:") in errors[0]


def test_a_single_file_is_counted_as_one_file(tmp_path: Path, cli: Cli) -> None:
    # the only finding (nothing reported) is about the file as a whole, not a cell of it
    path = tmp_path / "64.03-tps.csv"
    path.write_text("Kode wilayah;Jumlah TPS;Per tanggal\n", encoding="utf-8")
    code, out, _ = cli("validate", str(path))
    assert code == 0
    assert out.splitlines()[-1] == "0 kesalahan, 1 peringatan, 0 info di 1 berkas."
