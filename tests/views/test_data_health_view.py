"""The Data health view in the main window: figures shown, each opening its list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop_crm.models.database import Database
from desktop_crm.services.data_health import HealthFigure
from desktop_crm.services.sample_data import generate
from desktop_crm.views.data_health_view import DataHealthView, FigureRole
from desktop_crm.views.duplicates_view import DuplicatesView
from desktop_crm.views.main_window import MainWindow
from desktop_crm.views.quality_pages import DUPLICATES, HEALTH
from desktop_crm.views.record_list_view import RecordListView
from desktop_crm.widgets.job import JobRunner


@pytest.fixture
def window(qtbot: QtBot, db: Database, settings: QSettings, runner: JobRunner) -> MainWindow:
    generate(db.session, 300, seed=5, language="fr")
    window = MainWindow(db, settings=settings, runner=runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.overview is not None and runner.is_idle(), timeout=20_000)
    return window


def open_health(qtbot: QtBot, window: MainWindow, runner: JobRunner) -> DataHealthView:
    items = [window.nav.item(r) for r in range(window.nav.count())]
    texts = [item.text() for item in items if item is not None]
    assert "Duplicates" in texts
    assert "Data health" in texts
    window.nav.setCurrentRow(texts.index("Data health"))
    view = window.quality_pages[HEALTH]
    assert isinstance(view, DataHealthView)
    assert window.pages.currentWidget() is view
    qtbot.waitUntil(lambda: bool(view.reports) and runner.is_idle(), timeout=20_000)
    return view


def test_every_figure_opens_the_list_of_exactly_the_records_it_counts(
    qtbot: QtBot, window: MainWindow, runner: JobRunner
) -> None:
    view = open_health(qtbot, window, runner)
    figures = [item for item in view.figure_items() if item.data(0, FigureRole) is not None]
    problems = {f.key for r in view.reports for f in r.problems}
    shown = {item.data(0, FigureRole).key for item in figures}
    assert problems <= shown
    # one problem figure per object, and a fill rate: a click opens the filtered list
    for key in ("contact.no_email", "lead.untouched", "opportunity.stale", "account.fill.email"):
        # The page re-reads its figures each time it is shown: find the row again.
        item = next(
            i
            for i in view.figure_items()
            if i.data(0, FigureRole) is not None and i.data(0, FigureRole).key == key
        )
        figure: HealthFigure = item.data(0, FigureRole)
        label = item.text(0)
        view.tree.itemClicked.emit(item, 0)
        listed = window.lists[figure.object_type]
        assert isinstance(listed, RecordListView)
        assert window.pages.currentWidget() is listed
        qtbot.waitUntil(
            lambda listed=listed, figure=figure: (
                runner.is_idle() and listed.model.query.conditions == figure.conditions
            )
        )
        assert listed.model.rowCount() == figure.count
        assert window.statusBar().currentMessage().startswith(f"Showing: {label}")
        assert figure.count > 0  # the sample data has some of each
        window.open_quality_page(HEALTH)
        qtbot.waitUntil(lambda: runner.is_idle() and bool(view.figure_items()))


def test_suspected_duplicates_are_counted_on_request_and_open_the_duplicates_scan(
    qtbot: QtBot, window: MainWindow, runner: JobRunner
) -> None:
    view = open_health(qtbot, window, runner)
    view.duplicates_button.click()
    qtbot.waitUntil(lambda: len(view.duplicates) == 3 and runner.is_idle(), timeout=20_000)
    rows = [i for i in view.figure_items() if i.data(0, FigureRole) is None]
    assert len(rows) == 3
    assert all("Suspected duplicates" in r.text(0) for r in rows)
    lead_row = rows[2]
    assert lead_row.text(1) == f"{view.duplicates['lead'].records}"
    view.tree.itemClicked.emit(lead_row, 0)
    duplicates = window.quality_pages[DUPLICATES]
    assert isinstance(duplicates, DuplicatesView)
    assert window.pages.currentWidget() is duplicates
    qtbot.waitUntil(lambda: duplicates.result is not None and runner.is_idle(), timeout=20_000)
    assert duplicates.object_type == "lead"
    assert (
        sum(len(g.record_ids) for g in duplicates.result.groups) == view.duplicates["lead"].records
    )
