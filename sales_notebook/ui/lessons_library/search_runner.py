"""Runs searches on a worker thread, so typing never waits for the database.

Each request gets a number; only answers to the latest one are delivered, so a slow query
finishing after a newer one cannot overwrite the newer results. A first page comes in two
steps on the same worker: the fast answer (on a large notebook, the newest matches unless the
words are rare enough to rank at once), then, unless a newer request came meanwhile, the exact
one that replaces it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from sales_notebook.store.search import Kind, SearchFilters, SearchPage, SearchService


class _Relay(QObject):
    # Emitted from the worker thread; Qt queues it to the runner's (GUI) thread.
    done = Signal(int, int, object)


class _Job(QRunnable):
    def __init__(
        self,
        relay: _Relay,
        number: int,
        latest: Callable[[], int],
        service: SearchService,
        request: tuple[str, SearchFilters, int, tuple[Kind, ...], int],
    ) -> None:
        super().__init__()
        self._relay, self._number, self._latest = relay, number, latest
        self._service, self._request = service, request

    def run(self) -> None:
        text, filters, limit, kinds, offset = self._request
        try:
            if offset == 0:
                page = self._service.search_page(text, filters, limit, kinds, approximate=True)
                self._relay.done.emit(self._number, offset, page)
                if page.exact or self._latest() != self._number:
                    return
            result: object = self._service.search_page(text, filters, limit, kinds, offset)
        except Exception as exc:  # delivered to the GUI thread, which decides what to show
            result = exc
        self._relay.done.emit(self._number, offset, result)


class SearchRunner(QObject):
    """`request()` starts a search; `finished(page, offset)` or `failed(error)` follows, for
    the latest request only (a first page may come twice: approximate, then exact)."""

    finished = Signal(object, int)
    failed = Signal(object)

    def __init__(self, service: SearchService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one query at a time; newer ones wait their turn
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self._latest = 0

    def request(
        self,
        text: str,
        filters: SearchFilters,
        limit: int,
        kinds: Sequence[Kind],
        offset: int = 0,
    ) -> None:
        self._latest += 1
        # A queued, not yet started search is now useless: drop it.
        self._pool.clear()
        request = (text, filters, limit, tuple(kinds), offset)
        self._pool.start(_Job(self._relay, self._latest, self.latest, self._service, request))

    def latest(self) -> int:
        """The number of the newest request (read by the worker between its two steps)."""
        return self._latest

    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0

    def wait(self, msecs: int = 5000) -> bool:
        """Wait for running searches (tests, shutdown)."""
        return self._pool.waitForDone(msecs)

    def _deliver(self, number: int, offset: int, result: object) -> None:
        if number != self._latest:
            return
        if isinstance(result, SearchPage):
            self.finished.emit(result, offset)
        else:
            self.failed.emit(result)
