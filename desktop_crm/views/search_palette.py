"""The search palette (Ctrl+K): one box over every object, results grouped by object,
keyboard only if you like (Up/Down choose, Enter opens, Esc closes).

Typing never waits for the database: each pause of `DEBOUNCE_MS` starts a query of
`services.search.search` on a read-only thread of the palette's own (`LatestReadQuery`,
not the database worker, so a search typed during an import is answered at once), and a
newer keystroke supersedes the query before it, which is dropped or cancelled.

The palette is a frame laid over the window's top (a child widget, not a window of its
own): it moves with the window, closes when the focus leaves it, and gives the focus back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_crm.models.database import Database
from desktop_crm.services.search import SearchGroup, search
from desktop_crm.views.overview_page import object_label
from desktop_crm.widgets.read_pool import LatestReadQuery

#: Typing pauses this long before a query starts: fast typists send one query per word.
DEBOUNCE_MS = 120
#: Hits shown per object type.
HITS_PER_OBJECT = 5
#: Widest the palette gets, and how far it sits below the window's top.
MAX_WIDTH = 640
TOP_MARGIN = 48

#: A search function with the signature of `services.search.search`.
SearchFunction = Callable[..., list[SearchGroup]]


class _HitDelegate(QStyledItemDelegate):
    """Group headers as small bold captions; hits as the title and, dimmed after it, the
    subtitle (account, city, e-mail)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        hit = index.data(SearchPalette.HitRole)
        if not hit:
            painter.save()
            font = QFont(option.font)
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 0.9)
            painter.setFont(font)
            palette = option.palette
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            rect: QRect = option.rect.adjusted(8, 0, -8, 0)
            painter.drawText(
                rect,
                int(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft),
                index.data(Qt.ItemDataRole.DisplayRole),
            )
            painter.restore()
            return
        # The selection drawn by hand: the style's item panel would paint the text too.
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        if selected:
            painter.fillRect(option.rect, palette.highlight())
        rect = option.rect.adjusted(18, 0, -8, 0)
        metrics = option.fontMetrics
        title = metrics.elidedText(
            index.data(Qt.ItemDataRole.DisplayRole), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.save()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(palette.color(role))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter), title)
        subtitle = index.data(SearchPalette.SubtitleRole) or ""
        left = metrics.horizontalAdvance(title) + 16
        if subtitle and left < rect.width() - 40:
            rest = rect.adjusted(left, 0, 0, 0)
            dim = QPalette.ColorRole.PlaceholderText
            if selected:
                dim = QPalette.ColorRole.HighlightedText
            painter.setPen(palette.color(dim))
            painter.drawText(
                rest,
                int(Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(subtitle, Qt.TextElideMode.ElideRight, rest.width()),
            )
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        height = option.fontMetrics.height()
        if not index.data(SearchPalette.HitRole):
            return QSize(100, height + 12)  # a little air above each group
        return QSize(100, height + 10)


class SearchPalette(QFrame):
    """Signals:
    sig_open_record(object_type, record_id): the user chose a result.
    sig_results_shown(text): the results of `text` are on screen (for tests, benchmarks).
    """

    #: (object_type, record_id) of a hit; "" on a group header (never unset: see
    #: widgets/qt_workarounds.py).
    HitRole = Qt.ItemDataRole.UserRole + 1
    #: The dimmed second part of a hit.
    SubtitleRole = Qt.ItemDataRole.UserRole + 2

    sig_open_record = Signal(str, str)
    sig_results_shown = Signal(str)

    def __init__(
        self,
        db: Database,
        parent: QWidget,
        *,
        debounce_ms: int = DEBOUNCE_MS,
        hits_per_object: int = HITS_PER_OBJECT,
        search_function: SearchFunction = search,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.hits_per_object = hits_per_object
        self.search_function = search_function
        self.setObjectName("searchPalette")
        self.setFrameShape(QFrame.Shape.Panel)
        self.setAutoFillBackground(True)
        # A plain raised frame, no drop shadow: blurring the palette on each repaint cost
        # ~30 ms a keystroke (measured in bench/bench_lists.py), most of a query's time.
        self.setFrameShadow(QFrame.Shadow.Raised)
        self.setLineWidth(2)
        self.setAccessibleName(self.tr("Search"))
        self.queries = LatestReadQuery(self)
        self.queries.sig_result.connect(self._show_results)
        self.queries.sig_failed.connect(self._show_failure)
        self._asked = ""  #: text of the latest query started
        self._shown = ""  #: text whose results are on screen
        self._open_when_shown = False
        self._return_focus: QWidget | None = None

        self.edit = QLineEdit()
        self.edit.setPlaceholderText(
            self.tr("Search accounts, contacts, leads, deals, campaigns, cases…")
        )
        self.edit.setAccessibleName(self.tr("Search everything"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaxLength(1000)
        font = self.edit.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.edit.setFont(font)
        self.edit.setMinimumHeight(self.edit.fontMetrics().height() + 14)
        self.edit.installEventFilter(self)
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setItemDelegate(_HitDelegate(self.results))
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setFrameShape(QFrame.Shape.NoFrame)
        self.results.setUniformItemSizes(False)
        self.results.itemActivated.connect(self._open_item)
        self.results.itemClicked.connect(self._open_item)
        self.status_label = QLabel()
        self.status_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.run_query)
        self.edit.textChanged.connect(self._typed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status_label)
        parent.installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self._show_hint()
        self.hide()

    # --- opening and closing ----------------------------------------------------------------
    @Slot()
    def open(self) -> None:
        """Show the palette over the window with the last text selected, to type anew."""
        focused = QApplication.focusWidget()
        if focused is not None and not self.isAncestorOf(focused):
            self._return_focus = focused
        self._place()
        self.show()
        self.raise_()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    @Slot()
    def close_palette(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        target = self._return_focus
        self._return_focus = None
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _place(self) -> None:
        parent = self.parentWidget()
        assert parent is not None
        width = min(MAX_WIDTH, parent.width() - 40)
        rows = sum(self.results.sizeHintForRow(r) for r in range(self.results.count()))
        chrome = self.edit.sizeHint().height() + self.status_label.sizeHint().height() + 34
        height = min(parent.height() - TOP_MARGIN - 20, chrome + max(rows, 24))
        self.setGeometry((parent.width() - width) // 2, TOP_MARGIN, width, height)
        self.results.setVisible(self.results.count() > 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            if self.isVisible():
                self._place()
            return False
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.close_palette()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current()
            return True
        steps = {
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_PageDown: 5,
            Qt.Key.Key_PageUp: -5,
        }
        if key in steps:
            self.move_selection(steps[Qt.Key(key)])
            return True
        return False

    @Slot(QWidget, QWidget)
    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if self.isVisible() and new is not None and new is not self and not self.isAncestorOf(new):
            self._return_focus = None
            self.hide()

    # --- querying ---------------------------------------------------------------------------
    @Slot(str)
    def _typed(self, text: str) -> None:
        self._open_when_shown = False
        if not text.strip():
            self._timer.stop()
            self.queries.cancel()
            self._asked = self._shown = ""
            self.results.clear()
            self._show_hint()
            self._place()
            return
        self._timer.start()

    @Slot()
    def run_query(self) -> None:
        """Start the query of the box's text now (the pause after typing does this)."""
        self._timer.stop()
        text = self.edit.text()
        if not text.strip():
            return
        self._asked = text
        db, limit, find = self.db, self.hits_per_object, self.search_function

        def query(cancelled: Callable[[], bool]) -> list[SearchGroup]:
            session: Session
            with db.read_session() as session:
                return find(session, text, limit, cancelled=cancelled)

        self.queries.run(query)

    @Slot(int, object)
    def _show_results(self, generation: int, groups: Sequence[SearchGroup]) -> None:
        text = self._asked
        self._shown = text
        self.results.clear()
        first: QListWidgetItem | None = None
        for group in groups:
            header = QListWidgetItem(object_label(group.object_type))
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setData(self.HitRole, "")
            header.setData(self.SubtitleRole, "")
            self.results.addItem(header)
            for hit in group.hits:
                item = QListWidgetItem(hit.title)
                item.setData(self.HitRole, (hit.object_type, hit.record_id))
                item.setData(self.SubtitleRole, hit.subtitle)
                item.setToolTip(" · ".join(p for p in (hit.title, hit.subtitle) if p))
                self.results.addItem(item)
                first = first or item
        if first is None:
            self.status_label.setText(self.tr("Nothing matches “{text}”.").format(text=text))
        else:
            self.results.setCurrentItem(first)
            self.status_label.setText(self.tr("↑ ↓ to choose · Enter to open · Esc to close"))
        if self.isVisible():
            self._place()
        self.sig_results_shown.emit(text)
        if self._open_when_shown and self.edit.text() == text:
            self._open_when_shown = False
            self.open_current()

    @Slot(int, str)
    def _show_failure(self, generation: int, message: str) -> None:
        self.results.clear()
        self.status_label.setText(message)
        if self.isVisible():
            self._place()

    def _show_hint(self) -> None:
        self.status_label.setText(
            self.tr("Names, companies, e-mails, cities, phone numbers; typos are forgiven.")
        )

    # --- choosing ---------------------------------------------------------------------------
    def hit_rows(self) -> list[int]:
        return [
            row for row in range(self.results.count()) if self.results.item(row).data(self.HitRole)
        ]

    def move_selection(self, step: int) -> None:
        rows = self.hit_rows()
        if not rows:
            return
        current = self.results.currentRow()
        position = rows.index(current) if current in rows else -1
        position = max(0, min(len(rows) - 1, position + step))
        self.results.setCurrentRow(rows[position])
        self.results.scrollToItem(self.results.currentItem())

    @Slot()
    def open_current(self) -> None:
        """Open the chosen result; if the results of the text typed are not in yet, open
        the first of them when they are."""
        if self.edit.text() != self._shown or self._timer.isActive():
            if self.edit.text().strip():
                self._open_when_shown = True
                if self._timer.isActive() or self._asked != self.edit.text():
                    self.run_query()
            return
        item = self.results.currentItem()
        if item is not None:
            self._open_item(item)

    @Slot(QListWidgetItem)
    def _open_item(self, item: QListWidgetItem) -> None:
        hit = item.data(self.HitRole)
        if not hit:
            return
        object_type, record_id = hit
        self.hide()
        self._return_focus = None
        self.sig_open_record.emit(object_type, record_id)

    def stop(self) -> None:
        """Join the query thread (the window is closing)."""
        self._timer.stop()
        self.queries.stop()
