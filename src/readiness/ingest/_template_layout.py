"""The layout of the Excel template a province sends to each regency, and its text.

The workbook writer (``_template.py``) and the workbook reader rely on it:

* ``Petunjuk`` (``Instructions``): title, what to fill and how, then a metadata block with
  labels in column A and values in column B: region code, region name, as-of date, source and
  contract version. The as-of date and source are the defaults for rows that leave them blank.
* one data sheet per contract table, named ``TableSpec.sheet(lang)``, in contract order: row 1
  holds the column labels (required ones end with ``" *"``), data start on row 2.
* ``Wilayah`` (``Regions``): the regency's kecamatan and villages from the Kemendagri reference.
* ``Daftar`` (``Lists``, hidden): the labels of every closed set, used by the dropdowns.

Rows pre-filled from the reference carry only the region code and name; the reader ignores a
row with nothing else filled.

>>> INSTRUCTIONS_SHEET.get("en"), METADATA_LABELS["as_of"].get("id")
('Instructions', 'Per tanggal')
"""

from __future__ import annotations

from readiness.contract import TableName, Text

__all__ = [
    "INSTRUCTIONS_SHEET",
    "LISTS_SHEET",
    "METADATA_LABELS",
    "PREFILL_DEPTH",
    "REGIONS_SHEET",
    "TEMPLATE_TEXT",
    "VALIDATED_ROWS",
]

INSTRUCTIONS_SHEET = Text("Petunjuk", "Instructions")
REGIONS_SHEET = Text("Wilayah", "Regions")
LISTS_SHEET = Text("Daftar", "Lists")

METADATA_LABELS: dict[str, Text] = {
    "region_code": Text("Kode wilayah", "Region code"),
    "region_name": Text("Nama wilayah", "Region name"),
    "as_of": Text("Per tanggal", "As of"),
    "source": Text("Sumber", "Source"),
    "contract_version": Text("Versi kontrak", "Contract version"),
}
"""Labels of the metadata block on the instructions sheet (column A; values in column B)."""

VALIDATED_ROWS = 2000
"""Rows below the header that carry dropdowns and number/date checks (more if pre-filled)."""

PREFILL_DEPTH: dict[TableName, int] = {"summary": 2, "polling_stations": 4, "logistics": 3}
"""Tables pre-filled with one row per region at this depth (2 regency, 3 kecamatan, 4 village)."""

TEMPLATE_TEXT: dict[str, Text] = {
    "title": Text(
        "Templat laporan kesiapan Pilkada — {name} ({code})",
        "Pilkada readiness report template — {name} ({code})",
    ),
    "intro": Text(
        "Isi satu lembar per tabel. Data dari kabupaten/kota dikumpulkan provinsi, "
        "diperiksa otomatis, lalu dibandingkan antarwilayah.",
        "Fill one sheet per table. The province collects every regency's data, checks it "
        "automatically and compares regions.",
    ),
    "what": Text("Yang diisi", "What to fill"),
    "how": Text("Cara mengisi", "How to fill it"),
    "rules": Text(
        "\n".join(
            (
                "• Tanggal ditulis dd/mm/yyyy, mis. 25/11/2024.",
                "• Sel kosong berarti TIDAK DILAPORKAN. Jangan menulis 0 untuk angka yang "
                "tidak diketahui: 0 berarti memang nol.",
                "• Kolom bertanda * wajib diisi. Per tanggal dan Sumber yang kosong diambil "
                "dari blok keterangan di bawah.",
                "• Kolom berdaftar (jenis logistik, tahap, instansi, subjek, status, kategori) "
                "dipilih dari daftar tarik-turun.",
                "• Kode wilayah ditulis sebagai teks dengan titik (64.03.01), bukan angka.",
                "• Baris yang hanya berisi kode dan nama wilayah diabaikan; tambahkan baris "
                "baru di bawah bila perlu (mis. satu baris per TPS atau per jenis logistik).",
                "• Daftar kecamatan dan desa/kelurahan ada di lembar Wilayah.",
            )
        ),
        "\n".join(
            (
                "• Write dates as dd/mm/yyyy, e.g. 25/11/2024.",
                "• A blank cell means NOT REPORTED. Never write 0 for an unknown figure: 0 "
                "means zero.",
                "• Columns marked * are required. A blank As of or Source is taken from the "
                "block below.",
                "• Listed columns (item, stage, agency, subject, status, category) are picked "
                "from the dropdown.",
                "• Write region codes as text with dots (64.03.01), not as numbers.",
                "• Rows holding only a region code and name are ignored; add rows below when "
                "needed (e.g. one row per polling station or per item).",
                "• The Regions sheet lists the districts and villages.",
            )
        ),
    ),
    "metadata": Text("Keterangan laporan", "About this report"),
    "regions_header": Text("Kode|Nama|Tingkat|Kode induk", "Code|Name|Level|Parent code"),
    "count_title": Text("Bilangan bulat ≥ 0", "Whole number ≥ 0"),
    "count_message": Text(
        "Tulis angka bulat, mis. 1588. Kosongkan bila tidak dilaporkan; "
        "jangan tulis 0 untuk yang tidak diketahui.",
        "Write a whole number, e.g. 1588. Leave blank when not reported; "
        "never write 0 for unknown.",
    ),
    "date_title": Text("Tanggal", "Date"),
    "date_message": Text(
        "Tulis tanggal dd/mm/yyyy, mis. 25/11/2024.",
        "Write the date as dd/mm/yyyy, e.g. 25/11/2024.",
    ),
    "list_title": Text("Pilih dari daftar", "Pick from the list"),
    "list_message": Text("Pilih salah satu nilai dari daftar.", "Pick one value from the list."),
    "required": Text("Wajib diisi.", "Required."),
}
"""Every sentence the template writes, by key."""
