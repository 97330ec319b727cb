"""One reading of a region code passed as a document parameter, however it arrived.

Quarto's ``-P region:64.10`` reads the value as YAML, so ``64.10`` arrives as the number
``64.1`` and ``6410`` as the integer ``6410``. A regency code always has two digits after
the province, so a number's lost trailing zero can be put back without guessing.
"""

from __future__ import annotations

from readiness.regions._reference import normalize_code

__all__ = ["normalize_region_parameter"]


def _typed(value: object) -> str:
    if isinstance(value, float):
        return repr(value)
    return str(value).strip()


def normalize_region_parameter(value: object) -> str:
    """The dotted Kemendagri code of a region given as text, an integer or a number.

    >>> normalize_region_parameter(64.1)
    '64.10'
    >>> normalize_region_parameter(33.2), normalize_region_parameter(64.03)
    ('33.20', '64.03')
    >>> normalize_region_parameter("6410"), normalize_region_parameter(6410)
    ('64.10', '64.10')
    >>> normalize_region_parameter(" 64.10 "), normalize_region_parameter(64)
    ('64.10', '64')
    >>> normalize_region_parameter(6410.0)
    '64.10'
    >>> normalize_region_parameter("64.1")
    Traceback (most recent call last):
    ...
    ValueError: region '64.1' is not a Kemendagri code; expected '64', '64.03' or '6403'. Hint: -P region:64.03

    The code is checked for its shape only; whether the region exists is for the reference
    (:func:`readiness.regions.get_region`) to say, and it names the code as typed.
    """
    if isinstance(value, bool):
        raise ValueError(
            f"region {value!r} is not a Kemendagri code; expected '64', '64.03' or '6403'. "
            "Hint: -P region:64.03"
        )
    text = _typed(value)
    if isinstance(value, float):
        whole, _, fraction = text.partition(".")
        if fraction in ("", "0"):
            text = whole
        elif len(whole) == 2 and whole.isdigit() and fraction.isdigit() and len(fraction) <= 2:
            text = f"{whole}.{fraction.ljust(2, '0')}"
    try:
        return normalize_code(text)
    except ValueError:
        raise ValueError(
            f"region {text!r} is not a Kemendagri code; expected '64', '64.03' or '6403'. "
            "Hint: -P region:64.03"
        ) from None
