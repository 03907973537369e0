"""Everything one dashboard shows, gathered in one call off the GUI thread, and the list
filters (drill-downs) that reproduce exactly the records behind each figure.

`compute_dashboard` runs the KPI functions of `metrics` for a filter and for the period
before it, money per currency (never added across currencies), and returns one frozen
`DashboardData`; a window computes it in two parts (`compute_first_part`, what the first
screen shows, then `complete_dashboard`) so it paints before the charts further down are
computed. The `drill_*` functions turn a figure of that data into a `DrillDown`:
the object list and the `record_lists.Condition`s that select the records it counted, with
that count, so the list a user opens by clicking shows as many rows as the figure said.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from threading import Lock

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop_crm.models import JournalEntry, Pipeline, Team, User
from desktop_crm.services import metrics as m
from desktop_crm.services.progress import Cancelled, NullProgress, Progress
from desktop_crm.services.record_lists import Condition, Op

#: Money tiles list at most this many currencies (the most used first).
MAX_TILE_CURRENCIES = 4


@dataclass(frozen=True)
class CurrencyFigures:
    """The money KPIs of one currency, for the tiles."""

    currency: str
    won: m.AverageWonValue  #: revenue (total) and average of the deals won in the period
    won_previous: m.AverageWonValue
    open_amount_minor: int  #: open pipeline now
    open_deals: int
    forecast_weighted_minor: int  #: weighted forecast of the period's months


@dataclass(frozen=True)
class DashboardData:
    """One dashboard's figures. Charts use `currency`; tiles list `per_currency`."""

    filter: m.MetricFilter  #: with the charts' currency
    today: date
    currency: str
    currencies: tuple[str, ...]  #: in use in the scope, most used first
    #: the team's members when the filter names a team, for the drill-down conditions
    team_member_ids: tuple[str, ...] | None
    win_rate: m.WinRate
    win_rate_previous: m.WinRate
    sales_cycle: m.SalesCycle
    sales_cycle_previous: m.SalesCycle
    per_currency: tuple[CurrencyFigures, ...]
    conversion: m.StageConversion
    pipeline: m.PipelineValue
    forecast: m.Forecast
    revenue: m.RevenueByMonth
    leads: m.LeadConversion
    leads_previous: m.LeadConversion
    campaigns: m.CampaignRoi
    activities: m.ActivityRate
    stale: m.StaleDeals
    open_cases: m.OpenCases
    cases: m.CaseResolution
    cases_previous: m.CaseResolution
    #: False for the first part (`compute_first_part`): `revenue`, `campaigns` and
    #: `activities` are then empty placeholders until `complete_dashboard` fills them.
    complete: bool = True

    @property
    def is_empty(self) -> bool:
        """Nothing at all in the scope: no deal, lead, activity, campaign or case."""
        return (
            not self.currencies
            and self.leads.leads == 0
            and not self.activities.rows
            and self.open_cases.total == 0
            and self.cases.resolved == 0
        )


@dataclass(frozen=True)
class DrillDown:
    """An object list filtered to exactly the records a figure counted."""

    object_type: str
    conditions: tuple[Condition, ...]
    count: int  #: how many records the figure counted: the list shows as many


def compute_dashboard(
    session: Session,
    f: m.MetricFilter,
    today: date,
    currency: str | None = None,
    progress: Progress | None = None,
) -> DashboardData:
    """Every figure of the dashboard for `f`, charts in `currency` (default: the most used
    currency of the scope, else `f.currency`). Checks `progress.cancelled` between KPIs."""
    first = compute_first_part(session, f, today, currency, progress)
    return complete_dashboard(session, first, progress)


#: The charts whose figures the first part leaves out (they are below the first screen).
LATER_CHARTS = ("revenue", "campaigns", "activities")


