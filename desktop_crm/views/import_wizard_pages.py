"""The first three pages of the import wizard: the file (with its preview), the mapping of
its columns to fields, and the options of the import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QLocale, QMimeData, QModelIndex, Qt, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from desktop_crm.services.import_mapping import IMPORTABLE_OBJECTS
from desktop_crm.services.import_parsing import cell_text
from desktop_crm.services.importing import DuplicatePolicy, ImportPreview, mapping_problems
from desktop_crm.views.import_wizard_parts import (
    DELIMITERS,
    ENCODINGS,
    FieldDelegate,
    JobStrip,
    MappingModel,
    RowsModel,
    delimiter_label,
    encoding_label,
    encoding_reason,
    error_palette,
    field_label,
    number,
)
from desktop_crm.views.overview_page import object_label

if TYPE_CHECKING:
    from desktop_crm.views.import_wizard import ImportWizard

#: Sample values shown per column on the mapping page.
SAMPLES = 3
#: Formats of the file chooser, as (filter label, patterns).
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


class SourcePage(QWizardPage):
    """The file and the object; its first rows as read, with the encoding, delimiter or
    sheet to change. Next stays off until the file reads."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Choose the file to import"))
        self.setSubTitle(
            self.tr(
                "A CSV, Excel (.xlsx) or vCard (.vcf) file. Its first rows are shown as they "
                "will be read: if the accents or the columns look wrong, change the encoding "
                "or the delimiter."
            )
        )
        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText(self.tr("No file chosen"))
        self.file_edit.setAccessibleName(self.tr("File to import"))
        self.file_edit.editingFinished.connect(self._typed_path)
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.clicked.connect(self.browse)
        self.object_combo = QComboBox()
        for object_type in IMPORTABLE_OBJECTS:
            self.object_combo.addItem(object_label(object_type), object_type)
        self.object_combo.currentIndexChanged.connect(self._object_changed)
        self.encoding_combo = QComboBox()
        self.encoding_combo.addItem(self.tr("Detect"), None)
        for name in ENCODINGS:
            self.encoding_combo.addItem(encoding_label(name), name)
        self.delimiter_combo = QComboBox()
        self.delimiter_combo.addItem(self.tr("Detect"), None)
        for delimiter in DELIMITERS:
            self.delimiter_combo.addItem(delimiter_label(delimiter), delimiter)
        self.sheet_combo = QComboBox()
        for combo in (self.encoding_combo, self.delimiter_combo):
            combo.currentIndexChanged.connect(self.reload)
        self.sheet_combo.currentIndexChanged.connect(self._sheet_changed)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        error_palette(self.error_label)
        self.error_label.setVisible(False)
        self.preview_model = RowsModel(self)
        self.preview_table = QTableView()
        self.preview_table.setModel(self.preview_model)
        self.preview_table.setWordWrap(False)
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.horizontalHeader().setStretchLastSection(True)
        self.strip = JobStrip()
        self._loading = False

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        form = QFormLayout()
        file_caption = QLabel(self.tr("&File:"))
        file_caption.setBuddy(self.file_edit)
        form.addRow(file_caption, file_row)
        form.addRow(self.tr("&Import as:"), self.object_combo)
        reading = QHBoxLayout()
        self.encoding_caption = QLabel(self.tr("&Encoding:"))
        self.encoding_caption.setBuddy(self.encoding_combo)
        self.delimiter_caption = QLabel(self.tr("&Delimiter:"))
        self.delimiter_caption.setBuddy(self.delimiter_combo)
        self.sheet_caption = QLabel(self.tr("&Sheet:"))
        self.sheet_caption.setBuddy(self.sheet_combo)
        for caption, combo in (
            (self.encoding_caption, self.encoding_combo),
            (self.delimiter_caption, self.delimiter_combo),
            (self.sheet_caption, self.sheet_combo),
        ):
            reading.addWidget(caption)
            reading.addWidget(combo)
            reading.addSpacing(12)
        reading.addStretch(1)
        form.addRow(reading)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.info_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.strip)
        layout.addWidget(self.preview_table, 1)
        self._show_reading_choices()
        self.setAcceptDrops(True)

    # --- choosing ---------------------------------------------------------------------------
    def object_type(self) -> str:
        return str(self.object_combo.currentData())

    def set_object_type(self, object_type: str) -> None:
        index = self.object_combo.findData(object_type)
        if index >= 0:
            self.object_combo.setCurrentIndex(index)

    def path(self) -> Path | None:
        text = self.file_edit.text().strip()
        return Path(text).expanduser() if text else None

    def set_path(self, path: Path) -> None:
        """A new file: its encoding, delimiter and sheet are detected again."""
        self.file_edit.setText(str(path))
        self.wiz.settings.setValue("import/folder", str(path.parent))
        for combo in (self.encoding_combo, self.delimiter_combo, self.sheet_combo):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.blockSignals(False)
        self._show_reading_choices()
        self.reload()

    def set_encoding(self, encoding: str | None) -> None:
        self.encoding_combo.setCurrentIndex(max(0, self.encoding_combo.findData(encoding)))

    def set_delimiter(self, delimiter: str | None) -> None:
        self.delimiter_combo.setCurrentIndex(max(0, self.delimiter_combo.findData(delimiter)))

    def set_sheet(self, sheet: str) -> None:
        self.sheet_combo.setCurrentIndex(self.sheet_combo.findText(sheet))

    @Slot()
    def browse(self) -> None:
        folder = self.wiz.settings.value("import/folder")
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a file"),
            folder if isinstance(folder, str) and folder else QDir.homePath(),
            self.tr(
                "Files to import (*.csv *.txt *.tsv *.xlsx *.xlsm *.vcf);;CSV files (*.csv "
                "*.txt *.tsv);;Excel workbooks (*.xlsx *.xlsm);;vCard files (*.vcf);;All "
                "files (*)"
            ),
        )
        if name:
            self.set_path(Path(name))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A file dropped on the page is chosen, as with Browse…"""
        path = dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.set_path(path)

    def _typed_path(self) -> None:
        path = self.path()
        if path is not None and path != self.wiz.source_path:
            self.set_path(path)

    def _object_changed(self) -> None:
        if self.path() is not None:
            self.reload()

    def _sheet_changed(self) -> None:
        if self.sheet_combo.currentIndex() >= 0:
            self.reload()

    def _show_reading_choices(self) -> None:
        path = self.path()
        suffix = path.suffix.lower() if path else ""
        is_csv, is_xlsx = suffix in CSV_SUFFIXES, suffix in XLSX_SUFFIXES
        for widget in (
            self.encoding_caption,
            self.encoding_combo,
            self.delimiter_caption,
            self.delimiter_combo,
        ):
            widget.setVisible(is_csv or not suffix)
            widget.setEnabled(is_csv)
        self.sheet_caption.setVisible(is_xlsx)
        self.sheet_combo.setVisible(is_xlsx)

    # --- previewing -------------------------------------------------------------------------
    @Slot()
    def reload(self) -> None:
        path = self.path()
        if path is None:
            return
        sheet = self.sheet_combo.currentText() if self.sheet_combo.count() else None
        self._loading = True
        self.completeChanged.emit()
        self.info_label.setText(self.tr("Reading {name}…").format(name=path.name))
        self.wiz.start_preview(
            path,
            self.object_type(),
            self.encoding_combo.currentData(),
            self.delimiter_combo.currentData(),
            sheet or None,
        )

    def show_preview(self, preview: ImportPreview | None, error: str | None) -> None:
        """The outcome of a preview job: the rows, or the sentence saying why not."""
        self._loading = False
        self.error_label.setVisible(error is not None)
        self.error_label.setText(error or "")
        if preview is None:
            self.preview_model.set_rows((), ())
            self.info_label.clear()
        else:
            self.preview_model.set_rows(
                preview.header, [r.cells for r in preview.rows], [r.number for r in preview.rows]
            )
            self.info_label.setText(self._describe(preview))
            self._fill_sheets(preview.info.sheets, preview.info.sheet)
            header = self.preview_table.horizontalHeader()
            header.setStretchLastSection(False)
            self.preview_table.resizeColumnsToContents()
            for column in range(self.preview_model.columnCount()):
                header.resizeSection(column, min(header.sectionSize(column) + 8, 260))
            header.setStretchLastSection(True)
        self._show_reading_choices()
        self.completeChanged.emit()

    def _fill_sheets(self, sheets: tuple[str, ...], current: str | None) -> None:
        if tuple(self.sheet_combo.itemText(i) for i in range(self.sheet_combo.count())) == sheets:
            return
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(sheets))
        if current:
            self.sheet_combo.setCurrentText(current)
        self.sheet_combo.blockSignals(False)

    def _describe(self, preview: ImportPreview) -> str:
        info = preview.info
        shown = number(len(preview.rows))
        if info.format == "csv" and info.encoding:
            return self.tr(
                "Read as {encoding}: {reason}. Columns separated by {delimiter}. The first "
                "{rows} rows:"
            ).format(
                encoding=encoding_label(info.encoding),
                reason=encoding_reason(info.encoding_reason),
                delimiter=delimiter_label(info.delimiter or ",").lower(),
                rows=shown,
            )
        if info.format == "xlsx":
            return self.tr(
                "Excel workbook, sheet “{sheet}” ({count} sheets). The first {rows} rows:"
            ).format(sheet=info.sheet or "", count=number(len(info.sheets)), rows=shown)
        return self.tr("vCard file. The first {rows} cards:").format(rows=shown)

    def isComplete(self) -> bool:
        return not self._loading and self.wiz.preview is not None


class MappingPage(QWizardPage):
    """One row per column of the file: its name, sample values and the field it goes to."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Match the columns to fields"))
        self.setSubTitle(
            self.tr(
                "Choose the field each column goes to, or leave it out. A field takes one column."
            )
        )
        self.origin_label = QLabel()
        self.origin_label.setWordWrap(True)
        self.named_caption = QLabel(self.tr("Use a saved &mapping:"))
        self.named_combo = QComboBox()
        self.named_caption.setBuddy(self.named_combo)
        self.named_combo.activated.connect(self._named_chosen)
        self.model = MappingModel(self)
        self.model.sig_target.connect(lambda column, key: self.set_target(column, key or None))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(MappingModel.TARGET, FieldDelegate(self.table))
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # One click on a field opens its list; F2 or Enter from the keyboard (arrows still
        # move between rows, they do not change fields on the way).
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.clicked.connect(self._clicked)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MappingModel.SAMPLES, QHeaderView.ResizeMode.Stretch)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        error_palette(self.problems_label)
        self.save_check = QCheckBox(self.tr("Save this mapping under the name:"))
        self.name_edit = QLineEdit()
        self.name_edit.setEnabled(False)
        self.name_edit.setPlaceholderText(self.tr("e.g. Trade show contacts"))
        self.save_check.toggled.connect(self.name_edit.setEnabled)
        self.save_check.toggled.connect(lambda on: on and self.name_edit.setFocus())
        self._built_for: ImportPreview | None = None
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_check)
        save_row.addWidget(self.name_edit, 1)
        top = QHBoxLayout()
        top.addWidget(self.origin_label, 1)
        top.addWidget(self.named_caption)
        top.addWidget(self.named_combo)
        self.show_names([])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems_label)
        layout.addLayout(save_row)

    def initializePage(self) -> None:
        preview = self.wiz.preview
        if preview is None or preview is self._built_for:
            return
        self._built_for = preview
        origins = {
            "saved": self.tr("The mapping saved for these columns is used."),
            "suggested": self.tr("Suggested from the column names: check it."),
        }
        self.origin_label.setText(origins.get(preview.mapping_origin, ""))
        samples = []
        for column in range(len(preview.header)):
            found: list[str] = []
            for row in preview.rows:
                text = cell_text(row.cells[column]) if column < len(row.cells) else ""
                if text and text not in found:
                    found.append(text)
                if len(found) >= SAMPLES:
                    break
            samples.append("  ·  ".join(found))
        self.model.set_mapping(preview.header, samples, preview.fields)
        self.wiz.read_mapping_names()
        header = self.table.horizontalHeader()
        self.table.resizeColumnToContents(MappingModel.HEADER)
        header.resizeSection(
            MappingModel.HEADER, min(header.sectionSize(MappingModel.HEADER) + 16, 280)
        )
        widest = max((len(t) for t in self.model.texts.values()), default=20)
        header.resizeSection(
            MappingModel.TARGET,
            min(self.fontMetrics().averageCharWidth() * widest + 60, 360),
        )
        self._show_mapping()

    def show_names(self, names: list[str]) -> None:
        """The mappings saved under a name, offered above the table (hidden when none)."""
        self.named_combo.clear()
        self.named_combo.addItem(self.tr("Choose…"), None)
        for name in names:
            self.named_combo.addItem(name, name)
        self.named_caption.setVisible(bool(names))
        self.named_combo.setVisible(bool(names))

    def use_named(self, name: str) -> None:
        self.named_combo.setCurrentIndex(max(0, self.named_combo.findData(name)))
        self._named_chosen()

    def _named_chosen(self) -> None:
        name = self.named_combo.currentData()
        if isinstance(name, str):
            self.wiz.use_named_mapping(name)

    def show_named(self, name: str) -> None:
        self.origin_label.setText(
            self.tr("The mapping saved as “{name}” is used.").format(name=name)
        )
        self._show_mapping()

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == MappingModel.TARGET:
            self.table.edit(index)

    def set_target(self, column: int, field_key: str | None) -> None:
        """Send a column to a field (None: leave it out), as choosing in its cell does."""
        mapping = self.wiz.mapping
        if mapping is None or mapping.targets[column] == field_key:
            return
        self.wiz.mapping = mapping.with_target(column, field_key)
        self.origin_label.setText(self.tr("Changed by you."))
        self._show_mapping()

    def target_text(self, column: int) -> str:
        return str(self.model.data(self.model.index(column, MappingModel.TARGET)))

    def _show_mapping(self) -> None:
        mapping = self.wiz.mapping
        if mapping is None:
            return
        self.model.set_targets(mapping.targets)
        self.problems_label.setText("\n".join(self.problems()))
        self.completeChanged.emit()

    def problems(self) -> list[str]:
        """What blocks the import, in the interface's language."""
        preview, mapping = self.wiz.preview, self.wiz.mapping
        if preview is None or mapping is None:
            return []
        shown = [
            self.tr("No column goes to {field}, which is required.").format(field=field_label(spec))
            for spec in preview.fields
            if spec.required and spec.key not in mapping.targets
        ]
        if not shown:
            shown = mapping_problems(mapping, preview.fields)
        return shown

    def save_name(self) -> str | None:
        name = self.name_edit.text().strip()
        return name if self.save_check.isChecked() and name else None

    def isComplete(self) -> bool:
        preview, mapping = self.wiz.preview, self.wiz.mapping
        return (
            preview is not None
            and mapping is not None
            and not mapping_problems(mapping, preview.fields)
        )


