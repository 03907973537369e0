from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop_crm.models import Account, Contact, Lead
from desktop_crm.models.database import Database
from desktop_crm.models.journal import operation
from desktop_crm.services.progress import Progress
from desktop_crm.services.sample_data import generate
from desktop_crm.views.main_window import MainWindow
from desktop_crm.views.record_form import RecordFormPage
from desktop_crm.views.record_list_view import RecordListView
from desktop_crm.views.search_palette import SearchPalette
from desktop_crm.widgets.job import Job, JobRunner
from desktop_crm.widgets.record_table_model import RecordTableModel


@pytest.fixture
def people(db: Database) -> dict[str, str]:
    """Sample records around a few known names; their ids by name."""
    generate(db.session, 150, seed=5, language="en")
    with db.session() as s, s.begin(), operation(s, "Known names"):
        records = {
            "Jean Dupont": Contact(first_name="Jean", last_name="Dupont", city="Lyon"),
            "Hélène Lefèvre": Contact(first_name="Hélène", last_name="Lefèvre", city="Nantes"),
            "Dupont Frères SARL": Account(name="Dupont Frères SARL", city="Lyon"),
            "Marc Dupont": Lead(first_name="Marc", last_name="Dupont", company="Dupont Frères"),
        }
        s.add_all(records.values())
        s.flush()
        return {name: record.id for name, record in records.items()}


@pytest.fixture
def window(
    qtbot: QtBot, db: Database, people: dict[str, str], settings: QSettings, runner: JobRunner
) -> Iterator[MainWindow]:
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


def shown(palette: SearchPalette) -> list[str]:
    """The palette's rows as the user reads them: `# Group` headers, then hits."""
    rows = []
    for row in range(palette.results.count()):
        item = palette.results.item(row)
        hit = item.data(SearchPalette.HitRole)
        rows.append(item.text() if hit else f"# {item.text()}")
    return rows


def type_and_wait(qtbot: QtBot, palette: SearchPalette, text: str) -> None:
    with qtbot.waitSignal(palette.sig_results_shown, timeout=10_000) as shown_signal:
        qtbot.keyClicks(palette.edit, text)
    assert shown_signal.args == [text]


@pytest.mark.parametrize(
    ("typed", "group", "found"),
    [
        ("dupnt", "Contacts", "Jean Dupont"),  # a letter dropped
        ("lefevre", "Contacts", "Hélène Lefèvre"),  # accents left out
        ("LEFÈVRE", "Contacts", "Hélène Lefèvre"),  # case
        ("helene lefevre", "Contacts", "Hélène Lefèvre"),
        ("dupont freres", "Accounts", "Dupont Frères SARL"),
    ],
)
def test_the_palette_finds_typos_and_accent_free_spellings_under_their_object(
    qtbot: QtBot, window: MainWindow, typed: str, group: str, found: str
) -> None:
    window.search_action.trigger()
    palette = window.search_palette
    assert palette.isVisible()
    assert palette.edit.hasFocus()
    type_and_wait(qtbot, palette, typed)
    rows = shown(palette)
    assert found in rows
    header = rows.index(f"# {group}")
    next_header = next(
        (i for i in range(header + 1, len(rows)) if rows[i].startswith("# ")), len(rows)
    )
    assert header < rows.index(found) < next_header


