"""The import wizard (File → Import…): a file of contacts, accounts, leads or deals, step by
step over the Qt-free `services.importing` API.

1. Source (`SourcePage`): the file, the object, a preview read with the detected (or chosen)
   encoding, delimiter or sheet.
2. Mapping (`MappingPage`): the field of each column, from the saved or suggested mapping.
3. Options (`OptionsPage`): the locale values are written in, what a duplicate does, what
   rows with errors do.
4. Check (`CheckPage`): a dry run; problems corrected in place (`ImportOptions.fixes`,
   re-checked with `check_row` at once), duplicates listed.
5. Import (`ResultPage`): the commit, then its summary; its undo is a `JournalCommand` on
   the main window's undo stack, so Edit → Undo undoes it too.

Every step that reads the file or the database is a Job on the database worker, shown
inline with its progress and Cancel; the wizard only holds what the steps returned.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QDir, QSettings, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget, QWizard

from desktop_crm.models.database import Database
from desktop_crm.services.import_mapping import (
    FieldMapping,
    fit_mapping,
    mapping_names,
    named_mapping,
)
from desktop_crm.services.import_parsing import LOCALES
from desktop_crm.services.import_review import rows_numbered
from desktop_crm.services.import_sources import ImportSourceError, SourceSpec
from desktop_crm.services.importing import (
    ImportOptions,
    ImportPreview,
    ImportRefused,
    ImportReport,
    check_row,
    preview,
    run_import,
)
from desktop_crm.services.progress import Progress
from desktop_crm.views.import_wizard_check import CheckPage, ResultPage
from desktop_crm.views.import_wizard_pages import MappingPage, OptionsPage, SourcePage
from desktop_crm.views.import_wizard_parts import field_label
from desktop_crm.views.record_actions import JournalCommand, RecordActions
from desktop_crm.widgets.job import Job, JobRunner

T = TypeVar("T")
translate = QCoreApplication.translate

#: The wizard shows each job's progress in its page, never in a dialog of its own.
NO_DIALOG_MS = 24 * 3600 * 1000
#: Errors a step reports in its page as a sentence (the file, the mapping, the disk).
EXPECTED = (ImportSourceError, ImportRefused, OSError, UnicodeError)


@dataclass(frozen=True)
class CheckResult:
    """A dry run and the cells of the rows it found problems in (for `check_row`)."""

    report: ImportReport
    cells: Mapping[int, tuple[Any, ...]]


class ImportWizard(QWizard):
    """Signals:
    sig_previewed(): a preview (or its error) is shown on the source page.
    sig_checked(): a dry run ended (shown on the check page).
    sig_imported(object_type): an import was committed: lists and the overview are stale.
    sig_import_ended(outcome): the commit job ended: "succeeded", "failed", "cancelled".
    sig_open_list(object_type): the user asked to see the imported records.
    """

    sig_previewed = Signal()
    sig_checked = Signal()
    sig_imported = Signal(str)
    sig_import_ended = Signal(str)
    sig_open_list = Signal(str)

    def __init__(
        self,
        db: Database,
        record_actions: RecordActions,
        *,
        settings: QSettings,
        object_type: str = "contact",
        runner: JobRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.record_actions = record_actions
        self.settings = settings
        self.runner = runner
        self.setWindowTitle(self.tr("Import"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.resize(1000, 700)
        #: What the steps found: the preview shown, the mapping as edited, the last check,
        #: the fixes typed, the committed report.
        self.preview: ImportPreview | None = None
        self.mapping: FieldMapping | None = None
        self.source_path: Path | None = None
        self.check: CheckResult | None = None
        self.fixes: dict[tuple[int, int], str] = {}
        self.report: ImportReport | None = None
        self._preview_generation = 0
        self._import_job: Job[Any] | None = None
        self._command: JournalCommand | None = None
        self._close_when_idle = False

        self.source_page = SourcePage(self)
        self.mapping_page = MappingPage(self)
        self.options_page = OptionsPage(self)
        self.check_page = CheckPage(self)
        self.result_page = ResultPage(self)
        for page in (
            self.source_page,
            self.mapping_page,
            self.options_page,
            self.check_page,
            self.result_page,
        ):
            self.addPage(page)
        self.source_page.set_object_type(object_type)
        record_actions.undo_stack.indexChanged.connect(self._undo_stack_moved)

    # --- jobs -------------------------------------------------------------------------------
    def _job(self, fn: Callable[[Progress], T], label: str) -> Job[T]:
        return Job(
            fn, parent=self, label=label, runner=self.runner, show_dialog_after_ms=NO_DIALOG_MS
        )

    def _alive(self) -> bool:
        return shiboken6.isValid(self)

    def object_type(self) -> str:
        return self.mapping.object_type if self.mapping else self.source_page.object_type()

    def source_name(self) -> str:
        return self.preview.info.name if self.preview else ""

    def read_spec(self) -> SourceSpec:
        """The file as the preview read it: later steps do not detect again."""
        assert self.preview is not None
        assert self.source_path is not None
        info = self.preview.info
        return SourceSpec(self.source_path, info.encoding, info.delimiter, info.sheet)

    def field_labels(self) -> dict[str, str]:
        return {f.key: field_label(f) for f in self.preview.fields} if self.preview else {}

    def import_options(self) -> ImportOptions:
        assert self.mapping is not None
        page = self.options_page
        return ImportOptions(
            self.mapping.object_type,
            self.mapping,
            locale=LOCALES[page.locale_name()],
            on_duplicate=page.policy(),
            skip_invalid_rows=page.skip_invalid_rows(),
            fixes=dict(self.fixes),
            save_mapping_as=self.mapping_page.save_name(),
            label=self.tr("Import {name}").format(name=self.source_name()),
        )

    # --- 1. preview -------------------------------------------------------------------------
    def start_preview(
        self,
        path: Path,
        object_type: str,
        encoding: str | None,
        delimiter: str | None,
        sheet: str | None,
    ) -> Job[Any]:
        """Read the first rows; a newer preview makes an older one's result moot."""
        self._preview_generation += 1
        generation = self._preview_generation
        self.preview = None
        spec = SourceSpec(path, encoding, delimiter, sheet)
        db = self.db

        def run(progress: Progress) -> tuple[ImportPreview | None, str | None]:
            try:
                with db.read_session() as session:
                    found = preview(session, spec, object_type)
            except EXPECTED as error:
                return None, str(error)
            if not found.rows:
                return None, translate(
                    "ImportWizard", "{name} has a header row but no data rows to import."
                ).format(name=path.name)
            return found, None

        def done(outcome: tuple[ImportPreview | None, str | None]) -> None:
            if not self._alive() or generation != self._preview_generation:
                return
            found, error = outcome
            if job.progress.cancelled:  # reading a file cannot stop midway: its end is moot
                found, error = None, self.tr("Reading the file was cancelled.")
            self.preview = found
            self.source_path = path if found else None
            self.mapping = found.mapping if found else None
            self.fixes = {}
            self.check = None
            self.source_page.show_preview(found, error)
            self.sig_previewed.emit()

        job = self._job(run, self.tr("Reading {name}").format(name=path.name))
        job.on_success(done)
        job.on_finished(lambda outcome: self._job_ended())
        self.source_page.strip.follow(job, self.tr("Reading the file"))
        return job.start()

    # --- 2. mapping -------------------------------------------------------------------------
    def read_mapping_names(self) -> Job[list[str]]:
        """The mappings saved under a name for this object, for the mapping page."""
        db, object_type = self.db, self.object_type()

        def run(progress: Progress) -> list[str]:
            with db.read_session() as session:
                return mapping_names(session, object_type)

        def done(names: list[str]) -> None:
            if self._alive():
                self.mapping_page.show_names(names)

        job = self._job(run, self.tr("Reading the saved mappings"))
        job.on_success(done)
        return job.start()

    def use_named_mapping(self, name: str) -> Job[FieldMapping | None]:
        """Map the columns as the mapping saved under `name` does (matched by column name,
        so a file with its columns in another order or extra ones still fits)."""
        assert self.preview is not None
        db, object_type, header = self.db, self.object_type(), self.preview.header

        def run(progress: Progress) -> FieldMapping | None:
            with db.read_session() as session:
                named = named_mapping(session, object_type, name)
            return None if named is None else fit_mapping(named, header)

        def done(mapping: FieldMapping | None) -> None:
            if self._alive() and mapping is not None:
                self.mapping = mapping
                self.mapping_page.show_named(name)

        job = self._job(run, self.tr("Reading the saved mappings"))
        job.on_success(done)
        return job.start()

    # --- 4. check ---------------------------------------------------------------------------
    def start_check(self) -> Job[Any]:
        """The dry run, then the cells of the rows with problems."""
        spec, options, db = self.read_spec(), self.import_options(), self.db
        self.check = None

        def run(progress: Progress) -> tuple[CheckResult | None, str | None]:
            try:
                report = run_import(db, spec, options, progress=progress, dry_run=True)
                cells = rows_numbered(spec, {i.row for i in report.issues}, progress)
            except EXPECTED as error:
                return None, str(error)
            return CheckResult(report, cells), None

        def done(outcome: tuple[CheckResult | None, str | None]) -> None:
            if not self._alive():
                return
            self.check, error = outcome
            self.check_page.show_check(self.check, error)
            self.sig_checked.emit()

        def cancelled() -> None:
            if self._alive():
                self.check_page.show_check(None, None)
                self.sig_checked.emit()

        job = self._job(run, self.tr("Checking {name}").format(name=self.source_name()))
        job.on_success(done).on_cancel(cancelled)
        job.on_finished(lambda outcome: self._job_ended())
        return job.start()

    @Slot(int, int, str)
    def fix_cell(self, row: int, column: int, text: str) -> None:
        """A value typed in the report: kept for the import, and its row checked again."""
        check, preview_ = self.check, self.preview
        if check is None or preview_ is None:
            return
        self.fixes[(row, column)] = text
        cells = check.cells.get(row)
        if cells is not None:
            issues = check_row(self.import_options(), preview_.fields, row, cells)
            fixes = {c: t for (r, c), t in self.fixes.items() if r == row}
            self.check_page.issues_model.update_row(row, fixes, issues)
        self.check_page.show_fixed()

    # --- 5. import --------------------------------------------------------------------------
    def start_import(self) -> Job[Any]:
        spec, options, db = self.read_spec(), self.import_options(), self.db
        self.report = None

        def run(progress: Progress) -> tuple[ImportReport | None, str | None]:
            try:
                return run_import(db, spec, options, progress=progress), None
            except EXPECTED as error:
                return None, str(error)

        def done(outcome: tuple[ImportReport | None, str | None]) -> None:
            if not self._alive():
                return
            report, error = outcome
            if report is None:
                self.result_page.show_cancelled(
                    self.tr("Nothing was imported: {reason}").format(reason=error)
                )
                return
            self.report = report
            if report.committed and report.operation_id:
                self.record_actions.push(report.operation_id, options.label or report.file)
                command = self.record_actions.undo_stack.command(
                    self.record_actions.undo_stack.index() - 1
                )
                self._command = command if isinstance(command, JournalCommand) else None
                self.sig_imported.emit(report.object_type)
            self.result_page.show_report(report)

        def cancelled() -> None:
            if self._alive():
                self.result_page.show_cancelled(None)

        job = self._job(run, self.tr("Importing {name}").format(name=self.source_name()))
        job.on_success(done).on_cancel(cancelled)
        job.on_finished(self._import_finished)
        self._import_job = job
        return job.start()

    def _import_finished(self, outcome: object) -> None:
        if self._alive():
            self.sig_import_ended.emit(str(getattr(outcome, "value", outcome)))
            self._job_ended()

    def cancel_import(self) -> None:
        self.result_page.strip.cancel()

    # --- after the import -------------------------------------------------------------------
    @Slot()
    def undo_import(self) -> None:
        """Undo through the main window's undo stack (the import is its last command while
        the wizard is open), so Edit → Redo can bring it back."""
        stack, command = self.record_actions.undo_stack, self._command
        if command is None or stack.index() == 0:
            return
        if stack.command(stack.index() - 1) is command:
            stack.undo()

    def _undo_stack_moved(self, index: int) -> None:
        command = self._command
        stack = self.record_actions.undo_stack
        if command is None or not self._alive() or not shiboken6.isValid(stack):
            return
        position = next((i for i in range(stack.count()) if stack.command(i) is command), None)
        self.result_page.show_undone(position is None or index <= position)

    @Slot()
    def open_imported_list(self) -> None:
        object_type = self.object_type()
        self.accept()
        self.sig_open_list.emit(object_type)

    @Slot()
    def ask_issues_csv(self) -> None:
        report = self.report or (self.check.report if self.check else None)
        if report is None:
            return
        folder = self.settings.value("import/folder")
        start = Path(folder if isinstance(folder, str) and folder else QDir.homePath())
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the issues"),
            str(start / self.tr("{name} - issues.csv").format(name=Path(report.file).stem)),
            self.tr("CSV files (*.csv)"),
        )
        if name:
            self.write_issues(Path(name))

    def write_issues(self, path: Path) -> Path | None:
        """The report's issues (the commit's, else the check's) as a CSV."""
        report = self.report or (self.check.report if self.check else None)
        if report is None:
            return None
        try:
            written = report.write_issues_csv(path)
        except OSError as error:
            QMessageBox.warning(self, self.tr("Export the issues"), str(error))
            return None
        self.result_page.note_label.setText(
            self.tr("The issues are listed in {path}.").format(path=written)
        )
        return written

    # --- closing ----------------------------------------------------------------------------
    def running_jobs(self) -> bool:
        return any(
            page.strip.running() for page in (self.source_page, self.check_page, self.result_page)
        )

    def reject(self) -> None:
        """Cancel (or Escape, or closing the window): a running step is cancelled first,
        and the wizard closes when it has ended (an import rolled back whole)."""
        if self.running_jobs():
            for page in (self.source_page, self.check_page, self.result_page):
                page.strip.cancel()
            self._close_when_idle = True
            return
        super().reject()

    def _job_ended(self) -> None:
        if self._close_when_idle and not self.running_jobs():
            self._close_when_idle = False
            super().reject()
