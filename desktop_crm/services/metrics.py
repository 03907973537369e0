"""Dashboard KPIs (issue #5), each a few SQL aggregate queries over a period and a scope.

Rules shared by every function here:

- **Period**: `MetricFilter.start` is included, `end` excluded, both calendar days in UTC.
  Timestamps are stored in UTC, so a deal created on 1 July at 00:30 in Paris (30 June,
  22:30 UTC) belongs to June; a user's local day is not used. Date columns (`closed_at`,
  `expected_close_date`, campaign dates) are calendar dates and are compared as they are.
- **Scope**: soft-deleted rows (`deleted_at` set) never count. `owner_ids` keeps records
  owned by one of those users; `team_id` keeps records whose owner is in that team; both
  together keep the records that satisfy both. `pipeline_id` narrows deal KPIs; KPIs on
  leads, campaigns, activities and cases ignore it.
- **Money**: amounts are integer minor units with an ISO 4217 currency, and currencies are
  never added together. Every money KPI keeps the deals (or campaigns) in the filter's
  currency and reports how many it left out, per other currency, in `other_currencies`,
  so a dashboard can say "12 deals in USD not shown".
- Results are small frozen dataclasses; ratios are None (never a ZeroDivisionError) when
  their denominator is zero.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    String,
    and_,
    case,
    cast,
    column,
    distinct,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    table,
    text,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import quoted_name

from desktop_crm.models import (
    Campaign,
    Case,
    JournalOperation,
    Lead,
    Opportunity,
    Pipeline,
    PipelineStage,
    User,
)
from desktop_crm.models.activity import ACTIVITY_TYPES
from desktop_crm.models.case import CASE_PRIORITIES
from desktop_crm.models.journal import STAGE_MOVES, STAGE_MOVES_INDEX

#: Case statuses that still need work.
OPEN_CASE_STATUSES = ("new", "open", "pending")

_PERIOD = re.compile(r"([0-9]{4})(?:-(?:[Qq]([1-4])|([0-9]{1,2})))?")


# --- filter and periods -----------------------------------------------------------------------


@dataclass(frozen=True)
class MetricFilter:
    """What the KPIs are computed over: the days [start, end) in UTC, optionally the records
    of some owners and/or of one team, one pipeline, and the currency money is shown in."""

    start: date
    end: date
    owner_ids: tuple[str, ...] | None = None
    team_id: str | None = None
    pipeline_id: str | None = None
    currency: str = "EUR"

    def __post_init__(self) -> None:
        if isinstance(self.start, datetime) or isinstance(self.end, datetime):
            raise TypeError("start and end are calendar dates, not datetimes")
        if self.end <= self.start:
            raise ValueError(
                f"the period must end after it starts: {self.start} to {self.end} "
                "(the end day is excluded)"
            )
        if not re.fullmatch(r"[A-Z]{3}", self.currency):
            raise ValueError(f"currency must be an ISO 4217 code like EUR, not {self.currency!r}")
        if isinstance(self.owner_ids, str):
            raise TypeError("owner_ids is a tuple of user ids, not one string")
        if self.owner_ids is not None and not isinstance(self.owner_ids, tuple):
            object.__setattr__(self, "owner_ids", tuple(self.owner_ids))  # a list, a set

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def previous(self) -> MetricFilter:
        """The same filter over the period just before this one: the previous quarter for a
        quarter, the previous month for a month, the previous year for a year, otherwise
        the same number of days."""
        start, end = self.start, self.end
        if start.day == 1 and end.day == 1:
            months = (end.year - start.year) * 12 + end.month - start.month
            previous_start = _add_months(start, -months)
        else:
            previous_start = date.fromordinal(start.toordinal() - self.days)
        return MetricFilter(
            previous_start, start, self.owner_ids, self.team_id, self.pipeline_id, self.currency
        )


def period_from_text(text: str) -> tuple[date, date]:
    """(start, end excluded) of "2026" (a year), "2026-07" (a month) or "2026-Q3" (a quarter).

    Raises ValueError saying which forms are accepted."""
    match = _PERIOD.fullmatch(text.strip())
    if match is None:
        raise ValueError(
            f"period {text!r} is not understood: write a year (2026), a month (2026-07) "
            "or a quarter (2026-Q3)"
        )
    year = int(match[1])
    if not 1 <= year <= 9998:
        raise ValueError(f"period {text!r}: year {year} is out of range")
    if match[2]:
        start = date(year, 3 * int(match[2]) - 2, 1)
        return start, _add_months(start, 3)
    if match[3]:
        month = int(match[3])
        if not 1 <= month <= 12:
            raise ValueError(f"period {text!r}: month {month} is not between 01 and 12")
        start = date(year, month, 1)
        return start, _add_months(start, 1)
    return date(year, 1, 1), date(year + 1, 1, 1)


def _add_months(first_day: date, months: int) -> date:
    index = first_day.year * 12 + first_day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _months(start: date, end: date) -> list[date]:
    """First days of the months that the days [start, end) touch."""
    last = date.fromordinal(end.toordinal() - 1)
    month, months = start.replace(day=1), []
    while month <= last:
        months.append(month)
        month = _add_months(month, 1)
    return months


def _year_earlier(day: date) -> date:
    return day.replace(year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


def _utc(day: date) -> datetime:
    """Midnight UTC of `day`, for comparing with stored UTC timestamps."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


# --- scope helpers ----------------------------------------------------------------------------


