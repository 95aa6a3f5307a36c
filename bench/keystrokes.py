"""Typing latency in the live notes editor, with markers and autosave on, against the bare editor.

    .venv/bin/python bench/keystrokes.py [--keys 5000] [--interval-ms 6] [--block 250]

Feeds the same keystrokes (letters, spaces, a new line every ~70 characters, a marker by
Ctrl+digit every 500 keys) into (a) the live pane on a real notebook file with a call open,
its autosave on a worker thread, and (b) the same NotesEditor alone: no autosave, no markers,
no completer. The two runs alternate in blocks so both meet the same load on a shared
machine. A keystroke is due every --interval-ms; its latency is from when it was due to
when the editor had handled it, so any time the event loop was blocked just before it (an
autosave snapshot, a marker row, the worker holding the GIL) counts. Prints the worst and
the 99th percentile of both runs and their ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
from sqlalchemy import update  # noqa: E402

from sales_notebook.core.vocabulary import MarkerKind  # noqa: E402
from sales_notebook.paths import DataPaths  # noqa: E402
from sales_notebook.store.migrate import prepare  # noqa: E402
from sales_notebook.store.models import Call  # noqa: E402
from sales_notebook.store.services import Services  # noqa: E402
from sales_notebook.ui.live_notes.editor import NotesEditor  # noqa: E402
from sales_notebook.ui.live_notes.markers import stamp  # noqa: E402
from sales_notebook.ui.live_notes.pane import LiveNotesPane  # noqa: E402

WORDS = ("the", "pilot", "covers", "two", "clinics", "for", "ninety", "days", "and",
         "reminders", "cut", "no-shows", "by", "a", "third")  # fmt: skip
MARKER_EVERY = 500
# A call already 25 minutes in: about 15,000 characters of notes with a dozen markers.
PRELUDE_LINES = 220
PRELUDE_MARKERS = len(range(0, PRELUDE_LINES, 18))


def keystrokes(n: int) -> list[str]:
    """Text typed one character at a time, like a seller's notes."""
    out: list[str] = []
    line = 0
    i = 0
    while len(out) < n:
        word = WORDS[i % len(WORDS)]
        i += 1
        for char in word + " ":
            out.append(char)
            line += 1
        if line > 70:
            out.append("\n")
            line = 0
    return out[:n]


def send(widget: QWidget, char: str) -> None:
    key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def run(app: QApplication, editor: NotesEditor, pane: LiveNotesPane | None, keys: list[str],
        first: int, interval: float) -> list[float]:  # fmt: skip
    """Latency of each keystroke, in milliseconds: from when it was due to when it was handled."""
    latencies: list[float] = []
    start = time.perf_counter() + 0.02
    for offset, char in enumerate(keys):
        index = first + offset
        due = start + offset * interval
        while time.perf_counter() < due:
            app.processEvents()
            time.sleep(0.0002)
        if pane is not None and index and index % MARKER_EVERY == 0:
            kinds = list(MarkerKind)
            pane.insert_marker(kinds[(index // MARKER_EVERY) % len(kinds)])
        send(editor, char)
        app.processEvents()
        latencies.append((time.perf_counter() - due) * 1000)
    return latencies


def prelude() -> str:
    lines = []
    for n in range(PRELUDE_LINES):
        # The stamps the markers below are stored with (a marker must find its own stamp).
        mark = stamp(MarkerKind.OBJECTION, n * 7) + " " if n % 18 == 0 else ""
        lines.append(f"- {mark}point {n}: " + " ".join(WORDS[: 8 + n % 6]))
    return "\n".join(lines) + "\n"


def live_pane(services: Services) -> LiveNotesPane:
    account_id, deal_id = services.accounts.find_or_add("Bench Ltd", "Pilot")
    for person in ("Dana Lee, CFO", "Raj Mehta, Architect", "Ines Duarte, VP Claims"):
        services.attendance.add_person(account_id, person)
    call_id = services.calls.start(account_id, deal_id)
    text = prelude()
    with services.db.session() as s:
        s.execute(
            update(Call)
            .where(Call.id == call_id)
            .values(notes=text, started_at=datetime.now(UTC) - timedelta(minutes=25))
        )
    for n, line_start in enumerate(i for i, c in enumerate("\n" + text) if c == "\n"):
        if n % 18 == 0:
            services.live_call.add_marker(call_id, MarkerKind.OBJECTION, n * 7, line_start + 2)
    pane = LiveNotesPane(
        services.calls, services.live_call, services.attendance, services.qualification,
        services.taxonomy,
    )  # fmt: skip
    pane.resize(1000, 700)
    pane.show()
    pane.open_call(services.calls.get(call_id))
    return pane


def summary(name: str, values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    print(
        f"{name:<32} p50 {statistics.median(values):6.2f} ms   p99 {p99:6.2f} ms   "
        f"worst {ordered[-1]:6.2f} ms"
    )
    return p99, ordered[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=5000)
    parser.add_argument("--interval-ms", type=float, default=6.0)
    parser.add_argument("--block", type=int, default=250, help="keystrokes per alternation")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    keys = keystrokes(args.keys)
    interval = args.interval_ms / 1000

    bare = NotesEditor()
    bare.resize(600, 700)
    bare.show()
    bare.setPlainText(prelude())
    bare.moveCursor(bare.textCursor().MoveOperation.End)
    with tempfile.TemporaryDirectory() as tmp:
        paths = DataPaths(Path(tmp) / "data")
        prepare(paths)
        services = Services.open(paths)
        pane = live_pane(services)
        saves: list[datetime] = []
        pane.saved.connect(saves.append)
        # Alternate blocks of the two runs so both meet the same load on a shared machine.
        live: list[float] = []
        floor: list[float] = []
        for first in range(0, len(keys), args.block):
            block = keys[first : first + args.block]
            pane.editor.setFocus()
            live += run(app, pane.editor, pane, block, first, interval)
            pane.flush(wait=True)  # the live run's last save, outside the bare run's timing
            app.processEvents()
            bare.setFocus()
            floor += run(app, bare, None, block, first, interval)
        markers = len(services.live_call.markers(pane.call.id)) if pane.call else 0
        stored = services.calls.get(pane.call.id).notes if pane.call else ""
        intact = stored == pane.editor.toPlainText()
        pane.shutdown()
        services.close()

    print(f"{len(keys)} keystrokes, one due every {args.interval_ms:g} ms")
    live_p99, live_worst = summary("live pane (markers + autosave)", live)
    floor_p99, floor_worst = summary("bare editor (no autosave)", floor)
    print(
        f"ratio live/bare: p99 {live_p99 / floor_p99:.2f}x, worst {live_worst / floor_worst:.2f}x"
    )
    print(f"autosaves during the run: {len(saves)}; markers stored: {markers} "
          f"({PRELUDE_MARKERS} before the run, one typed every {MARKER_EVERY} keys); "
          f"notes on disk match the editor: {intact}")  # fmt: skip
    target = 8.0
    print(f"target p99 < {target:g} ms: {'met' if live_p99 < target else 'NOT met'}")
    return 0 if intact else 1


if __name__ == "__main__":
    raise SystemExit(main())
