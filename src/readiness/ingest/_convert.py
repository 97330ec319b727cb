"""Cell conversion for :func:`readiness.ingest.conform_table`: vectorised where polars can
decide, the Python parsers for the distinct values left over, and number cells (an Excel number
cell) parsed as the number they hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import polars as pl

from readiness.contract import CLOSED_SETS, ColumnSpec
from readiness.ingest._names import parser_for
from readiness.ingest._values import BLANK_WORDS, ValueParseError
from readiness.regions import CODE_PATTERN

__all__ = [
    "DISTINCT_FROM_ROWS",
    "Decided",
    "Repeated",
    "convert_cells",
    "decide_text_columns",
    "falses",
    "nulls",
    "takes_typed_cells",
    "text_cells",
    "text_expr",
]

DISTINCT_FROM_ROWS = 1024
"""Text columns this long or longer are converted once per distinct value (a shorter one
costs more in the extra queries than it saves)."""

_PLAIN_WHOLE = r"^-?\d+$"
_PLAIN_DECIMAL = r"^-?\d+(\.\d+)?$"
_ONE_GROUP = r"^-?[1-9]\d{0,2}\.\d{3}$"


def text_expr(expr: pl.Expr) -> pl.Expr:
    """Trimmed text with the "not reported" words turned into null."""
    trimmed = expr.cast(pl.String).str.strip_chars()
    return (
        pl.when(trimmed.str.to_lowercase().is_in(sorted(BLANK_WORDS))).then(None).otherwise(trimmed)
    )


def _code(expr: pl.Expr) -> pl.Expr:
    text = text_expr(expr)
    length = text.str.len_chars()
    digits = text.str.contains(r"^\d+$")

    def dotted(*widths: int) -> pl.Expr:
        parts, start = [], 0
        for width in widths:
            parts.append(text.str.slice(start, width))
            start += width
        return pl.concat_str(parts, separator=".")

    return (
        pl.when(text.str.contains(CODE_PATTERN))
        .then(text)
        .when(digits & (length == 4))
        .then(dotted(2, 2))
        .when(digits & (length == 6))
        .then(dotted(2, 2, 2))
        .when(digits & (length == 10))
        .then(dotted(2, 2, 2, 4))
        .otherwise(None)
    )


def _fast(column: ColumnSpec, series: pl.Series) -> pl.Series:
    """The vectorised conversion; null where it could not decide (the Python parser tries)."""
    expr = _fast_expr(column, series.dtype, pl.col("value"))
    # with_columns, not select: a column of no type (all null) gives a literal, one per row
    return series.to_frame("value").with_columns(expr.alias("value")).to_series()


def _fast_expr(column: ColumnSpec, dtype: pl.DataType, value: pl.Expr) -> pl.Expr:
    """:func:`_fast` as an expression over ``value``, a column of ``dtype``."""
    expr: pl.Expr
    if column.kind == "code":
        expr = _code(value)
    elif column.kind == "date":
        if dtype == pl.Date:
            expr = value
        elif isinstance(dtype, pl.Datetime):
            expr = value.dt.date()
        elif dtype == pl.String:
            expr = text_expr(value).str.to_date("%Y-%m-%d", strict=False)
        else:
            expr = pl.lit(None, pl.Date)
    elif column.kind == "count":
        if dtype.is_integer():
            expr = value.cast(pl.Int64, strict=False)
        elif dtype.is_float():
            expr = pl.when(value.is_finite() & (value == value.floor())).then(value.cast(pl.Int64))
        elif dtype == pl.String:
            text = text_expr(value)
            expr = pl.when(text.str.contains(_PLAIN_WHOLE)).then(text.cast(pl.Int64, strict=False))
        else:
            expr = pl.lit(None, pl.Int64)
    elif column.kind == "number":
        if dtype.is_numeric():
            # NaN (a blank) and infinities go to the parser: blank, and refused
            number = value.cast(pl.Float64)
            expr = pl.when(number.is_finite()).then(number)
        elif dtype == pl.String:
            # plain digits only ("inf" and "1e3" are not what people type); 1.234 is left to
            # the parser, which refuses it as ambiguous
            text = text_expr(value)
            plain = text.str.contains(_PLAIN_DECIMAL) & ~text.str.contains(_ONE_GROUP)
            expr = pl.when(plain).then(text.cast(pl.Float64, strict=False))
        else:
            expr = pl.lit(None, pl.Float64)
    elif column.kind == "closed" and column.closed_set is not None:
        keys = list(CLOSED_SETS[column.closed_set].keys)
        text = text_expr(value)
        expr = pl.when(text.is_in(keys)).then(text)
    else:
        expr = text_expr(value)
    return expr


Decided = tuple[pl.Series, pl.Series | None]
"""A column's vectorised conversion (null where polars could not decide) and, except for free
text, the mask of cells holding something it could not decide (left to the Python parser)."""


def decide_text_columns(
    columns: Mapping[str, tuple[ColumnSpec, pl.Series, pl.DataType]],
) -> dict[str, Decided]:
    """:class:`Decided` for each text column of ``columns`` (name → spec, cells, target
    dtype), all in one query: a workbook's sheet has a dozen short columns, and a query per
    step and column cost more than the work.

    >>> from readiness.contract import TABLES
    >>> spec = TABLES["summary"].column("tps")
    >>> decided = decide_text_columns({"tps": (spec, pl.Series(["475", "4 TPS", None]), pl.Int64())})
    >>> [part.to_list() for part in decided["tps"]]
    [[475, None, None], [False, True, False]]
    """
    text = {name: parts for name, parts in columns.items() if parts[1].dtype == pl.String}
    if not text:
        return {}
    frame = pl.DataFrame([series.alias(name) for name, (_, series, _) in text.items()])
    expressions = []
    for name, (column, _, target) in text.items():
        value = pl.col(name)
        fast = _fast_expr(column, pl.String(), value).cast(target)
        expressions.append(fast.alias(f"fast:{name}"))
        if column.kind != "text":
            present = value.is_not_null() & text_expr(value).is_not_null()
            expressions.append((present & fast.is_null()).alias(f"undecided:{name}"))
    found = frame.select(expressions)
    return {
        name: (
            found.get_column(f"fast:{name}").alias("value"),
            found.get_column(f"undecided:{name}") if column.kind != "text" else None,
        )
        for name, (column, _, _) in text.items()
    }


def takes_typed_cells(column: ColumnSpec, series: pl.Series, typed: pl.Series | None) -> bool:
    """Whether :func:`convert_cells` reads some of ``series`` as the numbers their file held."""
    return not (
        typed is None or series.dtype != pl.String or column.kind == "text" or not typed.any()
    )


@dataclass(frozen=True)
class Repeated:
    """A long text column that repeats its values (codes, items, dates): its distinct values,
    and for each row the position of its value among them (null for a null cell, found when
    first needed), so that whatever is decided once per value is spread back to the rows by
    position.

    >>> column = pl.Series(["a", "b", None, "a"] * 300)
    >>> repeated = Repeated.of(column)
    >>> repeated.values.sort().to_list()
    ['a', 'b']
    >>> repeated.spread(repeated.values == "a").head(4).to_list()
    [True, False, None, True]
    >>> Repeated.of(pl.Series(["a", "b"])) is None  # too short to be worth it
    True
    """

    values: pl.Series
    column: pl.Series

    @classmethod
    def of(cls, series: pl.Series) -> Repeated | None:
        """The column and its distinct values; None when it is not text, is shorter than
        :data:`DISTINCT_FROM_ROWS` or repeats too little for it to pay."""
        if series.dtype != pl.String or len(series) < DISTINCT_FROM_ROWS:
            return None
        values = series.drop_nulls().unique()
        if values.len() * 4 >= len(series):
            return None
        return cls(values, series)

    @cached_property
    def positions(self) -> pl.Series:
        """For each row, the position of its value in :attr:`values` (null for a null cell)."""
        return self.column.cast(pl.Enum(self.values)).to_physical()

    def spread(self, per_value: pl.Series) -> pl.Series:
        """``per_value`` (one entry per distinct value, in :attr:`values` order) on every row."""
        return per_value.gather(self.positions)

    def as_read(self) -> pl.Series:
        """The column as it was read, in one chunk; a column without any value as new nulls,
        which do not hold the buffers it was read into.

        >>> Repeated.of(pl.Series([None, None] * 600, dtype=pl.String)).as_read().null_count()
        1200
        """
        if self.values.is_empty():
            return self.column.clear(len(self.column))
        return self.column.rechunk()


def convert_cells(
    column: ColumnSpec,
    series: pl.Series,
    typed: pl.Series | None,
    target: pl.DataType,
    decided: Decided | None = None,
) -> tuple[pl.Series, pl.Series, dict[object, ValueParseError], pl.Series]:
    """:func:`_convert`, where the cells in ``typed`` held a number in their file: each is
    parsed as that number (its text is the number's exact decimal writing). Returns also the
    mask of typed cells that failed, whose errors are in the dict under ``("typed", text)``.
    ``decided`` is the column's vectorised conversion (:func:`decide_text_columns`), when the
    caller has it."""
    if typed is None or not takes_typed_cells(column, series, typed):
        converted, failed, errors = _convert(column, series, target, decided)
        return converted, failed, errors, falses(len(series))
    as_text = pl.select(pl.when(pl.lit(typed)).then(None).otherwise(pl.lit(series))).to_series()
    converted, failed, errors = _convert(column, as_text, target)
    parse = parser_for(column)
    mapping: dict[str, object] = {}
    for raw in series.filter(typed).drop_nulls().unique().to_list():
        try:
            number: object = float(raw)
        except ValueError:  # not a number's writing after all: read as typed text
            number = raw
        try:
            mapping[raw] = parse(number)
        except ValueParseError as error:
            errors[("typed", raw)] = error
    numbers = pl.select(
        pl.when(pl.lit(typed))
        .then(pl.lit(series).replace_strict(mapping, default=None, return_dtype=target))
        .otherwise(None)
    ).to_series()
    typed_failed = (
        typed & series.is_in([key[1] for key in errors if isinstance(key, tuple)])
    ).fill_null(False)
    merged = pl.select(pl.coalesce(pl.lit(converted), pl.lit(numbers))).to_series().cast(target)
    return merged, failed | typed_failed, errors, typed_failed


def _convert(
    column: ColumnSpec,
    series: pl.Series,
    target: pl.DataType,
    decided: Decided | None = None,
) -> tuple[pl.Series, pl.Series, dict[object, ValueParseError]]:
    """Converted values, a mask of cells that failed, and the error per failing raw value.

    Text columns are converted once per distinct value and spread back to the rows (see
    :class:`Repeated`): national tables repeat the same codes, items and dates millions of
    times. When every distinct value reads as it is written, the column is kept as it was
    read (see :meth:`Repeated.as_read`).
    """
    if decided is not None:
        return _convert_values(column, series, target, decided)
    repeated = Repeated.of(series)
    if repeated is not None:
        converted, failed, errors = _convert_values(column, repeated.values, target)
        if not failed.any() and converted.equals(repeated.values, check_dtypes=True):
            return repeated.as_read(), falses(len(series)), errors
        return (
            repeated.spread(converted),
            repeated.spread(failed).fill_null(False) if failed.any() else falses(len(series)),
            errors,
        )
    return _convert_values(column, series, target)


def _convert_values(
    column: ColumnSpec, series: pl.Series, target: pl.DataType, decided: Decided | None = None
) -> tuple[pl.Series, pl.Series, dict[object, ValueParseError]]:
    fast = decided[0] if decided is not None else _fast(column, series).cast(target)
    if column.kind == "text":
        return fast, falses(len(series)), {}
    if decided is not None and decided[1] is not None:
        undecided = decided[1]
    else:
        present = series.is_not_null()
        if series.dtype == pl.String:
            present = present & text_cells(series).is_not_null()
        undecided = present & fast.is_null()
    if not undecided.any():
        return fast, undecided, {}
    leftovers = series.filter(undecided)
    parse = parser_for(column)
    mapping: dict[object, object] = {}
    errors: dict[object, ValueParseError] = {}
    for raw in leftovers.unique().to_list():
        try:
            mapping[raw] = parse(raw)
        except ValueParseError as error:
            errors[raw] = error
    if mapping:
        slow = series.replace_strict(mapping, default=None, return_dtype=target)
        fast = pl.select(pl.coalesce(fast, slow)).to_series()
    failed = undecided & series.is_in(list(errors)) if errors else undecided & False
    return fast, failed, errors


def falses(length: int) -> pl.Series:
    """``length`` times False (made without a query: reading runs thousands of these).

    >>> falses(3).to_list(), falses(0).len()
    ([False, False, False], 0)
    """
    return pl.Series([False], dtype=pl.Boolean).new_from_index(0, length)


def nulls(name: str, length: int, dtype: pl.DataType) -> pl.Series:
    """A column ``name`` of ``length`` nulls of ``dtype``."""
    return pl.Series(name, [None], dtype=dtype).new_from_index(0, length)


def text_cells(series: pl.Series) -> pl.Series:
    """The cells as trimmed text, null where blank or a "not reported" word."""
    return series.to_frame("value").select(text_expr(pl.col("value"))).to_series()