def _owned(owner_id: Any, f: MetricFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.owner_ids is not None:
        conditions.append(owner_id.in_(f.owner_ids))
    if f.team_id is not None:
        conditions.append(
            owner_id.in_(select(User.id).where(User.team_id == f.team_id).scalar_subquery())
        )
    return conditions


def _deals(f: MetricFilter) -> list[ColumnElement[bool]]:
    """Live deals of the filter's owners/team and pipeline."""
    conditions = [Opportunity.deleted_at.is_(None), *_owned(Opportunity.owner_id, f)]
    if f.pipeline_id is not None:
        conditions.append(Opportunity.pipeline_id == f.pipeline_id)
    return conditions


def _ts_in(column: Any, start: date, end: date) -> ColumnElement[bool]:
    return and_(column >= _utc(start), column < _utc(end))


def _date_in(column: Any, start: date, end: date) -> ColumnElement[bool]:
    return and_(column >= start, column < end)


def _other(counts: Iterable[tuple[str, int]], currency: str) -> dict[str, int]:
    """{currency: count} of the rows not in `currency`, summed per currency, sorted."""
    other: dict[str, int] = {}
    for code, count in counts:
        if code != currency and count:
            other[code] = other.get(code, 0) + count
    return dict(sorted(other.items()))


def _month_of(day_column: Any) -> ColumnElement[Any]:
    """'2026-07' of a stored calendar date ('2026-07-14'): its first seven characters, which
    costs a fraction of strftime's parsing on every deal of a range."""
    return func.substr(day_column, 1, 7)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _weighted(amount_times_percent: int) -> int:
    """sum(amount × probability) / 100, rounded half up, in minor units."""
    return (amount_times_percent + 50) // 100


# --- currencies and change ---------------------------------------------------------------


def currencies_in_use(session: Session, f: MetricFilter) -> tuple[str, ...]:
    """Currencies of the live deals in the filter's scope (owners, team, pipeline), then of
    its campaigns, most used first (ties by code): the currencies a dashboard shows money
    in, one at a time, since amounts in different currencies are never added. The period
    is not used, so the choice of currency stays put while the user changes periods."""
    o, c = Opportunity, Campaign
    counts: dict[str, int] = {}
    deals = session.execute(
        select(o.currency, func.count()).where(*_deals(f)).group_by(o.currency)
    ).all()
    campaigns = session.execute(
        select(c.currency, func.count())
        .where(c.deleted_at.is_(None), *_owned(c.owner_id, f))
        .group_by(c.currency)
    ).all()
    for code, n in [*deals, *campaigns]:
        counts[code] = counts.get(code, 0) + n
    return tuple(sorted(counts, key=lambda code: (-counts[code], code)))


def change(current: float | None, previous: float | None) -> float | None:
    """Relative change from the previous period (0.25 for +25 %); None when either value is
    unknown or the previous one is 0 (a rise from nothing has no percentage)."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / abs(previous)


# --- win rate ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WinRate:
    won: int  #: deals won with a close date in the period
    lost: int  #: deals lost with a close date in the period
    rate: float | None  #: won / (won + lost); None when nothing closed
    #: closed deals (any time) with no close date: in no period, so left out of the rate
    undated: int

    @property
    def closed(self) -> int:
        return self.won + self.lost


def win_rate(session: Session, f: MetricFilter) -> WinRate:
    """Won / closed, over deals won or lost with `closed_at` in the period. Counts only, so
    every currency counts."""
    o = Opportunity
    # Two index ranges per status (the period, and no close date), each read alone.
    closed = dict(
        session.execute(
            select(o.status, func.count())
            .where(*_deals(f), o.status.in_(("won", "lost")), _date_in(o.closed_at, f.start, f.end))
            .group_by(o.status)
        ).all()
    )
    undated = session.execute(
        select(func.count()).where(*_deals(f), o.status.in_(("won", "lost")), o.closed_at.is_(None))
    ).scalar_one()
    won, lost = closed.get("won", 0), closed.get("lost", 0)
    return WinRate(won, lost, _share(won, won + lost), undated)


# --- conversion by stage ----------------------------------------------------------------------


@dataclass(frozen=True)
class StageReach:
    stage_id: str
    name: str
    position: int
    kind: str  #: "open", "won" or "lost"
    deals: int  #: deals of the cohort that reached the stage
    share: float | None  #: deals / cohort size; None for an empty cohort


@dataclass(frozen=True)
class StageConversion:
    pipeline_id: str | None  #: None when the database has no pipeline
    deals: int  #: the cohort: deals of the pipeline created in the period
    stages: tuple[StageReach, ...]  #: the pipeline's live stages in board order


#: The journal read through its partial index of stage moves (a FROM item, unquoted).
_JOURNAL_STAGE_MOVES = table(
    quoted_name(f"journal_entries INDEXED BY {STAGE_MOVES_INDEX}", quote=False)
)


def conversion_by_stage(session: Session, f: MetricFilter) -> StageConversion:
    """Share of the deals created in the period (the cohort) that reached each stage of the
    pipeline (`f.pipeline_id`, else the default pipeline), in stage order.

    A deal's visited stages are its current stage plus every old and new value of its
    `stage_id` changes in the change journal (so also the stage it was created in), except
    changes undone since (a mistaken drag, undone, was no visit) and the undo writes. The rule:
    a deal reached an open or won stage if it ever was in that stage or in a later one by
    position, lost stages left aside (being lost says nothing about how far a deal got);
    it reached a lost stage only if it was in it. So a deal won straight from the first
    stage reached every open stage, and one lost from Proposal reached the stages up to
    Proposal and Lost, not Negotiation or Won. Every deal starts somewhere, so a deal only
    ever seen in lost stages (created lost, or its history imported without the journal)
    counts as having reached the first open stage, which thus always has the whole cohort.
    Stages of other pipelines in a deal's history (a deal moved between pipelines) are
    ignored; deleted stages still count for positions but are not listed. Changes pulled by
    sync are not journaled locally, so a deal moved on another computer shows only the
    stages this journal saw plus its current one.
    """
    pipeline_id = (
        f.pipeline_id
        or session.execute(
            select(Pipeline.id)
            .where(Pipeline.deleted_at.is_(None))
            .order_by(Pipeline.is_default.desc(), Pipeline.created_at, Pipeline.id)
            .limit(1)
        ).scalar()
    )
    if pipeline_id is None:
        return StageConversion(None, 0, ())
    o, op, s = Opportunity, JournalOperation, PipelineStage
    in_cohort = [*_deals(f), o.pipeline_id == pipeline_id, _ts_in(o.created_at, f.start, f.end)]
    # Stage changes, leaving out moves that were undone and the undo writes themselves,
    # read from the partial index of stage moves (named: without statistics on it, SQLite
    # would pick the index of every entry by row and read each entry of the cohort's deals).
    kept = literal_column("operation_id").not_in(
        select(op.id).where(or_(op.undone_by.is_not(None), op.kind == "undo"))
    )
    # Every deal ever moved (one read of that small index): a deal of the cohort that is
    # not among them was only ever in its current stage, so those are counted per stage
    # straight from the index of deals, and only the moved deals' histories are gathered.
    ever_moved: Select[Any] = (
        select(literal_column("row_id"))
        .select_from(_JOURNAL_STAGE_MOVES)
        .where(text(STAGE_MOVES), kept)
    )
    cohort = select(o.id, o.stage_id).where(*in_cohort, o.id.in_(ever_moved)).cte("cohort")
    # IN, not joins, so SQLite looks the cohort's entries up by row id instead of scanning.
    moves = (
        select(
            literal_column("row_id").label("row_id"),
            literal_column("old_value").label("old_value"),
            literal_column("new_value").label("new_value"),
        )
        .select_from(_JOURNAL_STAGE_MOVES)
        .where(literal_column("row_id").in_(select(cohort.c.id)), text(STAGE_MOVES), kept)
        .cte("moves")
    )
    visits = union_all(
        select(cohort.c.id.label("deal"), cohort.c.stage_id.label("stage")),
        select(moves.c.row_id, moves.c.old_value),
        select(moves.c.row_id, moves.c.new_value),
    ).cte("visits")
    # A stage id of another pipeline (or none) keeps its deal in the cohort, with no stage.
    visited = (
        select(visits.c.deal, s.id.label("stage_id"), s.position, s.kind)
        .select_from(
            visits.outerjoin(s, and_(s.id == visits.c.stage, s.pipeline_id == pipeline_id))
        )
        .cte("visited")
    )
    per_deal = (
        select(func.max(case((visited.c.kind != "lost", visited.c.position))).label("furthest"))
        .group_by(visited.c.deal)
        .subquery("per_deal")
    )
    # One statement, so the history is gathered once: moved deals per furthest position
    # reached (NULL: only ever in lost stages), moved deals per lost stage visited, and the
    # deals never moved per current stage.
    rows = session.execute(
        union_all(
            select(literal("reach"), per_deal.c.furthest, null(), func.count()).group_by(
                per_deal.c.furthest
            ),
            select(
                literal("lost"), null(), visited.c.stage_id, func.count(distinct(visited.c.deal))
            )
            .where(visited.c.kind == "lost")
            .group_by(visited.c.stage_id),
            select(literal("stayed"), null(), o.stage_id, func.count())
            .where(*in_cohort, o.id.not_in(ever_moved))
            .group_by(o.stage_id),
        )
    ).all()
    # Every stage of the pipeline, deleted ones too: they still count for positions.
    all_stages = session.execute(
        select(s.id, s.name, s.position, s.kind, s.deleted_at.is_(None))
        .where(s.pipeline_id == pipeline_id)
        .order_by(s.position, s.id)
    ).all()
    place = {stage_id: (position, kind) for stage_id, _, position, kind, _ in all_stages}
    progress = [(position, n) for what, position, _, n in rows if what == "reach"]
    lost_visits: dict[str, int] = {stage_id: n for what, _, stage_id, n in rows if what == "lost"}
    for what, _, stage_id, n in rows:
        if what != "stayed":
            continue
        position, kind = place.get(stage_id, (None, None))
        if kind == "lost":
            lost_visits[stage_id] = lost_visits.get(stage_id, 0) + n
            position = None
        progress.append((position, n))
    stages = [row[:4] for row in all_stages if row[4]]
    cohort_size = sum(count for _, count in progress)
    first = min((position for _, _, position, kind in stages if kind != "lost"), default=0)
    furthest_counts = [(first if p is None else p, n) for p, n in progress]
    reaches = []
    for stage_id, name, position, kind in stages:
        if kind == "lost":
            reached = lost_visits.get(stage_id, 0)
        else:
            reached = sum(n for p, n in furthest_counts if p >= position)
        reaches.append(
            StageReach(stage_id, name, position, kind, reached, _share(reached, cohort_size))
        )
    return StageConversion(pipeline_id, cohort_size, tuple(reaches))


# --- sales cycle ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SalesCycle:
    deals: int  #: deals won in the period
    mean_days: float | None
    median_days: float | None


def sales_cycle(session: Session, f: MetricFilter) -> SalesCycle:
    """Days from creation to close (calendar days: close date − UTC creation date) of the
    deals won with `closed_at` in the period. One query returns how many deals took each
    number of days (a few hundred rows at most); mean and median come from that."""
    o = Opportunity
    days = cast(func.julianday(o.closed_at) - func.julianday(func.date(o.created_at)), Integer)
    histogram: list[tuple[int, int]] = [
        (d, n)
        for d, n in session.execute(
            select(days, func.count())
            .where(*_deals(f), o.status == "won", _date_in(o.closed_at, f.start, f.end))
            .group_by(days)
            .order_by(days)
        ).all()
    ]
    deals = sum(n for _, n in histogram)
    if not deals:
        return SalesCycle(0, None, None)
    mean = sum(d * n for d, n in histogram) / deals
    return SalesCycle(deals, mean, _histogram_median(histogram, deals))


def _histogram_median(histogram: Sequence[tuple[int, int]], total: int) -> float:
    """Median of values given as ascending (value, count) pairs."""
    wanted = [(total - 1) // 2, total // 2]  # 0-based ranks of the middle value(s)
    found: list[int] = []
    seen = 0
    for value, count in histogram:
        while wanted and wanted[0] < seen + count:
            found.append(value)
            wanted.pop(0)
        seen += count
    return statistics.fmean(found)


# --- average won value ------------------------------------------------------------------------


@dataclass(frozen=True)
class AverageWonValue:
    currency: str
    deals: int  #: deals won in the period in `currency` with an amount
    total_minor: int
    average_minor: int | None  #: rounded to the minor unit; None when no deal
    without_amount: int  #: won in the period in `currency` but with no amount: left out
    other_currencies: dict[str, int] = field(default_factory=dict)


def average_won_value(session: Session, f: MetricFilter) -> AverageWonValue:
    """Mean amount of the deals won with `closed_at` in the period, in `f.currency`."""
    o = Opportunity
    rows = session.execute(
        select(o.currency, func.count(), func.count(o.amount_minor), func.sum(o.amount_minor))
        .where(*_deals(f), o.status == "won", _date_in(o.closed_at, f.start, f.end))
        .group_by(o.currency)
    ).all()
    deals = total = without = 0
    for currency, count, with_amount, amount in rows:
        if currency == f.currency:
            deals, total, without = with_amount, amount or 0, count - with_amount
    average = round(total / deals) if deals else None
    return AverageWonValue(
        f.currency,
        deals,
        total,
        average,
        without,
        _other(((c, n) for c, n, _, _ in rows), f.currency),
    )


# --- pipeline value per stage -----------------------------------------------------------------


@dataclass(frozen=True)
class StageValue:
    stage_id: str
    name: str
    pipeline_id: str
    position: int
    deals: int  #: open deals in the stage, in the currency (those without amount included)
    amount_minor: int
    weighted_minor: int  #: Σ amount × deal probability / 100


@dataclass(frozen=True)
class PipelineValue:
    currency: str
    stages: tuple[StageValue, ...]
    other_currencies: dict[str, int] = field(default_factory=dict)

    @property
    def deals(self) -> int:
        return sum(s.deals for s in self.stages)

    @property
    def amount_minor(self) -> int:
        return sum(s.amount_minor for s in self.stages)

    @property
    def weighted_minor(self) -> int:
        return sum(s.weighted_minor for s in self.stages)


#: Open deals now per (stage id, currency): how many, their amount, Σ amount × probability.
OpenDeals = tuple[tuple[str, str, int, int, int], ...]


def open_deals_by_stage(session: Session, f: MetricFilter) -> OpenDeals:
    """Open deals now in the filter's scope, per stage and currency (the period and
    `f.currency` are not used): what pipeline_value_per_stage and amounts_by_currency read,
    so a dashboard reads it once for both."""
    o = Opportunity
    rows = session.execute(
        select(
            o.stage_id,
            o.currency,
            func.count(),
            func.coalesce(func.sum(o.amount_minor), 0),
            func.coalesce(func.sum(o.amount_minor * o.probability), 0),
        )
        .where(*_deals(f), o.status == "open")
        .group_by(o.stage_id, o.currency)
    ).all()
    return tuple(
        (stage, code, n, amount or 0, weighted or 0) for stage, code, n, amount, weighted in rows
    )


def pipeline_value_per_stage(
    session: Session, f: MetricFilter, open_deals: OpenDeals | None = None
) -> PipelineValue:
    """Open deals now (status "open"), per stage: count, amount and weighted amount, in
    `f.currency`. A snapshot: the period is not used. Every open stage of the pipeline(s) is
    listed, empty ones with zeros, default pipeline first, then by board position; a stage
    that holds open deals though it is not an open stage (or is deleted) is listed too, so
    the totals always equal the sum over all open deals. `open_deals`: what
    open_deals_by_stage returned for this filter, if already read."""
    s, p = PipelineStage, Pipeline
    grouped = open_deals_by_stage(session, f) if open_deals is None else open_deals
    figures: dict[str, tuple[int, int, int]] = {
        stage_id: (n, amount or 0, weighted or 0)
        for stage_id, currency, n, amount, weighted in grouped
        if currency == f.currency
    }
    held = sorted({row[0] for row in grouped})
    listed = and_(s.deleted_at.is_(None), s.kind == "open", p.deleted_at.is_(None))
    if f.pipeline_id is not None:
        listed = and_(listed, s.pipeline_id == f.pipeline_id)
    stages = session.execute(
        select(s.id, s.name, s.pipeline_id, s.position)
        .join(p, p.id == s.pipeline_id)
        .where(or_(listed, s.id.in_(held)))
        .order_by(p.is_default.desc(), p.name, p.id, s.position, s.id)
    ).all()
    values = []
    for stage_id, name, pipeline_id, position in stages:
        deals, amount, weighted = figures.get(stage_id, (0, 0, 0))
        values.append(
            StageValue(stage_id, name, pipeline_id, position, deals, amount, _weighted(weighted))
        )
    return PipelineValue(
        f.currency, tuple(values), _other(((c, n) for _, c, n, _, _ in grouped), f.currency)
    )


# --- weighted forecast ------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthForecast:
    month: date  #: first day of the month
    deals: int
    amount_minor: int
    weighted_minor: int


@dataclass(frozen=True)
class Forecast:
    currency: str
    months: tuple[MonthForecast, ...]  #: every month of the period, empty ones with zeros
    undated: int  #: open deals in `currency` with no expected close date: left out
    other_currencies: dict[str, int] = field(default_factory=dict)


def weighted_forecast_by_month(session: Session, f: MetricFilter) -> Forecast:
    """Open deals by the month of their expected close date within the period, in
    `f.currency`: count, amount, and amount × deal probability / 100."""
    o = Opportunity
    month = _month_of(o.expected_close_date)
    # The period's range of the index by expected close date, then the undated ones: two
    # index reads (an OR of both would read the table).
    grouped = session.execute(
        select(
            month,
            o.currency,
            func.count(),
            func.coalesce(func.sum(o.amount_minor), 0),
            func.coalesce(func.sum(o.amount_minor * o.probability), 0),
        )
        .where(*_deals(f), o.status == "open", _date_in(o.expected_close_date, f.start, f.end))
        .group_by(month, o.currency)
    ).all()
    undated_rows = session.execute(
        select(null(), o.currency, func.count(), literal(0), literal(0))
        .where(*_deals(f), o.status == "open", o.expected_close_date.is_(None))
        .group_by(o.currency)
    ).all()
    grouped = [*grouped, *undated_rows]
    figures: dict[str | None, tuple[int, int, int]] = {
        key: (n, amount, weighted)
        for key, currency, n, amount, weighted in grouped
        if currency == f.currency
    }
    undated = figures.pop(None, (0, 0, 0))[0]
    months = []
    for first in _months(f.start, f.end):
        deals, amount, weighted = figures.get(first.strftime("%Y-%m"), (0, 0, 0))
        months.append(MonthForecast(first, deals, amount, _weighted(weighted)))
    return Forecast(
        f.currency,
        tuple(months),
        undated,
        _other(((c, n) for _, c, n, _, _ in grouped), f.currency),
    )


# --- revenue won by month ---------------------------------------------------------------------


@dataclass(frozen=True)
class MonthRevenue:
    month: date  #: first day of the month in the period
    deals: int
    amount_minor: int
    previous_deals: int  #: the same month one year earlier
    previous_amount_minor: int


@dataclass(frozen=True)
class RevenueByMonth:
    currency: str
    months: tuple[MonthRevenue, ...]  #: every month of the period
    #: won deals in either window (the period, or a year earlier) in other currencies
    other_currencies: dict[str, int] = field(default_factory=dict)

    @property
    def amount_minor(self) -> int:
        return sum(m.amount_minor for m in self.months)

    @property
    def previous_amount_minor(self) -> int:
        return sum(m.previous_amount_minor for m in self.months)


def revenue_won_by_month(session: Session, f: MetricFilter) -> RevenueByMonth:
    """Amounts of the deals won per month of `closed_at`, in `f.currency`, for the period
    and for the same days one year earlier (29 February maps to the 28th)."""
    o = Opportunity
    previous_start, previous_end = _year_earlier(f.start), _year_earlier(f.end)
    # Per close day and currency, the index's own order (no sort of the deals), both windows
    # in one index range (the year between them read too when the period is shorter than a
    # year); the days are then sorted into the period's months and the year-earlier ones.
    day = type_coerce(o.closed_at, String)
    per_day = session.execute(
        select(day, o.currency, func.count(), func.coalesce(func.sum(o.amount_minor), 0))
        .where(
            *_deals(f),
            o.status == "won",
            _date_in(o.closed_at, previous_start, f.end),
            or_(
                _date_in(o.closed_at, f.start, f.end),
                _date_in(o.closed_at, previous_start, previous_end),
            ),
        )
        .group_by(o.closed_at, o.currency)
    ).all()
    period = (f.start.isoformat(), f.end.isoformat())
    current: dict[str, tuple[int, int]] = {}
    previous: dict[str, tuple[int, int]] = {}
    counts: list[tuple[str, int]] = []
    for closed, currency, count, amount in per_day:
        counts.append((currency, count))
        if currency != f.currency:
            continue
        found = current if period[0] <= closed < period[1] else previous
        deals, total = found.get(closed[:7], (0, 0))
        found[closed[:7]] = (deals + count, total + (amount or 0))
    months = []
    for first in _months(f.start, f.end):
        deals, amount = current.get(first.strftime("%Y-%m"), (0, 0))
        earlier = first.replace(year=first.year - 1).strftime("%Y-%m")
        previous_deals, previous_amount = previous.get(earlier, (0, 0))
        months.append(MonthRevenue(first, deals, amount, previous_deals, previous_amount))
    other = _other(counts, f.currency)
    return RevenueByMonth(f.currency, tuple(months), other)


# --- money per currency ------------------------------------------------------------------------


@dataclass(frozen=True)
class CurrencyAmounts:
    """The headline money figures of one currency, as the per-currency KPIs give them."""

    currency: str
    won: AverageWonValue  #: as average_won_value() in this currency
    open_deals: int  #: as pipeline_value_per_stage(): open deals now, and their amount
    open_amount_minor: int
    forecast_weighted_minor: int  #: Σ of weighted_forecast_by_month()'s months


def won_by_currency(session: Session, f: MetricFilter) -> dict[str, AverageWonValue]:
    """average_won_value() of every currency with deals won in the period, at once."""
    o = Opportunity
    won = session.execute(
        select(o.currency, func.count(), func.count(o.amount_minor), func.sum(o.amount_minor))
        .where(*_deals(f), o.status == "won", _date_in(o.closed_at, f.start, f.end))
        .group_by(o.currency)
    ).all()
    won_counts = [(code, n) for code, n, _, _ in won]
    return {
        code: AverageWonValue(
            code,
            with_amount,
            total or 0,
            round((total or 0) / with_amount) if with_amount else None,
            count - with_amount,
            _other(won_counts, code),
        )
        for code, count, with_amount, total in sorted(won)
    }


def amounts_by_currency(
    session: Session, f: MetricFilter, open_deals: OpenDeals | None = None
) -> dict[str, CurrencyAmounts]:
    """Won, open and forecast amounts of every currency in the scope at once (three grouped
    queries instead of three per currency), each currency on its own: never added together.
    `f.currency` is not used; currencies with nothing won, open or forecast are left out.
    `open_deals`: what open_deals_by_stage returned for this filter, if already read."""
    o = Opportunity
    won_by = won_by_currency(session, f)
    opened: dict[str, tuple[int, int]] = {}
    for _, code, n, amount, _ in (
        open_deals_by_stage(session, f) if open_deals is None else open_deals
    ):
        deals, total = opened.get(code, (0, 0))
        opened[code] = (deals + n, total + amount)
    month = _month_of(o.expected_close_date)
    forecast = session.execute(
        select(o.currency, month, func.coalesce(func.sum(o.amount_minor * o.probability), 0))
        .where(*_deals(f), o.status == "open", _date_in(o.expected_close_date, f.start, f.end))
        .group_by(o.currency, month)
    ).all()
    weighted: dict[str, int] = {}
    for code, _, amount_times_percent in forecast:
        weighted[code] = weighted.get(code, 0) + _weighted(amount_times_percent)
    result = {}
    for code in sorted({*won_by, *opened, *weighted}):
        deals, amount = opened.get(code, (0, 0))
        result[code] = CurrencyAmounts(
            code,
            won_by.get(code)
            or AverageWonValue(
                code,
                0,
                0,
                None,
                0,
                _other(((c, w.deals + w.without_amount) for c, w in won_by.items()), code),
            ),
            deals,
            amount,
            weighted.get(code, 0),
        )
    return result


# --- leads ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceConversion:
    source: str
    leads: int  #: leads created in the period from this source
    converted: int  #: of those, converted (at any time since)
    share: float


@dataclass(frozen=True)
class LeadConversion:
    sources: tuple[SourceConversion, ...]  #: most leads first
    leads: int
    converted: int
    share: float | None


def lead_conversion_by_source(session: Session, f: MetricFilter) -> LeadConversion:
    """Leads created in the period, per source: how many, and how many are converted (status
    "converted" or a conversion date). A cohort rate: a lead created in the period and
    converted after it counts as converted."""
    ld = Lead
    converted = or_(ld.status == "converted", ld.converted_at.is_not(None))
    rows = session.execute(
        select(ld.source, func.count(), func.count().filter(converted))
        .where(
            ld.deleted_at.is_(None),
            *_owned(ld.owner_id, f),
            _ts_in(ld.created_at, f.start, f.end),
        )
        .group_by(ld.source)
        .order_by(func.count().desc(), ld.source)
    ).all()
    sources = tuple(SourceConversion(src, n, c, c / n) for src, n, c in rows)
    leads = sum(s.leads for s in sources)
    done = sum(s.converted for s in sources)
    return LeadConversion(sources, leads, done, _share(done, leads))


# --- campaigns --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignReturn:
    campaign_id: str
    name: str
    start_date: date | None
    actual_cost_minor: int | None
    leads: int  #: live leads whose campaign is this one
    cost_per_lead_minor: float | None  #: None without cost or without leads
    won_deals: int  #: won deals attributed, in the currency
    won_revenue_minor: int
    roi: float | None  #: (revenue − cost) / cost; None when the cost is 0 or unknown
    #: won deals attributed to the campaign in other currencies: left out of the revenue
    other_currencies: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CampaignRoi:
    currency: str
    campaigns: tuple[CampaignReturn, ...]  #: by start date, then name
    #: campaigns of the period whose cost is in another currency: left out
    other_currencies: dict[str, int] = field(default_factory=dict)


def campaign_roi(session: Session, f: MetricFilter) -> CampaignRoi:
    """Cost per lead and ROI of the campaigns that ran during the period (start date, or
    creation day when it has none, before the period's end, and no end date or one on or
    after its start), whose owner matches the filter, costed in `f.currency`.

    Attribution, over the campaign's whole life (its cost is whole too): a lead belongs to
    the campaign in its `campaign_id`; a won deal to the campaign in its own `campaign_id`,
    or, when it has none, to the campaign of a lead it was converted from. Membership alone
    (`campaign_members`) attributes nothing: being sent a newsletter is not a source.
    """
    c, ld, o = Campaign, Lead, Opportunity
    started = func.coalesce(c.start_date, func.date(c.created_at))
    campaigns = (
        select(c.id)
        .where(
            c.deleted_at.is_(None),
            *_owned(c.owner_id, f),
            started < f.end,
            or_(c.end_date.is_(None), c.end_date >= f.start),
        )
        .subquery()
    )
    lead_count = (
        select(func.count())
        .where(ld.campaign_id == c.id, ld.deleted_at.is_(None))
        .correlate(c)
        .scalar_subquery()
    )
    found = session.execute(
        select(c.id, c.name, c.start_date, c.actual_cost_minor, c.currency, lead_count)
        .where(c.id.in_(select(campaigns.c.id)))
        .order_by(started, c.name, c.id)
    ).all()
    # Won deals naming a campaign of the period (an index of won deals), then won deals
    # naming none, through the distinct (campaign, deal) pairs of leads converted into them
    # (a deal naming a campaign belongs to it alone): disjoint, so added up once.
    converted = (
        select(ld.campaign_id.label("campaign"), ld.converted_opportunity_id.label("deal"))
        .where(
            ld.campaign_id.in_(select(campaigns.c.id)),
            ld.converted_opportunity_id.is_not(None),
            ld.deleted_at.is_(None),
        )
        .distinct()
        .subquery("converted")
    )
    # likely(x) is x; it only keeps SQLite off the campaign index, which would read the
    # table for every deal of a campaign (or every deal naming none), and onto the index of
    # won deals (or the converted leads' deal ids).
    campaign_of = func.likely(o.campaign_id)
    attributed = union_all(
        select(o.campaign_id.label("campaign"), o.currency, o.amount_minor).where(
            o.deleted_at.is_(None), o.status == "won", campaign_of.in_(select(campaigns.c.id))
        ),
        select(converted.c.campaign, o.currency, o.amount_minor)
        .join(o, o.id == converted.c.deal)
        .where(o.deleted_at.is_(None), o.status == "won", campaign_of.is_(None)),
    ).subquery("attributed")
    won = session.execute(
        select(
            attributed.c.campaign,
            attributed.c.currency,
            func.count(),
            func.coalesce(func.sum(attributed.c.amount_minor), 0),
        ).group_by(attributed.c.campaign, attributed.c.currency)
    ).all()
    revenue: dict[str, tuple[int, int]] = {}
    won_elsewhere: dict[str, list[tuple[str, int]]] = {}
    for campaign_id, currency, count, amount in won:
        if currency == f.currency:
            revenue[campaign_id] = (count, amount)
        else:
            won_elsewhere.setdefault(campaign_id, []).append((currency, count))
    returns = []
    for campaign_id, name, start, cost, currency, leads in found:
        if currency != f.currency:
            continue
        deals, amount = revenue.get(campaign_id, (0, 0))
        returns.append(
            CampaignReturn(
                campaign_id,
                name,
                start,
                cost,
                leads,
                cost / leads if cost is not None and leads else None,
                deals,
                amount,
                (amount - cost) / cost if cost else None,
                _other(won_elsewhere.get(campaign_id, ()), f.currency),
            )
        )
    other = _other(((row[4], 1) for row in found), f.currency)
    return CampaignRoi(f.currency, tuple(returns), other)


# --- activities -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnerActivity:
    owner_id: str | None
    owner_name: str | None
    activity_type: str
    activities: int  #: done in the period
    per_week: float  #: activities / weeks of the period


@dataclass(frozen=True)
class ActivityRate:
    weeks: float  #: length of the period in weeks (days / 7)
    rows: tuple[OwnerActivity, ...]  #: by owner name, then type in ACTIVITY_TYPES order


#: Live done activities per owner ('' for none), type and UTC day, kept by triggers.
_ACTIVITY_DAYS = table(
    "app_activity_days",
    column("owner_key"),
    column("activity_type"),
    column("day"),
    column("activities", Integer),
)


def activities_per_owner_per_week(session: Session, f: MetricFilter) -> ActivityRate:
    """Activities done (`done_at`) in the period, per owner and type, and per week. Planned
    activities not yet done do not count; a note counts when written (its `done_at`)."""
    u, days = User, _ACTIVITY_DAYS
    # From the counts per owner, type and UTC day that triggers keep (migration 0006): a
    # year is some thousands of rows, where the activities are millions. A day of the
    # period is a day whose UTC timestamps are in it, as `_ts_in` has it.
    owner = func.nullif(days.c.owner_key, "")
    counts = (
        select(
            owner.label("owner_id"),
            days.c.activity_type,
            func.sum(days.c.activities).label("n"),
        )
        .where(
            *_owned(days.c.owner_key, f),
            days.c.day >= f.start.isoformat(),
            days.c.day < f.end.isoformat(),
        )
        .group_by(days.c.owner_key, days.c.activity_type)
        .having(func.sum(days.c.activities) > 0)
        .subquery("counts")
    )
    rows = session.execute(
        select(counts.c.owner_id, u.name, counts.c.activity_type, counts.c.n).outerjoin(
            u, u.id == counts.c.owner_id
        )
    ).all()
    weeks = f.days / 7
    order = {kind: i for i, kind in enumerate(ACTIVITY_TYPES)}
    result = sorted(
        (OwnerActivity(owner, name, kind, n, n / weeks) for owner, name, kind, n in rows),
        key=lambda r: (
            r.owner_name is None,
            r.owner_name or "",
            r.owner_id or "",
            order.get(r.activity_type, len(order)),
            r.activity_type,
        ),
    )
    return ActivityRate(weeks, tuple(result))


# --- stale deals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaleDeals:
    count: int
    by_stage: dict[str, int] = field(default_factory=dict)  #: stage id -> stale deals


def stale_deal_condition(
    deal: Any, idle_days_limit: Any, today: date | ColumnElement[Any]
) -> ColumnElement[bool]:
    """The rule of a stale deal, as a SQL condition over `deal` (the Opportunity entity or
    the opportunities table's columns) and its stage's `idle_days_limit` (a joined column,
    a subquery, or a number): open, in a stage with a limit, neither the deal nor any of its
    live activities created or completed since `today` minus the limit. `today` is a calendar
    day or a SQL day expression (the record lists use SQLite's `date('now')`, UTC). Shared by
    the dashboard count, the data-health list and the board, so all see the same deals.

    The activities' side reads `activity_touched_at`, the latest creation or completion
    time of the deal's live activities, which triggers on activities keep (migration 0006):
    "no activity touched since the cutoff" is "that latest time is before the cutoff"."""
    day = today.isoformat() if isinstance(today, date) else today
    # The first day that still counts as recent for the deal's stage, as text: a stored UTC
    # timestamp before it is on an earlier day.
    cutoff = func.date(day, func.printf("-%d days", idle_days_limit))
    return and_(
        deal.status == "open",
        idle_days_limit.is_not(None),
        deal.updated_at < cutoff,
        or_(deal.activity_touched_at.is_(None), deal.activity_touched_at < cutoff),
    )


def stale_deals_count(session: Session, f: MetricFilter, today: date) -> StaleDeals:
    """Open deals untouched for longer than their stage's `idle_days_limit` as of `today`
    (a snapshot: the period is not used). The last touch is the latest of the deal's own
    `updated_at` (any change to it) and, over its live activities, their creation or
    completion; it is stale when today − the touch's UTC day > the limit, in whole days.
    Stages without a limit never make a deal stale.

    One count per stage with a limit, each a range of the index of open deals by stage and
    last change (the stages are few; the open deals many)."""
    o, s = Opportunity, PipelineStage
    limits = session.execute(
        select(s.id, s.idle_days_limit).where(s.idle_days_limit.is_not(None)).order_by(s.id)
    ).all()
    if not limits:
        return StaleDeals(0, {})
    per_stage = [
        select(literal(stage_id).label("stage_id"), func.count().label("n")).where(
            *_deals(f),
            o.stage_id == stage_id,
            stale_deal_condition(o, literal(limit, Integer), today),
        )
        for stage_id, limit in limits
    ]
    by_stage: dict[str, int] = {}
    for first in range(0, len(per_stage), 400):  # SQLite joins at most 500 selects
        part = per_stage[first : first + 400]
        statement = part[0] if len(part) == 1 else union_all(*part)
        by_stage.update((stage_id, n) for stage_id, n in session.execute(statement).all() if n)
    return StaleDeals(sum(by_stage.values()), by_stage)


# --- cases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenCases:
    #: every priority of CASE_PRIORITIES (zeros included), then any unknown one
    by_priority: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_priority.values())


def open_cases_by_priority(session: Session, f: MetricFilter) -> OpenCases:
    """Cases open now (status new, open or pending), per priority, for the filter's owners.
    A snapshot: the period is not used."""
    rows = session.execute(
        select(Case.priority, func.count())
        .where(
            Case.deleted_at.is_(None),
            *_owned(Case.owner_id, f),
            Case.status.in_(OPEN_CASE_STATUSES),
        )
        .group_by(Case.priority)
    ).all()
    counts = dict.fromkeys(CASE_PRIORITIES, 0)
    for priority, n in sorted(rows):
        counts[priority] = n
    return OpenCases(counts)


@dataclass(frozen=True)
class CaseResolution:
    resolved: int  #: cases with `resolved_at` in the period
    mean_hours: float | None  #: mean of resolved_at − opened_at, in hours
    rated: int  #: of those, with a satisfaction score
    satisfaction_average: float | None  #: 1 (very unhappy) to 5 (very happy)


def case_resolution(session: Session, f: MetricFilter) -> CaseResolution:
    """Mean resolution time and satisfaction of the cases resolved in the period."""
    hours = (func.julianday(Case.resolved_at) - func.julianday(Case.opened_at)) * 24
    resolved, mean_hours, rated, satisfaction = session.execute(
        select(
            func.count(),
            func.avg(hours),
            func.count(Case.satisfaction),
            func.avg(cast(Case.satisfaction, Float)),
        ).where(
            Case.deleted_at.is_(None),
            *_owned(Case.owner_id, f),
            _ts_in(Case.resolved_at, f.start, f.end),
        )
    ).one()
    return CaseResolution(resolved, mean_hours, rated, satisfaction)


__all__ = [
    "OPEN_CASE_STATUSES",
    "ActivityRate",
    "AverageWonValue",
    "CampaignReturn",
    "CampaignRoi",
    "CaseResolution",
    "CurrencyAmounts",
    "Forecast",
    "LeadConversion",
    "MetricFilter",
    "MonthForecast",
    "MonthRevenue",
    "OpenCases",
    "OpenDeals",
    "OwnerActivity",
    "PipelineValue",
    "RevenueByMonth",
    "SalesCycle",
    "SourceConversion",
    "StageConversion",
    "StageReach",
    "StageValue",
    "StaleDeals",
    "WinRate",
    "activities_per_owner_per_week",
    "amounts_by_currency",
    "average_won_value",
    "campaign_roi",
    "case_resolution",
    "change",
    "conversion_by_stage",
    "currencies_in_use",
    "lead_conversion_by_source",
    "open_cases_by_priority",
    "open_deals_by_stage",
    "period_from_text",
    "pipeline_value_per_stage",
    "revenue_won_by_month",
    "sales_cycle",
    "stale_deal_condition",
    "stale_deals_count",
    "win_rate",
    "won_by_currency",
]
