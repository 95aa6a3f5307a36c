"""The main window: wiring only. The sidebar and four panes do the work.

It opens in two steps so it is on screen in a call's first second: the frame (menus, tab bar,
splitter, remembered geometry) shows first, and `attach` builds the sidebar and panes over the
notebook's services right after the first paint. A shortcut pressed in between is not lost: it
runs once the panes are there. The pane modules (and SQLAlchemy under them) are imported by
`attach`, never at module level.
"""

from __future__ import annotations

import html
import logging
import sys
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QWidget,
)

from sales_notebook import APP_NAME
from sales_notebook.store.errors import KnownError
from sales_notebook.store.file_identity import FileIdentity
from sales_notebook.ui import keys
from sales_notebook.ui.live_notes.quit_guard import confirm_quit_unsaved
from sales_notebook.ui.stored_settings import restore, restore_geometry, stored_bytes, stored_int
from sales_notebook.ui.writer import Writer

if TYPE_CHECKING:
    from sales_notebook.store.services import Services
    from sales_notebook.ui.call_review.pane import CallReviewPane
    from sales_notebook.ui.lessons_library.pane import LessonsLibraryPane
    from sales_notebook.ui.live_notes.pane import LiveNotesPane
    from sales_notebook.ui.sidebar.accounts_panel import AccountsPanel
    from sales_notebook.ui.stakeholder_map.pane import StakeholderMapPane

log = logging.getLogger(__name__)

PANE_TITLES = ("Stakeholder map", "Live notes", "Review", "Lessons")
LIVE_NOTES_INDEX = 1
LESSONS_INDEX = 3
DEFAULT_SIZE = (1200, 760)
FRAME_ROOM = 48  # the window manager's title bar and a panel
LEAST_SIZE = (480, 320)  # a remembered size below this is a garbled settings.ini


