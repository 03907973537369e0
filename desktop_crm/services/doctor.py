"""`desktop-crm doctor`: what this installation and its database look like, read-only.

It opens the database file read-only with plain sqlite3 (no migration, no lock, no write),
so it can be run against a database another window has open, or one that refuses to open.
"""

from __future__ import annotations

import platform
import sqlite3
import sys
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from desktop_crm import __version__
from desktop_crm.models.database import SQLITE_HEADER, head_revision, known_revisions


@dataclass(frozen=True)
class Check:
    label: str
    value: str
    #: False when the user should act on it; None when it is only informative.
    ok: bool | None = None


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def sqlite_features() -> list[Check]:
    conn = sqlite3.connect(":memory:")
    try:
        checks = [
            Check(
                "SQLite version", sqlite3.sqlite_version, sqlite3.sqlite_version_info >= (3, 35, 0)
            )
        ]
        for label, ddl in (
            (
                "FTS5 full-text search",
                "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')",
            ),
            (
                "FTS5 trigram (typo-tolerant search)",
                "CREATE VIRTUAL TABLE t3 USING fts5(x, tokenize='trigram')",
            ),
        ):
            try:
                conn.execute(ddl)
                checks.append(Check(label, "available", True))
            except sqlite3.OperationalError as error:
                checks.append(Check(label, f"missing ({error})", False))
        try:
            conn.execute("SELECT json_object('a', 1)")
            checks.append(Check("JSON functions", "available", True))
        except sqlite3.OperationalError:
            checks.append(Check("JSON functions", "missing: the change journal needs them", False))
    finally:
        conn.close()
    return checks


def database_checks(path: Path, *, full: bool = False) -> list[Check]:
    checks = [Check("Database file", str(path))]
    if not path.exists():
        return [*checks, Check("Database state", "not created yet (run `desktop-crm init`)")]
    checks.append(Check("Database size", f"{path.stat().st_size / 1_048_576:,.1f} MiB"))
    with path.open("rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return [*checks, Check("Database state", "not an SQLite file", False)]
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return [*checks, Check("Database state", f"cannot be opened: {error}", False)]
    try:
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError as error:
            return [
                *checks,
                Check("Database state", f"not a Desktop CRM database ({error})", False),
            ]
        head = head_revision()
        rev = revision[0] if revision else None
        if rev == head:
            checks.append(Check("Schema", f"{rev} (up to date)", True))
        elif rev in known_revisions():
            checks.append(Check("Schema", f"{rev}; will be upgraded to {head} on next open", True))
        else:
            checks.append(Check("Schema", f"{rev}: written by a newer Desktop CRM", False))
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        checks.append(Check("Journal mode", mode, mode == "wal"))
        for table, label in (
            ("contacts", "Contacts"),
            ("accounts", "Accounts"),
            ("opportunities", "Opportunities"),
            ("journal_entries", "Journal entries"),
        ):
            count = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            checks.append(Check(label, f"{count:,}"))
        pragma = "integrity_check" if full else "quick_check"
        result = conn.execute(f"PRAGMA {pragma}").fetchone()[0]
        checks.append(Check(f"Integrity ({pragma})", result, result == "ok"))
    except sqlite3.DatabaseError as error:
        checks.append(Check("Database state", f"damaged: {error}", False))
    finally:
        conn.close()
    return checks


def keyring_check() -> Check:
    """A plain-text or null keyring would leave the sync password unprotected or unsaved."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception as error:  # keyring backends can fail in many platform-specific ways
        return Check("Password keyring", f"unavailable ({error})", False)
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if isinstance(backend, fail.Keyring):
        return Check(
            "Password keyring", "none found: sync will ask for the password each time", False
        )
    if "plaintext" in name.lower() or "keyrings.alt" in name:
        return Check("Password keyring", f"{name} stores passwords in plain text", False)
    return Check("Password keyring", name, True)


def environment_checks() -> list[Check]:
    return [
        Check("Desktop CRM", __version__),
        Check("Python", f"{platform.python_version()} ({sys.executable})"),
        Check("Operating system", platform.platform()),
        Check("SQLAlchemy", _package_version("SQLAlchemy")),
        Check("Alembic", _package_version("alembic")),
        Check("PySide6", _package_version("PySide6-Essentials")),
        Check("Schema known to this version", head_revision()),
    ]
