from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt
from pytestqt.qtbot import QtBot

from desktop_crm.services.record_lists import COLUMNS, Condition, ListQueryError, Op
from desktop_crm.widgets.filter_bar import FilterBar


@pytest.fixture
def french() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def bar(qtbot: QtBot, french: None) -> FilterBar:
    bar = FilterBar("opportunity", COLUMNS["opportunity"])
    qtbot.addWidget(bar)
    bar.resize(1000, 120)
    bar.show()
    return bar


def plain(texts: list[str]) -> list[str]:
    """French digit groups are narrow no-break spaces; compare them as spaces."""
    return [t.replace("\u202f", " ").replace("\u00a0", " ") for t in texts]


def fill(bar: FilterBar, key: str, op: str, value: str = "", value2: str = "") -> None:
    editor = bar.editor
    bar.edit_condition(None)
    editor.column_combo.setCurrentIndex(editor.column_combo.findData(key))
    editor.op_combo.setCurrentIndex(editor.op_combo.findData(op))
    editor.value_edit.setText(value)
    editor.value2_edit.setText(value2)


@pytest.mark.parametrize(
    ("key", "op", "value", "value2", "expected", "chip"),
    [
        (
            "name",
            "contains",
            "audit",
            "",
            Condition("name", Op.CONTAINS, "audit"),
            "Name contains “audit”",
        ),
        ("name", "equals", " Flotte ", "", Condition("name", Op.EQUALS, "Flotte"), "Name = Flotte"),
        ("name", "empty", "", "", Condition("name", Op.EMPTY), "Name is empty"),
        (
            "stage_id.name",
            "not_empty",
            "",
            "",
            Condition("stage_id.name", Op.NOT_EMPTY),
            "Stage is not empty",
        ),
        (
            "amount_minor",
            "between",
            "1 000",
            "5 000,50",
            Condition("amount_minor", Op.BETWEEN, 1000, 5000.5),
            "Amount 1 000 – 5 000,50",
        ),
        (
            "amount_minor",
            "between",
            "",
            "200",
            Condition("amount_minor", Op.BETWEEN, None, 200),
            "Amount ≤ 200",
        ),
        (
            "probability",
            "equals",
            "50",
            "",
            Condition("probability", Op.EQUALS, 50),
            "Probability % = 50",
        ),
        (
            "expected_close_date",
            "between",
            "01/01/2025",
            "31/03/2025",
            Condition("expected_close_date", Op.BETWEEN, date(2025, 1, 1), date(2025, 3, 31)),
            "Expected close 01/01/2025 – 31/03/2025",
        ),
        (
            "expected_close_date",
            "on_day",
            "2025-02-28",
            "",
            Condition("expected_close_date", Op.EQUALS, date(2025, 2, 28)),
            "Expected close = 28/02/2025",
        ),
        (
            "updated_at",
            "on_day",
            "28/02/2025",
            "",
            Condition("updated_at", Op.BETWEEN, date(2025, 2, 28), date(2025, 2, 28)),
            "Updated on 28/02/2025",
        ),
    ],
)
def test_a_typed_condition_is_parsed_in_the_users_locale_and_shown_as_a_chip(
    qtbot: QtBot,
    bar: FilterBar,
    key: str,
    op: str,
    value: str,
    value2: str,
    expected: Condition,
    chip: str,
) -> None:
    fill(bar, key, op, value, value2)
    with qtbot.waitSignal(bar.sig_changed, timeout=1000):
        bar.editor.apply_button.click()
    assert bar.conditions() == (expected,)
    assert plain(bar.chip_texts()) == [chip]
    assert bar.editor.isHidden()


