"""Every empty and no-result state says what to do next, naming a key that works or a button
that is on screen with that very label (sales_notebook/ui/empty_state.py lists the rules)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sales_notebook.ui import keys


def _label(button) -> str:
    return button.text().replace("&", "")


def _says_what_to_do(text: str, *ways: str) -> None:
    assert any(way in text for way in ways), f"{text!r} names none of {ways}"
    for jargon in ("item", "record", "data "):
        assert jargon not in text.casefold(), text


def test_an_empty_notebook_says_where_to_start(window, qtbot) -> None:
    new_call = keys.hint("new_call")
    assert window.map_pane.empty.title.text() == "No account picked"
    _says_what_to_do(window.map_pane.empty.text.text(), "Pick an account", new_call)
    _says_what_to_do(window.live_pane.empty.text.text(), new_call)
    _says_what_to_do(window.review_pane.empty.text.text(), "Pick an account", keys.hint("end_call"))
    _says_what_to_do(window.sidebar.hint.text(), new_call)
    chart = window.lessons_pane.chart
    post_mortem = _label(window.review_pane.post_mortem_button)
    _says_what_to_do(chart.empty.text(), post_mortem)  # the button's own words
    window.show_pane(3)
    qtbot.waitUntil(lambda: bool(window.lessons_pane.status.text()))
    _says_what_to_do(window.lessons_pane.status.text(), "run a post-mortem")


def test_no_result_states_repeat_what_found_nothing_and_how_to_widen(
    demo_services, window, qtbot
) -> None:
    window.sidebar.reload()
    qtbot.keyClicks(window.sidebar.filter, "zzz")
    hint = window.sidebar.hint.text()
    assert "\u201czzz\u201d" in hint
    _says_what_to_do(hint, "Esc clears the filter")
    qtbot.keyClick(window.sidebar.filter, Qt.Key.Key_Escape)
    assert window.sidebar.filter.text() == "" and not window.sidebar.hint.isVisible()

    window.show_pane(3)
    lessons = window.lessons_pane
    qtbot.keyClicks(lessons.search_edit, "zebracorn")
    qtbot.waitUntil(lambda: "zebracorn" in lessons.status.text(), timeout=5000)
    _says_what_to_do(lessons.status.text(), "fewer words", "negotiat*")

    lessons.search_edit.clear()
    filters = lessons.filters
    filters.outcome.setCurrentIndex(filters.outcome.findData("won"))  # the demo has no win
    qtbot.waitUntil(lambda: "filters" in lessons.status.text(), timeout=5000)
    _says_what_to_do(lessons.status.text(), _label(filters.clear_button))
    qtbot.mouseClick(filters.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "filters" not in lessons.status.text(), timeout=5000)


def test_a_call_without_notes_or_markers_says_how_to_add_them(services, window, qtbot) -> None:
    account_id, deal_id = services.accounts.find_or_add("Acme", "Pilot")
    call_id = services.calls.start(account_id, deal_id, "Quick check-in")
    services.calls.end(call_id, "")
    window.review_call(call_id)
    pane = window.review_pane
    _says_what_to_do(pane.notes.placeholderText(), _label(pane.notes_box.edit_button))
    _says_what_to_do(pane.timeline.topLevelItem(0).text(1), keys.marker_range())
