"""One editor per field kind, made from a FieldSpec: what a record form and the bulk edit
dialog show. Each editor gives the typed value as the validation service takes it (text
as typed, a choice code, a bool, a record id) and says when it changed.

Signals (every editor):
    sig_changed(): the user changed the value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QSettings,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from desktop_crm.services.record_fields import FieldKind, FieldSpec, InputFormat, input_text
from desktop_crm.widgets.formatting import CURRENCY_SYMBOLS, choice_label

#: A relation editor looks names up this long after the last keystroke.
LOOKUP_DELAY_MS = 200

#: (target, typed text) → [(record id, label)]: how a relation editor finds records.
Lookup = Callable[[str, str], list[tuple[str, str]]]


translate = QCoreApplication.translate


def input_format(settings: QSettings | None = None, locale: QLocale | None = None) -> InputFormat:
    """How this user types numbers and dates (from the locale) and the phone region of
    numbers typed without a country (the preference, else the locale's country, else FR:
    the app's users are mostly French)."""
    locale = locale or QLocale()
    region = settings.value("preferences/phone_region") if settings is not None else None
    if not isinstance(region, str) or len(region) != 2:
        region = QLocale.territoryToCode(locale.territory()) or "FR"
    short = locale.dateFormat(QLocale.FormatType.ShortFormat).lower()
    return InputFormat(
        decimal_point=locale.decimalPoint() or ".",
        day_first=not short.startswith("m"),
        default_region=region.upper(),
    )


class FieldEditor(QWidget):
    """Base of the editors: a value in, a typed value out, a change signal."""

    sig_changed = Signal()

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._loading = False

    def typed(self) -> Any:
        raise NotImplementedError

    def set_stored(self, value: Any, fmt: InputFormat, label: str | None = None) -> None:
        """Show a stored value (converted as the editor takes it)."""
        self._loading = True
        try:
            self._show(input_text(self.spec, value, fmt), label)
        finally:
            self._loading = False

    def _show(self, value: Any, label: str | None) -> None:
        raise NotImplementedError

    def problem(self) -> str | None:
        """A mistake only the editor can see (a relation typed but not chosen)."""
        return None

    def focus_widget(self) -> QWidget:
        return self

    def _changed(self) -> None:
        if not self._loading:
            self.sig_changed.emit()


class LineEditor(FieldEditor):
    """Text, e-mail, phone, web address, number, money, date: typed as text, so what the
    user types is kept as it is and validated, never silently cut or reformatted."""

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(spec.label)
        self.edit.textChanged.connect(self._changed)
        self._layout.addWidget(self.edit, 1)
        placeholders = {
            FieldKind.DATE: translate("FieldEditors", "dd/mm/yyyy"),
            FieldKind.DATETIME: translate("FieldEditors", "dd/mm/yyyy hh:mm"),
            FieldKind.EMAIL: translate("FieldEditors", "name@example.com"),
            FieldKind.URL: translate("FieldEditors", "https://…"),
        }
        if spec.kind in placeholders:
            self.edit.setPlaceholderText(placeholders[spec.kind])
        if spec.kind in (FieldKind.NUMBER, FieldKind.MONEY):
            self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.currency_label: QLabel | None = None
        if spec.kind is FieldKind.MONEY:
            self.currency_label = QLabel("€")
            self._layout.addWidget(self.currency_label)
        #: A mailto:, tel: or web link beside the field, shown when it holds a value.
        self.link_label: QLabel | None = None
        if spec.kind in (FieldKind.EMAIL, FieldKind.PHONE, FieldKind.URL):
            self.link_label = QLabel()
            self.link_label.setOpenExternalLinks(True)
            self.link_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
            self._layout.addWidget(self.link_label)
            self.edit.textChanged.connect(self._update_link)

    def typed(self) -> str:
        return self.edit.text()

    def _show(self, value: Any, label: str | None) -> None:
        self.edit.setText("" if value is None else str(value))
        self.edit.setCursorPosition(0)
        self._update_link()

    def set_currency(self, code: str | None) -> None:
        if self.currency_label is not None:
            self.currency_label.setText(CURRENCY_SYMBOLS.get(code or "", code or ""))

    def set_link_valid(self, valid: bool) -> None:
        """No mailto:/tel: link for a value that is not an address or a number."""
        if self.link_label is not None:
            self.link_label.setVisible(valid)

    def set_phone_link(self, e164: str | None) -> None:
        """The tel: link dials the E.164 form, whatever spacing was typed."""
        self._e164 = e164
        self._update_link()

    def _update_link(self) -> None:
        if self.link_label is None:
            return
        value = self.edit.text().strip()
        href = None
        if value and self.spec.kind is FieldKind.EMAIL and "@" in value:
            href, text = f"mailto:{value}", translate("FieldEditors", "Write")
        elif value and self.spec.kind is FieldKind.PHONE:
            number = getattr(self, "_e164", None) or "".join(
                c for c in value if c.isdigit() or c == "+"
            )
            href, text = f"tel:{number}", translate("FieldEditors", "Call")
        elif value and self.spec.kind is FieldKind.URL:
            href = value if "://" in value else f"https://{value}"
            text = translate("FieldEditors", "Open")
        self.link_label.setText(f'<a href="{href}">{text}</a>' if href else "")
        self.link_label.setToolTip(href or "")

    def focus_widget(self) -> QWidget:
        return self.edit


class TextAreaEditor(FieldEditor):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QPlainTextEdit()
        self.edit.setAccessibleName(spec.label)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 12)
        self.edit.textChanged.connect(self._changed)
        self._layout.addWidget(self.edit, 1)

    def typed(self) -> str:
        return self.edit.toPlainText()

    def _show(self, value: Any, label: str | None) -> None:
        self.edit.setPlainText("" if value is None else str(value))

    def focus_widget(self) -> QWidget:
        return self.edit


