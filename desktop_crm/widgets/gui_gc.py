"""Python's cycle collector run on the GUI thread only (after Anki's GarbageCollector).

Left automatic, the collector runs in whichever thread happens to allocate: often the
database worker, busy building SQL. A reference cycle holding a Qt object (a finished job,
a closed widget's wrapper) collected there destroys that object off its thread, and Qt
crashes. The dashboard makes plenty of cycles (matplotlib figures), which made this show.
So automatic collection is turned off and a timer on the GUI thread collects instead, as
soon as the allocation counts say a collection is due.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Slot

#: How often the GUI thread looks whether a collection is due.
CHECK_INTERVAL_MS = 1000


class GuiThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        gc.enable()

    @Slot()
    def check(self) -> None:
        collect_if_due(self._threshold)


def collect_if_due(threshold: tuple[int, int, int]) -> None:
    """Collect the generation that the automatic collector would have collected by now, if
    any: cheap when nothing is due, unlike a full collection each time."""
    counts = gc.get_count()
    for generation in (2, 1, 0):
        if counts[generation] > threshold[generation]:
            gc.collect(generation)
            return