def compute_first_part(
    session: Session,
    f: m.MetricFilter,
    today: date,
    currency: str | None = None,
    progress: Progress | None = None,
    side_session: Callable[[], Session] | None = None,
) -> DashboardData:
    """What the first screen shows: every tile and the charts at the top (funnel,
    conversion, forecast...), with `complete` False and the figures of LATER_CHARTS empty,
    so a window paints before they are computed (`complete_dashboard`).

    With `side_session`, conversion by stage, and lead conversion with stale deals, run on
    two threads of their own, each with a session from it, while this one reads the other
    figures: about a third of the reading each, so on a database not yet in the OS cache the
    disk reads overlap. Their snapshots may then be a moment later than the others'."""
    progress = progress or NullProgress()
    currencies = m.currencies_in_use(session, f)
    chosen = currency or (currencies[0] if currencies else f.currency)
    f = replace(f, currency=chosen)
    before = f.previous()
    if side_session is None:
        return _first_part(session, f, before, today, currencies, progress, None)
    opener = side_session

    def conversion() -> m.StageConversion:
        with opener() as other:
            return m.conversion_by_stage(other, f)

    def leads_and_stale() -> tuple[m.LeadConversion, m.LeadConversion, m.StaleDeals]:
        with opener() as other:
            return (
                m.lead_conversion_by_source(other, f),
                m.lead_conversion_by_source(other, before),
                m.stale_deals_count(other, f, today),
            )

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="dashboard-side") as side:
        conversion_later = side.submit(conversion)
        rest_later = side.submit(leads_and_stale)

        def gathered() -> _SideFigures:
            leads, leads_previous, stale = rest_later.result()
            return _SideFigures(conversion_later.result(), leads, leads_previous, stale)

        try:
            return _first_part(session, f, before, today, currencies, progress, gathered)
        finally:
            conversion_later.cancel()
            rest_later.cancel()


@dataclass(frozen=True)
class _SideFigures:
    conversion: m.StageConversion
    leads: m.LeadConversion
    leads_previous: m.LeadConversion
    stale: m.StaleDeals


def _side_figures(
    session: Session, f: m.MetricFilter, before: m.MetricFilter, today: date
) -> _SideFigures:
    return _SideFigures(
        m.conversion_by_stage(session, f),
        m.lead_conversion_by_source(session, f),
        m.lead_conversion_by_source(session, before),
        m.stale_deals_count(session, f, today),
    )


def _first_part(
    session: Session,
    f: m.MetricFilter,
    before: m.MetricFilter,
    today: date,
    currencies: tuple[str, ...],
    progress: Progress,
    side: Callable[[], _SideFigures] | None,
) -> DashboardData:
    chosen = f.currency
    steps = 9
    done = 0

    def step(status: str) -> None:
        nonlocal done
        if progress.cancelled:
            raise Cancelled
        progress.update(done, steps, status)
        done += 1

    step("Deals")
    win_rate, win_rate_previous = m.win_rate(session, f), m.win_rate(session, before)
    step("Sales cycle")
    cycle, cycle_previous = m.sales_cycle(session, f), m.sales_cycle(session, before)
    step("Amounts per currency")
    # Open deals are a snapshot: read once for the money tiles and the pipeline chart.
    open_deals = m.open_deals_by_stage(session, f)
    amounts = m.amounts_by_currency(session, f, open_deals)
    step("Amounts per currency")
    won_before = m.won_by_currency(session, before)  # the tiles compare only what was won
    per_currency = []
    for code in currencies[:MAX_TILE_CURRENCIES]:
        now = amounts.get(code)
        nothing = m.AverageWonValue(code, 0, 0, None, 0)
        per_currency.append(
            CurrencyFigures(
                code,
                now.won if now else nothing,
                won_before.get(code, nothing),
                now.open_amount_minor if now else 0,
                now.open_deals if now else 0,
                now.forecast_weighted_minor if now else 0,
            )
        )
    step("Pipeline")
    pipeline = m.pipeline_value_per_stage(session, f, open_deals)
    step("Forecast")
    forecast = m.weighted_forecast_by_month(session, f)
    step("Cases")
    open_cases = m.open_cases_by_priority(session, f)
    cases, cases_previous = m.case_resolution(session, f), m.case_resolution(session, before)
    step("Stages, leads and stale deals")
    aside = _side_figures(session, f, before, today) if side is None else side()
    conversion, leads, leads_previous = aside.conversion, aside.leads, aside.leads_previous
    stale = aside.stale
    team_members = None
    if f.team_id is not None:
        # As metrics scopes a team: every user of the team, deleted ones included.
        team_members = tuple(
            sorted(session.scalars(select(User.id).where(User.team_id == f.team_id)))
        )
    step("Done")
    return DashboardData(
        f,
        today,
        chosen,
        currencies,
        team_members,
        win_rate,
        win_rate_previous,
        cycle,
        cycle_previous,
        tuple(per_currency),
        conversion,
        pipeline,
        forecast,
        m.RevenueByMonth(chosen, ()),
        leads,
        leads_previous,
        m.CampaignRoi(chosen, ()),
        m.ActivityRate(f.days / 7, ()),
        stale,
        open_cases,
        cases,
        cases_previous,
        complete=False,
    )


