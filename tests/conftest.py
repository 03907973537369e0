"""Shared fixtures: a fresh database file per test, Qt offscreen before any QApplication."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shiboken6
from PySide6.QtCore import QCoreApplication, QSettings
from pytestqt.qtbot import QtBot

from desktop_crm.models.database import Database
from desktop_crm.widgets.gui_gc import collect_if_due
from desktop_crm.widgets.job import JobRunner
from desktop_crm.widgets.qt_workarounds import pin_singletons

pin_singletons()  # PySide6 6.12 on Python 3.11 runs None's reference count down


@pytest.fixture(autouse=True, scope="session")
def _garbage_collected_on_the_gui_thread() -> Iterator[None]:
    """As the application does (widgets/gui_gc.py): no automatic collection, which could
    run on the database worker and destroy a Qt object there; collected between tests."""
    gc.disable()
    yield
    gc.enable()


_THRESHOLD = gc.get_threshold()


@pytest.fixture(autouse=True)
def _collect_between_tests() -> Iterator[None]:
    """What the application's GUI-thread collector does, between tests: a full collection
    after each of 1,250 tests cost minutes of the suite."""
    yield
    collect_if_due(_THRESHOLD)


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


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Stop the test's jobs before pytest-qt closes its windows. A test that fails while a
    job runs would otherwise leave the main window asking "stop it and quit?" in a modal
    loop at close, which no test timeout can interrupt."""
    funcargs = getattr(item, "funcargs", {})
    for runner in (funcargs.get("runner"), JobRunner._shared):
        if isinstance(runner, JobRunner) and shiboken6.isValid(runner):
            runner.stop_all(30_000)
            deadline = time.monotonic() + 10
            while not runner.is_idle() and time.monotonic() < deadline:
                QCoreApplication.processEvents()
                time.sleep(0.005)
    return (yield)
