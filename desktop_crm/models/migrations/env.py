"""Alembic environment: migrations run on the connection Database.open hands over.

Developers writing a migration run `alembic revision --autogenerate` from the project root;
then no connection is handed over and the scratch database named in alembic.ini is used.
"""

from __future__ import annotations

from contextlib import nullcontext

from alembic import context
from sqlalchemy import create_engine

from desktop_crm.models import Base
from desktop_crm.models.database import autogenerate_includes
from desktop_crm.models.journal import capture_suspended

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        url = config.get_main_option("sqlalchemy.url")
        assert url, "alembic.ini names a scratch database for autogenerate"
        with create_engine(url).connect() as scratch:
            _run(scratch, journaled=False)
            scratch.commit()
        return
    _run(connection, journaled=True)


def _run(connection, *, journaled: bool) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
        include_object=autogenerate_includes,
    )
    # Every replica runs the same migrations: their data changes are not user edits.
    with capture_suspended(connection) if journaled else nullcontext(), context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline SQL generation is not supported")
run_migrations_online()
