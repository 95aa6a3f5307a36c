"""Coverage warnings: each gap fires when it should, stays quiet when it should not."""

from __future__ import annotations

from sales_notebook.core.coverage import PersonFacts, coverage_warnings


def codes(warnings) -> list[str]:
    return [w.code for w in warnings]


ALICE = PersonFacts(1, "Alice", "technical_evaluator", "supporter", 3)
BOSS = PersonFacts(2, "Boss", "decision_maker", "unknown", 5)


def test_the_story_won_the_developer_never_met_the_boss() -> None:
    warnings = coverage_warnings([ALICE, BOSS], engaged_ids={1}, calls_held=1)
    assert codes(warnings) == ["single-threaded", "decision-maker-absent"]
    absent = warnings[1]
    assert absent.stakeholder_ids == (2,)
    assert "Boss has not attended the one call so far" in absent.why
    assert absent.ask.endswith("?")


def test_no_decision_maker_on_the_map() -> None:
    warnings = coverage_warnings([ALICE], engaged_ids=set(), calls_held=0)
    assert codes(warnings) == ["no-decision-maker"]
    assert "cannot say yes" in warnings[0].why
    assert "decisions like this" in warnings[0].ask


def test_economic_buyer_counts_as_a_decider() -> None:
    buyer = PersonFacts(3, "Ines", "economic_buyer", "supporter", 5)
    assert coverage_warnings([ALICE, buyer], engaged_ids={1, 3}, calls_held=2) == []


def test_a_placeholder_decision_maker_is_still_a_gap() -> None:
    unknown = PersonFacts(9, "Decision maker — unknown", "decision_maker", placeholder=True)
    warnings = coverage_warnings([ALICE, unknown], engaged_ids=set(), calls_held=0)
    assert codes(warnings) == ["no-decision-maker"]
    assert warnings[0].stakeholder_ids == (9,)
    assert "placeholder" in warnings[0].why


def test_other_placeholders_are_named_as_gaps() -> None:
    gatekeeper = PersonFacts(7, "Gatekeeper — unknown", "gatekeeper", placeholder=True)
    warnings = coverage_warnings([BOSS, gatekeeper], engaged_ids={2}, calls_held=1)
    assert "unidentified" in codes(warnings)


def test_single_threaded_needs_calls_and_exactly_one_engaged_person() -> None:
    assert "single-threaded" not in codes(coverage_warnings([ALICE, BOSS], set(), 0))
    assert "single-threaded" not in codes(coverage_warnings([ALICE, BOSS], {1, 2}, 3))
    lone = coverage_warnings([ALICE, BOSS], {1}, 3)
    assert lone[0].code == "single-threaded"
    assert "Alice" in lone[0].why and "the other person on the map has not" in lone[0].why


def test_decision_maker_absent_waits_for_a_first_call() -> None:
    assert coverage_warnings([ALICE, BOSS], engaged_ids=set(), calls_held=0) == []


def test_several_absent_deciders_are_named_together() -> None:
    buyer = PersonFacts(3, "Noah", "economic_buyer", "skeptic", 3)
    warnings = coverage_warnings([ALICE, BOSS, buyer], engaged_ids={1}, calls_held=2)
    absent = next(w for w in warnings if w.code == "decision-maker-absent")
    assert absent.stakeholder_ids == (2, 3)
    assert "Boss and Noah have not" in absent.why and "2 calls" in absent.why


def test_influential_opponent_without_a_plan() -> None:
    owen = PersonFacts(4, "Owen", "blocker", "opponent", 4)
    warnings = coverage_warnings([BOSS, owen], engaged_ids={2, 4}, calls_held=1)
    assert codes(warnings) == ["unhandled-resistance"]
    assert warnings[0].stakeholder_ids == (4,)
    assert "opponent with influence 4" in warnings[0].why
    assert "Owen" in warnings[0].ask


def test_a_note_a_low_influence_or_a_neutral_attitude_silences_resistance() -> None:
    planned = PersonFacts(4, "Owen", "blocker", "opponent", 5, notes="Bring the security paper")
    minor = PersonFacts(5, "Raj", "influencer", "skeptic", 3)
    neutral = PersonFacts(6, "Sam", "gatekeeper", "neutral", 5)
    skeptic = PersonFacts(7, "Ruth", "decision_maker", "skeptic", 5)
    warnings = coverage_warnings([planned, minor, neutral, skeptic], {7, 5}, 1)
    assert codes(warnings) == ["unhandled-resistance"]
    assert "a skeptic" in warnings[0].why


def test_empty_map_warns_only_about_the_decision_maker() -> None:
    assert codes(coverage_warnings([], set(), 0)) == ["no-decision-maker"]


def test_a_warning_names_the_role_the_card_shows() -> None:
    buyer = PersonFacts(3, "Noah", "economic_buyer", "skeptic", 3)
    absent = coverage_warnings([ALICE, buyer], engaged_ids={1}, calls_held=1)
    [warning] = [w for w in absent if w.code == "decision-maker-absent"]
    assert warning.title == "The economic buyer has not been on a call"
    both = coverage_warnings([ALICE, BOSS, buyer], engaged_ids={1}, calls_held=1)
    [warning] = [w for w in both if w.code == "decision-maker-absent"]
    assert warning.title == "The people who decide have not been on a call"


def test_plurals_of_the_others_on_the_map() -> None:
    carl = PersonFacts(5, "Carl", "user", "neutral", 2)
    lone = coverage_warnings([ALICE, BOSS, carl], {1}, 3)
    assert "the other 2 people on the map have not" in lone[0].why
