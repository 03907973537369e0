"""One object's list: quick filter, "mine only", sortable columns with a chooser, the row
count; the table is the lazy RecordTableModel, so a million rows open at once."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

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
from desktop_crm.services.record_lists import ListColumn, ListQuery, available_columns
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
    sig_open_record(object_type, record_id): double-click or Enter on a row; record_id is
        empty for New (Ctrl+N).
    sig_delete_records(object_type, record_ids): Delete on the selection.
    sig_bulk_edit(object_type, record_ids): edit one field of the selection.
    """

    sig_count_changed = Signal(int, int)
    sig_open_record = Signal(str, str)
    sig_delete_records = Signal(str, list)
    sig_bulk_edit = Signal(str, list)

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

        self._add_record_actions()

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.mine_check)
        bar.addWidget(self.busy_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    # --- records ----------------------------------------------------------------------------
    def _add_record_actions(self) -> None:
        """Open (Enter, double-click), New (Ctrl+N), Delete and bulk edit of the selection;
        the forms and the trash are the main window's (views/record_actions.py)."""
        self.table.activated.connect(self._open_current)
        self.new_action = QAction(self.tr("&New…"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(lambda: self.sig_open_record.emit(self.object_type, ""))
        self.delete_action = QAction(self.tr("&Delete…"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(lambda: self._emit_selection(self.sig_delete_records))
        self.bulk_action = QAction(self.tr("&Edit a field of the selection…"), self)
        self.bulk_action.triggered.connect(lambda: self._emit_selection(self.sig_bulk_edit))
        self.addAction(self.new_action)
        self.table.addAction(self.delete_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._row_menu)

    def selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [i for i in (self.model.record_id(r) for r in rows) if i is not None]

    def _emit_selection(self, signal: Any) -> None:
        ids = self.selected_ids()
        if ids:
            signal.emit(self.object_type, ids)

    def _open_current(self) -> None:
        record_id = self.model.record_id(self.table.currentIndex().row())
        if record_id is not None:
            self.sig_open_record.emit(self.object_type, record_id)

    def _row_menu(self, position: QPoint) -> None:
        count = len(self.table.selectionModel().selectedRows())
        menu = QMenu(self)
        opened = menu.addAction(self.tr("&Open"), self._open_current)
        opened.setEnabled(count == 1)
        menu.addAction(self.new_action)
        menu.addSeparator()
        self.bulk_action.setEnabled(count > 0)
        self.delete_action.setEnabled(count > 0)
        menu.addAction(self.bulk_action)
        menu.addAction(self.delete_action)
        menu.aboutToHide.connect(lambda: self.delete_action.setEnabled(True))
        menu.popup(self.table.viewport().mapToGlobal(position))

    # --- querying ---------------------------------------------------------------------------
    @Slot()
    def apply_filters(self) -> None:
        self._filter_timer.stop()
        owner = self.db.current_user_id if self.mine_check.isChecked() else None
        query = replace(self.model.query, text=self.filter_edit.text().strip(), owner_id=owner)
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
