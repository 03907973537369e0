"""The Data health view: how complete and clean the records are; every figure opens the
list of exactly the records it counts (services/data_health.py), suspected duplicates open
the Duplicates view."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_crm.models.database import Database
from desktop_crm.services import dedupe
from desktop_crm.services.data_health import (
    LEAD_IDLE_DAYS,
    DuplicateFigure,
    HealthFigure,
    HealthReport,
    data_health,
    suspected_duplicates,
)
from desktop_crm.services.progress import Progress
from desktop_crm.views.overview_page import object_label
from desktop_crm.widgets.job import Job, JobRunner

FigureRole = Qt.ItemDataRole.UserRole + 1  #: the HealthFigure of a figure row
DuplicatesRole = Qt.ItemDataRole.UserRole + 2  #: object type of a duplicates row
#: A fill rate below this is shown in the warning colour.
LOW_FILL_RATE = 0.5
_WARNING = QColor("#9a5b00")


class DataHealthView(QWidget):
    """Signals:
    sig_open_list(object_type, conditions, label): show the records a figure counts.
    sig_open_duplicates(object_type): review the suspected duplicates.
    """

    sig_open_list = Signal(str, object, str)
    sig_open_duplicates = Signal(str)

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
        self.reports: tuple[HealthReport, ...] = ()
        self.duplicates: dict[str, DuplicateFigure] = {}
        self.job: Job[tuple[HealthReport, ...]] | None = None
        self.duplicates_job: Job[list[DuplicateFigure]] | None = None

        self.lead_days_spin = QSpinBox()
        self.lead_days_spin.setRange(1, 3650)
        saved = settings.value("data_health/lead_days", LEAD_IDLE_DAYS)
        self.lead_days_spin.setValue(int(str(saved)) if str(saved).isdigit() else LEAD_IDLE_DAYS)
        self.lead_days_spin.setSuffix(self.tr(" days"))
        self.lead_days_spin.setToolTip(self.tr("Open leads with no change or activity this long"))
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.duplicates_button = QPushButton(self.tr("Count suspected &duplicates"))
        self.duplicates_button.setToolTip(
            self.tr("Scans contacts, accounts and leads; can take a while on big databases.")
        )
        self.duplicates_button.clicked.connect(self.count_duplicates)
        self.summary_label = QLabel(self.tr("Reading…"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Leads untouched after")))
        bar.addWidget(self.lead_days_spin)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.duplicates_button)
        bar.addStretch(1)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Figure"), self.tr("Records"), self.tr("Share")])
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # A click opens (the figures read as links); Enter opens the current row.
        self.tree.itemClicked.connect(self.open_item)
        open_current = QAction(self.tree)
        open_current.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_current.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_current.triggered.connect(self._open_current)
        self.tree.addAction(open_current)
        hint = QLabel(self.tr("Click a figure to open the list of those records."))
        hint.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)

    # --- reading ----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        """Figures are re-read each time the page is shown: records change elsewhere."""
        super().showEvent(event)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self.job is not None and self.job.is_running:
            return
        days = self.lead_days_spin.value()
        self.settings.setValue("data_health/lead_days", days)

        def read(progress: Progress) -> tuple[HealthReport, ...]:
            with self.db.read_session() as session:
                return data_health(session, days, progress)

        self.refresh_button.setEnabled(False)
        self.summary_label.setText(self.tr("Reading…"))
        self.job = Job(read, parent=self, label=self.tr("Checking data health"), runner=self.runner)
        self.job.on_success(self.show_reports).on_finished(
            lambda outcome: self.refresh_button.setEnabled(True)
        ).start()

    @Slot()
    def count_duplicates(self) -> None:
        if self.duplicates_job is not None and self.duplicates_job.is_running:
            return

        def scan(progress: Progress) -> list[DuplicateFigure]:
            with self.db.read_session() as session:
                return [
                    suspected_duplicates(session, object_type, progress)
                    for object_type in dedupe.OBJECT_TYPES
                ]

        self.duplicates_button.setEnabled(False)
        self.duplicates_job = Job(
            scan, parent=self, label=self.tr("Counting suspected duplicates"), runner=self.runner
        )
        self.duplicates_job.on_success(self.show_duplicates).on_finished(
            lambda outcome: self.duplicates_button.setEnabled(True)
        ).start()

    # --- showing ----------------------------------------------------------------------------
    def show_reports(self, reports: tuple[HealthReport, ...]) -> None:
        self.reports = reports
        locale = QLocale()
        problems = sum(f.count for r in reports for f in r.problems)
        self.summary_label.setText(
            self.tr("{count} records with a problem to look at.").format(
                count=locale.toString(problems)
            )
        )
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for report in reports:
            top = QTreeWidgetItem(
                [
                    object_label(report.object_type),
                    locale.toString(report.total),
                    "",
                ]
            )
            top.setFont(0, bold)
            self._align(top)
            self.tree.addTopLevelItem(top)
            for figure in report.problems:
                item = self._figure_item(figure, figure.share)
                if figure.count:
                    item.setForeground(0, QBrush(_WARNING))
                    item.setForeground(1, QBrush(_WARNING))
                top.addChild(item)
            if report.object_type in dedupe.OBJECT_TYPES:
                top.addChild(self._duplicates_item(report.object_type))
            fills = QTreeWidgetItem([self.tr("Fill rate per field"), "", ""])
            top.addChild(fills)
            for figure in report.fill_rates:
                item = self._figure_item(
                    figure,
                    figure.fill_rate,
                    label=self.tr("{field}: filled").format(field=self.tr(figure.label)),
                    count=figure.total - figure.count,
                )
                item.setToolTip(
                    0,
                    self.tr("{count} without it: click to list them").format(
                        count=locale.toString(figure.count)
                    ),
                )
                if figure.fill_rate is not None and figure.fill_rate < LOW_FILL_RATE:
                    item.setForeground(2, QBrush(_WARNING))
                fills.addChild(item)
            top.setExpanded(True)
            fills.setExpanded(True)

    def _figure_item(
        self,
        figure: HealthFigure,
        share: float | None,
        label: str | None = None,
        count: int | None = None,
    ) -> QTreeWidgetItem:
        locale = QLocale()
        item = QTreeWidgetItem(
            [
                label or self.tr(figure.label),
                locale.toString(figure.count if count is None else count),
                "" if share is None else locale.toString(share * 100, "f", 1) + " %",
            ]
        )
        item.setData(0, FigureRole, figure)
        self._align(item)
        return item

    def _duplicates_item(self, object_type: str) -> QTreeWidgetItem:
        found = self.duplicates.get(object_type)
        locale = QLocale()
        if found is None:
            texts = [self.tr("Suspected duplicates (not counted yet)"), "…", ""]
        else:
            share = found.records / found.total if found.total else None
            texts = [
                (
                    self.tr("Suspected duplicates, in 1 group")
                    if found.groups == 1
                    else self.tr("Suspected duplicates, in {groups} groups").format(
                        groups=locale.toString(found.groups)
                    )
                ),
                locale.toString(found.records),
                "" if share is None else locale.toString(share * 100, "f", 1) + " %",
            ]
        item = QTreeWidgetItem(texts)
        item.setData(0, DuplicatesRole, object_type)
        item.setToolTip(0, self.tr("Click to review them in Duplicates"))
        self._align(item)
        return item

    def show_duplicates(self, figures: list[DuplicateFigure]) -> None:
        self.duplicates.update({f.object_type: f for f in figures})
        if self.reports:
            self.show_reports(self.reports)

    def _align(self, item: QTreeWidgetItem) -> None:
        for column in (1, 2):
            item.setTextAlignment(
                column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )

    def figure_items(self) -> list[QTreeWidgetItem]:
        """Every clickable row, in display order (for tests and keyboard users)."""
        found: list[QTreeWidgetItem] = []

        def walk(item: QTreeWidgetItem) -> None:
            if item.data(0, FigureRole) is not None or item.data(0, DuplicatesRole) is not None:
                found.append(item)
            for n in range(item.childCount()):
                child = item.child(n)
                if child is not None:
                    walk(child)

        for n in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(n)
            if top is not None:
                walk(top)
        return found

    @Slot()
    def _open_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.open_item(item)

    @Slot(QTreeWidgetItem, int)
    def open_item(self, item: QTreeWidgetItem, column: int = 0) -> None:
        figure = item.data(0, FigureRole)
        if isinstance(figure, HealthFigure):
            self.sig_open_list.emit(figure.object_type, figure.conditions, item.text(0))
            return
        object_type = item.data(0, DuplicatesRole)
        if isinstance(object_type, str):
            self.sig_open_duplicates.emit(object_type)
