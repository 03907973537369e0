"""The job runner: a plain function run on the one database worker thread, with a delayed,
cancellable progress dialog and its outcome delivered on the GUI thread.

Shape (CONVENTIONS §2–3, after Orange3 and Spyder): the job function takes a `Progress` and
returns a plain value; it never touches Qt. The widget only starts, cancels and receives::

    Job(lambda progress: generate(db.session, 200, progress=progress),
        parent=self, label=self.tr("Loading sample data"))
        .on_success(self.show_report)
        .start()

Why a QThreadPool capped at one thread, owned by a `JobRunner` parented to the QApplication
(and not a hand-made QThread): it gives the FIFO queue that serialises SQLite writes for
free, `waitForDone()` to join the worker on exit, and no QThread object whose lifetime we
could get wrong ("QThread destroyed while running"). The expiry timeout is disabled, so it
really is one long-lived thread.

Progress crosses threads without signals: the worker writes the latest (done, total, status)
into a lock-protected `JobProgress`, and the GUI polls it every `POLL_INTERVAL_MS`. That is
the throttle (at most ~10 repaints a second however often the job reports) and keeps the
worker from flooding the GUI event queue. Only the end of the job is signalled across
threads (a queued signal), after which everything happens on the GUI thread.
"""

from __future__ import annotations

import sys
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QObject,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressBar, QProgressDialog, QWidget

from desktop_crm.models.errors import KnownDbError
from desktop_crm.services.progress import Cancelled, Progress
from desktop_crm.widgets.error_dialogs import classified, show_error_message

T = TypeVar("T")

#: A job that ends sooner never shows a dialog (no flash for quick work).
SHOW_DIALOG_AFTER_MS = 400
#: How often the GUI reads the job's progress: the update throttle.
POLL_INTERVAL_MS = 100
#: Resolution of the progress bar, so totals beyond a C++ int still fit.
BAR_STEPS = 1000


