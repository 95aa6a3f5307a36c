"""Watch-outs shown when a call starts: what tripped this seller (and this account) before.

Pure: the caller passes in cause counts, the account's lessons and the map's coverage
warnings, each as any object with the attributes named in the protocols below.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

MAX_HABITS = 3
MAX_ACCOUNT_LESSONS = 2
MAX_WARNINGS = 3


class Source(StrEnum):
    MAP = "map"
    ACCOUNT = "account"
    HABIT = "habit"
    TEAM = "team"  # the team library: teammates' lessons on this account, the team's habits


MAX_TEAM_LESSONS = 2
MAX_TEAM_HABITS = 2


class CauseLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def prompt(self) -> str: ...


class LessonLike(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def do_differently(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...


class TeamLessonLike(LessonLike, Protocol):
    @property
    def seller(self) -> str: ...


@dataclass(frozen=True)
class TeamWatch:
    """What the team library adds: its most frequent causes as (cause, lessons, sellers),
    most frequent first, and teammates' lessons shared with this account's name."""

    causes: Sequence[tuple[CauseLike, int, int]] = ()
    lessons: Sequence[TeamLessonLike] = ()


class CoverageWarningLike(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def why(self) -> str: ...
    @property
    def ask(self) -> str: ...


@dataclass(frozen=True)
class WatchOut:
    source: Source
    title: str  # what to do in this call
    why: str  # one line: where it comes from


# Markdown a seller types at the start of a line: a list mark, a heading, a quote, a box.
_LINE_MARKUP = re.compile(r"^(?:\s*(?:[-*+•]|\d+[.)]|#{1,6}|>)\s+|\s*\[[ xX]\]\s+)+")


def _first_line(text: str) -> str:
    """The first line with words, as plain words: no '- ', '1. ', '## ', '**'."""
    for line in text.splitlines():
        plain = _LINE_MARKUP.sub("", line).replace("**", "").replace("__", "").strip()
        if plain:
            return plain
    return ""


def _times(n: int) -> str:
    return "one past lesson" if n == 1 else f"{n} of your past lessons"


def build_watchouts(
    cause_counts: Sequence[tuple[CauseLike, int]],
    account_lessons: Sequence[LessonLike],
    warnings: Sequence[CoverageWarningLike],
    team: TeamWatch | None = None,
) -> list[WatchOut]:
    """The watch-outs for a call: map warnings, then this account's lessons (newest first),
    then the prompts of the causes this seller hits most often, then (with `team`) the
    teammates' lessons on this account and the team's most frequent causes. Empty when
    nothing applies."""
    found: list[WatchOut] = []
    for warning in warnings[:MAX_WARNINGS]:
        title = warning.ask.strip() or warning.title.strip()
        why = warning.title.strip()
        if warning.why.strip() and warning.ask.strip():
            why = f"{why}: {warning.why.strip()}"
        elif warning.why.strip():
            title, why = warning.title.strip(), warning.why.strip()
        if title:
            found.append(WatchOut(Source.MAP, title, why))
    recent = sorted(account_lessons, key=lambda lesson: lesson.created_at, reverse=True)
    for lesson in recent[:MAX_ACCOUNT_LESSONS]:
        title = _first_line(lesson.do_differently) or lesson.title.strip()
        if title:
            when = _day(lesson.created_at)
            found.append(
                WatchOut(Source.ACCOUNT, title, f"Lesson on this account, {when}: {lesson.title}")
            )
    habits = [(cause, n) for cause, n in cause_counts if n > 0 and cause.prompt.strip()]
    for cause, n in habits[:MAX_HABITS]:
        found.append(WatchOut(Source.HABIT, cause.prompt.strip(), f"{cause.name}: in {_times(n)}"))
    if team is not None:
        found += _team_watchouts(team)
    seen: set[str] = set()
    unique = []
    for item in found:
        if item.title.casefold() not in seen:
            seen.add(item.title.casefold())
            unique.append(item)
    return unique


def _day(moment: datetime) -> str:
    """The day a lesson was written, on the seller's clock: stored in UTC, an evening's
    lesson west of Greenwich (or a morning's east of it) was dated a day off."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return f"{aware.astimezone():%d %b %Y}"


def _team_watchouts(team: TeamWatch) -> list[WatchOut]:
    found = []
    recent = sorted(team.lessons, key=lambda lesson: lesson.created_at, reverse=True)
    for lesson in recent[:MAX_TEAM_LESSONS]:
        title = _first_line(lesson.do_differently) or lesson.title.strip()
        if title:
            when = _day(lesson.created_at)
            why = f"{lesson.seller}'s lesson on this account, {when}: {lesson.title}"
            found.append(WatchOut(Source.TEAM, title, why))
    habits = [(c, n, k) for c, n, k in team.causes if n > 0 and c.prompt.strip()]
    for cause, n, sellers in habits[:MAX_TEAM_HABITS]:
        who = "one seller" if sellers == 1 else f"{sellers} sellers"
        lessons = "one lesson" if n == 1 else f"{n} lessons"
        found.append(
            WatchOut(Source.TEAM, cause.prompt.strip(), f"Team: {cause.name} in {lessons} of {who}")
        )
    return found
