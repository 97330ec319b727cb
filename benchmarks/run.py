"""`make bench`: speed and peak memory of the readiness pipeline at national scale.

Generates the synthetic national data it needs (cached under ``.bench-cache/``, keyed by the
generator's source so a changed generator regenerates), then runs every step in a fresh
Python process and records wall time and peak resident memory (the process's RSS high-water
mark from ``wait4``). Prints a table and the ratios, and rewrites the results block of
``BENCHMARKS.md``.

    .venv/bin/python benchmarks/run.py            # everything (about 10 minutes here)
    .venv/bin/python benchmarks/run.py --quick    # 1x only: no growth, no snapshots
    .venv/bin/python benchmarks/run.py --no-write # do not touch BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = ROOT / ".bench-cache"
REPORT = ROOT / "BENCHMARKS.md"
TIMEOUT_S = 600.0
EXCEL_PROVINCE = "33"  # Jawa Tengah: 29 kabupaten + 6 kota
AGREEMENT_PROVINCES = ["64", "72", "95"]  # where pandas and library are compared (3 snapshots)


@dataclass
class Measurement:
    """One step in one process."""

    label: str
    step: str
    data: str
    ok: bool = True
    rows: int = 0
    load_s: float = 0.0
    compute_s: float = 0.0
    wall_s: float = 0.0
    peak_mib: float = 0.0
    detail: dict[str, Any] = field(default_factory=dict)
    error: str = ""


def _generator_version() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src" / "readiness" / "synthetic").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def run_step(label: str, step: str, data: Path, **kwargs: Any) -> Measurement:
    """Run one step in a fresh interpreter; wall time and peak RSS of that process."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        out = Path(folder) / "result.json"
        log = Path(folder) / "log.txt"
        command = [sys.executable, str(Path(__file__).resolve()), "--child", step, str(data),
                   json.dumps(kwargs), str(out)]  # fmt: skip
        start = time.perf_counter()
        with log.open("w") as sink:
            process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, cwd=ROOT)
        timer = threading.Timer(TIMEOUT_S, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        measurement = Measurement(label, step, _shown(data), wall_s=wall,
                                  peak_mib=usage.ru_maxrss / 1024)  # fmt: skip
        if process.returncode != 0 or not out.exists():
            measurement.ok = False
            text = log.read_text(errors="replace").strip().splitlines()
            measurement.error = text[-1] if text else f"exit {process.returncode}"
            return measurement
        result = json.loads(out.read_text())
    measurement.rows = int(result["rows"])
    measurement.load_s = float(result["load_s"])
    measurement.compute_s = float(result["compute_s"])
    measurement.detail = result.get("detail", {})
    return measurement


def best_of(repeats: int, label: str, step: str, data: Path) -> Measurement:
    """The fastest of ``repeats`` runs (the machine is shared); peak memory is the largest."""
    runs = [run_step(label, step, data) for _ in range(max(1, repeats))]
    failed = [m for m in runs if not m.ok]
    if failed:
        return failed[0]
    best = min(runs, key=lambda m: m.load_s + m.compute_s)
    best.peak_mib = max(m.peak_mib for m in runs)
    if repeats > 1:
        best.detail["runs_s"] = [round(m.load_s + m.compute_s, 2) for m in runs]
    return best


def _shown(data: Path) -> str:
    resolved = data.resolve()
    return str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else str(resolved)


def _child(step: str, data: str, kwargs: str, out: str) -> None:
    sys.path.insert(0, str(HERE))
    from steps import STEPS

    result = STEPS[step](Path(data), **json.loads(kwargs))
    result["self_peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    Path(out).write_text(json.dumps(result, default=str))


def machine() -> dict[str, str]:
    """Cores, memory, CPU model, Python and library versions."""
    from importlib import metadata

    import psutil

    model = platform.processor() or "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    versions = {name: metadata.version(name) for name in ("polars", "pandas", "pandera")}
    return {
        "cpu": model,
        "cores": str(os.cpu_count()),
        "ram_gib": f"{psutil.virtual_memory().total / 2**30:.1f}",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        **versions,
    }


def prepare(quick: bool) -> tuple[dict[str, Path], list[Measurement]]:
    """Generate (or reuse) the datasets; their generation is measured too."""
    base = CACHE / f"gen-{_generator_version()}"
    wanted: dict[str, tuple[str, dict[str, Any]]] = {
        "sample-" + "-".join(AGREEMENT_PROVINCES): (
            "generate",
            {"scale": 1, "snapshots": 3, "provinces": AGREEMENT_PROVINCES},
        ),
        "x1": ("generate", {"scale": 1}),
        "excel": ("workbooks", {"province": EXCEL_PROVINCE}),
    }
    if not quick:
        wanted.update(
            {
                "x2": ("generate", {"scale": 2}),
                "x4": ("generate", {"scale": 4}),
                "s10": ("generate", {"snapshots": 10}),
            }
        )
    paths: dict[str, Path] = {}
    made: list[Measurement] = []
    for key, (step, kwargs) in wanted.items():
        path = base / key
        paths[key] = path
        if path.exists() and any(path.iterdir()):
            continue
        if step == "workbooks":
            path.mkdir(parents=True, exist_ok=True)
        print(f"  generating {key} …", flush=True)
        measurement = run_step(f"generate {key}", step, path, **kwargs)
        if not measurement.ok:
            raise SystemExit(f"generating {key} failed: {measurement.error}")
        made.append(measurement)
    return paths, made


def _sample_key() -> str:
    return "sample-" + "-".join(AGREEMENT_PROVINCES)


def plan(paths: dict[str, Path], quick: bool) -> list[tuple[str, str, Path]]:
    """(label, step, data) in the order they run."""
    steps = [
        ("agreement: pandas = library, 3 provinces", "agreement", paths[_sample_key()]),
        ("(a) ingest Excel, 35 workbooks", "ingest_excel", paths["excel"]),
        ("(b) validate, national", "validate", paths["x1"]),
        ("(c) indicators, all levels", "indicators", paths["x1"]),
        ("(c') indicators, the floor's 8 only", "indicators_core", paths["x1"]),
        ("(b)+(c) pipeline 1x", "pipeline", paths["x1"]),
        ("(d) pandera-pandas checks", "pandas_checks", paths["x1"]),
        ("(e) pandas indicators", "pandas_indicators", paths["x1"]),
        ("(f) polars floor", "polars_floor", paths["x1"]),
    ]
    if not quick:
        steps += [
            ("(b)+(c) pipeline 2x", "pipeline", paths["x2"]),
            ("(b)+(c) pipeline 4x", "pipeline", paths["x4"]),
            ("(b)+(c) pipeline 1x, one province at a time", "pipeline_by_province", paths["x1"]),
            (
                "(b)+(c) pipeline, 10 snapshots, one province at a time",
                "pipeline_by_province",
                paths["s10"],
            ),
            ("(b)+(c) pipeline, 10 snapshots, whole country at once", "pipeline", paths["s10"]),
            ("reading only, 10 snapshots", "load", paths["s10"]),
            ("(f) polars floor, 10 snapshots, lazy scan", "polars_floor_lazy", paths["s10"]),
        ]
    return steps


def _find(results: list[Measurement], step: str, data_key: str = "/x1") -> Measurement | None:
    for m in results:
        if m.step == step and m.data.endswith(data_key) and m.ok:
            return m
    return None


def ratios(results: list[Measurement]) -> list[tuple[str, str, str, str]]:
    """(name, compute-only ratio, end-to-end ratio, target)."""
    pairs = [
        ("(d)/(b) pandas checks vs library", "pandas_checks", "validate", "≥ 3"),
        ("(e)/(c) pandas indicators vs library", "pandas_indicators", "indicators", "≥ 3"),
        ("(c)/(f) library indicators vs polars floor", "indicators", "polars_floor", "≤ 3"),
        ("(c')/(f) same 8 numbers, library vs floor", "indicators_core", "polars_floor", "≤ 3"),
    ]
    rows = []
    for name, top, bottom, target in pairs:
        a, b = _find(results, top), _find(results, bottom)
        if a is None or b is None or b.compute_s == 0:
            rows.append((name, "n/a", "n/a", target))
            continue
        compute = a.compute_s / b.compute_s
        total = (a.load_s + a.compute_s) / (b.load_s + b.compute_s)
        rows.append((name, f"{compute:.1f}×", f"{total:.1f}×", target))
    return rows


def growth(results: list[Measurement]) -> list[tuple[str, int, float, float, float]]:
    """(scale, rows, load+compute s, per million rows, peak MiB) for the pipeline."""
    rows = []
    for key in ("/x1", "/x2", "/x4"):
        m = _find(results, "pipeline", key)
        if m is not None:
            seconds = m.load_s + m.compute_s
            rows.append((key[2:] + "×", m.rows, seconds, seconds / (m.rows / 1e6), m.peak_mib))
    return rows


def targets(results: list[Measurement]) -> list[tuple[str, str, str]]:
    """(target, measured, reached?) for each floor of the issue."""
    rows: list[tuple[str, str, str]] = []

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else ("yes" if ok else "**no**")

    pipe = _find(results, "pipeline")
    if pipe is not None:
        rows.append(
            (
                "national validation + all indicators ≤ 5 s",
                f"{pipe.compute_s:.1f} s (+ {pipe.load_s:.1f} s reading the Parquet)",
                verdict(pipe.compute_s <= 5),
            )
        )
        rows.append(("… with peak memory < 2 GiB", f"{pipe.peak_mib:,.0f} MiB",
                     verdict(pipe.peak_mib < 2048)))  # fmt: skip
    for name, compute, _, target in ratios(results):
        if compute == "n/a":
            rows.append((f"{name} {target}", "n/a", "n/a"))
            continue
        value = float(compute.rstrip("×"))
        ok = value >= 3 if target.startswith("≥") else value <= 3
        rows.append((f"{name} {target}", compute, verdict(ok)))
    grown = growth(results)
    if len(grown) >= 2:
        first, last = grown[0], grown[-1]
        row_factor, time_factor = last[1] / first[1], last[2] / first[2]
        rows.append(
            (
                "time grows no worse than linearly",
                f"{row_factor:.1f}× rows → {time_factor:.1f}× time",
                verdict(time_factor <= row_factor * 1.1),
            )
        )
    snapshots = _find(results, "pipeline_by_province", "/s10")
    whole = _find(results, "pipeline", "/s10")
    if snapshots is not None:
        at_once = f" (whole country at once: {whole.peak_mib:,.0f} MiB)" if whole else ""
        rows.append(("10-snapshot variant < 4 GiB (one province at a time)",
                     f"{snapshots.peak_mib:,.0f} MiB{at_once}",
                     verdict(snapshots.peak_mib < 4096)))  # fmt: skip
    return rows


def table(results: list[Measurement]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| step | rows | load s | compute s | process wall s | peak MiB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for m in results:
        if not m.ok:
            lines.append(f"| {m.label} | – | – | – | – | failed: {m.error[:80]} |")
            continue
        lines.append(
            f"| {m.label} | {m.rows:,} | {m.load_s:.2f} | {m.compute_s:.2f} | {m.wall_s:.2f} "
            f"| {m.peak_mib:,.0f} |"
        )
    return "\n".join(lines)


def markdown(results: list[Measurement], made: list[Measurement], info: dict[str, str],
             repeats: int) -> str:  # fmt: skip
    """The results block of BENCHMARKS.md."""
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    parts = [
        f"Run of {stamp} on: {info['cpu']}, {info['cores']} cores, {info['ram_gib']} GiB RAM, "
        f"{info['os']}; Python {info['python']}, polars {info['polars']}, pandas "
        f"{info['pandas']}, pandera {info['pandera']}. Each step is the fastest of {repeats} "
        "runs (the machine is shared; the largest peak of the runs is shown), except the "
        "agreement and the 10-snapshot steps, run once.",
        "",
        table(results),
        "",
        "| ratio | compute only | load + compute | target |",
        "|---|---:|---:|---|",
        *(f"| {n} | {c} | {t} | {g} |" for n, c, t, g in ratios(results)),
    ]
    grown = growth(results)
    if grown:
        parts += [
            "",
            "| data | rows | load + validate + indicators s | s per million rows | peak MiB |",
            "|---|---:|---:|---:|---:|",
            *(f"| {k} | {r:,} | {s:.2f} | {p:.2f} | {mem:,.0f} |" for k, r, s, p, mem in grown),
        ]
    if made:
        parts += ["", "Data generated for this run:", "", table(made)]
    details = {m.label: m.detail for m in results if m.ok}
    parts += ["", "<details><summary>Step details</summary>", "", "```json",
              json.dumps(details, indent=1, default=str), "```", "</details>"]  # fmt: skip
    return "\n".join(parts)


def targets_markdown(results: list[Measurement]) -> str:
    """The targets block of BENCHMARKS.md."""
    lines = ["| target (floor) | measured | reached |", "|---|---|---|"]
    lines += [f"| {t} | {m} | {r} |" for t, m, r in targets(results)]
    return "\n".join(lines)


def _replace_block(text: str, name: str, block: str) -> str:
    begin, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    if begin not in text or end not in text:
        text += f"\n{begin}\n{end}\n"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{block}\n{end}{tail}"


def write_report(blocks: dict[str, str]) -> None:
    """Replace the generated blocks of BENCHMARKS.md (atomically)."""
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Benchmarks\n"
    updated = text
    for name, block in blocks.items():
        updated = _replace_block(updated, name, block)
    temporary = REPORT.with_suffix(".md.tmp")
    temporary.write_text(updated, encoding="utf-8")
    temporary.replace(REPORT)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``make bench``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="1x only: no growth, no snapshots")
    parser.add_argument("--no-write", action="store_true", help="leave BENCHMARKS.md as it is")
    parser.add_argument(
        "--only", help="comma-separated step names to run (e.g. validate,indicators)"
    )
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs per step; the fastest is kept (default 2)"
    )
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    info = machine()
    print(f"machine: {info}", flush=True)
    paths, made = prepare(args.quick)
    results = []
    for label, step, data in plan(paths, args.quick):
        if args.only and step not in args.only.split(","):
            continue
        print(f"  {label} …", end=" ", flush=True)
        repeats = 1 if data.name == "s10" or step == "agreement" else args.repeat
        measurement = best_of(repeats, label, step, data)
        results.append(measurement)
        summary = (
            f"{measurement.load_s + measurement.compute_s:.2f} s, {measurement.peak_mib:,.0f} MiB"
            if measurement.ok
            else f"FAILED: {measurement.error}"
        )
        print(summary, flush=True)
    print()
    print(table(results))
    print()
    for name, compute, total, target in ratios(results):
        print(f"{name}: {compute} (compute only), {total} (load + compute); target {target}")
    for target, measured, reached in targets(results):
        print(f"target: {target}: {measured} — reached: {reached.strip('*')}")
    for key, rows, seconds, per_million, peak in growth(results):
        print(
            f"pipeline {key}: {rows:,} rows, {seconds:.2f} s, {per_million:.2f} s/Mrow, {peak:,.0f} MiB"
        )
    CACHE.mkdir(exist_ok=True)
    (CACHE / "results.json").write_text(
        json.dumps({"machine": info, "results": [asdict(m) for m in results]}, indent=1)
    )
    if not args.no_write and not args.only:
        write_report({"targets": targets_markdown(results),
                      "results": markdown(results, made, info, args.repeat)})  # fmt: skip
        print(f"\nwrote {REPORT.relative_to(ROOT)}")
    return 0 if all(m.ok for m in results) else 1


if __name__ == "__main__":
    sys.exit(main())
