"""Dashboard KPIs (issue #5) against small hand-built datasets with known answers, and
against plain SQL on sample data."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import text

from desktop_crm.models import (
    Activity,
    Campaign,
    Case,
    Lead,
    Opportunity,
    Team,
    User,
)
from desktop_crm.models.base import Base
from desktop_crm.models.database import Database
from desktop_crm.models.journal import operation
from desktop_crm.services import metrics as m
from desktop_crm.services.bootstrap import ensure_default_pipeline
from desktop_crm.services.metrics import MetricFilter
from desktop_crm.services.sample_data import generate
from desktop_crm.services.undo import redo, undo

Q3 = (date(2026, 7, 1), date(2026, 10, 1))
JULY = (date(2026, 7, 1), date(2026, 8, 1))
EMPTY = (date(2030, 1, 1), date(2030, 2, 1))
OPEN_STAGES = ["Prospecting", "Qualification", "Needs analysis", "Proposal", "Negotiation"]


def at(moment: str) -> datetime:
    """'2026-07-01' or '2026-07-01T10:30' as an aware UTC datetime."""
    return datetime.fromisoformat(moment).replace(tzinfo=UTC)


def day(text_date: str | None) -> date | None:
    return None if text_date is None else date.fromisoformat(text_date)


def q3(**kw: Any) -> MetricFilter:
    return MetricFilter(*Q3, **kw)


def add(db: Database, *groups: Sequence[Base]) -> None:
    """Insert the groups in order (parents first), in one transaction."""
    with db.session() as s, s.begin():
        for group in groups:
            s.add_all(group)
            s.flush()


def setup_people(db: Database) -> dict[str, str]:
    """The default pipeline, teams A (Alice u1, Bob u2) and B (Carol u3); stage ids by name."""
    with db.session() as s, s.begin():
        pipeline = ensure_default_pipeline(s, "en")
    add(
        db,
        [Team(id="tA", name="A"), Team(id="tB", name="B")],
        [
            User(id="u1", name="Alice", team_id="tA"),
            User(id="u2", name="Bob", team_id="tA"),
            User(id="u3", name="Carol", team_id="tB"),
        ],
    )
    with db.read_session() as s:
        rows = s.execute(
            text("SELECT name, id FROM pipeline_stages WHERE pipeline_id = :p"),
            {"p": pipeline.id},
        ).all()
    return dict(rows) | {"pipeline": pipeline.id}


def deal(
    stages: dict[str, str],
    deal_id: str,
    stage: str,
    *,
    amount: int | None = None,
    currency: str = "EUR",
    created: str = "2026-07-10T09:00",
    closed: str | None = None,
    owner: str = "u1",
    probability: int = 10,
    expected: str | None = None,
    campaign: str | None = None,
    deleted: bool = False,
    updated: str | None = None,
    status: str | None = None,
) -> Opportunity:
    kind = {"Won": "won", "Lost": "lost"}.get(stage, "open")
    return Opportunity(
        id=deal_id,
        name=deal_id,
        pipeline_id=stages["pipeline"],
        stage_id=stages[stage],
        status=status or kind,
        amount_minor=amount,
        currency=currency,
        created_at=at(created),
        updated_at=at(updated or created),
        closed_at=day(closed),
        owner_id=owner,
        probability=probability,
        expected_close_date=day(expected),
        campaign_id=campaign,
        deleted_at=at("2026-09-01") if deleted else None,
    )


def compute(db: Database, kpi: Callable[..., Any], *args: Any) -> Any:
    with db.read_session() as session:
        return kpi(session, *args)


# --- periods and the filter -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ("2026", date(2026, 1, 1), date(2027, 1, 1)),
        ("2026-Q1", date(2026, 1, 1), date(2026, 4, 1)),
        ("2026-Q3", date(2026, 7, 1), date(2026, 10, 1)),
        ("2026-q4", date(2026, 10, 1), date(2027, 1, 1)),
        ("2026-07", date(2026, 7, 1), date(2026, 8, 1)),
        ("2026-12", date(2026, 12, 1), date(2027, 1, 1)),
        (" 2024-02 ", date(2024, 2, 1), date(2024, 3, 1)),
    ],
)
def test_period_from_text(written: str, start: date, end: date) -> None:
    assert m.period_from_text(written) == (start, end)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("", "not understood"),
        ("Q3 2026", "not understood"),
        ("2026-Q5", "not understood"),
        ("2026-13", "month 13 is not between 01 and 12"),
        ("2026-00", "month 0 is not between 01 and 12"),
        ("26", "not understood"),
        ("2026-07-01", "not understood"),
        ("0000", "out of range"),
    ],
)
def test_period_from_text_refuses_bad_input_clearly(written: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        m.period_from_text(written)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": date(2026, 7, 1), "end": date(2026, 7, 1)}, "must end after it starts"),
        ({"start": date(2026, 7, 2), "end": date(2026, 7, 1)}, "must end after it starts"),
        ({"start": date(2026, 7, 1), "end": date(2026, 8, 1), "currency": "eur"}, "ISO 4217"),
        ({"start": date(2026, 7, 1), "end": date(2026, 8, 1), "currency": "EURO"}, "ISO 4217"),
    ],
)
def test_filter_refuses_bad_values(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        MetricFilter(**kwargs)


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        (Q3, (date(2026, 4, 1), date(2026, 7, 1))),
        (JULY, (date(2026, 6, 1), date(2026, 7, 1))),
        ((date(2026, 1, 1), date(2027, 1, 1)), (date(2025, 1, 1), date(2026, 1, 1))),
        ((date(2026, 3, 10), date(2026, 3, 20)), (date(2026, 2, 28), date(2026, 3, 10))),
    ],
)
def test_previous_period_keeps_the_scope(
    period: tuple[date, date], previous: tuple[date, date]
) -> None:
    before = MetricFilter(*period, owner_ids=("u1",), currency="USD").previous()
    assert (before.start, before.end) == previous
    assert (before.owner_ids, before.currency) == (("u1",), "USD")


# --- deals: one shared dataset ----------------------------------------------------------------

#: id, stage, then these keyword arguments of deal()
DEAL_FIELDS = (
    "amount",
    "currency",
    "created",
    "closed",
    "owner",
    "probability",
    "expected",
    "deleted",
)
DEALS: list[tuple[Any, ...]] = [
    ("w1", "Won", 100_000, "EUR", "2026-06-01T23:30", "2026-07-15", "u1", 100, None, False),
    ("w2", "Won", 300_000, "EUR", "2026-07-01T00:00", "2026-08-20", "u2", 100, None, False),
    ("w3", "Won", 500_000, "USD", "2026-07-05T12:00", "2026-09-10", "u1", 100, None, False),
    ("w4", "Won", None, "EUR", "2026-08-01T08:00", "2026-09-30", "u3", 100, None, False),
    ("w_prev", "Won", 70_000, "EUR", "2025-07-01T08:00", "2025-08-03", "u1", 100, None, False),
    ("w_out", "Won", 40_000, "EUR", "2026-09-01T08:00", "2026-10-01", "u2", 100, None, False),
    ("w_nodate", "Won", 999, "EUR", "2026-07-01T08:00", None, "u1", 100, None, False),
    ("w_deleted", "Won", 123, "EUR", "2026-07-01T08:00", "2026-07-20", "u1", 100, None, True),
    ("l1", "Lost", 10_000, "EUR", "2026-07-01T08:00", "2026-07-31", "u1", 0, None, False),
    ("l2", "Lost", 20_000, "EUR", "2026-07-01T08:00", "2026-09-01", "u3", 0, None, False),
    ("l_before", "Lost", 30_000, "EUR", "2026-05-01T08:00", "2026-06-30", "u2", 0, None, False),
    ("o1", "Prospecting", 100_000, "EUR", "2026-07-02T08:00", None, "u1", 10, "2026-07-20", False),
    ("o2", "Proposal", 200_000, "EUR", "2026-07-02T08:00", None, "u2", 50, "2026-09-05", False),
    ("o3", "Proposal", 50_000, "GBP", "2026-07-02T08:00", None, "u3", 50, "2026-08-01", False),
    ("o4", "Negotiation", None, "EUR", "2026-07-02T08:00", None, "u1", 75, None, False),
    ("o_del", "Proposal", 1, "EUR", "2026-07-02T08:00", None, "u1", 50, "2026-08-01", True),
]


@pytest.fixture(scope="module")
def deals_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database.open(tmp_path_factory.mktemp("deals") / "crm.sqlite")
    try:
        stages = setup_people(database)
        rows = [
            deal(stages, deal_id, stage, **dict(zip(DEAL_FIELDS, rest, strict=True)))
            for deal_id, stage, *rest in DEALS
        ]
        add(database, rows)
        yield database
    finally:
        database.close()


@pytest.mark.parametrize(
    ("scope", "won", "lost", "undated"),
    [
        ({}, 4, 2, 1),
        ({"owner_ids": ("u1",)}, 2, 1, 1),
        ({"owner_ids": ("u3",)}, 1, 1, 0),
        ({"owner_ids": ("u1", "u3")}, 3, 2, 1),
        ({"team_id": "tA"}, 3, 1, 1),
        ({"team_id": "tB", "owner_ids": ("u1",)}, 0, 0, 0),
        ({"owner_ids": ()}, 0, 0, 0),
        ({"pipeline_id": "another pipeline"}, 0, 0, 0),
    ],
)
def test_win_rate(
    deals_db: Database, scope: dict[str, Any], won: int, lost: int, undated: int
) -> None:
    result = compute(deals_db, m.win_rate, q3(**scope))
    rate = won / (won + lost) if won + lost else None
    assert result == m.WinRate(won, lost, rate, undated)


def test_win_rate_of_a_period_with_no_closed_deal_is_none(deals_db: Database) -> None:
    # The deal without close date is in no period, so it is reported whatever the period.
    assert compute(deals_db, m.win_rate, MetricFilter(*EMPTY)) == m.WinRate(0, 0, None, 1)


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ({}, m.SalesCycle(4, 55.25, 55.0)),  # 44, 50, 60, 67 days
        ({"team_id": "tA"}, m.SalesCycle(3, (44 + 50 + 67) / 3, 50.0)),
        ({"owner_ids": ("u1",)}, m.SalesCycle(2, 55.5, 55.5)),
        ({"owner_ids": ("u3",)}, m.SalesCycle(1, 60.0, 60.0)),
        (
            {"owner_ids": ("u2",), "start": date(2026, 10, 1), "end": date(2026, 10, 2)},
            m.SalesCycle(1, 30.0, 30.0),
        ),  # w_out: closed on the day after Q3
        ({"start": EMPTY[0], "end": EMPTY[1]}, m.SalesCycle(0, None, None)),
    ],
)
def test_sales_cycle(deals_db: Database, scope: dict[str, Any], expected: m.SalesCycle) -> None:
    period = {"start": Q3[0], "end": Q3[1]} | scope
    assert compute(deals_db, m.sales_cycle, MetricFilter(**period)) == expected


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ({}, m.AverageWonValue("EUR", 2, 400_000, 200_000, 1, {"USD": 1})),
        ({"currency": "USD"}, m.AverageWonValue("USD", 1, 500_000, 500_000, 0, {"EUR": 3})),
        ({"currency": "JPY"}, m.AverageWonValue("JPY", 0, 0, None, 0, {"EUR": 3, "USD": 1})),
        ({"owner_ids": ("u3",)}, m.AverageWonValue("EUR", 0, 0, None, 1, {})),
        ({"owner_ids": ("u1",)}, m.AverageWonValue("EUR", 1, 100_000, 100_000, 0, {"USD": 1})),
    ],
)
def test_average_won_value(
    deals_db: Database, scope: dict[str, Any], expected: m.AverageWonValue
) -> None:
    assert compute(deals_db, m.average_won_value, q3(**scope)) == expected


@pytest.mark.parametrize(
    ("scope", "per_stage", "other"),
    [
        (
            {},
            {
                "Prospecting": (1, 100_000, 10_000),
                "Proposal": (1, 200_000, 100_000),
                "Negotiation": (1, 0, 0),
            },
            {"GBP": 1},
        ),
        (
            {"owner_ids": ("u1",)},
            {"Prospecting": (1, 100_000, 10_000), "Negotiation": (1, 0, 0)},
            {},
        ),
        ({"currency": "GBP"}, {"Proposal": (1, 50_000, 25_000)}, {"EUR": 3}),
        ({"team_id": "tB"}, {}, {"GBP": 1}),
    ],
)
def test_pipeline_value_per_stage(
    deals_db: Database,
    scope: dict[str, Any],
    per_stage: dict[str, tuple[int, int, int]],
    other: dict[str, int],
) -> None:
    result = compute(deals_db, m.pipeline_value_per_stage, q3(**scope))
    assert [s.name for s in result.stages] == OPEN_STAGES
    assert {
        s.name: (s.deals, s.amount_minor, s.weighted_minor) for s in result.stages if s.deals
    } == per_stage
    assert result.other_currencies == other
    assert result.amount_minor == sum(amount for _, amount, _ in per_stage.values())
    assert result.weighted_minor == sum(weighted for _, _, weighted in per_stage.values())


def test_pipeline_value_is_a_snapshot_whatever_the_period(deals_db: Database) -> None:
    now = compute(deals_db, m.pipeline_value_per_stage, q3())
    assert compute(deals_db, m.pipeline_value_per_stage, MetricFilter(*EMPTY)) == now


@pytest.mark.parametrize(
    ("scope", "months", "undated", "other"),
    [
        (
            {},
            [
                (date(2026, 7, 1), 1, 100_000, 10_000),
                (date(2026, 8, 1), 0, 0, 0),
                (date(2026, 9, 1), 1, 200_000, 100_000),
            ],
            1,
            {"GBP": 1},
        ),
        (
            {"owner_ids": ("u2",)},
            [
                (date(2026, 7, 1), 0, 0, 0),
                (date(2026, 8, 1), 0, 0, 0),
                (date(2026, 9, 1), 1, 200_000, 100_000),
            ],
            0,
            {},
        ),
        ({"start": EMPTY[0], "end": EMPTY[1]}, [(date(2030, 1, 1), 0, 0, 0)], 1, {}),
        (
            {"start": date(2026, 7, 15), "end": date(2026, 8, 15), "currency": "GBP"},
            [(date(2026, 7, 1), 0, 0, 0), (date(2026, 8, 1), 1, 50_000, 25_000)],
            0,
            {"EUR": 2},  # o1, due in July, and o4, which has no date
        ),
    ],
)
def test_weighted_forecast_by_month(
    deals_db: Database,
    scope: dict[str, Any],
    months: list[tuple[date, int, int, int]],
    undated: int,
    other: dict[str, int],
) -> None:
    period = {"start": Q3[0], "end": Q3[1]} | scope
    result = compute(deals_db, m.weighted_forecast_by_month, MetricFilter(**period))
    assert [(x.month, x.deals, x.amount_minor, x.weighted_minor) for x in result.months] == months
    assert (result.undated, result.other_currencies) == (undated, other)


@pytest.mark.parametrize(
    ("scope", "months", "other"),
    [
        (
            {},
            [
                (date(2026, 7, 1), 1, 100_000, 0, 0),
                (date(2026, 8, 1), 1, 300_000, 1, 70_000),
                (date(2026, 9, 1), 1, 0, 0, 0),
            ],
            {"USD": 1},
        ),
        (
            {"owner_ids": ("u2",)},
            [
                (date(2026, 7, 1), 0, 0, 0, 0),
                (date(2026, 8, 1), 1, 300_000, 0, 0),
                (date(2026, 9, 1), 0, 0, 0, 0),
            ],
            {},
        ),
        (
            {"currency": "USD"},
            [
                (date(2026, 7, 1), 0, 0, 0, 0),
                (date(2026, 8, 1), 0, 0, 0, 0),
                (date(2026, 9, 1), 1, 500_000, 0, 0),
            ],
            {"EUR": 4},
        ),
        (
            {"start": date(2027, 8, 1), "end": date(2027, 9, 1)},  # last year's August is Q3's
            [(date(2027, 8, 1), 0, 0, 1, 300_000)],
            {},
        ),
        ({"start": EMPTY[0], "end": EMPTY[1]}, [(date(2030, 1, 1), 0, 0, 0, 0)], {}),
    ],
)
def test_revenue_won_by_month_against_the_previous_year(
    deals_db: Database,
    scope: dict[str, Any],
    months: list[tuple[date, int, int, int, int]],
    other: dict[str, int],
) -> None:
    period = {"start": Q3[0], "end": Q3[1]} | scope
    result = compute(deals_db, m.revenue_won_by_month, MetricFilter(**period))
    assert [
        (x.month, x.deals, x.amount_minor, x.previous_deals, x.previous_amount_minor)
        for x in result.months
    ] == months
    assert result.other_currencies == other


# --- conversion by stage, from the journal's stage history ------------------------------------


def move(db: Database, deal_id: str, stage_id: str, status: str = "open") -> None:
    """One stage change in its own transaction, as a user dragging a card would make."""
    with db.session() as s, s.begin():
        opportunity = s.get(Opportunity, deal_id)
        assert opportunity is not None
        opportunity.stage_id = stage_id
        opportunity.status = status


@pytest.fixture(scope="module")
def journey_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database.open(tmp_path_factory.mktemp("journey") / "crm.sqlite")
    try:
        st = setup_people(database)
        add(
            database,
            [
                deal(st, "A", "Prospecting", owner="u1"),
                deal(st, "B", "Prospecting", owner="u1"),
                deal(st, "C", "Needs analysis", owner="u2"),
                deal(st, "D", "Prospecting", owner="u2"),
                deal(st, "E", "Lost", owner="u3"),
                deal(st, "F", "Prospecting", owner="u1", created="2026-06-30T23:59"),
                deal(st, "G", "Prospecting", owner="u1", deleted=True),
            ],
        )
        journeys = {
            "A": ["Qualification", "Proposal", "Won"],
            "B": ["Qualification", "Lost"],
            "D": ["Negotiation", "Qualification"],
            "F": ["Won"],
            "G": ["Won"],
        }
        for deal_id, path in journeys.items():
            for stage in path:
                move(
                    database, deal_id, st[stage], {"Won": "won", "Lost": "lost"}.get(stage, "open")
                )
        yield database
    finally:
        database.close()


def test_stage_moves_are_in_the_journal(journey_db: Database) -> None:
    with journey_db.read_session() as s:
        moves = s.execute(
            text(
                "SELECT count(*) FROM journal_entries WHERE table_name = 'opportunities' "
                "AND action = 'U' AND field = 'stage_id' AND row_id = 'A'"
            )
        ).scalar_one()
    assert moves == 3


@pytest.mark.parametrize(
    ("scope", "cohort", "reached"),
    [
        # A won via Q, P; B lost from Q; C created in Needs analysis; D went to Negotiation
        # then back; E created lost. F (created before Q3) and G (deleted) are not counted.
        ({}, 5, [5, 4, 3, 2, 2, 1, 2]),
        ({"owner_ids": ("u1",)}, 2, [2, 2, 1, 1, 1, 1, 1]),
        ({"team_id": "tA"}, 4, [4, 4, 3, 2, 2, 1, 1]),
        ({"owner_ids": ("u3",)}, 1, [1, 0, 0, 0, 0, 0, 1]),
        ({"start": date(2026, 6, 1), "end": date(2026, 7, 1)}, 1, [1, 1, 1, 1, 1, 1, 0]),
    ],
)
def test_conversion_by_stage(
    journey_db: Database, scope: dict[str, Any], cohort: int, reached: list[int]
) -> None:
    period = {"start": Q3[0], "end": Q3[1]} | scope
    result = compute(journey_db, m.conversion_by_stage, MetricFilter(**period))
    assert [s.name for s in result.stages] == [*OPEN_STAGES, "Won", "Lost"]
    assert [s.position for s in result.stages] == list(range(7))
    assert result.deals == cohort
    assert [s.deals for s in result.stages] == reached
    assert [s.share for s in result.stages] == [n / cohort for n in reached]


def test_conversion_by_stage_of_an_empty_period_has_no_shares(journey_db: Database) -> None:
    result = compute(journey_db, m.conversion_by_stage, MetricFilter(*EMPTY))
    assert result.deals == 0
    assert [(s.deals, s.share) for s in result.stages] == [(0, None)] * 7


def test_conversion_by_stage_of_a_named_pipeline(journey_db: Database) -> None:
    default = compute(journey_db, m.conversion_by_stage, q3())
    assert compute(journey_db, m.conversion_by_stage, q3(pipeline_id=default.pipeline_id)) == (
        default
    )
    assert compute(journey_db, m.conversion_by_stage, q3(pipeline_id="none")) == (
        m.StageConversion("none", 0, ())
    )


def test_conversion_by_stage_forgets_undone_moves(db: Database) -> None:
    st = setup_people(db)
    add(db, [deal(st, "H", "Prospecting")])

    def move_as_operation(stage: str) -> str:
        with db.session() as s, s.begin(), operation(s, f"Move to {stage}") as op_id:
            opportunity = s.get(Opportunity, "H")
            assert opportunity is not None
            opportunity.stage_id = st[stage]
        return op_id

    def run(action: Callable[[Any, str], str], op_id: str) -> None:
        with db.session() as s, s.begin():
            action(s, op_id)

    run(undo, move_as_operation("Negotiation"))  # a mistaken drag, undone
    redone = move_as_operation("Qualification")
    run(undo, redone)
    run(redo, redone)
    result = compute(db, m.conversion_by_stage, q3())
    assert [s.deals for s in result.stages] == [1, 1, 0, 0, 0, 0, 0]


# --- leads ------------------------------------------------------------------------------------

#: id, source, status, created, converted_at, owner, deleted
LEADS = [
    ("L1", "website", "converted", "2026-07-02T08:00", "2026-07-20T10:00", "u1", False),
    ("L2", "website", "new", "2026-07-03T08:00", None, "u1", False),
    ("L3", "website", "qualified", "2026-08-03T08:00", None, "u2", False),
    ("L4", "referral", "converted", "2026-09-30T23:59", "2026-10-05T10:00", "u3", False),
    ("L5", "referral", "new", "2026-10-01T00:00", None, "u1", False),
    ("L6", "website", "converted", "2026-07-05T08:00", "2026-07-06T08:00", "u1", True),
    ("L7", "trade_show", "new", "2026-06-30T23:59:59", None, "u1", False),
]


@pytest.mark.parametrize(
    ("scope", "sources", "total"),
    [
        ({}, [("website", 3, 1), ("referral", 1, 1)], (4, 2, 0.5)),
        ({"owner_ids": ("u1",)}, [("website", 2, 1)], (2, 1, 0.5)),
        ({"team_id": "tB"}, [("referral", 1, 1)], (1, 1, 1.0)),
        ({"start": EMPTY[0], "end": EMPTY[1]}, [], (0, 0, None)),
    ],
)
def test_lead_conversion_by_source(
    db: Database,
    scope: dict[str, Any],
    sources: list[tuple[str, int, int]],
    total: tuple[int, int, float | None],
) -> None:
    setup_people(db)
    add(
        db,
        [
            Lead(
                id=lead_id,
                last_name=lead_id,
                source=source,
                status=status,
                created_at=at(created),
                converted_at=at(converted) if converted else None,
                owner_id=owner,
                deleted_at=at("2026-09-01") if deleted else None,
            )
            for lead_id, source, status, created, converted, owner, deleted in LEADS
        ],
    )
    period = {"start": Q3[0], "end": Q3[1]} | scope
    result = compute(db, m.lead_conversion_by_source, MetricFilter(**period))
    assert [(s.source, s.leads, s.converted, s.share) for s in result.sources] == [
        (source, n, c, c / n) for source, n, c in sources
    ]
    assert (result.leads, result.converted, result.share) == total


# --- campaigns --------------------------------------------------------------------------------


def load_campaigns(db: Database) -> None:
    st = setup_people(db)

    def campaign(
        cid: str, start: str | None, end: str | None, cost: int | None, **kw: Any
    ) -> Campaign:
        return Campaign(
            id=cid, name=cid, start_date=day(start), end_date=day(end), actual_cost_minor=cost, **kw
        )

    campaigns = [
        campaign("C1", "2026-06-01", "2026-07-05", 100_000, owner_id="u1"),
        campaign("C2", "2026-08-01", None, 0, owner_id="u2"),
        campaign("C3", "2026-09-30", "2026-09-30", None, owner_id="u1"),
        campaign("C4", "2026-07-01", "2026-07-31", 5_000, currency="GBP", owner_id="u1"),
        campaign("C5", "2026-01-01", "2026-06-30", 7_000, owner_id="u1"),
        campaign(
            "C6", "2026-07-01", "2026-07-31", 9_000, owner_id="u1", deleted_at=at("2026-08-01")
        ),
        campaign("C7", "2026-10-01", "2026-10-31", 9_000, owner_id="u1"),
    ]
    deals = [
        deal(st, "d1", "Won", amount=300_000, closed="2026-08-01", campaign="C1"),
        deal(st, "d2", "Won", amount=10_000, currency="USD", closed="2026-08-01", campaign="C1"),
        deal(st, "d3", "Lost", amount=99_999, closed="2026-08-01", campaign="C1"),
        # won long after the period: a campaign's revenue is counted over its whole life
        deal(st, "d4", "Won", amount=50_000, closed="2027-03-01"),
        deal(st, "d5", "Won", amount=20_000, closed="2026-09-01", campaign="C2"),
        deal(st, "d6", "Won", amount=1_000_000, closed="2026-09-01", campaign="C1", deleted=True),
        # converted from a C2 lead but attributed to C1 by its own campaign: counted once
        deal(st, "d7", "Won", amount=5_000, closed="2026-09-01", campaign="C1"),
        deal(st, "d8", "Proposal", amount=70_000, campaign="C2"),
    ]
    leads = [
        Lead(id=f"C1-{i}", last_name="x", campaign_id="C1", created_at=at("2026-06-10"))
        for i in range(4)
    ] + [
        Lead(
            id="C1-conv",
            last_name="x",
            campaign_id="C1",
            status="converted",
            converted_opportunity_id="d4",
            created_at=at("2026-06-10"),
        ),
        Lead(id="C1-deleted", last_name="x", campaign_id="C1", deleted_at=at("2026-07-01")),
        Lead(id="C2-a", last_name="x", campaign_id="C2", converted_opportunity_id="d7"),
        Lead(id="C2-b", last_name="x", campaign_id="C2", converted_opportunity_id="d8"),
    ]
    add(db, campaigns, deals, leads)


def test_campaign_roi(db: Database) -> None:
    load_campaigns(db)
    result = compute(db, m.campaign_roi, q3())
    rows = {c.campaign_id: c for c in result.campaigns}
    assert list(rows) == ["C1", "C2", "C3"]
    c1, c2, c3 = rows["C1"], rows["C2"], rows["C3"]
    # C1: 5 live leads; won d1 + d7 + d4 (via the lead it came from); USD d2 left out.
    assert (c1.leads, c1.cost_per_lead_minor) == (5, 20_000.0)
    assert (c1.won_deals, c1.won_revenue_minor) == (3, 355_000)
    assert c1.roi == pytest.approx((355_000 - 100_000) / 100_000)
    assert c1.other_currencies == {"USD": 1}
    # C2 cost nothing: cost per lead 0, ROI undefined rather than infinite.
    assert (c2.actual_cost_minor, c2.leads, c2.cost_per_lead_minor) == (0, 2, 0.0)
    assert (c2.won_deals, c2.won_revenue_minor, c2.roi) == (1, 20_000, None)
    # C3 has no cost recorded and no lead.
    assert (c3.actual_cost_minor, c3.leads, c3.cost_per_lead_minor, c3.roi) == (None, 0, None, None)
    assert (c3.won_deals, c3.won_revenue_minor, c3.other_currencies) == (0, 0, {})
    assert result.other_currencies == {"GBP": 1}


@pytest.mark.parametrize(
    ("scope", "expected", "other"),
    [
        ({"owner_ids": ("u2",)}, ["C2"], {}),
        ({"team_id": "tB"}, [], {}),
        ({"currency": "GBP"}, ["C4"], {"EUR": 3}),
        ({"start": date(2026, 10, 1), "end": date(2026, 11, 1)}, ["C2", "C7"], {}),
        ({"start": EMPTY[0], "end": EMPTY[1]}, ["C2"], {}),  # C2 has no end date
        ({"start": date(2020, 1, 1), "end": date(2020, 2, 1)}, [], {}),
    ],
)
def test_campaign_roi_scope(
    db: Database, scope: dict[str, Any], expected: list[str], other: dict[str, int]
) -> None:
    load_campaigns(db)
    period = {"start": Q3[0], "end": Q3[1]} | scope
    result = compute(db, m.campaign_roi, MetricFilter(**period))
    assert [c.campaign_id for c in result.campaigns] == expected
    assert result.other_currencies == other


# --- activities -------------------------------------------------------------------------------


def test_activities_per_owner_per_week(db: Database) -> None:
    setup_people(db)

    def activity(aid: str, kind: str, owner: str, done: str | None, **kw: Any) -> Activity:
        return Activity(
            id=aid,
            activity_type=kind,
            subject=aid,
            owner_id=owner,
            done_at=at(done) if done else None,
            **kw,
        )

    add(
        db,
        [
            activity("a1", "call", "u1", "2026-07-01T00:00"),
            activity("a2", "call", "u1", "2026-07-31T23:59"),
            activity("a3", "email", "u1", "2026-07-10T10:00"),
            activity("a4", "task", "u1", None, due_at=at("2026-07-15")),  # planned, not done
            activity("a5", "note", "u1", "2026-08-01T00:00"),  # the day after July
            activity("a6", "call", "u1", "2026-07-10T10:00", deleted_at=at("2026-07-11")),
            activity("a7", "meeting", "u2", "2026-07-20T14:00"),
            activity("a8", "note", "u3", "2026-06-30T23:59"),
        ],
    )
    weeks = 31 / 7
    result = compute(db, m.activities_per_owner_per_week, MetricFilter(*JULY))
    assert result.weeks == weeks
    assert [(r.owner_name, r.activity_type, r.activities, r.per_week) for r in result.rows] == [
        ("Alice", "call", 2, 2 / weeks),
        ("Alice", "email", 1, 1 / weeks),
        ("Bob", "meeting", 1, 1 / weeks),
    ]
    only_bob = compute(db, m.activities_per_owner_per_week, MetricFilter(*JULY, owner_ids=("u2",)))
    assert [(r.owner_id, r.activities) for r in only_bob.rows] == [("u2", 1)]
    team_b = compute(db, m.activities_per_owner_per_week, MetricFilter(*JULY, team_id="tB"))
    assert team_b.rows == ()
    assert compute(db, m.activities_per_owner_per_week, MetricFilter(*EMPTY)).rows == ()


# --- stale deals ------------------------------------------------------------------------------


def test_stale_deals_count(db: Database) -> None:
    st = setup_people(db)
    # Prospecting may idle 14 days, Proposal 21; today is 31 July.
    deals = [
        deal(st, "s1", "Prospecting", created="2026-07-10T08:00"),  # 21 days: stale
        deal(st, "s2", "Prospecting", created="2026-07-17T23:00"),  # 14 days: not yet
        deal(st, "s3", "Prospecting", created="2026-07-16T00:00", owner="u2"),  # 15: stale
        deal(st, "s4", "Prospecting", created="2026-07-01T08:00"),  # recent activity logged
        deal(st, "s5", "Prospecting", created="2026-07-01T08:00"),  # old activity done lately
        deal(st, "s6", "Prospecting", created="2026-07-01T08:00"),  # only a deleted activity
        deal(st, "s7", "Proposal", created="2026-07-05T08:00", owner="u3"),  # 26 > 21: stale
        deal(st, "s8", "Proposal", created="2026-06-01T08:00", updated="2026-07-20T08:00"),
        deal(st, "s9", "Won", created="2026-01-01T08:00", closed="2026-02-01"),  # closed
        deal(st, "s10", "Prospecting", created="2026-01-01T08:00", deleted=True),
    ]
    activities = [
        Activity(
            id="x4",
            activity_type="call",
            subject="x",
            opportunity_id="s4",
            created_at=at("2026-07-25T08:00"),
        ),
        Activity(
            id="x5",
            activity_type="task",
            subject="x",
            opportunity_id="s5",
            created_at=at("2026-06-01T08:00"),
            done_at=at("2026-07-20T08:00"),
        ),
        Activity(
            id="x6",
            activity_type="call",
            subject="x",
            opportunity_id="s6",
            created_at=at("2026-07-25T08:00"),
            deleted_at=at("2026-07-26T08:00"),
        ),
        Activity(
            id="x7",
            activity_type="call",
            subject="x",
            opportunity_id="s7",
            created_at=at("2026-06-01T08:00"),
            done_at=at("2026-06-01T09:00"),
        ),
    ]
    add(db, deals, activities)
    today = date(2026, 7, 31)
    result = compute(db, m.stale_deals_count, q3(), today)
    assert result == m.StaleDeals(4, {st["Prospecting"]: 3, st["Proposal"]: 1})
    assert compute(db, m.stale_deals_count, q3(owner_ids=("u1",)), today).count == 2
    assert compute(db, m.stale_deals_count, q3(team_id="tB"), today).count == 1
    assert compute(db, m.stale_deals_count, q3(), date(2026, 7, 1)) == m.StaleDeals(0, {})


# --- cases ------------------------------------------------------------------------------------

#: id, status, priority, opened, resolved, satisfaction, owner, deleted
CASES = [
    ("c1", "new", "high", "2026-07-01T08:00", None, None, "u1", False),
    ("c2", "open", "high", "2026-05-01T08:00", None, None, "u2", False),
    ("c3", "pending", "low", "2026-07-01T08:00", None, None, "u3", False),
    ("c4", "resolved", "urgent", "2026-07-01T08:00", "2026-07-02T08:00", 5, "u1", False),
    ("c5", "open", "normal", "2026-07-01T08:00", None, None, "u1", True),
    ("c6", "closed", "normal", "2026-07-10T00:00", "2026-07-10T12:00", None, "u2", False),
    ("c7", "resolved", "low", "2026-09-30T08:00", "2026-10-01T00:00", 1, "u1", False),
    ("c8", "resolved", "high", "2026-07-31T18:00", "2026-08-01T00:00", 2, "u3", False),
    ("c9", "resolved", "high", "2026-07-31T18:00", "2026-08-01T00:00", 1, "u3", True),
]


@pytest.fixture
def cases_db(db: Database) -> Database:
    setup_people(db)
    add(
        db,
        [
            Case(
                id=cid,
                subject=cid,
                status=status,
                priority=priority,
                opened_at=at(opened),
                resolved_at=at(resolved) if resolved else None,
                satisfaction=satisfaction,
                owner_id=owner,
                deleted_at=at("2026-09-01") if deleted else None,
            )
            for cid, status, priority, opened, resolved, satisfaction, owner, deleted in CASES
        ],
    )
    return db


@pytest.mark.parametrize(
    ("scope", "counts"),
    [
        ({}, {"low": 1, "normal": 0, "high": 2, "urgent": 0}),
        ({"owner_ids": ("u1",)}, {"low": 0, "normal": 0, "high": 1, "urgent": 0}),
        ({"team_id": "tB"}, {"low": 1, "normal": 0, "high": 0, "urgent": 0}),
    ],
)
def test_open_cases_by_priority(
    cases_db: Database, scope: dict[str, Any], counts: dict[str, int]
) -> None:
    result = compute(cases_db, m.open_cases_by_priority, q3(**scope))
    assert result.by_priority == counts
    assert list(result.by_priority) == ["low", "normal", "high", "urgent"]
    assert result.total == sum(counts.values())


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ({}, (3, 14.0, 2, 3.5)),  # 24 h, 12 h, 6 h; rated 5 and 2
        ({"owner_ids": ("u2",)}, (1, 12.0, 0, None)),
        ({"team_id": "tB"}, (1, 6.0, 1, 2.0)),
        ({"start": EMPTY[0], "end": EMPTY[1]}, (0, None, 0, None)),
    ],
)
def test_case_resolution(
    cases_db: Database, scope: dict[str, Any], expected: tuple[int, float | None, int, float | None]
) -> None:
    period = {"start": Q3[0], "end": Q3[1]} | scope
    result = compute(cases_db, m.case_resolution, MetricFilter(**period))
    resolved, hours, rated, satisfaction = expected
    assert (result.resolved, result.rated, result.satisfaction_average) == (
        resolved,
        rated,
        satisfaction,
    )
    assert result.mean_hours == (None if hours is None else pytest.approx(hours, abs=1e-6))


# --- no data at all ---------------------------------------------------------------------------


def test_every_kpi_answers_on_an_empty_database(db: Database) -> None:
    """A new database (not even a pipeline): zeros and None, no ZeroDivisionError."""
    f = MetricFilter(*Q3)
    with db.read_session() as s:
        assert m.win_rate(s, f) == m.WinRate(0, 0, None, 0)
        assert m.conversion_by_stage(s, f) == m.StageConversion(None, 0, ())
        assert m.sales_cycle(s, f) == m.SalesCycle(0, None, None)
        assert m.average_won_value(s, f) == m.AverageWonValue("EUR", 0, 0, None, 0, {})
        assert m.pipeline_value_per_stage(s, f) == m.PipelineValue("EUR", (), {})
        forecast = m.weighted_forecast_by_month(s, f)
        assert [(x.deals, x.amount_minor) for x in forecast.months] == [(0, 0)] * 3
        revenue = m.revenue_won_by_month(s, f)
        assert (revenue.amount_minor, revenue.previous_amount_minor) == (0, 0)
        assert m.lead_conversion_by_source(s, f) == m.LeadConversion((), 0, 0, None)
        assert m.campaign_roi(s, f) == m.CampaignRoi("EUR", (), {})
        assert m.activities_per_owner_per_week(s, f).rows == ()
        assert m.stale_deals_count(s, f, date(2026, 7, 31)) == m.StaleDeals(0, {})
        assert m.open_cases_by_priority(s, f).total == 0
        assert m.case_resolution(s, f) == m.CaseResolution(0, None, 0, None)


# --- consistency with plain SQL on sample data ------------------------------------------------

SAMPLE_PERIOD = MetricFilter(date(2024, 7, 1), date(2025, 7, 1))


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database.open(tmp_path_factory.mktemp("sample") / "crm.sqlite")
    try:
        generate(database.session, 300, seed=1, reference_date=date(2025, 6, 15))
        yield database
    finally:
        database.close()


def sql(db: Database, statement: str, **params: Any) -> list[tuple[Any, ...]]:
    with db.read_session() as s:
        return [tuple(row) for row in s.execute(text(statement), params)]


def test_sample_pipeline_value_matches_plain_sql(sample_db: Database) -> None:
    result = compute(sample_db, m.pipeline_value_per_stage, SAMPLE_PERIOD)
    [(deals, amount, weighted)] = sql(
        sample_db,
        "SELECT count(*), sum(amount_minor), sum(amount_minor * probability) FROM opportunities "
        "WHERE status = 'open' AND deleted_at IS NULL AND currency = 'EUR'",
    )
    assert deals > 10
    assert (result.deals, result.amount_minor) == (deals, amount)
    assert abs(result.weighted_minor - weighted / 100) <= len(result.stages) / 2
    other = sql(
        sample_db,
        "SELECT currency, count(*) FROM opportunities WHERE status = 'open' "
        "AND deleted_at IS NULL AND currency != 'EUR' GROUP BY currency ORDER BY currency",
    )
    assert other
    assert result.other_currencies == dict(other)


def test_sample_win_rate_and_revenue_match_plain_sql(sample_db: Database) -> None:
    bounds = {"start": "2024-07-01", "end": "2025-07-01"}
    [(won, closed)] = sql(
        sample_db,
        "SELECT sum(status = 'won'), count(*) FROM opportunities WHERE deleted_at IS NULL "
        "AND status IN ('won', 'lost') AND closed_at >= :start AND closed_at < :end",
        **bounds,
    )
    assert closed > 5
    assert compute(sample_db, m.win_rate, SAMPLE_PERIOD).rate == won / closed
    [(revenue,)] = sql(
        sample_db,
        "SELECT sum(amount_minor) FROM opportunities WHERE deleted_at IS NULL AND status = 'won' "
        "AND currency = 'EUR' AND closed_at >= :start AND closed_at < :end",
        **bounds,
    )
    result = compute(sample_db, m.revenue_won_by_month, SAMPLE_PERIOD)
    assert result.amount_minor == revenue
    assert compute(sample_db, m.average_won_value, SAMPLE_PERIOD).total_minor == revenue


def test_sample_counts_match_plain_sql(sample_db: Database) -> None:
    start, end = "2024-07-01", "2025-07-01"
    [(leads,)] = sql(
        sample_db,
        "SELECT count(*) FROM leads WHERE deleted_at IS NULL AND created_at >= :s "
        "AND created_at < :e",
        s=start,
        e=end,
    )
    assert compute(sample_db, m.lead_conversion_by_source, SAMPLE_PERIOD).leads == leads
    [(done,)] = sql(
        sample_db,
        "SELECT count(*) FROM activities WHERE deleted_at IS NULL AND done_at >= :s "
        "AND done_at < :e",
        s=start,
        e=end,
    )
    rows = compute(sample_db, m.activities_per_owner_per_week, SAMPLE_PERIOD).rows
    assert sum(r.activities for r in rows) == done > 100
    [(cohort,)] = sql(
        sample_db,
        "SELECT count(*) FROM opportunities o JOIN pipelines p ON p.id = o.pipeline_id "
        "WHERE p.is_default AND o.deleted_at IS NULL AND o.created_at >= :s AND o.created_at < :e",
        s=start,
        e=end,
    )
    conversion = compute(sample_db, m.conversion_by_stage, SAMPLE_PERIOD)
    assert conversion.deals == cohort
    assert conversion.stages[0].deals == cohort  # every deal starts in the first stage
    reached = [s.deals for s in conversion.stages if s.kind != "lost"]
    assert reached == sorted(reached, reverse=True)


# --- currencies and change --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ({}, ("EUR", "GBP", "USD")),  # 13 live deals in EUR, then one each, by code
        ({"owner_ids": ("u3",)}, ("EUR", "GBP")),
        ({"owner_ids": ("u2",)}, ("EUR",)),
        ({"pipeline_id": "another pipeline"}, ()),
        ({"start": EMPTY[0], "end": EMPTY[1]}, ("EUR", "GBP", "USD")),  # the period is not used
    ],
)
def test_currencies_in_use(
    deals_db: Database, scope: dict[str, Any], expected: tuple[str, ...]
) -> None:
    period = {"start": Q3[0], "end": Q3[1]} | scope
    assert compute(deals_db, m.currencies_in_use, MetricFilter(**period)) == expected


def test_currencies_in_use_count_campaigns_too(db: Database) -> None:
    load_campaigns(db)  # mostly EUR; one GBP campaign and one USD deal: ties by code
    assert compute(db, m.currencies_in_use, q3()) == ("EUR", "GBP", "USD")


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (150, 100, 0.5),
        (50, 100, -0.5),
        (100, 100, 0.0),
        (0, 100, -1.0),
        (10, 0, None),  # a rise from nothing has no percentage
        (None, 100, None),
        (100, None, None),
        (-50, -100, 0.5),
    ],
)
def test_change_against_the_previous_period(
    current: float | None, previous: float | None, expected: float | None
) -> None:
    assert m.change(current, previous) == expected


@pytest.mark.parametrize(
    "scope",
    [{}, {"team_id": "tA"}, {"owner_ids": ("u3",)}, {"start": EMPTY[0], "end": EMPTY[1]}],
)
def test_amounts_by_currency_agree_with_the_kpis_of_each_currency(
    deals_db: Database, scope: dict[str, Any]
) -> None:
    period = {"start": Q3[0], "end": Q3[1]} | scope
    f = MetricFilter(**period)
    amounts = compute(deals_db, m.amounts_by_currency, f)
    assert set(amounts) <= {"EUR", "GBP", "USD"}
    for code in ("EUR", "GBP", "USD"):
        fc = MetricFilter(**period, currency=code)
        won = compute(deals_db, m.average_won_value, fc)
        pipeline = compute(deals_db, m.pipeline_value_per_stage, fc)
        forecast = compute(deals_db, m.weighted_forecast_by_month, fc)
        found = amounts.get(code)
        if found is None:
            assert (won.deals, won.without_amount, pipeline.deals) == (0, 0, 0)
            assert all(x.deals == 0 for x in forecast.months)
            continue
        assert found.won == won
        assert (found.open_deals, found.open_amount_minor) == (
            pipeline.deals,
            pipeline.amount_minor,
        )
        assert found.forecast_weighted_minor == sum(x.weighted_minor for x in forecast.months)


def test_amounts_by_currency_on_sample_data(sample_db: Database) -> None:
    amounts = compute(sample_db, m.amounts_by_currency, SAMPLE_PERIOD)
    assert len(amounts) > 1
    for code, found in amounts.items():
        f = MetricFilter(SAMPLE_PERIOD.start, SAMPLE_PERIOD.end, currency=code)
        assert found.won == compute(sample_db, m.average_won_value, f)
        assert (
            found.open_amount_minor
            == compute(sample_db, m.pipeline_value_per_stage, f).amount_minor
        )
