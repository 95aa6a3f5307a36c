"""Notes cut into sentences (kept with their place, to quote them), and whether they are English.

The notes model reads English: notes in another language would get confident nonsense,
so they get a reason instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_SENTENCES = 400
"""Very long notes are read up to this many sentences (about 8,000 words)."""

_SENTENCE_END = re.compile(r"(?<=[.!?;])[\"'”’)]*\s+|\n+|\s+[-*•]\s+|\s[–—]\s")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ENGLISH_WORDS = (
    "the a an and or but of to in on at for with from by is was were are be been it this "
    "that they them their we our i you he she his her not no did didn't do don't had "
    "have has about what who when after before so then just as if there would could "
    "should will can my me us which than also all more very"
)
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
_LATIN = re.compile(r"[a-z]")
_SAMPLE_CHARS = 5_000
_MIN_WORDS_TO_JUDGE = 8
_MIN_ENGLISH_SHARE = 0.12
"""English prose has 30-50 % of these words; terse English bullets rarely fall under 15 %."""


@dataclass(frozen=True)
class Sentence:
    """A sentence of the notes and where it starts and ends in them."""

    text: str
    start: int
    end: int


def sentences(notes: str) -> list[Sentence]:
    """The notes' sentences and bullet lines of two words or more, in order."""
    found: list[Sentence] = []
    start = 0
    for edge in _SENTENCE_END.finditer(notes):
        _add(found, notes, start, edge.start())
        start = edge.end()
        if len(found) >= MAX_SENTENCES:
            return found
    _add(found, notes, start, len(notes))
    return found


def _add(found: list[Sentence], notes: str, start: int, end: int) -> None:
    text = notes[start:end]
    stripped = text.lstrip(" \t-*•>").strip(" \t\"'“”")
    if len(_WORD.findall(stripped)) >= 2:
        offset = start + text.index(stripped)
        found.append(Sentence(stripped, offset, offset + len(stripped)))


def language_problem(notes: str) -> str | None:
    """Why the notes cannot be read for causes (not English), or None when they can."""
    sample = notes[:_SAMPLE_CHARS].lower()
    words = _WORD.findall(sample)
    # Chinese or Japanese notes have no spaces to count words by: count letters instead.
    letters = sum(len(word) for word in words)
    latin = len(_LATIN.findall(sample))
    foreign_script = letters >= 20 and latin < letters / 2
    english = sum(word.replace("’", "'") in _ENGLISH for word in words)
    few_english = len(words) >= _MIN_WORDS_TO_JUDGE and english < len(words) * _MIN_ENGLISH_SHARE
    if foreign_script or few_english:
        return (
            "The notes do not look like English, and suggestions are only made from English "
            "notes: answer the questions and tick the causes yourself."
        )
    return None


def quote(text: str, limit: int = 80) -> str:
    """A sentence for a reason: one line, cut at a word edge to about `limit` characters."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 0, limit)
    return line[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"