class OptionsPage(QWizardPage):
    """How values are read, what a duplicate does, what rows with errors do."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Options"))
        self.setSubTitle(self.tr("How the values are read and what happens to existing records."))
        self.locale_combo = QComboBox()
        self.locale_combo.addItem(self.tr("French: 1 234,50 and 31/12/2024 (day first)"), "fr")
        self.locale_combo.addItem(self.tr("English (UK): 1,234.50 and 31/12/2024"), "en")
        self.locale_combo.addItem(self.tr("English (US): 1,234.50 and 12/31/2024"), "en_US")
        self.locale_combo.setCurrentIndex(self.locale_combo.findData(default_locale()))
        locale_box = QGroupBox(self.tr("Numbers and dates"))
        locale_form = QFormLayout(locale_box)
        locale_form.addRow(self.tr("&Written as:"), self.locale_combo)

        self.policy_group = QButtonGroup(self)
        duplicate_box = QGroupBox(self.tr("When a row matches an existing record"))
        duplicate_layout = QVBoxLayout(duplicate_box)
        policies = (
            (
                DuplicatePolicy.SKIP,
                self.tr("&Skip the row"),
                self.tr("The existing record stays as it is; the row is not imported."),
            ),
            (
                DuplicatePolicy.UPDATE_EMPTY,
                self.tr("&Fill in the empty fields"),
                self.tr(
                    "The row's values go into the fields the existing record leaves empty; "
                    "what it holds is kept."
                ),
            ),
            (
                DuplicatePolicy.OVERWRITE,
                self.tr("&Overwrite"),
                self.tr("The row's non-empty values replace the existing record's."),
            ),
            (
                DuplicatePolicy.CREATE,
                self.tr("&Create a new record anyway"),
                self.tr("The match is ignored: you may have two records for one."),
            ),
        )
        self.policy_buttons: dict[DuplicatePolicy, QRadioButton] = {}
        for policy, text, explanation in policies:
            button = QRadioButton(text)
            self.policy_group.addButton(button)
            self.policy_buttons[policy] = button
            note = QLabel(explanation)
            note.setWordWrap(True)
            note.setContentsMargins(24, 0, 0, 4)
            duplicate_layout.addWidget(button)
            duplicate_layout.addWidget(note)
        self.policy_buttons[DuplicatePolicy.SKIP].setChecked(True)
        duplicate_layout.addWidget(
            _note(
                self.tr(
                    "A match is the same e-mail, SIREN or phone, or a similar name at the "
                    "same company; the check lists every match before anything is written."
                )
            )
        )

        errors_box = QGroupBox(self.tr("Rows with errors"))
        errors_layout = QVBoxLayout(errors_box)
        self.skip_errors_radio = QRadioButton(self.tr("&Leave them out and import the other rows"))
        self.refuse_radio = QRadioButton(self.tr("&Import nothing while any row has an error"))
        self.skip_errors_radio.setChecked(True)
        errors_layout.addWidget(self.skip_errors_radio)
        errors_layout.addWidget(self.refuse_radio)
        errors_layout.addWidget(
            _note(self.tr("The next page lists the errors; you can correct them there."))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(locale_box)
        layout.addWidget(duplicate_box)
        layout.addWidget(errors_box)
        layout.addStretch(1)

    def locale_name(self) -> str:
        return str(self.locale_combo.currentData())

    def set_locale(self, name: str) -> None:
        self.locale_combo.setCurrentIndex(max(0, self.locale_combo.findData(name)))

    def policy(self) -> DuplicatePolicy:
        for policy, button in self.policy_buttons.items():
            if button.isChecked():
                return policy
        return DuplicatePolicy.SKIP

    def set_policy(self, policy: DuplicatePolicy) -> None:
        self.policy_buttons[policy].setChecked(True)

    def skip_invalid_rows(self) -> bool:
        return self.skip_errors_radio.isChecked()


def dropped_file(mime: QMimeData) -> Path | None:
    urls = [u for u in mime.urls() if u.isLocalFile()]
    return Path(urls[0].toLocalFile()) if len(urls) == 1 else None


def default_locale() -> str:
    """French unless the user's locale is English; American dates in the US."""
    locale = QLocale()
    if locale.language() == QLocale.Language.English:
        return "en_US" if locale.territory() == QLocale.Country.UnitedStates else "en"
    return "fr"


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(
        label.foregroundRole(), palette.color(palette.ColorGroup.Disabled, label.foregroundRole())
    )
    label.setPalette(palette)
    return label
