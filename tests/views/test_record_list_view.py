from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desktop_crm.models.database import Database
from desktop_crm.services.sample_data import generate
from desktop_crm.views.main_window import MainWindow
from desktop_crm.views.record_list_view import RecordListView
from desktop_crm.widgets.job import JobRunner


@pytest.fixture
def loaded(db: Database) -> Database:
    generate(db.session, 200, seed=11, language="en")
    return db


def make_view(
    qtbot: QtBot, db: Database, settings: QSettings, runner: JobRunner, object_type: str
) -> RecordListView:
    view = RecordListView(db, object_type, settings=settings, runner=runner)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitUntil(lambda: runner.is_idle() and view.model.rowCount() > 0, timeout=30_000)
    return view


def shown_column(view: RecordListView, key: str) -> list[str]:
    column = [c.key for c in view.model.columns].index(key)
    return [view.model.data(view.model.index(r, column)) for r in range(view.model.rowCount())]


def sql_count(db: Database, sql: str) -> int:
    with db.read_session() as s:
        return int(s.execute(text(sql)).scalar_one())


def test_a_list_opens_sorted_with_every_live_record(
    qtbot: QtBot, loaded: Database, settings: QSettings, runner: JobRunner
) -> None:
    view = make_view(qtbot, loaded, settings, runner, "contact")
    assert view.model.rowCount() == 200
    names = shown_column(view, "last_name")
    assert names == sorted(names, key=str.lower)
    assert view.table.horizontalHeader().sortIndicatorSection() == 0


def test_typing_in_the_quick_filter_narrows_the_list_after_a_pause(
    qtbot: QtBot, loaded: Database, settings: QSettings, runner: JobRunner
) -> None:
    view = make_view(qtbot, loaded, settings, runner, "contact")
    city = shown_column(view, "city")[0]
    expected = sql_count(
        loaded,
        "SELECT count(*) FROM contacts WHERE deleted_at IS NULL AND ("
        f"last_name LIKE '%{city}%' OR first_name LIKE '%{city}%' "
        f"OR email LIKE '%{city}%' OR city LIKE '%{city}%')",
    )
    with qtbot.waitSignal(view.model.sig_reloaded, timeout=10_000) as reloaded:
        qtbot.keyClicks(view.filter_edit, city)
    assert reloaded.args == [expected]
    assert 0 < expected < 200
    view.filter_edit.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 200, timeout=10_000)


def test_mine_only_keeps_the_users_records(
    qtbot: QtBot, loaded: Database, settings: QSettings, runner: JobRunner
) -> None:
    view = make_view(qtbot, loaded, settings, runner, "opportunity")
    mine = sql_count(
        loaded,
        f"SELECT count(*) FROM opportunities WHERE deleted_at IS NULL "
        f"AND owner_id = '{loaded.current_user_id}'",
    )
    with qtbot.waitSignal(view.model.sig_reloaded, timeout=10_000):
        view.mine_check.click()
    assert view.model.rowCount() == mine


def test_clicking_a_header_sorts_by_that_column(
    qtbot: QtBot, loaded: Database, settings: QSettings, runner: JobRunner
) -> None:
    view = make_view(qtbot, loaded, settings, runner, "opportunity")
    amount = [c.key for c in view.model.columns].index("amount_minor")
    with qtbot.waitSignal(view.model.sig_reloaded, timeout=10_000):
        view.table.sortByColumn(amount, Qt.SortOrder.DescendingOrder)
    assert view.model.query.sort_key == "amount_minor"
    assert view.model.query.descending
    assert view.table.horizontalHeader().sortIndicatorSection() == amount


def test_chosen_columns_are_remembered_for_the_next_window(
    qtbot: QtBot, loaded: Database, settings: QSettings, runner: JobRunner
) -> None:
    view = make_view(qtbot, loaded, settings, runner, "contact")
    view.show_column("job_title", True)
    view.show_column("owner_id.name", False)
    keys = [c.key for c in view.model.columns]
    assert "job_title" in keys
    assert "owner_id.name" not in keys
    view.save_state()
    again = make_view(qtbot, loaded, settings, runner, "contact")
    assert [c.key for c in again.model.columns] == keys
    again.reset_columns()
    assert "job_title" not in [c.key for c in again.model.columns]


def test_the_window_lists_each_object_and_counts_in_the_status_bar(
    qtbot: QtBot, loaded: Database, settings: QSettings, runner: JobRunner
) -> None:
    window = MainWindow(loaded, language="en", settings=settings, runner=runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.overview_page)
    assert window.nav.isVisible()
    labels = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert "Contacts  (200)" in labels
    view = window.open_list("case")
    qtbot.waitUntil(lambda: runner.is_idle() and view.model.rowCount() > 0, timeout=30_000)
    cases = sql_count(loaded, "SELECT count(*) FROM cases WHERE deleted_at IS NULL")
    assert window.list_count_label.text() == f"{cases} cases"
    view.table.selectRow(0)
    assert window.list_count_label.text() == f"{cases} cases, 1 selected"


def test_a_list_shown_again_after_a_write_is_re_read(
    qtbot: QtBot, loaded: Database, settings: QSettings, runner: JobRunner
) -> None:
    window = MainWindow(loaded, language="en", settings=settings, runner=runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.overview_page)
    contacts = window.open_list("contact")
    qtbot.waitUntil(lambda: contacts.model.rowCount() == 200, timeout=30_000)
    window.nav.setCurrentRow(0)
    window.load_sample_data(10, "en")
    qtbot.waitUntil(lambda: runner.is_idle() and "sample" in window.statusBar().currentMessage())
    window.open_list("contact")
    qtbot.waitUntil(lambda: contacts.model.rowCount() == 210, timeout=30_000)
