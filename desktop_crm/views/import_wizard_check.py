"""The last two pages of the import wizard: the check (a dry run: what would be created,
updated, skipped, the problems to correct in place, the duplicates matched) and the import
itself with its summary, the issues to export and the undo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_crm.services.importing import ImportReport
from desktop_crm.views.import_wizard_parts import (
    IssuesModel,
    JobStrip,
    RowsModel,
    duplicate_headers,
    duplicate_rows,
    error_palette,
    number,
)
from desktop_crm.views.overview_page import object_label

if TYPE_CHECKING:
    from desktop_crm.views.import_wizard import CheckResult, ImportWizard


def _table(model: IssuesModel | RowsModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class CheckPage(QWizardPage):
    """The dry run: every row read, linked and matched, nothing written."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Check before importing"))
        self.setSubTitle(
            self.tr(
                "Every row is read, linked and matched against your records; nothing is "
                "written yet. Correct a value by double-clicking it."
            )
        )
        self.setCommitPage(True)
        self.strip = JobStrip()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.blocked_label = QLabel()
        self.blocked_label.setWordWrap(True)
        error_palette(self.blocked_label)
        self.fixed_label = QLabel()
        self.fixed_label.setWordWrap(True)
        self.again_button = QPushButton(self.tr("Check &again"))
        self.again_button.clicked.connect(self.start_check)
        self.export_button = QPushButton(self.tr("E&xport the problems…"))
        self.export_button.clicked.connect(self.wiz.ask_issues_csv)
        self.issues_model = IssuesModel(self)
        self.issues_model.sig_fix.connect(self.wiz.fix_cell)
        self.issues_table = _table(self.issues_model)
        self.issues_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.duplicates_model = RowsModel(self)
        self.duplicates_table = _table(self.duplicates_model)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.issues_table, "")
        self.tabs.addTab(self.duplicates_table, "")
        self._checked = False
        buttons = QHBoxLayout()
        buttons.addWidget(self.fixed_label, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.again_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.strip)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.blocked_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        self.start_check()

    @Slot()
    def start_check(self) -> None:
        self._checked = False
        self.again_button.setEnabled(False)
        self.export_button.setEnabled(False)
        self.summary_label.setText(self.tr("Checking every row…"))
        self.blocked_label.clear()
        self.completeChanged.emit()
        job = self.wiz.start_check()
        self.strip.follow(job, self.tr("Checking"))

    def show_check(self, result: CheckResult | None, error: str | None) -> None:
        """The dry run's outcome (None when it was cancelled or failed: `error` says why)."""
        self.again_button.setEnabled(True)
        self._checked = result is not None
        if result is None:
            self.summary_label.setText(
                error or self.tr("The check was cancelled. Press Check again to run it.")
            )
            self.issues_model.set_issues((), {})
            self.duplicates_model.set_rows(duplicate_headers(), ())
            self._count_tabs(0, 0)
            self.completeChanged.emit()
            return
        report = result.report
        self.summary_label.setText(self._summary(report))
        self.issues_model.set_issues(report.issues, self.wiz.field_labels())
        self.duplicates_model.set_rows(duplicate_headers(), duplicate_rows(report.duplicates))
        self._count_tabs(report.issues_total, len(report.duplicates))
        for table in (self.issues_table, self.duplicates_table):
            header = table.horizontalHeader()
            header.setStretchLastSection(False)
            table.resizeColumnsToContents()
            for column in range(table.model().columnCount() - 1):
                header.resizeSection(column, min(header.sectionSize(column) + 12, 240))
            header.setStretchLastSection(True)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tabs.setCurrentIndex(0 if report.issues or not report.duplicates else 1)
        self.export_button.setEnabled(bool(report.issues))
        self.show_fixed()

    def _count_tabs(self, issues: int, duplicates: int) -> None:
        self.tabs.setTabText(0, self.tr("Problems ({count})").format(count=number(issues)))
        self.tabs.setTabText(
            1, self.tr("Duplicates found ({count})").format(count=number(duplicates))
        )

    def _summary(self, report: ImportReport) -> str:
        text = self.tr(
            "{rows} rows: {created} would be created, {updated} would update existing "
            "records, {skipped} skipped as duplicates, {failed} with errors."
        ).format(
            rows=number(report.rows),
            created=number(report.created),
            updated=number(report.updated),
            skipped=number(report.skipped),
            failed=number(report.failed),
        )
        linked = linked_text(report)
        if linked:
            text += " " + self.tr("Also created: {linked}.").format(linked=linked)
        if report.issues_total > len(report.issues):
            text += " " + self.tr("The first {shown} of {total} problems are listed.").format(
                shown=number(len(report.issues)), total=number(report.issues_total)
            )
        return text

    def show_fixed(self) -> None:
        """After an edit: how many problems are fixed, and whether Import may go on."""
        fixed = self.issues_model.fixed_count()
        self.fixed_label.setText(
            self.tr(
                "{count} corrected: they are used by the import. Check again to see the "
                "counts with them."
            ).format(count=number(fixed))
            if fixed
            else ""
        )
        self.blocked_label.setText(self.blocked_reason() or "")
        self.completeChanged.emit()

    def blocked_reason(self) -> str | None:
        result = self.wiz.check
        if not self._checked or result is None:
            return None
        report = result.report
        edited = bool(self.wiz.fixes)
        if report.refused and not edited:
            return self.tr(
                "Some rows have errors and the options say to import nothing then: correct "
                "them here, or go back and choose to leave those rows out."
            )
        if report.imported == 0 and not edited:
            return self.tr("Nothing would be imported: no row would create or update a record.")
        return None

    def isComplete(self) -> bool:
        return self._checked and not self.strip.running() and self.blocked_reason() is None


