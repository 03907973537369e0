"""The merge dialog: which record to keep, which value of each field, what moves with it.

Shows a `MergePreview` (services/merge.py) as a grid: one column per record, one row per
field, a radio button per value. The defaults are the service's (`default_sources`): the
kept record's value unless empty, else the most recently updated one; choosing another
record to keep resets them. Owners that differ are said above the grid and their row is
marked, so who owns the merged record is a visible choice. Merge runs as one job, one
journal operation: undone from the Overview's recent changes, or by the Duplicates view's
Unmerge button.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_crm.models.database import Database
from desktop_crm.services.merge import MergeError, MergePreview, MergeReport, merge
from desktop_crm.services.progress import Progress
from desktop_crm.views.overview_page import object_label
from desktop_crm.widgets.job import Job, JobRunner

#: Values longer than this are cut in the grid (the whole value is the tooltip).
VALUE_CHARS = 48


def _short(text: str) -> str:
    return text if len(text) <= VALUE_CHARS else text[: VALUE_CHARS - 1] + "…"


class MergeDialog(QDialog):
    """Signals:
    sig_merged(report): the merge was written (the dialog then closes).
    """

    sig_merged = Signal(object)

    def __init__(
        self,
        db: Database,
        preview: MergePreview,
        *,
        runner: JobRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.preview = preview
        self.runner = runner
        self.report: MergeReport | None = None
        self.job: Job[MergeReport] | None = None
        records = preview.records
        objects = object_label(preview.object_type).lower()
        self.setWindowTitle(
            self.tr("Merge {count} {objects}").format(
                count=QLocale().toString(len(records)), objects=objects
            )
        )
        intro = QLabel(
            self.tr(
                "Choose the record to keep and, field by field, the value it keeps. The "
                "others are moved to the trash with their links redirected to it. You can "
                "unmerge afterwards: Duplicates ▸ Unmerge, or Overview ▸ Recent changes."
            )
        )
        intro.setWordWrap(True)
        self.owner_warning = QLabel()
        self.owner_warning.setWordWrap(True)
        self.owner_warning.setStyleSheet("QLabel { color: #9a5b00; font-weight: bold; }")
        owners = sorted({r.owner for r in records if r.owner})
        self.owner_warning.setText(
            self.tr(
                "These records have different owners ({owners}). The merged record gets the "
                "owner chosen in the Owner row."
            ).format(owners=", ".join(owners))
        )
        self.owner_warning.setVisible(preview.owners_differ)
        self.only_differences = QCheckBox(self.tr("Show only fields that differ"))
        self.only_differences.setChecked(True)
        self.only_differences.toggled.connect(self._show_rows)

        grid_host = QWidget()
        self.grid = QGridLayout(grid_host)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(6)
        bold = QFont(self.font())
        bold.setBold(True)
        self.grid.addWidget(QLabel(self.tr("Keep")), 0, 0)
        self.survivor_group = QButtonGroup(self)
        self.survivor_buttons: list[QRadioButton] = []
        for n, record in enumerate(records):
            # Duplicates often share a name: the date and completeness tell them apart.
            button = QRadioButton(
                self.tr("{label}\nupdated {updated}, {filled} fields").format(
                    label=_short(record.label), updated=record.updated_at[:10], filled=record.filled
                )
            )
            button.setFont(bold)
            button.setToolTip(
                self.tr(
                    "{label}\nUpdated {updated}\n{filled} fields filled\nOwner: {owner}"
                ).format(
                    label=record.label,
                    updated=record.updated_at[:10],
                    filled=record.filled,
                    owner=record.owner or "—",
                )
            )
            self.survivor_group.addButton(button, n)
            self.survivor_buttons.append(button)
            self.grid.addWidget(button, 0, n + 1)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        self.grid.addWidget(rule, 1, 0, 1, len(records) + 1)
        #: field name -> (its row's label, group of value buttons)
        self.field_groups: dict[str, QButtonGroup] = {}
        self._row_widgets: dict[str, list[QWidget]] = {}
        row = 2
        for field in preview.fields:
            if not any(field.filled):
                continue
            label = QLabel(self.tr(field.label))
            if field.name == "owner_id" and preview.owners_differ:
                label.setText(self.tr("Owner ⚠"))
                label.setStyleSheet("QLabel { color: #9a5b00; font-weight: bold; }")
            elif field.conflict:
                label.setFont(bold)
            group = QButtonGroup(self)
            widgets: list[QWidget] = [label]
            self.grid.addWidget(label, row, 0)
            for n, value in enumerate(field.values):
                button = QRadioButton(_short(value) if field.filled[n] else "—")
                button.setEnabled(field.filled[n])
                if len(value) > VALUE_CHARS:
                    button.setToolTip(value)
                button.setAccessibleName(f"{field.label}: {value}")
                group.addButton(button, n)
                widgets.append(button)
                self.grid.addWidget(button, row, n + 1)
            self.field_groups[field.name] = group
            self._row_widgets[field.name] = widgets
            row += 1
        self.grid.setRowStretch(row, 1)
        self.grid.setColumnStretch(len(records) + 1, 1)
        scroll = QScrollArea()
        scroll.setWidget(grid_host)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)

        self.moving_label = QLabel()
        self.moving_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText(self.tr("&Merge"))
        self.buttons.accepted.connect(self.start_merge)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.owner_warning)
        layout.addWidget(self.only_differences)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.moving_label)
        layout.addWidget(self.buttons)
        self.survivor_group.idToggled.connect(self._survivor_toggled)
        if records:
            self.survivor_buttons[0].setChecked(True)
        self._show_rows()
        shown = sum(1 for widgets in self._row_widgets.values() if not widgets[0].isHidden())
        self.resize(min(1100, 260 + 230 * len(records)), min(680, 330 + 30 * shown))

    # --- choices ----------------------------------------------------------------------------
    @property
    def survivor(self) -> int:
        return max(0, self.survivor_group.checkedId())

    def set_survivor(self, index: int) -> None:
        self.survivor_buttons[index].setChecked(True)

    def choose(self, field: str, record_index: int) -> None:
        """Keep `field`'s value from the record at `record_index` (as a click would)."""
        button = self.field_groups[field].button(record_index)
        if not button.isEnabled():
            raise ValueError(f"record {record_index} has no value for {field!r}")
        button.setChecked(True)

    def choices(self) -> dict[str, str]:
        """field -> id of the record whose value is kept, for every field shown."""
        ids = [r.id for r in self.preview.records]
        return {
            name: ids[group.checkedId()]
            for name, group in self.field_groups.items()
            if group.checkedId() >= 0
        }

    @Slot(int, bool)
    def _survivor_toggled(self, index: int, checked: bool) -> None:
        if not checked:
            return
        for name, source in self.preview.default_sources(index).items():
            group = self.field_groups.get(name)
            if group is not None and group.button(source) is not None:
                group.button(source).setChecked(True)
        moving = self.preview.moving(index)
        kept = self.preview.records[index].label
        if moving:
            parts = ", ".join(
                f"{self.tr(label)}: {QLocale().toString(count)}" for label, count in moving
            )
            self.moving_label.setText(
                self.tr("Moving to “{kept}”: {parts}.").format(kept=kept, parts=parts)
            )
        else:
            self.moving_label.setText(
                self.tr("The others have no related records to move to “{kept}”.").format(kept=kept)
            )

    @Slot()
    def _show_rows(self) -> None:
        only = self.only_differences.isChecked()
        conflicts = {f.name for f in self.preview.fields if f.conflict}
        for name, widgets in self._row_widgets.items():
            visible = not only or name in conflicts or name == "owner_id"
            for widget in widgets:
                widget.setVisible(visible)

    # --- merging ----------------------------------------------------------------------------
    @Slot()
    def start_merge(self) -> None:
        records = self.preview.records
        survivor = records[self.survivor].id
        others = [r.id for n, r in enumerate(records) if n != self.survivor]
        choices = self.choices()
        object_type = self.preview.object_type

        def run(progress: Progress) -> MergeReport:
            with self.db.session() as session, session.begin():
                return merge(session, object_type, survivor, others, choices)

        self.merge_button.setEnabled(False)
        self.job = Job(
            run,
            parent=self,
            label=self.tr("Merging {objects}").format(objects=object_label(object_type).lower()),
            runner=self.runner,
            refusals=(MergeError,),
        )
        self.job.on_success(self._merged).on_finished(
            lambda outcome: self.merge_button.setEnabled(True)
        ).start()

    def _merged(self, report: MergeReport) -> None:
        self.report = report
        self.sig_merged.emit(report)
        self.accept()
