"""The Pipeline view driven as a user would: keyboard moves, drops, the Won/Lost dialog,
filters, lazy columns, undo, the stage editor, and the totals it shows against SQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QDialog, QSpinBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desktop_crm.models import Opportunity, User
from desktop_crm.models.database import Database
from desktop_crm.services.bootstrap import ensure_default_pipeline
from desktop_crm.services.pipeline_board import PAGE_SIZE, pipeline_stages
from desktop_crm.services.sample_data import generate
from desktop_crm.views.main_window import MainWindow
from desktop_crm.views.pipeline_view import PipelineView, money, parse_amount
from desktop_crm.views.record_form import RecordFormPage
from desktop_crm.views.stage_editor import IDLE, NAME, PROBABILITY, StageEditorDialog
from desktop_crm.widgets.job import JobRunner

TODAY = date(2026, 7, 31)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def at(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=UTC)


def stage_ids(db: Database) -> dict[str, str]:
    with db.read_session() as s:
        return dict(s.execute(text("SELECT name, id FROM pipeline_stages")).all())


@pytest.fixture
def deals_db(db: Database) -> Database:
    """The default pipeline; d1, d2 (no amount), d3 in Prospecting, d4 (USD) in Negotiation."""
    with db.session() as s, s.begin():
        pipeline = ensure_default_pipeline(s, "en")
        s.add(User(id="u2", name="Bob"))
        s.flush()
        stages = dict(s.execute(text("SELECT name, id FROM pipeline_stages")).all())
        for deal_id, stage, position, amount, currency, owner in [
            ("d1", "Prospecting", 1000, 100_000, "EUR", db.current_user_id),
            ("d2", "Prospecting", 2000, None, "EUR", "u2"),
            ("d3", "Prospecting", 3000, 50_000, "EUR", db.current_user_id),
            ("d4", "Negotiation", 1000, 200_000, "USD", "u2"),
        ]:
            s.add(
                Opportunity(
                    id=deal_id,
                    name=f"Deal {deal_id}",
                    pipeline_id=pipeline.id,
                    stage_id=stages[stage],
                    board_position=position,
                    amount_minor=amount,
                    currency=currency,
                    probability=10 if stage == "Prospecting" else 75,
                    owner_id=owner,
                    created_at=at("2026-07-01T08:00"),
                    updated_at=at("2026-07-01T08:00"),
                    stage_entered_at=at("2026-07-01T08:00"),
                )
            )
    return db


ViewFactory = Callable[[Database], PipelineView]


@pytest.fixture
def make_view(qtbot: QtBot, settings: QSettings, runner: JobRunner) -> ViewFactory:
    def make(db: Database) -> PipelineView:
        view = PipelineView(db, settings=settings, runner=runner, today=lambda: TODAY)
        qtbot.addWidget(view)
        view.resize(1400, 800)
        view.show()
        view.load()
        wait_idle(qtbot, view)
        return view

    return make


def wait_idle(qtbot: QtBot, view: PipelineView) -> None:
    assert view.runner is not None
    runner = view.runner
    qtbot.waitUntil(lambda: runner.is_idle() and not view.loading, timeout=30_000)


def shown_ids(view: PipelineView, stage_id: str) -> list[str]:
    return [card.id for card in view.board.model(stage_id).cards]


def row(db: Database, deal_id: str) -> dict[str, Any]:
    with db.read_session() as s:
        found = s.execute(
            text(
                "SELECT stage_id, status, amount_minor, closed_at, lost_reason, probability "
                "FROM opportunities WHERE id = :id"
            ),
            {"id": deal_id},
        ).one()
    return dict(found._mapping)


def test_the_board_shows_columns_totals_and_cards(
    deals_db: Database, make_view: ViewFactory
) -> None:
    view = make_view(deals_db)
    st = stage_ids(deals_db)
    assert view.board.order[:2] == [st["Prospecting"], st["Qualification"]]
    prospecting = view.board.columns[st["Prospecting"]]
    assert prospecting.title_label.text() == "Prospecting"
    summary = prospecting.summary_label.text().splitlines()
    assert summary[0] == "3 deals · 10 %"
    assert summary[1] == (
        f"{money(150_000, 'EUR')} · {money(15_000, 'EUR')} weighted (1 without amount)"
    )
    assert shown_ids(view, st["Prospecting"]) == ["d1", "d2", "d3"]
    # EUR and USD are never added together in the board header.
    header = view.summary_label.text()
    assert header.startswith("4 open deals")
    assert f"EUR: pipeline {money(150_000, 'EUR')}, weighted forecast" in header
    assert f"USD: pipeline {money(200_000, 'USD')}, weighted forecast" in header
    empty = view.board.columns[st["Qualification"]]
    assert empty.empty_label.isVisibleTo(view)
    assert empty.empty_label.text() == "No deals"
    face = view.board.model(st["Prospecting"]).faces[1]
    assert face.title == "Deal d2"
    assert face.lines[1].startswith("No amount")
    # 30 days idle in a 14-day stage: marked, with the reason in words.
    assert face.marked
    assert "30 days (limit 14)" in face.mark_text


def test_header_totals_match_sql_on_sample_data(
    db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    generate(db.session, 300, seed=3, language="en", reference_date=date(2025, 6, 15))
    view = make_view(db)
    view.text_edit.setText("a")
    view.apply_filters()
    wait_idle(qtbot, view)
    assert view.board_data is not None
    with db.read_session() as s:
        for column in view.board_data.columns:
            sums = s.execute(
                text(
                    "SELECT o.currency, count(*), sum(o.amount_minor), "
                    "sum(o.amount_minor * o.probability) FROM opportunities o "
                    "LEFT JOIN accounts a ON a.id = o.account_id "
                    "WHERE o.deleted_at IS NULL AND o.stage_id = :s "
                    "AND (o.name LIKE '%a%' OR a.name LIKE '%a%') GROUP BY o.currency "
                    "ORDER BY count(*) DESC, o.currency"
                ),
                {"s": column.stage.id},
            ).all()
            label = view.board.columns[column.stage.id].summary_label.text()
            tooltip = view.board.columns[column.stage.id].toolTip()
            assert label.splitlines()[0].startswith(
                f"{QLocale().toString(sum(n for _, n, _, _ in sums))} deals"
            )
            for currency, _, amount, weighted in sums:
                weighted_minor = ((weighted or 0) + 50) // 100
                shown = f"{money(amount or 0, currency)} · {money(weighted_minor, currency)}"
                assert f"{shown} weighted" in tooltip


def test_ctrl_shift_right_moves_the_card_to_the_next_stage_and_undo_brings_it_back(
    deals_db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    view = make_view(deals_db)
    st = stage_ids(deals_db)
    assert view.board.select_card("d3")
    qtbot.keyClick(view.board.columns[st["Prospecting"]].list, Qt.Key.Key_Right, CTRL_SHIFT)
    qtbot.waitUntil(lambda: shown_ids(view, st["Qualification"]) == ["d3"], timeout=10_000)
    wait_idle(qtbot, view)
    assert row(deals_db, "d3")["stage_id"] == st["Qualification"]
    assert row(deals_db, "d3")["probability"] == 20
    assert view.board.current_card() == ("d3", st["Qualification"])
    assert view.last_status.startswith("Moved “Deal d3” to Qualification")
    assert view.undo_button.isEnabled()
    qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown_ids(view, st["Prospecting"]) == ["d1", "d2", "d3"])
    wait_idle(qtbot, view)
    assert row(deals_db, "d3")["stage_id"] == st["Prospecting"]
    assert not view.undo_button.isEnabled()


def test_ctrl_shift_up_reorders_within_the_column(
    deals_db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    view = make_view(deals_db)
    st = stage_ids(deals_db)
    view.board.select_card("d3")
    qtbot.keyClick(view.board.columns[st["Prospecting"]].list, Qt.Key.Key_Up, CTRL_SHIFT)
    qtbot.waitUntil(lambda: shown_ids(view, st["Prospecting"]) == ["d1", "d3", "d2"])
    wait_idle(qtbot, view)
    assert row(deals_db, "d3")["probability"] == 10  # a reorder is no stage change


def test_dropping_a_card_on_another_column_moves_it_there(
    deals_db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    view = make_view(deals_db)
    st = stage_ids(deals_db)
    source = view.board.model(st["Prospecting"])
    target = view.board.model(st["Negotiation"])
    data = source.mimeData([source.index(0)])
    # What QListView does on a drop above d4 (offscreen Qt cannot run a real drag).
    assert target.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    target.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    qtbot.waitUntil(lambda: shown_ids(view, st["Negotiation"]) == ["d1", "d4"], timeout=10_000)
    wait_idle(qtbot, view)
    assert shown_ids(view, st["Prospecting"]) == ["d2", "d3"]
    assert row(deals_db, "d1")["probability"] == 75


def test_dropping_a_card_back_where_it_was_writes_nothing(
    deals_db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    view = make_view(deals_db)
    st = stage_ids(deals_db)
    with deals_db.read_session() as s:
        before = s.execute(text("SELECT count(*) FROM journal_operations")).scalar_one()
    model = view.board.model(st["Prospecting"])
    model.dropMimeData(
        model.mimeData([model.index(1)]), Qt.DropAction.MoveAction, 1, 0, QModelIndex()
    )
    qtbot.wait(50)
    wait_idle(qtbot, view)
    with deals_db.read_session() as s:
        assert s.execute(text("SELECT count(*) FROM journal_operations")).scalar_one() == before
    assert shown_ids(view, st["Prospecting"]) == ["d1", "d2", "d3"]
    assert not view.undo_button.isEnabled()


def open_close_dialog(view: PipelineView, qtbot: QtBot, deal: str, stage: str) -> QDialog:
    st = stage_ids(view.db)
    view.request_move(deal, st[stage], position=0)
    qtbot.waitUntil(lambda: view.close_dialog is not None and view.close_dialog.isVisible())
    assert view.close_dialog is not None
    return view.close_dialog


def test_the_won_dialog_requires_the_final_amount_and_can_be_cancelled(
    deals_db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    view = make_view(deals_db)
    st = stage_ids(deals_db)
    dialog = open_close_dialog(view, qtbot, "d2", "Won")  # d2 has no amount
    assert dialog.windowTitle() == "Won: Deal d2"
    assert not dialog.ok_button.isEnabled()  # type: ignore[attr-defined]
    assert dialog.problem_label.text() == "A won deal needs its final amount."  # type: ignore[attr-defined]
    qtbot.keyClicks(dialog.amount_edit, "12x")  # type: ignore[attr-defined]
    assert dialog.problem_label.text() == "“12x” is not an amount."  # type: ignore[attr-defined]
    dialog.reject()
    qtbot.waitUntil(lambda: view.close_dialog is None)
    wait_idle(qtbot, view)
    assert row(deals_db, "d2")["status"] == "open"
    assert "stays where it was" in view.last_status

    dialog = open_close_dialog(view, qtbot, "d2", "Won")
    dialog.amount_edit.setText(QLocale().toString(4321.5, "f", 2))  # type: ignore[attr-defined]
    assert dialog.ok_button.isEnabled()  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: shown_ids(view, st["Won"]) == ["d2"], timeout=10_000)
    wait_idle(qtbot, view)
    assert row(deals_db, "d2") | {"stage_id": None} == {
        "stage_id": None,
        "status": "won",
        "amount_minor": 432_150,
        "closed_at": TODAY.isoformat(),
        "lost_reason": None,
        "probability": 100,
    }


def test_the_lost_dialog_requires_a_reason(
    deals_db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    view = make_view(deals_db)
    dialog = open_close_dialog(view, qtbot, "d4", "Lost")
    assert not dialog.ok_button.isEnabled()  # type: ignore[attr-defined]
    combo = dialog.reason_combo  # type: ignore[attr-defined]
    combo.setCurrentIndex(combo.findData("competitor"))
    dialog.detail_edit.setPlainText("Chose a local firm")  # type: ignore[attr-defined]
    assert dialog.ok_button.isEnabled()  # type: ignore[attr-defined]
    dialog.accept()
    qtbot.waitUntil(lambda: row(deals_db, "d4")["status"] == "lost", timeout=10_000)
    wait_idle(qtbot, view)
    assert row(deals_db, "d4")["lost_reason"] == "competitor"


def test_the_move_to_menu_lists_every_stage_and_moves(
    deals_db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    view = make_view(deals_db)
    st = stage_ids(deals_db)
    menu = view.card_menu("d1", st["Prospecting"])
    move_menu = next(a.menu() for a in menu.actions() if a.text() == "&Move to…")
    assert move_menu is not None
    names = [a.text() for a in move_menu.actions()]
    assert names == [
        "Prospecting",
        "Qualification",
        "Needs analysis",
        "Proposal",
        "Negotiation",
        "Won",
        "Lost",
    ]
    assert not move_menu.actions()[0].isEnabled()  # where it is already
    move_menu.actions()[3].trigger()
    qtbot.waitUntil(lambda: shown_ids(view, st["Proposal"]) == ["d1"], timeout=10_000)
    wait_idle(qtbot, view)


def test_double_click_asks_to_open_the_deal(
    deals_db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    view = make_view(deals_db)
    st = stage_ids(deals_db)
    column = view.board.columns[st["Prospecting"]]
    rect = column.list.visualRect(column.model.index(1))
    # A real double-click: a press first (Qt opens only the card the press was on).
    qtbot.mousePress(column.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseRelease(column.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.sig_open_deal) as blocker:
        qtbot.mouseDClick(column.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["d2"]


def test_filters_narrow_the_board_and_bad_input_is_named(
    deals_db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    view = make_view(deals_db)
    st = stage_ids(deals_db)
    view.owner_combo.setCurrentIndex(view.owner_combo.findText("Bob"))
    view.apply_filters()
    wait_idle(qtbot, view)
    assert shown_ids(view, st["Prospecting"]) == ["d2"]
    assert view.summary_label.text().startswith("2 open deals (filtered)")
    view.owner_combo.setCurrentIndex(view.owner_combo.findText("Mine"))
    view.amount_min.setText(QLocale().toString(600.0, "f", 2))
    view.apply_filters()
    wait_idle(qtbot, view)
    assert shown_ids(view, st["Prospecting"]) == ["d1"]
    view.amount_max.setText("lots")
    view.apply_filters()
    assert view.filter_problem.isVisible()
    assert view.filter_problem.text() == "“lots” is not an amount."
    view.amount_max.setText("5")
    view.apply_filters()
    assert view.filter_problem.text() == "the amount range's minimum is above its maximum"
    view.amount_min.clear()
    view.amount_max.clear()
    view.owner_combo.setCurrentIndex(0)
    view.text_edit.setText("d3")
    view.apply_filters()
    wait_idle(qtbot, view)
    assert not view.filter_problem.isVisible()
    assert shown_ids(view, st["Prospecting"]) == ["d3"]


def test_a_long_column_loads_more_cards_when_scrolled(
    deals_db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    st = stage_ids(deals_db)
    with deals_db.session() as s, s.begin():
        for i in range(PAGE_SIZE * 2 + 5):
            s.add(
                Opportunity(
                    name=f"Bulk {i:03}",
                    pipeline_id=s.execute(text("SELECT id FROM pipelines")).scalar_one(),
                    stage_id=st["Proposal"],
                    board_position=10_000 + i,
                )
            )
    view = make_view(deals_db)
    model = view.board.model(st["Proposal"])
    assert model.rowCount() == PAGE_SIZE
    view.board.columns[st["Proposal"]].list.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE, timeout=10_000)
    assert model.cards[PAGE_SIZE].name == f"Bulk {PAGE_SIZE:03}"
    assert view.board.columns[st["Proposal"]].summary_label.text().startswith("85 deals")


def test_a_deleted_stage_keeps_its_deals_visible_and_refuses_drops(
    deals_db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    st = stage_ids(deals_db)
    with deals_db.session() as s, s.begin():
        s.execute(
            text(
                "UPDATE pipeline_stages SET deleted_at = '2026-07-30T00:00:00.000000Z' "
                "WHERE id = :id"
            ),
            {"id": st["Negotiation"]},
        )
    view = make_view(deals_db)
    column = view.board.columns[view.board.order[-1]]
    assert column.title_label.text() == "Negotiation (deleted stage)"
    assert not column.model.accepts_drops
    view.board.select_card("d4")
    qtbot.keyClick(column.list, Qt.Key.Key_Right, CTRL_SHIFT)  # out: to the first stage
    qtbot.waitUntil(lambda: "d4" in shown_ids(view, st["Prospecting"]), timeout=10_000)
    wait_idle(qtbot, view)
    assert all(c.stage.name != "Negotiation" for c in view.board_data.columns)  # type: ignore[union-attr]


def test_thirty_stages_scroll_horizontally(
    db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    from desktop_crm.services import pipeline_board as pb

    with db.session() as s, s.begin():
        ensure_default_pipeline(s, "en")
        pb.create_pipeline(s, "Tenders", [pb.StageSpec(f"Step {i + 1}", i * 3) for i in range(30)])
    view = make_view(db)
    tenders = view.pipeline_combo.findText("Tenders")
    view.pipeline_combo.setCurrentIndex(tenders)
    view.pipeline_combo.activated.emit(tenders)
    qtbot.waitUntil(lambda: len(view.board.order) == 30, timeout=10_000)
    wait_idle(qtbot, view)
    bar = view.board.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # once the new columns are laid out
    last = view.board.columns[view.board.order[-1]]
    view.board.ensureWidgetVisible(last)
    assert bar.value() > 0


@pytest.mark.parametrize(
    ("typed", "minor"),
    [("", None), ("12", 1200), ("1234.5", 123_450), ("€ 99", 9900), (" 0 ", 0)],
)
def test_parse_amount(typed: str, minor: int | None) -> None:
    assert parse_amount(typed, QLocale.c()) == minor


@pytest.mark.parametrize("typed", ["abc", "-5", "1.2.3"])
def test_parse_amount_refuses(typed: str) -> None:
    with pytest.raises(ValueError, match=typed.strip()):
        parse_amount(typed, QLocale.c())


def test_parse_amount_reads_french_input() -> None:
    assert parse_amount("12 345,50 €", QLocale(QLocale.Language.French)) == 1_234_550


def test_the_window_opens_the_pipeline_from_its_navigation(
    deals_db: Database, qtbot: QtBot, settings: QSettings, runner: JobRunner
) -> None:
    window = MainWindow(deals_db, language="en", settings=settings, runner=runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: runner.is_idle() and window.overview is not None, timeout=30_000)
    items = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert items[:3] == ["Overview", "Dashboard", "Pipeline"]
    view = window.open_pipeline()
    qtbot.waitUntil(lambda: view.board_data is not None and runner.is_idle(), timeout=30_000)
    assert window.pages.currentWidget() is view
    # The window's stage hooks (where automation registers) run for the board's moves.
    entered: list[str] = []
    window.stage_hooks.on_stage_change(lambda session, change: entered.append(change.deal_id))
    view.move_by_step("d1", stage_ids(deals_db)["Prospecting"], 1)
    qtbot.waitUntil(lambda: entered == ["d1"] and runner.is_idle(), timeout=30_000)
    with qtbot.waitSignal(view.sig_open_deal):
        view.sig_open_deal.emit("d1")
    # Opening a deal shows its record form.
    qtbot.waitUntil(
        lambda: (
            isinstance(form := window.pages.currentWidget(), RecordFormPage)
            and (form.object_type, form.record_id) == ("opportunity", "d1")
        )
    )
    qtbot.waitUntil(runner.is_idle, timeout=30_000)


# --- the stage editor -------------------------------------------------------------------------


def open_editor(view: object, qtbot: QtBot) -> StageEditorDialog:
    view.edit_stages()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.stage_editor is not None)  # type: ignore[attr-defined]
    editor = view.stage_editor  # type: ignore[attr-defined]
    assert isinstance(editor, StageEditorDialog)
    return editor


def row_of(editor: StageEditorDialog, name: str) -> int:
    return [row.name for row in editor.rows].index(name)


def test_editing_stages_writes_every_change_on_ok(
    deals_db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    view = make_view(deals_db)
    st = stage_ids(deals_db)
    editor = open_editor(view, qtbot)
    assert [row.deals for row in editor.rows][:2] == [3, 0]
    proposal = row_of(editor, "Proposal")
    spin = editor.table.cellWidget(proposal, PROBABILITY)
    assert isinstance(spin, QSpinBox)
    spin.setValue(55)
    idle = editor.table.cellWidget(proposal, IDLE)
    assert isinstance(idle, QSpinBox)
    idle.setValue(0)  # "never": no idle limit
    editor.table.item(row_of(editor, "Negotiation"), NAME).setText("Closing")  # type: ignore[union-attr]
    editor.add_row()
    assert [row.name for row in editor.rows][-3:] == ["New stage", "Won", "Lost"]
    editor.table.item(row_of(editor, "New stage"), NAME).setText("Contract")  # type: ignore[union-attr]
    editor.table.selectRow(row_of(editor, "Qualification"))
    editor.delete_current()  # empty: no question
    asked: list[tuple[str, int, list[str]]] = []

    def choose(stage: str, deals: int, options: object) -> str:
        names = [name for _, name in options]  # type: ignore[attr-defined]
        asked.append((stage, deals, names))
        return st["Proposal"]

    editor.choose_target = choose
    editor.table.selectRow(row_of(editor, "Prospecting"))
    editor.delete_current()
    assert asked == [("Prospecting", 3, ["Needs analysis", "Proposal", "Closing"])]
    editor.table.selectRow(row_of(editor, "Proposal"))
    editor.move_current(-1)
    editor.accept()
    qtbot.waitUntil(lambda: view.board.order and len(view.board.order) == 6, timeout=10_000)
    wait_idle(qtbot, view)
    with deals_db.read_session() as s:
        stages = pipeline_stages(s, view.board_data.pipeline.id)  # type: ignore[union-attr]
        names = [x.name for x in stages]
        deals = s.execute(
            text("SELECT count(*) FROM opportunities WHERE stage_id = :s"), {"s": st["Proposal"]}
        ).scalar_one()
    assert names == ["Proposal", "Needs analysis", "Closing", "Contract", "Won", "Lost"]
    assert (stages[0].probability, stages[0].idle_days_limit) == (55, None)
    assert deals == 3
    assert [c.stage.name for c in view.board_data.columns] == names  # type: ignore[union-attr]


def test_the_editor_refuses_a_pipeline_without_open_stages_or_names(
    deals_db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    view = make_view(deals_db)
    editor = open_editor(view, qtbot)
    editor.table.item(0, NAME).setText("  ")  # type: ignore[union-attr]
    editor._accept_if_valid()
    assert editor.isVisible()
    assert editor.problem_label.text() == "Every stage needs a name."
    editor.reject()
    qtbot.waitUntil(lambda: view.stage_editor is None)
    wait_idle(qtbot, view)
    with deals_db.read_session() as s:
        assert (
            "Prospecting"
            in s.execute(text("SELECT group_concat(name) FROM pipeline_stages")).scalar_one()
        )


# Offscreen Qt cannot grab the keyboard for a popup menu; it says so and goes on.
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_right_click_on_a_card_pops_up_its_menu(
    deals_db: Database, make_view: ViewFactory, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QApplication, QMenu

    view = make_view(deals_db)
    st = stage_ids(deals_db)
    column = view.board.columns[st["Prospecting"]]
    rect = column.list.visualRect(column.model.index(2))
    column.list.customContextMenuRequested.emit(rect.center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert [a.text() for a in menu.actions()][:2] == ["&Open", "&Move to…"]
    assert (
        view.board.current_card() == ("d3", st["Prospecting"])
        or column.list.currentIndex().row() == 2
    )
    menu.close()
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