def test_results_are_grouped_by_object_in_the_navigation_order(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.search_action.trigger()
    palette = window.search_palette
    type_and_wait(qtbot, palette, "dupont")
    headers = [row for row in shown(palette) if row.startswith("# ")]
    assert headers[:3] == ["# Accounts", "# Contacts", "# Leads"]
    # The first hit is chosen; Up/Down move over hits only, never onto a header.
    assert palette.results.currentItem().text() == "Dupont Frères SARL"
    qtbot.keyClick(palette.edit, Qt.Key.Key_Down)
    assert palette.results.currentItem().data(SearchPalette.HitRole)[0] == "contact"
    qtbot.keyClick(palette.edit, Qt.Key.Key_Up)
    qtbot.keyClick(palette.edit, Qt.Key.Key_Up)
    assert palette.results.currentItem().text() == "Dupont Frères SARL"


def test_enter_opens_the_chosen_record_and_back_finds_it_selected_in_its_list(
    qtbot: QtBot, window: MainWindow, people: dict[str, str], runner: JobRunner
) -> None:
    window.search_action.trigger()
    palette = window.search_palette
    type_and_wait(qtbot, palette, "lefevre")
    while palette.results.currentItem().text() != "Hélène Lefèvre":
        qtbot.keyClick(palette.edit, Qt.Key.Key_Down)
    qtbot.keyClick(palette.edit, Qt.Key.Key_Return)
    assert not palette.isVisible()
    form = window.pages.currentWidget()
    assert isinstance(form, RecordFormPage)
    assert (form.object_type, form.record_id) == ("contact", people["Hélène Lefèvre"])
    qtbot.waitUntil(runner.is_idle, timeout=10_000)
    window.close_record()
    view = window.pages.currentWidget()
    assert isinstance(view, RecordListView)
    assert view.object_type == "contact"

    def selected_id() -> str | None:
        rows = view.table.selectionModel().selectedRows()
        if len(rows) != 1:
            return None
        return view.model.data(rows[0], RecordTableModel.RecordIdRole)  # type: ignore[no-any-return]

    qtbot.waitUntil(
        lambda: runner.is_idle() and selected_id() == people["Hélène Lefèvre"], timeout=10_000
    )


def test_a_record_hidden_by_the_lists_filters_is_shown_by_lifting_them(
    qtbot: QtBot, window: MainWindow, people: dict[str, str], runner: JobRunner
) -> None:
    contacts = window.open_list("contact")
    qtbot.waitUntil(lambda: runner.is_idle() and contacts.model.rowCount() > 0, timeout=10_000)
    with qtbot.waitSignal(contacts.model.sig_reloaded, timeout=10_000):
        contacts.filter_edit.setText("Nantes")
    assert people["Jean Dupont"] not in {
        contacts.model.record_id(r) for r in range(contacts.model.rowCount())
    }
    window.open_found_record("contact", people["Jean Dupont"])
    qtbot.waitUntil(
        lambda: (
            [
                contacts.model.data(i, RecordTableModel.RecordIdRole)
                for i in contacts.table.selectionModel().selectedRows()
            ]
            == [people["Jean Dupont"]]
        ),
        timeout=10_000,
    )
    assert contacts.filter_edit.text() == ""


def test_enter_before_the_results_are_in_opens_the_first_of_them(
    qtbot: QtBot, window: MainWindow, people: dict[str, str], runner: JobRunner
) -> None:
    window.search_action.trigger()
    palette = window.search_palette
    with qtbot.waitSignal(palette.sig_open_record, timeout=10_000) as opened:
        qtbot.keyClicks(palette.edit, "helene lefevre")
        qtbot.keyClick(palette.edit, Qt.Key.Key_Return)  # within the typing pause
    assert opened.args == ["contact", people["Hélène Lefèvre"]]
    qtbot.waitUntil(runner.is_idle, timeout=10_000)


def test_escape_closes_the_palette_and_gives_the_focus_back(
    qtbot: QtBot, window: MainWindow, runner: JobRunner
) -> None:
    contacts = window.open_list("contact")
    qtbot.waitUntil(runner.is_idle, timeout=10_000)  # (closing would ask to stop the job)
    contacts.table.setFocus()
    qtbot.waitUntil(contacts.table.hasFocus)
    window.search_action.trigger()
    palette = window.search_palette
    assert palette.edit.hasFocus()
    qtbot.keyClick(palette.edit, Qt.Key.Key_Escape)
    assert not palette.isVisible()
    assert contacts.table.hasFocus()


def test_find_opens_the_palette_outside_a_list_and_the_quick_filter_in_one(
    qtbot: QtBot, window: MainWindow, runner: JobRunner
) -> None:
    assert window.find_action.isEnabled()  # on the overview: Find = search everything
    contacts = window.open_list("contact")
    qtbot.waitUntil(runner.is_idle, timeout=10_000)
    assert not window.find_action.isEnabled()  # a list keeps Find for its own filter
    window.nav.setCurrentRow(0)
    assert window.find_action.isEnabled()
    assert contacts.isHidden()


def test_nothing_found_says_so(qtbot: QtBot, window: MainWindow) -> None:
    window.search_action.trigger()
    palette = window.search_palette
    type_and_wait(qtbot, palette, "zzqxw")
    assert shown(palette) == []
    assert palette.status_label.text() == "Nothing matches “zzqxw”."


def test_typing_is_not_blocked_and_only_the_last_query_runs(
    qtbot: QtBot, db: Database, people: dict[str, str]
) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(800, 600)
    host.show()
    palette = SearchPalette(db, host, debounce_ms=0)
    palette.open()
    # Hold the palette's query thread, as a slow query would.
    release = threading.Event()
    palette.queries.pool.start(lambda: release.wait(10))
    try:
        shown_texts: list[str] = []
        palette.sig_results_shown.connect(shown_texts.append)
        qtbot.keyClicks(palette.edit, "dupnt")
        qtbot.wait(50)  # every keystroke's query has been asked for by now
        assert palette.edit.text() == "dupnt"  # typed in full while the thread was busy
        assert shown_texts == []
    finally:
        release.set()
    qtbot.waitUntil(lambda: shown_texts == ["dupnt"], timeout=10_000)
    assert palette.queries.completed == 1  # d, du, dup, dupn were dropped unstarted
    assert "Jean Dupont" in shown(palette)
    palette.stop()


def test_the_palette_answers_while_a_long_write_holds_the_database_worker(
    qtbot: QtBot, window: MainWindow, runner: JobRunner
) -> None:
    release = threading.Event()
    db = window.db

    def long_write(progress: Progress) -> None:
        with db.session() as s, s.begin(), operation(s, "A long import"):
            s.add(Contact(first_name="Zoé", last_name="Import"))
            s.flush()
            release.wait(10)  # the write lock is held all along

    job = Job(long_write, parent=window, label="Long write", runner=runner).start()
    try:
        window.search_action.trigger()
        type_and_wait(qtbot, window.search_palette, "dupnt")
        assert job.is_running
        assert "Jean Dupont" in shown(window.search_palette)
    finally:
        release.set()
    qtbot.waitUntil(runner.is_idle, timeout=10_000)
