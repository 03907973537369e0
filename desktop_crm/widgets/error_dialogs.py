"""Telling the user about errors: a database fault in a message box, a bug in a crash dialog."""

from __future__ import annotations

import platform
import sqlite3
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

import PySide6
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import exc as sa_exc

from desktop_crm import APP_NAME, __version__
from desktop_crm.models.errors import KnownDbError, classify

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def show_error_message(parent: QWidget | None, message: str, title: str) -> QMessageBox:
    """A warning with the error's own sentence and no traceback, for faults of the
    environment and refused user actions. Window-modal, not blocking, deleted when closed."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setWindowModality(
        Qt.WindowModality.WindowModal if parent is not None else Qt.WindowModality.ApplicationModal
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def environment_summary() -> str:
    return (
        f"{APP_NAME} {__version__}\n"
        f"Python {platform.python_version()} on {platform.platform()}\n"
        f"Qt {qVersion()}, PySide6 {PySide6.__version__}, SQLite {sqlite3.sqlite_version}"
    )


def format_report(exc_type: type[BaseException], exc: BaseException, tb: Any) -> str:
    lines = traceback.format_exception(exc_type, exc, tb)
    return "".join(lines).rstrip() + "\n\n" + environment_summary()


def short_description(exc_type: type[BaseException], exc: BaseException) -> str:
    first_line = (str(exc).strip().splitlines() or [""])[0]
    if len(first_line) > 200:
        first_line = first_line[:199] + "…"
    return f"{exc_type.__name__}: {first_line}" if first_line else exc_type.__name__


class CrashDialog(QDialog):
    """An unexpected error: what happened in one sentence, the details to copy, and the
    application left running. Further errors while it is open are appended to it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("ErrorDialogs", "Unexpected error"))
        self.setMinimumSize(640, 420)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint_label = QLabel(
            QCoreApplication.translate(
                "ErrorDialogs",
                "The action you were doing may not have finished; anything it had not saved "
                "was rolled back. You can keep working. If it happens again, please report "
                "it with the details below.",
            )
        )
        self.hint_label.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.copy_button = QPushButton(QCoreApplication.translate("ErrorDialogs", "Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(icon)
        text = QVBoxLayout()
        text.addWidget(self.message_label)
        text.addWidget(self.hint_label)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(QCoreApplication.translate("ErrorDialogs", "Details:")))
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self._count = 0

    def add_report(self, summary: str, details: str) -> None:
        self._count += 1
        if self._count == 1:
            self.message_label.setText(
                QCoreApplication.translate(
                    "ErrorDialogs", "{app} ran into a problem it did not expect ({summary})."
                ).format(app=APP_NAME, summary=summary)
            )
            self.details.setPlainText(details)
        else:
            self.message_label.setText(
                QCoreApplication.translate(
                    "ErrorDialogs",
                    "{app} ran into {count} problems it did not expect; the latest: {summary}.",
                ).format(app=APP_NAME, count=self._count, summary=summary)
            )
            self.details.appendPlainText("\n" + "-" * 60 + "\n" + details)

    @Slot()
    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


class CrashReporter(QObject):
    """While installed, the handler of every uncaught exception (`sys.excepthook`, and
    `threading.excepthook` for other threads): a database fault of the environment becomes
    a warning box, anything else the crash dialog. The application keeps running.

    Signals:
        sig_report(summary, details): emitted from any thread; handled on the GUI thread.
    """

    sig_report = Signal(str, str)
    _sig_known = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog: CrashDialog | None = None
        self.known_error_box: QMessageBox | None = None
        self._previous_hook: Callable[..., Any] | None = None
        self._previous_thread_hook: Callable[..., Any] | None = None
        self._handling = False
        self.sig_report.connect(self._show)
        self._sig_known.connect(self._show_known)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self._thread_excepthook

    def uninstall(self) -> None:
        if self._previous_hook is not None and sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hook
        if self._previous_thread_hook is not None:
            threading.excepthook = self._previous_thread_hook
        self._previous_hook = self._previous_thread_hook = None

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            QCoreApplication.quit()
            return
        if self._handling:  # the dialog itself failed: fall back to stderr
            sys.__excepthook__(exc_type, exc, tb)
            return
        self._handling = True
        try:
            traceback.print_exception(exc_type, exc, tb)
            exc = classified(exc)
            if isinstance(exc, KnownDbError):
                self._sig_known.emit(str(exc))
            else:
                self.sig_report.emit(short_description(exc_type, exc), format_report(*_info(exc)))
        except Exception:
            sys.__excepthook__(exc_type, exc, tb)
        finally:
            self._handling = False

    def _thread_excepthook(self, args: Any) -> None:
        if args.exc_value is None:
            return
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def report(self, exc: BaseException, *, wait: bool = False) -> None:
        """Show `exc` in the crash dialog; `wait` blocks until the user closes it (for
        errors before the main window exists)."""
        self._show(short_description(type(exc), exc), format_report(*_info(exc)))
        if wait and self.dialog is not None:
            self.dialog.exec()

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        dialog = self.dialog
        if dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible():
            dialog = CrashDialog(QApplication.activeWindow())
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
            self.dialog = dialog
        dialog.add_report(summary, details)
        dialog.show()
        dialog.raise_()

    @Slot(str)
    def _show_known(self, message: str) -> None:
        self.known_error_box = show_error_message(
            QApplication.activeWindow(),
            message,
            QCoreApplication.translate("ErrorDialogs", "Database problem"),
        )


def classified(error: BaseException) -> BaseException:
    """SQLite errors become KnownDbError (the environment) or DbBug (ours); others as is."""
    if isinstance(error, sa_exc.DBAPIError | sqlite3.Error):
        return classify(error)
    return error


def _info(exc: BaseException) -> ExcInfo:
    return type(exc), exc, exc.__traceback__
