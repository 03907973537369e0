"""Export from a list: the file holds exactly the rows and columns shown, or just the
selection; the save dialog offers the object's formats; the status bar tells the count."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop_crm.models.database import Database
from desktop_crm.services.exporting import ExportFormat
from desktop_crm.services.sample_data import generate
from desktop_crm.services.vcard import read_vcards
from desktop_crm.views.main_window import MainWindow
from desktop_crm.views.record_list_view import RecordListView
from desktop_crm.widgets.job import JobRunner


@pytest.fixture
def loaded(db: Database) -> Database:
    generate(db.session, 200, seed=11, language="en")
    return db


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def make_view(
    qtbot: QtBot, db: Database, settings: QSettings, runner: JobRunner, object_type: str
) -> RecordListView:
    view = RecordListView(db, object_type, settings=settings, runner=runner)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitUntil(lambda: runner.is_idle() and view.model.rowCount() > 0, timeout=30_000)
    return view


def shown(view: RecordListView, rows: list[int] | None = None) -> list[list[str]]:
    """The table's text as the user reads it, for the text columns."""
    model = view.model
    text_columns = [i for i, c in enumerate(model.columns) if c.kind == "text"]
    rows = list(range(model.rowCount())) if rows is None else rows
    return [[model.data(model.index(r, c)) or "" for c in text_columns] for r in rows]


def exported(view: RecordListView, path: Path) -> list[list[str]]:
    text_columns = [i for i, c in enumerate(view.model.columns) if c.kind == "text"]
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
    return [[row[i] for i in text_columns] for row in rows[1:]]


def run_export(
    qtbot: QtBot, view: RecordListView, path: Path, fmt: ExportFormat, selection: bool = False
) -> None:
    job = view.export_actions.export_to(path, fmt, selection)
    with qtbot.waitSignal(job.sig_finished, timeout=30_000) as finished:
        pass
    assert finished.args == ["succeeded"]


def test_export_of_a_filtered_list_writes_exactly_the_rows_shown(
    qtbot: QtBot, loaded: Database, settings: QSettings, runner: JobRunner, out: Path
) -> None:
    view = make_view(qtbot, loaded, settings, runner, "contact")
    city_column = [c.key for c in view.model.columns].index("city")
    city = view.model.data(view.model.index(0, city_column))
    with qtbot.waitSignal(view.model.sig_reloaded, timeout=10_000):
        qtbot.keyClicks(view.filter_edit, city)
    assert 0 < view.model.rowCount() < 200
    run_export(qtbot, view, out / "filtered.csv", ExportFormat.CSV)
    assert exported(view, out / "filtered.csv") == shown(view)
    header = next(csv.reader(io.StringIO((out / "filtered.csv").read_text("utf-8-sig"))))
    horizontal = Qt.Orientation.Horizontal
    assert header == [view.model.headerData(i, horizontal) for i in range(view.model.columnCount())]


def test_selection_export_writes_just_the_selected_rows_in_list_order(
    qtbot: QtBot, loaded: Database, settings: QSettings, runner: JobRunner, out: Path
) -> None:
    view = make_view(qtbot, loaded, settings, runner, "contact")
    assert not view.export_actions.export_selection_action.isEnabled()
    selection = view.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (7, 2, 3, 150):
        selection.select(view.model.index(row, 0), flags)
    assert view.export_actions.export_selection_action.isEnabled()
    run_export(qtbot, view, out / "selection.csv", ExportFormat.CSV, selection=True)
    assert exported(view, out / "selection.csv") == shown(view, [2, 3, 7, 150])


def test_selection_export_to_excel_and_vcard(
    qtbot: QtBot, loaded: Database, settings: QSettings, runner: JobRunner, out: Path
) -> None:
    view = make_view(qtbot, loaded, settings, runner, "contact")
    view.table.selectRow(5)
    run_export(qtbot, view, out / "one.xlsx", ExportFormat.XLSX, selection=True)
    sheet = load_workbook(out / "one.xlsx").active
    assert sheet is not None
    assert sheet.max_row == 2
    assert sheet["A2"].value == shown(view, [5])[0][0]
    run_export(qtbot, view, out / "one.vcf", ExportFormat.VCARD, selection=True)
    [(_, card)] = list(read_vcards(out / "one.vcf"))
    assert card["id"] == view.model.record_id(5)


def test_the_save_dialog_offers_vcard_for_contacts_only_and_exports_the_file_chosen(
    qtbot: QtBot, loaded: Database, settings: QSettings, runner: JobRunner, out: Path
) -> None:
    view = make_view(qtbot, loaded, settings, runner, "opportunity")
    dialog = view.export_actions.ask(selection=False)
    assert isinstance(dialog, QFileDialog)
    assert dialog.nameFilters() == ["Excel workbook (*.xlsx)", "CSV for Excel (*.csv)"]
    dialog.selectFile(str(out / "deals.csv"))
    dialog.accept()
    qtbot.waitUntil(lambda: (out / "deals.csv").exists() and runner.is_idle(), timeout=30_000)
    rows = list(csv.reader(io.StringIO((out / "deals.csv").read_text("utf-8-sig"))))
    assert len(rows) == 1 + view.model.rowCount()
    assert settings.value("export/folder") == str(out)
    contacts = make_view(qtbot, loaded, settings, runner, "contact")
    dialog = contacts.export_actions.ask(selection=True)
    assert dialog.nameFilters()[-1] == "vCard address book (*.vcf)"
    assert dialog.directory().absolutePath() == str(out)
    dialog.reject()


def test_the_status_bar_tells_how_many_rows_went_where(
    qtbot: QtBot, loaded: Database, settings: QSettings, runner: JobRunner, out: Path
) -> None:
    window = MainWindow(loaded, language="en", settings=settings, runner=runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.overview_page)
    view = window.open_list("contact")
    qtbot.waitUntil(lambda: runner.is_idle() and view.model.rowCount() == 200, timeout=30_000)
    assert view.export_actions.export_list_action in view.row_menu().actions()
    run_export(qtbot, view, out / "all.xlsx", ExportFormat.XLSX)
    assert window.statusBar().currentMessage() == f"Exported 200 contacts to {out / 'all.xlsx'}."


def test_a_refused_export_shows_a_message_and_leaves_no_file(
    qtbot: QtBot, loaded: Database, settings: QSettings, runner: JobRunner, out: Path
) -> None:
    view = make_view(qtbot, loaded, settings, runner, "account")
    job = view.export_actions.export_to(out / "accounts.vcf", ExportFormat.VCARD)
    with qtbot.waitSignal(job.sig_finished, timeout=30_000) as finished:
        pass
    assert finished.args == ["failed"]
    assert job.error_box is not None
    assert "Only contacts" in job.error_box.text()
    job.error_box.close()
    assert list(out.iterdir()) == []
