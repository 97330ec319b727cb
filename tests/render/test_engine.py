"""Planning, naming, formats, the engine choice and the progress bar."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from readiness.render import Progress, output_name, parse_formats, plan_jobs, quarto_path
from readiness.render._execute import check_kernel


def test_default_plan_is_the_briefing_and_every_regency() -> None:
    codes = ["64.01", "64.02", "64.03", "64.07", "64.08", "64.09", "64.11", "64.71", "64.72",
             "64.74"]  # fmt: skip
    jobs = plan_jobs(Path("d"), "64", codes, lang="en", as_of=dt.date(2024, 11, 25))
    names = [output_name(j.kind, j.region_code, f) for j in jobs for f in ("html", "pdf", "docx")]
    assert len(names) == 33
    assert names[:3] == ["provinsi-64.html", "provinsi-64.pdf", "provinsi-64.docx"]
    assert "kabupaten-64.03.pdf" in names
    assert jobs[0].params["geojson"] == ""
    assert jobs[1].params == {"dataset": "d", "as_of": "2024-11-25", "lang": "en",
                              "region": "64.01"}  # fmt: skip


def test_plan_for_one_region_or_an_unknown_one() -> None:
    assert [j.kind for j in plan_jobs(Path("d"), "64", ["64.03"], region="64")] == ["provinsi"]
    with pytest.raises(ValueError, match=r"Hint: region='64\.03'"):
        plan_jobs(Path("d"), "64", ["64.03"], region="63.01")


def test_formats_are_checked() -> None:
    assert parse_formats("html, docx,html") == ("html", "docx")
    with pytest.raises(ValueError, match="expected html, pdf or docx"):
        parse_formats("pdf,odt")


def test_quarto_is_found_through_quarto_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUARTO_PATH", "/usr/local/quarto/bin/quarto")
    assert quarto_path() == "/usr/local/quarto/bin/quarto"
    monkeypatch.delenv("QUARTO_PATH")
    monkeypatch.setenv("PATH", "")
    assert quarto_path() is None


def test_kernel_runs_this_interpreter() -> None:
    assert check_kernel() == "python3"


def test_progress_bar_counts_to_the_total() -> None:
    out = io.StringIO()
    bar = Progress(3, stream=out, width=6)
    for name in ("a", "b", "c"):
        bar.step(name)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("[##----] 1/3")
    assert lines[-1].startswith("[######] 3/3")
    assert lines[-1].endswith("c")
