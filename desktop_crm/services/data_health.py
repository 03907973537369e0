"""Data health: how complete and how clean the records are, figure by figure, each with the
list conditions that show exactly the records it counts.

Every figure is a set of `record_lists.Condition`s counted by `record_lists.count_matching`
(one SQL pass per object), so clicking a figure opens `ListQuery(object_type, conditions)`
and the list holds exactly that many records. The rules:

- **Fill rate** of each stored list column: the share of live records where it is filled;
  the conditions list the records where it is empty.
- **Invalid e-mail**: filled but not normalised by the write path, or not shaped like an
  address (`record_lists` column `email_invalid`). **Invalid phone**: a phone or mobile
  typed that could not be read as a number (no E.164 form stored; `phone_invalid`).
- **Contacts without e-mail**, **accounts without address** (no street, postal code nor
  city).
- **Stale opportunities**: open deals with no activity or change for longer than their
  stage's `PipelineStage.idle_days_limit`: the dashboard's rule
  (`metrics.stale_deal_condition`), as of today in UTC.
- **Leads untouched** for `lead_idle_days` days: open leads (new, contacted, qualified)
  whose last change and last activity are both older than that, in whole UTC days.
- **Suspected duplicates**: records in a duplicate group of the bulk scan
  (`dedupe.scan_duplicates`); not a SQL figure, so it is computed on request and opens the
  Duplicates view instead of a list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session

from desktop_crm.services import dedupe
from desktop_crm.services.progress import NullProgress, Progress
from desktop_crm.services.record_lists import (
    COLUMNS,
    Condition,
    ListQuery,
    Op,
    count_matching,
)

#: Objects the health report covers, in display order.
HEALTH_OBJECTS = ("contact", "account", "lead", "opportunity")
#: Default days after which an open lead nobody touched counts as neglected.
LEAD_IDLE_DAYS = 30
#: Lead statuses still being worked: a converted or disqualified lead may rest.
OPEN_LEAD_STATUSES = ("new", "contacted", "qualified")
#: List columns whose fill rate says nothing (always set by the application).
NOT_FILL_RATED = frozenset({"updated_at"})


@dataclass(frozen=True)
class HealthFigure:
    """One figure: `count` of the `total` live records of `object_type` match
    `conditions`. For a fill rate, `count` is the records where the field is empty."""

    key: str  #: stable name: "contact.no_email", "contact.fill.city"
    object_type: str
    label: str  #: English; the view translates it
    count: int
    total: int
    conditions: tuple[Condition, ...]

    @property
    def share(self) -> float | None:
        """count / total, None when there are no records."""
        return self.count / self.total if self.total else None

    @property
    def fill_rate(self) -> float | None:
        """For a fill-rate figure: the share of records where the field is filled."""
        return None if self.total == 0 else 1 - self.count / self.total

    def query(self) -> ListQuery:
        """The list that shows exactly the records counted."""
        return ListQuery(self.object_type, self.conditions)


@dataclass(frozen=True)
class HealthReport:
    object_type: str
    total: int
    fill_rates: tuple[HealthFigure, ...]
    problems: tuple[HealthFigure, ...]


@dataclass(frozen=True)
class DuplicateFigure:
    """Records in a duplicate group of the bulk scan, and how many groups."""

    object_type: str
    records: int
    groups: int
    total: int
    seconds: float


def _utc_today() -> date:
    return datetime.now(UTC).date()


def problem_conditions(
    object_type: str, lead_idle_days: int = LEAD_IDLE_DAYS, today: date | None = None
) -> list[tuple[str, str, tuple[Condition, ...]]]:
    """(key, English label, conditions) of each problem figure of `object_type`."""
    if lead_idle_days < 0:
        raise ValueError(f"lead_idle_days must be 0 or more, not {lead_idle_days}")
    today = today or _utc_today()
    invalid = Condition("email_invalid", Op.EQUALS, True)
    bad_phone = Condition("phone_invalid", Op.EQUALS, True)
    figures: dict[str, list[tuple[str, str, tuple[Condition, ...]]]] = {
        "contact": [
            ("contact.no_email", "Contacts without e-mail", (Condition("email", Op.EMPTY),)),
            ("contact.invalid_email", "Invalid e-mails", (invalid,)),
            ("contact.invalid_phone", "Invalid phone numbers", (bad_phone,)),
        ],
        "account": [
            (
                "account.no_address",
                "Accounts without address",
                tuple(Condition(c, Op.EMPTY) for c in ("street", "postal_code", "city")),
            ),
            ("account.invalid_email", "Invalid e-mails", (invalid,)),
            ("account.invalid_phone", "Invalid phone numbers", (bad_phone,)),
        ],
        "lead": [
            (
                "lead.untouched",
                f"Open leads untouched for {lead_idle_days} days",
                (
                    Condition("status", Op.ONE_OF, OPEN_LEAD_STATUSES),
                    # Last touch on or before today − N − 1: more than N whole days ago.
                    Condition(
                        "last_touched_at",
                        Op.BETWEEN,
                        None,
                        today - timedelta(days=lead_idle_days + 1),
                    ),
                ),
            ),
            ("lead.invalid_email", "Invalid e-mails", (invalid,)),
            ("lead.invalid_phone", "Invalid phone numbers", (bad_phone,)),
        ],
        "opportunity": [
            (
                "opportunity.stale",
                "Open deals with no activity past their stage's limit",
                (Condition("stale", Op.EQUALS, True),),
            ),
        ],
    }
    if object_type not in figures:
        raise ValueError(
            f"Data health covers {', '.join(HEALTH_OBJECTS)}, not {object_type!r} records."
        )
    return figures[object_type]


def fill_conditions(object_type: str) -> list[tuple[str, str, tuple[Condition, ...]]]:
    """(key, column label, conditions listing the records where it is empty) per stored
    list column of `object_type`."""
    return [
        (f"{object_type}.fill.{c.key}", c.label, (Condition(c.key, Op.EMPTY),))
        for c in COLUMNS[object_type]
        if c.derived is None and c.key not in NOT_FILL_RATED
    ]


def health_report(
    session: Session,
    object_type: str,
    lead_idle_days: int = LEAD_IDLE_DAYS,
    today: date | None = None,
) -> HealthReport:
    """Every figure of one object, counted in one SQL pass over its table."""
    problems = problem_conditions(object_type, lead_idle_days, today)
    fills = fill_conditions(object_type)
    specs = problems + fills
    total, counts = count_matching(session, object_type, [conditions for _, _, conditions in specs])
    figures = [
        HealthFigure(key, object_type, label, count, total, conditions)
        for (key, label, conditions), count in zip(specs, counts, strict=True)
    ]
    return HealthReport(
        object_type,
        total,
        fill_rates=tuple(figures[len(problems) :]),
        problems=tuple(figures[: len(problems)]),
    )


def data_health(
    session: Session,
    lead_idle_days: int = LEAD_IDLE_DAYS,
    progress: Progress = NullProgress(),  # noqa: B008 - stateless
    objects: Sequence[str] = HEALTH_OBJECTS,
) -> tuple[HealthReport, ...]:
    """The report of each object in `objects`, with progress between them."""
    reports: list[HealthReport] = []
    today = _utc_today()
    for done, object_type in enumerate(objects):
        progress.update(done, len(objects), f"Checking {object_type} records")
        reports.append(health_report(session, object_type, lead_idle_days, today))
    progress.update(len(objects), len(objects))
    return tuple(reports)


def suspected_duplicates(
    session: Session,
    object_type: str,
    progress: Progress = NullProgress(),  # noqa: B008 - stateless
    threshold: int = dedupe.DEFAULT_THRESHOLD,
) -> DuplicateFigure:
    """Records in a duplicate group (pairs marked "not a duplicate" left out), by the
    bulk scan; raises Cancelled when `progress` is."""
    scan = dedupe.scan_duplicates(session, object_type, progress, threshold)
    return DuplicateFigure(
        object_type,
        records=sum(len(g.record_ids) for g in scan.groups),
        groups=len(scan.groups),
        total=scan.records,
        seconds=scan.seconds,
    )
