from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desktop_crm.models.database import Database
from desktop_crm.services.record_lists import COLUMNS, Condition, ListQuery, Op
from desktop_crm.services.sample_data import generate
from desktop_crm.widgets.job import JobRunner
from desktop_crm.widgets.record_table_model import RecordTableModel


@pytest.fixture(scope="module")
def english() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def loaded(db: Database) -> Database:
    generate(db.session, 400, seed=7, language="en")
    return db


def make_model(qtbot: QtBot, db: Database, runner: JobRunner, query: ListQuery) -> RecordTableModel:
    model = RecordTableModel(db, query, COLUMNS[query.object_type], runner=runner)
    with qtbot.waitSignal(model.sig_reloaded, timeout=30_000):
        model.reload()
    return model


def resort(qtbot: QtBot, model: RecordTableModel, column: int, order: Qt.SortOrder) -> None:
    with qtbot.waitSignal(model.sig_reloaded, timeout=30_000):
        model.sort(column, order)


def column_of(model: RecordTableModel, key: str) -> int:
    return [c.key for c in model.columns].index(key)


def cells(model: RecordTableModel, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> list:  # type: ignore[type-arg]
    return [model.data(model.index(row, column), role) for row in range(model.rowCount())]


def test_the_model_passes_qt_model_checks_with_sort_and_filter_applied(
    qtbot: QtBot, loaded: Database, runner: JobRunner, qtmodeltester: ModelTester
) -> None:
    query = ListQuery(
        "contact",
        conditions=(Condition("email", Op.NOT_EMPTY),),
        sort_key="account_id.name",
    )
    model = make_model(qtbot, loaded, runner, query)
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_rows_match_sql_in_order_and_content(
    qtbot: QtBot, loaded: Database, runner: JobRunner, english: None
) -> None:
    model = make_model(qtbot, loaded, runner, ListQuery("contact", sort_key="last_name"))
    with loaded.read_session() as s:
        expected = s.execute(
            text(
                "SELECT c.id, c.last_name, a.name FROM contacts c "
                "LEFT JOIN accounts a ON a.id = c.account_id WHERE c.deleted_at IS NULL "
                "ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.rowid"
            )
        ).all()
    assert model.rowCount() == len(expected) == 400
    assert cells(model, 0, RecordTableModel.RecordIdRole) == [row[0] for row in expected]
    assert cells(model, column_of(model, "last_name")) == [row[1] for row in expected]
    assert cells(model, column_of(model, "account_id.name")) == [row[2] or "" for row in expected]


def test_sorting_by_a_header_reorders_in_sql_both_ways(
    qtbot: QtBot, loaded: Database, runner: JobRunner
) -> None:
    model = make_model(qtbot, loaded, runner, ListQuery("opportunity"))
    amount = column_of(model, "amount_minor")
    resort(qtbot, model, amount, Qt.SortOrder.DescendingOrder)
    values = [v for v in cells(model, amount, RecordTableModel.RawValueRole) if v is not None]
    assert values == sorted(values, reverse=True)
    resort(qtbot, model, amount, Qt.SortOrder.AscendingOrder)
    values = [v for v in cells(model, amount, RecordTableModel.RawValueRole) if v is not None]
    assert values == sorted(values)


def test_money_dates_and_choices_are_shown_in_the_locale(
    qtbot: QtBot, loaded: Database, runner: JobRunner, english: None
) -> None:
    query = ListQuery(
        "opportunity",
        conditions=(Condition("amount_minor", Op.NOT_EMPTY),),
        sort_key="amount_minor",
        descending=True,
    )
    model = make_model(qtbot, loaded, runner, query)
    index = model.index(0, column_of(model, "amount_minor"))
    raw = model.data(index, RecordTableModel.RawValueRole)
    shown = model.data(index)
    assert isinstance(raw, int)
    assert f"{raw / 100:,.2f}" in shown
    assert shown[0] in "€$£" or shown[:3].isalpha()
    assert model.data(index, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    status = model.data(model.index(0, column_of(model, "status")))
    assert status in {"Open", "Won", "Lost"}
    close = model.data(model.index(0, column_of(model, "expected_close_date")))
    assert close.count("/") == 2


def test_a_filter_and_a_refresh_after_a_write_show_the_new_state(
    qtbot: QtBot, loaded: Database, runner: JobRunner
) -> None:
    query = ListQuery("contact", conditions=(Condition("city", Op.EQUALS, "Nowhere"),))
    model = make_model(qtbot, loaded, runner, query)
    assert model.rowCount() == 0
    with loaded.session() as s, s.begin():
        s.execute(text("UPDATE contacts SET city = 'Nowhere' WHERE rowid IN (1, 2, 3)"))
    with qtbot.waitSignal(model.sig_reloaded, timeout=30_000) as reloaded:
        model.reload()
    assert reloaded.args == [3]
    assert cells(model, column_of(model, "city")) == ["Nowhere"] * 3


def test_only_the_latest_of_quick_successive_queries_is_shown(
    qtbot: QtBot, loaded: Database, runner: JobRunner
) -> None:
    model = make_model(qtbot, loaded, runner, ListQuery("contact"))
    for word in ("a", "ab", "abc"):
        model.set_query(ListQuery("contact", text=word))
    model.set_query(ListQuery("contact", text="zzzz-no-such-name"))
    qtbot.waitUntil(lambda: runner.is_idle(), timeout=30_000)
    assert model.rowCount() == 0


def test_pages_are_read_around_what_is_shown_not_all_rows(
    qtbot: QtBot, loaded: Database, runner: JobRunner
) -> None:
    model = make_model(qtbot, loaded, runner, ListQuery("activity"))
    assert model.rowCount() > 1000
    assert model.cache.pages == {}
    last = model.rowCount() - 1
    assert model.data(model.index(last, 0)) is not None
    assert list(model.cache.pages) == [model.cache.page_of(last)]
    assert len(model.cache.pages[model.cache.page_of(last)]) <= model.cache.page_size


def test_invalid_indexes_and_unknown_roles_return_none(
    qtbot: QtBot, loaded: Database, runner: JobRunner
) -> None:
    model = make_model(qtbot, loaded, runner, ListQuery("case"))
    assert model.data(QModelIndex()) is None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.createIndex(10_000_000, 0)) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Subject"
