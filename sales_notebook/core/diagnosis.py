"""Suggest root causes for a call that went badly, each with the reason why.

Explainable rules only: weighted cue patterns over the notes (see
`diagnosis_cues`), plus what the stakeholder map, the checklist, the markers
and the wizard's answers say. Every suggestion quotes or names its evidence,
so the seller can judge it instead of trusting a score.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from sales_notebook.core.diagnosis_cues import CUES, EXTERNAL_HINTS, QUESTIONS
from sales_notebook.core.diagnosis_rules import MAX_DIAGNOSIS_CHARS, normalize, rule_evidence
from sales_notebook.core.vocabulary import Knowledge, MarkerKind

__all__ = [
    "EXTERNAL_HINTS",
    "CallFacts",
    "Suggestion",
    "looks_external",
    "suggest_root_causes",
]

_ANSWER_WEIGHTS: Mapping[str, float] = {"no": 3.0, "not_sure": 1.0, "yes": -2.0}
_ANSWER_LABELS: Mapping[str, str] = {"no": "No", "not_sure": "Not sure", "yes": "Yes"}


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

    for cause, weight, reason in rule_evidence(notes):
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
    text = normalize(notes[:MAX_DIAGNOSIS_CHARS])
    return any(hint.search(text) for hint in EXTERNAL_HINTS)


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
