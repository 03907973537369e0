"""Render the main screens offscreen to PNG files, to look at them without a display.

    QT_QPA_PLATFORM=offscreen python bench/screenshots.py [--out DIR] [--contacts N]

Writes first-run.png (an empty database), overview.png (after loading N sample contacts
through the window's own job), list-*.png (object lists, one filtered), export-*.png (the
Export… menu, the table's context menu, the save dialog, the status bar after an export),
crash-dialog.png
and open-error.png into DIR (default
/tmp/desktop-crm-screens). Each screen is driven the way a user would: buttons clicked,
jobs waited for.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QItemSelectionModel, QSettings, QTimer
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

from desktop_crm.app import application, open_database_or_explain
from desktop_crm.models.database import Database
from desktop_crm.views.main_window import MainWindow
from desktop_crm.views.record_list_view import RecordListView
from desktop_crm.widgets.error_dialogs import CrashDialog
from desktop_crm.widgets.job import JobRunner


def wait_until(condition: object, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QApplication.processEvents()
        time.sleep(0.01)


def settle() -> None:
    """Let pending layout and paint events run, so the grab shows the final state."""
    for _ in range(5):
        QApplication.processEvents()
        time.sleep(0.02)


def with_popup(window: QWidget, popup: QWidget) -> QPixmap:
    """The window with a popup (a menu) painted where it shows: a popup is a window of its
    own, which the window's grab leaves out."""
    picture = window.grab()
    painter = QPainter(picture)
    painter.drawPixmap(popup.pos() - window.pos(), popup.grab())
    painter.end()
    return picture


def export_shots(
    window: MainWindow,
    view: RecordListView,
    runner: JobRunner,
    shots: dict[str, QPixmap],
    tmp: Path,
) -> None:
    """The Export… button's menu, the table's context menu, the save dialog, and the status
    bar after an export of the selection."""
    actions = view.export_actions
    view.table.selectRow(1)
    for row in (2, 3, 5):
        view.table.selectionModel().select(
            view.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    button = actions.button
    menu = button.menu()
    menu.popup(button.mapToGlobal(button.rect().bottomLeft()))
    settle()
    shots["export-menu"] = with_popup(window, menu)
    menu.hide()
    context = QMenu(view.table)
    context.addActions(view.table.actions())
    cell = view.table.visualRect(view.model.index(1, 1)).center()
    context.popup(view.table.viewport().mapToGlobal(cell))
    settle()
    shots["export-context-menu"] = with_popup(window, context)
    context.hide()
    dialog = actions.ask(selection=True)
    dialog.setDirectory(str(tmp))
    dialog.resize(760, 460)
    settle()
    shots["export-dialog"] = dialog.grab()
    dialog.selectFile(str(tmp / "Contacts sélection.xlsx"))
    dialog.accept()
    wait_until(lambda: runner.is_idle() and "Export" in window.statusBar().currentMessage())
    settle()
    shots["export-done"] = window.grab()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path("/tmp/desktop-crm-screens"))
    parser.add_argument("--contacts", type=int, default=2_000)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = application()
    runner = JobRunner.shared()
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        db = Database.open(Path(tmp) / "My CRM.sqlite")
        window = MainWindow(db, language="fr", settings=settings)
        window.resize(1180, 760)
        window.show()
        wait_until(lambda: runner.is_idle() and window.overview is not None)
        shots = {"first-run": window.grab()}
        window.first_run_page.contacts_spin.setValue(args.contacts)
        window.first_run_page.load_button.click()
        wait_until(lambda: window.pages.currentWidget() is window.overview_page)
        wait_until(runner.is_idle)
        window.overview_page.operations_view.topLevelItem(0).setSelected(True)
        shots["overview"] = window.grab()
        for object_type in ("contact", "opportunity", "activity"):
            view = window.open_list(object_type)
            wait_until(lambda view=view: view.model.rowCount() > 0 and runner.is_idle())
            view.table.selectRow(2)
            settle()
            shots[f"list-{object_type}"] = window.grab()
        contacts = window.open_list("contact")
        contacts.filter_edit.setText("mar")
        wait_until(lambda: contacts.model.query.text == "mar" and runner.is_idle())
        settle()
        shots["list-contact-filtered"] = window.grab()
        export_shots(window, contacts, runner, shots, Path(tmp))

        crash = CrashDialog(window)
        try:
            raise RuntimeError("an example of an unexpected error")
        except RuntimeError as error:
            from desktop_crm.widgets.error_dialogs import format_report, short_description

            crash.add_report(
                short_description(RuntimeError, error),
                format_report(RuntimeError, error, error.__traceback__),
            )
        crash.show()
        shots["crash-dialog"] = crash.grab()
        crash.close()
        window.close()
        db.close()

        not_a_db = Path(tmp) / "notes.sqlite"
        not_a_db.write_text("name;email\nDupont;d@x.fr\n")

        def grab_box() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                shots["open-error"] = box.grab()
                box.accept()
            else:
                QTimer.singleShot(50, grab_box)

        QTimer.singleShot(50, grab_box)
        open_database_or_explain(not_a_db)
        runner.stop_all()
    for name, pixmap in shots.items():
        path = args.out / f"{name}.png"
        pixmap.save(str(path))
        print(f"{path}  {pixmap.width()}x{pixmap.height()}")
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
