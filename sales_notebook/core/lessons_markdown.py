"""Lessons as one Markdown document, to keep, print or share outside the notebook.

Everything the user typed goes through `defuse_markdown` (core/link_safety.py), the rule the
review pane renders notes by: a viewer that renders this document as HTML runs no script,
follows no `javascript:`/`data:` link and loads no remote image.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sales_notebook.core.link_safety import defuse_markdown


@dataclass(frozen=True)
class CauseText:
    """A root cause as it reads on a lesson."""

    name: str
    evidence: str = ""
    controllable: bool = True


@dataclass(frozen=True)
class LessonText:
    """What a lesson says, ready to print."""

    title: str
    account: str
    outcome: str | None
    created: date
    causes: tuple[CauseText, ...]
    what_happened: str
    do_differently: str
    feeling: str = ""


def _line(text: str) -> str:
    # Titles and names go on one line; a newline would break the heading.
    return defuse_markdown(" ".join(text.split()))


def _block(text: str) -> str:
    return defuse_markdown(text.strip()) or "_(nothing written)_"


def lesson_markdown(lesson: LessonText) -> str:
    """One lesson: a heading, its facts, its causes and what to do differently."""
    facts = [lesson.created.isoformat()]
    if lesson.account:
        facts.append(_line(lesson.account))
    if lesson.outcome:
        facts.append(lesson.outcome.replace("_", " "))
    out = [f"## {_line(lesson.title) or 'Untitled lesson'}", "", " · ".join(facts), ""]
    if lesson.causes:
        out.append("**Root causes**")
        out.append("")
        for cause in lesson.causes:
            where = "" if cause.controllable else " (external)"
            evidence = f": {_line(cause.evidence)}" if cause.evidence.strip() else ""
            out.append(f"- {_line(cause.name)}{where}{evidence}")
        out.append("")
    out += ["**What happened**", "", _block(lesson.what_happened), ""]
    out += ["**Do differently**", "", _block(lesson.do_differently), ""]
    if lesson.feeling.strip():
        out += ["**How it felt**", "", defuse_markdown(lesson.feeling.strip()), ""]
    return "\n".join(out)


def lessons_markdown(
    lessons: Sequence[LessonText], heading: str = "Lessons", note: str = ""
) -> str:
    """All the lessons under one heading, in the order given; `note` says what was exported."""
    out = [f"# {_line(heading)}", ""]
    if note:
        out += [_line(note), ""]
    if not lessons:
        out += ["No lessons.", ""]
    for lesson in lessons:
        out.append(lesson_markdown(lesson))
    return "\n".join(out).rstrip("\n") + "\n"
