"""What triggers on activities keep (migration 0006), whatever wrote the activities (ORM,
Core, bulk insert, undo, redo, a pulled change), never journaled:
`opportunities.activity_touched_at`, always the latest creation or completion time of the
deal's live activities (the stale-deals KPI of issue #5 reads it), and `app_activity_days`,
always the live done activities counted per owner, type and UTC day (activities per owner
per week reads it)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.orm import Session

from desktop_crm.models import Activity, Opportunity, User
from desktop_crm.models.bulk import insert_rows
from desktop_crm.models.database import Database
from desktop_crm.models.journal import capture_suspended, operation
from desktop_crm.services.bootstrap import ensure_default_pipeline
from desktop_crm.services.undo import redo, undo

DEALS = ("d1", "d2", "d3")


def at(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=UTC)


def stored(moment: str) -> str:
    """As UtcDateTime stores it."""
    return at(moment).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def touches(db: Database) -> dict[str, str | None]:
    with db.read_session() as s:
        return dict(s.execute(text("SELECT id, activity_touched_at FROM opportunities")).all())


def expected_touches(db: Database) -> dict[str, str | None]:
    """The definition, computed from the activities."""
    with db.read_session() as s:
        rows = s.execute(
            text(
                "SELECT o.id, (SELECT max(nullif(max(coalesce(a.created_at, ''), "
                "coalesce(a.done_at, '')), '')) FROM activities a "
                "WHERE a.opportunity_id = o.id AND a.deleted_at IS NULL) FROM opportunities o"
            )
        ).all()
    return dict(rows)


def day_counts(db: Database) -> dict[tuple[str | None, str, str], int]:
    with db.read_session() as s:
        rows = s.execute(
            text(
                "SELECT nullif(owner_key, ''), activity_type, day, activities "
                "FROM app_activity_days WHERE activities != 0"
            )
        ).all()
    return {(owner, kind, day): n for owner, kind, day, n in rows}


def expected_day_counts(db: Database) -> dict[tuple[str | None, str, str], int]:
    with db.read_session() as s:
        rows = s.execute(
            text(
                "SELECT owner_id, activity_type, substr(done_at, 1, 10), count(*) FROM activities "
                "WHERE deleted_at IS NULL AND done_at IS NOT NULL GROUP BY 1, 2, 3"
            )
        ).all()
    return {(owner, kind, day): n for owner, kind, day, n in rows}


def assert_kept(db: Database, step: object = None) -> None:
    assert touches(db) == expected_touches(db), step
    assert day_counts(db) == expected_day_counts(db), step


@pytest.fixture
def deals(db: Database) -> Database:
    with db.session() as s, s.begin():
        s.add_all([User(id="u1", name="Alice"), User(id="u2", name="Bob")])
        pipeline = ensure_default_pipeline(s, "en")
        stage = s.execute(
            text("SELECT id FROM pipeline_stages WHERE pipeline_id = :p ORDER BY position"),
            {"p": pipeline.id},
        ).scalar()
        for deal_id in DEALS:
            s.add(Opportunity(id=deal_id, name=deal_id, pipeline_id=pipeline.id, stage_id=stage))
    return db


def activity(
    activity_id: str,
    deal: str | None,
    created: str,
    done: str | None = None,
    owner: str | None = "u1",
) -> Activity:
    return Activity(
        id=activity_id,
        owner_id=owner,
        activity_type="call",
        subject=activity_id,
        opportunity_id=deal,
        created_at=at(created),
        updated_at=at(created),
        done_at=None if done is None else at(done),
    )


def write(db: Database, change: Callable[[Session], object], label: str = "Change") -> str:
    with db.session() as s, s.begin(), operation(s, label) as op:
        change(s)
    return op


def test_a_new_deal_has_no_touch_and_each_activity_can_only_make_it_later(
    deals: Database,
) -> None:
    assert touches(deals) == dict.fromkeys(DEALS)
    write(deals, lambda s: s.add(activity("a1", "d1", "2026-07-01T10:00", "2026-07-20T09:00")))
    write(deals, lambda s: s.add(activity("a2", "d1", "2026-07-05T10:00")))
    assert touches(deals) == {"d1": stored("2026-07-20T09:00"), "d2": None, "d3": None}


Step = Callable[[Session], object]

#: Each change, from deals d1 (a1: created 1 July, done 20 July; a2: created 5 July) and d2
#: (a3: created 2 July), a0 linked to no deal (created 9 September), and the touches of d1
#: and d2 expected after it (d3 has none unless said).
CHANGES: list[tuple[str, Step, dict[str, str | None]]] = [
    (
        "a later completion",
        lambda s: s.execute(
            update(Activity).where(Activity.id == "a2").values(done_at=at("2026-08-01T08:00"))
        ),
        {"d1": "2026-08-01T08:00", "d2": "2026-07-02T10:00"},
    ),
    (
        "the latest activity completed earlier",
        lambda s: s.execute(
            update(Activity).where(Activity.id == "a1").values(done_at=at("2026-07-02T08:00"))
        ),
        {"d1": "2026-07-05T10:00", "d2": "2026-07-02T10:00"},
    ),
    (
        "the latest activity trashed",
        lambda s: s.execute(
            update(Activity).where(Activity.id == "a1").values(deleted_at=at("2026-09-01"))
        ),
        {"d1": "2026-07-05T10:00", "d2": "2026-07-02T10:00"},
    ),
    (
        "the latest activity deleted for good",
        lambda s: s.execute(delete(Activity).where(Activity.id == "a1")),
        {"d1": "2026-07-05T10:00", "d2": "2026-07-02T10:00"},
    ),
    (
        "every activity of the deal deleted",
        lambda s: s.execute(delete(Activity).where(Activity.opportunity_id == "d1")),
        {"d1": None, "d2": "2026-07-02T10:00"},
    ),
    (
        "the latest activity moved to another deal",
        lambda s: s.execute(
            update(Activity).where(Activity.id == "a1").values(opportunity_id="d2")
        ),
        {"d1": "2026-07-05T10:00", "d2": "2026-07-20T09:00"},
    ),
    (
        "an activity unlinked from its deal",
        lambda s: s.execute(
            update(Activity).where(Activity.id == "a3").values(opportunity_id=None)
        ),
        {"d1": "2026-07-20T09:00", "d2": None},
    ),
    (
        "an unlinked activity linked",
        lambda s: s.execute(
            update(Activity).where(Activity.id == "a0").values(opportunity_id="d2")
        ),
        {"d1": "2026-07-20T09:00", "d2": "2026-09-09T09:00"},
    ),
    (
        "an edit of another field",
        lambda s: s.execute(update(Activity).where(Activity.id == "a1").values(subject="Call")),
        {"d1": "2026-07-20T09:00", "d2": "2026-07-02T10:00"},
    ),
    (
        "a bulk insert",
        lambda s: insert_rows(
            s.connection(),
            "activities",
            ["id", "created_at", "updated_at", "activity_type", "subject", "opportunity_id"],
            [
                (f"b{i}", stored(f"2026-10-{i:02d}T08:00"), stored("2026-10-01"), "note", "n", d)
                for i, d in ((1, "d2"), (3, "d3"), (2, "d3"))
            ],
        ),
        {"d1": "2026-07-20T09:00", "d2": "2026-10-01T08:00", "d3": "2026-10-03T08:00"},
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), [(c, e) for _, c, e in CHANGES], ids=[n for n, _, _ in CHANGES]
)
def test_the_touch_follows_every_change_and_its_undo_and_redo(
    deals: Database, change: Step, expected: dict[str, str | None]
) -> None:
    write(
        deals,
        lambda s: s.add_all(
            [
                activity("a1", "d1", "2026-07-01T10:00", "2026-07-20T09:00"),
                activity("a2", "d1", "2026-07-05T10:00"),
                activity("a3", "d2", "2026-07-02T10:00"),
                activity("a0", None, "2026-09-09T09:00"),
            ]
        ),
    )
    before = touches(deals)
    op = write(deals, change)
    wanted = {"d3": None} | {d: stored(t) if t else None for d, t in expected.items()}
    assert touches(deals) == wanted
    assert_kept(deals)
    with deals.session() as s, s.begin():
        undo(s, op)
    assert touches(deals) == before
    assert_kept(deals)
    with deals.session() as s, s.begin():
        redo(s, op)
    assert_kept(deals)


def test_a_pulled_change_written_without_the_journal_keeps_the_touch_too(
    deals: Database,
) -> None:
    with deals.session() as s, s.begin(), capture_suspended(s):
        s.add(activity("a1", "d3", "2026-07-01T10:00"))
    assert touches(deals)["d3"] == stored("2026-07-01T10:00")


def test_the_touch_is_never_journaled(deals: Database) -> None:
    with deals.read_session() as s:
        before = s.execute(text("SELECT count(*) FROM journal_entries")).scalar_one()
    write(deals, lambda s: s.add(activity("a1", "d1", "2026-07-01T10:00")))
    write(
        deals,
        lambda s: s.execute(
            update(Activity).where(Activity.id == "a1").values(done_at=at("2026-07-03"))
        ),
    )
    with deals.read_session() as s:
        logged = s.execute(
            text("SELECT table_name, action, field FROM journal_entries WHERE seq > :n"),
            {"n": before},
        ).all()
    # The activity's own changes only: no entry for the deal whose touch moved.
    assert {row.table_name for row in logged} == {"activities"}
    assert [row.action for row in logged if row.field in (None, "done_at")] == ["I", "U"]
    assert touches(deals)["d1"] == stored("2026-07-03T00:00")


def test_a_deleted_deal_restored_by_undo_gets_its_touch_back(deals: Database) -> None:
    write(deals, lambda s: s.add(activity("a1", "d1", "2026-07-01T10:00")))

    def drop(s: Session) -> None:
        s.execute(delete(Activity).where(Activity.opportunity_id == "d1"))
        s.execute(delete(Opportunity).where(Opportunity.id == "d1"))

    op = write(deals, drop)
    assert "d1" not in touches(deals)
    with deals.session() as s, s.begin():
        undo(s, op)
    assert touches(deals)["d1"] == stored("2026-07-01T10:00")


def rng_owner(moment: str) -> str | None:
    """An owner picked from the moment's digits (None, Alice or Bob)."""
    return (None, "u1", "u2")[int(moment[8:10]) % 3]


