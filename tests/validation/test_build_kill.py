"""A build killed (SIGKILL) at any step leaves the previous complete build or the new complete
one at the output path, and the next build removes whatever the killed one left beside it."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import textwrap
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pytest

from readiness.pipeline import build_dataset

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and links are POSIX")

# The child builds after wrapping every step that touches the output area, writing each
# step's name to its log first; the N-th step kills the process before it runs (N counts from
# 1; 0 never kills). Children are forked from a server that has imported the library once, so
# each killed build costs a fork, not a fresh interpreter.
CHILD = textwrap.dedent(
    """
    import os, shutil, signal
    from pathlib import Path
    import polars as pl
    from readiness.pipeline import build_dataset

    raw, out, kill_at = Path(ARGS[0]), Path(ARGS[1]), int(ARGS[2])
    log = open(ARGS[3], "w", encoding="utf-8")
    steps = [0]

    def killing(function, name):
        def wrapped(*args, **kwargs):
            steps[0] += 1
            if steps[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            log.write(name + "\\n")
            log.flush()
            return function(*args, **kwargs)
        return wrapped

    for owner, name in ((os, "rename"), (os, "replace"), (os, "symlink"), (os, "unlink"),
                        (os, "mkdir"), (shutil, "rmtree"), (pl.DataFrame, "write_parquet"),
                        (Path, "write_text")):
        setattr(owner, name, killing(getattr(owner, name), name))
    build_dataset(raw, out)
    log.close()
    """
)

_FORKS = multiprocessing.get_context("forkserver")


@dataclass(frozen=True)
class _Killed:
    returncode: int
    steps: list[str]


HEADER = "Kode wilayah;Instansi;Peran;Jumlah;Per tanggal\n"


def _raw(root: Path, count: int) -> Path:
    folder = root / f"raw-{count}"
    folder.mkdir(parents=True)
    (folder / "64.03-personel.csv").write_text(
        f"{HEADER}64.03;Polri;Pengamanan;{count};25/11/2024\n", encoding="utf-8"
    )
    return folder


def _child(raw: Path, out: Path, kill_at: int) -> _Killed:
    log = out.parent.parent / f"steps-{kill_at}.log"
    args = [str(raw), str(out), str(kill_at), str(log)]
    _FORKS.set_forkserver_preload(["polars", "readiness.pipeline"])  # before its first start
    process = _FORKS.Process(target=exec, args=(CHILD, {"ARGS": args}))
    process.start()
    process.join(timeout=120)
    assert process.exitcode is not None, f"the build killed at step {kill_at} did not end"
    steps = log.read_text(encoding="utf-8").split() if log.exists() else []
    log.unlink(missing_ok=True)
    return _Killed(process.exitcode, steps)


def _state(out: Path) -> int | None:
    """The personnel count of the complete build at ``out`` (None: nothing there)."""
    if not out.exists():
        return None
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    names = {p.name for p in out.iterdir()}
    tables = {f"{t}.parquet" for t in manifest["row_counts"]}
    assert names == tables | {"findings.parquet", "manifest.json"}
    (count,) = pl.read_parquet(out / "personnel.parquet")["count"].to_list()
    assert manifest["row_counts"]["personnel"] == 1
    return int(count)


def _beside(out: Path) -> list[str]:
    current = out.resolve()
    return sorted(p.name for p in out.parent.iterdir() if p == out or p.resolve() != current)


def _kill_points(steps: list[str], first: str) -> list[int]:
    """Every step of the build (numbered from 1), once past the last, but only the first of
    the table files (writing the others is the same step again); for an output folder of
    an older kind, the steps of the swap only."""
    points = [
        number
        for number, step in enumerate(steps, start=1)
        if step != "write_parquet" or steps[number - 2] != "write_parquet"
    ]
    if first == "plain":
        points = [n for n in points if n >= steps.index("rename")]
    return [*points, len(steps) + 1]


@pytest.mark.parametrize("first", ["link", "plain"])
def test_a_build_killed_at_any_step_leaves_old_or_new(tmp_path: Path, first: str) -> None:
    out = tmp_path / "processed" / "berau"
    old_raw, new_raw = _raw(tmp_path, 100), _raw(tmp_path, 200)
    counting = tmp_path / "count" / "berau"
    build_dataset(old_raw, counting)
    steps = _child(new_raw, counting, 0).steps
    # folders, the table files, the manifest, the rename, the link, the switch, the clean-up
    assert {"mkdir", "write_parquet", "write_text", "rename", "symlink", "replace"} <= set(steps)
    assert steps.index("rename") < steps.index("replace") < steps.index("rmtree")
    if first == "plain":  # the old build's files, copied below as a plain folder each time
        build_dataset(old_raw, tmp_path / "plain" / "berau")
        plain = (tmp_path / "plain" / "berau").resolve()
    for kill_at in _kill_points(steps, first):
        if out.parent.exists():
            for leftover in out.parent.iterdir():
                if leftover.is_symlink() or leftover.is_file():
                    leftover.unlink()
                else:
                    __import__("shutil").rmtree(leftover)
        if first == "plain":  # a plain folder, as builds before links wrote it
            out.parent.mkdir(parents=True, exist_ok=True)
            __import__("shutil").copytree(plain, out)
        else:
            build_dataset(old_raw, out)
        killed = _child(new_raw, out, kill_at)
        assert killed.returncode in (0, -signal.SIGKILL), killed
        seen = _state(out)
        assert seen in (100, 200), f"killed at step {kill_at}: output holds {seen}"
        if killed.returncode == 0:
            assert seen == 200
        # the next build finishes the job and leaves nothing of the killed one
        assert build_dataset(new_raw, out).ok
        assert _state(out) == 200
        assert _beside(out) == ["berau"], f"killed at step {kill_at}"
