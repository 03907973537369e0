"""The one lazy table model behind every object list (DESIGN §4, CONVENTIONS §4).

It holds the ordered rowids of the current query and a small cache of fetched pages.
The rowid query (sort and filter, the slow part on a million rows) runs as a Job on the
database worker; pages are read on demand, one `WHERE rowid IN (...)` per 200 rows, on
the GUI thread (a few milliseconds, never blocked by writers in WAL mode).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QWidget

from desktop_crm.models.database import Database
from desktop_crm.services.progress import Progress
from desktop_crm.services.record_lists import (
    Kind,
    ListColumn,
    ListQuery,
    PageCache,
    fetch_rows,
    ordered_rowids,
)
from desktop_crm.widgets.formatting import display_text, is_numeric
from desktop_crm.widgets.job import Job, JobRunner

AnyIndex = QModelIndex | QPersistentModelIndex

#: Wait this long before a progress dialog for a slow sort or filter (then it can be seen
#: to work); shorter queries only show the list's own busy state.
SLOW_QUERY_DIALOG_MS = 2_500


class RecordTableModel(QAbstractTableModel):
    """Signals:
    sig_reloaded(rows): a new id list is in place (after a sort, filter or refresh).
    sig_busy(busy): the id query started or ended.
    """

    #: The record's id (UUID text) of a row.
    RecordIdRole = Qt.ItemDataRole.UserRole + 1
    #: The stored value of a cell (minor units, date objects), for editors and tests.
    RawValueRole = Qt.ItemDataRole.UserRole + 2

    sig_reloaded = Signal(int)
    sig_busy = Signal(bool)

    # Class-level empties: while the view tears down, Qt may still ask a model whose Python
    # attributes are already gone; it then sees an empty table instead of an error.
    columns: tuple[ListColumn, ...] = ()
    rowids: array[int] = array("q")

    def __init__(
        self,
        db: Database,
        query: ListQuery,
        columns: Sequence[ListColumn],
        *,
        custom_columns: Sequence[ListColumn] = (),
        runner: JobRunner | None = None,
        job_parent: QWidget | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.query = query
        self.columns = tuple(columns)
        self.custom_columns = list(custom_columns)
        self.runner = runner
        self.job_parent = job_parent
        self.rowids: array[int] = array("q")
        self.cache = PageCache()
        self._currency_offsets = self._currency_layout()
        self._generation = 0
        self._pending = 0
        self._reported_error = False

    # --- the id list ------------------------------------------------------------------------
    def set_query(self, query: ListQuery) -> None:
        """Re-run the id query in SQL (sort, filters); the model resets when it is back."""
        self.query = query
        self.reload()

    def reload(self) -> Job[array[int]]:
        """Re-read the ids with the current query (after a write: the cache is stale)."""
        self._generation += 1
        generation = self._generation
        query = self.query
        custom = list(self.custom_columns)

        def read(progress: Progress) -> array[int]:
            with self.db.read_session() as session:
                return ordered_rowids(session, query, custom)

        self._pending += 1
        if self._pending == 1:
            self.sig_busy.emit(True)
        job = Job(
            read,
            parent=self.job_parent,
            label=QCoreApplication.translate("RecordTableModel", "Sorting and filtering"),
            runner=self.runner,
            show_dialog_after_ms=SLOW_QUERY_DIALOG_MS,
        )
        job.on_success(lambda ids: self._set_ids(generation, ids))
        job.on_finished(lambda outcome: self._query_ended())
        return job.start()

    def _query_ended(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.sig_busy.emit(False)

    def _set_ids(self, generation: int, ids: array[int]) -> None:
        if generation != self._generation:
            return  # a newer sort or filter was asked for meanwhile
        self.beginResetModel()
        self.rowids = ids
        self.cache.clear()
        self._reported_error = False
        self.endResetModel()
        self.sig_reloaded.emit(len(ids))

    def set_columns(self, columns: Sequence[ListColumn]) -> None:
        self.beginResetModel()
        self.columns = tuple(columns)
        self._currency_offsets = self._currency_layout()
        self.cache.clear()
        self.endResetModel()

    def _currency_layout(self) -> dict[int, int]:
        """Column → position of its currency in a fetched row (after the values)."""
        offsets: dict[int, int] = {}
        position = 1 + len(self.columns)
        for column, spec in enumerate(self.columns):
            if spec.currency_key is not None:
                offsets[column] = position
                position += 1
        return offsets

    # --- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rowids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Columns", self.columns[section].label)
        if role == Qt.ItemDataRole.TextAlignmentRole and is_numeric(self.columns[section]):
            return _RIGHT
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in _ROLES:
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self.rowids) and 0 <= column < len(self.columns)):
            return None
        spec = self.columns[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if is_numeric(spec) else _LEFT
        values = self._row(row)
        if values is None:
            return None
        if role == self.RecordIdRole:
            return values[0]
        value = values[1 + column]
        if role == self.RawValueRole:
            return value
        currency_at = self._currency_offsets.get(column)
        text = display_text(spec, value, values[currency_at] if currency_at else None)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if spec.kind is Kind.TEXT and len(text) > 40 else None
        return text

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(
            replace(self.query, sort_key=self.columns[column].key, descending=descending)
        )

    # --- pages ------------------------------------------------------------------------------
    def record_id(self, row: int) -> str | None:
        values = self._row(row) if 0 <= row < len(self.rowids) else None
        return None if values is None else str(values[0])

    def _row(self, row: int) -> tuple[Any, ...] | None:
        """The fetched row, reading its page first if needed. A failed read is reported
        once (crash dialog or database warning) and the cells stay empty: data() must not
        raise inside a paint."""
        page_number = self.cache.page_of(row)
        page = self.cache.get(page_number)
        if page is None:
            start = page_number * self.cache.page_size
            wanted = self.rowids[start : start + self.cache.page_size]
            try:
                with self.db.read_session() as session:
                    page = fetch_rows(
                        session,
                        self.query.object_type,
                        [c.key for c in self.columns],
                        wanted,
                        self.custom_columns,
                    )
            except Exception as error:
                if not self._reported_error:
                    self._reported_error = True
                    sys.excepthook(type(error), error, error.__traceback__)
                return None
            self.cache.put(page_number, page)
        return page.get(self.rowids[row])


_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        RecordTableModel.RecordIdRole,
        RecordTableModel.RawValueRole,
    }
)
