"""The import wizard (issue #6): a file previewed as read, its columns mapped, a dry run
whose problems are corrected in place, the commit as one undoable change, and every file
that cannot be read told in a sentence on the page."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QWidget, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desktop_crm import translations
from desktop_crm.models.database import Database
from desktop_crm.services.importing import (
    DuplicatePolicy,
    ImportOptions,
    SourceSpec,
    preview,
    run_import,
)
from desktop_crm.views.import_wizard import ImportWizard
from desktop_crm.views.import_wizard_pages import dropped_file
from desktop_crm.views.main_window import MainWindow
from desktop_crm.views.record_actions import RecordActions
from desktop_crm.widgets.job import JobRunner

HEADER = ("Civilité", "Prénom", "Nom", "E-mail", "Société", "Téléphone", "Ville")
PEOPLE = [
    ("Mme", "Élodie", "Lefèvre", "elodie.lefevre@exemple.fr", "Boulangerie Dupré",
     "06 12 34 56 78", "Lyon"),
    ("M.", "Jérôme", "Crépin", "jerome.crepin@@exemple", "Café Noël", "01 23 45 67 89",
     "Nîmes"),
    ("Mme", "Françoise", "Bérenger", "f.berenger@exemple.fr", "Boulangerie Dupré", "", "Lyon"),
]  # fmt: skip


def write_csv(
    path: Path,
    rows: list[tuple[str, ...]],
    *,
    header: tuple[str, ...] = HEADER,
    encoding: str = "cp1252",
    delimiter: str = ";",
) -> Path:
    lines = [delimiter.join(header), *(delimiter.join(row) for row in rows)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


@pytest.fixture
def french_csv(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "salon.csv", PEOPLE)


@pytest.fixture
def actions(qtbot: QtBot, db: Database, settings: QSettings, runner: JobRunner) -> RecordActions:
    holder = QWidget()
    qtbot.addWidget(holder)
    return RecordActions(db, parent_widget=holder, settings=settings, runner=runner)


@pytest.fixture
def wizard(
    qtbot: QtBot, db: Database, settings: QSettings, runner: JobRunner, actions: RecordActions
) -> Iterator[ImportWizard]:
    wizard = ImportWizard(db, actions, settings=settings, runner=runner)
    qtbot.addWidget(wizard)
    wizard.show()
    yield wizard
    runner.stop_all()


def choose_file(qtbot: QtBot, wizard: ImportWizard, path: Path) -> None:
    with qtbot.waitSignal(wizard.sig_previewed, timeout=30_000):
        wizard.source_page.set_path(path)


def go_to_check(qtbot: QtBot, wizard: ImportWizard) -> None:
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()
    assert wizard.currentPage() is wizard.options_page
    with qtbot.waitSignal(wizard.sig_checked, timeout=30_000):
        wizard.next()
    assert wizard.currentPage() is wizard.check_page


def commit(qtbot: QtBot, wizard: ImportWizard) -> str:
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    with qtbot.waitSignal(wizard.sig_import_ended, timeout=60_000) as ended:
        wizard.next()
    return str(ended.args[0])


def contacts(db: Database) -> list[tuple[str | None, str, str | None, str | None]]:
    with db.read_session() as session:
        rows = session.execute(
            text(
                "SELECT c.first_name, c.last_name, c.email, a.name FROM contacts c "
                "LEFT JOIN accounts a ON a.id = c.account_id WHERE c.deleted_at IS NULL "
                "ORDER BY c.last_name"
            )
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def count(db: Database, table: str) -> int:
    with db.read_session() as session:
        return int(
            session.execute(text(f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL")).scalar()
            or 0
        )


def test_a_french_cp1252_csv_goes_through_the_wizard_with_its_bad_email_fixed_on_the_check_page(
    qtbot: QtBot, wizard: ImportWizard, db: Database, french_csv: Path, tmp_path: Path
) -> None:
    choose_file(qtbot, wizard, french_csv)
    page = wizard.source_page
    assert not page.error_label.isVisible()
    assert page.preview_model.header == HEADER
    assert page.preview_model.rows[0][1] == "Élodie"
    vertical = Qt.Orientation.Vertical
    assert [page.preview_model.headerData(i, vertical) for i in range(3)] == ["2", "3", "4"]
    assert "Windows Western (cp1252)" in page.info_label.text()
    assert "semicolon" in page.info_label.text()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    wizard.next()
    mapping = wizard.mapping_page
    assert mapping.origin_label.text() == "Suggested from the column names: check it."
    assert wizard.mapping is not None
    assert wizard.mapping.targets == (
        "salutation", "first_name", "last_name", "email", "account", "phone", "city"
    )  # fmt: skip
    assert mapping.target_text(4) == "Company (linked, created if missing)"
    assert mapping.target_text(2) == "Last name — required"
    samples = mapping.model.index(1, mapping.model.SAMPLES)
    assert samples.data() == "Élodie  ·  Jérôme  ·  Françoise"
    wizard.back()

    go_to_check(qtbot, wizard)
    check = wizard.check_page
    assert check.summary_label.text().startswith(
        "3 rows: 2 would be created, 0 would update existing records, 0 skipped as "
        "duplicates, 1 with errors."
    )
    issues = check.issues_model
    assert issues.rowCount() == 1
    assert [issues.data(issues.index(0, c)) for c in range(5)] == [
        "3", "E-mail", "E-mail", "jerome.crepin@@exemple", "is not a valid e-mail address"
    ]  # fmt: skip
    assert issues.flags(issues.index(0, issues.VALUE)) & Qt.ItemFlag.ItemIsEditable

    # A value still wrong keeps the problem; a right one marks it fixed, at once.
    assert issues.setData(issues.index(0, issues.VALUE), "jerome.crepin@")
    assert issues.data(issues.index(0, issues.REASON)) == "is not a valid e-mail address"
    assert issues.setData(issues.index(0, issues.VALUE), "jerome.crepin@exemple.fr")
    assert issues.data(issues.index(0, issues.REASON)).startswith("✓ Fixed")
    assert wizard.fixes == {(3, 3): "jerome.crepin@exemple.fr"}
    assert "1 corrected" in check.fixed_label.text()
    issues_csv = wizard.write_issues(tmp_path / "issues.csv")
    assert issues_csv is not None
    assert issues_csv.read_text("utf-8-sig").splitlines() == [
        "row,column,field,value,reason",
        "3,E-mail,email,jerome.crepin@@exemple,is not a valid e-mail address",
    ]
    with qtbot.waitSignal(wizard.sig_checked, timeout=30_000):
        check.again_button.click()  # the dry run again, with the fix
    assert "3 would be created" in check.summary_label.text()
    assert "0 with errors" in check.summary_label.text()
    assert issues.rowCount() == 0

    assert commit(qtbot, wizard) == "succeeded"
    report = wizard.report
    assert report is not None
    assert (report.created, report.failed, report.linked_created) == (3, 0, {"accounts": 2})
    assert contacts(db) == [
        ("Françoise", "Bérenger", "f.berenger@exemple.fr", "Boulangerie Dupré"),
        ("Jérôme", "Crépin", "jerome.crepin@exemple.fr", "Café Noël"),
        ("Élodie", "Lefèvre", "elodie.lefevre@exemple.fr", "Boulangerie Dupré"),
    ]
    result = wizard.result_page
    assert result.headline.text().startswith("Imported salon.csv in ")
    assert result.undo_button.isVisible()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    # Written: Finish closes; no "Cancel" beside it that would read as undoing the import.
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()


def test_the_mapping_used_is_saved_for_the_next_file_with_the_same_columns(
    qtbot: QtBot, wizard: ImportWizard, db: Database, french_csv: Path, tmp_path: Path
) -> None:
    choose_file(qtbot, wizard, french_csv)
    wizard.next()
    wizard.mapping_page.set_target(6, None)  # Ville left out
    wizard.mapping_page.save_check.setChecked(True)
    wizard.mapping_page.name_edit.setText("Salon")
    wizard.next()
    with qtbot.waitSignal(wizard.sig_checked, timeout=30_000):
        wizard.next()
    assert commit(qtbot, wizard) == "succeeded"
    with db.read_session() as session:
        again = preview(session, SourceSpec(write_csv(tmp_path / "b.csv", PEOPLE)), "contact")
    assert again.mapping_origin == "saved"
    assert again.mapping.targets[6] is None

    # Another file, its columns in another order: the named mapping fits it by name.
    wizard.restart()
    other = write_csv(
        tmp_path / "c.csv",
        [tuple(reversed(p)) for p in PEOPLE],
        header=tuple(reversed(HEADER)),
    )
    choose_file(qtbot, wizard, other)
    wizard.next()
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: page.named_combo.count() == 2)  # "Choose…", "Salon"
    assert page.named_combo.isVisibleTo(page)
    page.set_target(1, None)  # Société left out, by hand
    with qtbot.waitSignal(page.model.dataChanged, timeout=10_000):
        page.use_named("Salon")
    assert page.origin_label.text() == "The mapping saved as “Salon” is used."
    assert wizard.mapping is not None
    assert wizard.mapping.targets == (
        None, "phone", "account", "email", "last_name", "first_name", "salutation"
    )  # fmt: skip


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # the popup
def test_a_required_field_left_unmapped_is_named_and_keeps_next_off(
    qtbot: QtBot, wizard: ImportWizard, french_csv: Path
) -> None:
    choose_file(qtbot, wizard, french_csv)
    wizard.next()
    page = wizard.mapping_page
    cell = page.model.index(2, page.model.TARGET)
    page.table.clicked.emit(cell)  # a click opens the field's list
    combo = page.table.indexWidget(cell)
    assert isinstance(combo, QComboBox)
    assert combo.currentData() == "last_name"
    combo.setCurrentIndex(combo.findData(None))
    combo.activated.emit(combo.currentIndex())
    assert page.target_text(2) == "— don't import —"
    assert page.problems_label.text() == "No column goes to Last name, which is required."
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    page.set_target(1, "last_name")  # a field takes one column
    assert wizard.mapping is not None
    assert wizard.mapping.targets[:3] == ("salutation", "last_name", None)
    assert page.problems_label.text() == ""
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_file_of_ten_thousand_columns_opens_its_mapping_at_once(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path
) -> None:
    header = ("Nom", *(f"Colonne {i}" for i in range(9_999)))
    path = write_csv(tmp_path / "wide.csv", [tuple(f"v{i}" for i in range(10_000))], header=header)
    choose_file(qtbot, wizard, path)
    wizard.next()
    page = wizard.mapping_page
    assert page.model.rowCount() == 10_000
    assert page.target_text(0) == "Last name — required"
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def _binary(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 8)


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        ("photo.csv", _binary, "photo.csv is not a text file: it holds binary data"),
        ("archive.xlsx", _zip, "archive.xlsx is a zip archive but not an Excel workbook"),
        ("empty.csv", lambda p: p.write_bytes(b""), "empty.csv is empty."),
        ("header.csv", lambda p: p.write_text("Nom;E-mail\n"), "header.csv has a header row but"),
        ("old.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0"), "old.xls is an old Excel 97"),
    ],
)
def test_a_file_that_cannot_be_read_is_told_on_the_page_and_next_stays_off(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path, name: str, make: object, expected: str
) -> None:
    path = tmp_path / name
    make(path)  # type: ignore[operator]
    choose_file(qtbot, wizard, path)
    page = wizard.source_page
    assert page.error_label.isVisible()
    assert page.error_label.text().startswith(expected)
    assert "Traceback" not in page.error_label.text()
    assert page.preview_model.rowCount() == 0
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


@pytest.mark.parametrize(
    ("written_in", "choose_encoding", "choose_delimiter", "first_cells", "error"),
    [
        ("cp1252", None, None, ("Mme", "Élodie"), None),
        ("cp1252", "utf-8", None, None, "salon.csv cannot be read as utf-8"),
        ("utf-8", "cp1252", None, ("Mme", "Ã‰lodie"), None),
        ("utf-8", None, ",", ("Mme;Élodie;Lefèvre;elodie.lefevre@exemple.fr;Boulangerie "
                              "Dupré;06 12 34 56 78;Lyon",), None),
        ("utf-16", "utf-16", ";", ("Mme", "Élodie"), None),
    ],
)  # fmt: skip
def test_choosing_the_encoding_or_delimiter_reads_the_preview_again(
    qtbot: QtBot,
    wizard: ImportWizard,
    tmp_path: Path,
    written_in: str,
    choose_encoding: str | None,
    choose_delimiter: str | None,
    first_cells: tuple[str, ...] | None,
    error: str | None,
) -> None:
    path = write_csv(tmp_path / "salon.csv", PEOPLE, encoding=written_in)
    choose_file(qtbot, wizard, path)
    page = wizard.source_page
    assert page.preview_model.rows[0][:2] == ("Mme", "Élodie")
    for value, setter in (
        (choose_encoding, page.set_encoding),
        (choose_delimiter, page.set_delimiter),
    ):
        if value is not None:
            with qtbot.waitSignal(wizard.sig_previewed, timeout=30_000):
                setter(value)
    if error is None:
        assert first_cells is not None
        assert page.preview_model.rows[0][: len(first_cells)] == first_cells
        assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    else:
        assert page.error_label.text().startswith(error)
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_the_sheet_of_a_workbook_is_chosen_and_the_import_reads_that_sheet(
    qtbot: QtBot, wizard: ImportWizard, db: Database, tmp_path: Path
) -> None:
    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Notes"
    notes.append(["Remarque"])
    notes.append(["Salon de Lyon, mars"])
    sheet = book.create_sheet("Contacts")
    sheet.append(["Prénom", "Nom", "E-mail"])
    sheet.append(["Élodie", "Lefèvre", "elodie@exemple.fr"])
    sheet.append(["Loïc", "Gaël", "loic@exemple.fr"])
    path = tmp_path / "salon.xlsx"
    book.save(path)

    choose_file(qtbot, wizard, path)
    page = wizard.source_page
    assert page.sheet_combo.isVisibleTo(page)
    assert not page.encoding_combo.isEnabled()
    assert [page.sheet_combo.itemText(i) for i in range(2)] == ["Notes", "Contacts"]
    assert page.preview_model.header == ("Remarque",)
    with qtbot.waitSignal(wizard.sig_previewed, timeout=30_000):
        page.set_sheet("Contacts")
    assert page.preview_model.header == ("Prénom", "Nom", "E-mail")
    assert "sheet “Contacts” (2 sheets)" in page.info_label.text()
    go_to_check(qtbot, wizard)
    assert commit(qtbot, wizard) == "succeeded"
    assert [c[:3] for c in contacts(db)] == [
        ("Loïc", "Gaël", "loic@exemple.fr"),
        ("Élodie", "Lefèvre", "elodie@exemple.fr"),
    ]


@pytest.mark.parametrize(
    ("policy", "created", "updated", "skipped", "action", "phone"),
    [
        (DuplicatePolicy.SKIP, 1, 0, 1, "skipped", None),
        (DuplicatePolicy.UPDATE_EMPTY, 1, 1, 0, "updated", "06 12 34 56 78"),
        (DuplicatePolicy.CREATE, 2, 0, 0, None, None),  # not even matched
    ],
)
def test_a_row_matching_an_existing_contact_follows_the_duplicate_policy(
    qtbot: QtBot,
    wizard: ImportWizard,
    db: Database,
    tmp_path: Path,
    policy: DuplicatePolicy,
    created: int,
    updated: int,
    skipped: int,
    action: str | None,
    phone: str | None,
) -> None:
    known = ("Mme", "Élodie", "Lefèvre", "elodie.lefevre@exemple.fr", "", "", "Lyon")
    first = write_csv(tmp_path / "before.csv", [known])
    with db.read_session() as session:
        found = preview(session, SourceSpec(first), "contact")
    run_import(db, SourceSpec(first), ImportOptions("contact", found.mapping), take_backup=False)
    path = write_csv(tmp_path / "salon.csv", [PEOPLE[0], PEOPLE[2]])
    choose_file(qtbot, wizard, path)
    wizard.next()
    wizard.next()
    wizard.options_page.set_policy(policy)
    with qtbot.waitSignal(wizard.sig_checked, timeout=30_000):
        wizard.next()
    duplicates = wizard.check_page.duplicates_model
    assert duplicates.rowCount() == (0 if action is None else 1)
    if action is not None:
        row, label, _score, shown_action, reasons = duplicates.rows[0]
        assert (row, label, shown_action) == ("2", "Élodie Lefèvre", action)
        assert "e-mail" in reasons
        assert wizard.check_page.tabs.currentIndex() == 1
    assert commit(qtbot, wizard) == "succeeded"
    report = wizard.report
    assert report is not None
    assert (report.created, report.updated, report.skipped) == (created, updated, skipped)
    assert count(db, "contacts") == 1 + created
    with db.read_session() as session:
        phones = (
            session.execute(
                text("SELECT phone_raw FROM contacts WHERE email = 'elodie.lefevre@exemple.fr'")
            )
            .scalars()
            .all()
        )
    assert phones[0] == phone


def test_cancelling_the_import_rolls_it_back_whole(
    qtbot: QtBot, wizard: ImportWizard, db: Database, tmp_path: Path
) -> None:
    rows = [("M.", f"Prénom{i}", f"Nom{i}", f"p{i}@exemple{i % 40}.fr", f"Société {i % 300}",
             "", "Lyon") for i in range(12_000)]  # fmt: skip
    choose_file(qtbot, wizard, write_csv(tmp_path / "big.csv", rows))
    go_to_check(qtbot, wizard)
    wizard.next()
    job = wizard._import_job
    assert job is not None
    # Cancelled mid-import: once the worker has reported rows written.
    qtbot.waitUntil(lambda: job.progress.snapshot().done > 0, timeout=60_000)
    with qtbot.waitSignal(wizard.sig_import_ended, timeout=60_000) as ended:
        wizard.result_page.strip.cancel_button.click()
    assert ended.args == ["cancelled"]
    assert (count(db, "contacts"), count(db, "accounts")) == (0, 0)
    result = wizard.result_page
    assert result.headline.text() == (
        "The import was cancelled and rolled back: nothing was imported."
    )
    assert result.retry_button.isVisible()
    assert wizard.report is None


@pytest.fixture
def window(
    qtbot: QtBot, db: Database, settings: QSettings, runner: JobRunner
) -> Iterator[MainWindow]:
    window = MainWindow(db, language="en", settings=settings, runner=runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: runner.is_idle() and window.overview is not None, timeout=30_000)
    yield window
    runner.stop_all()


def _wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    runner = window.runner
    assert runner is not None
    qtbot.waitUntil(runner.is_idle, timeout=30_000)


@pytest.mark.parametrize("undo_from", ["wizard button", "Edit → Undo"])
def test_an_import_is_undone_from_the_wizard_or_the_undo_stack(
    qtbot: QtBot, window: MainWindow, db: Database, french_csv: Path, undo_from: str
) -> None:
    assert window.import_action.shortcut().toString() == "Ctrl+Shift+I"
    window.import_action.trigger()
    wizard = window.import_wizard
    assert wizard is not None
    choose_file(qtbot, wizard, french_csv)
    go_to_check(qtbot, wizard)
    assert commit(qtbot, wizard) == "succeeded"
    _wait_idle(qtbot, window)
    assert count(db, "contacts") == 2
    assert window.undo_action.text() == "&Undo Import salon.csv"
    assert window.overview is not None
    assert window.overview.operations[0].label == "Import salon.csv"
    assert window.overview.operations[0].kind == "import"

    if undo_from == "wizard button":
        wizard.result_page.undo_button.click()
    else:
        window.undo_action.trigger()
    qtbot.waitUntil(lambda: count(db, "contacts") == 0, timeout=30_000)
    _wait_idle(qtbot, window)
    assert count(db, "accounts") == 0
    assert not wizard.result_page.undo_button.isEnabled()
    assert "The import is undone" in wizard.result_page.note_label.text()
    assert window.redo_action.text() == "&Redo Import salon.csv"


def test_the_list_views_welcome_screen_and_menu_open_the_wizard_on_their_object(
    qtbot: QtBot, window: MainWindow, db: Database, french_csv: Path
) -> None:
    assert window.pages.currentWidget() is window.first_run_page
    window.first_run_page.import_button.click()
    wizard = window.import_wizard
    assert wizard is not None
    assert wizard.source_page.object_type() == "contact"
    choose_file(qtbot, wizard, french_csv)
    go_to_check(qtbot, wizard)
    assert commit(qtbot, wizard) == "succeeded"
    wizard.result_page.open_button.click()  # "Open the contacts": the list, refreshed
    _wait_idle(qtbot, window)
    view = window.lists["contact"]
    assert window.pages.currentWidget() is view
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=30_000)
    with db.read_session() as session:  # the welcome screen's import made the pipeline too
        assert session.execute(text("SELECT count(*) FROM pipelines")).scalar() == 1
    qtbot.waitUntil(lambda: window.import_wizard is None, timeout=10_000)

    accounts = window.open_list("account")
    assert accounts.import_button is not None
    accounts.import_button.click()
    wizard = window.import_wizard
    assert wizard is not None
    assert wizard.source_page.object_type() == "account"
    wizard.reject()
    assert window.open_list("activity").import_button is None


def test_closing_the_wizard_while_it_checks_cancels_the_check_first(
    qtbot: QtBot, wizard: ImportWizard, tmp_path: Path
) -> None:
    rows = [("M.", f"P{i}", f"N{i}", f"p{i}@exemple.fr", "", "", "") for i in range(20_000)]
    choose_file(qtbot, wizard, write_csv(tmp_path / "big.csv", rows))
    wizard.next()
    wizard.next()
    wizard.next()
    assert wizard.check_page.strip.running()
    with qtbot.waitSignal(wizard.rejected, timeout=60_000):
        wizard.reject()  # Cancel, Escape or the window's close button
        assert wizard.isVisible()  # until the check has stopped
    assert not wizard.running_jobs()
    assert wizard.check is None


def test_the_check_page_speaks_french_with_the_french_catalogue(
    qtbot: QtBot, qapp: QApplication, wizard: ImportWizard, french_csv: Path
) -> None:
    translator = translations.install_translator(qapp, "fr")
    assert translator is not None
    try:
        choose_file(qtbot, wizard, french_csv)
        go_to_check(qtbot, wizard)
        issues = wizard.check_page.issues_model
        assert issues.data(issues.index(0, issues.REASON)) == "n'est pas une adresse e-mail valide"
        assert issues.headerData(0, Qt.Orientation.Horizontal) == "Ligne"
        assert wizard.mapping_page.target_text(2) == "Nom — obligatoire"
    finally:
        qapp.removeTranslator(translator)


VCARDS = """BEGIN:VCARD\r
VERSION:3.0\r
N:Lefèvre;Hélène;;;\r
FN:Hélène Lefèvre\r
ORG:Boulangerie Lefèvre SARL;\r
EMAIL;TYPE=WORK:helene@boulangerie-lefevre.fr\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:4.0\r
N:Gaël;Loïc;;;\r
FN:Loïc Gaël\r
EMAIL:loic@atelier-helene.fr\r
END:VCARD\r
"""


@pytest.mark.parametrize(
    ("object_type", "name", "content", "locale", "query", "expected"),
    [
        (
            "account", "comptes.csv",
            "Raison sociale;SIREN;Effectif;Chiffre d'affaires;Ville\n"
            "Boulangerie Dupré;732 829 320;12;1 234 567,50 €;Lyon\n",
            "fr",
            "SELECT name, siren, employees, annual_revenue_minor, city FROM accounts",
            [("Boulangerie Dupré", "732829320", 12, 123456750, "Lyon")],
        ),
        (
            "opportunity", "affaires.csv",
            "Affaire;Société;Montant;Étape;Date de clôture\n"
            "Fours Lyon;Boulangerie Dupré;12 345,50;Proposition;31/12/2026\n",
            "fr",
            "SELECT o.name, a.name, o.amount_minor, s.name, o.expected_close_date "
            "FROM opportunities o JOIN accounts a ON a.id = o.account_id "
            "JOIN pipeline_stages s ON s.id = o.stage_id",
            [("Fours Lyon", "Boulangerie Dupré", 1234550, "Proposition", "2026-12-31")],
        ),
        (
            "opportunity", "deals.csv",
            "Deal name,Company,Amount,Stage,Close date\n"
            "Ovens,Acme Ltd,\"1,250.00\",Négociation,12/31/2026\n",
            "en_US",
            "SELECT o.name, a.name, o.amount_minor, s.name, o.expected_close_date "
            "FROM opportunities o JOIN accounts a ON a.id = o.account_id "
            "JOIN pipeline_stages s ON s.id = o.stage_id",
            [("Ovens", "Acme Ltd", 125000, "Négociation", "2026-12-31")],
        ),
        (
            "lead", "pistes.csv",
            "Prénom;Nom;Société;Origine;Statut\nÉlodie;Lefèvre;Café Noël;Salon;Nouveau\n",
            "fr",
            "SELECT first_name, last_name, company, source, status FROM leads",
            [("Élodie", "Lefèvre", "Café Noël", "trade_show", "new")],
        ),
        (
            "contact", "carnet.vcf", VCARDS, "fr",
            "SELECT c.first_name, c.last_name, c.email, a.name FROM contacts c "
            "LEFT JOIN accounts a ON a.id = c.account_id ORDER BY c.last_name",
            [("Loïc", "Gaël", "loic@atelier-helene.fr", None),
             ("Hélène", "Lefèvre", "helene@boulangerie-lefevre.fr", "Boulangerie Lefèvre SARL")],
        ),
    ],
)  # fmt: skip
def test_each_object_and_format_imports_through_the_wizard_in_the_locale_chosen(
    qtbot: QtBot,
    wizard: ImportWizard,
    db: Database,
    tmp_path: Path,
    object_type: str,
    name: str,
    content: str,
    locale: str,
    query: str,
    expected: list[tuple[object, ...]],
) -> None:
    from desktop_crm.services.bootstrap import ensure_default_pipeline

    with db.session() as session, session.begin():
        ensure_default_pipeline(session, "fr")
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    wizard.source_page.set_object_type(object_type)
    choose_file(qtbot, wizard, path)
    wizard.next()
    wizard.next()
    wizard.options_page.set_locale(locale)
    with qtbot.waitSignal(wizard.sig_checked, timeout=30_000):
        wizard.next()
    assert wizard.check_page.issues_model.rowCount() == 0, wizard.check_page.summary_label.text()
    assert commit(qtbot, wizard) == "succeeded"
    with db.read_session() as session:
        rows = [tuple(r) for r in session.execute(text(query)).all()]
    assert rows == expected


def test_the_wizard_tables_are_sound_models(
    qtbot: QtBot, qtmodeltester: object, wizard: ImportWizard, db: Database, french_csv: Path
) -> None:
    known = write_csv(french_csv.with_name("known.csv"), [PEOPLE[0]])
    with db.read_session() as session:
        found = preview(session, SourceSpec(known), "contact")
    run_import(db, SourceSpec(known), ImportOptions("contact", found.mapping), take_backup=False)
    choose_file(qtbot, wizard, french_csv)
    go_to_check(qtbot, wizard)
    check = wizard.check_page
    assert (check.issues_model.rowCount(), check.duplicates_model.rowCount()) == (1, 1)
    for model in (
        wizard.source_page.preview_model,
        wizard.mapping_page.model,
        check.issues_model,
        check.duplicates_model,
    ):
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_a_file_dropped_on_the_first_page_is_read(
    qtbot: QtBot, wizard: ImportWizard, french_csv: Path
) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(french_csv))])
    page = wizard.source_page
    position = QPointF(page.rect().center())
    actions = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    assert dropped_file(mime) == french_csv  # what dragEnterEvent accepts
    two = QMimeData()
    two.setUrls([QUrl.fromLocalFile(str(french_csv))] * 2)
    assert dropped_file(two) is None
    with qtbot.waitSignal(wizard.sig_previewed, timeout=30_000):
        page.dropEvent(QDropEvent(position, actions, mime, buttons, modifiers))
    assert page.path() == french_csv
    assert page.preview_model.header == HEADER
