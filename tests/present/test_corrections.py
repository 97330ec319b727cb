"""``readiness corrections``: planted errors come back marked in a copy of the workbook, with a
message; the raw file is never touched and a clean regency gets nothing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from readiness import config
from readiness.cli import main
from readiness.contract import Finding
from readiness.present import SEVERITY_FILLS, mark_workbook

RAW = config.raw_dir() / config.DEFAULT_DATASET
BERAU = "64.03-berau.xlsx"
PASER = "64.01-paser.xlsx"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """Berau with three planted errors, beside an untouched Paser."""
    folder = tmp_path / "kiriman"
    folder.mkdir()
    shutil.copy(RAW / PASER, folder / PASER)
    book = load_workbook(RAW / BERAU)
    book["Ringkasan"]["F2"] = -5  # Jumlah TPS: a negative count
    book["Ringkasan"]["D2"] = "tiga belas"  # Jumlah kecamatan: text in a number cell
    book["Logistik"]["A2"] = "Kelai"  # Kode wilayah: the kecamatan Kelay, misspelt
    book.save(folder / BERAU)
    return folder


def _fill(cell: Any) -> str:
    return str(cell.fill.fgColor.rgb)[-6:]


def test_planted_errors_are_marked_in_a_copy(
    planted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {name: _sha256(planted / name) for name in (BERAU, PASER)}
    out = tmp_path / "koreksi"
    code, stdout, err = _run(capsys, "corrections", str(planted), "-o", str(out))
    assert (code, err) == (0, "")
    assert {name: _sha256(planted / name) for name in (BERAU, PASER)} == before
    assert sorted(p.name for p in out.iterdir()) == ["64.03-berau", "ringkasan.txt"]
    pack = out / "64.03-berau"
    assert sorted(p.name for p in pack.iterdir()) == [
        "64.03-berau-koreksi.xlsx", "pesan.txt", "temuan.csv",
    ]  # fmt: skip
    book = load_workbook(pack / "64.03-berau-koreksi.xlsx")
    expected = {
        ("Ringkasan", "F2"): "Jumlah TPS tidak boleh negatif; tertulis -5.",
        ("Ringkasan", "D2"): "Seharusnya bilangan bulat seperti 1.588, tertulis 'tiga belas'.",
        ("Logistik", "A2"): "Seharusnya kode Kemendagri seperti 64.03 atau 64.03.01, "
        "tertulis 'Kelai'.",
    }
    for (sheet, ref), message in expected.items():
        cell = book[sheet][ref]
        assert _fill(cell) == SEVERITY_FILLS["error"], (sheet, ref)
        assert cell.comment is not None, (sheet, ref)
        assert message in cell.comment.text
        assert "Petunjuk:" in cell.comment.text
    untouched = book["Ringkasan"]["E2"]
    assert (untouched.value, untouched.comment, _fill(untouched)) == (110, None, "000000")
    assert book["Ringkasan"]["F2"].value == -5  # the copy keeps what was written
    assert book.sheetnames[0] == "Koreksi"
    listed = [row for row in book["Koreksi"].iter_rows(min_row=5, values_only=True) if row[0]]
    assert sorted((r[0], r[1], r[2]) for r in listed) == [
        ("Logistik", 2, "Kode wilayah"),
        ("Ringkasan", 2, "Jumlah TPS"),
        ("Ringkasan", 2, "Jumlah kecamatan"),
    ]
    assert "Kabupaten Paser (64.01)" in stdout.split("Tanpa temuan, tidak ada berkas:")[1]


def test_message_says_what_to_fix_and_by_when(
    planted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "koreksi"
    _run(capsys, "corrections", str(planted), "-o", str(out))
    message = (out / "64.03-berau" / "pesan.txt").read_text(encoding="utf-8")
    assert message.startswith("Yth. Desk Pilkada Kabupaten Berau,")
    assert "menemukan 3 kesalahan dan 0 peringatan" in message
    assert "paling lambat 26 November 2024 (H-1," in message
    assert "pemungutan suara 27 November 2024" in message
    assert (
        "lembar Ringkasan, baris 2, kolom Jumlah TPS (tertulis: -5): Jumlah TPS tidak boleh "
        "negatif" in message
    )
    assert "kolom Kode wilayah (tertulis: Kelai)" in message
    assert "Terlampir: 64.03-berau-koreksi.xlsx, temuan.csv." in message


def test_deadline_and_language_follow_the_options(
    planted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "corrections"
    code, stdout, _ = _run(
        capsys, "corrections", str(planted), "-o", str(out), "--lang", "en", "--days-before", "2"
    )
    assert code == 0
    message = (out / "64.03-berau" / "message.txt").read_text(encoding="utf-8")
    assert "by 25 November 2024 at the latest (D-2," in message
    assert "TPS must not be negative; got -5." in message
    assert "Deadline in the messages: 25 November 2024 (D-2)." in stdout


def test_a_clean_dataset_gets_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "kiriman"
    folder.mkdir()
    shutil.copy(RAW / PASER, folder / PASER)
    out = tmp_path / "koreksi"
    code, stdout, _ = _run(capsys, "corrections", str(folder), "-o", str(out))
    assert code == 0
    assert not out.exists()
    assert (
        stdout.splitlines()[0] == "Tidak ada temuan yang perlu dikoreksi: tidak ada yang ditulis."
    )
    assert "Kabupaten Paser (64.01)" in stdout


def test_csv_input_gets_the_message_and_the_findings_as_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "kiriman"
    folder.mkdir()
    (folder / "ringkasan.csv").write_text(
        "Kode wilayah,Per tanggal,Jumlah TPS\n64.03,25/11/2024,-5\n64.01,25/11/2024,485\n",
        encoding="utf-8",
    )
    out = tmp_path / "koreksi"
    code, _, _ = _run(capsys, "corrections", str(folder), "-o", str(out))
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["64.03-berau", "ringkasan.txt"]
    pack = out / "64.03-berau"
    assert sorted(p.name for p in pack.iterdir()) == ["pesan.txt", "temuan.csv"]
    rows = (pack / "temuan.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("rule,severity,file,sheet,row,column,value,message,hint")
    assert rows[1].startswith("schema.range,error,ringkasan.csv,,2,Jumlah TPS,-5,")
    assert "ringkasan.csv, lembar –, baris 2" in (pack / "pesan.txt").read_text(encoding="utf-8")


def test_an_error_while_writing_leaves_the_previous_pack(
    planted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    out = tmp_path / "koreksi"
    _run(capsys, "corrections", str(planted), "-o", str(out))
    before = sorted(str(p.relative_to(out)) for p in out.rglob("*"))

    def broken(*_: object, **__: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr("readiness.present._corrections.correction_message", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        main(["corrections", str(planted), "-o", str(out)])
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiriman", "koreksi"]


def test_refuses_a_folder_it_did_not_write(
    planted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "dokumen"
    out.mkdir()
    (out / "catatan.txt").write_text("penting", encoding="utf-8")
    code, _, err = _run(capsys, "corrections", str(planted), "-o", str(out))
    assert code == 2
    assert "sudah berisi berkas lain" in err
    assert (out / "catatan.txt").read_text(encoding="utf-8") == "penting"
    code, _, err = _run(capsys, "corrections", str(planted), "-o", str(planted / "koreksi"))
    assert code == 2
    assert "di dalam folder dataset" in err


def test_findings_without_a_cell_are_listed_on_the_corrections_sheet(tmp_path: Path) -> None:
    whole_file = Finding(
        rule="total.kecamatan_sum", severity="warning", file=BERAU,
        message_id="Jumlah kecamatan tidak sama dengan rinciannya.",
        message_en="The kecamatan count differs from its detail.",
    )  # fmt: skip
    whole_row = Finding(
        rule="duplicate.row", severity="error", file=BERAU, sheet="Netralitas", row=3,
        message_id="Baris ganda.", message_en="Duplicate row.",
    )  # fmt: skip
    target = tmp_path / "copy.xlsx"
    marked = mark_workbook(RAW / BERAU, target, [whole_file, whole_row])
    book = load_workbook(target)
    sheet = book["Netralitas"]
    row = [sheet.cell(row=3, column=c) for c in range(1, sheet.max_column + 1)]
    assert {_fill(cell) for cell in row} == {SEVERITY_FILLS["error"]}
    assert marked == len(row)
    listed = list(book["Koreksi"].iter_rows(min_row=5, values_only=True))
    assert [(r[0], r[4], r[5]) for r in listed] == [
        ("Netralitas", "kesalahan", "Baris ganda."),
        (None, "peringatan", "Jumlah kecamatan tidak sama dengan rinciannya."),
    ]


def test_message_lists_a_finding_without_a_cell_by_its_file() -> None:
    from readiness.contract import load_election
    from readiness.present import CorrectionPack, correction_message

    whole_file = Finding(
        rule="total.kecamatan_sum", severity="warning", file=BERAU,
        message_id="Jumlah kecamatan tidak sama dengan rinciannya.",
        message_en="The kecamatan count differs from its detail.",
        hint_id="Samakan keduanya.", hint_en="Make them agree.",
    )  # fmt: skip
    pack = CorrectionPack("64.03", "Kabupaten Berau", (whole_file,), (BERAU,))
    message = correction_message(pack, election=load_election("pilkada-2024"), days_before=3)
    assert "menemukan 0 kesalahan dan 1 peringatan" in message
    assert "paling lambat 24 November 2024 (H-3," in message
    assert (
        "1. 64.03-berau.xlsx: Jumlah kecamatan tidak sama dengan rinciannya. "
        "Petunjuk: Samakan keduanya." in message
    )
