"""The cells of the rows a dry run found problems in, read back for the wizard's fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_crm.services.import_review import rows_numbered
from desktop_crm.services.import_sources import SourceSpec
from desktop_crm.services.progress import Cancelled


@pytest.fixture
def spec(tmp_path: Path) -> SourceSpec:
    path = tmp_path / "c.csv"
    path.write_text("Nom;E-mail\n\nLefèvre;a@@b\nCrépin;c@d.fr\nGaël;e@\n", encoding="cp1252")
    return SourceSpec(path, "cp1252", ";")


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ({3, 5}, {3: ("Lefèvre", "a@@b"), 5: ("Gaël", "e@")}),  # the blank line 2 is skipped
        ({4}, {4: ("Crépin", "c@d.fr")}),
        (set(), {}),
        ({99}, {}),
    ],
)
def test_rows_are_found_by_their_spreadsheet_number(
    spec: SourceSpec, numbers: set[int], expected: dict[int, tuple[str, ...]]
) -> None:
    assert rows_numbered(spec, numbers) == expected


def test_reading_the_rows_can_be_cancelled(spec: SourceSpec) -> None:
    class Stopped:
        cancelled = True

        def update(self, done: int, total: int | None = None, status: str | None = None) -> None:
            pass

    with pytest.raises(Cancelled):
        rows_numbered(spec, {3}, Stopped())
