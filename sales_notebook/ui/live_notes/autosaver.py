"""Invisible, total autosave: debounced, off the keystroke path, flushed on demand.

textChanged -> mark_dirty() -> debounce timer (or the max-wait timer during continuous
typing) -> snapshot (the text, and where the markers sit) -> the notebook's ordered Writer
(one worker thread) -> save -> the result back on the GUI thread -> saved(datetime).

Public API (the live notes pane and the review pane use it the same way):

- `Autosaver(save, snapshot, writer)`: `save(key, snapshot) -> datetime` runs on the writer's
  thread; `snapshot()` runs on the GUI thread and returns any value compared with ==.
- `attach(key, stored)`: save for this key (a call id) from now on; `stored` is what is on disk.
- `mark_dirty()` on every edit; `flush(wait=False)` to save now (focus out, pane switch, quit).
- `submit(job, on_done)`: another write, in order with the saves.
- Signals: `saved(datetime)` only once the save's UPDATE touched its row; `failed(message)`
  when a save failed and will be retried; `lost(message)` when the row is gone (deleted, the
  file replaced): saving stops, what was typed stays with the caller; `slow()` when a save has
  waited SLOW_MS (the file is busy) and has not failed yet.
- `failing` (the message of a failure not yet cured) and `unsaved` (typing not yet on disk).

Threads: only the GUI thread reads or writes this object's state (`_dirty`, `_last`, the
timers). The worker runs `save` on a snapshot taken on the GUI thread and hands its result or
its error back through the Writer's queued signal, so there is nothing to lock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from sales_notebook.store.calls import CallGone
from sales_notebook.store.errors import classify
from sales_notebook.store.file_identity import NotebookMoved
from sales_notebook.ui.crash import report_bug
from sales_notebook.ui.writer import Writer

log = logging.getLogger(__name__)

# Idle pause before saving, and the longest typing may go unsaved: together they keep
# the loss from a crash or power cut under the spec's "last second of typing".
IDLE_MS = 500
MAX_WAIT_MS = 1000
# After a failed save: try again after these pauses (the last one repeats) until one works.
RETRY_MS = (250, 500, 1000, 2000)
# A save still under way after this long is shown as such (another program holds the file).
SLOW_MS = 1500

SaveFn = Callable[[int, Any], datetime]
_NOTHING = object()  # "not known to be on disk": differs from every snapshot


class Autosaver(QObject):
    """Saves one call's notes at most IDLE_MS after typing stops and every MAX_WAIT_MS during it."""

    saved = Signal(object)  # datetime of the save
    failed = Signal(str)
    lost = Signal(str)
    slow = Signal()  # the newest save has been under way for SLOW_MS

    def __init__(
        self,
        save: SaveFn,
        snapshot: Callable[[], Any],
        writer: Writer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._snapshot = snapshot
        self._own_writer = writer is None
        self.writer = writer if writer is not None else Writer(parent=self)
        self._key: int | None = None
        self._epoch = 0  # bumped by attach(): results for an earlier call are ignored
        self._dirty = False
        self._last: Any = _NOTHING  # the last snapshot handed to the writer
        self._submitted = 0  # number of the last save handed over
        self._stored = 0  # number of the last save known to be on disk
        self._problem: str | None = None
        self._lost: str | None = None
        self._retries = 0
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._max_wait = QTimer(self, singleShot=True, interval=MAX_WAIT_MS)
        self._retry = QTimer(self, singleShot=True)
        for timer in (self._idle, self._max_wait, self._retry):
            timer.timeout.connect(self.flush)
        self._slow = QTimer(self, singleShot=True, interval=SLOW_MS)
        self._slow.timeout.connect(self.slow)

    @property
    def dirty(self) -> bool:
        """Edits not yet handed to the writer."""
        return self._dirty

    @property
    def failing(self) -> str | None:
        """Why the last save failed, until a save works again (None: all is well)."""
        return self._lost or self._problem

    @property
    def is_lost(self) -> bool:
        return self._lost is not None

    @property
    def unsaved(self) -> bool:
        """Something typed is not known to be on disk yet."""
        return self._key is not None and (
            self._dirty or self._stored < self._submitted or self.failing is not None
        )

    def attach(self, key: int | None, stored: Any = _NOTHING) -> None:
        """Save for this key (a call id; None: nothing) from now on; `stored` is on disk."""
        self._epoch += 1
        self._key = key
        self._last = stored
        self._dirty = False
        self._submitted = self._stored = 0
        self._problem = self._lost = None
        self._retries = 0
        for timer in (self._idle, self._max_wait, self._retry, self._slow):
            timer.stop()

    def mark_dirty(self) -> None:
        """Called on every edit: cheap, it only (re)starts timers."""
        if self._key is None:
            return
        self._dirty = True
        if self._lost is not None:
            return  # nowhere to save to; the caller offers what to do with the text
        self._idle.start()
        if not self._max_wait.isActive():
            self._max_wait.start()

    def flush(self, wait: bool = False) -> None:
        """Save now if anything changed; with `wait`, return once the outcome is known (the
        signals have been emitted). A failure is reported through `failed`, never raised."""
        for timer in (self._idle, self._max_wait, self._retry):
            timer.stop()
        if self.writer.closed:
            return  # after the window's last flush: what is unsaved was told (or rescued)
        if self._dirty and self._key is not None and self._lost is None:
            self._dirty = False
            snapshot = self._snapshot()
            if snapshot != self._last:
                self._last = snapshot
                self._submitted += 1
                self._slow.start()
                number, epoch = self._submitted, self._epoch
                self.writer.submit(
                    partial(self._save, self._key, snapshot),
                    on_done=lambda when: self._stored_ok(epoch, number, when),
                    on_error=lambda exc: self._store_failed(epoch, number, exc),
                )
        if wait and self.writer.busy:  # nothing under way: nothing to wait for
            self.writer.drain()

    def submit(
        self, job: Callable[[], object], on_done: Callable[[Any], None] | None = None
    ) -> None:
        """Run another write of the call on the writer, after the saves queued so far. A
        failure is reported through `failed` (a bug is logged with its traceback too)."""
        self.writer.submit(job, on_done=on_done, on_error=self._other_failed)

    def shutdown(self) -> None:
        """Flush, wait for the disk, and stop the writer this autosaver owns."""
        if self.writer.closed:
            return
        self.flush(wait=True)
        for timer in (self._idle, self._max_wait, self._retry):
            timer.stop()  # a failed last save must not retry into a closed writer
        if self._own_writer:
            self.writer.close()

    # -- outcomes, on the GUI thread --------------------------------------------------------

    def _stored_ok(self, epoch: int, number: int, when: datetime) -> None:
        if epoch != self._epoch:
            return
        self._stored = max(self._stored, number)
        if number == self._submitted:  # the newest text is on disk
            self._slow.stop()
            self._problem = None
            self._retries = 0
            self.saved.emit(when)

    def _store_failed(self, epoch: int, number: int, exc: BaseException) -> None:
        if epoch != self._epoch:
            return
        if number == self._submitted:
            self._slow.stop()
        if isinstance(exc, CallGone | NotebookMoved):
            self._lost = str(exc)
            self._dirty = True  # what was typed is still owed to some disk
            log.warning("Autosave stopped: %s", type(exc).__name__)
            self.lost.emit(self._lost)
            return
        if number == self._submitted:  # a later save would carry the same words
            self._dirty = True
            self._last = _NOTHING
            delay = RETRY_MS[min(self._retries, len(RETRY_MS) - 1)]
            self._retries += 1
            self._retry.start(delay)
        first = self._problem is None
        self._problem = describe(exc, report=first)
        self.failed.emit(self._problem)

    def _other_failed(self, exc: BaseException) -> None:
        self.failed.emit(describe(exc, report=True))


def describe(exc: BaseException, report: bool = True) -> str:
    """A failed write in words. A known error (by SQLite code or errno) says what to do; any
    other is a bug: with `report`, logged with its traceback and shown in the crash dialog."""
    known = classify(exc)
    if known is not None:
        log.warning("A write failed: %s", type(known).__name__)
        return str(known)
    if report:
        report_bug(exc)
    else:
        log.error("A write failed again: %s", type(exc).__name__)
    return (
        f"Saving failed because of an unexpected error ({type(exc).__name__}). It is retried; "
        "the details are in the log."
    )
