"""Make any index count as large for store/fts_halves.py, whatever the machine's cores, and
back again: for tests that compare the two-connection answer with one connection's."""

from __future__ import annotations

import threading

import pytest

from sales_notebook.store import fts_halves


def force_halves(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """Rank and read snippets in halves from 2 documents and 2 rows on; returns the list of
    threads each halved ranking ran on (one entry per search ranked in halves)."""
    monkeypatch.setattr(fts_halves, "SPLIT_AT", 2)
    monkeypatch.setattr(fts_halves, "SNIPPETS_SPLIT_AT", 2)
    monkeypatch.setattr(fts_halves, "cores", lambda: 2)
    halved: list[threading.Thread] = []
    real = fts_halves.ranked_in_halves

    def counted(*args, **kwargs):
        halved.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(fts_halves, "ranked_in_halves", counted)
    return halved


def one_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """No halves at all, whatever the index's size."""
    monkeypatch.setattr(fts_halves, "SPLIT_AT", 10**9)
    monkeypatch.setattr(fts_halves, "SNIPPETS_SPLIT_AT", 10**9)
