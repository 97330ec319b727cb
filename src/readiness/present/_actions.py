"""What must be done, by whom and by when, for each regency that is not ready.

Pure and typed: :func:`decision_items` reads indicator frames, the dataset and the election
and returns plain data (:class:`Decision`); every phrase is a :class:`~readiness.contract.Text`
in both languages, so the briefing's decision page and the daily situation report show the
same items.

* An **action** is one problem of one regency (a group of related indicators that are
  critical or need attention), the institution that must act (from the election's
  responsibilities; for neutrality cases, the owner of each case's stage), the deadline (the
  indicator's H-n norm; for a case, its stage date plus the days a case may stay in a stage),
  the concrete items from the data (kecamatan by name, TPS, cases by subject and stage) and
  the date of the report it comes from.
* A **stale** figure or a **plan** with no actual report is not ready either: its action is to
  get a current report, owned by the regency's Pilkada desk.
* A **data gap** (a core figure not reported, a table past its freshness limit with no action
  on it) is a **request** to the regency, not an action.
* **Carry-over**: an action whose problem was already open in the earlier snapshots of the
  same dataset says since when (``open_since``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import polars as pl

from readiness.contract import TABLES, Election, Institution, Text, format_in_unit
from readiness.present._action_items import (
    PHRASES,
    both,
    case_deadline,
    case_items,
    day_text,
    h_text,
    logistics_items,
    open_cases,
    rows_of,
    security_items,
    short,
    short_date,
    summary_row,
    tps_items,
    usable,
)
from readiness.present._action_types import (
    Action,
    ActionKind,
    DataRequest,
    Decision,
    Severity,
    StaleTable,
)

__all__ = [
    "DATA_GAP_INDICATORS",
    "FINAL_WEEK_DAYS",
    "Action",
    "ActionKind",
    "DataRequest",
    "Decision",
    "Severity",
    "StaleTable",
    "deadline_text",
    "decision_items",
]

FINAL_WEEK_DAYS = 7
"""From H-7 to voting day a regency without any logistics report is named on the decision
page itself, not only among the data requests."""

_SEVERITY_ORDER: dict[str, int] = {"critical": 0, "attention": 1, "plan_only": 2, "stale": 3}
_ACT = ("critical", "attention")
_DESK = "regency_desk"
DATA_GAP_INDICATORS = frozenset({"data_coverage"})
"""Indicators whose gaps are requests to the regency, never actions."""
_TOPIC_TABLE = {"logistics": "logistics", "neutrality": "neutrality_cases"}
"""Topic of an action → the table a stale report of it comes from."""


def deadline_text(
    deadline: dt.date | None, as_of: dt.date, voting_day: dt.date, *, undated: bool = False
) -> Text:
    """The deadline as a reader acts on it: ``H-1, Selasa 26 November 2024``, today, or now
    when it has passed or no norm sets one.

    >>> import datetime as dt
    >>> vote, today = dt.date(2024, 11, 27), dt.date(2024, 11, 25)
    >>> deadline_text(dt.date(2024, 11, 26), today, vote).get("id")
    'H-1, Selasa 26 November 2024'
    >>> deadline_text(dt.date(2024, 11, 25), today, vote).get("en")
    'Today, D-2, Monday 25 November 2024'
    >>> deadline_text(dt.date(2024, 11, 13), today, vote).get("id")
    'Segera — tenggat H-14, Rabu 13 November 2024 sudah lewat'
    >>> deadline_text(None, today, vote).get("en")
    'Now — the norms set no deadline'
    >>> deadline_text(None, today, vote, undated=True).get("en")
    "Now — the date of the cases' stage is not reported"
    """
    if deadline is None:
        return PHRASES["deadline_undated" if undated else "deadline_none"]
    key = "deadline_on" if deadline > as_of else "deadline_today"
    if deadline < as_of:
        key = "deadline_past"
    return both(
        lambda lang: (
            PHRASES[key]
            .format(h=h_text(deadline, voting_day, lang), day=day_text(deadline, lang))
            .get(lang)
        )
    )


# ---- which indicators are open -------------------------------------------------------------
def _topic(indicator: str) -> str:
    for prefix, topic in (("logistics_", "logistics"), ("ballot_", "logistics"),
                          ("neutrality_", "neutrality"), ("police_", "police")):  # fmt: skip
        if indicator.startswith(prefix):
            return topic
    return indicator


@dataclass(frozen=True)
class _Group:
    code: str
    topic: str
    kind: ActionKind
    rows: tuple[dict[str, Any], ...]
    """The open indicator rows, most severe first."""

    @property
    def severity(self) -> Severity:
        status: Severity = self.rows[0]["status"]
        return status


def _open_groups(regencies: pl.DataFrame, election: Election, codes: list[str]) -> list[_Group]:
    """The open problems: owned indicators that are critical, need attention, are stale or
    only planned, grouped by regency and topic (an "act" group when one of its figures is
    critical or needs attention, else a "report" group: get a current report first)."""
    owned = [i for i in election.responsibilities if i not in DATA_GAP_INDICATORS]
    order = {indicator: rank for rank, indicator in enumerate(owned)}
    flagged = regencies.filter(
        pl.col("indicator").is_in(owned)
        & pl.col("status").is_in(list(_SEVERITY_ORDER))
        & pl.col("region_code").is_in(codes)
    )
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in flagged.iter_rows(named=True):
        groups.setdefault((row["region_code"], _topic(row["indicator"])), []).append(row)
    found = []
    for (code, topic), rows in groups.items():
        ordered = tuple(sorted(
            rows, key=lambda r: (_SEVERITY_ORDER[r["status"]], order[r["indicator"]])))  # fmt: skip
        kind: ActionKind = "act" if ordered[0]["status"] in _ACT else "report"
        found.append(_Group(code, topic, kind, ordered))
    position = {code: rank for rank, code in enumerate(codes)}
    worst: dict[str, int] = {}
    for group in found:
        rank = _SEVERITY_ORDER[group.severity]
        worst[group.code] = min(worst.get(group.code, 9), rank)
    return sorted(
        found,
        key=lambda g: (worst[g.code], position[g.code], _SEVERITY_ORDER[g.severity], g.topic),
    )


# ---- one action ----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Context:
    election: Election
    as_of: dt.date
    registry: Any
    tables: Mapping[str, pl.DataFrame]
    names: Mapping[str, str]

    def table(self, name: str) -> pl.DataFrame:
        return self.tables.get(name, pl.DataFrame())

    def kecamatan(self, code: str) -> dict[str, str]:
        from readiness.regions import children

        try:
            frame = children(code)
        except (KeyError, ValueError):
            return {}
        return dict(zip(frame["code"].to_list(), frame["name"].to_list(), strict=True))


def _figure(row: Mapping[str, Any], registry: Any) -> Text:
    """``Tindak lanjut kasus netralitas: 0,0 %`` — the indicator in words and its value."""
    name = _name(row["indicator"], registry)
    return both(lambda lang: f"{name.get(lang)}: {format_in_unit(row['value'], row['unit'], lang)}")


def _problem(group: _Group, context: _Context) -> Text:
    """The open indicators in words with their figures; for a stale figure the date of its
    report, for a plan that nothing actual was reported."""
    acting = [r for r in group.rows if r["status"] in _ACT][:2]
    parts = [_figure(row, context.registry) for row in acting]
    waiting = [r for r in group.rows if r["status"] not in _ACT]
    if waiting:
        first = waiting[0]
        if first["status"] == "plan_only" and parts:
            parts.append(PHRASES["plan_short"])
        elif first["status"] == "plan_only":
            name = _name(first["indicator"], context.registry)
            parts.append(both(lambda lang: PHRASES["plan_problem"].format(
                figure=name.get(lang)).get(lang)))  # fmt: skip
        else:
            day = first.get("oldest_as_of") or first.get("as_of")
            figure = _figure(first, context.registry)
            parts.append(both(lambda lang: PHRASES["stale_problem"].format(
                date=short_date(day, lang) if day else "–", figure=figure.get(lang)).get(lang)))  # fmt: skip
    return both(lambda lang: "; ".join(part.get(lang) for part in parts))


def _name(indicator: str, registry: Any) -> Text:
    if indicator not in registry:
        return Text(indicator, indicator)
    spec = registry[indicator]
    return Text(spec.name("id"), spec.name("en"))


def _action(group: _Group, context: _Context) -> Action:
    election, as_of = context.election, context.as_of
    indicators = tuple(row["indicator"] for row in group.rows)
    owners: list[Institution] = []
    deadlines = [d for d in (election.deadline(i) for i in indicators) if d is not None]
    items: tuple[Text, ...] = ()
    cases = (
        open_cases(context.table("neutrality_cases"), group.code, as_of)
        if group.topic == "neutrality"
        else pl.DataFrame()
    )
    if group.topic == "neutrality":
        deadlines = [d for d in (case_deadline(r, election) for r in cases.iter_rows(named=True))
                     if d is not None]  # fmt: skip
        if group.kind == "act":
            owners = [o for o in (election.case_owner(r["status"], r.get("referred_to"))
                                  for r in cases.iter_rows(named=True)) if o is not None]  # fmt: skip
    acting = [r["indicator"] for r in group.rows if r["status"] in _ACT]
    if not owners:
        owners = [election.responsibilities[i].owner for i in acting]
    desk = election.institutions.get(_DESK)
    if len(acting) < len(indicators) and desk is not None:
        owners.append(desk)  # a stale figure or a plan: the desk gets a current report
    unique = tuple({owner.id: owner for owner in owners}.values())
    if group.topic == "logistics":
        items = logistics_items(
            group.code, as_of, election, context.table("logistics"), context.table("summary"),
            context.table("polling_stations"), context.kecamatan(group.code),
        )  # fmt: skip
    elif group.topic == "neutrality":
        items = case_items(cases, election, with_owner=group.kind == "act" and len(unique) > 1)
    elif group.topic in ("police", "linmas_per_tps", "kpps_per_tps"):
        items = security_items(group.code, as_of, context.table("summary"))
    elif group.topic.startswith("voters_per_tps"):
        items = tps_items(group.code, as_of, election, context.table("polling_stations"))
    if group.kind == "report":
        dates = [r.get("oldest_as_of") or r.get("as_of") for r in group.rows]
    else:
        dates = [r.get("as_of") for r in group.rows if r["status"] in _ACT]
    known = [d for d in dates if d is not None]
    report = (min(known) if group.kind == "report" else max(known)) if known else None
    return Action(
        region_code=group.code, region_name=context.names.get(group.code, group.code),
        topic=group.topic, kind=group.kind, severity=group.severity, indicators=indicators,
        problem=_problem(group, context), owners=unique,
        deadline=min(deadlines) if deadlines else None, items=items, report_date=report,
        undated=not deadlines and cases.height > 0,
    )  # fmt: skip


# ---- requests to regencies -----------------------------------------------------------------
_CORE_FIGURES = ("tps", "voters", "tps_khusus", "security_personnel", "village_count")
"""The summary figures the data coverage counts (with the logistics and vulnerability
tables)."""


def _label(table: str, column: str | None = None) -> Text:
    spec = TABLES[table]  # type: ignore[index]
    if column is None:
        return Text(spec.sheet("id"), spec.sheet("en"))
    found = spec.column(column)
    return Text(found.label("id"), found.label("en"))


def _missing(code: str, context: _Context) -> list[Text]:
    """The core figures and tables a regency has not reported (a neutrality case count of 0
    is a report: only silence is asked for)."""
    as_of = context.as_of
    row = summary_row(context.table("summary"), code, as_of)
    missing: list[Text] = []
    for column in _CORE_FIGURES:
        if row.get(column) is not None:
            continue
        if column != "security_personnel":
            missing.append(_label("summary", column))
        elif rows_of(context.table("personnel"), code, as_of).height == 0:
            missing.append(PHRASES["security_personnel"])
    for table in ("logistics", "vulnerabilities"):
        if rows_of(context.table(table), code, as_of).height == 0:
            missing.append(_label(table))
    cases = rows_of(context.table("neutrality_cases"), code, as_of)
    if cases.height == 0 and row.get("cases_stated") is None:
        what = _label("neutrality_cases")
        missing.append(both(lambda lang: PHRASES["not_stated_zero"].format(
            what=what.get(lang)).get(lang)))  # fmt: skip
    return missing


def _stale(code: str, context: _Context, covered: set[tuple[str, str]]) -> list[StaleTable]:
    """The regency's tables past their freshness limit that no action already asks for."""
    stale = []
    for table, limit in context.election.staleness_days.items():
        topic = next((t for t, n in _TOPIC_TABLE.items() if n == table), table)
        rows = rows_of(context.table(table), code, context.as_of)
        if (code, topic) in covered or rows.height == 0 or "as_of" not in rows.columns:
            continue
        last: dt.date | None = rows["as_of"].max()  # type: ignore[assignment]
        if last is not None and (context.as_of - last).days > limit:
            stale.append(StaleTable(_label(table), last))
    return stale


