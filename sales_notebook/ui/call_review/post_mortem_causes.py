"""The post-mortem's third page: suggested root causes, pre-ticked, each with why."""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from sales_notebook.core.cause_texts import CauseText, PastLesson
from sales_notebook.core.diagnosis import (
    CallFacts,
    Suggestion,
    looks_external,
    suggest_root_causes,
)
from sales_notebook.core.diagnosis_text import language_problem
from sales_notebook.store.lessons import CauseDraft
from sales_notebook.store.taxonomy import CauseRow
from sales_notebook.ui.call_review import notes_model_loader, suggestions_worker
from sales_notebook.ui.call_review.post_mortem_pages import muted, scrolling

if TYPE_CHECKING:
    from sales_notebook.core.diagnosis_model import NotesModel

MAX_PRE_TICKED = 4
NO_CLEAR_CAUSE = "No clear cause in the notes: tick the causes that fit."
READING = "Reading the notes…"
POLL_MS = 30
START_AFTER_MS = 40
"""How often the page looks whether the notes have been read (a few microseconds each)."""
CONTROL_CHOICES = (("Within my control", True), ("External", False))


class CauseChoice(QWidget):
    """One cause on the suggestions page: ticked or not, why, evidence, in control or not."""

    def __init__(self, cause: CauseRow, why: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.cause = cause
        self.tick = QCheckBox(cause.name.replace("&", "&&"), self)  # "R&D" is no mnemonic
        self.tick.setObjectName(f"cause:{cause.id}")
        font = self.tick.font()
        font.setBold(True)
        self.tick.setFont(font)
        self.control = QComboBox(self)
        for text, controllable in CONTROL_CHOICES:
            self.control.addItem(text, controllable)
        self.reason = why
        self.chosen = False  # the seller ticked, unticked or moved it: theirs from now on
        self.why = muted(QLabel("", self))
        # The reason quotes the notes, which may hold pasted HTML: show it as typed.
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.why.setWordWrap(True)
        self.evidence = QLineEdit(self)
        self.show_reason(why)
        top = QHBoxLayout()
        top.addWidget(self.tick, 1)
        top.addWidget(self.control)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 2, 0, 6)
        column.addLayout(top)
        column.addWidget(self.why)
        column.addWidget(self.evidence)
        self.tick.toggled.connect(self._enable)
        self._enable(False)

    def show_reason(self, why: str) -> None:
        """Why this cause is suggested ("" when it is not)."""
        self.reason = why
        self.why.setText(f"Why: {why}" if why else "")
        self.why.setVisible(bool(why))
        self.evidence.setPlaceholderText(
            "Evidence in your words (optional; the reason above is kept otherwise)"
            if why
            else "Evidence: what in the call points at this cause"
        )

    def mine(self) -> bool:
        """True once the seller decided this cause (ticked, unticked, in control or not, or
        evidence typed): new answers or a reading leave it as it is."""
        return self.chosen or bool(self.evidence.text().strip())

    def _enable(self, ticked: bool) -> None:
        # Only a ticked cause asks more: a greyed-out choice on every other cause was noise.
        # Shown, it comes next in the Tab order (tick, Space, Tab, ↑ ↓ for External).
        self.control.setVisible(ticked)
        self.evidence.setVisible(ticked)

    @property
    def controllable(self) -> bool:
        return bool(self.control.currentData())

    def set_controllable(self, controllable: bool) -> None:
        self.control.setCurrentIndex(0 if controllable else 1)

    def draft(self) -> CauseDraft:
        evidence = self.evidence.text().strip() or self.reason
        return CauseDraft(self.cause.id, evidence, self.controllable)


