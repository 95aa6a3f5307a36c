"""The causes page reads the notes on a worker thread: the window never freezes, the causes
still come, and a seller's own tick made before they arrive is kept."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from concurrent.futures import Future

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWizard

from sales_notebook.core.cause_texts import PastLesson
from sales_notebook.store.suggestion_inputs import NOTES_CHARS, SUGGESTION_LESSONS
from sales_notebook.ui.call_review import notes_model_loader
from sales_notebook.ui.call_review.post_mortem_causes import READING, CauseChoice
from tests.faults.typist import HEARTBEAT_MS
from tests.ui.test_call_review import ended_call, make_pane

MAX_STALL_MS = 50
NEXT = QWizard.WizardButton.NextButton
BACK = QWizard.WizardButton.BackButton
STORY = (
    "Marco loved the architecture walk-through. Never asked who signs off. "
    "Ruth, the ops director, went with the big-name vendor. "
)
WORDS = [
    "pilot",
    "budget",
    "rollout",
    "integration",
    "team",
    "quarter",
    "pricing",
    "warehouse",
    "routes",
    "drivers",
    "dashboard",
    "contract",
    "review",
    "security",
    "onboarding",
    "forecast",
    "renewal",
    "timeline",
    "vendor",
    "shipping",
    "margin",
    "approval",
    "manager",
    "workflow",
    "spreadsheet",
    "migration",
    "support",
    "training",
]


def long_text(rng: random.Random, words: int) -> str:
    """Plain English call notes of about `words` words, different on every run."""
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < words:
        a, b, c = (rng.choice(WORDS) for _ in range(3))
        sentences.append(f"We talked about the {a} and the {b}, and they said the {c} was fine.")
    return " ".join(sentences)


def heavy_lessons(rng: random.Random) -> list[PastLesson]:
    """A heavy seller's past lessons, each with a long call's notes (as the store reads them);
    ids and words new to this session, so that no vector is kept from an earlier wizard."""
    start = rng.randrange(10**6, 10**7)
    return [
        PastLesson(
            start + n,
            f"Lesson {n}",
            f"Lesson {n}\nWhat went wrong on call {n}.\n{long_text(rng, 300)[:NOTES_CHARS]}",
            ("no-next-step",),
        )
        for n in range(SUGGESTION_LESSONS)
    ]


@pytest.fixture(scope="module")
def notes_model():
    """Loaded before the wizards open, as it is once the seller has answered the questions."""
    return notes_model_loader.start_loading().result(timeout=120)


def open_on(qtbot, services, notes: str):
    call_id = ended_call(services, notes, account="Kestrel Logistics", title="Follow-up")
    services.calls.set_outcome(call_id, "stalled")
    pane = make_pane(qtbot, services)
    pane.show_call(call_id)
    pane.run_post_mortem()
    wizard = pane.wizard
    qtbot.waitExposed(wizard)
    return wizard


def on_the_causes_page(qtbot, services):
    """The wizard over STORY's call, turned to the causes page: its reading has started."""
    wizard = open_on(qtbot, services, STORY)
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)
    return wizard


def activate(qtbot, wizard) -> None:
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)


