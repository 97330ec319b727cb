"""Parse what people type into a cell: counts, decimals, percentages, codes, choices (dates in
``_dates``).

Every parser returns the value, ``None`` when the cell means "not reported" (blank, ``-``,
``n/a``, ``tidak ada data``, ...: never 0), or raises :class:`ValueParseError` saying what was
expected, in Indonesian and English, with a hint.

Indonesian writing comes first: ``1.588`` is one thousand five hundred eighty-eight, ``84,6``
is eighty-four point six. Where the two writings disagree and the column does not say which
is meant (``1.234`` in a column of decimals: 1234 the Indonesian way, 1.234 the English way),
the cell is refused rather than guessed. A cell that already holds a number (an Excel number
cell, a Parquet float) keeps its number: the thousands reading is for typed text only.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from decimal import Decimal, InvalidOperation

from readiness.contract import ClosedSet
from readiness.regions import normalize_code

__all__ = [
    "BLANK_WORDS",
    "ValueParseError",
    "ambiguous_separator",
    "is_blank",
    "parse_closed",
    "parse_code",
    "parse_count",
    "parse_decimal",
    "parse_percent",
    "parse_text",
]

BLANK_WORDS: frozenset[str] = frozenset(
    {
        "", "-", "--", "–", "—", "n/a", "na", "#n/a", "nan", "null", "tidak ada data",
        "belum ada", "belum ada data", "tidak tersedia", "belum tersedia", "not reported",
    }
)  # fmt: skip
"""Cell texts (case-insensitive, trimmed) that mean "not reported"."""


class ValueParseError(ValueError):
    """A cell that does not hold what its column expects.

    ``rule`` is the finding rule id (``value.count``, ``value.date``, ...); the messages say
    what was expected and what came, the hints how to fix it.

    >>> try:
    ...     parse_count("banyak")
    ... except ValueParseError as error:
    ...     print(error.rule, "|", error.message_en, "|", error.hint_en)
    value.count | Expected a whole number such as 1.588, got 'banyak'. | Write digits only, e.g. 1588 or 1.588; leave blank when not reported.
    """

    def __init__(
        self,
        rule: str,
        value: object,
        expected_id: str,
        expected_en: str,
        hint_id: str,
        hint_en: str,
    ) -> None:
        self.rule = rule
        self.value = _show(value)
        self.expected_id = expected_id
        self.expected_en = expected_en
        self.hint_id = hint_id
        self.hint_en = hint_en
        super().__init__(self.message_en)

    @property
    def message_id(self) -> str:
        """What was expected and what came, in Indonesian."""
        return f"Seharusnya {self.expected_id}, tertulis {self.value!r}."

    @property
    def message_en(self) -> str:
        """What was expected and what came, in English."""
        return f"Expected {self.expected_en}, got {self.value!r}."


def _show(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def is_blank(value: object) -> bool:
    """Whether a cell means "not reported".

    >>> [is_blank(v) for v in (None, "", "  ", "-", "–", "N/A", "tidak ada data", "Belum ada")]
    [True, True, True, True, True, True, True, True]
    >>> [is_blank(v) for v in (0, "0", "nihil", float("nan"))]
    [False, False, False, True]
    """
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return " ".join(value.lower().split()) in BLANK_WORDS
    return False


# ---- numbers ---------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"^(?P<sign>[+-]|−)?\s*(?P<digits>\d[\d.,\s\u00a0\u202f]*?)\s*"
    r"(?P<unit>%|persen|percent|[^\W\d_][^\d]*)?$",
    re.IGNORECASE,
)
# a group of thousands never starts with 0: 0.846 is a fraction, not 846
_GROUPED = {
    ".": re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$"),
    ",": re.compile(r"^[1-9]\d{0,2}(,\d{3})+$"),
    " ": re.compile(r"^[1-9]\d{0,2}( \d{3})+$"),
}
_ONE_GROUP = re.compile(r"^[1-9]\d{0,2}[.,]\d{3}$")
_PERCENT_UNITS = {"%", "persen", "percent"}


def ambiguous_separator(text: str) -> bool:
    """Whether typed digits read differently the Indonesian and the English way.

    One separator followed by exactly three digits (``1.234``, ``12,500``) is a thousands
    group the Indonesian way and a decimal mark the English way (or the reverse for a comma).
    In a count the whole reading is the only possible one; elsewhere it cannot be told.

    >>> [ambiguous_separator(t) for t in ("1.234", "12,500", "0.846", "84,6", "1.234,5", "1234")]
    [True, True, False, False, False, False]
    """
    match = _NUMBER.match(text.strip())
    if match is None:
        return False
    digits = match.group("digits").replace("\u00a0", " ").replace("\u202f", " ").strip()
    return _ONE_GROUP.match(digits) is not None


def _to_decimal(digits: str, *, whole: bool) -> Decimal | None:
    """Read a digit string with Indonesian (or English) separators; ``None`` if malformed.

    ``whole`` (counts): a single separator followed by exactly three digits groups thousands.
    Otherwise a single separator is the decimal mark.
    """
    text = digits.replace("\u00a0", " ").replace("\u202f", " ").strip()
    if _GROUPED[" "].match(text):
        return Decimal(text.replace(" ", ""))
    if " " in text:
        return None
    if text.isdigit():
        return Decimal(text)
    has_dot, has_comma = "." in text, "," in text
    if has_dot and has_comma:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        head, _, tail = text.rpartition(decimal_mark)
        if not tail.isdigit() or not _GROUPED[group_mark].match(head):
            return None
        return Decimal(head.replace(group_mark, "") + "." + tail)
    mark = "." if has_dot else ","
    if text.count(mark) > 1:
        return Decimal(text.replace(mark, "")) if _GROUPED[mark].match(text) else None
    head, _, tail = text.partition(mark)
    if not (head.isdigit() and tail.isdigit()):
        return None
    if whole and _GROUPED[mark].match(text):
        return Decimal(head + tail)
    return Decimal(head + "." + tail)


def _split_number(text: str) -> tuple[Decimal, str] | None:
    """The signed number and the (lower-cased) unit written after it, or None."""
    match = _NUMBER.match(text.strip())
    if match is None:
        return None
    return _signed(match, whole=False), (match.group("unit") or "").strip().lower()


def _signed(match: re.Match[str], *, whole: bool) -> Decimal:
    number = _to_decimal(match.group("digits"), whole=whole)
    if number is None:
        raise InvalidOperation(match.group("digits"))
    return -number if match.group("sign") in ("-", "−") else number


_COUNT_EXPECTED = ("bilangan bulat seperti 1.588", "a whole number such as 1.588")
_COUNT_HINT = (
    "Tulis angka saja, mis. 1588 atau 1.588; kosongkan bila tidak dilaporkan.",
    "Write digits only, e.g. 1588 or 1.588; leave blank when not reported.",
)


_COUNT_LIMIT = 2**63
"""Counts are stored as 64-bit integers: a larger one is refused, never dropped."""


def parse_count(value: object) -> int | None:
    """A whole number, written the Indonesian way or the English way, with an optional unit.

    >>> [parse_count(v) for v in ("1.588", "1.588 orang", "1,588", "475 TPS", 475.0, "475.0")]
    [1588, 1588, 1588, 475, 475, 475]
    >>> parse_count("-"), parse_count(""), parse_count("0"), parse_count("-3")
    (None, None, 0, -3)
    >>> parse_count("1,5")
    Traceback (most recent call last):
    ...
    readiness.ingest._values.ValueParseError: Expected a whole number such as 1.588, got '1,5'.
    >>> parse_count("99999999999999999999")
    Traceback (most recent call last):
    ...
    readiness.ingest._values.ValueParseError: Expected a whole number such as 1.588, got '99999999999999999999'.
    """
    number = _parse_count(value)
    if number is not None and not -_COUNT_LIMIT < number < _COUNT_LIMIT:
        raise ValueParseError("value.count", value, *_COUNT_EXPECTED, *_COUNT_HINT)
    return number


def _parse_count(value: object) -> int | None:
    if is_blank(value):
        return None
    error = ValueParseError("value.count", value, *_COUNT_EXPECTED, *_COUNT_HINT)
    if isinstance(value, bool):
        raise error
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise error
        if not value.is_integer():
            raise _fraction_error(value)
        return int(value)
    if isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise _fraction_error(value)
        return int(value)
    match = _NUMBER.match(str(value).strip())
    if match is None or (match.group("unit") or "").strip().lower() in _PERCENT_UNITS:
        raise error
    try:
        number = _signed(match, whole=True)
    except InvalidOperation:
        raise error from None
    if number != number.to_integral_value():
        raise error
    return int(number)


def _fraction_error(value: float | Decimal) -> ValueParseError:
    """A cell holding a number with decimals where a whole number belongs: never rescaled."""
    shown = _show(value)
    return ValueParseError(
        "value.count_fraction",
        value,
        "bilangan bulat, bukan sel angka berisi pecahan",
        "a whole number, not a number cell holding a fraction",
        f"Sel ini menyimpan angka {shown.replace('.', ',')} (dengan desimal); jumlah selalu "
        "bulat. Bila maksudnya ribuan, ketik angkanya tanpa pemisah (mis. 846 untuk 0,846 yang "
        "tampil karena format sel), atau perbaiki angkanya.",
        f"The cell holds the number {shown} (with decimals); a count is whole. If thousands "
        "were meant, type the digits without a separator (e.g. 846 where the cell format shows "
        "0.846), or correct the figure.",
    )


_AMBIGUOUS_EXPECTED = (
    "angka yang terbaca sama cara Indonesia dan cara Inggris",
    "a number that reads the same the Indonesian and the English way",
)
_AMBIGUOUS_HINT = (
    "Satu pemisah diikuti tepat tiga angka bisa berarti ribuan (cara Indonesia) atau desimal "
    "(cara Inggris). Tulis ribuan tanpa pemisah (1234) dan desimal dengan koma serta jumlah "
    "angka di belakang koma selain tiga (1,23), atau pakai sel angka Excel.",
    "One separator followed by exactly three digits can mean thousands (the Indonesian way) or "
    "decimals (the English way). Write thousands without a separator (1234) and decimals with "
    "other than three digits after the mark (1,23 or 1.23), or use an Excel number cell.",
)


def _refuse_ambiguous(value: object) -> None:
    if isinstance(value, str) and ambiguous_separator(value):
        raise ValueParseError("value.ambiguous_number", value, *_AMBIGUOUS_EXPECTED,
                              *_AMBIGUOUS_HINT)  # fmt: skip


_DECIMAL_EXPECTED = ("angka seperti 84,6", "a number such as 84,6")
_DECIMAL_HINT = (
    "Tulis angka dengan koma desimal, mis. 84,6; kosongkan bila tidak dilaporkan.",
    "Write a number with a decimal comma (or point), e.g. 84,6; leave blank when not reported.",
)


def parse_decimal(value: object) -> float | None:
    """A number with an optional decimal comma (or point) and unit.

    A single separator is the decimal mark (``84,6`` and ``84.6`` are both 84.6); thousands
    need a second mark (``1.234,5``) or several groups (``1.234.567``). One separator followed
    by exactly three digits (``1.234``) reads 1234 the Indonesian way and 1.234 the English
    way: it is refused (``value.ambiguous_number``), unless the cell holds a number already.

    >>> [parse_decimal(v) for v in ("84,6", "84.6", "1.234,5", "1,234.5", "35", 12.25, "-2,5")]
    [84.6, 84.6, 1234.5, 1234.5, 35.0, 12.25, -2.5]
    >>> parse_decimal("0,846"), parse_decimal(1.234), parse_decimal("n/a") is None
    (0.846, 1.234, True)
    >>> parse_decimal("1.234")
    Traceback (most recent call last):
    ...
    readiness.ingest._values.ValueParseError: Expected a number that reads the same the Indonesian and the English way, got '1.234'.
    """
    if is_blank(value):
        return None
    _refuse_ambiguous(value)
    error = ValueParseError("value.number", value, *_DECIMAL_EXPECTED, *_DECIMAL_HINT)
    number, unit = _number_and_unit(value, error)
    if unit in _PERCENT_UNITS:
        raise error
    return float(number)


def _number_and_unit(value: object, error: ValueParseError) -> tuple[float | Decimal, str | None]:
    """A typed number as it is (unit None), or typed text split into number and unit."""
    if isinstance(value, bool):
        raise error
    if isinstance(value, (int, float, Decimal)):
        number = float(value)
        if not math.isfinite(number):
            raise error
        return number, None
    try:
        split = _split_number(str(value))
    except InvalidOperation:
        raise error from None
    if split is None:
        raise error
    return split


_PERCENT_EXPECTED = (
    "persentase dengan tanda %, seperti 84,6%",
    "a percentage with its % sign, such as 84,6%",
)
_PERCENT_HINT = (
    "Tulis persentase dengan tanda %, mis. 84,6%; kosongkan bila tidak dilaporkan.",
    "Write the percentage with its % sign, e.g. 84,6%; leave blank when not reported.",
)


def parse_percent(value: object) -> float | None:
    """A share as a fraction: ``84,6%`` → 0.846.

    Text must carry the ``%`` sign (or the word *persen*/*percent*): a bare ``1`` or ``0,5``
    could mean 1 % or 100 %, 0,5 % or 50 %, so it is refused rather than guessed. A number
    that is not text is what Excel stores in a cell formatted as a percentage: a fraction
    already (0.846 shows as 84,6 %), taken as it is.

    >>> [parse_percent(v) for v in ("84,6%", "84.6 %", "100 persen", "0,5%", 0.846, "-")]
    [0.846, 0.846, 1.0, 0.005, 0.846, None]
    >>> parse_percent("84,6")
    Traceback (most recent call last):
    ...
    readiness.ingest._values.ValueParseError: Expected a percentage with its % sign, such as 84,6%, got '84,6'.
    """
    if is_blank(value):
        return None
    _refuse_ambiguous(value)
    error = ValueParseError("value.percent", value, *_PERCENT_EXPECTED, *_PERCENT_HINT)
    number, unit = _number_and_unit(value, error)
    if unit is None:  # a typed cell: Excel stores percentages as fractions
        return float(number)
    if unit not in _PERCENT_UNITS:
        raise error
    result = float(number / 100)
    if not math.isfinite(result):
        raise error
    return result


# ---- codes, choices, text --------------------------------------------------------------------

_CODE_EXPECTED = (
    "kode Kemendagri seperti 64.03 atau 64.03.01",
    "a Kemendagri code such as 64.03 or 64.03.01",
)
_CODE_HINT = (
    "Tulis kode dengan titik (64.03.01) dalam sel berformat teks, agar 64.10 tidak menjadi "
    "64.1; lihat lembar Wilayah.",
    "Write the dotted code (64.03.01) in a text-formatted cell so 64.10 does not become 64.1; "
    "see the Regions sheet.",
)


def parse_code(value: object) -> str | None:
    """A Kemendagri region code, dotted, from a code written with or without dots.

    Whether the code exists in the reference is checked later, by validation.

    >>> parse_code("6403"), parse_code(" 64.03.01 "), parse_code(6403), parse_code("-")
    ('64.03', '64.03.01', '64.03', None)
    >>> parse_code(64.1)
    Traceback (most recent call last):
    ...
    readiness.ingest._values.ValueParseError: Expected a Kemendagri code such as 64.03 or 64.03.01, got '64.1'.
    """
    if is_blank(value):
        return None
    error = ValueParseError("value.code", value, *_CODE_EXPECTED, *_CODE_HINT)
    if isinstance(value, bool):
        raise error
    if isinstance(value, float):
        if not value.is_integer():
            raise error
        value = int(value)
    try:
        return normalize_code(value if isinstance(value, int) else str(value))
    except ValueError:
        raise error from None


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").split())


def parse_closed(value: object, closed: ClosedSet) -> str | None:
    """The key of a closed-set value typed as key, label (either language) or synonym.

    >>> from readiness.contract import STAGES, ITEMS
    >>> parse_closed("PPK (kecamatan)", STAGES), parse_closed("kotak suara", ITEMS)
    ('ppk', 'ballot_box')
    >>> parse_closed("Surat suaraa", ITEMS)
    Traceback (most recent call last):
    ...
    readiness.ingest._values.ValueParseError: Expected one of the item list, got 'Surat suaraa'.
    """
    if is_blank(value):
        return None
    text = _show(value).strip()
    key = closed.parse(text)
    if key is not None:
        return key
    close = _closest_keys(text, closed)
    labels_id = ", ".join(closed.labels("id"))
    labels_en = ", ".join(closed.labels("en"))
    guess_id = guess_en = ""
    if close:
        guess_id = f"Mungkin maksudnya {' atau '.join(closed.label(k, 'id') for k in close)}? "
        guess_en = f"Did you mean {' or '.join(closed.label(k, 'en') for k in close)}? "
    raise ValueParseError(
        "value.closed_set",
        text,
        f"salah satu pilihan daftar {closed.name}",
        f"one of the {closed.name} list",
        f"{guess_id}Pilih dari daftar: {labels_id}.",
        f"{guess_en}Choose from the list: {labels_en}.",
    )


def _closest_keys(text: str, closed: ClosedSet, limit: int = 2) -> list[str]:
    spellings: dict[str, str] = {}
    for key in closed.keys:
        for spelling in (key, closed.label(key, "id"), closed.label(key, "en")):
            spellings.setdefault(_fold(spelling), key)
    for synonym, key in closed.synonyms:
        spellings.setdefault(_fold(synonym), key)
    keys: list[str] = []
    for match in difflib.get_close_matches(_fold(text), list(spellings), n=6, cutoff=0.6):
        if spellings[match] not in keys:
            keys.append(spellings[match])
    return keys[:limit]


def parse_text(value: object) -> str | None:
    """Free text, trimmed; whole numbers lose Excel's ``.0``.

    >>> parse_text("  Laporan PPK  "), parse_text(12.0), parse_text("-")
    ('Laporan PPK', '12', None)
    """
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return _show(value).strip()
