"""The post-mortem wizard: nothing is written before Finish, and Finish writes it all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QScreen
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from sales_notebook.store.models import Stakeholder
from sales_notebook.store.transfer import export_document
from sales_notebook.ui.call_review import notes_model_loader
from sales_notebook.ui.call_review.post_mortem_causes import NO_CLEAR_CAUSE
from tests.ui.modal import when_modal
from tests.ui.test_call_review import ended_call, make_pane, red_pixels

ALT = Qt.KeyboardModifier.AltModifier
NOTES = (
    "Marco loved the architecture walk-through. Never asked who signs off.\n"
    "Ruth, the ops director, went with the big-name vendor."
)


@pytest.fixture(autouse=True, scope="module")
def notes_model():
    """Loaded once before the wizards open, so each page reads the notes with it at once."""
    return notes_model_loader.start_loading().result(timeout=120)


def snapshot(db) -> dict:
    document = export_document(db)
    document.pop("exported_at")
    return document


@pytest.fixture
def pane(qtbot, demo_services):
    call_id = ended_call(demo_services, NOTES, account="Kestrel Logistics", title="Follow-up")
    # A post-mortem is run on a call that went badly: the outcome is set first.
    demo_services.calls.set_outcome(call_id, "stalled")
    review = make_pane(qtbot, demo_services)
    review.show_call(call_id)
    return review


def open_wizard(pane):
    pane.run_post_mortem()
    assert pane.wizard is not None and pane.wizard.isVisible()
    return pane.wizard


def answer(wizard, cause: str, value: str) -> None:
    for button in wizard.questions_page.groups[cause].buttons():
        if button.property("answer") == value:
            button.setChecked(True)


def choice(wizard, cause: str):
    return next(c for c in wizard.causes_page.choices if c.cause.id == cause)


def ticked(wizard) -> list[str]:
    return [c.cause.id for c in wizard.causes_page.ticked()]


def suggested(wizard) -> list[str]:
    return [c.cause.id for c in wizard.causes_page.choices if c.reason]


def read(qtbot, wizard) -> None:
    """As a seller does: wait for the notes' causes, read on a worker thread, to be shown."""
    page = wizard.causes_page
    # ... and for its rows to show: a layout shows a row added to a shown page a moment later.
    qtbot.waitUntil(lambda: not page.reading() and not any(c.isHidden() for c in page.choices))


def to_causes(qtbot, wizard) -> None:
    """Next, Next: on the causes page once the notes have been read."""
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.causes_page
    read(qtbot, wizard)


def test_stepping_through_writes_nothing_and_cancel_leaves_the_notebook_as_it_was(
    qtbot, pane, demo_services
) -> None:
    before = snapshot(demo_services.db)
    wizard = open_wizard(pane)
    assert wizard.objectName() == "postMortemWizard"
    assert len(wizard.pages) == 5 and wizard.currentPage() is wizard.outcome_page

    wizard.outcome_page.outcome.setCurrentIndex(wizard.outcome_page.outcome.findData("lost"))
    wizard.next()
    assert wizard.currentPage() is wizard.questions_page
    questions = {c.id: c.question for c in demo_services.taxonomy.causes()}
    assert set(wizard.questions_page.groups) == set(questions)
    answer(wizard, "no-next-step", "no")
    answer(wizard, "no-discovery", "yes")
    assert wizard.questions_page.answers() == {"no-next-step": "no", "no-discovery": "yes"}

    wizard.next()
    assert wizard.currentPage() is wizard.causes_page
    read(qtbot, wizard)
    # Pre-ticked: what the notes make likely ("Never asked who signs off"), and the answer.
    assert {"missed-boss", "no-next-step"} <= set(ticked(wizard))
    assert not wizard.causes_page.status.isVisible()
    for picked in wizard.causes_page.ticked():
        assert picked.reason  # each suggestion says why
    assert "No to: Did you agree a dated next step?" in choice(wizard, "no-next-step").reason
    assert "no-discovery" not in ticked(wizard)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    wizard.next()
    lesson = wizard.lesson_page
    prompts = {c.id: c.prompt for c in demo_services.taxonomy.causes()}
    for cause in ticked(wizard):
        assert prompts[cause] in lesson.do_differently.toPlainText()
    assert lesson.title_edit.text()

    wizard.next()
    assert wizard.currentPage() is wizard.similar_page
    similar = wizard.similar_page.view.toPlainText()
    assert "Won the developer, lost to the ops director" in similar  # same account and causes
    assert "Friendly demo, no next step" in similar  # another account, shared causes

    assert snapshot(demo_services.db) == before
    # Questions were answered: Cancel asks before throwing the answers away.
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Discard).click())
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert not wizard.isVisible()
    assert snapshot(demo_services.db) == before


