"""Export from an object list: the list as shown (filters, sort, chosen columns) or its
selected rows, to CSV, Excel or vCard, chosen in a save dialog and run as a Job.

The substance is `services/exporting.py`; this module only turns the view's state into an
`ExportRequest`, asks for the file, and reports the outcome in the status bar.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDir, QLocale, QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QToolButton, QWidget

from desktop_crm.services.exporting import (
    ExportError,
    ExportFormat,
    ExportReport,
    ExportRequest,
    export,
)
from desktop_crm.services.progress import Progress
from desktop_crm.views.overview_page import object_label
from desktop_crm.widgets.job import Job, JobRunner

if TYPE_CHECKING:
    from desktop_crm.views.record_list_view import RecordListView

translate = QCoreApplication.translate

STATUS_TIMEOUT_MS = 10_000
#: Name filter of the save dialog per format, in the order offered.
FORMATS = (ExportFormat.XLSX, ExportFormat.CSV, ExportFormat.VCARD)


def filter_text(fmt: ExportFormat) -> str:
    names = {
        ExportFormat.CSV: translate("ListExport", "CSV for Excel (*.csv)"),
        ExportFormat.XLSX: translate("ListExport", "Excel workbook (*.xlsx)"),
        ExportFormat.VCARD: translate("ListExport", "vCard address book (*.vcf)"),
    }
    return names[fmt]


def formats_for(object_type: str) -> tuple[ExportFormat, ...]:
    return tuple(f for f in FORMATS if f is not ExportFormat.VCARD or object_type == "contact")


def selected_rowids(list_view: RecordListView) -> list[int]:
    """The selected rows' rowids in list order, from the selection's ranges (a million
    selected rows are a few ranges, not a million indexes)."""
    rows: set[int] = set()
    selection = list_view.table.selectionModel().selection()
    for index in range(selection.count()):
        selected = selection.at(index)
        rows.update(range(selected.top(), selected.bottom() + 1))
    ids = list_view.model.rowids
    return [ids[row] for row in sorted(rows) if 0 <= row < len(ids)]


def export_request(list_view: RecordListView, *, selection: bool) -> ExportRequest:
    model = list_view.model
    headers = tuple(QCoreApplication.translate("Columns", c.label) for c in model.columns)
    rowids = tuple(selected_rowids(list_view)) if selection else None
    return ExportRequest(
        model.query,
        model.columns,
        custom_columns=tuple(model.custom_columns),
        rowids=rowids,
        headers=headers,
        currency_header=translate("ListExport", "{label} currency"),
        sheet_title=object_label(list_view.object_type),
    )


def csv_locale() -> str:
    """French separators when the user's locale is French, as Excel there expects."""
    return "fr" if QLocale().language() == QLocale.Language.French else "en"


def save_dialog(list_view: RecordListView, parent: QWidget, *, selection: bool) -> QFileDialog:
    """The save dialog, its filters the formats this object can be exported to, opened in
    the folder of the last export."""
    objects = object_label(list_view.object_type)
    title = (
        translate("ListExport", "Export selected {objects}")
        if selection
        else translate("ListExport", "Export {objects}")
    )
    dialog = QFileDialog(parent, title.format(objects=objects.lower()))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    formats = formats_for(list_view.object_type)
    dialog.setNameFilters([filter_text(f) for f in formats])
    folder = list_view.settings.value("export/folder")
    dialog.setDirectory(folder if isinstance(folder, str) and folder else QDir.homePath())
    dialog.setDefaultSuffix(formats[0].value)
    stem = f"{objects} {date.today().isoformat()}"
    dialog.selectFile(f"{stem}.{formats[0].value}")
    dialog.filterSelected.connect(
        lambda name: _follow_filter(dialog, stem, formats, name)  # the extension follows
    )
    return dialog


def _follow_filter(
    dialog: QFileDialog, stem: str, formats: tuple[ExportFormat, ...], name: str
) -> None:
    for fmt in formats:
        if filter_text(fmt) == name:
            dialog.setDefaultSuffix(fmt.value)
            dialog.selectFile(f"{stem}.{fmt.value}")


