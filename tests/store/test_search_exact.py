"""The best match comes first however old it is, with every filter; one scale for lessons and
notes; causes found by name, after a rename or merge; the index stays exact through it all."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from sales_notebook.store import search as search_module
from sales_notebook.store.search import SearchFilters
from sales_notebook.store.sqlite_lib import sqlite3
from tests.store.lesson_rows import add_lesson
from tests.store.test_migrations import load_frozen

OLD = datetime(2024, 3, 5, 9, tzinfo=UTC)
NEW = datetime(2026, 6, 1, 9, tzinfo=UTC)
FILLER = " ".join(["we talked about the rollout plan and the next meeting"] * 3)


def integrity(services) -> None:
    conn = sqlite3.connect(services.paths.database)
    try:
        for table in ("fts_doc",):
            # 'integrity-check' with rank 1 also compares the index with the content view.
            conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def _call(services, account: int, title: str, notes: str, when: datetime, outcome: str) -> int:
    call = services.calls.start(account)
    services.calls.save_notes(call, notes)
    services.calls.set_outcome(call, outcome, "")
    conn = sqlite3.connect(services.paths.database)
    with conn:
        conn.execute(
            "UPDATE call SET title = ?, started_at = ?, ended_at = ? WHERE id = ?",
            (title, when.strftime("%Y-%m-%d %H:%M:%S.000000"), when.isoformat(), call),
        )
    conn.close()
    return call


@pytest.fixture
def planted(services, monkeypatch: pytest.MonkeyPatch):
    """One old lesson and one old call about escrow, then 30 newer ones that mention it once,
    in the same account, outcome and cause, past a first-answer cap of 5."""
    monkeypatch.setattr(search_module, "RARE", 5)
    monkeypatch.setattr(search_module, "EXACT_AT_ONCE", 10)
    acme = services.accounts.add("Acme")
    services.accounts.add("Other")
    best_call = _call(services, acme, "Escrow call", "escrow escrow escrow terms", OLD, "lost")
    best_lesson = add_lesson(
        services, "Escrow terms killed the deal", what="Escrow, escrow and escrow again.",
        causes=("avoided-hard-talk",), account_id=acme, outcome="lost", created=OLD,
        call_id=best_call,
    )  # fmt: skip
    for n in range(30):
        when = NEW + timedelta(days=n)
        call = _call(services, acme, f"Call {n}", f"{FILLER} escrow {FILLER}", when, "lost")
        add_lesson(
            services, f"Lesson {n}", what=f"{FILLER} escrow {FILLER}",
            causes=("avoided-hard-talk",), account_id=acme, outcome="lost", created=when,
            call_id=call,
        )  # fmt: skip
    return acme, best_lesson, best_call


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"cause_id": "avoided-hard-talk"},
        {"account": True},
        {"outcome": "lost"},
        {"date_from": date(2024, 3, 5), "date_to": date(2024, 3, 5)},
        {"date_to": date(2026, 12, 31)},
        {"date_from": date(2020, 1, 1)},
    ],
    ids=["none", "cause", "account", "outcome", "one day", "until", "since"],
)
def test_an_old_best_match_past_the_cap_comes_first(services, planted, filters) -> None:
    acme, best_lesson, best_call = planted
    if filters.pop("account", None):
        filters["account_id"] = acme
    chosen = SearchFilters(**filters)
    lessons = services.search.search("escrow", chosen, limit=3, kinds=("lesson",))
    calls = services.search.search("escrow", chosen, limit=3, kinds=("call",))
    assert lessons[0].lesson_id == best_lesson
    assert calls[0].call_id == best_call
    both = services.search.search("escrow", chosen, limit=2)
    assert {(h.kind, h.lesson_id or h.call_id) for h in both} == {
        ("lesson", best_lesson),
        ("call", best_call),
    }
    assert all(h.score > 0 for h in both)


def test_the_first_answer_says_when_it_is_approximate(services, planted) -> None:
    _acme, best_lesson, _call_id = planted
    first = services.search.search_page("escrow", limit=3, kinds=("lesson",), approximate=True)
    assert not first.exact and best_lesson not in [h.lesson_id for h in first.hits]
    final = services.search.search_page("escrow", limit=3, kinds=("lesson",))
    assert final.exact and final.hits[0].lesson_id == best_lesson
    # Under the cap the first answer is already the exact one.
    rare = services.search.search_page("killed", approximate=True)
    assert rare.exact and [h.lesson_id for h in rare.hits] == [best_lesson]


def test_a_costly_first_answer_is_the_newest_matches_with_their_snippets(services, planted) -> None:
    acme, _lesson, _call_id = planted
    for filters in (SearchFilters(), SearchFilters(account_id=acme, outcome="lost")):
        first = services.search.search_page("escrow", filters, limit=4, approximate=True)
        assert not first.exact
        newest = NEW + timedelta(days=28)
        assert [h.when >= newest for h in first.hits] == [True] * 4
        assert {h.kind for h in first.hits} == {"lesson", "call"}
        assert all(h.score == 0 and "\x02escrow\x03" in h.snippet for h in first.hits)
    # No match is an exact answer at once.
    assert services.search.search_page(
        "escrow", SearchFilters(outcome="won"), approximate=True
    ).exact
    # A rare word is exact at once, but not when a common word or filter comes with it.
    assert services.search.search_page("killed", approximate=True).exact
    assert not services.search.search_page("killed escrow", approximate=True).exact
    assert not services.search.search_page(
        "killed", SearchFilters(account_id=acme), approximate=True
    ).exact


def test_filters_that_match_nothing_find_nothing(services, planted) -> None:
    acme, _lesson, _call_id = planted
    for filters in (
        SearchFilters(outcome="won"),
        SearchFilters(cause_id="no-insight"),
        SearchFilters(account_id=acme + 1),
        SearchFilters(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)),
        SearchFilters(date_from=date(2026, 1, 2), date_to=date(2026, 1, 1)),
    ):
        assert services.search.search("escrow", filters) == []


def test_pages_follow_each_other_without_gaps(services, planted) -> None:
    everything = services.search.search("escrow", limit=62)
    assert len(everything) == 62
    pages = [services.search.search("escrow", limit=20, offset=n) for n in (0, 20, 40, 60)]
    ids = [(h.kind, h.lesson_id or h.call_id) for page in pages for h in page]
    assert ids == [(h.kind, h.lesson_id or h.call_id) for h in everything]


def test_a_mixed_search_shows_notes_among_many_lessons(services) -> None:
    account = services.accounts.add("Acme")
    for n in range(250):
        add_lesson(services, f"Lesson {n}", what=f"The budget came up. {FILLER}")
    notes = [
        _call(services, account, "Budget call", "budget budget: the budget is frozen", NEW, "lost")
        for _ in range(3)
    ]
    hits = services.search.search("budget", limit=200)
    assert {h.call_id for h in hits if h.kind == "call"} == set(notes)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    # Lessons are still preferred: a lesson with the word in its title comes first.
    titled = add_lesson(services, "Budget", what="The budget, the budget.")
    assert services.search.search("budget", limit=1)[0].lesson_id == titled


def test_a_common_word_in_as_many_lessons_as_notes_shows_notes_on_the_first_page(
    services,
) -> None:
    account = services.accounts.add("Acme")
    text = f"{FILLER} budget {FILLER}"
    for n in range(60):
        add_lesson(services, f"Lesson {n}", what=text, created=NEW)
        _call(services, account, f"Call {n}", text, NEW, "lost")
    page = services.search.search("budget", limit=50)
    assert {h.kind for h in page} == {"lesson", "call"}


def test_causes_are_found_by_name_and_evidence_after_rename_and_merge(services) -> None:
    acme = services.accounts.add("Acme")
    call = _call(services, acme, "Kickoff", "pilot talk", NEW, "lost")
    lesson = add_lesson(services, "Lost it", causes=("missed-boss",), call_id=call)
    # The cause's name ("Missed the boss") and its evidence ("seen: missed-boss").
    assert [h.lesson_id for h in services.search.search('"the boss"')] == [lesson]
    assert [h.lesson_id for h in services.search.search("seen", kinds=("lesson",))] == [lesson]
    services.taxonomy.edit("missed-boss", name="Never reached the CFO")
    integrity(services)
    assert [h.lesson_id for h in services.search.search("cfo", kinds=("lesson",))] == [lesson]
    assert services.search.search('"the boss"') == []
    services.taxonomy.merge("missed-boss", "no-insight")
    integrity(services)
    assert [h.lesson_id for h in services.search.search("insight", kinds=("lesson",))] == [lesson]
    assert services.search.search("cfo", kinds=("lesson",)) == []
    # The call's cause filter follows the merge too.
    merged = SearchFilters(cause_id="no-insight")
    assert [h.call_id for h in services.search.search("pilot", merged)] == [call]
    assert services.search.search("pilot", SearchFilters(cause_id="missed-boss")) == []


def test_the_index_stays_exact_through_every_kind_of_change(services) -> None:
    acme = services.accounts.add("Acme")
    other = services.accounts.add("Other")
    call = _call(services, acme, "Kickoff", "Sørensen asked for 予算", NEW, "lost")
    second = _call(services, other, "Follow-up", "plain notes", NEW, "won")
    lesson = add_lesson(services, "Łódź", causes=("missed-boss", "no-insight"), call_id=call)
    integrity(services)
    conn = sqlite3.connect(services.paths.database)
    with conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("UPDATE lesson SET call_id = ? WHERE id = ?", (second, lesson))
        conn.execute("UPDATE lesson SET title = 'Gdańsk', outcome = 'stalled' WHERE id = ?",
                     (lesson,))  # fmt: skip
        conn.execute("UPDATE lesson_cause SET evidence = 'x' WHERE lesson_id = ?", (lesson,))
        conn.execute("DELETE FROM lesson_cause WHERE cause_id = 'no-insight'")
    conn.close()
    integrity(services)
    hits = services.search.search("pilot OR notes", SearchFilters(cause_id="missed-boss"))
    assert [h.call_id for h in hits] == [second]
    services.calls.delete(second)
    integrity(services)
    add_lesson(services, "Another", causes=("no-insight",), call_id=call)
    services.accounts.delete(acme)
    integrity(services)
    assert services.search.search("sorensen") == []


def test_letters_fold_both_ways(services) -> None:
    acme = services.accounts.add("Acme")
    call = _call(services, acme, "Intro", "Met Mette Sørensen and Paweł from Łódź", NEW, "won")
    lesson = add_lesson(services, "Straße of æsthetics", what="Sorensen again")
    assert [h.call_id for h in services.search.search("Sorensen", kinds=("call",))] == [call]
    assert [h.call_id for h in services.search.search("sørensen", kinds=("call",))] == [call]
    assert [h.call_id for h in services.search.search("Pawel Lodz", kinds=("call",))] == [call]
    assert [h.lesson_id for h in services.search.search("Sørensen", kinds=("lesson",))] == [lesson]
    assert [h.lesson_id for h in services.search.search("strasse aesthetics")] == [lesson]


def test_a_folded_match_shows_the_letters_as_written(services) -> None:
    acme = services.accounts.add("Acme")
    _call(services, acme, "Intro", "Met Mette Sørensen and Paweł from Łódź", NEW, "won")
    add_lesson(services, "Straße of æsthetics", what="Mette again")
    for typed, shown in (
        ("sorensen", "Met Mette \x02Sørensen\x03 and Paweł from Łódź"),
        ("Sørensen", "Met Mette \x02Sørensen\x03 and Paweł from Łódź"),
        ("pawel lodz", "Met Mette Sørensen and \x02Paweł\x03 from \x02Łódź\x03"),
    ):
        (hit,) = services.search.search(typed, kinds=("call",))
        assert hit.snippet == shown, typed
    (hit,) = services.search.search("strasse aesthetics", kinds=("lesson",))
    assert hit.snippet == "\x02Straße\x03 of \x02æsthetics\x03"


def test_the_folded_copy_of_the_shown_fields_is_the_one_the_index_holds(services) -> None:
    from sales_notebook.core.snippet_letters import folded_copy
    from sales_notebook.store.search_rows import _CALL_TEXT, _LESSON_TEXT

    acme = services.accounts.add("Acme")
    call = _call(services, acme, "Møde", "plain notes", NEW, "won")
    lesson = add_lesson(
        services, "Plain title", what="Straße", differently="nothing",
        causes=("missed-boss", "no-insight"), call_id=call,
    )  # fmt: skip
    conn = sqlite3.connect(services.paths.database)
    with conn:
        conn.execute("UPDATE lesson SET feeling = 'Æh' WHERE id = ?", (lesson,))
        conn.execute(
            "UPDATE lesson_cause SET evidence = 'Søren said' WHERE cause_id = 'no-insight'"
        )
    for sql, rowid, key in ((_LESSON_TEXT, lesson, lesson), (_CALL_TEXT, -call, call)):
        row = conn.execute(sql.format("?"), (key,)).fetchone()
        fields = [f or "" for f in row[1:]]
        (fold,) = conn.execute("SELECT fold FROM search_doc WHERE rid = ?", (rowid,)).fetchone()
        assert folded_copy(fields)[0] == fold
        assert ("Soren said" if rowid > 0 else "Mode") in fold
    conn.close()


def test_cjk_words_are_found_inside_sentences(services) -> None:
    acme = services.accounts.add("Acme")
    call = _call(services, acme, "定例", "先方の予算が凍結された。来期に再検討。", NEW, "stalled")
    lesson = add_lesson(
        services, "予算の確認が遅れた", what="決裁者に会えなかった", account_id=acme
    )
    for word in ("予算", "凍結", "凍結された", "予", "再検討"):
        assert call in [h.call_id for h in services.search.search(word, kinds=("call",))], word
    assert [h.lesson_id for h in services.search.search("決裁者", kinds=("lesson",))] == [lesson]
    hits = services.search.search("予算")
    assert {h.kind for h in hits} == {"lesson", "call"}
    assert any("\x02" in h.snippet for h in hits)
    assert services.search.search("予算", SearchFilters(outcome="won")) == []
    assert [
        h.call_id for h in services.search.search("予算", SearchFilters(outcome="stalled"))
    ] == [call]
    assert services.search.search("予算 AND 決裁者", kinds=("lesson",))[0].lesson_id == lesson


def test_a_frozen_0004_notebook_upgrades_to_the_new_index(paths) -> None:
    from sales_notebook.store.migrate import prepare
    from sales_notebook.store.services import Services

    load_frozen(paths, "0004_live_call_index")
    prepare(paths)
    services = Services.open(paths)
    try:
        integrity(services)
        found = services.search.search
        assert {(h.kind, h.lesson_id or h.call_id) for h in found("Sorensen")} == {
            ("lesson", 2),
            ("call", 2),
        }
        assert [h.call_id for h in found("予算")] == [2]
        assert [h.lesson_id for h in found("boss")] == [1]  # the cause's name
        assert [h.lesson_id for h in found("frozen", SearchFilters(outcome="stalled"))] == [2]
    finally:
        services.close()


def test_the_query_folds_letters_as_the_migration_folds_the_index() -> None:
    import importlib

    from sales_notebook.core import search_query

    migration = importlib.import_module("sales_notebook.migrations.versions.0006_search_exact")
    assert migration.FOLDS == search_query.FOLDS


def test_a_small_notebook_gets_the_exact_answer_at_once(services, planted, monkeypatch) -> None:
    monkeypatch.setattr(search_module, "EXACT_AT_ONCE", 10_000)
    _acme, best_lesson, _call_id = planted
    first = services.search.search_page("escrow", limit=3, kinds=("lesson",), approximate=True)
    assert first.exact and first.hits[0].lesson_id == best_lesson


def test_an_open_date_range_reaches_the_earliest_and_latest_documents(services) -> None:
    """An open end is closed at the index's first or last year (or next year): a document
    dated far back or far ahead is still inside, and the bounds still hold."""
    dated = {
        year: add_lesson(services, f"Escrow in {year}", created=datetime(year, 6, 1, tzinfo=UTC))
        for year in (1950, 2001, 2150)
    }
    since = SearchFilters(date_from=date(2000, 1, 1))
    until = SearchFilters(date_to=date(2001, 5, 31))
    found_since = {h.lesson_id for h in services.search.search("escrow", since)}
    found_until = {h.lesson_id for h in services.search.search("escrow", until)}
    assert found_since == {dated[2001], dated[2150]}
    assert found_until == {dated[1950]}
    created_now = add_lesson(services, "Escrow today", created=datetime.now(UTC))
    assert created_now in {h.lesson_id for h in services.search.search("escrow", since)}
