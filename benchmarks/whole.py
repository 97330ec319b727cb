"""The whole-process table: commands as a user runs them, each in a fresh process.

The command line (``readiness indicators … --format json``) against a plain polars script
and a plain pandas script doing the same kind of work from the same files (``plain_polars.py``,
``plain_pandas.py``), plus start-up (``readiness --help``), ``validate`` on the built folder (the build's findings
read back) and on the national folder (every rule run).
Everything a user waits for is inside the clock: interpreter start, imports, reading, work,
writing the JSON (to a file, as ``> out.json`` would). Commands run in interleaved rounds
(A B C …, A B C …); the table gives the median, the spread (fastest–slowest) and the largest
peak resident memory of each, and ratios are taken round by round, then their median.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

__all__ = ["Command", "Timed", "commands", "measure", "ratio", "table"]

HERE = Path(__file__).resolve().parent
LEVELS = ("kecamatan", "kabupaten", "provinsi")
TIMEOUT_S = 600.0


@dataclass(frozen=True)
class Command:
    """One command line; ``key`` names it in the results (``cli:kabupaten``, …)."""

    key: str
    label: str
    argv: tuple[str, ...]


@dataclass
class Timed:
    """Every run of one command: wall seconds and peak MiB per round."""

    command: Command
    walls: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and bool(self.walls)

    @property
    def median(self) -> float:
        return statistics.median(self.walls)


def _readiness() -> str:
    return str(Path(sys.executable).with_name("readiness"))


def commands(built: Path, national: Path) -> list[Command]:
    """The commands of the table: start-up, indicators at each level from the built folder
    (command line, plain polars, plain pandas), and validate / indicators on the partitioned
    national folder."""
    python, cli = sys.executable, _readiness()
    found = [
        Command("python", "`python -c pass` (interpreter alone)", (python, "-c", "pass")),
        Command("help", "`readiness --help`", (cli, "--help")),
        Command("help:indicators", "`readiness indicators --help`", (cli, "indicators", "--help")),
    ]
    for level in LEVELS:
        found += [
            Command(f"cli:{level}", f"`readiness indicators BUILT --level {level} --format json`",
                    (cli, "indicators", str(built), "--level", level, "--format", "json")),
            Command(f"polars:{level}", f"plain polars script, {level}",
                    (python, str(HERE / "plain_polars.py"), str(built), "--level", level)),
            Command(f"pandas:{level}", f"plain pandas script, {level}",
                    (python, str(HERE / "plain_pandas.py"), str(built), "--level", level)),
        ]  # fmt: skip
    found += [
        Command("validate:built",
                "`readiness validate BUILT --format json` (the build's findings read back)",
                (cli, "validate", str(built), "--format", "json")),
        Command("validate:national", "`readiness validate NATIONAL --format json`",
                (cli, "validate", str(national), "--format", "json")),
        Command("indicators:national",
                "`readiness indicators NATIONAL --level kabupaten --format json`",
                (cli, "indicators", str(national), "--level", "kabupaten", "--format", "json")),
    ]  # fmt: skip
    return found


def run_measured(
    argv: Sequence[str], cwd: Path, stdout: IO[Any], stderr: IO[Any] | int
) -> tuple[int, float, resource.struct_rusage]:
    """Run one process to its end (killed after ``TIMEOUT_S``): its exit code, its wall
    seconds and its resource usage (peak RSS, CPU) as the parent saw them."""
    start = time.perf_counter()
    process = subprocess.Popen(list(argv), stdout=stdout, stderr=stderr, cwd=cwd)
    timer = threading.Timer(TIMEOUT_S, process.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    return os.waitstatus_to_exitcode(status), time.perf_counter() - start, usage


def run_command(argv: tuple[str, ...], cwd: Path) -> tuple[float, float, float, str]:
    """(wall s, peak MiB, CPU s, error or "") of one run; stdout goes to a file, as
    ``> out.json`` would. CPU is user + system time of the process: unlike wall time it does
    not grow while the process waits for a core on a loaded machine (it grows with threads)."""
    with tempfile.TemporaryDirectory(prefix="bench-cmd-") as folder:
        out, err = Path(folder) / "out", Path(folder) / "err"
        with out.open("wb") as sink, err.open("wb") as errors:
            code, wall, usage = run_measured(argv, cwd, sink, errors)
        if code != 0:
            lines = err.read_text(errors="replace").strip().splitlines()
            return wall, 0.0, 0.0, f"exit {code}: {lines[-1] if lines else 'no output'}"
        return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, ""


def measure(chosen: list[Command], rounds: int, cwd: Path) -> dict[str, Timed]:
    """Every command once per round, rounds one after another."""
    results = {command.key: Timed(command) for command in chosen}
    for number in range(1, max(1, rounds) + 1):
        for command in chosen:
            timed = results[command.key]
            if timed.error:
                continue
            print(f"  round {number}: {command.label} …", end=" ", flush=True)
            wall, peak, cpu, error = run_command(command.argv, cwd)
            if error:
                timed.error = error
                print(f"FAILED: {error}", flush=True)
                continue
            timed.walls.append(wall)
            timed.peaks.append(peak)
            timed.cpus.append(cpu)
            print(f"{wall:.2f} s (CPU {cpu:.2f} s), {peak:,.0f} MiB", flush=True)
    return results


def _summed(results: dict[str, Timed], prefix: str) -> list[float] | None:
    """Per round, the sum of the walls of the commands ``prefix:<level>`` over every level."""
    parts = [results.get(f"{prefix}:{level}") for level in LEVELS]
    if any(p is None or not p.ok for p in parts):
        return None
    rounds = min(len(p.walls) for p in parts if p is not None)
    return [sum(p.walls[i] for p in parts if p is not None) for i in range(rounds)]


def all_levels(results: dict[str, Timed], prefix: str) -> list[float] | None:
    """Per round, the seconds to compute every level (one process per level)."""
    return _summed(results, prefix)


def ratio(top: list[float] | None, bottom: list[float] | None) -> tuple[float, float, float]:
    """(median, lowest, highest) of the per-round ratios top / bottom; NaN when missing."""
    if not top or not bottom:
        return (float("nan"),) * 3
    ratios = [a / b for a, b in zip(top, bottom, strict=False) if b > 0]
    return statistics.median(ratios), min(ratios), max(ratios)


def table(results: dict[str, Timed]) -> str:
    """The whole-process table in Markdown."""
    lines = [
        "| command (whole process) | median s | fastest–slowest s | median CPU s | peak MiB |",
        "|---|---:|---:|---:|---:|",
    ]
    for timed in results.values():
        if not timed.ok:
            lines.append(f"| {timed.command.label} | – | – | – | failed: {timed.error[:80]} |")
            continue
        lines.append(
            f"| {timed.command.label} | {timed.median:.2f} | {min(timed.walls):.2f}–"
            f"{max(timed.walls):.2f} | {statistics.median(timed.cpus):.2f} "
            f"| {max(timed.peaks):,.0f} |"
        )
    sums = {name: all_levels(results, name) for name in ("cli", "polars", "pandas")}
    for name, label in (("cli", "command line"), ("polars", "plain polars script"),
                        ("pandas", "plain pandas script")):  # fmt: skip
        walls = sums[name]
        if walls:
            lines.append(
                f"| **all three levels, {label}** (sum of the three processes) | "
                f"{statistics.median(walls):.2f} | {min(walls):.2f}–{max(walls):.2f} | | |"
            )
    return "\n".join(lines)
