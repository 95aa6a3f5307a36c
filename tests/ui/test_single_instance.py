"""One window per notebook: a second start brings the first window forward and quits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from PySide6.QtCore import QObject

from sales_notebook.ui.single_instance import (
    NotebookLock,
    listen_for_show_requests,
    show_running_window,
)


def test_the_lock_is_held_once_and_taken_over_from_a_dead_holder(paths, tmp_path) -> None:
    paths.ensure()
    first = NotebookLock(paths)
    assert first.acquire()
    second = NotebookLock(paths)
    assert not second.acquire()
    assert second.holder() == os.getpid()
    first.release()
    assert second.acquire()
    second.release()

    # A holder killed with SIGKILL leaves its lock file behind; the next start takes it over.
    code = (
        "import sys, time; from pathlib import Path; from sales_notebook.paths import DataPaths; "
        "from sales_notebook.ui.single_instance import NotebookLock; "
        f"lock = NotebookLock(DataPaths(Path({str(paths.root)!r}))); assert lock.acquire(); "
        "print('locked', flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    assert not NotebookLock(paths).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    assert (paths.root / "notebook.lock").exists()
    taken = NotebookLock(paths)
    assert taken.acquire()
    taken.release()


def test_a_show_request_reaches_the_open_window(qtbot, paths) -> None:
    paths.ensure()
    owner = QObject()
    shown: list[bool] = []
    assert listen_for_show_requests(paths, owner, lambda: shown.append(True)) is not None
    assert show_running_window(paths, timeout_s=1)
    qtbot.waitUntil(lambda: shown == [True])


def test_nobody_answers_when_no_window_is_open(paths) -> None:
    paths.ensure()
    began = time.monotonic()
    assert not show_running_window(paths, timeout_s=0.3)
    assert time.monotonic() - began < 3


def test_a_second_start_on_the_same_notebook_quits_and_points_to_the_first(services, paths) -> None:
    services.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    argv = [sys.executable, "-m", "sales_notebook", "--data-dir", str(paths.root)]
    first = subprocess.Popen(argv, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not show_running_window(paths, timeout_s=0.2):  # the first window is up
            assert first.poll() is None, first.stderr.read() if first.stderr else ""
            assert time.monotonic() < deadline, "the first window never listened"
        second = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert "already open" in second.stderr and "brought to the front" in second.stderr
        assert first.poll() is None  # the first one keeps running
    finally:
        first.terminate()
        first.wait(timeout=30)


def test_a_lock_nobody_answers_for_is_explained(qtbot, paths, monkeypatch, capsys) -> None:
    from sales_notebook.ui import app
    from tests.ui.modal import when_modal

    paths.ensure()
    held = NotebookLock(paths)
    assert held.acquire()
    monkeypatch.setattr(app, "show_running_window", lambda _paths: False)
    told: list[str] = []
    when_modal(lambda box: (told.append(box.text()), box.accept()))
    assert app._already_open(paths, NotebookLock(paths)) == 1
    assert "already open in another Sales Notebook window" in told[0]
    assert f"process {os.getpid()}" in told[0]
    assert "already open" in capsys.readouterr().err
    held.release()
