"""A full disk, a locked or read-only file: a message the user understands, never a traceback."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event

from sales_notebook.store.errors import KnownError


@pytest.mark.parametrize(
    ("sqlite_message", "said"),
    [
        ("database or disk is full", "disk is full"),
        ("database is locked", "busy in another program"),
        ("attempt to write a readonly database", "read-only"),
    ],
)
def test_operational_errors_become_messages(services, sqlite_message: str, said: str) -> None:
    acme = services.accounts.add("Acme")
    call_id = services.calls.start(acme)

    def fail(conn, cursor, statement, *args) -> None:
        if statement.startswith("UPDATE call"):
            raise sqlite3.OperationalError(sqlite_message)

    event.listen(services.db.engine, "before_cursor_execute", fail)
    try:
        with pytest.raises(KnownError, match=said):
            services.calls.save_notes(call_id, "typed")
    finally:
        event.remove(services.db.engine, "before_cursor_execute", fail)
    assert services.calls.get(call_id).notes == ""


def test_other_database_errors_stay_bugs(services) -> None:
    def fail(conn, cursor, statement, *args) -> None:
        raise sqlite3.OperationalError("no such column: nonsense")

    event.listen(services.db.engine, "before_cursor_execute", fail)
    try:
        with pytest.raises(Exception) as caught:
            services.accounts.all()
        assert not isinstance(caught.value, KnownError)
    finally:
        event.remove(services.db.engine, "before_cursor_execute", fail)