def random_change(kind: str, new_id: str, one: str, moment: str, deal: str | None) -> Step:
    """One step of the random walk below."""
    if kind == "add":
        done = moment if moment[11:13] < "16" else None  # some activities only planned
        return lambda s: s.add(activity(new_id, deal, moment, done, rng_owner(moment)))
    if kind == "delete":
        return lambda s: s.execute(delete(Activity).where(Activity.id == one))
    values = {
        "redate": {"done_at": at(moment)},
        "move": {"opportunity_id": deal},
        "trash": {"deleted_at": at(moment)},
        "restore": {"deleted_at": None},
        "reassign": {"owner_id": rng_owner(moment)},
        "retype": {"activity_type": "email" if moment < "2026-07" else "meeting"},
    }.get(kind, {"created_at": at(moment)})
    return lambda s: s.execute(update(Activity).where(Activity.id == one).values(**values))


def test_the_touch_matches_the_activities_after_random_edits(deals: Database) -> None:
    """A random walk of inserts, re-dating, moves, trashing, restoring, deleting, undo and
    redo; after every step the kept value equals the one computed from the activities.
    ("undo" with nothing to undo re-dates a creation instead.)"""
    rng = random.Random(5)
    done: list[str] = []
    undone: list[str] = []
    for step in range(120):
        with deals.read_session() as s:
            ids = list(s.execute(text("SELECT id FROM activities ORDER BY id")).scalars())
        kinds = ["add", "add", "redate", "move", "trash", "restore", "delete", "undo"]
        kind = rng.choice([*kinds, "reassign", "retype"])
        month, day, hour = rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23)
        moment = f"2026-{month:02d}-{day:02d}T{hour:02d}:00"
        target = rng.choice([*DEALS, None])
        if kind == "undo" and (done or undone):
            with deals.session() as s, s.begin():
                if undone and rng.random() < 0.4:
                    op = undone.pop()
                    redo(s, op)
                    done.append(op)
                else:
                    op = done.pop()
                    undo(s, op)
                    undone.append(op)
            assert_kept(deals, step)
            continue
        change = random_change(
            kind if ids else "add", f"r{step:03d}", rng.choice(ids or [""]), moment, target
        )
        done.append(write(deals, change))
        undone.clear()
        assert_kept(deals, step)
