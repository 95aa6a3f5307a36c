from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from sales_notebook.core.vocabulary import MarkerKind
from sales_notebook.ui.live_notes.markers import (
    NOTHING_CAPTURED,
    MarkerTracker,
    Utf16Offsets,
    captured_words,
    stamp,
)


def test_stamps_count_minutes_past_the_hour():
    assert stamp(MarkerKind.OBJECTION, 754) == "[+12:34 Objection]"
    assert stamp(MarkerKind.RISK, 4502) == "[+75:02 Risk]"
    assert stamp(MarkerKind.DECISION_MAKER, -3) == "[+00:00 Decision maker mentioned]"


@given(st.text(alphabet=st.sampled_from("aé東🚀👍🏽\n ")))
def test_utf16_offsets_round_trip(text):
    offsets = Utf16Offsets(text)
    for index in range(len(text) + 1):
        position = offsets.to_utf16(index)
        assert position == len(text[:index].encode("utf-16-le")) // 2
        assert offsets.to_index(position) == index


def test_markers_model(qtmodeltester, qtbot):
    document = QTextDocument()
    written = []
    tracker = MarkerTracker(document, lambda marker, index: written.append(index))
    cursor = QTextCursor(document)
    cursor.insertText("🚀 launch ")
    tracker.insert(cursor, MarkerKind.NEXT_STEP, 61)
    cursor.insertText("pilot")
    assert written == [len("🚀 launch ")]
    snapshot = tracker.snapshot(document.toPlainText())
    assert [(pos, words) for _, pos, words in snapshot.places] == [(9, "pilot")]
    assert tracker.model.index(0, 0).data() == "+01:01  Next step — pilot"
    qtmodeltester.check(tracker.model)


def test_a_marker_at_the_end_of_a_line_captures_the_line():
    line = "- Send the proposal to Ruth by Friday "
    text = line + "[+12:34 Next step] \nnext topic"
    assert captured_words(text, len(line), len("[+12:34 Next step]")) == (
        "Send the proposal to Ruth by Friday"
    )


def test_a_marker_alone_on_its_line_captures_the_next_one():
    text = "intro\n[+01:00 Next step] \n\n  Book the security review\nmore"
    assert captured_words(text, 6, len("[+01:00 Next step]")) == "Book the security review"


def test_words_after_the_marker_win_and_old_stamps_still_count(qtbot):
    text = "price talk [12:34 Objection] too pricey [+13:00 Risk] \n"
    assert captured_words(text, 11, len("[12:34 Objection]")) == "too pricey"
    document = QTextDocument()
    tracker = MarkerTracker(document, lambda marker, index: None)
    cursor = QTextCursor(document)
    cursor.insertText("Call Ruth back")
    tracker.insert(cursor, MarkerKind.NEXT_STEP, 5)
    assert tracker.model.index(0, 0).data().endswith(NOTHING_CAPTURED)  # before any save
    snapshot = tracker.snapshot(document.toPlainText())
    assert [words for _, _, words in snapshot.places] == ["Call Ruth back"]
    assert tracker.model.index(0, 0).data() == "+00:05  Next step — Call Ruth back"
