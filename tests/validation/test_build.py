"""``build_dataset`` and ``readiness build``: Parquet and a manifest, atomically, only when clean."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest

from readiness import CONTRACT_VERSION, __version__
from readiness.contract import TABLE_NAMES
from readiness.ingest import load_dataset
from readiness.pipeline import BuildError, build_dataset

CSV_HEADER = "Kode wilayah;Instansi;Peran;Jumlah;Per tanggal\n"


def raw_folder(root: Path, count: str = "1.588") -> Path:
    folder = root / "raw" / "berau"
    folder.mkdir(parents=True)
    (folder / "64.03-personel.csv").write_text(
        CSV_HEADER + f"64.03;Polri;Pengamanan;{count};25/11/2024\n", encoding="utf-8"
    )
    (folder / "64.03-tps.csv").write_text(
        "Kode wilayah;Jumlah TPS;DPT;Per tanggal\n64.03.01;20;5000;25/11/2024\n"
        "64.03.02;25;8000;25/11/2024\n",
        encoding="utf-8",
    )
    return folder


def hashes(folder: Path) -> dict[str, tuple[str, float]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def beside(out: Path) -> list[str]:
    """What lies beside the output other than the version folder its link points to."""
    current = out.resolve() if out.is_symlink() else None
    return sorted(p.name for p in out.parent.iterdir() if p.resolve() != current or p == out)


def test_clean_build_writes_parquet_and_manifest(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path)
    out = tmp_path / "processed" / "berau"
    result = build_dataset(raw, out)
    assert result.ok
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{t}.parquet" for t in TABLE_NAMES] + ["findings.parquet", "manifest.json"]
    )
    assert pl.read_parquet(out / "findings.parquet").height == 0
    personnel = pl.read_parquet(out / "personnel.parquet")
    assert personnel.select("region_code", "count", "_file", "_row").rows() == [
        ("64.03", 1588, "64.03-personel.csv", 2)
    ]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["dataset"] == "berau"
    assert manifest["contract_version"] == CONTRACT_VERSION
    assert manifest["package_version"] == __version__
    assert manifest["election"] == "pilkada-2024"
    assert manifest["row_counts"]["polling_stations"] == 2
    assert manifest["findings_count"] == {"error": 0, "warning": 0, "info": 0}
    tps_file = raw / "64.03-tps.csv"
    (entry,) = [i for i in manifest["inputs"] if i["path"] == "64.03-tps.csv"]
    assert entry["sha256"] == hashlib.sha256(tps_file.read_bytes()).hexdigest()
    assert entry["size"] == tps_file.stat().st_size
    assert beside(out) == ["berau"]


def test_processed_output_loads_back(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path)
    out = tmp_path / "processed" / "berau"
    build_dataset(raw, out)
    again = load_dataset(out)
    assert again.table("personnel").select("count", "_file", "_row").rows() == [
        (1588, "64.03-personel.csv", 2)
    ]


def test_errors_write_nothing_and_keep_the_previous_build(tmp_path: Path) -> None:
    out = tmp_path / "processed" / "berau"
    assert build_dataset(raw_folder(tmp_path / "good"), out).ok
    before = hashes(out)
    bad = raw_folder(tmp_path / "bad", count="-5")
    result = build_dataset(bad, out)
    assert not result.ok
    assert result.written == []
    assert [f.rule for f in result.findings] == ["schema.range"]
    assert hashes(out) == before
    assert beside(out) == ["berau"]


def test_errors_on_a_first_build_create_nothing(tmp_path: Path) -> None:
    out = tmp_path / "processed" / "berau"
    assert not build_dataset(raw_folder(tmp_path, count="-5"), out).ok
    assert not out.exists()


def test_a_rebuild_replaces_the_previous_one(tmp_path: Path) -> None:
    out = tmp_path / "processed" / "berau"
    build_dataset(raw_folder(tmp_path / "a", count="100"), out)
    build_dataset(raw_folder(tmp_path / "b", count="200"), out)
    assert pl.read_parquet(out / "personnel.parquet")["count"].to_list() == [200]


def test_a_failed_write_leaves_the_previous_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "processed" / "berau"
    build_dataset(raw_folder(tmp_path / "a", count="100"), out)
    before = hashes(out)

    def broken(self: pl.DataFrame, *args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pl.DataFrame, "write_parquet", broken)
    with pytest.raises(OSError, match="disk full"):
        build_dataset(raw_folder(tmp_path / "b", count="200"), out)
    assert hashes(out) == before
    assert beside(out) == ["berau"]


def test_raw_inputs_are_never_modified(tmp_path: Path, workbook: Callable[..., Path]) -> None:
    raw = raw_folder(tmp_path)
    workbook(raw / "64.03-berau.xlsx", {"TPS": [["Kode wilayah", "Jumlah TPS", "Per tanggal"],
                                                ["64.03.03", 30, "25/11/2024"]]})  # fmt: skip
    before = hashes(raw)
    build_dataset(raw, tmp_path / "processed" / "berau")
    build_dataset(raw, tmp_path / "processed" / "berau")
    assert hashes(raw) == before


def test_output_inside_the_input_is_refused(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path)
    with pytest.raises(BuildError, match="overlaps"):
        build_dataset(raw, raw / "out")
    with pytest.raises(BuildError, match="overlaps"):
        build_dataset(raw, raw.parent)


def test_an_unrelated_folder_is_not_replaced(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path)
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "draft.docx").write_bytes(b"keep me")
    with pytest.raises(BuildError, match="not a previous build"):
        build_dataset(raw, precious)
    assert (precious / "draft.docx").read_bytes() == b"keep me"


def test_cli_build_prints_what_it_wrote(
    tmp_path: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    out = tmp_path / "processed" / "berau"
    code, stdout, _ = cli("build", str(raw_folder(tmp_path)), "-o", str(out))
    assert code == 0
    assert str(out) in stdout
    assert "personnel.parquet" in stdout
    assert "manifest.json" in stdout


def test_cli_build_with_errors_exits_1_and_writes_nothing(
    tmp_path: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    out = tmp_path / "processed" / "berau"
    code, stdout, _ = cli(
        "build", str(raw_folder(tmp_path, count="-5")), "-o", str(out), "--lang", "en"
    )
    assert code == 1
    assert "must not be negative" in stdout
    assert "Nothing written" in stdout
    assert not out.exists()


def test_cli_build_usage_errors_exit_2(
    tmp_path: Path, cli: Callable[..., tuple[int, str, str]]
) -> None:
    raw = raw_folder(tmp_path)
    code, _, err = cli("build", str(raw), "-o", str(raw / "out"))
    assert code == 2
    assert "Hint" in err
    code, _, err = cli("build", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert code == 2
    assert "tidak ditemukan" in err


def test_a_link_made_by_hand_is_replaced_but_its_folder_kept(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / "berau"
    assert build_dataset(raw_folder(tmp_path / "a", count="100"), elsewhere).ok
    kept = elsewhere.resolve()
    out = tmp_path / "processed" / "berau"
    out.parent.mkdir(parents=True)
    out.symlink_to(kept, target_is_directory=True)
    assert build_dataset(raw_folder(tmp_path / "b", count="200"), out).ok
    assert pl.read_parquet(out / "personnel.parquet")["count"].to_list() == [200]
    assert pl.read_parquet(kept / "personnel.parquet")["count"].to_list() == [100]
