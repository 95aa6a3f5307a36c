from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from sales_notebook.core.vocabulary import MarkerKind
from sales_notebook.ui.live_notes.markers import (
    MarkerTracker,
    Utf16Offsets,
    stamp,
)


def test_stamps_count_minutes_past_the_hour():
    assert stamp(MarkerKind.OBJECTION, 754) == "[12:34 Objection]"
    assert stamp(MarkerKind.RISK, 4502) == "[75:02 Risk]"
    assert stamp(MarkerKind.DECISION_MAKER, -3) == "[00:00 Decision maker mentioned]"


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
    assert tracker.model.index(0, 0).data() == "01:01  Next step — pilot"
    qtmodeltester.check(tracker.model)
