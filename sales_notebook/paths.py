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
        """Create the data dir (0700, private to this user) if it is not there yet.

        An existing folder keeps the mode its owner gave it: one they made read-only stays
        read-only, and writes to it get a clear message instead.
        """
        from sales_notebook.store.errors import KnownError, storage_errors

        if self.root.exists() and not self.root.is_dir():
            raise KnownError(
                f"{self.root} is a file, not a folder: the notebook needs a folder of its own. "
                "Give --data-dir (or SALES_NOTEBOOK_DATA_DIR) a folder's path."
            )
        if not self.root.is_dir():
            with storage_errors(self.root):
                try:
                    self.root.mkdir(parents=True, mode=0o700)
                except FileExistsError:
                    return self.ensure()  # another start made it a moment ago
                os.chmod(self.root, 0o700)  # mkdir's mode is masked by the umask
        return self

    def require_notebook(self) -> DataPaths:
        """For commands that only read: a missing notebook is a mistyped path, said as such."""
        from sales_notebook.store.errors import KnownError

        if self.root.exists() and not self.root.is_dir():
            self.ensure()  # the same message as for writing commands
        if not self.database.is_file():
            where = "folder does not exist" if not self.root.exists() else "folder holds none"
            raise KnownError(
                f"There is no notebook in {self.root} (the {where}). Check the path; "
                "a new notebook is made by opening the app or by `sales-notebook demo`."
            )
        return self


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> DataPaths:
    """--data-dir wins, then SALES_NOTEBOOK_DATA_DIR, then the platform's user data dir."""
    if cli_value is not None:
        if not str(cli_value).strip():
            from sales_notebook.store.errors import KnownError

            raise KnownError("--data-dir is empty: give the folder of the notebook.")
        return DataPaths(Path(cli_value).expanduser().resolve())
    env = os.environ.get(ENV_VAR)
    if env:
        return DataPaths(Path(env).expanduser().resolve())
    # Imported here so that nothing touches the platform dirs at import time.
    from platformdirs import user_data_path

    return DataPaths(user_data_path(APP_ID, appauthor=False))
