"""The Duplicates view: scan contacts, accounts or leads, review each group side by side,
mark "not a duplicate" or merge (and unmerge).

The scan is `dedupe.scan_duplicates` run as a cancellable Job on a read session; a group's
records are read again (`merge.preview_merge`) when it is selected, so a record deleted or
merged since the scan is left out with a word, never merged by surprise. A group bigger than
a merge can take (`merge.MAX_MERGE`, usually a chain of loose matches) is shown with its
first records ticked only; the user ticks the ones that are one.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_crm.models.database import Database
from desktop_crm.services import dedupe
from desktop_crm.services.merge import (
    MAX_MERGE,
    MergeError,
    MergePreview,
    MergeReport,
    preview_merge,
)
from desktop_crm.services.progress import Progress
from desktop_crm.services.undo import UndoError, undo
from desktop_crm.views.import_wizard_parts import match_reason
from desktop_crm.views.merge_dialog import MergeDialog
from desktop_crm.views.overview_page import object_label
from desktop_crm.widgets.job import Job, JobRunner

#: Records shown side by side at most; a bigger group lists the rest as "… more".
MAX_COLUMNS = 8
#: Pairs whose reasons are listed under a group.
SHOWN_PAIRS = 6

GroupRole = Qt.ItemDataRole.UserRole + 1  #: the DuplicateGroup of a group row


class DuplicatesView(QWidget):
    """Signals:
    sig_changed(): records were merged, unmerged or marked; lists and counts are stale.
    """

    sig_changed = Signal()

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
        self.result: dedupe.ScanResult | None = None
        self.scan_job: Job[dedupe.ScanResult] | None = None
        self.preview: MergePreview | None = None
        self.merge_dialog: MergeDialog | None = None
        #: The last merge made here, for the Unmerge button.
        self.last_merge: MergeReport | None = None
        #: The records last marked "not a duplicate" (not journaled: undone here).
        self.last_marked: tuple[str, list[str]] | None = None
        self._shown_ids: tuple[str, ...] = ()

        self.object_combo = QComboBox()
        for object_type in dedupe.OBJECT_TYPES:
            self.object_combo.addItem(object_label(object_type), object_type)
        self.object_combo.setAccessibleName(self.tr("Records to scan"))
        self.object_combo.currentIndexChanged.connect(self._object_changed)
        self.threshold_spin = QSpinBox()
        self.threshold_spin.setRange(30, 100)
        self.threshold_spin.setValue(dedupe.DEFAULT_THRESHOLD)
        self.threshold_spin.setToolTip(
            self.tr("Pairs scoring at least this much (0–100) are shown as duplicates.")
        )
        saved = str(settings.value("duplicates/threshold", ""))
        if saved.isdigit():
            self.threshold_spin.setValue(int(saved))
        self.set_object_type(str(settings.value("duplicates/object", "contact")))
        self.scan_button = QPushButton(self.tr("&Scan"))
        self.scan_button.setDefault(True)
        self.scan_button.clicked.connect(self.start_scan)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_scan)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setVisible(False)
        self.summary_label = QLabel(
            self.tr("Choose what to look in and press Scan. Nothing is changed until you merge.")
        )
        self.summary_label.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Look for duplicate")))
        bar.addWidget(self.object_combo)
        bar.addWidget(QLabel(self.tr("Minimum score")))
        bar.addWidget(self.threshold_spin)
        bar.addWidget(self.scan_button)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.progress_bar)
        bar.addStretch(1)

        self.groups_tree = QTreeWidget()
        self.groups_tree.setHeaderLabels([self.tr("Score"), self.tr("Records"), self.tr("Names")])
        self.groups_tree.setRootIsDecorated(False)
        self.groups_tree.setUniformRowHeights(True)
        self.groups_tree.setAlternatingRowColors(True)
        self.groups_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.groups_tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.groups_tree.currentItemChanged.connect(self._group_selected)

        self.group_title = QLabel()
        title_font = self.group_title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        title_font.setBold(True)
        self.group_title.setFont(title_font)
        self.reasons_label = QLabel()
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet("QLabel { color: #9a5b00; }")
        self.warning_label.setVisible(False)
        self.side_by_side = QTableWidget()
        self.side_by_side.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.side_by_side.setWordWrap(False)
        self.side_by_side.horizontalHeader().setDefaultSectionSize(210)
        self.side_by_side.itemChanged.connect(self._tick_changed)
        self.not_duplicate_button = QPushButton(self.tr("&Not a duplicate"))
        self.not_duplicate_button.setToolTip(
            self.tr("Remember that the ticked records are different: later scans keep them apart.")
        )
        self.not_duplicate_button.clicked.connect(self.mark_not_duplicate)
        self.merge_button = QPushButton(self.tr("&Merge…"))
        self.merge_button.clicked.connect(self.open_merge_dialog)
        self.unmark_button = QPushButton(self.tr("Undo “not a duplicate”"))
        self.unmark_button.setToolTip(
            self.tr("Forget the last “not a duplicate” mark: the next scan shows them again.")
        )
        self.unmark_button.setEnabled(False)
        self.unmark_button.clicked.connect(self.unmark_last)
        self.unmerge_button = QPushButton(self.tr("&Unmerge last merge"))
        self.unmerge_button.setEnabled(False)
        self.unmerge_button.clicked.connect(self.unmerge_last)
        buttons = QHBoxLayout()
        buttons.addWidget(self.not_duplicate_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unmark_button)
        buttons.addWidget(self.unmerge_button)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(8, 0, 0, 0)
        detail_layout.addWidget(self.group_title)
        detail_layout.addWidget(self.reasons_label)
        detail_layout.addWidget(self.warning_label)
        detail_layout.addWidget(self.side_by_side, 1)
        detail_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.groups_tree)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([320, 820])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.summary_label)
        layout.addWidget(splitter, 1)
        self._show_group(None)

    # --- scanning ---------------------------------------------------------------------------
    @property
    def object_type(self) -> str:
        return str(self.object_combo.currentData())

    def set_object_type(self, object_type: str) -> None:
        index = self.object_combo.findData(object_type)
        if index >= 0:
            self.object_combo.setCurrentIndex(index)

    @Slot(int)
    def _object_changed(self, index: int) -> None:
        """Another object: the groups shown belong to the old one, so they go."""
        if self.result is not None and self.result.object_type != self.object_type:
            self.result = None
            self.groups_tree.clear()
            self._show_group(None)
            self.summary_label.setText(self.tr("Press Scan to look for duplicates."))

    @Slot()
    def start_scan(self) -> None:
        if self.scan_job is not None and self.scan_job.is_running:
            return
        object_type, threshold = self.object_type, self.threshold_spin.value()
        self.settings.setValue("duplicates/object", object_type)
        self.settings.setValue("duplicates/threshold", threshold)

        def run(progress: Progress) -> dedupe.ScanResult:
            with self.db.read_session() as session:
                return dedupe.scan_duplicates(session, object_type, progress, threshold)

        self._set_scanning(True)
        self.scan_job = Job(
            run,
            parent=self,
            label=self.tr("Looking for duplicate {objects}").format(
                objects=object_label(object_type).lower()
            ),
            runner=self.runner,
            refusals=(dedupe.DedupeError,),
        )
        self.scan_job.sig_progress.connect(self._scan_progress)
        (
            self.scan_job.on_success(self.show_result)
            .on_cancel(
                lambda: self.summary_label.setText(
                    self.tr("Scan cancelled; nothing was changed. Press Scan to start again.")
                )
            )
            .on_finished(lambda outcome: self._set_scanning(False))
            .start()
        )

    @Slot()
    def cancel_scan(self) -> None:
        if self.scan_job is not None:
            self.scan_job.cancel()

    def _set_scanning(self, scanning: bool) -> None:
        self.scan_button.setEnabled(not scanning)
        self.cancel_button.setEnabled(scanning)
        self.object_combo.setEnabled(not scanning)
        self.progress_bar.setVisible(scanning)
        self.progress_bar.setRange(0, 0)
        if scanning:
            self.summary_label.setText(self.tr("Scanning…"))

    @Slot(object, object, str)
    def _scan_progress(self, done: int, total: int | None, status: str) -> None:
        if total:
            self.progress_bar.setRange(0, 1000)
            self.progress_bar.setValue(min(1000, done * 1000 // total))
        if status:
            self.summary_label.setText(self.tr("Scanning… {status}").format(status=status))

    def show_result(self, result: dedupe.ScanResult) -> None:
        self.result = result
        locale = QLocale()
        objects = object_label(result.object_type).lower()
        self.summary_label.setText(
            self.tr(
                "{groups} groups of possible duplicates among {records} {objects}, in {seconds} s"
                " ({compared} pairs compared of {all} possible). Pairs marked “not a duplicate”"
                " left out: {dismissed}."
            ).format(
                groups=locale.toString(len(result.groups)),
                records=locale.toString(result.records),
                objects=objects,
                seconds=locale.toString(result.seconds, "f", 1),
                compared=locale.toString(result.compared_pairs),
                all=locale.toString(result.all_pairs),
                dismissed=locale.toString(result.dismissed_pairs),
            )
        )
        self.groups_tree.clear()
        items = []
        for group in result.groups:
            names = ", ".join(dict.fromkeys(group.labels[:4]))
            if len(group.labels) > 4:
                names += self.tr(" and {count} more").format(
                    count=locale.toString(len(group.labels) - 4)
                )
            item = QTreeWidgetItem(
                [locale.toString(group.score), locale.toString(len(group.record_ids)), names]
            )
            item.setData(0, GroupRole, group)
            item.setToolTip(2, ", ".join(match_reason(r) for r in group.pairs[0].reasons))
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        self.groups_tree.addTopLevelItems(items)
        if items:
            self.groups_tree.setCurrentItem(items[0])
        else:
            self._show_group(None)

    # --- one group --------------------------------------------------------------------------
    def current_group(self) -> dedupe.DuplicateGroup | None:
        item = self.groups_tree.currentItem()
        group = None if item is None else item.data(0, GroupRole)
        return group if isinstance(group, dedupe.DuplicateGroup) else None

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _group_selected(self, item: QTreeWidgetItem | None, previous: object = None) -> None:
        group = self.current_group()
        self._show_group(group)
        if group is None:
            return
        shown = group.record_ids[:MAX_COLUMNS]
        object_type = group.object_type

        def read(progress: Progress) -> MergePreview:
            with self.db.read_session() as session:
                return preview_merge(session, object_type, shown)

        def show(preview: MergePreview) -> None:
            self._show_preview(group, preview)

        Job(read, parent=self, label=self.tr("Reading the records"), runner=self.runner).on_success(
            show
        ).start()

    def _show_group(self, group: dedupe.DuplicateGroup | None) -> None:
        self.preview = None
        self.side_by_side.clear()
        self.side_by_side.setRowCount(0)
        self.side_by_side.setColumnCount(0)
        self.warning_label.setVisible(False)
        self.not_duplicate_button.setEnabled(False)
        self.merge_button.setEnabled(False)
        if group is None:
            self.group_title.setText(
                self.tr("No group chosen") if self.result else self.tr("No scan yet")
            )
            self.reasons_label.clear()
            return
        locale = QLocale()
        self.group_title.setText(
            self.tr("{count} records, score {score}").format(
                count=locale.toString(len(group.record_ids)), score=locale.toString(group.score)
            )
        )
        index = dict(zip(group.record_ids, group.labels, strict=True))
        lines = [
            self.tr("{a} ↔ {b}: {score} — {reasons}").format(
                a=index.get(pair.first_id, pair.first_id),
                b=index.get(pair.second_id, pair.second_id),
                score=locale.toString(pair.score),
                reasons=", ".join(match_reason(r) for r in pair.reasons),
            )
            for pair in group.pairs[:SHOWN_PAIRS]
        ]
        if len(group.pairs) > SHOWN_PAIRS:
            lines.append(
                self.tr("… and {count} more pairs").format(
                    count=locale.toString(len(group.pairs) - SHOWN_PAIRS)
                )
            )
        self.reasons_label.setText("\n".join(lines))

    def _show_preview(self, group: dedupe.DuplicateGroup, preview: MergePreview) -> None:
        if group is not self.current_group():
            return  # another group was chosen meanwhile
        self.preview = preview
        warnings: list[str] = []
        locale = QLocale()
        if preview.missing:
            warnings.append(
                self.tr(
                    "{count} record(s) of this group were deleted or merged since the scan; "
                    "they are left out. Scan again to refresh the list."
                ).format(count=locale.toString(len(preview.missing)))
            )
        hidden = len(group.record_ids) - min(len(group.record_ids), MAX_COLUMNS)
        if hidden:
            warnings.append(
                self.tr(
                    "Showing the {shown} best-matched of {count} records. A group this large "
                    "is often a chain of loose matches: tick the records that are one person "
                    "or company and merge them, or mark them “not a duplicate”."
                ).format(
                    shown=locale.toString(MAX_COLUMNS), count=locale.toString(len(group.record_ids))
                )
            )
            if len(group.record_ids) > MAX_MERGE:
                warnings.append(
                    self.tr("At most {max} records can be merged at once.").format(
                        max=locale.toString(MAX_MERGE)
                    )
                )
        self.warning_label.setText("\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))
        self._fill_side_by_side(preview, tick_all=not hidden)

    def _fill_side_by_side(self, preview: MergePreview, tick_all: bool) -> None:
        table = self.side_by_side
        table.blockSignals(True)
        records = preview.records
        fields = [f for f in preview.fields if any(f.filled)]
        moving = [(label, counts) for label, counts in preview.related if any(counts)]
        table.setColumnCount(len(records))
        table.setRowCount(1 + len(fields) + len(moving))
        labels = [self.tr("Merge")]
        table.setHorizontalHeaderLabels([r.label for r in records])
        for n, record in enumerate(records):
            tick = QTableWidgetItem(self.tr("updated {day}").format(day=record.updated_at[:10]))
            tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            tick.setCheckState(
                Qt.CheckState.Checked if tick_all or n < 2 else Qt.CheckState.Unchecked
            )
            table.setItem(0, n, tick)
        for row, field in enumerate(fields, start=1):
            labels.append(self.tr(field.label) + (" ≠" if field.conflict else ""))
            for n, value in enumerate(field.values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                if field.conflict:
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                table.setItem(row, n, cell)
        for row, (label, counts) in enumerate(moving, start=1 + len(fields)):
            labels.append(self.tr(label).capitalize())
            for n, count in enumerate(counts):
                cell = QTableWidgetItem(QLocale().toString(count))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, n, cell)
        table.setVerticalHeaderLabels(labels)
        # Two or three records share the width; more scroll sideways at a readable width.
        mode = (
            QHeaderView.ResizeMode.Stretch
            if len(records) <= 3
            else QHeaderView.ResizeMode.Interactive
        )
        table.horizontalHeader().setSectionResizeMode(mode)
        table.blockSignals(False)
        self._tick_changed()

    def ticked_ids(self) -> list[str]:
        if self.preview is None:
            return []
        return [
            record.id
            for n, record in enumerate(self.preview.records)
            if (item := self.side_by_side.item(0, n)) is not None
            and item.checkState() == Qt.CheckState.Checked
        ]

    def set_ticked(self, record_ids: list[str]) -> None:
        if self.preview is None:
            return
        for n, record in enumerate(self.preview.records):
            item = self.side_by_side.item(0, n)
            if item is not None:
                state = (
                    Qt.CheckState.Checked if record.id in record_ids else Qt.CheckState.Unchecked
                )
                item.setCheckState(state)

    @Slot()
    def _tick_changed(self, item: QTableWidgetItem | None = None) -> None:
        enough = len(self.ticked_ids()) >= 2
        self.not_duplicate_button.setEnabled(enough)
        self.merge_button.setEnabled(enough)

    # --- actions ----------------------------------------------------------------------------
    @Slot()
    def mark_not_duplicate(self) -> None:
        ids = self.ticked_ids()
        group = self.current_group()
        if len(ids) < 2 or group is None:
            return
        object_type = group.object_type

        def run(progress: Progress) -> int:
            with self.db.session() as session, session.begin():
                return dedupe.mark_not_duplicates(session, object_type, ids)

        def done(count: int) -> None:
            self.summary_label.setText(
                self.tr(
                    "Remembered: these {count} records are not duplicates. Later scans keep "
                    "them apart."
                ).format(count=QLocale().toString(len(ids)))
            )
            self.last_marked = (object_type, ids)
            self.unmark_button.setEnabled(True)
            if set(ids) >= set(group.record_ids):
                self._drop_group(group)

        Job(run, parent=self, label=self.tr("Remembering"), runner=self.runner).on_success(
            done
        ).start()

    @Slot()
    def unmark_last(self) -> None:
        if self.last_marked is None:
            return
        object_type, ids = self.last_marked

        def run(progress: Progress) -> int:
            with self.db.session() as session, session.begin():
                return dedupe.unmark_not_duplicates(session, object_type, ids)

        def done(count: int) -> None:
            self.last_marked = None
            self.unmark_button.setEnabled(False)
            self.summary_label.setText(
                self.tr("Forgotten: the next scan shows these {count} records again.").format(
                    count=QLocale().toString(len(ids))
                )
            )

        Job(run, parent=self, label=self.tr("Forgetting"), runner=self.runner).on_success(
            done
        ).start()

    @Slot()
    def open_merge_dialog(self) -> None:
        ids = self.ticked_ids()
        group = self.current_group()
        if len(ids) < 2 or group is None:
            return
        object_type = group.object_type

        def read(progress: Progress) -> MergePreview:
            with self.db.read_session() as session:
                return preview_merge(session, object_type, ids)

        Job(
            read,
            parent=self,
            label=self.tr("Reading the records"),
            runner=self.runner,
            refusals=(MergeError,),
        ).on_success(lambda preview: self._show_merge_dialog(group, preview)).start()

    def _show_merge_dialog(self, group: dedupe.DuplicateGroup, preview: MergePreview) -> None:
        if len(preview.records) < 2:
            self.warning_label.setText(
                self.tr(
                    "Fewer than two of these records still exist: they were deleted or merged "
                    "since the scan. Scan again."
                )
            )
            self.warning_label.setVisible(True)
            self.merge_button.setEnabled(False)
            return
        dialog = MergeDialog(self.db, preview, runner=self.runner, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_merged.connect(lambda report: self._merged(group, report))
        self.merge_dialog = dialog
        dialog.open()

    def _merged(self, group: dedupe.DuplicateGroup, report: MergeReport) -> None:
        self.last_merge = report
        self.unmerge_button.setEnabled(True)
        self.summary_label.setText(
            self.tr(
                "Merged {count} {objects}. Unmerge restores them exactly (also from Overview ▸ "
                "Recent changes)."
            ).format(
                count=QLocale().toString(len(report.merged_ids) + 1),
                objects=object_label(report.object_type).lower(),
            )
        )
        merged = {report.survivor_id, *report.merged_ids}
        if merged >= set(group.record_ids):
            self._drop_group(group)
        else:
            self._group_selected(self.groups_tree.currentItem())
        self.sig_changed.emit()

    @Slot()
    def unmerge_last(self) -> None:
        report = self.last_merge
        if report is None:
            return

        def run(progress: Progress) -> str:
            with self.db.session() as session, session.begin():
                return undo(session, report.operation_id)

        def done(_: str) -> None:
            self.last_merge = None
            self.unmerge_button.setEnabled(False)
            self.summary_label.setText(
                self.tr(
                    "Unmerged: the {count} records are back as they were. Scan again to see them."
                ).format(count=QLocale().toString(len(report.merged_ids) + 1))
            )
            self.sig_changed.emit()

        Job(
            run, parent=self, label=self.tr("Unmerging"), runner=self.runner, refusals=(UndoError,)
        ).on_success(done).start()

    def _drop_group(self, group: dedupe.DuplicateGroup) -> None:
        for row in range(self.groups_tree.topLevelItemCount()):
            item = self.groups_tree.topLevelItem(row)
            if item is not None and item.data(0, GroupRole) is group:
                self.groups_tree.takeTopLevelItem(row)
                break
        if self.groups_tree.topLevelItemCount() == 0:
            self._show_group(None)
