"""Set one field on every selected record: the field, its value (the field's own editor,
checked as you type), and OK only while the value is valid."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_crm.services.record_fields import FieldSpec, InputFormat, validate
from desktop_crm.widgets.field_editors import FieldEditor, Lookup, make_editor

_ERROR_STYLE = "color: #c62828;"


translate = QCoreApplication.translate


class BulkEditDialog(QDialog):
    def __init__(
        self,
        specs: Sequence[FieldSpec],
        count: int,
        objects: str,
        *,
        fmt: InputFormat,
        lookup: Lookup,
        listed: dict[str, list[tuple[str, str]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.specs = [s for s in specs if s.bulk_editable]
        self.fmt = fmt
        self.lookup = lookup
        self.listed = listed
        self.setWindowTitle(
            translate("BulkEditDialog", "Edit {count} {objects}").format(
                count=QLocale().toString(count), objects=objects
            )
        )
        self.field_combo = QComboBox()
        for spec in self.specs:
            self.field_combo.addItem(QCoreApplication.translate("Columns", spec.label), spec.key)
        self.field_combo.currentIndexChanged.connect(self._field_chosen)
        self.form = QFormLayout()
        self.form.addRow(translate("BulkEditDialog", "&Field"), self.field_combo)
        self.editor: FieldEditor | None = None
        self.error_label = QLabel()
        self.error_label.setStyleSheet(_ERROR_STYLE)
        self.error_label.setWordWrap(True)
        intro = QLabel(
            translate(
                "BulkEditDialog",
                "The value replaces the field of all {count} selected records, as one change "
                "you can undo.",
            ).format(count=QLocale().toString(count))
        )
        intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._field_chosen()

    def spec(self) -> FieldSpec:
        return self.specs[max(self.field_combo.currentIndex(), 0)]

    def choose_field(self, key: str) -> None:
        self.field_combo.setCurrentIndex(self.field_combo.findData(key))

    def _field_chosen(self) -> None:
        if self.editor is not None:
            self.form.removeRow(1)
        spec = self.spec()
        self.editor = make_editor(spec, lookup=self.lookup, listed=self.listed)
        self.editor.set_stored(None, self.fmt)
        self.editor.sig_changed.connect(self.check)
        self.form.addRow(translate("BulkEditDialog", "&Value"), self.editor)
        self.check()

    def value(self) -> Any:
        assert self.editor is not None
        return self.editor.typed()

    def check(self) -> str | None:
        """The value's error (shown, OK disabled), or None."""
        assert self.editor is not None
        spec = self.spec()
        problem = self.editor.problem()
        if problem is None:
            problem = validate([spec], {spec.key: self.value()}, self.fmt).errors.get(spec.key)
        self.error_label.setText(problem or "")
        self.error_label.setVisible(bool(problem))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(problem is None)
        return problem
