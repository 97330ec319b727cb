"""One reading of a region code passed as a document parameter, however it arrived.

Quarto's ``-P region:33.10`` reads the value as YAML, so ``33.10`` arrives as the number
``33.1`` and ``3310`` as the integer ``3310``. A regency code always has two digits after
the province, so a number's lost trailing zero can be put back without guessing.
"""

from __future__ import annotations

from readiness.regions._reference import UnknownRegionError, get_region, normalize_code

__all__ = ["normalize_region_parameter"]


def _typed(value: object) -> str:
    if isinstance(value, float):
        return repr(value)
    return str(value).strip()


def normalize_region_parameter(value: object) -> str:
    """The dotted Kemendagri code of a region given as text, an integer or a number.

    >>> normalize_region_parameter(33.1)  # Kabupaten Klaten, as -P region:33.10 arrives
    '33.10'
    >>> normalize_region_parameter(33.2), normalize_region_parameter(64.03)
    ('33.20', '64.03')
    >>> normalize_region_parameter("3310"), normalize_region_parameter(3310)
    ('33.10', '33.10')
    >>> normalize_region_parameter(" 33.10 "), normalize_region_parameter(64)
    ('33.10', '64')
    >>> normalize_region_parameter(3310.0)
    '33.10'
    >>> normalize_region_parameter("64.1")
    Traceback (most recent call last):
    ...
    ValueError: region '64.1' is not a Kemendagri code; expected '64', '64.03' or '6403'. Hint: -P region:64.03

    A code of the right shape that is not in the reference is named as it was typed:

    >>> normalize_region_parameter("6499")
    Traceback (most recent call last):
    ...
    readiness.regions._reference.UnknownRegionError: region '6499' (read as 64.99) is not in the Kemendagri reference. Hint: the codes under 64 are listed by children('64').
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
        dotted = normalize_code(text)
    except ValueError:
        raise ValueError(
            f"region {text!r} is not a Kemendagri code; expected '64', '64.03' or '6403'. "
            "Hint: -P region:64.03"
        ) from None
    try:
        get_region(dotted)
    except UnknownRegionError as error:
        hint = str(error).partition(" Hint: ")[2] or "-P region:64.03"
        read_as = f" (read as {dotted})" if dotted != _typed(value) else ""
        raise UnknownRegionError(
            f"region {_typed(value)!r}{read_as} is not in the Kemendagri reference. Hint: {hint}"
        ) from None
    return dotted
