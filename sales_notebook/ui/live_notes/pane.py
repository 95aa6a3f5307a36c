"""The live notes pane: the call header with its timer, watch-outs, the notes editor, and
beside it the markers, the attendees and the qualification checklist."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from sales_notebook.core.vocabulary import MarkerKind
from sales_notebook.core.watchouts import TeamWatch, WatchOut, build_watchouts
from sales_notebook.store.attendance import AttendanceService
from sales_notebook.store.calls import CallRow, CallsService
from sales_notebook.store.live_call import LiveCallService
from sales_notebook.store.qualification import QualificationService
from sales_notebook.store.taxonomy import TaxonomyService
from sales_notebook.ui import keys
from sales_notebook.ui.empty_state import EmptyState
from sales_notebook.ui.live_notes.attendees_panel import AttendeesPanel
from sales_notebook.ui.live_notes.autosaver import Autosaver, describe
from sales_notebook.ui.live_notes.before_call import BeforeCallPanel
from sales_notebook.ui.live_notes.call_header import CallHeader, format_elapsed
from sales_notebook.ui.live_notes.call_keys import CallKeys
from sales_notebook.ui.live_notes.checklist_panel import ChecklistPanel
from sales_notebook.ui.live_notes.compact_window import CompactWindow
from sales_notebook.ui.live_notes.editor import NotesEditor
from sales_notebook.ui.live_notes.markers import LiveMarker, MarkerTracker, NotesSnapshot
from sales_notebook.ui.live_notes.markers_panel import MarkersSection
from sales_notebook.ui.live_notes.mentions import MentionCompleter
from sales_notebook.ui.live_notes.rescue_bar import RescueBar
from sales_notebook.ui.live_notes.side_column import SideColumn, notes_beside
from sales_notebook.ui.live_notes.watchouts_strip import (
    CoverageWarnings,
    WatchOutsStrip,
    no_coverage_warnings,
)
from sales_notebook.ui.writer import Writer


class LiveNotesPane(QWidget):
    """Holds at most one live call; everything typed reaches the database by itself."""

    saved = Signal(object)  # datetime
    save_failed = Signal(str)
    message = Signal(str)
    call_ended = Signal(int)
    end_failed = Signal(str)  # Ctrl+E could not end the call: why, and what to do
    start_requested = Signal()
    # Someone was added, ticked or @mentioned: their card, coverage or last contact changed.
    people_changed = Signal()

    def __init__(
        self,
        calls: CallsService,
        live_call: LiveCallService,
        attendance: AttendanceService,
        qualification: QualificationService,
        taxonomy: TaxonomyService,
        coverage_warnings: CoverageWarnings = no_coverage_warnings,
        parent: QWidget | None = None,
        writer: Writer | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("liveNotes")
        self._calls, self._live_call, self._attendance = calls, live_call, attendance
        self._taxonomy, self._coverage_warnings = taxonomy, coverage_warnings
        # Set by the window when the team library is available: the team's part for an account.
        self.team_watch: Callable[[int], TeamWatch | None] = lambda _account_id: None
        self._call: CallRow | None = None

        self.header = CallHeader(self)
        self.title, self.timer_label = self.header.title, self.header.timer_label
        self.compact_button, self.end_button = self.header.compact_button, self.header.end_button
        self.compact_button.clicked.connect(self.toggle_compact)
        self.end_button.clicked.connect(self.end_call)
        self._end_label = self.end_button.text()
        self._ending: int | None = None  # the call Ctrl+E is ending, until the writer answers

        self.editor = NotesEditor(self)
        self.tracker = MarkerTracker(self.editor.document(), self._queue_marker_row, self)
        self.autosaver = Autosaver(self._save, self._snapshot, writer, self)
        self.writer = self.autosaver.writer
        self.editor.textChanged.connect(self.autosaver.mark_dirty)
        self.editor.focus_lost.connect(self.autosaver.flush)
        self.editor.refused_input.connect(self.message)
        self.autosaver.saved.connect(self.saved)
        self.autosaver.failed.connect(self.save_failed)
        self.mentions = MentionCompleter(self.editor)
        self.editor.set_mentions(self.mentions)
        self.mentions.mentioned.connect(self._mentioned)
        self.editor.pasted.connect(self.mentions.count_in)

        self.watchouts = WatchOutsStrip(self)
        self.watchouts.dismissed.connect(self.header.offer_watchouts)
        self.header.watchouts_button.clicked.connect(self.bring_back_watchouts)
        self.markers_section = MarkersSection(self.tracker.model, self)
        self.markers_list = self.markers_section.list
        self.markers_list.jump.connect(self.jump_to)
        self.attendees = AttendeesPanel(attendance, self, self.writer)
        self.attendees.back_to_notes.connect(self.focus_notes)
        self.attendees.people_changed.connect(self._people_changed)
        self.attendees.ticked.connect(self.people_changed)
        self.checklist = ChecklistPanel(qualification, self, self.writer)
        self.checklist.back_to_notes.connect(self.focus_notes)
        self.checklist.failed.connect(self.message)

        self.compact_note = EmptyState(
            "Notes are in the compact window",
            f"{keys.hint('compact')} brings them back here.",
            None,
            self,
        )
        self.notes_stack = QStackedWidget(self)
        self.notes_stack.addWidget(self.editor)
        self.notes_stack.addWidget(self.compact_note)
        self.side_column = SideColumn(
            self,
            ("Markers", keys.marker_range(), self.markers_section),
            ("On the call", keys.hint("attendees"), self.attendees),
            ("Qualification", keys.hint("checklist"), self.checklist),
            folds=(self.markers_section,),
        )
        splitter = notes_beside(self.notes_stack, self.side_column, self)

        self.call_page = QWidget(self)
        self.call_layout = QVBoxLayout(self.call_page)
        self.call_layout.setContentsMargins(0, 0, 0, 0)
        self.call_layout.addWidget(self.header)
        self.rescue_bar = RescueBar(self)
        self.call_layout.addWidget(self.rescue_bar)
        self.call_layout.addWidget(self.watchouts)
        self.call_layout.addWidget(splitter, 1)

        empty = EmptyState(
            "No call in progress",
            f"Press {keys.hint('new_call')} to start a call: name the account, press Enter, "
            "and type.",
            "Start a call",
            self,
        )
        empty.action.connect(self.start_requested)
        self.empty = empty
        self.before_call = BeforeCallPanel(self)
        self.before_call.start_requested.connect(self.start_requested)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(empty)
        self.stack.addWidget(self.call_page)
        self.stack.addWidget(self.before_call)
        # What the sidebar has picked: (account id, deal id, "Account — Deal"); with no call
        # running, the pane shows its watch-outs (read when the pane is on screen).
        self._scope: tuple[int, int | None, str] | None = None
        self._scope_stale = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

        self.keys = CallKeys(
            self, marker=self.insert_marker, attendees=self.toggle_attendees,
            checklist=self.toggle_checklist, compact=self.toggle_compact, end=self.end_call,
        )  # fmt: skip
        self.addActions(self.keys.pane_actions)
        self.editor.reserve_shortcuts(self.keys.sequences())
        self.keys.set_enabled(False)
        self.compact = CompactWindow(self.tracker.model, self)
        self.compact.addActions(self.keys.compact_actions)
        self.compact.leave.connect(self.leave_compact)
        self.compact.markers.jump.connect(self.jump_to)

        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._update_timer)

    @property
    def call(self) -> CallRow | None:
        return self._call

    def open_call(self, call: CallRow) -> None:
        """Show a live call (new or recovered) and put the cursor at the end of its notes."""
        self.flush(wait=True)
        self._call = call
        self.autosaver.attach(None)
        self.editor.setPlainText(call.notes)
        self.tracker.load(self._live_call.markers(call.id), call.notes)
        snapshot = self._snapshot()
        self.autosaver.attach(call.id, snapshot)
        if snapshot.removed:  # rows whose stamps never reached the disk (a crash)
            self.autosaver.submit(partial(self._save, call.id, snapshot))
        who = call.account_name + (f" — {call.deal_name}" if call.deal_name else "")
        self.title.setText(who)
        self.attendees.show_call(call)
        self.mentions.set_people(self.attendees.people)
        self.checklist.show_deal(call.deal_id)
        self.watchouts.set_watchouts(self._watchouts_for(call.account_id, call.deal_id))
        self.header.offer_watchouts(0)
        self.stack.setCurrentWidget(self.call_page)
        self.keys.set_enabled(True)
        self._update_timer()
        self._tick.start()
        cursor = self.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def _watchouts_for(self, account_id: int, deal_id: int | None) -> list[WatchOut]:
        return build_watchouts(
            [(cause, n) for cause, n in self._taxonomy.counts() if not cause.retired],
            self._live_call.account_lessons(account_id),
            self._coverage_warnings(account_id, deal_id),
            self.team_watch(account_id),
        )

    # -- before a call ----------------------------------------------------------------------

    def set_scope(self, account_id: int | None, deal_id: int | None, who: str = "") -> None:
        """The account (and deal) picked in the sidebar; with no call, its watch-outs show."""
        self._scope = None if account_id is None else (account_id, deal_id, who)
        self._scope_stale = True
        if self.isVisible():
            self._show_idle()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._scope_stale:
            self._show_idle()

    def _show_idle(self) -> None:
        """No call: the watch-outs of the picked account, or how to start one."""
        if self._call is not None:
            return
        self._scope_stale = False
        if self._scope is None:
            self.stack.setCurrentWidget(self.empty)
            return
        account_id, deal_id, who = self._scope
        self.before_call.show_for(who, self._watchouts_for(account_id, deal_id))
        self.stack.setCurrentWidget(self.before_call)

    def elapsed_seconds(self) -> int:
        """Seconds since the call started."""
        if self._call is None:
            return 0
        return int((datetime.now(UTC) - self._call.started_at).total_seconds())

    def _update_timer(self) -> None:
        text = format_elapsed(self.elapsed_seconds())
        self.timer_label.setText(text)
        self.compact.timer_label.setText(text)

    # -- saving: the text and the markers' places go together -----------------------------

    def _snapshot(self) -> NotesSnapshot:
        return self.tracker.snapshot(self.editor.toPlainText())

    def _save(self, call_id: int, snapshot: NotesSnapshot) -> datetime:
        # On the save thread, after any marker rows queued before it.
        return self._live_call.save_notes(
            call_id, snapshot.text, snapshot.marker_places(), snapshot.removed_ids()
        )

    def _queue_marker_row(self, marker: LiveMarker, position: int) -> None:
        if self._call is not None:
            self.autosaver.submit(partial(self._write_marker, self._call.id, marker, position))

    def _write_marker(self, call_id: int, marker: LiveMarker, position: int) -> None:
        # On the writer thread; `marker.id` is read only there too (NotesSnapshot.marker_places).
        marker.id = self._live_call.add_marker(
            call_id, marker.kind, marker.elapsed_seconds, position
        )

    def flush(self, wait: bool = False) -> None:
        """Save what is typed now (pane switch, quit, end of call)."""
        self.autosaver.flush(wait=wait)

    # -- the keyboard ---------------------------------------------------------------------

    def insert_marker(self, kind: MarkerKind) -> None:
        """Ctrl+1…9: stamp the call's time and the marker's name at the cursor."""
        if self._call is None:
            return
        cursor = self.editor.textCursor()
        self.tracker.insert(cursor, kind, self.elapsed_seconds())
        self.editor.setTextCursor(cursor)
        self.focus_notes()

    def jump_to(self, marker: LiveMarker) -> None:
        """Put the cursor on a marker's stamp and give the notes the keyboard back."""
        cursor = self.editor.textCursor()
        cursor.setPosition(marker.position)
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        self.focus_notes()

    def focus_notes(self) -> None:
        self.editor.setFocus()

    def toggle_attendees(self) -> None:
        """Ctrl+Shift+A: to the attendees and back."""
        if self.attendees.isAncestorOf(self.focusWidget()):
            self.focus_notes()
        else:
            self.attendees.focus_list()
            self.side_column.reveal(self.attendees)

    def toggle_checklist(self) -> None:
        """Ctrl+Shift+Q: to the checklist and back."""
        if self.checklist.isAncestorOf(self.focusWidget()):
            self.focus_notes()
        else:
            self.checklist.focus_checklist()
            self.side_column.reveal(self.checklist)

    def bring_back_watchouts(self) -> None:
        """The header's 'Watch-outs (N)': the strip the seller hid comes back."""
        self.header.offer_watchouts(0)
        self.watchouts.bring_back()

    def _mentioned(self, stakeholder_id: int) -> None:
        if self._call is None:
            return

        def done(changed: object) -> None:
            if changed and self._call is not None:
                self.attendees.reload()
                self.people_changed.emit()

        job = partial(self._attendance.mention, self._call.id, stakeholder_id)
        self.autosaver.submit(job, on_done=done)

    def _people_changed(self) -> None:
        self.mentions.set_people(self.attendees.people)
        self.people_changed.emit()

    def map_changed(self) -> None:
        """People were added, renamed or removed on the map: the call's list, the names
        that @ completes and the map's watch-outs follow (someone who joins mid-call can be
        ticked at once; a decision maker put on the map is no longer a gap)."""
        if self._call is not None:
            self.attendees.reload()
            self.mentions.set_people(self.attendees.people)
            items = self._watchouts_for(self._call.account_id, self._call.deal_id)
            self.watchouts.refresh(items)
            if self.watchouts.hidden_by_seller:
                self.header.offer_watchouts(len(items))

    # -- compact mode ---------------------------------------------------------------------

    @property
    def compact_mode(self) -> bool:
        return self.compact.isVisible()

    def toggle_compact(self) -> None:
        """Ctrl+Shift+M: the notes in a small always-on-top window, or back."""
        if self.compact_mode:
            self.leave_compact()
        elif self._call is not None:
            self.notes_stack.setCurrentWidget(self.compact_note)
            self.compact.take_editor(self.editor, self.title.full_text())

    def leave_compact(self) -> None:
        if not self.compact_mode:
            return
        self.compact.hide()
        self.notes_stack.insertWidget(0, self.editor)
        self.notes_stack.setCurrentWidget(self.editor)
        window = self.window()
        window.raise_()
        window.activateWindow()
        self.editor.setFocus()

    # -- end ------------------------------------------------------------------------------

    @property
    def ending(self) -> bool:
        """Ctrl+E was pressed; the writer has not yet confirmed the call is ended."""
        return self._ending is not None

    def end_call(self) -> int | None:
        """Ctrl+E: stop the timer and close the call through the writer, after every write
        queued before it; returns the call's id. Nothing here waits for the disk: the pane
        holds the notes (read-only) until the writer confirms (`call_ended`) or fails
        (`end_failed`: the call goes on, with every character still in the editor)."""
        if self._call is None or self._ending is not None:
            return None
        self.mentions.settle(final=True)  # "@Grace Liu" typed just before Ctrl+E counts
        self.leave_compact()
        call_id = self._ending = self._call.id
        self.autosaver.flush()
        self.editor.setReadOnly(True)  # what is typed now would not be in the ended call
        self.keys.set_enabled(False)
        self.end_button.setEnabled(False)
        self.end_button.setText("Ending the call…")
        self.writer.submit(
            partial(self._calls.end, call_id, self.editor.toPlainText()),
            on_done=lambda _: self._ended(call_id),
            on_error=lambda exc: self._end_failed(call_id, exc),
        )
        return call_id

    def _end_failed(self, call_id: int, exc: BaseException) -> None:
        if self._ending != call_id:
            return
        self._ending = None
        self.editor.setReadOnly(False)
        self.keys.set_enabled(True)
        self.end_button.setEnabled(True)
        self.end_button.setText(self._end_label)
        self.autosaver.mark_dirty()  # the notes are still owed to the disk until a save works
        self.editor.setFocus()
        self.end_failed.emit(f"The call could not be ended. {describe(exc)}")

    def _ended(self, call_id: int) -> None:
        if self._ending != call_id:
            return
        self._ending = None
        self._tick.stop()
        self.autosaver.attach(None)
        self._call = None
        self.editor.clear()
        self.editor.setReadOnly(False)
        self.end_button.setEnabled(True)
        self.end_button.setText(self._end_label)
        self.tracker.clear()
        self.rescue_bar.hide()
        self.attendees.show_call(None)
        self.checklist.show_deal(None)
        self.watchouts.set_watchouts([])
        self.header.offer_watchouts(0)
        self.stack.setCurrentWidget(self.empty)
        self._scope_stale = True  # the call may have added a lesson or a person: read again
        self.call_ended.emit(call_id)

    def shutdown(self) -> None:
        """Final flush before the window goes away; the call stays live for recovery."""
        self.leave_compact()
        self.autosaver.shutdown()
