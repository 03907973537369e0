"""The stage editor of a pipeline: rename, reorder, add and delete stages, and set their
default probability and idle-days limit. The dialog only collects the changes; `apply`
writes them on the database worker through `services.pipeline_board`, which validates them
(a refusal comes back as a message, the whole set rolled back)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop_crm.services import pipeline_board as pb
from desktop_crm.services.pipeline_board import Board, StageSpec

NAME, KIND, PROBABILITY, IDLE, DEALS = range(5)


@dataclass
class StageRow:
    """One row of the editor: an existing stage (id) or a new one (id None)."""

    id: str | None
    name: str
    kind: str
    probability: int
    idle_days_limit: int | None
    deals: int = 0


@dataclass(frozen=True)
class StagePlan:
    """What OK writes, in this order: edits, additions, deletions, then the order."""

    pipeline_id: str
    updates: tuple[tuple[str, str, int, int | None], ...]  #: id, name, probability, idle
    additions: tuple[tuple[int, StageSpec], ...]  #: (row key, spec)
    deletions: tuple[tuple[str, str | None], ...]  #: (stage id, where its deals go)
    order: tuple[str | int, ...]  #: stage ids, or row keys of the additions


def apply_plan(session: Session, plan: StagePlan) -> int:
    """Write the plan (each change its own journal operation, all in the caller's
    transaction); returns how many deals were moved out of deleted stages."""
    for stage_id, name, probability, idle in plan.updates:
        pb.update_stage(
            session,
            stage_id,
            name=name,
            probability=probability,
            idle_days_limit=idle,
            clear_idle_days_limit=idle is None,
        )
    added = {key: pb.add_stage(session, plan.pipeline_id, spec) for key, spec in plan.additions}
    moved = 0
    for stage_id, target in plan.deletions:
        moved += pb.delete_stage(session, stage_id, target)
    order = [added[item] if isinstance(item, int) else item for item in plan.order]
    pb.reorder_stages(session, plan.pipeline_id, order)
    return moved


def kind_label(kind: str) -> str:
    return {
        "open": QCoreApplication.translate("StageKinds", "Open"),
        "won": QCoreApplication.translate("StageKinds", "Won"),
        "lost": QCoreApplication.translate("StageKinds", "Lost"),
    }.get(kind, kind)


class StageEditorDialog(QDialog):
    """Edits the stages of the board's pipeline; `plan()` is what OK asks to write.

    `choose_target(stage_name, deals, options)` asks where the deals of a stage being
    deleted go (options: (id, name) of the live stages of the same kind) and returns an id,
    or None to keep the stage; tests replace it."""

    def __init__(self, board: Board, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board = board
        self.setWindowTitle(self.tr("Stages of “{name}”").format(name=board.pipeline.name))
        self.rows: list[StageRow] = [
            StageRow(
                c.stage.id,
                c.stage.name,
                c.stage.kind,
                c.stage.probability,
                c.stage.idle_days_limit,
                c.deals,
            )
            for c in board.columns
            if not c.stage.deleted
        ]
        self.original = {
            row.id: (row.name, row.probability, row.idle_days_limit) for row in self.rows
        }
        self.deleted: list[tuple[str, str | None]] = []
        self._next_key = 0
        self.new_keys: dict[int, int] = {}  # id(row) -> key
        self.choose_target: Callable[[str, int, Sequence[tuple[str, str]]], str | None] = (
            self._ask_target
        )

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Stage"),
                self.tr("Kind"),
                self.tr("Default probability"),
                self.tr("Stale after (days)"),
                self.tr("Deals"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("&Add stage"))
        self.delete_button = QPushButton(self.tr("&Delete stage"))
        self.up_button = QPushButton(self.tr("Move &up"))
        self.down_button = QPushButton(self.tr("Move do&wn"))
        self.add_button.clicked.connect(self.add_row)
        self.delete_button.clicked.connect(self.delete_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "A new default probability applies to deals entering the stage from now "
                "on. A deal idle for longer than its stage's limit is marked stale."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        self.resize(760, 460)
        self._fill()

    # --- table ------------------------------------------------------------------------------
    def _fill(self, select: int | None = None) -> None:
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            name = QTableWidgetItem(row.name)
            self.table.setItem(r, NAME, name)
            if row.id is None:
                kinds = QComboBox()
                for kind in ("open", "won", "lost"):
                    kinds.addItem(kind_label(kind), kind)
                kinds.setCurrentIndex(kinds.findData(row.kind))
                kinds.currentIndexChanged.connect(
                    lambda _, combo=kinds, item=row: setattr(item, "kind", combo.currentData())
                )
                self.table.setCellWidget(r, KIND, kinds)
            else:
                self.table.removeCellWidget(r, KIND)
                kind_item = QTableWidgetItem(kind_label(row.kind))
                kind_item.setFlags(kind_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, KIND, kind_item)
            probability = QSpinBox()
            probability.setRange(0, 100)
            probability.setSuffix(" %")
            probability.setValue(row.probability)
            probability.valueChanged.connect(
                lambda value, item=row: setattr(item, "probability", value)
            )
            self.table.setCellWidget(r, PROBABILITY, probability)
            idle = QSpinBox()
            idle.setRange(0, pb.MAX_IDLE_DAYS)
            idle.setSpecialValueText(self.tr("never"))
            idle.setValue(row.idle_days_limit or 0)
            idle.valueChanged.connect(
                lambda value, item=row: setattr(item, "idle_days_limit", value or None)
            )
            self.table.setCellWidget(r, IDLE, idle)
            deals = QTableWidgetItem(str(row.deals))
            deals.setFlags(deals.flags() & ~Qt.ItemFlag.ItemIsEditable)
            deals.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, DEALS, deals)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        if select is not None and 0 <= select < len(self.rows):
            self.table.selectRow(select)

    def _read_names(self) -> None:
        for r, row in enumerate(self.rows):
            item = self.table.item(r, NAME)
            if item is not None:
                row.name = item.text()

    @Slot()
    def add_row(self) -> None:
        self._read_names()
        row = StageRow(None, self.tr("New stage"), "open", 50, None)
        self.new_keys[id(row)] = self._next_key
        self._next_key += 1
        closed = [i for i, r in enumerate(self.rows) if r.kind != "open"]
        at = closed[0] if closed else len(self.rows)
        self.rows.insert(at, row)
        self._fill(select=at)
        name_item = self.table.item(at, NAME)
        if name_item is not None:
            self.table.editItem(name_item)

    @Slot()
    def delete_current(self) -> None:
        self._read_names()
        r = self.table.currentRow()
        if not 0 <= r < len(self.rows):
            return
        row = self.rows[r]
        target: str | None = None
        if row.id is not None and row.deals:
            options = [
                (other.id, other.name)
                for other in self.rows
                if other.id is not None and other.id != row.id and other.kind == row.kind
            ]
            if not options:
                self.problem_label.setText(
                    self.tr(
                        "“{stage}” holds {count} deals and there is no other {kind} stage "
                        "to move them to."
                    ).format(stage=row.name, count=row.deals, kind=kind_label(row.kind).lower())
                )
                return
            target = self.choose_target(row.name, row.deals, options)
            if target is None:
                return
            for other in self.rows:
                if other.id == target:
                    other.deals += row.deals
        if row.id is not None:
            self.deleted.append((row.id, target))
        del self.rows[r]
        self._fill(select=min(r, len(self.rows) - 1))

    def _ask_target(self, stage: str, deals: int, options: Sequence[tuple[str, str]]) -> str | None:
        names = [name for _, name in options]
        chosen, ok = QInputDialog.getItem(
            self,
            self.tr("Delete “{stage}”").format(stage=stage),
            self.tr("“{stage}” holds {count} deals. Move them to:").format(
                stage=stage, count=deals
            ),
            names,
            0,
            False,
        )
        if not ok:
            return None
        return options[names.index(chosen)][0]

    def move_current(self, step: int) -> None:
        self._read_names()
        r = self.table.currentRow()
        other = r + step
        if not (0 <= r < len(self.rows) and 0 <= other < len(self.rows)):
            return
        self.rows[r], self.rows[other] = self.rows[other], self.rows[r]
        self._fill(select=other)

    # --- result -----------------------------------------------------------------------------
    def plan(self) -> StagePlan:
        self._read_names()
        updates = []
        additions = []
        order: list[str | int] = []
        for row in self.rows:
            if row.id is None:
                key = self.new_keys[id(row)]
                additions.append(
                    (key, StageSpec(row.name, row.probability, row.kind, row.idle_days_limit))
                )
                order.append(key)
                continue
            order.append(row.id)
            if (row.name.strip(), row.probability, row.idle_days_limit) != self.original[row.id]:
                updates.append((row.id, row.name, row.probability, row.idle_days_limit))
        return StagePlan(
            self.board.pipeline.id,
            tuple(updates),
            tuple(additions),
            tuple(self.deleted),
            tuple(order),
        )

    def problems(self) -> list[str]:
        self._read_names()
        found = []
        if not any(row.kind == "open" for row in self.rows):
            found.append(self.tr("A pipeline needs at least one open stage."))
        for row in self.rows:
            if not row.name.strip():
                found.append(self.tr("Every stage needs a name."))
                break
        return found

    @Slot()
    def _accept_if_valid(self) -> None:
        problems = self.problems()
        self.problem_label.setText("\n".join(problems))
        if not problems:
            self.accept()
