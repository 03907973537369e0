"""Global search: an FTS5 trigram index of folded text over accounts, contacts, leads,
opportunities, campaigns and cases, a vocabulary for typo correction, the triggers that keep
both in step, and a backfill of the records already there (see models/search.py).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

from desktop_crm.models.search import install_search_index

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CREATE = (
    "CREATE VIRTUAL TABLE app_search_index USING fts5(body, content='', columnsize=0, "
    "detail=none, tokenize='trigram case_sensitive 1')",
    "CREATE TABLE app_search_words (word TEXT NOT NULL PRIMARY KEY, "
    "reversed_word TEXT NOT NULL) WITHOUT ROWID",
    "CREATE INDEX ix_app_search_words_reversed ON app_search_words (reversed_word)",
)
SEARCHED_TABLES = ("accounts", "contacts", "leads", "opportunities", "campaigns", "cases")


def upgrade() -> None:
    for ddl in CREATE:
        op.execute(ddl)
    # Triggers from the current definition of what is searched, then the backfill.
    install_search_index(op.get_bind())


def downgrade() -> None:
    for table in SEARCHED_TABLES:
        for event in ("insert", "update", "delete"):
            op.execute(f'DROP TRIGGER IF EXISTS "search_{table}_{event}"')
    op.execute("DROP TABLE IF EXISTS app_search_words")
    op.execute("DROP TABLE IF EXISTS app_search_index")
