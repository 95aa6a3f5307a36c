"""The autosaver on its own: debounce, max wait, ordering, and what happens when a save fails."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest

from sales_notebook.store.errors import KnownError
from sales_notebook.ui.live_notes.autosaver import IDLE_MS, MAX_WAIT_MS, Autosaver


class FakeStore:
    def __init__(self) -> None:
        self.saves: list[tuple[int, str, str]] = []
        self.fail_next = False

    def save(self, call_id: int, text: str) -> datetime:
        if self.fail_next:
            self.fail_next = False
            raise KnownError("The disk is full: the last change could not be saved.")
        self.saves.append((call_id, text, threading.current_thread().name))
        return datetime.now(UTC)


def make(qtbot, text: list[str]):
    store = FakeStore()
    saver = Autosaver(store.save, lambda: text[0])
    return store, saver


def test_nothing_is_saved_without_a_call_or_without_a_change(qtbot) -> None:
    text = ["a"]
    store, saver = make(qtbot, text)
    saver.mark_dirty()
    saver.flush(wait=True)
    saver.attach(1, "a")
    saver.mark_dirty()  # an edit that ends where it began
    saver.flush(wait=True)
    assert store.saves == []
    saver.shutdown()


def test_a_pause_saves_once_off_the_gui_thread(qtbot) -> None:
    text = ["hello"]
    store, saver = make(qtbot, text)
    saver.attach(7, "")
    with qtbot.waitSignal(saver.saved, timeout=IDLE_MS + 1000):
        for _ in range(5):
            saver.mark_dirty()
    assert [(c, t) for c, t, _ in store.saves] == [(7, "hello")]
    assert store.saves[0][2].startswith("notebook-writer")
    saver.shutdown()


@pytest.mark.serial  # timed: see tests/conftest.py
def test_edits_that_never_pause_are_saved_by_the_max_wait(qtbot) -> None:
    text = [""]
    store, saver = make(qtbot, text)
    saver.attach(1, "")
    began = time.monotonic()
    while not store.saves and time.monotonic() - began < 3:
        text[0] += "x"
        saver.mark_dirty()
        qtbot.wait(IDLE_MS // 4)
    assert store.saves, "continuous typing was never saved"
    assert time.monotonic() - began < (MAX_WAIT_MS + IDLE_MS) / 1000 + 0.5
    saver.shutdown()


def test_a_failed_save_is_reported_and_retried(qtbot) -> None:
    text = ["important"]
    store, saver = make(qtbot, text)
    saver.attach(1, "")
    store.fail_next = True
    with qtbot.waitSignal(saver.failed, timeout=3000) as failure:
        saver.mark_dirty()
        saver.flush()
    assert "disk is full" in failure.args[0]
    assert saver.dirty  # still owed to the disk
    saver.flush(wait=True)
    assert [t for _, t, _ in store.saves] == ["important"]
    saver.shutdown()
