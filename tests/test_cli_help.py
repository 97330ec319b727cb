"""Every command and its ``--help`` speak Indonesian by default, argparse's own words included."""

from __future__ import annotations

import argparse

import pytest

from readiness.cli import build_parser, main

ARGPARSE_ENGLISH = ("usage:", "positional arguments", "options:", "show this help message",
                    "show program's version", "the following arguments are required")  # fmt: skip


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_top_level_help_is_indonesian() -> None:
    text = build_parser().format_help()
    assert text.startswith("penggunaan: readiness")
    for english in ARGPARSE_ENGLISH:
        assert english not in text


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_command_help_is_indonesian(command: str) -> None:
    text = _commands()[command].format_help()
    assert text.startswith(f"penggunaan: readiness {command}")
    assert "tampilkan bantuan ini lalu keluar" in text
    for english in (*ARGPARSE_ENGLISH, "render the", "default:", "e.g."):
        assert english not in text, english


def test_argparse_errors_are_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["report"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "penggunaan: readiness report" in err
    assert "kesalahan: argumen ini wajib diisi: FOLDER" in err
