"""One writer per notebook: the command line honours the window's `notebook.lock`, and back.

The window holds `notebook.lock` through QLockFile, which creates the file exclusively, keeps
it open with an exclusive flock() while it runs, and writes "pid\\napp\\nhost\\n" into it. A
command that writes does the same without Qt: while either holds the flock, the other cannot
take the file (QLockFile only removes a lock it can flock itself). A lock nobody holds any
more (a crashed or killed app) is taken over.
"""

from __future__ import annotations

import fcntl
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sales_notebook.paths import DataPaths
from sales_notebook.store.errors import KnownError, storage_errors

LOCK_NAME = "notebook.lock"  # the same file as ui/single_instance.py's NotebookLock
# A lock file nobody has flock()ed for this long is left over, whatever pid it names.
SETTLE_S = 5.0
# How long a holder that has just locked the file may take to write its pid and name into it.
HOLDER_WRITES_S = 1.0


class NotebookInUse(KnownError):
    """Another program (the window, or another command) is writing to this notebook."""

    def __init__(self, paths: DataPaths, holder: str) -> None:
        super().__init__(
            f"The notebook in {paths.root} is open in {holder}. Close the Sales Notebook window "
            "(or wait for that command to finish) and run this again; nothing was changed."
        )


def lock_holder(path: Path) -> str:
    """Who holds the lock, in words, from the lines QLockFile (or we) wrote."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return _describe("")
    try:
        return _held_by(fd)
    finally:
        os.close(fd)


def _held_by(fd: int) -> str:
    """Who holds the open lock file `fd`. A holder locks the file first and writes its lines
    just after (QLockFile as well), so a file found locked but still empty is given a moment
    to say who holds it: read too soon, a command would be taken for a window."""
    deadline = time.monotonic() + HOLDER_WRITES_S
    while True:
        try:
            text = os.pread(fd, 4096, 0).decode("utf-8", errors="replace")
        except OSError:
            text = ""
        if text.count("\n") >= 2 or time.monotonic() > deadline:
            return _describe(text)
        time.sleep(0.005)


def _describe(text: str) -> str:
    lines = text.splitlines()
    pid = lines[0].strip() if lines else ""
    app = lines[1].strip() if len(lines) > 1 else ""
    what = f"`{app}`" if app.startswith("sales-notebook ") else "another Sales Notebook window"
    return f"{what} (process {pid})" if pid.isdigit() else what


@contextmanager
def writer_lock(paths: DataPaths, purpose: str) -> Iterator[None]:
    """Hold the notebook's lock while the block runs, or raise NotebookInUse."""
    path = paths.root / LOCK_NAME
    with storage_errors(paths.database):
        fd = _acquire(paths, path, purpose)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(fd)  # closing drops the flock


def _acquire(paths: DataPaths, path: Path, purpose: str) -> int:
    for _attempt in range(100):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            _take_over_if_stale(paths, path)
            continue
        if not _flock_new_file(fd):
            os.close(fd)
            raise NotebookInUse(paths, lock_holder(path))
        try:
            os.write(fd, f"{os.getpid()}\n{purpose}\n{socket.gethostname()}\n".encode())
            os.fsync(fd)
        except OSError:  # a full disk: leave no lock behind
            path.unlink(missing_ok=True)
            os.close(fd)
            raise
        return fd
    raise NotebookInUse(paths, lock_holder(path))


def _flock_new_file(fd: int) -> bool:
    """Lock the file we have just created. Another command may have opened it to check
    whether its holder is gone, and hold its flock for that moment: it then sees a fresh file
    with no pid yet, lets go and waits, so we try again for a while rather than report it
    as the holder (it holds nothing)."""
    deadline = time.monotonic() + SETTLE_S
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)


def _take_over_if_stale(paths: DataPaths, path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return  # released meanwhile: try to create it again
    wait = False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise NotebookInUse(paths, _held_by(fd)) from None
        # Nobody holds it. Remove it only if it is still the file we locked.
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same and _holder_gone(path):
            path.unlink(missing_ok=True)
        else:
            wait = same
    finally:
        os.close(fd)
    if wait:
        time.sleep(0.05)  # its holder is about to lock it: let go of it and look again


def _holder_gone(path: Path) -> bool:
    # Holders lock the file right after creating it: one that has not yet is given a moment.
    if time.time() - path.stat().st_mtime > SETTLE_S:
        return True
    text = path.read_text("utf-8", errors="replace").split("\n", 1)[0].strip()
    if not text.isdigit():
        return False
    try:
        os.kill(int(text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return int(text) == os.getpid()
