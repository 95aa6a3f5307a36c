"""The chart's Team scope and the watch-outs' team part, from the cache."""

from __future__ import annotations

from datetime import date

from sales_notebook.core.watchouts import Source, build_watchouts
from sales_notebook.team.views import TeamViews
from tests.team.team_rows import fill_cache, team_row


def test_team_counts_by_month_with_the_number_of_sellers(services) -> None:
    fill_cache(
        services.db,
        team_row("a", author="ann", causes=("missed-boss",), day=date(2026, 4, 3)),
        team_row("b", author="bob", causes=("missed-boss", "no-insight"), day=date(2026, 5, 9)),
        team_row("c", author="bob", causes=("missed-boss",), day=date(2026, 5, 20)),
        team_row("old", author="cy", causes=("no-insight",), day=date(2024, 1, 1)),
    )
    views = TeamViews(services.db)
    counts = {c.cause_id: (c.lessons, c.sellers) for c in views.cause_counts()}
    assert counts == {"missed-boss": (3, 2), "no-insight": (2, 2)}
    data = views.trends(date(2026, 5, 31), months=3)
    assert data.months == ("2026-03", "2026-04", "2026-05")
    assert [(b.cause_id, b.count, b.name) for b in data.bars] == [
        ("missed-boss", 3, "Missed-Boss (2 sellers)"), ("no-insight", 2, "No-Insight (2 sellers)"),
    ]  # fmt: skip
    lines = {line.cause_id: line.per_month for line in data.lines}
    assert lines == {"missed-boss": (0, 1, 2), "no-insight": (0, 0, 1)}


def test_watchouts_gain_team_lessons_on_the_account_and_the_teams_habits(services) -> None:
    fill_cache(
        services.db,
        team_row(
            "Champion left",
            author="ann",
            seller="Ann",
            account="Acme Corp",
            differently="Find a second champion early",
            causes=("missed-boss",),
        ),
        team_row(
            "Mine, from the server", author="me", account="Acme Corp", causes=("missed-boss",)
        ),
        team_row("Other account", author="bob", account="Globex", causes=("missed-boss",)),
    )
    causes = {c.id: c for c, _ in services.taxonomy.counts()} or {
        c.id: c for c in services.taxonomy.causes()
    }
    team = TeamViews(services.db).watch(" acme corp ", causes, exclude_author="me")
    assert [lesson.title for lesson in team.lessons] == ["Champion left"]
    found = build_watchouts([], [], [], team)
    assert [w.source for w in found] == [Source.TEAM, Source.TEAM]
    assert found[0].title == "Find a second champion early"
    assert "Ann's lesson on this account" in found[0].why
    assert found[1].why == "Team: Missed the boss in 3 lessons of 3 sellers"
    assert build_watchouts([], [], []) == []
