"""The finding: one problem found in a submission, in both languages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from readiness.contract._enums import Language
from readiness.contract._text import Text

__all__ = ["DEFAULT_MAX_PER_RULE", "SEVERITIES", "Finding", "Severity", "count_by_severity"]

DEFAULT_MAX_PER_RULE = 100
"""Findings listed per rule before the rest are folded into one "and N more" finding."""

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)


@dataclass(frozen=True)
class Finding:
    """One problem, pointing at where it is and saying how to fix it.

    ``row`` is the row number a person sees (the spreadsheet row, or the CSV line counting the
    header as 1); ``None`` when the finding is about a whole file or table. ``count`` is how
    many problems the finding stands for: 1, or more for a summary finding such as
    "and 1,234 more rows like this" when a long list is shortened for display.

    >>> f = Finding(
    ...     rule="value.number", severity="error", file="berau.xlsx", sheet="TPS", row=7,
    ...     column="Jumlah TPS", value="banyak",
    ...     message_id="bukan angka", message_en="not a number",
    ...     hint_id="tulis angka, mis. 12", hint_en="write a number, e.g. 12",
    ... )
    >>> f.as_dict("en")["message"]
    'not a number'
    >>> f.text.hint_in("id")
    'tulis angka, mis. 12'
    """

    rule: str
    severity: Severity
    message_id: str
    message_en: str
    hint_id: str = ""
    hint_en: str = ""
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    count: int = 1

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(
                f"severity must be one of {', '.join(SEVERITIES)}, got {self.severity!r}"
            )
        if self.count < 1:
            raise ValueError(f"count must be at least 1, got {self.count!r}")

    @property
    def text(self) -> Text:
        """The message and its hint as one bilingual text."""
        return Text(self.message_id, self.message_en, hint=Text(self.hint_id, self.hint_en))

    def message(self, lang: Language = "id") -> str:
        """The message in ``lang``."""
        return self.text.get(lang)

    def hint(self, lang: Language = "id") -> str:
        """The hint in ``lang``."""
        return self.text.hint_in(lang)

    def as_dict(self, lang: Language = "id") -> dict[str, str | int | None]:
        """The JSON shape: rule, severity, file, sheet, row, column, value, message, hint."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


def count_by_severity(findings: Iterable[Finding]) -> dict[Severity, int]:
    """How many problems of each severity (a summary finding counts for all it stands for).

    >>> count_by_severity([])
    {'error': 0, 'warning': 0, 'info': 0}
    >>> more = Finding(rule="schema.range", severity="error", message_id="", message_en="",
    ...                count=1234)
    >>> count_by_severity([more])["error"]
    1234
    """
    counts: dict[Severity, int] = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += finding.count
    return counts


class InputError(ValueError):
    """An option or setting that cannot be used, explained in Indonesian and English.

    ``str()`` is the English message; :meth:`message` gives either language, :attr:`text`
    both. Raise it with a :class:`Text`: the Indonesian and the English message, and a hint
    on what to do (appended to the message).

    >>> error = InputError(Text("tingkat 'desa' tidak dikenal.", "unknown level 'desa'.",
    ...                         hint=Text("pakai 'kabupaten'.", "use 'kabupaten'.")))
    >>> str(error), error.message("id")
    ("unknown level 'desa'. Hint: use 'kabupaten'.", "tingkat 'desa' tidak dikenal. Petunjuk: pakai 'kabupaten'.")
    """

    def __init__(self, message: Text) -> None:
        if not isinstance(message, Text):
            raise TypeError(
                "InputError needs a Text (the Indonesian and the English message, and a hint), "
                f"got {type(message).__name__}"
            )
        hint = message.hint
        self.text = Text(
            f"{message.indonesian} Petunjuk: {hint.indonesian}" if hint else message.indonesian,
            f"{message.english} Hint: {hint.english}" if hint else message.english,
        )
        super().__init__(self.text.english)

    @property
    def message_en(self) -> str:
        """The message in English."""
        return self.text.english

    @property
    def message_id(self) -> str:
        """The message in Indonesian."""
        return self.text.indonesian

    def message(self, lang: Language = "id") -> str:
        """The message in ``lang``."""
        return self.text.get(lang)
