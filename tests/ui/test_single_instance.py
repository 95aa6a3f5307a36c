"""One window per notebook: a second start brings the first window forward and quits."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time

import pytest
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


@pytest.mark.serial  # timed: see tests/conftest.py
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
    holders: list[int | None] = []
    monkeypatch.setattr(
        app, "show_running_window", lambda _paths, holder=None: holders.append(holder) and False
    )
    told: list[str] = []
    when_modal(lambda box: (told.append(box.text()), box.accept()))
    assert app._already_open(paths, NotebookLock(paths)) == 1
    assert "already open in another Sales Notebook window" in told[0]
    assert f"process {os.getpid()}" in told[0]
    assert "already open" in capsys.readouterr().err
    assert holders == [os.getpid()]  # so that Windows can let that process take the foreground
    held.release()


class FakeUser32:
    """ctypes.windll.user32 as Windows has it, for what the second start calls."""

    def __init__(self, shown: list[bool]) -> None:
        self.shown = shown
        self.allowed: list[tuple[int, bool]] = []

    def AllowSetForegroundWindow(self, pid: int) -> int:
        self.allowed.append((pid, bool(self.shown)))
        return 1


def test_on_windows_the_open_window_may_take_the_foreground_before_it_is_asked(
    qtbot, paths, monkeypatch
) -> None:
    import ctypes
    from types import SimpleNamespace

    from sales_notebook.ui import single_instance

    paths.ensure()
    owner = QObject()
    shown: list[bool] = []
    assert listen_for_show_requests(paths, owner, lambda: shown.append(True)) is not None
    user32 = FakeUser32(shown)
    monkeypatch.setattr(single_instance.sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(user32=user32), raising=False)
    assert show_running_window(paths, timeout_s=1, holder=4242)
    qtbot.waitUntil(lambda: shown == [True])
    assert show_running_window(paths, timeout_s=1, holder=None)
    qtbot.waitUntil(lambda: shown == [True, True])
    # Allowed before the request went out (nothing shown yet); any process when the holder
    # is unknown.
    assert user32.allowed == [(4242, False), (single_instance.ASFW_ANY, True)]


def test_elsewhere_nothing_is_asked_of_windows(paths, monkeypatch) -> None:
    import ctypes

    from sales_notebook.ui import single_instance

    monkeypatch.setattr(ctypes, "windll", None, raising=False)  # would fail if touched
    single_instance.allow_foreground(4242)


def test_only_this_user_may_connect_to_the_open_window(paths) -> None:
    from PySide6.QtNetwork import QLocalServer

    paths.ensure()
    owner = QObject()
    server = listen_for_show_requests(paths, owner, lambda: None)
    assert isinstance(server, QLocalServer)
    assert server.socketOptions() & QLocalServer.SocketOption.UserAccessOption
    assert stat.S_IMODE(os.stat(server.fullServerName()).st_mode) & 0o077 == 0
