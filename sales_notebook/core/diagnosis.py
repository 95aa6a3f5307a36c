"""Suggest root causes for a call that went badly, each with the reason why.

Explainable rules only: weighted cue patterns over the notes (see
`diagnosis_cues`), plus what the stakeholder map, the checklist, the markers
and the wizard's answers say. Every suggestion quotes or names its evidence,
so the seller can judge it instead of trusting a score.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from sales_notebook.core.diagnosis_cues import (
    CUES,
    EXTERNAL_HINTS,
    FIRST_PERSON,
    NEGATION,
    QUESTIONS,
    Cue,
)
from sales_notebook.core.vocabulary import Knowledge, MarkerKind

__all__ = [
    "EXTERNAL_HINTS",
    "CallFacts",
    "Suggestion",
    "looks_external",
    "suggest_root_causes",
]

MAX_DIAGNOSIS_CHARS = 200_000
"""Only the start of very long notes is read; the patterns are linear but not free."""

QUOTE_CHARS = 80
_ANSWER_WEIGHTS: Mapping[str, float] = {"no": 3.0, "not_sure": 1.0, "yes": -2.0}
_ANSWER_LABELS: Mapping[str, str] = {"no": "No", "not_sure": "Not sure", "yes": "Yes"}
_STRONG_CUE = 1.0
_REPEAT_BONUS = 0.3  # a theme that keeps coming back is the story's theme
_MAX_REPEATS = 3
_NEGATION_REACH = 60  # characters before a cue that may negate it
_CLAUSE_EDGE = re.compile(r"[.!;\n]|(?<!\w)(but|however|although|though)(?!\w)")
_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "\t": " "})


@dataclass(frozen=True)
class Suggestion:
    """One suggested root cause: its id, how strongly the evidence points at it, and why."""

    cause: str
    score: float
    why: str


@dataclass(frozen=True)
class CallFacts:
    """What is known about the call besides its notes; None means not known."""

    has_decision_maker: bool | None = None
    decision_maker_attended: bool | None = None
    engaged_people: int | None = None
    checklist: Mapping[str, str] = field(default_factory=dict)
    marker_kinds: Sequence[str] = ()
    next_step_dated: bool | None = None


@dataclass
class _Evidence:
    score: float = 0.0
    reasons: list[tuple[float, str]] = field(default_factory=list)

    def add(self, weight: float, reason: str) -> None:
        self.score += weight
        if weight > 0:
            self.reasons.append((weight, reason))


def suggest_root_causes(
    notes: str,
    *,
    answers: Mapping[str, str] | None = None,
    facts: CallFacts | None = None,
    limit: int | None = None,
) -> list[Suggestion]:
    """Rank root causes by the evidence in notes, facts and answers, best first."""
    evidence: dict[str, _Evidence] = {}

    def add(cause: str, weight: float, reason: str) -> None:
        evidence.setdefault(cause, _Evidence()).add(weight, reason)

    for cause, weight, reason in _from_notes(notes):
        add(cause, weight, reason)
    for cause, weight, reason in _from_facts(facts or CallFacts()):
        add(cause, weight, reason)
    for cause, answer in (answers or {}).items():
        weight = _ANSWER_WEIGHTS.get(answer, 0.0)
        question = QUESTIONS.get(cause, "the question for this cause")
        add(cause, weight, f"you answered {_ANSWER_LABELS.get(answer, answer)} to: {question}")

    suggestions = [
        Suggestion(cause, round(found.score, 3), _why(found.reasons))
        for cause, found in evidence.items()
        if found.score > 0 and math.isfinite(found.score)
    ]
    order = {cause: index for index, cause in enumerate(CUES)}
    suggestions.sort(key=lambda s: (-s.score, order.get(s.cause, len(order)), s.cause))
    return suggestions if limit is None else suggestions[: max(limit, 0)]


def looks_external(notes: str) -> bool:
    """True when the notes mention an event the seller could not control (budget freeze, reorg)."""
    text = _normalize(notes[:MAX_DIAGNOSIS_CHARS])
    return any(hint.search(text) for hint in EXTERNAL_HINTS)


def _from_notes(notes: str) -> Iterator[tuple[str, float, str]]:
    original = notes[:MAX_DIAGNOSIS_CHARS]
    text = _normalize(original)
    for cause, cues in CUES.items():
        found = [(cue, hit) for cue in cues if (hit := _match_cue(cue, text)) is not None]
        # A lone common word ("price", "demo") is not a diagnosis; common words
        # count once something specific points at the cause, or once they recur.
        strong = any(cue.weight >= _STRONG_CUE and hit[0] > 0 for cue, hit in found)
        if not strong and sum(hit[0] for _, hit in found if hit[0] > 0) < _STRONG_CUE:
            found = [(cue, hit) for cue, hit in found if hit[0] < 0]
        for _, (weight, start, end) in found:
            if weight > 0:
                yield cause, weight, f'the notes say "{_quote(original, start, end)}"'
            else:
                yield cause, weight, ""


def _match_cue(cue: Cue, text: str) -> tuple[float, int, int] | None:
    """Weight of one cue over the whole text, with the span to quote."""
    hits = 0
    counter = 0.0
    first: tuple[int, int] | None = None
    for match in cue.pattern.finditer(text):
        window = _window_before(text, match.start())
        negated = NEGATION.search(window) is not None
        if cue.habit and not negated:
            # "We agreed a next step" (or a bullet "- agreed next step") counts against
            # the cause; a competitor's good habit in the story does not.
            if FIRST_PERSON.search(window) or not window.strip(" -*•>\t"):
                counter = cue.weight * 0.8
            continue
        if not cue.habit and negated and _negation_is_adjacent(window):
            continue
        hits += 1
        if first is None:
            first = match.span()
    if first is None:
        return (-counter, 0, 0) if counter else None
    weight = cue.weight * (1 + _REPEAT_BONUS * min(hits - 1, _MAX_REPEATS))
    return weight, first[0], first[1]


def _window_before(text: str, start: int) -> str:
    window = text[max(0, start - _NEGATION_REACH) : start]
    edges = list(_CLAUSE_EDGE.finditer(window))
    return window[edges[-1].end() :] if edges else window


def _negation_is_adjacent(window: str) -> bool:
    # "wasn't a product pitch": only a negation within the last three words
    # cancels a described failure; farther away it usually belongs elsewhere.
    return NEGATION.search(" ".join(window.split()[-3:])) is not None


def _normalize(text: str) -> str:
    """Lower-case with straight quotes, keeping every character's position."""
    translated = text.translate(_TRANSLATE)
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in translated)


