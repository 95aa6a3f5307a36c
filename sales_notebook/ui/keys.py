"""The shortcuts that differ by platform, and every key hint as the platform writes it.

Qt reads "Ctrl" as ⌘ on macOS, so most shortcuts carry over. Two kinds do not: Ctrl+Shift+Q
becomes ⇧⌘Q, the system's Log Out, and Alt shortcuts and mnemonics (Alt+1, Alt+K) do nothing
there (Option types characters). Those are chosen here per platform. A hint shown to the user
is never a hard-coded "Ctrl+": `hint` writes it with QKeySequence's NativeText (⇧⌘M on macOS,
Ctrl+Shift+M elsewhere); tests/ui/test_platform_keys.py holds the sources to that.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QKeySequence

ELSEWHERE = {
    "new_call": "Ctrl+N",
    "end_call": "Ctrl+E",
    "marker": "Ctrl+{n}",
    "attendees": "Ctrl+Shift+A",
    "checklist": "Ctrl+Shift+Q",
    "compact": "Ctrl+Shift+M",
    "pane": "Alt+{n}",
    "lessons_results": "Alt+R",
    "lessons_chart": "Alt+K",
    "map_fit": "Ctrl+0",
}
# On macOS: ⇧⌘K for the checklist (⇧⌘Q logs out), ⌥⌘ for what is Alt elsewhere.
MACOS = {
    **ELSEWHERE,
    "checklist": "Ctrl+Shift+K",
    "pane": "Ctrl+Alt+{n}",
    "lessons_results": "Ctrl+Alt+R",
    "lessons_chart": "Ctrl+Alt+K",
}

# sys.platform, read at each call so that a test can play macOS or Windows.
platform = sys.platform


def keys_for(system: str) -> dict[str, str]:
    """The portable text of each named shortcut on `system` (a sys.platform value)."""
    return MACOS if system == "darwin" else ELSEWHERE


def mnemonics_work() -> bool:
    """Whether Alt+letter mnemonics (the underlined letters of labels) do anything here."""
    return platform != "darwin"


def sequence(name: str, n: int | None = None) -> QKeySequence:
    """The shortcut `name` (with its digit `n`, for "marker" and "pane") on this platform."""
    text = keys_for(platform)[name]
    return QKeySequence(text.format(n=n) if n is not None else text)


def hint(name: str, n: int | None = None) -> str:
    """The shortcut `name` as this platform writes it for the user."""
    return sequence(name, n).toString(QKeySequence.SequenceFormat.NativeText)


def marker_range() -> str:
    """The markers' keys for a hint: Ctrl+1…9 (⌘1…9 on macOS)."""
    return f"{hint('marker', 1)}…9"


def marker_prefix() -> str:
    """A marker's key without its digit, to put before a legend of digits: Ctrl+ (or ⌘)."""
    return hint("marker", 1)[:-1]


def with_hint(text: str, shortcut: QKeySequence) -> str:
    """A tooltip with its action's key after it: "Show the whole map (Ctrl+0)"."""
    if shortcut.isEmpty():
        return text
    return f"{text} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"
