"""A date range's MATCH expression finds exactly the days in the range, run by SQLite's own
FTS5 over documents carrying the tokens migration 0006 writes, one document a day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sales_notebook.core.search_tags import TAG, date_match, date_tokens
from sales_notebook.store.sqlite_lib import sqlite3

FIRST, LAST = date(2019, 11, 1), date(2021, 3, 31)
DAYS = [FIRST + timedelta(days=n) for n in range((LAST - FIRST).days + 1)]


def _tokens(day: date) -> str:
    return " ".join(
        f"{TAG}{kind}{value}"
        for kind, value in (
            ("e", day.year // 10),
            ("y", day.year),
            ("m", f"{day:%Y%m}"),
            ("d", f"{day:%Y%m%d}"),
        )
    )


@pytest.fixture(scope="module")
def index() -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(tags, tokenize='porter unicode61')")
    conn.executemany(
        "INSERT INTO t(rowid, tags) VALUES (?, ?)",
        [(n, _tokens(day)) for n, day in enumerate(DAYS)],
    )
    yield conn
    conn.close()


def _found(conn: sqlite3.Connection, start: date, end: date) -> set[date]:
    expression = date_match(start, end)
    if expression is None:
        return set()
    rows = conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (f"tags : {expression}",))
    return {DAYS[r[0]] for r in rows}


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(FIRST - timedelta(days=40), LAST + timedelta(days=40)),
    length=st.integers(0, 500),
)
def test_a_range_finds_exactly_its_days(index, start: date, length: int) -> None:
    end = start + timedelta(days=length)
    assert _found(index, start, end) == {d for d in DAYS if start <= d <= end}


def test_a_month_mostly_covered_is_its_token_less_the_days_left_out() -> None:
    expression = date_match(date(2024, 11, 2), date(2024, 12, 31))
    assert expression is not None
    assert expression.count('"') // 2 == 3  # m202412, m202411 and d20241101
    assert len(date_tokens(date(2024, 11, 2), date(2024, 12, 31))) == 30


def test_an_empty_range_has_no_expression() -> None:
    assert date_match(date(2024, 5, 2), date(2024, 5, 1)) is None
