"""The conditions of a list's filter bar: one chip per condition (click to edit, ✕ to
remove), combined with AND, and the row that edits one (column, operator, value).

Which operators a column offers follows its kind (`services.record_lists.Kind`): text
contains / equals / empty / not empty; choices one of (ticked in a list); numbers, money
and dates a range (either bound may be left blank) or one value; all of them empty and not
empty. Values are typed in the user's locale (`1 234,50`, `31/01/2025`) and parsed here; a
value that does not parse (a date like 31/02/2025) is refused with a sentence naming the
column, the editor keeps what was typed, and nothing is applied. Every condition is then
checked by `record_lists.check_conditions`, the list's own rules, before it is applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_crm.services.record_lists import (
    Condition,
    Kind,
    ListColumn,
    ListQueryError,
    Op,
    check_conditions,
)
from desktop_crm.widgets.formatting import choice_label

#: The operators offered per kind of column, in menu order. "on" (one day) is EQUALS on a
#: date and a one-day BETWEEN on a timestamp.
ON_DAY = "on_day"
_OPS: dict[Kind, tuple[str, ...]] = {
    Kind.TEXT: (Op.CONTAINS, Op.EQUALS, Op.EMPTY, Op.NOT_EMPTY),
    Kind.CHOICE: (Op.ONE_OF, Op.EMPTY, Op.NOT_EMPTY),
    Kind.NUMBER: (Op.BETWEEN, Op.EQUALS, Op.EMPTY, Op.NOT_EMPTY),
    Kind.MONEY: (Op.BETWEEN, Op.EQUALS, Op.EMPTY, Op.NOT_EMPTY),
    Kind.DATE: (Op.BETWEEN, ON_DAY, Op.EMPTY, Op.NOT_EMPTY),
    Kind.DATETIME: (Op.BETWEEN, ON_DAY, Op.EMPTY, Op.NOT_EMPTY),
    Kind.BOOL: (Op.EQUALS, Op.EMPTY),
}
#: A choice column without a list of choices (free codes) is compared as text.
_FREE_CHOICE_OPS = (Op.EQUALS, Op.EMPTY, Op.NOT_EMPTY)


translate = QCoreApplication.translate


def operator_label(op: str, kind: Kind) -> str:
    ranged = kind in (Kind.DATE, Kind.DATETIME)
    labels = {
        Op.CONTAINS: translate("FilterBar", "contains"),
        Op.EQUALS: translate("FilterBar", "is")
        if kind in (Kind.BOOL, Kind.CHOICE)
        else translate("FilterBar", "equals"),
        Op.EMPTY: translate("FilterBar", "is empty"),
        Op.NOT_EMPTY: translate("FilterBar", "is not empty"),
        Op.BETWEEN: translate("FilterBar", "from … to")
        if ranged
        else translate("FilterBar", "between"),
        Op.ONE_OF: translate("FilterBar", "is one of"),
        ON_DAY: translate("FilterBar", "on"),
    }
    return labels.get(op, op)


def column_label(spec: ListColumn) -> str:
    return QCoreApplication.translate("Columns", spec.label)


def operators(spec: ListColumn) -> tuple[str, ...]:
    if spec.kind is Kind.CHOICE and not spec.choices:
        return _FREE_CHOICE_OPS
    return _OPS[spec.kind]


def date_format(locale: QLocale) -> str:
    """The locale's short date format with a four-digit year (`dd/MM/yyyy`, `M/d/yyyy`):
    a two-digit year would be read as 19xx."""
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return short if "yyyy" in short else short.replace("yy", "yyyy")


class InvalidValue(Exception):
    """A typed value that does not parse; the message is the sentence shown."""


def parse_date(text: str, spec: ListColumn, locale: QLocale) -> date:
    typed = text.strip()
    for fmt in (date_format(locale), "yyyy-MM-dd"):
        parsed = QDate.fromString(typed, fmt)
        if parsed.isValid():
            return date(parsed.year(), parsed.month(), parsed.day())
    raise InvalidValue(
        translate(
            "FilterBar", "“{column}”: “{text}” is not a date. Type it as {format}, e.g. {example}."
        ).format(
            column=column_label(spec),
            text=typed,
            format=date_format(locale),
            example=locale.toString(QDate(2025, 1, 31), date_format(locale)),
        )
    )


def parse_number(text: str, spec: ListColumn, locale: QLocale) -> float | int:
    typed = text.strip()
    cleaned = typed
    for junk in ("€", "$", "£", "\u00a0", "\u202f", " "):
        cleaned = cleaned.replace(junk, "")
    for reader in (locale, QLocale.c()):
        value, ok = reader.toDouble(cleaned)
        if ok:
            return int(value) if value.is_integer() and abs(value) < 2**53 else value
    raise InvalidValue(
        translate("FilterBar", "“{column}”: “{text}” is not a number.").format(
            column=column_label(spec), text=typed
        )
    )


def value_text(spec: ListColumn, value: Any, locale: QLocale | None = None) -> str:
    """A condition's value as the chip shows it."""
    locale = locale or QLocale()
    if isinstance(value, date):
        return locale.toString(QDate(value.year, value.month, value.day), date_format(locale))
    if isinstance(value, bool):
        return translate("FilterBar", "yes") if value else translate("FilterBar", "no")
    if isinstance(value, int | float) and spec.kind in (Kind.NUMBER, Kind.MONEY):
        decimals = 2 if spec.kind is Kind.MONEY and not float(value).is_integer() else 0
        if spec.kind is Kind.NUMBER and isinstance(value, float) and not value.is_integer():
            decimals = max(spec.decimals, 1)
        return locale.toString(float(value), "f", decimals)
    if spec.kind is Kind.CHOICE and spec.choices:
        return choice_label(str(value))
    return str(value)


