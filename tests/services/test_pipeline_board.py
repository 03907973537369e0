"""The pipeline board service (issue #4): columns and totals against SQL, moving deals with
their journal and undo, the stage-change hooks, editing stages, and the issue's bad input."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from desktop_crm.models import Activity, Opportunity, PipelineStage, User
from desktop_crm.models.database import Database
from desktop_crm.services import metrics
from desktop_crm.services import pipeline_board as pb
from desktop_crm.services.bootstrap import ensure_default_pipeline
from desktop_crm.services.pipeline_board import BoardFilter, LostFields, WonFields
from desktop_crm.services.sample_data import generate
from desktop_crm.services.undo import undo

TODAY = date(2026, 7, 31)


def at(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=UTC)


@pytest.fixture
def board_db(db: Database) -> tuple[Database, dict[str, str]]:
    """The default pipeline with users Alice (u1) and Bob (u2) and a few deals:
    d1, d2, d3 in Prospecting (positions 1000, 2000, 3000), d4 in Proposal (USD), d5 won."""
    with db.session() as s, s.begin():
        pipeline = ensure_default_pipeline(s, "en")
        s.add_all([User(id="u1", name="Alice"), User(id="u2", name="Bob")])
        s.flush()
        stages = dict(
            s.execute(
                text("SELECT name, id FROM pipeline_stages WHERE pipeline_id = :p"),
                {"p": pipeline.id},
            ).all()
        )
        stages["pipeline"] = pipeline.id
        specs: list[tuple[str, str, int, int | None, str, str]] = [
            ("d1", "Prospecting", 1000, 100_000, "EUR", "u1"),
            ("d2", "Prospecting", 2000, None, "EUR", "u2"),
            ("d3", "Prospecting", 3000, 50_000, "EUR", "u1"),
            ("d4", "Proposal", 1000, 200_000, "USD", "u2"),
            ("d5", "Won", 1000, 300_000, "EUR", "u1"),
        ]
        for deal_id, stage, position, amount, currency, owner in specs:
            s.add(
                Opportunity(
                    id=deal_id,
                    name=f"Deal {deal_id}",
                    pipeline_id=pipeline.id,
                    stage_id=stages[stage],
                    board_position=position,
                    amount_minor=amount,
                    currency=currency,
                    probability=10 if stage == "Prospecting" else 50,
                    status="won" if stage == "Won" else "open",
                    closed_at=date(2026, 7, 1) if stage == "Won" else None,
                    owner_id=owner,
                    created_at=at("2026-07-01T08:00"),
                    updated_at=at("2026-07-01T08:00"),
                    stage_entered_at=at("2026-07-01T08:00"),
                )
            )
    return db, stages


def read(db: Database, f: BoardFilter, **kw: Any) -> pb.Board:
    with db.read_session() as s:
        return pb.read_board(s, f, today=TODAY, **kw)


def move(db: Database, *args: Any, **kw: Any) -> pb.MoveResult:
    kw.setdefault("today", TODAY)
    with db.session() as s, s.begin():
        return pb.move_deal(s, *args, **kw)


def deal_row(db: Database, deal_id: str) -> dict[str, Any]:
    with db.read_session() as s:
        row = s.execute(
            text(
                "SELECT stage_id, probability, board_position, status, closed_at, amount_minor, "
                "lost_reason, stage_entered_at FROM opportunities WHERE id = :id"
            ),
            {"id": deal_id},
        ).one()
    return dict(row._mapping)


def column_ids(db: Database, stages: dict[str, str], stage: str) -> list[str]:
    board = read(db, BoardFilter(stages["pipeline"]))
    page = board.column(stages[stage]).page
    assert page is not None
    return [card.id for card in page.cards]


def operations(db: Database) -> int:
    with db.read_session() as s:
        return int(s.execute(text("SELECT count(*) FROM journal_operations")).scalar_one())


# --- the board --------------------------------------------------------------------------------


def test_board_lists_every_stage_in_order_with_totals_per_currency(board_db: Any) -> None:
    db, st = board_db
    board = read(db, BoardFilter(st["pipeline"]))
    assert [c.stage.name for c in board.columns] == [
        "Prospecting",
        "Qualification",
        "Needs analysis",
        "Proposal",
        "Negotiation",
        "Won",
        "Lost",
    ]
    prospecting = board.column(st["Prospecting"])
    assert prospecting.deals == 3
    # d2 has no amount: counted, not summed; weighted at each deal's 10 %.
    assert prospecting.totals == (pb.MoneyTotal("EUR", 3, 150_000, 15_000, 1),)
    assert board.column(st["Proposal"]).totals == (pb.MoneyTotal("USD", 1, 200_000, 100_000, 0),)
    # A stage with zero deals: zeros, no totals, an empty first page.
    empty = board.column(st["Qualification"])
    assert (empty.deals, empty.totals) == (0, ())
    assert empty.page == pb.CardPage(st["Qualification"], (), False, None)
    # The forecast is the open deals only, never EUR and USD added together.
    assert board.open_deals == 4
    assert board.open_totals == (
        pb.MoneyTotal("EUR", 3, 150_000, 15_000, 1),
        pb.MoneyTotal("USD", 1, 200_000, 100_000, 0),
    )


def test_cards_carry_what_the_board_shows(board_db: Any) -> None:
    db, st = board_db
    with db.session() as s, s.begin():
        s.add_all(
            [
                Activity(
                    id="a1",
                    activity_type="call",
                    subject="Call back",
                    opportunity_id="d1",
                    due_at=at("2026-08-05T09:00"),
                    created_at=at("2026-07-20T08:00"),
                ),
                Activity(
                    id="a2",
                    activity_type="meeting",
                    subject="Later meeting",
                    opportunity_id="d1",
                    due_at=at("2026-08-20T09:00"),
                    created_at=at("2026-07-20T08:00"),
                ),
            ]
        )
    page = read(db, BoardFilter(st["pipeline"])).column(st["Prospecting"]).page
    assert page is not None
    first, second = page.cards[:2]
    assert (first.name, first.amount_minor, first.currency, first.owner_name) == (
        "Deal d1",
        100_000,
        "EUR",
        "Alice",
    )
    assert first.next_activity == pb.NextActivity("Call back", "call", at("2026-08-05T09:00"))
    assert first.days_in_stage == 30
    # d1 was touched by an activity created on 20 July: idle 11 days of 14 allowed.
    assert (first.idle_days, first.idle_days_limit, first.stale) == (11, 14, False)
    # d2: untouched for 30 days in a 14-day stage.
    assert (second.amount_minor, second.idle_days, second.stale) == (None, 30, True)
    assert second.next_activity is None


def test_the_stale_flag_agrees_with_the_dashboard_count(db: Database) -> None:
    generate(db.session, 300, seed=4, language="en", reference_date=date(2025, 6, 15))
    today = date(2025, 6, 15)
    with db.read_session() as s:
        pipelines = pb.list_pipelines(s)
        for pipeline in pipelines:
            expected = metrics.stale_deals_count(
                s, metrics.MetricFilter(date(2025, 1, 1), today, pipeline_id=pipeline.id), today
            )
            board = pb.read_board(s, BoardFilter(pipeline.id), today=today, page_size=10_000)
            flagged = {
                column.stage.id: sum(card.stale for card in column.page.cards)
                for column in board.columns
                if column.page is not None
            }
            assert {k: v for k, v in flagged.items() if v} == expected.by_stage
            for column in board.columns:
                assert column.page is not None
                for card in column.page.cards:
                    if card.stale:
                        assert card.idle_days_limit is not None
                        assert card.idle_days > card.idle_days_limit
    assert expected.count or len(pipelines) > 1


def filters_for(pipeline_id: str, owner: str) -> list[BoardFilter]:
    return [
        BoardFilter(pipeline_id),
        BoardFilter(pipeline_id, owner_id=owner),
        BoardFilter(pipeline_id, close_from=date(2025, 6, 1), close_to=date(2025, 9, 30)),
        BoardFilter(pipeline_id, amount_min=500_000, amount_max=2_000_000),
        BoardFilter(pipeline_id, amount_min=0),
        BoardFilter(pipeline_id, text="a"),
        BoardFilter(pipeline_id, text="zzz-nothing"),
        BoardFilter(pipeline_id, owner_id=owner, amount_max=1_000_000, text="e"),
    ]


def test_totals_and_cards_match_plain_sql_for_filtered_sets(db: Database) -> None:
    generate(db.session, 400, seed=2, language="fr", reference_date=date(2025, 6, 15))
    with db.read_session() as s:
        pipeline = pb.list_pipelines(s)[0]
        owner = s.execute(
            text(
                "SELECT owner_id FROM opportunities GROUP BY owner_id "
                "ORDER BY count(*) DESC LIMIT 1"
            )
        ).scalar_one_or_none()
        assert owner is not None
        currencies = s.execute(text("SELECT count(DISTINCT currency) FROM opportunities"))
        assert currencies.scalar_one() > 1  # the totals below keep them apart
        for f in filters_for(pipeline.id, owner):
            where, params = sql_where(f)
            expected = {
                (stage, currency): (n, amount or 0, ((weighted or 0) + 50) // 100)
                for stage, currency, n, amount, weighted in s.execute(
                    text(
                        "SELECT o.stage_id, o.currency, count(*), sum(o.amount_minor), "
                        "sum(o.amount_minor * o.probability) FROM opportunities o "
                        f"LEFT JOIN accounts a ON a.id = o.account_id WHERE {where} "
                        "GROUP BY o.stage_id, o.currency"
                    ),
                    params,
                )
            }
            board = pb.read_board(s, f, today=date(2025, 6, 15), page_size=100_000)
            got = {
                (column.stage.id, t.currency): (t.deals, t.amount_minor, t.weighted_minor)
                for column in board.columns
                for t in column.totals
            }
            assert got == expected, f
            ids = s.execute(
                text(
                    "SELECT o.id FROM opportunities o LEFT JOIN accounts a "
                    f"ON a.id = o.account_id WHERE {where} ORDER BY o.id"
                ),
                params,
            ).scalars()
            cards = sorted(
                card.id for column in board.columns if column.page for card in column.page.cards
            )
            assert cards == list(ids), f
            open_n = s.execute(
                text(
                    "SELECT count(*) FROM opportunities o LEFT JOIN accounts a "
                    f"ON a.id = o.account_id WHERE {where} AND o.status = 'open'"
                ),
                params,
            ).scalar_one()
            assert board.open_deals == open_n


def sql_where(f: BoardFilter) -> tuple[str, dict[str, Any]]:
    """The filter written by hand in SQL, as the check of the service's query builder."""
    parts = ["o.deleted_at IS NULL", "o.pipeline_id = :p"]
    params: dict[str, Any] = {"p": f.pipeline_id}
    if f.owner_id:
        parts.append("o.owner_id = :owner")
        params["owner"] = f.owner_id
    if f.close_from:
        parts.append("o.expected_close_date >= :cf")
        params["cf"] = f.close_from.isoformat()
    if f.close_to:
        parts.append("o.expected_close_date <= :ct")
        params["ct"] = f.close_to.isoformat()
    if f.amount_min is not None:
        parts.append("o.amount_minor >= :amin")
        params["amin"] = f.amount_min
    if f.amount_max is not None:
        parts.append("o.amount_minor <= :amax")
        params["amax"] = f.amount_max
    for i, word in enumerate(f.text.split()):
        parts.append(f"(o.name LIKE :w{i} OR a.name LIKE :w{i})")
        params[f"w{i}"] = f"%{word}%"
    return " AND ".join(parts), params


