"""Parts the import wizard's pages share: the table models (preview rows, validation
report, matched duplicates), the inline progress strip of a job, and the words shown for
what the Qt-free import services return in English (field labels, encodings, reasons)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_crm.services.import_mapping import FieldKind, ImportField
from desktop_crm.services.import_parsing import cell_text
from desktop_crm.services.import_rows import ImportIssue
from desktop_crm.services.importing import DuplicateHit
from desktop_crm.widgets.job import BAR_STEPS, Job

translate = QCoreApplication.translate

ModelIndex = QModelIndex | QPersistentModelIndex

#: Encodings offered besides "detect" (codec names; `encoding_label` names them).
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1", "iso8859-15", "utf-16", "mac-roman")
#: Delimiters offered besides "detect".
DELIMITERS = (";", ",", "\t", "|")


def delimiter_label(delimiter: str) -> str:
    labels = {
        ";": translate("ImportWizard", "Semicolon (;)"),
        ",": translate("ImportWizard", "Comma (,)"),
        "\t": translate("ImportWizard", "Tab"),
        "|": translate("ImportWizard", "Vertical bar (|)"),
    }
    return labels.get(delimiter, delimiter)


def encoding_label(encoding: str) -> str:
    labels = {
        "utf-8": "UTF-8",
        "utf-8-sig": translate("ImportWizard", "UTF-8 with BOM"),
        "cp1252": translate("ImportWizard", "Windows Western (cp1252)"),
        "latin-1": "Latin-1 (ISO 8859-1)",
        "iso8859-15": "Latin-9 (ISO 8859-15)",
        "utf-16": "UTF-16",
        "utf-16-le": "UTF-16 LE",
        "utf-16-be": "UTF-16 BE",
        "mac-roman": "Mac Roman",
    }
    return labels.get(encoding.lower(), encoding)


def encoding_reason(reason: str | None) -> str:
    """Why the source found its encoding, in the interface's language."""
    reasons = {
        "byte order mark": translate("ImportWizard", "the file starts with a byte order mark"),
        "valid UTF-8": translate("ImportWizard", "the whole file is valid UTF-8"),
        "not UTF-8; read as Windows (cp1252)": translate(
            "ImportWizard", "the file is not UTF-8, and Windows text (as Excel saves it) fits"
        ),
        "detected": translate("ImportWizard", "guessed from the text"),
        "chosen": translate("ImportWizard", "chosen by you"),
    }
    return reasons.get(reason or "", reason or "")


def issue_reason(reason: str) -> str:
    """A validation reason of the Qt-free parsers in the interface's language (the ones
    naming values of their own stay as written)."""
    reasons = {
        "is not a valid e-mail address": translate("ImportWizard", "is not a valid e-mail address"),
        "is not a phone number": translate("ImportWizard", "is not a phone number"),
        "is not a SIREN or SIRET (9 or 14 digits, checksum)": translate(
            "ImportWizard", "is not a SIREN or SIRET (9 or 14 digits, checksum)"
        ),
        "is not a country this app knows (use a code such as FR, BE, CH)": translate(
            "ImportWizard", "is not a country this app knows (use a code such as FR, BE, CH)"
        ),
        "is negative; an amount is at least 0": translate(
            "ImportWizard", "is negative; an amount is at least 0"
        ),
        "is not between 0 and 100": translate("ImportWizard", "is not between 0 and 100"),
        "is negative": translate("ImportWizard", "is negative"),
        "is empty": translate("ImportWizard", "is empty"),
        "is not a number": translate("ImportWizard", "is not a number"),
        "is not a number (more than one decimal separator)": translate(
            "ImportWizard", "is not a number (more than one decimal separator)"
        ),
        "is not a whole number": translate("ImportWizard", "is not a whole number"),
        "is a yes/no value, not a number": translate(
            "ImportWizard", "is a yes/no value, not a number"
        ),
        "is not a date (expected for example 31/12/2024 or 2024-12-31)": translate(
            "ImportWizard", "is not a date (expected for example 31/12/2024 or 2024-12-31)"
        ),
        "is not a date that exists": translate("ImportWizard", "is not a date that exists"),
        "is not yes or no (expected oui/non, yes/no, 1/0)": translate(
            "ImportWizard", "is not yes or no (expected oui/non, yes/no, 1/0)"
        ),
    }
    if reason in reasons:
        return reasons[reason]
    listed = _LISTED.fullmatch(reason)
    if listed and listed.group(1) == "is not a stage of any pipeline":
        return translate("ImportWizard", "is not a stage of any pipeline ({stages})").format(
            stages=listed.group(2)
        )
    if listed and listed.group(1) == "is not one of the allowed values":
        return translate("ImportWizard", "is not one of the allowed values ({values})").format(
            values=listed.group(2)
        )
    required = _REQUIRED.fullmatch(reason)
    if required:
        return translate("ImportWizard", "{field} is required but empty").format(
            field=translate("ImportFields", required.group(1))
        )
    return reason


