from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desktop_crm.models.database import Database
from desktop_crm.services.record_lists import Condition, ListQueryError, Op
from desktop_crm.services.sample_data import generate
from desktop_crm.views.main_window import MainWindow
from desktop_crm.views.record_list_view import RecordListView
from desktop_crm.widgets.job import JobRunner


@pytest.fixture
def window(
    qtbot: QtBot, db: Database, settings: QSettings, runner: JobRunner
) -> Iterator[MainWindow]:
    generate(db.session, 200, seed=11, language="en")
    window = MainWindow(db, language="en", settings=settings, runner=runner)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitUntil(
        lambda: window.pages.currentWidget() is window.overview_page and runner.is_idle(),
        timeout=30_000,
    )
    yield window
    window.search_palette.stop()


def idle_list(qtbot: QtBot, runner: JobRunner, view: RecordListView) -> None:
    qtbot.waitUntil(lambda: runner.is_idle() and not view.busy_label.text(), timeout=30_000)


def sql_count(db: Database, where: str, params: dict[str, object] | None = None) -> int:
    with db.read_session() as s:
        return int(
            s.execute(
                text(f"SELECT count(*) FROM opportunities WHERE deleted_at IS NULL AND {where}"),
                params or {},
            ).scalar_one()
        )


def test_the_navigation_marks_the_page_shown_and_a_view_just_saved(
    qtbot: QtBot, window: MainWindow, runner: JobRunner
) -> None:
    assert window.nav.currentRow() == 0  # the overview
    view = window.open_list("lead")
    idle_list(qtbot, runner, view)
    window.saved_views.save(view, "All leads")
    qtbot.waitUntil(lambda: runner.is_idle() and bool(window.saved_views.views), timeout=10_000)
    assert window.nav.currentItem().text().strip() == "All leads"
    assert window.pages.currentWidget() is view


def test_conditions_set_from_outside_filter_the_list_and_show_in_the_bar(
    qtbot: QtBot, window: MainWindow, runner: JobRunner
) -> None:
    view = window.open_list("opportunity")
    idle_list(qtbot, runner, view)
    view.set_conditions(
        [
            Condition("amount_minor", Op.BETWEEN, 2000, 10_000),
            Condition("status", Op.ONE_OF, ("open", "won")),
            Condition("expected_close_date", Op.BETWEEN, date(2024, 1, 1), None),
        ]
    )
    idle_list(qtbot, runner, view)
    expected = sql_count(
        window.db,
        "amount_minor BETWEEN 200000 AND 1000000 AND status IN ('open', 'won') "
        "AND expected_close_date >= '2024-01-01'",
    )
    assert 0 < expected < 200
    assert view.model.rowCount() == expected
    assert len(view.filter_bar.chip_texts()) == 3
    assert window.list_count_label.text() == f"{expected} opportunities"
    # Mixed with the quick filter (AND), then lifted one by one.
    view.filter_edit.setText("a")
    view.apply_filters()
    idle_list(qtbot, runner, view)
    assert view.model.rowCount() <= expected
    view.filter_bar.clear()
    view.filter_edit.clear()
    view.apply_filters()
    idle_list(qtbot, runner, view)
    assert view.model.rowCount() == sql_count(window.db, "1")


def test_a_condition_added_in_the_bar_filters_the_list(
    qtbot: QtBot, window: MainWindow, runner: JobRunner
) -> None:
    view = window.open_list("opportunity")
    idle_list(qtbot, runner, view)
    view.filter_bar.add_button.click()
    editor = view.filter_bar.editor
    assert editor.isVisible()
    editor.column_combo.setCurrentIndex(editor.column_combo.findData("probability"))
    editor.op_combo.setCurrentIndex(editor.op_combo.findData("between"))
    qtbot.keyClicks(editor.value_edit, "50")
    with qtbot.waitSignal(view.model.sig_reloaded, timeout=10_000) as reloaded:
        qtbot.keyClicks(editor.value2_edit, "75\r")
    assert reloaded.args == [sql_count(window.db, "probability BETWEEN 50 AND 75")]
    assert view.model.query.conditions == (Condition("probability", Op.BETWEEN, 50, 75),)


def test_an_invalid_date_in_the_bar_is_not_applied(
    qtbot: QtBot, window: MainWindow, runner: JobRunner
) -> None:
    view = window.open_list("opportunity")
    idle_list(qtbot, runner, view)
    before = view.model.query
    view.filter_bar.add_button.click()
    editor = view.filter_bar.editor
    editor.column_combo.setCurrentIndex(editor.column_combo.findData("expected_close_date"))
    qtbot.keyClicks(editor.value_edit, "31/02/2025\r")
    assert "is not a date" in editor.error_label.text()
    assert runner.is_idle()
    assert view.model.query == before


