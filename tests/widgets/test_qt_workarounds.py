from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_crm.widgets.qt_workarounds import pin_singletons


def test_none_outlives_any_number_of_qt_calls(qtbot: QtBot) -> None:
    """PySide6 6.12 on Python 3.11 drops a reference to None per void call; pinned, None
    keeps a count no session can run down (the list benchmark died of it unpinned)."""
    pin_singletons()
    assert pin_singletons() is False  # once is enough
    label = QLabel()
    qtbot.addWidget(label)
    for _ in range(1000):
        label.setText("x")
    if sys.version_info < (3, 12):  # (3.12 made them immortal itself)
        assert sys.getrefcount(None) > 1 << 39
        assert sys.getrefcount(True) > 1 << 39
