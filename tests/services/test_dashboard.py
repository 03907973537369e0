"""The dashboard's figures and drill-downs (issue #5): every clickable figure opens a list
filter that selects exactly as many records as the figure counted; money stays per
currency; no data gives an empty dashboard, not an error."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from sqlalchemy import select

from desktop_crm.models import Opportunity, PipelineStage, Team, User
from desktop_crm.models.database import Database
from desktop_crm.services import charts as c
from desktop_crm.services import dashboard as d
from desktop_crm.services.bootstrap import ensure_default_pipeline
from desktop_crm.services.dashboard import DashboardData, DrillDown
from desktop_crm.services.metrics import MetricFilter
from desktop_crm.services.record_lists import ListQuery, ordered_rowids
from desktop_crm.services.sample_data import generate

REFERENCE = date(2025, 6, 15)


@pytest.mark.parametrize(
    ("kind", "day", "start", "end", "name"),
    [
        ("month", date(2026, 7, 15), date(2026, 7, 1), date(2026, 8, 1), "2026-07"),
        ("month", date(2026, 12, 31), date(2026, 12, 1), date(2027, 1, 1), "2026-12"),
        ("quarter", date(2026, 8, 31), date(2026, 7, 1), date(2026, 10, 1), "2026-Q3"),
        ("quarter", date(2026, 1, 1), date(2026, 1, 1), date(2026, 4, 1), "2026-Q1"),
        ("year", date(2024, 2, 29), date(2024, 1, 1), date(2025, 1, 1), "2024"),
    ],
)
def test_period_containing_a_day(kind: str, day: date, start: date, end: date, name: str) -> None:
    assert d.period_containing(kind, day) == (start, end)
    assert d.period_name(kind, start) == name


@pytest.mark.parametrize(
    ("kind", "start", "steps", "expected"),
    [
        ("month", date(2026, 1, 1), -1, (date(2025, 12, 1), date(2026, 1, 1))),
        ("quarter", date(2026, 10, 1), 1, (date(2027, 1, 1), date(2027, 4, 1))),
        ("quarter", date(2026, 1, 1), -2, (date(2025, 7, 1), date(2025, 10, 1))),
        ("year", date(2026, 1, 1), 1, (date(2027, 1, 1), date(2028, 1, 1))),
    ],
)
def test_shift_period(kind: str, start: date, steps: int, expected: tuple[date, date]) -> None:
    assert d.shift_period(kind, start, steps) == expected


def test_period_kind_must_be_known() -> None:
    with pytest.raises(ValueError, match="month, a quarter or a year"):
        d.period_containing("week", date(2026, 1, 1))


# --- drill-downs are exact ----------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database.open(tmp_path_factory.mktemp("dash") / "crm.sqlite")
    try:
        generate(database.session, 400, seed=3, reference_date=REFERENCE)
        yield database
    finally:
        database.close()


def compute(db: Database, f: MetricFilter, currency: str | None = None) -> DashboardData:
    with db.read_session() as session:
        return d.compute_dashboard(session, f, REFERENCE, currency)


def list_count(db: Database, drill: DrillDown) -> int:
    with db.read_session() as session:
        return len(ordered_rowids(session, ListQuery(drill.object_type, drill.conditions)))


def every_drill_down(data: DashboardData) -> list[tuple[str, DrillDown]]:
    """Each tile's drill-down and each clickable part of each chart."""
    found: list[tuple[str, DrillDown]] = [
        ("closed deals", d.drill_closed_deals(data)),
        ("won deals", d.drill_won_deals(data)),
        ("forecast", d.drill_forecast_month(data)),
        ("leads", d.drill_leads(data)),
        ("activities", d.drill_activities(data)),
        ("open cases", d.drill_open_cases(data)),
        ("resolved cases", d.drill_resolved_cases(data)),
        ("rated cases", d.drill_resolved_cases(data, rated_only=True)),
    ]
    for figures in data.per_currency:
        found.append((f"won in {figures.currency}", d.drill_won_deals(data, figures.currency)))
        found.append((f"open in {figures.currency}", d.drill_open_deals(data, figures.currency)))
    fmt = c.plain_formatter()
    for chart in c.CHARTS:
        figure = Figure()
        FigureCanvasAgg(figure)
        for index, (_, drill) in enumerate(c.draw(figure, chart, data, c.LIGHT, fmt)):
            found.append((f"{chart.key} #{index}", drill))
    return found


