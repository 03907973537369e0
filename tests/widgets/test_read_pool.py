from __future__ import annotations

import threading
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from desktop_crm.models.errors import KnownDbError
from desktop_crm.services.progress import Cancelled
from desktop_crm.widgets.read_pool import LatestReadQuery


def test_only_the_latest_query_is_delivered_and_a_running_one_sees_it_is_superseded(
    qtbot: QtBot,
) -> None:
    queries = LatestReadQuery()
    results: list[object] = []
    queries.sig_result.connect(lambda generation, value: results.append(value))
    started, release = threading.Event(), threading.Event()
    saw_cancel: list[bool] = []

    def slow(cancelled: Callable[[], bool]) -> str:
        started.set()
        release.wait(5)
        saw_cancel.append(cancelled())
        return "old"

    queries.run(slow)
    assert started.wait(5)
    queries.run(lambda cancelled: "queued, dropped")
    last = queries.run(lambda cancelled: "new")
    release.set()
    qtbot.waitUntil(lambda: results == ["new"], timeout=5000)
    assert saw_cancel == [True]  # the running query could have stopped early
    assert queries.generation == last
    assert queries.completed == 2  # the slow one and the last; the middle never started
    queries.stop()


def test_a_database_fault_is_a_sentence_and_a_cancelled_query_is_silent(qtbot: QtBot) -> None:
    queries = LatestReadQuery()
    failures: list[str] = []
    results: list[object] = []
    queries.sig_failed.connect(lambda generation, message: failures.append(message))
    queries.sig_result.connect(lambda generation, value: results.append(value))

    def locked(cancelled: Callable[[], bool]) -> None:
        raise KnownDbError("The database is locked by another program.")

    def gives_up(cancelled: Callable[[], bool]) -> None:
        raise Cancelled

    queries.run(locked)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert failures == ["The database is locked by another program."]
    queries.run(gives_up)
    queries.run(lambda cancelled: 42)
    qtbot.waitUntil(lambda: results == [42], timeout=5000)
    queries.stop()
