"""The review pane: safe rendering, links only on confirmation, edits that persist, Ctrl+E flow."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QByteArray, QDate, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from sales_notebook.store.models import Call, CallMarker
from sales_notebook.ui.call_review.notes_view import NotesView, SafeBrowser
from sales_notebook.ui.call_review.pane import CallReviewPane
from sales_notebook.ui.shortcuts_dialog import widget_keys
from tests.core.test_rendering import VECTORS
from tests.ui.live_call_helpers import activate
from tests.ui.modal import when_modal

CTRL = Qt.KeyboardModifier.ControlModifier
IMAGE = QTextDocument.ResourceType.ImageResource.value
HTML = QTextDocument.ResourceType.HtmlResource.value


def make_pane(qtbot, services) -> CallReviewPane:
    pane = CallReviewPane(
        services.calls, services.next_steps, services.call_facts, services.lessons,
        services.taxonomy,
    )  # fmt: skip
    qtbot.addWidget(pane)
    pane.resize(1100, 700)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def ended_call(services, notes="", account="Acme", title="Pricing") -> int:
    account_id, deal_id = services.accounts.find_or_add(account, "Pilot")
    call_id = services.calls.start(account_id, deal_id, title)
    services.calls.end(call_id, notes)
    return call_id


@pytest.fixture
def local_files(tmp_path):
    red = QImage(40, 40, QImage.Format.Format_RGB32)
    red.fill(QColor("red"))
    red.save(str(tmp_path / "red.png"))
    (tmp_path / "secret.txt").write_text("SECRET")
    return tmp_path


def red_pixels(widget) -> int:
    shot = widget.grab().toImage()
    red = QColor("red").rgb()
    return sum(
        shot.pixel(x, y) == red for x in range(0, shot.width(), 2) for y in range(shot.height())
    )


# -- the view never loads anything ------------------------------------------------------


def test_load_resource_resolves_nothing_for_files_or_urls(qtbot, local_files) -> None:
    view = SafeBrowser()
    qtbot.addWidget(view)
    names = [
        QUrl.fromLocalFile(str(local_files / "secret.txt")),
        QUrl(str(local_files / "secret.txt")),
        QUrl("secret.txt"),
        QUrl("https://tracker.example/pixel.gif"),
        QUrl("http://127.0.0.1:9/x.css"),
        QUrl("data:text/plain,hello"),
    ]
    for name in names:
        assert view.loadResource(HTML, name) == QByteArray()
        image = view.loadResource(IMAGE, name)
        assert image.size().width() == 1 and image.pixelColor(0, 0).alpha() == 0
    # Through the document, too: with a plain QTextBrowser this reads the file.
    secret = QUrl.fromLocalFile(str(local_files / "secret.txt"))
    assert bytes(view.document().resource(HTML, secret)) == b""


def test_a_local_image_is_never_drawn_even_in_raw_html(qtbot, local_files) -> None:
    page = f'<p><img src="{QUrl.fromLocalFile(str(local_files / "red.png")).toString()}" '
    page += f'width=40 height=40><img src="{local_files / "red.png"}"></p>'
    view = SafeBrowser()
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.setHtml(page)  # bypasses the sanitizer on purpose: the widget alone must hold
    view.show()
    qtbot.waitExposed(view)
    assert red_pixels(view) == 0


def test_every_known_vector_is_inert_in_the_view(qtbot, monkeypatch) -> None:
    asked: list[str] = []
    original = SafeBrowser.loadResource

    def spy(self, kind, name):
        asked.append(QUrl(name).toString())
        return original(self, kind, name)

    monkeypatch.setattr(SafeBrowser, "loadResource", spy)
    view = NotesView()
    qtbot.addWidget(view)
    view.show_notes("\n\n".join(VECTORS))
    view.resize(600, 4000)
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    assert asked == []  # nothing in the sanitized notes even asks for a resource
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            assert not fmt.isImageFormat()
            if fmt.isAnchor() and fmt.anchorHref():  # an <a> stripped of its href is no link
                assert fmt.anchorHref().lower().startswith(("https:", "http:", "mailto:"))
            it += 1
        block = block.next()
    assert "alert(1)</script>" in view.toPlainText()  # shown as text, not run


@pytest.fixture
def opened(monkeypatch) -> list[QUrl]:
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


def test_a_link_opens_only_after_the_user_confirms(qtbot, opened) -> None:
    view = NotesView()
    qtbot.addWidget(view)
    view.show_notes("See [the case study](https://example.com/case).")
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    asked: list[str] = []

    def cancel(box) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    view.setFocus()
    when_modal(cancel)
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # to the link, by keyboard
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert asked and "https://example.com/case" in asked[0]
    assert opened == []

    when_modal(lambda box: box.button(QMessageBox.StandardButton.Open).click())
    view.anchorClicked.emit(QUrl("https://example.com/case"))
    assert opened == [QUrl("https://example.com/case")]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "smb://host/x"])
def test_links_outside_http_and_mail_never_open(qtbot, opened, url) -> None:
    view = NotesView()
    qtbot.addWidget(view)
    shown: list[str] = []
    when_modal(lambda box: (shown.append(box.text()), box.accept()))
    view.anchorClicked.emit(QUrl(url))
    assert shown and "not opened" in shown[0]
    assert opened == []


# -- the pane ------------------------------------------------------------------------------


def test_the_pane_shows_notes_markers_and_other_calls(qtbot, services) -> None:
    first = ended_call(services, "# Intro\n- **Pain**: no-shows", title="Intro")
    second = ended_call(services, "Pricing talk", title="Pricing")
    with services.db.session() as s:
        s.add(CallMarker(call_id=first, kind="pain", elapsed_seconds=75, text="no-shows"))
        s.add(CallMarker(call_id=first, kind="decision_maker", elapsed_seconds=3700))
    pane = make_pane(qtbot, services)
    pane.show_call(first)

    assert "Intro" in pane.notes.toPlainText() and "Pain: no-shows" in pane.notes.toPlainText()
    assert "<h1" in pane.notes.toHtml() or "font-size" in pane.notes.toHtml()
    rows = [
        [pane.timeline.topLevelItem(i).text(c) for c in range(3)]
        for i in range(pane.timeline.topLevelItemCount())
    ]
    assert rows == [["+01:15", "Pain", "no-shows"], ["+61:40", "Decision maker mentioned", ""]]
    assert pane.call_picker.count() == 2

    pane.call_picker.setCurrentIndex(pane.call_picker.findData(second))
    pane.call_picker.activated.emit(pane.call_picker.currentIndex())
    assert pane.call_id == second and pane.notes.toPlainText().strip() == "Pricing talk"
    assert pane.timeline.topLevelItem(0).text(1) == "No markers: Ctrl+1…9 during a call sets one"


def test_two_calls_on_one_day_are_told_apart_and_a_short_call_is_not_0_min(qtbot, services) -> None:
    morning = ended_call(services, "one", title="Pricing")
    afternoon = ended_call(services, "two", title="Pricing")
    day = datetime(2026, 3, 9, 9, 5).astimezone()
    with services.db.session() as s:
        for call_id, start, minutes in ((morning, day, 42), (afternoon, day.replace(hour=15), 0)):
            call = s.get(Call, call_id)
            call.started_at = start
            call.ended_at = start + timedelta(minutes=minutes, seconds=40)
    pane = make_pane(qtbot, services)
    pane.show_call(afternoon)

    labels = sorted(pane.call_picker.itemText(i) for i in range(pane.call_picker.count()))
    assert labels == ["09 Mar 2026, 09:05 · Pricing", "09 Mar 2026, 15:05 · Pricing"]
    assert pane.heading.text().endswith("15:05 · under a minute")
    pane.call_picker.setCurrentIndex(pane.call_picker.findData(morning))
    pane.call_picker.activated.emit(pane.call_picker.currentIndex())
    assert pane.heading.text().endswith("09:05 · 42 min")


def test_a_long_call_title_does_not_squeeze_the_heading(qtbot, services, tmp_path) -> None:
    from PySide6.QtCore import QSettings

    from sales_notebook.ui.theme.controller import ThemeController

    # The app's theme and type, as the window applies them (not left to an earlier test).
    ThemeController(QSettings(str(tmp_path / "theme.ini"), QSettings.Format.IniFormat)).apply()
    title = "Quarterly steering committee follow-up with the claims operations leadership team"
    ended_call(services, "short", title="Intro")
    long_one = ended_call(services, "long", title=title)
    pane = make_pane(qtbot, services)
    pane.resize(780, 560)  # the review pane of a 1024x640 window, the smallest the theme allows
    pane.show_call(long_one)
    qtbot.waitUntil(lambda: pane.heading.isVisible())

    # Lines of text, not counting the theme's padding around them: two, as on a wide window.
    lines = pane.heading.contentsRect().height() / pane.heading.fontMetrics().lineSpacing()
    assert lines < 3, f"the heading is squeezed into {lines:.0f} lines"
    assert pane.notes.height() > 0.7 * pane.height()
    # The title gives up its end ("…"), the day and length stay; every word is in the tooltip.
    shown = pane.heading.text()
    assert "…" in shown and shown.endswith("under a minute") and title not in shown
    assert title in pane.heading.toolTip()
    assert pane.heading.width() >= 300
    # Widened, the whole title comes back.
    pane.resize(1400, 560)
    qtbot.waitUntil(lambda: title in pane.heading.text())
    # The full label is still there to read, in the list and as a tooltip.
    index = pane.call_picker.currentIndex()
    assert title in pane.call_picker.itemText(index)
    assert title in pane.call_picker.itemData(index, Qt.ItemDataRole.ToolTipRole)


def test_outcome_summary_and_next_steps_persist(qtbot, services) -> None:
    call_id = ended_call(services, "Talked price first")
    pane = make_pane(qtbot, services)
    pane.show_call(call_id)
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)

    pane.outcome.setFocus()
    qtbot.keyClick(pane.outcome, Qt.Key.Key_Down)  # Not set -> Won
    qtbot.keyClick(pane.outcome, Qt.Key.Key_Down)  # -> Advanced
    assert services.calls.get(call_id).outcome is None  # passing through is not choosing
    qtbot.keyClick(pane.outcome, Qt.Key.Key_Return)
    assert services.calls.get(call_id).outcome == "advanced"
    assert not pane.offer.isVisible()  # a good outcome offers no post-mortem

    qtbot.keyClicks(pane.summary, "They want a pilot")
    qtbot.waitUntil(lambda: services.calls.get(call_id).summary == "They want a pilot")

    due = date.today() + timedelta(days=3)

    def add_step(dialog) -> None:
        qtbot.keyClicks(dialog.text_edit, "Send pilot proposal")
        dialog.due_edit.setDate(QDate(due.year, due.month, due.day))
        qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)

    when_modal(add_step)
    qtbot.mouseClick(pane.next_steps.add_button, Qt.MouseButton.LeftButton)
    steps = services.next_steps.for_call(call_id)
    assert [(s.text, s.due, s.done) for s in steps] == [("Send pilot proposal", due, False)]

    def undate(dialog) -> None:
        assert dialog.text == "Send pilot proposal"
        qtbot.keyClick(dialog.dated, Qt.Key.Key_Space)  # no due date after all
        qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)

    tree = pane.next_steps.tree
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(0))
    when_modal(undate)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert services.next_steps.for_call(call_id)[0].due is None

    qtbot.keyClick(tree, Qt.Key.Key_Space)  # tick it done
    assert services.next_steps.for_call(call_id)[0].done

    again = make_pane(qtbot, services)
    again.show_call(call_id)
    assert again.outcome.currentData() == "advanced"
    assert again.summary.toPlainText() == "They want a pilot"
    item = again.next_steps.tree.topLevelItem(0)
    assert item.checkState(0) == Qt.CheckState.Checked and item.text(1) == "no date"

    again.next_steps.tree.setCurrentItem(item)
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    # Delete asks first: there is no undo, and the key is next to the arrows.
    asked: list[str] = []

    def cancel(box) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    when_modal(cancel)
    qtbot.keyClick(again.next_steps.tree, Qt.Key.Key_Delete)
    assert asked and "Send pilot proposal" in asked[0]
    assert len(services.next_steps.for_call(call_id)) == 1
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.keyClick(again.next_steps.tree, Qt.Key.Key_Delete)
    assert services.next_steps.for_call(call_id) == []


def test_next_steps_marked_in_the_call_are_offered_in_one_click(qtbot, services) -> None:
    call_id = ended_call(services, "notes")
    with services.db.session() as s:
        for seconds, kind, text in (
            (60, "next_step", "Send the  case study to Ruth"),
            (90, "objection", "too pricey"),
            (120, "next_step", "Book the security review"),
            (150, "next_step", ""),  # a bare stamp: nothing to add
        ):
            s.add(CallMarker(call_id=call_id, kind=kind, elapsed_seconds=seconds, text=text))
    services.next_steps.add(call_id, "book the security review")  # already there, any case
    pane = make_pane(qtbot, services)
    pane.show_call(call_id)
    offer = pane.next_steps.from_markers_button
    assert offer.isVisible() and offer.toolTip() == "Send the case study to Ruth"
    assert offer.text() == "Add marked step: \u201cSend the case study to Ruth\u201d"
    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton)
    steps = services.next_steps.for_call(call_id)
    assert [(s.text, s.due) for s in steps] == [
        ("book the security review", None),
        ("Send the case study to Ruth", None),
    ]
    assert not offer.isVisible()  # nothing left to offer
    pane.show_call(call_id)
    assert not offer.isVisible()
    # Deleted from the list, a marked step is offered again.
    tree = pane.next_steps.tree
    tree.setCurrentItem(tree.topLevelItem(1))
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert [s.text for s in services.next_steps.for_call(call_id)] == ["book the security review"]
    assert offer.isVisible() and offer.toolTip() == "Send the case study to Ruth"


def test_the_markers_fit_a_narrow_column_with_their_notes_in_sight(qtbot, services) -> None:
    call_id = ended_call(services, "notes")
    with services.db.session() as s:
        note = "Ruth signs off anything over 50k, via the ops committee"
        s.add(CallMarker(call_id=call_id, kind="decision_maker", elapsed_seconds=120, text=note))
        s.add(CallMarker(call_id=call_id, kind="competitor", elapsed_seconds=300, text="BigCo"))
    pane = make_pane(qtbot, services)
    pane.show_call(call_id)
    timeline = pane.timeline
    for width in (300, 520):  # the side column at 1024x640, and wider
        timeline.resize(width, 160)
        header, room = timeline.header(), timeline.viewport().width()
        # Before, the names took their whole width and the notes went behind a scroll bar.
        assert sum(header.sectionSize(c) for c in range(3)) <= room
        assert header.sectionSize(2) >= room * 0.3
        assert not timeline.horizontalScrollBar().isVisible()
    assert "Ruth signs off anything over 50k" in timeline.topLevelItem(0).toolTip(2)
    assert timeline.topLevelItem(0).toolTip(1).startswith("Decision maker mentioned")


def test_a_long_marked_step_does_not_squeeze_the_notes(qtbot, services) -> None:
    from PySide6.QtWidgets import QSplitter

    plain, long = ended_call(services, "notes"), ended_call(services, "notes", title="Long")
    step = "Send Ruth the case study, the security questionnaire and the pricing sheet " * 2
    with services.db.session() as s:
        s.add(CallMarker(call_id=long, kind="next_step", elapsed_seconds=60, text=step))
    pane = make_pane(qtbot, services)
    splitter = pane.findChild(QSplitter, "reviewSplitter")
    pane.show_call(plain)
    QApplication.processEvents()
    side, notes = splitter.widget(1).minimumSizeHint().width(), splitter.sizes()[0]
    pane.show_call(long)
    QApplication.processEvents()
    # Before, the offer's button took the step's whole width and pushed the side column
    # over the notes (a 27-letter step halved them at 1024x640).
    offer = pane.next_steps.from_markers_button
    assert offer.isVisible() and offer.text().endswith("\u2026\u201d")
    assert offer.text().startswith("Add marked step: \u201cSend Ruth the case study")
    assert offer.width() <= pane.next_steps.width()
    assert splitter.widget(1).minimumSizeHint().width() == side
    assert splitter.sizes()[0] == notes
    assert offer.toolTip() == " ".join(step.split())


def test_summary_typed_then_leaving_is_saved_at_once(qtbot, services) -> None:
    first = ended_call(services, "one")
    second = ended_call(services, "two")
    pane = make_pane(qtbot, services)
    pane.show_call(first)
    qtbot.keyClicks(pane.summary, "quick")
    pane.show_call(second)  # no waiting for the debounce
    assert services.calls.get(first).summary == "quick"


def test_ctrl_e_asks_for_the_outcome_and_a_bad_one_offers_the_post_mortem(
    window, qtbot, services
) -> None:
    def name_account(dialog) -> None:
        qtbot.keyClicks(dialog.account_edit, "Kestrel")
        qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Return)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    when_modal(name_account)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    call_id = window.live_pane.call.id
    qtbot.keyClicks(window.live_pane.editor, "Never asked who signs off. No next step.")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        qtbot.keyClick(window.live_pane.editor, Qt.Key.Key_E, CTRL)

    pane = window.review_pane
    assert window.tabs.currentWidget() is pane and pane.call_id == call_id
    assert QApplication.focusWidget() is pane.outcome
    assert not pane.post_mortem_button.isEnabled()  # no outcome, nothing to analyse
    for _ in range(3):  # Not set -> Won -> Advanced -> Stalled
        qtbot.keyClick(pane.outcome, Qt.Key.Key_Down)
    assert services.calls.get(call_id).outcome is None
    qtbot.keyClick(pane.outcome, Qt.Key.Key_Return)  # Enter saves the choice ...
    assert services.calls.get(call_id).outcome == "stalled"
    assert pane.post_mortem_button.isEnabled()
    assert pane.offer.isVisible() and pane.dismiss_button.isVisible()

    qtbot.keyClick(pane.outcome, Qt.Key.Key_Return)  # ... and Enter again takes the offer
    wizard = pane.wizard
    assert wizard is not None and wizard.isVisible()
    assert wizard.objectName() == "postMortemWizard"
    assert wizard.outcome_page.value == "stalled"
    wizard.reject()
    assert services.lessons.for_call(call_id) == []


def test_the_offer_can_be_reached_by_tab_and_dismissed(qtbot, services) -> None:
    call_id = ended_call(services, "went nowhere")
    pane = make_pane(qtbot, services)
    pane.show_call(call_id, ask_outcome=True)
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    pane.outcome.setCurrentIndex(pane.outcome.findData("lost"))
    pane.outcome.activated.emit(pane.outcome.currentIndex())
    qtbot.keyClick(pane.outcome, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is pane.post_mortem_button
    qtbot.keyClick(pane.post_mortem_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is pane.dismiss_button
    qtbot.keyClick(pane.dismiss_button, Qt.Key.Key_Space)
    assert not pane.offer.isVisible()
    assert pane.wizard is None


def test_a_bad_outcome_offers_one_way_into_the_post_mortem(qtbot, services) -> None:
    call_id = ended_call(services, "went nowhere")
    pane = make_pane(qtbot, services)
    pane.show_call(call_id)
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    pane.outcome.setFocus()
    for _ in range(4):  # Not set -> Won -> Advanced -> Stalled -> Lost
        qtbot.keyClick(pane.outcome, Qt.Key.Key_Down)
    qtbot.keyClick(pane.outcome, Qt.Key.Key_Return)
    assert services.calls.get(call_id).outcome == "lost" and pane.offer.isVisible()

    shown = [
        button.text()
        for button in pane.findChildren(QPushButton)
        if button.isVisible() and "post-mortem" in button.text().replace("&", "").lower()
    ]
    assert shown == ["Run &post-mortem…"], "one button, one label"
    assert "Run post-mortem…" in pane.offer_text.text()  # the offer names that button
    qtbot.keyClick(pane.outcome, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert pane.wizard is not None and pane.wizard.isVisible()
    pane.wizard.reject()


def test_the_pane_follows_the_sidebar(demo_services, window) -> None:
    services = demo_services
    window.tabs.setCurrentWidget(window.review_pane)
    # Before an account is chosen, the empty pane says how to see the notebook's calls.
    assert window.review_pane.stack.currentWidget() is window.review_pane.empty
    assert "Pick an account in the sidebar" in window.review_pane.empty.text.text()
    window.sidebar.reload()
    kestrel = next(a for a in services.accounts.all() if a.name == "Kestrel Logistics")
    window.sidebar.select(kestrel.id)
    pane = window.review_pane
    assert pane.call is not None and pane.call.title == "Decision call"  # the latest
    assert pane.call_picker.count() == 2

    empty_id = services.accounts.add("Globex")
    window.sidebar.reload(select=(empty_id, None))
    assert pane.call is None and pane.stack.currentWidget() is pane.empty


def test_arrowing_through_the_outcomes_saves_only_the_one_left_on(qtbot, services) -> None:
    call_id = ended_call(services, "went nowhere")
    pane = make_pane(qtbot, services)
    pane.show_call(call_id)
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    saved: list[str | None] = []
    real = services.calls.set_outcome

    def recording(call, outcome, summary=None):
        saved.append(outcome)
        real(call, outcome, summary)

    services.calls.set_outcome = recording
    pane.outcome.setFocus()
    assert not pane.post_mortem_button.isEnabled()
    for _ in range(4):  # through Won, Advanced, Stalled to Lost
        qtbot.keyClick(pane.outcome, Qt.Key.Key_Down)
    assert saved == [] and not pane.post_mortem_button.isEnabled()
    qtbot.keyClick(pane.outcome, Qt.Key.Key_Tab)  # leaving the box commits it
    assert saved == ["lost"]
    assert services.calls.get(call_id).outcome == "lost"
    assert pane.post_mortem_button.isEnabled()


def test_after_ctrl_e_the_notes_are_edited_in_the_review_and_autosaved(
    window, qtbot, services
) -> None:
    def name_account(dialog) -> None:
        qtbot.keyClicks(dialog.account_edit, "Kestrel")
        qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Return)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    when_modal(name_account)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    call_id = window.live_pane.call.id
    qtbot.keyClicks(window.live_pane.editor, "Budget aproved")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        qtbot.keyClick(window.live_pane.editor, Qt.Key.Key_E, CTRL)
    pane = window.review_pane
    assert pane.call_id == call_id
    box = pane.notes_box
    assert not box.editing
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: box.editing)  # a button's mnemonic clicks it after a blink
    assert QApplication.focusWidget() is box.editor
    editor = box.editor
    qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "They also want SSO")
    # fix the typo, as a seller does after hanging up
    cursor = editor.document().find("aproved")
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "approved")
    wanted = "Budget approved\nThey also want SSO"
    qtbot.waitUntil(lambda: services.calls.get(call_id).notes == wanted, timeout=3000)
    qtbot.waitUntil(lambda: box.status.text().startswith("Notes saved "))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not box.editing
    assert "They also want SSO" in pane.notes.toPlainText()


def test_notes_edited_in_the_review_are_saved_when_leaving_at_once(qtbot, services) -> None:
    first = ended_call(services, "one")
    second = ended_call(services, "two")
    pane = make_pane(qtbot, services)
    pane.show_call(first)
    pane.notes_box.start()
    qtbot.keyClick(pane.notes_box.editor, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(pane.notes_box.editor, " more")
    pane.show_call(second)  # no waiting for the autosave's pause
    assert services.calls.get(first).notes == "one more"
    assert not pane.notes_box.editing


def test_a_call_filed_in_the_wrong_place_is_moved_from_the_review(window, qtbot, services):
    kestrel, pilot = services.accounts.find_or_add("Kestrel Logistics", "Fleet telemetry pilot")
    harbor, claims = services.accounts.find_or_add("Harbor Mutual", "Claims automation")
    call_id = services.calls.start(kestrel, pilot)
    services.calls.end(call_id, "Claims volumes per month")
    window.sidebar.reload(select=(kestrel, pilot))
    window.tabs.setCurrentWidget(window.review_pane)
    pane = window.review_pane
    qtbot.waitUntil(lambda: pane.call_id == call_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    def refile(dialog) -> None:
        assert dialog.objectName() == "moveCallDialog"
        assert (dialog.account, dialog.deal) == ("Kestrel Logistics", "Fleet telemetry pilot")
        qtbot.keyClicks(dialog.account_edit, "Harbor Mutual")
        qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.deal_edit, "Claims automation")
        qtbot.keyClick(dialog.deal_edit, Qt.Key.Key_Return)

    when_modal(refile)
    pane.move_button.setFocus()
    qtbot.keyClick(pane.move_button, Qt.Key.Key_Space)
    moved = services.calls.get(call_id)
    assert (moved.account_id, moved.deal_id) == (harbor, claims)
    assert window.sidebar.selected() == (harbor, claims)
    assert "Harbor Mutual" in pane.heading.toolTip()  # all of it; the text may end in …
    assert services.calls.for_account(kestrel) == []


def test_a_moved_call_stays_in_the_review_and_takes_its_lesson_to_the_new_account(
    window, qtbot, services
):
    from sales_notebook.store.lessons import LessonDraft

    ended_call(services, "Another account's call", account="Northwind Clinics")  # after Kestrel
    kestrel, pilot = services.accounts.find_or_add("Kestrel Logistics", "Fleet telemetry pilot")
    harbor, claims = services.accounts.find_or_add("Harbor Mutual", "Claims automation")
    call_id = services.calls.start(kestrel, pilot, "Security review")
    services.calls.end(call_id, "They asked about audits")
    later = services.calls.start(harbor, claims, "Pilot scoping")  # Harbor's latest call
    services.calls.end(later, "Scoped the pilot")
    services.calls.set_outcome(call_id, "lost", "")
    services.lessons.create(
        LessonDraft("Roadmap pitch to a skeptic", call_id, do_differently="Ask the real concern")
    )
    window.sidebar.reload(select=(kestrel, None))  # the account picked, as a seller does
    window.tabs.setCurrentWidget(window.review_pane)
    pane = window.review_pane
    qtbot.waitUntil(lambda: pane.call_id == call_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    def refile(dialog) -> None:
        dialog.account_edit.selectAll()
        qtbot.keyClicks(dialog.account_edit, "Harbor Mutual")
        qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Tab)
        dialog.deal_edit.selectAll()
        qtbot.keyClicks(dialog.deal_edit, "Claims automation")
        qtbot.keyClick(dialog.deal_edit, Qt.Key.Key_Return)

    when_modal(refile)
    pane.move_button.setFocus()
    qtbot.keyClick(pane.move_button, Qt.Key.Key_Space)
    assert services.calls.get(call_id).account_id == harbor
    # Still the call just moved, not Harbor Mutual's latest one.
    assert pane.call_id == call_id
    assert "Roadmap pitch to a skeptic" in pane.lessons_label.text()

    # Its lesson now warns before Harbor Mutual's next call, and no longer before Kestrel's.
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    before = window.live_pane.before_call
    qtbot.waitUntil(before.isVisible)
    assert "Ask the real concern" in before.watchouts.lines.text()
    window.sidebar.select(kestrel, pilot)
    assert "Harbor" not in before.heading.text()
    assert "Ask the real concern" not in before.watchouts.lines.text()


def test_a_deal_of_another_account_is_refused(services) -> None:
    from sales_notebook.store.errors import InvalidInput

    kestrel, _pilot = services.accounts.find_or_add("Kestrel Logistics", "Pilot")
    _harbor, claims = services.accounts.find_or_add("Harbor Mutual", "Claims")
    call_id = services.calls.start(kestrel)
    with pytest.raises(InvalidInput, match="another account"):
        services.calls.move(call_id, kestrel, claims)
    assert services.calls.get(call_id).deal_id is None


def test_a_next_step_by_friday_is_due_that_friday(qtbot, services) -> None:
    from sales_notebook.core.due_dates import due_in_text

    call_id = ended_call(services, "notes")
    pane = make_pane(qtbot, services)
    pane.show_call(call_id)
    seen: list[date] = []

    def add_step(dialog) -> None:
        qtbot.keyClicks(dialog.text_edit, "Send the proposal by Friday")
        seen.append(dialog.due)
        qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)

    when_modal(add_step)
    qtbot.mouseClick(pane.next_steps.add_button, Qt.MouseButton.LeftButton)
    [step] = services.next_steps.for_call(call_id)
    assert step.due == seen[0] == due_in_text("by Friday", date.today())
    assert step.due.weekday() == 4  # a Friday, not the Sunday a week on


def test_a_call_is_given_a_title_in_the_review(qtbot, services) -> None:
    call_id = ended_call(services, "notes", title="")
    pane = make_pane(qtbot, services)
    pane.show_call(call_id)
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    qtbot.keyClick(pane.outcome, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(pane.title_edit.hasFocus)
    qtbot.keyClicks(pane.title_edit, "Pricing  follow-up")
    qtbot.keyClick(pane.title_edit, Qt.Key.Key_Tab)
    assert services.calls.get(call_id).title == "Pricing follow-up"
    assert "Pricing follow-up" in pane.heading.text()
    assert "Pricing follow-up" in pane.call_picker.currentText()


def test_a_title_can_be_given_when_the_call_starts(window, qtbot, services) -> None:
    def fill(dialog) -> None:
        qtbot.keyClicks(dialog.account_edit, "Acme")
        dialog.title_edit.setFocus()
        qtbot.keyClicks(dialog.title_edit, "Discovery")
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    when_modal(fill)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.live_pane.call.title == "Discovery"
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        window.live_pane.end_call()


def test_the_review_with_the_post_mortem_offer_fits_1024_by_640(window, qtbot, services) -> None:
    """Right after Ctrl+E on a lost call the offer adds two lines: the window still fits."""
    window.resize(1024, 640)
    call_id = ended_call(services, "We lost it", title="Decision call")
    window.show_pane(2)
    window.review_pane.show_call(call_id, ask_outcome=True)
    pane = window.review_pane
    for _ in range(4):  # Not set -> Won -> Advanced -> Stalled -> Lost
        qtbot.keyClick(pane.outcome, Qt.Key.Key_Down)
    qtbot.keyClick(pane.outcome, Qt.Key.Key_Return)
    qtbot.waitUntil(pane.offer.isVisible)
    assert window.minimumSizeHint().height() <= 640
    assert window.size().toTuple() == (1024, 640)


def test_the_move_key_shown_in_f1_moves_the_call_at_the_first_press(window, qtbot, services):
    call_id = ended_call(services, "notes")
    window.sidebar.reload(select=(services.calls.get(call_id).account_id, None))
    window.tabs.setCurrentWidget(window.review_pane)
    pane = window.review_pane
    qtbot.waitUntil(lambda: pane.call_id == call_id)
    activate(qtbot, window)
    asked = when_modal(lambda dialog: dialog.reject())
    pane.summary.setFocus()
    move = pane.move_button.text()
    key = move[move.index("&") + 1]  # the underlined letter
    assert (f"Alt+{key.upper()}") in {k for _, k in widget_keys("Review")}
    qtbot.keyClick(pane.summary, key.lower(), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(asked), timeout=2000)
    assert asked[0].objectName() == "moveCallDialog"


def test_no_two_underlined_letters_of_the_review_are_the_same(window, qtbot, services):
    call_id = ended_call(services, "notes")
    window.review_pane.show_call(call_id)
    window.tabs.setCurrentWidget(window.review_pane)
    texts = [action.text() for action in window.menuBar().actions()]
    pane = window.review_pane
    texts += [b.text() for b in pane.findChildren(QPushButton) if b.isVisible()]
    texts += [x.text() for x in pane.findChildren(QLabel) if x.buddy() and x.isVisible()]
    letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t.replace("&&", "")]
    assert sorted(letters) == sorted(set(letters)), texts


def test_tab_goes_down_the_review_as_it_is_shown(qtbot, services) -> None:
    call_id = ended_call(services, "notes")
    services.calls.set_outcome(call_id, "advanced", "")
    pane = make_pane(qtbot, services)
    pane.show_call(call_id)
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    pane.title_edit.setFocus()
    seen = []
    for _ in range(5):
        seen.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert seen == [
        pane.title_edit,
        pane.outcome,
        pane.post_mortem_button,
        pane.summary,
        pane.next_steps.tree,
    ]
