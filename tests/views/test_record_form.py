"""The record form in the main window: validation as you type, saving, undo/redo, delete
and restore from the Trash, bulk edit, the duplicate warning, a locked database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desktop_crm.models.database import Database
from desktop_crm.services.sample_data import generate
from desktop_crm.views.main_window import MainWindow
from desktop_crm.views.record_form import RecordFormPage
from desktop_crm.widgets.bulk_edit_dialog import BulkEditDialog
from desktop_crm.widgets.field_editors import LineEditor, RelationEditor
from desktop_crm.widgets.job import JobRunner


@pytest.fixture
def window(qtbot: QtBot, db: Database, settings: QSettings, runner: JobRunner) -> MainWindow:
    generate(db.session, 40, seed=5, language="en")
    settings.setValue("preferences/phone_region", "FR")
    main = MainWindow(db, language="en", settings=settings, runner=runner)
    qtbot.addWidget(main)
    main.resize(1200, 760)
    main.show()
    idle(qtbot, main)
    return main


def idle(qtbot: QtBot, window: MainWindow) -> None:
    """Until no job runs and no duplicate check is about to start one."""
    runner = window.runner
    assert runner is not None
    form = window.form
    if form is not None:
        qtbot.waitUntil(lambda: not form._dup_timer.isActive(), timeout=30_000)
    qtbot.waitUntil(lambda: runner.is_idle() and window.overview is not None, timeout=30_000)


def scalar(db: Database, sql: str, **params: Any) -> Any:
    with db.read_session() as s:
        return s.execute(text(sql), params).scalar()


def first_contact(db: Database) -> tuple[str, str]:
    with db.read_session() as s:
        row = s.execute(
            text(
                "SELECT id, last_name FROM contacts WHERE deleted_at IS NULL "
                "AND account_id IS NOT NULL ORDER BY id LIMIT 1"
            )
        ).one()
    return row[0], row[1]


def open_form(
    qtbot: QtBot, window: MainWindow, object_type: str, record_id: str | None
) -> RecordFormPage:
    form = window.open_record(object_type, record_id)
    assert form is not None
    qtbot.waitUntil(lambda: form.data is not None, timeout=30_000)
    idle(qtbot, window)
    return form


def line(form: RecordFormPage, key: str) -> LineEditor:
    editor = form.editors[key]
    assert isinstance(editor, LineEditor)
    return editor


def answer_next_box(found: list[str], button: QMessageBox.StandardButton) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            found.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)


def test_an_invalid_email_shows_its_error_and_cannot_be_saved(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    contacts = scalar(db, "SELECT count(*) FROM contacts")
    form = open_form(qtbot, window, "contact", None)
    assert form.title_label.text() == "New contact"
    qtbot.keyClicks(line(form, "last_name").edit, "Lef")
    line(form, "last_name").edit.insert("èvre")  # keyClicks types ASCII only
    assert form.save_button.isEnabled()
    qtbot.keyClicks(line(form, "email").edit, "helene.lefevre@")
    error = form.error_labels["email"]
    assert error.isVisibleTo(form)
    assert error.text().startswith("E-mail is not a valid address")
    assert not form.save_button.isEnabled()
    link = line(form, "email").link_label
    assert link is not None
    assert not link.isVisibleTo(form)
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    idle(qtbot, window)
    assert scalar(db, "SELECT count(*) FROM contacts") == contacts

    qtbot.keyClicks(line(form, "email").edit, "exemple.fr")
    assert not error.isVisibleTo(form)
    assert link.isVisibleTo(form)
    assert 'href="mailto:helene.lefevre@exemple.fr"' in link.text()
    with qtbot.waitSignal(form.sig_loaded, timeout=30_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    assert form.title_label.text() == "Lefèvre"
    assert scalar(db, "SELECT count(*) FROM contacts") == contacts + 1
    assert (
        scalar(db, "SELECT email_normalized FROM contacts WHERE id = :id", id=form.record_id)
        == "helene.lefevre@exemple.fr"
    )
    assert form.record_id is not None
    assert window.undo_action.text() == "&Undo New contact Lefèvre"


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        ("last_name", "x" * 10_000, "Last name is 10,000 characters long; it holds at most 100."),
        ("last_name", "", "Last name is required."),
        ("phone_raw", "12", "Phone is not a phone number"),
    ],
)
def test_each_bad_value_is_named_next_to_its_field(
    qtbot: QtBot, window: MainWindow, db: Database, key: str, typed: str, message: str
) -> None:
    record_id, _ = first_contact(db)
    form = open_form(qtbot, window, "contact", record_id)
    line(form, key).edit.setText(typed)
    assert form.error_labels[key].text().startswith(message)
    assert not form.save_button.isEnabled()
    assert form.state_label.text() == "1 field(s) to correct"
    idle(qtbot, window)


def test_a_phone_gets_a_tel_link_in_e164(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    record_id, _ = first_contact(db)
    form = open_form(qtbot, window, "contact", record_id)
    line(form, "country").edit.setText("FR")
    line(form, "phone_raw").edit.setText("06 12 34 56 78")
    link = line(form, "phone_raw").link_label
    assert link is not None
    assert 'href="tel:+33612345678"' in link.text()
    idle(qtbot, window)


def test_an_edit_is_undone_and_redone_from_the_edit_menu(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    record_id, old_name = first_contact(db)
    form = open_form(qtbot, window, "contact", record_id)
    line(form, "last_name").edit.setText("Renamed")
    line(form, "city").edit.setText("Quimper")
    with qtbot.waitSignal(form.sig_loaded, timeout=30_000):
        form.save()
    idle(qtbot, window)
    query = "SELECT last_name || '/' || coalesce(city, '') FROM contacts WHERE id = :id"
    assert scalar(db, query, id=record_id) == "Renamed/Quimper"
    assert window.undo_action.isEnabled()
    assert window.undo_action.text().startswith("&Undo Edit contact ")
    assert window.undo_action.text().endswith(" Renamed")
    window.undo_action.trigger()
    idle(qtbot, window)
    assert scalar(db, query, id=record_id).startswith(old_name + "/")
    qtbot.waitUntil(lambda: line(form, "last_name").edit.text() == old_name, timeout=30_000)
    assert window.redo_action.isEnabled()
    window.redo_action.trigger()
    idle(qtbot, window)
    assert scalar(db, query, id=record_id) == "Renamed/Quimper"
    qtbot.waitUntil(lambda: line(form, "last_name").edit.text() == "Renamed", timeout=30_000)


def test_a_list_opens_the_record_on_enter_and_a_new_one_on_ctrl_n(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.open_list("contact")
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=30_000)
    idle(qtbot, window)
    view.table.setFocus()
    view.table.selectRow(0)
    record_id = view.model.record_id(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    form = window.form
    assert form is not None
    assert form.record_id == record_id
    qtbot.waitUntil(lambda: form.data is not None, timeout=30_000)
    assert form.back_button.text() == "← Contacts"
    qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is view
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.form is not None
    assert window.form.record_id is None
    idle(qtbot, window)


def test_leaving_a_changed_form_asks_first(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    record_id, _ = first_contact(db)
    form = open_form(qtbot, window, "contact", record_id)
    line(form, "city").edit.setText("Brest")
    answers: list[str] = []
    answer_next_box(answers, QMessageBox.StandardButton.Cancel)
    window.close_record()
    assert "unsaved changes" in answers[0]
    assert window.pages.currentWidget() is form
    assert line(form, "city").edit.text() == "Brest"
    idle(qtbot, window)


def test_deleting_an_account_names_its_related_records_and_restore_brings_them_back(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    with db.read_session() as s:
        account_id, contacts = s.execute(
            text(
                "SELECT account_id, count(*) FROM contacts WHERE deleted_at IS NULL "
                "GROUP BY account_id ORDER BY count(*) DESC LIMIT 1"
            )
        ).one()
    form = open_form(qtbot, window, "account", account_id)
    answers: list[str] = []
    answer_next_box(answers, QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(form.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(answers), timeout=30_000)
    idle(qtbot, window)
    assert answers[0].startswith("Move 1 account to the trash?")
    assert f"{contacts} contacts" in answers[0]
    assert scalar(db, "SELECT deleted_at IS NOT NULL FROM accounts WHERE id = :id", id=account_id)
    assert (
        scalar(
            db,
            "SELECT count(*) FROM contacts WHERE account_id = :id AND deleted_at IS NULL",
            id=account_id,
        )
        == 0
    )
    assert window.form is None  # the deleted record's form closed

    trash = window.open_trash()
    trash.show_type("account")
    qtbot.waitUntil(lambda: trash.model.rowCount() == 1, timeout=30_000)
    idle(qtbot, window)
    trash.table.selectRow(0)
    assert trash.selected_ids() == [account_id]
    qtbot.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: trash.model.rowCount() == 0, timeout=30_000)
    assert (
        scalar(
            db,
            "SELECT count(*) FROM contacts WHERE account_id = :id AND deleted_at IS NULL",
            id=account_id,
        )
        == contacts
    )
    assert window.undo_action.text().startswith("&Undo Restore 1 account")


def test_delete_key_in_a_list_then_purge_from_the_trash(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    window.record_actions.confirm = False
    view = window.open_list("case")
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=30_000)
    idle(qtbot, window)
    cases = view.model.rowCount()
    view.table.setFocus()
    view.table.selectRow(0)
    record_id = view.model.record_id(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: view.model.rowCount() == cases - 1, timeout=30_000)
    trash = window.open_trash()
    trash.show_type("case")
    qtbot.waitUntil(lambda: trash.model.rowCount() == 1, timeout=30_000)
    idle(qtbot, window)
    trash.table.selectRow(0)
    qtbot.mouseClick(trash.purge_button, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: trash.model.rowCount() == 0, timeout=30_000)
    assert scalar(db, "SELECT count(*) FROM cases WHERE id = :id", id=record_id) == 0
    window.undo_action.trigger()
    idle(qtbot, window)
    assert scalar(db, "SELECT count(*) FROM cases WHERE id = :id", id=record_id) == 1


def test_bulk_edit_sets_the_field_of_the_selection_and_undoes_as_one(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    view = window.open_list("contact")
    qtbot.waitUntil(lambda: view.model.rowCount() > 3, timeout=30_000)
    idle(qtbot, window)
    view.table.selectRow(0)
    view.table.selectionModel().select(
        view.model.index(2, 0),
        view.table.selectionModel().SelectionFlag.Select
        | view.table.selectionModel().SelectionFlag.Rows,
    )
    ids = view.selected_ids()
    assert len(ids) == 2
    before = {i: scalar(db, "SELECT city FROM contacts WHERE id = :id", id=i) for i in ids}
    dialogs: list[BulkEditDialog] = []
    window.record_actions.sig_bulk_dialog.connect(dialogs.append)
    view.bulk_action.trigger()
    qtbot.waitUntil(lambda: bool(dialogs), timeout=30_000)
    dialog = dialogs[0]
    dialog.choose_field("email")
    editor = dialog.editor
    assert isinstance(editor, LineEditor)
    editor.edit.setText("not an address")
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.choose_field("city")
    editor = dialog.editor
    assert isinstance(editor, LineEditor)
    editor.edit.setText("Saint-Malo")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    idle(qtbot, window)
    assert {scalar(db, "SELECT city FROM contacts WHERE id = :id", id=i) for i in ids} == {
        "Saint-Malo"
    }
    assert window.undo_action.text() == "&Undo Set City on 2 contacts"
    window.undo_action.trigger()
    idle(qtbot, window)
    assert {i: scalar(db, "SELECT city FROM contacts WHERE id = :id", id=i) for i in ids} == before


def test_typing_an_existing_contacts_email_warns_of_a_duplicate(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    with db.read_session() as s:
        existing_id, email = s.execute(
            text(
                "SELECT id, email FROM contacts "
                "WHERE email IS NOT NULL AND deleted_at IS NULL ORDER BY id LIMIT 1"
            )
        ).one()
    form = open_form(qtbot, window, "contact", None)
    qtbot.keyClicks(line(form, "last_name").edit, "Someone")
    qtbot.keyClicks(line(form, "email").edit, email)
    qtbot.waitUntil(form.duplicate_label.isVisible, timeout=30_000)
    assert [m.record_id for m in form.duplicates][:1] == [existing_id]
    text_shown = form.duplicate_label.text()
    assert text_shown.startswith("Possible duplicate of")
    assert f"record:{existing_id}" in text_shown
    assert "same e-mail" in text_shown
    assert form.save_button.isEnabled()  # a warning, not a refusal
    answers: list[str] = []
    answer_next_box(answers, QMessageBox.StandardButton.Discard)
    form.duplicate_label.linkActivated.emit(f"record:{existing_id}")
    qtbot.waitUntil(lambda: bool(answers), timeout=30_000)
    qtbot.waitUntil(
        lambda: window.form is not None and window.form.record_id == existing_id, timeout=30_000
    )
    # Back still leads to where the first form was opened from, not to that form.
    assert window.form.back_button.text() == "← Overview"
    idle(qtbot, window)


def test_a_relation_is_chosen_by_typing_part_of_a_name(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    with db.read_session() as s:
        account_id, name = s.execute(
            text("SELECT id, name FROM accounts WHERE deleted_at IS NULL ORDER BY name LIMIT 1")
        ).one()
    record_id, _ = first_contact(db)
    form = open_form(qtbot, window, "contact", record_id)
    editor = form.editors["account_id"]
    assert isinstance(editor, RelationEditor)
    editor.edit.clear()
    qtbot.keyClicks(editor.edit, "zzz-no-such")
    assert "choose a record from the list" in form.error_labels["account_id"].text()
    assert not form.save_button.isEnabled()
    editor.edit.clear()
    qtbot.keyClicks(editor.edit, name)
    qtbot.waitUntil(lambda: editor.record_id == account_id, timeout=30_000)
    assert not form.error_labels["account_id"].isVisibleTo(form)
    with qtbot.waitSignal(form.sig_loaded, timeout=30_000):
        form.save()
    idle(qtbot, window)
    assert scalar(db, "SELECT account_id FROM contacts WHERE id = :id", id=record_id) == account_id


@pytest.fixture
def short_wait_db(tmp_path: Path) -> Iterator[Database]:
    """A database whose writers give up after 0.2 s, for a locked-database test."""
    database = Database.open(tmp_path / "locked.sqlite", busy_timeout_ms=200)
    try:
        yield database
    finally:
        database.close()


def test_a_locked_database_keeps_what_was_typed_and_saves_later(
    qtbot: QtBot, short_wait_db: Database, settings: QSettings, runner: JobRunner
) -> None:
    db = short_wait_db
    generate(db.session, 10, seed=6, language="en")
    window = MainWindow(db, language="en", settings=settings, runner=runner)
    qtbot.addWidget(window)
    window.show()
    idle(qtbot, window)
    record_id, _ = first_contact(db)
    form = open_form(qtbot, window, "contact", record_id)
    line(form, "city").edit.setText("Vannes")
    other = sqlite3.connect(db.path, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        form.save()
        release: Callable[[], None] = other.rollback
        qtbot.waitUntil(form.notice_label.isVisible, timeout=30_000)
        idle(qtbot, window)
        assert "locked" in form.notice_label.text() or "busy" in form.notice_label.text()
        assert line(form, "city").edit.text() == "Vannes"
        assert form.save_button.isEnabled()
        for box in window.findChildren(QMessageBox):
            box.close()
    finally:
        release = other.rollback
        release()
        other.close()
    with qtbot.waitSignal(form.sig_loaded, timeout=30_000):
        form.save()
    idle(qtbot, window)
    assert scalar(db, "SELECT city FROM contacts WHERE id = :id", id=record_id) == "Vannes"