def test_columns_page_lazily_in_board_order(board_db: Any) -> None:
    db, st = board_db
    f = BoardFilter(st["pipeline"])
    with db.read_session() as s:
        first = pb.fetch_cards(s, f, st["Prospecting"], limit=2, today=TODAY)
        assert [c.id for c in first.cards] == ["d1", "d2"]
        assert first.has_more
        rest = pb.fetch_cards(s, f, st["Prospecting"], after=first.after, limit=2, today=TODAY)
    assert ([c.id for c in rest.cards], rest.has_more) == (["d3"], False)
    # A refresh keeps what the user had scrolled to.
    column = read(db, f, page_size=1, loaded={st["Prospecting"]: 3}).column(st["Prospecting"])
    assert column.page is not None
    assert len(column.page.cards) == 3


def test_filter_refuses_reversed_ranges() -> None:
    with pytest.raises(ValueError, match="ends"):
        BoardFilter("p", close_from=date(2026, 2, 1), close_to=date(2026, 1, 1))
    with pytest.raises(ValueError, match="minimum"):
        BoardFilter("p", amount_min=10, amount_max=5)
    with pytest.raises(ValueError, match="negative"):
        BoardFilter("p", amount_min=-1)
    assert not BoardFilter("p").is_narrowed
    assert BoardFilter("p", text="x").is_narrowed