def test_cancel_after_typing_asks_first_and_still_writes_nothing(qtbot, pane, demo_services):
    before = snapshot(demo_services.db)
    wizard = open_wizard(pane)
    qtbot.keyClicks(wizard.outcome_page.feeling, "Blindsided")
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    wizard.reject()
    assert wizard.isVisible()  # kept: the seller changed their mind
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Discard).click())
    wizard.reject()
    assert not wizard.isVisible()
    assert snapshot(demo_services.db) == before


def test_escape_after_typing_evidence_asks_before_throwing_it_away(
    qtbot, pane, demo_services
) -> None:
    before = snapshot(demo_services.db)
    wizard = open_wizard(pane)
    to_causes(qtbot, wizard)
    evidence = wizard.causes_page.ticked()[0].evidence
    qtbot.keyClicks(evidence, "Ruth chose the big name")
    asked: list[str] = []

    def keep_editing(box) -> None:
        asked.append(box.text())
        keep = box.button(QMessageBox.StandardButton.Cancel)
        assert keep.text().replace("&", "") == "Keep editing"
        assert box.button(QMessageBox.StandardButton.Discard).text() == "&Discard"  # Alt+D
        keep.click()

    when_modal(keep_editing)
    qtbot.keyClick(evidence, Qt.Key.Key_Escape)
    assert asked and "Discard" in asked[0]
    assert wizard.isVisible() and evidence.text() == "Ruth chose the big name"

    when_modal(lambda box: box.button(QMessageBox.StandardButton.Discard).click())
    qtbot.keyClick(evidence, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    assert snapshot(demo_services.db) == before


def test_escape_after_answering_questions_asks_first(qtbot, pane) -> None:
    wizard = open_wizard(pane)
    wizard.next()
    qtbot.keyClick(wizard.questions_page, Qt.Key.Key_Escape)  # nothing answered: closes at once
    assert not wizard.isVisible()
    wizard = open_wizard(pane)
    wizard.next()
    answer(wizard, "no-next-step", "no")
    asked: list[str] = []
    keep = QMessageBox.StandardButton.Cancel  # "Keep editing"
    when_modal(lambda box: (asked.append(box.text()), box.button(keep).click()))
    qtbot.keyClick(wizard.questions_page, Qt.Key.Key_Escape)
    assert asked and "Discard" in asked[0] and wizard.isVisible()
    assert wizard.questions_page.answers() == {"no-next-step": "no"}


def test_finish_writes_the_lesson_with_its_causes_and_the_outcome(qtbot, pane, demo_services):
    wizard = open_wizard(pane)
    wizard.outcome_page.outcome.setCurrentIndex(wizard.outcome_page.outcome.findData("lost"))
    qtbot.keyClicks(wizard.outcome_page.feeling, "Deflated")
    to_causes(qtbot, wizard)
    suggested = set(ticked(wizard))
    assert "missed-boss" in suggested
    choice(wizard, "brand-trust").tick.setChecked(True)
    choice(wizard, "brand-trust").tick.setChecked(False)
    choice(wizard, "wrong-priority").tick.setChecked(True)
    choice(wizard, "wrong-priority").set_controllable(False)
    qtbot.keyClicks(choice(wizard, "wrong-priority").evidence, "Ops budget went to a reorg")
    wizard.next()
    lesson = wizard.lesson_page
    lesson.title_edit.clear()
    qtbot.keyClicks(lesson.title_edit, "Find the ops director in the first call")
    qtbot.keyClicks(lesson.what_happened, "Won the developer, never met Ruth.")
    wizard.next()

    with qtbot.waitSignal(pane.lesson_saved) as saved:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert not wizard.isVisible()

    stored = demo_services.lessons.get(saved.args[0])
    assert stored.call_id == pane.call_id and stored.account_name == "Kestrel Logistics"
    assert stored.title == "Find the ops director in the first call"
    assert stored.outcome == "lost" and stored.feeling == "Deflated"
    assert stored.what_happened == "Won the developer, never met Ruth."
    causes = {c.cause_id: c for c in stored.causes}
    assert set(causes) == suggested - {"brand-trust"} | {"wrong-priority"}
    assert causes["wrong-priority"].evidence == "Ops budget went to a reorg"
    assert not causes["wrong-priority"].controllable
    assert causes["missed-boss"].controllable
    assert "signs off" in causes["missed-boss"].evidence  # the reason is kept as evidence
    assert demo_services.calls.get(pane.call_id).outcome == "lost"
    assert pane.outcome.currentData() == "lost"
    assert "Find the ops director" in pane.lessons_label.text()


def test_back_keeps_the_sellers_own_choices_even_when_the_answers_change(qtbot, pane) -> None:
    wizard = open_wizard(pane)
    answer(wizard, "no-next-step", "no")
    to_causes(qtbot, wizard)
    choice(wizard, "no-insight").tick.setChecked(True)
    wizard.back()
    wizard.next()
    assert "no-insight" in ticked(wizard)
    # More of the seller's own: evidence typed, a cause marked External, a pre-tick undone.
    boss, step = choice(wizard, "missed-boss"), choice(wizard, "no-next-step")
    assert boss.tick.isChecked() and step.tick.isChecked()
    boss.evidence.setText("Procurement runs it")
    boss.set_controllable(False)
    step.tick.setChecked(False)
    wizard.back()
    answer(wizard, "no-boundaries", "no")
    wizard.next()
    read(qtbot, wizard)
    # The new answer's cause is ticked; what the seller decided stays as they left it.
    assert "no-boundaries" in ticked(wizard)
    assert "no-insight" in ticked(wizard) and "no-next-step" not in ticked(wizard)
    assert boss.tick.isChecked() and boss.evidence.text() == "Procurement runs it"
    assert not boss.controllable
    assert [c.cause.id for c in wizard.causes_page.ticked()] == ticked(wizard)


def test_back_and_next_on_the_lesson_page_keeps_its_title_and_finish(qtbot, pane) -> None:
    wizard = open_wizard(pane)
    to_causes(qtbot, wizard)
    wizard.next()
    lesson = wizard.lesson_page
    title = lesson.title_edit.text()
    assert title and wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wizard.back()
    wizard.next()
    assert lesson.title_edit.text() == title and not lesson.has_typed()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    lesson.title_edit.setText("Mine")  # a title of the seller's own survives Back too
    wizard.back()
    wizard.next()
    assert lesson.title_edit.text() == "Mine"


def test_with_nothing_ticked_there_is_no_way_forward(qtbot, pane) -> None:
    wizard = open_wizard(pane)
    to_causes(qtbot, wizard)
    for picked in wizard.causes_page.ticked():
        picked.tick.setChecked(False)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.currentPage() is wizard.causes_page


def test_the_map_feeds_the_suggestions(qtbot, demo_services) -> None:
    # A call on an account whose map has people but no decision maker.
    account_id, _ = demo_services.accounts.find_or_add("Blue Fern Foods")
    call_id = ended_call(demo_services, "Nice chat.", account="Blue Fern Foods")
    with demo_services.db.session() as s:
        s.add(Stakeholder(account_id=account_id, name="Decision maker — unknown", placeholder=True))
    review = make_pane(qtbot, demo_services)
    review.show_call(call_id)
    wizard = open_wizard(review)
    to_causes(qtbot, wizard)
    assert ticked(wizard)[0] == "missed-boss"
    assert "no stakeholder is marked decision maker" in choice(wizard, "missed-boss").reason


def test_a_post_mortem_by_keyboard_only(qtbot, pane, demo_services) -> None:
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    qtbot.keyClick(pane, Qt.Key.Key_P, ALT)  # Run &post-mortem…
    qtbot.waitUntil(lambda: pane.wizard is not None and pane.wizard.isActiveWindow())
    wizard = pane.wizard

    def key(k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        qtbot.keyClick(QApplication.focusWidget(), k, modifier)

    def next_page(page) -> None:
        key(Qt.Key.Key_N, ALT)  # &Next >
        qtbot.waitUntil(lambda: wizard.currentPage() is page)

    assert QApplication.focusWidget() is wizard.outcome_page.outcome
    key(Qt.Key.Key_Down)  # Stalled -> Lost
    key(Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Blindsided")
    next_page(wizard.questions_page)

    # The first question has the focus; Tab goes to the next one, Space answers Yes,
    # the right arrow moves the answer to No.
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_Right)
    assert wizard.questions_page.answers() == {"missed-boss": "no"}
    next_page(wizard.causes_page)
    read(qtbot, wizard)

    assert QApplication.focusWidget() is wizard.causes_page.choices[0].tick
    first = wizard.causes_page.choices[0].cause.id
    key(Qt.Key.Key_Space)  # untick the top suggestion, then tick it again
    assert first not in ticked(wizard)
    key(Qt.Key.Key_Space)
    assert first in ticked(wizard)
    next_page(wizard.lesson_page)

    key(Qt.Key.Key_T, ALT)  # &Title:
    assert QApplication.focusWidget() is wizard.lesson_page.title_edit
    key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "Ask who signs off")
    key(Qt.Key.Key_F, ALT)  # &Finish, straight from the lesson page
    qtbot.waitUntil(lambda: not wizard.isVisible())

    [lesson] = demo_services.lessons.for_call(pane.call_id)
    assert lesson.title == "Ask who signs off"
    assert lesson.outcome == "lost" and lesson.feeling == "Blindsided"
    assert "missed-boss" in lesson.cause_ids


def test_the_arrows_answer_a_question_not_yet_answered(qtbot, pane) -> None:
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    qtbot.keyClick(pane, Qt.Key.Key_P, ALT)  # Run &post-mortem…
    qtbot.waitUntil(lambda: pane.wizard is not None and pane.wizard.isActiveWindow())
    wizard = pane.wizard
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.questions_page)

    def key(k) -> None:
        qtbot.keyClick(QApplication.focusWidget(), k)

    first, second, third = list(wizard.questions_page.groups)[:3]
    assert QApplication.focusWidget().objectName() == f"{first}:yes"
    key(Qt.Key.Key_Right)  # straight to No, without answering Yes first
    assert wizard.questions_page.answers() == {first: "no"}
    key(Qt.Key.Key_Right)
    key(Qt.Key.Key_Right)  # stays on the last answer
    assert wizard.questions_page.answers() == {first: "not_sure"}
    assert QApplication.focusWidget().objectName() == f"{first}:not_sure"
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Left)  # the first answer has nothing to its left: it is Yes
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Right)
    key(Qt.Key.Key_Left)
    assert wizard.questions_page.answers() == {first: "not_sure", second: "yes", third: "yes"}


