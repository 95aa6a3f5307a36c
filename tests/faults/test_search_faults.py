"""A search that fails on the disk says so: a busy file or an I/O error while searching is
told as such by the service, the CLI and the lessons library, never as "no lessons match"."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine, event

from sales_notebook.cli import main
from sales_notebook.store.errors import DiskIOError, NotebookBusy
from sales_notebook.store.sqlite_lib import sqlite3
from tests.ui.test_lessons_library import open_library, type_query

SQLITE_IOERR_READ = 266  # SQLITE_IOERR | (1 << 8)
FAULTS = [
    pytest.param(sqlite3.SQLITE_BUSY, "SQLITE_BUSY", NotebookBusy, "busy", id="busy"),
    pytest.param(SQLITE_IOERR_READ, "SQLITE_IOERR_READ", DiskIOError, "disk", id="io-error"),
]


@contextmanager
def failing_searches(code: int, name: str) -> Iterator[list[str]]:
    """Every full-text query on any engine fails with SQLite's error `code`, as the driver
    raises it; the list collects the queries that failed."""
    failed: list[str] = []

    def fail(conn, cursor, statement: str, *args) -> None:
        if " MATCH " not in statement.upper():
            return
        failed.append(statement)
        error = sqlite3.OperationalError(name)
        error.sqlite_errorcode = code
        error.sqlite_errorname = name
        raise error

    event.listen(Engine, "before_cursor_execute", fail)
    try:
        yield failed
    finally:
        event.remove(Engine, "before_cursor_execute", fail)


@pytest.mark.parametrize(("code", "name", "kind", "word"), FAULTS)
def test_the_service_raises_the_known_error(demo_services, code, name, kind, word) -> None:
    with failing_searches(code, name) as failed, pytest.raises(kind):
        demo_services.search.search_page("budget")
    assert len(failed) == 1  # not retried word by word as if the query were bad


def test_a_query_fts5_cannot_read_is_still_retried_word_by_word(demo_services) -> None:
    assert demo_services.search.search('budget "') != []  # the syntax error falls back


@pytest.mark.parametrize(("code", "name", "kind", "word"), FAULTS)
def test_the_cli_tells_the_error(demo_services, paths, capsys, code, name, kind, word) -> None:
    with failing_searches(code, name):
        status = main(["lessons", "search", "--data-dir", str(paths.root), "budget"])
    out, err = capsys.readouterr()
    assert status != 0
    assert "No lessons match" not in out
    assert word in err.lower()


@pytest.mark.parametrize(("code", "name", "kind", "word"), FAULTS)
def test_the_lessons_library_tells_the_error(
    demo_services, window, qtbot, code, name, kind, word
) -> None:
    pane = open_library(window, qtbot)
    with failing_searches(code, name):
        type_query(qtbot, pane, "budget")
    assert pane.model.rowCount() == 0
    status = pane.status.text()
    assert "Nothing matches" not in status and "could not run" not in status
    assert word in status.lower()
    type_query(qtbot, pane, "budget")  # the fault cleared: the search works again
    assert pane.model.rowCount() > 0
