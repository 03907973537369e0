"""The Duplicates view and merge dialog, driven like a user: scan, review, mark, merge, unmerge."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desktop_crm import translations
from desktop_crm.models import Activity, Contact, User
from desktop_crm.models.database import Database
from desktop_crm.services.dedupe import not_duplicate_pairs
from desktop_crm.services.undo import undo
from desktop_crm.views.duplicates_view import MAX_COLUMNS, DuplicatesView
from desktop_crm.views.merge_dialog import MergeDialog
from desktop_crm.widgets.job import JobRunner
from tests.snapshots import domain_snapshot


def at(day: int) -> datetime:
    return datetime(2026, 3, day, 9, 0, tzinfo=UTC)


@pytest.fixture
def people(db: Database) -> Database:
    """Two Jean Duponts with different owners and job titles (the older one has an
    activity), and a pair of Marie Curies; one unrelated contact."""
    with db.session() as s, s.begin():
        s.add_all([User(id="u1", name="Alice Martin"), User(id="u2", name="Bruno Petit")])
        s.flush()
        s.add_all(
            [
                Contact(id="c1", first_name="Jean", last_name="Dupont", email="jd@dupont.fr",
                        email_normalized="jd@dupont.fr", phone_raw="06 12 34 56 78",
                        phone_e164="+33612345678", job_title="Gérant", city="Lyon",
                        owner_id="u1", updated_at=at(5)),
                Contact(id="c2", first_name="Jean", last_name="Dupond", email="jd@dupont.fr",
                        email_normalized="jd@dupont.fr", phone_raw="0612345678",
                        phone_e164="+33612345678", job_title="Directeur", city="Lyon",
                        owner_id="u2", updated_at=at(2)),
                Contact(id="c3", first_name="Marie", last_name="Curie", email="mc@radium.fr",
                        email_normalized="mc@radium.fr", phone_e164="+33140000000",
                        updated_at=at(3)),
                Contact(id="c4", first_name="Marie", last_name="Curie", email="mc@radium.fr",
                        email_normalized="mc@radium.fr", phone_e164="+33140000000",
                        updated_at=at(1)),
                Contact(id="c5", first_name="Paul", last_name="Langevin"),
            ]
        )  # fmt: skip
        s.flush()
        s.add(Activity(id="x1", activity_type="call", subject="Appel", contact_id="c2"))
    return db


def make_view(qtbot: QtBot, db: Database, settings: QSettings, runner: JobRunner) -> DuplicatesView:
    view = DuplicatesView(db, settings=settings, runner=runner)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    return view


def scan(qtbot: QtBot, view: DuplicatesView, runner: JobRunner) -> None:
    view.scan_button.click()
    qtbot.waitUntil(lambda: view.result is not None and runner.is_idle(), timeout=20_000)
    if view.groups_tree.topLevelItemCount():
        qtbot.waitUntil(lambda: view.preview is not None and runner.is_idle(), timeout=20_000)


def group_names(view: DuplicatesView) -> list[str]:
    tree = view.groups_tree
    return [tree.topLevelItem(n).text(2) for n in range(tree.topLevelItemCount())]  # type: ignore[union-attr]


def select_group(qtbot: QtBot, view: DuplicatesView, runner: JobRunner, name: str) -> None:
    tree = view.groups_tree
    for n in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(n)
        assert item is not None
        if name in item.text(2):
            if tree.currentItem() is not item:
                view.preview = None
                tree.setCurrentItem(item)
            qtbot.waitUntil(lambda: view.preview is not None and runner.is_idle())
            return
    raise AssertionError(f"no group {name!r} in {group_names(view)}")


def test_the_reasons_read_in_french_with_the_french_catalogue(
    qtbot: QtBot, qapp: QApplication, people: Database, settings: QSettings, runner: JobRunner
) -> None:
    translator = translations.install_translator(qapp, "fr")
    assert translator is not None
    try:
        view = make_view(qtbot, people, settings, runner)
        scan(qtbot, view, runner)
        select_group(qtbot, view, runner, "Jean")
        assert "même e-mail" in view.reasons_label.text()
        assert "même téléphone" in view.reasons_label.text()
        assert "same" not in view.reasons_label.text()
    finally:
        qapp.removeTranslator(translator)


def contact(db: Database, record_id: str) -> dict[str, Any]:
    with db.read_session() as s:
        row = s.execute(text("SELECT * FROM contacts WHERE id = :id"), {"id": record_id})
        return dict(row.mappings().one())


def test_a_scan_lists_groups_by_score_with_reasons_and_records_side_by_side(
    qtbot: QtBot, people: Database, settings: QSettings, runner: JobRunner
) -> None:
    view = make_view(qtbot, people, settings, runner)
    scan(qtbot, view, runner)
    assert view.groups_tree.topLevelItemCount() == 2
    scores = [int(view.groups_tree.topLevelItem(n).text(0)) for n in range(2)]  # type: ignore[union-attr]
    assert scores == sorted(scores, reverse=True)
    select_group(qtbot, view, runner, "Jean")
    assert "same e-mail" in view.reasons_label.text()
    assert "same phone" in view.reasons_label.text()
    table = view.side_by_side
    headers = [table.horizontalHeaderItem(n).text() for n in range(table.columnCount())]  # type: ignore[union-attr]
    assert sorted(headers) == ["Jean Dupond", "Jean Dupont"]
    rows = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]  # type: ignore[union-attr]
    job_row = rows.index("Job title ≠")
    assert {table.item(job_row, n).text() for n in range(2)} == {"Gérant", "Directeur"}  # type: ignore[union-attr]
    assert "2 groups" in view.summary_label.text()
    assert view.merge_button.isEnabled()
    assert view.not_duplicate_button.isEnabled()


def test_not_a_duplicate_is_remembered_across_scans(
    qtbot: QtBot, people: Database, settings: QSettings, runner: JobRunner
) -> None:
    view = make_view(qtbot, people, settings, runner)
    scan(qtbot, view, runner)
    select_group(qtbot, view, runner, "Marie")
    view.not_duplicate_button.click()
    qtbot.waitUntil(lambda: runner.is_idle() and view.groups_tree.topLevelItemCount() == 1)
    with people.read_session() as s:
        assert not_duplicate_pairs(s, "contact") == {("c3", "c4")}
    scan(qtbot, view, runner)
    assert all("Marie" not in name for name in group_names(view))
    assert view.groups_tree.topLevelItemCount() == 1
    assert "left out: 1" in view.summary_label.text()
    # and it can be taken back: the next scan shows the pair again
    view.unmark_button.click()
    qtbot.waitUntil(lambda: runner.is_idle() and not view.unmark_button.isEnabled())
    with people.read_session() as s:
        assert not_duplicate_pairs(s, "contact") == frozenset()
    scan(qtbot, view, runner)
    assert any("Marie" in name for name in group_names(view))


def test_the_scan_shows_its_progress_in_the_view(
    qtbot: QtBot, db: Database, settings: QSettings, runner: JobRunner
) -> None:
    from desktop_crm.services.sample_data import generate

    generate(db.session, 3000, seed=4, language="fr")
    view = make_view(qtbot, db, settings, runner)
    seen: list[tuple[bool, int, str]] = []
    view.scan_button.click()
    assert view.scan_job is not None
    assert view.cancel_button.isEnabled()
    assert not view.scan_button.isEnabled()
    # Connected after the view's own slot: sees what the view made of each update.
    view.scan_job.sig_progress.connect(
        lambda *_: seen.append(
            (view.progress_bar.isVisible(), view.progress_bar.value(), view.summary_label.text())
        )
    )
    qtbot.waitUntil(lambda: view.result is not None and runner.is_idle(), timeout=20_000)
    assert seen
    assert all(visible for visible, _, _ in seen)
    assert all(text.startswith("Scanning…") for _, _, text in seen)
    assert seen[-1][1] == 1000  # the bar's full scale
    assert view.result is not None
    assert view.result.records == 3000
    assert not view.progress_bar.isVisible()
    assert view.scan_button.isEnabled()


def test_a_cancelled_scan_changes_nothing_and_can_be_started_again(
    qtbot: QtBot, people: Database, settings: QSettings, runner: JobRunner
) -> None:
    import threading

    from desktop_crm.widgets.job import Job

    view = make_view(qtbot, people, settings, runner)
    release = threading.Event()
    # Another job holds the worker, so the scan is still waiting when Cancel is clicked.
    Job(lambda progress: release.wait(10), parent=None, label="busy", runner=runner).start()
    view.scan_button.click()
    view.cancel_button.click()
    release.set()
    qtbot.waitUntil(lambda: view.scan_job is not None and not view.scan_job.is_running)
    assert view.scan_job is not None
    assert view.scan_job.outcome == "cancelled"
    assert view.result is None
    assert view.groups_tree.topLevelItemCount() == 0
    assert "cancelled" in view.summary_label.text()
    assert view.scan_button.isEnabled()
    assert not view.cancel_button.isEnabled()
    assert not view.progress_bar.isVisible()
    scan(qtbot, view, runner)
    assert view.groups_tree.topLevelItemCount() == 2


def open_dialog(qtbot: QtBot, view: DuplicatesView, runner: JobRunner) -> MergeDialog:
    view.merge_button.click()
    qtbot.waitUntil(lambda: view.merge_dialog is not None and runner.is_idle())
    dialog = view.merge_dialog
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def test_merge_in_the_dialog_with_a_field_from_the_second_record_then_unmerge(
    qtbot: QtBot, people: Database, settings: QSettings, runner: JobRunner
) -> None:
    before = domain_snapshot(people)
    view = make_view(qtbot, people, settings, runner)
    scan(qtbot, view, runner)
    select_group(qtbot, view, runner, "Jean")
    dialog = open_dialog(qtbot, view, runner)
    ids = [r.id for r in dialog.preview.records]
    assert ids == ["c1", "c2"]  # the more recent first: the suggested survivor
    # The owners differ and say so; the defaults keep the survivor's values.
    assert dialog.owner_warning.isVisibleTo(dialog)
    assert "Alice Martin" in dialog.owner_warning.text()
    assert "Bruno Petit" in dialog.owner_warning.text()
    assert dialog.choices()["job_title"] == "c1"
    assert dialog.choices()["owner_id"] == "c1"
    assert "activities: 1" in dialog.moving_label.text()
    dialog.choose("job_title", 1)  # as clicking "Directeur"
    dialog.choose("owner_id", 1)
    with qtbot.waitSignal(view.sig_changed, timeout=20_000):
        dialog.merge_button.click()
    qtbot.waitUntil(runner.is_idle)
    survivor, merged = contact(people, "c1"), contact(people, "c2")
    assert (survivor["job_title"], survivor["owner_id"], survivor["deleted_at"]) == (
        "Directeur",
        "u2",
        None,
    )
    assert merged["deleted_at"] is not None
    with people.read_session() as s:
        assert s.execute(text("SELECT contact_id FROM activities WHERE id = 'x1'")).scalar() == "c1"
    assert all("Jean" not in name for name in group_names(view))
    assert "Merged 2 contacts" in view.summary_label.text()

    assert view.unmerge_button.isEnabled()
    with qtbot.waitSignal(view.sig_changed, timeout=20_000):
        view.unmerge_button.click()
    qtbot.waitUntil(runner.is_idle)
    assert domain_snapshot(people) == before
    assert "Unmerged" in view.summary_label.text()
    assert not view.unmerge_button.isEnabled()


def test_choosing_another_record_to_keep_resets_the_defaults(
    qtbot: QtBot, people: Database, settings: QSettings, runner: JobRunner
) -> None:
    view = make_view(qtbot, people, settings, runner)
    scan(qtbot, view, runner)
    select_group(qtbot, view, runner, "Jean")
    dialog = open_dialog(qtbot, view, runner)
    dialog.set_survivor(1)
    assert dialog.choices()["job_title"] == "c2"
    assert dialog.choices()["owner_id"] == "c2"
    assert "Jean Dupont" in dialog.moving_label.text() or "no related" in dialog.moving_label.text()
    dialog.only_differences.setChecked(False)
    assert dialog.field_groups["first_name"].button(0).isVisibleTo(dialog)  # type: ignore[union-attr]
    dialog.reject()


def test_a_record_deleted_since_the_scan_is_left_out_and_never_merged(
    qtbot: QtBot, people: Database, settings: QSettings, runner: JobRunner
) -> None:
    view = make_view(qtbot, people, settings, runner)
    scan(qtbot, view, runner)
    with people.session() as s, s.begin():
        s.execute(
            text("UPDATE contacts SET deleted_at = '2026-03-09T00:00:00.000000Z' WHERE id = 'c4'")
        )
    select_group(qtbot, view, runner, "Marie")
    assert view.warning_label.isVisibleTo(view)
    assert "deleted or merged since the scan" in view.warning_label.text()
    assert view.side_by_side.columnCount() == 1
    assert not view.merge_button.isEnabled()


def test_a_merge_refused_by_the_service_is_said_in_a_message_and_writes_nothing(
    qtbot: QtBot, people: Database, settings: QSettings, runner: JobRunner
) -> None:
    view = make_view(qtbot, people, settings, runner)
    scan(qtbot, view, runner)
    select_group(qtbot, view, runner, "Jean")
    dialog = open_dialog(qtbot, view, runner)
    with people.session() as s, s.begin():  # deleted while the dialog is open
        s.execute(
            text("UPDATE contacts SET deleted_at = '2026-03-09T00:00:00.000000Z' WHERE id = 'c2'")
        )
    before = domain_snapshot(people)
    dialog.merge_button.click()
    qtbot.waitUntil(lambda: dialog.job is not None and not dialog.job.is_running)
    assert dialog.job is not None
    assert dialog.job.error_box is not None
    box: QMessageBox = dialog.job.error_box
    assert "is deleted" in box.text()
    box.close()
    assert domain_snapshot(people) == before
    assert dialog.report is None
    assert dialog.merge_button.isEnabled()
    dialog.reject()


def test_a_huge_group_shows_its_best_records_and_ticks_two(
    qtbot: QtBot, db: Database, settings: QSettings, runner: JobRunner
) -> None:
    with db.session() as s, s.begin():
        s.add_all(
            Contact(id=f"h{n:03}", first_name="Info", last_name="Accueil", email="info@acme.fr",
                    email_normalized="info@acme.fr", phone_e164="+33100000000")
            for n in range(30)
        )  # fmt: skip
    view = make_view(qtbot, db, settings, runner)
    scan(qtbot, view, runner)
    assert view.groups_tree.topLevelItem(0).text(1) == "30"  # type: ignore[union-attr]
    assert view.side_by_side.columnCount() == MAX_COLUMNS
    assert "best-matched of 30" in view.warning_label.text()
    assert len(view.ticked_ids()) == 2
    view.set_ticked([])
    assert not view.merge_button.isEnabled()
    ticks = [view.side_by_side.item(0, n) for n in range(3)]
    for tick in ticks:
        assert tick is not None
        tick.setCheckState(Qt.CheckState.Checked)
    assert len(view.ticked_ids()) == 3
    assert view.merge_button.isEnabled()


def test_undo_from_recent_changes_is_the_same_unmerge(
    qtbot: QtBot, people: Database, settings: QSettings, runner: JobRunner
) -> None:
    before = domain_snapshot(people)
    view = make_view(qtbot, people, settings, runner)
    scan(qtbot, view, runner)
    select_group(qtbot, view, runner, "Marie")
    dialog = open_dialog(qtbot, view, runner)
    with qtbot.waitSignal(view.sig_changed, timeout=20_000):
        dialog.merge_button.click()
    assert view.last_merge is not None
    with people.session() as s, s.begin():
        label = s.execute(
            text("SELECT label FROM journal_operations WHERE id = :id"),
            {"id": view.last_merge.operation_id},
        ).scalar()
        undo(s, view.last_merge.operation_id)
    assert label.startswith("Merge 2 contacts")
    assert domain_snapshot(people) == before


def test_the_main_window_offers_duplicates_and_the_overview_unmerges(
    qtbot: QtBot, people: Database, settings: QSettings, runner: JobRunner
) -> None:
    from desktop_crm.views.main_window import MainWindow
    from desktop_crm.views.quality_pages import DUPLICATES

    before = domain_snapshot(people)
    window = MainWindow(people, settings=settings, runner=runner)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.overview is not None and runner.is_idle(), timeout=20_000)
    texts = [window.nav.item(r).text() for r in range(window.nav.count())]  # type: ignore[union-attr]
    window.nav.setCurrentRow(texts.index("Duplicates"))
    view = window.quality_pages[DUPLICATES]
    assert isinstance(view, DuplicatesView)
    assert window.pages.currentWidget() is view
    scan(qtbot, view, runner)
    select_group(qtbot, view, runner, "Jean")
    dialog = open_dialog(qtbot, view, runner)
    with qtbot.waitSignal(view.sig_changed, timeout=20_000):
        dialog.merge_button.click()
    qtbot.waitUntil(lambda: runner.is_idle() and window.overview is not None)
    qtbot.waitUntil(lambda: window.overview.counts.get("contact") == 4)  # type: ignore[union-attr]
    window.nav.setCurrentRow(0)
    overview = window.overview_page
    top = overview.operations_view.topLevelItem(0)
    assert top is not None
    assert "Merge 2 contacts" in " ".join(top.text(c) for c in range(4))
    top.setSelected(True)
    assert overview.undo_button.text() == "&Unmerge selected merge"
    overview.undo_button.click()
    qtbot.waitUntil(lambda: runner.is_idle() and window.overview.counts.get("contact") == 5)  # type: ignore[union-attr]
    assert domain_snapshot(people) == before


def test_the_object_and_threshold_scanned_are_remembered(
    qtbot: QtBot, people: Database, settings: QSettings, runner: JobRunner
) -> None:
    view = make_view(qtbot, people, settings, runner)
    view.set_object_type("lead")
    view.threshold_spin.setValue(60)
    scan(qtbot, view, runner)
    assert view.result is not None
    assert view.result.object_type == "lead"
    again = make_view(qtbot, people, settings, runner)
    assert (again.object_type, again.threshold_spin.value()) == ("lead", 60)
    again.set_object_type("contact")  # another object: the old groups are not shown
    assert again.groups_tree.topLevelItemCount() == 0
