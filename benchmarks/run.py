"""`make bench`: speed and peak memory of the readiness pipeline at national scale.

Generates the synthetic national data it needs (cached under ``.bench-cache/``, keyed by the
generator's source so a changed generator regenerates) and builds it with ``readiness
build``; runs every step in a fresh Python process, in interleaved rounds, recording wall
time and peak resident memory (the RSS high-water mark from ``wait4``); then times whole
commands as a user runs them (``whole.py``). Prints the tables, ratios and floors, and
rewrites the generated blocks of ``BENCHMARKS.md``.

    .venv/bin/python benchmarks/run.py              # everything
    .venv/bin/python benchmarks/run.py --quick      # 1x only: no growth, no snapshots
    .venv/bin/python benchmarks/run.py --only whole --rounds 2
"""

from __future__ import annotations

import argparse
import compileall
import dataclasses
import hashlib
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import whole
from report import REPORT, machine, write_report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = ROOT / ".bench-cache"

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
    cpu_s: float = 0.0
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
        with log.open("w") as sink:
            returncode, wall, usage = whole.run_measured(command, ROOT, sink, subprocess.STDOUT)
        measurement = Measurement(label, step, _shown(data), wall_s=wall,
                                  cpu_s=usage.ru_utime + usage.ru_stime,
                                  peak_mib=usage.ru_maxrss / 1024)  # fmt: skip
        if returncode != 0 or not out.exists():
            measurement.ok = False
            text = log.read_text(errors="replace").strip().splitlines()
            measurement.error = text[-1] if text else f"exit {returncode}"
            return measurement
        result = json.loads(out.read_text())
    measurement.rows = int(result["rows"])
    measurement.load_s = float(result["load_s"])
    measurement.compute_s = float(result["compute_s"])
    measurement.detail = result.get("detail", {})
    return measurement


def _median(values: list[float]) -> float:
    return float(statistics.median(values))


def summarise(runs: list[Measurement]) -> Measurement:
    """One measurement from the runs of a step: median load, compute and wall time (each on
    its own), the largest peak; every run's figures stay in ``detail`` for the spread and the
    per-round ratios."""
    failed = [m for m in runs if not m.ok]
    if failed:
        return failed[0]
    every = {
        "runs_s": [round(m.load_s + m.compute_s, 3) for m in runs],
        "compute_runs_s": [round(m.compute_s, 3) for m in runs],
        "wall_runs_s": [round(m.wall_s, 3) for m in runs],
        "cpu_runs_s": [round(m.cpu_s, 3) for m in runs],
    }
    middle = dataclasses.replace(runs[0], detail=dict(runs[0].detail))
    middle.load_s = _median([m.load_s for m in runs])
    middle.compute_s = _median([m.compute_s for m in runs])
    middle.wall_s = _median([m.wall_s for m in runs])
    middle.cpu_s = _median([m.cpu_s for m in runs])
    middle.peak_mib = max(m.peak_mib for m in runs)
    if len(runs) > 1:
        middle.detail.update(every)
    return middle


def interleaved(steps: list[tuple[str, str, Path]], rounds: int) -> list[Measurement]:
    """Every step once per round, rounds one after another (A B C, A B C, …): a busy spell
    on the shared machine falls on every step alike, not on one; medians per step."""
    runs: dict[str, list[Measurement]] = {label: [] for label, _, _ in steps}
    for number in range(1, max(1, rounds) + 1):
        for label, step, data in steps:
            if runs[label] and not runs[label][-1].ok:
                continue
            print(f"  round {number}: {label} …", end=" ", flush=True)
            measurement = run_step(label, step, data)
            runs[label].append(measurement)
            print(_said(measurement), flush=True)
    return [summarise(runs[label]) for label, _, _ in steps]


def _said(m: Measurement) -> str:
    if not m.ok:
        return f"FAILED: {m.error}"
    return f"{m.load_s + m.compute_s:.2f} s ({m.wall_s:.2f} s process), {m.peak_mib:,.0f} MiB"


def _shown(data: Path) -> str:
    resolved = data.resolve()
    return str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else str(resolved)


