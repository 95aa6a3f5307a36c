"""Database errors are told apart by SQLite's code, never by their text: each known one gets
a message that says what to do, a full disk is never called damage, anything else is a bug."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from sales_notebook.store import errors
from sales_notebook.store.errors import KnownError, StorageError, classify, storage_errors
from sales_notebook.store.sqlite_lib import sqlite3


def _raised(action) -> BaseException:
    with pytest.raises(Exception) as caught:
        action()
    return caught.value


def _table(path: Path, rows: int = 1) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("CREATE TABLE t (x)")
    con.executemany("INSERT INTO t VALUES (?)", [(f"row {i} " * 40,) for i in range(rows)])
    return con


def _full(tmp_path: Path) -> BaseException:
    con = _table(tmp_path / "full.db")
    con.execute("PRAGMA max_page_count = 3")
    return _raised(lambda: con.execute("INSERT INTO t VALUES (zeroblob(100000))"))


def _busy(tmp_path: Path) -> BaseException:
    holder = _table(tmp_path / "busy.db")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(tmp_path / "busy.db", timeout=0)
    return _raised(lambda: other.execute("INSERT INTO t VALUES (1)"))


def _locked(tmp_path: Path) -> BaseException:
    con = _table(tmp_path / "locked.db", rows=5)
    reading = con.execute("SELECT x FROM t")
    reading.fetchone()
    return _raised(lambda: con.execute("DROP TABLE t"))


def _read_only(tmp_path: Path) -> BaseException:
    _table(tmp_path / "ro.db").close()
    con = sqlite3.connect((tmp_path / "ro.db").as_uri() + "?mode=ro", uri=True)
    return _raised(lambda: con.execute("INSERT INTO t VALUES (1)"))


def _cannot_open(tmp_path: Path) -> BaseException:
    return _raised(lambda: sqlite3.connect(tmp_path / "gone" / "x.db"))


def _not_a_database(tmp_path: Path) -> BaseException:
    (tmp_path / "text.db").write_text("these are my notes, not a database\n" * 200)
    con = sqlite3.connect(tmp_path / "text.db")
    return _raised(lambda: con.execute("SELECT * FROM sqlite_master"))


def _corrupt(tmp_path: Path) -> BaseException:
    path = tmp_path / "zeroed.db"
    con = _table(path, rows=400)
    con.execute("CREATE INDEX t_x ON t (x)")
    con.close()
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 4] = bytes(4096)  # one page of the table, zeroed
    path.write_bytes(bytes(data))
    con = sqlite3.connect(path)
    return _raised(lambda: con.execute("SELECT count(*), max(length(x)) FROM t").fetchall())


def _io_error(_tmp_path: Path) -> BaseException:
    # No portable way to make a disk fail on demand here: the error SQLite raises for a failed
    # write(2), with its extended code (SQLITE_IOERR_WRITE). The fault suite has a real one.
    exc = sqlite3.OperationalError("disk I/O error")
    exc.sqlite_errorcode = 778  # type: ignore[attr-defined]
    exc.sqlite_errorname = "SQLITE_IOERR_WRITE"  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    ("make", "kind", "said"),
    [
        (_full, errors.DiskFull, "disk is full"),
        (_busy, errors.NotebookBusy, "busy in another program"),
        (_locked, errors.NotebookLocked, "Try again in a moment"),
        (_read_only, errors.NotebookReadOnly, "cannot be written"),
        (_cannot_open, errors.CannotOpen, "cannot be opened"),
        (_not_a_database, errors.NotADatabase, "not a Sales Notebook database"),
        (_corrupt, errors.DamagedNotebook, "is damaged"),
        (_io_error, errors.DiskIOError, "drive or network share"),
    ],
)
def test_each_known_sqlite_code_becomes_its_error(tmp_path, make, kind, said) -> None:
    raw = make(tmp_path)
    assert isinstance(raw, sqlite3.Error)
    known = classify(raw, tmp_path / "notebook.db")
    assert type(known) is kind, (raw, getattr(raw, "sqlite_errorname", None))
    assert said in str(known) and str(tmp_path / "notebook.db") in str(known)
    wrapped = OperationalError("INSERT ...", {}, raw)  # what SQLAlchemy raises
    assert type(classify(wrapped)) is kind
    assert isinstance(known, StorageError) and known.damage == (kind in _DAMAGE)


_DAMAGE = (errors.DamagedNotebook, errors.NotADatabase)


def test_a_full_disk_is_never_called_damage(tmp_path) -> None:
    known = classify(_full(tmp_path))
    assert isinstance(known, StorageError) and not known.damage and known.retry
    assert "damage" not in str(known).lower()
    assert classify(OSError(errno.ENOSPC, "No space left on device", "x.json")).retry


def test_the_text_of_a_message_decides_nothing(tmp_path) -> None:
    # Messages that look like known ones but carry another code (or none) are bugs.
    plain = sqlite3.OperationalError("database or disk is full")
    assert classify(plain) is None
    coded = sqlite3.OperationalError("database is locked")
    coded.sqlite_errorcode = sqlite3.SQLITE_ERROR  # type: ignore[attr-defined]
    assert classify(coded) is None
    con = _table(tmp_path / "c.db")
    con.execute("CREATE UNIQUE INDEX u ON t (x)")
    constraint = _raised(lambda: con.execute("INSERT INTO t SELECT x FROM t"))
    assert isinstance(constraint, sqlite3.IntegrityError) and classify(constraint) is None
    assert classify(ValueError("disk is full")) is None


def test_storage_errors_raises_the_known_one_and_lets_bugs_through(tmp_path) -> None:
    with pytest.raises(errors.DiskFull) as caught, storage_errors(tmp_path):
        raise _full(tmp_path)
    assert isinstance(caught.value.__cause__, sqlite3.Error)
    with pytest.raises(ZeroDivisionError), storage_errors():
        _ = 1 / 0


def test_a_service_reports_a_real_full_disk_and_keeps_the_old_notes(services) -> None:
    acme = services.accounts.add("Acme")
    call_id = services.calls.start(acme)
    services.calls.save_notes(call_id, "before")
    engine = services.db.engine
    with engine.connect() as con:
        pages = con.execute(text("PRAGMA page_count")).scalar_one()

    def cap(dbapi_connection, _record) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", cap)
    engine.dispose()
    try:
        with pytest.raises(errors.DiskFull, match="disk is full"):
            services.calls.save_notes(call_id, "x" * 200_000)
    finally:
        event.remove(engine, "connect", cap)
        engine.dispose()
    assert services.calls.get(call_id).notes == "before"


def test_other_database_errors_stay_bugs(services) -> None:
    def fail(conn, cursor, statement, *args) -> None:
        cursor.execute("SELECT nonsense FROM account")

    event.listen(services.db.engine, "before_cursor_execute", fail)
    try:
        with pytest.raises(Exception) as caught:
            services.accounts.all()
        assert not isinstance(caught.value, KnownError)
    finally:
        event.remove(services.db.engine, "before_cursor_execute", fail)
