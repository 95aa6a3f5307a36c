"""Root-cause suggestions: cues, negation, facts, answers and the labelled set."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sales_notebook.core.diagnosis import (
    CallFacts,
    Suggestion,
    looks_external,
    suggest_root_causes,
)
from sales_notebook.core.vocabulary import ROOT_CAUSE_IDS, MarkerKind

LABELLED = Path(__file__).resolve().parent.parent / "data" / "failed_calls.jsonl"


def top3(notes: str) -> list[str]:
    return [s.cause for s in suggest_root_causes(notes, limit=3)]


def causes(notes: str) -> list[str]:
    return [s.cause for s in suggest_root_causes(notes)]


# For each cause: a note that should suggest it, and a look-alike that must not.
CASES: dict[str, tuple[str, str]] = {
    "no-boundaries": (
        "They asked what we'd recommend. I told them it's a blank canvas, we can do anything.",
        "I proposed a concrete starting option: a pilot in one region, then two defined choices.",
    ),
    "missed-boss": (
        "- champion loved it, boss picked another vendor\n- never met the DM",
        "We met the CFO, who signs, and she walked us through their approval steps.",
    ),
    "avoided-hard-talk": (
        "They asked what happens if the rollout fails. I said it won't happen and moved on.",
        "We talked openly about risks and a rollback plan; they appreciated it.",
    ),
    "wrong-priority": (
        "Turns out this is number 7 on their list, way behind the ERP project.",
        "We agreed the scope and the price for the first phase.",
    ),
    "no-insight": (
        "She said 'yes, we already knew all that'. I brought nothing new to the table.",
        "We covered the contract terms and the invoicing schedule.",
    ),
    "product-pitch": (
        "Pitched features for 40 min, 35 slides. It was all about us, not about them.",
        "We spent the hour on their warehouse turnover and what it costs them.",
    ),
    "no-discovery": (
        "I assumed they wanted the enterprise plan and never asked what they actually needed.",
        "We asked lots of questions about what they want and took notes.",
    ),
    "no-next-step": (
        "Good chat. They'll get back to us. No next steps agreed.",
        "We agreed a dated next step for Tuesday at 10 with their ops lead.",
    ),
    "slow-decision": (
        "They decided in May but then sat in procurement and legal for three months; "
        "we never helped them move fast.",
        "The weather was nice and the coffee was good.",
    ),
    "brand-trust": (
        "They went with the big name. Nobody gets fired for picking the safe choice.",
        "They went with us after the reference call.",
    ),
    "poor-listening": (
        "I talked way too much and interrupted her twice.",
        "I listened, summarised what I heard and let them finish.",
    ),
    "no-urgency": (
        "Nice to have for them, no deadline, revisit in Q3.",
        "Their contract ends on 30 June, so the switch must happen before that date.",
    ),
    "no-value-case": (
        "Too expensive, they said; we never quantified what the downtime costs them.",
        "We went through the agenda and the attendee list.",
    ),
    "no-preparation": (
        "Walked in cold, called the CEO by the wrong name, hadn't looked at their website.",
        "Read up on the account and the three attendees on LinkedIn beforehand.",
    ),
}


def test_cases_cover_every_default_cause() -> None:
    assert set(CASES) == set(ROOT_CAUSE_IDS)


@pytest.mark.parametrize("cause", ROOT_CAUSE_IDS)
def test_cue_suggests_cause(cause: str) -> None:
    assert cause in top3(CASES[cause][0])


@pytest.mark.parametrize("cause", ROOT_CAUSE_IDS)
def test_look_alike_does_not_suggest_cause(cause: str) -> None:
    assert cause not in causes(CASES[cause][1])


@pytest.mark.parametrize(
    ("notes", "cause"),
    [
        ("- no DM", "missed-boss"),
        ("EB unknown, talked only to the analyst", "missed-boss"),
        ("champion loved it, boss picked IBM", "missed-boss"),
        ("champion loved it, boss picked IBM", "brand-trust"),
        ("they went with the big name", "brand-trust"),
        ("pitched features for 40 min", "product-pitch"),
        ("blank canvas, it's open-ended", "no-boundaries"),
        ("left it open", "no-next-step"),
        ("no next steps agreed", "no-next-step"),
        ("they'll get back to us", "no-next-step"),
        ("didn't ask who signs", "missed-boss"),
        ("we should have asked who signs off on this", "missed-boss"),
    ],
)
def test_terse_notes(notes: str, cause: str) -> None:
    assert cause in top3(notes)


def test_negated_habit_is_evidence_and_affirmed_habit_is_not() -> None:
    assert "missed-boss" in causes("didn't ask who signs")
    assert "missed-boss" not in causes("I asked who signs and how they decide.")


def test_why_quotes_the_notes() -> None:
    [first, *_] = suggest_root_causes("Call went ok.\nI said it's a blank canvas for them.")
    assert first.cause == "no-boundaries"
    assert "blank canvas" in first.why
    assert first.why.startswith("the notes say")


def test_long_quotes_are_shortened() -> None:
    filler = "and then we talked about the weather at length " * 10
    [first, *_] = suggest_root_causes(f"{filler} blank canvas {filler}")
    quoted = first.why.split('"')[1]
    assert len(quoted) <= 90
    assert "blank canvas" in quoted


def test_facts_alone_suggest_missed_boss() -> None:
    suggestions = suggest_root_causes("", facts=CallFacts(has_decision_maker=False))
    assert suggestions[0].cause == "missed-boss"
    assert "map" in suggestions[0].why


def test_checklist_and_markers_count() -> None:
    facts = CallFacts(
        checklist={"metrics": "unknown", "paper_process": "unknown"},
        marker_kinds=[MarkerKind.OBJECTION, MarkerKind.PAIN, MarkerKind.TIMELINE],
        next_step_dated=False,
    )
    found = {s.cause: s.why for s in suggest_root_causes("", facts=facts)}
    assert "metrics" in found["no-value-case"]
    assert "paper process" in found["slow-decision"]
    assert "next step" in found["no-next-step"]


def test_dated_next_step_fact_counts_against_no_next_step() -> None:
    facts = CallFacts(next_step_dated=True)
    assert "no-next-step" not in causes("") + [
        s.cause for s in suggest_root_causes("next steps tbd", facts=facts)
    ]


def test_answer_no_is_strong_evidence_with_the_question() -> None:
    [first] = suggest_root_causes("", answers={"no-next-step": "no"})
    assert first.cause == "no-next-step"
    assert first.why == "you answered No to: Did you agree a dated next step?"


def test_answers_rank_no_above_not_sure_and_yes_removes() -> None:
    answers = {"no-insight": "not_sure", "no-urgency": "no", "no-next-step": "yes"}
    ranked = [s.cause for s in suggest_root_causes("they'll get back to us", answers=answers)]
    assert ranked.index("no-urgency") < ranked.index("no-insight")
    assert "no-next-step" not in ranked


def test_custom_cause_from_answers_is_kept() -> None:
    [first] = suggest_root_causes("", answers={"wrong-room": "no"})
    assert first.cause == "wrong-room"


def test_limit_and_determinism() -> None:
    notes = "- no DM\n- pitched features\n- they'll get back to us\n- too expensive"
    runs = {tuple(suggest_root_causes(notes)) for _ in range(5)}
    assert len(runs) == 1
    assert len(suggest_root_causes(notes, limit=2)) == 2
    assert suggest_root_causes(notes, limit=0) == []


def test_empty_notes_suggest_nothing() -> None:
    assert suggest_root_causes("") == []


def test_looks_external() -> None:
    assert looks_external("Budget frozen after the acquisition was announced")
    assert looks_external("big reorg, our sponsor moved teams")
    assert not looks_external("I pitched features for an hour")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(notes: str) -> None:
    suggestions = suggest_root_causes(notes)
    scores = [s.score for s in suggestions]
    assert all(isinstance(s, Suggestion) for s in suggestions)
    assert all(math.isfinite(score) and score > 0 for score in scores)
    assert scores == sorted(scores, reverse=True)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "didn't",
                "no",
                "DM",
                "blank",
                "canvas",
                "ask",
                "who",
                "signs",
                "next step",
                "\n",
                "-",
                "’",
                "we",
                "I",
            ]
        ),
        max_size=40,
    )
)
def test_cue_soup_never_raises(words: list[str]) -> None:
    suggest_root_causes(" ".join(words), facts=CallFacts(engaged_people=1))


def test_labelled_set_keeps_main_cause_in_top3() -> None:
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 45
    assert {row["main_cause"] for row in rows} == set(ROOT_CAUSE_IDS)
    hits = sum(row["main_cause"] in top3(row["notes"]) for row in rows)
    assert hits / len(rows) >= 0.8


def test_the_good_habit_itself_is_not_read_as_no_boundaries() -> None:
    notes = (
        "Opened with: we propose you start with the reminders pilot in two clinics, 90 days, "
        "fixed fee. She liked having something concrete."
    )
    assert "no-boundaries" not in [s.cause for s in suggest_root_causes(notes)][:1]
