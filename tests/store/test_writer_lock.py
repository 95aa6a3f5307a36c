"""One writer: commands that write refuse while the window holds the notebook, and back."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sales_notebook.cli import main
from sales_notebook.paths import DataPaths
from sales_notebook.store.writer_lock import LOCK_NAME, NotebookInUse, lock_holder, writer_lock

# What ui/single_instance.py's NotebookLock does when the window starts, in its own process.
WINDOW = """
import sys, time
from sales_notebook.paths import DataPaths
from sales_notebook.ui.single_instance import NotebookLock
lock = NotebookLock(DataPaths(__import__('pathlib').Path(sys.argv[1])))
print(lock.acquire(), flush=True)
time.sleep(60)
"""


def window_holding(root: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(root)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "True"
    return proc


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_writing_commands_refuse_while_the_window_is_open(capsys, tmp_path) -> None:
    data = tmp_path / "data"
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    dump = tmp_path / "dump.json"
    assert run(capsys, "export", "--data-dir", str(data), "--out", str(dump))[0] == 0
    before = (data / "notebook.db").read_bytes()
    window = window_holding(data)
    try:
        for args in (["import", str(dump), "--replace"], ["demo"], ["backup"]):
            code, out, err = run(capsys, *args, "--data-dir", str(data))
            assert code == 2, (args, out)
            assert "is open in another Sales Notebook window" in err, err
            assert f"process {window.pid}" in err and "nothing was changed" in err
        # Reading is fine while the window writes.
        code, out, _ = run(capsys, "export", "--data-dir", str(data))
        assert code == 0 and json.loads(out)["tables"]["call"]
    finally:
        window.kill()
        window.wait()
    assert (data / "notebook.db").read_bytes() == before
    assert not (data / "backups").exists()  # not even the backup --replace takes first
    # The window was killed: its lock is left behind, and taken over.
    assert (data / LOCK_NAME).exists()
    code, out, err = run(capsys, "import", str(dump), "--replace", "--data-dir", str(data))
    assert code == 0, err
    assert not (data / LOCK_NAME).exists()  # released after the command


def test_the_window_does_not_start_while_a_command_writes(tmp_path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    with writer_lock(paths, "sales-notebook import"):
        probe = (
            "import sys, pathlib; from sales_notebook.paths import DataPaths; "
            "from sales_notebook.ui.single_instance import NotebookLock; "
            "lock = NotebookLock(DataPaths(pathlib.Path(sys.argv[1]))); "
            "print(lock.acquire(), lock.holder())"
        )
        out = subprocess.run(
            [sys.executable, "-c", probe, str(paths.root)], capture_output=True, text=True
        )
        assert out.stdout.split() == ["False", str(os.getpid())], out.stderr
        lines = (paths.root / LOCK_NAME).read_text().splitlines()
        assert lines[:2] == [str(os.getpid()), "sales-notebook import"]
    assert not (paths.root / LOCK_NAME).exists()


def test_two_writing_commands_do_not_run_at_once(tmp_path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    in_use = pytest.raises(NotebookInUse, match="`sales-notebook demo`")
    with writer_lock(paths, "sales-notebook demo"), in_use, writer_lock(paths, "x"):
        pass
    with writer_lock(paths, "sales-notebook import"):
        pass


def test_a_holder_that_has_locked_but_not_yet_written_is_named_once_it_writes(tmp_path) -> None:
    # A holder (QLockFile too) creates and flock()s the file, then writes who it is: found in
    # between, the lock must not be reported as a window's when a command holds it.
    paths = DataPaths(tmp_path / "data").ensure()
    fd = os.open(paths.root / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    writes = threading.Timer(0.2, os.write, (fd, b"4242\nsales-notebook backup\nhost\n"))
    writes.start()
    try:
        named = pytest.raises(NotebookInUse, match=r"`sales-notebook backup` \(process 4242\)")
        with named, writer_lock(paths, "sales-notebook import"):
            pass
        assert lock_holder(paths.root / LOCK_NAME) == "`sales-notebook backup` (process 4242)"
    finally:
        writes.join()
        os.close(fd)


@pytest.mark.serial  # timed: see tests/conftest.py
def test_a_killed_commands_lock_is_taken_over(tmp_path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    holder = (
        "import sys, time, pathlib; from sales_notebook.paths import DataPaths; "
        "from sales_notebook.store.writer_lock import writer_lock\n"
        "with writer_lock(DataPaths(pathlib.Path(sys.argv[1])), 'sales-notebook demo'):\n"
        "    print('held', flush=True); time.sleep(60)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder, str(paths.root)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    with pytest.raises(NotebookInUse), writer_lock(paths, "sales-notebook import"):
        pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    started = time.monotonic()
    with writer_lock(paths, "sales-notebook import"):
        assert time.monotonic() - started < 1.0


def test_writing_commands_started_at_once_take_turns_or_refuse(tmp_path) -> None:
    data = tmp_path / "data"
    assert main(["demo", "--data-dir", str(data)]) == 0
    start = time.time() + 2.0
    script = (
        "import sys, time; from sales_notebook.cli import main; "
        "time.sleep(max(0.0, float(sys.argv[1]) - time.time())); "
        "sys.exit(main(['backup', '--data-dir', sys.argv[2]]))"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(start), str(data)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(5)
    ]
    results = [(p.wait(60), *p.communicate()) for p in procs]
    for code, _out, err in results:
        assert code == 0 or (code == 2 and "is open in `sales-notebook backup`" in err), err
    assert sum(code == 0 for code, _, _ in results) >= 1
    assert not (data / LOCK_NAME).exists()
    assert len(list((data / "backups").glob("*.db"))) == sum(c == 0 for c, _, _ in results)


def test_the_window_takes_over_the_lock_of_a_killed_command(tmp_path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    killed = (
        "import os, sys, pathlib; from sales_notebook.paths import DataPaths; "
        "from sales_notebook.store.writer_lock import writer_lock\n"
        "with writer_lock(DataPaths(pathlib.Path(sys.argv[1])), 'sales-notebook import'):\n"
        "    os.kill(os.getpid(), 9)\n"
    )
    subprocess.run([sys.executable, "-c", killed, str(paths.root)], check=False)
    assert (paths.root / LOCK_NAME).exists()
    window = window_holding(paths.root)  # asserts that the window's lock was acquired
    window.kill()
    window.wait()