def _rejected(dataset: Any, invalid: pl.DataFrame | None) -> list[str]:
    """The region code of each rejected row (once per row, however many findings)."""
    if invalid is None or invalid.height == 0 or "_index" not in invalid.columns:
        return []
    codes: list[str] = []
    rows = invalid.filter(pl.col("_index").is_not_null()).unique(["table", "_index"])
    for (name,), part in rows.partition_by("table", as_dict=True).items():
        frame = dataset.tables.get(name)
        if frame is None or "region_code" not in frame.columns:
            continue
        found = frame["region_code"].gather(part["_index"].cast(pl.UInt32)).drop_nulls()
        codes.extend(found.to_list())
    return codes


def _requests(
    codes: list[str], context: _Context, actions: list[Action], rejected: list[str]
) -> list[DataRequest]:
    covered = {action.key for action in actions}
    found = []
    for code in codes:
        missing, stale = _missing(code, context), _stale(code, context, covered)
        count = sum(1 for c in rejected if c == code or c.startswith(code + "."))
        if missing or stale or count:
            name = context.names.get(code, code)
            found.append(DataRequest(code, name, tuple(missing), tuple(stale), count))
    return found


# ---- the public function -------------------------------------------------------------------
def _snapshot_dates(tables: Mapping[str, pl.DataFrame], before: dt.date) -> list[dt.date]:
    """The report dates of the dataset before ``before``, latest first (published figures are
    not regency reports)."""
    days: set[dt.date] = set()
    for name, frame in tables.items():
        if name == "published_figures" or "as_of" not in frame.columns:
            continue
        days |= {d for d in frame["as_of"].drop_nulls().unique().to_list() if d < before}
    return sorted(days, reverse=True)