def match_reason(reason: str) -> str:
    """Why a row matched a record (services/dedupe.py), in the interface's language."""
    reasons = {
        "same e-mail": translate("ImportWizard", "same e-mail"),
        "same phone": translate("ImportWizard", "same phone"),
        "same SIREN": translate("ImportWizard", "same SIREN"),
        "same name": translate("ImportWizard", "same name"),
        "same company": translate("ImportWizard", "same company"),
        "same company after normalisation": translate(
            "ImportWizard", "same company after normalisation"
        ),
        "same city": translate("ImportWizard", "same city"),
        "same web domain": translate("ImportWizard", "same web domain"),
        "same name and company": translate("ImportWizard", "same name and company"),
    }
    if reason in reasons:
        return reasons[reason]
    similar = _SIMILAR.fullmatch(reason)
    if similar:
        return translate("ImportWizard", "name {percent}% similar").format(percent=similar.group(1))
    return reason


_REQUIRED = re.compile(r"(.+) is required but empty")
_LISTED = re.compile(r"(is not a stage of any pipeline|is not one of the allowed values) \((.*)\)")
_SIMILAR = re.compile(r"name (\d+)% similar")


def field_label(spec: ImportField) -> str:
    """A field's name in the interface's language (custom fields are named by the user)."""
    if spec.key.startswith("custom:"):
        return spec.label
    return translate("ImportFields", spec.label)


def field_text(spec: ImportField) -> str:
    """A target field as the mapping combo lists it."""
    label = field_label(spec)
    if spec.key.startswith("custom:"):
        label = translate("ImportWizard", "{field} (custom field)").format(field=label)
    elif spec.kind is FieldKind.RELATION:
        label = translate("ImportWizard", "{field} (linked, created if missing)").format(
            field=label
        )
    if spec.required:
        label = translate("ImportWizard", "{field} — required").format(field=label)
    return label


def number(value: int) -> str:
    return QLocale().toString(value)