def condition_text(spec: ListColumn, condition: Condition, locale: QLocale | None = None) -> str:
    """`City contains “ly”`, `Amount 1 000 – 5 000`, `Status is one of Won, Lost`."""
    label = column_label(spec)
    op, value, value2 = condition.op, condition.value, condition.value2
    shown = value_text(spec, value, locale) if value is not None else ""
    if op is Op.CONTAINS:
        return translate("FilterBar", "{column} contains “{value}”").format(
            column=label, value=shown
        )
    if op is Op.EQUALS:
        return translate("FilterBar", "{column} = {value}").format(column=label, value=shown)
    if op is Op.EMPTY:
        return translate("FilterBar", "{column} is empty").format(column=label)
    if op is Op.NOT_EMPTY:
        return translate("FilterBar", "{column} is not empty").format(column=label)
    if op is Op.ONE_OF:
        items = ", ".join(value_text(spec, v, locale) for v in value or ())
        return translate("FilterBar", "{column}: {values}").format(column=label, values=items)
    if op is Op.BETWEEN:
        shown2 = value_text(spec, value2, locale) if value2 is not None else ""
        if value is not None and value == value2:
            return translate("FilterBar", "{column} on {value}").format(column=label, value=shown)
        if value2 is None:
            return translate("FilterBar", "{column} ≥ {value}").format(column=label, value=shown)
        if value is None:
            return translate("FilterBar", "{column} ≤ {value}").format(column=label, value=shown2)
        return translate("FilterBar", "{column} {low} – {high}").format(
            column=label, low=shown, high=shown2
        )
    return label


