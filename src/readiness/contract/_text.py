"""Text a person reads, in Indonesian and English, with an optional hint on what to do.

>>> unknown = Text("Kode {code} tidak dikenal.", "Unknown code {code}.",
...                hint=Text("Periksa kodenya.", "Check the code."))
>>> said = unknown.format(code="64.99")
>>> said.get("id"), said.get("en"), said.hint_in("en")
('Kode 64.99 tidak dikenal.', 'Unknown code 64.99.', 'Check the code.')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from readiness.contract._enums import LANGUAGES, Language

__all__ = ["Text", "as_language"]


def as_language(value: str) -> Language:
    """``value`` as one of the package's languages, or an error naming them.

    >>> as_language("en")
    'en'
    >>> as_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: lang must be one of 'id', 'en'; got 'fr'
    """
    for known in LANGUAGES:
        if value == known:
            return known
    expected = ", ".join(repr(code) for code in LANGUAGES)
    raise ValueError(f"lang must be one of {expected}; got {value!r}")


@dataclass(frozen=True)
class Text:
    """One sentence (or template) in both languages of the package, and what to do about it.

    ``format`` fills ``str.format`` fields in both languages (and the hint) at once.
    """

    indonesian: str
    english: str
    hint: Text | None = None

    def get(self, lang: Language = "id") -> str:
        """The text in ``lang`` (``id`` Indonesian, ``en`` English).

        >>> Text("siap", "ready").get("en")
        'ready'
        >>> Text("siap", "ready").get("fr")  # type: ignore[arg-type]
        Traceback (most recent call last):
        ...
        ValueError: lang must be one of 'id', 'en'; got 'fr'
        """
        if lang == "id":
            return self.indonesian
        if lang == "en":
            return self.english
        known = ", ".join(repr(code) for code in LANGUAGES)
        raise ValueError(f"lang must be one of {known}; got {lang!r}")

    def hint_in(self, lang: Language = "id") -> str:
        """The hint in ``lang``, or ``""`` when there is none."""
        return self.hint.get(lang) if self.hint is not None else ""

    def format(self, **values: Any) -> Text:
        """The same text with its ``{fields}`` filled in both languages."""
        return Text(
            self.indonesian.format(**values),
            self.english.format(**values),
            self.hint.format(**values) if self.hint is not None else None,
        )