def test_notes_and_questions_are_shown_as_typed_never_as_markup(
    qtbot, demo_services, tmp_path, monkeypatch
) -> None:
    red = QImage(40, 40, QImage.Format.Format_RGB32)
    red.fill(QColor("red"))
    red.save(str(tmp_path / "red"), "PNG")
    monkeypatch.chdir(tmp_path)  # so that a short quote from the notes still names the file
    image = "<img src=red width=40 height=40>"
    call_id = ended_call(demo_services, f"Too expensive {image} <b>for them</b>", "Kestrel")
    added = demo_services.taxonomy.add("R&D fit", question=f"Did R&D sign off? {image}")
    review = make_pane(qtbot, demo_services)
    review.show_call(call_id)
    wizard = open_wizard(review)

    wizard.next()
    qtbot.waitExposed(wizard.questions_page)
    assert red_pixels(wizard.questions_page) == 0, "the question's image was loaded"
    wizard.next()
    read(qtbot, wizard)
    price = choice(wizard, "no-value-case")
    assert "no-value-case" in suggested(wizard) and "<b>for them</b>" in price.why.text()
    assert red_pixels(price.why) == 0, "the image named in the notes was loaded"
    assert choice(wizard, added.id).tick.text() == "R&&D fit"  # a literal &, no mnemonic


