"""The review's notes editor when saving goes wrong: a paste too long to save, a disk that
keeps refusing. The seller is told once, and what was saved before stays."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor

from sales_notebook.store.calls import MAX_NOTES_CHARS
from sales_notebook.store.errors import DiskFull
from sales_notebook.ui.call_review.notes_editor import ReviewNotes


def review_notes(qtbot, services, notes: str) -> tuple[ReviewNotes, int]:
    account_id, deal_id = services.accounts.find_or_add("Acme", "Pilot")
    call_id = services.calls.start(account_id, deal_id)
    services.calls.end(call_id, notes)
    box = ReviewNotes(services.calls)
    qtbot.addWidget(box)
    box.show_call(services.calls.get(call_id))
    box.start()
    box.editor.moveCursor(QTextCursor.MoveOperation.End)
    return box, call_id


def test_a_paste_too_long_to_save_is_refused_with_one_message_and_editing_goes_on(
    qtbot, services
) -> None:
    # Before, the review took a 10 MB paste; every save of it was refused, retried every two
    # seconds with a new message box each time, and nothing typed after it was saved.
    box, call_id = review_notes(qtbot, services, "Budget approved")
    told: list[str] = []
    box.message.connect(told.append)
    huge = QMimeData()
    huge.setText(("x" * 99 + "\n") * (MAX_NOTES_CHARS // 100 + 1))
    box.editor.insertFromMimeData(huge)
    assert box.editor.toPlainText() == "Budget approved"
    assert len(told) == 1 and "not inserted" in told[0]
    qtbot.keyClicks(box.editor, ", SSO next")
    qtbot.waitUntil(lambda: services.calls.get(call_id).notes == "Budget approved, SSO next")
    assert len(told) == 1
    box.shutdown()


def test_saves_that_keep_failing_are_told_once_not_at_every_retry(
    qtbot, services, monkeypatch
) -> None:
    box, call_id = review_notes(qtbot, services, "Budget approved")
    told: list[str] = []
    box.message.connect(told.append)
    failures: list[int] = []

    def full_disk(_call_id: int, _notes: str) -> None:
        failures.append(1)
        raise DiskFull("SQLITE_FULL: database or disk is full", services.db.path, 13)

    saves = services.calls.save_notes
    monkeypatch.setattr(services.calls, "save_notes", full_disk)
    qtbot.keyClicks(box.editor, " by Friday")
    qtbot.waitUntil(lambda: len(failures) >= 3, timeout=5000)  # retried after 250, 500 ms...
    assert len(told) == 1 and "disk is full" in told[0]
    assert box.status.text() == "Notes not saved: retrying"
    monkeypatch.setattr(services.calls, "save_notes", saves)  # space freed
    qtbot.waitUntil(lambda: box.status.text().startswith("Notes saved "), timeout=5000)
    assert services.calls.get(call_id).notes == "Budget approved by Friday"
    assert len(told) == 1
    box.shutdown()


def test_a_summary_paste_too_long_to_save_is_refused_and_the_summary_kept(qtbot, services) -> None:
    from sales_notebook.store.calls import MAX_SUMMARY_CHARS
    from sales_notebook.store.errors import InvalidInput
    from sales_notebook.ui.call_review.pane import CallReviewPane

    account_id, deal_id = services.accounts.find_or_add("Acme", "Pilot")
    call_id = services.calls.start(account_id, deal_id)
    services.calls.end(call_id, "notes")
    services.calls.set_outcome(call_id, "lost", "They chose the incumbent.")
    pane = CallReviewPane(
        services.calls, services.next_steps, services.call_facts, services.lessons,
        services.taxonomy,
    )  # fmt: skip
    qtbot.addWidget(pane)
    pane.show()
    pane.show_call(call_id)
    told: list[str] = []
    pane.message.connect(told.append)
    # Before, any paste went into the summary (10 MB held the window for minutes) and was
    # saved as it was.
    huge = QMimeData()
    huge.setText("x" * MAX_SUMMARY_CHARS)
    pane.summary.insertFromMimeData(huge)
    assert pane.summary.toPlainText() == "They chose the incumbent."
    assert len(told) == 1 and "summary" in told[0] and "not inserted" in told[0]
    pane.flush()
    assert services.calls.get(call_id).summary == "They chose the incumbent."
    # The store refuses it too, whatever writes it, and keeps the summary saved before.
    with pytest.raises(InvalidInput, match="summary is too long"):
        services.calls.set_outcome(call_id, "lost", "y" * (MAX_SUMMARY_CHARS + 1))
    assert services.calls.get(call_id).summary == "They chose the incumbent."
    pane.shutdown()
