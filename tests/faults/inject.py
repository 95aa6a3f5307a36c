"""Faults made on purpose: SQLite's errors by code on the nth write, and another process that
holds the notebook's write lock."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, event

from sales_notebook.store.sqlite_lib import sqlite3

SQLITE_IOERR_WRITE = 778  # SQLITE_IOERR | (3 << 8)
SQLITE_FULL = sqlite3.SQLITE_FULL


@dataclass
class Fault:
    """Counts the writes it saw and how many it failed; `clear()` ends the fault."""

    code: int
    name: str
    fail_from: int = 1  # the nth matching write is the first to fail
    times: int | None = 1  # how many fail (None: until cleared)
    seen: int = 0
    raised: int = 0
    cleared: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def clear(self) -> None:
        self.cleared = True

    def __call__(self, conn, cursor, statement: str, *args) -> None:
        if not statement.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE")):
            return
        with self.lock:
            self.seen += 1
            if self.cleared or self.seen < self.fail_from:
                return
            if self.times is not None and self.raised >= self.times:
                return
            self.raised += 1
        error = sqlite3.OperationalError(self.name)
        error.sqlite_errorcode = self.code
        error.sqlite_errorname = self.name
        raise error


@contextmanager
def failing_writes(engine: Engine, fault: Fault) -> Iterator[Fault]:
    """SQLite's error `fault.code` on the writes `fault` picks, as the driver raises it."""
    event.listen(engine, "before_cursor_execute", fault)
    try:
        yield fault
    finally:
        event.remove(engine, "before_cursor_execute", fault)


def io_error(fail_from: int = 1, times: int | None = 1) -> Fault:
    return Fault(SQLITE_IOERR_WRITE, "SQLITE_IOERR_WRITE", fail_from, times)


def disk_full(times: int | None = None) -> Fault:
    return Fault(SQLITE_FULL, "SQLITE_FULL", 1, times)


class LockHolder:
    """Another process that takes the notebook's write lock (BEGIN IMMEDIATE) and keeps it
    for `seconds`, or until `release()`."""

    def __init__(self, database: Path, seconds: float) -> None:
        code = (
            "import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)\n"
            "c.execute('BEGIN IMMEDIATE')\n"
            "print('locked', flush=True)\n"
            "sys.stdin.readline() if float(sys.argv[2]) < 0 else time.sleep(float(sys.argv[2]))\n"
            "c.execute('COMMIT')\n"
            "print('released', flush=True)\n"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, str(database), str(seconds)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        assert line == "locked", line

    def release(self) -> None:
        if self.process.poll() is None and self.process.stdin is not None:
            self.process.stdin.write("\n")
            self.process.stdin.flush()
        self.wait()

    def wait(self, timeout: float = 30) -> None:
        self.process.wait(timeout)
        if self.process.stdin is not None:
            self.process.stdin.close()
        if self.process.stdout is not None:
            self.process.stdout.close()

    @property
    def done(self) -> bool:
        return self.process.poll() is not None


def stored_notes(database: Path, call_id: int) -> str:
    """The notes as plain sqlite3 reads them (no app code in between)."""
    with sqlite3.connect(database) as conn:
        row = conn.execute("SELECT notes FROM call WHERE id = ?", (call_id,)).fetchone()
    conn.close()
    return row[0] if row else ""
