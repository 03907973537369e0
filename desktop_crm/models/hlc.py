"""Hybrid logical clock: timestamps that order changes across replicas despite clock drift."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

LOGICAL_BITS = 16
LOGICAL_MASK = (1 << LOGICAL_BITS) - 1


def pack(physical_ms: int, logical: int) -> int:
    """One sortable integer: wall-clock milliseconds in the high bits, a counter below."""
    return physical_ms << LOGICAL_BITS | logical


def unpack(value: int) -> tuple[int, int]:
    return value >> LOGICAL_BITS, value & LOGICAL_MASK


class ClockDriftError(Exception):
    """A remote timestamp is further ahead of our wall clock than we tolerate."""


@dataclass
class HybridLogicalClock:
    """Kulkarni et al.'s HLC: never goes backwards, stays within the drift tolerance of
    physical time, and moves past every timestamp it has seen, so a later edit anywhere gets
    a larger value than the edits it could have seen."""

    last: int = 0
    wall_ms: Callable[[], int] = lambda: time.time_ns() // 1_000_000
    max_drift_ms: int = 5 * 60 * 1000

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def now(self) -> int:
        with self._lock:
            physical = self.wall_ms()
            if physical > unpack(self.last)[0]:
                self.last = pack(physical, 0)
                return self.last
            return self._tick()

    def receive(self, remote: int) -> int:
        """Merge a timestamp from another replica; refuse one from a clock too far ahead."""
        with self._lock:
            physical = self.wall_ms()
            remote_physical, _ = unpack(remote)
            if remote_physical - physical > self.max_drift_ms:
                raise ClockDriftError(
                    f"a change is stamped {(remote_physical - physical) / 1000:.0f} s ahead of "
                    f"this computer's clock (tolerance {self.max_drift_ms / 1000:.0f} s): "
                    "check the date and time settings on both machines"
                )
            self.last = max(self.last, remote, pack(physical, 0))
            return self._tick()

    def _tick(self) -> int:
        """One step past `last`; 65,536 events in a millisecond borrow the next one."""
        physical, logical = unpack(self.last)
        self.last = pack(physical, logical + 1) if logical < LOGICAL_MASK else pack(physical + 1, 0)
        return self.last