def test_the_wizard_fits_a_600_pixel_high_screen(qtbot, pane, monkeypatch) -> None:
    small = QRect(0, 0, 1024, 600)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: small)
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    qtbot.keyClick(pane, Qt.Key.Key_P, ALT)  # Run &post-mortem…
    qtbot.waitUntil(lambda: pane.wizard is not None and pane.wizard.isActiveWindow())
    wizard = pane.wizard
    assert wizard.frameGeometry().height() < small.height()
    assert wizard.width() < small.width()

    for page in (wizard.questions_page, wizard.causes_page, wizard.lesson_page):
        read(qtbot, wizard)  # the seller waits for the suggestions before going on
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, ALT)  # &Next >
        qtbot.waitUntil(lambda page=page: wizard.currentPage() is page)
    # Every field of the longest page can be reached and is shown, above the buttons.
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    for field in (wizard.lesson_page.what_happened, wizard.lesson_page.title_edit):
        field.setFocus()
        bottom = field.mapTo(wizard, field.rect().bottomLeft()).y()
        assert not field.visibleRegion().isEmpty()
        assert bottom < finish.mapTo(wizard, finish.rect().topLeft()).y()
    wizard.reject()


def test_only_a_ticked_cause_asks_whether_it_was_in_my_control(qtbot, pane) -> None:
    wizard = open_wizard(pane)
    to_causes(qtbot, wizard)
    page = wizard.causes_page
    for cause in page.choices:
        ticked = cause.tick.isChecked()
        assert cause.control.isVisibleTo(page) == ticked == cause.evidence.isVisibleTo(page)

    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    other = choice(wizard, "no-insight")
    other.tick.setFocus()
    qtbot.keyClick(other.tick, Qt.Key.Key_Space)
    assert other.control.isVisible() and other.control.isEnabled()
    qtbot.keyClick(other.tick, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is other.control
    qtbot.keyClick(other.control, Qt.Key.Key_Down)  # -> External
    qtbot.keyClick(other.control, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is other.evidence
    assert not other.draft().controllable

    qtbot.keyClick(other.evidence, Qt.Key.Key_Backtab)
    qtbot.keyClick(other.control, Qt.Key.Key_Backtab)
    qtbot.keyClick(other.tick, Qt.Key.Key_Space)  # unticked again: the choice goes away
    assert not other.control.isVisible()
    qtbot.keyClick(other.tick, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not other.control


def test_the_lesson_page_starts_in_what_happened_and_tabs_down_the_page(qtbot, pane) -> None:
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    qtbot.keyClick(pane, Qt.Key.Key_P, ALT)  # Run &post-mortem…
    qtbot.waitUntil(lambda: pane.wizard is not None and pane.wizard.isActiveWindow())
    wizard = pane.wizard
    for page in (wizard.questions_page, wizard.causes_page, wizard.lesson_page):
        read(qtbot, wizard)  # the seller waits for the suggestions before going on
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, ALT)  # &Next >
        qtbot.waitUntil(lambda page=page: wizard.currentPage() is page)
    lesson = wizard.lesson_page
    # The empty box the seller writes in first, not the title already filled in below it.
    assert QApplication.focusWidget() is lesson.what_happened
    qtbot.keyClick(lesson.what_happened, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is lesson.do_differently
    qtbot.keyClick(lesson.do_differently, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is lesson.title_edit
    wizard.reject()


def test_the_causes_page_starts_on_its_first_cause(qtbot, pane) -> None:
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    qtbot.keyClick(pane, Qt.Key.Key_P, ALT)  # Run &post-mortem…
    qtbot.waitUntil(lambda: pane.wizard is not None and pane.wizard.isActiveWindow())
    wizard = pane.wizard
    for page in (wizard.questions_page, wizard.causes_page):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, ALT)  # &Next >
        qtbot.waitUntil(lambda page=page: wizard.currentPage() is page)
    read(qtbot, wizard)
    first = wizard.causes_page.choices[0]
    # Not the list's invisible scroll area, where Space did nothing and Tab was needed first.
    assert QApplication.focusWidget() is first.tick
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert first.cause.id not in ticked(wizard)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.lesson_page)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_B, ALT)  # < &Back
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.causes_page)
    assert QApplication.focusWidget() is first.tick
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Discard).click())
    wizard.reject()


