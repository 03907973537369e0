"""The French catalogue is complete and current, and the interface loads it."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_crm import translations
from desktop_crm.models.database import Database
from desktop_crm.widgets.job import JobRunner

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, English source) → its <translation> element."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            key = (context.findtext("name") or "", message.findtext("source") or "")
            found[key] = translation
    return found


@pytest.fixture(scope="module")
def current_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed French .ts brought up to date with the sources, in a temporary copy."""
    copy = tmp_path_factory.mktemp("ts") / "desktop_crm_fr.ts"
    shutil.copy(translations.ts_path("fr"), copy)
    translations.extract(copy)
    return copy


def test_every_interface_string_has_a_french_translation(current_catalogue: Path) -> None:
    untranslated = [
        f"{context}: {source!r}"
        for (context, source), translation in _messages(current_catalogue).items()
        if translation.get("type") == "unfinished" or not (translation.text or "").strip()
    ]
    assert untranslated == [], (
        "run `python -m desktop_crm.translations update`, translate these in "
        "desktop_crm/resources/translations/desktop_crm_fr.ts, then run it again"
    )


def test_the_committed_catalogue_holds_exactly_the_strings_of_the_sources(
    current_catalogue: Path,
) -> None:
    assert set(_messages(current_catalogue)) == set(_messages(translations.ts_path("fr")))


def test_the_compiled_catalogue_matches_its_source(tmp_path: Path) -> None:
    compiled = tmp_path / "fr.qm"
    translations.release("fr", compiled)
    assert compiled.read_bytes() == translations.qm_path("fr").read_bytes()


def test_translations_keep_every_placeholder() -> None:
    wrong = [
        source
        for (_, source), translation in _messages(translations.ts_path("fr")).items()
        if sorted(PLACEHOLDER.findall(source))
        != sorted(PLACEHOLDER.findall(translation.text or ""))
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("choice", "system", "expected"),
    [
        ("fr", QLocale.Language.English, "fr"),
        ("en", QLocale.Language.French, "en"),
        ("", QLocale.Language.French, "fr"),
        (None, QLocale.Language.German, "en"),
        ("klingon", QLocale.Language.English, "en"),
    ],
)
def test_interface_language_prefers_the_users_choice_then_the_system(
    choice: str | None, system: QLocale.Language, expected: str
) -> None:
    assert translations.interface_language(choice, QLocale(system)) == expected


def test_the_window_speaks_french_with_the_french_catalogue(
    qtbot: QtBot, qapp: QApplication, db: Database, settings: QSettings, runner: JobRunner
) -> None:
    from desktop_crm.views.main_window import MainWindow

    app = qapp
    translator = translations.install_translator(app, "fr")
    assert translator is not None
    try:
        window = MainWindow(db, settings=settings, runner=runner)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: runner.is_idle() and window.overview is not None)
        menus = [action.text() for action in window.menuBar().actions()]
        assert {"&Fichier", "É&dition", "&Affichage", "Ai&de"} <= set(menus)
        assert QCoreApplication.translate("Columns", "Last name") == "Nom"
        assert QCoreApplication.translate("Choices", "Trade show") == "Salon professionnel"
    finally:
        app.removeTranslator(translator)
    assert QCoreApplication.translate("Columns", "Last name") == "Last name"


def test_english_needs_no_catalogue(qapp: QApplication) -> None:
    assert translations.install_translator(qapp, "en") is None


def test_choosing_a_language_keeps_it_for_the_next_start(
    qtbot: QtBot, db: Database, settings: QSettings, runner: JobRunner
) -> None:
    from desktop_crm.views.main_window import MainWindow

    window = MainWindow(db, settings=settings, runner=runner)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: runner.is_idle() and window.overview is not None)
    french = next(a for a in window.language_actions.actions() if a.data() == "fr")
    french.trigger()
    assert settings.value(translations.SETTINGS_KEY) == "fr"
    assert "next time" in window.statusBar().currentMessage()
    assert translations.interface_language(settings.value(translations.SETTINGS_KEY)) == "fr"
