"""Dashboard speed at a million contacts (issue #5): covering partial indexes for the KPIs,
a partial index of the journal's stage moves, and two things kept by triggers on
activities: `opportunities.activity_touched_at`, the latest creation or completion time of
a deal's live activities, so counting stale deals reads one index instead of probing every
open deal's activities; and `app_activity_days`, live done activities counted per owner,
type and UTC day, so activities per owner per week over a year sums some ten thousand
rows instead of reading millions of index entries.

The new column is derived, not data: the journal triggers are re-created without it
(models/journal.py DERIVED_COLUMNS) before the backfill, so neither the backfill nor the
triggers keeping it write journal entries, and undo, history and sync never see it. The
triggers fire on every write path (ORM, Core, bulk import, undo, sync pulls with the
journal suspended), so the column stays right after edits, deletes, restores and undo.

Revision ID: 0006_dashboard_speed
Revises: 0005_saved_views
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop_crm.models.journal import install_triggers

revision: str = "0006_dashboard_speed"
down_revision: str | None = "0005_saved_views"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = "WHERE deleted_at IS NULL"

#: Partial indexes of live rows that answer the KPI queries alone: `deleted_at` is a column
#: too, as SQLite 3.40 reads the table for a partial index whose WHERE names a column the
#: index does not hold (models/base.py live_covering_index).
LIVE_INDEXES = {
    "ix_opportunities_kpi_closed": "opportunities (status, closed_at, currency, amount_minor, "
    "created_at, owner_id, pipeline_id, campaign_id",
    "ix_opportunities_kpi_open": "opportunities (status, stage_id, currency, amount_minor, "
    "probability, owner_id, pipeline_id",
    "ix_opportunities_kpi_stale": "opportunities (status, stage_id, updated_at, "
    "activity_touched_at, owner_id, pipeline_id",
    "ix_opportunities_kpi_forecast": "opportunities (status, expected_close_date, currency, "
    "amount_minor, probability, owner_id, pipeline_id",
    "ix_opportunities_kpi_cohort": "opportunities (pipeline_id, created_at, stage_id, owner_id, id",
    "ix_opportunities_kpi_currency": "opportunities (currency, owner_id, pipeline_id",
    "ix_leads_kpi_created": "leads (source, created_at, status, converted_at, owner_id",
    "ix_leads_kpi_campaign": "leads (campaign_id, converted_opportunity_id",
    "ix_cases_kpi_resolved": "cases (resolved_at, opened_at, satisfaction, owner_id",
    "ix_cases_kpi_open": "cases (status, priority, owner_id",
}
INDEXES = {
    **{name: f"{target}, deleted_at) {LIVE}" for name, target in LIVE_INDEXES.items()},
    "ix_journal_entries_stage_moves": "journal_entries (row_id, operation_id, old_value, "
    "new_value, table_name, action, field) "
    "WHERE table_name = 'opportunities' AND action = 'U' AND field = 'stage_id'",
}
#: 0004's index of live activities, made covering the same way.
ACTIVITIES_INDEX = "ix_activities_owner_type_done"

#: One activity's touch: the later of its creation and completion (NULLs never count).
_TOUCH = "nullif(max(coalesce({a}.created_at, ''), coalesce({a}.done_at, '')), '')"
#: A deal's touch, from all its live activities (an index search on opportunity_id).
_DEAL_TOUCH = (
    f"(SELECT max({_TOUCH.format(a='a')}) FROM activities a "
    "WHERE a.opportunity_id = opportunities.id AND a.deleted_at IS NULL)"
)

TRIGGERS = {
    # A new live activity can only make its deal's touch later: no need to read the others.
    "touch_activities_insert": f"""CREATE TRIGGER touch_activities_insert
AFTER INSERT ON activities
WHEN NEW.opportunity_id IS NOT NULL AND NEW.deleted_at IS NULL
BEGIN
  UPDATE opportunities SET activity_touched_at = {_TOUCH.format(a="NEW")}
  WHERE id = NEW.opportunity_id
    AND (activity_touched_at IS NULL OR activity_touched_at < {_TOUCH.format(a="NEW")});
END""",
    # Moved to another deal, re-dated, trashed or restored: both deals read again.
    "touch_activities_update": f"""CREATE TRIGGER touch_activities_update
AFTER UPDATE OF opportunity_id, created_at, done_at, deleted_at ON activities
WHEN (OLD.opportunity_id IS NOT NULL OR NEW.opportunity_id IS NOT NULL)
  AND (OLD.opportunity_id IS NOT NEW.opportunity_id OR OLD.created_at IS NOT NEW.created_at
       OR OLD.done_at IS NOT NEW.done_at OR OLD.deleted_at IS NOT NEW.deleted_at)
