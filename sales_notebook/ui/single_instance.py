"""One window per notebook: starting the app again brings the open window to the front.

Two windows on one notebook would both autosave the same live call, each over the other's
notes. The first start holds a lock file in the data dir (a lock left by a crashed or killed
process is taken over: QLockFile checks that its holder still runs) and, once its window is
up, listens on a local socket named after the data dir. A second start that finds the lock
asks that socket to show the window and quits.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QLockFile, QObject

from sales_notebook.paths import DataPaths

LOCK_NAME = "notebook.lock"
SHOW = b"show\n"
# A first start may still be opening its window when the second one looks for it.
FIND_TIMEOUT_S = 3.0


def server_name(paths: DataPaths) -> str:
    """The local socket's name: one per data dir and user."""
    digest = hashlib.sha1(str(paths.root.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"sales-notebook-{os.getuid() if hasattr(os, 'getuid') else 0}-{digest}"


class NotebookLock:
    """The lock a running window holds on its notebook."""

    def __init__(self, paths: DataPaths) -> None:
        self._lock = QLockFile(str(paths.root / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age

    def acquire(self) -> bool:
        """True if this process now holds the notebook (or no lock can be taken at all)."""
        if self._lock.tryLock(0):
            return True
        # A lock we cannot write (a read-only folder) protects nothing: go on without it.
        return self._lock.error() != QLockFile.LockError.LockFailedError

    def holder(self) -> int | None:
        """The process id holding the lock, if known."""
        pid, _host, _app = self._lock.getLockInfo()  # PySide6: (0, "", "") when unknown
        return int(pid) or None

    def release(self) -> None:
        self._lock.unlock()


# Windows' AllowSetForegroundWindow: "any process" when the holder's id is unknown.
ASFW_ANY = -1


def allow_foreground(pid: int | None) -> None:
    """Let process `pid` take the foreground. Windows only gives it to the process that has
    it now (this second start, which the user just launched), or to one that process allows:
    without this the open window only flashes in the taskbar. Elsewhere nothing is needed."""
    if sys.platform != "win32":
        return
    user32 = ctypes.windll.user32  # type: ignore[attr-defined,unused-ignore]
    user32.AllowSetForegroundWindow(pid if pid else ASFW_ANY)


def show_running_window(
    paths: DataPaths, timeout_s: float = FIND_TIMEOUT_S, holder: int | None = None
) -> bool:
    """Ask the window already open on `paths` (by process `holder`, if known) to come to the
    front; False if none answers."""
    from PySide6.QtNetwork import QLocalSocket

    allow_foreground(holder)
    deadline = time.monotonic() + timeout_s
    while True:
        socket = QLocalSocket()
        socket.connectToServer(server_name(paths))
        if socket.waitForConnected(300):
            socket.write(SHOW)
            sent = socket.waitForBytesWritten(1000)
            socket.disconnectFromServer()
            return sent
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)


def listen_for_show_requests(
    paths: DataPaths, parent: QObject, show: Callable[[], None]
) -> QObject | None:
    """Call `show` whenever another start asks; None if the socket cannot be opened."""
    from PySide6.QtNetwork import QLocalServer

    server = QLocalServer(parent)
    # Only this user may connect (the default lets anyone on Windows and on older Qt's Unix).
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    name = server_name(paths)
    QLocalServer.removeServer(name)  # a socket file left by a killed run; we hold the lock
    if not server.listen(name):
        return None

    def accept() -> None:
        while server.hasPendingConnections():
            connection = server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: _read(c))
            connection.disconnected.connect(connection.deleteLater)
            _read(connection)

    def _read(connection: object) -> None:
        if SHOW in bytes(connection.readAll().data()):  # type: ignore[attr-defined]
            show()

    server.newConnection.connect(accept)
    return server
