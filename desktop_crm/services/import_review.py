"""What the import wizard's check step needs besides the dry-run report: the cells of the
rows with issues, so that a fix typed in one cell is re-checked (`importing.check_row`)
with the rest of its row."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from desktop_crm.services.import_sources import SourceSpec, open_source
from desktop_crm.services.progress import NullProgress, Progress, check_cancelled

#: Rows read between two cancel checks.
CHECK_EVERY = 2_000


def rows_numbered(
    spec: SourceSpec,
    numbers: Collection[int],
    progress: Progress = NullProgress(),  # noqa: B008 - stateless
) -> dict[int, tuple[Any, ...]]:
    """The cells of the rows with these numbers (the spreadsheet row numbers of the
    report), read in one pass that stops after the last one wanted."""
    wanted = set(numbers)
    found: dict[int, tuple[Any, ...]] = {}
    if not wanted:
        return found
    last = max(wanted)
    source = open_source(spec)
    try:
        for index, row in enumerate(source.rows()):
            if index % CHECK_EVERY == 0:
                check_cancelled(progress)
            if row.number in wanted:
                found[row.number] = row.cells
            if row.number >= last:
                break
    finally:
        source.close()
    return found
