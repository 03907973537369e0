"""The kanban widget on its own: the column model (qtmodeltester, drops, paging) and the
keyboard alternative to dragging."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from pytestqt.qtbot import QtBot

from desktop_crm.widgets.kanban_board import (
    CARD_MIME,
    CardFace,
    ColumnSpec,
    KanbanBoard,
    KanbanColumnModel,
)


@dataclass(frozen=True)
class Note:
    id: str
    text: str
    late: bool = False


def face(note: Note) -> CardFace:
    return CardFace(note.text, ("line",), marked=note.late, mark_text="Late!")


def make_model(*ids: str, accepts_drops: bool = True) -> KanbanColumnModel:
    model = KanbanColumnModel("todo", face, lambda n: n.id, accepts_drops=accepts_drops)
    model.set_cards([Note(i, f"Note {i}", late=i == "b") for i in ids], has_more=False)
    return model


def drag_of(model: KanbanColumnModel, row: int) -> QMimeData:
    return model.mimeData([model.index(row)])


def test_the_column_model_passes_qtmodeltester(qtmodeltester: object) -> None:
    model = make_model("a", "b", "c")
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.data(model.index(0)) == "Note a, line"
    # A marked card says so in words too (screen readers, tooltips), not by colour alone.
    assert model.data(model.index(1)) == "Note b, line. Late!"
    assert model.data(model.index(1), Qt.ItemDataRole.ToolTipRole) == "Late!"
    assert model.data(model.index(9)) is None


@pytest.mark.parametrize(
    ("dragged", "row", "before", "after"),
    [
        ("c", 0, "a", ""),  # to the top
        ("a", 2, "c", "b"),  # between b and c
        ("a", -1, "", "c"),  # onto the empty space at the end
        ("b", 1, "c", "a"),  # where it already is: its own neighbours
        ("b", 2, "c", "a"),  # just below itself: the same place
    ],
)
def test_a_drop_reports_the_neighbours_it_landed_between(
    qtbot: QtBot, dragged: str, row: int, before: str, after: str
) -> None:
    model = make_model("a", "b", "c")
    data = drag_of(model, model.row_of(dragged))
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, row, 0, QModelIndex())
    with qtbot.waitSignal(model.sig_card_dropped) as blocker:
        # False: the model itself never changes on a drop; the owner writes and reloads.
        assert not model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, QModelIndex())
    assert blocker.args == [dragged, "todo", "todo", row if row >= 0 else 3, before, after]
    assert [n.id for n in model.cards] == ["a", "b", "c"]


def test_a_column_that_takes_no_drops_refuses_them() -> None:
    source = make_model("a")
    closed = make_model("x", accepts_drops=False)
    data = drag_of(source, 0)
    assert not closed.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert not closed.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
    foreign = QMimeData()
    foreign.setText("not a card")
    assert not source.canDropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert KanbanColumnModel.decode(data) == ("a", "todo")
    assert data.hasFormat(CARD_MIME)


def test_paging_asks_once_until_the_page_arrives(qtbot: QtBot) -> None:
    model = make_model("a")
    model.has_more = True
    asked: list[str] = []
    model.sig_fetch_more.connect(asked.append)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert asked == ["todo"]
    assert not model.canFetchMore(QModelIndex())
    model.append_cards([Note("a", "dup"), Note("d", "Note d")], has_more=False)
    assert [n.id for n in model.cards] == ["a", "d"]
    assert not model.canFetchMore(QModelIndex())


@pytest.mark.parametrize(
    ("key", "signal", "step"),
    [
        (Qt.Key.Key_Right, "sig_key_move", 1),
        (Qt.Key.Key_Left, "sig_key_move", -1),
        (Qt.Key.Key_Down, "sig_key_reorder", 1),
        (Qt.Key.Key_Up, "sig_key_reorder", -1),
    ],
)
def test_ctrl_shift_arrows_ask_to_move_the_focused_card(
    qtbot: QtBot, key: Qt.Key, signal: str, step: int
) -> None:
    board = KanbanBoard(face, lambda n: n.id)
    qtbot.addWidget(board)
    board.set_columns([ColumnSpec("todo", "To do"), ColumnSpec("done", "Done")])
    board.model("todo").set_cards([Note("a", "A"), Note("b", "B")], False)
    board.show()
    assert board.select_card("b")
    assert board.current_card() == ("b", "todo")
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(getattr(board, signal)) as blocker:
        qtbot.keyClick(board.columns["todo"].list, key, mods)
    assert blocker.args == ["b", "todo", step]
    with qtbot.waitSignal(board.sig_card_activated) as opened:
        qtbot.keyClick(board.columns["todo"].list, Qt.Key.Key_Return)
    assert opened.args == ["b"]


def test_columns_are_kept_reordered_and_dropped_by_id(qtbot: QtBot) -> None:
    board = KanbanBoard(face, lambda n: n.id)
    qtbot.addWidget(board)
    board.set_columns([ColumnSpec("a", "A"), ColumnSpec("b", "B", summary="2 deals")])
    kept = board.columns["b"]
    board.set_columns([ColumnSpec("b", "B2"), ColumnSpec("c", "C", accepts_drops=False)])
    assert board.order == ["b", "c"]
    assert board.columns["b"] is kept
    assert kept.title_label.text() == "B2"
    assert not board.model("c").accepts_drops
    assert "a" not in board.columns
