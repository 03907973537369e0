"""A kanban board: columns of cards side by side, scrolled horizontally, with drag and drop
and a keyboard alternative to every drag. Knows nothing of deals: the caller describes each
card as a `CardFace` and decides what a drop or a key move does.

Each column is a `QListView` over a `KanbanColumnModel` that fetches more cards through
Qt's `canFetchMore`/`fetchMore` (scrolling to the end asks the owner for the next page).
A drop never changes the models: it is reported (`sig_card_dropped`) with the neighbours
the card was dropped between, the owner writes the move and then reloads the columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

#: The drag payload: "card id\ncolumn id", UTF-8.
CARD_MIME = "application/x-desktop-crm-card"
COLUMN_WIDTH = 264
#: A stale (or otherwise flagged) card's colour; an icon and a tooltip say it too.
MARK_COLOUR = QColor(214, 120, 0)

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CardFace:
    """What a card shows: a bold title, a few lines, and an optional mark (colour plus a
    warning icon plus `mark_text` in the tooltip, never colour alone)."""

    title: str
    lines: tuple[str, ...] = ()
    marked: bool = False
    mark_text: str = ""
    tooltip: str = ""


@dataclass(frozen=True)
class ColumnSpec:
    id: str
    title: str
    summary: str = ""  #: under the title: counts, totals
    tooltip: str = ""
    accepts_drops: bool = True


class KanbanColumnModel(QAbstractListModel):
    """The cards of one column, in order; more are asked for when the view reaches the end.

    Signals:
        sig_fetch_more(column_id): the view wants the next page.
        sig_card_dropped(card_id, from_column, to_column, row, before_id, after_id): a card
            was dropped at `row` of this column, between `after_id` and `before_id` (either
            may be "" at an end); the source card itself is left out of the neighbours.
    """

    CardRole = Qt.ItemDataRole.UserRole + 1  #: the caller's card object
    CardIdRole = Qt.ItemDataRole.UserRole + 2  #: its id (str)
    FaceRole = Qt.ItemDataRole.UserRole + 3  #: its CardFace

    sig_fetch_more = Signal(str)
    sig_card_dropped = Signal(str, str, str, int, str, str)

    def __init__(
        self,
        column_id: str,
        describe: Callable[[Any], CardFace],
        card_id: Callable[[Any], str],
        *,
        accepts_drops: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.column_id = column_id
        self.describe = describe
        self.card_id = card_id
        self.accepts_drops = accepts_drops
        self.cards: list[Any] = []
        self.faces: list[CardFace] = []
        self.has_more = False
        self.fetching = False

    # --- content ----------------------------------------------------------------------------
    def set_cards(self, cards: Sequence[Any], has_more: bool) -> None:
        self.beginResetModel()
        self.cards = list(cards)
        self.faces = [self.describe(card) for card in self.cards]
        self.has_more = has_more
        self.fetching = False
        self.endResetModel()

    def append_cards(self, cards: Sequence[Any], has_more: bool) -> None:
        known = {self.card_id(card) for card in self.cards}
        fresh = [card for card in cards if self.card_id(card) not in known]
        if fresh:
            first = len(self.cards)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self.cards.extend(fresh)
            self.faces.extend(self.describe(card) for card in fresh)
            self.endInsertRows()
        self.has_more = has_more
        self.fetching = False

    def row_of(self, card_id: str) -> int:
        for row, card in enumerate(self.cards):
            if self.card_id(card) == card_id:
                return row
        return -1

    # --- Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.cards):
            return None
        face = self.faces[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = ", ".join((face.title, *face.lines))
            return f"{text}. {face.mark_text}" if face.marked else text
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [face.mark_text] if face.marked else []
            if face.tooltip:
                parts.append(face.tooltip)
            return "\n".join(parts) or None
        if role == self.CardRole:
            return self.cards[index.row()]
        if role == self.CardIdRole:
            return self.card_id(self.cards[index.row()])
        if role == self.FaceRole:
            return face
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():  # the space between and after cards
            return Qt.ItemFlag.ItemIsDropEnabled if self.accepts_drops else Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self.has_more and not self.fetching

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self.fetching = True
            self.sig_fetch_more.emit(self.column_id)

    # --- drag and drop ----------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CARD_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = [i.row() for i in indexes if i.isValid()]
        if rows:
            card = self.card_id(self.cards[rows[0]])
            data.setData(CARD_MIME, QByteArray(f"{card}\n{self.column_id}".encode()))
        return data

    @staticmethod
    def decode(data: QMimeData) -> tuple[str, str] | None:
        """(card id, column id) of a card drag, or None for anything else."""
        if not data.hasFormat(CARD_MIME):
            return None
        raw = bytes(data.data(CARD_MIME).data()).decode("utf-8", "replace")
        card, _, column = raw.partition("\n")
        return (card, column) if card and column else None

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return self.accepts_drops and self.decode(data) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Report the drop; False, so the source view removes nothing (the owner reloads)."""
        decoded = self.decode(data)
        if decoded is None or not self.accepts_drops:
            return False
        card, source = decoded
        if parent.isValid():  # dropped onto a card: before it
            row = parent.row()
        if row < 0 or row > len(self.cards):
            row = len(self.cards)
        ids = [self.card_id(c) for c in self.cards]
        before = next((i for i in ids[row:] if i != card), "")
        after = next((i for i in reversed(ids[:row]) if i != card), "")
        self.sig_card_dropped.emit(card, source, self.column_id, row, before, after)
        return False


