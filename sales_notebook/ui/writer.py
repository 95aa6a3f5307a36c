"""One ordered queue of writes per notebook, run off the GUI thread.

Every write the window makes while it is open (the notes' saves, markers, @mentions, attendee
ticks, checklist changes, Back up now, exports) is a job on this queue. One worker thread runs
the jobs one after another in the order they were submitted, so a marker's row is stored before
the save that moves it, and a backup holds every word typed before it was asked for.

Thread rule: a job touches no widget and no state the GUI thread reads. Its result (or the
exception it raised) goes back through a queued signal, and the callbacks given to `submit` run
on the GUI thread; ending a call is such a job too (the pane holds the notes until its answer).
`call` is the exception: it waits for its job. Only the rescue bar's "Save into a new call"
uses it, after the file was replaced, where the seller has asked to wait.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from sales_notebook.store.file_identity import FileIdentity

OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]


class WriterClosed(RuntimeError):
    """A write asked for after the window's last flush: it would never reach the disk."""


class Writer(QObject):
    """Runs write jobs in order on one worker thread; callbacks come back on the GUI thread."""

    # ticket, result, error: emitted on the worker, delivered (queued) on the GUI thread
    _finished = Signal(int, object, object)

    def __init__(self, notebook: FileIdentity | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._notebook = notebook
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notebook-writer")
        self._tickets = itertools.count(1)
        self._callbacks: dict[int, tuple[OnDone | None, OnError | None]] = {}
        self._last: Future[tuple[Any, BaseException | None]] | None = None
        self._ready: dict[int, tuple[Any, BaseException | None]] = {}
        self._closed = False
        self._finished.connect(self._deliver)

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def busy(self) -> bool:
        """Some job has not yet been delivered back to the GUI thread."""
        return bool(self._callbacks)

    def submit(
        self, job: Callable[[], Any], on_done: OnDone | None = None, on_error: OnError | None = None
    ) -> int:
        """Queue `job` after every job submitted before it; returns its ticket.

        An error with no `on_error` is logged with its traceback (never dropped)."""
        if self._closed:
            raise WriterClosed("the notebook's writer is closed")
        ticket = next(self._tickets)
        self._callbacks[ticket] = (on_done, on_error)
        self._last = self._executor.submit(self._run, ticket, job)
        return ticket

    def call(
        self, job: Callable[[], Any], timeout: float | None = None, adopt: bool = False
    ) -> Any:
        """Run `job` after the queued ones and wait for it: its result, or its exception.

        With `adopt`, the notebook file as it is now becomes the writer's file (the user chose
        to go on with a file that replaced the one the window opened)."""
        if self._closed:
            raise WriterClosed("the notebook's writer is closed")
        future = self._executor.submit(self._run_here, job, adopt)
        result, error = future.result(timeout)
        self.drain()
        if error is not None:
            raise error
        return result

    def drain(self, timeout: float | None = None) -> None:
        """Wait until every queued job has run and deliver their callbacks now."""
        last = self._last
        if last is not None:
            last.result(timeout)
        # The queued deliveries may not have reached the event loop yet: hand them over here;
        # `_deliver` ignores a ticket already handed over.
        for ticket, (result, error) in list(self._ready.items()):
            self._deliver(ticket, result, error)

    def close(self, timeout: float | None = None) -> None:
        """Run what is queued, deliver it, then stop the thread; later writes are refused."""
        if self._closed:
            return
        self.drain(timeout)
        self._closed = True
        self._executor.shutdown(wait=True)

    # -- the worker thread -------------------------------------------------------------------

    def _run(self, ticket: int, job: Callable[[], Any]) -> tuple[Any, BaseException | None]:
        outcome = self._run_here(job)
        self._ready[ticket] = outcome  # dict assignment is atomic; only `_deliver` pops it
        self._finished.emit(ticket, *outcome)
        return outcome

    def _run_here(
        self, job: Callable[[], Any], adopt: bool = False
    ) -> tuple[Any, BaseException | None]:
        try:
            if self._notebook is not None:
                if adopt:
                    self._notebook.adopt()
                self._notebook.check()
            return job(), None
        except Exception as exc:  # handed to the GUI thread, which reports it
            return None, exc

    # -- the GUI thread ----------------------------------------------------------------------

    def _deliver(self, ticket: int, result: Any, error: BaseException | None) -> None:
        self._ready.pop(ticket, None)
        callbacks = self._callbacks.pop(ticket, None)
        if callbacks is None:
            return  # already delivered by drain()
        on_done, on_error = callbacks
        if error is None:
            if on_done is not None:
                on_done(result)
        elif on_error is not None:
            on_error(error)
        else:
            raise error  # a bug: sys.excepthook logs it with its traceback and shows it once
