"""Team search on the local cache: its own FTS5 index, offline, scoped Mine / Team / All."""

from __future__ import annotations

from datetime import date

from sales_notebook.team.search import TeamSearch, scoped_search
from tests.store.lesson_rows import add_lesson
from tests.team.team_rows import fill_cache, team_row


def test_team_lessons_are_found_ranked_with_snippets_and_filtered_by_cause(services) -> None:
    fill_cache(
        services.db,
        team_row("Budget vanished in a reorg", what="the budget moved", causes=("missed-boss",)),
        team_row("Pitched the product", what="no budget talk at all", causes=("product-pitch",)),
        team_row(
            "Negotiations stalled", what="procurement stalled us", author="omar", seller="Omar"
        ),
    )
    hits = TeamSearch(services.db).search("budgets")  # stemmed, like the library
    assert [h.title for h in hits] == ["Budget vanished in a reorg", "Pitched the product"]
    assert "\x02" in hits[0].snippet and hits[0].seller == "Tina Team"
    assert hits[0].causes == ("missed-boss",)
    assert [h.title for h in TeamSearch(services.db).search("negotiat*")] == [
        "Negotiations stalled"
    ]
    only = TeamSearch(services.db).search("budget", cause_id="product-pitch")
    assert [h.title for h in only] == ["Pitched the product"]
    assert TeamSearch(services.db).search('"NOT (') == []  # odd input never raises
    recent = TeamSearch(services.db).search("", limit=2)
    assert len(recent) == 2 and all(h.score == 0.0 for h in recent)


def test_evidence_is_searchable_and_an_update_replaces_the_old_text(services) -> None:
    row = team_row("Quiet champion", causes=("missed-boss",))
    fill_cache(services.db, row)
    assert [h.title for h in TeamSearch(services.db).search("saw")] == ["Quiet champion"]
    fill_cache(services.db, team_row("Loud champion", uuid=row[0]))
    assert TeamSearch(services.db).search("quiet") == []
    assert [h.title for h in TeamSearch(services.db).search("loud")] == ["Loud champion"]


def test_scopes_mine_team_and_all(services) -> None:
    add_lesson(services, "My budget lesson", what="budget budget budget")
    fill_cache(
        services.db,
        team_row("Their budget lesson", what="budget"),
        # My own lesson as the server sent it back: shown once in All, from the notebook.
        team_row("My budget lesson", what="budget budget budget", author="me", seller="Me"),
    )
    me = ("me", "Me")
    mine = scoped_search(services.db, "budget", "mine", me=me)
    team = scoped_search(services.db, "budget", "team", me=me)
    both = scoped_search(services.db, "budget", "all", me=me)
    assert [(h.title, h.is_team) for h in mine] == [("My budget lesson", False)]
    assert {h.title for h in team} == {"Their budget lesson", "My budget lesson"}
    assert sorted((h.title, h.is_team) for h in both) == [
        ("My budget lesson", False), ("Their budget lesson", True),
    ]  # fmt: skip
    assert [h.score for h in both] == sorted((h.score for h in both), reverse=True)
    newest = scoped_search(services.db, "", "all", me=me)
    assert [h.when for h in newest] == sorted((h.when for h in newest), reverse=True)
    assert newest[0].when >= date(2026, 5, 1)


def test_the_notebooks_own_index_does_not_see_team_lessons(services) -> None:
    fill_cache(services.db, team_row("Only on the team", what="zebra"))
    assert services.search.search("zebra") == []
    assert [h.title for h in TeamSearch(services.db).search("zebra")] == ["Only on the team"]


def test_cache_writes_leave_the_notebooks_connections_durable(services) -> None:
    fill_cache(services.db, team_row("Anything"))
    for _ in range(3):  # whichever pooled connection comes back
        with services.db.session() as s:
            assert s.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_team_snippets_use_the_librarys_markers() -> None:
    from sales_notebook.store import search as library
    from sales_notebook.team import search as team

    for name in ("MARK_START", "MARK_END", "ELLIPSIS"):
        assert getattr(team, name) == getattr(library, name), name