def _child(step: str, data: str, kwargs: str, out: str) -> None:
    sys.path.insert(0, str(HERE))
    from steps import STEPS

    result = STEPS[step](Path(data), **json.loads(kwargs))
    result["self_peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    Path(out).write_text(json.dumps(result, default=str))


def prepare(quick: bool) -> tuple[dict[str, Path], list[Measurement]]:
    """Generate (or reuse) the datasets, then build the national one with ``readiness build``
    (always: a build of another contract version would not take the typed fast path)."""
    base = CACHE / f"gen-{_generator_version()}"
    wanted: dict[str, tuple[str, dict[str, Any]]] = {
        _sample_key(): ("generate", {"scale": 1, "snapshots": 3, "provinces": AGREEMENT_PROVINCES}),
        "x1": ("generate", {"scale": 1}),
        "excel": ("workbooks", {"province": EXCEL_PROVINCE}),
    }
    if not quick:
        wanted.update({"x2": ("generate", {"scale": 2}), "x4": ("generate", {"scale": 4}),
                       "s10": ("generate", {"snapshots": 10})})  # fmt: skip
    paths: dict[str, Path] = {}
    made: list[Measurement] = []
    # what a user's second run finds: the package and the scripts byte-compiled (an editable
    # install is not, and PYTHONDONTWRITEBYTECODE would keep every run compiling them)
    for folder in (ROOT / "src" / "readiness", HERE):
        compileall.compile_dir(folder, quiet=1)
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
    paths["built"] = base / "x1-built"
    print("  readiness build x1 …", flush=True)
    built = whole.Command("build", "`readiness build NATIONAL -o BUILT`",
                          (str(Path(sys.executable).with_name("readiness")), "build",
                           str(paths["x1"]), "-o", str(paths["built"])))  # fmt: skip
    wall, peak, cpu, error = whole.run_command(built.argv, ROOT)
    if error:
        raise SystemExit(f"building x1 failed: {error}")
    made.append(Measurement("`readiness build NATIONAL` (whole process)", "build",
                            _shown(paths["built"]), wall_s=wall, cpu_s=cpu, peak_mib=peak))  # fmt: skip
    return paths, made


def _sample_key() -> str:
    return "sample-" + "-".join(AGREEMENT_PROVINCES)


def plan(paths: dict[str, Path], quick: bool) -> list[list[tuple[str, str, Path]]]:
    """Groups of (label, step, data); each group runs in interleaved rounds."""
    x1 = paths["x1"]
    groups = [
        [("agreement: pandas = library, one-pass floor = reference, 3 provinces", "agreement",
          paths[_sample_key()])],
        [
            ("(b) validate, national", "validate", x1),
            ("(c) indicators, all levels", "indicators", x1),
            ("(c') indicators, the floor's 8 only", "indicators_core", x1),
            ("(b)+(c) pipeline 1x", "pipeline", x1),
            ("(d) pandera-pandas checks", "pandas_checks", x1),
            ("(e) pandas indicators", "pandas_indicators", x1),
            ("(f) polars floor, one pass", "polars_floor", x1),
            ("(c) indicators, all levels, from built Parquet", "indicators", paths["built"]),
            ("(c') indicators, the floor's 8 only, from built Parquet", "indicators_core",
             paths["built"]),
            ("(b)+(c) pipeline 1x, from built Parquet", "pipeline", paths["built"]),
        ],
        [
            ("(a) ingest Excel, 35 workbooks", "ingest_excel", paths["excel"]),
            ("(g) read 200,000 CSV logistics rows", "read_csv", x1),
            ("(h) validate 422,000 TPS rows with 3,000 planted errors", "validate_stations", x1),
        ],
    ]  # fmt: skip
    if not quick:
        groups.append([
            ("(b)+(c) pipeline 2x", "pipeline", paths["x2"]),
            ("(b)+(c) pipeline 4x", "pipeline", paths["x4"]),
            ("(b)+(c) pipeline 1x, one province at a time", "pipeline_by_province", x1),
        ])  # fmt: skip
        groups.append([
            ("(b)+(c) pipeline, 10 snapshots, one province at a time", "pipeline_by_province",
             paths["s10"]),
            ("(b)+(c) pipeline, 10 snapshots, whole country at once", "pipeline", paths["s10"]),
            ("reading only, 10 snapshots", "load", paths["s10"]),
            ("(f) polars floor, 10 snapshots, eager", "polars_floor", paths["s10"]),
            ("(f) polars floor, 10 snapshots, lazy scan, streaming engine", "polars_floor_lazy",
             paths["s10"]),
        ])  # fmt: skip
    return groups


def _data_name(shown: str) -> str:
    """The name of a step's data folder, also when it is a build's version folder
    (``.NAME.v-TOKEN``, where the build's ``NAME`` link points)."""
    name = Path(shown).name
    return name[1:].split(".v-")[0] if name.startswith(".") and ".v-" in name else name


def _find(results: list[Measurement], step: str, data: str = "x1") -> Measurement | None:
    for m in results:
        if m.step == step and _data_name(m.data) == data and m.ok:
            return m
    return None


def _per_round(m: Measurement, key: str, fallback: float) -> list[float]:
    return [float(v) for v in m.detail.get(key, [fallback])]


Spread = tuple[float, float, float]
"""A ratio's median of the per-round ratios, with the lowest and highest."""


def _ratio_values(
    results: list[Measurement],
) -> list[tuple[str, Spread | None, Spread | None, str]]:
    """(name, compute-only ratio, load + compute ratio, target), each the median of the
    per-round ratios with the lowest and highest (None when a step did not run)."""
    pairs = [
        ("(d)/(b) pandas checks vs library", "pandas_checks", "x1", "validate", "≥ 4"),
        ("(e)/(c) pandas indicators vs library", "pandas_indicators", "x1", "indicators", "≥ 4"),
        ("(c)/(f) library indicators vs one-pass polars floor", "indicators", "x1",
         "polars_floor", "≤ 2"),
        ("(c)/(f) the same, the library from built Parquet (no row left to reject)",
         "indicators", "x1-built", "polars_floor", "≤ 2"),
        ("(c')/(f) same 8 numbers, library vs floor", "indicators_core", "x1", "polars_floor",
         "≤ 2"),
        ("(c')/(f) the same, the library from built Parquet", "indicators_core", "x1-built",
         "polars_floor", "≤ 2"),
    ]  # fmt: skip
    rows: list[tuple[str, Spread | None, Spread | None, str]] = []
    for name, top, data, bottom, target in pairs:
        a, b = _find(results, top, data), _find(results, bottom)
        if a is None or b is None or b.compute_s == 0:
            rows.append((name, None, None, target))
            continue
        compute = whole.ratio(_per_round(a, "compute_runs_s", a.compute_s),
                              _per_round(b, "compute_runs_s", b.compute_s))  # fmt: skip
        total = whole.ratio(_per_round(a, "runs_s", a.load_s + a.compute_s),
                            _per_round(b, "runs_s", b.load_s + b.compute_s))  # fmt: skip
        rows.append((name, compute, total, target))
    return rows


def ratios(results: list[Measurement]) -> list[tuple[str, str, str, str]]:
    """(name, compute-only ratio, load + compute ratio, target) as shown: each the median of
    the per-round ratios (the steps ran in interleaved rounds), "n/a" when not measured."""
    return [
        (name, _shown_ratio(compute), _shown_ratio(total), target)
        for name, compute, total, target in _ratio_values(results)
    ]


def _shown_ratio(value: Spread | None) -> str:
    """A ratio with two decimals, so that one on its bound is not shown as on either side.

    >>> _shown_ratio((2.0238, 1.9925, 2.0379)), _shown_ratio(None)
    ('2.02× (1.99–2.04)', 'n/a')
    """
    if value is None:
        return "n/a"
    median, low, high = value
    return f"{median:.2f}× ({low:.2f}–{high:.2f})"


def growth(results: list[Measurement]) -> list[tuple[str, int, float, float, float]]:
    """(scale, rows, load+compute s, per million rows, peak MiB) for the pipeline."""
    rows = []
    for key in ("x1", "x2", "x4"):
        m = _find(results, "pipeline", key)
        if m is not None:
            seconds = m.load_s + m.compute_s
            rows.append((key[1:] + "×", m.rows, seconds, seconds / (m.rows / 1e6), m.peak_mib))
    return rows


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def targets(
    results: list[Measurement], timed: dict[str, whole.Timed]
) -> list[tuple[str, str, str]]:
    """(floor, measured, reached?) for each floor of the speed issue."""
    rows: list[tuple[str, str, str]] = []
    cli, polars, pandas = (whole.all_levels(timed, p) for p in ("cli", "polars", "pandas"))
    if cli and polars:
        value = whole.ratio(cli, polars)
        rows.append(("whole process, indicators at all levels from built Parquet ≤ 1.5× the "
                     "plain polars script", _shown_ratio(value), _verdict(value[0] <= 1.5)))  # fmt: skip
    if cli and pandas:
        value = whole.ratio(pandas, cli)
        rows.append(("… and ≥ 3× faster than the plain pandas script", _shown_ratio(value),
                     _verdict(value[0] >= 3)))  # fmt: skip
    for where, key in (
        ("from built Parquet", "x1-built"),
        ("from the raw national folder, read through the contract", "x1"),
    ):
        done = _find(results, "pipeline", key)
        if done is not None:
            walls = done.detail.get("wall_runs_s") or [done.wall_s]
            rows.append((f"validate + indicators (all levels, one process, national, {where}) "
                         "≤ 2.5 s whole process", f"{done.wall_s:.2f} s (fastest round "
                         f"{min(walls):.2f} s; CPU {done.cpu_s:.2f} s)",
                         _verdict(done.wall_s <= 2.5)))  # fmt: skip
    pipe = _find(results, "pipeline")
    for name, compute, _, target in _ratio_values(results):
        if compute is None:
            rows.append((f"{name} {target}", "n/a", "n/a"))
            continue
        bound = float(target.split()[1])
        ok = compute[0] >= bound if target.startswith("≥") else compute[0] <= bound
        rows.append((f"{name}, compute only, {target}", _shown_ratio(compute), _verdict(ok)))
    if pipe is not None:
        rows.append(("peak memory, one national snapshot, validate + all indicators ≤ 1 GiB",
                     f"{pipe.peak_mib:,.0f} MiB", _verdict(pipe.peak_mib <= 1024)))  # fmt: skip
    helps = [timed[k] for k in ("help", "help:indicators") if k in timed and timed[k].ok]
    if helps:
        slowest = max(t.median for t in helps)
        rows.append(("`readiness --help` and a command's help ≤ 0.3 s", f"{slowest:.2f} s",
                     _verdict(slowest <= 0.3)))  # fmt: skip
    snapshots = _find(results, "pipeline_by_province", "s10")
    if snapshots is not None:
        rows.append(("ten snapshots bounded < 2 GiB (one province at a time)",
                     f"{snapshots.peak_mib:,.0f} MiB", _verdict(snapshots.peak_mib < 2048)))  # fmt: skip
    return rows


def table(results: list[Measurement]) -> str:
    """The steps as a Markdown table (medians; spread of load + compute)."""
    lines = [
        "| step | rows | load s | compute s | fastest–slowest s | process wall s "
        "| process CPU s | peak MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in results:
        if not m.ok:
            lines.append(f"| {m.label} | – | – | – | – | – | – | failed: {m.error[:80]} |")
            continue
        runs = m.detail.get("runs_s")
        spread = f"{min(runs):.2f}–{max(runs):.2f}" if runs else "–"
        lines.append(
            f"| {m.label} | {m.rows:,} | {m.load_s:.2f} | {m.compute_s:.2f} | {spread} "
            f"| {m.wall_s:.2f} | {m.cpu_s:.2f} | {m.peak_mib:,.0f} |"
        )
    return "\n".join(lines)


def markdown(results: list[Measurement], made: list[Measurement], timed: dict[str, whole.Timed],
             info: dict[str, str], rounds: int) -> str:  # fmt: skip
    """The results block of BENCHMARKS.md."""
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    parts = [
        f"Run of {stamp} on: {info['cpu']}, {info['cores']} cores, {info['ram_gib']} GiB RAM, "
        f"{info['os']}; Python {info['python']}, polars {info['polars']}, pandas "
        f"{info['pandas']}, pandera {info['pandera']}; load average {info['load']} at the "
        f"start. Steps and commands ran in {rounds} interleaved rounds; each figure is the "
        "median of its runs, with the fastest and slowest beside it and the largest peak "
        "(the agreement and the 10-snapshot steps ran once).",
        "",
        "**Whole process**, as a user runs it:",
        "",
        whole.table(timed),
        "",
        "**Steps** (each in a fresh process; load and compute timed inside it, imports before "
        "the clocks):",
        "",
        table(results),
        "",
        "| ratio (median of the per-round ratios, lowest–highest) | compute only | "
        "load + compute | target |",
        "|---|---:|---:|---|",
        *(f"| {n} | {c} | {t} | {g} |" for n, c, t, g in ratios(results)),
    ]
    grown = growth(results)
    if len(grown) > 1:
        parts += [
            "",
            "| data | rows | load + validate + indicators s | s per million rows | peak MiB |",
            "|---|---:|---:|---:|---:|",
            *(f"| {k} | {r:,} | {s:.2f} | {p:.2f} | {mem:,.0f} |" for k, r, s, p, mem in grown),
        ]
    if made:
        parts += ["", "Data generated or built for this run:", "", table(made)]
    details = {m.label: m.detail for m in results if m.ok}
    parts += ["", "<details><summary>Step details</summary>", "", "```json",
              json.dumps(details, indent=1, default=str), "```", "</details>"]  # fmt: skip
    return "\n".join(parts)


def targets_markdown(results: list[Measurement], timed: dict[str, whole.Timed]) -> str:
    """The targets block of BENCHMARKS.md."""
    lines = ["| floor | measured | reached |", "|---|---|---|"]
    lines += [f"| {t} | {m} | {r} |" for t, m, r in targets(results, timed)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``make bench``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="1x only: no growth, no snapshots")
    parser.add_argument("--no-write", action="store_true", help="leave BENCHMARKS.md as it is")
    parser.add_argument(
        "--only",
        help="comma-separated step names or command keys to run (e.g. validate,indicators or "
        "whole, cli:kabupaten, help); nothing is written then",
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="interleaved rounds of every step (default 3)"
    )
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    info = machine()
    print(f"machine: {info}", flush=True)
    only = set(args.only.split(",")) if args.only else None
    paths, made = prepare(args.quick)
    results: list[Measurement] = []
    for group in plan(paths, args.quick):
        chosen = [s for s in group if only is None or s[1] in only]
        once = any(s[1] == "agreement" or s[2].name == "s10" for s in chosen)
        results += interleaved(chosen, 1 if once else args.rounds)
    commands = [
        c for c in whole.commands(paths["built"], paths["x1"])
        if only is None or "whole" in only or c.key in only
    ]  # fmt: skip
    timed = whole.measure(commands, args.rounds, ROOT)
    print()
    print(whole.table(timed))
    print()
    print(table(results))
    print()
    for name, compute, total, target in ratios(results):
        print(f"{name}: {compute} (compute only), {total} (load + compute); target {target}")
    for target, measured, reached in targets(results, timed):
        print(f"floor: {target}: {measured} — reached: {reached.strip('*')}")
    CACHE.mkdir(exist_ok=True)
    raw = {"machine": info, "results": [asdict(m) for m in results],
           "whole": {k: asdict(t) for k, t in timed.items()}}  # fmt: skip
    (CACHE / "results.json").write_text(json.dumps(raw, indent=1, default=str))
    if not args.no_write and not args.only:
        write_report({"targets": targets_markdown(results, timed),
                      "results": markdown(results, made, timed, info, args.rounds)})  # fmt: skip
        print(f"\nwrote {REPORT.relative_to(ROOT)}")
    failed = [m for m in results if not m.ok] + [t for t in timed.values() if not t.ok]
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