class CardDelegate(QStyledItemDelegate):
    """Paints a `CardFace` as a card: a framed box, the title in bold, then its lines; a
    marked card gets a coloured edge and tint and a warning icon."""

    PADDING = 8
    MARGIN = 4
    LINES = 4

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()
        return QSize(COLUMN_WIDTH - 24, (self.LINES + 1) * line + 2 * self.PADDING + 2 * 3)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        face = index.data(KanbanColumnModel.FaceRole)
        if not isinstance(face, CardFace):
            return
        palette: QPalette = option.palette
        rect: QRect = option.rect.adjusted(
            self.MARGIN, self.MARGIN // 2, -self.MARGIN, -self.MARGIN // 2
        )
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        background = palette.color(QPalette.ColorRole.Base)
        if face.marked:
            tint = QColor(MARK_COLOUR)
            tint.setAlpha(28)
            painter.setBrush(QBrush(background))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(rect, 5, 5)
            painter.setBrush(QBrush(tint))
        else:
            painter.setBrush(QBrush(background))
        border = (
            palette.color(QPalette.ColorRole.Highlight)
            if selected
            else palette.color(QPalette.ColorRole.Mid)
        )
        painter.setPen(QPen(border, 2 if selected or focused else 1))
        painter.drawRoundedRect(rect, 5, 5)
        if face.marked:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(MARK_COLOUR))
            painter.drawRoundedRect(QRect(rect.left(), rect.top(), 5, rect.height()), 2, 2)
        inner = rect.adjusted(self.PADDING + 2, self.PADDING - 2, -self.PADDING, -self.PADDING)
        metrics = option.fontMetrics
        line_height = metrics.height()
        icon_size = line_height
        title_rect = QRect(inner.left(), inner.top(), inner.width(), line_height)
        if face.marked:
            widget = option.widget
            style = widget.style() if widget is not None else None
            if style is not None:
                icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
                icon.paint(
                    painter,
                    QRect(inner.right() - icon_size, inner.top(), icon_size, icon_size),
                )
            title_rect.setWidth(inner.width() - icon_size - 4)
        text_colour = palette.color(QPalette.ColorRole.Text)
        painter.setPen(text_colour)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(
                face.title, Qt.TextElideMode.ElideRight, title_rect.width()
            ),
        )
        painter.setFont(option.font)
        dim = palette.color(QPalette.ColorRole.PlaceholderText)
        for number, line in enumerate(face.lines[: self.LINES]):
            painter.setPen(text_colour if number < 2 else dim)
            line_rect = QRect(
                inner.left(), inner.top() + (number + 1) * line_height, inner.width(), line_height
            )
            painter.drawText(
                line_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(line, Qt.TextElideMode.ElideRight, line_rect.width()),
            )
        painter.restore()


class KanbanColumn(QFrame):
    """One column: a header (title, summary) over the list of its cards."""

    def __init__(self, model: KanbanColumnModel, delegate: CardDelegate, parent: QWidget) -> None:
        super().__init__(parent)
        self.model = model
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(COLUMN_WIDTH)
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setWordWrap(True)
        self.list = QListView()
        self.list.setModel(model)
        self.list.setItemDelegate(delegate)
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setDragEnabled(True)
        self.list.setAcceptDrops(True)
        self.list.setDropIndicatorShown(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)
        model.modelReset.connect(self._show_empty)
        model.rowsInserted.connect(self._show_empty)

    def set_spec(self, spec: ColumnSpec, empty_text: str) -> None:
        self.title_label.setText(spec.title)
        self.summary_label.setText(spec.summary)
        self.setToolTip(spec.tooltip)
        self.list.setAccessibleName(spec.title)
        self.empty_label.setText(empty_text)
        self.model.accepts_drops = spec.accepts_drops
        self._show_empty()

    def _show_empty(self) -> None:
        self.empty_label.setVisible(self.model.rowCount() == 0)


