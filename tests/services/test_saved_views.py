from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from desktop_crm.models.database import Database
from desktop_crm.services.record_lists import COLUMNS, Condition, ListQuery, Op, ordered_rowids
from desktop_crm.services.sample_data import generate
from desktop_crm.services.saved_views import (
    SavedViewError,
    ViewDefinition,
    delete_view,
    list_views,
    rename_view,
    save_view,
    usable_definition,
)
from desktop_crm.services.undo import undo

values = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(),
    st.tuples(st.text(max_size=8), st.text(max_size=8)),
)
conditions = st.builds(
    Condition,
    st.sampled_from(["name", "amount_minor", "status"]),
    st.sampled_from(Op),
    values,
    values,
)
definitions = st.builds(
    ViewDefinition,
    conditions=st.lists(conditions, max_size=4).map(tuple),
    text=st.text(max_size=30),
    mine=st.booleans(),
    sort_key=st.one_of(st.none(), st.sampled_from(["name", "amount_minor"])),
    descending=st.booleans(),
    columns=st.lists(st.sampled_from([c.key for c in COLUMNS["opportunity"]]), max_size=5).map(
        tuple
    ),
)


@given(definitions)
def test_a_definition_survives_its_json_with_every_value_type(definition: ViewDefinition) -> None:
    again = ViewDefinition.from_json(definition.to_json())
    assert again == definition
    for before, after in zip(definition.conditions, again.conditions, strict=True):
        assert type(before.value) is type(after.value)
        assert type(before.value2) is type(after.value2)


def paris_deals() -> ViewDefinition:
    return ViewDefinition(
        conditions=(
            Condition("amount_minor", Op.BETWEEN, 1000, 50_000.5),
            Condition("status", Op.ONE_OF, ("open", "won")),
            Condition("expected_close_date", Op.BETWEEN, date(2024, 1, 1), None),
        ),
        text="a",
        mine=True,
        sort_key="amount_minor",
        descending=True,
        columns=("name", "amount_minor", "status", "expected_close_date"),
    )


def test_a_saved_view_is_read_back_and_runs_the_same_query(db: Database) -> None:
    generate(db.session, 100, seed=3, language="en")
    definition = paris_deals()
    with db.session() as s, s.begin():
        saved = save_view(s, "opportunity", "  Big  deals ", definition, db.current_user_id)
    assert saved.name == "Big deals"
    with db.read_session() as s:
        (listed,) = list_views(s, "opportunity")
        assert listed == saved
        assert listed.definition == definition

        def query(d: ViewDefinition) -> ListQuery:
            return ListQuery(
                "opportunity",
                conditions=d.conditions,
                text=d.text,
                owner_id=db.current_user_id if d.mine else None,
                sort_key=d.sort_key,
                descending=d.descending,
            )

        assert list(ordered_rowids(s, query(listed.definition))) == list(
            ordered_rowids(s, query(definition))
        )


def test_saving_under_an_existing_name_replaces_that_view(db: Database) -> None:
    with db.session() as s, s.begin():
        first = save_view(s, "contact", "Lyon", ViewDefinition(text="lyon"))
    with db.session() as s, s.begin():
        second = save_view(s, "contact", "LYON", ViewDefinition(text="lyon", mine=True))
    assert second.id == first.id
    with db.read_session() as s:
        assert [(v.name, v.definition.mine) for v in list_views(s)] == [("Lyon", True)]


def test_views_are_listed_in_navigation_order_then_by_name(db: Database) -> None:
    with db.session() as s, s.begin():
        for object_type, name in [("case", "Urgent"), ("contact", "b"), ("contact", "A")]:
            save_view(s, object_type, name, ViewDefinition())
    with db.read_session() as s:
        assert [(v.object_type, v.name) for v in list_views(s)] == [
            ("contact", "A"),
            ("contact", "b"),
            ("case", "Urgent"),
        ]


@pytest.mark.parametrize(
    ("object_type", "name", "definition", "message"),
    [
        ("contact", "   ", ViewDefinition(), "Give the view a name."),
        ("contact", "x" * 101, ViewDefinition(), "at most 100 characters; this one has 101"),
        ("planet", "P", ViewDefinition(), "There is no list of 'planet' records."),
        ("contact", "C", ViewDefinition(columns=("shoe_size",)), "no column 'shoe_size'"),
        ("contact", "S", ViewDefinition(sort_key="shoe_size"), "no column 'shoe_size'"),
        (
            "contact",
            "D",
            ViewDefinition(conditions=(Condition("updated_at", Op.BETWEEN, "31/02/2025"),)),
            "“Updated”: '31/02/2025' is not a date",
        ),
    ],
)
def test_a_view_that_cannot_be_applied_is_refused(
    db: Database, object_type: str, name: str, definition: ViewDefinition, message: str
) -> None:
    with db.session() as s, s.begin(), pytest.raises(SavedViewError, match=message):
        save_view(s, object_type, name, definition)


def test_rename_refuses_a_name_taken_on_the_same_list(db: Database) -> None:
    with db.session() as s, s.begin():
        keep = save_view(s, "contact", "Lyon", ViewDefinition())
        other = save_view(s, "contact", "Paris", ViewDefinition())
        save_view(s, "account", "Nantes", ViewDefinition())
    with db.session() as s, s.begin(), pytest.raises(SavedViewError, match="already a view"):
        rename_view(s, other.id, "lyon")
    with db.session() as s, s.begin():
        assert rename_view(s, keep.id, "Nantes").name == "Nantes"  # another list's name: fine
    with db.read_session() as s:
        assert sorted(v.name for v in list_views(s, "contact")) == ["Nantes", "Paris"]


def test_deleting_a_view_is_undoable(db: Database) -> None:
    with db.session() as s, s.begin():
        view = save_view(s, "contact", "Lyon", ViewDefinition(text="lyon"))
    with db.session() as s, s.begin():
        assert delete_view(s, view.id) == "Lyon"
    with db.read_session() as s:
        assert list_views(s) == []
        operation_id = s.execute(
            text("SELECT id FROM journal_operations WHERE label = 'Delete view “Lyon”'")
        ).scalar_one()
    with db.session() as s, s.begin():
        undo(s, operation_id)
    with db.read_session() as s:
        assert [v.name for v in list_views(s)] == ["Lyon"]
    with db.session() as s, s.begin(), pytest.raises(SavedViewError, match="deleted meanwhile"):
        delete_view(s, "no-such-id")


def test_a_view_naming_a_column_gone_since_opens_without_it() -> None:
    definition = ViewDefinition(
        conditions=(Condition("cf:gone", Op.EQUALS, "x"), Condition("name", Op.CONTAINS, "a")),
        sort_key="cf:gone",
        descending=True,
        columns=("name", "cf:gone", "city"),
    )
    usable, dropped = usable_definition(definition, COLUMNS["account"])
    assert usable == ViewDefinition(
        conditions=(Condition("name", Op.CONTAINS, "a"),), columns=("name", "city")
    )
    assert dropped == ["cf:gone"]


def test_an_unreadable_definition_says_so() -> None:
    with pytest.raises(SavedViewError, match="cannot be read"):
        ViewDefinition.from_json('{"version": 99}')
    with pytest.raises(SavedViewError, match="cannot be read"):
        ViewDefinition.from_json("not json")