class CausesPage(QWizardPage):
    """3. Suggested root causes, pre-ticked, each with why; every other cause can be ticked.

    The answers and the records are read at once; the notes (with the model and the past
    lessons, up to a second of CPU) on a worker thread, and their causes fill the page when
    they arrive, unless the seller has already ticked, unticked or typed: their choice wins.
    """

    def __init__(
        self,
        notes: str,
        causes: list[CauseRow],
        facts: CallFacts,
        answers: Callable[[], Mapping[str, str]],
        model: Future[NotesModel] | None = None,
        lessons: Sequence[PastLesson] = (),
    ) -> None:
        super().__init__()
        self.setObjectName("causesPage")
        self.setTitle("Why it went that way")
        self.setSubTitle(
            "Suggested from your answers, the notes, the map and the checklist. "
            "Untick what does not fit, tick what was missed."
        )
        self._notes = notes
        self._causes = causes
        self._facts = facts
        self._answers = answers
        self._model = model
        self._lessons = lessons
        self._touched = False  # the seller ticked, unticked or changed something: keep it
        self._building = False  # our own ticks while the list is built are not the seller's
        self._asked: tuple[tuple[str, str], ...] | None = None
        self._reading: Future[list[Suggestion]] | None = None
        self._failure: str | None = None
        self.choices: list[CauseChoice] = []
        self.external_hint = muted(
            QLabel(
                "The notes mention something outside your control (a budget freeze, a "
                "reorganisation…): mark the causes it explains as External.",
                self,
            )
        )
        self.external_hint.setWordWrap(True)
        self.external_hint.setVisible(looks_external(notes))
        self.status = muted(QLabel("", self))
        self.status.setObjectName("causesStatus")
        self.status.setWordWrap(True)
        self._waiting = QTimer(self)  # polls the reading on its worker thread
        self._waiting.setInterval(POLL_MS)
        self._waiting.timeout.connect(self._reading_arrived)
        self.content = QWidget(self)
        self.list = QVBoxLayout(self.content)
        self._made: dict[str, CauseChoice] = {}  # cause id -> its widget, made once
        self._headings = (self._heading(), self._heading())
        column = QVBoxLayout(self)
        column.addWidget(self.status)
        column.addWidget(self.external_hint)
        column.addWidget(scrolling(self.content, self), 1)
        self._own_words = [CauseText(c.id, c.name, c.question, c.prompt) for c in causes]

    def initializePage(self) -> None:
        asked = tuple(sorted(self._answers().items()))
        # Coming back with the same answers keeps the page as it was. New answers lay it out
        # again, but each cause the seller decided stays as they left it (CauseChoice.mine).
        if asked != self._asked:
            self._asked = asked
            self._touched = False
            self._ask(dict(asked))

    def reading(self) -> bool:
        """True while the notes are being read for causes."""
        return self._reading is not None

    def _ask(self, answers: dict[str, str]) -> None:
        if self._reading is not None:
            self._reading.cancel()  # read for the old answers: dropped, whenever it ends
        self._reading = None
        self._failure = None
        own_words = self._own_words
        # What the seller answered and the records say is shown at once; the notes follow.
        self._rebuild(suggest_root_causes("", answers=answers, facts=self._facts, causes=own_words))
        if self._notes.strip() and language_problem(self._notes) is None:
            request = suggestions_worker.Request(
                self._notes, answers, self._facts, own_words, self._lessons
            )
            # Started once the page is drawn: Qt drawing widgets written in Python needs the GIL.
            future: Future[list[Suggestion]] = Future()
            self._reading = future
            QTimer.singleShot(START_AFTER_MS, self, lambda: self._start(future, request))
            self._waiting.start()
            self._show_status(self._pre_ticked())

    def _start(self, future: Future[list[Suggestion]], request: suggestions_worker.Request) -> None:
        if self._reading is future:  # not dropped for new answers meanwhile
            self._reading = suggestions_worker.read_later(request, self._model)

    def _reading_arrived(self) -> None:
        reading = self._reading
        if reading is None or not reading.done():
            return
        self._waiting.stop()
        self._reading = None
        if reading.exception() is not None:
            self._failure = (
                f"The notes could not be read for causes ({reading.exception()}): "
                "tick the causes that fit."
            )
            self._show_status(self._pre_ticked())
        elif self._touched or self.has_typed():
            self._show_status(pre_ticked=True)  # the seller's choice wins over a late reading
        else:
            self._rebuild(reading.result())

    def _pre_ticked(self) -> bool:
        return bool(self.ticked())

    def _rebuild(self, suggestions: list[Suggestion]) -> None:
        """Lay the causes out again, suggested first. Each cause keeps its one widget, made
        the first time: making and styling fourteen again when the reading arrived held the
        window for tens of milliseconds."""
        self._building = True
        # Where the wizard put the focus, the top cause, stays the top one when the notes'
        # causes arrive and reorder the list (it went with its cause, down the page).
        at_top = bool(self.choices) and self.choices[0].tick.hasFocus()
        # Each widget leaves the layout through removeWidget(), which deletes its layout item:
        # an item only taken out (takeAt) stays the one the widget tells when it changes size,
        # so the item it gets below never learnt that a ticked cause grew and squashed it.
        for widget in (*self._made.values(), *self._headings):
            self.list.removeWidget(widget)
        while self.list.takeAt(0) is not None:
            pass  # the stretch
        self.choices = []
        by_id = {cause.id: cause for cause in self._causes}
        suggested = [s for s in suggestions if s.cause in by_id]
        first, second = self._headings
        first.setVisible(bool(suggested))
        if suggested:
            sure = any(suggestion.pre_tick for suggestion in suggested)
            self._place(first, "Suggested" if sure else "Possible causes")
        pre_ticked = 0
        for suggestion in suggested:
            choice = self._add(by_id[suggestion.cause], suggestion.why)
            if choice.mine():
                continue
            # Only evidence that makes a cause likely ticks it: a blind tick would feed the
            # lessons, the chart and the watch-outs with guesses.
            if suggestion.pre_tick and pre_ticked < MAX_PRE_TICKED:
                choice.tick.setChecked(True)
                pre_ticked += 1
            choice.set_controllable(not looks_external(suggestion.why))
        others = [c for c in self._causes if c.id not in {s.cause for s in suggested}]
        second.setVisible(bool(others))
        if others:
            self._place(second, "Other causes" if suggested else "Root causes")
        for cause in others:
            self._add(cause, "")
        self.list.addStretch(1)
        self._order_tabs()
        if at_top and self.choices:
            self.choices[0].tick.setFocus(Qt.FocusReason.OtherFocusReason)
        self._building = False
        self._show_status(pre_ticked > 0 or any(c.mine() for c in self.ticked()))
        self.completeChanged.emit()

    def _show_status(self, pre_ticked: bool) -> None:
        problem = language_problem(self._notes) or self._failure
        if problem is None and self._reading is not None:
            problem = READING
        if problem is None and self._model is not None:
            problem = notes_model_loader.problem(self._model)
        if problem is None and not pre_ticked:
            problem = NO_CLEAR_CAUSE
        self.status.setText(problem or "")
        self.status.setVisible(bool(problem))

    def _heading(self) -> QLabel:
        label = QLabel("", self.content)
        label.setContentsMargins(0, 6, 0, 0)
        return label

    def _place(self, heading: QLabel, text: str) -> None:
        heading.setText(f"<b>{html.escape(text)}</b>")
        self.list.addWidget(heading)

    def _add(self, cause: CauseRow, why: str) -> CauseChoice:
        choice = self._made.get(cause.id)
        if choice is None:
            choice = CauseChoice(cause, why, self.content)
            choice.tick.toggled.connect(self.completeChanged)
            choice.tick.toggled.connect(partial(self._seller_changed, choice))
            choice.control.currentIndexChanged.connect(partial(self._seller_changed, choice))
            self._made[cause.id] = choice
        else:
            if not choice.mine():  # as new; the seller's own choice is kept as they left it
                choice.tick.setChecked(False)
                choice.set_controllable(True)
            choice.show_reason(why)
        self.list.addWidget(choice)
        self.choices.append(choice)
        return choice

    def _order_tabs(self) -> None:
        """Tab goes down the page as it is laid out now, not in the order the widgets were
        made: tick, then (when ticked) in control or not and the evidence, then the next."""
        chain = [w for c in self.choices for w in (c.tick, c.control, c.evidence)]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _seller_changed(self, choice: CauseChoice, *_changed: object) -> None:
        if not self._building:
            self._touched = True
            choice.chosen = True

    def isComplete(self) -> bool:
        return any(choice.tick.isChecked() for choice in self.choices)

    def validatePage(self) -> bool:
        # A lesson names at least one cause: that is the point of the post-mortem.
        return self.isComplete()

    def has_typed(self) -> bool:
        """True once the seller wrote evidence of their own for a cause."""
        return any(choice.evidence.text().strip() for choice in self.choices)

    def seller_chose(self) -> bool:
        """True once the seller decided any cause here (what Cancel would throw away)."""
        return any(choice.mine() for choice in self.choices)

    def ticked(self) -> list[CauseChoice]:
        """The causes going into the lesson, in the order shown."""
        return [choice for choice in self.choices if choice.tick.isChecked()]