def _carry_over(
    actions: list[Action], dataset: Any, context: _Context, codes: list[str],
    invalid: pl.DataFrame | None,
) -> list[Action]:  # fmt: skip
    """Each action with the first snapshot since which its problem has been open."""
    from readiness.indicators import compute_levels

    election = context.election
    owned = [i for i in election.responsibilities if i not in DATA_GAP_INDICATORS]
    open_keys = {action.key for action in actions}
    since: dict[tuple[str, str], dt.date] = {}
    for day in _snapshot_dates(context.tables, context.as_of):
        if not open_keys:
            break
        frame = compute_levels(
            dataset, ("kabupaten",), election=election, as_of=day, indicators=owned,
            invalid=invalid,
        )["kabupaten"]  # fmt: skip
        still = {(g.code, g.topic) for g in _open_groups(frame, election, codes)}
        open_keys &= still
        for key in open_keys:
            since[key] = day
    return [replace(a, open_since=since.get(a.key)) for a in actions]


def decision_items(
    levels: Mapping[str, pl.DataFrame],
    dataset: Any,
    election: Election,
    as_of: dt.date,
    *,
    province: str | None = None,
    invalid: pl.DataFrame | None = None,
    carry_over: bool = True,
) -> Decision:
    """The actions for each regency that is not ready, and the requests to regencies.

    ``levels`` are the indicator frames by level as :func:`readiness.indicators.compute_levels`
    returns them for ``as_of`` (the ``kabupaten`` frame is read); ``dataset`` is the
    :class:`~readiness.ingest.Dataset` they were computed from (the items are read from its
    tables, without the rows in ``invalid``, the frame of
    :func:`readiness.validation.invalid_rows`); ``election`` gives the owners, the H-n
    deadlines and the freshness limits. ``province`` restricts the regencies (default: those
    of the frame). With ``carry_over``, the indicators are computed again at each earlier
    snapshot of the dataset while a problem stays open, to say since when.

    Actions come critical regencies first, then those needing attention, then those with
    only stale or planned figures; requests follow the regency codes.

    >>> import datetime as dt, polars as pl
    >>> from readiness.contract import load_election
    >>> from readiness.indicators import compute_levels
    >>> from readiness.ingest import Dataset
    >>> day = dt.date(2024, 11, 25)
    >>> logistics = pl.DataFrame({"region_code": ["64.03.03", "64.03.05"],
    ...     "region_name": ["Sambaliung", "Tanjung Redeb"], "item": ["all", "all"],
    ...     "stage": ["kpu", "ppk"], "basis": ["actual", "actual"], "as_of": [day, day]})
    >>> data = Dataset("berau", tables={"logistics": logistics})
    >>> decision = decision_items(compute_levels(data, ("kabupaten",), as_of=day), data,
    ...                           load_election(), day, province="64")
    >>> action = decision.actions[0]
    >>> action.region_name, action.owners[0].name.get("id"), action.deadline
    ('Berau', 'KPU kabupaten/kota', datetime.date(2024, 11, 25))
    >>> action.items[0].get("id")
    'Masih di Gudang KPU kab/kota: Sambaliung'
    """
    regencies = levels["kabupaten"]
    from readiness.regions import children

    if province is None:
        codes = sorted(set(regencies["region_code"].to_list()))
        province = codes[0].split(".")[0] if codes else ""
    table = children(province) if province else pl.DataFrame({"code": [], "name": []})
    names = {code: short(name) for code, name in zip(table["code"], table["name"], strict=True)}
    codes = list(names)
    tables = {name: usable(dataset, name, invalid) for name in {*dataset.tables, *TABLES}}
    context = _Context(election, as_of, _registry(), tables, names)
    actions = [_action(group, context) for group in _open_groups(regencies, election, codes)]
    if carry_over and actions:
        actions = _carry_over(actions, dataset, context, codes, invalid)
    return Decision(
        as_of=as_of, voting_day=election.voting_day, actions=tuple(actions),
        requests=tuple(_requests(codes, context, actions, _rejected(dataset, invalid))),
        silent_logistics=_silent_logistics(codes, context),
    )  # fmt: skip


def _silent_logistics(codes: list[str], context: _Context) -> tuple[str, ...]:
    """The regencies without any logistics report (actual or plan) in the final week."""
    days_left = (context.election.voting_day - context.as_of).days
    if not 0 <= days_left <= FINAL_WEEK_DAYS:
        return ()
    logistics = context.table("logistics")
    return tuple(
        context.names.get(code, code)
        for code in codes
        if rows_of(logistics, code, context.as_of).height == 0
    )


def _registry() -> Any:
    from readiness.indicators import load_registry

    return load_registry()
