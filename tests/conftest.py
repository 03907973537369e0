"""Shared fixtures: a fresh database file per test, Qt offscreen before any QApplication."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_crm.models.database import Database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "crm.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database.open(db_path)
    try:
        yield database
    finally:
        database.close()