# --- moving -----------------------------------------------------------------------------------


def test_moving_to_another_stage_sets_stage_probability_entry_time_and_journal(
    board_db: Any,
) -> None:
    db, st = board_db
    before = deal_row(db, "d1")
    result = move(db, "d1", st["Proposal"], 0)
    assert result.ok
    assert (result.moved, result.stage_changed) == (True, True)
    after = deal_row(db, "d1")
    assert after["stage_id"] == st["Proposal"]
    assert after["probability"] == 50  # Proposal's default
    assert after["board_position"] < 1000  # above d4, the top card
    assert after["stage_entered_at"] > before["stage_entered_at"]
    assert column_ids(db, st, "Proposal") == ["d1", "d4"]
    with db.read_session() as s:
        label, fields = s.execute(
            text(
                "SELECT o.label, group_concat(e.field) FROM journal_operations o "
                "JOIN journal_entries e ON e.operation_id = o.id WHERE o.id = :id"
            ),
            {"id": result.operation_id},
        ).one()
    assert label == "Move “Deal d1” to Proposal"
    assert {"stage_id", "probability", "stage_entered_at", "board_position"} <= set(
        fields.split(",")
    )


def test_undo_restores_stage_position_and_probability(board_db: Any) -> None:
    db, st = board_db
    before = deal_row(db, "d3")
    result = move(db, "d3", st["Won"], won_fields=WonFields(date(2026, 7, 30), 55_000))
    assert deal_row(db, "d3")["status"] == "won"
    with db.session() as s, s.begin():
        undo(s, result.operation_id)
    assert deal_row(db, "d3") == before
    assert column_ids(db, st, "Prospecting") == ["d1", "d2", "d3"]


