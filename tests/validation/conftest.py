"""Datasets built directly from frames, with the provenance a loader would give them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from readiness.contract import TABLES, TableName, polars_schema
from readiness.ingest import Dataset

AS_OF = dt.date(2024, 11, 25)

TableFactory = Callable[..., pl.DataFrame]


def make_table(
    name: TableName, rows: list[dict[str, Any]], file: str = "berau.xlsx"
) -> pl.DataFrame:
    """A contract table from partial rows; rows are numbered from spreadsheet row 2."""
    schema = {
        **polars_schema(name),
        "_file": pl.String(),
        "_sheet": pl.String(),
        "_row": pl.Int64(),
    }
    filled = [
        {
            "as_of": AS_OF,
            "_file": file,
            "_sheet": TABLES[name].sheet_id,
            "_row": i + 2,
            **row,
        }
        for i, row in enumerate(rows)
    ]
    return pl.DataFrame(filled, schema=schema)


@pytest.fixture
def table() -> TableFactory:
    return make_table


@pytest.fixture
def dataset() -> Callable[..., Dataset]:
    def build(**tables: list[dict[str, Any]] | pl.DataFrame) -> Dataset:
        frames = {
            name: rows if isinstance(rows, pl.DataFrame) else make_table(name, rows)
            for name, rows in tables.items()
        }
        return Dataset(name="test", tables=frames)

    return build


CliRunner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """Run ``readiness validate|build ...``; returns (exit code, stdout, stderr)."""
    import argparse

    from readiness.cli._validate import register

    def run(*argv: str) -> tuple[int, str, str]:
        parser = argparse.ArgumentParser(prog="readiness")
        register(parser.add_subparsers(dest="command", required=True))
        args = parser.parse_args(list(argv))
        code = args.handler(args)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def write_workbook(
    path: Path, sheets: dict[str, list[list[object]]], regency: str = "64.03"
) -> Path:
    """A filled workbook in the Indonesian template layout: data sheets named by ``sheet_id``,
    row 1 = labels, and the ``Petunjuk`` metadata block naming the regency."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    guide = book.add_worksheet("Petunjuk")
    for r, (label, value) in enumerate(
        [("Kode wilayah", regency), ("Per tanggal", "25/11/2024"), ("Sumber", "uji")]
    ):
        guide.write(r, 0, label)
        guide.write(r, 1, value)
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    book.close()
    return path


@pytest.fixture
def workbook() -> Callable[..., Path]:
    return write_workbook
