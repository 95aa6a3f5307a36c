"""The post-call review: rendered notes, markers timeline, outcome, next steps and summary."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.core.vocabulary import MarkerKind, Outcome
from sales_notebook.store.accounts import AccountsService
from sales_notebook.store.call_facts import CallFactsService
from sales_notebook.store.calls import MAX_SUMMARY_CHARS, CallRow, CallsService
from sales_notebook.store.errors import KnownError
from sales_notebook.store.lessons import LessonsService
from sales_notebook.store.next_steps import NextStepsService
from sales_notebook.store.taxonomy import TaxonomyService
from sales_notebook.ui import keys
from sales_notebook.ui.call_review.heading import ReviewHeading
from sales_notebook.ui.call_review.next_steps import NextStepsBox
from sales_notebook.ui.call_review.notes_editor import ReviewNotes
from sales_notebook.ui.call_review.post_mortem_wizard import PostMortemWizard
from sales_notebook.ui.call_review.timeline import MarkerTimeline
from sales_notebook.ui.empty_state import EmptyState
from sales_notebook.ui.live_notes.editor import paste_refused
from sales_notebook.ui.plain_tip import as_typed
from sales_notebook.ui.writer import Writer

SUMMARY_SAVE_MS = 700
PICKER_CHARS = 34
OUTCOMES: tuple[Outcome | None, ...] = (None, *Outcome)


def _outcome_label(outcome: str | None) -> str:
    return Outcome(outcome).label if outcome in set(Outcome) else "Not set"


def _call_label(call: CallRow) -> str:
    when = call.started_at.astimezone()
    title = call.title or "Call"
    outcome = f" · {_outcome_label(call.outcome)}" if call.outcome else ""
    # The time tells apart two calls on the same day.
    return f"{when:%d %b %Y, %H:%M} · {title}{outcome}{' · live' if call.live else ''}"


def _duration(seconds: float) -> str:
    return "under a minute" if seconds < 60 else f"{int(seconds // 60)} min"


class SummaryEdit(QPlainTextEdit):
    """The summary box: a paste that would make it too long to save is refused, with why."""

    refused_input = Signal(str)

    def insertFromMimeData(self, source: QMimeData) -> None:
        what = ("the summary", "The summary is")
        refused = paste_refused(self, source, MAX_SUMMARY_CHARS, what)
        if refused is not None:
            self.refused_input.emit(refused)
            return
        super().insertFromMimeData(source)


class CallReviewPane(QWidget):
    """One ended call, reviewed; a bad outcome offers the post-mortem."""

    message = Signal(str)
    lesson_saved = Signal(int)
    call_moved = Signal(int, object)  # account id, deal id or None
    outcome_saved = Signal()  # the sidebar's stage follows

    def __init__(
        self,
        calls: CallsService,
        next_steps: NextStepsService,
        call_facts: CallFactsService,
        lessons: LessonsService,
        taxonomy: TaxonomyService,
        parent: QWidget | None = None,
        accounts: AccountsService | None = None,
        writer: Writer | None = None,
    ) -> None:
        super().__init__(parent)
        # Set by the window when the team library is available: (lesson id, share account).
        self.team_publish: Callable[[int, bool], object] | None = None
        self._accounts = accounts
        self.setObjectName("callReview")
        self._calls = calls
        self._facts = call_facts
        self._lessons = lessons
        self._taxonomy = taxonomy
        self.call: CallRow | None = None
        self.wizard: PostMortemWizard | None = None
        self._saved_summary = ""
        # An outcome the arrow keys passed through on the closed box: shown, not saved, until
        # Enter, Tab away or the list commits it ("Won" is not saved on the way to "Lost").
        self._browsing = False
        self._pending_outcome = False

        self.heading = ReviewHeading(self)
        self.heading.setObjectName("reviewHeading")
        self.call_picker = QComboBox(self)
        self.call_picker.setObjectName("reviewCallPicker")
        self.call_picker.setToolTip("Other calls with this account")
        # As wide as a usual label, not the longest one: a long call title elides here
        # (the list opens wide enough to read it) instead of squeezing the heading.
        self.call_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.call_picker.setMinimumContentsLength(PICKER_CHARS)
        self.call_picker.activated.connect(self._pick_call)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(_buddy("Ca&lls:", self.call_picker, self, bold=False))
        top.addWidget(self.call_picker)
        self.move_button = QPushButton("&Move…", self)  # Alt+V is the View menu's
        self.move_button.setObjectName("moveCall")
        self.move_button.setToolTip("File this call under another account or deal")
        self.move_button.clicked.connect(self.move_call)
        self.move_button.setVisible(accounts is not None)
        top.addWidget(self.move_button)

        self.offer = QFrame(self)
        self.offer.setObjectName("postMortemOffer")
        self.offer.setFrameShape(QFrame.Shape.StyledPanel)
        self.offer.setStyleSheet("#postMortemOffer { background: palette(alternate-base); }")
        self.offer_text = QLabel(self.offer)
        self.offer_text.setWordWrap(True)
        # The offer only points at the one "Run post-mortem…" button beside the outcome:
        # a second button here, worded differently, read as a second, different thing.
        self.dismiss_button = QPushButton("Not now", self.offer)
        self.dismiss_button.clicked.connect(self._dismiss_offer)
        offer_row = QHBoxLayout(self.offer)
        offer_row.addWidget(self.offer_text, 1)
        offer_row.addWidget(self.dismiss_button)
        self.offer.hide()

        self.notes_box = ReviewNotes(calls, self, writer=writer)
        self.notes_box.message.connect(self.message)
        self.notes = self.notes_box.view
        self.outcome = QComboBox(self)
        self.outcome.setObjectName("reviewOutcome")
        for value in OUTCOMES:
            self.outcome.addItem(_outcome_label(value), value)
        self.outcome.activated.connect(self._outcome_chosen)
        self.outcome.installEventFilter(self)
        self.post_mortem_button = QPushButton("Run &post-mortem…", self)
        self.post_mortem_button.setObjectName("runPostMortem")
        self.post_mortem_button.clicked.connect(self.run_post_mortem)
        self.post_mortem_button.setToolTip("Choose an outcome first")
        outcome_row = QHBoxLayout()
        outcome_row.addWidget(self.outcome, 1)
        outcome_row.addWidget(self.post_mortem_button)
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("reviewTitle")
        self.title_edit.setPlaceholderText("Give this call a title, e.g. Pricing follow-up")
        self.title_edit.setMaxLength(300)
        self.title_edit.editingFinished.connect(self._save_title)
        self.summary = SummaryEdit(self)
        self.summary.refused_input.connect(self.message)
        self.summary.setObjectName("reviewSummary")
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText("The call in two or three sentences")
        self.summary.setMaximumHeight(self.summary.fontMetrics().lineSpacing() * 6)
        # Two lines at the least (not Qt's 72 px): with the post-mortem offer shown, the
        # review must still fit a 1024x640 window.
        self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * 2 + 16)
        self._summary_timer = QTimer(self, singleShot=True, interval=SUMMARY_SAVE_MS)
        self._summary_timer.timeout.connect(self.flush)
        self.summary.textChanged.connect(self._summary_timer.start)
        self.next_steps = NextStepsBox(next_steps, self)
        self.next_steps.message.connect(self.message)
        self.timeline = MarkerTimeline(self)
        self.lessons_label = QLabel(self)
        self.lessons_label.setObjectName("reviewLessons")
        self.lessons_label.setWordWrap(True)
        self.lessons_label.setTextFormat(Qt.TextFormat.RichText)

        side = QWidget(self)
        form = QFormLayout(side)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(_buddy("&Title", self.title_edit, side), self.title_edit)
        form.addRow(_buddy("&Outcome", self.outcome, side), outcome_row)
        form.addRow(_buddy("&Summary", self.summary, side), self.summary)
        form.addRow(_buddy("&Next steps", self.next_steps.tree, side), self.next_steps)
        form.addRow(_buddy("Mar&kers", self.timeline, side), self.timeline)
        form.addRow(self.lessons_label)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("reviewSplitter")
        splitter.addWidget(self.notes_box)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.offer)
        column.addWidget(splitter, 1)
        self.stack = QStackedWidget(self)
        # Said before anything is chosen, so also when the notebook is full of past calls.
        self.empty = EmptyState(
            "No call to review",
            "Pick an account in the sidebar to review its latest call. "
            f"{keys.hint('end_call')} at the end of a call brings it here too.",
            None,
            self,
        )
        self.stack.addWidget(self.empty)
        self.stack.addWidget(page)
        QVBoxLayout(self).addWidget(self.stack)
        # Top to bottom as shown, from the title; after choosing a bad outcome, Tab goes
        # straight to the post-mortem, then "Not now".
        QWidget.setTabOrder(self.title_edit, self.outcome)
        QWidget.setTabOrder(self.outcome, self.post_mortem_button)
        QWidget.setTabOrder(self.post_mortem_button, self.dismiss_button)
        QWidget.setTabOrder(self.dismiss_button, self.summary)
        QWidget.setTabOrder(self.summary, self.next_steps.tree)

    @property
    def call_id(self) -> int | None:
        return self.call.id if self.call else None

    # -- showing a call -------------------------------------------------------

    def set_scope(self, account_id: int | None, deal_id: int | None) -> None:
        """Follow the sidebar: show the latest ended call of the account (or deal)."""
        if account_id is None:
            return
        shown = self.call
        if shown and shown.account_id == account_id and deal_id in (None, shown.deal_id):
            return
        try:
            calls = [c for c in self._calls.for_account(account_id, deal_id) if not c.live]
        except KnownError as exc:
            self.message.emit(str(exc))
            return
        if calls:
            self.show_call(calls[0].id)
            return
        self.flush()
        self.call = None
        self.empty.text.setText(
            f"No ended call with this account yet. Press {keys.hint('new_call')} to start one; "
            f"{keys.hint('end_call')} ends it and brings it here for review."
        )
        self.stack.setCurrentWidget(self.empty)

    def refresh_names(self) -> None:
        """Say the shown call's account and deal as they are named now (after a rename in
        the sidebar); what is being edited stays as it is."""
        if self.call is None:
            return
        try:
            now = self._calls.get(self.call.id)
        except KnownError as exc:
            self.message.emit(str(exc))
            return
        self.call = replace(self.call, account_name=now.account_name, deal_name=now.deal_name)
        self._show_heading(self.call)

    def _show_heading(self, call: CallRow) -> None:
        deal = f" — {call.deal_name}" if call.deal_name else ""
        ended = call.ended_at or call.started_at
        lasted = _duration((ended - call.started_at).total_seconds())
        self.heading.show_call(
            call.account_name + deal,
            call.title or "Call",
            f"{call.started_at.astimezone():%a %d %b %Y, %H:%M} · {lasted}",
            f"{call.started_at.astimezone():%d %b, %H:%M} · {lasted}",
            lasted,
        )

    def show_call(self, call_id: int, ask_outcome: bool = False) -> None:
        """Show a call; with ask_outcome (right after Ctrl+E) the outcome has the focus."""
        self.flush()
        call = self._calls.get(call_id)
        self.call = call
        self._show_heading(call)
        self.title_edit.setText(call.title)
        self.notes_box.show_call(call)
        self.outcome.setCurrentIndex(max(self.outcome.findData(call.outcome), 0))
        self._pending_outcome = False
        self._enable_post_mortem(call.outcome)
        self.summary.blockSignals(True)
        self.summary.setPlainText(call.summary)
        self._saved_summary = call.summary
        self.summary.blockSignals(False)
        markers = self._facts.markers(call_id)
        marked = [m.text for m in markers if m.kind == MarkerKind.NEXT_STEP]
        self.next_steps.show_call(call_id, marked)
        self.timeline.show_markers(markers)
        self._show_lessons()
        self._fill_picker()
        self.offer.hide()
        self.stack.setCurrentIndex(1)
        if ask_outcome:
            self.offer_text.setText(
                "Call ended. How did it go? Choose the outcome (↑ ↓), then press Enter."
            )
            self.dismiss_button.hide()
            self.offer.show()
            self.outcome.setFocus()

    def _show_lessons(self) -> None:
        found = self._lessons.for_call(self.call_id) if self.call_id else []
        if not found:
            self.lessons_label.setText("")
            return
        titles = ", ".join(f"“{html.escape(lesson.title)}”" for lesson in found)
        self.lessons_label.setText(f"<b>Lessons from this call:</b> {titles}")

    def _fill_picker(self) -> None:
        self.call_picker.clear()
        if self.call is None:
            return
        for call in self._calls.for_account(self.call.account_id):
            label = _call_label(call)
            self.call_picker.addItem(label, call.id)
            self.call_picker.setItemData(
                self.call_picker.count() - 1, as_typed(label), Qt.ItemDataRole.ToolTipRole
            )
        self.call_picker.setCurrentIndex(max(self.call_picker.findData(self.call.id), 0))

    def _pick_call(self, index: int) -> None:
        call_id = self.call_picker.itemData(index)
        if call_id is not None and call_id != self.call_id:
            self.show_call(call_id)

    def move_call(self) -> None:
        """Ask for the account (and deal) the call belongs to, and file it there."""
        if self.call is None or self._accounts is None:
            return
        from sales_notebook.ui.live_notes.new_call_dialog import NewCallDialog

        self.flush()
        call = self.call
        deals = {a.name: [d.name for d in a.deals] for a in self._accounts.all()}
        dialog = NewCallDialog(
            list(deals), call.account_name, call.deal_name or "", self, deals,
            title="Move call", action="Move",
        )  # fmt: skip
        dialog.setObjectName("moveCallDialog")
        if dialog.exec() != NewCallDialog.DialogCode.Accepted:
            return
        try:
            account_id, deal_id = self._accounts.find_or_add(dialog.account, dialog.deal)
            self._calls.move(call.id, account_id, deal_id)
        except KnownError as exc:
            self.message.emit(str(exc))
            return
        self.show_call(call.id)
        self.call_moved.emit(account_id, deal_id)

    def _save_title(self) -> None:
        if self.call is None or self.title_edit.text().strip() == self.call.title:
            return
        try:
            self._calls.set_title(self.call.id, self.title_edit.text())
        except KnownError as exc:
            self.message.emit(str(exc))
            return
        focus = QApplication.focusWidget()
        self.show_call(self.call.id)
        if focus is not None:
            focus.setFocus()

    # -- outcome and summary --------------------------------------------------

    def _outcome_chosen(self, index: int) -> None:
        if self._browsing:  # an arrow key on the closed box: not a choice yet
            self._pending_outcome = True
            return
        self._commit_outcome()

    def _commit_outcome(self) -> None:
        self._pending_outcome = False
        outcome = self.outcome.currentData()
        if not self._save(outcome):
            return
        self._enable_post_mortem(outcome)
        self._fill_picker()
        went_badly = outcome is not None and Outcome(outcome).went_badly
        if went_badly and self.call_id is not None and not self._lessons.for_call(self.call_id):
            label = Outcome(outcome).label.lower()
            self.offer_text.setText(
                f"Outcome: {label}. A five-minute post-mortem turns this call into a "
                "lesson with a named cause: press Enter, or Run post-mortem… beside the "
                "outcome."
            )
            self.dismiss_button.show()
            self.offer.show()
            return
        self.offer.hide()

    def _stop_browsing(self) -> None:
        self._browsing = False

    def _enable_post_mortem(self, outcome: str | None) -> None:
        self.post_mortem_button.setEnabled(outcome is not None)
        self.post_mortem_button.setToolTip(
            "Turn this call into a lesson with a named cause"
            if outcome is not None
            else "Choose an outcome first"
        )

    def _dismiss_offer(self) -> None:
        self.offer.hide()
        self.outcome.setFocus()

    def _save(self, outcome: str | None) -> bool:
        if self.call is None:
            return False
        self._summary_timer.stop()
        try:
            self._calls.set_outcome(self.call.id, outcome, self.summary.toPlainText())
        except KnownError as exc:
            self.message.emit(str(exc))
            return False
        self._saved_summary = self.summary.toPlainText()
        self.outcome_saved.emit()
        return True

    def flush(self) -> None:
        """Save the notes and summary typed so far (pane switch, another call, quit)."""
        self.notes_box.flush()
        if self.call is not None and self._pending_outcome:
            self._commit_outcome()
        if self.call is not None and self.summary.toPlainText() != self._saved_summary:
            self._save(self.outcome.currentData())

    def shutdown(self) -> None:
        """Save what is typed and stop the notes' save thread (the window is closing)."""
        self.flush()
        self.notes_box.shutdown()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.outcome and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.KeyPress:
                # Arrows, Page keys and letters move through the closed box: the
                # `activated` they emit (synchronously) is browsing, not a choice.
                self._browsing = event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                QTimer.singleShot(0, self._stop_browsing)
                if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._pending_outcome:
                    self._commit_outcome()
                    return True
        elif (
            watched is self.outcome
            and event.type() == QEvent.Type.FocusOut
            and self._pending_outcome
            and not self.outcome.view().isVisible()
        ):
            self._commit_outcome()
        # Enter on the outcome accepts the post-mortem offer: a keyboard-only user
        # picks "Lost" with the arrows, Enter saves it, Enter again starts the post-mortem.
        if (
            watched is self.outcome
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.offer.isVisible()
            and self.dismiss_button.isVisible()  # the offer, not the "how did it go?" prompt
        ):
            self.run_post_mortem()
            return True
        return super().eventFilter(watched, event)

    # -- post-mortem ----------------------------------------------------------

    def run_post_mortem(self) -> None:
        """Open the post-mortem wizard on the shown call; nothing is saved before Finish."""
        if self.call is None:
            return
        self.flush()
        self.offer.hide()
        call = self._calls.get(self.call.id)
        if self.outcome.currentData() is not None:
            call = replace(call, outcome=self.outcome.currentData())
        try:
            facts = self._facts.facts(call.id)
            causes = self._taxonomy.causes()
            past = self._lessons.for_suggestions(exclude_call_id=call.id)
        except KnownError as exc:
            self.message.emit(str(exc))
            return
        if self.wizard is not None:
            self.wizard.deleteLater()  # one wizard at a time; the last one is done with
        self.wizard = PostMortemWizard(
            call, causes, facts, self._lessons, self, past, publish=self.team_publish
        )
        self.wizard.saved.connect(self._lesson_saved)
        # Take the keyboard back once it closes: without a window manager that does it (or
        # with one that is slow to), Alt+4 or Ctrl+N right after Finish would do nothing.
        self.wizard.finished.connect(lambda _: self.window().activateWindow())
        self.wizard.open()

    def _lesson_saved(self, lesson_id: int) -> None:
        if self.call_id is not None:
            self.show_call(self.call_id)
        self.lesson_saved.emit(lesson_id)


def _buddy(text: str, widget: QWidget, parent: QWidget, bold: bool = True) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(widget)
    font = label.font()
    font.setBold(bold)
    label.setFont(font)
    return label
