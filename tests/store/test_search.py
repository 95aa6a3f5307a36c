"""Full-text search: the index stays exact, filters narrow, ranking, snippets, odd input."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, update

from sales_notebook.core.search_query import query_problem
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.models import Lesson
from sales_notebook.store.search import MARK_END, MARK_START, SearchFilters
from sales_notebook.store.sqlite_lib import sqlite3
from tests.store.lesson_rows import add_lesson


def found(services, text: str, **kw) -> list[tuple[str, int | None]]:
    return [
        (h.kind, h.lesson_id if h.kind == "lesson" else h.call_id)
        for h in services.search.search(text, **kw)
    ]


def integrity(services) -> None:
    conn = sqlite3.connect(services.paths.database)
    try:
        for table in ("fts_doc",):
            # 'integrity-check' with rank 1 also compares the index with the content table.
            conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def test_lessons_are_found_after_insert_edit_and_delete(services) -> None:
    first = add_lesson(services, "Procurement stalled", what="The buyer went quiet")
    assert found(services, "procurement", kinds=("lesson",)) == [("lesson", first)]
    with services.db.session() as s:
        s.execute(update(Lesson).where(Lesson.id == first).values(title="Legal review stalled"))
    assert found(services, "procurement", kinds=("lesson",)) == []
    assert found(services, "legal", kinds=("lesson",)) == [("lesson", first)]
    integrity(services)
    with services.db.session() as s:
        s.execute(delete(Lesson).where(Lesson.id == first))
    assert found(services, "legal", kinds=("lesson",)) == []
    integrity(services)


def test_call_notes_are_found_as_autosave_rewrites_them(services) -> None:
    account = services.accounts.add("Acme")
    call = services.calls.start(account)
    services.calls.save_notes(call, "Asked about the budget")
    assert found(services, "budget") == [("call", call)]
    services.calls.save_notes(call, "Asked about the timeline")
    assert found(services, "budget") == []
    assert found(services, "timeline") == [("call", call)]
    services.calls.set_outcome(call, "lost", "no summary words indexed")
    services.calls.end(call, "Asked about the timeline")  # the same text again
    assert found(services, "timeline") == [("call", call)]
    assert found(services, "summary") == []
    integrity(services)
    services.calls.delete(call)
    assert found(services, "timeline") == []
    integrity(services)


def test_deleting_an_account_takes_its_notes_out_of_the_index(services) -> None:
    account = services.accounts.add("Acme")
    services.calls.save_notes(services.calls.start(account), "renewal risk")
    services.accounts.delete(account)
    assert found(services, "renewal") == []
    integrity(services)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.text(alphabet='ab cé\n*"', max_size=12), min_size=1, max_size=6))
def test_the_index_matches_the_notes_after_any_sequence_of_saves(services, versions) -> None:
    account = services.accounts.find_or_add("Hypothesis")[0]
    call = services.calls.start(account)
    for notes in versions:
        services.calls.save_notes(call, notes)
    integrity(services)
    services.calls.delete(call)
    integrity(services)


def test_lessons_rank_above_notes_and_snippets_mark_the_words(demo_services) -> None:
    hits = demo_services.search.search("budget")
    assert hits[0].kind == "lesson" and hits[0].title == "Budget cut in a reorg"
    assert {h.kind for h in hits} == {"lesson", "call"}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(f"{MARK_START}budget{MARK_END}" in h.snippet.lower() for h in hits)
    assert hits[0].causes == ("avoided-hard-talk", "wrong-priority")
    assert hits[0].account_name == "Altamira Schools"


def test_phrases_prefixes_and_operators(demo_services) -> None:
    search = demo_services.search
    phrase = {h.title for h in search.search('"next step"', kinds=("lesson",))}
    # The second is tagged with the cause "No next step": causes are searchable.
    assert phrase == {"Friendly demo, no next step", "Open-ended offer to expert marketers"}
    priced = [h.title for h in search.search("pric*", kinds=("lesson",))]
    # The title first; then a lesson tagged "Price without value".
    assert priced == ["Price before value", "No reason to move this year"]
    with_reorg = {h.call_id for h in search.search("budget", kinds=("call",))}
    without = {h.call_id for h in search.search("budget NOT reorg", kinds=("call",))}
    assert without and without < with_reorg
    either = {h.lesson_id for h in search.search("reorg OR deck", kinds=("lesson",))}
    assert len(either) == 2
    # -word after the words wanted leaves out what holds it, from every alternative.
    minus = {h.call_id for h in search.search("budget -reorg", kinds=("call",))}
    assert minus == without
    neither = {h.lesson_id for h in search.search("reorg OR deck -reorg", kinds=("lesson",))}
    assert len(neither) == 1 and neither < either
    # A NOT with nothing before it found the very lessons it meant to leave out: refused.
    with pytest.raises(InvalidInput, match="pricing NOT budget"):
        search.search("NOT reorg")


@pytest.mark.parametrize(
    "text", ['"', "NOT", "AND OR", "(((", '"budget', "budget NOT", "\x00", "*"]
)
def test_text_fts5_cannot_parse_never_raises(demo_services, text: str) -> None:
    demo_services.search.search(text)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(max_size=40)
    | st.lists(st.sampled_from(['"', "*", "NOT", "OR", "(", "budget", "é", "\x00"])).map(" ".join)
)
def test_any_text_is_searched_or_refused_with_its_reason(demo_services, text: str) -> None:
    problem = query_problem(text)  # "NOT budget" has nothing before its NOT, for one
    if problem is not None:
        with pytest.raises(InvalidInput, match=re.escape(problem)):
            demo_services.search.search(text, limit=5)
        return
    for hit in demo_services.search.search(text, limit=5):
        assert hit.kind in ("lesson", "call")


def test_an_empty_query_lists_recent_lessons_with_filters(demo_services) -> None:
    hits = demo_services.search.search("")
    assert len(hits) == 8 and all(h.kind == "lesson" for h in hits)
    assert [h.when for h in hits] == sorted((h.when for h in hits), reverse=True)
    lost = demo_services.search.search("", SearchFilters(outcome="lost"))
    assert {h.title for h in lost} == {
        "Won the developer, lost to the ops director",
        "Budget cut in a reorg",
    }


def test_filters_combine_with_the_text(services) -> None:
    acme = services.accounts.add("Acme")
    other = services.accounts.add("Other")
    spring = datetime(2026, 4, 10, 9, tzinfo=UTC)
    summer = datetime(2026, 7, 10, 9, tzinfo=UTC)
    a = add_lesson(services, "Pricing too early", causes=("no-value-case",), account_id=acme,
                   created=spring)  # fmt: skip
    b = add_lesson(services, "Pricing and the boss", causes=("missed-boss",), account_id=other,
                   created=summer, outcome="stalled")  # fmt: skip
    c = add_lesson(services, "No boss, no pricing", causes=("missed-boss", "no-value-case"),
                   account_id=acme, created=summer)  # fmt: skip
    only = ("lesson",)

    def ids(**filters) -> set[int | None]:
        hits = services.search.search("pricing", SearchFilters(**filters), kinds=only)
        return {h.lesson_id for h in hits}

    assert ids() == {a, b, c}
    assert ids(cause_id="missed-boss") == {b, c}
    assert ids(cause_id="missed-boss", account_id=acme) == {c}
    assert ids(outcome="stalled") == {b}
    assert ids(date_from=date(2026, 7, 10)) == {b, c}
    assert ids(date_to=date(2026, 4, 10)) == {a}  # the last day counts
    assert ids(date_from=date(2026, 5, 1), date_to=date(2026, 6, 1)) == set()


def test_a_selective_filter_still_finds_matches_beyond_the_first_candidates(
    services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sales_notebook.store import search as search_module

    monkeypatch.setattr(search_module, "RARE", 5)
    rare = add_lesson(services, "Budget talk", causes=("no-insight",))
    for n in range(30):
        add_lesson(services, f"Budget again {n}", causes=("no-next-step",))
    hits = services.search.search("budget", SearchFilters(cause_id="no-insight"), limit=5)
    assert [h.lesson_id for h in hits] == [rare]
    assert len(services.search.search("budget", limit=10, kinds=("lesson",))) == 10


def test_a_lesson_written_by_the_post_mortem_is_found_at_once(services) -> None:
    from sales_notebook.store.lessons import CauseDraft, LessonDraft

    account = services.accounts.add("Acme")
    lesson = services.lessons.create(
        LessonDraft(
            title="Rushed the procurement questionnaire",
            account_id=account,
            outcome="lost",
            what_happened="Security review ran late",
            causes=(CauseDraft("no-preparation", "skipped the homework"),),
        )
    )
    hits = services.search.search("questionnaire", SearchFilters(cause_id="no-preparation"))
    assert [(h.kind, h.lesson_id, h.causes) for h in hits] == [
        ("lesson", lesson, ("no-preparation",))
    ]
    integrity(services)
