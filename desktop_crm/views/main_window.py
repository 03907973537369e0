"""The main window: the first-run screen on an empty database, else the overview; the
menus for sample data, backups and undo; the database in the status bar.

Every database access runs as a `Job` on the single database worker, so the window stays
responsive and writes never overlap. The object lists and forms replace the overview's
central place when the workspace lands; the window's frame (menus, jobs, status) stays.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QByteArray, QLocale, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_crm import APP_NAME, __version__
from desktop_crm.models import OBJECT_MODELS
from desktop_crm.models.database import Database, head_revision
from desktop_crm.services.backup import backup, timestamped_name
from desktop_crm.services.bootstrap import ensure_default_pipeline
from desktop_crm.services.pipeline_board import StageHooks
from desktop_crm.services.progress import Progress
from desktop_crm.services.record_lists import Condition
from desktop_crm.services.sample_data import DemoReport, generate
from desktop_crm.services.undo import UndoError, redo, undo
from desktop_crm.translations import SETTINGS_KEY as LANGUAGE_KEY
from desktop_crm.views.dashboard_view import DashboardView
from desktop_crm.views.first_run import DEFAULT_SAMPLE_CONTACTS, MAX_SAMPLE_CONTACTS, FirstRunPage
from desktop_crm.views.import_wizard import ImportWizard
from desktop_crm.views.overview_page import (
    OverviewData,
    OverviewPage,
    object_label,
    read_overview,
)
from desktop_crm.views.pipeline_view import PipelineView
from desktop_crm.views.quality_pages import DUPLICATES, HEALTH, make_quality_page
from desktop_crm.views.record_actions import RecordActions
from desktop_crm.views.record_form import RecordFormPage
from desktop_crm.views.record_list_view import RecordListView
from desktop_crm.views.record_locator import locate_record
from desktop_crm.views.saved_views_nav import SavedViewsNavigator
from desktop_crm.views.search_palette import SearchPalette
from desktop_crm.views.trash_view import TrashView
from desktop_crm.widgets.job import Job, JobRunner

T = TypeVar("T")

STATUS_TIMEOUT_MS = 10_000
#: The navigation entry of the dashboard (the others are object types, or None).
DASHBOARD = "dashboard"
#: The navigation entry of the pipeline board (its item data; object types are the others).
PIPELINE_PAGE = "pipeline_board"
#: The navigation entry of the Trash.
TRASH = "trash"


class MainWindow(QMainWindow):
    def __init__(
        self,
        db: Database,
        *,
        language: str = "en",
        settings: QSettings | None = None,
        runner: JobRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.language = language
        self.settings = settings if settings is not None else QSettings()
        self.runner = runner
        self.overview: OverviewData | None = None
        self.setWindowTitle(self.tr("{name} — {app}").format(name=db.path.stem, app=APP_NAME))
        self.setMinimumSize(720, 480)

        self.first_run_page = FirstRunPage(db.path, language)
        self.first_run_page.sig_load_sample.connect(self.load_sample_data)
        self.first_run_page.sig_start_empty.connect(self.start_empty)
        self.first_run_page.sig_import.connect(self.import_from_first_run)
        self.overview_page = OverviewPage()
        self.overview_page.sig_undo.connect(self.undo_operation)
        self.overview_page.sig_redo.connect(self.redo_operation)
        self.loading_label = QLabel(self.tr("Opening…"))
        self.pages = QStackedWidget()
        for page in (self.loading_label, self.first_run_page, self.overview_page):
            self.pages.addWidget(page)
        #: Object lists by object type, made the first time they are opened.
        self.lists: dict[str, RecordListView] = {}
        #: The dashboard, made the first time it is opened.
        self.dashboard: DashboardView | None = None
        self._stale_lists: set[str] = set()
        #: The pipeline board, made the first time it is opened.
        self.pipeline_view: PipelineView | None = None
        self._pipeline_stale = False
        #: Delete, restore, purge, bulk edit and the undo stack (views/record_actions.py).
        self.record_actions = RecordActions(
            db, parent_widget=self, settings=self.settings, runner=runner
        )
        self.record_actions.sig_changed.connect(self._records_changed)
        self.record_actions.sig_deleted.connect(self._records_deleted)
        #: The open record form (a page of the stack) and the page Back returns to.
        self.form: RecordFormPage | None = None
        self._form_return: QWidget | None = None
        self.trash_view: TrashView | None = None
        #: The import wizard while it is open.
        self.import_wizard: ImportWizard | None = None
        #: Called inside every stage change of a deal (services.pipeline_board.StageHooks):
        #: where automation registers what entering a stage does.
        self.stage_hooks = StageHooks()

        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        self.nav.setSpacing(3)
        #: Data-quality pages (Duplicates, Data health), made the first time they are opened.
        self.quality_pages: dict[str, QWidget] = {}
        # Steering first (overview, dashboard, board), then the objects, then housekeeping.
        entries: list[tuple[str | None, str]] = [
            (None, self.tr("Overview")),
            (DASHBOARD, self.tr("Dashboard")),
            (PIPELINE_PAGE, self.tr("Pipeline")),
            *((object_type, object_label(object_type)) for object_type in OBJECT_MODELS),
            (DUPLICATES, self.tr("Duplicates")),
            (HEALTH, self.tr("Data health")),
            (TRASH, self.tr("Trash")),
        ]
        for key, text in entries:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.setMinimumWidth(self.nav.sizeHintForColumn(0) + 90)
        self.nav.currentItemChanged.connect(self._navigate)
        self.nav.itemClicked.connect(self._navigate_again)
        self.nav.setVisible(False)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        self.setCentralWidget(splitter)

        self.list_count_label = QLabel()
        self.statusBar().addPermanentWidget(self.list_count_label)
        self.setWindowFilePath(str(db.path))
        self.search_palette = SearchPalette(db, self)
        self.search_palette.sig_open_record.connect(self.open_found_record)
        self.saved_views = SavedViewsNavigator(self)
        self._build_menus()
        self._restore_geometry()
        self.refresh()

    # --- building ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.sample_action = QAction(self.tr("Load &sample data…"), self)
        self.sample_action.triggered.connect(self.ask_sample_data)
        self.import_action = QAction(self.tr("&Import…"), self)
        self.import_action.setShortcut(
            QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_I)
        )
        self.import_action.setToolTip(
            self.tr("Import contacts, accounts, leads or deals from a CSV, Excel or vCard file")
        )
        self.import_action.triggered.connect(lambda: self.open_import_wizard())
        self.backup_action = QAction(self.tr("&Back up database…"), self)
        self.backup_action.triggered.connect(self.ask_backup)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.sample_action)
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.record_actions.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.record_actions.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh)
        view_menu.addAction(self.refresh_action)
        # Ctrl+K searches everything, everywhere. Find (Ctrl+F) does too, except on a list,
        # where it keeps its narrower meaning: the list's own quick filter. Only one of the
        # two Find actions is live at a time, so the shortcut is never ambiguous.
        self.search_action = QAction(self.tr("&Search everything…"), self)
        self.search_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_K))
        self.search_action.triggered.connect(self.search_palette.open)
        view_menu.addAction(self.search_action)
        self.find_action = QAction(self.tr("Search everything"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.search_palette.open)
        self.addAction(self.find_action)
        self.pages.currentChanged.connect(
            lambda: self.find_action.setEnabled(
                not isinstance(self.pages.currentWidget(), RecordListView)
            )
        )
        view_menu.addSeparator()
        self._build_language_menu(view_menu.addMenu(self.tr("&Language")))

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About {app}").format(app=APP_NAME), self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _build_language_menu(self, menu: QMenu) -> None:
        """The interface language: the system's, or one chosen here for next start (Qt
        builds menus and labels once, so switching live would leave half the window in
        the old language)."""
        group = QActionGroup(self)
        chosen = self.settings.value(LANGUAGE_KEY, "")
        for code, label in (
            ("", self.tr("System language")),
            ("en", "English"),
            ("fr", "Français"),
        ):
            action = QAction(label, self, checkable=True)
            action.setData(code)
            action.setChecked(code == chosen)
            action.triggered.connect(lambda checked, code=code: self.choose_language(code))
            group.addAction(action)
            menu.addAction(action)
        self.language_actions = group

    @Slot(str)
    def choose_language(self, code: str) -> None:
        self.settings.setValue(LANGUAGE_KEY, code)
        self.statusBar().showMessage(
            self.tr("The interface will use this language the next time you start {app}.").format(
                app=APP_NAME
            ),
            STATUS_TIMEOUT_MS,
        )

    # --- jobs -------------------------------------------------------------------------------
    def _job(
        self,
        fn: Callable[[Progress], T],
        label: str,
        refusals: tuple[type[Exception], ...] = (),
    ) -> Job[T]:
        return Job(fn, parent=self, label=label, runner=self.runner, refusals=refusals)

    @Slot()
    def refresh(self) -> None:
        """Re-read the counts and recent changes on the worker, then show them."""

        def read(progress: Progress) -> OverviewData:
            with self.db.read_session() as session:
                return read_overview(session)

        self._job(read, self.tr("Reading the database")).on_success(self._show_overview).start()
        self.saved_views.reload()

    def _show_overview(self, data: OverviewData) -> None:
        self.overview = data
        if data.first_run:
            self.nav.setVisible(False)
            self.pages.setCurrentWidget(self.first_run_page)
            return
        self.overview_page.show_data(data)
        for row in range(1, self.nav.count()):
            item = self.nav.item(row)
            object_type = item.data(Qt.ItemDataRole.UserRole)
            if object_type not in OBJECT_MODELS or self.saved_views.is_saved_view(item):
                continue
            item.setText(
                self.tr("{objects}  ({count})").format(
                    objects=object_label(object_type),
                    count=QLocale().toString(data.counts.get(object_type, 0)),
                )
            )
        self.nav.setVisible(True)
        if self.pages.currentWidget() in (self.loading_label, self.first_run_page):
            if self.nav.currentRow() == 0:
                self._navigate(self.nav.item(0))
            else:
                self.nav.setCurrentRow(0)

    def open_list(self, object_type: str) -> RecordListView:
        """Show the list of one object, making it the first time."""
        row = self.saved_views.object_row(object_type)
        if row is not None:
            self.nav.setCurrentRow(row)
        return self.lists[object_type]

    def open_dashboard(self) -> DashboardView:
        """Show the dashboard, making it the first time."""
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == DASHBOARD:
                self.nav.setCurrentRow(row)
        assert self.dashboard is not None
        return self.dashboard

    @Slot(str, object)
    def drill_down(self, object_type: str, conditions: Sequence[Condition]) -> RecordListView:
        """Open a list filtered to exactly the records a dashboard figure counted: the
        quick filter and "mine only" are cleared, so nothing else narrows it."""
        view = self.open_list(object_type)
        view.filter_edit.clear()
        view.mine_check.setChecked(False)
        view.apply_filters()
        view.set_conditions(conditions)
        return view

    def _navigate(self, item: QListWidgetItem | None) -> None:
        object_type = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        if not self._close_form():
            return
        if object_type == TRASH:
            self.open_trash()
            return
        if object_type is None:
            self.pages.setCurrentWidget(self.overview_page)
            self.list_count_label.clear()
            return
        if object_type in (DUPLICATES, HEALTH):
            self.list_count_label.clear()
            self.pages.setCurrentWidget(self.open_quality_page(object_type))
            return
        if object_type == DASHBOARD:
            if self.dashboard is None:
                self.dashboard = DashboardView(
                    self.db, settings=self.settings, runner=self.runner, parent=self
                )
                self.dashboard.sig_drill_down.connect(self.drill_down)
                self.pages.addWidget(self.dashboard)
            elif DASHBOARD in self._stale_lists:
                self.dashboard.refresh()
            self._stale_lists.discard(DASHBOARD)
            self.pages.setCurrentWidget(self.dashboard)
            self.list_count_label.clear()
            return
        if object_type == PIPELINE_PAGE:
            self._show_pipeline()
            return
        view = self.lists.get(object_type)
        if view is None:
            view = RecordListView(
                self.db, object_type, settings=self.settings, runner=self.runner, parent=self
            )
            view.sig_count_changed.connect(self._show_list_count)
            self.saved_views.attach(view)
            view.sig_open_record.connect(lambda t, r: self.open_record(t, r or None))
            view.sig_delete_records.connect(self.record_actions.delete)
            view.sig_bulk_edit.connect(self.record_actions.bulk_edit)
            view.sig_import.connect(self.open_import_wizard)
            self.lists[object_type] = view
            self.pages.addWidget(view)
        elif object_type in self._stale_lists:
            view.refresh()
        self._stale_lists.discard(object_type)
        self.pages.setCurrentWidget(view)
        self.saved_views.navigated(item, view)
        self._show_list_count(
            view.model.rowCount(), len(view.table.selectionModel().selectedRows())
        )
        view.table.setFocus()

    def open_quality_page(self, page: str) -> QWidget:
        """The Duplicates or Data health page, made the first time (views/quality_pages)."""
        if page not in self.quality_pages:
            widget = make_quality_page(self, page)
            self.quality_pages[page] = widget
            self.pages.addWidget(widget)
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == page:
                self.nav.setCurrentRow(row)
        return self.quality_pages[page]

    def open_pipeline(self) -> PipelineView:
        """Show the pipeline board, making it the first time."""
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == PIPELINE_PAGE:
                self.nav.setCurrentRow(row)
        assert self.pipeline_view is not None
        return self.pipeline_view

    def _show_pipeline(self) -> None:
        view = self.pipeline_view
        if view is None:
            view = PipelineView(
                self.db,
                settings=self.settings,
                runner=self.runner,
                hooks=self.stage_hooks,
                parent=self,
            )
            view.sig_open_deal.connect(lambda deal_id: self.open_record("opportunity", deal_id))
            view.sig_changed.connect(self._board_changed)
            self.pipeline_view = view
            self.pages.addWidget(view)
            view.load()
        elif self._pipeline_stale:
            view.refresh()
        self._pipeline_stale = False
        self.list_count_label.clear()
        self.pages.setCurrentWidget(view)
        view.board.setFocus()

    def _board_changed(self) -> None:
        """A move on the board (it re-reads itself): the lists and the overview's recent
        changes are out of date."""
        self._stale_lists.update(self.lists)
        self.refresh()

    def _show_list_count(self, rows: int, selected: int) -> None:
        view = self.pages.currentWidget()
        if not isinstance(view, (RecordListView, TrashView)):
            return
        text = self.tr("{count} {objects}").format(
            count=QLocale().toString(rows), objects=object_label(view.object_type).lower()
        )
        if isinstance(view, TrashView):
            text = self.tr("{count} in the trash").format(count=text)
        if selected:
            text += self.tr(", {count} selected").format(count=QLocale().toString(selected))
        self.list_count_label.setText(text)

    def _lists_changed(self) -> None:
        """After a write: the visible list re-reads now, the others when next shown."""
        current = self.pages.currentWidget()
        for object_type, view in self.lists.items():
            if view is current:
                view.refresh()
            else:
                self._stale_lists.add(object_type)
        if self.dashboard is not None:
            if self.dashboard is current:
                self.dashboard.refresh()
            else:
                self._stale_lists.add(DASHBOARD)
        if self.pipeline_view is not None:
            if self.pipeline_view is current:
                self.pipeline_view.refresh()
            else:
                self._pipeline_stale = True
        if self.trash_view is not None:
            self.trash_view.refresh()

    # --- records: forms, trash (the substance is in record_form.py, record_actions.py) ------
    def open_record(
        self, object_type: str, record_id: str | None, *, links: dict[str, str] | None = None
    ) -> RecordFormPage | None:
        """Show one record's form (record_id None: a new record) in place of the current
        page; Back returns to it. None when the user kept an unsaved form open instead."""
        from_form = self.form is not None and self.pages.currentWidget() is self.form
        if not self._close_form():
            return None
        if self._form_return is None or not from_form:
            self._form_return = self.pages.currentWidget()
        previous = self.form
        form = RecordFormPage(
            self.db,
            object_type,
            record_id,
            settings=self.settings,
            runner=self.runner,
            links=links,
            back_label=self._return_label(),
            parent=self,
        )
        form.sig_saved.connect(self._record_saved)
        form.sig_open_record.connect(lambda t, r: self.open_record(t, r or None))
        form.sig_new_related.connect(
            lambda t, column, r: self.open_record(t, None, links={column: r})
        )
        form.sig_delete.connect(lambda t, r: self.record_actions.delete(t, [r]))
        form.sig_back.connect(self.close_record)
        self.form = form
        self.pages.addWidget(form)
        self.pages.setCurrentWidget(form)
        if previous is not None:
            self.pages.removeWidget(previous)
            previous.deleteLater()
        self.list_count_label.clear()
        return form

    @Slot(str, str)
    def open_found_record(self, object_type: str, record_id: str) -> None:
        """A search hit: its list, with the record selected (filters lifted if they hide
        it), then its form over the list, so Back lands on the record in its list."""
        view = self.open_list(object_type)
        if self.pages.currentWidget() is view:
            locate_record(view, record_id)
            self.open_record(object_type, record_id)

    def _return_label(self) -> str:
        page = self._form_return
        if isinstance(page, (RecordListView, TrashView)):
            label = object_label(page.object_type)
            return self.tr("Trash") if isinstance(page, TrashView) else label
        return self.tr("Overview")

    def close_record(self) -> None:
        """Back from a form to the page it was opened from."""
        if not self._close_form():
            return
        page = self._form_return or self.overview_page
        self._form_return = None
        self.pages.setCurrentWidget(page)
        if isinstance(page, RecordListView) and page.object_type in self._stale_lists:
            self._stale_lists.discard(page.object_type)
            page.refresh()
        page.setFocus()

    def _close_form(self) -> bool:
        """Leave the open form: asks first when it has unsaved changes."""
        form = self.form
        if form is None or self.pages.currentWidget() is not form:
            return True
        if not form.confirm_leave():
            return False
        self.pages.removeWidget(form)
        form.deleteLater()
        self.form = None
        return True

    def _navigate_again(self, item: QListWidgetItem) -> None:
        """A click on the current entry while a form is open goes back to that entry."""
        if self.form is not None and self.pages.currentWidget() is self.form:
            self._navigate(item)

    def open_trash(self) -> TrashView:
        if self.trash_view is None:
            trash = TrashView(self.db, settings=self.settings, runner=self.runner, parent=self)
            trash.sig_restore.connect(self.record_actions.restore)
            trash.sig_purge.connect(self.record_actions.purge)
            trash.sig_open_record.connect(lambda t, r: self.open_record(t, r))
            trash.sig_count_changed.connect(self._show_list_count)
            self.trash_view = trash
            self.pages.addWidget(trash)
        self.pages.setCurrentWidget(self.trash_view)
        current = self.nav.currentItem()
        if current is None or current.data(Qt.ItemDataRole.UserRole) != TRASH:
            self.nav.blockSignals(True)
            for row in range(self.nav.count()):
                if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == TRASH:
                    self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        self.trash_view.table.setFocus()
        return self.trash_view

    def _record_saved(
        self, object_type: str, record_id: str, operation_id: str, label: str
    ) -> None:
        if operation_id:
            self.record_actions.push(operation_id, label)
            self.statusBar().showMessage(
                self.tr("Saved: {label}.").format(label=label), STATUS_TIMEOUT_MS
            )
            self._records_changed(reload_form=False)

    def _records_changed(self, reload_form: bool = True) -> None:
        """After a write, an undo or a redo: lists, counts and the open form re-read."""
        self._lists_changed()
        self.refresh()
        form = self.form
        if reload_form and form is not None and not form.is_dirty():
            form.load()

    def _records_deleted(self, object_type: str, record_ids: list[str]) -> None:
        form = self.form
        if form is not None and form.record_id in record_ids:
            self.close_record()

    @Slot(int, str)
    def load_sample_data(self, contacts: int, language: str) -> None:
        def load(progress: Progress) -> DemoReport:
            return generate(self.db.session, contacts, language=language, progress=progress)

        self._set_busy(True)
        (
            self._job(load, self.tr("Loading sample data"))
            .on_success(self._sample_loaded)
            .on_finished(lambda outcome: self._job_ended())
            .start()
        )

    def _sample_loaded(self, report: DemoReport) -> None:
        total = sum(report.counts.values())
        self.statusBar().showMessage(
            self.tr(
                "Loaded {rows} sample records in {seconds} s. Undo it from Recent changes."
            ).format(
                rows=QLocale().toString(total),
                seconds=QLocale().toString(report.seconds, "f", 1),
            ),
            STATUS_TIMEOUT_MS,
        )

    @Slot()
    def start_empty(self) -> None:
        def create(progress: Progress) -> str:
            with self.db.session() as session, session.begin():
                return ensure_default_pipeline(session, self.language).name

        self._set_busy(True)
        (
            self._job(create, self.tr("Preparing the database"))
            .on_success(
                lambda name: self.statusBar().showMessage(
                    self.tr("Ready, with the sales pipeline “{name}”.").format(name=name),
                    STATUS_TIMEOUT_MS,
                )
            )
            .on_finished(lambda outcome: self._job_ended())
            .start()
        )

    # --- import (views/import_wizard.py) -----------------------------------------------------
    def open_import_wizard(
        self, object_type: str = "contact", path: Path | None = None
    ) -> ImportWizard:
        """The import wizard, window-modal, on `object_type` (and `path`, if given); an
        import refreshes the lists and the overview, and goes on the undo stack."""
        if self.import_wizard is not None and shiboken6.isValid(self.import_wizard):
            self.import_wizard.raise_()
            return self.import_wizard
        wizard = ImportWizard(
            self.db,
            self.record_actions,
            settings=self.settings,
            object_type=object_type,
            runner=self.runner,
            parent=self,
        )
        wizard.sig_imported.connect(lambda _type: self._records_changed())
        wizard.sig_open_list.connect(self.open_list)
        wizard.finished.connect(lambda _result: self._import_wizard_closed(wizard))
        self.import_wizard = wizard
        wizard.open()
        if path is not None:
            wizard.source_page.set_path(path)
        return wizard

    def _import_wizard_closed(self, wizard: ImportWizard) -> None:
        if self.import_wizard is wizard:
            self.import_wizard = None
        wizard.deleteLater()

    @Slot()
    def import_from_first_run(self) -> None:
        """From the welcome screen: the default pipeline first (as "Start empty" makes),
        so imported deals have stages; then the wizard."""
        self.start_empty()
        self.open_import_wizard()

    @Slot(str)
    def undo_operation(self, operation_id: str) -> None:
        self._revert(operation_id, undo, self.tr("Undoing"))

    @Slot(str)
    def redo_operation(self, operation_id: str) -> None:
        self._revert(operation_id, redo, self.tr("Redoing"))

    def _revert(self, operation_id: str, action: Callable[[Session, str], str], label: str) -> None:
        def run(progress: Progress) -> str:
            with self.db.session() as session, session.begin():
                return action(session, operation_id)

        self._set_busy(True)
        (
            self._job(run, label, refusals=(UndoError,))
            .on_finished(lambda outcome: self._job_ended())
            .start()
        )

    def back_up_to(self, destination: Path) -> None:
        def run(progress: Progress) -> Path:
            return backup(self.db, destination)

        def done(copy: Path) -> None:
            self.statusBar().showMessage(
                self.tr("Backed up to {path} and checked.").format(path=copy), STATUS_TIMEOUT_MS
            )

        self._job(run, self.tr("Backing up the database")).on_success(done).start()

    def _set_busy(self, busy: bool) -> None:
        self.first_run_page.set_busy(busy)
        for action in (self.sample_action, self.backup_action, self.import_action):
            action.setEnabled(not busy)
        self.overview_page.setEnabled(not busy)

    def _job_ended(self) -> None:
        self._set_busy(False)
        self.refresh()
        self._lists_changed()

    # --- dialogs ----------------------------------------------------------------------------
    @Slot()
    def ask_sample_data(self) -> None:
        contacts, accepted = QInputDialog.getInt(
            self,
            self.tr("Load sample data"),
            self.tr(
                "Fictitious records to add, as one change you can undo.\nNumber of contacts "
                "(with proportional accounts, deals, activities…):"
            ),
            DEFAULT_SAMPLE_CONTACTS,
            10,
            MAX_SAMPLE_CONTACTS,
            1_000,
        )
        if accepted:
            self.load_sample_data(contacts, self.language)

    @Slot()
    def ask_backup(self) -> None:
        suggested = self.db.path.parent / "backups" / timestamped_name(self.db.path)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Back up database"),
            str(suggested),
            self.tr("Desktop CRM databases (*.sqlite);;All files (*)"),
        )
        if path:
            self.back_up_to(Path(path))

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About {app}").format(app=APP_NAME),
            self.tr(
                "<p><b>{app}</b> {version}</p><p>An offline CRM on a local database.</p>"
                "<p>Database: {path}<br>Schema: {schema}</p>"
            ).format(app=APP_NAME, version=__version__, path=self.db.path, schema=head_revision()),
        )

    # --- window state -----------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            return
        self.resize(1100, 720)

    def closeEvent(self, event: QCloseEvent) -> None:
        runner = self.runner or JobRunner.shared()
        if not runner.is_idle():
            labels = ", ".join(job.label for job in runner.active_jobs())
            answer = QMessageBox.question(
                self,
                self.tr("Quit"),
                self.tr(
                    "{jobs} is still running. Stop it and quit? What it has not finished is "
                    "rolled back; nothing is half-written."
                ).format(jobs=labels),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            runner.stop_all()
        self.search_palette.stop()
        for view in self.lists.values():
            view.save_state()
        self.settings.setValue("main_window/geometry", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