def chosen_format(dialog: QFileDialog, path: Path) -> ExportFormat:
    """The extension typed wins; else the filter chosen."""
    suffix = path.suffix.lower().lstrip(".")
    for fmt in FORMATS:
        if suffix == fmt.value:
            return fmt
    for fmt in FORMATS:
        if filter_text(fmt) == dialog.selectedNameFilter():
            return fmt
    return ExportFormat.CSV


def exported_message(report: ExportReport, objects: str) -> str:
    if report.rows == 0:
        text = QCoreApplication.translate(
            "ListExport", "Exported no {objects}, only the header row, to {path}."
        )
    elif report.rows == 1:
        text = QCoreApplication.translate(
            "ListExport", "Exported one record of the {objects} to {path}."
        )
    else:
        text = translate("ListExport", "Exported {count} {objects} to {path}.")
    return text.format(count=QLocale().toString(report.rows), objects=objects, path=report.path)


def start_export(
    list_view: RecordListView,
    path: Path,
    fmt: ExportFormat,
    *,
    selection: bool,
    parent: QWidget,
    runner: JobRunner | None = None,
) -> Job[ExportReport]:
    """Run the export on the database worker; the status bar says how many rows went
    where. A refused export (vCard of accounts, unwritable folder, full disk) gets a
    message box, and leaves no file."""
    request = export_request(list_view, selection=selection)
    db = list_view.db
    locale = csv_locale()
    list_view.settings.setValue("export/folder", str(path.parent))

    def run(progress: Progress) -> ExportReport:
        return export(db.read_session, request, path, fmt, locale=locale, progress=progress)

    objects = object_label(list_view.object_type).lower()

    def done(report: ExportReport) -> None:
        window = parent.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(exported_message(report, objects), STATUS_TIMEOUT_MS)

    job = Job(
        run,
        parent=parent,
        label=translate("ListExport", "Exporting {objects}").format(objects=objects),
        runner=runner,
        refusals=(ExportError, OSError),
    )
    return job.on_success(done).start()


class ExportActions(QObject):
    """The list's "Export…" button (export the list; its menu also offers the selection);
    the list's row menu offers the same two actions."""

    def __init__(self, list_view: RecordListView) -> None:
        super().__init__(list_view)
        self.list_view = list_view
        self.export_list_action = QAction(translate("ListExport", "Export list…"), list_view)
        self.export_list_action.setToolTip(
            QCoreApplication.translate(
                "ListExport", "Write the list as shown to a CSV, Excel or vCard file"
            )
        )
        self.export_list_action.triggered.connect(lambda: self.ask(selection=False))
        self.export_selection_action = QAction(
            translate("ListExport", "Export selection…"), list_view
        )
        self.export_selection_action.setEnabled(False)
        self.export_selection_action.triggered.connect(lambda: self.ask(selection=True))
        menu = QMenu(list_view)
        menu.addAction(self.export_list_action)
        menu.addAction(self.export_selection_action)
        self.button = QToolButton()
        self.button.setText(translate("ListExport", "Export…"))
        self.button.setToolTip(self.export_list_action.toolTip())
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.button.clicked.connect(self.export_list_action.trigger)
        list_view.table.selectionModel().selectionChanged.connect(self._selection_changed)
        #: The save dialog while it is open, for tests and screenshots.
        self.dialog: QFileDialog | None = None

    @Slot()
    def _selection_changed(self) -> None:
        self.export_selection_action.setEnabled(
            self.list_view.table.selectionModel().hasSelection()
        )

    def ask(self, *, selection: bool) -> QFileDialog:
        """Open the save dialog (window-modal); the export starts when a file is chosen."""
        dialog = save_dialog(self.list_view, self.list_view, selection=selection)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(
            lambda name: self.export_to(Path(name), chosen_format(dialog, Path(name)), selection)
        )
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def export_to(
        self, path: Path, fmt: ExportFormat, selection: bool = False
    ) -> Job[ExportReport]:
        view = self.list_view
        return start_export(
            view, path, fmt, selection=selection, parent=view, runner=view.model.runner
        )
