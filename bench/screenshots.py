"""Render the main screens offscreen to PNG files, to look at them without a display.

    QT_QPA_PLATFORM=offscreen python bench/screenshots.py [--out DIR] [--contacts N]

Writes first-run.png (an empty database), overview.png (after loading N sample contacts
through the window's own job), list-*.png (object lists, one filtered), form-*.png (record
forms: a contact, an account with its related lists, an opportunity, a new contact with an
invalid e-mail and a possible duplicate), trash.png, search-palette.png (Ctrl+K with
results), list-conditions.png (conditions in the filter bar, one refused), saved-views.png
(a saved view in the navigation), duplicates.png, merge-dialog.png, data-health.png,
export-*.png (the Export… menu, the table's context menu, the save dialog, the status bar
after an export), dashboard*.png (French, light and dark, whole and top, and the empty
state), pipeline-*.png (the board, filtered, the Won dialog, the stage editor, 30 stages),
crash-dialog.png and open-error.png into DIR (default
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

from PySide6.QtCore import QItemSelectionModel, QLocale, QSettings, QTimer
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from screenshots_pipeline import pipeline_shots

from desktop_crm.app import application, open_database_or_explain
from desktop_crm.models.database import Database
from desktop_crm.views.dashboard_view import DashboardView
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


def quality_shots(window: MainWindow, runner: JobRunner) -> dict[str, QPixmap]:
    """Duplicates (a scan, the best group side by side), the merge dialog, Data health."""
    from desktop_crm.views.data_health_view import DataHealthView
    from desktop_crm.views.duplicates_view import DuplicatesView
    from desktop_crm.views.quality_pages import DUPLICATES, HEALTH

    shots: dict[str, QPixmap] = {}
    duplicates = window.open_quality_page(DUPLICATES)
    assert isinstance(duplicates, DuplicatesView)
    duplicates.start_scan()
    wait_until(lambda: duplicates.result is not None and runner.is_idle())
    wait_until(lambda: duplicates.preview is not None and runner.is_idle())
    settle()
    shots["duplicates"] = window.grab()
    duplicates.open_merge_dialog()
    wait_until(lambda: duplicates.merge_dialog is not None and runner.is_idle())
    dialog = duplicates.merge_dialog
    assert dialog is not None
    settle()
    shots["merge-dialog"] = dialog.grab()
    dialog.reject()
    health = window.open_quality_page(HEALTH)
    assert isinstance(health, DataHealthView)
    wait_until(lambda: bool(health.reports) and runner.is_idle())
    health.count_duplicates()
    wait_until(lambda: bool(health.duplicates) and runner.is_idle())
    settle()
    shots["data-health"] = window.grab()
    return shots


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
    context = view.row_menu()
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


def dashboard_shots(window: MainWindow) -> dict[str, QPixmap]:
    """The dashboard in French: the top of the screen, the whole scrolled content, and the
    same in a dark palette."""
    shots: dict[str, QPixmap] = {}
    previous_locale, previous_palette = QLocale(), QApplication.palette()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    try:
        dashboard = window.open_dashboard()
        wait_until(lambda: dashboard.data is not None and not dashboard.is_busy)
        settle()
        shots["dashboard"] = window.grab()
        shots["dashboard-full"] = dashboard.scroll_area.widget().grab()
        QApplication.setPalette(dark_palette())
        settle()
        wait_until(lambda: not dashboard.is_busy)
        settle()
        shots["dashboard-dark"] = window.grab()
        shots["dashboard-dark-full"] = dashboard.scroll_area.widget().grab()
    finally:
        QApplication.setPalette(previous_palette)
        QLocale.setDefault(previous_locale)
        settle()
    return shots


def empty_dashboard_shot(folder: Path, settings: QSettings) -> QPixmap:
    """The dashboard of a new, empty database: the friendly empty state."""
    runner = JobRunner.shared()
    db = Database.open(folder / "Empty.sqlite")
    try:
        view = DashboardView(db, settings=settings)
        view.resize(1180, 760)
        view.show()
        wait_until(lambda: view.data is not None and not view.is_busy)
        settle()
        shot = view.grab()
        view.close()
        wait_until(runner.is_idle)
        return shot
    finally:
        db.close()


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, "#2b2d30"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#1e1f22"),
        (roles.AlternateBase, "#26282b"),
        (roles.Text, "#e6e6e6"),
        (roles.Button, "#3a3c40"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.Highlight, "#3d6fb4"),
        (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#3a3c40"),
        (roles.ToolTipText, "#e6e6e6"),
        (roles.PlaceholderText, "#9a9a9a"),
    ):
        palette.setColor(role, QColor(color))
    return palette


def add_palette_shots(window: MainWindow, runner: JobRunner, shots: dict[str, QPixmap]) -> None:
    """The search palette with results, conditions in a list's filter bar (with a date
    refused), and a saved view listed under its object."""
    from datetime import date

    from desktop_crm.services.record_lists import Condition, Op

    palette = window.search_palette
    window.search_action.trigger()
    shown: list[str] = []
    palette.sig_results_shown.connect(shown.append)
    palette.edit.setText("lefevre")
    palette.run_query()
    wait_until(lambda: shown == ["lefevre"])
    settle()
    shots["search-palette"] = window.grab()
    palette.close_palette()

    deals = window.open_list("opportunity")
    wait_until(lambda: deals.model.rowCount() > 0 and runner.is_idle())
    deals.set_conditions(
        [
            Condition("amount_minor", Op.BETWEEN, 1000, 20_000),
            Condition("status", Op.ONE_OF, ("open", "won")),
            Condition("expected_close_date", Op.BETWEEN, date(2025, 1, 1), None),
        ]
    )
    wait_until(runner.is_idle)
    bar = deals.filter_bar
    bar.edit_condition(None)
    bar.editor.column_combo.setCurrentIndex(bar.editor.column_combo.findData("expected_close_date"))
    bar.editor.value_edit.setText("31/02/2025")
    bar.editor.accept()
    settle()
    shots["list-conditions"] = window.grab()
    bar.editor.sig_cancelled.emit()
    window.saved_views.save(deals, "Affaires ouvertes 2025")
    wait_until(lambda: runner.is_idle() and bool(window.saved_views.views))
    settle()
    shots["saved-views"] = window.grab()


def record_screens(window: MainWindow, runner: JobRunner) -> dict[str, QPixmap]:
    """The record forms (opened the way the lists open them) and the Trash."""
    from sqlalchemy import text

    from desktop_crm.widgets.field_editors import LineEditor

    shots: dict[str, QPixmap] = {}
    with window.db.read_session() as session:
        account, contact, email = session.execute(
            text(
                "SELECT c.account_id, c.id, c.email FROM contacts c JOIN activities a "
                "ON a.contact_id = c.id WHERE c.email IS NOT NULL GROUP BY c.id "
                "ORDER BY count(*) DESC LIMIT 1"
            )
        ).one()
        opportunity = session.execute(
            text("SELECT id FROM opportunities WHERE account_id = :a LIMIT 1"), {"a": account}
        ).scalar()
    for name, object_type, record_id in (
        ("form-contact", "contact", contact),
        ("form-account", "account", account),
        ("form-opportunity", "opportunity", opportunity),
    ):
        form = window.open_record(object_type, record_id)
        assert form is not None
        wait_until(lambda form=form: form.data is not None and runner.is_idle())
        # The account shows its contacts, the others their timeline.
        form.tabs.setCurrentIndex(1 if object_type == "account" else 0)
        settle()
        shots[name] = window.grab()
    form = window.open_record("contact", None)
    assert form is not None
    wait_until(lambda: form.data is not None and runner.is_idle())
    for key, value in (
        ("first_name", "Jean"),
        ("last_name", "Test"),
        ("email", email),
        ("phone_raw", "06 12 34"),
    ):
        editor = form.editors[key]
        assert isinstance(editor, LineEditor)
        editor.edit.setText(value)
    wait_until(lambda: form.duplicate_label.isVisible() and runner.is_idle())
    email_editor = form.editors["email"]
    assert isinstance(email_editor, LineEditor)
    email_editor.edit.setText(email.replace("@", "@@"))
    settle()
    shots["form-new-invalid"] = window.grab()
    form.discard_changes()
    window.record_actions.confirm = False
    form = window.open_record("account", account)
    assert form is not None
    wait_until(lambda: form.data is not None and runner.is_idle())
    window.record_actions.delete("account", [account])
    wait_until(lambda: runner.is_idle() and window.form is None)
    trash = window.open_trash()
    trash.show_type("contact")
    wait_until(lambda: trash.model.rowCount() > 0 and runner.is_idle())
    trash.table.selectRow(0)
    settle()
    shots["trash"] = window.grab()
    return shots


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
        contacts.filter_edit.clear()
        contacts.apply_filters()
        wait_until(runner.is_idle)
        add_palette_shots(window, runner, shots)
        shots.update(quality_shots(window, runner))
        export_shots(window, contacts, runner, shots, Path(tmp))

        shots.update(dashboard_shots(window))
        shots.update(pipeline_shots(window, wait_until, settle))
        shots.update(record_screens(window, runner))

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
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    shots["dashboard-empty"] = empty_dashboard_shot(Path(tmp), settings)
    for name, pixmap in shots.items():
        path = args.out / f"{name}.png"
        pixmap.save(str(path))
        print(f"{path}  {pixmap.width()}x{pixmap.height()}")
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
