"""Render the main screens offscreen to PNG files, to look at them without a display.

    QT_QPA_PLATFORM=offscreen python bench/screenshots.py [--out DIR] [--contacts N]

Writes first-run.png (an empty database), overview.png (after loading N sample contacts
through the window's own job), list-*.png (object lists, one filtered), form-*.png (record
forms: a contact, an account with its related lists, an opportunity, a new contact with an
invalid e-mail and a possible duplicate), trash.png, crash-dialog.png and open-error.png into
DIR (default
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

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_crm.app import application, open_database_or_explain
from desktop_crm.models.database import Database
from desktop_crm.views.main_window import MainWindow
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
    for name, pixmap in shots.items():
        path = args.out / f"{name}.png"
        pixmap.save(str(path))
        print(f"{path}  {pixmap.width()}x{pixmap.height()}")
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