BEGIN
  UPDATE opportunities SET activity_touched_at = {_DEAL_TOUCH}
  WHERE id IN (OLD.opportunity_id, NEW.opportunity_id);
END""",
    "touch_activities_delete": f"""CREATE TRIGGER touch_activities_delete
AFTER DELETE ON activities
WHEN OLD.opportunity_id IS NOT NULL
BEGIN
  UPDATE opportunities SET activity_touched_at = {_DEAL_TOUCH}
  WHERE id = OLD.opportunity_id;
END""",
}


#: Live activities done per owner ('' for none), type and UTC day of `done_at`. An `app_`
#: table: never journaled nor replicated (models/journal.py), like the search index.
DAYS_TABLE = """CREATE TABLE app_activity_days (
  owner_key TEXT NOT NULL,
  activity_type TEXT NOT NULL,
  day TEXT NOT NULL,
  activities INTEGER NOT NULL,
  PRIMARY KEY (owner_key, activity_type, day)
) WITHOUT ROWID"""
_COUNTED = "{r}.deleted_at IS NULL AND {r}.done_at IS NOT NULL"
_KEY = "coalesce({r}.owner_id, ''), {r}.activity_type, substr({r}.done_at, 1, 10)"
_ADD = (
    "INSERT INTO app_activity_days (owner_key, activity_type, day, activities) "
    "SELECT {key}, 1 WHERE {counted} "
    "ON CONFLICT (owner_key, activity_type, day) DO UPDATE SET activities = activities + 1;"
)
_REMOVE = (
    "UPDATE app_activity_days SET activities = activities - 1 WHERE {counted} "
    "AND owner_key = coalesce({r}.owner_id, '') AND activity_type = {r}.activity_type "
    "AND day = substr({r}.done_at, 1, 10);"
)
ADD_NEW = _ADD.format(key=_KEY.format(r="NEW"), counted=_COUNTED.format(r="NEW"))
REMOVE_OLD = _REMOVE.format(r="OLD", counted=_COUNTED.format(r="OLD"))
DAY_TRIGGERS = {
    "days_activities_insert": f"""CREATE TRIGGER days_activities_insert
AFTER INSERT ON activities WHEN {_COUNTED.format(r="NEW")}
BEGIN
  {ADD_NEW}
END""",
    "days_activities_update": f"""CREATE TRIGGER days_activities_update
AFTER UPDATE OF owner_id, activity_type, done_at, deleted_at ON activities
WHEN OLD.owner_id IS NOT NEW.owner_id OR OLD.activity_type IS NOT NEW.activity_type
  OR OLD.done_at IS NOT NEW.done_at OR OLD.deleted_at IS NOT NEW.deleted_at
BEGIN
  {REMOVE_OLD}
  {ADD_NEW}
END""",
    "days_activities_delete": f"""CREATE TRIGGER days_activities_delete
AFTER DELETE ON activities WHEN {_COUNTED.format(r="OLD")}
BEGIN
  {REMOVE_OLD}
END""",
}


def upgrade() -> None:
    op.add_column("opportunities", sa.Column("activity_touched_at", sa.String(27)))
    # Journal triggers that leave the derived column out, before it is first written.
    install_triggers(op.get_bind())
    op.execute(
        f"UPDATE opportunities SET activity_touched_at = {_DEAL_TOUCH} "
        "WHERE id IN (SELECT opportunity_id FROM activities WHERE opportunity_id IS NOT NULL)"
    )
    for ddl in TRIGGERS.values():
        op.execute(ddl)
    op.execute(DAYS_TABLE)
    op.execute(
        "INSERT INTO app_activity_days (owner_key, activity_type, day, activities) "
        f"SELECT {_KEY.format(r='a')}, count(*) FROM activities a "
        f"WHERE {_COUNTED.format(r='a')} GROUP BY 1, 2, 3"
    )
    for ddl in DAY_TRIGGERS.values():
        op.execute(ddl)
    for name, target in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {target}")
    op.execute(f"DROP INDEX {ACTIVITIES_INDEX}")
    op.execute(
        f"CREATE INDEX {ACTIVITIES_INDEX} ON activities "
        f"(owner_id, activity_type, done_at, deleted_at) {LIVE}"
    )


def downgrade() -> None:
    op.execute(f"DROP INDEX {ACTIVITIES_INDEX}")
    op.execute(f"CREATE INDEX {ACTIVITIES_INDEX} ON activities (owner_id, activity_type, done_at) {LIVE}")
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name in [*TRIGGERS, *DAY_TRIGGERS]:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS app_activity_days")
    # A plain DROP COLUMN (SQLite 3.35+): a batch copy of the table would lose its triggers.
    op.execute("ALTER TABLE opportunities DROP COLUMN activity_touched_at")
    install_triggers(op.get_bind())
