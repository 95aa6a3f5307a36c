"""The notebook's writer: one thread, jobs in order, results back on the GUI thread."""

from __future__ import annotations

import shutil
import threading
import time

import pytest

from sales_notebook.store.file_identity import FileIdentity, NotebookMoved
from sales_notebook.store.sqlite_lib import sqlite3
from sales_notebook.ui.writer import Writer, WriterClosed


def test_jobs_run_in_order_on_one_thread_and_callbacks_on_the_gui_thread(qtbot) -> None:
    writer = Writer()
    ran: list[tuple[int, str]] = []
    delivered: list[tuple[int, str]] = []
    gui = threading.current_thread().name
    for n in range(5):

        def job(n=n) -> int:
            time.sleep(0.01 * (5 - n))  # the first jobs are the slowest: order still holds
            ran.append((n, threading.current_thread().name))
            return n

        writer.submit(job, on_done=lambda n: delivered.append((n, threading.current_thread().name)))
    qtbot.waitUntil(lambda: len(delivered) == 5)
    assert [n for n, _ in ran] == [0, 1, 2, 3, 4]
    assert {name for _, name in ran} == {ran[0][1]} and ran[0][1].startswith("notebook-writer")
    assert delivered == [(n, gui) for n in range(5)]
    writer.close()


def test_call_waits_and_raises_and_a_closed_writer_refuses(qtbot) -> None:
    writer = Writer()
    assert writer.call(lambda: 42) == 42

    def broken() -> None:
        raise ValueError("no")

    with pytest.raises(ValueError):
        writer.call(broken)
    writer.close()
    with pytest.raises(WriterClosed):
        writer.submit(lambda: None)


def test_a_write_into_a_file_that_was_replaced_is_refused(qtbot, tmp_path) -> None:
    path = tmp_path / "notebook.db"
    path.write_bytes(b"first")
    writer = Writer(FileIdentity(path))
    assert writer.call(lambda: "written") == "written"
    other = tmp_path / "other.db"
    other.write_bytes(b"second")
    other.replace(path)
    with pytest.raises(NotebookMoved, match="replaced by another file"):
        writer.call(lambda: "written")
    path.unlink()
    with pytest.raises(NotebookMoved, match="deleted"):
        writer.call(lambda: "written")
    writer.close()


def test_a_write_ahead_log_deleted_by_another_program_loses_nothing_at_the_next_crash(
    qtbot, services, paths, tmp_path
) -> None:
    # The open connections write on into a deleted log: before the fix, everything since the
    # last checkpoint (here the account, the call and its notes) lived only there, and the
    # status bar said "Saved".
    writer = Writer(FileIdentity(paths.database, services.db.save_log_pages))
    call_id = writer.call(lambda: services.calls.start(services.accounts.add("Harbor Mutual")))
    writer.call(lambda: services.calls.save_notes(call_id, "Before the log was deleted."))
    paths.database.with_name("notebook.db-wal").unlink()
    writer.call(lambda: services.calls.save_notes(call_id, "Before and after."))

    # What a kill -9 leaves: the files on disk, read by the next start.
    after_kill = tmp_path / "after-kill"
    after_kill.mkdir()
    for name in ("notebook.db", "notebook.db-wal"):
        if (paths.root / name).exists():
            shutil.copy(paths.root / name, after_kill / name)
    with sqlite3.connect(after_kill / "notebook.db") as db:
        rows = db.execute("SELECT notes FROM call").fetchall()
    assert rows == [("Before and after.",)]
    writer.close()
