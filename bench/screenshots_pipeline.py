"""The Pipeline board's screens for bench/screenshots.py: the board with sample data (stale
cards marked), a filtered board, the Won dialog, the stage editor, a 30-stage pipeline.

    QT_QPA_PLATFORM=offscreen python bench/screenshots.py --out /work/shots/pipeline

`pipeline_shots(window, wait_until, settle)` drives the window's own Pipeline page and
returns the pixmaps by name; it leaves the window on the default pipeline.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QPainter, QPixmap

from desktop_crm.services import pipeline_board as pb
from desktop_crm.views.main_window import MainWindow
from desktop_crm.widgets.job import JobRunner


def with_dialog(background: QPixmap, dialog: QPixmap) -> QPixmap:
    """The window with its dialog drawn in the middle, dimmed behind, as a user sees it
    (offscreen, a dialog is its own top-level window and not in the window's grab)."""
    result = QPixmap(background)
    painter = QPainter(result)
    painter.fillRect(result.rect(), QColor(0, 0, 0, 60))
    x = (result.width() - dialog.width()) // 2
    y = (result.height() - dialog.height()) // 3
    painter.fillRect(x - 1, y - 1, dialog.width() + 2, dialog.height() + 2, QColor(90, 90, 90))
    painter.drawPixmap(x, y, dialog)
    painter.end()
    return result


def pipeline_shots(
    window: MainWindow,
    wait_until: Callable[[Callable[[], bool]], None],
    settle: Callable[[], None],
) -> dict[str, QPixmap]:
    shots: dict[str, QPixmap] = {}
    runner = window.runner or JobRunner.shared()
    view = window.open_pipeline()
    wait_until(lambda: view.board_data is not None and runner.is_idle() and not view.loading)
    board = view.board_data
    assert board is not None
    first = board.columns[0]
    if first.page and first.page.cards:
        view.board.select_card(first.page.cards[0].id)
    settle()
    shots["pipeline-board"] = window.grab()

    view.text_edit.setText("a")
    view.owner_combo.setCurrentIndex(min(2, view.owner_combo.count() - 1))
    view.apply_filters()
    wait_until(lambda: runner.is_idle() and not view.loading)
    settle()
    shots["pipeline-filtered"] = window.grab()
    view.text_edit.clear()
    view.owner_combo.setCurrentIndex(0)
    view.apply_filters()
    wait_until(lambda: runner.is_idle() and not view.loading)

    board = view.board_data
    assert board is not None
    won = next(c.stage for c in board.columns if c.stage.kind == "won")
    negotiation = [c for c in board.columns if c.stage.kind == "open" and c.page and c.page.cards]
    card = negotiation[-1].page.cards[0]  # type: ignore[union-attr]
    view.request_move(card.id, won.id)
    wait_until(lambda: view.close_dialog is not None and view.close_dialog.isVisible())
    dialog = view.close_dialog
    assert dialog is not None
    settle()
    shots["pipeline-won-dialog"] = with_dialog(window.grab(), dialog.grab())
    dialog.reject()
    wait_until(lambda: view.close_dialog is None and runner.is_idle())

    view.edit_stages()
    wait_until(lambda: view.stage_editor is not None)
    editor = view.stage_editor
    assert editor is not None
    settle()
    shots["pipeline-stage-editor"] = editor.grab()
    editor.reject()
    wait_until(lambda: view.stage_editor is None)

    # A 30-stage pipeline holding some of the sample deals, scrolled to its middle.
    with window.db.session() as session, session.begin():
        specs = [
            pb.StageSpec(f"Étape {i + 1}", min(95, 5 + i * 3), idle_days_limit=10 + i)
            for i in range(28)
        ]
        specs += [pb.StageSpec("Signé", 100, "won"), pb.StageSpec("Abandonné", 0, "lost")]
        wide = pb.create_pipeline(session, "Appels d'offres publics", specs)
        stages = pb.pipeline_stages(session, wide)
        source = pb.read_board(session, pb.BoardFilter(board.pipeline.id), page_size=60)
        cards = [
            c
            for col in source.columns
            if col.stage.kind == "open" and col.page
            for c in col.page.cards
        ]
        for index, deal in enumerate(cards[:120]):
            pb.move_deal(session, deal.id, stages[index % 28].id)
    view.load(wide)
    wait_until(lambda: runner.is_idle() and not view.loading and len(view.board.order) == 30)
    settle()
    bar = view.board.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    settle()
    shots["pipeline-30-stages"] = window.grab()
    view.load(board.pipeline.id)
    wait_until(lambda: runner.is_idle() and not view.loading)
    return shots
