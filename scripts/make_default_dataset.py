"""Build the default dataset ``data/raw/kaltim-2024/`` from ``kaltim2024_facts.yaml``.

The dataset is stored as the filled templates themselves: one workbook per kabupaten/kota of
Kalimantan Timur, written by :func:`readiness.ingest.write_template` with the facts of that
regency, plus ``SOURCES.md`` listing what was used and what was not published.

Run it from the project root (it is committed so the data can be regenerated exactly)::

    .venv/bin/python scripts/make_default_dataset.py [--out data/raw/kaltim-2024]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from readiness.contract import CLOSED_SETS, TABLES, TableName, polars_schema
from readiness.ingest import Dataset, template_file_name, with_provenance, write_template
from readiness.regions import children, count_by_level, get_region, match_region

FACTS = Path(__file__).with_name("kaltim2024_facts.yaml")
PROVINCE = "64"
DEFAULT_OUT = Path("data/raw/kaltim-2024")
WORKBOOK_SOURCE = "Kompilasi sumber publik per baris (kolom Sumber); rincian di SOURCES.md"
_SUMMARY_FIELDS = (
    "kecamatan_count", "village_count", "tps", "tps_khusus", "tps_khusus_voters", "voters",
    "voters_male", "voters_female", "security_personnel", "security_agencies",
    "security_tps_covered", "security_scope",
)  # fmt: skip
PUBLISHED_FILE = "64-angka-terbit.csv"


def load_facts(path: Path = FACTS) -> dict[str, Any]:
    """The fact file, parsed (dates become ``datetime.date``)."""
    with path.open(encoding="utf-8") as handle:
        facts: dict[str, Any] = yaml.load(
            handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    return facts


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "tanggal tidak disebut"


def _number(value: object) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


def _cite(facts: dict[str, Any], key: str) -> str:
    cite: str = facts["sources"][key]["cite"]
    return cite


def _region_codes(record: dict[str, Any]) -> list[str]:
    names = record.get("regions") or [record["region"]]
    within = record.get("within")
    codes = []
    for name in names:
        if within is None:
            codes.append(get_region(name).code)
        else:
            codes.append(match_region(name, within=within, depth=3))
    return codes


def summary_rows(facts: dict[str, Any]) -> list[dict[str, Any]]:
    """One summary row per regency; per-value sources and dates go to ``source`` and ``note``."""
    as_of: dt.date = facts["compiled_as_of"]
    rows = []
    for code, values in facts["summary"].items():
        region = get_region(code)
        unknown = set(values) - set(_SUMMARY_FIELDS)
        if unknown:
            raise ValueError(f"summary {code}: unknown fields {sorted(unknown)}")
        counts = count_by_level(code)
        expected = {
            "kecamatan_count": counts.get("kecamatan", 0),
            "village_count": counts.get("desa", 0) + counts.get("kelurahan", 0),
        }
        for field, wanted in expected.items():
            if field in values and values[field][0] != wanted:
                raise ValueError(
                    f"summary {code}: {field} {values[field][0]} differs from the "
                    f"Kemendagri reference ({wanted})"
                )
        row: dict[str, Any] = {"region_code": region.code, "region_name": region.name}
        row["as_of"] = as_of
        by_source: dict[tuple[str, dt.date | None], list[str]] = defaultdict(list)
        for field in _SUMMARY_FIELDS:
            if field not in values:
                continue
            value, source, date = values[field]
            row[field] = value
            label = TABLES["summary"].column(field).label("id")
            by_source[(source, date)].append(label)
        cites = dict.fromkeys(_cite(facts, source) for source, _ in by_source)
        row["source"] = "; ".join(cites)
        row["note"] = "Per nilai: " + "; ".join(
            f"{', '.join(labels)} — {_cite(facts, source).split(',')[0]} ({_date(date)})"
            for (source, date), labels in by_source.items()
        )
        rows.append(row)
    return rows


def record_rows(facts: dict[str, Any], table: TableName) -> list[dict[str, Any]]:
    """Rows of a detail table; a record may name several regions or carry a ``count``."""
    rows = []
    numbers: dict[str, int] = defaultdict(int)
    for record in facts.get(table, []):
        for code in _region_codes(record):
            repeat = record.get("count", 1) if table == "neutrality_cases" else 1
            for _ in range(repeat):
                row = {
                    key: value
                    for key, value in record.items()
                    if key not in ("region", "regions", "within", "source")
                    and not (table == "neutrality_cases" and key == "count")
                }
                row["region_code"] = code
                row["region_name"] = get_region(code).name
                row["source"] = _cite(facts, record["source"])
                if table == "neutrality_cases":
                    regency = code[:5]
                    numbers[regency] += 1
                    row["case_id"] = f"{regency}-{numbers[regency]:02d}"
                rows.append(row)
    return rows


def build_dataset(facts: dict[str, Any]) -> Dataset:
    """The facts as a :class:`readiness.ingest.Dataset` in canonical columns."""
    tables: dict[TableName, pl.DataFrame] = {}
    for name in TABLES:
        rows = summary_rows(facts) if name == "summary" else record_rows(facts, name)
        schema = polars_schema(name)
        for row in rows:
            extra = set(row) - set(schema)
            if extra:
                raise ValueError(f"{name}: unknown columns {sorted(extra)} in {row}")
        frame = pl.DataFrame(rows, schema=schema) if rows else pl.DataFrame(schema=schema)
        tables[name] = with_provenance(frame)
    return Dataset(name="kaltim-2024", tables=tables, province_code=PROVINCE)


def sources_markdown(facts: dict[str, Any], dataset: Dataset) -> str:
    """``SOURCES.md``: per regency and table what was used, and what was left blank."""
    lines = [
        "# Sumber data: Pilkada 2024 Kalimantan Timur",
        "",
        "Dataset bawaan `readiness`: satu templat Excel terisi per kabupaten/kota, dibuat oleh",
        "`scripts/make_default_dataset.py` dari `scripts/kaltim2024_facts.yaml`. Setiap nilai",
        "berasal dari sumber publik di bawah, dengan tanggal keadaannya. Sel kosong berarti",
        "**tidak dipublikasikan** dalam sumber yang ditemukan, bukan nol. Kode wilayah: Kemendagri",
        "(Kepmendagri No. 300.2.2-2430 Tahun 2025).",
        "",
        f"Ringkasan (lembar *Ringkasan*) per tanggal {_date(facts['compiled_as_of'])}, hari rapat",
        "laporan kesiapan Pilkada Pemprov Kaltim; tanggal tiap angka ada di kolom *Catatan*.",
        "",
    ]
    for code, name in zip(*children(PROVINCE).sort("code").select("code", "name"), strict=True):
        lines += [f"## {name} ({code}) — `{template_file_name(code, name)}`", ""]
        values = facts["summary"].get(code, {})
        used = [
            f"- {TABLES['summary'].column(field).label('id')}: {_number(values[field][0])} — "
            f"{_cite(facts, values[field][1])} ({_date(values[field][2])})"
            for field in _SUMMARY_FIELDS
            if field in values
        ]
        missing = [
            TABLES["summary"].column(f).label("id") for f in _SUMMARY_FIELDS if f not in values
        ]
        lines += ["Ringkasan:", "", *used]
        if missing:
            lines.append(f"- Tidak dipublikasikan (kosong): {', '.join(missing)}")
        lines.append("")
        for table in ("polling_stations", "logistics", "personnel", "neutrality_cases",
                      "vulnerabilities"):  # fmt: skip
            frame = dataset.canonical(table).filter(
                (pl.col("region_code") == code) | pl.col("region_code").str.starts_with(code + ".")
            )
            sheet = TABLES[table].sheet("id")
            if frame.height == 0:
                lines.append(f"- {sheet}: tidak ada data terbit (lembar kosong).")
                continue
            groups = frame.group_by("source", "as_of", maintain_order=True).len()
            for source, as_of, rows in groups.iter_rows():
                lines.append(f"- {sheet}: {rows} baris — {source} (per {_date(as_of)})")
        lines.append("")
    lines += [
        f"## Angka terbit — `{PUBLISHED_FILE}`",
        "",
        "Angka yang diterbitkan instansi, apa adanya, untuk dicocokkan dengan laporan daerah;",
        "validasi menyebut setiap ketidakcocokan (kedua sumber, kedua nilai, selisihnya).",
        "",
        *[
            f"- {record['region']} {record['figure']}: {_number(record['value'])} — "
            f"{_cite(facts, record['source'])} ({_date(record['as_of'])})"
            for record in facts.get("published_figures", [])
        ],
        "",
        "## Laporan logistik bertanggal, 20–26 November 2024",
        "",
        "Snapshot yang dipakai grafik waktu dan `readiness sitrep`. Hanya yang dipublikasikan;",
        "di tempat lain tidak ada snapshot, dan tidak ada yang diisi dari perkiraan. Contoh dengan",
        "pergerakan harian ada di `data/examples/sitrep-contoh/` (CONTOH SINTETIS — bukan data",
        "resmi).",
        "",
        *[
            f"- {get_region(code).name} ({code}): {_last_week(facts, entry)}"
            for code, entry in facts.get("logistics_last_week", {}).items()
        ],
        "",
        "## Catatan",
        "",
        "- DPT Berau tidak ditemukan dalam sumber publik; dibiarkan kosong (bukan selisih",
        "  DPT provinsi dikurangi sembilan daerah lain).",
        "- Kutai Timur: pernyataan 25/11/2024 menyebut 'delapan kecamatan' pada hari pertama tetapi",
        "  hanya menamai tujuh; Bengalon tidak disebut sehingga tidak diisi. Jadwal KPU→PPK diisi",
        "  sebagai baris *Rencana*; realisasi tidak dipublikasikan, jadi tidak ada baris realisasi.",
        "- Mahakam Ulu: laporan terakhir bertanggal 14/11/2024 (logistik di gudang KPU, rencana",
        "  KPU→PPK 23/11 dan PPK→PPS 24–25/11), disimpan dengan tanggal itu.",
        "- Angka personel tidak sebanding antardaerah: ada yang hanya Polri, ada yang dengan BKO",
        "  atau Linmas (kolom *Instansi yang dihitung*), dan angka Bontang mencakup 146 TPS Kutai",
        "  Kartanegara (kolom *TPS yang diamankan*: Kukar 1.301, Bontang 423).",
        "- Berau: rekomendasi BKN atas 3 kasus netralitas sudah terbit dan menunggu tindak lanjut",
        "  Bupati selaku PPK (tahap *Diputuskan, menunggu PPK*); tanggal tahap tidak disebut.",
        "- KPU Kaltim menyebut 6.262 TPS pada 16/09/2024 sedangkan rinciannya berjumlah 6.264, dan",
        "  pleno 22/09/2024 menetapkan 6.274 (= jumlah TPS yang dilaporkan daerah).",
        "- Berau: 1 TPS khusus di lapas tidak disebut kecamatannya; hanya dua TPS khusus",
        "  perusahaan (Segah, Pulau Derawan) diisi di lembar TPS.",
        "- Nomor kasus netralitas adalah nomor urut dalam dataset ini, bukan nomor register.",
        "- Tautan sumber:",
        "",
        *[f"  - {item['cite']}: <{item['url']}>" for item in facts["sources"].values()],
        "",
    ]
    return "\n".join(lines)


def _last_week(facts: dict[str, Any], entry: dict[str, Any]) -> str:
    reports = entry.get("reports") or []
    basis = {"actual": "realisasi", "plan": "rencana"}
    said = "; ".join(
        f"{basis[kind]} per {_date(day)} — {_cite(facts, source)}" for day, kind, source in reports
    )
    return f"{said}. {entry['note']}" if said else f"tidak ada. {entry['note']}"


def published_csv(dataset: Dataset) -> str:
    """The published figures as a CSV with the contract's Indonesian headers and labels."""
    spec = TABLES["published_figures"]
    frame = dataset.canonical("published_figures")
    columns = {}
    for column in spec.columns:
        series = frame[column.name]
        if column.kind == "date":
            series = series.dt.strftime("%d/%m/%Y")
        elif column.closed_set is not None:
            labels = dict(
                zip(
                    CLOSED_SETS[column.closed_set].keys,
                    CLOSED_SETS[column.closed_set].labels("id"),
                    strict=True,
                )
            )
            series = series.replace_strict(labels, default=None, return_dtype=pl.String)
        columns[column.label("id")] = series
    return pl.DataFrame(columns).write_csv()


