"""Bring one record into view in its object's list: selected, scrolled to, current.

What `MainWindow.open_record` does before (or besides) opening the record's form. The list
may still be reading its ids, may be filtered so that the record is not in it, or may be
stale (the record is newer than its last read): each case is waited for or lifted once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractItemView
from sqlalchemy import inspect, text

from desktop_crm.models import OBJECT_MODELS
from desktop_crm.views.record_list_view import RecordListView


class RecordLocator(QObject):
    """Selects a record in a list as soon as the list holds it. One per list; a newer
    `locate` replaces the one still waiting."""

    def __init__(self, view: RecordListView) -> None:
        super().__init__(view)
        self.view = view
        self._wanted: str | None = None
        self._rowid: int | None = None
        self._lifted = False
        view.model.sig_reloaded.connect(self._reloaded)

    def locate(self, record_id: str) -> bool:
        """Select the record now if the list shows it (True); else lift the list's filters
        (or re-read it) and select it when the ids are back."""
        table = inspect(OBJECT_MODELS[self.view.object_type]).local_table.name
        with self.view.db.read_session() as session:
            rowid = session.execute(
                text(f'SELECT rowid FROM "{table}" WHERE id = :id AND deleted_at IS NULL'),
                {"id": record_id},
            ).scalar()
        self._wanted, self._rowid, self._lifted = record_id, rowid, False
        if rowid is None:
            self._wanted = None
            return False
        if self._select():
            return True
        self._lift()
        return False

    def _select(self) -> bool:
        if self._rowid is None:
            return False
        try:
            row = self.view.model.rowids.index(self._rowid)
        except ValueError:
            return False
        index = self.view.model.index(row, 0)
        table = self.view.table
        table.clearSelection()
        table.setCurrentIndex(index)
        table.selectRow(row)
        table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._wanted = self._rowid = None
        return True

    def _lift(self) -> None:
        """Once: clear the filters that hide the record, or re-read a list that has none."""
        if self._lifted:
            self._wanted = self._rowid = None
            return
        self._lifted = True
        if not self.view.clear_filters():
            self.view.refresh()

    def _reloaded(self, rows: int) -> None:
        if self._wanted is None or self._select():
            return
        self._lift()


def locate_record(view: RecordListView, record_id: str) -> bool:
    """Select the record in the list now, or as soon as the list holds it (see
    `RecordLocator.locate`)."""
    locator = view.findChild(RecordLocator)
    if locator is None:
        locator = RecordLocator(view)
    return locator.locate(record_id)
