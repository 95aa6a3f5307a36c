"""The methods bench/quality.py compares: each is fitted on labelled cases and then ranks notes.

A method that learns nothing ignores what it is fitted on.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quality_data import Case

from sales_notebook.core.cause_texts import DEFAULT_CAUSES

Ranker = Callable[[str], list[str]]
_WORD = re.compile(r"[a-z]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "you",
        "your",
        "they",
        "them",
        "their",
        "did",
        "do",
        "does",
        "what",
        "who",
        "how",
        "is",
        "are",
        "was",
        "were",
        "in",
        "on",
        "at",
        "for",
        "with",
        "before",
        "about",
        "than",
        "rather",
        "this",
        "that",
        "it",
        "its",
        "have",
        "had",
        "not",
        "no",
        "one",
        "most",
        "make",
        "makes",
        "get",
        "made",
        "let",
        "ask",
    ]
)


@dataclass(frozen=True)
class Method:
    """A name and how to fit it: fit(train cases) -> ranker(notes) -> cause ids, best first."""

    name: str
    fit: Callable[[Sequence[Case]], Ranker]


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def keyword_counter(_train: Sequence[Case]) -> Ranker:
    """The floor: count the words of each cause's name, question and prompt in the notes."""
    keywords = {
        cause.id: {_stem(w) for w in _WORD.findall(cause.description.lower()) if w not in _STOP}
        for cause in DEFAULT_CAUSES
    }

    def rank(notes: str) -> list[str]:
        counts = Counter(_stem(w) for w in _WORD.findall(notes.lower()))
        scores = {cause: sum(counts[w] for w in words) for cause, words in keywords.items()}
        order = sorted(scores, key=lambda c: -scores[c])  # stable: taxonomy order breaks ties
        return [c for c in order if scores[c] > 0]

    return rank


def cue_rules(_train: Sequence[Case]) -> Ranker:
    """(a) The hand-written cue rules of core/diagnosis_cues.py."""
    from sales_notebook.core.diagnosis_rules import rule_scores

    def rank(notes: str) -> list[str]:
        scores = rule_scores(notes)
        return [c for c in sorted(scores, key=lambda c: -scores[c]) if scores[c] > 0]

    return rank


METHODS: dict[str, Method] = {
    m.name: m
    for m in (
        Method("keywords", keyword_counter),
        Method("rules", cue_rules),
    )
}
