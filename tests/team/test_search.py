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


def test_an_old_best_team_lesson_past_a_thousand_newer_matches_comes_first(services) -> None:
    # Exact bm25 over every match: the oldest lesson, about escrow through and through, is
    # the best answer even behind 1,200 newer lessons that mention escrow once.
    best = team_row("Escrow terms killed the deal", what="escrow escrow", day=date(2020, 1, 1))
    newer = [
        team_row(f"Renewal {i}", what=f"a long note about many things and escrow once {i}")
        for i in range(1200)
    ]
    fill_cache(services.db, best, *newer)
    hits = TeamSearch(services.db).search("escrow", limit=5)
    assert hits[0].title == "Escrow terms killed the deal"


FOLDED = [
    ("Ørsted wind tender", "the Ørsted buyer went quiet", "orsted"),
    ("Bæredygtighed audit", "", "baeredygtighed"),
    ("Renewal in Düsseldorf", "Straße closed, Großkunde lost", "grosskunde"),
    ("Łódź pilot", "the plant in Łódź", "lodz"),
]


def test_team_search_folds_letters_as_the_library_does(services) -> None:
    from sales_notebook.core.search_query import fold_letters
    from sales_notebook.store.search import SearchService

    rows = [team_row(t, what=w, causes=("missed-boss",)) for t, w, _ in FOLDED]
    fill_cache(services.db, *rows)
    for title, what, plain in FOLDED:
        add_lesson(services, f"Mine: {title}", what=what)
        for typed in (plain, plain.upper(), fold_letters(title.split()[0]), title.split()[0]):
            team = [h.title for h in TeamSearch(services.db).search(typed)]
            assert team == [title], (typed, team)
            # The library finds the seller's own lesson by the same words.
            mine = [h.title for h in SearchService(services.db).search(typed, kinds=("lesson",))]
            assert mine == [f"Mine: {title}"], (typed, mine)
    all_hits = scoped_search(services.db, "orsted", "all")
    assert {h.title for h in all_hits} == {"Ørsted wind tender", "Mine: Ørsted wind tender"}
    # The cause's evidence and an edit are folded too; a prefix works on the folded word.
    assert [h.title for h in TeamSearch(services.db).search("lod*")] == ["Łódź pilot"]
    fill_cache(services.db, team_row("Łódź pilot", what="moved to Gdańsk", uuid=rows[3][0]))
    assert TeamSearch(services.db).search("plant") == []
    assert [h.title for h in TeamSearch(services.db).search("gdansk lodz")] == ["Łódź pilot"]


def test_the_cache_migration_folds_as_the_query_does() -> None:
    import importlib

    from sales_notebook.core import search_query

    migration = importlib.import_module("sales_notebook.migrations.versions.0009_team_transfer")
    assert migration.FOLDS == search_query.FOLDS


def test_a_cache_from_before_0009_is_folded_by_the_upgrade(paths) -> None:
    from alembic import command

    from sales_notebook.store.database import Database, make_engine
    from sales_notebook.store.migrate import alembic_config, prepare

    paths.ensure()
    engine = make_engine(paths.database)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0007_team_outbox")
        conn.exec_driver_sql(
            "INSERT INTO team_lesson (uuid, author, seller, title, outcome, what_happened, "
            "do_differently, evidence, account_name, lesson_date, changed_at) VALUES "
            "('u1', 'tina', 'Tina', 'Ørsted renewal', 'lost', 'Straße', '', 'Łódź', NULL, "
            "'2026-05-01', '2026-05-02 00:00:00'), ('u2', 'tina', 'Tina', 'Plain budget', "
            "'lost', 'café', '', '', NULL, '2026-05-01', '2026-05-02 00:00:00')"
        )
        conn.exec_driver_sql("INSERT INTO fts_team_lesson(fts_team_lesson) VALUES ('rebuild')")
    engine.dispose()
    assert prepare(paths) is not None  # upgraded, with a backup
    db = Database(paths.database)
    try:
        for typed in ("orsted", "strasse", "lodz", "cafe", "budget"):
            assert len(TeamSearch(db).search(typed)) == 1, typed
    finally:
        db.dispose()


def test_the_pane_gets_a_first_answer_then_the_exact_one_on_a_large_cache(
    services, monkeypatch
) -> None:
    from sales_notebook.team import search as team_search
    from sales_notebook.team.library_search import ScopedLibrarySearch

    best = team_row("Escrow terms killed the deal", what="escrow escrow", day=date(2020, 1, 1))
    newer = [team_row(f"Renewal {i}", what=f"many things and escrow once {i}") for i in range(30)]
    fill_cache(services.db, best, *newer)
    pane = ScopedLibrarySearch(services.db)
    pane.scope = "team"
    exact = pane.search_page("escrow", limit=5, kinds=("lesson",), approximate=True)
    assert exact.exact and exact.hits[0].title == "Escrow terms killed the deal"  # small: exact
    monkeypatch.setattr(team_search, "EXACT_AT_ONCE", 10)
    monkeypatch.setattr(team_search, "CANDIDATES", 8)
    first = pane.search_page("escrow", limit=5, kinds=("lesson",), approximate=True)
    assert not first.exact and len(first.hits) == 5
    assert "Escrow terms killed the deal" not in [h.title for h in first.hits]
    final = pane.search_page("escrow", limit=5, kinds=("lesson",))
    assert final.exact and final.hits[0].title == "Escrow terms killed the deal"
    # A rare word has fewer matches than the candidates: the first answer is the exact one.
    rare = pane.search_page("terms", limit=5, kinds=("lesson",), approximate=True)
    assert rare.exact and [h.title for h in rare.hits] == ["Escrow terms killed the deal"]


def test_a_chinese_or_japanese_word_inside_a_sentence_is_found(services) -> None:
    fill_cache(
        services.db,
        team_row("上海の案件", what="予算が凍結された。決裁者に会えなかった"),
        team_row("北京 renewal", what="价格谈判失败了"),
    )
    for word, title in (("予算", "上海の案件"), ("決裁者", "上海の案件"), ("谈判", "北京 renewal")):
        assert [h.title for h in TeamSearch(services.db).search(word)] == [title], word
    assert TeamSearch(services.db).search("東京") == []


def test_a_first_answer_keeps_the_filters(services, monkeypatch) -> None:
    from sales_notebook.team import search as team_search

    mine = [team_row(f"My escrow {i}", what="escrow escrow escrow", author="me") for i in range(4)]
    others = [
        team_row(f"Escrow {i}", what="escrow once", causes=("missed-boss",) if i % 2 else ())
        for i in range(12)
    ]
    fill_cache(services.db, *others, *mine)
    monkeypatch.setattr(team_search, "EXACT_AT_ONCE", 10)
    monkeypatch.setattr(team_search, "CANDIDATES", 8)
    search = TeamSearch(services.db)
    first = search.search("escrow", 5, exclude_author="me", approximate=True)
    assert not search.exact and len(first) == 4  # of the newest 8, four are the seller's own
    assert all(not h.title.startswith("My") for h in first)
    by_cause = search.search("escrow", 5, cause_id="missed-boss", approximate=True)
    assert by_cause and all(h.causes == ("missed-boss",) for h in by_cause)
    exact = search.search("escrow", 20, exclude_author="me")
    assert search.exact and len(exact) == 12
