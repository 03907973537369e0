"""The cycle collector runs on the GUI thread only (a segfault on the database worker,
seen while the dashboard's figures were collected there, is what this guards)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from desktop_crm.widgets.gui_gc import GuiThreadGarbageCollector


class Node:
    def __init__(self) -> None:
        self.me = self


def test_cycles_are_collected_by_the_gui_thread_timer(qtbot: QtBot) -> None:
    parent = QObject()
    collector = GuiThreadGarbageCollector(parent, interval_ms=10)
    collected_in: list[str] = []

    def on_collect(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            collected_in.append(threading.current_thread().name)

    gc.callbacks.append(on_collect)
    try:
        collector.start()
        assert not gc.isenabled()
        node = Node()
        ref = weakref.ref(node)
        del node
        for _ in range(gc.get_threshold()[0] + 10):
            Node()  # garbage cycles, enough to make a collection due
        assert ref() is not None  # nothing collects by itself any more
        qtbot.waitUntil(lambda: ref() is None, timeout=5_000)
        assert set(collected_in) == {threading.main_thread().name}
    finally:
        gc.callbacks.remove(on_collect)
        collector.stop()
        gc.disable()  # as the test session keeps it (tests/conftest.py)
