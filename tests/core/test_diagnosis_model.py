"""Suggestions from the notes model: meaning, why, calibrated pre-ticks, own causes and lessons,
other languages, no network, and the facts and answers that still come first."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from sales_notebook.core.cause_texts import CauseText, PastLesson
from sales_notebook.core.diagnosis import CallFacts, suggest_root_causes
from sales_notebook.core.diagnosis_model import NotesModel, load_notes_model

STORY = (
    "Demo went great with the IT lead and his two engineers, they loved the integrations. "
    "We asked who signs, he said he would take it upstairs. Three weeks later the CFO killed "
    "it, nobody on our side had ever spoken to her. Should have pushed to get her on a call."
)


@pytest.fixture(scope="module")
def model() -> NotesModel:
    return load_notes_model()


def causes(notes: str, model: NotesModel, **kwargs) -> list[str]:
    return [s.cause for s in suggest_root_causes(notes, model=model, **kwargs)]


def test_the_model_reads_a_cause_no_cue_names(model) -> None:
    [first, *_] = suggest_root_causes(STORY, model=model)
    assert first.cause == "missed-boss"
    assert first.probability is not None and 0 < first.probability <= 1
    assert first.why.startswith('the notes say "') and first.why.strip('"').split('"')[1] in STORY


def test_why_quotes_the_sentence_that_carries_the_cause(model) -> None:
    notes = (
        "Weather was fine and the office is new. They liked the coffee. "
        "Then we ran out of time and left without booking anything, they said they'd call us."
    )
    found = {s.cause: s for s in suggest_root_causes(notes, model=model)}
    assert "no-next-step" in found
    assert "left without booking anything" in found["no-next-step"].why


def test_only_a_likely_cause_is_pre_ticked(model) -> None:
    suggestions = suggest_root_causes(STORY, model=model)
    ticks = [s for s in suggestions if s.pre_tick]
    assert [s.cause for s in ticks] == ["missed-boss"]
    assert all(s.probability is not None and s.probability < 0.5 for s in suggestions[1:])
    assert not any(s.pre_tick for s in suggest_root_causes("Nice chat.", model=model))


def test_answers_and_facts_still_come_before_the_notes(model) -> None:
    answered = suggest_root_causes(STORY, model=model, answers={"no-urgency": "no"})
    assert answered[0].cause == "no-urgency" and answered[0].pre_tick
    facts = CallFacts(has_decision_maker=False, checklist={"economic_buyer": "unknown"})
    notes = "I assumed they wanted the enterprise plan and never asked what they actually needed."
    first = suggest_root_causes(notes, model=model, facts=facts)[0]
    assert first.cause == "missed-boss" and "decision maker" in first.why
    dated = causes(
        "they'll get back to us, nothing booked", model, facts=CallFacts(next_step_dated=True)
    )
    assert "no-next-step" not in dated[:1]


def test_a_cause_the_user_added_is_suggested_by_its_words(model) -> None:
    mine = CauseText(
        "wrong-room",
        "Wrong people in the room",
        "Were the right people in the meeting?",
        "Check who will attend, and that they can decide",
    )
    notes = (
        "Forty minutes on the roadmap. We had the wrong people in the room, none of them "
        "could decide anything and the ops team was missing."
    )
    found = {s.cause: s for s in suggest_root_causes(notes, model=model, causes=[mine])}
    assert "wrong-room" in found
    assert "wrong people in the room" in found["wrong-room"].why
    assert not found["wrong-room"].pre_tick  # no calibrated probability for the user's words


def test_a_past_lesson_like_these_notes_suggests_its_causes_and_is_named(model) -> None:
    lesson = PastLesson(
        7,
        "Legal sat on the contract",
        "Verbal yes in May, then procurement and legal sat on the contract for months, "
        "security review stalled, the budget year closed before signature.",
        ("slow-decision",),
    )
    unrelated = PastLesson(8, "Talked too much", "I talked for an hour.", ("poor-listening",))
    notes = (
        "They said yes in March. Since then legal and procurement have had the contract, the "
        "security review is stalled and the budget year closes soon before any signature."
    )
    found = suggest_root_causes(notes, model=model, lessons=[unrelated, lesson])
    from_lesson = [s for s in found if s.lesson_id is not None]
    assert [(s.cause, s.lesson_id) for s in from_lesson] == [("slow-decision", 7)]
    assert 'your lesson "Legal sat on the contract"' in from_lesson[0].why


def test_a_second_suggestion_embeds_only_the_notes_and_an_edited_lesson(model) -> None:
    from dataclasses import replace

    lessons = [
        PastLesson(n, f"Lesson {n}", f"Legal sat on contract {n} for weeks.", ("slow-decision",))
        for n in range(1, 6)
    ]
    fresh = replace(model, lesson_vectors=type(model.lesson_vectors)())
    notes = "Legal and procurement have had the contract for weeks, the review is stalled."
    first = suggest_root_causes(notes, model=fresh, lessons=lessons)
    embedded: list[list[str]] = []
    real_embed = fresh.embedder.embed

    def counting(texts):
        embedded.append(list(texts))
        return real_embed(texts)

    fresh.embedder.embed = counting  # type: ignore[method-assign]
    try:
        assert suggest_root_causes(notes, model=fresh, lessons=lessons) == first
        edited = [*lessons[:4], replace(lessons[4], text="I talked for an hour.")]
        again = suggest_root_causes(notes, model=fresh, lessons=edited)
    finally:
        del fresh.embedder.embed
    assert embedded == [[notes], ["I talked for an hour."], [notes]]
    # Kept vectors give exactly what embedding everything again gives.
    uncached = replace(model, lesson_vectors=type(model.lesson_vectors)())
    assert again == suggest_root_causes(notes, model=uncached, lessons=edited)


@pytest.mark.parametrize(
    "notes",
    [
        "Der Kunde fand die Lösung gut, aber der Geschäftsführer war nicht dabei. Wir haben "
        "keinen nächsten Termin vereinbart und über den Preis wurde nicht gesprochen.",
        "Le client a aimé la démo mais le directeur financier n'était pas là. Nous n'avons "
        "pas fixé de prochaine étape et le prix n'a pas été discuté.",
        "客户很喜欢演示，但是财务总监没有参加。我们没有约定下一步，也没有讨论价格。",
    ],
)
def test_notes_not_in_english_get_no_guess(model, notes) -> None:
    assert suggest_root_causes(notes, model=model) == []
    assert suggest_root_causes(notes) == []
    # what the seller says and records still counts
    assert causes(notes, model, answers={"no-next-step": "no"}) == ["no-next-step"]


def test_nothing_is_downloaded_the_model_loads_and_runs_with_sockets_blocked(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the suggester tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    model = load_notes_model()
    assert suggest_root_causes(STORY, model=model)[0].cause == "missed-boss"


def test_long_notes_are_read_and_never_raise(model) -> None:
    notes = (STORY + "\n- ") * 400
    suggestions = suggest_root_causes(notes, model=model)
    assert suggestions and all(s.why for s in suggestions)


def test_the_app_and_the_wizard_import_no_model_until_it_is_asked_for() -> None:
    probe = (
        "import sys\n"
        "import sales_notebook.ui.main_window, sales_notebook.ui.call_review.pane\n"
        "import sales_notebook.store.services, sales_notebook.cli\n"
        "loaded = {'numpy', 'tokenizers', 'safetensors', 'wordllama'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
