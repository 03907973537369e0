"""The Pipeline view (issue #4): a kanban board of the chosen pipeline's deals, one column
per stage with its count, total and weighted amount, a filter bar, and moves by drag and
drop, by the "Move to…" menu or by Ctrl+Shift+arrows, each one undoable.

Every read and write runs as a `Job` on the database worker through
`services.pipeline_board`; this module only shows what comes back. A move to a won or lost
stage first asks for what the service requires (close date and final amount; the reason)
in a dialog that can be cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import partial

from PySide6.QtCore import QDate, QLocale, QPoint, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from desktop_crm.models import User
from desktop_crm.models.database import Database
from desktop_crm.models.opportunity import LOST_REASONS
from desktop_crm.services import pipeline_board as pb
from desktop_crm.services.pipeline_board import (
    Board,
    BoardFilter,
    Card,
    CardPage,
    LostFields,
    MoneyTotal,
    MoveResult,
    StageHooks,
    StageInfo,
    WonFields,
)
from desktop_crm.services.progress import Progress
from desktop_crm.services.undo import UndoError, undo
from desktop_crm.views.stage_editor import StageEditorDialog, StagePlan, apply_plan
from desktop_crm.widgets.formatting import CURRENCY_SYMBOLS, choice_label
from desktop_crm.widgets.job import Job, JobRunner
from desktop_crm.widgets.kanban_board import CardFace, ColumnSpec, KanbanBoard

#: Typing pauses this long before the text filter runs.
FILTER_DELAY_MS = 300
#: The date edits show this day as "any": no bound.
NO_DATE = QDate(2000, 1, 1)
#: Currency lines in a column header; the rest are summed up in one line (and listed in
#: the tooltip), so 30 columns of five currencies stay readable.
HEADER_CURRENCIES = 3


def money(minor: int, currency: str, locale: QLocale | None = None) -> str:
    """Whole currency units in the locale's form (cards and headers have little room)."""
    locale = locale or QLocale()
    symbol = CURRENCY_SYMBOLS.get(currency.upper(), currency.upper())
    return locale.toCurrencyString(round(minor / 100), symbol, 0)


def parse_amount(text: str, locale: QLocale | None = None) -> int | None:
    """Minor units from what the user typed in their locale ("12 345,50", "12,345.50",
    with or without a currency sign); None for an empty field. Raises ValueError."""
    locale = locale or QLocale()
    cleaned = text.strip()
    for symbol in (*CURRENCY_SYMBOLS.values(), *CURRENCY_SYMBOLS):
        cleaned = cleaned.replace(symbol, "")
    cleaned = cleaned.replace("\u202f", "").replace("\xa0", "").replace(" ", "").strip()
    if not cleaned:
        return None
    value, ok = locale.toDouble(cleaned)
    if not ok:
        value, ok = QLocale.c().toDouble(cleaned)
    if not ok:
        raise ValueError(text)
    if value < 0:
        raise ValueError(text)
    return round(value * 100)


def by_size(totals: tuple[MoneyTotal, ...]) -> list[MoneyTotal]:
    """The currencies with most deals first (ties by code)."""
    return sorted(totals, key=lambda t: (-t.deals, t.currency))


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


@dataclass(frozen=True)
class BoardData:
    board: Board
    users: tuple[tuple[str, str], ...]  #: (id, name) of the active users, for the owner filter