@pytest.mark.parametrize(
    ("won", "fields"),
    [
        (None, {"close_date", "amount"}),
        (WonFields(None, 10_000), {"close_date"}),
        (WonFields(date(2026, 7, 30), None), {"amount"}),
        (WonFields(date(2026, 8, 30), 10_000), {"close_date"}),  # in the future
        (WonFields(date(2026, 7, 30), -5), {"amount"}),
    ],
)
def test_won_requires_a_close_date_and_a_final_amount(
    board_db: Any, won: WonFields | None, fields: set[str]
) -> None:
    db, st = board_db
    before, ops = deal_row(db, "d1"), operations(db)
    result = move(db, "d1", st["Won"], won_fields=won)
    assert not result.ok
    assert not result.moved
    assert {p.field for p in result.problems} == fields
    assert deal_row(db, "d1") == before
    assert operations(db) == ops


@pytest.mark.parametrize("amount", [0, 123_456])
def test_won_sets_status_close_date_and_final_amount(board_db: Any, amount: int) -> None:
    db, st = board_db
    result = move(db, "d2", st["Won"], won_fields=WonFields(date(2026, 7, 29), amount))
    assert result.ok
    row = deal_row(db, "d2")
    assert (row["status"], row["closed_at"], row["amount_minor"], row["probability"]) == (
        "won",
        "2026-07-29",
        amount,
        100,
    )


@pytest.mark.parametrize(
    ("lost", "ok"),
    [
        (None, False),
        (LostFields(None), False),
        (LostFields("cheaper"), False),
        (LostFields("price", close_date=date(2026, 9, 1)), False),
        (LostFields("competitor", "  Went with X  "), True),
    ],
)
def test_lost_requires_a_known_reason(board_db: Any, lost: LostFields | None, ok: bool) -> None:
    db, st = board_db
    result = move(db, "d1", st["Lost"], lost_fields=lost)
    assert result.ok is ok
    row = deal_row(db, "d1")
    if ok:
        assert (row["status"], row["lost_reason"], row["closed_at"]) == (
            "lost",
            "competitor",
            TODAY.isoformat(),
        )
        with db.read_session() as s:
            detail = s.execute(text("SELECT lost_detail FROM opportunities WHERE id = 'd1'"))
            assert detail.scalar_one() == "Went with X"
    else:
        assert row["status"] == "open"
        assert {p.field for p in result.problems} <= {"reason", "close_date"}


def test_moving_a_won_deal_back_to_an_open_stage_reopens_it(board_db: Any) -> None:
    db, st = board_db
    assert move(db, "d5", st["Negotiation"]).ok
    row = deal_row(db, "d5")
    assert (row["status"], row["closed_at"], row["probability"]) == ("open", None, 75)


