"""The selected result in full: a lesson as the seller wrote it, or where the notes matched."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from sales_notebook.store.lessons import LessonRow
from sales_notebook.store.search import SearchHit
from sales_notebook.ui.lessons_library.results_model import outcome_label, snippet_html


def _paragraphs(text: str) -> str:
    if not text.strip():
        return "<p><i>(nothing written)</i></p>"
    return "".join(
        f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in text.strip().split("\n\n")
    )


def lesson_html(lesson: LessonRow) -> str:
    """The lesson as simple, escaped HTML."""
    facts = [lesson.created_at.astimezone().strftime("%d %b %Y")]
    facts += [x for x in (lesson.account_name or "", outcome_label(lesson.outcome)) if x]
    out = [f"<h2>{html.escape(lesson.title)}</h2>", f"<p>{html.escape(' · '.join(facts))}</p>"]
    if lesson.causes:
        out.append("<h4>Root causes</h4><ul>")
        for c in lesson.causes:
            external = "" if c.controllable else " <i>(external)</i>"
            evidence = f": {html.escape(c.evidence)}" if c.evidence.strip() else ""
            out.append(f"<li><b>{html.escape(c.name)}</b>{external}{evidence}</li>")
        out.append("</ul>")
    out += ["<h4>What happened</h4>", _paragraphs(lesson.what_happened)]
    out += ["<h4>Do differently</h4>", _paragraphs(lesson.do_differently)]
    if lesson.feeling.strip():
        out += ["<h4>How it felt</h4>", _paragraphs(lesson.feeling)]
    return "".join(out)


def notes_hit_html(hit: SearchHit) -> str:
    """A call-notes result: the call and the matching passage."""
    facts = [hit.when.astimezone().strftime("%d %b %Y")]
    facts += [x for x in (hit.account_name, outcome_label(hit.outcome)) if x]
    return (
        f"<h2>{html.escape(hit.title or 'Call notes')}</h2>"
        f"<p>{html.escape(' · '.join(facts))}</p>"
        f"<h4>In the notes</h4><p>{snippet_html(hit.snippet)}</p>"
    )


class LessonView(QWidget):
    """Shows one result; `open_call(call_id)` when the user asks for the call behind it,
    `edit_lesson(lesson_id)` and `delete_lesson(lesson_id)` for the lesson shown."""

    open_call = Signal(int)
    edit_lesson = Signal(int)
    delete_lesson = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.call_id: int | None = None
        self.lesson_id: int | None = None
        self.text = QTextBrowser(self)
        self.text.setObjectName("lessonDetail")
        self.text.setOpenLinks(False)
        self.open_button = QPushButton("Open the call", self)
        self.open_button.setObjectName("openCall")
        self.open_button.clicked.connect(self._open)
        self.edit_button = QPushButton("&Edit lesson…", self)
        self.edit_button.setObjectName("editLesson")
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_lesson))
        self.delete_button = QPushButton("Delete lesson…", self)
        self.delete_button.setObjectName("deleteLesson")
        self.delete_button.clicked.connect(lambda: self._emit(self.delete_lesson))
        row = QHBoxLayout()
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.call_id = self.lesson_id = None
        self.text.setHtml("<p><i>Pick a result to read it here.</i></p>")
        self._enable()

    def show_lesson(self, lesson: LessonRow, mine: bool = True) -> None:
        """`mine` False: a teammate's lesson, read only (it is theirs to correct)."""
        self.call_id, self.lesson_id = lesson.call_id, lesson.id if mine else None
        self.text.setHtml(lesson_html(lesson))
        self._enable()

    def show_notes_hit(self, hit: SearchHit) -> None:
        self.call_id, self.lesson_id = hit.call_id, None
        self.text.setHtml(notes_hit_html(hit))
        self._enable()

    def _enable(self) -> None:
        self.open_button.setEnabled(self.call_id is not None)
        self.edit_button.setEnabled(self.lesson_id is not None)
        self.delete_button.setEnabled(self.lesson_id is not None)

    def _emit(self, signal: SignalInstance) -> None:
        if self.lesson_id is not None:
            signal.emit(self.lesson_id)

    def _open(self) -> None:
        if self.call_id is not None:
            self.open_call.emit(self.call_id)
