"""Is the notebook file still the one the window opened?

An open SQLite connection keeps writing to the file it opened even after another program
deleted it or renamed another file over it: every save would then "succeed" into a file nobody
will ever open again. The window checks the file's identity (device and inode) before each write.
"""

from __future__ import annotations

import os
from pathlib import Path

from sales_notebook.store.errors import KnownError


class NotebookMoved(KnownError):
    """The notebook file was deleted or replaced while the window had it open."""


class FileIdentity:
    """The device and inode of the notebook file when it was opened."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._identity = self._read()

    def _read(self) -> tuple[int, int] | None:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return None
        return stat.st_dev, stat.st_ino

    def adopt(self) -> None:
        """The file now at the path is the notebook from now on."""
        self._identity = self._read()

    def check(self) -> None:
        """Raise NotebookMoved if the file is gone or is another file now."""
        now = self._read()
        if now == self._identity:
            return
        what = "deleted" if now is None else "replaced by another file"
        raise NotebookMoved(
            f"The notebook file {self.path} was {what} by another program while this window "
            "had it open, so the latest notes could not be saved into it. What you typed is "
            "still here."
        )