def test_the_window_has_the_keyboard_again_once_the_wizard_closes(qtbot, pane) -> None:
    # With no window manager (or a slow one) nothing else hands the keyboard back, and
    # Alt+4 or Ctrl+N after Finish would do nothing.
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    qtbot.keyClick(pane, Qt.Key.Key_P, ALT)  # Run &post-mortem…
    qtbot.waitUntil(lambda: pane.wizard is not None and pane.wizard.isActiveWindow())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # nothing typed: closes
    qtbot.waitUntil(lambda: not pane.wizard.isVisible())
    qtbot.waitUntil(pane.isActiveWindow)


def test_notes_that_point_nowhere_tick_nothing_and_say_so(qtbot, demo_services) -> None:
    call_id = ended_call(demo_services, "Nice chat.", account="Quiet Pines")
    review = make_pane(qtbot, demo_services)
    review.show_call(call_id)
    wizard = open_wizard(review)
    to_causes(qtbot, wizard)
    assert ticked(wizard) == []
    assert wizard.causes_page.status.text() == NO_CLEAR_CAUSE
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    choice(wizard, "no-next-step").tick.click()  # the seller names the cause
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_notes_in_another_language_get_a_reason_not_a_guess(qtbot, demo_services) -> None:
    notes = (
        "Der Kunde fand die Lösung gut, aber der Geschäftsführer war nicht dabei. Wir haben "
        "keinen nächsten Termin vereinbart und über den Preis wurde nicht gesprochen."
    )
    call_id = ended_call(demo_services, notes, account="Quiet Pines")
    review = make_pane(qtbot, demo_services)
    review.show_call(call_id)
    wizard = open_wizard(review)
    to_causes(qtbot, wizard)
    assert ticked(wizard) == [] and suggested(wizard) == []
    assert "not look like English" in wizard.causes_page.status.text()


