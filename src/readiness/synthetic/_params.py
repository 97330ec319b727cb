"""The knobs of the synthetic model: sizes, rates and dates, with where each number comes from.

The region structure is real (the packaged Kemendagri reference); everything drawn on it is
synthetic. Village sizes are a model chosen so that the national totals land near the
Pilkada 2024 figures (203,657,354 registered voters at 435,296 TPS, KPU); they are not
per-province facts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = [
    "ITEMS_PER_TPS",
    "NATIONAL_TPS_2024",
    "NATIONAL_VOTERS_2024",
    "SOURCE_LABEL",
    "SyntheticOptions",
    "mean_voters_per_village",
]

NATIONAL_VOTERS_2024 = 203_657_354
"""Registered voters (DPT) of Pilkada 2024, KPU national recapitulation."""

NATIONAL_TPS_2024 = 435_296
"""Polling stations of Pilkada 2024, KPU."""

SOURCE_LABEL = "sintetis"
"""The ``source`` written on every synthetic record, so it can never pass as real data."""

ITEMS_PER_TPS: dict[str, int | None] = {
    "ballot": None,  # registered voters + 2.5 % reserve, rounded up
    "ballot_box": 2,
    "voting_booth": 4,
    "ink": 2,
    "seal": 20,
    "punch": 4,
    "forms": 1,
}
"""Logistics items tracked per TPS and the quantity each TPS needs (``None``: from voters)."""

# Model parameter: mean registered voters per village by province (Jakarta's kelurahan are
# very large, Papua's kampung very small). Chosen so the national totals match the 2024
# figures above; not a published statistic.
_MEAN_VOTERS_BY_PROVINCE: dict[str, int] = {
    "31": 29_000,
    "32": 5_700,
    "36": 5_000,
    "34": 6_100,
    "33": 3_250,
    "35": 3_400,
    "51": 4_300,
    "11": 600,
    "12": 1_700,
    "21": 3_400,
    "19": 2_400,
    "52": 3_300,
    "53": 1_150,
    "91": 700,
    "92": 550,
    "93": 500,
    "94": 600,
    "95": 300,
    "96": 500,
    "64": 2_700,
}
_MEAN_VOTERS_DEFAULT = 1_950


def mean_voters_per_village(province_code: str) -> int:
    """The model's mean registered voters per village in a province.

    >>> mean_voters_per_village("31") > mean_voters_per_village("33") > mean_voters_per_village("95")
    True
    """
    return _MEAN_VOTERS_BY_PROVINCE.get(province_code, _MEAN_VOTERS_DEFAULT)


@dataclass(frozen=True)
class SyntheticOptions:
    """What to generate.

    ``scale`` multiplies every village's voters, hence its TPS and all per-TPS rows (a
    country ``scale`` times as populous on the same regions). ``snapshots`` is the number of
    daily logistics snapshots ending on ``as_of``. ``inconsistencies`` makes a few regencies
    state totals that disagree with their detail, as happens between a meeting and the
    plenary figures.

    >>> SyntheticOptions(scale=0)
    Traceback (most recent call last):
    ...
    ValueError: scale must be a whole number ≥ 1, got 0
    """

    seed: int = 2024
    scale: int = 1
    snapshots: int = 1
    as_of: dt.date = dt.date(2024, 11, 25)
    voting_day: dt.date = dt.date(2024, 11, 27)
    inconsistencies: bool = True

    def __post_init__(self) -> None:
        if self.scale < 1:
            raise ValueError(f"scale must be a whole number ≥ 1, got {self.scale}")
        if not 1 <= self.snapshots <= 60:
            raise ValueError(f"snapshots must be between 1 and 60, got {self.snapshots}")
        if self.as_of >= self.voting_day:
            raise ValueError(
                f"as_of must be before the voting day {self.voting_day}, got {self.as_of}"
            )

    @property
    def snapshot_dates(self) -> list[dt.date]:
        """The logistics as-of dates, oldest first."""
        return [self.as_of - dt.timedelta(days=n) for n in range(self.snapshots - 1, -1, -1)]

    def cache_key(self) -> str:
        """A short name for a folder holding data generated with these options."""
        flag = "" if self.inconsistencies else "-clean"
        return f"seed{self.seed}-x{self.scale}-s{self.snapshots}-{self.as_of:%Y%m%d}{flag}"
