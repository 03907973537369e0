"""Starting the window: the QApplication, the crash reporter, the database opened (or a
dialog saying in one sentence why it cannot be), then the main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_crm import APP_NAME, __version__
from desktop_crm.models.database import Database
from desktop_crm.models.errors import KnownDbError
from desktop_crm.translations import SETTINGS_KEY, install_translator, interface_language
from desktop_crm.widgets.error_dialogs import CrashReporter
from desktop_crm.widgets.qt_workarounds import pin_singletons

EXIT_OK, EXIT_ERROR = 0, 1
ORGANIZATION = "desktop-crm"


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The one QApplication, named so QSettings and the window manager find it."""
    pin_singletons()  # PySide6 6.12 on Python 3.11: see widgets/qt_workarounds.py
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANIZATION)
    app.setDesktopFileName("desktop-crm")
    if QLocale.system().language() == QLocale.Language.C:
        # LANG=C (a bare terminal, a container) would print "23 11 2026" and 15580.
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    choice = QSettings().value(SETTINGS_KEY, "")
    install_translator(app, interface_language(choice if isinstance(choice, str) else None))
    _install_qt_translations(app)
    return app


def _install_qt_translations(app: QApplication) -> None:
    """Qt's own strings (Yes/No/Cancel, file dialogs) in the user's language."""
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(), "qtbase", "_", path):
        app.installTranslator(translator)


def language() -> str:
    """fr for a French locale, else en: the language of default pipeline and sample names."""
    return "fr" if QLocale().language() == QLocale.Language.French else "en"


def open_database_or_explain(path: Path, parent: QWidget | None = None) -> Database | None:
    """Open (and migrate) the database, or tell the user why not and return None.

    Every failure the user can act on (not a database, newer version, in use by another
    window, unwritable folder, damaged file) arrives as a KnownDbError with its sentence."""
    try:
        return Database.open(path)
    except KnownDbError as error:
        QMessageBox.critical(
            parent,
            QCoreApplication.translate("App", "Cannot open the database"),
            str(error),
        )
        return None


def run_gui(db_path: Path, argv: Sequence[str] | None = None) -> int:
    app = application(argv)
    reporter = CrashReporter(app)
    reporter.install()
    from desktop_crm.widgets.gui_gc import GuiThreadGarbageCollector

    GuiThreadGarbageCollector(app).start()  # cycles holding Qt objects die on this thread
    try:
        db = open_database_or_explain(db_path)
        if db is None:
            return EXIT_ERROR
        from desktop_crm.views.main_window import MainWindow

        try:
            window = MainWindow(db, language=language())
            window.show()
            return app.exec()
        finally:
            db.close()
    finally:
        reporter.uninstall()