def click(qtbot, wizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def read(qtbot, wizard) -> None:
    qtbot.waitUntil(lambda: not wizard.causes_page.reading(), timeout=20_000)


def ticked(wizard) -> list[str]:
    return [c.cause.id for c in wizard.causes_page.ticked()]


class Heartbeat(QObject):
    """The longest gap between two ticks of a 5 ms timer: the longest the GUI thread was held."""

    def __init__(self) -> None:
        super().__init__()
        self.longest_ms = 0.0
        self._last = time.perf_counter()
        self._beat = QTimer(self, interval=HEARTBEAT_MS)
        self._beat.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._beat.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_ms = max(self.longest_ms, (now - self._last) * 1000)
        self._last = now

    def stop(self) -> None:
        self._tick()
        self._beat.stop()


# Another process on the same machine, sleeping 5 ms at a time: how late it wakes is what the
# machine itself (other jobs on its cores) adds, measured over the same moments as the window.
_PROBE = """
import select, sys, time
longest, last = 0.0, time.perf_counter()
print("ready", flush=True)
while not select.select([sys.stdin], [], [], 0.005)[0]:
    now = time.perf_counter()
    longest, last = max(longest, now - last), now
print(f"{longest * 1000:.3f}", flush=True)
"""


class MachineStall:
    """The machine's own longest stall while the block runs, from a probe process beside us."""

    def __enter__(self) -> MachineStall:
        self._probe = subprocess.Popen(
            [sys.executable, "-c", _PROBE], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self._probe.stdout is not None and self._probe.stdout.readline() == "ready\n"
        self.longest_ms = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        out, _ = self._probe.communicate("stop\n", timeout=30)
        self.longest_ms = float(out)


@pytest.mark.serial
def test_reading_300_long_lessons_never_holds_the_window(
    qtbot, demo_services, monkeypatch, notes_model
) -> None:
    rng = random.Random()
    lessons = heavy_lessons(rng)
    monkeypatch.setattr(demo_services.lessons, "for_suggestions", lambda **_: lessons)
    notes = STORY + long_text(rng, 2_000)
    wizard = open_on(qtbot, demo_services, notes)
    click(qtbot, wizard, NEXT)
    beat = Heartbeat()
    with MachineStall() as machine:
        began = time.perf_counter()
        click(qtbot, wizard, NEXT)  # to the causes page: the reading starts
        turned = time.perf_counter() - began
        beat.start()
        assert wizard.causes_page.status.text() == READING
        read(qtbot, wizard)
        took = time.perf_counter() - began
        beat.stop()
    print(
        f"reading {len(lessons)} lessons, notes of {len(notes.split())} words: {took:.2f} s "
        f"(turning to the page {turned * 1000:.0f} ms); longest event-loop stall while "
        f"reading {beat.longest_ms:.1f} ms, the machine's own beside it {machine.longest_ms:.1f} ms"
    )
    # The suggestions still come, each saying why (diluted in 2,000 words, none is pre-ticked).
    reasons = {c.cause.id: c.reason for c in wizard.causes_page.choices if c.reason}
    assert "missed-boss" in reasons and "signs off" in reasons["missed-boss"]
    assert any("your lesson" in reason for reason in reasons.values())
    assert beat.longest_ms < MAX_STALL_MS + machine.longest_ms, (
        beat.longest_ms,
        machine.longest_ms,
    )


@pytest.fixture
def held_model(monkeypatch, notes_model):
    """The model still loading: the reading waits for it until the test lets it arrive."""
    pending: Future = Future()
    monkeypatch.setattr(notes_model_loader, "start_loading", lambda: pending)
    yield lambda: pending.set_result(notes_model)
    if not pending.done():
        pending.set_result(notes_model)


def test_a_cause_the_seller_ticks_before_the_reading_arrives_is_kept(
    qtbot, demo_services, held_model
) -> None:
    wizard = on_the_causes_page(qtbot, demo_services)
    page = wizard.causes_page
    assert page.reading() and page.status.text() == READING and ticked(wizard) == []
    activate(qtbot, wizard)
    mine = next(c for c in page.choices if c.cause.id == "no-insight")
    mine.tick.setFocus()
    qtbot.keyClick(mine.tick, Qt.Key.Key_Space)
    held_model()
    read(qtbot, wizard)
    # The notes make "missed-boss" likely, but the seller already chose: nothing is added.
    assert ticked(wizard) == ["no-insight"]
    assert page.status.text() != READING
    click(qtbot, wizard, NEXT)
    assert wizard.currentPage() is wizard.lesson_page


def test_a_reading_for_answers_since_changed_is_dropped(qtbot, demo_services, held_model) -> None:
    wizard = on_the_causes_page(qtbot, demo_services)
    assert wizard.causes_page.reading()
    click(qtbot, wizard, BACK)
    [no] = [
        b
        for b in wizard.questions_page.groups["no-boundaries"].buttons()
        if b.property("answer") == "no"
    ]
    qtbot.mouseClick(no, Qt.MouseButton.LeftButton)
    click(qtbot, wizard, NEXT)
    held_model()
    read(qtbot, wizard)
    qtbot.wait(300)  # time for the first reading to land, if it were not dropped
    assert {"no-boundaries", "missed-boss"} <= set(ticked(wizard))


def test_the_page_laid_out_again_by_the_reading_shows_each_cause_once_and_tabs_down_it(
    qtbot, demo_services, held_model
) -> None:
    wizard = on_the_causes_page(qtbot, demo_services)
    page = wizard.causes_page
    before = [c.cause.id for c in page.choices]
    held_model()
    read(qtbot, wizard)
    after = [c.cause.id for c in page.choices]
    assert after != before and sorted(after) == sorted(before)  # reordered, none lost or added
    assert after[0] == "missed-boss" and ticked(wizard)[0] == "missed-boss"
    # Each row as tall as its text and fields need: the ticked one grew by its two fields.
    qtbot.waitUntil(lambda: all(c.height() >= c.heightForWidth(c.width()) for c in page.choices))
    tops = [c.mapTo(page.content, QPoint(0, 0)).y() for c in page.choices]
    assert tops == sorted(tops)  # shown in the new order, each once
    shown = [w for w in page.content.findChildren(CauseChoice) if w.isVisibleTo(page)]
    assert len(shown) == len(page.choices)
    # Tab goes down the page as it is now: tick, and for a ticked cause its two fields.
    activate(qtbot, wizard)
    expected = [
        w
        for c in page.choices
        for w in ((c.tick, c.control, c.evidence) if c.tick.isChecked() else (c.tick,))
    ]
    expected[0].setFocus()
    went = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        went.append(QApplication.focusWidget())
    assert went == expected
