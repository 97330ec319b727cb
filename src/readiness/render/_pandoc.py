"""Converting assembled Markdown into HTML, PDF (through Typst) and DOCX with Pandoc."""

from __future__ import annotations

import subprocess
from importlib import resources
from pathlib import Path

import yaml

from readiness.render._assemble import Format

__all__ = ["ConversionError", "convert", "pandoc_path"]

_READER = "markdown-citations-implicit_figures+implicit_figures"


class ConversionError(RuntimeError):
    """Pandoc or Typst failed; the message carries their own words."""


def pandoc_path() -> str:
    """The Pandoc binary shipped with ``pypandoc-binary``."""
    import pypandoc

    path: str = pypandoc.get_pandoc_path()
    return path


def _resource(name: str) -> Path:
    return Path(str(resources.files("readiness.render") / "resources" / name))


def _run(args: list[str], cwd: Path) -> None:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ConversionError(
            f"pandoc failed ({done.returncode}): {done.stderr.strip()[:2000]}. "
            "Hint: the assembled Markdown is kept next to the output when this happens"
        )


def convert(markdown_file: Path, fmt: Format, target: Path, lang: str = "id") -> Path:
    """Convert ``markdown_file`` (figures beside it) into ``target``; returns ``target``."""
    work = markdown_file.parent
    meta = work / f"{markdown_file.stem}.meta.yaml"
    settings: dict[str, object] = {"lang": lang}
    pandoc = [pandoc_path(), markdown_file.name, "-f", _READER, "--standalone"]
    if fmt == "html":
        meta.write_text(yaml.safe_dump(settings), encoding="utf-8")
        args = [
            *pandoc, "-t", "html5", "--embed-resources", "--toc", "--toc-depth=2",
            "--css", str(_resource("readiness.css")), "--metadata-file", meta.name,
            "--resource-path", str(work), "-o", str(target),
        ]  # fmt: skip
        _run(args, work)
    elif fmt == "docx":
        meta.write_text(yaml.safe_dump(settings), encoding="utf-8")
        args = [*pandoc, "-t", "docx", "--metadata-file", meta.name, "-o", str(target)]
        _run(args, work)
    elif fmt == "pdf":
        settings |= {
            "papersize": "a4", "fontsize": "10pt", "margin": {"x": "1.8cm", "y": "2cm"},
            "mainfont": "Libertinus Serif",
        }  # fmt: skip
        meta.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
        typ = work / f"{markdown_file.stem}.typ"
        args = [
            *pandoc, "-t", "typst", "--metadata-file", meta.name,
            "--include-in-header", str(_resource("header.typ")), "-o", typ.name,
        ]  # fmt: skip
        _run(args, work)
        import typst

        try:
            typst.compile(str(typ), output=str(target), root=str(work))
        except Exception as error:
            raise ConversionError(
                f"typst failed on {typ.name}: {error}. Hint: text from the data must reach "
                "Typst through Pandoc (escaped); look at the .typ file"
            ) from None
    else:
        raise ValueError(f"format must be one of html, pdf, docx, got {fmt!r}")
    return target
