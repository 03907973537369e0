"""One dashboard chart in the window: a matplotlib figure on the Qt backend whose bars can
be clicked to open the records behind them (or reached with the arrow keys and opened with
Enter), coloured from the palette (light or dark) and with numbers in the user's locale."""

from __future__ import annotations

import time
import warnings
from dataclasses import replace
from datetime import date

from matplotlib.artist import Artist
from matplotlib.backend_bases import MouseEvent, PickEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_crm.services import charts as c
from desktop_crm.services.dashboard import DashboardData, DrillDown
from desktop_crm.widgets.formatting import CURRENCY_SYMBOLS, choice_label, money_text

#: Smallest height at which a chart's labels stay readable.
MIN_CHART_HEIGHT = 320


def qt_formatter(locale: QLocale | None = None) -> c.Formatter:
    """The charts' Formatter over a QLocale (default: the application's)."""
    loc = locale or QLocale()

    def number(value: float, decimals: int) -> str:
        if decimals == 0:
            return loc.toString(round(value))
        return loc.toString(float(value), "f", decimals)

    def money(minor: int, currency: str) -> str:
        return money_text(minor, currency, loc)

    def month(first: date) -> str:
        return loc.toString(QDate(first.year, first.month, 1), "MMM yyyy")

    def tr(text: str) -> str:
        # The Qt-free chart and report code calls `fmt.tr("...")`; lupdate files those
        # strings under the context "fmt", so they are looked up there.
        return QCoreApplication.translate("fmt", text)

    def whole(minor: int, currency: str) -> str:
        code = currency.upper()
        return loc.toCurrencyString(round(minor / 100), CURRENCY_SYMBOLS.get(code, code), 0)

    french = loc.language() == QLocale.Language.French
    return c.Formatter(
        number,
        money,
        month,
        choice_label,
        tr,
        percent_sign="\u202f%" if french else "%",
        money_whole=whole,
    )


