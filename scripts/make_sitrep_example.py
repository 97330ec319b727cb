"""Build ``data/examples/sitrep-contoh/``: a SYNTHETIC example that shows ``readiness sitrep``
with movement from one day to the next. CONTOH SINTETIS — bukan data resmi.

Real reports of the last week before the vote are too few to show a day-to-day change (see
``data/raw/kaltim-2024/SOURCES.md``). This example starts from the default dataset's facts and
adds an invented snapshot for 26 Nov 2024 (H-1): logistics reaching the next stage, neutrality
cases moving, one new case, and regencies that send nothing. Every row's source and note, every
workbook's metadata and every file name say it is synthetic; the folder holds
``CONTOH-SINTETIS.md``, which makes the sitrep print the label on every output.

Run it from the project root::

    .venv/bin/python scripts/make_sitrep_example.py [--out data/examples/sitrep-contoh]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import polars as pl

from readiness.ingest import Dataset, template_file_name, with_provenance, write_template
from readiness.regions import children, get_region, match_region

LABEL = "CONTOH SINTETIS — bukan data resmi"
DEFAULT_OUT = Path("data/examples/sitrep-contoh")
PROVINCE = "64"
DAY = dt.date(2024, 11, 26)
MARKER = "CONTOH-SINTETIS.md"


def _facts_module() -> Any:
    path = Path(__file__).with_name("make_default_dataset.py")
    spec = importlib.util.spec_from_file_location("make_default_dataset", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _kecamatan(names: list[str], within: str) -> list[str]:
    return [match_region(name, within=within, depth=3) for name in names]


def _logistics(codes: list[str], stage: str, note: str) -> list[dict[str, Any]]:
    return [
        {"region_code": code, "region_name": get_region(code).name, "item": "all",
         "stage": stage, "basis": "actual", "as_of": DAY, "note": note}
        for code in codes
    ]  # fmt: skip


def synthetic_rows() -> dict[str, list[dict[str, Any]]]:
    """The invented rows of 26 Nov 2024 (H-1), by table."""
    berau_rest = ["64.03.03", "64.03.09"]
    berau_first = [code for code in children("64.03")["code"].to_list() if code not in berau_rest]
    kutim_named = _kecamatan(
        ["Batu Ampar", "Muara Bengkal", "Muara Ancalong", "Sandaran", "Busang", "Long Mesangat",
         "Sangkulirang", "Muara Wahau", "Kombeng", "Telen", "Kaubun", "Kaliorang", "Karangan",
         "Teluk Pandan", "Rantau Pulung", "Sangatta Selatan"],
        "64.08",
    )  # fmt: skip
    samarinda = children("64.72")["code"].to_list()
    logistics = [
        *_logistics(berau_first, "pps", f"{LABEL}: logistik tiba di PPS"),
        *_logistics(berau_rest, "ppk", f"{LABEL}: logistik tiba di PPK"),
        *_logistics(kutim_named, "ppk", f"{LABEL}: logistik tiba di PPK"),
        *_logistics(["64.11.01", "64.11.02", "64.11.03"], "pps", f"{LABEL}: tiba di PPS"),
        *_logistics(samarinda[:6], "tps", f"{LABEL}: tiba di TPS"),
        *_logistics(samarinda[6:], "pps", f"{LABEL}: baru sampai PPS"),
    ]
    summary_day = [
        {"region_code": code, "region_name": get_region(code).name, "as_of": DAY}
        for code in ("64.03", "64.08", "64.11", "64.01", "64.72")
    ]
    cases = [
        {"case_id": "64.03-01", "region_code": "64.03", "subject": "village_head",
         "status": "sanctioned", "referred_to": "bkn", "as_of": DAY,
         "note": f"{LABEL}: sanksi dijatuhkan PPK"},
        {"case_id": "64.03-02", "region_code": "64.03", "subject": "civil_servant",
         "status": "sanctioned", "referred_to": "bkn", "as_of": DAY,
         "note": f"{LABEL}: sanksi dijatuhkan PPK"},
        {"case_id": "64.01-01", "region_code": "64.01", "subject": "civil_servant",
         "status": "decided", "referred_to": "bkn", "as_of": DAY,
         "note": f"{LABEL}: rekomendasi BKN terbit"},
        {"case_id": "64.08-03", "region_code": "64.08", "subject": "village_official",
         "status": "reported", "as_of": DAY, "note": f"{LABEL}: laporan baru"},
        {"case_id": "64.72-01", "region_code": "64.72", "subject": "civil_servant",
         "status": "reported", "as_of": DAY, "note": f"{LABEL}: laporan baru"},
    ]  # fmt: skip
    for case in cases:
        case["region_name"] = get_region(case["region_code"]).name
    return {"logistics": logistics, "summary": summary_day, "neutrality_cases": cases}


def build_example() -> Dataset:
    """The default dataset's facts plus the synthetic day, every row labelled synthetic."""
    facts_module = _facts_module()
    base: Dataset = facts_module.build_dataset(facts_module.load_facts())
    added = synthetic_rows()
    tables = {}
    for name, frame in base.tables.items():
        rows = added.get(str(name), [])
        if name == "summary" and rows:
            latest = frame.filter(pl.col("region_code").is_in([r["region_code"] for r in rows]))
            extra = latest.with_columns(as_of=pl.lit(DAY))
        elif rows:
            extra = pl.DataFrame(rows).cast({k: v for k, v in frame.schema.items() if k in rows[0]})
        else:
            extra = frame.clear()
        merged = pl.concat([frame, extra], how="diagonal_relaxed") if extra.height else frame
        if "source" in merged.columns:
            merged = merged.with_columns(source=pl.lit(LABEL))
        if "note" in merged.columns:
            merged = merged.with_columns(
                note=pl.when(pl.col("note").is_null() | ~pl.col("note").str.starts_with(LABEL))
                .then(pl.concat_str(pl.lit(LABEL + ": "), pl.col("note").fill_null("")))
                .otherwise(pl.col("note"))
            )
        tables[name] = with_provenance(
            merged.drop([c for c in merged.columns if c.startswith("_")])
        )
    return Dataset(name="sitrep-contoh", tables=tables, province_code=PROVINCE)