def test_dropping_a_card_where_it_is_changes_nothing(board_db: Any) -> None:
    db, st = board_db
    ops = operations(db)
    for kwargs in ({"before_id": "d3"}, {"after_id": "d1"}, {"position": 1}, {}):
        target = "d2" if kwargs else "d3"  # the end of the column is d3's place
        result = move(db, target, st["Prospecting"], **kwargs)
        assert result.ok
        assert not result.moved, kwargs
    assert operations(db) == ops
    assert column_ids(db, st, "Prospecting") == ["d1", "d2", "d3"]


def test_reordering_within_a_column_changes_only_the_position(board_db: Any) -> None:
    db, st = board_db
    hooks = pb.StageHooks()
    seen: list[pb.StageChange] = []
    hooks.on_stage_change(lambda s, change: seen.append(change))
    before = deal_row(db, "d3")
    result = move(db, "d3", st["Prospecting"], 0, hooks=hooks)
    assert (result.moved, result.stage_changed) == (True, False)
    assert column_ids(db, st, "Prospecting") == ["d3", "d1", "d2"]
    after = deal_row(db, "d3")
    assert {k for k in before if before[k] != after[k]} == {"board_position"}
    assert seen == []
    result = move(db, "d3", st["Prospecting"], before_id="d2")
    assert column_ids(db, st, "Prospecting") == ["d1", "d3", "d2"]
    result = move(db, "d1", st["Prospecting"], after_id="d2")
    assert column_ids(db, st, "Prospecting") == ["d3", "d2", "d1"]
    assert move(db, "d2", st["Prospecting"], 99).moved  # past the end: the end
    assert column_ids(db, st, "Prospecting") == ["d3", "d1", "d2"]


def test_a_drop_between_cards_without_room_pushes_the_next_ones_down(board_db: Any) -> None:
    db, st = board_db
    with db.session() as s, s.begin():
        # Imported positions with no gaps: 5, 5, 6 (ties ordered by id).
        for deal_id, position in (("d1", 5), ("d2", 5), ("d3", 6)):
            s.execute(
                text("UPDATE opportunities SET board_position = :p WHERE id = :id"),
                {"p": position, "id": deal_id},
            )
    result = move(db, "d4", st["Prospecting"], before_id="d2")
    assert result.ok
    assert column_ids(db, st, "Prospecting") == ["d1", "d4", "d2", "d3"]
    with db.read_session() as s:
        positions = s.execute(
            text("SELECT id, board_position FROM opportunities WHERE id IN ('d1','d2','d3','d4')")
        ).all()
    assert dict(positions) == {"d1": 5, "d4": 6, "d2": 7, "d3": 8}
    with db.session() as s, s.begin():
        undo(s, result.operation_id)
    assert column_ids(db, st, "Prospecting") == ["d1", "d2", "d3"]


def test_a_deleted_stage_is_no_drop_target_and_its_deals_stay_visible(board_db: Any) -> None:
    db, st = board_db
    with db.session() as s, s.begin():
        # As a sync from another computer could leave it: the stage gone, its deal not moved.
        s.execute(
            text(
                "UPDATE pipeline_stages SET deleted_at = '2026-07-30T00:00:00.000000Z' "
                "WHERE id = :id"
            ),
            {"id": st["Proposal"]},
        )
    result = move(db, "d1", st["Proposal"])
    assert [p.field for p in result.problems] == ["stage"]
    assert "“Proposal” was deleted" in result.problems[0].message
    board = read(db, BoardFilter(st["pipeline"]))
    orphan = board.columns[-1]
    assert (orphan.stage.name, orphan.stage.deleted, orphan.deals) == ("Proposal", True, 1)
    assert "Proposal" not in [c.stage.name for c in board.columns if not c.stage.deleted]
    assert move(db, "d4", st["Negotiation"]).ok  # out of the deleted stage
    assert [c.stage.deleted for c in read(db, BoardFilter(st["pipeline"])).columns].count(True) == 0


def test_moving_a_deleted_deal_or_next_to_a_vanished_card_is_refused(board_db: Any) -> None:
    db, st = board_db
    with db.session() as s, s.begin():
        s.execute(
            text(
                "UPDATE opportunities SET deleted_at = '2026-07-30T00:00:00.000000Z' "
                "WHERE id = 'd2'"
            )
        )
    assert [p.field for p in move(db, "d2", st["Proposal"]).problems] == ["deal"]
    assert [p.field for p in move(db, "d1", st["Prospecting"], before_id="d2").problems] == [
        "position"
    ]
    assert [p.field for p in move(db, "nope", st["Proposal"]).problems] == ["deal"]