def complete_dashboard(
    session: Session, data: DashboardData, progress: Progress | None = None
) -> DashboardData:
    """`data` with the figures its first part left out (the data itself when complete)."""
    if data.complete:
        return data
    progress = progress or NullProgress()
    f = data.filter

    def step(done: int, status: str) -> None:
        if progress.cancelled:
            raise Cancelled
        progress.update(done, 3, status)

    step(0, "Revenue")
    revenue = m.revenue_won_by_month(session, f)
    step(1, "Campaigns")
    campaigns = m.campaign_roi(session, f)
    step(2, "Activities")
    activities = m.activities_per_owner_per_week(session, f)
    return replace(data, complete=True, revenue=revenue, campaigns=campaigns, activities=activities)


def data_version(session: Session) -> int:
    """The journal's latest change (its last sequence number, read from the end of its
    primary key): every local write, undo and import moves it, so equal versions mean the
    same records. Changes written with the journal suspended (a sync pull) do not move it;
    whoever writes those clears the caches keyed on it."""
    return session.execute(select(func.max(JournalEntry.seq))).scalar() or 0


class DashboardCache:
    """The last few dashboards computed, keyed on what they were computed for (filter,
    day, currency) and the `data_version` they saw: asking again for the same figures on
    unchanged records (a refresh, a filter set back, the currency switched back) returns
    them without a query but the version's. Safe to share between threads."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[object, ...], DashboardData] = OrderedDict()
        self._lock = Lock()
        #: How many answers came from the cache, for tests and the benchmark.
        self.hits = 0

    def compute(
        self,
        session: Session,
        f: m.MetricFilter,
        today: date,
        currency: str | None = None,
        progress: Progress | None = None,
    ) -> DashboardData:
        """As `compute_dashboard`, from the cache when the records have not changed."""
        key, found = self.lookup(session, f, today, currency)
        if found is not None:
            return found
        data = compute_dashboard(session, f, today, currency, progress)
        self.store(key, data)
        return data

    def lookup(
        self, session: Session, f: m.MetricFilter, today: date, currency: str | None = None
    ) -> tuple[tuple[object, ...], DashboardData | None]:
        """(The key of these figures on the records as they are now, the figures if cached.)"""
        key = (f, today, currency, data_version(session))
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
        return key, found

    def store(self, key: tuple[object, ...], data: DashboardData) -> None:
        """Keep complete figures under the key `lookup` gave for them."""
        if not data.complete:
            return
        with self._lock:
            self._entries[key] = data
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


# --- periods ---------------------------------------------------------------------------------

#: The period kinds the dashboard offers, besides a custom range.
PERIOD_KINDS = ("month", "quarter", "year")


def period_containing(kind: str, day: date) -> tuple[date, date]:
    """[start, end) of the month, quarter or year that contains `day`."""
    if kind == "month":
        start = day.replace(day=1)
        return start, m._add_months(start, 1)
    if kind == "quarter":
        start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return start, m._add_months(start, 3)
    if kind == "year":
        return date(day.year, 1, 1), date(day.year + 1, 1, 1)
    raise ValueError(f"a period is a month, a quarter or a year, not {kind!r}")


def shift_period(kind: str, start: date, steps: int) -> tuple[date, date]:
    """The period of that kind `steps` periods after (or before) the one starting at `start`."""
    months = {"month": 1, "quarter": 3, "year": 12}[kind]
    return period_containing(kind, m._add_months(start.replace(day=1), months * steps))


def period_name(kind: str, start: date) -> str:
    """As `desktop-crm report --period` takes it: 2026-07, 2026-Q3, 2026."""
    if kind == "month":
        return f"{start.year}-{start.month:02d}"
    if kind == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


# --- choosing the scope by name -----------------------------------------------------------


@dataclass(frozen=True)
class ScopeChoice:
    """A user, team or pipeline offered by the dashboard's filters."""

    id: str
    name: str


