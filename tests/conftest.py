"""Shared fixtures: a fresh database file per test, Qt offscreen before any QApplication."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop_crm.models.database import Database
from desktop_crm.widgets.job import JobRunner


@pytest.fixture(autouse=True, scope="session")
def _garbage_collected_on_the_gui_thread() -> Iterator[None]:
    """As the application does (widgets/gui_gc.py): no automatic collection, which could
    run on the database worker and destroy a Qt object there; collected between tests."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_between_tests() -> Iterator[None]:
    yield
    gc.collect()


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


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """Window and list state in a file of the test's own, not the user's settings."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[JobRunner]:
    """A database worker of the test's own, stopped and joined at the end."""
    runner = JobRunner()
    yield runner
    runner.stop_all()
