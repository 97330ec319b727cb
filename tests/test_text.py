"""One bilingual text type: findings and errors carry Indonesian, English and a hint alike."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from readiness.contract import Finding, InputError, Text
from readiness.indicators import compute_indicators
from readiness.ingest import Dataset


def test_a_finding_reads_as_text() -> None:
    finding = Finding(
        rule="value.count", severity="error", message_id="bukan angka",
        message_en="not a number", hint_id="tulis angka", hint_en="write digits",
    )  # fmt: skip
    assert finding.text == Text(
        "bukan angka", "not a number", hint=Text("tulis angka", "write digits")
    )
    assert (finding.message("id"), finding.hint("en")) == ("bukan angka", "write digits")


def test_an_error_from_text_keeps_the_attributes_callers_read() -> None:
    error = InputError(Text("salah", "wrong", hint=Text("perbaiki", "fix it")))
    assert str(error) == "wrong Hint: fix it"
    assert error.message_en == "wrong Hint: fix it"
    assert error.message_id == "salah Petunjuk: perbaiki"
    assert error.text.get("id") == error.message("id")


def test_an_error_needs_both_languages() -> None:
    with pytest.raises(TypeError, match="needs a Text"):
        InputError("only English")  # type: ignore[arg-type]


def test_library_errors_answer_in_both_languages(
    read_default_dataset: Callable[[], Dataset],
) -> None:
    dataset = read_default_dataset()
    with pytest.raises(InputError) as caught:
        compute_indicators(dataset, level="desa")  # type: ignore[arg-type]
    assert caught.value.text.english == str(caught.value)
    assert caught.value.text.indonesian != caught.value.text.english