class RowsModel(QAbstractTableModel):
    """Read-only rows of text under a header: the preview, the duplicates."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.header: tuple[str, ...] = ()
        self.rows: list[tuple[str, ...]] = []
        self.numbers: tuple[int, ...] = ()

    def set_rows(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Any]],
        numbers: Sequence[int] = (),
    ) -> None:
        """`numbers`: the rows' own numbers (the file's row numbers, as the check names
        them), else 1, 2, 3…"""
        self.beginResetModel()
        self.numbers = tuple(numbers)
        self.header = tuple(header)
        self.rows = [
            tuple(cell_text(c) for c in row) + ("",) * (len(self.header) - len(row)) for row in rows
        ]
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.header)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.header[section] if 0 <= section < len(self.header) else None
        if 0 <= section < len(self.numbers):
            return number(self.numbers[section])
        return str(section + 1)


@dataclass
class IssueEntry:
    """One line of the validation report as shown: the issue found by the check, the value
    as typed since (a fix) and what checking the row again said."""

    issue: ImportIssue
    value: str
    reason: str
    fixed: bool = False


class IssuesModel(QAbstractTableModel):
    """The validation report (row, column, field, value, reason); the value of a cell
    issue is editable, and an edit is announced to the page, which checks the row again.

    Signals:
        sig_fix(row_number, column, text): the user typed a new value for a cell.
    """

    sig_fix = Signal(int, int, str)

    ROW, COLUMN, FIELD, VALUE, REASON = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[IssueEntry] = []
        self.field_labels: dict[str, str] = {}

    def set_issues(self, issues: Sequence[ImportIssue], field_labels: dict[str, str]) -> None:
        self.beginResetModel()
        self.field_labels = field_labels
        self.entries = [IssueEntry(i, i.value, i.reason) for i in issues]
        self.endResetModel()

    def update_row(self, number: int, fixes: dict[int, str], issues: Sequence[ImportIssue]) -> None:
        """Row `number` checked again with `fixes` (column -> text): its lines show the
        new value and reason, or "fixed"."""
        by_column = {i.column: i for i in issues}
        for position, entry in enumerate(self.entries):
            if entry.issue.row != number:
                continue
            column = entry.issue.column
            if column is not None and column in fixes:
                entry.value = fixes[column]
            now = by_column.get(column)
            entry.fixed = now is None
            entry.reason = entry.issue.reason if now is None else now.reason
            self.dataChanged.emit(self.index(position, 0), self.index(position, self.REASON))

    def fixed_count(self) -> int:
        return sum(1 for e in self.entries if e.fixed)

    def headers(self) -> tuple[str, ...]:
        return (
            translate("ImportWizard", "Row"),
            translate("ImportWizard", "Column"),
            translate("ImportWizard", "Field"),
            translate("ImportWizard", "Value"),
            translate("ImportWizard", "Problem"),
        )

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if (
            index.isValid()
            and index.column() == self.VALUE
            and self.entries[index.row()].issue.column is not None
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            issue = entry.issue
            if column == self.ROW:
                return number(issue.row)
            if column == self.COLUMN:
                return issue.column_name or ""
            if column == self.FIELD:
                return self.field_labels.get(issue.field or "", issue.field or "")
            if column == self.VALUE:
                return entry.value
            if entry.fixed:
                return translate("ImportWizard", "✓ Fixed (was: {reason})").format(
                    reason=issue_reason(issue.reason)
                )
            return issue_reason(entry.reason)
        if role == Qt.ItemDataRole.EditRole and column == self.VALUE:
            return entry.value
        if role == Qt.ItemDataRole.ForegroundRole and column == self.REASON:
            return QBrush(QColor("#2e7d32") if entry.fixed else QColor("#c62828"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.VALUE or role != Qt.ItemDataRole.EditRole:
            return False
        entry = self.entries[index.row()]
        if entry.issue.column is None:
            return False
        text = str(value)
        entry.value = text
        self.dataChanged.emit(index, index)
        self.sig_fix.emit(entry.issue.row, entry.issue.column, text)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = self.headers()
        return headers[section] if 0 <= section < len(headers) else None


def duplicate_rows(hits: Sequence[DuplicateHit]) -> list[tuple[str, ...]]:
    actions = {
        "skipped": translate("ImportWizard", "skipped"),
        "updated": translate("ImportWizard", "updated"),
        "unchanged": translate("ImportWizard", "nothing to change"),
        "created anyway": translate("ImportWizard", "created anyway"),
    }
    return [
        (
            number(hit.row),
            hit.label,
            number(hit.score),
            actions.get(hit.action, hit.action),
            ", ".join(match_reason(r) for r in hit.reasons),
        )
        for hit in hits
    ]


def duplicate_headers() -> tuple[str, ...]:
    return (
        translate("ImportWizard", "Row"),
        translate("ImportWizard", "Matched record"),
        translate("ImportWizard", "Score"),
        translate("ImportWizard", "Action"),
        translate("ImportWizard", "Why"),
    )


class JobStrip(QWidget):
    """A job's progress inline in a page: status, bar and a Cancel button, shown while the
    job runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel()
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(translate("ImportWizard", "Cancel"))
        self.job: Job[Any] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        self.cancel_button.clicked.connect(self.cancel)
        self.setVisible(False)

    def follow(self, job: Job[Any], label: str) -> None:
        self.job = job
        self.status.setText(label)
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        job.sig_progress.connect(self._progress)
        job.sig_finished.connect(self._finished)
        self.setVisible(True)

    def cancel(self) -> None:
        if self.job is not None and self.job.is_running:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(translate("ImportWizard", "Cancelling…"))

    def running(self) -> bool:
        return self.job is not None and self.job.is_running

    def _progress(self, done: object, total: object, status: str) -> None:
        if isinstance(total, int) and total > 0 and isinstance(done, int):
            self.bar.setRange(0, BAR_STEPS)
            self.bar.setValue(min(BAR_STEPS, done * BAR_STEPS // total))

    def _finished(self, outcome: str) -> None:
        self.job = None
        self.setVisible(False)


def error_palette(label: QLabel) -> None:
    """The colour of a blocking message (the file cannot be read, a field is missing)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#c62828"))
    label.setPalette(palette)


class MappingModel(QAbstractTableModel):
    """The mapping page's table: one row per column of the file (its name, sample values,
    the field it goes to). A model, not a combo per row, so a file of 10,000 columns opens
    at once; `FieldDelegate` edits the field.

    Signals:
        sig_target(column, field_key): the user chose a field ("" = not imported).
    """

    sig_target = Signal(int, str)

    HEADER, SAMPLES, TARGET = range(3)
    #: The field key of a row's target (None: not imported).
    KeyRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.header: tuple[str, ...] = ()
        self.samples: list[str] = []
        self.targets: tuple[str | None, ...] = ()
        self.fields: tuple[ImportField, ...] = ()
        self.texts: dict[str | None, str] = {}

    def set_mapping(
        self,
        header: Sequence[str],
        samples: Sequence[str],
        fields: Sequence[ImportField],
    ) -> None:
        self.beginResetModel()
        self.header, self.samples, self.fields = tuple(header), list(samples), tuple(fields)
        self.texts = {None: not_imported_text(), **{f.key: field_text(f) for f in fields}}
        self.targets = (None,) * len(self.header)
        self.endResetModel()

    def set_targets(self, targets: Sequence[str | None]) -> None:
        self.targets = tuple(targets)
        if self.header:
            self.dataChanged.emit(
                self.index(0, self.TARGET), self.index(len(self.header) - 1, self.TARGET)
            )

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.header)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled
        if index.column() == self.TARGET:
            flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsSelectable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.HEADER:
                return self.header[row]
            if column == self.SAMPLES:
                return self.samples[row] if row < len(self.samples) else ""
            return self.texts.get(self.targets[row], self.targets[row] or "")
        if role in (self.KeyRole, Qt.ItemDataRole.EditRole) and column == self.TARGET:
            return self.targets[row]
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.TARGET:
            return False
        self.sig_target.emit(index.row(), value or "")
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (
            translate("ImportWizard", "Column in the file"),
            translate("ImportWizard", "Sample values"),
            translate("ImportWizard", "Import as"),
        )
        return headers[section] if 0 <= section < 3 else None


def not_imported_text() -> str:
    return translate("ImportWizard", "— don't import —")


class FieldDelegate(QStyledItemDelegate):
    """The "Import as" cell: drawn as a combo box, edited with one (a click opens it)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        box = QStyleOptionComboBox()
        box.rect = option.rect.adjusted(1, 1, -1, -1)
        box.state = option.state | QStyle.StateFlag.State_Enabled
        box.palette = option.palette
        box.currentText = str(index.data() or "")
        box.fontMetrics = option.fontMetrics
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, box, painter, widget)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, box, painter, widget)

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 40, max(hint.height(), 26))

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        model = index.model()
        combo = QComboBox(parent)
        if isinstance(model, MappingModel):
            combo.addItem(not_imported_text(), None)
            for spec in model.fields:
                combo.addItem(field_text(spec), spec.key)
        combo.activated.connect(lambda _i: self._chosen(combo))
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(MappingModel.KeyRole))))
            editor.showPopup()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> None:
        editor.setGeometry(option.rect)
