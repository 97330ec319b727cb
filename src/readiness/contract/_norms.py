"""Elections as data: the voting day, the calendar and the norms with their legal basis."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from readiness.contract._enums import Language
from readiness.contract._text import Text
from readiness.contract._yaml import load_yaml

__all__ = [
    "DEFAULT_ELECTION",
    "Election",
    "Institution",
    "Norm",
    "Responsibility",
    "ScoreScale",
    "available_elections",
    "load_election",
]

DEFAULT_ELECTION = "pilkada-2024"
"""The election whose calendar and norms apply unless another is named."""


@dataclass(frozen=True)
class Norm:
    """One norm: a value to measure against, with its legal basis and validity dates."""

    id: str
    value: float
    unit: str
    name_id: str
    name_en: str
    basis: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    basis_id: str = ""

    def basis_in(self, lang: Language = "id") -> str:
        """The legal basis in ``lang`` (Indonesian when the election file gives it).

        >>> Norm("x", 1.0, "tps", "x", "x", "PKPU 8/2022 (as amended)", basis_id="PKPU 8/2022"
        ...      ).basis_in()
        'PKPU 8/2022'
        """
        return Text(self.basis_id or self.basis, self.basis).get(lang)

    def __post_init__(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(
                f"norm {self.id!r}: valid_to {self.valid_to} is before valid_from {self.valid_from}"
            )

    def valid_on(self, day: dt.date) -> bool:
        """Whether the norm applies on ``day``."""
        return (self.valid_from is None or day >= self.valid_from) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class ScoreScale:
    """A vulnerability score's range and its category cut-points per region level.

    ``cut_points`` maps a level (``province``, ``regency``) to the lowest score of the
    ``medium`` and of the ``high`` category; below ``medium_from`` is ``low``.

    >>> scale = load_election().scores["ikp"]
    >>> scale.category(77.04, "regency"), scale.category(13.46, "regency"), scale.category(50, "province")
    ('high', 'low', 'medium')
    """

    id: str
    minimum: float
    maximum: float
    basis: str
    cut_points: dict[str, tuple[float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.maximum <= self.minimum:
            raise ValueError(
                f"score {self.id!r}: maximum {self.maximum} is not above {self.minimum}"
            )
        for level, (medium, high) in self.cut_points.items():
            if not self.minimum <= medium <= high <= self.maximum:
                raise ValueError(
                    f"score {self.id!r}, {level}: expected {self.minimum} ≤ medium_from ≤ "
                    f"high_from ≤ {self.maximum}, got {medium} and {high}"
                )

    def category(self, score: float, level: str) -> str | None:
        """The category of ``score`` at ``level`` (None where no cut-points are published)."""
        if level not in self.cut_points:
            return None
        medium, high = self.cut_points[level]
        return "high" if score >= high else "medium" if score >= medium else "low"


@dataclass(frozen=True)
class Institution:
    """An institution that can be asked to act (KPU, Bawaslu, Polres, the PPK, …)."""

    id: str
    name: Text
    """The name in both languages, e.g. ``name.get("en")``."""


@dataclass(frozen=True)
class Responsibility:
    """Who must act on one indicator that is not ready, and the norm that sets the deadline.

    ``deadline_norm`` names a norm counted in days before voting day (H-n); without one the
    indicator has an owner but no deadline of its own.
    """

    indicator: str
    owner: Institution
    deadline_norm: str | None = None


@dataclass(frozen=True)
class Election:
    """An election: its calendar and norms.

    >>> e = load_election()
    >>> e.voting_day, e.norm("max_voters_per_tps").value, e.staleness_days["logistics"]
    (datetime.date(2024, 11, 27), 600.0, 3)
    """

    id: str
    name_id: str
    name_en: str
    voting_day: dt.date
    calendar_start: dt.date
    calendar_end: dt.date
    norms: dict[str, Norm] = field(default_factory=dict)
    staleness_days: dict[str, int] = field(default_factory=dict)
    """Per table: days after which its figures are stale at the briefing date."""
    scores: dict[str, ScoreScale] = field(default_factory=dict)
    responsibilities: dict[str, Responsibility] = field(default_factory=dict)
    """Per indicator id: the institution that must act when it is not ready."""
    institutions: dict[str, Institution] = field(default_factory=dict)
    """The institutions that can be asked to act, by id."""
    case_stage_owners: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per open case status: referral key (or ``default``) → institution id."""

    def name(self, lang: Language = "id") -> str:
        """The election's name in ``lang``.

        >>> load_election().name("en")
        '2024 simultaneous regional elections (Pilkada)'
        """
        return Text(self.name_id, self.name_en).get(lang)

    def norm(self, norm_id: str) -> Norm:
        """One norm by id; unknown ids raise ``KeyError`` naming the known ones."""
        if norm_id not in self.norms:
            raise KeyError(
                f"election {self.id!r} has no norm {norm_id!r}; known: {', '.join(sorted(self.norms))}"
            )
        return self.norms[norm_id]

    def deadline(self, indicator: str) -> dt.date | None:
        """The day by which an indicator must be ready: voting day minus its H-n norm.

        >>> e = load_election("pilkada-2024")
        >>> e.deadline("logistics_at_tps_kecamatan"), e.deadline("voters_per_tps")
        (datetime.date(2024, 11, 26), None)
        """
        found = self.responsibilities.get(indicator)
        if found is None or found.deadline_norm is None:
            return None
        days = self.norm(found.deadline_norm).value
        return self.voting_day - dt.timedelta(days=int(days))

    def case_owner(self, status: str, referred_to: str | None = None) -> Institution | None:
        """Who must move an open neutrality case on from its stage (``None`` for a closed
        or unknown stage).

        >>> e = load_election("pilkada-2024")
        >>> e.case_owner("recommended", "bkn").name.get("id")
        'Badan Kepegawaian Negara (BKN)'
        >>> e.case_owner("decided", "bkn").name.get("id"), e.case_owner("closed")
        ('Bupati/Wali Kota (pejabat pembina kepegawaian)', None)
        """
        owners = self.case_stage_owners.get(status)
        if not owners:
            return None
        key = owners.get(referred_to or "default") or owners.get("default")
        return self.institutions.get(key) if key else None


