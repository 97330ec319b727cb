"""The decision page: for each regency that is not ready, the problem, who acts, by when and
the items; then what the province must ask the regencies for.

It renders a :class:`~readiness.present._actions.Decision` (pure data) as tables of the
present layer, in the document's language; :func:`decision_of` computes it once for a
:class:`~readiness.present.Briefing`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from readiness.contract import Language, Text, format_date, format_number
from readiness.present._action_items import day_text, short_date
from readiness.present._actions import Action, Decision, deadline_text, decision_items
from readiness.present._display import Markdown, Table, quarto_figure_format
from readiness.present._escape import escape_html, escape_markdown
from readiness.present._labels import status_label

if TYPE_CHECKING:
    from readiness.present._briefing_core import BriefingCore

__all__ = ["decision_of", "decision_table", "requests_block", "requests_table"]

_LABELS: dict[str, Text] = {
    "regency": Text("Kabupaten/kota", "Regency/city"),
    "problem": Text("Masalah", "Problem"),
    "owner": Text("Yang harus bertindak", "Who must act"),
    "deadline": Text("Tenggat", "Deadline"),
    "items": Text("Rincian", "Items"),
    "report": Text("Laporan per", "Report of"),
    "open_since": Text("Terbuka sejak {date}.", "Open since {date}."),
    "nothing": Text(
        "Tidak ada kabupaten/kota yang perlu tindakan menurut data yang dilaporkan.",
        "No regency needs action according to the data reported.",
    ),
    "note": Text(
        "Tenggat: norma H-n (hari pemungutan suara {voting_day}). Usang (laporan melewati batas "
        "kesegaran) atau baru rencana: Desk Pilkada kabupaten/kota meminta laporan terbaru.",
        "Deadlines: the D-n norms (voting day {voting_day}). Stale (report past the freshness "
        "limit) or plan only: the regency's Pilkada desk gets a current report.",
    ),
    "silent_logistics": Text(
        "Tanpa laporan logistik sama sekali, {days} hari sebelum pemungutan suara: {names}. "
        "Desk Pilkada kabupaten/kota meminta laporannya hari ini dari KPU kabupaten/kota.",
        "No logistics report at all, {days} day(s) before voting: {names}. The regency's "
        "Pilkada desk asks the regency KPU for one today.",
    ),
    "requests": Text("Permintaan data ke kabupaten/kota", "Data requests to regencies"),
    "asked": Text("Data yang diminta", "Data asked for"),
    "stale_what": Text(
        "{what}: laporan terbaru (yang ada sudah usang)",
        "{what}: a current report (the last one is stale)",
    ),
    "rejected": Text(
        "Perbaikan baris yang ditolak validasi (jumlah baris)",
        "Corrected rows rejected by validation (number of rows)",
    ),
    "no_requests": Text(
        "Semua kabupaten/kota melaporkan data inti.", "Every regency reported the core data."
    ),
}


def _problem(action: Action, as_of: dt.date, lang: Language) -> str:
    """The problem after its status (a stale or planned figure says so itself)."""
    text = action.problem.get(lang)
    if action.kind == "act":
        text = f"{status_label(action.severity, lang)}: {text}"
    if action.open_since is not None and action.open_since < as_of:
        since = _LABELS["open_since"].format(date=format_date(action.open_since, lang))
        text += f". {since.get(lang)}"
    return text


def _report_date(day: dt.date | None, lang: Language) -> str:
    return f"{short_date(day, lang)} {day.year}" if day is not None else "–"


def _items(action: Action, lang: Language) -> str:
    return " ".join(f"• {item.get(lang)}" for item in action.items) or "–"


def decision_table(decision: Decision, lang: Language = "id") -> Table | Markdown:
    """One row per action: regency, problem (with its status and since when it is open), who
    must act, the deadline, the items and the date of the report."""
    silent = _silent_logistics(decision, lang)
    if not decision.actions:
        said = " ".join(part for part in (_LABELS["nothing"].get(lang), silent) if part)
        return Markdown(escape_markdown(said))
    rows: list[list[Any]] = [
        [
            action.region_name,
            _problem(action, decision.as_of, lang),
            "; ".join(owner.name.get(lang) for owner in action.owners),
            deadline_text(
                action.deadline, decision.as_of, decision.voting_day, undated=action.undated
            ).get(lang),
            _items(action, lang),
            _report_date(action.report_date, lang),
        ]
        for action in decision.actions
    ]
    columns = [_LABELS[key].get(lang) for key in ("regency", "problem", "owner", "deadline",
                                                  "items", "report")]  # fmt: skip
    note = _LABELS["note"].format(voting_day=day_text(decision.voting_day, lang))
    said = " ".join(part for part in (silent, note.get(lang)) if part)
    return Table(columns, rows, align="llllll", widths=[10, 21, 13, 13, 34, 9],
                 note=said)  # fmt: skip


def _silent_logistics(decision: Decision, lang: Language) -> str:
    """The sentence naming the regencies without any logistics report, or ``""``."""
    if not decision.silent_logistics:
        return ""
    days = (decision.voting_day - decision.as_of).days
    names = ", ".join(decision.silent_logistics)
    return _LABELS["silent_logistics"].format(days=days, names=names).get(lang)


def _request_groups(decision: Decision, lang: Language) -> dict[str, list[str]]:
    """What is asked → the regencies asked for it (a stale table with its last report)."""
    groups: dict[str, list[str]] = {}
    for request in decision.requests:
        for what in request.missing:
            groups.setdefault(what.get(lang), []).append(request.region_name)
        for stale in request.stale:
            what = _LABELS["stale_what"].format(what=stale.what.get(lang))
            dated = f"{request.region_name} ({format_date(stale.last_report, lang)})"
            groups.setdefault(what.get(lang), []).append(dated)
        if request.rejected:
            count = format_number(request.rejected, lang)
            counted = f"{request.region_name} ({count})"
            groups.setdefault(_LABELS["rejected"].get(lang), []).append(counted)
    return groups


def requests_table(decision: Decision, lang: Language = "id") -> Table | Markdown:
    """What the province must ask for, one line per kind of data, with the regencies to ask:
    figures not reported, tables past their freshness limit (since the report of which
    date), rows rejected by validation."""
    groups = _request_groups(decision, lang)
    if not groups:
        return Markdown(escape_markdown(_LABELS["no_requests"].get(lang)))
    rows: list[list[Any]] = [[what, ", ".join(names)] for what, names in groups.items()]
    columns = [_LABELS[key].get(lang) for key in ("asked", "regency")]
    return Table(columns, rows, align="ll", widths=[30, 70])


_BREAK_AFTER_FIRST_PAGE = """```{=typst}
#metadata(none) <readiness-decision-end>
#context if query(selector(<readiness-decision-end>).before(here())).last().location().page() == 1 {
  pagebreak(weak: true)
}
```"""
"""A new page only when what comes before it ends on the first page. The test is on a marker
placed before the break, whose page the break cannot move (testing the break's own page would
move it back and forth, and Typst's layout would not settle)."""


@dataclass(frozen=True)
class _Section:
    """A level-3 heading and what follows it, shown as one output. In PDF it starts a new
    page when the decision page above it fits on the first page, so that page prints whole;
    when the decision page runs over, it follows on instead of leaving a page nearly empty."""

    heading: str
    body: Table | Markdown
    page_break_before: bool = True

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        body = self.body.text if isinstance(self.body, Markdown) else self.body.to_markdown()
        markdown = [f"### {escape_markdown(self.heading)}", body]
        if self.page_break_before:
            markdown.insert(0, _BREAK_AFTER_FIRST_PAGE)
        text = "\n\n".join(markdown)
        bundle = {"text/markdown": text, "text/plain": text}
        if quarto_figure_format() is None:
            inner = (
                f"<p>{escape_html(self.body.text)}</p>"
                if isinstance(self.body, Markdown)
                else self.body.to_html()
            )
            bundle["text/html"] = f"<h3>{escape_html(self.heading)}</h3>{inner}"
        return bundle


def requests_block(decision: Decision, lang: Language = "id") -> _Section:
    """The data requests under their heading: in PDF on the page after the decision page
    when that fits on the first page, else right after it."""
    return _Section(_LABELS["requests"].get(lang), requests_table(decision, lang))


def decision_of(briefing: BriefingCore) -> Decision:
    """The decision content of a provincial briefing (the briefing keeps it as
    :attr:`~readiness.present.Briefing.decision`, computed once)."""
    from readiness.indicators import resolve_election

    election = resolve_election()
    # with no report at all there is nothing to act on, whatever the day
    as_of = briefing.as_of or briefing.latest_as_of() or election.voting_day
    return decision_items(
        {"kabupaten": briefing.regencies}, briefing.dataset, election, as_of,
        province=briefing.province_code, invalid=briefing.left_out,
    )  # fmt: skip
