"""The overview: how many records of each CRM object, and the recent changes with undo/redo.

It shows what the Qt-free services computed on the database worker (`OverviewData`); it
never queries the database itself, so a slow count never freezes the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_crm.services.overview import is_first_run, object_counts
from desktop_crm.services.undo import OperationInfo, recent_operations

#: How many of the latest operations the overview lists.
RECENT_LIMIT = 30


@dataclass(frozen=True)
class OverviewData:
    first_run: bool
    counts: dict[str, int]
    operations: list[OperationInfo]


def read_overview(session: Session) -> OverviewData:
    """Everything the overview and first-run screens show, read in one go on the worker."""
    return OverviewData(
        is_first_run(session), object_counts(session), recent_operations(session, RECENT_LIMIT)
    )


def object_label(object_type: str) -> str:
    """The plural name a user reads in lists and navigation."""
    labels = {
        "account": QCoreApplication.translate("Objects", "Accounts"),
        "contact": QCoreApplication.translate("Objects", "Contacts"),
        "lead": QCoreApplication.translate("Objects", "Leads"),
        "opportunity": QCoreApplication.translate("Objects", "Opportunities"),
        "activity": QCoreApplication.translate("Objects", "Activities"),
        "campaign": QCoreApplication.translate("Objects", "Campaigns"),
        "case": QCoreApplication.translate("Objects", "Cases"),
    }
    return labels.get(object_type, object_type)


def operation_kind_label(kind: str) -> str:
    labels = {
        "edit": QCoreApplication.translate("Operations", "Edit"),
        "demo": QCoreApplication.translate("Operations", "Sample data"),
        "import": QCoreApplication.translate("Operations", "Import"),
        "merge": QCoreApplication.translate("Operations", "Merge"),
        "undo": QCoreApplication.translate("Operations", "Undo"),
        "redo": QCoreApplication.translate("Operations", "Redo"),
        "setup": QCoreApplication.translate("Operations", "Setup"),
        "sync": QCoreApplication.translate("Operations", "Sync"),
    }
    return labels.get(kind, kind)


class CountTile(QFrame):
    def __init__(self, object_type: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.object_type = object_type
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.value_label = QLabel("–")
        font = QFont(self.value_label.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.value_label.setFont(font)
        self.name_label = QLabel(object_label(object_type))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.value_label)
        layout.addWidget(self.name_label)

    def set_count(self, count: int) -> None:
        self.value_label.setText(QLocale().toString(count))
        self.setAccessibleName(f"{object_label(self.object_type)}: {count}")


class OverviewPage(QWidget):
    """Signals:
    sig_undo(operation_id), sig_redo(operation_id): the user asked to undo or redo the
    selected operation of the recent changes.
    """

    sig_undo = Signal(str)
    sig_redo = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: dict[str, CountTile] = {}
        self.tiles_layout = QGridLayout()
        self.tiles_layout.setSpacing(10)

        changes_title = QLabel(self.tr("Recent changes"))
        font = QFont(changes_title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        changes_title.setFont(font)
        self.operations_view = QTreeWidget()
        self.operations_view.setRootIsDecorated(False)
        self.operations_view.setUniformRowHeights(True)
        self.operations_view.setAlternatingRowColors(True)
        self.operations_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.operations_view.setHeaderLabels(
            [
                self.tr("When"),
                self.tr("Change"),
                self.tr("Kind"),
                self.tr("Values changed"),
                self.tr("State"),
            ]
        )
        header = self.operations_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.operations_view.itemSelectionChanged.connect(self._update_buttons)
        self.undo_button = QPushButton(self.tr("&Undo selected change"))
        self.redo_button = QPushButton(self.tr("&Redo selected change"))
        self.undo_button.clicked.connect(self._emit_undo)
        self.redo_button.clicked.connect(self._emit_redo)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.redo_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 18)
        layout.addLayout(self.tiles_layout)
        layout.addSpacing(12)
        layout.addWidget(changes_title)
        layout.addWidget(self.operations_view, 1)
        layout.addLayout(buttons)
        self._operations: list[OperationInfo] = []
        self._update_buttons()

    def show_data(self, data: OverviewData) -> None:
        for index, (object_type, count) in enumerate(data.counts.items()):
            tile = self.tiles.get(object_type)
            if tile is None:
                tile = self.tiles[object_type] = CountTile(object_type)
                self.tiles_layout.addWidget(tile, index // 4, index % 4)
            tile.set_count(count)
        self._show_operations(data.operations)

    def selected_operation(self) -> OperationInfo | None:
        items = self.operations_view.selectedItems()
        if not items:
            return None
        return self._operations[self.operations_view.indexOfTopLevelItem(items[0])]

    def _show_operations(self, operations: list[OperationInfo]) -> None:
        selected = self.selected_operation()
        self._operations = operations
        self.operations_view.clear()
        locale = QLocale()
        undone = self.tr("Undone")
        for operation in operations:
            when = QDateTime.fromMSecsSinceEpoch(round(operation.started_at.timestamp() * 1000))
            item = QTreeWidgetItem(
                [
                    locale.toString(when, QLocale.FormatType.ShortFormat),
                    operation.label,
                    operation_kind_label(operation.kind),
                    locale.toString(operation.entries),
                    undone if operation.undone_by else "",
                ]
            )
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.operations_view.addTopLevelItem(item)
            if selected is not None and operation.id == selected.id:
                item.setSelected(True)
        self._update_buttons()

    def _update_buttons(self) -> None:
        operation = self.selected_operation()
        self.undo_button.setEnabled(
            operation is not None and operation.undone_by is None and operation.kind != "setup"
        )
        # Undoing a merge is what the Duplicates view calls unmerging.
        is_merge = operation is not None and operation.kind == "merge"
        self.undo_button.setText(
            self.tr("&Unmerge selected merge") if is_merge else self.tr("&Undo selected change")
        )
        self.redo_button.setEnabled(
            operation is not None
            and operation.undone_by is not None
            and operation.kind not in ("undo", "redo")
        )

    def _emit_undo(self) -> None:
        operation = self.selected_operation()
        if operation is not None:
            self.sig_undo.emit(operation.id)

    def _emit_redo(self) -> None:
        operation = self.selected_operation()
        if operation is not None:
            self.sig_redo.emit(operation.id)