class ComboEditor(FieldEditor):
    """A choice code, or a record from a short list (owners, stages): (value, label) items,
    a blank first one unless the field is required."""

    def __init__(
        self,
        spec: FieldSpec,
        items: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(spec, parent)
        self.combo = QComboBox()
        self.combo.setAccessibleName(spec.label)
        if not spec.required:
            self.combo.addItem("", None)
        for value, label in items:
            self.combo.addItem(label, value)
        self.combo.currentIndexChanged.connect(self._changed)
        self._layout.addWidget(self.combo, 1)

    def typed(self) -> Any:
        return self.combo.currentData()

    def _show(self, value: Any, label: str | None) -> None:
        index = self.combo.findData(value)
        if index < 0 and value is not None:
            # A value the list does not offer (an inactive owner): shown, kept as it is.
            self.combo.addItem(label or str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))

    def focus_widget(self) -> QWidget:
        return self.combo


class BoolEditor(FieldEditor):
    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.check = QCheckBox()
        self.check.setAccessibleName(spec.label)
        self.check.toggled.connect(self._changed)
        self._layout.addWidget(self.check)
        self._layout.addStretch(1)

    def typed(self) -> bool:
        return self.check.isChecked()

    def _show(self, value: Any, label: str | None) -> None:
        self.check.setChecked(bool(value))

    def focus_widget(self) -> QWidget:
        return self.check


