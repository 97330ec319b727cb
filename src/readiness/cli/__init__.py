"""The ``readiness`` command line, thin over the library.

Each command lives in its own module with a ``register(subparsers)`` function.
Exit codes: 0 success, 1 the data has errors, 2 a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module

__all__ = ["build_parser", "main"]

_COMMAND_MODULES = (
    "readiness.cli._template",
    "readiness.cli._validate",
    "readiness.cli._indicators",
    "readiness.cli._report",
    "readiness.cli._corrections",
    "readiness.cli._card",
    "readiness.cli._sitrep",
    "readiness.cli._synthetic",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command registered."""
    from readiness.cli._parser import Parser

    parser = Parser(
        prog="readiness",
        description="Laporan kesiapan Pilkada: templat, validasi, indikator, laporan.",
    )
    parser.add_argument(
        "--version", action="version", version=f"readiness {_version()}",
        help="tampilkan versi lalu keluar",
    )  # fmt: skip
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _COMMAND_MODULES:
        import_module(module).register(subparsers)
    return parser


def _version() -> str:
    from readiness import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except BrokenPipeError:
        # the reader stopped early (``| head``): not an error of ours, and nothing to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main())