def test_the_page_reads_the_notes_again_once_the_model_is_there(
    qtbot, pane, monkeypatch, notes_model
) -> None:
    from concurrent.futures import Future

    pending: Future = Future()
    monkeypatch.setattr(notes_model_loader, "start_loading", lambda: pending)
    wizard = open_wizard(pane)
    wizard.next()
    wizard.next()
    assert wizard.causes_page.status.text() == "Reading the notes…"
    assert ticked(wizard) == []  # the rules alone list causes but never pre-tick from notes
    pending.set_result(notes_model)
    qtbot.waitUntil(lambda: not wizard.causes_page.status.isVisible())
    assert "missed-boss" in ticked(wizard)


def test_the_sellers_past_lessons_feed_the_suggestions_and_are_named(
    qtbot, pane, demo_services, monkeypatch
) -> None:
    from sales_notebook.core import diagnosis_reading

    monkeypatch.setattr(diagnosis_reading, "LESSON_SIMILARITY", -1.0)  # any lesson is close
    wizard = open_wizard(pane)
    to_causes(qtbot, wizard)
    titles = {lesson.title for lesson in demo_services.lessons.for_suggestions()}
    reasons = [choice.reason for choice in wizard.causes_page.choices]
    assert any(f'your lesson "{title}"' in reason for title in titles for reason in reasons)


def test_a_model_that_cannot_load_is_said_and_the_rules_read_the_notes(
    qtbot, pane, monkeypatch
) -> None:
    from concurrent.futures import Future

    from sales_notebook.core.diagnosis_model import ModelUnavailable

    failed: Future = Future()
    failed.set_exception(ModelUnavailable("the wordllama package is not installed"))
    monkeypatch.setattr(notes_model_loader, "start_loading", lambda: failed)
    wizard = open_wizard(pane)
    to_causes(qtbot, wizard)
    status = wizard.causes_page.status.text()
    assert "unavailable" in status and "wordllama package is not installed" in status
    assert "missed-boss" in suggested(wizard)  # "Never asked who signs off", by the cue rules
