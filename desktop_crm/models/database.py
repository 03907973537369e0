"""Opening a CRM database: checks, single-writer lock, pragmas, migrations, sessions."""

from __future__ import annotations

import getpass
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import filelock
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from desktop_crm.models.errors import (
    DatabaseInUse,
    KnownDbError,
    NewerSchemaError,
    NotACrmDatabase,
    translated_errors,
)
from desktop_crm.models.hlc import HybridLogicalClock
from desktop_crm.models.ids import new_id
from desktop_crm.models.journal import JournalContext, ReplicaState, operation, register_functions
from desktop_crm.models.search import register_search_functions

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
#: Page cache per connection: enough for index pages of a million-contact import.
CACHE_KIB = 32 * 1024


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def autogenerate_includes(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic reflects `col COLLATE NOCASE` index parts as plain columns and would drop
    and re-create the list indexes on every comparison; they are written by hand. So is the
    search index (FTS5 and its shadow tables, models/search.py), which is not in the models,
    and the activity counts per day that triggers keep (migration 0006)."""
    if name is not None and name.startswith(("app_search_", "ix_app_search_", "app_activity_")):
        return False
    return not (type_ == "index" and name is not None and "_list_" in name)


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def check_file_is_sqlite(path: Path) -> None:
    """Refuse early, before SQLite or a migration touches a file that is not a database."""
    if path.is_dir():
        raise KnownDbError(f"{path} is a folder, not a database file.")
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as error:
        raise KnownDbError(f"{path} cannot be read: {error.strerror}.") from error
    if header != SQLITE_HEADER:
        raise NotACrmDatabase(f"{path} is not a Desktop CRM database (it is not an SQLite file).")


def check_parent_writable(path: Path) -> None:
    parent = path.parent
    if not parent.exists():
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise KnownDbError(
                f"The folder {parent} does not exist and cannot be created: {error.strerror}."
            ) from error
    if not parent.is_dir():
        raise KnownDbError(f"{parent} is not a folder, so {path.name} cannot be stored there.")


def preflight(path: Path) -> None:
    """Decide, read-only, whether an existing file is a database this version may open.

    Runs before the engine connects, because connecting switches the file to WAL: a
    header write that must never happen to a file that is not ours or is from a newer app.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not tables:
            return
        if "alembic_version" not in tables:
            raise NotACrmDatabase(f"{path} is an SQLite database, but not a Desktop CRM one.")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        conn.close()
    revision = row[0] if row else None
    if revision is not None and revision not in known_revisions():
        raise NewerSchemaError(
            f"{path} was written by a newer version of Desktop CRM (schema {revision}); this "
            f"version knows schemas up to {head_revision()}. Install the newer version to "
            "open it. The file was not changed."
        )


@dataclass(frozen=True)
class SchemaState:
    revision: str | None
    head: str
    has_tables: bool

    @property
    def is_new(self) -> bool:
        return self.revision is None and not self.has_tables

    @property
    def needs_upgrade(self) -> bool:
        return self.revision != self.head


def backup_file(source: sqlite3.Connection, destination: Path) -> Path:
    """Copy a live database with SQLite's online backup API (consistent even while open)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    target = sqlite3.connect(destination)
    try:
        source.backup(target)
    finally:
        target.close()
    return destination


class Database:
    """One open CRM database file.

    Writers take `BEGIN IMMEDIATE` so two writers never deadlock on a lock upgrade; readers
    use deferred transactions and never block writers (WAL). A lock file next to the
    database keeps a second Desktop CRM from writing the same file.
    """

    def __init__(
        self, path: Path, engine: Engine, replica: ReplicaState, lock: filelock.BaseFileLock | None
    ) -> None:
        self.path = path
        self.engine = engine
        self.replica = replica
        self.clock = replica.clock
        self.current_user_id: str | None = None
        self._lock = lock
        self.session_factory = sessionmaker(engine, expire_on_commit=False)
        self.read_session_factory = sessionmaker(
            engine.execution_options(crm_readonly=True), expire_on_commit=False
        )

    # --- opening ----------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        migrate: bool = True,
        exclusive: bool = True,
        backup_dir: Path | None = None,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> Database:
        """Open (creating if absent) and bring the schema up to date.

        Raises KnownDbError subclasses with a message fit for the user for: a path that cannot
        hold a database, a file that is not SQLite, a database from a newer version, a file
        another Desktop CRM is writing, and the SQLite environment faults.
        """
        path = Path(path).expanduser().resolve()
        check_parent_writable(path)
        check_file_is_sqlite(path)
        lock = cls.acquire_lock(path) if exclusive else None
        try:
            with translated_errors(path):
                preflight(path)
                replica = ReplicaState(HybridLogicalClock())
                engine = _make_engine(path, replica, busy_timeout_ms)
                db = cls(path, engine, replica, lock)
                state = db.schema_state()
                if state.needs_upgrade:
                    if not migrate:
                        raise KnownDbError(
                            f"{path} needs upgrading from schema {state.revision} to "
                            f"{state.head}; open it with the app to upgrade it."
                        )
                    db.migrate(state, backup_dir or path.parent / "backups")
                db._start_clock()
                db._ensure_replica_identity()
                return db
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    @staticmethod
    def acquire_lock(path: Path) -> filelock.BaseFileLock:
        """The single-writer lock of the database at `path`, or DatabaseInUse."""
        lock = filelock.FileLock(str(path) + ".lock", timeout=0)
        try:
            lock.acquire()
        except filelock.Timeout as error:
            raise DatabaseInUse(
                f"{path} is already open in another Desktop CRM window or command. "
                "Close it first; two programs writing one database would lose changes."
            ) from error
        except OSError as error:
            raise KnownDbError(
                f"Cannot create the lock file next to {path}: {error.strerror}. "
                "Is the folder writable?"
            ) from error
        return lock

    def schema_state(self) -> SchemaState:
        with self.engine.execution_options(crm_readonly=True).connect() as conn:
            revision = MigrationContext.configure(conn).get_current_revision()
            has_tables = (
                conn.execute(
                    text("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
                ).scalar_one()
                > 0
            )
            conn.rollback()
        return SchemaState(revision, head_revision(), has_tables)

    def migrate(self, state: SchemaState, backup_dir: Path) -> Path | None:
        """Upgrade to the head schema; an existing database is backed up first."""
        backup = None
        if not state.is_new:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            backup = self.backup_to(
                backup_dir / f"{self.path.stem}-{stamp}-before-{state.head}.sqlite"
            )
        config = alembic_config()
        with self.engine.connect() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            conn.commit()
        return backup

    def backup_to(self, destination: Path) -> Path:
        with self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert isinstance(raw, sqlite3.Connection)
            return backup_file(raw, destination)

    def _start_clock(self) -> None:
        with self.read_session() as session:
            last = session.execute(text("SELECT max(hlc) FROM journal_entries")).scalar()
        self.clock.last = max(self.clock.last, last or 0)

    def _ensure_replica_identity(self) -> None:
        """This replica's node id and local user, made once per database. Read first, so
        opening an initialised database never waits for the write lock."""
        with self.read_session() as reader:
            settings: dict[str, str] = dict(
                reader.execute(text("SELECT key, value FROM app_settings")).all()
            )
        if "node_id" in settings and "current_user_id" in settings:
            self.current_user_id = self.replica.actor_id = settings["current_user_id"]
            return
        with (
            self.session() as session,
            session.begin(),
            operation(session, "Set up this computer's user", "setup"),
        ):
            if "node_id" not in settings:
                session.execute(
                    text("INSERT INTO app_settings VALUES ('node_id', :v)"), {"v": new_id()}
                )
            user_id = settings.get("current_user_id")
            if user_id is None:
                user_id = new_id()
                name = _login_name()
                session.execute(
                    text(
                        "INSERT INTO users (id, created_at, updated_at, name, active) "
                        "VALUES (:id, :now, :now, :name, 1)"
                    ),
                    {"id": user_id, "now": _now_text(), "name": name},
                )
                session.execute(
                    text("INSERT INTO app_settings VALUES ('current_user_id', :v)"), {"v": user_id}
                )
        self.current_user_id = self.replica.actor_id = user_id

    # --- sessions ---------------------------------------------------------------------------
    def session(self) -> Session:
        """A session for writing: its transaction starts with BEGIN IMMEDIATE."""
        return self.session_factory()

    def read_session(self) -> Session:
        return self.read_session_factory()

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A Core connection for writing (bulk paths), committed by the caller."""
        with self.engine.connect() as conn:
            yield conn

    def setting(self, key: str) -> str | None:
        with self.read_session() as session:
            return session.execute(
                text("SELECT value FROM app_settings WHERE key = :k"), {"k": key}
            ).scalar()

    def refresh_statistics(self) -> None:
        """Refresh the statistics SQLite's planner reads. Without them it prefers the partial
        live-row indexes even where a plain scan is several times faster. analysis_limit
        samples each index instead of reading it whole, so this stays well under a second
        on millions of rows (SQLite 3.40's `PRAGMA optimize` would skip tables this
        connection has not queried). A failure only costs speed."""
        # A deferred BEGIN, and no busy wait: never queue behind another writer for this.
        engine = self.engine.execution_options(crm_readonly=True)
        with suppress(sa_exc.DBAPIError, sqlite3.Error), engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA busy_timeout = 0")
            try:
                conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
            finally:
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def close(self) -> None:
        self.refresh_statistics()
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- engine wiring ---------------------------------------------------------------------------


def _make_engine(path: Path, replica: ReplicaState, busy_timeout_ms: int) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: sqlite3.Connection, record: ConnectionPoolEntry) -> None:
        # We issue BEGIN ourselves (see on_begin); pysqlite's implicit BEGIN would be DEFERRED.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
            cursor.execute("PRAGMA synchronous = FULL")
            # Statements on tables with triggers get a statement journal; in a temp file it
            # more than halves bulk insert speed (41k vs 91k rows/s measured).
            cursor.execute("PRAGMA temp_store = MEMORY")
            cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        finally:
            cursor.close()
        ctx = JournalContext(replica)
        register_functions(dbapi_connection, ctx)
        register_search_functions(dbapi_connection)
        record.info["journal"] = ctx

    @event.listens_for(engine, "begin")
    def on_begin(conn: Connection) -> None:
        readonly = conn.get_execution_options().get("crm_readonly", False)
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    @event.listens_for(engine, "commit")
    def on_commit(conn: Connection) -> None:
        _end_transaction(conn)

    @event.listens_for(engine, "rollback")
    def on_rollback(conn: Connection) -> None:
        _end_transaction(conn)

    return engine


def _end_transaction(conn: Connection) -> None:
    ctx: Any = conn.info.get("journal")
    if ctx is not None:
        ctx.end_transaction()


def _login_name() -> str:
    with suppress(Exception):
        return getpass.getuser()
    return "Me"


def _now_text() -> str:
    from desktop_crm.models.base import format_timestamp, utc_now

    return format_timestamp(utc_now())