def test_choices_are_ticked_in_a_list(qtbot: QtBot, bar: FilterBar) -> None:
    fill(bar, "status", "one_of")
    choices = bar.editor.choice_list
    assert [choices.item(r).text() for r in range(choices.count())] == ["Open", "Won", "Lost"]
    choices.item(1).setCheckState(Qt.CheckState.Checked)
    choices.item(2).setCheckState(Qt.CheckState.Checked)
    bar.editor.apply_button.click()
    assert bar.conditions() == (Condition("status", Op.ONE_OF, ("won", "lost")),)
    assert bar.chip_texts() == ["Status: Won, Lost"]


@pytest.mark.parametrize(
    ("key", "op", "value", "value2", "message"),
    [
        (
            "expected_close_date",
            "between",
            "31/02/2025",
            "",
            "“Expected close”: “31/02/2025” is not a date. Type it as dd/MM/yyyy, e.g. 31/01/2025.",
        ),
        (
            "expected_close_date",
            "on_day",
            "demain",
            "",
            "“Expected close”: “demain” is not a date.",
        ),
        ("amount_minor", "between", "beaucoup", "", "“Amount”: “beaucoup” is not a number."),
        ("amount_minor", "between", "", "", "“Amount”: type a lower or an upper bound, or both."),
        ("amount_minor", "between", "500", "100", "“Amount”: the first bound is after the second."),
        ("name", "contains", "  ", "", "“Name”: type the text to look for."),
        ("status", "one_of", "", "", "“Status”: tick at least one choice."),
    ],
)
def test_an_invalid_value_is_refused_with_a_message_and_nothing_is_applied(
    qtbot: QtBot, bar: FilterBar, key: str, op: str, value: str, value2: str, message: str
) -> None:
    bar.set_conditions([Condition("name", Op.CONTAINS, "a")])
    changes: list[None] = []
    bar.sig_changed.connect(lambda: changes.append(None))
    fill(bar, key, op, value, value2)
    bar.editor.apply_button.click()
    assert bar.editor.error_label.isVisible()
    assert bar.editor.error_label.text().startswith(message)
    assert changes == []
    assert bar.conditions() == (Condition("name", Op.CONTAINS, "a"),)
    assert bar.editor.isVisible()
    assert bar.editor.value_edit.text() == value  # what was typed is kept


def test_a_chip_is_edited_by_a_click_and_removed_by_its_cross(qtbot: QtBot, bar: FilterBar) -> None:
    bar.set_conditions(
        [
            Condition("name", Op.CONTAINS, "audit"),
            Condition("amount_minor", Op.BETWEEN, 100, None),
        ]
    )
    assert bar.chip_texts() == ["Name contains “audit”", "Amount ≥ 100"]
    bar.edit_condition(1)
    assert bar.editor.op_combo.currentData() == "between"
    assert bar.editor.value_edit.text() == "100"
    bar.editor.value2_edit.setText("900")
    bar.editor.apply_button.click()
    assert bar.conditions()[1] == Condition("amount_minor", Op.BETWEEN, 100, 900)
    with qtbot.waitSignal(bar.sig_changed, timeout=1000):
        bar.remove_condition(0)
    assert plain(bar.chip_texts()) == ["Amount 100 – 900"]


def test_escape_closes_the_editor_without_applying(qtbot: QtBot, bar: FilterBar) -> None:
    fill(bar, "name", "contains", "audit")
    qtbot.keyClick(bar.editor, Qt.Key.Key_Escape)
    assert bar.editor.isHidden()
    assert bar.conditions() == ()


def test_conditions_set_from_outside_are_checked_first(qtbot: QtBot, bar: FilterBar) -> None:
    bar.set_conditions([Condition("name", Op.EQUALS, "x")])
    with pytest.raises(ListQueryError, match="no column 'nope'"):
        bar.set_conditions([Condition("nope", Op.EQUALS, "x")])
    with pytest.raises(ListQueryError, match="“Stage” has no range"):
        bar.set_conditions([Condition("stage_id.name", Op.BETWEEN, 1, 2)])
    assert bar.conditions() == (Condition("name", Op.EQUALS, "x"),)