# --- hooks ------------------------------------------------------------------------------------


def test_a_hook_runs_inside_the_move_and_is_undone_with_it(board_db: Any) -> None:
    db, st = board_db
    hooks = pb.StageHooks()
    changes: list[pb.StageChange] = []

    def create_task(session: Session, change: pb.StageChange) -> None:
        changes.append(change)
        if change.to_stage_name == "Proposal":
            session.add(
                Activity(
                    id="task-1",
                    activity_type="task",
                    subject=f"Send the proposal for {change.deal_name}",
                    opportunity_id=change.deal_id,
                    owner_id=change.owner_id,
                )
            )

    unregister = hooks.on_stage_change(create_task)
    result = move(db, "d1", st["Proposal"], hooks=hooks)
    assert result.ok
    assert changes == [
        pb.StageChange(
            "d1",
            "Deal d1",
            st["pipeline"],
            st["Prospecting"],
            st["Proposal"],
            "Proposal",
            "open",
            result.operation_id,
            "u1",
        )
    ]
    with db.read_session() as s:
        task_op = s.execute(
            text(
                "SELECT operation_id FROM journal_entries "
                "WHERE table_name = 'activities' AND row_id = 'task-1'"
            )
        ).scalar_one()
    assert task_op == result.operation_id
    with db.session() as s, s.begin():
        undo(s, result.operation_id)
    with db.read_session() as s:
        assert s.get(Activity, "task-1") is None
    unregister()
    assert len(hooks) == 0
    move(db, "d1", st["Qualification"], hooks=hooks)
    assert len(changes) == 1


def test_a_hook_can_refuse_the_move_and_nothing_is_written(board_db: Any) -> None:
    db, st = board_db
    hooks = pb.StageHooks()

    def refuse(session: Session, change: pb.StageChange) -> None:
        session.execute(text("UPDATE opportunities SET name = 'changed' WHERE id = 'd1'"))
        raise pb.StageChangeRefused("Negotiation needs a signed NDA first.")

    hooks.on_stage_change(refuse)
    before, ops = deal_row(db, "d1"), operations(db)
    result = move(db, "d1", st["Negotiation"], hooks=hooks)
    assert result.problems == (pb.Problem("hook", "Negotiation needs a signed NDA first."),)
    assert deal_row(db, "d1") == before
    assert operations(db) == ops
    with db.read_session() as s:
        assert s.get(Opportunity, "d1").name == "Deal d1"  # type: ignore[union-attr]


# --- editing stages and pipelines -------------------------------------------------------------


def stage_names(db: Database, pipeline_id: str) -> list[str]:
    with db.read_session() as s:
        return [st.name for st in pb.pipeline_stages(s, pipeline_id)]


def test_adding_renaming_reordering_stages(board_db: Any) -> None:
    db, st = board_db
    p = st["pipeline"]
    with db.session() as s, s.begin():
        new = pb.add_stage(s, p, pb.StageSpec("Demo", 40, idle_days_limit=7))
    assert stage_names(db, p)[-3:] == ["Demo", "Won", "Lost"]  # before the closed stages
    with db.session() as s, s.begin():
        pb.update_stage(s, new, name="Live demo", probability=45, idle_days_limit=10)
        pb.update_stage(s, st["Qualification"], clear_idle_days_limit=True)
    with db.read_session() as s:
        demo = s.get(PipelineStage, new)
        assert demo is not None
        assert (demo.name, demo.probability, demo.idle_days_limit) == ("Live demo", 45, 10)
        assert s.get(PipelineStage, st["Qualification"]).idle_days_limit is None  # type: ignore[union-attr]
        order = [x.id for x in pb.pipeline_stages(s, p)]
    with db.session() as s, s.begin():
        pb.reorder_stages(s, p, [order[1], order[0], *order[2:]])
    assert stage_names(db, p)[:2] == ["Qualification", "Prospecting"]
    with db.read_session() as s:
        positions = [x.position for x in pb.pipeline_stages(s, p)]
    assert positions == list(range(len(order)))
    with db.session() as s, s.begin(), pytest.raises(pb.PipelineEditError, match="changed"):
        pb.reorder_stages(s, p, order[1:])


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (pb.StageSpec("  ", 10), "needs a name"),
        (pb.StageSpec("x" * 201, 10), "at most"),
        (pb.StageSpec("Big", 101), "0 to 100"),
        (pb.StageSpec("Neg", -1), "0 to 100"),
        (pb.StageSpec("Odd", 10, kind="paused"), "open, won or lost"),
        (pb.StageSpec("Idle", 10, idle_days_limit=0), "idle-days"),
    ],
)
def test_bad_stage_fields_are_refused_with_a_message(
    board_db: Any, spec: pb.StageSpec, message: str
) -> None:
    db, st = board_db
    with db.session() as s, s.begin(), pytest.raises(pb.PipelineEditError, match=message):
        pb.add_stage(s, st["pipeline"], spec)


