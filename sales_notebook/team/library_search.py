"""The library's search with a scope: Mine (the notebook, as before), Team or All.

Stands in for SearchService in the library pane, with the same search() signature, so the
pane's worker thread, debounce and results table are unchanged. Team lessons come back as
SearchHit rows with no lesson id; the seller's name rides in the account column.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time

from sales_notebook.core.search_query import to_fts_query
from sales_notebook.store.database import Database
from sales_notebook.store.search import Kind, SearchFilters, SearchHit, SearchPage, SearchService
from sales_notebook.team.local import TeamLocal
from sales_notebook.team.search import Scope, ScopedHit, TeamSearch


class ScopedLibrarySearch(SearchService):
    """`scope` is read at each search; the pane's scope selector sets it."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self._db = db
        self.scope: Scope = "mine"
        # The team lesson behind each team row of the last results (rows carry no lesson id).
        self._uuids: dict[SearchHit, str] = {}

    def team_uuid(self, hit: SearchHit) -> str | None:
        """The UUID of a team lesson shown as this row, None for the seller's own rows."""
        return self._uuids.get(hit)

    def search_page(
        self,
        text: str,
        filters: SearchFilters | None = None,
        limit: int = 50,
        kinds: Sequence[Kind] = ("lesson", "call"),
        offset: int = 0,
        approximate: bool = False,
    ) -> SearchPage:
        scope = self.scope
        if scope == "mine":
            return super().search_page(text, filters, limit, kinds, offset, approximate)
        filters = filters or SearchFilters()
        # Both sides up to the end of the asked page, merged, then the page cut out of that.
        wanted = offset + limit
        own = (
            super().search_page(text, filters, wanted, kinds, 0, approximate)
            if scope == "all"
            else SearchPage([])
        )
        hits = list(own.hits)
        me = TeamLocal(self._db).get("me") if scope == "all" else None
        # The team's lessons know no local account: an account filter shows none of them.
        team_exact = True
        if filters.account_id is None and "lesson" in kinds:
            search = TeamSearch(self._db)
            team = search.search(
                text, wanted, filters.cause_id, exclude_author=me,
                approximate=approximate and offset == 0,
            )  # fmt: skip
            team_exact = search.exact
            rows = {_as_hit(h): str(h.uuid) for h in team if _passes(h, filters)}
            if offset == 0:
                self._uuids = {}
            self._uuids.update(rows)
            hits += list(rows)
        if to_fts_query(text):
            hits.sort(key=lambda h: -h.score)
        else:
            hits.sort(key=lambda h: h.when, reverse=True)
        return SearchPage(hits[offset:wanted], exact=own.exact and team_exact)


def _passes(hit: ScopedHit, filters: SearchFilters) -> bool:
    if filters.outcome is not None and hit.outcome != filters.outcome:
        return False
    if filters.date_from is not None and hit.when < filters.date_from:
        return False
    return not (filters.date_to is not None and hit.when > filters.date_to)


def _as_hit(hit: ScopedHit) -> SearchHit:
    who = f"{hit.account_name} · {hit.seller}" if hit.account_name else hit.seller
    return SearchHit(
        kind="lesson", lesson_id=None, call_id=None, title=hit.title, account_name=who,
        outcome=hit.outcome, when=datetime.combine(hit.when, time(12), UTC), causes=hit.causes,
        snippet=hit.snippet, score=hit.score,
    )  # fmt: skip
