"""The error a caller of the indicators gets for a bad option, in Indonesian and English."""

from __future__ import annotations

from readiness.contract import Language

__all__ = ["IndicatorInputError"]


class IndicatorInputError(ValueError):
    """A bad option (level, date, norm): ``str()`` is English, :meth:`message` either language.

    >>> error = IndicatorInputError("level must be ... Hint: x.", "tingkat harus ... Petunjuk: x.")
    >>> str(error), error.message("id")
    ('level must be ... Hint: x.', 'tingkat harus ... Petunjuk: x.')
    """

    def __init__(self, message_en: str, message_id: str) -> None:
        super().__init__(message_en)
        self.message_en = message_en
        self.message_id = message_id

    def message(self, lang: Language = "id") -> str:
        """The message in ``lang``."""
        return self.message_id if lang == "id" else self.message_en
