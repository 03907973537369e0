"""The dashboard: filters (period, owner or team, pipeline, currency), KPI tiles with the
change against the previous period, and the charts; a click on a tile or a bar opens the
list of the records behind it; export as PDF or PNG.

The figures are computed by `services.dashboard` in two `Job`s on the database worker
(what the first screen shows, then the charts further down) and arrive as frozen
`DashboardData`; the window only draws, and shows figures it computed before for unchanged
records from its cache. Charts
are built and rendered when painted (those scrolled out of view wait), and a filter
changed while a computation runs starts one more computation when it ends (the older
result is dropped, never shown over a newer choice).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import (
    QDate,
    QEvent,
    QLocale,
    QPoint,
    QSettings,
    Qt,
    QTime,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_crm.models.database import Database
from desktop_crm.services import charts as c
from desktop_crm.services import dashboard as d
from desktop_crm.services.dashboard import DashboardData, DrillDown, ScopeChoices
from desktop_crm.services.metrics import MetricFilter, change
from desktop_crm.services.progress import Progress
from desktop_crm.services.report import ReportScope, write_pdf, write_png
from desktop_crm.widgets.chart_canvas import ChartCanvas, chart_style, qt_formatter
from desktop_crm.widgets.formatting import money_text
from desktop_crm.widgets.job import Job, JobRunner

#: A filter change waits this long for the next one before computing.
RECOMPUTE_DELAY_MS = 150
#: A computation shows its progress dialog only when it takes longer than this: the tiles
#: say "Updating…" meanwhile, and the window stays usable.
DIALOG_AFTER_MS = 3000
TILE_COLUMNS = 4
#: Below this width (pixels) the charts stack in one column, so their labels stay readable.
TWO_COLUMNS_FROM = 1000
T = TypeVar("T")


class KpiTile(QFrame):
    """A KPI: title, value (one line per currency for money), change against the previous
    period. Clickable (mouse, Enter or Space) when it has a drill-down.

    Signals:
    sig_clicked(): the user asked for the records behind the value.
    """

    sig_clicked = Signal()

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.drill: DrillDown | None = None
        self.setObjectName(f"tile_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title_label = QLabel(title)
        self.value_label = QLabel("—")
        font = QFont(self.value_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.value_label.setFont(font)
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.change_label = QLabel()
        self.change_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.change_label)
        self.setMinimumHeight(
            self.fontMetrics().height() * 5 + self.value_label.fontMetrics().height()
        )

    def set_figures(
        self,
        value: str,
        detail: str,
        change_text: str,
        good: bool | None,
        drill: DrillDown | None,
    ) -> None:
        self.value_label.setText(value)
        self.detail_label.setText(detail)
        self.change_label.setText(change_text)
        color = {True: "#2e9d5b", False: "#d0473d", None: ""}[good]
        self.change_label.setStyleSheet(f"color: {color};" if color else "")
        self.drill = drill
        clickable = drill is not None
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if clickable else Qt.FocusPolicy.NoFocus)
        self.setToolTip(
            self.tr("Open the {count} records behind this figure").format(
                count=QLocale().toString(drill.count)
            )
            if drill is not None
            else ""
        )
        self.setAccessibleName(f"{self.title_label.text()}: {value}")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.drill is not None:
            self.sig_clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.drill is not None and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Space,
        ):
            self.sig_clicked.emit()
            return
        super().keyPressEvent(event)


@dataclass(frozen=True)
class _Choice:
    owner_ids: tuple[str, ...] | None = None
    team_id: str | None = None


class DashboardView(QWidget):
    """Signals:
    sig_drill_down(object_type, conditions): open that list filtered by the conditions
        (a tuple of record_lists.Condition), which select exactly the records clicked.
    sig_updated(): the figures of the current filters are all shown (tiles and charts).
    """

    sig_drill_down = Signal(str, object)
    sig_updated = Signal()

    def __init__(
        self,
        db: Database,
        *,
        settings: QSettings,
        runner: JobRunner | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.runner = runner
        self.today = today or date.today()
        self.data: DashboardData | None = None
        #: The last drill-down asked for (a tile or a bar), for callers and tests.
        self.last_drill: DrillDown | None = None
        self.choices: ScopeChoices | None = None
        #: Figures already computed: a refresh of unchanged records, or filters set back to
        #: earlier ones, show them without computing again.
        self.cache = d.DashboardCache()
        #: Seconds of the last computation (worker) and of handing the charts their data.
        self.compute_seconds = 0.0
        self.redraw_seconds = 0.0
        self._generation = 0
        self._running = False
        self._pending = False
        #: The charts further down are being computed (the second part of the figures).
        self._completing = False
        self._currency: str | None = None
        #: The filter and currency last sent to the worker.
        self._requested: tuple[MetricFilter, str | None] | None = None
        start, end = d.period_containing("quarter", self.today)
        self._kind = "quarter"
        self._start, self._end = start, end

        self._build_filters()
        self._build_body()
        self._recompute_timer = QTimer(self)
        self._recompute_timer.setSingleShot(True)
        self._recompute_timer.setInterval(RECOMPUTE_DELAY_MS)
        self._recompute_timer.timeout.connect(self.recompute)
        self._update_period_widgets()
        self._load_choices()

    # --- building ---------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Period"))
        for key, label in (
            ("month", self.tr("Month")),
            ("quarter", self.tr("Quarter")),
            ("year", self.tr("Year")),
            ("custom", self.tr("Custom")),
        ):
            self.kind_combo.addItem(label, key)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(self._kind))
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.previous_button = QToolButton()
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_button.setToolTip(self.tr("Previous period"))
        self.previous_button.clicked.connect(lambda: self.step_period(-1))
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.setToolTip(self.tr("Next period"))
        self.next_button.clicked.connect(lambda: self.step_period(1))
        self.period_label = QLabel()
        self.period_label.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("septembre 2026") + 12
        )
        self.period_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.from_edit = QDateEdit()
        self.to_edit = QDateEdit()
        for edit, name in ((self.from_edit, self.tr("From")), (self.to_edit, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setAccessibleName(name)
            edit.dateChanged.connect(self._custom_changed)
        self.owner_combo = QComboBox()
        self.owner_combo.setAccessibleName(self.tr("Owner or team"))
        # A steady width (long names show whole in the popup), so the bar fits a window.
        self.owner_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.owner_combo.setMinimumContentsLength(16)
        self.owner_combo.currentIndexChanged.connect(self.schedule_recompute)
        self.pipeline_combo = QComboBox()
        self.pipeline_combo.setAccessibleName(self.tr("Pipeline"))
        # A steady width (long names show whole in the popup), so the bar fits a window.
        self.pipeline_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.pipeline_combo.setMinimumContentsLength(16)
        self.pipeline_combo.currentIndexChanged.connect(self.schedule_recompute)
        self.currency_combo = QComboBox()
        self.currency_combo.setAccessibleName(self.tr("Currency of the charts"))
        self.currency_combo.setToolTip(
            self.tr("Amounts in different currencies are never added: the charts show one.")
        )
        self.currency_combo.activated.connect(self._currency_chosen)
        self.export_button = QPushButton(self.tr("&Export"))
        menu = QMenu(self.export_button)
        menu.addAction(self.tr("Dashboard as &PDF…"), self.ask_export_pdf)
        menu.addAction(self.tr("Charts as P&NG…"), self.ask_export_pngs)
        self.export_button.setMenu(menu)
        self.export_button.setEnabled(False)
        self.status_label = QLabel()
        # Its text comes and goes, its width stays: the filters must not jump.
        self.status_label.setMinimumWidth(
            self.status_label.fontMetrics().horizontalAdvance(self.tr("Updating…")) + 8
        )

        bar = QHBoxLayout()
        bar.addWidget(self.kind_combo)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.period_label)
        bar.addWidget(self.next_button)
        bar.addWidget(self.from_edit)
        bar.addWidget(self.to_edit)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Owner:")))
        bar.addWidget(self.owner_combo)
        bar.addWidget(QLabel(self.tr("Pipeline:")))
        bar.addWidget(self.pipeline_combo)
        bar.addWidget(QLabel(self.tr("Currency:")))
        bar.addWidget(self.currency_combo)
        bar.addStretch(1)
        bar.addWidget(self.status_label)
        bar.addWidget(self.export_button)
        self.filter_bar = bar

    def _build_body(self) -> None:
        self.empty_label = QLabel(
            self.tr(
                "<b>Nothing to show yet for these filters.</b><br>The dashboard fills in "
                "as deals, leads, activities and cases are recorded. Try another period, "
                "owner or pipeline, or load sample data from the File menu."
            )
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setContentsMargins(12, 16, 12, 16)
        self.empty_label.setVisible(False)

        self.tiles: dict[str, KpiTile] = {}
        tile_grid = QGridLayout()
        tile_grid.setSpacing(8)
        for index, (key, title) in enumerate(self._tile_titles()):
            tile = KpiTile(key, title)
            tile.sig_clicked.connect(lambda tile=tile: self._drill(tile.drill))
            self.tiles[key] = tile
            tile_grid.addWidget(tile, index // TILE_COLUMNS, index % TILE_COLUMNS)

        self.canvases: dict[str, ChartCanvas] = {}
        self.chart_grid = chart_grid = QGridLayout()
        chart_grid.setSpacing(10)
        self._chart_columns = 1
        for index, chart in enumerate(c.CHARTS):
            canvas = ChartCanvas(chart)
            canvas.sig_drill_down.connect(self._chart_drill)
            canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            canvas.customContextMenuRequested.connect(
                lambda position, canvas=canvas: self._chart_menu(canvas, position)
            )
            self.canvases[chart.key] = canvas
            chart_grid.addWidget(canvas, index, 0)

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.empty_label)
        inner.addLayout(tile_grid)
        inner.addSpacing(8)
        inner.addLayout(chart_grid)
        inner.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.scroll_area, 1)

    def _tile_titles(self) -> list[tuple[str, str]]:
        return [
            ("win_rate", self.tr("Win rate")),
            ("revenue", self.tr("Revenue won")),
            ("average", self.tr("Average won deal")),
            ("cycle", self.tr("Sales cycle (median)")),
            ("pipeline", self.tr("Open pipeline")),
            ("forecast", self.tr("Weighted forecast")),
            ("leads", self.tr("Lead conversion")),
            ("stale", self.tr("Stale deals")),
            ("open_cases", self.tr("Open cases")),
            ("resolution", self.tr("Case resolution time")),
            ("satisfaction", self.tr("Satisfaction")),
        ]

    # --- filters ------------------------------------------------------------------------------
    def _load_choices(self) -> None:
        def read(progress: Progress) -> ScopeChoices:
            with self.db.read_session() as session:
                return d.scope_choices(session)

        self._job(read, self.tr("Reading owners and pipelines")).on_success(
            self._show_choices
        ).start()

    def _show_choices(self, choices: ScopeChoices) -> None:
        self.choices = choices
        for combo in (self.owner_combo, self.pipeline_combo):
            combo.blockSignals(True)
            combo.clear()
        self.owner_combo.addItem(self.tr("Everyone"), _Choice())
        for team in choices.teams:
            self.owner_combo.addItem(
                self.tr("Team: {name}").format(name=team.name), _Choice(team_id=team.id)
            )
        for user in choices.users:
            self.owner_combo.addItem(user.name, _Choice(owner_ids=(user.id,)))
        self.pipeline_combo.addItem(self.tr("All pipelines"), None)
        for pipeline in choices.pipelines:
            self.pipeline_combo.addItem(pipeline.name, pipeline.id)
        for combo in (self.owner_combo, self.pipeline_combo):
            combo.blockSignals(False)
        self.recompute()

    def current_filter(self) -> MetricFilter:
        choice = self.owner_combo.currentData()
        if not isinstance(choice, _Choice):
            choice = _Choice()
        pipeline = self.pipeline_combo.currentData()
        return MetricFilter(
            self._start,
            self._end,
            owner_ids=choice.owner_ids,
            team_id=choice.team_id,
            pipeline_id=pipeline if isinstance(pipeline, str) else None,
        )

    def set_period(self, kind: str, start: date, end: date | None = None) -> None:
        """Show a month, quarter or year (the one containing `start`), or a custom range
        [start, end) when kind is "custom"."""
        if kind == "custom":
            if end is None or end <= start:
                raise ValueError("a custom period needs an end after its start")
            self._start, self._end = start, end
        else:
            self._start, self._end = d.period_containing(kind, start)
        self._kind = kind
        self.kind_combo.blockSignals(True)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self.kind_combo.blockSignals(False)
        self._update_period_widgets()
        self.schedule_recompute()

    @Slot()
    def step_period(self, steps: int) -> None:
        if self._kind == "custom":
            return
        self._start, self._end = d.shift_period(self._kind, self._start, steps)
        self._update_period_widgets()
        self.schedule_recompute()

    def _kind_changed(self) -> None:
        kind = str(self.kind_combo.currentData())
        if kind == "custom":
            self._kind = "custom"
            self._update_period_widgets()
            return
        self.set_period(kind, self._start)

    def _custom_changed(self) -> None:
        if self._kind != "custom":
            return
        start, last = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        if isinstance(start, date) and isinstance(last, date) and last >= start:
            self._start, self._end = start, date.fromordinal(last.toordinal() + 1)
            self.schedule_recompute()

    def _update_period_widgets(self) -> None:
        custom = self._kind == "custom"
        for widget in (self.previous_button, self.next_button, self.period_label):
            widget.setVisible(not custom)
        for edit in (self.from_edit, self.to_edit):
            edit.setVisible(custom)
            edit.blockSignals(True)
        last = date.fromordinal(self._end.toordinal() - 1)
        self.from_edit.setDate(QDate(self._start.year, self._start.month, self._start.day))
        self.to_edit.setDate(QDate(last.year, last.month, last.day))
        for edit in (self.from_edit, self.to_edit):
            edit.blockSignals(False)
        self.period_label.setText(self.period_text())

    def period_text(self) -> str:
        """The period as the user reads it: "juillet 2026", "T3 2026", "2026", or a range."""
        locale = QLocale()
        start = QDate(self._start.year, self._start.month, self._start.day)
        if self._kind == "month":
            return locale.toString(start, "MMMM yyyy")
        if self._kind == "quarter":
            return self.tr("Q{quarter} {year}").format(
                quarter=(self._start.month - 1) // 3 + 1, year=self._start.year
            )
        if self._kind == "year":
            return str(self._start.year)
        last = date.fromordinal(self._end.toordinal() - 1)
        return self.tr("{start} – {end}").format(
            start=locale.toString(start, QLocale.FormatType.ShortFormat),
            end=locale.toString(
                QDate(last.year, last.month, last.day), QLocale.FormatType.ShortFormat
            ),
        )

    def _currency_chosen(self) -> None:
        code = self.currency_combo.currentData()
        if isinstance(code, str) and code != (self.data.currency if self.data else None):
            self._currency = code
            self.schedule_recompute()

    # --- computing ----------------------------------------------------------------------------
    def _job(self, fn: Callable[[Progress], T], label: str) -> Job[T]:
        return Job(
            fn,
            parent=self,
            label=label,
            runner=self.runner,
            show_dialog_after_ms=DIALOG_AFTER_MS,
        )

    @property
    def is_busy(self) -> bool:
        """A computation is waiting, running or being drawn."""
        return (
            self._recompute_timer.isActive() or self._running or self._pending or self._completing
        )

    @property
    def is_first_part_pending(self) -> bool:
        """The figures of the first screen (tiles, charts at the top) are not shown yet."""
        return self.data is None or self._recompute_timer.isActive() or self._running

    @Slot()
    def schedule_recompute(self) -> None:
        self._recompute_timer.start()

    @Slot()
    def refresh(self) -> None:
        """Re-read the figures (after records changed); if nothing changed since they were
        computed, they come from the cache at the cost of one query."""
        self._requested = None
        self.recompute()

    @Slot()
    def recompute(self) -> None:
        """Compute the figures of the current filters on the worker, then show them; a
        request for what is already shown or on its way does nothing."""
        self._recompute_timer.stop()
        if self.choices is None:
            return
        if self._running:
            self._pending = True
            return
        f = self.current_filter()
        currency, today = self._currency, self.today
        if (f, currency) == self._requested:
            return
        self._requested = (f, currency)
        self._generation += 1
        generation = self._generation
        self._running = True
        self.status_label.setText(self.tr("Updating…"))
        started = time.perf_counter()

        # Two parts: what the first screen shows, then the charts further down, so the
        # window paints before everything is computed. Unchanged records: from the cache.
        def run(progress: Progress) -> tuple[tuple[object, ...], DashboardData]:
            with self.db.read_session() as session:
                key, found = self.cache.lookup(session, f, today, currency)
                if found is not None:
                    return key, found
                return key, d.compute_first_part(
                    session, f, today, currency, progress, side_session=self.db.read_session
                )

        def done(result: tuple[tuple[object, ...], DashboardData]) -> None:
            key, data = result
            self.compute_seconds = time.perf_counter() - started
            # Filters changed meanwhile: the next computation replaces this one unseen.
            if generation == self._generation and (self.current_filter(), self._currency) == (
                f,
                currency,
            ):
                if data is self.data:  # unchanged records: what is shown stays
                    self.status_label.setText("")
                    self.sig_updated.emit()
                else:
                    self.show_data(data)
                if not data.complete:
                    self._complete(key, data, generation)

        def finished(outcome: object) -> None:
            self._running = False
            if outcome != "succeeded":
                self._requested = None  # cancelled or failed: asking again computes
            if self._pending:
                self._pending = False
                self.recompute()
            elif outcome != "succeeded":
                self.status_label.setText("")

        (
            self._job(run, self.tr("Computing the dashboard"))
            .on_success(done)
            .on_finished(finished)
            .start()
        )

    def _complete(self, key: tuple[object, ...], first: DashboardData, generation: int) -> None:
        """Compute the figures the first part left out, then hand them to their charts
        (below the first screen: they render when scrolled to)."""
        self._completing = True

        def run(progress: Progress) -> DashboardData:
            with self.db.read_session() as session:
                data = d.complete_dashboard(session, first, progress)
            self.cache.store(key, data)
            return data

        def done(data: DashboardData) -> None:
            if generation == self._generation and self.data is first:
                self._show_rest(data)

        def finished(outcome: object) -> None:
            self._completing = False
            if outcome != "succeeded" and self.data is first:
                self.status_label.setText("")

        (
            self._job(run, self.tr("Computing the dashboard"))
            .on_success(done)
            .on_finished(finished)
            .start()
        )

    def _show_rest(self, data: DashboardData) -> None:
        self.data = data
        self.empty_label.setVisible(data.is_empty)
        self.export_button.setEnabled(True)
        style, fmt = chart_style(self.palette()), qt_formatter()
        for key in d.LATER_CHARTS:
            self.canvases[key].set_data(data, style, fmt)
        self.status_label.setText("")
        self.sig_updated.emit()

    # --- showing ------------------------------------------------------------------------------
    def show_data(self, data: DashboardData) -> None:
        """Fill the tiles and hand the charts their figures."""
        self.data = data
        self.currency_combo.blockSignals(True)
        self.currency_combo.clear()
        for code in data.currencies or (data.currency,):
            self.currency_combo.addItem(code, code)
        self.currency_combo.setCurrentIndex(max(0, self.currency_combo.findData(data.currency)))
        self.currency_combo.setEnabled(len(data.currencies) > 1)
        self.currency_combo.blockSignals(False)
        # The first part: the empty state and the export wait for the rest of the figures.
        self.empty_label.setVisible(data.complete and data.is_empty)
        self.export_button.setEnabled(data.complete)
        self._fill_tiles(data)
        self._give_charts_the_data()

    def redraw(self) -> None:
        """Draw the charts again with the same figures (palette or locale changed)."""
        if self.data is not None:
            self._give_charts_the_data()

    def _give_charts_the_data(self) -> None:
        """Each chart builds and renders when it is next painted: those in view at once,
        the others when scrolled to (so the first paint costs the visible ones only)."""
        assert self.data is not None
        started = time.perf_counter()
        style, fmt = chart_style(self.palette()), qt_formatter()
        for canvas in self.canvases.values():
            canvas.set_data(self.data, style, fmt)
        self.redraw_seconds = time.perf_counter() - started
        if not self.data.complete:
            return  # the rest follows (_show_rest), which says when all is shown
        self.status_label.setText("")
        self.export_button.setToolTip(
            self.tr("Figures of {time}").format(
                time=QLocale().toString(QTime.currentTime(), QLocale.FormatType.ShortFormat)
            )
        )
        self.sig_updated.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        columns = 2 if self.scroll_area.viewport().width() >= TWO_COLUMNS_FROM else 1
        if columns != self._chart_columns:
            self._chart_columns = columns
            for index, canvas in enumerate(self.canvases.values()):
                self.chart_grid.removeWidget(canvas)
                self.chart_grid.addWidget(canvas, index // columns, index % columns)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.LocaleChange):
            self.redraw()
        super().changeEvent(event)

    def _fill_tiles(self, data: DashboardData) -> None:
        loc = QLocale()
        fmt = qt_formatter(loc)
        dash = "—"

        def pct(value: float | None) -> str:
            return dash if value is None else fmt.percent(value)

        def points(now: float | None, before: float | None) -> tuple[str, bool | None]:
            if now is None or before is None:
                return self.tr("no comparison with the previous period"), None
            diff = (now - before) * 100
            return (
                self.tr("{sign}{points} pts vs previous period").format(
                    sign="+" if diff > 0 else "", points=fmt.number(diff, 1)
                ),
                None if abs(diff) < 0.05 else diff > 0,
            )

        def relative(
            now: float | None, before: float | None, higher_is_better: bool = True
        ) -> tuple[str, bool | None]:
            ratio = change(now, before)
            if ratio is None:
                return self.tr("no comparison with the previous period"), None
            arrow = "▲" if ratio > 0 else "▼" if ratio < 0 else "="
            good = None if ratio == 0 else (ratio > 0) == higher_is_better
            return (
                self.tr("{arrow} {change} vs previous period").format(
                    arrow=arrow, change=fmt.percent(abs(ratio))
                ),
                good,
            )

        main = next((x for x in data.per_currency if x.currency == data.currency), None)
        others = [x for x in data.per_currency if x.currency != data.currency]

        def money_lines(
            value: Callable[[d.CurrencyFigures], int | None],
        ) -> tuple[str, str]:
            head = dash
            if main is not None and value(main) is not None:
                head = money_text(value(main) or 0, main.currency, loc)
            extra = [
                money_text(amount, x.currency, loc)
                for x in others
                if (amount := value(x)) is not None
            ]
            return head, (
                self.tr("also {amounts}").format(amounts=" · ".join(extra)) if extra else ""
            )

        tiles = self.tiles
        wr, wr0 = data.win_rate, data.win_rate_previous
        tiles["win_rate"].set_figures(
            pct(wr.rate),
            self.tr("{won} won of {closed} closed").format(
                won=loc.toString(wr.won), closed=loc.toString(wr.closed)
            ),
            *points(wr.rate, wr0.rate),
            d.drill_closed_deals(data) if wr.closed else None,
        )
        value, also = money_lines(lambda x: x.won.total_minor)
        tiles["revenue"].set_figures(
            value,
            also,
            *relative(
                main.won.total_minor if main else None,
                main.won_previous.total_minor if main else None,
            ),
            d.drill_won_deals(data, data.currency) if main and main.won.deals else None,
        )
        value, also = money_lines(lambda x: x.won.average_minor)
        tiles["average"].set_figures(
            value,
            also
            or (
                self.tr("over {count} won deals ({missing} without amount)").format(
                    count=loc.toString(main.won.deals),
                    missing=loc.toString(main.won.without_amount),
                )
                if main and main.won.without_amount
                else self.tr("over {count} won deals").format(
                    count=loc.toString(main.won.deals if main else 0)
                )
            ),
            *relative(
                main.won.average_minor if main else None,
                main.won_previous.average_minor if main else None,
            ),
            d.drill_won_deals(data, data.currency) if main and main.won.deals else None,
        )
        cycle, cycle0 = data.sales_cycle, data.sales_cycle_previous
        tiles["cycle"].set_figures(
            dash
            if cycle.median_days is None
            else self.tr("{days} days").format(days=fmt.number(cycle.median_days, 0)),
            ""
            if cycle.mean_days is None
            else self.tr("mean {days} days over {count} won deals").format(
                days=fmt.number(cycle.mean_days, 1), count=loc.toString(cycle.deals)
            ),
            *relative(cycle.median_days, cycle0.median_days, higher_is_better=False),
            d.drill_won_deals(data) if cycle.deals else None,
        )
        value, also = money_lines(lambda x: x.open_amount_minor)
        tiles["pipeline"].set_figures(
            value,
            also
            or self.tr("{count} open deals").format(
                count=loc.toString(main.open_deals if main else 0)
            ),
            self.tr("now"),
            None,
            d.drill_open_deals(data, data.currency) if main and main.open_deals else None,
        )
        value, also = money_lines(lambda x: x.forecast_weighted_minor)
        forecast_drill = d.drill_forecast_month(data)
        tiles["forecast"].set_figures(
            value,
            also or self.tr("expected to close in the period"),
            self.tr("amount × probability"),
            None,
            forecast_drill if forecast_drill.count else None,
        )
        leads, leads0 = data.leads, data.leads_previous
        tiles["leads"].set_figures(
            pct(leads.share),
            self.tr("{converted} of {leads} leads created").format(
                converted=loc.toString(leads.converted), leads=loc.toString(leads.leads)
            ),
            *points(leads.share, leads0.share),
            d.drill_leads(data) if leads.leads else None,
        )
        tiles["stale"].set_figures(
            loc.toString(data.stale.count),
            self.tr("open deals idle beyond their stage's limit"),
            self.tr("now"),
            None,
            d.drill_stale_deals(data) if data.stale.count else None,
        )
        tiles["open_cases"].set_figures(
            loc.toString(data.open_cases.total),
            self.tr("{urgent} urgent, {high} high").format(
                urgent=loc.toString(data.open_cases.by_priority.get("urgent", 0)),
                high=loc.toString(data.open_cases.by_priority.get("high", 0)),
            ),
            self.tr("now"),
            None,
            d.drill_open_cases(data) if data.open_cases.total else None,
        )
        cases, cases0 = data.cases, data.cases_previous
        tiles["resolution"].set_figures(
            dash if cases.mean_hours is None else self._duration(cases.mean_hours, fmt),
            self.tr("mean over {count} cases resolved").format(count=loc.toString(cases.resolved)),
            *relative(cases.mean_hours, cases0.mean_hours, higher_is_better=False),
            d.drill_resolved_cases(data) if cases.resolved else None,
        )
        tiles["satisfaction"].set_figures(
            dash
            if cases.satisfaction_average is None
            else self.tr("{score} / 5").format(score=fmt.number(cases.satisfaction_average, 1)),
            self.tr("{count} ratings").format(count=loc.toString(cases.rated)),
            *relative(cases.satisfaction_average, cases0.satisfaction_average),
            d.drill_resolved_cases(data, rated_only=True) if cases.rated else None,
        )

    def _duration(self, hours: float, fmt: c.Formatter) -> str:
        if hours < 48:
            return self.tr("{hours} h").format(hours=fmt.number(hours, 1))
        return self.tr("{days} days").format(days=fmt.number(hours / 24, 1))

    # --- drill-down ---------------------------------------------------------------------------
    def _drill(self, drill: DrillDown | None) -> None:
        if drill is not None:
            self.last_drill = drill
            self.sig_drill_down.emit(drill.object_type, drill.conditions)

    @Slot(str, object)
    def _chart_drill(self, object_type: str, conditions: object) -> None:
        canvas = self.sender()
        if isinstance(canvas, ChartCanvas) and canvas.last_drill is not None:
            self.last_drill = canvas.last_drill
        self.sig_drill_down.emit(object_type, conditions)

    # --- export -------------------------------------------------------------------------------
    def report_scope(self) -> ReportScope:
        kind = self._kind
        period = self.period_text()
        if kind != "custom":
            period = f"{period} ({d.period_name(kind, self._start)})"
        return ReportScope(
            period, self.owner_combo.currentText(), self.pipeline_combo.currentText()
        )

    def export_pdf(self, path: Path) -> int:
        """The dashboard as shown, one page per chart with the filters; returns pages."""
        if self.data is None:
            raise RuntimeError("nothing to export before the figures are shown")
        return write_pdf(path, self.data, self.report_scope(), qt_formatter())

    def export_png(self, key: str, path: Path) -> Path:
        """One chart as a PNG (on white, for documents)."""
        if self.data is None:
            raise RuntimeError("nothing to export before the figures are shown")
        return write_png(path, c.CHARTS_BY_KEY[key], self.data, qt_formatter())

    @Slot()
    def ask_export_pdf(self) -> None:
        name = f"dashboard-{d.period_name(self._kind, self._start)}.pdf"
        if self._kind == "custom":
            name = f"dashboard-{self._start.isoformat()}.pdf"
        suggested = Path(self._export_folder()) / name
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export dashboard as PDF"), str(suggested), self.tr("PDF (*.pdf)")
        )
        if path:
            self.settings.setValue("dashboard/export_folder", str(Path(path).parent))
            self.export_pdf_in_background(Path(path))

    def export_pdf_in_background(self, path: Path) -> Job[int]:
        """Write the PDF on the worker (the figures are frozen; matplotlib draws without
        Qt there), so the window stays responsive; a file that cannot be written gets a
        message naming it, not a crash."""
        data, scope, fmt = self.data, self.report_scope(), qt_formatter()
        if data is None:
            raise RuntimeError("nothing to export before the figures are shown")

        def run(progress: Progress) -> int:
            return write_pdf(path, data, scope, fmt, progress=progress)

        def done(pages: int) -> None:
            self.status_label.setText(self.tr("Exported {pages} pages").format(pages=pages))
            self.status_label.setToolTip(str(path))

        return (
            Job(
                run,
                parent=self,
                label=self.tr("Exporting the dashboard"),
                runner=self.runner,
                refusals=(OSError,),
            )
            .on_success(done)
            .start()
        )

    @Slot()
    def ask_export_pngs(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Export the charts as PNG into"), self._export_folder()
        )
        if folder:
            self.settings.setValue("dashboard/export_folder", folder)
            for chart in c.CHARTS:
                self.export_png(chart.key, Path(folder) / f"dashboard-{chart.key}.png")
            self.status_label.setText(
                self.tr("Exported {count} charts to {path}").format(
                    count=len(c.CHARTS), path=folder
                )
            )

    def _chart_menu(self, canvas: ChartCanvas, position: QPoint) -> None:
        if self.data is None:
            return
        menu = QMenu(self)

        def save() -> None:
            suggested = Path(self._export_folder()) / f"dashboard-{canvas.chart.key}.png"
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save chart as PNG"), str(suggested), self.tr("PNG (*.png)")
            )
            if path:
                self.settings.setValue("dashboard/export_folder", str(Path(path).parent))
                self.export_png(canvas.chart.key, Path(path))

        menu.addAction(self.tr("Save chart as PNG…"), save)
        menu.popup(canvas.mapToGlobal(position))

    def _export_folder(self) -> str:
        saved = self.settings.value("dashboard/export_folder")
        return saved if isinstance(saved, str) and saved else str(Path.home())