class ConditionEditor(QFrame):
    """Edits one condition. Signals:
    sig_accepted(condition): a valid condition, checked against the list's rules.
    sig_cancelled()
    """

    sig_accepted = Signal(object)
    sig_cancelled = Signal()

    def __init__(self, object_type: str, columns: Sequence[ListColumn], parent: QWidget) -> None:
        super().__init__(parent)
        self.object_type = object_type
        self.columns = list(columns)
        self.custom_columns = [c for c in self.columns if c.key.startswith("cf:")]
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.column_combo = QComboBox()
        self.column_combo.setAccessibleName(self.tr("Column"))
        for spec in self.columns:
            self.column_combo.addItem(column_label(spec), spec.key)
        self.op_combo = QComboBox()
        self.op_combo.setAccessibleName(self.tr("Condition"))
        self.value_edit = QLineEdit()
        self.value_edit.setAccessibleName(self.tr("Value"))
        self.and_label = QLabel(self.tr("to"))
        self.value2_edit = QLineEdit()
        self.value2_edit.setAccessibleName(self.tr("Upper value"))
        self.choice_list = QListWidget()
        self.choice_list.setAccessibleName(self.tr("Choices"))
        self.choice_list.setFlow(QListView.Flow.LeftToRight)
        self.choice_list.setWrapping(True)
        self.choice_list.setFixedHeight(self.fontMetrics().height() * 2 + 16)
        self.choice_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.bool_combo = QComboBox()
        self.bool_combo.setAccessibleName(self.tr("Value"))
        self.bool_combo.addItem(self.tr("Yes"), True)
        self.bool_combo.addItem(self.tr("No"), False)
        self.apply_button = QPushButton(self.tr("&Apply"))
        self.apply_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setForegroundRole(QPalette.ColorRole.BrightText)
        error_palette = self.error_label.palette()
        error_palette.setColor(QPalette.ColorRole.BrightText, Qt.GlobalColor.red)
        self.error_label.setPalette(error_palette)
        self.error_label.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.column_combo, self.op_combo):
            row.addWidget(widget)
        row.addWidget(self.value_edit, 2)
        row.addWidget(self.and_label)
        row.addWidget(self.value2_edit, 2)
        row.addWidget(self.choice_list, 4)
        row.addWidget(self.bool_combo)
        row.addWidget(self.apply_button)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error_label)

        self.column_combo.currentIndexChanged.connect(self._column_changed)
        self.op_combo.currentIndexChanged.connect(self._op_changed)
        self.apply_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.sig_cancelled)
        for edit in (self.value_edit, self.value2_edit):
            edit.returnPressed.connect(self.accept)
            edit.textEdited.connect(lambda _text: self.error_label.hide())
        self._column_changed()

    # --- the column and operator ------------------------------------------------------------
    def spec(self) -> ListColumn:
        return self.columns[max(0, self.column_combo.currentIndex())]

    def op(self) -> str:
        return str(self.op_combo.currentData())

    @Slot()
    def _column_changed(self) -> None:
        spec = self.spec()
        self.op_combo.blockSignals(True)
        self.op_combo.clear()
        for op in operators(spec):
            self.op_combo.addItem(operator_label(op, spec.kind), str(op))
        self.op_combo.blockSignals(False)
        self.choice_list.clear()
        for code in spec.choices:
            item = QListWidgetItem(choice_label(code))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.choice_list.addItem(item)
        if spec.kind in (Kind.DATE, Kind.DATETIME):
            placeholder = date_format(QLocale())
        elif spec.kind in (Kind.NUMBER, Kind.MONEY):
            placeholder = QLocale().toString(1234.5, "f", 2 if spec.kind is Kind.MONEY else 1)
        else:
            placeholder = self.tr("text")
        for edit in (self.value_edit, self.value2_edit):
            edit.setPlaceholderText(placeholder)
        self._op_changed()

    @Slot()
    def _op_changed(self) -> None:
        spec, op = self.spec(), self.op()
        needs_value = op not in (Op.EMPTY, Op.NOT_EMPTY)
        is_choice = op == Op.ONE_OF
        is_bool = spec.kind is Kind.BOOL and op == Op.EQUALS
        self.value_edit.setVisible(needs_value and not is_choice and not is_bool)
        self.and_label.setVisible(op == Op.BETWEEN)
        self.value2_edit.setVisible(op == Op.BETWEEN)
        self.choice_list.setVisible(is_choice)
        self.bool_combo.setVisible(is_bool)
        self.error_label.hide()

    # --- loading and reading ----------------------------------------------------------------
    def start(self, condition: Condition | None = None) -> None:
        """Edit `condition`, or a new one on the first column."""
        self.value_edit.clear()
        self.value2_edit.clear()
        if condition is None:
            self.column_combo.setCurrentIndex(0)
            self._column_changed()
        else:
            self.column_combo.setCurrentIndex(max(0, self.column_combo.findData(condition.key)))
            self._column_changed()
            spec = self.spec()
            op: str = condition.op
            if (
                condition.op is Op.BETWEEN
                and spec.kind is Kind.DATETIME
                and condition.value is not None
                and condition.value == condition.value2
            ):
                op = ON_DAY
            if condition.op is Op.EQUALS and spec.kind is Kind.DATE:
                op = ON_DAY
            self.op_combo.setCurrentIndex(max(0, self.op_combo.findData(op)))
            self._op_changed()
            locale = QLocale()
            if condition.value is not None and not isinstance(condition.value, tuple | list):
                self.value_edit.setText(value_text(spec, condition.value, locale))
                self.bool_combo.setCurrentIndex(0 if condition.value else 1)
            if condition.value2 is not None:
                self.value2_edit.setText(value_text(spec, condition.value2, locale))
            if condition.op is Op.ONE_OF:
                wanted = set(condition.value or ())
                for row in range(self.choice_list.count()):
                    item = self.choice_list.item(row)
                    checked = item.data(Qt.ItemDataRole.UserRole) in wanted
                    item.setCheckState(
                        Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                    )
        self.error_label.hide()
        self.show()
        focus = self.value_edit if self.value_edit.isVisible() else self.column_combo
        focus.setFocus()

    def condition(self) -> Condition:
        """The condition as typed; raises InvalidValue with the sentence to show."""
        spec, op = self.spec(), self.op()
        locale = QLocale()
        if op in (Op.EMPTY, Op.NOT_EMPTY):
            return Condition(spec.key, Op(op))
        if op == Op.ONE_OF:
            codes = tuple(
                str(self.choice_list.item(r).data(Qt.ItemDataRole.UserRole))
                for r in range(self.choice_list.count())
                if self.choice_list.item(r).checkState() == Qt.CheckState.Checked
            )
            if not codes:
                raise InvalidValue(
                    self.tr("“{column}”: tick at least one choice.").format(
                        column=column_label(spec)
                    )
                )
            return Condition(spec.key, Op.ONE_OF, codes)
        if spec.kind is Kind.BOOL:
            return Condition(spec.key, Op.EQUALS, bool(self.bool_combo.currentData()))
        text, text2 = self.value_edit.text(), self.value2_edit.text()
        if spec.kind in (Kind.TEXT, Kind.CHOICE):
            if not text.strip():
                raise InvalidValue(
                    self.tr("“{column}”: type the text to look for.").format(
                        column=column_label(spec)
                    )
                )
            return Condition(spec.key, Op(op), text.strip())
        parse = parse_date if spec.kind in (Kind.DATE, Kind.DATETIME) else parse_number
        if op == ON_DAY or op == Op.EQUALS:
            if not text.strip():
                raise InvalidValue(
                    self.tr("“{column}”: type a value.").format(column=column_label(spec))
                )
            value = parse(text, spec, locale)
            if op == ON_DAY and spec.kind is Kind.DATETIME:
                return Condition(spec.key, Op.BETWEEN, value, value)
            return Condition(spec.key, Op.EQUALS, value)
        low = parse(text, spec, locale) if text.strip() else None
        high = parse(text2, spec, locale) if text2.strip() else None
        if low is None and high is None:
            raise InvalidValue(
                self.tr("“{column}”: type a lower or an upper bound, or both.").format(
                    column=column_label(spec)
                )
            )
        if low is not None and high is not None and low > high:  # type: ignore[operator]
            raise InvalidValue(
                self.tr("“{column}”: the first bound is after the second.").format(
                    column=column_label(spec)
                )
            )
        return Condition(spec.key, Op.BETWEEN, low, high)

    @Slot()
    def accept(self) -> None:
        try:
            condition = self.condition()
            check_conditions(self.object_type, [condition], self.custom_columns)
        except (InvalidValue, ListQueryError) as error:
            self.show_error(str(error))
            return
        self.sig_accepted.emit(condition)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.sig_cancelled.emit()
            return
        super().keyPressEvent(event)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


