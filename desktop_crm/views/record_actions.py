"""The record actions of the main window, with their undo: delete (confirmed, naming the
related records that go too), restore and purge from the trash, bulk edit, and the
QUndoStack over journal operations behind Edit → Undo/Redo.

Each write is a Job calling one service function (one journal operation); each committed
operation is pushed on the undo stack as a `JournalCommand`, whose undo and redo run
`services.undo.undo/redo` by operation id on the database worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSettings, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.orm import Session

from desktop_crm.models.database import Database
from desktop_crm.services.progress import Progress
from desktop_crm.services.record_fields import FieldKind, FieldSpec, record_fields
from desktop_crm.services.records import (
    LISTED_TARGETS,
    NOUNS,
    ChangeReport,
    RecordError,
    SaveResult,
    bulk_update,
    delete_preview,
    delete_records,
    describe_counts,
    lookup,
    options,
    purge_records,
    restore_records,
)
from desktop_crm.services.undo import UndoError, redo, undo
from desktop_crm.views.overview_page import object_label
from desktop_crm.widgets.bulk_edit_dialog import BulkEditDialog
from desktop_crm.widgets.field_editors import input_format
from desktop_crm.widgets.job import Job, JobRunner

translate = QCoreApplication.translate


class JournalCommand(QUndoCommand):
    """One journal operation on the undo stack; its text is the operation's label. The
    write already happened when it is pushed, so the first redo does nothing."""

    def __init__(self, actions: RecordActions, operation_id: str, label: str) -> None:
        super().__init__(label)
        self.actions = actions
        self.operation_id = operation_id
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self.actions._revert(self, redo, translate("RecordActions", "Redoing"))

    def undo(self) -> None:
        self.actions._revert(self, undo, translate("RecordActions", "Undoing"))


class RecordActions(QObject):
    """Signals:
    sig_changed(): a write (an action, an undo, a redo) was committed: caches are stale.
    sig_deleted(object_type, record_ids): records went to the trash.
    sig_bulk_dialog(dialog): the bulk edit dialog is open (for callers and tests).
    """

    sig_changed = Signal()
    sig_deleted = Signal(str, list)
    sig_bulk_dialog = Signal(object)

    def __init__(
        self,
        db: Database,
        *,
        parent_widget: QWidget,
        settings: QSettings,
        runner: JobRunner | None = None,
    ) -> None:
        super().__init__(parent_widget)
        self.db = db
        self.parent_widget = parent_widget
        self.settings = settings
        self.runner = runner
        self.undo_stack = QUndoStack(self)
        #: Undo/redo calls that only move the stack back after a refused undo.
        self._replaying = False
        self.bulk_dialog: BulkEditDialog | None = None
        #: Ask before deleting (tests and scripts may turn it off).
        self.confirm = True

    # --- jobs -------------------------------------------------------------------------------
    def _job(self, fn: Callable[[Progress], Any], label: str) -> Job[Any]:
        return Job(
            fn,
            parent=self.parent_widget,
            label=label,
            runner=self.runner,
            refusals=(RecordError, UndoError),
        )

    def push(self, operation_id: str, label: str) -> None:
        """Put a committed operation on the undo stack."""
        if operation_id:
            self.undo_stack.push(JournalCommand(self, operation_id, label))

    def _revert(
        self, command: JournalCommand, action: Callable[[Session, str], str], label: str
    ) -> None:
        if self._replaying:
            return
        operation_id = command.operation_id
        undoing = action is undo

        def run(progress: Progress) -> str:
            with self.db.session() as session, session.begin():
                return action(session, operation_id)

        def refused(error: BaseException) -> None:
            # The stack moved before the job ran: put it back where the database is.
            self._replaying = True
            try:
                if undoing:
                    self.undo_stack.redo()
                else:
                    self.undo_stack.undo()
            finally:
                self._replaying = False

        job = self._job(run, label)
        job.on_success(lambda _id: self.sig_changed.emit())
        job.on_failure(refused)
        job.start()

    # --- delete, restore, purge -------------------------------------------------------------
    def delete(self, object_type: str, record_ids: Sequence[str]) -> None:
        """Ask (naming what goes with the records), then move them to the trash."""
        ids = list(record_ids)
        if not ids:
            return

        def preview(progress: Progress) -> dict[str, int]:
            with self.db.read_session() as session:
                return delete_preview(session, object_type, ids)

        self._job(preview, translate("RecordActions", "Deleting")).on_success(
            lambda counts: self._confirm_delete(object_type, ids, counts)
        ).start()

    def _confirm_delete(self, object_type: str, ids: list[str], counts: dict[str, int]) -> None:
        own = counts.get(object_type, 0)
        if not own:
            return
        related = describe_counts(counts, skip=object_type)
        question = translate("RecordActions", "Move {records} to the trash?").format(
            records=_noun(object_type, own)
        )
        if related:
            question += " " + translate(
                "RecordActions", "{related} linked to {them} go too."
            ).format(
                related=related[:1].upper() + related[1:],
                them=translate("RecordActions", "it")
                if own == 1
                else translate("RecordActions", "them"),
            )
        question += " " + translate(
            "RecordActions", "Restore them from the Trash, or undo (Ctrl+Z)."
        )
        if self.confirm:
            answer = QMessageBox.question(
                self.parent_widget,
                translate("RecordActions", "Delete"),
                question,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Yes,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return

        def run(progress: Progress) -> ChangeReport:
            with self.db.session() as session, session.begin():
                return delete_records(session, object_type, ids)

        def done(report: ChangeReport) -> None:
            self.sig_deleted.emit(object_type, ids)
            self._changed(report)

        self._job(run, translate("RecordActions", "Deleting")).on_success(done).start()

    def restore(self, object_type: str, record_ids: Sequence[str]) -> None:
        ids = list(record_ids)

        def run(progress: Progress) -> ChangeReport:
            with self.db.session() as session, session.begin():
                return restore_records(session, object_type, ids)

        self._job(run, translate("RecordActions", "Restoring")).on_success(self._changed).start()

    def purge(self, object_type: str, record_ids: Sequence[str]) -> None:
        ids = list(record_ids)
        if not ids:
            return
        if self.confirm:
            answer = QMessageBox.warning(
                self.parent_widget,
                translate("RecordActions", "Delete for good"),
                translate(
                    "RecordActions",
                    "Delete {records} for good, with what went to the trash with them? "
                    "Links other records keep to them are cleared.",
                ).format(records=_noun(object_type, len(ids))),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return

        def run(progress: Progress) -> ChangeReport:
            with self.db.session() as session, session.begin():
                return purge_records(session, object_type, ids)

        self._job(run, translate("RecordActions", "Deleting for good")).on_success(
            self._changed
        ).start()

    def _changed(self, report: ChangeReport) -> None:
        if report.operation_id:
            self.push(report.operation_id, report.label)
            self.sig_changed.emit()

    # --- bulk edit --------------------------------------------------------------------------
    def bulk_edit(self, object_type: str, record_ids: Sequence[str]) -> None:
        """Open the bulk edit dialog for the selected records (fields read first)."""
        ids = list(record_ids)
        if not ids:
            return

        def read(
            progress: Progress,
        ) -> tuple[tuple[FieldSpec, ...], dict[str, list[tuple[str, str]]]]:
            with self.db.read_session() as session:
                specs = record_fields(session, object_type)
                listed = {
                    s.target: options(session, s.target)
                    for s in specs
                    if s.kind is FieldKind.RELATION and s.target in LISTED_TARGETS
                }
                return specs, listed

        self._job(read, translate("RecordActions", "Editing")).on_success(
            lambda found: self._open_bulk(object_type, ids, *found)
        ).start()

    def _open_bulk(
        self,
        object_type: str,
        ids: list[str],
        specs: tuple[FieldSpec, ...],
        listed: dict[str, list[tuple[str, str]]],
    ) -> None:
        fmt = input_format(self.settings)
        dialog = BulkEditDialog(
            specs,
            len(ids),
            object_label(object_type).lower(),
            fmt=fmt,
            lookup=self._lookup,
            listed=listed,
            parent=self.parent_widget,
        )
        dialog.accepted.connect(
            lambda: self.apply_bulk(object_type, ids, dialog.spec().key, dialog.value())
        )
        self.bulk_dialog = dialog
        dialog.open()
        self.sig_bulk_dialog.emit(dialog)

    def _lookup(self, target: str, typed: str) -> list[tuple[str, str]]:
        with self.db.read_session() as session:
            return lookup(session, target, typed)

    def apply_bulk(self, object_type: str, ids: Sequence[str], key: str, typed: Any) -> None:
        fmt = input_format(self.settings)
        chosen = list(ids)

        def run(progress: Progress) -> SaveResult:
            with self.db.session() as session, session.begin():
                return bulk_update(session, object_type, chosen, key, typed, fmt=fmt)

        def done(result: SaveResult) -> None:
            if not result.ok:
                QMessageBox.warning(
                    self.parent_widget,
                    translate("RecordActions", "Not changed"),
                    "\n".join(result.errors.values()),
                )
                return
            if result.operation_id:
                self.push(result.operation_id, result.label)
                self.sig_changed.emit()

        self._job(
            run,
            translate("RecordActions", "Editing {count} records").format(
                count=QLocale().toString(len(chosen))
            ),
        ).on_success(done).start()


def _noun(object_type: str, count: int) -> str:
    one, many = NOUNS.get(object_type, (object_type, object_type))
    word = QCoreApplication.translate("Objects", one if count == 1 else many)
    return f"{QLocale().toString(count)} {word}"
