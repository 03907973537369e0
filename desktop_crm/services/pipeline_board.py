"""The pipeline board (issue #4): columns of deal cards per stage, their totals, moving a
deal between stages, the stage-change hooks, and editing pipelines and their stages.

Rules shared by every function here:

- **Columns**: one per live stage of the pipeline, in `position` order. A column holds the
  live deals of the pipeline whose `stage_id` is that stage, whatever their status. A deal
  whose stage was deleted (or belongs to another pipeline) is not lost: its stage is listed
  after the others as a column marked `deleted`, from which it can be moved but into which
  nothing can be dropped.
- **Money**: amounts are integer minor units with an ISO 4217 currency, and currencies are
  never added together: every total is a tuple of `MoneyTotal`, one per currency. The
  weighted amount is Σ amount × the deal's probability / 100, rounded half up. Deals without
  an amount count in `deals` and in `without_amount`, not in the sums.
- **Forecast**: the board's pipeline total and weighted forecast are over the filtered deals
  whose status is "open" (won and lost deals are no longer a forecast).
- **Order in a column**: `board_position`, then id. Positions are spaced (1,000 apart in
  sample data); a card dropped between two others takes the middle, and only when there is
  no room are the few cards right after it pushed down by one.
- **Writes**: every change (a move, a stage edit) is one journal operation, so it is undone
  as one step; the caller commits. A move that cannot be made returns its problems as data
  (`MoveResult.problems`) and writes nothing; a stage edit that cannot be made raises
  `PipelineEditError` with a sentence for the user.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, tuple_, update
from sqlalchemy.orm import Session

from desktop_crm.models import Account, Activity, Opportunity, Pipeline, PipelineStage, User
from desktop_crm.models.base import parse_timestamp, utc_now
from desktop_crm.models.journal import operation
from desktop_crm.models.opportunity import LOST_REASONS
from desktop_crm.models.pipeline import STAGE_KINDS
from desktop_crm.services.bootstrap import DEFAULT_STAGES
from desktop_crm.services.metrics import stale_deal_condition

#: Cards read per column at a time: the first page when the board opens, then one more
#: page each time the user scrolls to the end of a column.
PAGE_SIZE = 40
#: Deal ids per `IN (...)` list of the activity queries.
IN_CHUNK = 500
#: Gap between the positions of cards appended to a column.
POSITION_STEP = 1000
MAX_NAME = 200
MAX_IDLE_DAYS = 3650


# --- filter -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardFilter:
    """Which deals the board shows: those of one pipeline, optionally of one owner, with an
    expected close date in [close_from, close_to] (inclusive; a bound set leaves out deals
    without a date), an amount in [amount_min, amount_max] (minor units, inclusive, in each
    deal's own currency; a bound set leaves out deals without an amount), and every word of
    `text` in the deal's or its account's name."""

    pipeline_id: str
    owner_id: str | None = None
    close_from: date | None = None
    close_to: date | None = None
    amount_min: int | None = None
    amount_max: int | None = None
    text: str = ""

    def __post_init__(self) -> None:
        if self.close_from and self.close_to and self.close_from > self.close_to:
            raise ValueError(
                f"the expected close range ends ({self.close_to}) before it starts "
                f"({self.close_from})"
            )
        for bound in (self.amount_min, self.amount_max):
            if bound is not None and bound < 0:
                raise ValueError(f"an amount bound cannot be negative ({bound / 100:.2f})")
        if (
            self.amount_min is not None
            and self.amount_max is not None
            and self.amount_min > self.amount_max
        ):
            raise ValueError("the amount range's minimum is above its maximum")

    @property
    def is_narrowed(self) -> bool:
        """True when anything beyond the pipeline is filtered."""
        return any(
            value not in (None, "")
            for value in (
                self.owner_id,
                self.close_from,
                self.close_to,
                self.amount_min,
                self.amount_max,
                self.text.strip(),
            )
        )


def _filtered(f: BoardFilter) -> list[ColumnElement[bool]]:
    """Conditions on `Opportunity` (and an outer-joined `Account` for the text)."""
    o = Opportunity
    where: list[ColumnElement[bool]] = [o.deleted_at.is_(None), o.pipeline_id == f.pipeline_id]
    if f.owner_id is not None:
        where.append(o.owner_id == f.owner_id)
    if f.close_from is not None:
        where.append(o.expected_close_date >= f.close_from)
    if f.close_to is not None:
        where.append(o.expected_close_date <= f.close_to)
    if f.amount_min is not None:
        where.append(o.amount_minor >= f.amount_min)
    if f.amount_max is not None:
        where.append(o.amount_minor <= f.amount_max)
    for word in f.text.split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(
            or_(o.name.like(pattern, escape="\\"), Account.name.like(pattern, escape="\\"))
        )
    return where


def _with_account(statement: Any, f: BoardFilter) -> Any:
    """Join the account only when the text filter needs its name."""
    if f.text.split():
        return statement.outerjoin(Account, Account.id == Opportunity.account_id)
    return statement


# --- board ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MoneyTotal:
    currency: str
    deals: int  #: deals in this currency, those without an amount included
    amount_minor: int
    weighted_minor: int  #: Σ amount × probability / 100, rounded half up
    without_amount: int  #: deals with no amount: counted, not summed


@dataclass(frozen=True)
class NextActivity:
    subject: str
    activity_type: str
    due_at: datetime


@dataclass(frozen=True)
class Card:
    id: str
    name: str
    account_name: str | None
    amount_minor: int | None
    currency: str
    expected_close_date: date | None
    owner_id: str | None
    owner_name: str | None
    probability: int
    status: str
    board_position: int
    next_activity: NextActivity | None  #: the earliest not-done activity with a due date
    days_in_stage: int | None  #: whole UTC days since it entered the stage
    idle_days: int  #: whole UTC days since its last touch (change or activity)
    idle_days_limit: int | None  #: the stage's limit
    stale: bool  #: idle for longer than the limit (metrics.stale_deal_condition)


@dataclass(frozen=True)
class CardPage:
    stage_id: str
    cards: tuple[Card, ...]
    has_more: bool
    #: (board_position, id) of the last card, where the next page starts; None when empty
    after: tuple[int, str] | None


@dataclass(frozen=True)
class StageInfo:
    id: str
    pipeline_id: str
    name: str
    position: int
    kind: str
    probability: int
    idle_days_limit: int | None
    deleted: bool = False  #: a deleted stage (or another pipeline's) still holding deals


@dataclass(frozen=True)
class Column:
    stage: StageInfo
    deals: int
    totals: tuple[MoneyTotal, ...]  #: per currency, by currency code
    page: CardPage | None  #: the first cards, when asked for


@dataclass(frozen=True)
class PipelineInfo:
    id: str
    name: str
    is_default: bool


@dataclass(frozen=True)
class Board:
    pipeline: PipelineInfo
    pipelines: tuple[PipelineInfo, ...]  #: every live pipeline, for the chooser
    filter: BoardFilter
    columns: tuple[Column, ...]
    open_deals: int  #: filtered deals with status "open"
    #: pipeline total and weighted forecast of the open filtered deals, per currency
    open_totals: tuple[MoneyTotal, ...]
    today: date

    def column(self, stage_id: str) -> Column:
        for column in self.columns:
            if column.stage.id == stage_id:
                return column
        raise KeyError(stage_id)


def list_pipelines(session: Session) -> tuple[PipelineInfo, ...]:
    """Live pipelines, the default first, then by name."""
    p = Pipeline
    rows = session.execute(
        select(p.id, p.name, p.is_default)
        .where(p.deleted_at.is_(None))
        .order_by(p.is_default.desc(), p.name, p.id)
    ).all()
    return tuple(PipelineInfo(id_, name, bool(default)) for id_, name, default in rows)


def pipeline_stages(session: Session, pipeline_id: str) -> tuple[StageInfo, ...]:
    """The live stages of a pipeline in board order."""
    s = PipelineStage
    rows = session.execute(
        select(s.id, s.pipeline_id, s.name, s.position, s.kind, s.probability, s.idle_days_limit)
        .where(s.pipeline_id == pipeline_id, s.deleted_at.is_(None))
        .order_by(s.position, s.id)
    ).all()
    return tuple(StageInfo(*row) for row in rows)


def read_board(
    session: Session,
    f: BoardFilter,
    *,
    today: date | None = None,
    page_size: int = PAGE_SIZE,
    loaded: Mapping[str, int] | None = None,
    with_cards: bool = True,
) -> Board:
    """The board of `f.pipeline_id`: its columns with their SQL totals and, with_cards, the
    first page of each (`loaded` asks for more cards in some columns, stage id → how many
    the view had, so a refresh after a move keeps what the user scrolled to)."""
    today = today or datetime.now(UTC).date()
    pipelines = list_pipelines(session)
    pipeline = next((p for p in pipelines if p.id == f.pipeline_id), None)
    if pipeline is None:
        raise PipelineEditError("This pipeline was deleted; choose another one.")
    o = Opportunity
    grouped = session.execute(
        _with_account(
            select(
                o.stage_id,
                o.currency,
                o.status == "open",
                func.count(),
                func.count(o.amount_minor),
                func.coalesce(func.sum(o.amount_minor), 0),
                func.coalesce(func.sum(o.amount_minor * o.probability), 0),
            ).select_from(o),
            f,
        )
        .where(*_filtered(f))
        .group_by(o.stage_id, o.currency, o.status == "open")
    ).all()
    per_stage: dict[str, dict[str, list[int]]] = {}
    open_sums: dict[str, list[int]] = {}
    for stage_id, currency, is_open, n, with_amount, amount, weighted in grouped:
        sums = [n, amount, weighted, n - with_amount]
        _add(per_stage.setdefault(stage_id, {}), currency, sums)
        if is_open:
            _add(open_sums, currency, sums)
    stages = list(pipeline_stages(session, f.pipeline_id))
    known = {stage.id for stage in stages}
    orphans = sorted(set(per_stage) - known)
    if orphans:
        s = PipelineStage
        found = {
            row[0]: row
            for row in session.execute(
                select(s.id, s.pipeline_id, s.name, s.position, s.kind, s.probability).where(
                    s.id.in_(orphans)
                )
            )
        }
        for stage_id in orphans:
            row = found.get(stage_id)
            name = row[2] if row else "?"
            kind = row[4] if row else "open"
            probability = row[5] if row else 0
            stages.append(
                StageInfo(stage_id, f.pipeline_id, name, len(stages), kind, probability, None, True)
            )
    columns = []
    for stage in stages:
        sums_by_currency = per_stage.get(stage.id, {})
        totals = _totals(sums_by_currency)
        columns.append(Column(stage, sum(t.deals for t in totals), totals, None))
    if with_cards:
        # Each column's rows, then the activities of all their cards in one go.
        pages = {
            stage.id: _card_rows(
                session,
                f,
                stage.id,
                None,
                max(page_size, (loaded or {}).get(stage.id, 0)),
                today,
            )
            for stage in stages
        }
        facts = _activity_facts(session, [row[0] for rows, _ in pages.values() for row in rows])
        columns = [
            replace(column, page=_page(column.stage.id, *pages[column.stage.id], facts, today))
            for column in columns
        ]
    open_totals = _totals(open_sums)
    return Board(
        pipeline,
        pipelines,
        f,
        tuple(columns),
        sum(t.deals for t in open_totals),
        open_totals,
        today,
    )


def _add(target: dict[str, list[int]], currency: str, sums: list[int]) -> None:
    current = target.setdefault(currency, [0, 0, 0, 0])
    for i, value in enumerate(sums):
        current[i] += value or 0


def _totals(sums: Mapping[str, list[int]]) -> tuple[MoneyTotal, ...]:
    return tuple(
        MoneyTotal(currency, n, amount, (weighted + 50) // 100, without)
        for currency, (n, amount, weighted, without) in sorted(sums.items())
    )


def fetch_cards(
    session: Session,
    f: BoardFilter,
    stage_id: str,
    *,
    after: tuple[int, str] | None = None,
    limit: int = PAGE_SIZE,
    today: date | None = None,
) -> CardPage:
    """Up to `limit` cards of one column in board order, starting after `after` (keyset
    paging over the (stage_id, board_position) index: page 100 costs what page 1 does)."""
    today = today or datetime.now(UTC).date()
    rows, more = _card_rows(session, f, stage_id, after, limit, today)
    return _page(stage_id, rows, more, _activity_facts(session, [r[0] for r in rows]), today)


def _card_rows(
    session: Session,
    f: BoardFilter,
    stage_id: str,
    after: tuple[int, str] | None,
    limit: int,
    today: date,
) -> tuple[list[Any], bool]:
    o, s, u = Opportunity, PipelineStage, User
    a = Account.__table__.alias("card_account")
    where = [*_filtered(f), o.stage_id == stage_id]
    if after is not None:
        where.append(tuple_(o.board_position, o.id) > tuple_(*after))
    statement = (
        select(
            o.id,
            o.name,
            a.c.name,
            o.amount_minor,
            o.currency,
            o.expected_close_date,
            o.owner_id,
            u.name,
            o.probability,
            o.status,
            o.board_position,
            o.stage_entered_at,
            o.created_at,
            o.updated_at,
            s.idle_days_limit,
            stale_deal_condition(o, s.idle_days_limit, today),
        )
        .select_from(o)
        .outerjoin(a, a.c.id == o.account_id)
        .outerjoin(u, u.id == o.owner_id)
        .outerjoin(s, s.id == o.stage_id)
    )
    if f.text.split():
        statement = statement.outerjoin(Account, Account.id == o.account_id)
    rows = session.execute(
        statement.where(*where).order_by(o.board_position, o.id).limit(limit + 1)
    ).all()
    return list(rows[:limit]), len(rows) > limit


Facts = tuple[dict[str, "NextActivity"], dict[str, tuple[datetime | None, ...]]]


def _page(stage_id: str, rows: list[Any], more: bool, facts: Facts, today: date) -> CardPage:
    next_up, touched = facts
    cards = []
    for row in rows:
        (id_, name, account, amount, currency, close, owner_id, owner, probability, status) = row[
            :10
        ]
        position, entered, created, updated, limit_days, stale = row[10:]
        touch = max(filter(None, (updated, *touched.get(id_, ()))))
        cards.append(
            Card(
                id_,
                name,
                account,
                amount,
                currency,
                close,
                owner_id,
                owner,
                probability,
                status,
                position,
                next_up.get(id_),
                _days(today, entered or created),
                _days(today, touch) or 0,
                limit_days,
                bool(stale),
            )
        )
    last = (rows[-1][10], rows[-1][0]) if rows else None
    return CardPage(stage_id, tuple(cards), more, last)


def _days(today: date, moment: datetime | None) -> int | None:
    return None if moment is None else max(0, (today - moment.astimezone(UTC).date()).days)


def _activity_facts(session: Session, deal_ids: Sequence[str]) -> Facts:
    """For pages of deals: the next activity to do, and the latest activity touches (one
    pair of queries for the first pages of every column, in chunks of IN_CHUNK ids)."""
    next_up: dict[str, NextActivity] = {}
    touched: dict[str, tuple[datetime | None, ...]] = {}
    for start in range(0, len(deal_ids), IN_CHUNK):
        chunk_next, chunk_touched = _activity_chunk(session, deal_ids[start : start + IN_CHUNK])
        next_up.update(chunk_next)
        touched.update(chunk_touched)
    return next_up, touched


def _activity_chunk(session: Session, deal_ids: Sequence[str]) -> Facts:
    if not deal_ids:
        return {}, {}
    a = Activity
    ranked = (
        select(
            a.opportunity_id,
            a.subject,
            a.activity_type,
            a.due_at,
            func.row_number()
            .over(partition_by=a.opportunity_id, order_by=(a.due_at, a.id))
            .label("rank"),
        )
        .where(
            a.opportunity_id.in_(deal_ids),
            a.deleted_at.is_(None),
            a.done_at.is_(None),
            a.due_at.is_not(None),
        )
        .subquery()
    )
    next_up = {
        deal: NextActivity(subject, kind, due)
        for deal, subject, kind, due, _ in session.execute(
            select(ranked).where(ranked.c.rank == 1)
        ).all()
    }
    touched: dict[str, tuple[datetime | None, ...]] = {}
    for deal, created, done in session.execute(
        select(a.opportunity_id, func.max(a.created_at), func.max(a.done_at))
        .where(a.opportunity_id.in_(deal_ids), a.deleted_at.is_(None))
        .group_by(a.opportunity_id)
    ).all():
        # max() keeps the column's type; text would come from another writer's format.
        if deal is not None:
            touched[deal] = tuple(
                parse_timestamp(v) if isinstance(v, str) else v for v in (created, done)
            )
    return next_up, touched


# --- stage-change hooks -----------------------------------------------------------------------


@dataclass(frozen=True)
class StageChange:
    """A deal entering another stage, as the hooks see it."""

    deal_id: str
    deal_name: str
    pipeline_id: str
    from_stage_id: str | None
    to_stage_id: str
    to_stage_name: str
    to_kind: str  #: "open", "won" or "lost"
    operation_id: str  #: the journal operation of the move: hook writes join it
    owner_id: str | None


class StageChangeRefused(Exception):
    """Raised by a hook to refuse a move; the message is shown to the user and nothing of
    the move is written."""


StageChangeHook = Callable[[Session, StageChange], None]


class StageHooks:
    """The extension point of a stage change (automation: entering a stage can create tasks).

    `on_stage_change(hook)` registers `hook(session, change)`; it returns a function that
    unregisters it. Hooks run in registration order inside the move's transaction and
    journal operation, after the deal was written: whatever a hook writes is part of the
    move, undone with it, and rolled back with it if anything fails. A hook raising
    `StageChangeRefused` refuses the move (a problem for the user, nothing written); any
    other exception is a bug and fails the move whole. Hooks run only when the stage
    changes, not when a card is reordered within its column. An instance is passed to
    `move_deal` explicitly (the window owns one), never looked up globally.
    """

    def __init__(self) -> None:
        self._hooks: list[StageChangeHook] = []

    def on_stage_change(self, hook: StageChangeHook) -> Callable[[], None]:
        self._hooks.append(hook)

        def unregister() -> None:
            if hook in self._hooks:
                self._hooks.remove(hook)

        return unregister

    def __len__(self) -> int:
        return len(self._hooks)

    def run(self, session: Session, change: StageChange) -> None:
        for hook in list(self._hooks):
            hook(session, change)


# --- moving a deal ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WonFields:
    """What a deal entering a won stage needs."""

    close_date: date | None
    amount_minor: int | None  #: the final amount, in the deal's currency


@dataclass(frozen=True)
class LostFields:
    """What a deal entering a lost stage needs."""

    reason: str | None  #: one of LOST_REASONS
    detail: str | None = None
    close_date: date | None = None  #: today when not given


@dataclass(frozen=True)
class Problem:
    field: str  #: "deal", "stage", "position", "close_date", "amount", "reason", "hook"
    message: str


@dataclass(frozen=True)
class MoveResult:
    deal_id: str
    deal_name: str
    moved: bool  #: False when nothing changed (dropped where it was) or refused
    stage_changed: bool
    from_stage_id: str | None
    to_stage_id: str
    board_position: int | None
    operation_id: str | None  #: the journal operation to undo the move
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems


def won_problems(won: WonFields | None, today: date) -> tuple[Problem, ...]:
    """Why these fields cannot close a deal as won (empty when they can)."""
    problems = []
    if won is None or won.close_date is None:
        problems.append(Problem("close_date", "A won deal needs its close date."))
    elif won.close_date > today:
        problems.append(
            Problem(
                "close_date",
                f"The close date {won.close_date} is in the future: a deal is won "
                "on the day it is signed.",
            )
        )
    if won is None or won.amount_minor is None:
        problems.append(Problem("amount", "A won deal needs its final amount."))
    elif won.amount_minor < 0:
        problems.append(Problem("amount", "The final amount cannot be negative."))
    return tuple(problems)


def lost_problems(lost: LostFields | None, today: date) -> tuple[Problem, ...]:
    """Why these fields cannot close a deal as lost (empty when they can)."""
    problems = []
    if lost is None or not lost.reason:
        problems.append(Problem("reason", "A lost deal needs the reason it was lost."))
    elif lost.reason not in LOST_REASONS:
        problems.append(
            Problem(
                "reason",
                f"“{lost.reason}” is not a lost reason; use one of {', '.join(LOST_REASONS)}.",
            )
        )
    if lost is not None and lost.close_date is not None and lost.close_date > today:
        problems.append(
            Problem("close_date", f"The close date {lost.close_date} is in the future.")
        )
    return tuple(problems)


def move_deal(
    session: Session,
    deal_id: str,
    stage_id: str,
    position: int | None = None,
    *,
    before_id: str | None = None,
    after_id: str | None = None,
    won_fields: WonFields | None = None,
    lost_fields: LostFields | None = None,
    hooks: StageHooks | None = None,
    today: date | None = None,
) -> MoveResult:
    """Move a deal to `stage_id` at a place in its column, as one journal operation.

    The place is, in order of precedence: just before the card `before_id`, just after the
    card `after_id` (the view passes the neighbours the user dropped between, which stay
    right under a filter), the 0-based index `position` among the column's cards (the deal
    itself left out), else the end of the column.

    Entering another stage sets the stage (and pipeline), the stage's default probability
    and `stage_entered_at`; a won stage also sets status "won", `closed_at` and the final
    amount from `won_fields` (both required), a lost stage status "lost", `closed_at` and
    the reason from `lost_fields` (required); an open stage reopens a closed deal (status
    "open", close fields cleared). Then the hooks run. Reordering within the column changes
    only `board_position`; dropping a card where it already is changes nothing and writes
    no operation. Problems come back in the result and nothing is written.
    """
    today = today or datetime.now(UTC).date()
    o, s = Opportunity, PipelineStage
    deal = session.get(o, deal_id)
    if deal is None or deal.deleted_at is not None:
        return _refused(deal_id, "", None, stage_id, "deal", "This deal no longer exists.")
    name, from_stage = deal.name, deal.stage_id
    stage = session.get(s, stage_id)
    if stage is None or stage.deleted_at is not None:
        message = "This stage was deleted; choose another one."
        if stage is not None:
            message = f"The stage “{stage.name}” was deleted; choose another one."
        return _refused(deal_id, name, from_stage, stage_id, "stage", message)
    changes_stage = stage_id != from_stage
    if changes_stage and stage.kind == "won":
        problems = won_problems(won_fields, today)
    elif changes_stage and stage.kind == "lost":
        problems = lost_problems(lost_fields, today)
    else:
        problems = ()
    if problems:
        return MoveResult(deal_id, name, False, False, from_stage, stage_id, None, None, problems)

    placed = _place(session, deal, stage_id, position, before_id, after_id)
    if isinstance(placed, Problem):
        return MoveResult(deal_id, name, False, False, from_stage, stage_id, None, None, (placed,))
    new_position, shifts = placed
    if not changes_stage and new_position is None:
        return MoveResult(deal_id, name, False, False, from_stage, stage_id, None, None)
    assert new_position is not None
    label = (
        f"Move “{name}” to {stage.name}" if changes_stage else f"Reorder “{name}” in {stage.name}"
    )
    try:
        with session.begin_nested(), operation(session, label, "edit") as operation_id:
            for card_id, card_position in shifts:
                session.execute(
                    update(o).where(o.id == card_id).values(board_position=card_position)
                )
            deal.board_position = new_position
            if changes_stage:
                deal.stage_id = stage_id
                deal.pipeline_id = stage.pipeline_id
                deal.probability = stage.probability
                deal.stage_entered_at = utc_now()
                _set_status(deal, stage.kind, won_fields, lost_fields, today)
            session.flush()
            if changes_stage and hooks is not None and len(hooks):
                hooks.run(
                    session,
                    StageChange(
                        deal_id,
                        name,
                        stage.pipeline_id,
                        from_stage,
                        stage_id,
                        stage.name,
                        stage.kind,
                        operation_id,
                        deal.owner_id,
                    ),
                )
    except StageChangeRefused as refusal:
        session.expire(deal)
        return _refused(deal_id, name, from_stage, stage_id, "hook", str(refusal))
    return MoveResult(
        deal_id, name, True, changes_stage, from_stage, stage_id, new_position, operation_id
    )


def _refused(
    deal_id: str, name: str, from_stage: str | None, stage_id: str, what: str, message: str
) -> MoveResult:
    return MoveResult(
        deal_id, name, False, False, from_stage, stage_id, None, None, (Problem(what, message),)
    )


def _set_status(
    deal: Opportunity,
    kind: str,
    won: WonFields | None,
    lost: LostFields | None,
    today: date,
) -> None:
    if kind == "won":
        assert won is not None
        deal.status = "won"
        deal.closed_at = won.close_date
        deal.amount_minor = won.amount_minor
        deal.lost_reason = deal.lost_detail = None
    elif kind == "lost":
        assert lost is not None
        deal.status = "lost"
        deal.closed_at = lost.close_date or today
        deal.lost_reason = lost.reason
        deal.lost_detail = (lost.detail or "").strip() or None
    else:
        deal.status = "open"
        deal.closed_at = None
        deal.lost_reason = deal.lost_detail = None


def _place(
    session: Session,
    deal: Opportunity,
    stage_id: str,
    position: int | None,
    before_id: str | None,
    after_id: str | None,
) -> tuple[int | None, list[tuple[str, int]]] | Problem:
    """(new board_position or None when the card already sits there, cards to push down)."""
    o = Opportunity
    column = [o.stage_id == stage_id, o.deleted_at.is_(None), o.id != deal.id]
    key = tuple_(o.board_position, o.id)

    def neighbour(card_id: str) -> tuple[int, str] | Problem:
        row = session.execute(
            select(o.board_position, o.id).where(*column, o.id == card_id)
        ).first()
        if row is None:
            return Problem("position", "The card it was dropped next to moved away; try again.")
        return (row[0], row[1])

    def first_after(bound: tuple[int, str] | None) -> tuple[int, str] | None:
        where = [*column] if bound is None else [*column, key > tuple_(*bound)]
        row = session.execute(
            select(o.board_position, o.id).where(*where).order_by(o.board_position, o.id).limit(1)
        ).first()
        return None if row is None else (row[0], row[1])

    def last_before(bound: tuple[int, str]) -> tuple[int, str] | None:
        row = session.execute(
            select(o.board_position, o.id)
            .where(*column, key < tuple_(*bound))
            .order_by(o.board_position.desc(), o.id.desc())
            .limit(1)
        ).first()
        return None if row is None else (row[0], row[1])

    prev: tuple[int, str] | None
    nxt: tuple[int, str] | None
    if before_id is not None:
        found = neighbour(before_id)
        if isinstance(found, Problem):
            return found
        prev, nxt = last_before(found), found
    elif after_id is not None:
        found = neighbour(after_id)
        if isinstance(found, Problem):
            return found
        prev, nxt = found, first_after(found)
    elif position is not None and position > 0:
        rows = session.execute(
            select(o.board_position, o.id)
            .where(*column)
            .order_by(o.board_position, o.id)
            .offset(position - 1)
            .limit(2)
        ).all()
        if rows:
            prev = (rows[0][0], rows[0][1])
            nxt = (rows[1][0], rows[1][1]) if len(rows) > 1 else None
        else:  # past the end
            prev = _last(session, column)
            nxt = None
    elif position is not None:  # the top
        prev, nxt = None, first_after(None)
    else:  # the end
        prev, nxt = _last(session, column), None

    if deal.stage_id == stage_id:
        current = (deal.board_position, deal.id)
        if (prev is None or prev < current) and (nxt is None or current < nxt):
            return None, []
    if prev is None and nxt is None:
        return POSITION_STEP, []
    if prev is None:
        assert nxt is not None
        return nxt[0] - POSITION_STEP, []
    if nxt is None:
        return prev[0] + POSITION_STEP, []
    if nxt[0] - prev[0] >= 2:
        return (prev[0] + nxt[0]) // 2, []
    # No room: take prev + 1 and push the tight run of cards after it down by one each.
    new_position = prev[0] + 1
    shifts: list[tuple[str, int]] = []
    needed = new_position + 1
    for card_position, card_id in session.execute(
        select(o.board_position, o.id)
        .where(*column, key > tuple_(*prev))
        .order_by(o.board_position, o.id)
    ):
        if card_position >= needed:
            break
        shifts.append((card_id, needed))
        needed += 1
    return new_position, shifts


def _last(session: Session, column: list[ColumnElement[bool]]) -> tuple[int, str] | None:
    o = Opportunity
    row = session.execute(
        select(o.board_position, o.id)
        .where(*column)
        .order_by(o.board_position.desc(), o.id.desc())
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1])


# --- editing pipelines and stages -------------------------------------------------------------


class PipelineEditError(ValueError):
    """A pipeline or stage change that cannot be made; the message says why."""


class StageHasDeals(PipelineEditError):
    """Deleting a stage that holds deals needs the stage they move to."""

    def __init__(self, stage_name: str, deals: int) -> None:
        super().__init__(
            f"The stage “{stage_name}” holds {deals} deal{'s' if deals != 1 else ''}: "
            "choose the stage they move to before deleting it."
        )
        self.deals = deals


@dataclass(frozen=True)
class StageSpec:
    name: str
    probability: int
    kind: str = "open"
    idle_days_limit: int | None = None


def _check_stage_fields(
    name: str | None, probability: int | None, kind: str | None, idle: int | None
) -> None:
    if name is not None and not name.strip():
        raise PipelineEditError("A stage needs a name.")
    if name is not None and len(name.strip()) > MAX_NAME:
        raise PipelineEditError(f"A stage name has at most {MAX_NAME} characters.")
    if probability is not None and not (isinstance(probability, int) and 0 <= probability <= 100):
        raise PipelineEditError(
            f"The default probability is a whole percentage from 0 to 100, not {probability!r}."
        )
    if kind is not None and kind not in STAGE_KINDS:
        raise PipelineEditError(f"A stage is open, won or lost, not {kind!r}.")
    if idle is not None and not (isinstance(idle, int) and 1 <= idle <= MAX_IDLE_DAYS):
        raise PipelineEditError(
            f"The idle-days limit is a number of days from 1 to {MAX_IDLE_DAYS}, or none."
        )


def _live_stage(session: Session, stage_id: str) -> PipelineStage:
    stage = session.get(PipelineStage, stage_id)
    if stage is None or stage.deleted_at is not None:
        raise PipelineEditError("This stage was deleted meanwhile.")
    return stage


def _live_pipeline(session: Session, pipeline_id: str) -> Pipeline:
    pipeline = session.get(Pipeline, pipeline_id)
    if pipeline is None or pipeline.deleted_at is not None:
        raise PipelineEditError("This pipeline was deleted meanwhile.")
    return pipeline


def create_pipeline(session: Session, name: str, stages: Sequence[StageSpec] | None = None) -> str:
    """A new pipeline with these stages (by default, the default pipeline's English stages);
    returns its id."""
    name = name.strip()
    if not name:
        raise PipelineEditError("A pipeline needs a name.")
    if len(name) > MAX_NAME:
        raise PipelineEditError(f"A pipeline name has at most {MAX_NAME} characters.")
    if stages is None:
        stages = [
            StageSpec(t.name_en, t.probability, t.kind, t.idle_days_limit) for t in DEFAULT_STAGES
        ]
    if not any(spec.kind == "open" for spec in stages):
        raise PipelineEditError("A pipeline needs at least one open stage.")
    for spec in stages:
        _check_stage_fields(spec.name, spec.probability, spec.kind, spec.idle_days_limit)
    with operation(session, f"Create the pipeline “{name}”", "edit"):
        pipeline = Pipeline(name=name, is_default=False)
        session.add(pipeline)
        session.flush()
        for position, spec in enumerate(stages):
            session.add(
                PipelineStage(
                    pipeline_id=pipeline.id,
                    name=spec.name.strip(),
                    position=position,
                    probability=spec.probability,
                    kind=spec.kind,
                    idle_days_limit=spec.idle_days_limit,
                )
            )
    return pipeline.id


def rename_pipeline(session: Session, pipeline_id: str, name: str) -> None:
    pipeline = _live_pipeline(session, pipeline_id)
    name = name.strip()
    if not name:
        raise PipelineEditError("A pipeline needs a name.")
    if name == pipeline.name:
        return
    with operation(session, f"Rename the pipeline “{pipeline.name}” to “{name}”", "edit"):
        pipeline.name = name


def add_stage(
    session: Session,
    pipeline_id: str,
    spec: StageSpec,
    position: int | None = None,
) -> str:
    """Add a stage at index `position` of the board (by default after the last open stage,
    so before Won and Lost); the stages after it shift right. Returns its id."""
    _live_pipeline(session, pipeline_id)
    _check_stage_fields(spec.name, spec.probability, spec.kind, spec.idle_days_limit)
    stages = list(pipeline_stages(session, pipeline_id))
    if position is None:
        open_ones = [i for i, st in enumerate(stages) if st.kind == "open"]
        position = open_ones[-1] + 1 if open_ones and spec.kind == "open" else len(stages)
    position = max(0, min(position, len(stages)))
    with operation(session, f"Add the stage “{spec.name.strip()}”", "edit"):
        stage = PipelineStage(
            pipeline_id=pipeline_id,
            name=spec.name.strip(),
            position=position,
            probability=spec.probability,
            kind=spec.kind,
            idle_days_limit=spec.idle_days_limit,
        )
        session.add(stage)
        session.flush()
        order = [st.id for st in stages]
        order.insert(position, stage.id)
        _renumber(session, order)
    return stage.id


def update_stage(
    session: Session,
    stage_id: str,
    *,
    name: str | None = None,
    probability: int | None = None,
    idle_days_limit: int | None = None,
    clear_idle_days_limit: bool = False,
) -> None:
    """Rename a stage or change its default probability (for deals entering it from now on;
    deals already there keep theirs) or its idle-days limit (`clear_idle_days_limit` removes
    it). One operation; nothing when nothing changes."""
    stage = _live_stage(session, stage_id)
    _check_stage_fields(name, probability, None, idle_days_limit)
    values: dict[str, Any] = {}
    if name is not None and name.strip() != stage.name:
        values["name"] = name.strip()
    if probability is not None and probability != stage.probability:
        values["probability"] = probability
    if clear_idle_days_limit and stage.idle_days_limit is not None:
        values["idle_days_limit"] = None
    elif idle_days_limit is not None and idle_days_limit != stage.idle_days_limit:
        values["idle_days_limit"] = idle_days_limit
    if not values:
        return
    with operation(session, f"Edit the stage “{stage.name}”", "edit"):
        for key, value in values.items():
            setattr(stage, key, value)


def reorder_stages(session: Session, pipeline_id: str, stage_ids: Sequence[str]) -> None:
    """Put the pipeline's live stages in this order (every one of them, once)."""
    current = [st.id for st in pipeline_stages(session, pipeline_id)]
    if sorted(current) != sorted(stage_ids) or len(set(stage_ids)) != len(stage_ids):
        raise PipelineEditError(
            "The stages changed meanwhile (one was added or deleted); reopen the stage editor."
        )
    if list(stage_ids) == current:
        return
    with operation(session, "Reorder the stages", "edit"):
        _renumber(session, stage_ids)


def _renumber(session: Session, stage_ids: Sequence[str]) -> None:
    s = PipelineStage
    positions = dict(
        session.execute(select(s.id, s.position).where(s.id.in_(list(stage_ids)))).all()
    )
    for index, stage_id in enumerate(stage_ids):
        if positions.get(stage_id) != index:
            session.execute(update(s).where(s.id == stage_id).values(position=index))
    session.expire_all()


def stage_deal_count(session: Session, stage_id: str) -> int:
    o = Opportunity
    return session.execute(
        select(func.count()).where(o.stage_id == stage_id, o.deleted_at.is_(None))
    ).scalar_one()


def delete_stage(session: Session, stage_id: str, move_deals_to: str | None = None) -> int:
    """Delete a stage (to the trash: undoable). Its deals must go somewhere: without
    `move_deals_to` a stage holding deals raises `StageHasDeals`; with it, they move to that
    stage (another live stage of the same pipeline and kind, so no deal is closed or
    reopened by a deletion), at the end of its column, with its default probability.
    The last open stage of a pipeline cannot be deleted. Returns the deals moved."""
    stage = _live_stage(session, stage_id)
    stages = pipeline_stages(session, stage.pipeline_id)
    if stage.kind == "open" and sum(1 for st in stages if st.kind == "open") == 1:
        raise PipelineEditError(
            f"“{stage.name}” is the pipeline's only open stage; add another before deleting it."
        )
    deals = stage_deal_count(session, stage_id)
    target: PipelineStage | None = None
    if deals:
        if move_deals_to is None:
            raise StageHasDeals(stage.name, deals)
        if move_deals_to == stage_id:
            raise PipelineEditError("The deals cannot move to the stage being deleted.")
        target = _live_stage(session, move_deals_to)
        if target.pipeline_id != stage.pipeline_id:
            raise PipelineEditError("The deals can only move to a stage of the same pipeline.")
        if target.kind != stage.kind:
            raise PipelineEditError(
                f"The deals of “{stage.name}” ({stage.kind}) can only move to another "
                f"{stage.kind} stage, not to “{target.name}” ({target.kind})."
            )
    o = Opportunity
    with operation(session, f"Delete the stage “{stage.name}”", "edit"):
        if target is not None:
            end = session.execute(
                select(func.max(o.board_position)).where(
                    o.stage_id == target.id, o.deleted_at.is_(None)
                )
            ).scalar()
            start = (end or 0) + POSITION_STEP
            moving = (
                session.execute(
                    select(o.id)
                    .where(o.stage_id == stage_id, o.deleted_at.is_(None))
                    .order_by(o.board_position, o.id)
                )
                .scalars()
                .all()
            )
            now = utc_now()
            for index, deal_id in enumerate(moving):
                session.execute(
                    update(o)
                    .where(o.id == deal_id)
                    .values(
                        stage_id=target.id,
                        probability=target.probability,
                        stage_entered_at=now,
                        board_position=start + index * POSITION_STEP,
                    )
                )
        stage.deleted_at = utc_now()
        session.flush()
        _renumber(session, [st.id for st in stages if st.id != stage_id])
    return deals


__all__ = [
    "PAGE_SIZE",
    "Board",
    "BoardFilter",
    "Card",
    "CardPage",
    "Column",
    "LostFields",
    "MoneyTotal",
    "MoveResult",
    "NextActivity",
    "PipelineEditError",
    "PipelineInfo",
    "Problem",
    "StageChange",
    "StageChangeHook",
    "StageChangeRefused",
    "StageHasDeals",
    "StageHooks",
    "StageInfo",
    "StageSpec",
    "WonFields",
    "add_stage",
    "create_pipeline",
    "delete_stage",
    "fetch_cards",
    "list_pipelines",
    "lost_problems",
    "move_deal",
    "pipeline_stages",
    "read_board",
    "rename_pipeline",
    "reorder_stages",
    "stage_deal_count",
    "update_stage",
    "won_problems",
]
