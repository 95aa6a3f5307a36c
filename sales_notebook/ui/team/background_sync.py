"""Team sync in the background: at start, then every few minutes, never on the GUI thread.

Only when this notebook has joined a team. A password libpq cannot find is asked once in a
prompt and kept in memory only; a server that does not answer is a quiet status line, and
the outbox simply waits for the next round.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from sales_notebook.store.database import Database
from sales_notebook.store.errors import KnownError
from sales_notebook.team.local import TeamLocal
from sales_notebook.team.server import PasswordNeeded
from sales_notebook.team.sync import SyncResult, TeamSync

SYNC_EVERY_MS = 5 * 60 * 1000
log = logging.getLogger(__name__)


class BackgroundSync(QObject):
    """`synced(result)` or `failed(message)` after each round (delivered on the GUI thread)."""

    synced = Signal(object)
    failed = Signal(str)
    _done = Signal(object, bool)  # from the worker thread: result or message, password asked

    def __init__(self, db: Database, parent: QWidget) -> None:
        super().__init__(parent)
        self._db = db
        self._sync = TeamSync(db)
        self._asked = False
        self._thread: threading.Thread | None = None
        self.timer = QTimer(self, interval=SYNC_EVERY_MS)
        self.timer.timeout.connect(self.sync_now)
        self._done.connect(self._finish)

    def start(self) -> None:
        """Sync now (if in a team), then every few minutes."""
        self.timer.start()
        self.sync_now()

    def joined(self) -> bool:
        return bool(TeamLocal(self._db).get("url"))

    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def sync_now(self) -> None:
        if self.busy() or not self.joined():
            return
        self._thread = threading.Thread(target=self._run, name="team-sync", daemon=True)
        self._thread.start()

    def wait(self, seconds: float = 15.0) -> None:
        """Let a running round end (shutdown, tests)."""
        if self._thread is not None:
            self._thread.join(seconds)

    def _run(self) -> None:
        try:
            result: object = self._sync.sync()
            self._done.emit(result, False)
        except PasswordNeeded as exc:
            self._done.emit(str(exc), True)
        except KnownError as exc:  # the server is down, refused us...: told, retried later
            self._done.emit(str(exc), False)
        except Exception as exc:  # a bug: logged with its traceback, and shown
            log.exception("Team sync failed")
            self._done.emit(f"{type(exc).__name__}: {exc}", False)

    def _finish(self, outcome: object, needs_password: bool) -> None:
        if isinstance(outcome, SyncResult):
            self.synced.emit(outcome)
            return
        self.failed.emit(str(outcome))
        if needs_password and not self._asked:
            self._asked = True
            self.ask_password()

    def ask_password(self) -> None:
        """A prompt for the team server's password, kept in memory until the app closes."""
        parent = self.parent()
        dialog = QInputDialog(parent if isinstance(parent, QWidget) else None)
        dialog.setObjectName("teamPassword")
        dialog.setWindowTitle("Team library")
        dialog.setLabelText(
            "The team server asks for your password.\nIt is kept in memory only, until you quit."
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.textValueSelected.connect(self._got_password)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _got_password(self, password: str) -> None:
        if self.busy():
            self.wait()
        self._sync.close()
        self._sync = TeamSync(self._db, password=password or None)
        self.sync_now()