def write_dataset(out: Path, facts: dict[str, Any]) -> list[Path]:
    """Write every regency's workbook, the published figures and SOURCES.md into ``out``
    (replaced as a whole). Published figures are the province desk's, not a regency's
    report: they go to one CSV, not into the regencies' workbooks."""
    dataset = build_dataset(facts)
    published = published_csv(dataset)
    dataset.tables["published_figures"] = dataset.tables["published_figures"].clear()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    staging.chmod(0o777 & ~_umask())
    try:
        paths = []
        for code, name in zip(*children(PROVINCE).sort("code").select("code", "name"),
                              strict=True):  # fmt: skip
            paths.append(
                write_template(
                    code,
                    staging / template_file_name(code, name),
                    dataset=dataset,
                    as_of=facts["compiled_as_of"],
                    source=WORKBOOK_SOURCE,
                )
            )
        (staging / PUBLISHED_FILE).write_text(published, encoding="utf-8")
        (staging / "SOURCES.md").write_text(sources_markdown(facts, dataset), encoding="utf-8")
        if out.exists():
            previous = out.with_name(f".{out.name}-previous")
            shutil.rmtree(previous, ignore_errors=True)
            os.replace(out, previous)
            os.replace(staging, out)
            shutil.rmtree(previous)
        else:
            os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out / path.name for path in paths] + [out / PUBLISHED_FILE]


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args()
    for path in write_dataset(args.out, load_facts()):
        print(path)
    print(args.out / "SOURCES.md")


if __name__ == "__main__":
    main()
