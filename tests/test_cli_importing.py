"""The `desktop-crm import` command with a vCard file (issue #6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_crm.cli import EXIT_OK, main
from desktop_crm.models.database import Database

VCARDS = Path(__file__).parent / "services" / "vcards"


def test_a_vcard_file_imports_from_the_command_line(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = VCARDS / "google_contacts.vcf"
    argv = ["--db", str(db_path), "import", str(source), "--object", "contacts"]
    assert main(argv) == EXIT_OK
    out = capsys.readouterr().out
    assert "Imported google_contacts.vcf: 2 rows, 2 created" in out
    assert "1 accounts created" in out
    with Database.open(db_path) as db, db.read_session() as s:
        found = s.execute(text("SELECT last_name, mobile_e164 FROM contacts ORDER BY 1")).all()
    assert [tuple(r) for r in found] == [("Lefèvre", "+33612345678"), ("Smith", None)]
