"""The error a caller of the indicators gets for a bad option, in Indonesian and English."""

from __future__ import annotations

from readiness.contract import InputError

__all__ = ["IndicatorInputError"]


class IndicatorInputError(InputError):
    """A bad option (level, date, norm): ``str()`` is English, :meth:`message` either language.

    >>> from readiness.contract import Text
    >>> error = IndicatorInputError(Text("tingkat harus ...", "level must be ...",
    ...                                  hint=Text("x.", "x.")))
    >>> str(error), error.message("id")
    ('level must be ... Hint: x.', 'tingkat harus ... Petunjuk: x.')
    """
