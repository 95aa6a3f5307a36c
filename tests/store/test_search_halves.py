"""Ranking a large index in two halves on two connections gives exactly the answer one
connection gives (order, ties, scores, snippets, pages, filters), and a save that lands between
the halves never mixes two states of the index."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from sales_notebook.store import fts_halves
from sales_notebook.store.search import SearchFilters
from tests.store.halves import force_halves, one_connection
from tests.store.lesson_rows import add_lesson

WORDS = ["budget", "escrow", "pilot", "legal", "renewal", "pricing", "champion", "timeline"]
START = datetime(2025, 1, 6, 9, tzinfo=UTC)


@pytest.fixture
def notebook(services):
    """Lessons and calls with varied word counts and lengths, some with identical text (equal
    ranks), in two accounts and two outcomes."""
    accounts = [services.accounts.add("Acme"), services.accounts.add("Globex")]
    for n in range(48):
        words = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(1 + n % 5))
        text = f"the {words} and the next step " * (1 + n % 3)
        account = accounts[n % 2]
        outcome = "lost" if n % 3 else "won"
        add_lesson(
            services, f"Lesson {n} {WORDS[n % len(WORDS)]}", what=text if n % 7 else "the budget",
            causes=("missed-boss",) if n % 4 == 0 else (), account_id=account, outcome=outcome,
            created=START + timedelta(days=n),
        )  # fmt: skip
        call = services.calls.start(account)
        services.calls.save_notes(call, text if n % 6 else "the budget")
        services.calls.set_outcome(call, outcome, "")
    return accounts


@pytest.fixture
def split(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """Halves for this small index; the threads of the halved rankings."""
    return force_halves(monkeypatch)


def _answer(services, text, filters, kinds, offset):
    page = services.search.search_page(text, filters, limit=7, kinds=kinds, offset=offset)
    return [(h.kind, h.lesson_id, h.call_id, h.score, h.snippet, h.title) for h in page.hits]


QUERIES = [
    "the",
    "budget",
    "the next",
    "pilot OR legal",
    "budget NOT escrow",
    '"next step"',
    "pric*",
]
KINDS = [("lesson", "call"), ("lesson",), ("call",)]


def test_two_halves_give_exactly_the_one_connection_answer(
    services, notebook, split, monkeypatch
) -> None:
    acme, _globex = notebook
    filters = [
        SearchFilters(),
        SearchFilters(account_id=acme),
        SearchFilters(outcome="lost"),
        SearchFilters(cause_id="missed-boss"),
    ]
    halves = {}
    for text in QUERIES:
        for chosen in filters:
            for kinds in KINDS:
                for offset in (0, 7, 14):
                    key = (text, chosen, kinds, offset)
                    halves[key] = _answer(services, text, chosen, kinds, offset)
    assert len(split) == len(halves)  # every search was ranked in halves
    assert sum(1 for hits in halves.values() if len(hits) == 7) > 100  # full pages, with ties

    one_connection(monkeypatch)
    for (text, chosen, kinds, offset), hits in halves.items():
        assert hits == _answer(services, text, chosen, kinds, offset), (text, kinds, offset)


def test_a_save_between_the_halves_is_ranked_again_on_one_connection(
    services, notebook, split, monkeypatch
) -> None:
    """Our half reads the index, then a lesson is saved, then the other half reads: the two
    saw different totals, so the answer comes from one connection, on the newer state."""
    saved = threading.Event()
    real_half = fts_halves._half
    answers: list[object] = []
    real_ranked = fts_halves.ranked_in_halves

    def half(conn, table, match, keep, side, op, at):
        if op == "<":
            assert saved.wait(5)
            return real_half(conn, table, match, keep, side, op, at)
        rows = real_half(conn, table, match, keep, side, op, at)
        if not saved.is_set():
            add_lesson(services, "Escrow budget budget budget", what="budget budget budget")
            saved.set()
        return rows

    def recorded(*args, **kwargs):
        answer = real_ranked(*args, **kwargs)
        answers.append(answer)
        return answer

    monkeypatch.setattr(fts_halves, "_half", half)
    monkeypatch.setattr(fts_halves, "ranked_in_halves", recorded)
    hits = services.search.search("budget", limit=5)
    assert answers == [None]  # the halves disagreed: not merged
    assert hits[0].title == "Escrow budget budget budget"
    one_connection(monkeypatch)
    assert [(h.kind, h.lesson_id, h.call_id, h.score) for h in hits] == [
        (h.kind, h.lesson_id, h.call_id, h.score) for h in services.search.search("budget", limit=5)
    ]


def test_an_error_of_either_half_is_raised(services, notebook, split) -> None:
    engine = services.db.engine

    def fails(_conn):
        raise ValueError("the other half failed")

    with engine.connect() as conn, pytest.raises(ValueError, match="other half"):
        fts_halves.at_once(conn, engine, lambda c: 1, fails)
    finished = threading.Event()

    def slow(_conn):
        assert not finished.wait(0.2)
        finished.set()
        return 2

    def mine_fails(_conn):
        raise ValueError("our half failed")

    with engine.connect() as conn, pytest.raises(ValueError, match="our half"):
        fts_halves.at_once(conn, engine, mine_fails, slow)
    assert finished.is_set()  # raised only once the other half had finished


def test_a_small_index_or_one_core_ranks_on_one_connection(monkeypatch) -> None:
    assert fts_halves.cut("all", 100, 1000) is None
    assert fts_halves.cut("all", 1500, 15000) == -6750
    assert fts_halves.cut("positive", 9000, 10) == 4501
    assert fts_halves.cut("negative", 10, 9000) == -4500
    monkeypatch.setattr(fts_halves, "cores", lambda: 1)
    assert fts_halves.cut("all", 1500, 15000) is None
