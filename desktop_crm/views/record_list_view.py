"""One object's list: quick filter, "mine only", sortable columns with a chooser, the row
count; the table is the lazy RecordTableModel, so a million rows open at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_crm.models.database import Database
from desktop_crm.services.record_lists import (
    Condition,
    ListColumn,
    ListQuery,
    available_columns,
)
from desktop_crm.views.list_export import ExportActions
from desktop_crm.views.overview_page import object_label
from desktop_crm.widgets.job import JobRunner
from desktop_crm.widgets.record_table_model import RecordTableModel

#: The order a list opens in: names A→Z, the latest cases and activities first.
DEFAULT_SORT: dict[str, tuple[str, bool]] = {
    "account": ("name", False),
    "contact": ("last_name", False),
    "lead": ("last_name", False),
    "opportunity": ("name", False),
    "activity": ("due_at", True),
    "campaign": ("start_date", True),
    "case": ("opened_at", True),
}

#: Typing pauses this long before the filter runs, so each keystroke does not query.
FILTER_DELAY_MS = 250


class RecordListView(QWidget):
    """Signals:
    sig_count_changed(rows, selected): for the status bar.
    """

    sig_count_changed = Signal(int, int)

    def __init__(
        self,
        db: Database,
        object_type: str,
        *,
        settings: QSettings,
        runner: JobRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.object_type = object_type
        self.settings = settings
        with db.read_session() as session:
            self.all_columns = available_columns(session, object_type)
        custom = [c for c in self.all_columns if c.key.startswith("cf:")]
        sort_key, descending = DEFAULT_SORT.get(object_type, (self.all_columns[0].key, False))
        self.model = RecordTableModel(
            db,
            ListQuery(object_type, sort_key=sort_key, descending=descending),
            self._saved_columns(),
            custom_columns=custom,
            runner=runner,
            job_parent=self,
            parent=self,
        )

        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(
            self.tr("Filter {objects}…").format(objects=object_label(object_type).lower())
        )
        self.filter_edit.setAccessibleName(self.tr("Quick filter"))
        self.mine_check = QCheckBox(self.tr("&Mine only"))
        # Its text comes and goes, its width stays: showing it must not re-lay out (and
        # repaint) the table.
        self.busy_label = QLabel()
        self.busy_label.setMinimumWidth(
            self.busy_label.fontMetrics().horizontalAdvance(self.tr("Sorting…")) + 8
        )
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filters)
        self.filter_edit.textChanged.connect(self._filter_timer.start)
        self.mine_check.toggled.connect(self.apply_filters)
        focus_filter = QAction(self)
        focus_filter.setShortcut(QKeySequence.StandardKey.Find)
        focus_filter.triggered.connect(self.filter_edit.setFocus)
        self.addAction(focus_filter)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        # Fit columns to the rows in view, not to the first thousand (Qt's default).
        header.setResizeContentsPrecision(0)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        shown = [c.key for c in self.model.columns]
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(shown.index(sort_key) if sort_key in shown else -1, order)
        self._columns_fitted = False
        self._restore_header()

        # Turning sorting on sorts by the indicator, which runs the first query; without
        # a sorted column shown, the query runs as it stands.
        self.table.setSortingEnabled(True)
        if header.sortIndicatorSection() < 0:
            self.model.reload()
        self.model.sig_reloaded.connect(self._fit_columns_once)
        self.model.sig_busy.connect(
            lambda busy: self.busy_label.setText(self.tr("Sorting…") if busy else "")
        )
        self.model.modelReset.connect(self.emit_counts)
        self.table.selectionModel().selectionChanged.connect(self.emit_counts)

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.mine_check)
        bar.addWidget(self.busy_label)
        #: "Export…" (list or selection), also in the table's context menu.
        self.export_actions = ExportActions(self)
        bar.addWidget(self.export_actions.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    # --- querying ---------------------------------------------------------------------------
    @Slot()
    def apply_filters(self) -> None:
        self._filter_timer.stop()
        owner = self.db.current_user_id if self.mine_check.isChecked() else None
        query = replace(self.model.query, text=self.filter_edit.text().strip(), owner_id=owner)
        if query != self.model.query:
            self.model.set_query(query)

    def set_conditions(self, conditions: Sequence[Condition]) -> None:
        """Filter the list by these conditions (a dashboard drill-down), replacing any."""
        query = replace(self.model.query, conditions=tuple(conditions))
        if query != self.model.query:
            self.model.set_query(query)

    def refresh(self) -> None:
        self.model.reload()

    def _fit_columns_once(self) -> None:
        """Size the columns to the first rows shown, unless the user sized them already."""
        if self._columns_fitted or self.model.rowCount() == 0:
            return
        self._columns_fitted = True
        if self.settings.value(self._settings_key("header")) is not None:
            return
        header = self.table.horizontalHeader()
        limit = max(120, self.table.viewport().width() // 3)
        for column in range(self.model.columnCount()):
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column) + 12, limit))

    def emit_counts(self) -> None:
        selected = len(self.table.selectionModel().selectedRows())
        self.sig_count_changed.emit(self.model.rowCount(), selected)

    # --- columns ----------------------------------------------------------------------------
    def _settings_key(self, name: str) -> str:
        return f"lists/{self.object_type}/{name}"

    def _saved_columns(self) -> list[ListColumn]:
        by_key = {c.key: c for c in self.all_columns}
        saved = self.settings.value(self._settings_key("columns"))
        if isinstance(saved, str):
            saved = [saved]
        if isinstance(saved, list):
            chosen = [by_key[key] for key in saved if key in by_key]
            if chosen:
                return chosen
        return [c for c in self.all_columns if c.default]

    def _column_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        shown = {c.key for c in self.model.columns}
        for spec in self.all_columns:
            action = menu.addAction(spec.label)
            action.setCheckable(True)
            action.setChecked(spec.key in shown)
            action.setEnabled(not (spec.key in shown and len(shown) == 1))
            action.toggled.connect(lambda on, key=spec.key: self.show_column(key, on))
        menu.addSeparator()
        menu.addAction(self.tr("Reset columns"), self.reset_columns)
        menu.popup(self.table.horizontalHeader().mapToGlobal(position))

    def show_column(self, key: str, visible: bool) -> None:
        keys = [c.key for c in self.model.columns]
        if visible and key not in keys:
            keys.append(key)
        elif not visible and key in keys and len(keys) > 1:
            keys.remove(key)
        self._set_columns(keys)

    def reset_columns(self) -> None:
        self.settings.remove(self._settings_key("columns"))
        self.settings.remove(self._settings_key("header"))
        self._set_columns([c.key for c in self.all_columns if c.default])

    def _set_columns(self, keys: list[str]) -> None:
        by_key = {c.key: c for c in self.all_columns}
        self.model.set_columns([by_key[key] for key in keys])
        self.settings.setValue(self._settings_key("columns"), keys)
        self.settings.remove(self._settings_key("header"))
        self._columns_fitted = False
        self._fit_columns_once()

    def save_state(self) -> None:
        """Column order, widths and sort, kept for next time (on close, not on every
        resize: the fitting of fresh columns must not count as the user's choice)."""
        if self._columns_fitted:
            self._save_header()

    def _save_header(self) -> None:
        self.settings.setValue(
            self._settings_key("header"), self.table.horizontalHeader().saveState()
        )

    def _restore_header(self) -> None:
        state = self.settings.value(self._settings_key("header"))
        if isinstance(state, QByteArray):
            self.table.horizontalHeader().restoreState(state)
