"""The desktop-crm command: help everywhere, headless jobs, and clear errors on bad input."""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from desktop_crm import __version__
from desktop_crm.cli import EXIT_ERROR, EXIT_OK, build_parser, main
from desktop_crm.models import Account, PipelineStage
from desktop_crm.models.database import Database


def all_parsers() -> list[argparse.ArgumentParser]:
    root = build_parser()
    parsers = [root]
    for action in root._actions:
        if isinstance(action, argparse._SubParsersAction):
            parsers.extend(action.choices.values())
    return parsers


def test_every_command_and_option_has_help_text() -> None:
    root = build_parser()
    subcommands = next(a for a in root._actions if isinstance(a, argparse._SubParsersAction))
    missing = [
        name
        for name, choice in subcommands._name_parser_map.items()
        if not any(c.dest == name and c.help for c in subcommands._choices_actions)
    ]
    for parser in all_parsers():
        missing += [
            f"{parser.prog} {a.dest}"
            for a in parser._actions
            if not isinstance(a, argparse._SubParsersAction) and not a.help
        ]
    assert missing == []
    assert {"init", "demo", "doctor", "backup", "restore"} <= set(subcommands.choices)


def test_version_from_the_installed_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop_crm", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"desktop-crm {__version__}"


def test_init_creates_the_database_with_a_french_pipeline(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "init", "--language", "fr"]) == EXIT_OK
    assert f"Created {db_path}" in capsys.readouterr().out
    with Database.open(db_path) as db, db.read_session() as s:
        stages = s.scalars(select(PipelineStage.name).order_by(PipelineStage.position)).all()
    assert stages[0] == "Prospection"
    assert stages[-2:] == ["Gagné", "Perdu"]


def test_init_twice_keeps_one_pipeline(db_path: Path) -> None:
    for _ in range(2):
        assert main(["--db", str(db_path), "init"]) == EXIT_OK
    with Database.open(db_path) as db, db.read_session() as s:
        assert len(s.scalars(select(PipelineStage.pipeline_id).distinct()).all()) == 1


def test_the_environment_variable_chooses_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("DESKTOP_CRM_DB", str(path))
    assert main(["init"]) == EXIT_OK
    assert path.exists()


