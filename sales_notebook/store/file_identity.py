"""Is the notebook file still the one the window opened?

An open SQLite connection keeps writing to the file it opened even after another program
deleted it or renamed another file over it: every save would then "succeed" into a file nobody
will ever open again. The window checks the file's identity (device and inode) before each write.

The same holds for the write-ahead log beside it (`notebook.db-wal`): deleted by another
program (a cleaner, a user tidying up), it lives on in the open connections, and every save
since the last checkpoint would vanish at the next crash while the status bar said "Saved".
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from sales_notebook.store.errors import KnownError

log = logging.getLogger(__name__)


class NotebookMoved(KnownError):
    """The notebook file was deleted or replaced while the window had it open."""


class FileIdentity:
    """The device and inode of the notebook file when it was opened, and of its log.

    `save_log_pages` (Database.save_log_pages) is run when the log was deleted or replaced."""

    def __init__(self, path: Path, save_log_pages: Callable[[], None] | None = None) -> None:
        self.path = path
        self._log_path = path.with_name(path.name + "-wal")
        self._save_log_pages = save_log_pages
        self._identity = _identity_of(path)
        self._log = _identity_of(self._log_path)

    def adopt(self) -> None:
        """The file now at the path is the notebook from now on."""
        self._identity = _identity_of(self.path)
        self._log = _identity_of(self._log_path)

    def check(self) -> None:
        """Raise NotebookMoved if the file is gone or is another file now; write a deleted
        log's pages into the notebook file before anything else is written."""
        now = _identity_of(self.path)
        if now == self._identity:
            self._check_log()
            return
        what = "deleted" if now is None else "replaced by another file"
        raise NotebookMoved(
            f"The notebook file {self.path} was {what} by another program while this window "
            "had it open, so the latest notes could not be saved into it. What you typed is "
            "still here."
        )

    def _check_log(self) -> None:
        now = _identity_of(self._log_path)
        if self._log is not None and now != self._log and self._save_log_pages is not None:
            log.warning("The notebook's write-ahead log was deleted or replaced by another program")
            self._save_log_pages()  # raises (and is tried again at the next write) if it fails
            now = _identity_of(self._log_path)
        self._log = now


def _identity_of(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_dev, stat.st_ino