class KanbanBoard(QScrollArea):
    """Columns side by side in a horizontally scrolling area.

    Signals:
        sig_card_dropped(card_id, from_column, to_column, row, before_id, after_id)
        sig_fetch_more(column_id)
        sig_card_activated(card_id): double-click or Enter on a card.
        sig_key_move(card_id, column_id, step): Ctrl+Shift+Left/Right (step −1/+1 across
            columns) on a card; Ctrl+Shift+Up/Down come as sig_key_reorder.
        sig_key_reorder(card_id, column_id, step): −1 up, +1 down within the column.
        sig_context_menu(card_id, column_id, global_pos)
    """

    sig_card_dropped = Signal(str, str, str, int, str, str)
    sig_fetch_more = Signal(str)
    sig_card_activated = Signal(str)
    sig_key_move = Signal(str, str, int)
    sig_key_reorder = Signal(str, str, int)
    sig_context_menu = Signal(str, str, QPoint)

    def __init__(
        self,
        describe: Callable[[Any], CardFace],
        card_id: Callable[[Any], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.describe = describe
        self.card_id = card_id
        self.delegate = CardDelegate(self)
        self.columns: dict[str, KanbanColumn] = {}
        self.order: list[str] = []
        self._focused: str | None = None
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.inner = QWidget()
        self.inner.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        self.row = QHBoxLayout(self.inner)
        self.row.setContentsMargins(4, 4, 4, 4)
        self.row.setSpacing(8)
        self.row.addStretch(1)
        self.setWidget(self.inner)

    def set_columns(self, specs: Sequence[ColumnSpec], empty_text: str = "") -> None:
        """Show these columns in this order, keeping the widgets of those that stay."""
        wanted = [spec.id for spec in specs]
        for column_id in list(self.columns):
            if column_id not in wanted:
                gone = self.columns.pop(column_id)
                self.row.removeWidget(gone)
                gone.deleteLater()
        for index, spec in enumerate(specs):
            column = self.columns.get(spec.id)
            if column is None:
                model = KanbanColumnModel(
                    spec.id, self.describe, self.card_id, accepts_drops=spec.accepts_drops
                )
                column = KanbanColumn(model, self.delegate, self.inner)
                model.setParent(column)
                model.sig_fetch_more.connect(self.sig_fetch_more)
                model.sig_card_dropped.connect(self.sig_card_dropped)
                column.list.doubleClicked.connect(self._activated)
                column.list.customContextMenuRequested.connect(
                    lambda pos, c=column: self._context_menu(c, pos)
                )
                column.list.installEventFilter(self)
                self.columns[spec.id] = column
            self.row.removeWidget(column)
            self.row.insertWidget(index, column)
            column.set_spec(spec, empty_text)
            # A child added to a shown widget stays hidden until shown (the layout would
            # only do it later, from the event loop).
            column.show()
        self.order = wanted

    def model(self, column_id: str) -> KanbanColumnModel:
        return self.columns[column_id].model

    def current_card(self) -> tuple[str, str] | None:
        """(card id, column id) of the current card of the column last focused, if any."""
        column = self.columns.get(self._focused or "")
        if column is None:
            return None
        index = column.list.currentIndex()
        if not index.isValid():
            return None
        return str(index.data(KanbanColumnModel.CardIdRole)), column.model.column_id

    def select_card(self, card_id: str, column_id: str | None = None) -> bool:
        """Give the card the focus (scrolling its column into view); False if not shown."""
        for cid in [column_id] if column_id else self.order:
            column = self.columns.get(cid or "")
            if column is None:
                continue
            row = column.model.row_of(card_id)
            if row >= 0:
                index = column.model.index(row)
                column.list.setCurrentIndex(index)
                column.list.scrollTo(index)
                self.ensureWidgetVisible(column)
                column.list.setFocus()
                self._focused = column.model.column_id
                return True
        return False

    def _activated(self, index: QModelIndex) -> None:
        card = index.data(KanbanColumnModel.CardIdRole)
        if card:
            self.sig_card_activated.emit(str(card))

    def _context_menu(self, column: KanbanColumn, pos: QPoint) -> None:
        index = column.list.indexAt(pos)
        if not index.isValid():
            index = column.list.currentIndex()
            if not index.isValid():
                return
            pos = column.list.visualRect(index).center()
        column.list.setCurrentIndex(index)
        self.sig_context_menu.emit(
            str(index.data(KanbanColumnModel.CardIdRole)),
            column.model.column_id,
            column.list.viewport().mapToGlobal(pos),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QListView):
            for column_id, focused in self.columns.items():
                if focused.list is watched:
                    self._focused = column_id
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QListView):
            assert isinstance(event, QKeyEvent)
            column = next((c for c in self.columns.values() if c.list is watched), None)
            index = watched.currentIndex()
            if column is not None and index.isValid():
                card = str(index.data(KanbanColumnModel.CardIdRole))
                mods = event.modifiers()
                wanted = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
                if mods & wanted == wanted:
                    steps = {
                        Qt.Key.Key_Left: ("move", -1),
                        Qt.Key.Key_Right: ("move", 1),
                        Qt.Key.Key_Up: ("reorder", -1),
                        Qt.Key.Key_Down: ("reorder", 1),
                    }
                    found = steps.get(Qt.Key(event.key()))
                    if found is not None:
                        what, step = found
                        signal = self.sig_key_move if what == "move" else self.sig_key_reorder
                        signal.emit(card, column.model.column_id, step)
                        return True
                if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods:
                    self.sig_card_activated.emit(card)
                    return True
        return super().eventFilter(watched, event)