class FilterBar(QWidget):
    """A list's conditions as chips, and the editor that adds or changes one.

    `add_button` ("+ Condition") is meant for the list's own top row, beside the quick
    filter. Signals:
    sig_changed(): the conditions changed (added, edited, removed, replaced).
    """

    sig_changed = Signal()

    def __init__(
        self, object_type: str, columns: Sequence[ListColumn], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.object_type = object_type
        self.columns = {c.key: c for c in columns}
        self._conditions: list[Condition] = []
        self._editing: int | None = None  #: index of the condition being edited
        self.add_button = QToolButton()
        self.add_button.setText(self.tr("+ &Condition"))
        self.add_button.setToolTip(self.tr("Filter on a column (combined with AND)"))
        self.add_button.setAccessibleName(self.tr("Add a condition"))
        self.add_button.clicked.connect(lambda: self.edit_condition(None))
        self.editor = ConditionEditor(object_type, columns, self)
        self.editor.sig_accepted.connect(self._accepted)
        self.editor.sig_cancelled.connect(self._close_editor)
        self.editor.hide()
        self.chips_row = QHBoxLayout()
        self.chips_row.setContentsMargins(0, 0, 0, 0)
        self.chips_row.setSpacing(6)
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Clear all"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self.clear)
        self.chips = QWidget()
        chips_layout = QHBoxLayout(self.chips)
        chips_layout.setContentsMargins(0, 0, 0, 0)
        chips_layout.addLayout(self.chips_row)
        chips_layout.addWidget(self.clear_button)
        chips_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.chips)
        layout.addWidget(self.editor)
        self._rebuild()

    def conditions(self) -> tuple[Condition, ...]:
        return tuple(self._conditions)

    def set_conditions(self, conditions: Sequence[Condition], *, notify: bool = True) -> None:
        """Replace the conditions (checked first: raises ListQueryError naming the column of a
        condition the list cannot apply, and then keeps the ones it had)."""
        custom = [c for c in self.columns.values() if c.key.startswith("cf:")]
        check_conditions(self.object_type, conditions, custom)
        changed = tuple(conditions) != tuple(self._conditions)
        self._conditions = list(conditions)
        self._close_editor()
        self._rebuild()
        if changed and notify:
            self.sig_changed.emit()

    @Slot()
    def clear(self) -> None:
        self.set_conditions(())

    def edit_condition(self, index: int | None) -> None:
        """Open the editor on condition `index`, or on a new one."""
        self._editing = index
        self.editor.start(None if index is None else self._conditions[index])

    def remove_condition(self, index: int) -> None:
        del self._conditions[index]
        self._close_editor()
        self._rebuild()
        self.sig_changed.emit()

    def chip_texts(self) -> list[str]:
        """What the chips say, in order (for tests and screen readers)."""
        return [condition_text(self.columns[c.key], c) for c in self._conditions]

    @Slot(object)
    def _accepted(self, condition: Condition) -> None:
        if self._editing is None:
            self._conditions.append(condition)
        else:
            self._conditions[self._editing] = condition
        self._close_editor()
        self._rebuild()
        self.sig_changed.emit()

    @Slot()
    def _close_editor(self) -> None:
        self._editing = None
        self.editor.hide()

    def _rebuild(self) -> None:
        while self.chips_row.count():
            item = self.chips_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for index, condition in enumerate(self._conditions):
            spec = self.columns.get(condition.key)
            text = condition_text(spec, condition) if spec is not None else condition.key
            self.chips_row.addWidget(self._chip(index, text))
        self.clear_button.setVisible(len(self._conditions) > 1)
        self.chips.setVisible(bool(self._conditions))

    def _chip(self, index: int, text: str) -> QFrame:
        chip = QFrame()
        chip.setFrameShape(QFrame.Shape.StyledPanel)
        chip.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        chip.setAutoFillBackground(True)
        row = QHBoxLayout(chip)
        row.setContentsMargins(4, 0, 0, 0)
        row.setSpacing(0)
        label = QToolButton()
        label.setText(text)
        label.setAutoRaise(True)
        label.setToolTip(self.tr("Change this condition"))
        label.clicked.connect(lambda: self.edit_condition(index))
        remove = QToolButton()
        remove.setText("✕")
        remove.setAutoRaise(True)
        remove.setToolTip(self.tr("Remove this condition"))
        remove.setAccessibleName(self.tr("Remove {condition}").format(condition=text))
        remove.clicked.connect(lambda: self.remove_condition(index))
        row.addWidget(label)
        row.addWidget(remove)
        return chip
