"""Errors the user can understand and act on, as opposed to bugs (which keep their traceback).

Database errors are told apart by SQLite's result code (`sqlite_errorcode`), never by their
text: `classify` turns the eight codes a user can do something about (and the disk errors of
the file system) into a `StorageError` whose message says what to do. Anything else is a bug
and stays as it is, to be logged with its traceback.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sales_notebook.store.sqlite_lib import sqlite3


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


class StorageError(KnownError):
    """The disk or the database file refused a read or a write; nothing was changed by it.

    `retry` says whether trying the same write again later may succeed on its own (a busy
    file, a full disk once space is freed); `damage` whether the file itself is bad.
    """

    retry = False
    damage = False
    what_to_do = ""

    def __init__(self, detail: str, path: Path | None = None, code: int | None = None) -> None:
        where = f" ({path})" if path is not None else ""
        super().__init__(f"{self.what_to_do.format(where=where)} [{detail}]")
        self.path = path
        self.code = code


class NotebookBusy(StorageError):
    retry = True
    what_to_do = (
        "The notebook{where} is busy in another program (a backup, an import or another "
        "Sales Notebook). Try again in a moment."
    )


class NotebookLocked(StorageError):
    retry = True
    what_to_do = "The notebook{where} is locked by another task of this app. Try again in a moment."


class NotebookReadOnly(StorageError):
    what_to_do = (
        "The notebook{where} cannot be written: the file, its folder or the disk is read-only "
        "or belongs to someone else. Make it writable for you, or choose another folder with "
        "--data-dir; nothing was changed."
    )


class DiskIOError(StorageError):
    retry = True
    what_to_do = (
        "The disk reported an error reading or writing the notebook{where}. Check that the "
        "drive or network share is still connected, then try again; the change was not saved."
    )


class DiskFull(StorageError):
    retry = True
    what_to_do = (
        "The disk is full: the last change to the notebook{where} was not saved. Free some "
        "space and try again; what was saved before is safe."
    )


class CannotOpen(StorageError):
    what_to_do = (
        "The notebook file{where} cannot be opened: its folder may have been moved, deleted or "
        "made inaccessible. Check that the folder exists and that you can write to it."
    )


class DamagedNotebook(StorageError):
    damage = True
    what_to_do = (
        "The notebook file{where} is damaged. Stop using it and restore the newest backup "
        "(Sales Notebook offers it when it starts; `sales-notebook check` lists the damage)."
    )


class NotADatabase(StorageError):
    damage = True
    what_to_do = (
        "The file{where} is not a Sales Notebook database (it was overwritten or is another "
        "kind of file). Restore the newest backup or choose another folder with --data-dir."
    )


# Less free space than this, and an I/O error is a full disk (SQLite needs a page or two).
FULL_BELOW_BYTES = 256 * 1024

# SQLite's primary result codes; an extended code keeps its primary one in the low byte.
_BY_SQLITE_CODE: dict[int, type[StorageError]] = {
    sqlite3.SQLITE_BUSY: NotebookBusy,
    sqlite3.SQLITE_LOCKED: NotebookLocked,
    sqlite3.SQLITE_READONLY: NotebookReadOnly,
    sqlite3.SQLITE_IOERR: DiskIOError,
    sqlite3.SQLITE_CORRUPT: DamagedNotebook,
    sqlite3.SQLITE_FULL: DiskFull,
    sqlite3.SQLITE_CANTOPEN: CannotOpen,
    sqlite3.SQLITE_NOTADB: NotADatabase,
}
_BY_ERRNO: dict[int, type[StorageError]] = {
    errno.ENOSPC: DiskFull,
    errno.EDQUOT: DiskFull,
    errno.EROFS: NotebookReadOnly,
    errno.EACCES: NotebookReadOnly,
    errno.EPERM: NotebookReadOnly,
    errno.EIO: DiskIOError,
}


def classify(exc: BaseException, path: Path | None = None) -> KnownError | None:
    """The KnownError `exc` stands for, or None when it is a bug (log it, re-raise it).

    Accepts sqlite3 errors, SQLAlchemy's wrappers of them (through `.orig`), OSErrors of the
    disk (full, read-only, I/O), a KnownError (returned as is), and any exception whose
    `__cause__` is one of those.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, KnownError):
            return current
        if isinstance(current, sqlite3.Error):
            code = getattr(current, "sqlite_errorcode", None)
            kind = _BY_SQLITE_CODE.get(code & 0xFF) if isinstance(code, int) else None
            if kind is DiskIOError and _no_room(path):
                kind = DiskFull  # SQLite says "I/O error" when it cannot grow the -shm file
            if kind is CannotOpen and _read_only_place(path):
                kind = NotebookReadOnly  # it could not create the -shm file beside it
            if kind is not None:
                name = getattr(current, "sqlite_errorname", None) or f"code {code}"
                return kind(f"{name}: {current}", path, code)
            return None
        if isinstance(current, OSError) and current.errno in _BY_ERRNO:
            where = path if path is not None else _path_of(current)
            return _BY_ERRNO[current.errno](str(current), where, None)
        orig = getattr(current, "orig", None)  # sqlalchemy.exc.DBAPIError
        current = orig if isinstance(orig, BaseException) else current.__cause__
    return None


def _folder_of(path: Path) -> Path:
    folder = path
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


def _no_room(path: Path | None) -> bool:
    """True when the disk holding `path` has (almost) no free space left."""
    if path is None:
        return False
    try:
        return shutil.disk_usage(_folder_of(path)).free < FULL_BELOW_BYTES
    except OSError:
        return False


def _read_only_place(path: Path | None) -> bool:
    """True when the folder holding `path` exists but cannot be written by this user."""
    if path is None:
        return False
    folder = _folder_of(path)
    try:
        read_only_disk = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False
    return read_only_disk or not os.access(folder, os.W_OK)


def _path_of(exc: OSError) -> Path | None:
    return Path(exc.filename) if isinstance(exc.filename, str) else None


@contextmanager
def storage_errors(path: Path | None = None) -> Iterator[None]:
    """Turn a known database or disk error raised inside into its KnownError; bugs pass as is."""
    try:
        yield
    except KnownError:
        raise
    except Exception as exc:
        known = classify(exc, path)
        if known is None:
            raise
        raise known from exc
