from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from types import TracebackType

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop_crm.models.errors import KnownDbError
from desktop_crm.services.progress import Cancelled, Progress
from desktop_crm.services.undo import UndoError
from desktop_crm.widgets.job import Job, JobRunner, Outcome
from tests.sqlite_errors import locked_database_error

Reported = list[tuple[type[BaseException], BaseException]]


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def runner(window: QMainWindow) -> Iterator[JobRunner]:
    runner = JobRunner(window)
    yield runner
    runner.stop_all()


@pytest.fixture
def reported(monkeypatch: pytest.MonkeyPatch) -> Reported:
    """What reaches sys.excepthook (the crash dialog in the running app)."""
    seen: Reported = []

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        seen.append((kind, error))

    monkeypatch.setattr(sys, "excepthook", hook)
    return seen


def run(qtbot: QtBot, job: Job[object], timeout: int = 10_000) -> Job[object]:
    with qtbot.waitSignal(job.sig_finished, timeout=timeout):
        job.start()
    return job


def test_the_function_runs_on_the_worker_and_its_result_arrives_on_the_gui_thread(
    qtbot: QtBot, window: QMainWindow, runner: JobRunner
) -> None:
    threads: dict[str, int] = {}

    def work(progress: Progress) -> int:
        threads["work"] = threading.get_ident()
        return 42

    results: list[int] = []

    def on_success(value: object) -> None:
        threads["callback"] = threading.get_ident()
        results.append(value)  # type: ignore[arg-type]

    job = run(qtbot, Job(work, parent=window, label="Answer", runner=runner).on_success(on_success))
    assert results == [42]
    assert job.outcome is Outcome.SUCCEEDED
    assert threads["callback"] == threading.main_thread().ident
    assert threads["work"] != threading.main_thread().ident
    assert runner.is_idle()


def test_a_quick_job_shows_no_progress_dialog(
    qtbot: QtBot, window: QMainWindow, runner: JobRunner
) -> None:
    job = run(qtbot, Job(lambda p: None, parent=window, label="Quick", runner=runner))
    assert job.progress_dialog is None


def test_a_slow_job_shows_its_progress_and_cancel_rolls_it_back(
    qtbot: QtBot, window: QMainWindow, runner: JobRunner
) -> None:
    def slow(progress: Progress) -> None:
        for done in range(1000):
            if progress.cancelled:
                raise Cancelled
            progress.update(done, 1000, "Counting")
            time.sleep(0.01)

    cancelled: list[bool] = []
    job = Job(slow, parent=window, label="Slow", runner=runner, show_dialog_after_ms=50)
    job.on_cancel(lambda: cancelled.append(True)).start()
    qtbot.waitUntil(lambda: job.progress_dialog is not None and job.progress_dialog.isVisible())
    dialog = job.progress_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "Counting" in dialog.labelText())
    assert dialog.windowTitle() == "Slow"
    cancel_button = dialog.findChild(QPushButton)
    assert cancel_button.text() == "Cancel"
    with qtbot.waitSignal(job.sig_finished, timeout=5_000) as finished:
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    assert finished.args == ["cancelled"]
    assert cancelled == [True]
    assert job.outcome is Outcome.CANCELLED
    assert not dialog.isVisible()
    assert window.statusBar().currentMessage() == "Cancelled: Slow."


def test_progress_signals_are_throttled_to_the_poll_rate(
    qtbot: QtBot, window: QMainWindow, runner: JobRunner
) -> None:
    def chatty(progress: Progress) -> None:
        for done in range(200_000):
            progress.update(done, 200_000)

    job = Job(chatty, parent=window, label="Chatty", runner=runner)
    updates: list[object] = []
    job.sig_progress.connect(lambda done, total, status: updates.append(done))
    run(qtbot, job)
    assert 1 <= len(updates) < 200
    assert updates[-1] == 199_999


def test_jobs_run_one_at_a_time_in_start_order(
    qtbot: QtBot, window: QMainWindow, runner: JobRunner
) -> None:
    log: list[str] = []
    running = threading.Lock()

    def step(name: str) -> Job[object]:
        def work(progress: Progress) -> None:
            assert running.acquire(blocking=False), "two jobs overlapped"
            log.append(name)
            time.sleep(0.02)
            running.release()

        return Job(work, parent=window, label=name, runner=runner)

    jobs = [step(name) for name in "abcde"]
    with qtbot.waitSignal(jobs[-1].sig_finished, timeout=10_000):
        for job in jobs:
            job.start()
    assert log == list("abcde")
    assert all(job.outcome is Outcome.SUCCEEDED for job in jobs)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (KnownDbError("The disk is full: free some space."), "The disk is full: free some space."),
        (locked_database_error(), "busy"),
        (UndoError("“Import” is already undone."), "“Import” is already undone."),
    ],
    ids=["known", "sqlite-locked", "refusal"],
)
def test_expected_failures_are_a_warning_with_their_sentence_not_a_crash(
    qtbot: QtBot,
    window: QMainWindow,
    runner: JobRunner,
    reported: Reported,
    error: Exception,
    expected: str,
) -> None:
    def fail(progress: Progress) -> None:
        raise error

    failures: list[BaseException] = []
    job = Job(fail, parent=window, label="Saving", runner=runner, refusals=(UndoError,))
    run(qtbot, job.on_failure(failures.append))
    assert job.outcome is Outcome.FAILED
    assert isinstance(job.error_box, QMessageBox)
    assert job.error_box.windowTitle() == "Saving"
    assert expected in job.error_box.text()
    assert "Traceback" not in job.error_box.text()
    assert len(failures) == 1
    assert reported == []
    job.error_box.close()


def test_an_unexpected_error_goes_to_the_crash_reporter(
    qtbot: QtBot, window: QMainWindow, runner: JobRunner, reported: Reported
) -> None:
    def broken(progress: Progress) -> None:
        raise ZeroDivisionError("division by zero")

    job = run(qtbot, Job(broken, parent=window, label="Broken", runner=runner))
    assert job.outcome is Outcome.FAILED
    assert job.error_box is None
    assert [kind for kind, _ in reported] == [ZeroDivisionError]


def test_a_failing_callback_is_reported_and_the_next_ones_still_run(
    qtbot: QtBot, window: QMainWindow, runner: JobRunner, reported: Reported
) -> None:
    calls: list[str] = []

    def bad(value: object) -> None:
        raise KeyError("oops")

    job = (
        Job(lambda p: 1, parent=window, label="Callbacks", runner=runner)
        .on_success(bad)
        .on_success(lambda value: calls.append("second"))
        .on_finished(lambda outcome: calls.append(f"finished {outcome}"))
    )
    run(qtbot, job)
    assert calls == ["second", "finished succeeded"]
    assert [kind for kind, _ in reported] == [KeyError]


def test_a_job_cannot_be_started_twice(
    qtbot: QtBot, window: QMainWindow, runner: JobRunner
) -> None:
    job = run(qtbot, Job(lambda p: None, parent=window, label="Once", runner=runner))
    with pytest.raises(RuntimeError, match="already started"):
        job.start()


def test_stop_all_cancels_running_jobs_and_joins_the_worker(
    qtbot: QtBot, window: QMainWindow, runner: JobRunner
) -> None:
    started = threading.Event()

    def endless(progress: Progress) -> None:
        started.set()
        while not progress.cancelled:
            time.sleep(0.005)
        raise Cancelled

    job = Job(endless, parent=window, label="Endless", runner=runner).start()
    assert started.wait(5)
    assert runner.stop_all(5_000)
    qtbot.waitUntil(lambda: job.outcome is Outcome.CANCELLED)