README = f"""# {LABEL}

Folder ini adalah **contoh sintetis** untuk memperlihatkan `readiness sitrep` dengan
pergerakan harian. **Bukan data resmi.** Angka per 26 November 2024 (H-1) dikarang:
logistik yang tiba di tahap berikutnya, kasus netralitas yang berpindah tahap, satu kasus baru,
dan kabupaten/kota yang tidak melapor. Data sebelum tanggal itu diambil dari fakta dataset
bawaan (`data/raw/kaltim-2024`), tetapi di sini semua baris bersumber "{LABEL}".

Dibuat oleh `scripts/make_sitrep_example.py`. Berkas ini juga penanda: `readiness sitrep`
mencetak label "{LABEL}" pada setiap keluaran dataset yang memuatnya.

```bash
readiness sitrep data/examples/sitrep-contoh --as-of 2024-11-26
```

*SYNTHETIC EXAMPLE — not official data: invented figures for 26 Nov 2024 on top of the default
dataset's facts, to show the situation report with movement.*
"""


def write_example(out: Path) -> list[Path]:
    """Write the labelled workbooks and the marker file into ``out`` (replaced as a whole)."""
    dataset = build_example()
    dataset.tables["published_figures"] = dataset.tables["published_figures"].clear()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        paths = []
        for code, name in zip(*children(PROVINCE).sort("code").select("code", "name"),
                              strict=True):  # fmt: skip
            file_name = "contoh-sintetis-" + template_file_name(code, name)
            paths.append(write_template(code, staging / file_name, dataset=dataset, source=LABEL))
        (staging / MARKER).write_text(README, encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out / path.name for path in paths] + [out / MARKER]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    for path in write_example(parser.parse_args().out):
        print(path)


if __name__ == "__main__":
    main()
