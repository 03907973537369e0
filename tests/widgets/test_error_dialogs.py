from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from desktop_crm.widgets.error_dialogs import CrashReporter
from tests.sqlite_errors import locked_database_error


@pytest.fixture
def reporter(qtbot: QtBot) -> Iterator[CrashReporter]:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    reporter = CrashReporter()
    reporter.install()
    yield reporter
    reporter.uninstall()
    if reporter.dialog is not None:
        reporter.dialog.close()
    if reporter.known_error_box is not None:
        reporter.known_error_box.close()


def raise_and_hook(error: BaseException) -> None:
    try:
        raise error
    except BaseException as caught:
        sys.excepthook(type(caught), caught, caught.__traceback__)


def test_an_unexpected_error_opens_the_crash_dialog_with_copyable_details(
    qtbot: QtBot, reporter: CrashReporter, capsys: pytest.CaptureFixture[str]
) -> None:
    raise_and_hook(ValueError("bad total"))
    dialog = reporter.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert "ValueError: bad total" in dialog.message_label.text()
    details = dialog.details.toPlainText()
    assert "Traceback" in details
    assert "raise_and_hook" in details
    assert "SQLite" in details
    assert "Qt " in details
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == details
    assert "ValueError: bad total" in capsys.readouterr().err


def test_further_errors_are_added_to_the_open_dialog(qtbot: QtBot, reporter: CrashReporter) -> None:
    raise_and_hook(ValueError("first"))
    raise_and_hook(KeyError("second"))
    dialog = reporter.dialog
    assert dialog is not None
    assert "2 problems" in dialog.message_label.text()
    assert "KeyError" in dialog.message_label.text()
    text = dialog.details.toPlainText()
    assert text.index("first") < text.index("second")


def test_a_database_fault_is_a_warning_sentence_not_a_crash(
    qtbot: QtBot, reporter: CrashReporter
) -> None:
    raise_and_hook(locked_database_error())
    assert reporter.dialog is None
    box = reporter.known_error_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert "busy" in box.text()
    assert "Traceback" not in box.text()


def test_errors_in_other_threads_reach_the_dialog_on_the_gui_thread(
    qtbot: QtBot, reporter: CrashReporter
) -> None:
    def fail() -> None:
        raise RuntimeError("from a worker")

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog is not None
    assert "from a worker" in reporter.dialog.message_label.text()


def test_uninstall_gives_the_previous_hooks_back(reporter: CrashReporter) -> None:
    assert sys.excepthook == reporter.excepthook
    reporter.uninstall()
    assert sys.excepthook != reporter.excepthook
    assert threading.excepthook != reporter._thread_excepthook