def available_elections() -> list[str]:
    """Ids of the packaged elections.

    >>> available_elections()
    ['pilkada-2024']
    """
    folder = resources.files("readiness.contract") / "data" / "elections"
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{where}: expected a date as YYYY-MM-DD, got {value!r}") from None


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_election(election_id: str = DEFAULT_ELECTION, overrides: Path | None = None) -> Election:
    """Load a packaged election, optionally overriding any value from a YAML file.

    The override file has the same shape as the packaged one, e.g.::

        norms:
          max_voters_per_tps:
            value: 500
    """
    if election_id not in available_elections():
        raise ValueError(
            f"unknown election {election_id!r}; expected one of {', '.join(available_elections())}"
        )
    source = resources.files("readiness.contract") / "data" / "elections" / f"{election_id}.yaml"
    data: dict[str, Any] = load_yaml(source.read_text(encoding="utf-8"))
    if overrides is not None:
        extra = load_yaml(Path(overrides).read_text(encoding="utf-8")) or {}
        if not isinstance(extra, dict):
            raise ValueError(f"{overrides}: expected a mapping of election settings, got {extra!r}")
        data = _merge(data, extra)
    norms = {}
    for norm_id, raw in (data.get("norms") or {}).items():
        where = f"{election_id}: norm {norm_id}"
        try:
            value = float(raw["value"])
        except (KeyError, TypeError, ValueError):
            raise ValueError(
                f"{where}: expected a numeric 'value', got {raw.get('value')!r}"
            ) from None
        norms[norm_id] = Norm(
            id=norm_id,
            value=value,
            unit=str(raw.get("unit", "")),
            name_id=str(raw.get("name_id", norm_id)),
            name_en=str(raw.get("name_en", norm_id)),
            basis=str(raw.get("basis", "")),
            basis_id=str(raw.get("basis_id", "")),
            valid_from=_date(raw["valid_from"], where) if raw.get("valid_from") else None,
            valid_to=_date(raw["valid_to"], where) if raw.get("valid_to") else None,
        )
    staleness = {}
    for table, days in (data.get("staleness_days") or {}).items():
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise ValueError(
                f"{election_id}: staleness_days.{table}: expected a whole number of days, "
                f"got {days!r}"
            )
        staleness[str(table)] = days
    scores = {
        score_id: _score_scale(score_id, raw, f"{election_id}: score {score_id}")
        for score_id, raw in (data.get("scores") or {}).items()
    }
    return Election(
        responsibilities=_responsibilities(data, election_id, norms),
        institutions=_institutions(data),
        case_stage_owners=_case_stage_owners(data, election_id),
        id=str(data["id"]),
        name_id=str(data["name_id"]),
        name_en=str(data["name_en"]),
        voting_day=_date(data["voting_day"], f"{election_id}: voting_day"),
        calendar_start=_date(data["calendar_start"], f"{election_id}: calendar_start"),
        calendar_end=_date(data["calendar_end"], f"{election_id}: calendar_end"),
        norms=norms,
        staleness_days=staleness,
        scores=scores,
    )


