"""The Trash: deleted records of one object at a time, to restore or delete for good.

The table is the same lazy model as the lists, over `ListQuery(deleted=True)`, so a big
trash opens at once. Restoring brings back what went to the trash with each record.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_crm.models import OBJECT_MODELS
from desktop_crm.models.database import Database
from desktop_crm.services.record_lists import ListQuery, available_columns
from desktop_crm.views.overview_page import object_label
from desktop_crm.views.record_list_view import DEFAULT_SORT
from desktop_crm.widgets.job import JobRunner
from desktop_crm.widgets.record_table_model import RecordTableModel


class TrashView(QWidget):
    """Signals:
    sig_restore(object_type, record_ids)
    sig_purge(object_type, record_ids)
    sig_open_record(object_type, record_id): shown read-only, with its history.
    sig_count_changed(rows, selected): for the status bar.
    """

    sig_restore = Signal(str, list)
    sig_purge = Signal(str, list)
    sig_open_record = Signal(str, str)
    sig_count_changed = Signal(int, int)

    def __init__(
        self,
        db: Database,
        *,
        settings: QSettings,
        runner: JobRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.runner = runner
        self.object_type = "contact"
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName(self.tr("Deleted records of"))
        for object_type in OBJECT_MODELS:
            self.type_combo.addItem(object_label(object_type), object_type)
        self.type_combo.setCurrentIndex(self.type_combo.findData(self.object_type))
        self.type_combo.currentIndexChanged.connect(self._type_chosen)
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button = QPushButton(self.tr("Delete for &good…"))
        self.purge_button.clicked.connect(self.purge_selected)
        self.hint_label = QLabel(
            self.tr(
                "Deleted records stay here until deleted for good. Restoring a record "
                "brings back what was deleted with it."
            )
        )
        self.hint_label.setWordWrap(True)
        self.hint_label.setEnabled(False)

        #: One model per object type, made when first shown, kept (a job may be filling it).
        self.models: dict[str, RecordTableModel] = {}
        self.model = self._model(self.object_type)
        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.activated.connect(self._open)
        self._set_model(self.model)
        purge = QAction(self)
        purge.setShortcut(QKeySequence.StandardKey.Delete)
        purge.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        purge.triggered.connect(self.purge_selected)
        self.table.addAction(purge)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Deleted")))
        bar.addWidget(self.type_combo)
        bar.addStretch(1)
        bar.addWidget(self.restore_button)
        bar.addWidget(self.purge_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(bar)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.table, 1)
        self._update_buttons()

    def _model(self, object_type: str) -> RecordTableModel:
        if object_type in self.models:
            found = self.models[object_type]
            found.reload()
            return found
        with self.db.read_session() as session:
            columns = available_columns(session, object_type)
        sort_key, descending = DEFAULT_SORT.get(object_type, (columns[0].key, False))
        model = RecordTableModel(
            self.db,
            ListQuery(object_type, sort_key=sort_key, descending=descending, deleted=True),
            [c for c in columns if c.default],
            runner=self.runner,
            job_parent=self,
            parent=self,
        )
        model.reload()
        model.modelReset.connect(self._update_buttons)
        model.sig_reloaded.connect(lambda rows: self._fit())
        self.models[object_type] = model
        return model

    def _set_model(self, model: RecordTableModel) -> None:
        self.model = model
        self.table.setModel(model)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

    def _fit(self) -> None:
        if self.table.model() is not self.model:
            return
        for column in range(self.model.columnCount()):
            self.table.resizeColumnToContents(column)

    @Slot()
    def _type_chosen(self) -> None:
        self.show_type(self.type_combo.currentData())

    def show_type(self, object_type: str) -> None:
        if object_type == self.object_type:
            return
        self.object_type = object_type
        self.type_combo.setCurrentIndex(self.type_combo.findData(object_type))
        self._set_model(self._model(object_type))
        self._update_buttons()

    def refresh(self) -> None:
        self.model.reload()

    def selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [i for i in (self.model.record_id(r) for r in rows) if i is not None]

    @Slot()
    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.sig_restore.emit(self.object_type, ids)

    @Slot()
    def purge_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.sig_purge.emit(self.object_type, ids)

    def _open(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.sig_open_record.emit(self.object_type, ids[0])

    def _update_buttons(self) -> None:
        selected = len(self.table.selectionModel().selectedRows())
        self.restore_button.setEnabled(selected > 0)
        self.purge_button.setEnabled(selected > 0)
        self.sig_count_changed.emit(self.model.rowCount(), selected)
