"""The Quarto engine against a stand-in ``quarto`` executable that records how it was called.

The stand-in checks nothing itself: it writes down its command line, working directory,
environment and the notebooks it was given, then writes the outputs a real Quarto would
(or fails, when asked to). These tests need no Quarto installed.
"""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from readiness import config
from readiness.cli import main
from readiness.cli._report import RENDER_FAILED

FIXTURE = Path(__file__).parents[1] / "reports" / "fixture"

_FAKE = """#!{python}
import json, os, pathlib, sys
log = pathlib.Path(os.environ["FAKE_QUARTO_LOG"])
project = pathlib.Path.cwd()
listing = __import__("yaml").safe_load((project / "_quarto.yml").read_text())
notebooks = {{}}
for name in listing["project"]["render"]:
    notebooks[name] = json.loads((project / name).read_text())
log.write_text(json.dumps({{
    "argv": sys.argv, "cwd": str(project),
    "QUARTO_PYTHON": os.environ.get("QUARTO_PYTHON"), "notebooks": notebooks,
}}))
if os.environ.get("FAKE_QUARTO_FAIL"):
    sys.stderr.write("ERROR: typst compile failed\\n")
    sys.exit(1)
suffix = {{"html": ".html", "pdf": ".pdf", "docx": ".docx"}}
for name in listing["project"]["render"]:
    path = project / name
    path.with_suffix(suffix[path.parent.name]).write_text("rendered by the stand-in")
"""


@pytest.fixture
def fake_quarto(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ``quarto`` on ``QUARTO_PATH`` that logs its call to the returned file."""
    script = tmp_path / "bin" / "quarto"
    script.parent.mkdir()
    script.write_text(_FAKE.format(python=sys.executable), encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "quarto-call.json"
    monkeypatch.setenv("QUARTO_PATH", str(script))
    monkeypatch.setenv("FAKE_QUARTO_LOG", str(log))
    monkeypatch.setenv("QUARTO_PYTHON", "/usr/bin/python3")  # must be replaced, not inherited
    return log


def _source(notebook: dict[str, Any]) -> list[str]:
    return ["".join(cell["source"]) for cell in notebook["cells"]]


def _front_matter(notebook: dict[str, Any]) -> dict[str, Any]:
    text = _source(notebook)[0]
    loaded: dict[str, Any] = yaml.safe_load(text.strip().strip("-"))
    return loaded


@pytest.mark.slow
def test_report_runs_quarto_once_in_a_temporary_project(
    fake_quarto: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    reports_before = sorted(p.name for p in config.reports_dir().iterdir())
    out = tmp_path / "out"

    code = main(["report", str(FIXTURE), "--region", "6403", "--lang", "en", "-o", str(out)])

    assert code == 0
    call = json.loads(fake_quarto.read_text())
    assert call["argv"][1:] == ["render", "--no-execute", "--quiet"]
    project = Path(call["cwd"])
    assert project.parent.parent == out.resolve()  # a temporary folder inside -o, gone now
    assert not project.exists()
    assert call["QUARTO_PYTHON"] == sys.executable
    assert sorted(call["notebooks"]) == [
        "docx/kabupaten-64.03.ipynb", "html/kabupaten-64.03.ipynb", "pdf/kabupaten-64.03.ipynb",
    ]  # fmt: skip
    assert sorted(p.name for p in out.iterdir()) == [
        "kabupaten-64.03.docx", "kabupaten-64.03.html", "kabupaten-64.03.pdf",
    ]  # fmt: skip
    assert (out / "kabupaten-64.03.pdf").read_text() == "rendered by the stand-in"
    assert sorted(p.name for p in config.reports_dir().iterdir()) == reports_before
    assert list(elsewhere.iterdir()) == []

    pdf = call["notebooks"]["pdf/kabupaten-64.03.ipynb"]
    front = _front_matter(pdf)
    assert list(front["format"]) == ["typst"]
    header = Path(front["format"]["typst"]["include-in-header"])
    assert header.is_absolute()
    assert header.name == "header.typ"
    assert header.is_file()
    assert front["lang"] == "en"
    assert front["execute"]["enabled"] is False
    injected = [
        "".join(c["source"]) for c in pdf["cells"]
        if "injected-parameters" in c["metadata"].get("tags", [])
    ]  # fmt: skip
    assert injected == [
        f"#| include: false\ndataset = {str(FIXTURE.resolve())!r}\nas_of = ''\nlang = 'en'\n"
        "region = '64.03'"
    ]
    assert pdf["metadata"]["papermill"]["parameters"]["region"] == "64.03"

    html = call["notebooks"]["html/kabupaten-64.03.ipynb"]
    kinds = {
        mime for cell in html["cells"] if cell["cell_type"] == "code"
        for output in cell["outputs"] for mime in output.get("data", {})
    }  # fmt: skip
    assert "text/html" not in kinds  # Quarto would load require.js and jQuery from a CDN
    assert "image/png" not in kinds
    charts = [s for s in _source(html) if "vegaEmbed(" in s]
    assert charts == []  # the chart is in the outputs, as raw HTML inside Markdown
    raw = [
        "".join(o["data"]["text/markdown"]) for cell in html["cells"] if cell["cell_type"] == "code"
        for o in cell["outputs"] if "text/markdown" in o.get("data", {})
    ]  # fmt: skip
    assert any(text.startswith("```{=html}") and "vegaEmbed(" in text for text in raw)

    docx = call["notebooks"]["docx/kabupaten-64.03.ipynb"]
    figures = [
        c for c in docx["cells"] if c["cell_type"] == "code" and "fig-cap" in "".join(c["source"])
    ]
    assert figures, "figure captions travel in the cells' fig-cap"
    for cell in figures:
        assert [list(o["data"]) for o in cell["outputs"]] == [["image/png"]]


@pytest.mark.slow
def test_a_quarto_failure_exits_with_the_render_code_and_writes_nothing(
    fake_quarto: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("FAKE_QUARTO_FAIL", "1")
    out = tmp_path / "out"

    code = main(["report", str(FIXTURE), "--region", "64.03", "--format", "pdf", "-o", str(out)])

    assert code == RENDER_FAILED == 3
    err = capsys.readouterr().err
    assert "quarto render failed (exit 1)" in err
    assert "typst compile failed" in err
    assert list(out.iterdir()) == []


def test_engine_quarto_without_quarto_is_a_render_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("QUARTO_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    code = main(["report", str(FIXTURE), "--engine", "quarto", "-o", str(tmp_path / "o")])
    assert code == RENDER_FAILED
    err = capsys.readouterr().err
    assert "QUARTO_PATH" in err
    assert "--engine builtin" in err