class Outcome(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class ProgressSnapshot:
    version: int  #: bumped by every update, so the GUI can skip unchanged polls
    done: int
    total: int | None
    status: str | None


class JobProgress:
    """The `Progress` a job function gets: written by the worker, read by the GUI, both
    under a lock. Plain Python, so the job function stays Qt-free."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._snapshot = ProgressSnapshot(0, 0, None, None)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def update(self, done: int, total: int | None = None, status: str | None = None) -> None:
        with self._lock:
            previous = self._snapshot
            self._snapshot = ProgressSnapshot(
                previous.version + 1,
                done,
                total,
                status if status is not None else previous.status,
            )

    def snapshot(self) -> ProgressSnapshot:
        with self._lock:
            return self._snapshot


class JobRunner(QObject):
    """The database worker: one thread running jobs one after the other, in start order.

    `shared()` is the application's runner (a child of the QApplication, joined when the
    application is about to quit). Tests and tools may make their own.
    """

    _shared: JobRunner | None = None
    #: Worker → GUI: the job with this id() has ended (queued across threads).
    _sig_job_done = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sig_job_done.connect(self._job_done, Qt.ConnectionType.QueuedConnection)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)
        #: Started jobs whose end the GUI has not handled yet; also keeps them alive.
        self._active: list[Job[Any]] = []
        self._released: list[Job[Any]] = []

    @classmethod
    def shared(cls) -> JobRunner:
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before running jobs")
        runner = cls._shared
        if runner is None or not shiboken6.isValid(runner) or runner.parent() is not app:
            runner = cls(app)
            runner.setObjectName("desktop_crm_db_worker")
            app.aboutToQuit.connect(runner.stop_all)
            cls._shared = runner
        return runner

    def active_jobs(self) -> list[Job[Any]]:
        return list(self._active)

    def is_idle(self) -> bool:
        return not self._active

    @Slot()
    def cancel_all(self) -> None:
        for job in self.active_jobs():
            job.cancel()

    @Slot()
    def stop_all(self, timeout_ms: int = -1) -> bool:
        """Cancel every job and join the worker; True when it is idle again. Jobs still
        queued start, see they are cancelled and end at once."""
        self.cancel_all()
        return bool(self._pool.waitForDone(timeout_ms))

    def _submit(self, job: Job[Any]) -> None:
        self._active.append(job)
        self._pool.start(partial(_work_on, weakref.ref(job), self))

    @Slot(object)
    def _job_done(self, key: int) -> None:
        for job in self._active:
            if id(job) == key:
                job._on_done()
                return

    def _release(self, job: Job[Any]) -> None:
        """Drop the runner's reference after the job's own slot has returned: deleting a
        QObject inside its own event handler is not safe."""
        if job in self._active:
            self._active.remove(job)
        self._released.append(job)
        QTimer.singleShot(0, self, self._released.clear)


class Job(QObject, Generic[T]):
    """One function run on the database worker, with progress, cancel and callbacks.

    Signals (all emitted on the GUI thread):
        sig_progress(done, total, status): throttled; total is None when unknown.
        sig_succeeded(result)
        sig_failed(error): the exception, database errors already classified.
        sig_cancelled()
        sig_finished(outcome): always last; "succeeded", "failed" or "cancelled".

    A `Cancelled` raised by the function is a cancellation (status bar message), not an
    error. A `KnownDbError` (or an SQLite error that classifies as one) and the errors
    listed in `refusals` are shown in a warning message box; anything else goes to
    `sys.excepthook`, which the running application turns into the crash dialog.
    """

    sig_progress = Signal(object, object, str)
    sig_succeeded = Signal(object)
    sig_failed = Signal(object)
    sig_cancelled = Signal()
    sig_finished = Signal(str)

    def __init__(
        self,
        fn: Callable[[Progress], T],
        *,
        parent: QWidget | None,
        label: str,
        runner: JobRunner | None = None,
        show_dialog_after_ms: int = SHOW_DIALOG_AFTER_MS,
        refusals: tuple[type[Exception], ...] = (),
    ) -> None:
        # No QObject parent: the runner keeps the job alive while it runs, so closing the
        # parent widget never deletes a job the worker is about to report to.
        super().__init__()
        self.fn = fn
        self.label = label
        self.show_dialog_after_ms = show_dialog_after_ms
        #: Errors by which a service refuses the action with a sentence for the user (say
        #: UndoConflict): shown like a KnownDbError, never as a crash.
        self.refusals = refusals
        self._parent_widget = parent
        self._runner = runner
        self.progress = JobProgress()
        self.outcome: Outcome | None = None
        self.result: T | None = None
        self.error: BaseException | None = None
        #: The progress dialog, once the job has run long enough to show one.
        self.progress_dialog: QProgressDialog | None = None
        #: The warning shown for a KnownDbError, for callers and tests.
        self.error_box: QMessageBox | None = None
        self._bar: QProgressBar | None = None
        self._success: list[Callable[[T], object]] = []
        self._failure: list[Callable[[BaseException], object]] = []
        self._cancelled_cbs: list[Callable[[], object]] = []
        self._finished_cbs: list[Callable[[Outcome], object]] = []
        self._started = False
        self._seen_version = 0
        self._worker_result: tuple[Outcome, Any, BaseException | None] | None = None
        self._clock = QElapsedTimer()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_INTERVAL_MS)
        self._poll.timeout.connect(self._on_poll)

    # --- building ---------------------------------------------------------------------------
    def on_success(self, callback: Callable[[T], object]) -> Job[T]:
        self._success.append(callback)
        return self

    def on_failure(self, callback: Callable[[BaseException], object]) -> Job[T]:
        self._failure.append(callback)
        return self

    def on_cancel(self, callback: Callable[[], object]) -> Job[T]:
        self._cancelled_cbs.append(callback)
        return self

    def on_finished(self, callback: Callable[[Outcome], object]) -> Job[T]:
        """Called whatever the outcome, after the specific callbacks."""
        self._finished_cbs.append(callback)
        return self

    def start(self) -> Job[T]:
        if self._started:
            raise RuntimeError(f"job {self.label!r} was already started")
        self._started = True
        self._runner = self._runner or JobRunner.shared()
        self._clock.start()
        self._poll.start()
        self._runner._submit(self)
        return self

    # --- state ------------------------------------------------------------------------------
    @property
    def is_running(self) -> bool:
        return self._started and self.outcome is None

    @Slot()
    def cancel(self) -> None:
        """Ask the function to stop at its next check; it ends as cancelled."""
        if not self.is_running or self.progress.cancelled:
            return
        self.progress.cancel()
        self._show_status(self.tr("Cancelling: {label}…").format(label=self.label))
        if self.progress_dialog is not None and self.progress_dialog.isVisible():
            self.progress_dialog.setLabelText(self.tr("Cancelling…"))

    # --- worker side ------------------------------------------------------------------------
    def _run_in_worker(self) -> None:
        """Runs on the worker thread; touches nothing but the progress object. The end is
        told to the GUI by `_work_on`, once the worker holds no reference to the job."""
        try:
            if self.progress.cancelled:
                raise Cancelled
            self._worker_result = (Outcome.SUCCEEDED, self.fn(self.progress), None)
        except Cancelled:
            self._worker_result = (Outcome.CANCELLED, None, None)
        except BaseException as error:  # reported on the GUI thread, whatever it is
            self._worker_result = (Outcome.FAILED, None, error)

    # --- GUI side ---------------------------------------------------------------------------
    @Slot()
    def _on_poll(self) -> None:
        self._publish_progress()
        if (
            self.progress_dialog is None
            and not self.progress.cancelled
            and self._clock.elapsed() >= self.show_dialog_after_ms
        ):
            self._show_dialog()

    def _publish_progress(self) -> None:
        snap = self.progress.snapshot()
        if snap.version == self._seen_version:
            return
        self._seen_version = snap.version
        if self._bar is not None:
            if snap.total:
                self._bar.setRange(0, BAR_STEPS)
                self._bar.setValue(min(BAR_STEPS, snap.done * BAR_STEPS // snap.total))
            else:
                self._bar.setRange(0, 0)
        if self.progress_dialog is not None and not self.progress.cancelled:
            self.progress_dialog.setLabelText(self._dialog_text(snap.status))
        self.sig_progress.emit(snap.done, snap.total, snap.status or "")

    def _dialog_text(self, status: str | None) -> str:
        if not status:
            return self.label
        # Statuses come from Qt-free services in English; a translation may still map them.
        return f"{self.label}\n{QCoreApplication.translate('JobStatus', status)}"

    def _show_dialog(self) -> None:
        parent = self._parent()
        dialog = QProgressDialog(parent)
        dialog.setWindowTitle(self.label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        # We decide when to show it; QProgressDialog.setValue() would also spin a nested
        # event loop in a modal dialog, so the bar is ours and updated directly.
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self._bar = QProgressBar(dialog)
        self._bar.setRange(0, 0)
        dialog.setBar(self._bar)
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.setLabelText(self._dialog_text(None))
        dialog.setMinimumWidth(420)
        dialog.canceled.connect(self.cancel)
        self.progress_dialog = dialog
        self._seen_version = 0
        self._publish_progress()
        dialog.show()

    def _close_dialog(self) -> None:
        dialog = self.progress_dialog
        if dialog is None or not shiboken6.isValid(dialog):
            return
        dialog.canceled.disconnect(self.cancel)
        dialog.hide()
        dialog.deleteLater()
        self._bar = None

    @Slot()
    def _on_done(self) -> None:
        assert self._worker_result is not None
        outcome, result, error = self._worker_result
        self._worker_result = None
        self._poll.stop()
        self._publish_progress()
        self._close_dialog()
        self.outcome = outcome
        if self._runner is not None:
            self._runner._release(self)
        if outcome is Outcome.SUCCEEDED:
            self.result = result
            self.sig_succeeded.emit(result)
            for on_success in self._success:
                _call_reporting_errors(on_success, result)
        elif outcome is Outcome.CANCELLED:
            self._show_status(self.tr("Cancelled: {label}.").format(label=self.label))
            self.sig_cancelled.emit()
            for on_cancel in self._cancelled_cbs:
                _call_reporting_errors(on_cancel)
        else:
            assert error is not None
            error = classified(error)
            self.error = error
            self.sig_failed.emit(error)
            for on_failure in self._failure:
                _call_reporting_errors(on_failure, error)
            self._report(error)
        for on_finished in self._finished_cbs:
            _call_reporting_errors(on_finished, outcome)
        self.sig_finished.emit(outcome.value)

    def _report(self, error: BaseException) -> None:
        if isinstance(error, (KnownDbError, *self.refusals)):
            self.error_box = show_error_message(self._parent(), str(error), self.label)
        else:
            sys.excepthook(type(error), error, error.__traceback__)

    def _parent(self) -> QWidget | None:
        parent = self._parent_widget
        return parent if parent is not None and shiboken6.isValid(parent) else None

    def _show_status(self, message: str) -> None:
        parent = self._parent()
        window = parent.window() if parent is not None else None
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 8000)


def _work_on(ref: weakref.ReferenceType[Job[Any]], runner: JobRunner) -> None:
    """The worker's side of a job. It lets go of the job before telling the GUI thread the
    job has ended: the last reference to a Qt object (the job, or a widget its function
    closes over) must never be dropped on the worker, or PySide deletes the C++ object
    later from the GUI thread, possibly after Qt has deleted it already (a segfault, seen
    as flaky crashes in the window tests)."""
    job = ref()
    if job is None:  # the runner keeps started jobs alive; never expected
        return
    job._run_in_worker()
    key = id(job)
    del job
    runner._sig_job_done.emit(key)


def _call_reporting_errors(callback: Callable[..., object], *args: object) -> None:
    """A failing callback goes to the crash dialog without skipping the ones after it."""
    try:
        callback(*args)
    except Exception as error:
        sys.excepthook(type(error), error, error.__traceback__)
