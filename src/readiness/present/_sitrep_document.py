"""The cells of ``reports/sitrep.qmd``: title, synthetic label, summary, sections."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from readiness.contract import Language, Text, format_date
from readiness.present._display import Markdown, Table
from readiness.present._escape import escape_markdown
from readiness.present._sitrep_render import sitrep_sections, summary_lines
from readiness.present._sitrep_text import SYNTHETIC_NOTICE, say
from readiness.present._sitrep_types import Sitrep

__all__ = ["SitrepDocument"]


@dataclass(frozen=True)
class SitrepDocument:
    """The cells of ``reports/sitrep.qmd``: each method returns what one cell shows."""

    report: Sitrep
    lang: Language = "id"

    def title_block(self) -> Markdown:
        """Title, subtitle (the period) and date as a Pandoc metadata block."""
        lang = self.lang
        title = say("title", lang)
        if self.report.province_code:
            from readiness.regions import get_region

            title += f" — {get_region(self.report.province_code).name}"
        if self.report.synthetic:
            title = f"{SYNTHETIC_NOTICE.get(lang)}: {title}"
        election = self.report.election
        meta = {
            "title": title,
            "subtitle": Text(election.name_id, election.name_en).get(lang)
            + " · "
            + say(
                "period",
                lang,
                since=format_date(self.report.since, lang),
                as_of=format_date(self.report.as_of, lang),
            ),
            "date": format_date(self.report.as_of, lang),
            "lang": lang,
        }
        lines = [
            f"{key}: {json.dumps(escape_markdown(value), ensure_ascii=False)}"
            for key, value in meta.items()
        ]
        return Markdown("---\n" + "\n".join(lines) + "\n---")

    def notice(self) -> Markdown:
        """The synthetic-example banner (nothing for real data)."""
        if not self.report.synthetic:
            return Markdown("")
        return Markdown(f"**{escape_markdown(SYNTHETIC_NOTICE.get(self.lang))}**")

    def summary(self) -> Markdown:
        """The summary heading and one bullet per kind of change."""
        bullets = "\n".join(
            f"- {escape_markdown(line)}" for line in summary_lines(self.report, self.lang)
        )
        return Markdown(f"## {say('summary', self.lang)}\n\n{bullets}")

    def sections(self) -> list[Markdown | Table]:
        """Every section: a heading, then its table (or "none") and its note."""
        shown: list[Markdown | Table] = []
        for section in sitrep_sections(self.report, self.lang):
            shown.append(Markdown(f"## {escape_markdown(section.title)}"))
            if not section.rows:
                shown.append(Markdown(escape_markdown(section.empty)))
                continue
            shown.append(
                Table(section.columns, section.rows, widths=section.widths, note=section.note)
            )
        return shown

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        parts = [self.notice(), self.summary(), *self.sections()]
        text = "\n\n".join(
            part.text if isinstance(part, Markdown) else part.to_markdown() for part in parts
        )
        return {"text/markdown": text, "text/plain": text}
