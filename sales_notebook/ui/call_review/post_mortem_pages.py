"""The post-mortem's pages (the causes page has its own module); they only gather answers."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from sales_notebook.core.vocabulary import Outcome
from sales_notebook.store.calls import CallRow
from sales_notebook.store.errors import KnownError
from sales_notebook.store.lessons import LessonsService
from sales_notebook.store.taxonomy import CauseRow
from sales_notebook.ui.call_review.notes_view import SafeBrowser

if TYPE_CHECKING:
    from sales_notebook.ui.call_review.post_mortem_causes import CauseChoice

ANSWERS: tuple[tuple[str, str], ...] = (("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure"))


def scrolling(content: QWidget, page: QWizardPage) -> QScrollArea:
    """Content that scrolls when the list of causes outgrows the wizard."""
    scroll = QScrollArea(page)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    # Not a stop of its own: a page opened with the focus on the invisible scroll area, not
    # on its first cause. Tab still scrolls to each field it reaches.
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(content)
    return scroll


def _text_box(page: QWidget, placeholder: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit(page)
    box.setTabChangesFocus(True)  # keyboard-only: Tab leaves the box instead of typing a tab
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines)
    return box


def muted(label: QLabel) -> QLabel:
    """A label in the quiet colour used for hints and reasons."""
    label.setProperty("role", "muted")  # the theme's quiet colour
    return label


class OutcomePage(QWizardPage):
    """1. How the call ended, and how it felt."""

    def __init__(self, call: CallRow) -> None:
        super().__init__()
        self.setObjectName("outcomePage")
        self.setTitle("How did it go?")
        when = call.started_at.astimezone()
        self.setSubTitle(
            f"{call.account_name} — {call.title or 'call'} on {when:%d %b %Y}. "
            "Nothing is saved until you press Finish."
        )
        self.outcome = QComboBox(self)
        self.outcome.setObjectName("wizardOutcome")
        for value in Outcome:
            self.outcome.addItem(value.label, value.value)
        self.outcome.setCurrentIndex(max(self.outcome.findData(call.outcome or "stalled"), 0))
        self.feeling = _text_box(self, "Frustrated, blindsided, relieved… in a few words", 4)
        self.feeling.setObjectName("wizardFeeling")
        self.feeling.setMaximumHeight(self.feeling.fontMetrics().lineSpacing() * 6)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow("&Outcome:", self.outcome)
        form.addRow("How did it &feel?", self.feeling)
        steps = muted(
            QLabel(
                "Five short steps: how it went → a few questions → the likely causes → "
                "the lesson → similar past lessons.",
                self,
            )
        )
        steps.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addStretch(1)
        column.addWidget(steps)
        self.outcome.setFocus()

    @property
    def value(self) -> str:
        return str(self.outcome.currentData())


class QuestionsPage(QWizardPage):
    """2. One yes / no / not sure question per active root cause."""

    def __init__(self, causes: list[CauseRow]) -> None:
        super().__init__()
        self.setObjectName("questionsPage")
        self.setTitle("Look back at the call")
        self.setSubTitle(
            "One question per root cause; skip what you cannot say. Tab moves between "
            "questions, Space answers Yes, ← → pick the answer."
        )
        self.groups: dict[str, QButtonGroup] = {}
        content = QWidget(self)
        grid = QGridLayout(content)
        grid.setColumnStretch(0, 1)
        grid.setVerticalSpacing(10)
        for row, cause in enumerate(causes):
            text = cause.question or f"Was “{cause.name}” part of it?"
            # Plain text, as the seller wrote it: no markup, and "R&D" is not a mnemonic.
            question = QLabel(text.replace("&", "&&"), content)
            question.setTextFormat(Qt.TextFormat.PlainText)
            question.setWordWrap(True)
            choices = QWidget(content)  # one parent per question keeps the arrows in the row
            line = QHBoxLayout(choices)
            line.setContentsMargins(0, 0, 0, 0)
            group = QButtonGroup(choices)
            for answer, text in ANSWERS:
                button = QRadioButton(text, choices)
                button.setObjectName(f"{cause.id}:{answer}")
                button.setProperty("answer", answer)
                group.addButton(button)
                button.installEventFilter(self)
                line.addWidget(button)
            question.setBuddy(group.buttons()[0])
            grid.addWidget(question, row, 0)
            grid.addWidget(choices, row, 1)
            self.groups[cause.id] = group
        grid.setRowStretch(len(causes), 1)
        QVBoxLayout(self).addWidget(scrolling(content, self))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Qt's arrows only move the answer once there is one; on a question not yet
        # answered they moved the focus alone, so "→" looked like answering No and was not.
        if (
            isinstance(watched, QRadioButton)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right)
            and (group := watched.group()) is not None
        ):
            buttons = group.buttons()
            step = 1 if event.key() == Qt.Key.Key_Right else -1
            index = buttons.index(watched) + step
            target = buttons[min(max(index, 0), len(buttons) - 1)]
            target.setChecked(True)
            target.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def answers(self) -> dict[str, str]:
        """The answers given, by cause id; unanswered questions are left out."""
        found: dict[str, str] = {}
        for cause_id, group in self.groups.items():
            checked = group.checkedButton()
            if checked is not None:
                found[cause_id] = str(checked.property("answer"))
        return found


class LessonPage(QWizardPage):
    """4. The lesson itself: what happened, what to do differently, a title."""

    def __init__(self, call: CallRow, ticked: Callable[[], list[CauseChoice]]) -> None:
        super().__init__()
        self.setObjectName("lessonPage")
        self.setTitle("The lesson")
        self.setSubTitle("What you would tell yourself before the next call like this one.")
        self._call = call
        self._ticked = ticked
        self._auto_title = ""
        self._auto_advice = ""
        # Made in the order shown, which is the focus order: the page opens in the empty
        # "What happened" box, and Tab goes down to the title, already filled in.
        self.what_happened = _text_box(self, "What happened, in your words", 4)
        self.what_happened.setObjectName("lessonWhatHappened")
        self.what_happened.setPlainText(call.summary)
        self.do_differently = _text_box(self, "What to do differently next time", 5)
        self.do_differently.setObjectName("lessonDoDifferently")
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("lessonTitle")
        self.title_edit.setMaxLength(300)
        self.registerField("title*", self.title_edit)
        content = QWidget(self)
        form = QFormLayout(content)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow("&What happened:", self.what_happened)
        form.addRow("What to do &differently:", self.do_differently)
        form.addRow("&Title:", self.title_edit)
        QVBoxLayout(self).addWidget(scrolling(content, self))  # the longest page
        self.setFinalPage(True)

    def initializePage(self) -> None:
        causes = [choice.cause for choice in self._ticked()]
        advice = "\n".join(f"- {c.prompt}" for c in causes if c.prompt)
        # Pre-filled text follows the ticked causes until the seller edits it.
        if self.do_differently.toPlainText() == self._auto_advice:
            self.do_differently.setPlainText(advice)
            self._auto_advice = advice
        subject = self._call.title or self._call.account_name
        title = f"{causes[0].name}: {subject}" if causes else subject
        if self.title_edit.text() == self._auto_title:
            self.title_edit.setText(title)
            self._auto_title = title

    def cleanupPage(self) -> None:
        """Back keeps the page as it is. Qt's own cleanup empties the registered title: on
        Next again it was neither refilled nor the seller's, and Finish stayed greyed out."""

    def has_typed(self) -> bool:
        """True once the seller wrote something of their own here."""
        return (
            self.title_edit.text() != self._auto_title
            or self.do_differently.toPlainText() != self._auto_advice
            or self.what_happened.toPlainText() != self._call.summary
        )


