"""Runs searches on a worker thread, so typing never waits for the database.

Each request gets a number; only the answer to the latest one is delivered, so a slow
query finishing after a newer one cannot overwrite the newer results.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from sales_notebook.store.search import Kind, SearchFilters, SearchService


class _Relay(QObject):
    # Emitted from the worker thread; Qt queues it to the runner's (GUI) thread.
    done = Signal(int, object)


class _Job(QRunnable):
    def __init__(
        self, relay: _Relay, number: int, service: SearchService, request: tuple[object, ...]
    ) -> None:
        super().__init__()
        self._relay, self._number, self._service, self._request = relay, number, service, request

    def run(self) -> None:
        text, filters, limit, kinds = self._request
        try:
            result: object = self._service.search(text, filters, limit, kinds)  # type: ignore[arg-type]
        except Exception as exc:  # delivered to the GUI thread, which decides what to show
            result = exc
        self._relay.done.emit(self._number, result)


class SearchRunner(QObject):
    """`request()` starts a search; `finished(hits)` or `failed(error)` follows, latest only."""

    finished = Signal(list)
    failed = Signal(object)

    def __init__(self, service: SearchService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one query at a time; newer ones wait their turn
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._latest = 0

    def request(self, text: str, filters: SearchFilters, limit: int, kinds: Sequence[Kind]) -> None:
        self._latest += 1
        # A queued, not yet started search is now useless: drop it.
        self._pool.clear()
        job = _Job(self._relay, self._latest, self._service, (text, filters, limit, tuple(kinds)))
        self._pool.start(job)

    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0

    def wait(self, msecs: int = 5000) -> bool:
        """Wait for running searches (tests, shutdown)."""
        return self._pool.waitForDone(msecs)

    def _deliver(self, number: int, result: object) -> None:
        if number != self._latest:
            return
        if isinstance(result, Exception):
            self.failed.emit(result)
        else:
            self.finished.emit(result)