def _mix(a: QColor, b: QColor, share: float) -> str:
    """`share` of b over a, as #rrggbb."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * share,
        a.greenF() + (b.greenF() - a.greenF()) * share,
        a.blueF() + (b.blueF() - a.blueF()) * share,
    ).name()


def chart_style(palette: QPalette) -> c.ChartStyle:
    """Colours from the palette: the base background and text, and a series set that
    reads on it (lighter hues on a dark background)."""
    background = palette.color(QPalette.ColorRole.Base)
    foreground = palette.color(QPalette.ColorRole.Text)
    base = c.DARK if background.lightnessF() < 0.5 else c.LIGHT
    return replace(
        base,
        background=background.name(),
        foreground=foreground.name(),
        muted=_mix(background, foreground, 0.28),
    )


class ChartCanvas(FigureCanvasQTAgg):
    """Signals:
    sig_drill_down(object_type, conditions): a bar was clicked (or chosen with the arrow
        keys and Enter); the conditions (a tuple of record_lists.Condition) select exactly
        the records it counts.
    """

    sig_drill_down = Signal(str, object)

    def __init__(self, chart: c.Chart, parent: QWidget | None = None) -> None:
        super().__init__(Figure(figsize=(6, 3.6), dpi=96))  # type: ignore[no-untyped-call]
        if parent is not None:
            self.setParent(parent)
        self.chart = chart
        self.hits: list[tuple[Artist, DrillDown]] = []
        self.last_drill: DrillDown | None = None
        self._waiting: tuple[DashboardData, c.ChartStyle, c.Formatter] | None = None
        #: Seconds the last draw took (figure built and rendered), for the benchmark.
        self.last_draw_seconds = 0.0
        self.setMinimumHeight(MIN_CHART_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(QCoreApplication.translate("Dashboard", chart.title))
        # Tab reaches the chart; the arrow keys then go from bar to bar (the chosen one is
        # outlined) and Enter opens its records, as a click does.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        #: The bar chosen with the keyboard (an index into `hits`), None before any.
        self.current: int | None = None
        self._outline: tuple[Artist, object, float] | None = None
        self.mpl_connect("pick_event", self._on_pick)
        self.mpl_connect("motion_notify_event", self._on_motion)

    def show_data(
        self,
        data: DashboardData,
        style: c.ChartStyle,
        fmt: c.Formatter,
        render: bool = True,
    ) -> float:
        """Redraw the chart for `data`; returns the seconds it took. With `render` False
        the figure is only built, and rendered when Qt next paints the canvas: a chart
        scrolled out of view costs nothing until it is seen."""
        started = time.perf_counter()
        self._waiting = None
        self._forget_current()
        self.hits = c.draw(self.figure, self.chart, data, style, fmt)
        if render:
            self.draw()
        else:
            self._draw_pending = True  # rendered by the next paint
            self.update()
        self.last_draw_seconds = time.perf_counter() - started
        return self.last_draw_seconds

    def set_data(self, data: DashboardData, style: c.ChartStyle, fmt: c.Formatter) -> None:
        """Keep the figures: the chart is built and rendered when Qt next paints it, so a
        chart scrolled out of view costs nothing until it is seen."""
        self._waiting = (data, style, fmt)
        self.update()

    def ensure_built(self) -> None:
        """Build the chart from the figures last given, if not done yet (before reading its
        parts, or exporting it)."""
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._forget_current()
            self.hits = c.draw(self.figure, self.chart, *waiting)
            self._draw_pending = True  # the backend's paintEvent renders a pending figure

    def paintEvent(self, event: QPaintEvent) -> None:
        self.ensure_built()
        super().paintEvent(event)  # type: ignore[no-untyped-call]
        if self.hasFocus():
            painter = QPainter(self)
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
            painter.end()

    def draw(self) -> None:
        """Render; a canvas not laid out yet (a few pixels wide) is drawn again when it gets
        its size, so the layout engine's complaint about the tiny size is not news."""
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="constrained_layout not applied")
            super().draw()  # type: ignore[no-untyped-call]

    def bar_center(self, index: int) -> tuple[int, int]:
        """Widget coordinates (Qt, top-left origin) of the middle of clickable part `index`,
        for keyboard-free tests and tools."""
        artist = self.hits[index][0]
        box = artist.get_window_extent(self.get_renderer())  # type: ignore[no-untyped-call]
        ratio = self.device_pixel_ratio or 1
        x = (box.x0 + box.x1) / 2 / ratio
        y = self.height() - (box.y0 + box.y1) / 2 / ratio
        return round(x), round(y)

    # --- keyboard -----------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.ensure_built()
        key = Qt.Key(event.key())
        steps = {
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Up: -1,
        }
        if self.hits and key in steps:
            if self.current is None:
                self.choose(0 if steps[key] > 0 else len(self.hits) - 1)
            else:
                self.choose((self.current + steps[key]) % len(self.hits))
            return
        if self.hits and key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.choose(0 if key == Qt.Key.Key_Home else len(self.hits) - 1)
            return
        if self.current is not None and key in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
            Qt.Key.Key_Space,
        ):
            target = self.hits[self.current][1]
            self.last_drill = target
            self.sig_drill_down.emit(target.object_type, target.conditions)
            return
        super().keyPressEvent(event)  # type: ignore[no-untyped-call]

    def choose(self, index: int) -> None:
        """Make bar `index` the keyboard's current one: outlined, and said in the
        accessible description (how many records Enter opens)."""
        self._forget_current()
        artist, target = self.hits[index]
        self.current = index
        get_edge = getattr(artist, "get_edgecolor", None)
        get_width = getattr(artist, "get_linewidth", None)
        if get_edge is not None and get_width is not None:
            self._outline = (artist, get_edge(), float(get_width()))
            # The text colour: it stands out from every series colour on light and dark.
            color = self.palette().color(QPalette.ColorRole.Text).name()
            artist.set(edgecolor=color, linewidth=2.5)
        text = QCoreApplication.translate(
            "Dashboard", "Bar {number} of {total}: Enter opens its {count} records"
        ).format(
            number=QLocale().toString(index + 1),
            total=QLocale().toString(len(self.hits)),
            count=QLocale().toString(target.count),
        )
        self.setAccessibleDescription(text)
        self.setToolTip(text)
        self.draw_idle()  # type: ignore[no-untyped-call]

    def _forget_current(self) -> None:
        if self._outline is not None:
            artist, edge, width = self._outline
            artist.set(edgecolor=edge, linewidth=width)
        self._outline = None
        self.current = None

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()  # the focus frame

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # --- events -------------------------------------------------------------------------
    def _target(self, artist: Artist) -> DrillDown | None:
        return next((target for hit, target in self.hits if hit is artist), None)

    def _on_pick(self, event: PickEvent) -> None:
        mouse = event.mouseevent
        if mouse.button is not None and int(mouse.button) != 1:
            return
        target = self._target(event.artist)
        if target is None or (self.last_drill is not None and self._pick_is_repeat(mouse)):
            return
        self._picked_at = (mouse.x, mouse.y, id(mouse))
        self.last_drill = target
        self.sig_drill_down.emit(target.object_type, target.conditions)

    def _pick_is_repeat(self, mouse: MouseEvent) -> bool:
        """Overlapping bars (a stacked segment and its neighbour) pick once per click."""
        return getattr(self, "_picked_at", None) == (mouse.x, mouse.y, id(mouse))

    def _on_motion(self, event: MouseEvent) -> None:
        for artist, target in self.hits:
            if artist.contains(event)[0]:
                self.setCursor(Qt.CursorShape.PointingHandCursor)
                self.setToolTip(
                    QCoreApplication.translate("Dashboard", "Open the {count} records").format(
                        count=QLocale().toString(target.count)
                    )
                )
                return
        self.unsetCursor()
        self.setToolTip("")
