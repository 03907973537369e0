"""List-shaped indexes: live rows only, text without case, so lists sort a million rows
by walking an index (replaces the plain name/city indexes of 0001).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = "WHERE deleted_at IS NULL"

CREATED = {
    "ix_contacts_list_last_name": "contacts (last_name COLLATE NOCASE, first_name COLLATE NOCASE)",
    "ix_contacts_list_city": "contacts (city COLLATE NOCASE)",
    "ix_leads_list_last_name": "leads (last_name COLLATE NOCASE, first_name COLLATE NOCASE)",
    "ix_accounts_list_name": "accounts (name COLLATE NOCASE)",
    "ix_accounts_list_city": "accounts (city COLLATE NOCASE)",
    "ix_opportunities_list_name": "opportunities (name COLLATE NOCASE)",
    "ix_activities_list_due_at": "activities (due_at)",
}

REPLACED = {
    "ix_contacts_last_first": "contacts (last_name, first_name)",
    "ix_contacts_city": "contacts (city)",
    "ix_leads_last_first": "leads (last_name, first_name)",
    "ix_accounts_name": "accounts (name)",
    "ix_accounts_city": "accounts (city)",
}


def upgrade() -> None:
    for name in REPLACED:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name, target in CREATED.items():
        op.execute(f"CREATE INDEX {name} ON {target} {LIVE}")


def downgrade() -> None:
    for name in CREATED:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name, target in REPLACED.items():
        op.execute(f"CREATE INDEX {name} ON {target}")
