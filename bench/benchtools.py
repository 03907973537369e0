"""What the offscreen benchmarks share: waiting on the event loop as the application runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer


def wait(condition: Callable[[], bool], timeout_s: float = 600.0, what: str = "it") -> None:
    """Run the event loop, as the application does, until `condition` holds. (A loop of
    processEvents and sleeps would starve the worker thread of the GIL.)"""
    if condition():
        return
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(1)
    check.timeout.connect(lambda: loop.quit() if condition() else None)
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(loop.quit)
    check.start()
    give_up.start(int(timeout_s * 1000))
    loop.exec()
    check.stop()
    if not condition():
        raise TimeoutError(f"{what} did not get there in time")