def test_doctor_reports_versions_features_and_schema(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--db", str(db_path), "init"])
    code = main(["--db", str(db_path), "doctor"])
    out = capsys.readouterr().out
    for expected in (
        __version__,
        sqlite3.sqlite_version,
        "FTS5 full-text search",
        "(up to date)",
        "Integrity (quick_check)",
        "Password keyring",
        "Qt platform",
        str(db_path),
    ):
        assert expected in out
    assert code in (EXIT_OK, EXIT_ERROR)  # a machine without a keyring is reported, not hidden
    assert ("No problems found." in out) == (code == EXIT_OK)


def test_backup_then_restore_brings_back_the_saved_records(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Database.open(db_path) as db, db.session() as s, s.begin():
        s.add(Account(name="Saved"))
    backup_file = tmp_path / "saved.sqlite"
    assert main(["--db", str(db_path), "backup", str(backup_file)]) == EXIT_OK
    with Database.open(db_path) as db, db.session() as s, s.begin():
        s.add(Account(name="After the backup"))
    assert main(["--db", str(db_path), "restore", str(backup_file)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "The previous database was kept as" in out
    with Database.open(db_path) as db, db.read_session() as s:
        assert s.scalars(select(Account.name)).all() == ["Saved"]
    safety = next((db_path.parent / "backups").glob("*before-restore*.sqlite"))
    with Database.open(safety) as kept, kept.read_session() as s:
        assert sorted(s.scalars(select(Account.name))) == ["After the backup", "Saved"]


def test_backup_works_while_the_database_is_open(db_path: Path, tmp_path: Path) -> None:
    with Database.open(db_path):
        assert main(["--db", str(db_path), "backup", str(tmp_path / "live")]) == EXIT_OK
    assert len(list((tmp_path / "live").glob("*.sqlite"))) == 1


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_newer(path: Path) -> None:
    Database.open(path).close()
    raw = sqlite3.connect(path)
    raw.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    raw.commit()
    raw.close()


def make_corrupt(path: Path) -> None:
    Database.open(path).close()
    data = bytearray(path.read_bytes())
    data[4096:12288] = b"\xde\xad\xbe\xef" * 2048  # the pages after the header
    path.write_bytes(bytes(data))


def make_other_sqlite(path: Path) -> None:
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE recipes (name TEXT)")
    raw.commit()
    raw.close()


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        (lambda p: p.write_bytes(b"name;email\nDupont;d@x.fr\n"), "is not a Desktop CRM database"),
        (lambda p: p.write_bytes(b"\x00" * 50_000), "is not a Desktop CRM database"),
        (make_other_sqlite, "is an SQLite database, but not a Desktop CRM one"),
        (make_newer, "was written by a newer version of Desktop CRM"),
        (make_corrupt, "is damaged (corrupt)"),
    ],
    ids=["text-file", "zeros", "other-sqlite", "newer-version", "corrupt"],
)
@pytest.mark.parametrize("command", [["init"], ["demo", "--contacts", "5"]])
def test_bad_database_files_get_one_sentence_and_stay_untouched(
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    prepare,
    message: str,  # type: ignore[no-untyped-def]
    command: list[str],
) -> None:
    prepare(db_path)
    before = digest(db_path)
    assert main(["--db", str(db_path), *command]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert digest(db_path) == before


def test_a_second_instance_is_refused_while_the_first_writes(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Database.open(db_path):
        assert main(["--db", str(db_path), "init"]) == EXIT_ERROR
    assert "already open in another Desktop CRM" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("make_path", "message"),
    [
        (lambda tmp: tmp / "a-file.txt" / "crm.sqlite", "is not a folder"),
        (lambda tmp: tmp, "is a folder, not a database file"),
        (lambda tmp: Path("/proc/desktop-crm-test/crm.sqlite"), "cannot be created"),
    ],
    ids=["parent-is-a-file", "path-is-a-folder", "unwritable-folder"],
)
def test_unusable_paths_get_one_sentence(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make_path,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    (tmp_path / "a-file.txt").write_text("not a folder")
    assert main(["--db", str(make_path(tmp_path)), "init"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        (lambda p: p.write_text("hello"), "is not a Desktop CRM database"),
        (make_newer, "comes from a newer version"),
        (make_other_sqlite, "not a Desktop CRM backup"),
    ],
    ids=["text", "newer", "other-sqlite"],
)
def test_restore_refuses_bad_backups_and_keeps_the_database(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    prepare,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    with Database.open(db_path) as db, db.session() as s, s.begin():
        s.add(Account(name="Keep me"))
    bad = tmp_path / "bad.sqlite"
    prepare(bad)
    assert main(["--db", str(db_path), "restore", str(bad)]) == EXIT_ERROR
    assert message in capsys.readouterr().err
    with Database.open(db_path) as db, db.read_session() as s:
        assert s.scalars(select(Account.name)).all() == ["Keep me"]


def test_restore_replaces_a_corrupt_database(db_path: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.sqlite"
    with Database.open(good) as db, db.session() as s, s.begin():
        s.add(Account(name="Rescued"))
    make_corrupt(db_path)
    assert main(["--db", str(db_path), "restore", str(good)]) == EXIT_OK
    with Database.open(db_path) as db, db.read_session() as s:
        assert s.scalars(select(Account.name)).all() == ["Rescued"]


def test_demo_rejects_a_non_positive_count(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--contacts", "0"])
    assert exit_info.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err


def test_dedupe_prints_groups_and_health_figures_as_json(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from desktop_crm.models import Contact
    from desktop_crm.services.data_health import health_report
    from desktop_crm.services.dedupe import mark_not_duplicates

    with Database.open(db_path) as db, db.session() as s, s.begin():
        s.add_all(
            [
                Contact(id="j1", first_name="Jean", last_name="Dupont", email="jd@x.fr",
                        email_normalized="jd@x.fr", phone_e164="+33612345678"),
                Contact(id="j2", first_name="Jean", last_name="Dupond", email="JD@x.fr",
                        email_normalized="jd@x.fr", phone_e164="+33612345678"),
                Contact(id="m1", first_name="Marie", last_name="Curie", email="mc@x.fr",
                        email_normalized="mc@x.fr"),
                Contact(id="m2", first_name="Marie", last_name="Curie", email="mc@x.fr",
                        email_normalized="mc@x.fr"),
                Contact(id="p1", last_name="Petit"),
            ]
        )  # fmt: skip
        s.flush()
        mark_not_duplicates(s, "contact", ["m1", "m2"])
    capsys.readouterr()
    assert main(["--db", str(db_path), "dedupe", "--object", "contacts", "--json"]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    assert (report["object"], report["records"], report["threshold"]) == ("contact", 5, 70)
    assert report["all_pairs"] == 10
    assert report["dismissed_pairs"] == 1
    [group] = report["groups"]
    assert sorted(r["id"] for r in group["records"]) == ["j1", "j2"]
    assert {"same e-mail", "same phone"} <= set(group["pairs"][0]["reasons"])
    assert report["suspected_duplicates"] == 2
    contacts = report["health"]["contact"]
    no_email = next(f for f in contacts["problems"] if f["key"] == "contact.no_email")
    assert (no_email["count"], no_email["share"]) == (1, 0.2)
    assert no_email["conditions"] == [
        {"key": "email", "op": "empty", "value": None, "value2": None}
    ]
    assert set(report["health"]) == {"contact", "account", "lead", "opportunity"}
    with Database.open(db_path) as db, db.read_session() as s:
        expected = health_report(s, "contact")
    assert [f["missing"] for f in contacts["fill_rates"]] == [f.count for f in expected.fill_rates]


def test_dedupe_text_report_and_a_threshold_out_of_range(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop_crm.services.sample_data import generate

    with Database.open(db_path) as db:
        generate(db.session, 300, seed=2, language="en")
    capsys.readouterr()
    assert main(["--db", str(db_path), "dedupe", "--object", "accounts", "--limit", "1"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "possible duplicate accounts among" in out
    assert "Data health" in out
    assert "Accounts without address" in out
    with pytest.raises(SystemExit):
        main(["--db", str(db_path), "dedupe", "--threshold", "101"])
    assert "not a score from 0 to 100" in capsys.readouterr().err


# --- import, history, undo (issue #6) ---------------------------------------------------------

FRENCH_CSV = (
    "Prénom;Nom;Société;Courriel;Portable;Montant\r\n"
    "Jean;Dupont;Dupont SARL;jean@dupont.fr;06 12 34 56 78;12 345,50 €\r\n"
    "Paul;Durand;Acme;paul@@acme;06 99;\r\n"
)


def test_import_history_and_undo_from_the_command_line(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(FRENCH_CSV.encode("cp1252"))
    errors = tmp_path / "errors.csv"
    argv = ["--db", str(db_path), "import", str(source), "--object", "contacts"]
    assert main([*argv, "--errors-csv", str(errors), "--map", "Montant=-"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "encoding cp1252, delimiter ';'" in out
    assert "1 created, 0 updated, 0 skipped as duplicates, 1 with errors, 1 accounts created" in out
    assert "export.csv, row 3, column “Courriel”: “paul@@acme” is not a valid e-mail" in out
    assert "is not a valid e-mail address" in errors.read_text(encoding="utf-8-sig")
    operation_id = out.split("desktop-crm undo --operation ")[1].split()[0]

    assert main(["--db", str(db_path), "history"]) == EXIT_OK
    assert f"{operation_id}" in capsys.readouterr().out.splitlines()[0]

    # The same file again: every good row is a duplicate, so nothing is imported.
    assert main(argv) == EXIT_ERROR
    assert "1 skipped as duplicates" in capsys.readouterr().out

    assert main(["--db", str(db_path), "undo", "--operation", operation_id]) == EXIT_OK
    assert "Undone “Import export.csv”" in capsys.readouterr().out
    with Database.open(db_path) as db, db.read_session() as s:
        assert s.scalars(select(Account.name)).all() == []
    assert main(["--db", str(db_path), "undo", "--operation", operation_id]) == EXIT_ERROR
    assert "already undone" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"", [], "empty.csv is empty."),
        (b"Nom;Ville\r\n", [], "has a header row but no data rows"),
        (bytes(range(256)) * 4, [], "is not a text file"),
        (b"Nom;Ville\nDupont;Paris\n", ["--mapping", "Nope"], "no saved mapping named 'Nope'"),
        (b"Prenom;Ville\nJean;Paris\n", [], "No column is mapped to Last name"),
        (b"Nom;Ville\nDupont;Paris\n", ["--map", "Pays=country"], "has no column 'Pays'"),
        (b"Nom;Ville\nDupont;Paris\n", ["--map", "Ville=town"], "'town' is not a field"),
    ],
)
def test_a_bad_import_says_why_and_exits_non_zero(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    args: list[str],
    message: str,
) -> None:
    source = tmp_path / "empty.csv"
    source.write_bytes(content)
    assert main(["--db", str(db_path), "import", str(source), *args]) != EXIT_OK
    assert message in capsys.readouterr().err


def test_an_import_dry_run_writes_nothing(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(FRENCH_CSV.encode("cp1252"))
    assert main(["--db", str(db_path), "import", str(source), "--dry-run"]) == EXIT_OK
    assert "Would import export.csv: 2 rows, 1 created" in capsys.readouterr().out
    with Database.open(db_path) as db, db.read_session() as s:
        assert s.scalars(select(Account.name)).all() == []


def test_an_import_refused_for_errors_exits_non_zero(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(FRENCH_CSV.encode("cp1252"))
    argv = ["--db", str(db_path), "import", str(source), "--refuse-on-errors"]
    assert main(argv) == EXIT_ERROR
    assert "Refused export.csv: 1 of 2 rows have errors" in capsys.readouterr().out
    with Database.open(db_path) as db, db.read_session() as s:
        assert s.scalars(select(Account.name)).all() == []


# --- report (issue #5) ----------------------------------------------------------------------


def test_report_writes_the_dashboard_pdf_and_pngs(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    assert main(["--db", str(db_path), "demo", "--contacts", "150", "--language", "fr"]) == EXIT_OK
    with Database.open(db_path) as db, db.read_session() as session:
        owner = session.execute(text("SELECT name FROM users ORDER BY name LIMIT 1")).scalar_one()
    capsys.readouterr()
    out = tmp_path / "report.pdf"
    args = ["--db", str(db_path), "report", "--period", "2026-Q3", "--out", str(out)]
    assert main([*args, "--owner", owner, "--png", str(tmp_path / "png")]) == EXIT_OK
    printed = capsys.readouterr().out
    assert f"Wrote {out}: 8 pages" in printed
    pages = PdfReader(out).pages
    assert len(pages) == 8
    assert all(f"Owner: {owner}" in " ".join(p.extract_text().split()) for p in pages)
    assert all("Period: 2026-Q3 (2026-07-01 – 2026-09-30)" in p.extract_text() for p in pages)
    assert len(list((tmp_path / "png").glob("dashboard-*.png"))) == 8


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--period", "Q3 2026"], "period 'Q3 2026' is not understood"),
        (["--period", "2026-Q3", "--owner", "Nobody"], "there is no user named 'Nobody'"),
        (["--period", "2026", "--pipeline", "Nope"], "there is no pipeline named 'Nope'"),
    ],
)
def test_report_refuses_bad_input_clearly(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    assert main(["--db", str(db_path), "init", "--language", "en"]) == EXIT_OK
    out = tmp_path / "report.pdf"
    assert main(["--db", str(db_path), "report", "--out", str(out), *extra]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_report_into_a_missing_folder_says_so(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "init", "--language", "en"]) == EXIT_OK
    out = tmp_path / "nowhere" / "report.pdf"
    assert main(["--db", str(db_path), "report", "--period", "2026", "--out", str(out)]) == (
        EXIT_ERROR
    )
    assert "cannot write the report" in capsys.readouterr().err
    assert not (tmp_path / "nowhere").exists()
