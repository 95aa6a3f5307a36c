"""Due dates a seller says in words: "by Friday", "tomorrow", "end of next week".

"By Friday" on a Monday is this Friday; on a Friday or later, next week's. A default due
date never lands on a weekend: a step "in a week" from a Saturday is due on the Monday after.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT = {d[:3]: i for i, d in enumerate(DAYS)} | {"tues": 1, "thur": 3, "thurs": 3}
_DAY = re.compile(
    r"\b(?:by|on|before|until|till|due|this|next|coming)\s+(?:(this|next|the)\s+)?"
    r"(" + "|".join(DAYS) + r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b",
    re.IGNORECASE,
)
_TOMORROW = re.compile(r"\btomorrow\b", re.IGNORECASE)
_TODAY = re.compile(r"\b(?:today|tonight|eod|end of (?:the )?day)\b", re.IGNORECASE)
_END_OF_WEEK = re.compile(r"\b(?:eow|end of (?:the |this )?week)\b", re.IGNORECASE)
_NEXT_WEEK = re.compile(r"\b(?:end of next week|next week)\b", re.IGNORECASE)
DEFAULT_DAYS = 7


def _weekday(name: str) -> int:
    key = name.casefold()
    return DAYS.index(key) if key in DAYS else _SHORT[key]


def next_weekday(today: date, weekday: int, skip_week: bool = False) -> date:
    """The first such day after today (a week later with `skip_week`)."""
    ahead = (weekday - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead + (7 if skip_week else 0))


def due_in_text(text: str, today: date) -> date | None:
    """The due date the words name, or None when they name none."""
    found = _DAY.search(text)
    if found:
        skip = (found.group(1) or "").casefold() == "next" or found.group(0).casefold().startswith(
            "next"
        )
        day = next_weekday(today, _weekday(found.group(2)))
        # "next Friday" said on a Monday means the Friday after this one.
        if skip and (day - today).days < 7 and today.weekday() < _weekday(found.group(2)):
            day += timedelta(days=7)
        return day
    if _TOMORROW.search(text):
        return today + timedelta(days=1)
    if _TODAY.search(text):
        return today
    if _NEXT_WEEK.search(text):
        end = "end of next week" in text.casefold()
        monday = next_weekday(today, 0)
        return monday + timedelta(days=4) if end else monday
    if _END_OF_WEEK.search(text):
        return today if today.weekday() == 4 else next_weekday(today, 4)
    return None


def default_due(today: date) -> date:
    """A week on, moved off a weekend to the Monday after."""
    due = today + timedelta(days=DEFAULT_DAYS)
    return due + timedelta(days=(7 - due.weekday()) % 7) if due.weekday() >= 5 else due
