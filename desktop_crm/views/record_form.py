"""The detail form of one record, any object: fields generated from the object's metadata
(custom fields included) and checked as you type, related lists, and a timeline of
activities and changes.

It opens as a page of the main window's stack, in place of the list it came from (Back
returns to it), because a record with its related lists needs the room. Everything it
reads or writes runs as a Job; what was typed stays in the form until it is saved, so a
save that fails (the database locked by another program) loses nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_crm.models.database import Database
from desktop_crm.services.dedupe import OBJECT_TYPES as DEDUPE_TYPES
from desktop_crm.services.dedupe import Match, possible_duplicates_of
from desktop_crm.services.progress import Progress
from desktop_crm.services.record_fields import (
    FieldKind,
    FieldSpec,
    InputFormat,
    record_fields,
    validate,
)
from desktop_crm.services.records import (
    LISTED_TARGETS,
    NOUNS,
    RecordError,
    RelatedList,
    SaveResult,
    TimelineItem,
    create_record,
    lookup,
    new_record_values,
    options,
    read_record,
    record_label,
    related_lists,
    timeline,
    update_record,
)
from desktop_crm.views.overview_page import object_label
from desktop_crm.widgets.field_editors import (
    FieldEditor,
    LineEditor,
    RelationEditor,
    input_format,
    make_editor,
)
from desktop_crm.widgets.formatting import choice_label, display_text
from desktop_crm.widgets.job import Job, JobRunner

#: The duplicate check runs this long after the last keystroke.
DUPLICATE_DELAY_MS = 500
#: Reads behind the form never pop a progress dialog: the form shows its own state.
NO_DIALOG_MS = 10**9
_ERROR_STYLE = "color: #c62828;"


translate = QCoreApplication.translate


def object_noun(object_type: str) -> str:
    """The singular name of an object, for titles ("New contact")."""
    nouns = {
        "account": translate("RecordForm", "account"),
        "contact": translate("RecordForm", "contact"),
        "lead": translate("RecordForm", "lead"),
        "opportunity": translate("RecordForm", "opportunity"),
        "activity": translate("RecordForm", "activity"),
        "campaign": translate("RecordForm", "campaign"),
        "case": translate("RecordForm", "case"),
    }
    return nouns.get(object_type, NOUNS.get(object_type, (object_type, ""))[0])


@dataclass(frozen=True)
class FormData:
    """Everything the form shows, read in one job."""

    object_type: str
    record_id: str | None
    specs: tuple[FieldSpec, ...]
    values: dict[str, Any]
    relation_labels: dict[str, str]
    title: str
    listed: dict[str, list[tuple[str, str]]]
    related: tuple[RelatedList, ...]
    timeline: tuple[TimelineItem, ...]
    deleted_at: datetime | None = None
    updated_at: datetime | None = None


def read_form_data(
    session: Session,
    object_type: str,
    record_id: str | None,
    owner_id: str | None,
    links: Mapping[str, str] | None = None,
) -> FormData:
    specs = record_fields(session, object_type)
    listed = {
        spec.target: options(session, spec.target)
        for spec in specs
        if spec.kind is FieldKind.RELATION and spec.target in LISTED_TARGETS
    }
    if record_id is None:
        values = new_record_values(session, object_type, specs, owner_id, links)
        labels: dict[str, str] = {}
        for spec in specs:
            value = values.get(spec.key)
            if spec.kind is FieldKind.RELATION and value and spec.target not in LISTED_TARGETS:
                assert spec.target is not None
                labels[spec.key] = record_label(session, spec.target, value) or value
        return FormData(object_type, None, specs, values, labels, "", listed, (), ())
    data = read_record(session, object_type, record_id, specs)
    return FormData(
        object_type,
        record_id,
        specs,
        data.values,
        data.relation_labels,
        data.label,
        listed,
        related_lists(session, object_type, record_id),
        timeline(session, object_type, record_id, specs),
        data.deleted_at,
        data.updated_at,
    )


class RecordFormPage(QWidget):
    """Signals:
    sig_saved(object_type, record_id, operation_id, label): a write was committed
        (operation_id is empty when nothing had changed).
    sig_open_record(object_type, record_id): open another record (a related one, a
        possible duplicate); record_id is empty for a new record.
    sig_new_related(object_type, link_column, record_id): a new record linked to this one.
    sig_delete(object_type, record_id): the user asked to delete this record.
    sig_back(): return to where the form was opened from.
    sig_loaded(): the record is shown (after opening and after each save).
    """

    sig_saved = Signal(str, str, str, str)
    sig_open_record = Signal(str, str)
    sig_new_related = Signal(str, str, str)
    sig_delete = Signal(str, str)
    sig_back = Signal()
    sig_loaded = Signal()

    def __init__(
        self,
        db: Database,
        object_type: str,
        record_id: str | None,
        *,
        settings: QSettings,
        runner: JobRunner | None = None,
        links: Mapping[str, str] | None = None,
        back_label: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.object_type = object_type
        self.record_id = record_id
        self.settings = settings
        self.runner = runner
        self.links = dict(links or {})
        self.fmt: InputFormat = input_format(settings)
        self.data: FormData | None = None
        self.editors: dict[str, FieldEditor] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.errors: dict[str, str] = {}
        self.duplicates: list[Match] = []
        self._initial: dict[str, Any] = {}
        self._saving = False
        self._dup_generation = 0

        self.back_button = QPushButton(
            translate("RecordForm", "← {objects}").format(
                objects=back_label or object_label(object_type)
            )
        )
        self.back_button.setFlat(True)
        self.back_button.clicked.connect(self.sig_back.emit)
        back = QAction(self)
        back.setShortcut(QKeySequence.StandardKey.Back)
        back.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.triggered.connect(self.sig_back.emit)
        self.addAction(back)
        self.title_label = QLabel()
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_label = QLabel()
        self.state_label.setEnabled(False)
        self.save_button = QPushButton(translate("RecordForm", "&Save"))
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        save = QAction(self)
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.triggered.connect(self.save)
        self.addAction(save)
        self.delete_button = QPushButton(translate("RecordForm", "&Delete…"))
        self.delete_button.clicked.connect(self._ask_delete)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.state_label)
        top.addWidget(self.delete_button)
        top.addWidget(self.save_button)

        #: The non-blocking "possible duplicate of …" note, with links to the records.
        self.duplicate_label = QLabel()
        self.duplicate_label.setWordWrap(True)
        self.duplicate_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.duplicate_label.setContentsMargins(8, 4, 8, 4)
        self.duplicate_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.duplicate_label.linkActivated.connect(self._open_link)
        self.duplicate_label.setVisible(False)
        #: Refusals of the last save that belong to no field, and the trash notice.
        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        self.notice_label.setVisible(False)

        self.form_widget = QWidget()
        self.form_layout = QVBoxLayout(self.form_widget)
        self.form_layout.setContentsMargins(0, 0, 8, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form_widget)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.splitter = QSplitter()
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        self._dup_timer = QTimer(self)
        self._dup_timer.setSingleShot(True)
        self._dup_timer.setInterval(DUPLICATE_DELAY_MS)
        self._dup_timer.timeout.connect(self._check_duplicates)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.duplicate_label)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.splitter, 1)
        self.title_label.setText(translate("RecordForm", "Opening…"))
        self.load()

    # --- loading ----------------------------------------------------------------------------
    def _alive(self) -> bool:
        """False once the page is deleted (closed while one of its jobs ran)."""
        return shiboken6.isValid(self) and shiboken6.isValid(self.title_label)

    def _job(self, fn: Any, label: str, *, quiet: bool = True) -> Job[Any]:
        return Job(
            fn,
            parent=self,
            label=label,
            runner=self.runner,
            show_dialog_after_ms=NO_DIALOG_MS if quiet else 400,
            refusals=(RecordError,),
        )

    def load(self) -> None:
        object_type, record_id, links = self.object_type, self.record_id, dict(self.links)
        owner = self.db.current_user_id

        def read(progress: Progress) -> FormData:
            with self.db.read_session() as session:
                return read_form_data(session, object_type, record_id, owner, links)

        self._job(read, translate("RecordForm", "Opening the record")).on_success(
            self._show
        ).start()

    def _show(self, data: FormData) -> None:
        if not self._alive():
            return
        first = self.data is None or [s.key for s in self.data.specs] != [s.key for s in data.specs]
        self.data = data
        if first:
            self._build_fields(data)
            # Fields and related records share the width about evenly.
            width = max(self.splitter.width(), 800)
            self.splitter.setSizes([width * 9 // 20, width * 11 // 20])
        for spec in data.specs:
            self.editors[spec.key].set_stored(
                data.values.get(spec.key), self.fmt, data.relation_labels.get(spec.key)
            )
        currency = data.values.get("currency")
        for editor in self.editors.values():
            if isinstance(editor, LineEditor):
                editor.set_currency(currency if isinstance(currency, str) else "EUR")
        self._initial = self.typed()
        self._show_title()
        self._show_related(data)
        deleted = data.deleted_at is not None
        self.notice_label.setVisible(deleted)
        if deleted:
            self.notice_label.setText(
                translate(
                    "RecordForm",
                    "This record is in the trash: restore it from the Trash to edit it.",
                )
            )
        self.form_widget.setEnabled(not deleted)
        self.delete_button.setVisible(data.record_id is not None and not deleted)
        self.validate_now()
        self.sig_loaded.emit()

    def _show_title(self) -> None:
        if self.data is None:
            return
        if self.data.record_id is None:
            title = translate("RecordForm", "New {object}").format(
                object=object_noun(self.object_type)
            )
        else:
            title = self.data.title or object_noun(self.object_type)
        self.title_label.setText(title)

    def _build_fields(self, data: FormData) -> None:
        while self.form_layout.count():
            item = self.form_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.editors.clear()
        self.error_labels.clear()
        sections: dict[str, QFormLayout] = {}
        row_labels: list[QLabel] = []
        first_editor: FieldEditor | None = None
        for spec in data.specs:
            form = sections.get(spec.section)
            if form is None:
                box = QGroupBox(QCoreApplication.translate("Sections", spec.section))
                form = QFormLayout(box)
                form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
                sections[spec.section] = form
                self.form_layout.addWidget(box)
            editor = make_editor(spec, lookup=self._lookup, listed=data.listed)
            editor.sig_changed.connect(self._field_changed)
            if isinstance(editor, RelationEditor):
                editor.sig_open.connect(self.sig_open_record.emit)
            error = QLabel()
            error.setStyleSheet(_ERROR_STYLE)
            error.setWordWrap(True)
            error.setVisible(False)
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(1)
            cell_layout.addWidget(editor)
            cell_layout.addWidget(error)
            label = QCoreApplication.translate("Columns", spec.label)
            row_label = QLabel(label + (" *" if spec.required else ""))
            row_label.setBuddy(editor.focus_widget())
            row_labels.append(row_label)
            form.addRow(row_label, cell)
            self.editors[spec.key] = editor
            self.error_labels[spec.key] = error
            first_editor = first_editor or editor
        self.form_layout.addStretch(1)
        # One label column across the sections, so the fields line up from box to box.
        width = max((row.sizeHint().width() for row in row_labels), default=0)
        for row in row_labels:
            row.setMinimumWidth(width)
        # Shown now rather than at the layout's queued show, so what validation shows or
        # hides next is on screen at once.
        for index in range(self.form_layout.count()):
            item = self.form_layout.itemAt(index)
            section = item.widget() if item is not None else None
            if section is not None:
                section.show()
        if first_editor is not None:
            first_editor.focus_widget().setFocus()

    def _lookup(self, target: str, typed: str) -> list[tuple[str, str]]:
        """Names for a relation editor: one indexed query of at most 20 rows, on the GUI
        thread like the list pages (a few milliseconds, never blocked in WAL mode)."""
        with self.db.read_session() as session:
            return lookup(session, target, typed)

    # --- related lists and timeline ---------------------------------------------------------
    def _show_related(self, data: FormData) -> None:
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.related_views: dict[str, QTreeWidget] = {}
        self.timeline_view = self._tree(
            [
                translate("RecordForm", "When"),
                translate("RecordForm", "What"),
                translate("RecordForm", "By"),
            ]
        )
        self.timeline_view.setWordWrap(True)
        for entry in data.timeline:
            self.timeline_view.addTopLevelItem(self._timeline_item(entry))
        self.timeline_view.itemActivated.connect(lambda item, _c: self._open_item("activity", item))
        header = self.timeline_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        if data.record_id is not None:
            self.tabs.addTab(
                self.timeline_view,
                translate("RecordForm", "Timeline ({count})").format(
                    count=QLocale().toString(len(data.timeline))
                ),
            )
        for related in data.related:
            page = QWidget()
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(0, 4, 0, 0)
            view = self._tree(
                [QCoreApplication.translate("Columns", c.label) for c in related.columns]
            )
            for record_id, values in related.rows:
                cells = []
                currency_at = len(related.columns)
                for column, spec in enumerate(related.columns):
                    currency = None
                    if spec.currency_key is not None:
                        currency = values[currency_at]
                        currency_at += 1
                    cells.append(display_text(spec, values[column], currency))
                item = QTreeWidgetItem(cells)
                item.setData(0, Qt.ItemDataRole.UserRole, record_id)
                view.addTopLevelItem(item)
            if related.total > len(related.rows):
                more = QTreeWidgetItem(
                    [
                        translate("RecordForm", "… and {count} more").format(
                            count=QLocale().toString(related.total - len(related.rows))
                        )
                    ]
                )
                more.setDisabled(True)
                view.addTopLevelItem(more)
            view.itemActivated.connect(
                lambda item, _c, t=related.object_type: self._open_item(t, item)
            )
            for column in range(view.columnCount()):
                view.resizeColumnToContents(column)
            page_layout.addWidget(view, 1)
            if data.record_id is not None:
                new = QPushButton(
                    translate("RecordForm", "New {object}…").format(
                        object=object_noun(related.object_type)
                    )
                )
                new.clicked.connect(
                    lambda _=False, r=related: self.sig_new_related.emit(
                        r.object_type, r.link_column, data.record_id or ""
                    )
                )
                row = QHBoxLayout()
                row.addStretch(1)
                row.addWidget(new)
                page_layout.addLayout(row)
            title = QCoreApplication.translate("Related", related.title)
            self.tabs.addTab(page, f"{title} ({QLocale().toString(related.total)})")
            self.related_views[related.title] = view
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)
        self.tabs.setVisible(self.tabs.count() > 0)

    def _tree(self, headers: list[str]) -> QTreeWidget:
        view = QTreeWidget()
        view.setHeaderLabels(headers)
        view.setRootIsDecorated(False)
        view.setAlternatingRowColors(True)
        view.setUniformRowHeights(False)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        return view

    def _timeline_item(self, entry: TimelineItem) -> QTreeWidgetItem:
        moment = QDateTime.fromMSecsSinceEpoch(round(entry.at.timestamp() * 1000))
        when = QLocale().toString(moment, QLocale.FormatType.ShortFormat)
        if entry.kind == "activity":
            kind = choice_label(entry.activity_type or "activity")
            what = f"{kind}: {entry.title}"
            if entry.done:
                what += " ✓"
        else:
            what = entry.title
        if entry.detail:
            what += "\n" + entry.detail
        item = QTreeWidgetItem([when, what, entry.actor or ""])
        if entry.record_id:
            item.setData(0, Qt.ItemDataRole.UserRole, entry.record_id)
        else:
            item.setForeground(1, self.palette().placeholderText())
        item.setToolTip(1, what)
        return item

    def _open_item(self, object_type: str, item: QTreeWidgetItem) -> None:
        record_id = item.data(0, Qt.ItemDataRole.UserRole)
        if record_id:
            self.sig_open_record.emit(object_type, str(record_id))

    @Slot(str)
    def _open_link(self, href: str) -> None:
        kind, _, record_id = href.partition(":")
        if kind == "record" and record_id:
            self.sig_open_record.emit(self.object_type, record_id)

    # --- validation -------------------------------------------------------------------------
    def typed(self) -> dict[str, Any]:
        return {key: editor.typed() for key, editor in self.editors.items()}

    def is_dirty(self) -> bool:
        return self.data is not None and self.typed() != self._initial

    def _field_changed(self) -> None:
        self.validate_now()
        if self.object_type in DEDUPE_TYPES:
            self._dup_timer.start()

    def validate_now(self) -> dict[str, str]:
        """Check every field and show each error next to its field; Save is enabled only
        for a changed, valid record."""
        if self.data is None:
            return {}
        checked = validate(self.data.specs, self.typed(), self.fmt)
        errors = dict(checked.errors)
        for key, editor in self.editors.items():
            problem = editor.problem()
            if problem and key not in errors:
                errors[key] = problem
            if isinstance(editor, LineEditor):
                editor.set_link_valid(key not in errors)
                if editor.spec.kind is FieldKind.PHONE and editor.spec.derived_key:
                    editor.set_phone_link(checked.values.get(editor.spec.derived_key))
        self._set_errors(errors)
        return errors

    def _set_errors(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        for key, label in self.error_labels.items():
            message = errors.get(key)
            label.setText(message or "")
            label.setVisible(bool(message))
        self._update_state()

    def _update_state(self) -> None:
        dirty = self.is_dirty()
        editable = self.data is not None and self.data.deleted_at is None
        self.save_button.setEnabled(editable and dirty and not self.errors and not self._saving)
        if self._saving:
            state = translate("RecordForm", "Saving…")
        elif self.errors:
            count = len(self.errors)
            state = translate("RecordForm", "{count} field(s) to correct").format(count=count)
        elif dirty:
            state = translate("RecordForm", "Unsaved changes")
        else:
            state = ""
        self.state_label.setText(state)

    # --- saving -----------------------------------------------------------------------------
    @Slot()
    def save(self) -> None:
        if self.data is None or self._saving or self.validate_now() or not self.is_dirty():
            return
        typed = self.typed()
        object_type, record_id, fmt = self.object_type, self.record_id, self.fmt
        specs, owner = self.data.specs, self.db.current_user_id

        def write(progress: Progress) -> SaveResult:
            with self.db.session() as session, session.begin():
                if record_id is None:
                    return create_record(
                        session, object_type, typed, owner_id=owner, fmt=fmt, specs=specs
                    )
                return update_record(session, object_type, record_id, typed, fmt=fmt, specs=specs)

        self._saving = True
        self._update_state()
        job = self._job(write, translate("RecordForm", "Saving"), quiet=False)
        job.on_success(self._saved)
        job.on_failure(self._save_failed)
        job.on_finished(lambda outcome: self._save_ended())
        job.start()

    def _save_ended(self) -> None:
        if not self._alive():
            return
        self._saving = False
        self._update_state()

    def _saved(self, result: SaveResult) -> None:
        if not self._alive():
            return
        if not result.ok:
            self._saving = False
            self._set_errors({**self.errors, **result.errors})
            self.notice_label.setText(
                translate("RecordForm", "Not saved: correct the fields marked in red.")
            )
            self.notice_label.setVisible(True)
            return
        self.notice_label.setVisible(False)
        assert result.record_id is not None
        self.record_id = result.record_id
        self.sig_saved.emit(
            self.object_type, result.record_id, result.operation_id or "", result.label
        )
        self.load()

    def _save_failed(self, error: BaseException) -> None:
        """The job shows the message; the form keeps every typed value for another try."""
        if not self._alive():
            return
        self.notice_label.setText(
            translate(
                "RecordForm",
                "Not saved: {reason} What you typed is kept; save again when it is solved.",
            ).format(reason=str(error))
        )
        self.notice_label.setVisible(True)

    # --- duplicates -------------------------------------------------------------------------
    def _check_duplicates(self) -> None:
        if self.data is None or self.object_type not in DEDUPE_TYPES:
            return
        fields = {
            key: value
            for key, value in self.typed().items()
            if not key.startswith("cf:") and isinstance(value, str) and value.strip()
        }
        if not any(
            fields.get(k)
            for k in ("last_name", "name", "email", "phone_raw", "siren", "mobile_raw", "website")
        ):
            self._show_duplicates(self._dup_generation, [])
            return
        self._dup_generation += 1
        generation, object_type, exclude = self._dup_generation, self.object_type, self.record_id

        def find(progress: Progress) -> list[Match]:
            with self.db.read_session() as session:
                return possible_duplicates_of(session, object_type, fields, exclude_id=exclude)

        job = self._job(find, translate("RecordForm", "Looking for duplicates"))
        job.on_success(lambda found: self._show_duplicates(generation, found))
        job.start()

    def _show_duplicates(self, generation: int, found: list[Match]) -> None:
        if not self._alive():
            return
        if generation != self._dup_generation:
            return
        self.duplicates = found
        if not found:
            self.duplicate_label.setVisible(False)
            self.duplicate_label.clear()
            return
        links = [
            f'<a href="record:{m.record_id}">{_escape(m.label)}</a> '
            f"({_escape(', '.join(m.reasons))})"
            for m in found[:3]
        ]
        self.duplicate_label.setText(
            translate("RecordForm", "Possible duplicate of {records}. You can still save.").format(
                records="; ".join(links)
            )
        )
        self.duplicate_label.setVisible(True)

    # --- deleting ---------------------------------------------------------------------------
    def _ask_delete(self) -> None:
        if self.record_id is not None:
            self.sig_delete.emit(self.object_type, self.record_id)

    def discard_changes(self) -> None:
        """Put the stored values back in every field (what was typed is dropped)."""
        if self.data is not None:
            self._show(self.data)

    def confirm_leave(self) -> bool:
        """Before the form goes away: unsaved changes are saved, dropped, or kept (False)."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            translate("RecordForm", "Unsaved changes"),
            translate("RecordForm", "“{title}” has unsaved changes. Drop them?").format(
                title=self.title_label.text()
            ),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
