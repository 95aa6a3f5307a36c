"""Where the notebook keeps its files: one data dir holding the database, backups and settings."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sales_notebook import APP_ID

ENV_VAR = "SALES_NOTEBOOK_DATA_DIR"
DB_NAME = "notebook.db"


@dataclass(frozen=True)
class DataPaths:
    """The files of one notebook, all inside `root`."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def settings(self) -> Path:
        return self.root / "settings.ini"

    def ensure(self) -> DataPaths:
        """Create the data dir (0700), so notes are private to this user."""
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.root, 0o700)
        return self


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> DataPaths:
    """--data-dir wins, then SALES_NOTEBOOK_DATA_DIR, then the platform's user data dir."""
    if cli_value:
        return DataPaths(Path(cli_value).expanduser().resolve())
    env = os.environ.get(ENV_VAR)
    if env:
        return DataPaths(Path(env).expanduser().resolve())
    # Imported here so that nothing touches the platform dirs at import time.
    from platformdirs import user_data_path

    return DataPaths(user_data_path(APP_ID, appauthor=False))
