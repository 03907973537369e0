"""The hybrid logical clock never goes backwards, passes what it receives, and refuses drift."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_crm.models.hlc import (
    LOGICAL_MASK,
    ClockDriftError,
    HybridLogicalClock,
    pack,
    unpack,
)


class FakeWall:
    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_a_frozen_wall_clock_still_gives_increasing_values() -> None:
    clock = HybridLogicalClock(wall_ms=FakeWall(1_000))
    values = [clock.now() for _ in range(5)]
    assert values == [
        pack(1_000, 0),
        pack(1_000, 1),
        pack(1_000, 2),
        pack(1_000, 3),
        pack(1_000, 4),
    ]


def test_a_wall_clock_going_backwards_does_not_move_the_clock_back() -> None:
    wall = FakeWall(5_000)
    clock = HybridLogicalClock(wall_ms=wall)
    before = clock.now()
    wall.ms = 1_000  # the user set the system clock back
    assert clock.now() > before


def test_the_counter_overflowing_borrows_the_next_millisecond() -> None:
    clock = HybridLogicalClock(last=pack(1_000, LOGICAL_MASK), wall_ms=FakeWall(1_000))
    assert unpack(clock.now()) == (1_001, 0)


def test_receiving_a_later_remote_stamp_moves_past_it() -> None:
    clock = HybridLogicalClock(wall_ms=FakeWall(1_000))
    remote = pack(1_500, 7)
    assert clock.receive(remote) > remote
    assert clock.now() > remote


def test_a_remote_stamp_beyond_the_drift_tolerance_is_refused_with_a_reason() -> None:
    clock = HybridLogicalClock(wall_ms=FakeWall(0), max_drift_ms=60_000)
    with pytest.raises(ClockDriftError, match="61 s ahead"):
        clock.receive(pack(61_000, 0))


@given(
    st.lists(
        st.tuples(st.sampled_from(["tick", "wall", "receive"]), st.integers(0, 10_000)), max_size=60
    )
)
def test_values_strictly_increase_whatever_happens(events: list[tuple[str, int]]) -> None:
    wall = FakeWall(5_000)
    clock = HybridLogicalClock(wall_ms=wall, max_drift_ms=20_000)
    seen = [clock.now()]
    for kind, value in events:
        if kind == "wall":
            wall.ms = value
        elif kind == "receive":
            seen.append(clock.receive(pack(value, value % 5)))
        else:
            seen.append(clock.now())
    assert seen == sorted(seen)
    assert len(set(seen)) == len(seen)
