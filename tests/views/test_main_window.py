from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desktop_crm.app import open_database_or_explain
from desktop_crm.models.database import Database
from desktop_crm.services.overview import object_counts
from desktop_crm.services.sample_data import generate
from desktop_crm.views.main_window import MainWindow
from desktop_crm.widgets.job import JobRunner

WindowFactory = Callable[[], MainWindow]


@pytest.fixture
def make_window(
    qtbot: QtBot, db: Database, settings: QSettings, runner: JobRunner
) -> WindowFactory:
    def make() -> MainWindow:
        window = MainWindow(db, language="en", settings=settings, runner=runner)
        qtbot.addWidget(window)
        window.show()
        wait_idle(qtbot, window)
        return window

    return make


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    """Until every job has ended and the last refresh is shown."""
    assert window.runner is not None
    runner = window.runner
    qtbot.waitUntil(lambda: runner.is_idle() and window.overview is not None, timeout=60_000)


def close_next_message_box(found: list[str], button: QMessageBox.StandardButton) -> None:
    """Answer the next modal message box, keeping its text."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            found.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)


def test_an_empty_database_opens_on_the_first_run_screen(make_window: WindowFactory) -> None:
    window = make_window()
    assert window.pages.currentWidget() is window.first_run_page
    assert window.windowTitle() == "crm — Desktop CRM"


def test_loading_sample_data_shows_the_overview_with_the_database_counts(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window()
    window.first_run_page.contacts_spin.setValue(30)
    window.first_run_page.language_combo.setCurrentIndex(
        window.first_run_page.language_combo.findData("en")
    )
    qtbot.mouseClick(window.first_run_page.load_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.overview_page, timeout=60_000)
    wait_idle(qtbot, window)
    with window.db.read_session() as session:
        counts = object_counts(session)
    assert counts["contact"] == 30
    tiles = window.overview_page.tiles
    assert {name: tile.value_label.text() for name, tile in tiles.items()} == {
        name: f"{count:,}" for name, count in counts.items()
    }
    first = window.overview_page.operations_view.topLevelItem(0)
    assert first.text(1) == "Load sample data"
    assert "sample records" in window.statusBar().currentMessage()


def test_undoing_the_sample_data_brings_back_an_empty_overview_and_redo_restores_it(
    qtbot: QtBot, db: Database, make_window: WindowFactory
) -> None:
    generate(db.session, 20, seed=2)
    window = make_window()
    page = window.overview_page
    assert page.tiles["contact"].value_label.text() == "20"
    page.operations_view.topLevelItem(0).setSelected(True)
    assert page.undo_button.isEnabled()
    assert not page.redo_button.isEnabled()
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.tiles["contact"].value_label.text() == "0", timeout=30_000)
    wait_idle(qtbot, window)
    # The pipeline made before the load stays, so this is no first run: an empty overview.
    assert window.pages.currentWidget() is page
    undone = [
        page.operations_view.topLevelItem(i)
        for i in range(page.operations_view.topLevelItemCount())
    ]
    load = next(item for item in undone if item.text(1) == "Load sample data")
    assert load.text(4) == "Undone"
    load.setSelected(True)
    assert page.redo_button.isEnabled()
    qtbot.mouseClick(page.redo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.tiles["contact"].value_label.text() == "20", timeout=30_000)


def test_an_undo_that_would_lose_a_later_edit_is_refused_with_the_reason(
    qtbot: QtBot, db: Database, make_window: WindowFactory
) -> None:
    report = generate(db.session, 10, seed=3)
    with db.session() as session, session.begin():
        session.execute(
            text(
                "UPDATE contacts SET last_name = 'Edited later' "
                "WHERE id = (SELECT min(id) FROM contacts)"
            )
        )
    window = make_window()
    page = window.overview_page
    items = [
        page.operations_view.topLevelItem(i)
        for i in range(page.operations_view.topLevelItemCount())
    ]
    next(item for item in items if item.text(1) == "Load sample data").setSelected(True)
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    job_boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert len(job_boxes) == 1
    assert "cannot be undone: records changed since" in job_boxes[0].text()
    assert "last_name" in job_boxes[0].text()
    job_boxes[0].close()
    with db.read_session() as session:
        assert object_counts(session)["contact"] == 10
        undone_by = session.execute(
            text("SELECT undone_by FROM journal_operations WHERE id = :id"),
            {"id": report.operation_id},
        ).scalar_one()
    assert undone_by is None


def test_setup_steps_cannot_be_undone(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    qtbot.mouseClick(window.first_run_page.empty_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.overview_page, timeout=30_000)
    wait_idle(qtbot, window)
    page = window.overview_page
    kinds = {
        page.operations_view.topLevelItem(i).text(2)
        for i in range(page.operations_view.topLevelItemCount())
    }
    assert kinds == {"Setup"}
    page.operations_view.topLevelItem(0).setSelected(True)
    assert not page.undo_button.isEnabled()
    assert all(tile.value_label.text() == "0" for tile in page.tiles.values())


def test_back_up_writes_a_verified_copy_and_says_where(
    qtbot: QtBot, tmp_path: Path, make_window: WindowFactory
) -> None:
    window = make_window()
    target = tmp_path / "copies" / "crm-copy.sqlite"
    target.parent.mkdir()
    window.back_up_to(target)
    qtbot.waitUntil(lambda: "Backed up" in window.statusBar().currentMessage(), timeout=30_000)
    assert str(target) in window.statusBar().currentMessage()
    with Database.open(target, exclusive=False) as copy, copy.read_session() as session:
        assert session.execute(text("PRAGMA quick_check")).scalar_one() == "ok"


def test_the_window_remembers_its_geometry(
    qtbot: QtBot, make_window: WindowFactory, settings: QSettings
) -> None:
    window = make_window()
    window.resize(760, 520)
    window.close()
    assert settings.value("main_window/geometry") is not None
    again = make_window()
    assert (again.width(), again.height()) == (760, 520)


def test_quitting_during_a_job_asks_and_no_keeps_the_window(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window()
    window.load_sample_data(20_000, "en")
    answers: list[str] = []
    close_next_message_box(answers, QMessageBox.StandardButton.No)
    window.close()
    assert answers
    assert "Loading sample data" in answers[0]
    assert window.isVisible()
    close_next_message_box(answers, QMessageBox.StandardButton.Yes)
    window.close()
    assert not window.isVisible()
    assert window.runner is not None
    qtbot.waitUntil(window.runner.is_idle)
    with window.db.read_session() as session:
        assert object_counts(session)["contact"] in (0, 20_000)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_file_that_is_not_a_database_gets_a_sentence_and_stays_untouched(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.sqlite"
    path.write_text("name;email\nDupont;d@x.fr\n")
    before = digest(path)
    answers: list[str] = []
    close_next_message_box(answers, QMessageBox.StandardButton.Ok)
    assert open_database_or_explain(path) is None
    assert len(answers) == 1
    assert "is not a Desktop CRM database" in answers[0]
    assert digest(path) == before


def test_a_database_open_in_another_window_is_refused(qtbot: QtBot, db: Database) -> None:
    answers: list[str] = []
    close_next_message_box(answers, QMessageBox.StandardButton.Ok)
    assert open_database_or_explain(db.path) is None
    assert "is already open in another Desktop CRM window" in answers[0]
