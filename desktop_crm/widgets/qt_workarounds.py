"""Work-arounds for faults of the Qt binding that would crash the application.

PySide6 6.12.0 on Python 3.11 drops one reference to `None` on every call of a method
that returns nothing (`label.setText(...)`, `painter.save()`, ...) and on every `data()`
that reads an empty role, the way a binding may on Python 3.12+, where `None` is
immortal. On 3.11 `None`'s count runs down as the window is used until CPython aborts
with "none_dealloc: deallocating None" (the list benchmark died of it after some ten
thousand palette paints). `pin_singletons` gives `None`, `True` and `False` a reference
count no session can run down, which is what 3.12 does for them anyway.
"""

from __future__ import annotations

import ctypes
import sys

#: References added: more than any process makes calls.
_PINNED_REFERENCES = 1 << 40


def pin_singletons() -> bool:
    """Make None, True and False immortal on CPython before 3.12 (idempotent); True if
    it did anything."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    done = False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object (a Py_ssize_t).
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < _PINNED_REFERENCES:
            count.value += _PINNED_REFERENCES
            done = True
    return done