def scope_filter(db: Database, scope: str) -> MetricFilter:
    start, end = date(2024, 7, 1), date(2025, 7, 1)
    with db.read_session() as session:
        choices = d.scope_choices(session)
        busiest_owner = (
            session.query(Opportunity.owner_id)
            .group_by(Opportunity.owner_id)
            .order_by(Opportunity.owner_id)
            .first()
        )
    assert busiest_owner is not None
    if scope == "owner":
        return MetricFilter(start, end, owner_ids=(busiest_owner[0],))
    if scope == "team":
        assert choices.teams
        return MetricFilter(start, end, team_id=choices.teams[0].id)
    if scope == "pipeline":
        return MetricFilter(start, end, pipeline_id=choices.pipelines[-1].id)
    if scope == "quarter":
        return MetricFilter(date(2025, 4, 1), date(2025, 7, 1))
    if scope == "custom days":
        return MetricFilter(date(2024, 11, 17), date(2025, 2, 9))
    return MetricFilter(start, end)


@pytest.mark.parametrize(
    "scope", ["everyone", "owner", "team", "pipeline", "quarter", "custom days"]
)
def test_every_drill_down_lists_exactly_the_records_counted(
    sample_db: Database, scope: str
) -> None:
    data = compute(sample_db, scope_filter(sample_db, scope))
    drills = every_drill_down(data)
    assert len(drills) > 15
    assert sum(drill.count for _, drill in drills) > 0
    mismatches = {
        name: (drill.count, counted)
        for name, drill in drills
        if (counted := list_count(sample_db, drill)) != drill.count
    }
    assert mismatches == {}


def test_drill_downs_in_another_currency_are_exact(sample_db: Database) -> None:
    f = scope_filter(sample_db, "everyone")
    currencies = compute(sample_db, f).currencies
    assert len(currencies) > 1  # the sample has deals in several currencies
    data = compute(sample_db, f, currencies[1])
    assert data.currency == currencies[1]
    drills = every_drill_down(data)
    assert {name: drill.count for name, drill in drills} == {
        name: list_count(sample_db, drill) for name, drill in drills
    }


# --- money per currency -----------------------------------------------------------------------


def test_money_is_shown_per_currency_never_added(db: Database) -> None:
    with db.session() as s, s.begin():
        pipeline = ensure_default_pipeline(s, "fr")
        won_stage = next(st for st in pipeline_stages(s, pipeline.id) if st.kind == "won")
        open_stage = next(st for st in pipeline_stages(s, pipeline.id) if st.kind == "open")
        s.add_all(
            [
                won(pipeline.id, won_stage.id, 100_000, "EUR", date(2026, 7, 3)),
                won(pipeline.id, won_stage.id, 50_000, "EUR", date(2026, 8, 3)),
                won(pipeline.id, won_stage.id, 70_000, "USD", date(2026, 8, 3)),
                won(pipeline.id, won_stage.id, 20_000, "EUR", date(2026, 4, 3)),  # Q2
                Opportunity(
                    name="open",
                    pipeline_id=pipeline.id,
                    stage_id=open_stage.id,
                    amount_minor=90_000,
                    currency="USD",
                    probability=50,
                    expected_close_date=date(2026, 9, 1),
                ),
            ]
        )
    data = compute(db, MetricFilter(date(2026, 7, 1), date(2026, 10, 1)))
    assert data.currencies == ("EUR", "USD")  # by deal count: 3 in EUR, 2 in USD
    assert data.currency == "EUR"
    figures = {x.currency: x for x in data.per_currency}
    assert figures["EUR"].won.total_minor == 150_000
    assert figures["EUR"].won_previous.total_minor == 20_000
    assert figures["USD"].won.total_minor == 70_000
    assert (figures["USD"].open_amount_minor, figures["USD"].forecast_weighted_minor) == (
        90_000,
        45_000,
    )
    assert figures["EUR"].open_amount_minor == 0
    assert data.revenue.amount_minor == 150_000
    assert data.revenue.other_currencies == {"USD": 1}
    in_usd = compute(db, MetricFilter(date(2026, 7, 1), date(2026, 10, 1)), "USD")
    assert in_usd.revenue.amount_minor == 70_000
    assert in_usd.forecast.months[-1].weighted_minor == 45_000


