"""The first-run screen of an empty database: explore with sample data, import a file, or
start empty."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_crm.services.sample_data import estimated_rows

#: Sample sizes offered; the default loads in a few seconds and still fills every screen.
DEFAULT_SAMPLE_CONTACTS = 1_000
MAX_SAMPLE_CONTACTS = 1_000_000


class FirstRunPage(QWidget):
    """Shown instead of the overview while the database holds no CRM record.

    Signals:
        sig_load_sample(contacts, language): the user asked for sample data.
        sig_start_empty(): the user wants to start with an empty CRM.
        sig_import(): the user wants to import a file of their own records.
    """

    sig_load_sample = Signal(int, str)
    sig_start_empty = Signal()
    sig_import = Signal()

    def __init__(self, db_path: Path, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Welcome to Desktop CRM"))
        title_font = QFont(title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.8)
        title_font.setBold(True)
        title.setFont(title_font)
        intro = QLabel(
            self.tr(
                "This database is empty. It lives on this computer, in {path}, and works "
                "without a network."
            ).format(path=db_path)
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.contacts_spin = QSpinBox()
        self.contacts_spin.setRange(10, MAX_SAMPLE_CONTACTS)
        self.contacts_spin.setSingleStep(1_000)
        self.contacts_spin.setValue(DEFAULT_SAMPLE_CONTACTS)
        self.contacts_spin.setGroupSeparatorShown(True)
        self.contacts_spin.setSuffix(self.tr(" contacts"))
        self.contacts_spin.setAccessibleName(self.tr("Number of sample contacts"))
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("French names and addresses"), "fr")
        self.language_combo.addItem(self.tr("English names and addresses"), "en")
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language)))
        self.load_button = QPushButton(self.tr("&Load sample data"))
        self.load_button.setDefault(True)
        self.load_button.clicked.connect(self._emit_load)
        self.sample_estimate = QLabel()
        self.sample_estimate.setWordWrap(True)
        self.contacts_spin.valueChanged.connect(self._update_estimate)
        self._update_estimate(self.contacts_spin.value())

        sample_form = QFormLayout()
        sample_form.addRow(self.tr("Size:"), self.contacts_spin)
        sample_form.addRow(self.tr("Data:"), self.language_combo)
        sample_card = _card(
            self.tr("Explore with sample data"),
            self.tr(
                "Fictitious accounts, contacts, leads, deals in every pipeline stage, "
                "activities, campaigns and cases. They are one change in the history: "
                "undo it and they are gone."
            ),
            sample_form,
            self.sample_estimate,
            self.load_button,
        )

        self.empty_button = QPushButton(self.tr("Start &empty"))
        self.empty_button.clicked.connect(self.sig_start_empty)
        empty_card = _card(
            self.tr("Start with your own data"),
            self.tr(
                "Begin with an empty CRM and a default sales pipeline (Prospecting to "
                "Won/Lost) that you can change later."
            ),
            None,
            None,
            self.empty_button,
        )

        self.import_button = QPushButton(self.tr("&Import a file…"))
        self.import_button.clicked.connect(self.sig_import)
        import_card = _card(
            self.tr("Import your records"),
            self.tr(
                "Bring your contacts, companies, leads or deals from a CSV or Excel file, or "
                "a vCard address book. You check every row before anything is written, and "
                "the import can be undone."
            ),
            None,
            None,
            self.import_button,
        )

        cards = QHBoxLayout()
        cards.setSpacing(18)
        # Equal widths whatever each card holds: the stretch alone shares the row, and no
        # card gets narrower than the widest one needs.
        widest = max(c.minimumSizeHint().width() for c in (sample_card, import_card, empty_card))
        for card in (sample_card, import_card, empty_card):
            card.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            card.setMinimumWidth(widest)
            cards.addWidget(card, 1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(18)
        column.addLayout(cards)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 6)
        outer.addStretch(1)

    def set_busy(self, busy: bool) -> None:
        """While a job prepares the database, the buttons would start a second one."""
        self.load_button.setEnabled(not busy)
        self.empty_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)

    def _emit_load(self) -> None:
        self.sig_load_sample.emit(self.contacts_spin.value(), self.language_combo.currentData())

    def _update_estimate(self, contacts: int) -> None:
        self.sample_estimate.setText(
            self.tr("About {rows} records in all.").format(
                rows=QLocale().toString(estimated_rows(contacts))
            )
        )


def _card(
    title: str,
    text: str,
    form: QFormLayout | None,
    note: QLabel | None,
    button: QPushButton,
) -> QFrame:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setAutoFillBackground(True)
    frame.setBackgroundRole(QPalette.ColorRole.Base)
    heading = QLabel(title)
    font = QFont(heading.font())
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    heading.setFont(font)
    body = QLabel(text)
    body.setWordWrap(True)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 16, 18, 16)
    layout.addWidget(heading)
    layout.addWidget(body)
    if form is not None:
        layout.addLayout(form)
    if note is not None:
        layout.addWidget(note)
    layout.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    layout.addLayout(row)
    return frame