class MainWindow(QMainWindow):
    """Sidebar of accounts and deals beside the four panes; remembers its layout."""

    ready = Signal()

    sidebar: AccountsPanel
    map_pane: StakeholderMapPane
    live_pane: LiveNotesPane
    review_pane: CallReviewPane
    lessons_pane: LessonsLibraryPane

    def __init__(self, services: Services | None, settings: QSettings) -> None:
        """The frame; with `services` the panes too, else call `attach` once it is shown."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.settings = settings
        self.services: Services | None = None
        self._pending: list[Callable[[], None]] = []
        self._save_problem: str | None = None  # the autosave failure already told
        self._new_call_when_ended = False  # Ctrl+N asked for a new call while one was ending
        self.force_quit = False  # SIGTERM: no question asked (the notes go to a rescue file)
        self._sidebar_width: int | None = None  # while a call has folded the sidebar away
        from sales_notebook.ui.theme import ThemeController

        self.theme = ThemeController(settings, self)
        self.theme.apply()
        self.theme.changed.connect(self._theme_changed)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("panes")
        self.tabs.setDocumentMode(True)
        for title in PANE_TITLES:
            self.tabs.addTab(QWidget(self.tabs), title)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(QWidget(self.splitter))
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 960])
        self.setCentralWidget(self.splitter)

        self.save_label = QLabel("", self)
        self.save_label.setObjectName("saveStatus")
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().showMessage("Opening the notebook…")

        self._build_menus()
        self._restore_layout()
        if services is not None:
            self.attach(services)

    def attach(self, services: Services) -> None:
        """Build the sidebar and panes over the notebook, then run what was asked meanwhile."""
        if self.services is not None:
            return
        if not self.isVisible():  # built before the first show: polished once at show()
            self._build_panes(services)
        else:
            self._build_panes_shown(services)
        self._recover_live_call()  # once the sidebar has its width: the call folds it away
        pending, self._pending = self._pending, []
        for slot in pending:
            slot()
        self.ready.emit()

    def _build_panes_shown(self, services: Services) -> None:
        """Build the panes into the shown frame, the sidebar kept at its remembered width.

        The app's style sheet stays on while they are built. Taking it off and putting it
        back (one polish per widget instead of about four, 50-85 ms of CPU) left Qt's style
        sheet machinery in a state where a later switch to the dark sheet crashed inside
        QApplication.setStyleSheet, in about one run in four of tests/ui (docs/PERFORMANCE.md,
        "The theme and the icons"); test_startup guards that the sheet is never taken off."""
        sizes = self.splitter.sizes()  # as remembered
        self._build_panes(services)
        self.splitter.setSizes(sizes)

    def _build_panes(self, services: Services) -> None:
        from sales_notebook.ui.call_review.pane import CallReviewPane
        from sales_notebook.ui.lessons_library.pane import LessonsLibraryPane
        from sales_notebook.ui.live_notes.pane import LiveNotesPane
        from sales_notebook.ui.live_notes.rescue import wire_rescue
        from sales_notebook.ui.sidebar.accounts_panel import AccountsPanel
        from sales_notebook.ui.stakeholder_map.pane import StakeholderMapPane

        self.services = services
        # One ordered writer per notebook: the notes, the call's other writes, backups, exports.
        # Before each write it checks the file (and its write-ahead log) is still the one opened.
        notebook = FileIdentity(services.paths.database, services.db.save_log_pages)
        self.writer = Writer(notebook, self)
        from sales_notebook.store.deal_status import DealStatusService

        status = DealStatusService(services.db)
        self.sidebar = AccountsPanel(services.accounts, self, status=status)
        self.map_pane = StakeholderMapPane(services.stakeholders, self)
        self.live_pane = LiveNotesPane(
            services.calls,
            services.live_call,
            services.attendance,
            services.qualification,
            services.taxonomy,
            coverage_warnings=services.stakeholders.coverage_warnings,
            parent=self,
            writer=self.writer,
        )
        self.review_pane = CallReviewPane(
            services.calls,
            services.next_steps,
            services.call_facts,
            services.lessons,
            services.taxonomy,
            self,
            accounts=services.accounts,
            writer=self.writer,
        )
        from sales_notebook.team.library_search import ScopedLibrarySearch

        team_search = ScopedLibrarySearch(services.db)  # Mine / Team / All (issue 14)
        self.lessons_pane = LessonsLibraryPane(
            team_search, services.library, services.taxonomy, services.accounts, self,
            writer=self.writer,
        )  # fmt: skip

        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        for index, pane in enumerate(
            (self.map_pane, self.live_pane, self.review_pane, self.lessons_pane)
        ):
            placeholder = self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, pane, PANE_TITLES[index])
            if placeholder is not None:
                placeholder.deleteLater()
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        self._apply_icons()
        replaced = self.splitter.replaceWidget(0, self.sidebar)  # keeps the sizes
        if replaced is not None:
            replaced.deleteLater()

        self.sidebar.selection_changed.connect(self.map_pane.set_scope)
        self.sidebar.selection_changed.connect(self.review_pane.set_scope)
        self.sidebar.selection_changed.connect(self._scope_live_pane)
        self.sidebar.renamed.connect(self.review_pane.refresh_names)
        self.sidebar.renamed.connect(self.map_pane.reload)
        self.tabs.currentChanged.connect(lambda _: self.live_pane.flush())
        self.tabs.currentChanged.connect(self._live_pane_shown)
        self.live_pane.saved.connect(self._show_saved)
        self.live_pane.save_failed.connect(self._save_failed)
        self.live_pane.autosaver.lost.connect(self._call_lost)
        self.live_pane.autosaver.slow.connect(self._save_slow)
        wire_rescue(self)
        self.live_pane.message.connect(self._warn)
        self.live_pane.start_requested.connect(self.new_call)
        self.live_pane.call_ended.connect(self._call_ended)
        self.live_pane.end_failed.connect(self._end_failed)
        # The map reloads when shown again anyway; this keeps it exact while both are visible.
        self.live_pane.people_changed.connect(lambda: self.map_pane.reload())
        self.map_pane.editor.changed.connect(lambda _: self.live_pane.map_changed())
        self.review_pane.message.connect(self._warn)
        self.review_pane.lesson_saved.connect(self._lesson_saved)
        self.review_pane.call_moved.connect(self._call_moved)
        self.lessons_pane.open_call.connect(self.review_call)
        for changed in (  # the sidebar's stage, latest call and gaps follow
            self.live_pane.call_ended,
            self.live_pane.people_changed,
            self.review_pane.outcome_saved,
            self.review_pane.call_moved,
            self.map_pane.editor.changed,
        ):
            changed.connect(lambda *_: self.sidebar.refresh_status())
        QTimer.singleShot(100, self.sidebar.refresh_status)  # after the panes' first paint
        from sales_notebook.ui.team.wiring import attach_team

        self.team_sync = attach_team(self, team_search)

        self.live_pane.editor.reserve_shortcuts(a.shortcut() for a in self.findChildren(QAction))
        compact = stored_bytes(self.settings, "window/compact")
        if compact is not None:
            self.live_pane.compact.restore_placement(compact)
        for splitter in self._pane_splitters():
            restore(self.settings, f"splitters/{splitter.objectName()}", splitter.restoreState)
        self.statusBar().clearMessage()
        if not services.accounts.all():  # a first run (or an emptied notebook): welcome
            from sales_notebook.ui.welcome import show_welcome

            self.demo_button = show_welcome(self.live_pane.empty, services.paths, self)

    def _once_attached(self, slot: Callable[[], None]) -> Callable[[], None]:
        """`slot` now if the panes are built, else as soon as they are."""

        def run(*_: object) -> None:
            if self.services is None:
                self._pending.append(slot)
            else:
                slot()

        return run

    # -- menus and shortcuts -------------------------------------------------

    def _add(self, menu: object, text: str, shortcut: object, slot: object) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[call-overload]
        action.triggered.connect(self._once_attached(slot))  # type: ignore[arg-type]
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _build_menus(self) -> None:
        call = self.menuBar().addMenu("&Call")
        self.new_call_action = self._add(
            call, "&New call…", keys.sequence("new_call"), self.new_call
        )
        self.end_call_action = self._add(
            call, "&End call", keys.sequence("end_call"), self.end_call
        )
        call.addSeparator()
        self._add(call, "&Back up now", None, self.backup_now)
        self._add(call, "E&xport notebook…", None, self.export_notebook)
        call.addSeparator()
        self._add(call, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        view = self.menuBar().addMenu("&View")
        for index, title in enumerate(PANE_TITLES):
            self._add(
                view,
                title,
                keys.sequence("pane", index + 1),
                lambda _=False, i=index: self.show_pane(i),
            )
        view.addSeparator()
        self.theme.add_menu(view)
        help_menu = self.menuBar().addMenu("&Help")
        self._add(help_menu, "&Keyboard shortcuts", "F1", self.show_shortcuts)
        self._add(help_menu, "&About Sales Notebook", None, self.show_about)

    def _theme_changed(self, _palette: object) -> None:
        """Panes that paint themselves take the new colours (the rest follow the palette)."""
        if self.services is None:
            return
        from sales_notebook.ui.stakeholder_map import look

        self._apply_icons()
        self.map_pane.scene.setBackgroundBrush(look.CANVAS)
        self.map_pane.reload()  # cards and warnings take the new colours
        self.review_pane.notes_box.rerender()

    def _apply_icons(self) -> None:
        from sales_notebook.ui.theme.icons import icon

        for index, name in enumerate(("map", "live", "review", "lessons")):
            self.tabs.setTabIcon(index, icon(name, self.theme.palette))
        self.new_call_action.setIcon(icon("new-call", self.theme.palette))
        self.end_call_action.setIcon(icon("end-call", self.theme.palette))

    def show_shortcuts(self) -> None:
        """F1: every shortcut, grouped by where it works, read from the actions themselves."""
        from sales_notebook.ui.shortcuts_dialog import ShortcutsDialog, action_rows

        bar = self.menuBar()
        menus = [
            action
            for menu in bar.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly)
            for action in menu.actions()
        ]
        groups = [
            ("Window", action_rows(self, menus)),
            ("Accounts and deals", action_rows(self.sidebar)),
            ("Stakeholder map", action_rows(self.map_pane)),
            ("Live notes", action_rows(self.live_pane)),
            ("Review", action_rows(self.review_pane)),
            ("Lessons", action_rows(self.lessons_pane)),
        ]
        seen: set[tuple[str, str]] = set()
        for _, rows in groups:  # a key listed once, where it is first met
            rows[:] = [r for r in rows if r not in seen]
            seen.update(rows)
        dialog = ShortcutsDialog(groups, self)
        dialog.exec()
        dialog.deleteLater()

    def show_about(self) -> None:
        from sales_notebook import __version__

        where = html.escape(str(self._services().paths.database))
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<p>Notes for live sales calls, and the lessons "
            "of the ones that went wrong.</p>"
            f"<p>Your notebook: <code>{where}</code><br>Backups are in <code>backups</code> "
            "beside it.</p><p>Offline and private: nothing leaves this machine.</p>",
        )

    def show_pane(self, index: int) -> None:
        """Switch pane (autosave flushes on the way) and put the cursor where one types."""
        self.tabs.setCurrentIndex(index)
        if index == LIVE_NOTES_INDEX and self.live_pane.call is not None:
            self.live_pane.editor.setFocus()
        elif index == LESSONS_INDEX and self.lessons_pane.pages.currentIndex() == 0:
            self.lessons_pane.focus_search()  # Alt+4, then type

    def _scope_live_pane(self, account_id: int | None, deal_id: int | None) -> None:
        account, deal = self.sidebar.selected_names()
        self.live_pane.set_scope(account_id, deal_id, f"{account} — {deal}" if deal else account)

    def _live_pane_shown(self) -> None:
        # A lesson saved, a cause reworded or a card edited since it was last shown: the
        # watch-outs before the next call read them again.
        if self.tabs.currentWidget() is self.live_pane:
            self._scope_live_pane(*self.sidebar.selected())

    def bring_to_front(self) -> None:
        """Another start of the app asked for this notebook: show where the notes are."""
        window = self.live_pane.compact if self.live_pane.compact_mode else self
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()

    # -- calls ----------------------------------------------------------------

    def new_call(self) -> None:
        """Ctrl+N: name the account (and deal), then type."""
        live = self.live_pane.call
        if live is not None:
            if not self.live_pane.ending:
                answer = QMessageBox.question(
                    self,
                    "New call",
                    f"A call with {live.account_name} is in progress. End it and start a new one?",
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return
                self.end_call()
            # Once the writer has ended it; if it cannot be (told), its notes stay where they are.
            self._new_call_when_ended = True
            return
        from sales_notebook.ui.live_notes.new_call_dialog import NewCallDialog

        services = self._services()
        account, deal = self.sidebar.selected_names()
        deals = {a.name: [d.name for d in a.deals] for a in services.accounts.all()}
        dialog = NewCallDialog(list(deals), account, deal, self, deal_names=deals)
        accepted = dialog.exec() == NewCallDialog.DialogCode.Accepted
        # Take the keyboard back explicitly: without a window manager that does it (or with
        # one that is slow to), the window's shortcuts (Ctrl+1…9, Ctrl+E) would stay dead
        # while typing works.
        self.activateWindow()
        if not accepted:
            return
        try:
            account_id, deal_id = services.accounts.find_or_add(dialog.account, dialog.deal)
            call_id = services.calls.start(account_id, deal_id, dialog.title)
        except KnownError as exc:
            self._warn(str(exc))
            return
        self.sidebar.reload(select=(account_id, deal_id))
        self.sidebar.refresh_status()
        self.tabs.setCurrentWidget(self.live_pane)
        self.live_pane.open_call(services.calls.get(call_id))
        self.collapse_sidebar()
        self.statusBar().showMessage(f"Call started. {keys.hint('end_call')} ends it.", 4000)

    def _call_moved(self, account_id: int, deal_id: int | None) -> None:
        moved = self.review_pane.call_id
        self.sidebar.reload(select=(account_id, deal_id))
        if moved is not None:
            # The reload passes through other rows, and the review follows each account to
            # its latest call; the seller is still working on the call they moved.
            self.review_pane.show_call(moved)
        call = self.review_pane.call
        if call is not None:
            where = call.account_name + (f" — {call.deal_name}" if call.deal_name else "")
            self.statusBar().showMessage(f"Call moved to {where}.", 6000)

    def end_call(self) -> None:
        """Ctrl+E: stop the timer, save, and review the call once the writer has ended it."""
        if self.live_pane.end_call() is not None:
            self.statusBar().showMessage("Ending the call: storing the last notes…")

    def _end_failed(self, message: str) -> None:
        self._new_call_when_ended = False
        self.statusBar().clearMessage()
        self._warn(message)

    def collapse_sidebar(self) -> None:
        """During a call the notes get the sidebar's room; it comes back when the call ends."""
        sizes = self.splitter.sizes()
        if self._sidebar_width is None and sizes[0] > 0:
            self._sidebar_width = sizes[0]
            self.splitter.setSizes([0, sum(sizes)])

    def restore_sidebar(self) -> None:
        if self._sidebar_width is not None:
            total = sum(self.splitter.sizes())
            self.splitter.setSizes([self._sidebar_width, max(total - self._sidebar_width, 0)])
            self._sidebar_width = None

    def _call_ended(self, call_id: int) -> None:
        self.restore_sidebar()
        self.tabs.setCurrentWidget(self.review_pane)
        # Focus lands on the outcome; a stalled, lost or no-decision call offers the post-mortem.
        self.review_pane.show_call(call_id, ask_outcome=True)
        self.statusBar().showMessage("Call ended and saved.", 4000)
        if self._new_call_when_ended:  # Ctrl+N during a call: its dialog comes now
            self._new_call_when_ended = False
            QTimer.singleShot(0, self.new_call)

    def _lesson_saved(self, lesson_id: int) -> None:
        lesson = self._services().library.lesson(lesson_id)
        title = f" \u201c{lesson.title}\u201d" if lesson and lesson.title else ""
        self.statusBar().showMessage(
            f"Lesson{title} saved. {keys.hint('pane', 4)} finds it in the lessons library.", 8000
        )

    def review_call(self, call_id: int) -> None:
        """Show a past call in the review pane (from a lessons library result)."""
        self.review_pane.show_call(call_id)
        self.tabs.setCurrentWidget(self.review_pane)

    def _recover_live_call(self) -> None:
        live = self._services().calls.live_call()
        if live is None:
            return
        self.sidebar.select(live.account_id, live.deal_id)
        self.tabs.setCurrentWidget(self.live_pane)
        self.live_pane.open_call(live)
        self.collapse_sidebar()  # as when the call was started
        saved = live.notes_saved_at or live.started_at
        self.statusBar().showMessage(
            f"Recovered the call with {live.account_name}, saved at {saved.astimezone():%H:%M:%S}.",
            8000,
        )

    # -- saving ---------------------------------------------------------------

    def _show_saved(self, when: datetime) -> None:
        if self._save_problem is not None:
            self.statusBar().showMessage("Saving works again: everything typed is saved.", 6000)
        self._save_problem = None
        self.save_label.setText(f"Saved {when.astimezone():%H:%M:%S}")
        self.save_label.setToolTip("")
        self.save_label.setStyleSheet("")

    def _save_failed(self, message: str) -> None:
        # During a call a box would take the keyboard from the notes: the failure stays in
        # the status bar (in red) until a save works again; autosave keeps retrying.
        self.save_label.setText("Not saved: retrying")
        self.save_label.setToolTip(message)
        self.save_label.setStyleSheet("color: #b00020; font-weight: bold;")
        if message != self._save_problem:
            self._save_problem = message
            self.statusBar().showMessage(self._short(message))

    def _short(self, message: str) -> str:
        """The status bar's version of an error: no file path (it is this notebook) and no
        technical detail; the label's tooltip keeps the whole message."""
        message = message.replace(f" ({self._services().paths.database})", "")
        return message.split(" [", 1)[0] if message.endswith("]") else message

    def _save_slow(self) -> None:
        if self._save_problem is None:
            self.save_label.setText("Saving… (waiting for the notebook file)")
            self.save_label.setToolTip(
                "Another program is holding the notebook file; the notes are saved as soon as "
                "it lets go. Keep typing."
            )

    def _call_lost(self, message: str) -> None:
        # The bar above the notes offers where they can go (a new call, a file, the clipboard).
        self.save_label.setText("Not saved: call gone")
        self.save_label.setToolTip(message)
        self.save_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self._save_problem = message
        self.statusBar().showMessage("Autosave has stopped: the bar above the notes says why.")
        self.live_pane.rescue_bar.show_problem(message)

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self, APP_NAME, message)

    def backup_now(self) -> None:
        """Call → Back up now: on the writer, after the notes typed so far."""
        from sales_notebook.store.backup import backup_database

        self.live_pane.flush()
        self.statusBar().showMessage("Backing up…")
        self.writer.submit(
            partial(backup_database, self._services().paths),
            on_done=lambda path: self.statusBar().showMessage(f"Backup written: {path}", 8000),
            on_error=lambda exc: self._write_failed("The backup could not be written", exc),
        )

    def export_notebook(self) -> None:
        """Call → Export notebook…: JSON, written whole (temp file, fsync, rename) or not at all."""
        from sales_notebook.store.atomic_file import write_atomically
        from sales_notebook.store.transfer import write_export

        target, _ = QFileDialog.getSaveFileName(
            self, "Export notebook", "sales-notebook.json", "JSON (*.json)"
        )
        if not target:
            return
        self.live_pane.flush()
        db = self._services().db
        self.statusBar().showMessage(f"Exporting to {target}…")
        self.writer.submit(
            lambda: write_atomically(Path(target), partial(write_export, db)),
            on_done=lambda _: self.statusBar().showMessage(f"Exported to {target}", 8000),
            on_error=lambda exc: self._write_failed("The export could not be written", exc),
        )

    def _write_failed(self, what: str, exc: BaseException) -> None:
        self.statusBar().clearMessage()
        if isinstance(exc, OSError):
            self._warn(f"{what}: {exc.strerror or exc}.")
        elif isinstance(exc, KnownError):
            self._warn(f"{what}. {exc}")
        else:
            raise exc  # a bug: logged with its traceback and shown by the crash handler

    def _services(self) -> Services:
        assert self.services is not None, "called before attach()"
        return self.services

    def flush_all(self) -> None:
        """Everything typed reaches the disk (quit, aboutToQuit); after the window's last
        flush (the writer closed) there is nothing left to do."""
        if self.services is None or self.writer.closed:
            return
        self.live_pane.flush(wait=True)
        self.review_pane.flush()

    # -- layout ---------------------------------------------------------------

    def _restore_layout(self) -> None:
        if not restore_geometry(self.settings, "window/geometry", self, QSize(*LEAST_SIZE)):
            # A first start: comfortable, but never past the screen (a 1366x768 or a
            # 1024x600 laptop), or the sidebar's buttons and the status bar are out of reach.
            room = self.screen().availableGeometry()
            self.resize(
                min(DEFAULT_SIZE[0], room.width() - FRAME_ROOM),
                min(DEFAULT_SIZE[1], room.height() - FRAME_ROOM),
            )
        restore(self.settings, "window/state", self.restoreState)
        restore(self.settings, "window/splitter", self.splitter.restoreState)
        self.tabs.setCurrentIndex(
            stored_int(self.settings, "window/pane", 1, 0, self.tabs.count() - 1)
        )

    def save_layout(self) -> None:
        """Remember size, position, splitters, current pane and where the compact window was."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        collapsed = self._sidebar_width
        self.restore_sidebar()  # remembered as the seller sized it, not as a call folded it
        self.settings.setValue("window/splitter", self.splitter.saveState())
        if collapsed is not None:
            self.collapse_sidebar()
        self.settings.setValue("window/pane", self.tabs.currentIndex())
        compact = self.live_pane.compact.placement() if self.services is not None else None
        if compact is not None:
            self.settings.setValue("window/compact", compact)
        for splitter in self._pane_splitters():
            self.settings.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())
        self.settings.sync()

    def _pane_splitters(self) -> list[QSplitter]:
        """The panes' own splitters (each named), whose sizes are remembered too."""
        if self.services is None:
            return []
        return [
            splitter
            for splitter in self.findChildren(QSplitter)
            if splitter.objectName() and splitter is not self.splitter
        ]

    def quit_now(self) -> None:
        """SIGINT or SIGTERM: save, and close without asking anything."""
        self.force_quit = True
        self.close()

    def _rescue_unsaved(self) -> None:
        """No one to ask (a signal): notes that could not be saved go to a text file."""
        from sales_notebook.ui.live_notes.rescue import write_rescue_file

        if not self.live_pane.autosaver.unsaved:
            return
        where = write_rescue_file(self._services().paths, self.live_pane.editor.toPlainText())
        told = f"the notes could not be saved in the notebook; they were written to {where}"
        log.error("Quitting on a signal: %s", told if where else "the notes could not be saved")
        print(
            f"sales-notebook: {told if where else 'the last notes could not be saved'}",
            file=sys.stderr,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.services is not None and not self.writer.closed:
            self.flush_all()
            if self.force_quit:
                self._rescue_unsaved()
            elif not confirm_quit_unsaved(self):
                event.ignore()  # the seller chose to keep the window (and the notes) open
                return
            self._stop_writing()
        self.save_layout()
        super().closeEvent(event)

    def _stop_writing(self) -> None:
        """The panes' and the team's threads stopped, then the writer (what is queued runs)."""
        self.live_pane.shutdown()
        self.review_pane.shutdown()
        self.lessons_pane.shutdown()
        self.team_sync.timer.stop()
        self.team_sync.wait()
        self.writer.close()

    def detach(self) -> None:
        """Let go of the notebook (a restore puts another file in its place): everything typed
        flushed, every thread and the writer stopped, the engine disposed. `attach` builds the
        sidebar and panes again on the file then in place."""
        if self.services is None:
            return
        self.flush_all()
        self.restore_sidebar()
        self._stop_writing()
        self.team_sync.deleteLater()
        self.services.close()
        self.services = None
        self._save_problem = None
        self.save_label.setText("")  # it spoke of the file let go of
        self.save_label.setToolTip("")
        self.save_label.setStyleSheet("")
