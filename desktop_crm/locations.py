"""Where the database lives: --db, then $DESKTOP_CRM_DB, then the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_DB = "DESKTOP_CRM_DB"
DATA_DIR_NAME = "desktop-crm"
DB_FILE_NAME = "crm.sqlite"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(DATA_DIR_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    chosen = cli_value or os.environ.get(ENV_DB) or default_db_path()
    return Path(chosen).expanduser()


def backups_dir(db_path: Path) -> Path:
    """Backups sit beside the database, so moving the folder moves them too."""
    return db_path.parent / "backups"
