"""Write a file all at once or not at all (exports): a temporary file beside it, fsync'd, renamed.

A failure part-way (a full disk, a killed app) leaves the old file, or none, never half of one.
The file is private (0600) like the notebook it comes from.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO

FILE_MODE = 0o600
log = logging.getLogger(__name__)


def write_atomically(
    target: Path, write: Callable[[TextIO], object], newline: str | None = None
) -> Path:
    """Call `write(out)` on a temporary UTF-8 text file in target's folder, then rename it."""

    def fill(raw: BinaryIO) -> None:
        out = io.TextIOWrapper(raw, encoding="utf-8", newline=newline)
        try:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        finally:
            out.detach()  # the raw file is closed by _replace, once

    return _replace(Path(target), fill)


def write_bytes_atomically(target: Path, data: bytes) -> Path:
    """`data` as the whole of `target` (a PNG, an SVG), the same way."""

    def fill(raw: BinaryIO) -> None:
        raw.write(data)
        raw.flush()
        os.fsync(raw.fileno())

    return _replace(Path(target), fill)


def _replace(target: Path, fill: Callable[[BinaryIO], None]) -> Path:
    folder = target.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=folder)
    try:
        os.fchmod(handle, FILE_MODE)  # mkstemp makes it 0600 already; say so anyway
        with open(handle, "wb") as raw:
            fill(raw)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)
    return target


def _sync_folder(folder: Path) -> None:
    """The rename itself survives a power cut once the folder is synced (POSIX)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:  # some filesystems refuse it; the file's own fsync stands
        log.info("Could not fsync the folder %s: %s", folder, exc)
