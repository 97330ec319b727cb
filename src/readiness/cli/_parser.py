"""An argument parser that speaks Indonesian: usage line, section titles, ``--help`` and the
errors argparse writes itself ("the following arguments are required", "invalid choice", …).

>>> parser = Parser(prog="readiness")
>>> _ = parser.add_argument("path")
>>> parser.format_help().splitlines()[0]
'penggunaan: readiness [-h] path'
>>> "tampilkan bantuan ini lalu keluar" in parser.format_help()
True
>>> translate_error("the following arguments are required: path")
'argumen ini wajib diisi: path'
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

__all__ = ["HelpFormatter", "Parser", "translate_error"]

_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^the following arguments are required: (.*)$", r"argumen ini wajib diisi: \1"),
        (r"^argument (.+?): invalid choice: (.+?) \(choose from (.*)\)$",
         r"argumen \1: pilihan \2 tidak dikenal (pilih salah satu: \3)"),
        (r"^unrecognized arguments: (.*)$", r"argumen tidak dikenal: \1"),
        (r"^argument (.+?): expected one argument$", r"argumen \1: perlu satu nilai"),
        (r"^argument (.+?): invalid (\w+) value: (.*)$", r"argumen \1: nilai \3 bukan \2"),
        (r"^argument (.+?): not allowed with argument (.*)$",
         r"argumen \1: tidak boleh bersama argumen \2"),
        (r"^argument (.+?): ignored explicit argument (.*)$",
         r"argumen \1: nilai \2 diabaikan"),
    )
)  # fmt: skip


def translate_error(message: str) -> str:
    """An argparse error message in Indonesian (left as it is when not recognised)."""
    for pattern, replacement in _ERRORS:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter with an Indonesian usage prefix."""

    def add_usage(
        self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None
    ) -> None:
        super().add_usage(usage, actions, groups, "penggunaan: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """``argparse.ArgumentParser`` in Indonesian; subcommands get the same class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS,
                help="tampilkan bantuan ini lalu keluar",
            )  # fmt: skip

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("title", "perintah")
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: kesalahan: {translate_error(message)}\n")
