"""What the user types becomes an FTS5 query that always parses and means what they meant."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sales_notebook.core.search_query import plain_fts_query, query_problem, to_fts_query
from sales_notebook.store.sqlite_lib import sqlite3


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61 remove_diacritics 2')"
    )
    conn.executemany(
        "INSERT INTO t(rowid, body) VALUES (?, ?)",
        [
            (1, "We negotiated the price with procurement"),
            (2, "Next step: a workshop on the 14th"),
            (3, "The next big step was a budget freeze"),
            (4, "Café meeting with the CFO, no budget talk"),
            (5, "Price objection, then the reorg"),
        ],
    )
    return conn


def matches(conn: sqlite3.Connection, text: str) -> set[int]:
    query = to_fts_query(text)
    if not query:
        return set()
    return {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (query,))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("budget", {3, 4}),
        ("budgets", {3, 4}),  # stemming
        ("cafe", {4}),  # diacritics folded
        ('"next step"', {2}),  # a phrase, not two words anywhere
        ("next step", {2, 3}),
        ("negotiat*", {1}),  # a prefix longer than its Porter stem still finds the word
        ("proc*", {1}),
        ("price OR freeze", {1, 3, 5}),
        ("price NOT reorg", {1}),
        ("budget AND cfo", {4}),
        ("budget -freeze", {4}),  # -word leaves out what holds it
        ("price OR next -reorg -workshop", {1, 3}),  # from every alternative
        ('next -"big step"', {2}),
        ("price -reorg*", {1}),
    ],
)
def test_the_users_syntax_is_kept(fts: sqlite3.Connection, text: str, expected: set[int]) -> None:
    assert matches(fts, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"next step', {2}),  # a stray quote closes at the end
        ("NOT", set()),  # a lone operator means nothing to search
        ("NOT budget", {3, 4}),  # dropped here; the search refuses it (query_problem)
        ("budget OR", {3, 4}),
        ("budget AND OR cfo", {4}),
        ("body:budget", set()),  # not the column "body": the words "body budget" in a row
        ("(price", {1, 5}),
        ("*", set()),
        ('"" ^ - + :', set()),
        ("price ++ -", {1, 5}),  # punctuation alone is dropped
        ("price and reorg", set()),  # lower-case "and" is a word to find, not AND
        ("follow-up", set()),  # a hyphen inside a word leaves nothing out
        ("price -5", set()),  # nor does a minus before a number: "-5" is a word to find
    ],
)
def test_stray_syntax_is_read_as_words(
    fts: sqlite3.Connection, text: str, expected: set[int]
) -> None:
    assert matches(fts, text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("NOT budget", "pricing NOT budget"),  # it found what holds "budget": the opposite
        ("-budget", "pricing -budget"),
        ('-budget -"next step"', "only words to leave out"),
    ],
)
def test_a_search_that_would_mean_the_opposite_is_refused_with_why(text: str, says: str) -> None:
    assert says in (query_problem(text) or "")


@pytest.mark.parametrize("text", ["NOT", "budget NOT", "budget -reorg", "AND OR", "- budget"])
def test_a_search_with_something_to_look_for_is_not_refused(text: str) -> None:
    assert query_problem(text) is None


def test_nothing_searchable_gives_an_empty_query() -> None:
    assert to_fts_query("   ") == ""
    assert to_fts_query('" " * ()') == ""
    assert plain_fts_query('"(*)"') == ""


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_makes_a_query_fts5_accepts(fts: sqlite3.Connection, text: str) -> None:
    for query in (to_fts_query(text), plain_fts_query(text)):
        if query:
            fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (query,)).fetchall()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["AND", "OR", "NOT", '"', "*", "(", ")", "price", "next", "cafe", "é", "-", "-next"]
        ),
        max_size=12,
    ).map(" ".join)
)
def test_operator_soup_makes_a_query_fts5_accepts(fts: sqlite3.Connection, text: str) -> None:
    query = to_fts_query(text)
    if query:
        fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (query,)).fetchall()
