"""Invisible, total autosave: debounced, off the keystroke path, flushed on demand.

textChanged -> mark_dirty() -> debounce timer (or the max-wait timer during continuous
typing) -> snapshot (the text, and where the markers sit) -> one worker thread -> save ->
saved(datetime) back on the GUI thread. Other writes of the call (a marker's row) go through
`submit()` onto the same thread, so they reach the disk in the order they happened.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from sales_notebook.store.errors import KnownError

# Idle pause before saving, and the longest typing may go unsaved: together they keep
# the loss from a crash or power cut under the spec's "last second of typing".
IDLE_MS = 500
MAX_WAIT_MS = 1000

# The snapshot is the text, or any value compared with == (text plus marker places).
SaveFn = Callable[[int, Any], datetime]


class Autosaver(QObject):
    """Saves one call's notes at most IDLE_MS after typing stops and every MAX_WAIT_MS during it."""

    saved = Signal(object)  # datetime of the save
    failed = Signal(str)

    def __init__(self, save: SaveFn, snapshot: Callable[[], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._save = save
        self._snapshot = snapshot
        self._call_id: int | None = None
        self._dirty = False
        self._last_text: Any = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._pending: Future[None] | None = None
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._max_wait = QTimer(self, singleShot=True, interval=MAX_WAIT_MS)
        self._idle.timeout.connect(self.flush)
        self._max_wait.timeout.connect(self.flush)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def attach(self, call_id: int | None, text: Any = None) -> None:
        """Save for this call from now on (None: no call); `text` is what is already stored."""
        self._call_id = call_id
        self._last_text = text
        self._dirty = False
        self._idle.stop()
        self._max_wait.stop()

    def mark_dirty(self) -> None:
        """Called on every edit: cheap, it only (re)starts timers."""
        if self._call_id is None:
            return
        self._dirty = True
        self._idle.start()
        if not self._max_wait.isActive():
            self._max_wait.start()

    def flush(self, wait: bool = False) -> None:
        """Save now if anything changed; with `wait`, return only once it is on disk."""
        self._idle.stop()
        self._max_wait.stop()
        if self._dirty and self._call_id is not None:
            self._dirty = False
            text = self._snapshot()
            if text != self._last_text:
                self._last_text = text
                self._pending = self._worker.submit(self._write, self._call_id, text)
        if wait and self._pending is not None:
            self._pending.result()

    def submit(self, job: Callable[[], object]) -> None:
        """Run another write of the call on the save thread, after the saves queued so far."""
        self._pending = self._worker.submit(self._run, job)

    def _run(self, job: Callable[[], object]) -> None:
        try:
            job()
        except KnownError as exc:
            self.failed.emit(str(exc))

    def _write(self, call_id: int, text: Any) -> None:
        try:
            self.saved.emit(self._save(call_id, text))
        except KnownError as exc:
            self._dirty = True  # try again at the next edit or flush
            self._last_text = None
            self.failed.emit(str(exc))

    def shutdown(self) -> None:
        """Flush and stop the worker thread."""
        self.flush(wait=True)
        self._worker.shutdown(wait=True)
