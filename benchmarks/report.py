"""The parts of ``run.py`` that describe the machine and rewrite BENCHMARKS.md."""

from __future__ import annotations

import os
import platform
from pathlib import Path

__all__ = ["REPORT", "machine", "write_report"]

REPORT = Path(__file__).resolve().parents[1] / "BENCHMARKS.md"


def machine() -> dict[str, str]:
    """Cores, memory, CPU model, Python and library versions."""
    from importlib import metadata

    import psutil  # type: ignore[import-untyped]

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
        "load": " / ".join(f"{v:.1f}" for v in os.getloadavg()),
    }


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