@dataclass(frozen=True)
class ScopeChoices:
    users: tuple[ScopeChoice, ...]
    teams: tuple[ScopeChoice, ...]
    pipelines: tuple[ScopeChoice, ...]  #: the default pipeline first


def scope_choices(session: Session) -> ScopeChoices:
    """The live users, teams and pipelines, by name."""
    users = session.execute(
        select(User.id, User.name).where(User.deleted_at.is_(None)).order_by(User.name, User.id)
    ).all()
    teams = session.execute(
        select(Team.id, Team.name).where(Team.deleted_at.is_(None)).order_by(Team.name, Team.id)
    ).all()
    pipelines = session.execute(
        select(Pipeline.id, Pipeline.name)
        .where(Pipeline.deleted_at.is_(None))
        .order_by(Pipeline.is_default.desc(), Pipeline.name, Pipeline.id)
    ).all()
    return ScopeChoices(
        tuple(ScopeChoice(*row) for row in users),
        tuple(ScopeChoice(*row) for row in teams),
        tuple(ScopeChoice(*row) for row in pipelines),
    )


def resolve_scope(
    session: Session,
    owners: Sequence[str] = (),
    team: str | None = None,
    pipeline: str | None = None,
) -> tuple[tuple[str, ...] | None, str | None, str | None]:
    """(owner ids, team id, pipeline id) from names or ids as a user types them on the
    command line. Raises ValueError naming what is unknown or ambiguous."""

    def one(model: type[User] | type[Team] | type[Pipeline], what: str, text: str) -> str:
        found = session.execute(
            select(model.id, model.name).where(
                model.deleted_at.is_(None), or_(model.id == text, model.name == text)
            )
        ).all()
        exact = [row for row in found if row.id == text]
        if exact:
            return str(exact[0].id)
        if not found:
            raise ValueError(f"there is no {what} named {text!r}")
        if len(found) > 1:
            raise ValueError(
                f"{len(found)} {what}s are named {text!r}: give one of their ids "
                + ", ".join(str(row.id) for row in found)
            )
        return str(found[0].id)

    owner_ids = tuple(one(User, "user", name) for name in owners) if owners else None
    team_id = one(Team, "team", team) if team else None
    pipeline_id = one(Pipeline, "pipeline", pipeline) if pipeline else None
    return owner_ids, team_id, pipeline_id


# --- drill-downs ----------------------------------------------------------------------------


def _last_day(end: date) -> date:
    return end - timedelta(days=1)


def _days(start: date, end: date, key: str) -> Condition:
    """[start, end) as the list's inclusive day range."""
    return Condition(key, Op.BETWEEN, start, _last_day(end))


def _owners(data: DashboardData) -> list[Condition]:
    f = data.filter
    found = []
    if f.owner_ids is not None:
        found.append(Condition("owner_id", Op.ONE_OF, tuple(f.owner_ids)))
    if data.team_member_ids is not None:
        found.append(Condition("owner_id", Op.ONE_OF, data.team_member_ids))
    return found


