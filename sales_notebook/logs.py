"""The app's log: a rotating file in the data dir, private (0600), with no note text.

What goes in: start and stop, every failed write (its kind, not its content), every bug with its
traceback. What never goes in: notes, names or any other text the seller typed (the engine hides
SQL parameters, and the app logs the kind of an error, not the row it was writing).
"""

from __future__ import annotations

import io
import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from sales_notebook.paths import DataPaths

LOG_NAME = "sales-notebook.log"
MAX_BYTES = 1_000_000
KEEP = 3
FILE_MODE = 0o600
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def log_file(paths: DataPaths) -> Path:
    return paths.root / LOG_NAME


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A RotatingFileHandler whose files (the current one and each new one) are 0600."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        os.fchmod(fd, FILE_MODE)  # an older file made with a looser mode is tightened
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def setup_logging(paths: DataPaths, level: int = logging.INFO) -> Path:
    """Log to the data dir's rotating file (and keep warnings on stderr); returns its path."""
    path = log_file(paths)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, PrivateRotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
    handler = PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(True)
    return path


def stop_logging() -> None:
    """Close the log file (the app quits, or a test ends)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, PrivateRotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
