"""Real SQLite errors, carrying the error codes the classification reads."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path


def locked_database_error() -> sqlite3.OperationalError:
    """The error a writer gets while another connection holds the write lock."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "locked.sqlite"
        holder = sqlite3.connect(path, isolation_level=None)
        other = sqlite3.connect(path, isolation_level=None, timeout=0)
        try:
            holder.execute("CREATE TABLE t (x)")
            holder.execute("BEGIN IMMEDIATE")
            try:
                other.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                return error
            raise AssertionError("the second writer was not refused")
        finally:
            other.close()
            holder.close()