def pipeline_stages(session: Any, pipeline_id: str) -> list[Any]:
    from desktop_crm.models import PipelineStage

    return list(
        session.query(PipelineStage)
        .filter_by(pipeline_id=pipeline_id)
        .order_by(PipelineStage.position)
    )


def won(pipeline_id: str, stage_id: str, amount: int, currency: str, closed: date) -> Opportunity:
    return Opportunity(
        name=f"won {amount}",
        pipeline_id=pipeline_id,
        stage_id=stage_id,
        status="won",
        amount_minor=amount,
        currency=currency,
        probability=100,
        closed_at=closed,
    )


# --- no data ----------------------------------------------------------------------------------


def test_an_empty_database_gives_an_empty_dashboard_and_empty_charts(db: Database) -> None:
    data = compute(db, MetricFilter(date(2026, 7, 1), date(2026, 10, 1)))
    assert data.is_empty
    assert (data.currency, data.currencies, data.per_currency) == ("EUR", (), ())
    assert data.win_rate.rate is None
    fmt = c.plain_formatter("fr")
    for chart in c.CHARTS:
        figure = Figure()
        FigureCanvasAgg(figure)
        assert c.draw(figure, chart, data, c.LIGHT, fmt) == []
        figure.canvas.draw()
        texts = [t.get_text() for ax in figure.axes for t in ax.texts]
        assert any(text.startswith("No ") for text in texts), chart.key


def test_a_period_with_no_closed_deal_has_no_win_rate(sample_db: Database) -> None:
    data = compute(sample_db, MetricFilter(date(2031, 1, 1), date(2031, 2, 1)))
    assert data.win_rate.closed == 0
    assert data.win_rate.rate is None
    assert data.sales_cycle.median_days is None
    assert d.drill_closed_deals(data).count == 0
    assert list_count(sample_db, d.drill_closed_deals(data)) == 0


# --- scope by name ----------------------------------------------------------------------------


def test_resolve_scope_by_name_or_id(db: Database) -> None:
    with db.session() as s, s.begin():
        s.add_all([Team(id="t1", name="Ventes Sud")])
        s.flush()
        s.add_all(
            [
                User(id="u1", name="Élodie Martin", team_id="t1"),
                User(id="u2", name="Paul"),
                User(id="u3", name="Paul"),
            ]
        )
        pipeline = ensure_default_pipeline(s, "fr")
        pipeline_id, pipeline_name = pipeline.id, pipeline.name
    with db.read_session() as s:
        assert d.resolve_scope(s, ["Élodie Martin", "u2"], "Ventes Sud", pipeline_name) == (
            ("u1", "u2"),
            "t1",
            pipeline_id,
        )
        assert d.resolve_scope(s) == (None, None, None)
        with pytest.raises(ValueError, match="no user named 'Zoé'"):
            d.resolve_scope(s, ["Zoé"])
        with pytest.raises(ValueError, match="2 users are named 'Paul': give one of their ids"):
            d.resolve_scope(s, ["Paul"])
        with pytest.raises(ValueError, match="no pipeline named 'Other'"):
            d.resolve_scope(s, pipeline="Other")


# --- the cache ------------------------------------------------------------------------------


