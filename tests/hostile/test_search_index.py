"""Hostile search text: never a traceback, never slow, a clear message past the length limit,
and never a match on the index's own filter tokens."""

from __future__ import annotations

import time

import pytest

from sales_notebook.cli import main
from sales_notebook.core.search_query import MAX_QUERY_CHARS, MAX_TERMS
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.search import SearchFilters

SEARCHED = [
    '"', '""', '"""', "NOT", "AND OR NOT", "(((", ")))", '"budget', "budget NOT", "*", "**",
    "\x00", "budget\x00pilot", "\ud800", "\udfff budget", "\u202e budget \u202c", "🔥" * 50,
    "e\u0301" * 100, "NEAR(budget pilot)", "budget:", ":budget", "title : budget",
    "{title} : budget", "- tags : a1", "tags : a1", "a1", "e202", "y2026", "^budget",
    "budget + pilot", "'; DROP TABLE lesson; --", "%", "_", "\\", "\t\n\r", " " * MAX_QUERY_CHARS,
    "a* " * MAX_TERMS, "予" * MAX_QUERY_CHARS, "予 " * MAX_TERMS, "ı" * 100, "ẞ" * 100,
    "x" * MAX_QUERY_CHARS, '"' + "budget " * 30 + '"', "b* c* d* e* f* g*", "*budget*",
]  # fmt: skip
TOO_LONG = ["x" * (MAX_QUERY_CHARS + 1), "budget " * 20_000, "a " * (MAX_TERMS + 1)]


@pytest.mark.serial  # timed: see tests/conftest.py
@pytest.mark.parametrize("text", SEARCHED, ids=range(len(SEARCHED)))
def test_odd_text_is_searched_quickly_without_error(demo_services, text: str) -> None:
    for kinds in (("lesson",), ("lesson", "call")):
        started = time.perf_counter()
        hits = demo_services.search.search(text, SearchFilters(outcome="lost"), 20, kinds)
        demo_services.search.search_page(text, None, 20, kinds, approximate=True)
        assert time.perf_counter() - started < 2.0
        assert all(h.kind in kinds and h.outcome == "lost" for h in hits)


@pytest.mark.parametrize(
    "text", ["\ue000a1", "tags : \ue000a1", "\ue000e202", "\ue000y2026", "{tags} : a1", "a1*"]
)
def test_the_filter_tokens_are_never_matched_by_what_is_typed(demo_services, text: str) -> None:
    assert demo_services.search.search(text) == []


@pytest.mark.serial  # timed: see tests/conftest.py
@pytest.mark.parametrize("text", TOO_LONG, ids=["chars", "100 KB", "words"])
def test_a_query_over_the_limit_gets_a_message(demo_services, text: str) -> None:
    started = time.perf_counter()
    with pytest.raises(InvalidInput, match="A search can"):
        demo_services.search.search(text)
    assert time.perf_counter() - started < 1.0


def test_the_cli_says_so_in_one_line_without_a_traceback(demo_services, paths, capsys) -> None:
    started = time.perf_counter()
    code = main(["lessons", "search", "--data-dir", str(paths.root), "x" * 100_000])
    assert time.perf_counter() - started < 5.0
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert err.strip().splitlines() == [
        f"sales-notebook: A search can be at most {MAX_QUERY_CHARS} characters; this one has "
        "100,000. Search for a few words of it."
    ]
