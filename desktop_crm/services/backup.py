"""Backup and restore of a whole database file, consistent even while it is open."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from desktop_crm.models.database import (
    Database,
    backup_file,
    check_file_is_sqlite,
    known_revisions,
)
from desktop_crm.models.errors import KnownDbError, NewerSchemaError, NotACrmDatabase


def timestamped_name(db_path: Path, reason: str = "") -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    return f"{db_path.stem}-{stamp}{'-' + reason if reason else ''}.sqlite"


def backup(db: Database, destination: Path | None = None) -> Path:
    """Copy the open database to `destination` (a file, or a folder to put it in; default
    the backups folder beside the database) and check the copy is sound."""
    if destination is None:
        destination = db.path.parent / "backups"
    if destination.is_dir() or destination.suffix == "":
        destination = destination / timestamped_name(db.path)
    if destination.resolve() == db.path:
        raise KnownDbError("A backup cannot overwrite the database it copies; choose another file.")
    try:
        copy = db.backup_to(destination)
    except OSError as error:
        raise KnownDbError(f"Cannot write the backup {destination}: {error.strerror}.") from error
    problem = integrity_problem(copy)
    if problem:
        raise KnownDbError(f"The backup {copy} failed its integrity check: {problem}")
    return copy


def integrity_problem(path: Path) -> str | None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        conn.close()
    return None if result == "ok" else str(result)


def check_restorable(source: Path) -> str:
    """The schema revision of a backup file, after checking it is a sound CRM database this
    version can open (older ones are upgraded when opened)."""
    if not source.is_file():
        raise KnownDbError(f"{source} does not exist or is not a file.")
    check_file_is_sqlite(source)
    problem = integrity_problem(source)
    if problem:
        raise KnownDbError(f"{source} is damaged and cannot be restored: {problem}")
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        revision = None
    finally:
        conn.close()
    if revision is None:
        raise NotACrmDatabase(f"{source} is an SQLite file, but not a Desktop CRM backup.")
    if revision[0] not in known_revisions():
        raise NewerSchemaError(
            f"{source} comes from a newer version of Desktop CRM (schema {revision[0]}); "
            "install that version to restore it."
        )
    return str(revision[0])


def restore(source: Path, target: Path) -> Path | None:
    """Replace the database at `target` with the backup `source`; returns the safety copy.

    The current file is first copied beside it (even a damaged one, byte for byte) so a
    wrong restore can itself be undone. The backup is written to a temporary file and moved
    into place atomically, and the old WAL is removed, so an interrupted restore leaves
    either the old database or the new one, never a mix. The target must not be open in
    another Desktop CRM.
    """
    source, target = source.expanduser().resolve(), target.expanduser().resolve()
    if source == target:
        raise KnownDbError("That file is the current database; choose a backup file.")
    check_restorable(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = Database.acquire_lock(target)
    try:
        safety = _safety_copy(target) if target.exists() else None
        staging = target.with_name(target.name + ".restoring")
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            backup_file(src, staging)
        finally:
            src.close()
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(staging, target)
    finally:
        lock.release()
    Database.open(target).close()  # upgrades an older backup, with its own backup first
    return safety


def _safety_copy(target: Path) -> Path:
    destination = target.parent / "backups" / timestamped_name(target, "before-restore")
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        live = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            return backup_file(live, destination)
        finally:
            live.close()
    except sqlite3.DatabaseError:
        # Damaged: keep the bytes as they are, WAL included, for whoever tries to rescue it.
        shutil.copyfile(target, destination)
        wal = Path(str(target) + "-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(str(destination) + "-wal"))
        return destination


__all__ = ["backup", "check_restorable", "integrity_problem", "restore"]
