"""Saved views in the window's navigation: listed under their object, opened by a click,
saved from a list's "Save view…" button, renamed (F2) and deleted from their context menu.

Reads and writes go through the window's jobs on the database worker; every write is one
journal operation, so it shows in the overview's recent changes and can be undone there
(the navigation re-reads the views after every job, undo included).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QPoint, Qt, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit, QListWidgetItem, QMenu, QMessageBox

from desktop_crm.services.progress import Progress
from desktop_crm.services.saved_views import (
    SavedViewError,
    SavedViewInfo,
    delete_view,
    list_views,
    rename_view,
    save_view,
)
from desktop_crm.views.overview_page import object_label
from desktop_crm.views.record_list_view import RecordListView

if TYPE_CHECKING:
    from desktop_crm.views.main_window import MainWindow

T = TypeVar("T")

#: On a navigation item: the saved view's id ("" on the other items). Never left unset:
#: PySide6 6.12 loses a reference to None each time `data()` reads an empty value
#: (widgets/qt_workarounds.py).
SavedViewRole = Qt.ItemDataRole.UserRole + 10
#: On a navigation item: its object type ("" on the overview), never None (same reason).
ObjectRole = Qt.ItemDataRole.UserRole + 11
STATUS_TIMEOUT_MS = 8_000


class SavedViewsNavigator(QObject):
    """Keeps the navigation's saved-view items in step with the database."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.nav = window.nav
        self.views: dict[str, SavedViewInfo] = {}
        #: The saved view each list was last opened from, by object type (to save over it).
        self.opened: dict[str, str] = {}
        #: A view just saved: highlighted in the navigation once it is listed.
        self._highlight: str | None = None
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            item.setData(ObjectRole, item.data(Qt.ItemDataRole.UserRole) or "")
            item.setData(SavedViewRole, "")
        self.nav.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.nav.customContextMenuRequested.connect(self._menu)
        self.nav.itemClicked.connect(self._clicked)
        self.rename_action = QAction(self.tr("&Rename view…"), self.nav)
        self.rename_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.rename_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.rename_action.triggered.connect(lambda: self.ask_rename(self.current_view_id()))
        self.nav.addAction(self.rename_action)

    # --- reading ----------------------------------------------------------------------------
    def reload(self) -> None:
        db = self.window.db

        def read(progress: Progress) -> list[SavedViewInfo]:
            with db.read_session() as session:
                return list_views(session)

        self.window._job(read, self.tr("Reading saved views")).on_success(self._show).start()

    def _show(self, views: list[SavedViewInfo]) -> None:
        current = self._highlight or self.current_view_id()
        self._highlight = None
        self.views = {v.id: v for v in views}
        self.nav.blockSignals(True)
        for row in reversed(range(self.nav.count())):
            if self.is_saved_view(self.nav.item(row)):
                self.nav.takeItem(row)
        for info in reversed(views):
            found = self.object_row(info.object_type)
            if found is None:
                continue
            item = QListWidgetItem("      " + info.name)
            item.setData(Qt.ItemDataRole.UserRole, info.object_type)
            item.setData(ObjectRole, info.object_type)
            item.setData(SavedViewRole, info.id)
            item.setToolTip(
                self.tr("Saved view of {objects}").format(objects=object_label(info.object_type))
            )
            font = QFont(item.font())
            font.setItalic(True)
            item.setFont(font)
            self.nav.insertItem(found + 1, item)
        if current is not None:
            for row in range(self.nav.count()):
                if self.nav.item(row).data(SavedViewRole) == current:
                    self.nav.setCurrentRow(row)
        self.nav.blockSignals(False)

    def object_row(self, object_type: str) -> int | None:
        """The navigation row of the object's own list."""
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if not self.is_saved_view(item) and item.data(ObjectRole) == object_type:
                return row
        return None

    @staticmethod
    def is_saved_view(item: QListWidgetItem) -> bool:
        return bool(item.data(SavedViewRole))

    def current_view_id(self) -> str | None:
        item = self.nav.currentItem()
        view_id = None if item is None else item.data(SavedViewRole)
        return str(view_id) if view_id else None

    def view_items(self) -> list[tuple[str, str]]:
        """(object type, name) of each saved view in the navigation, top to bottom."""
        return [
            (item.data(ObjectRole), self.views[item.data(SavedViewRole)].name)
            for item in (self.nav.item(r) for r in range(self.nav.count()))
            if item.data(SavedViewRole) in self.views
        ]

    def select(self, view_id: str) -> bool:
        """Open a saved view by selecting its navigation item."""
        if not view_id:
            return False
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if item.data(SavedViewRole) == view_id:
                if self.nav.currentRow() == row:
                    self._clicked(item)
                else:
                    self.nav.setCurrentRow(row)
                return True
        return False

    @Slot(QListWidgetItem)
    def _clicked(self, item: QListWidgetItem) -> None:
        """A click on the saved view already current puts the list back as saved (the
        user may have changed its filters since)."""
        info = self.views.get(item.data(SavedViewRole) or "")
        view = None if info is None else self.window.lists.get(info.object_type)
        if info is None or view is None or self.nav.currentItem() is not item:
            return
        if view.view_definition() != info.definition:
            self.navigated(item, view)

    # --- opening ----------------------------------------------------------------------------
    def navigated(self, item: QListWidgetItem | None, view: RecordListView) -> None:
        """The navigation showed `view`: apply the saved view if the item is one."""
        view_id = None if item is None else item.data(SavedViewRole)
        if not view_id:
            self.opened.pop(view.object_type, None)
            return
        info = self.views.get(view_id)
        if info is None:
            return
        self.opened[view.object_type] = view_id
        dropped = view.apply_definition(info.definition)
        if dropped:
            self.window.statusBar().showMessage(
                self.tr("The view “{name}” names columns this list no longer has: {keys}.").format(
                    name=info.name, keys=", ".join(dropped)
                ),
                STATUS_TIMEOUT_MS,
            )

    def attach(self, view: RecordListView) -> None:
        view.sig_save_view.connect(lambda: self.ask_save(view))

    # --- writing ----------------------------------------------------------------------------
    def ask_save(self, view: RecordListView) -> None:
        opened = self.views.get(self.opened.get(view.object_type, ""))
        name, accepted = QInputDialog.getText(
            self.window,
            self.tr("Save view"),
            self.tr("Name of the view of {objects} (filters, sort and columns):").format(
                objects=object_label(view.object_type).lower()
            ),
            QLineEdit.EchoMode.Normal,
            opened.name if opened is not None else "",
        )
        if not accepted:
            return
        same = [
            v
            for v in self.views.values()
            if v.object_type == view.object_type
            and v.name.casefold() == " ".join(name.split()).casefold()
        ]
        if same:
            answer = QMessageBox.question(
                self.window,
                self.tr("Save view"),
                self.tr("Replace the view “{name}” with these filters, sort and columns?").format(
                    name=same[0].name
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.save(view, name)

    def save(self, view: RecordListView, name: str) -> None:
        db, definition, object_type = self.window.db, view.view_definition(), view.object_type

        def run(progress: Progress) -> SavedViewInfo:
            with db.session() as session, session.begin():
                return save_view(session, object_type, name, definition, db.current_user_id)

        def saved(info: SavedViewInfo) -> None:
            self.opened[object_type] = info.id
            self._highlight = info.id
            self.window.statusBar().showMessage(
                self.tr("Saved the view “{name}”.").format(name=info.name), STATUS_TIMEOUT_MS
            )

        self._write(run, self.tr("Saving the view"), saved)

    def ask_rename(self, view_id: str | None) -> None:
        info = self.views.get(view_id or "")
        if info is None:
            return
        name, accepted = QInputDialog.getText(
            self.window,
            self.tr("Rename view"),
            self.tr("New name of the view:"),
            QLineEdit.EchoMode.Normal,
            info.name,
        )
        if accepted:
            self.rename(info.id, name)

    def rename(self, view_id: str, name: str) -> None:
        db = self.window.db

        def run(progress: Progress) -> SavedViewInfo:
            with db.session() as session, session.begin():
                return rename_view(session, view_id, name)

        self._write(run, self.tr("Renaming the view"), lambda info: None)

    def ask_delete(self, view_id: str | None) -> None:
        info = self.views.get(view_id or "")
        if info is None:
            return
        answer = QMessageBox.question(
            self.window,
            self.tr("Delete view"),
            self.tr(
                "Delete the view “{name}”? The records stay; the view goes to the trash and "
                "Undo in Recent changes brings it back."
            ).format(name=info.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(info.id)

    def delete(self, view_id: str) -> None:
        db = self.window.db
        info = self.views.get(view_id)
        if info is not None and self.current_view_id() == view_id:
            self.window.open_list(info.object_type)

        def run(progress: Progress) -> str:
            with db.session() as session, session.begin():
                return delete_view(session, view_id)

        def deleted(name: str) -> None:
            self.window.statusBar().showMessage(
                self.tr("Deleted the view “{name}”.").format(name=name), STATUS_TIMEOUT_MS
            )

        self._write(run, self.tr("Deleting the view"), deleted)

    def _write(self, run: Callable[[Progress], T], label: str, done: Callable[[T], None]) -> None:
        job = self.window._job(run, label, refusals=(SavedViewError,))
        job.on_success(done)
        job.on_finished(lambda outcome: self.window.refresh())
        job.start()

    # --- menu -------------------------------------------------------------------------------
    @Slot(QPoint)
    def _menu(self, position: QPoint) -> None:
        item = self.nav.itemAt(position)
        view_id = None if item is None else item.data(SavedViewRole)
        if item is None or not view_id:
            return
        self.nav.setCurrentItem(item)
        menu = QMenu(self.nav)
        menu.addAction(self.tr("&Open"), lambda: self.select(view_id))
        menu.addAction(self.tr("&Rename…"), lambda: self.ask_rename(view_id))
        menu.addAction(self.tr("&Delete"), lambda: self.ask_delete(view_id))
        menu.popup(self.nav.viewport().mapToGlobal(position))