def _deals(data: DashboardData) -> list[Condition]:
    found = _owners(data)
    if data.filter.pipeline_id is not None:
        found.append(Condition("pipeline_id", Op.EQUALS, data.filter.pipeline_id))
    return found


def _currency_figures(data: DashboardData, currency: str) -> CurrencyFigures | None:
    return next((c for c in data.per_currency if c.currency == currency), None)


def drill_closed_deals(data: DashboardData) -> DrillDown:
    """The deals behind the win rate: won or lost with a close date in the period."""
    f = data.filter
    return DrillDown(
        "opportunity",
        (
            *_deals(data),
            Condition("status", Op.ONE_OF, ("won", "lost")),
            _days(f.start, f.end, "closed_at"),
        ),
        data.win_rate.closed,
    )


def drill_won_deals(data: DashboardData, currency: str | None = None) -> DrillDown:
    """Deals won in the period: all currencies (the sales cycle), or one (its revenue)."""
    f = data.filter
    conditions = [
        *_deals(data),
        Condition("status", Op.EQUALS, "won"),
        _days(f.start, f.end, "closed_at"),
    ]
    if currency is None:
        return DrillDown("opportunity", tuple(conditions), data.win_rate.won)
    figures = _currency_figures(data, currency)
    count = 0 if figures is None else figures.won.deals + figures.won.without_amount
    conditions.append(Condition("currency", Op.EQUALS, currency))
    return DrillDown("opportunity", tuple(conditions), count)


def drill_open_deals(data: DashboardData, currency: str, stage_id: str | None = None) -> DrillDown:
    """Open deals now in `currency`, all of them or those of one stage."""
    conditions = [
        *_deals(data),
        Condition("status", Op.EQUALS, "open"),
        Condition("currency", Op.EQUALS, currency),
    ]
    if stage_id is None:
        figures = _currency_figures(data, currency)
        count = 0 if figures is None else figures.open_deals
    else:
        conditions.append(Condition("stage_id", Op.EQUALS, stage_id))
        count = next((s.deals for s in data.pipeline.stages if s.stage_id == stage_id), 0)
    return DrillDown("opportunity", tuple(conditions), count)


def drill_forecast_month(data: DashboardData, month: date | None = None) -> DrillDown:
    """Open deals in the charts' currency expected to close in that month of the period,
    or (no month) in the whole period."""
    f = data.filter
    if month is None:
        start, end = f.start, f.end
        count = sum(x.deals for x in data.forecast.months)
    else:
        start, end = max(month, f.start), min(m._add_months(month, 1), f.end)
        count = next((x.deals for x in data.forecast.months if x.month == month), 0)
    return DrillDown(
        "opportunity",
        (
            *_deals(data),
            Condition("status", Op.EQUALS, "open"),
            Condition("currency", Op.EQUALS, data.currency),
            _days(start, end, "expected_close_date"),
        ),
        count,
    )


def drill_revenue_month(data: DashboardData, month: date, previous_year: bool) -> DrillDown:
    """Deals won in the charts' currency in that month of the period, or in the same month
    a year earlier (within the same days of the previous year)."""
    f = data.filter
    start, end = max(month, f.start), min(m._add_months(month, 1), f.end)
    found = next((x for x in data.revenue.months if x.month == month), None)
    count = 0
    if found is not None:
        count = found.previous_deals if previous_year else found.deals
    if previous_year:
        start, end = m._year_earlier(start), m._year_earlier(end)
    return DrillDown(
        "opportunity",
        (
            *_deals(data),
            Condition("status", Op.EQUALS, "won"),
            Condition("currency", Op.EQUALS, data.currency),
            _days(start, end, "closed_at"),
        ),
        count,
    )


def drill_leads(data: DashboardData, source: str | None = None) -> DrillDown:
    """Leads created in the period, all or from one source."""
    f = data.filter
    conditions = [*_owners(data), _days(f.start, f.end, "created_at")]
    if source is None:
        count = data.leads.leads
    else:
        conditions.append(Condition("source", Op.EQUALS, source))
        count = next((s.leads for s in data.leads.sources if s.source == source), 0)
    return DrillDown("lead", tuple(conditions), count)


