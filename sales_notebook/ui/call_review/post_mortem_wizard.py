"""The post-mortem wizard: turns a call that went badly into a lesson with named causes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from sales_notebook.core.cause_texts import PastLesson
from sales_notebook.core.diagnosis import CallFacts
from sales_notebook.store.calls import CallRow
from sales_notebook.store.errors import KnownError
from sales_notebook.store.lessons import LessonDraft, LessonsService
from sales_notebook.store.taxonomy import CauseRow
from sales_notebook.ui.call_review import notes_model_loader
from sales_notebook.ui.call_review.post_mortem_causes import CausesPage
from sales_notebook.ui.call_review.post_mortem_pages import (
    LessonPage,
    OutcomePage,
    QuestionsPage,
    SimilarPage,
)
from sales_notebook.ui.discard import discard_asked
from sales_notebook.ui.team.share_box import ShareBox

PREFERRED_SIZE = QSize(780, 640)
FRAME_ROOM = 48
"""Left for the title bar and frame, which are not known before the window shows."""


class PostMortemWizard(QWizard):
    """Outcome -> questions -> suggested causes -> the lesson -> similar lessons.

    The pages only collect; `accept()` (Finish) is the one place that writes, in one
    transaction, so Cancel at any point leaves the notebook exactly as it was.
    """

    saved = Signal(int)

    def __init__(
        self,
        call: CallRow,
        causes: list[CauseRow],
        facts: CallFacts,
        lessons: LessonsService,
        parent: QWidget | None = None,
        past_lessons: Sequence[PastLesson] = (),
        publish: Callable[[int, bool], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("postMortemWizard")
        self.setWindowTitle(f"Post-mortem — {call.account_name}")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoDefaultButton, False)
        self.call = call
        self._lessons = lessons
        self.lesson_id: int | None = None

        self.outcome_page = OutcomePage(call)
        self.questions_page = QuestionsPage(causes)
        # The notes model loads on a worker thread while the seller answers the questions.
        self.causes_page = CausesPage(
            call.notes,
            causes,
            facts,
            self.questions_page.answers,
            notes_model_loader.start_loading(),
            past_lessons,
        )
        self.lesson_page = LessonPage(call, self.causes_page.ticked)
        self.similar_page = SimilarPage(lessons, call, self.causes_page.ticked)
        self.pages = (
            self.outcome_page,
            self.questions_page,
            self.causes_page,
            self.lesson_page,
            self.similar_page,
        )
        for page in self.pages:
            self.addPage(page)
        # The team library: "Share with my team" on the last page, off by default.
        self._publish = publish
        self.share_box: ShareBox | None = None
        if publish is not None:
            self.share_box = ShareBox(call.account_name, self.similar_page)
            layout = self.similar_page.layout()
            if layout is not None:
                layout.addWidget(self.share_box)
        self._fit_screen(parent)

    def _fit_screen(self, parent: QWidget | None) -> None:
        """As big as is comfortable, never bigger than the screen (a 600-px-high laptop):
        the pages scroll instead of being cut off below the buttons."""
        room = (parent or self).screen().availableGeometry()
        self.resize(
            max(min(PREFERRED_SIZE.width(), room.width() - FRAME_ROOM), 0),
            max(min(PREFERRED_SIZE.height(), room.height() - FRAME_ROOM), 0),
        )

    def draft(self) -> LessonDraft:
        """The lesson as the pages have it now."""
        lesson = self.lesson_page
        return LessonDraft(
            title=lesson.title_edit.text(),
            call_id=self.call.id,
            account_id=self.call.account_id,
            outcome=self.outcome_page.value,
            feeling=self.outcome_page.feeling.toPlainText(),
            what_happened=lesson.what_happened.toPlainText(),
            do_differently=lesson.do_differently.toPlainText(),
            causes=tuple(choice.draft() for choice in self.causes_page.ticked()),
        )

    def accept(self) -> None:
        """Finish: write the lesson, its causes and the call's outcome, or explain why not."""
        try:
            self.lesson_id = self._lessons.create(self.draft())
        except KnownError as exc:
            # The wizard stays open with everything typed, so nothing is lost.
            QMessageBox.warning(self, "Post-mortem", str(exc))
            return
        if self.share_box is not None and self._publish is not None:
            share, with_account = self.share_box.choice()
            if share:
                try:
                    self._publish(self.lesson_id, with_account)
                except KnownError as exc:  # the lesson itself is saved
                    QMessageBox.warning(self, "Post-mortem", f"Saved, but not shared: {exc}")
        super().accept()
        self.saved.emit(self.lesson_id)

    def reject(self) -> None:
        """Cancel writes nothing; answers, choices and text are only thrown away after asking."""
        visited = self._visited()
        worked = (
            self.outcome_page.feeling.toPlainText().strip()
            or (self.questions_page in visited and self.questions_page.answers())
            or (self.causes_page in visited and self.causes_page.seller_chose())
            or (self.lesson_page in visited and self.lesson_page.has_typed())
        )
        if worked and not discard_asked(
            self, "Post-mortem", "Discard this post-mortem? Nothing has been saved."
        ):
            return
        super().reject()

    def _visited(self) -> list[QWidget]:
        return [self.page(page_id) for page_id in self.visitedIds()]
