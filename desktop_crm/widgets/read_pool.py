"""Read-only queries off the GUI thread, latest first: what type-ahead needs.

Why not the database worker (`widgets/job.py`): that is one FIFO thread for every write,
so a search typed during a sample load or an import would wait behind it for minutes.
Reads need no such queue: in WAL mode a reader never waits for a writer, so a query here
runs on its own pool (one thread, with its own pooled read connection) at once, whatever
the database worker is doing.

Only the latest query matters. Each `run` supersedes the one before: a query not yet
started is taken off the queue, one running sees `cancelled()` turn true (and may stop
early by raising `Cancelled`), and whatever a superseded query returns is dropped, never
delivered. Results arrive on the GUI thread through a queued signal.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot

from desktop_crm.models.errors import KnownDbError
from desktop_crm.services.progress import Cancelled
from desktop_crm.widgets.error_dialogs import classified

#: A query: takes "am I superseded?" and returns a plain value (never a live ORM object).
ReadQuery = Callable[[Callable[[], bool]], Any]


class LatestReadQuery(QObject):
    """Runs one read-only query at a time on a thread of its own; only the newest counts.

    Signals (emitted on the GUI thread):
        sig_result(generation, result): the latest query's value.
        sig_failed(generation, message): a database fault the user can act on (locked,
            damaged, ...), as one sentence. Any other error goes to `sys.excepthook` (the
            crash dialog).
    """

    sig_result = Signal(int, object)
    sig_failed = Signal(int, str)
    #: Worker → GUI: (generation, result, error).
    _sig_done = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.pool.setExpiryTimeout(-1)
        self._generation = 0
        #: Queries that ran to the end (superseded ones included): for benchmarks and tests.
        self.completed = 0
        self._sig_done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

    @property
    def generation(self) -> int:
        """The number of the latest query asked for."""
        return self._generation

    def run(self, query: ReadQuery) -> int:
        """Supersede any earlier query and start this one; returns its generation."""
        self._generation += 1
        generation = self._generation
        self.pool.clear()  # queued, never started: dropped
        self.pool.start(lambda: self._work(generation, query))
        return generation

    def cancel(self) -> None:
        """Supersede every query without starting a new one (the box was cleared)."""
        self._generation += 1
        self.pool.clear()

    def stop(self, timeout_ms: int = -1) -> bool:
        """Cancel and join the thread; True when it is idle."""
        self.cancel()
        return bool(self.pool.waitForDone(timeout_ms))

    def _work(self, generation: int, query: ReadQuery) -> None:
        """On the pool's thread: touches nothing but the query (reading an int written by
        the GUI thread is atomic under the GIL)."""

        def cancelled() -> bool:
            return generation != self._generation

        if cancelled():
            return
        try:
            result = query(cancelled)
        except Cancelled:
            return
        except BaseException as error:  # reported on the GUI thread, whatever it is
            self._sig_done.emit(generation, None, error)
            return
        self._sig_done.emit(generation, result, None)

    @Slot(int, object, object)
    def _on_done(self, generation: int, result: Any, error: BaseException | None) -> None:
        self.completed += 1
        if generation != self._generation:
            return
        if error is None:
            self.sig_result.emit(generation, result)
            return
        error = classified(error)
        if isinstance(error, KnownDbError):
            self.sig_failed.emit(generation, str(error))
        else:
            sys.excepthook(type(error), error, error.__traceback__)