def drill_campaign_leads(data: DashboardData, campaign_id: str) -> DrillDown:
    """The leads of a campaign (its cost per lead's denominator), whoever owns them."""
    count = next((c.leads for c in data.campaigns.campaigns if c.campaign_id == campaign_id), 0)
    return DrillDown("lead", (Condition("campaign_id", Op.EQUALS, campaign_id),), count)


def drill_activities(
    data: DashboardData, owner_id: str | None = None, activity_type: str | None = None
) -> DrillDown:
    """Activities done in the period, narrowed to one owner (None: no owner) and/or type;
    with neither, all of them."""
    f = data.filter
    conditions = [*_owners(data), _days(f.start, f.end, "done_at")]
    rows = data.activities.rows
    if activity_type is not None:
        conditions.append(Condition("activity_type", Op.EQUALS, activity_type))
        rows = tuple(r for r in rows if r.activity_type == activity_type)
    if owner_id is not None or activity_type is not None:
        if owner_id is None:
            conditions.append(Condition("owner_id", Op.EMPTY))
        else:
            conditions.append(Condition("owner_id", Op.EQUALS, owner_id))
        rows = tuple(r for r in rows if r.owner_id == owner_id)
    return DrillDown("activity", tuple(conditions), sum(r.activities for r in rows))


def drill_stale_deals(data: DashboardData, stage_id: str | None = None) -> DrillDown | None:
    """The open deals idle past their stage's limit, all or those of one stage: the lists'
    `stale` rule (metrics.stale_deal_condition), which they apply as of today in UTC. None
    when the figures are for another day (a dashboard opened before midnight UTC, or for a
    past day): the list could not show the same deals."""
    if data.today != datetime.now(UTC).date():
        return None
    conditions = [*_deals(data), Condition("stale", Op.EQUALS, True)]
    count = data.stale.count
    if stage_id is not None:
        conditions.append(Condition("stage_id", Op.EQUALS, stage_id))
        count = data.stale.by_stage.get(stage_id, 0)
    return DrillDown("opportunity", tuple(conditions), count)


def drill_open_cases(data: DashboardData, priority: str | None = None) -> DrillDown:
    """Cases open now, all or of one priority."""
    conditions = [*_owners(data), Condition("status", Op.ONE_OF, m.OPEN_CASE_STATUSES)]
    if priority is None:
        count = data.open_cases.total
    else:
        conditions.append(Condition("priority", Op.EQUALS, priority))
        count = data.open_cases.by_priority.get(priority, 0)
    return DrillDown("case", tuple(conditions), count)


def drill_resolved_cases(data: DashboardData, rated_only: bool = False) -> DrillDown:
    """Cases resolved in the period (resolution time), or those rated (satisfaction)."""
    f = data.filter
    conditions = [*_owners(data), _days(f.start, f.end, "resolved_at")]
    count = data.cases.resolved
    if rated_only:
        conditions.append(Condition("satisfaction", Op.NOT_EMPTY))
        count = data.cases.rated
    return DrillDown("case", tuple(conditions), count)


__all__ = [
    "LATER_CHARTS",
    "PERIOD_KINDS",
    "CurrencyFigures",
    "DashboardCache",
    "DashboardData",
    "DrillDown",
    "ScopeChoice",
    "ScopeChoices",
    "complete_dashboard",
    "compute_dashboard",
    "compute_first_part",
    "data_version",
    "drill_activities",
    "drill_campaign_leads",
    "drill_closed_deals",
    "drill_forecast_month",
    "drill_leads",
    "drill_open_cases",
    "drill_open_deals",
    "drill_resolved_cases",
    "drill_revenue_month",
    "drill_stale_deals",
    "drill_won_deals",
    "period_containing",
    "period_name",
    "resolve_scope",
    "scope_choices",
    "shift_period",
]
