"""What the map, the checklist and the markers say about a call's root causes.

Facts are the seller's own records: when given, they weigh as much as strong evidence in
the notes, and an answered question in the wizard weighs more.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from sales_notebook.core.vocabulary import Knowledge, MarkerKind


@dataclass(frozen=True)
class CallFacts:
    """What is known about the call besides its notes; None means not known."""

    has_decision_maker: bool | None = None
    decision_maker_attended: bool | None = None
    engaged_people: int | None = None
    checklist: Mapping[str, str] = field(default_factory=dict)
    marker_kinds: Sequence[str] = ()
    next_step_dated: bool | None = None


def fact_evidence(facts: CallFacts) -> Iterator[tuple[str, float, str]]:
    """(cause, weight, reason) for each fact that points at a cause (or, < 0, away from it)."""
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
