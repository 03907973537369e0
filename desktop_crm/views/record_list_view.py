"""One object's list: quick filter, "mine only", sortable columns with a chooser, the row
count; the table is the lazy RecordTableModel, so a million rows open at once."""

from __future__ import annotations

from collections.abc import Sequence
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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_crm.models.database import Database
from desktop_crm.services.import_mapping import IMPORTABLE_OBJECTS
from desktop_crm.services.record_lists import Condition, ListColumn, ListQuery, available_columns
from desktop_crm.services.saved_views import ViewDefinition, usable_definition
from desktop_crm.views.list_export import ExportActions
from desktop_crm.views.overview_page import object_label
from desktop_crm.widgets.filter_bar import FilterBar
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
    sig_save_view(): the user asked to save the filters, sort and columns as a view.
    sig_open_record(object_type, record_id): double-click or Enter on a row; record_id is
        empty for New (Ctrl+N).
    sig_delete_records(object_type, record_ids): Delete on the selection.
    sig_bulk_edit(object_type, record_ids): edit one field of the selection.
    sig_import(object_type): the user asked to import a file of these records.
    """

    sig_count_changed = Signal(int, int)
    sig_save_view = Signal()
    sig_open_record = Signal(str, str)
    sig_delete_records = Signal(str, list)
    sig_bulk_edit = Signal(str, list)
    sig_import = Signal(str)

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
        self.filter_bar = FilterBar(object_type, self.all_columns, self)
        self.filter_bar.sig_changed.connect(self.apply_filters)
        self.save_view_button = QToolButton()
        self.save_view_button.setText(self.tr("Save &view…"))
        self.save_view_button.setToolTip(self.tr("Keep these filters, sort and columns as a view"))
        self.save_view_button.clicked.connect(self.sig_save_view)
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
        bar.addWidget(self.filter_bar.add_button)
        bar.addWidget(self.mine_check)
        bar.addWidget(self.save_view_button)
        bar.addWidget(self.busy_label)
        #: "Export…" (list or selection), also in the table's context menu.
        self.export_actions = ExportActions(self)
        bar.addWidget(self.export_actions.button)
        #: "Import…" for the objects a file can be imported into (the import wizard).
        self.import_button: QToolButton | None = None
        if object_type in IMPORTABLE_OBJECTS:
            self.import_button = QToolButton()
            self.import_button.setText(self.tr("Import…"))
            self.import_button.setToolTip(
                self.tr("Add {objects} from a CSV, Excel or vCard file").format(
                    objects=object_label(object_type).lower()
                )
            )
            self.import_button.clicked.connect(lambda: self.sig_import.emit(self.object_type))
            bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(bar)
        layout.addWidget(self.filter_bar)
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
        menu = self.row_menu()
        menu.popup(self.table.viewport().mapToGlobal(position))

    def row_menu(self) -> QMenu:
        """The table's context menu: open, new, bulk edit, delete, export."""
        count = len(self.table.selectionModel().selectedRows())
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        opened = menu.addAction(self.tr("&Open"), self._open_current)
        opened.setEnabled(count == 1)
        menu.addAction(self.new_action)
        menu.addSeparator()
        self.bulk_action.setEnabled(count > 0)
        self.delete_action.setEnabled(count > 0)
        menu.addAction(self.bulk_action)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.export_actions.export_selection_action)
        menu.addAction(self.export_actions.export_list_action)
        menu.aboutToHide.connect(lambda: self.delete_action.setEnabled(True))
        return menu

    # --- querying ---------------------------------------------------------------------------
    @Slot()
    def apply_filters(self) -> None:
        self._filter_timer.stop()
        owner = self.db.current_user_id if self.mine_check.isChecked() else None
        query = replace(
            self.model.query,
            text=self.filter_edit.text().strip(),
            owner_id=owner,
            conditions=self.filter_bar.conditions(),
        )
        if query != self.model.query:
            self.model.set_query(query)

    def set_conditions(self, conditions: Sequence[Condition]) -> None:
        """Filter the list on these conditions (replacing the bar's), shown in the filter
        bar and applied now; the quick filter and "mine only" stay. Raises ListQueryError
        (naming the column) for a condition the list cannot apply."""
        self.filter_bar.set_conditions(conditions, notify=False)
        self.apply_filters()

    def clear_filters(self) -> bool:
        """Drop the quick filter, "mine only" and the conditions; False if there were none."""
        query = self.model.query
        if not (self.filter_edit.text() or self.mine_check.isChecked() or query.conditions):
            return False
        for widget in (self.filter_edit, self.mine_check, self.filter_bar):
            widget.blockSignals(True)
        self.filter_edit.clear()
        self.mine_check.setChecked(False)
        self.filter_bar.set_conditions(())
        for widget in (self.filter_edit, self.mine_check, self.filter_bar):
            widget.blockSignals(False)
        self.apply_filters()
        return True

    def view_definition(self) -> ViewDefinition:
        """What a saved view keeps of this list: filters, sort and columns."""
        query = self.model.query
        return ViewDefinition(
            conditions=self.filter_bar.conditions(),
            text=self.filter_edit.text().strip(),
            mine=self.mine_check.isChecked(),
            sort_key=query.sort_key,
            descending=query.descending,
            columns=tuple(c.key for c in self.model.columns),
        )

    def apply_definition(self, definition: ViewDefinition) -> list[str]:
        """Show a saved view: its columns, filters and sort, in one query. Returns the
        columns and conditions it names that this list no longer has (dropped)."""
        usable, dropped = usable_definition(definition, self.all_columns)
        if usable.columns:
            self._set_columns(list(usable.columns))
        for widget in (self.filter_edit, self.mine_check):
            widget.blockSignals(True)
        self.filter_edit.setText(usable.text)
        self.mine_check.setChecked(usable.mine)
        for widget in (self.filter_edit, self.mine_check):
            widget.blockSignals(False)
        self.filter_bar.set_conditions(usable.conditions, notify=False)
        shown = [c.key for c in self.model.columns]
        header = self.table.horizontalHeader()
        order = Qt.SortOrder.DescendingOrder if usable.descending else Qt.SortOrder.AscendingOrder
        header.blockSignals(True)
        section = shown.index(usable.sort_key) if usable.sort_key in shown else -1
        header.setSortIndicator(section, order)
        header.blockSignals(False)
        self._filter_timer.stop()
        owner = self.db.current_user_id if usable.mine else None
        self.model.set_query(
            replace(
                self.model.query,
                text=usable.text,
                owner_id=owner,
                conditions=usable.conditions,
                sort_key=usable.sort_key,
                descending=usable.descending,
            )
        )
        return dropped

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
