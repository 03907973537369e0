"""Record identifiers: UUIDv7 text, generated on the client."""

from __future__ import annotations

import random

import uuid_utils


def new_id() -> str:
    """A fresh UUIDv7: unique across offline replicas and time-ordered, so inserts append to
    the primary-key index instead of scattering across it."""
    return str(uuid_utils.uuid7())


def seeded_id(rng: random.Random, unix_ms: int) -> str:
    """A valid UUIDv7 whose random bits come from `rng`, so seeded sample data is the same on
    every run while keeping the time-ordering of real ids."""
    rand_a = rng.getrandbits(12)
    rand_b = rng.getrandbits(62)
    value = (unix_ms & 0xFFFF_FFFF_FFFF) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