class RelationEditor(FieldEditor):
    """A record chosen by typing its name: a completer lists the matches (looked up after
    a pause), choosing one sets the id. Text that names no chosen record is a problem the
    form shows, instead of a link silently dropped.

    Signals:
        sig_open(target, record_id): the user asked to open the linked record.
    """

    sig_open = Signal(str, str)

    def __init__(self, spec: FieldSpec, lookup: Lookup, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.lookup = lookup
        self.record_id: str | None = None
        self._chosen_label = ""
        self._found: dict[str, str] = {}
        self.edit = QLineEdit()
        self.edit.setAccessibleName(spec.label)
        self.edit.setPlaceholderText(translate("FieldEditors", "Type a name…"))
        self.edit.setClearButtonEnabled(True)
        self._names = QStringListModel(self)
        self.completer = QCompleter(self._names, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated[str].connect(self._chosen)  # type: ignore[index]
        self.edit.setCompleter(self.completer)
        self.open_button = QToolButton()
        self.open_button.setText("↗")
        self.open_button.setToolTip(translate("FieldEditors", "Open the linked record"))
        self.open_button.setAutoRaise(True)
        self.open_button.clicked.connect(self._open)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LOOKUP_DELAY_MS)
        self._timer.timeout.connect(self._look_up)
        self.edit.textEdited.connect(self._edited)
        self._layout.addWidget(self.edit, 1)
        self._layout.addWidget(self.open_button)
        self._update_button()

    def typed(self) -> str | None:
        return self.record_id

    def _show(self, value: Any, label: str | None) -> None:
        self.record_id = value
        self._chosen_label = label or ("" if value is None else str(value))
        self.edit.setText(self._chosen_label)
        self.edit.setCursorPosition(0)
        self._update_button()

    def problem(self) -> str | None:
        text = self.edit.text().strip()
        if text and (self.record_id is None or text != self._chosen_label):
            return translate(
                "FieldEditors", "{field}: choose a record from the list (type part of its name)."
            ).format(field=self.spec.label)
        return None

    def choose(self, record_id: str, label: str) -> None:
        """Set the linked record, as choosing it in the completer does."""
        self.record_id = record_id
        self._chosen_label = label
        self.edit.setText(label)
        self._update_button()
        self._changed()

    def _edited(self, text: str) -> None:
        if not text.strip():
            self.record_id = None
            self._chosen_label = ""
        elif text != self._chosen_label:
            self.record_id = None
        self._update_button()
        self._changed()
        if text.strip():
            self._timer.start()

    def _look_up(self) -> None:
        if self.spec.target is None:
            return
        found = self.lookup(self.spec.target, self.edit.text())
        self._found = {label: id_ for id_, label in found}
        self._names.setStringList(list(self._found))
        if self.edit.hasFocus() and self._found:
            self.completer.complete()
        exact = self._found.get(self.edit.text().strip())
        if exact is not None and self.record_id is None:
            self.record_id = exact
            self._chosen_label = self.edit.text().strip()
            self._update_button()
            self._changed()

    def _chosen(self, label: str) -> None:
        record_id = self._found.get(label)
        if record_id is not None:
            self.choose(record_id, label)

    def _open(self) -> None:
        if self.record_id and self.spec.target:
            self.sig_open.emit(self.spec.target, self.record_id)

    def _update_button(self) -> None:
        self.open_button.setEnabled(self.record_id is not None)

    def focus_widget(self) -> QWidget:
        return self.edit


def make_editor(
    spec: FieldSpec,
    *,
    lookup: Lookup,
    listed: dict[str, list[tuple[str, str]]],
    parent: QWidget | None = None,
) -> FieldEditor:
    """The editor of one field. `listed` holds the full option lists of relations to
    small tables (owners, stages), by target."""
    if spec.kind is FieldKind.CHOICE:
        return ComboEditor(spec, [(code, choice_label(code)) for code in spec.choices], parent)
    if spec.kind is FieldKind.BOOL:
        return BoolEditor(spec, parent)
    if spec.kind is FieldKind.LONG_TEXT:
        return TextAreaEditor(spec, parent)
    if spec.kind is FieldKind.RELATION and spec.target is not None:
        if spec.target in listed:
            return ComboEditor(spec, listed[spec.target], parent)
        return RelationEditor(spec, lookup, parent)
    return LineEditor(spec, parent)