def test_the_cache_answers_unchanged_records_and_recomputes_after_a_write(db: Database) -> None:
    with db.session() as s, s.begin():
        pipeline = ensure_default_pipeline(s, "en")
        stage_id = s.scalars(
            select(PipelineStage.id)
            .where(PipelineStage.pipeline_id == pipeline.id, PipelineStage.kind == "open")
            .limit(1)
        ).one()
    f = MetricFilter(date(2025, 1, 1), date(2026, 1, 1))
    cache = d.DashboardCache(size=2)
    with db.read_session() as s:
        first = cache.compute(s, f, REFERENCE)
    with db.read_session() as s:
        assert cache.compute(s, f, REFERENCE) is first
        assert cache.compute(s, f, REFERENCE, "USD") is not first  # another currency
    assert cache.hits == 1
    with db.session() as s, s.begin():
        s.add(
            Opportunity(name="New", pipeline_id=pipeline.id, stage_id=stage_id, amount_minor=5000)
        )
    with db.read_session() as s:
        again = cache.compute(s, f, REFERENCE)
    assert again is not first
    assert again.pipeline.deals == first.pipeline.deals + 1
    assert cache.hits == 1


# --- stale deals ------------------------------------------------------------------------------


def test_the_stale_deals_drill_down_lists_exactly_the_deals_counted(tmp_path: Path) -> None:
    today = datetime.now(UTC).date()
    db = Database.open(tmp_path / "crm.sqlite")
    try:
        generate(db.session, 400, seed=4, reference_date=today)
        f = MetricFilter(today.replace(day=1), today + timedelta(days=1))
        with db.read_session() as session:
            data = d.compute_dashboard(session, f, today)
        assert data.stale.count > 0
        whole = d.drill_stale_deals(data)
        assert whole is not None
        assert list_count(db, whole) == whole.count == data.stale.count
        for stage_id, count in data.stale.by_stage.items():
            one = d.drill_stale_deals(data, stage_id)
            assert one is not None
            assert list_count(db, one) == one.count == count
        with db.read_session() as session:
            yesterday = d.compute_dashboard(session, f, today - timedelta(days=1))
        assert d.drill_stale_deals(yesterday) is None  # the lists only know today
    finally:
        db.close()


# --- in two parts ---------------------------------------------------------------------------


def test_the_first_part_then_the_rest_make_the_whole_dashboard(sample_db: Database) -> None:
    f = scope_filter(sample_db, "everyone")
    with sample_db.read_session() as session:
        first = d.compute_first_part(session, f, REFERENCE)
        assert not first.complete
        assert (first.revenue.months, first.campaigns.campaigns, first.activities.rows) == (
            (),
            (),
            (),
        )
        whole = d.complete_dashboard(session, first)
    assert whole.complete
    assert whole == compute(sample_db, f)
    assert whole.activities.rows  # the sample has activities in the period
    assert d.complete_dashboard(sample_db.read_session(), whole) is whole


@pytest.mark.parametrize("scope", ["everyone", "team", "owner"])
def test_conversion_read_on_a_side_session_gives_the_same_first_part(
    sample_db: Database, scope: str
) -> None:
    f = scope_filter(sample_db, scope)
    opened: list[int] = []

    def side_session() -> Any:
        opened.append(1)
        return sample_db.read_session()

    with sample_db.read_session() as session:
        alone = d.compute_first_part(session, f, REFERENCE)
        beside = d.compute_first_part(session, f, REFERENCE, side_session=side_session)
    assert opened == [1, 1]
    assert beside == alone
    assert beside.conversion.stages  # the sample's deals moved through the stages


def test_a_failing_side_query_fails_the_first_part(sample_db: Database) -> None:
    def broken() -> Any:
        raise RuntimeError("side session refused")

    with sample_db.read_session() as session, pytest.raises(RuntimeError, match="refused"):
        d.compute_first_part(
            session, scope_filter(sample_db, "everyone"), REFERENCE, side_session=broken
        )