def test_a_stage_with_deals_is_deleted_only_once_its_deals_have_somewhere_to_go(
    board_db: Any,
) -> None:
    db, st = board_db
    p = st["pipeline"]
    with db.session() as s, s.begin(), pytest.raises(pb.StageHasDeals, match="3 deals"):
        pb.delete_stage(s, st["Prospecting"])
    with db.session() as s, s.begin(), pytest.raises(pb.PipelineEditError, match="open stage"):
        pb.delete_stage(s, st["Prospecting"], move_deals_to=st["Won"])
    with db.session() as s, s.begin():
        moved = pb.delete_stage(s, st["Prospecting"], move_deals_to=st["Proposal"])
    assert moved == 3
    assert "Prospecting" not in stage_names(db, p)
    assert column_ids(db, st, "Proposal") == ["d4", "d1", "d2", "d3"]
    assert deal_row(db, "d1")["probability"] == 50
    with db.session() as s, s.begin():
        op = s.execute(
            text("SELECT id FROM journal_operations WHERE label LIKE 'Delete the stage%'")
        ).scalar_one()
        undo(s, op)
    assert stage_names(db, p)[0] == "Prospecting"
    assert column_ids(db, st, "Prospecting") == ["d1", "d2", "d3"]


def test_an_empty_stage_is_deleted_and_the_last_open_stage_is_kept(board_db: Any) -> None:
    db, st = board_db
    with db.session() as s, s.begin():
        assert pb.delete_stage(s, st["Qualification"]) == 0
        p = pb.create_pipeline(
            s, "Tiny", [pb.StageSpec("Only", 10), pb.StageSpec("Won", 100, "won")]
        )
        only = pb.pipeline_stages(s, p)[0].id
    with db.session() as s, s.begin(), pytest.raises(pb.PipelineEditError, match="only open"):
        pb.delete_stage(s, only)


def test_several_pipelines_and_one_with_thirty_stages(board_db: Any) -> None:
    db, st = board_db
    specs = [pb.StageSpec(f"Step {i + 1}", min(100, i * 3), idle_days_limit=30) for i in range(28)]
    specs += [pb.StageSpec("Signed", 100, "won"), pb.StageSpec("Dropped", 0, "lost")]
    with db.session() as s, s.begin():
        wide = pb.create_pipeline(s, "Public tenders", specs)
        pb.rename_pipeline(s, wide, "Tenders")
        default_copy = pb.create_pipeline(s, "Partners")
    with db.read_session() as s:
        assert [p.name for p in pb.list_pipelines(s)] == ["Sales", "Partners", "Tenders"]
        stages = pb.pipeline_stages(s, wide)
        assert len(pb.pipeline_stages(s, default_copy)) == 7
    board = read(db, BoardFilter(wide))
    assert len(board.columns) == 30
    assert board.open_totals == ()
    # A deal moved into another pipeline follows its new stage.
    assert move(db, "d1", stages[12].id).ok
    assert deal_row(db, "d1")["probability"] == 36
    assert read(db, BoardFilter(wide)).columns[12].deals == 1
    assert read(db, BoardFilter(st["pipeline"])).column(st["Prospecting"]).deals == 2
    with db.session() as s, s.begin(), pytest.raises(pb.PipelineEditError, match="open stage"):
        pb.create_pipeline(s, "Closed", [pb.StageSpec("Won", 100, "won")])
    with db.read_session() as s, pytest.raises(pb.PipelineEditError, match="deleted"):
        pb.read_board(s, BoardFilter("no-such-pipeline"))