def _score_scale(score_id: str, raw: Any, where: str) -> ScoreScale:
    try:
        cut_points = {
            str(level): (float(points["medium_from"]), float(points["high_from"]))
            for level, points in (raw.get("cut_points") or {}).items()
        }
        return ScoreScale(
            id=score_id,
            minimum=float(raw["minimum"]),
            maximum=float(raw["maximum"]),
            basis=str(raw.get("basis", "")),
            cut_points=cut_points,
        )
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise ValueError(
            f"{where}: expected minimum, maximum and cut_points with medium_from and high_from "
            f"per level, got {raw!r} ({error})"
        ) from None


def _institutions(data: dict[str, Any]) -> dict[str, Institution]:
    return {
        str(key): Institution(
            id=str(key), name=Text(str(raw.get("name_id", key)), str(raw.get("name_en", key)))
        )
        for key, raw in (data.get("institutions") or {}).items()
    }


def _case_stage_owners(data: dict[str, Any], election_id: str) -> dict[str, dict[str, str]]:
    institutions = _institutions(data)
    found: dict[str, dict[str, str]] = {}
    for status, raw in (data.get("case_stage_owners") or {}).items():
        owners = (
            {str(k): str(v) for k, v in raw.items()}
            if isinstance(raw, dict)
            else {"default": str(raw)}
        )
        unknown = sorted(set(owners.values()) - set(institutions))
        if unknown:
            known = ", ".join(sorted(institutions)) or "none"
            raise ValueError(
                f"{election_id}: case_stage_owners.{status}: expected owners among the "
                f"institutions ({known}), got {', '.join(unknown)}"
            )
        found[str(status)] = owners
    return found


def _responsibilities(
    data: dict[str, Any], election_id: str, norms: dict[str, Norm]
) -> dict[str, Responsibility]:
    institutions = _institutions(data)
    found: dict[str, Responsibility] = {}
    for indicator, raw in (data.get("responsibilities") or {}).items():
        where = f"{election_id}: responsibilities.{indicator}"
        owner = raw.get("owner") if isinstance(raw, dict) else None
        if owner not in institutions:
            known = ", ".join(sorted(institutions)) or "none"
            raise ValueError(
                f"{where}: expected an owner among the institutions ({known}), got {owner!r}"
            )
        deadline_norm = raw.get("deadline_norm")
        if deadline_norm is not None and deadline_norm not in norms:
            raise ValueError(
                f"{where}: expected deadline_norm to name a norm of this election, got {deadline_norm!r}"
            )
        found[str(indicator)] = Responsibility(
            indicator=str(indicator),
            owner=institutions[owner],
            deadline_norm=None if deadline_norm is None else str(deadline_norm),
        )
    return found