class ResultPage(QWizardPage):
    """The import, as one job; then what it did, and its undo."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Import"))
        self.setSubTitle(self.tr("The rows are written as one change, which you can undo."))
        self.strip = JobStrip()
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.counts = QWidget()
        self.counts_form = QFormLayout(self.counts)
        self.counts.setVisible(False)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.export_button = QPushButton(self.tr("E&xport the issues…"))
        self.export_button.clicked.connect(self.wiz.ask_issues_csv)
        self.undo_button = QPushButton(self.tr("&Undo this import"))
        self.undo_button.clicked.connect(self.wiz.undo_import)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.wiz.open_imported_list)
        self.retry_button = QPushButton(self.tr("&Import again"))
        self.retry_button.clicked.connect(self.start_import)
        self._done = False
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.strip)
        layout.addWidget(self.headline)
        layout.addWidget(self.counts)
        layout.addWidget(self.note_label)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        self.start_import()

    @Slot()
    def start_import(self) -> None:
        self._done = False
        for button in (self.export_button, self.undo_button, self.open_button, self.retry_button):
            button.setVisible(False)
        self.counts.setVisible(False)
        self.headline.setText(
            self.tr("Importing {name}: a backup of the database is taken first.").format(
                name=self.wiz.source_name()
            )
        )
        self.note_label.setText(
            self.tr("Cancel rolls the whole import back: nothing of it is kept.")
        )
        self.completeChanged.emit()
        job = self.wiz.start_import()
        self.strip.follow(job, self.tr("Importing"))

    def show_cancelled(self, error: str | None) -> None:
        self._done = True
        self.headline.setText(
            error or self.tr("The import was cancelled and rolled back: nothing was imported.")
        )
        self.note_label.setText(self.tr("Your records are as they were before the import."))
        self.retry_button.setVisible(True)
        self.completeChanged.emit()

    def show_report(self, report: ImportReport) -> None:
        self._done = True
        if report.refused:
            self.headline.setText(
                self.tr(
                    "Nothing was imported: {failed} of {rows} rows have errors, and the options "
                    "say to import nothing then."
                ).format(failed=number(report.failed), rows=number(report.rows))
            )
        elif report.committed:
            self.headline.setText(
                self.tr("Imported {name} in {seconds} s.").format(
                    name=report.file, seconds=self.wiz.locale().toString(report.seconds, "f", 1)
                )
            )
        else:
            self.headline.setText(
                self.tr("Nothing was imported: no row created or updated a record.")
            )
        while self.counts_form.rowCount():
            self.counts_form.removeRow(0)
        objects = object_label(report.object_type).lower()
        rows = [
            (self.tr("Created:"), self.tr("{count} {objects}").format(
                count=number(report.created), objects=objects
            )),
            (self.tr("Updated:"), number(report.updated)),
            (self.tr("Skipped as duplicates:"), number(report.skipped)),
            (self.tr("Rows with errors, left out:"), number(report.failed)),
        ]  # fmt: skip
        linked = linked_text(report)
        if linked:
            rows.append((self.tr("Linked records created:"), linked))
        if report.backup is not None:
            rows.append((self.tr("Backup taken first:"), str(report.backup)))
        for caption, value in rows:
            label = QLabel(value)
            label.setWordWrap(True)
            self.counts_form.addRow(caption, label)
        self.counts.setVisible(True)
        self.export_button.setVisible(bool(report.issues))
        self.undo_button.setVisible(report.operation_id is not None)
        self.undo_button.setEnabled(True)
        self.open_button.setVisible(report.committed)
        self.open_button.setText(self.tr("&Open the {objects}").format(objects=objects))
        # Once written, "Cancel" beside "Finish" would read as undoing the import; the
        # Undo button says that, and Finish closes.
        self.wiz.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.note_label.setText(
            self.tr("The import is one change in Edit → Undo and in the overview's recent changes.")
            if report.committed
            else ""
        )
        self.completeChanged.emit()

    def show_undone(self, undone: bool) -> None:
        self.undo_button.setEnabled(not undone)
        if undone:
            self.note_label.setText(
                self.tr(
                    "The import is undone: the records it created are gone and the fields it "
                    "updated are as before. Edit → Redo brings it back."
                )
            )

    def isComplete(self) -> bool:
        return self._done and not self.strip.running()


def linked_text(report: ImportReport) -> str:
    """The related records an import created on the way ("2 accounts")."""
    from desktop_crm.services.records import NOUNS

    parts = []
    for table, count in report.linked_created.items():
        if not count:
            continue
        object_type = {"accounts": "account", "contacts": "contact"}.get(table, table)
        one, many = NOUNS.get(object_type, (table, table))
        word = QCoreApplication.translate("Objects", one if count == 1 else many)
        parts.append(f"{number(count)} {word}")
    return ", ".join(parts)
