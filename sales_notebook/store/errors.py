"""Errors the user can understand and act on, as opposed to bugs (which keep their traceback)."""

from __future__ import annotations

from pathlib import Path


class KnownError(Exception):
    """A problem with the user's files or machine, told to them in plain words."""


class CorruptNotebook(KnownError):
    """The notebook file is damaged or is not a notebook at all."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"The notebook file {path} cannot be read ({detail}). "
            "It has been left exactly as it is."
        )
        self.path = path


class NewerNotebook(KnownError):
    """The file was written by a newer Sales Notebook than this one."""

    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"The notebook file {path} was written by a newer version of Sales Notebook "
            f"(schema {revision}). Please update the app; the file has not been changed."
        )
        self.path = path


class InvalidInput(KnownError):
    """Input the user gave (a name, an import file) that cannot be accepted as it is."""