class CloseDealDialog(QDialog):
    """Asks what moving a deal to a won or lost stage needs, validated by the service's own
    rules as the user types; Cancel leaves the deal where it was."""

    def __init__(self, card: Card, stage: StageInfo, today: date, parent: QWidget) -> None:
        super().__init__(parent)
        self.card, self.stage, self.today = card, stage, today
        self.kind = stage.kind
        won = self.kind == "won"
        self.setWindowTitle(
            self.tr("Won: {deal}").format(deal=card.name)
            if won
            else self.tr("Lost: {deal}").format(deal=card.name)
        )
        text = (
            self.tr("Moving “{deal}” to “{stage}” closes it as won.")
            if won
            else self.tr("Moving “{deal}” to “{stage}” closes it as lost.")
        )
        intro = QLabel(text.format(deal=card.name, stage=stage.name))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.date_edit = QDateEdit(_qdate(today))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMaximumDate(_qdate(today))
        self.date_edit.setAccessibleName(self.tr("Close date"))
        form.addRow(self.tr("&Close date:"), self.date_edit)
        self.amount_edit = QLineEdit()
        self.reason_combo = QComboBox()
        self.detail_edit = QPlainTextEdit()
        if won:
            if card.amount_minor is not None:
                self.amount_edit.setText(QLocale().toString(card.amount_minor / 100, "f", 2))
            self.amount_edit.setPlaceholderText(self.tr("Required"))
            self.amount_edit.setAccessibleName(self.tr("Final amount"))
            row = QHBoxLayout()
            row.addWidget(self.amount_edit, 1)
            row.addWidget(QLabel(card.currency))
            amount_label = QLabel(self.tr("Final &amount:"))
            amount_label.setBuddy(self.amount_edit)
            form.addRow(amount_label, row)
            self.amount_edit.textChanged.connect(self._validate)
        else:
            self.reason_combo.addItem(self.tr("Choose a reason…"), None)
            for reason in LOST_REASONS:
                self.reason_combo.addItem(choice_label(reason), reason)
            self.reason_combo.setAccessibleName(self.tr("Lost reason"))
            form.addRow(self.tr("&Reason:"), self.reason_combo)
            self.detail_edit.setPlaceholderText(self.tr("Optional: what happened"))
            self.detail_edit.setMaximumHeight(80)
            form.addRow(self.tr("&Details:"), self.detail_edit)
            self.reason_combo.currentIndexChanged.connect(self._validate)
        self.date_edit.dateChanged.connect(self._validate)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: palette(highlight)")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Mark as won") if won else self.tr("Mark as lost"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._validate()

    def won_fields(self) -> WonFields:
        try:
            amount = parse_amount(self.amount_edit.text())
        except ValueError:
            amount = None
        return WonFields(_pydate(self.date_edit.date()), amount)

    def lost_fields(self) -> LostFields:
        reason = self.reason_combo.currentData()
        return LostFields(
            reason if isinstance(reason, str) else None,
            self.detail_edit.toPlainText().strip() or None,
            _pydate(self.date_edit.date()),
        )

    def problems(self) -> list[str]:
        """What stops the move, in the user's language: the service's rules decide which
        fields are wrong (`won_problems`, `lost_problems`), the dialog words them."""
        if self.kind == "won":
            try:
                parse_amount(self.amount_edit.text())
            except ValueError:
                return [self.tr("“{text}” is not an amount.").format(text=self.amount_edit.text())]
            fields = {p.field for p in pb.won_problems(self.won_fields(), self.today)}
        else:
            fields = {p.field for p in pb.lost_problems(self.lost_fields(), self.today)}
        messages = []
        if "close_date" in fields:
            messages.append(self.tr("The close date cannot be in the future."))
        if "amount" in fields:
            messages.append(self.tr("A won deal needs its final amount."))
        if "reason" in fields:
            messages.append(self.tr("Choose the reason the deal was lost."))
        return messages

    @Slot()
    def _validate(self) -> None:
        problems = self.problems()
        self.problem_label.setText("\n".join(problems))
        self.ok_button.setEnabled(not problems)


class PipelineView(QWidget):
    """The board of one pipeline at a time.

    Signals:
        sig_open_deal(deal_id): double-click or Enter on a card.
        sig_changed(): a move (or its undo) was written, so other views re-read.
    """

    sig_open_deal = Signal(str)
    sig_changed = Signal()

    def __init__(
        self,
        db: Database,
        *,
        settings: QSettings,
        runner: JobRunner | None = None,
        hooks: StageHooks | None = None,
        today: Callable[[], date] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.settings = settings
        self.runner = runner
        self.hooks = hooks if hooks is not None else StageHooks()
        self.today = today or (lambda: datetime.now(UTC).date())
        self.board_data: Board | None = None
        self.filter: BoardFilter | None = None
        self.loading = False
        self.last_move: MoveResult | None = None
        self.close_dialog: CloseDealDialog | None = None
        self._after: dict[str, tuple[int, str] | None] = {}
        self._select_after_load: str | None = None
        self._users_loaded = False
        self._header_lines = 0
        #: The last message shown in the status bar (also for tests).
        self.last_status = ""

        self.pipeline_combo = QComboBox()
        self.pipeline_combo.setAccessibleName(self.tr("Pipeline"))
        self.pipeline_combo.setMinimumContentsLength(14)
        self.pipeline_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.pipeline_combo.activated.connect(self._pipeline_chosen)
        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.summary_label.setWordWrap(True)
        # Long forecasts (many currencies) wrap instead of widening the window.
        self.summary_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.pipeline_button = QPushButton(self.tr("Pipeline &settings"))
        settings_menu = QMenu(self.pipeline_button)
        settings_menu.addAction(self.tr("Edit &stages…"), self.edit_stages)
        settings_menu.addAction(self.tr("&New pipeline…"), self.ask_new_pipeline)
        settings_menu.addAction(self.tr("&Rename pipeline…"), self.ask_rename_pipeline)
        self.pipeline_button.setMenu(settings_menu)
        self.stage_editor: StageEditorDialog | None = None
        self.undo_button = QPushButton(self.tr("&Undo move"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_last_move)
        self.undo_action = QAction(self.tr("Undo move"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.undo_last_move)
        self.addAction(self.undo_action)

        self.owner_combo = QComboBox()
        self.owner_combo.setAccessibleName(self.tr("Owner"))
        self.owner_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.owner_combo.addItem(self.tr("All owners"), None)
        self.owner_combo.addItem(self.tr("Mine"), db.current_user_id)
        self.close_from = self._date_edit(self.tr("Expected close from"))
        self.close_to = self._date_edit(self.tr("Expected close to"))
        self.amount_min = QLineEdit()
        self.amount_max = QLineEdit()
        for edit, name in (
            (self.amount_min, self.tr("Minimum amount")),
            (self.amount_max, self.tr("Maximum amount")),
        ):
            edit.setAccessibleName(name)
            edit.setPlaceholderText(name)
            edit.setClearButtonEnabled(True)
            edit.setMaximumWidth(130)
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(self.tr("Filter deals or accounts…"))
        self.text_edit.setAccessibleName(self.tr("Quick filter"))
        self.text_edit.setClearButtonEnabled(True)
        focus_filter = QAction(self)
        focus_filter.setShortcut(QKeySequence.StandardKey.Find)
        focus_filter.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        focus_filter.triggered.connect(self.text_edit.setFocus)
        self.addAction(focus_filter)
        self.filter_problem = QLabel()
        self.filter_problem.setStyleSheet("color: palette(highlight)")
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filters)
        self.text_edit.textChanged.connect(self._filter_timer.start)
        self.amount_min.textChanged.connect(self._filter_timer.start)
        self.amount_max.textChanged.connect(self._filter_timer.start)
        self.owner_combo.activated.connect(self.apply_filters)
        self.close_from.dateChanged.connect(self.apply_filters)
        self.close_to.dateChanged.connect(self.apply_filters)

        self.board = KanbanBoard(self._face, lambda card: card.id, self)
        self.board.sig_card_dropped.connect(self._dropped, Qt.ConnectionType.QueuedConnection)
        self.board.sig_fetch_more.connect(self.fetch_more)
        self.board.sig_card_activated.connect(self.sig_open_deal)
        self.board.sig_key_move.connect(self.move_by_step)
        self.board.sig_key_reorder.connect(self.reorder_by_step)
        self.board.sig_context_menu.connect(self._card_menu)

        header = QHBoxLayout()
        pipeline_label = QLabel(self.tr("&Pipeline:"))
        pipeline_label.setBuddy(self.pipeline_combo)
        header.addWidget(pipeline_label)
        header.addWidget(self.pipeline_combo)
        header.addWidget(self.pipeline_button)
        header.addStretch(1)
        header.addWidget(self.undo_button)
        bar = QHBoxLayout()
        bar.addWidget(self.text_edit, 2)
        bar.addWidget(self.owner_combo)
        bar.addWidget(QLabel(self.tr("Close:")))
        bar.addWidget(self.close_from)
        bar.addWidget(QLabel("–"))
        bar.addWidget(self.close_to)
        bar.addWidget(QLabel(self.tr("Amount:")))
        bar.addWidget(self.amount_min)
        bar.addWidget(QLabel("–"))
        bar.addWidget(self.amount_max)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(header)
        layout.addWidget(self.summary_label)
        layout.addLayout(bar)
        layout.addWidget(self.filter_problem)
        layout.addWidget(self.board, 1)
        self.filter_problem.hide()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("any"))
        edit.setDate(NO_DATE)
        edit.setAccessibleName(name)
        edit.setToolTip(name)
        return edit

    # --- jobs -------------------------------------------------------------------------------
    def _job(self, fn: Callable[[Progress], object], label: str) -> Job[object]:
        return Job(fn, parent=self, label=label, runner=self.runner, refusals=(UndoError,))

    def load(self, pipeline_id: str | None = None) -> None:
        """Read the board (of `pipeline_id`, else the current one, else the default)."""
        today = self.today()
        current = self.filter
        if pipeline_id is not None:
            base = current or BoardFilter(pipeline_id)
            wanted: BoardFilter | None = replace(base, pipeline_id=pipeline_id)
        else:
            wanted = current
        loaded = (
            {cid: self.board.model(cid).rowCount() for cid in self.board.columns}
            if wanted is not None
            and current is not None
            and wanted.pipeline_id == current.pipeline_id
            else {}
        )
        want_users = not self._users_loaded

        def read(progress: Progress) -> BoardData:
            with self.db.read_session() as session:
                f = wanted
                if f is None:
                    pipelines = pb.list_pipelines(session)
                    if not pipelines:
                        raise pb.PipelineEditError(
                            "This database has no pipeline yet: create one first."
                        )
                    f = BoardFilter(pipelines[0].id)
                board = pb.read_board(session, f, today=today, loaded=loaded)
                users: tuple[tuple[str, str], ...] = ()
                if want_users:
                    users = tuple(
                        (id_, name)
                        for id_, name in session.execute(
                            select(User.id, User.name)
                            .where(User.deleted_at.is_(None), User.active.is_(True))
                            .order_by(User.name)
                        ).all()
                    )
                return BoardData(board, users)

        self.loading = True
        job = Job(
            read,
            parent=self,
            label=self.tr("Reading the pipeline"),
            runner=self.runner,
            refusals=(pb.PipelineEditError,),
        )
        job.on_success(self._show).on_finished(self._loaded).start()

    def _loaded(self, outcome: object) -> None:
        self.loading = False

    @Slot()
    def refresh(self) -> None:
        self.load()

    def _show(self, data: BoardData) -> None:
        board = data.board
        if data.users:
            self._users_loaded = True
            for user_id, name in data.users:
                if user_id != self.db.current_user_id:
                    self.owner_combo.addItem(name, user_id)
        self.board_data = board
        self.filter = board.filter
        self.pipeline_combo.clear()
        for pipeline in board.pipelines:
            self.pipeline_combo.addItem(pipeline.name, pipeline.id)
        self.pipeline_combo.setCurrentIndex(self.pipeline_combo.findData(board.pipeline.id))
        self.summary_label.setText(self.board_summary(board))
        self._header_lines = max((len(c.totals) for c in board.columns), default=0)
        specs = [
            ColumnSpec(
                column.stage.id,
                self.column_title(column.stage),
                self.column_summary(column),
                self.column_tooltip(column),
                accepts_drops=not column.stage.deleted,
            )
            for column in board.columns
        ]
        self.board.set_columns(specs, self.tr("No deals"))
        self._after.clear()
        for column in board.columns:
            page = column.page or CardPage(column.stage.id, (), False, None)
            self.board.model(column.stage.id).set_cards(page.cards, page.has_more)
            self._after[column.stage.id] = page.after
        if self._select_after_load:
            self.board.select_card(self._select_after_load)
            self._select_after_load = None

    # --- text -------------------------------------------------------------------------------
    def totals_text(self, totals: tuple[MoneyTotal, ...], weighted_word: str) -> list[str]:
        """One line per currency, the currencies with most deals first."""
        lines = []
        for total in by_size(totals):
            line = self.tr("{amount} · {weighted} {word}").format(
                amount=money(total.amount_minor, total.currency),
                weighted=money(total.weighted_minor, total.currency),
                word=weighted_word,
            )
            if total.without_amount:
                line += self.tr(" ({count} without amount)").format(
                    count=QLocale().toString(total.without_amount)
                )
            lines.append(line)
        return lines

    def board_summary(self, board: Board) -> str:
        deals = self.tr("{count} open deals").format(count=QLocale().toString(board.open_deals))
        if board.filter.is_narrowed:
            deals += self.tr(" (filtered)")
        parts = [
            self.tr("{currency}: pipeline {amount}, weighted forecast {weighted}").format(
                currency=total.currency,
                amount=money(total.amount_minor, total.currency),
                weighted=money(total.weighted_minor, total.currency),
            )
            for total in by_size(board.open_totals)
        ]
        return "  ·  ".join([deals, *parts])

    def column_title(self, stage: StageInfo) -> str:
        if stage.deleted:
            return self.tr("{stage} (deleted stage)").format(stage=stage.name)
        return stage.name

    def column_summary(self, column: pb.Column) -> str:
        """The deal count, then the total and weighted amount of the main currencies; the
        column's tooltip has every currency."""
        count = self.tr("{count} deals · {percent} %").format(
            count=QLocale().toString(column.deals), percent=column.stage.probability
        )
        if column.stage.kind != "open":
            count = self.tr("{count} deals").format(count=QLocale().toString(column.deals))
        lines = self.totals_text(column.totals, self.tr("weighted"))
        if len(lines) > HEADER_CURRENCIES:
            hidden = len(lines) - HEADER_CURRENCIES + 1
            lines = [
                *lines[: HEADER_CURRENCIES - 1],
                self.tr("+ {count} other currencies (see tooltip)").format(count=hidden),
            ]
        while len(lines) < min(HEADER_CURRENCIES, self._header_lines):
            lines.append("")  # headers of one height, so the cards line up
        return "\n".join([count, *lines])

    def column_tooltip(self, column: pb.Column) -> str:
        stage = column.stage
        if stage.deleted:
            return self.tr(
                "This stage was deleted; move its deals to another stage. Nothing can be "
                "dropped here."
            )
        parts = [self.tr("Default probability {percent} %").format(percent=stage.probability)]
        if stage.idle_days_limit:
            parts.append(
                self.tr("Deals idle for more than {days} days are marked stale").format(
                    days=stage.idle_days_limit
                )
            )
        parts += self.totals_text(column.totals, self.tr("weighted"))
        return "\n".join(parts)

    def _face(self, card: Card) -> CardFace:
        locale = QLocale()
        amount = (
            money(card.amount_minor, card.currency)
            if card.amount_minor is not None
            else self.tr("No amount")
        )
        close = (
            locale.toString(_qdate(card.expected_close_date), QLocale.FormatType.ShortFormat)
            if card.expected_close_date
            else self.tr("no close date")
        )
        owner = card.owner_name or self.tr("No owner")
        in_stage = (
            self.tr("{days} d in stage").format(days=card.days_in_stage)
            if card.days_in_stage is not None
            else ""
        )
        if card.next_activity is not None:
            due = locale.toString(
                _qdate(card.next_activity.due_at.date()), QLocale.FormatType.ShortFormat
            )
            next_up = self.tr("Next: {subject} ({due})").format(
                subject=card.next_activity.subject, due=due
            )
        else:
            next_up = self.tr("No next activity")
        mark = ""
        if card.stale:
            mark = self.tr("Stale: no activity or change for {days} days (limit {limit}).").format(
                days=card.idle_days, limit=card.idle_days_limit
            )
        tooltip = self.tr("{name}\n{account}\nProbability {percent} %").format(
            name=card.name, account=card.account_name or "", percent=card.probability
        )
        return CardFace(
            card.name,
            (
                card.account_name or self.tr("No account"),
                f"{amount} · {close}",
                " · ".join(x for x in (owner, in_stage) if x),
                next_up,
            ),
            marked=card.stale,
            mark_text=mark,
            tooltip=tooltip,
        )

    # --- filters ----------------------------------------------------------------------------
    @Slot()
    def apply_filters(self) -> None:
        self._filter_timer.stop()
        if self.filter is None:
            return
        try:
            amount_min = parse_amount(self.amount_min.text())
            amount_max = parse_amount(self.amount_max.text())
        except ValueError as error:
            self._filter_error(self.tr("“{text}” is not an amount.").format(text=error.args[0]))
            return
        close_from = self.close_from.date()
        close_to = self.close_to.date()
        try:
            wanted = BoardFilter(
                self.filter.pipeline_id,
                owner_id=self.owner_combo.currentData(),
                close_from=None if close_from == NO_DATE else _pydate(close_from),
                close_to=None if close_to == NO_DATE else _pydate(close_to),
                amount_min=amount_min,
                amount_max=amount_max,
                text=self.text_edit.text().strip(),
            )
        except ValueError as error:
            self._filter_error(str(error))
            return
        self.filter_problem.hide()
        if wanted != self.filter:
            self.filter = wanted
            self.load()

    def _filter_error(self, message: str) -> None:
        self.filter_problem.setText(message)
        self.filter_problem.show()

    @Slot(int)
    def _pipeline_chosen(self, index: int) -> None:
        pipeline_id = self.pipeline_combo.itemData(index)
        if isinstance(pipeline_id, str) and (
            self.filter is None or pipeline_id != self.filter.pipeline_id
        ):
            self.load(pipeline_id)

    # --- paging -----------------------------------------------------------------------------
    @Slot(str)
    def fetch_more(self, stage_id: str) -> None:
        f, after, today = self.filter, self._after.get(stage_id), self.today()
        if f is None:
            return

        def read(progress: Progress) -> CardPage:
            with self.db.read_session() as session:
                return pb.fetch_cards(session, f, stage_id, after=after, today=today)

        def show(page: object) -> None:
            assert isinstance(page, CardPage)
            if stage_id in self.board.columns and self.filter == f:
                self.board.model(stage_id).append_cards(page.cards, page.has_more)
                self._after[stage_id] = page.after

        def failed(error: BaseException) -> None:
            if stage_id in self.board.columns:
                self.board.model(stage_id).fetching = False  # scrolling asks again

        self._job(read, self.tr("Reading more deals")).on_success(show).on_failure(failed).start()

    # --- moving -----------------------------------------------------------------------------
    def card(self, card_id: str) -> tuple[Card, str] | None:
        for column_id in self.board.order:
            model = self.board.model(column_id)
            row = model.row_of(card_id)
            if row >= 0:
                card = model.cards[row]
                assert isinstance(card, Card)
                return card, column_id
        return None

    def stage(self, stage_id: str) -> StageInfo | None:
        if self.board_data is None:
            return None
        for column in self.board_data.columns:
            if column.stage.id == stage_id:
                return column.stage
        return None

    @Slot(str, str, str, int, str, str)
    def _dropped(
        self, card_id: str, source: str, target: str, row: int, before: str, after: str
    ) -> None:
        self.request_move(card_id, target, before_id=before or None, after_id=after or None)

    def request_move(
        self,
        card_id: str,
        stage_id: str,
        *,
        position: int | None = None,
        before_id: str | None = None,
        after_id: str | None = None,
    ) -> None:
        """Move a card (from a drop, the menu or a key): ask for the closing fields when it
        enters a won or lost stage, then write the move on the worker."""
        found, stage = self.card(card_id), self.stage(stage_id)
        if found is None or stage is None:
            return
        card, from_stage = found
        if stage.deleted:
            self._status(
                self.tr("“{stage}” was deleted: nothing can move into it.").format(stage=stage.name)
            )
            return
        if stage.id != from_stage and stage.kind in ("won", "lost"):
            dialog = CloseDealDialog(card, stage, self.today(), self)
            self.close_dialog = dialog

            def closed(result: int) -> None:
                self.close_dialog = None
                if result != QDialog.DialogCode.Accepted:
                    self._status(
                        self.tr("Move cancelled; “{deal}” stays where it was.").format(
                            deal=card.name
                        )
                    )
                    return
                won = dialog.won_fields() if stage.kind == "won" else None
                lost = dialog.lost_fields() if stage.kind == "lost" else None
                self._run_move(card_id, stage_id, position, before_id, after_id, won, lost)

            dialog.finished.connect(closed)
            dialog.open()
            return
        self._run_move(card_id, stage_id, position, before_id, after_id, None, None)

    def _run_move(
        self,
        card_id: str,
        stage_id: str,
        position: int | None,
        before_id: str | None,
        after_id: str | None,
        won: WonFields | None,
        lost: LostFields | None,
    ) -> None:
        hooks, today = self.hooks, self.today()

        def write(progress: Progress) -> MoveResult:
            with self.db.session() as session, session.begin():
                return pb.move_deal(
                    session,
                    card_id,
                    stage_id,
                    position,
                    before_id=before_id,
                    after_id=after_id,
                    won_fields=won,
                    lost_fields=lost,
                    hooks=hooks,
                    today=today,
                )

        self._job(write, self.tr("Moving the deal")).on_success(self._moved).start()

    def _moved(self, result: object) -> None:
        assert isinstance(result, MoveResult)
        if result.problems:
            QMessageBox.warning(
                self,
                self.tr("The deal was not moved"),
                "\n".join(problem.message for problem in result.problems),
            )
            return
        if not result.moved:
            return
        self.last_move = result
        self.undo_button.setEnabled(True)
        stage = self.stage(result.to_stage_id)
        self._status(
            self.tr("Moved “{deal}” to {stage}. Undo with Ctrl+Z.").format(
                deal=result.deal_name, stage=stage.name if stage else ""
            )
        )
        self._select_after_load = result.deal_id
        self.load()
        self.sig_changed.emit()

    @Slot()
    def undo_last_move(self) -> None:
        move = self.last_move
        if move is None or move.operation_id is None:
            return
        operation_id = move.operation_id

        def run(progress: Progress) -> str:
            with self.db.session() as session, session.begin():
                return undo(session, operation_id)

        def done(_: object) -> None:
            self.last_move = None
            self.undo_button.setEnabled(False)
            self._status(self.tr("Move undone."))
            self._select_after_load = move.deal_id
            self.load()
            self.sig_changed.emit()

        self._job(run, self.tr("Undoing the move")).on_success(done).start()

    @Slot(str, str, int)
    def move_by_step(self, card_id: str, stage_id: str, step: int) -> None:
        """Ctrl+Shift+Left/Right: to the top of the previous or next (live) stage."""
        if self.board_data is None:
            return
        live = [c.stage.id for c in self.board_data.columns if not c.stage.deleted]
        # Out of a deleted stage, Right goes to the first stage and Left to the last.
        index = live.index(stage_id) + step if stage_id in live else (0 if step > 0 else -1)
        if 0 <= index < len(live):
            self.request_move(card_id, live[index], position=0)

    @Slot(str, str, int)
    def reorder_by_step(self, card_id: str, stage_id: str, step: int) -> None:
        """Ctrl+Shift+Up/Down: one place up or down within the column."""
        model = self.board.model(stage_id)
        row = model.row_of(card_id)
        neighbour = row + step
        if row < 0 or not 0 <= neighbour < model.rowCount():
            return
        other = model.cards[neighbour].id
        if step < 0:
            self.request_move(card_id, stage_id, before_id=other)
        else:
            self.request_move(card_id, stage_id, after_id=other)

    @Slot(str, str, QPoint)
    def _card_menu(self, card_id: str, stage_id: str, where: QPoint) -> None:
        menu = self.card_menu(card_id, stage_id)
        menu.aboutToHide.connect(menu.deleteLater)  # one menu per right-click, not kept
        menu.popup(where)

    def card_menu(self, card_id: str, stage_id: str) -> QMenu:
        """The card's context menu: open it, "Move to…" each stage, up and down."""
        menu = QMenu(self)
        menu.addAction(self.tr("&Open"), lambda: self.sig_open_deal.emit(card_id))
        move_menu = menu.addMenu(self.tr("&Move to…"))
        if self.board_data is not None:
            for column in self.board_data.columns:
                if column.stage.deleted:
                    continue
                action = move_menu.addAction(
                    column.stage.name,
                    partial(self.request_move, card_id, column.stage.id, position=0),
                )
                action.setEnabled(column.stage.id != stage_id)
        previous = menu.addAction(
            self.tr("Move to previous stage"), lambda: self.move_by_step(card_id, stage_id, -1)
        )
        previous.setShortcut(QKeySequence("Ctrl+Shift+Left"))
        following = menu.addAction(
            self.tr("Move to next stage"), lambda: self.move_by_step(card_id, stage_id, 1)
        )
        following.setShortcut(QKeySequence("Ctrl+Shift+Right"))
        up = menu.addAction(self.tr("Move up"), lambda: self.reorder_by_step(card_id, stage_id, -1))
        up.setShortcut(QKeySequence("Ctrl+Shift+Up"))
        down = menu.addAction(
            self.tr("Move down"), lambda: self.reorder_by_step(card_id, stage_id, 1)
        )
        down.setShortcut(QKeySequence("Ctrl+Shift+Down"))
        return menu

    # --- pipelines and stages ---------------------------------------------------------------
    @Slot()
    def edit_stages(self) -> None:
        """Open the stage editor (not modal-blocking: `stage_editor` while it is open)."""
        if self.board_data is None:
            return
        dialog = StageEditorDialog(self.board_data, self)
        self.stage_editor = dialog

        def closed(result: int) -> None:
            self.stage_editor = None
            if result == QDialog.DialogCode.Accepted:
                self.apply_stage_plan(dialog.plan())

        dialog.finished.connect(closed)
        dialog.open()

    def apply_stage_plan(self, plan: StagePlan) -> None:
        def write(progress: Progress) -> int:
            with self.db.session() as session, session.begin():
                return apply_plan(session, plan)

        def done(moved: object) -> None:
            self._status(
                self.tr("Stages saved; {count} deals moved out of deleted stages.").format(
                    count=moved
                )
                if moved
                else self.tr("Stages saved.")
            )
            self.load()
            self.sig_changed.emit()

        Job(
            write,
            parent=self,
            label=self.tr("Saving the stages"),
            runner=self.runner,
            refusals=(pb.PipelineEditError,),
        ).on_success(done).start()

    @Slot()
    def ask_new_pipeline(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            self.tr("New pipeline"),
            self.tr("Name of the new pipeline (it starts with the usual stages):"),
        )
        if ok:
            self.create_pipeline(name)

    def create_pipeline(self, name: str) -> None:
        def write(progress: Progress) -> str:
            with self.db.session() as session, session.begin():
                return pb.create_pipeline(session, name)

        Job(
            write,
            parent=self,
            label=self.tr("Creating the pipeline"),
            runner=self.runner,
            refusals=(pb.PipelineEditError,),
        ).on_success(lambda pipeline_id: self.load(str(pipeline_id))).start()

    @Slot()
    def ask_rename_pipeline(self) -> None:
        if self.board_data is None:
            return
        name, ok = QInputDialog.getText(
            self,
            self.tr("Rename pipeline"),
            self.tr("New name:"),
            text=self.board_data.pipeline.name,
        )
        if ok:
            self.rename_pipeline(name)

    def rename_pipeline(self, name: str) -> None:
        if self.board_data is None:
            return
        pipeline_id = self.board_data.pipeline.id

        def write(progress: Progress) -> None:
            with self.db.session() as session, session.begin():
                pb.rename_pipeline(session, pipeline_id, name)

        Job(
            write,
            parent=self,
            label=self.tr("Renaming the pipeline"),
            runner=self.runner,
            refusals=(pb.PipelineEditError,),
        ).on_success(lambda _: self.load()).start()

    def _status(self, message: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 8000)
        self.last_status = message
