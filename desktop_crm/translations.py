"""The interface's translations: which language to show, loading its catalogue at start, and
regenerating the catalogue from the sources (`python -m desktop_crm.translations update`).

English is the source language; `resources/translations/desktop_crm_fr.ts` holds French
(edit it with Qt Linguist or by hand) and `desktop_crm_fr.qm` is its compiled form, shipped
in the package so an installed app needs no Qt tools. Most strings are found by `lupdate` in
`self.tr(...)` and `QCoreApplication.translate(...)` calls. Some are only known at run time:
list column labels and choice codes come from the Qt-free services, which cannot call Qt.
`dynamic_messages()` lists those from the same tables the views read, and `update()` feeds
them to lupdate as a generated source, so no string is ever translated by a copied list.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

PACKAGE_DIR = Path(__file__).parent
TRANSLATIONS_DIR = PACKAGE_DIR / "resources" / "translations"
CATALOGUE = "desktop_crm"
#: Languages the interface speaks; English needs no catalogue.
LANGUAGES = ("en", "fr")
#: The QSettings key of the language chosen in View → Language ("" = the system's).
SETTINGS_KEY = "interface/language"


def ts_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"{CATALOGUE}_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"{CATALOGUE}_{language}.qm"


def interface_language(choice: str | None, system: QLocale | None = None) -> str:
    """The language to show: the user's choice when it is one we have, else the system's
    when we have it, else English."""
    if choice in LANGUAGES:
        return choice
    locale = system or QLocale.system()
    return "fr" if locale.language() == QLocale.Language.French else "en"


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load our catalogue for `language` into the application; None for English or when
    the catalogue is missing (the interface then stays in English rather than failing)."""
    if language == "en":
        return None
    translator = QTranslator(app)
    if not translator.load(str(qm_path(language))):
        return None
    app.installTranslator(translator)
    return translator


# --- regenerating the catalogue -------------------------------------------------------------


def dynamic_messages() -> list[tuple[str, str]]:
    """(context, text) of the strings the views translate at run time, read from the tables
    the Qt-free services build them from: list and form labels, choice words, form sections,
    related lists, object nouns, data-health figures, merge fields, import fields."""
    from sqlalchemy import inspect

    from desktop_crm.models import OBJECT_MODELS
    from desktop_crm.models.consent import CONSENT_STATUSES
    from desktop_crm.models.opportunity import LOST_REASONS
    from desktop_crm.services import data_health, merge, record_fields, records
    from desktop_crm.services.record_lists import COLUMNS

    messages: dict[tuple[str, str], None] = {}
    choices: list[str] = list(CONSENT_STATUSES)
    choices.extend(LOST_REASONS)  # the pipeline's Lost dialog
    for object_type in OBJECT_MODELS:
        for column in COLUMNS.get(object_type, ()):
            messages[("Columns", column.label)] = None
            choices.extend(column.choices)
        for spec in record_fields.builtin_fields(object_type):
            messages[("Columns", spec.label)] = None
            messages[("Sections", spec.section)] = None
            choices.extend(spec.choices)
        for _, _, title in records.RELATED.get(object_type, ()):
            messages[("Related", title)] = None
    messages[("Sections", "More")] = None
    for one, many in records.NOUNS.values():
        messages[("Objects", one)] = messages[("Objects", many)] = None
    for object_type in data_health.HEALTH_OBJECTS:
        for _, label, _ in data_health.problem_conditions(object_type):
            messages[("DataHealthView", label)] = None
        for _, label, _ in data_health.fill_conditions(object_type):
            messages[("DataHealthView", label)] = None
    for object_type in ("contact", "account", "lead"):
        table = inspect(OBJECT_MODELS[object_type]).local_table
        for column in table.columns:
            label = merge.field_label(column.name)
            messages[("MergeDialog", label)] = messages[("DuplicatesView", label)] = None
        for label, _, _, _ in merge.related_specs(object_type, table.name):
            messages[("MergeDialog", label)] = messages[("DuplicatesView", label)] = None
    from desktop_crm.services.import_mapping import FIELDS as IMPORT_FIELDS

    for import_fields in IMPORT_FIELDS.values():  # the import wizard's mapping
        for import_field in import_fields:
            messages[("ImportFields", import_field.label)] = None
    for code in choices:
        messages[("Choices", choice_words(code))] = None
    return list(messages)


def choice_words(code: str) -> str:
    """'trade_show' → 'Trade show': the English a choice code is shown as, and its key in
    the "Choices" context (`widgets.formatting.choice_label` translates it)."""
    words = code.replace("_", " ")
    return words[:1].upper() + words[1:]


def _generated_source(messages: Sequence[tuple[str, str]]) -> str:
    lines = ['"""Generated by desktop_crm.translations for lupdate; never imported."""']
    lines += [f"QCoreApplication.translate({ctx!r}, {text!r})" for ctx, text in messages]
    return "\n".join(lines) + "\n"


def source_files() -> list[Path]:
    return sorted(p for p in PACKAGE_DIR.rglob("*.py") if "migrations" not in p.parts)


def _tool(name: str) -> str:
    """pyside6-lupdate/-lrelease ship with PySide6-Essentials, next to the package."""
    bundled = Path(PySide6.__file__).parent / name
    return str(bundled) if bundled.exists() else f"pyside6-{name}"


def extract(destination: Path) -> None:
    """Write (or merge into) the .ts at `destination` every string of the sources, without
    line numbers so the file changes only when strings do, dropping strings no longer used."""
    with tempfile.TemporaryDirectory() as tmp:
        generated = Path(tmp) / "dynamic_strings.py"
        generated.write_text(_generated_source(dynamic_messages()), encoding="utf-8")
        files = [str(p) for p in (*source_files(), generated)]
        language = destination.stem.split("_")[-1]
        options = ["-silent", "-locations", "none", "-no-obsolete", "-source-language", "en"]
        subprocess.run(
            [
                _tool("lupdate"),
                *options,
                "-target-language",
                language,
                *files,
                "-ts",
                str(destination),
            ],
            check=True,
        )


def release(language: str, destination: Path | None = None) -> None:
    """Compile the .ts of `language` into its .qm (or into `destination`)."""
    target = destination or qm_path(language)
    subprocess.run(
        [_tool("lrelease"), "-silent", str(ts_path(language)), "-qm", str(target)], check=True
    )


def update() -> None:
    for language in LANGUAGES:
        if language != "en":
            extract(ts_path(language))
            release(language)


def _main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m desktop_crm.translations",
        description="Regenerate the translation catalogues from the sources.",
    )
    parser.add_argument(
        "action",
        choices=["update", "release"],
        help="update: extract new strings into the .ts files, then compile them; "
        "release: only compile the .ts files into .qm",
    )
    args = parser.parse_args(argv)
    if args.action == "update":
        update()
    else:
        for language in LANGUAGES[1:]:
            release(language)
    return 0


if __name__ == "__main__":
    sys.exit(_main())