def test_set_conditions_refuses_a_condition_the_list_cannot_apply(
    qtbot: QtBot, window: MainWindow, runner: JobRunner
) -> None:
    view = window.open_list("contact")
    idle_list(qtbot, runner, view)
    with pytest.raises(ListQueryError, match="no column"):
        view.set_conditions([Condition("amount_minor", Op.BETWEEN, 1, 2)])


def test_a_saved_view_reopens_with_exactly_its_query_and_columns(
    qtbot: QtBot, window: MainWindow, runner: JobRunner
) -> None:
    view = window.open_list("opportunity")
    idle_list(qtbot, runner, view)
    view.show_column("closed_at", True)
    view.show_column("owner_id.name", False)
    view.filter_edit.setText("e")
    view.mine_check.setChecked(True)
    view.set_conditions(
        [
            Condition("amount_minor", Op.BETWEEN, 1000, None),
            Condition("status", Op.ONE_OF, ("open",)),
        ]
    )
    view.model.sort([c.key for c in view.model.columns].index("amount_minor"))
    idle_list(qtbot, runner, view)
    saved_query, saved_columns = view.model.query, view.model.columns
    saved_rows = view.model.rowCount()
    assert saved_query.owner_id == window.db.current_user_id

    window.saved_views.save(view, "Big open deals")
    qtbot.waitUntil(lambda: runner.is_idle() and bool(window.saved_views.views), timeout=10_000)
    items = [window.nav.item(r).text().strip() for r in range(window.nav.count())]
    opportunities = next(i for i, t in enumerate(items) if t.startswith("Opportunities  ("))
    assert items.index("Big open deals") == opportunities + 1

    view.clear_filters()
    view.reset_columns()
    view.model.sort(0)
    idle_list(qtbot, runner, view)
    assert view.model.query != saved_query

    (view_id,) = window.saved_views.views
    assert window.saved_views.select(view_id)
    idle_list(qtbot, runner, view)
    assert view.model.query == saved_query
    assert view.model.columns == saved_columns
    assert view.model.rowCount() == saved_rows
    assert view.filter_edit.text() == "e"
    assert view.mine_check.isChecked()
    assert len(view.filter_bar.chip_texts()) == 2
    header = view.table.horizontalHeader()
    assert header.sortIndicatorSection() == [c.key for c in saved_columns].index("amount_minor")


def test_saved_views_are_renamed_and_deleted_and_undo_brings_one_back(
    qtbot: QtBot, window: MainWindow, runner: JobRunner
) -> None:
    view = window.open_list("contact")
    idle_list(qtbot, runner, view)
    view.filter_edit.setText("lyon")
    view.apply_filters()  # now, not after the typing pause (which could outlive the test)
    window.saved_views.save(view, "Lyon")
    qtbot.waitUntil(lambda: runner.is_idle() and bool(window.saved_views.views), timeout=10_000)
    (view_id,) = window.saved_views.views
    window.saved_views.rename(view_id, "Lyon people")
    qtbot.waitUntil(
        lambda: (
            runner.is_idle() and window.saved_views.view_items() == [("contact", "Lyon people")]
        ),
        timeout=10_000,
    )
    window.saved_views.delete(view_id)
    qtbot.waitUntil(
        lambda: runner.is_idle() and window.saved_views.view_items() == [], timeout=10_000
    )
    latest = window.overview_page.operations_view.topLevelItem(0)
    assert "Delete view “Lyon people”" in latest.text(1)
    with window.db.read_session() as s:
        operation_id = s.execute(
            text("SELECT id FROM journal_operations WHERE label = 'Delete view “Lyon people”'")
        ).scalar_one()
    window.undo_operation(operation_id)
    qtbot.waitUntil(
        lambda: (
            runner.is_idle() and window.saved_views.view_items() == [("contact", "Lyon people")]
        ),
        timeout=10_000,
    )


def test_a_duplicate_name_on_rename_is_refused_with_a_message(
    qtbot: QtBot, window: MainWindow, runner: JobRunner
) -> None:
    view = window.open_list("contact")
    idle_list(qtbot, runner, view)
    window.saved_views.save(view, "One")
    qtbot.waitUntil(lambda: runner.is_idle() and len(window.saved_views.views) == 1)
    window.saved_views.save(view, "Two")
    qtbot.waitUntil(lambda: runner.is_idle() and len(window.saved_views.views) == 2)
    two = next(v.id for v in window.saved_views.views.values() if v.name == "Two")
    job_boxes: list[str] = []

    def answer() -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            job_boxes.append(box.text())
            box.accept()

    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(20)
    window.saved_views.rename(two, "one")
    qtbot.waitUntil(lambda: bool(job_boxes), timeout=10_000)
    timer.stop()
    qtbot.waitUntil(runner.is_idle)
    assert job_boxes == ["There is already a view named “One” on this list."]
    assert sorted(name for _, name in window.saved_views.view_items()) == ["One", "Two"]
