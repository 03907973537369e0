"""The progress/cancel object every long job takes, and its no-op and terminal variants."""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO


class Cancelled(Exception):
    """Raised inside a job when the user cancels; the job's transaction rolls back whole."""


class Progress(Protocol):
    """What a job reports through and checks for cancellation.

    The GUI's variant forwards to a progress dialog from the worker thread; the CLI's draws
    a bar on the terminal; `NullProgress` is for tests and small calls.
    """

    @property
    def cancelled(self) -> bool: ...

    def update(self, done: int, total: int | None = None, status: str | None = None) -> None: ...


class NullProgress:
    cancelled = False

    def update(self, done: int, total: int | None = None, status: str | None = None) -> None:
        pass


def check_cancelled(progress: Progress) -> None:
    if progress.cancelled:
        raise Cancelled


class TerminalProgress:
    """A one-line bar on stderr, redrawn at most a few times a second."""

    def __init__(self, stream: TextIO | None = None, min_interval: float = 0.2) -> None:
        self.stream = stream or sys.stderr
        self.min_interval = min_interval
        self.cancelled = False
        self._last_draw = 0.0
        self._status = ""
        self._drawn = False

    def update(self, done: int, total: int | None = None, status: str | None = None) -> None:
        if status is not None:
            self._status = status
        now = time.monotonic()
        if now - self._last_draw < self.min_interval and (total is None or done < total):
            return
        self._last_draw = now
        if total:
            width = 30
            filled = int(width * min(done, total) / total)
            line = f"[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} {self._status}"
        else:
            line = f"{done:,} {self._status}"
        if self.stream.isatty():
            self.stream.write(f"\r{line[:100]:<100}")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
        self._drawn = True

    def finish(self) -> None:
        if self._drawn and self.stream.isatty():
            self.stream.write("\n")
            self.stream.flush()