def _quote(original: str, start: int, end: int) -> str:
    """The sentence around a match, cut to about QUOTE_CHARS characters."""
    left = max(original.rfind(mark, 0, start) for mark in ".!?\n")
    rights = [i for i in (original.find(mark, end) for mark in ".!?\n") if i != -1]
    sentence_start, sentence_end = left + 1, min(rights, default=len(original))
    cut_left = cut_right = False
    if sentence_end - sentence_start > QUOTE_CHARS:
        middle = (start + end) // 2
        low = max(sentence_start, middle - QUOTE_CHARS // 2)
        high = min(sentence_end, low + QUOTE_CHARS)
        # Cut at spaces so the quote never starts or ends in the middle of a word.
        cut_left, cut_right = low > sentence_start, high < sentence_end
        if cut_left:
            low = min(original.find(" ", low, start) % (start + 1), start)
        if cut_right:
            space = original.rfind(" ", end, high)
            high = space if space != -1 else high
        sentence_start, sentence_end = low, high
    quote = " ".join(original[sentence_start:sentence_end].split()).strip(" -*•\"'")
    return f"{'…' if cut_left else ''}{quote}{'…' if cut_right else ''}"


def _from_facts(facts: CallFacts) -> Iterator[tuple[str, float, str]]:
    if facts.has_decision_maker is False:
        yield "missed-boss", 2.0, "no stakeholder is marked decision maker on the map"
    elif facts.has_decision_maker and facts.decision_maker_attended is False:
        yield "missed-boss", 1.2, "the decision maker on the map did not attend the call"
    if facts.engaged_people == 1:
        yield "missed-boss", 0.8, "only one person is engaged on the map (single-threaded)"
    for key, cause, weight, label in _CHECKLIST_RULES:
        state = facts.checklist.get(key)
        if state == Knowledge.UNKNOWN:
            yield cause, weight, f"the checklist has {label} as unknown"
        elif state == Knowledge.PARTIAL:
            yield cause, weight * 0.4, f"the checklist has {label} only partly known"
    if facts.next_step_dated is False:
        yield "no-next-step", 2.0, "no dated next step was recorded for the call"
    elif facts.next_step_dated:
        yield "no-next-step", -2.0, ""
    markers = set(facts.marker_kinds)
    # An empty marker list usually means markers were not used, not that nothing happened.
    if markers:
        for kind, cause, label in _MISSING_MARKER_RULES:
            if kind not in markers:
                yield cause, 0.6, f"no {label} marker was set during the call"


_CHECKLIST_RULES: tuple[tuple[str, str, float, str], ...] = (
    ("economic_buyer", "missed-boss", 1.2, "the economic buyer"),
    ("authority", "missed-boss", 1.2, "authority"),
    ("decision_process", "missed-boss", 0.5, "the decision process"),
    ("decision_process", "slow-decision", 0.8, "the decision process"),
    ("paper_process", "slow-decision", 1.0, "the paper process"),
    ("metrics", "no-value-case", 1.0, "metrics"),
    ("budget", "no-value-case", 0.6, "budget"),
    ("identify_pain", "no-discovery", 1.0, "the pain"),
    ("need", "no-discovery", 1.0, "the need"),
    ("decision_criteria", "no-discovery", 0.6, "the decision criteria"),
    ("timeline", "no-urgency", 1.0, "the timeline"),
    ("competition", "brand-trust", 0.4, "the competition"),
)

_MISSING_MARKER_RULES: tuple[tuple[str, str, str], ...] = (
    (MarkerKind.NEXT_STEP, "no-next-step", "next step"),
    (MarkerKind.PAIN, "no-discovery", "pain"),
    (MarkerKind.TIMELINE, "no-urgency", "timeline"),
)


def _why(reasons: list[tuple[float, str]]) -> str:
    strongest = sorted(reasons, key=lambda r: -r[0])
    texts = list(dict.fromkeys(text for _, text in strongest if text))
    return "; ".join(texts[:2])
