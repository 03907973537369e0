"""Database errors split into faults of the environment (told to the user) and bugs.

A locked, full, read-only or corrupt database is something the user can act on, so it
becomes a `KnownDbError` with one plain sentence. Anything else is our bug: `DbBug`, shown
in a crash dialog with details to copy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import exc as sa_exc


class DatabaseProblem(Exception):
    """Base of the errors this package raises about a database."""


class KnownDbError(DatabaseProblem):
    """A fault of the environment, with a message fit to show as it is."""


class DatabaseInUse(KnownDbError):
    pass


class NewerSchemaError(KnownDbError):
    pass


class NotACrmDatabase(KnownDbError):
    pass


class DbBug(DatabaseProblem):
    """An unexpected database error: a defect to report, not the user's doing."""


# Primary SQLite result codes (the low byte of extended codes).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM, SQLITE_READONLY = 3, 5, 6, 7, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_PROTOCOL, SQLITE_NOLFS, SQLITE_AUTH, SQLITE_NOTADB = 15, 22, 23, 26

_ENVIRONMENT_MESSAGES = {
    SQLITE_BUSY: "{name} is busy: another program is writing to it. Close it and try again.",
    SQLITE_LOCKED: "{name} is locked by another program. Close it and try again.",
    SQLITE_PROTOCOL: "{name} is locked by another program. Close it and try again.",
    SQLITE_READONLY: "{name} is read-only: check its permissions, or copy it somewhere writable.",
    SQLITE_PERM: "{name} cannot be accessed: permission denied.",
    SQLITE_AUTH: "{name} cannot be accessed: permission denied.",
    SQLITE_FULL: "The disk holding {name} is full: free some space and try again. "
    "Nothing was saved by the failed action.",
    SQLITE_IOERR: "Reading or writing {name} failed (input/output error): the disk or network "
    "drive may be failing or disconnected.",
    SQLITE_CORRUPT: "{name} is damaged (corrupt). Restore a backup with "
    "`desktop-crm restore FILE`; the damaged file is left untouched.",
    SQLITE_NOTADB: "{name} is not a Desktop CRM database (it is not an SQLite file).",
    SQLITE_CANTOPEN: "{name} cannot be opened: check that the folder exists and is writable.",
    SQLITE_NOLFS: "{name} is too large for this file system.",
    SQLITE_NOMEM: "Out of memory while working on {name}: close other programs and try again.",
}


def _sqlite_error(error: BaseException) -> sqlite3.Error | None:
    if isinstance(error, sa_exc.DBAPIError) and isinstance(error.orig, sqlite3.Error):
        return error.orig
    if isinstance(error, sqlite3.Error):
        return error
    return None


def classify(error: BaseException, path: Path | str | None = None) -> DatabaseProblem:
    """Turn an SQLite/SQLAlchemy error into a KnownDbError or a DbBug."""
    if isinstance(error, DatabaseProblem):
        return error
    name = f"the database {path}" if path else "the database"
    raw = _sqlite_error(error)
    code = getattr(raw, "sqlite_errorcode", None)
    if code is not None and (code & 0xFF) in _ENVIRONMENT_MESSAGES:
        message = _ENVIRONMENT_MESSAGES[code & 0xFF].format(name=name)
        known = KnownDbError(message[0].upper() + message[1:])
        known.__cause__ = error
        return known
    if isinstance(error, OSError):
        known = KnownDbError(f"The database {path} cannot be used: {error.strerror or error}.")
        known.__cause__ = error
        return known
    bug = DbBug(f"Unexpected database error: {raw or error}")
    bug.__cause__ = error
    return bug


@contextmanager
def translated_errors(path: Path | str | None = None) -> Iterator[None]:
    """Re-raise SQLite errors from the block as KnownDbError or DbBug."""
    try:
        yield
    except DatabaseProblem:
        raise
    except (sa_exc.DBAPIError, sqlite3.Error, OSError) as error:
        raise classify(error, path) from error