class SimilarPage(QWizardPage):
    """5. Past lessons that share a cause or the account: has this happened before?"""

    def __init__(
        self, lessons: LessonsService, call: CallRow, ticked: Callable[[], list[CauseChoice]]
    ) -> None:
        super().__init__()
        self.setObjectName("similarPage")
        self.setTitle("Has this happened before?")
        self.setSubTitle("Past lessons with the same causes or from the same account.")
        self._lessons = lessons
        self._call = call
        self._ticked = ticked
        self.view = SafeBrowser(self)
        self.view.setObjectName("similarLessons")
        QVBoxLayout(self).addWidget(self.view)

    def initializePage(self) -> None:
        ids = [choice.cause.id for choice in self._ticked()]
        try:
            found = self._lessons.similar(ids, self._call.account_id, exclude_call_id=self._call.id)
        except KnownError as exc:
            self.view.setPlainText(str(exc))
            return
        if not found:
            self.view.setHtml(
                "<p>No past lesson shares these causes or this account yet. "
                "This one will be the first.</p>"
            )
            return
        parts = []
        for similar in found:
            lesson = similar.lesson
            names = {c.cause_id: c.name for c in lesson.causes}
            alike = [names[c] for c in similar.shared_causes]
            if similar.same_account:
                alike.append("same account")
            when = lesson.created_at.astimezone()
            account = lesson.account_name or "no account"
            outcome = Outcome(lesson.outcome).label if lesson.outcome in set(Outcome) else ""
            parts.append(
                f"<h3>{html.escape(lesson.title)}</h3>"
                f"<p>{html.escape(account)} · {when:%d %b %Y}"
                f"{' · ' + outcome if outcome else ''}<br>"
                f"<i>In common: {html.escape(', '.join(alike))}</i></p>"
                + (
                    f"<p><b>Do differently:</b> {html.escape(lesson.do_differently)}</p>"
                    if lesson.do_differently
                    else ""
                )
            )
        self.view.setHtml("".join(parts))
