"""What each hostile case did, gathered while the suite runs (read by tally.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    """One hostile input: its area, and what the app made of it."""

    area: str  # import, export, settings, search, suggest
    handled: str  # "clear error" (refused in one line) or "accepted" (used as intended)
    crashed: bool  # a traceback, an unexpected exception or exit code
    data_changed: bool  # the notebook file differs after a refusal


OUTCOMES: list[Outcome] = []
