"""Suggest root causes for a call that went badly, each with the reason why.

From the notes (the notes model when it is loaded, the cue rules otherwise), the seller's
own past lessons, what the stakeholder map, the checklist and the markers say, and the
wizard's answers. Every suggestion quotes or names its evidence, so the seller can judge
it instead of trusting a score; only a cause the evidence makes likely is pre-ticked.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sales_notebook.core.cause_texts import DEFAULT_CAUSES, CauseText, PastLesson
from sales_notebook.core.diagnosis_cues import EXTERNAL_HINTS
from sales_notebook.core.diagnosis_facts import CallFacts, fact_evidence
from sales_notebook.core.diagnosis_rules import MAX_DIAGNOSIS_CHARS, normalize, rule_evidence
from sales_notebook.core.diagnosis_text import language_problem

if TYPE_CHECKING:  # numpy and the model are imported when a model is given, never at start
    from sales_notebook.core.diagnosis_model import NotesModel

__all__ = [
    "EXTERNAL_HINTS",
    "CallFacts",
    "PastLesson",
    "Suggestion",
    "looks_external",
    "suggest_root_causes",
]

PRE_TICK_PROBABILITY = 0.5
"""Notes alone pre-tick a cause only when its calibrated probability is at least this
(more likely than not the main cause; see docs/QUALITY.md for how it was calibrated)."""
MIN_WORDS_TO_PRE_TICK = 12
"""Shorter notes never pre-tick from the notes alone: the probabilities were calibrated on
notes of 60 words and more, and "Nice chat." is no evidence of anything."""
MIN_SHOWN = 3
"""Notes of MIN_WORDS_TO_PRE_TICK words or more list at least the model's 3 likeliest causes."""
PRE_TICK_OWN_EVIDENCE = 2.0
"""The seller's own answers and records pre-tick a cause at this weight (a "No" weighs 3)."""
_ANSWER_WEIGHTS: Mapping[str, float] = {"no": 3.0, "not_sure": 1.0, "yes": -2.0}
_ANSWER_LABELS: Mapping[str, str] = {"no": "No", "not_sure": "Not sure", "yes": "Yes"}


@dataclass(frozen=True)
class Suggestion:
    """One suggested root cause: its id, how strongly the evidence points at it, and why.

    `probability` is the notes model's calibrated chance that this is the main cause (None
    when the model did not weigh it); `lesson_id` names the past lesson it came from."""

    cause: str
    score: float
    why: str
    probability: float | None = None
    lesson_id: int | None = None
    pre_tick: bool = False


@dataclass(frozen=True)
class Reading:
    """One piece of evidence from the notes (or from a past lesson like them)."""

    cause: str
    weight: float
    reason: str
    probability: float | None = None
    lesson_id: int | None = None


@dataclass
class _Evidence:
    score: float = 0.0
    own: float = 0.0  # from the seller's answers and records
    probability: float | None = None
    lesson_id: int | None = None
    reasons: list[tuple[float, str]] = field(default_factory=list)

    def add(self, weight: float, reason: str) -> None:
        self.score += weight
        if weight > 0 and reason:
            self.reasons.append((weight, reason))


def suggest_root_causes(
    notes: str,
    *,
    answers: Mapping[str, str] | None = None,
    facts: CallFacts | None = None,
    limit: int | None = None,
    model: NotesModel | None = None,
    causes: Sequence[CauseText] = DEFAULT_CAUSES,
    lessons: Sequence[PastLesson] = (),
) -> list[Suggestion]:
    """Rank root causes by the evidence in notes, past lessons, facts and answers, best first.

    Without `model` the notes are read by the cue rules alone. `causes` are the seller's
    causes (their own words make added causes suggestible); `lessons` their tagged lessons."""
    evidence: dict[str, _Evidence] = {}
    known = {cause.id for cause in causes}
    long_enough = len(notes.split()) >= MIN_WORDS_TO_PRE_TICK

    def found(cause: str) -> _Evidence:
        return evidence.setdefault(cause, _Evidence())

    # Notes long enough to judge always list the model's three likeliest causes, to tick or not.
    shown = MIN_SHOWN if long_enough else 0
    for reading in _from_notes(notes[:MAX_DIAGNOSIS_CHARS], model, causes, lessons, known, shown):
        entry = found(reading.cause)
        entry.add(reading.weight, reading.reason)
        if reading.probability is not None:
            entry.probability = reading.probability
        if reading.lesson_id is not None and entry.lesson_id is None:
            entry.lesson_id = reading.lesson_id
    for cause, weight, reason in fact_evidence(facts or CallFacts()):
        found(cause).add(weight, reason)
        found(cause).own += weight
    questions = {cause.id: cause.question for cause in (*DEFAULT_CAUSES, *causes)}
    for cause, answer in (answers or {}).items():
        weight = _ANSWER_WEIGHTS.get(answer, 0.0)
        question = questions.get(cause, "the question for this cause")
        label = _ANSWER_LABELS.get(answer, answer)
        found(cause).add(weight, f"you answered {label} to: {question}")
        found(cause).own += weight

    suggestions = [
        Suggestion(
            cause,
            round(entry.score, 3),
            _why(entry.reasons),
            None if entry.probability is None else round(entry.probability, 3),
            entry.lesson_id,
            (long_enough and (entry.probability or 0.0) >= PRE_TICK_PROBABILITY)
            or entry.own >= PRE_TICK_OWN_EVIDENCE,
        )
        for cause, entry in evidence.items()
        if entry.score > 0 and math.isfinite(entry.score)
    ]
    order = {cause.id: index for index, cause in enumerate((*DEFAULT_CAUSES, *causes))}
    suggestions.sort(key=lambda s: (-s.score, order.get(s.cause, len(order)), s.cause))
    return suggestions if limit is None else suggestions[: max(limit, 0)]


def _from_notes(
    notes: str,
    model: NotesModel | None,
    causes: Sequence[CauseText],
    lessons: Sequence[PastLesson],
    known: set[str],
    shown: int,
) -> Iterator[Reading]:
    if not notes.strip() or language_problem(notes):
        return
    if model is None:
        for cause, weight, reason in rule_evidence(notes):
            yield Reading(cause, weight, reason)
        return
    from sales_notebook.core.diagnosis_reading import (
        classifier_evidence,
        lesson_evidence,
        own_words_evidence,
    )

    read = model.read(notes)
    yield from classifier_evidence(model, read, shown)
    yield from own_words_evidence(model, read, causes)
    yield from lesson_evidence(model, notes, lessons, known)


def looks_external(notes: str) -> bool:
    """True when the notes mention an event the seller could not control (budget freeze, reorg)."""
    text = normalize(notes[:MAX_DIAGNOSIS_CHARS])
    return any(hint.search(text) for hint in EXTERNAL_HINTS)


def _why(reasons: list[tuple[float, str]]) -> str:
    strongest = sorted(reasons, key=lambda r: -r[0])
    texts = list(dict.fromkeys(text for _, text in strongest if text))
    return "; ".join(texts[:2])
