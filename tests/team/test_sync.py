"""Publishing, the outbox and sync against a real server, with several sellers and notebooks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from sales_notebook.store.errors import InvalidInput
from sales_notebook.team.server import TeamError, make_engine
from sales_notebook.team.sync import TeamSync


def server_rows(server, sql: str) -> list[tuple]:
    engine = make_engine(server.admin_url, server.cluster.password)
    try:
        with engine.begin() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def test_three_sellers_on_two_notebooks_see_each_others_lessons(team_server, notebooks) -> None:
    a = team_server.add_seller("Alva Sync")
    b = team_server.add_seller("Bea Sync")
    c = team_server.add_seller("Cy Sync")
    first = notebooks(a, "laptop")
    second = notebooks(b, "shared-desk")  # B and C take turns on one machine
    third = notebooks(c, "shared-desk-c")
    first.team.local.publish([first.lesson("Alva's lesson", causes=("missed-boss",))])
    second.team.local.publish([second.lesson("Bea's lesson")])
    third.team.local.publish([third.lesson("Cy's lesson")])
    kept = second.lesson("Bea keeps this one private")
    for notebook in (first, second, third, first, second):
        notebook.team.sync()
    expected = [
        ("Alva Sync", "Alva's lesson"), ("Bea Sync", "Bea's lesson"), ("Cy Sync", "Cy's lesson"),
    ]  # fmt: skip
    assert first.cached() == expected
    assert second.cached() == expected
    assert kept not in second.team.local.shares()
    assert first.team.local.outbox_size() == 0


def test_sync_is_idempotent(team_server, notebooks) -> None:
    a = team_server.add_seller("Ida Po")
    one = notebooks(a)
    lesson = one.lesson("Said yes too early")
    one.team.local.publish([lesson])
    one.team.local.publish([lesson])  # twice in the outbox
    assert one.team.sync().pushed == 1
    before = server_rows(team_server, "SELECT uuid, title, changed_at FROM team.lesson")
    # The same change sent again (as after a kill between the push and the outbox's cleanup).
    one.team.local.publish([lesson])
    one.sql("UPDATE team_outbox SET queued_at = ?", "2020-01-01T00:00:00+00:00")
    one.team.sync()
    one.team.sync()
    assert server_rows(team_server, "SELECT uuid, title, changed_at FROM team.lesson") == before
    assert one.cached() == [("Ida Po", "Said yes too early")]


def test_only_the_shared_fields_leave_the_machine(team_server, notebooks) -> None:
    a = team_server.add_seller("Nora Notes")
    one = notebooks(a)
    account = one.services.accounts.add("Secret Account Ltd")
    call = one.services.calls.start(account, title="Call title")
    one.services.calls.end(call, "PRIVATE-NOTES budget talk")
    draft_id = one.lesson(
        "Visible title", call_id=call, feeling="PRIVATE-FEELING",
        what_happened="what", do_differently="differently", causes=("missed-boss",),
    )  # fmt: skip
    one.team.local.publish([draft_id])
    one.team.sync()
    (row,) = server_rows(team_server, "SELECT to_jsonb(l) FROM team.lesson l")
    stored = row[0]
    assert set(stored) == {
        "uuid", "author", "title", "outcome", "what_happened", "do_differently",
        "account_name", "lesson_date", "causes", "changed_at", "txid",
    }  # fmt: skip
    assert stored["account_name"] is None
    assert stored["causes"] == [
        {"cause_id": "missed-boss", "name": "Missed the boss",
         "evidence": "evidence for missed-boss", "controllable": True}
    ]  # fmt: skip
    assert "PRIVATE" not in str(stored) and "Secret" not in str(stored)
    one.team.local.publish([draft_id], share_account=True)
    one.team.sync()
    assert server_rows(team_server, "SELECT account_name FROM team.lesson") == [
        ("Secret Account Ltd",)
    ]


def test_editing_a_shared_lesson_queues_it_again(team_server, notebooks) -> None:
    a = team_server.add_seller("Eda Edit")
    one = notebooks(a)
    lesson = one.lesson("Before")
    one.team.local.publish([lesson])
    one.team.sync()
    one.sql("UPDATE lesson SET title = 'After' WHERE id = ?", lesson)
    assert one.team.local.outbox_size() == 1
    one.team.sync()
    assert server_rows(team_server, "SELECT title FROM team.lesson") == [("After",)]


def test_unpublish_reaches_the_other_caches(team_server, notebooks) -> None:
    a = team_server.add_seller("Una Pub")
    b = team_server.add_seller("Ben Pub")
    mine, theirs = notebooks(a), notebooks(b)
    lessons = [mine.lesson(f"Lesson {i}") for i in range(3)]
    mine.team.local.publish(lessons)
    mine.team.sync()
    theirs.team.sync()
    assert len(theirs.cached()) == 3
    assert mine.team.local.unpublish([lessons[1]]) == 1
    mine.team.sync()
    result = theirs.team.sync()
    assert result.removed == 1
    assert theirs.cached() == [("Una Pub", "Lesson 0"), ("Una Pub", "Lesson 2")]
    assert server_rows(team_server, "SELECT count(*) FROM team.lesson") == [(2,)]


def test_the_newer_change_wins_whatever_order_two_machines_push_in(team_server, notebooks) -> None:
    a = team_server.add_seller("Tom Two")
    home, office = notebooks(a, "home"), notebooks(a, "office")
    lesson = home.lesson("Original")
    home.team.local.publish([lesson])
    home.team.sync()
    # The same lesson on the seller's second machine (as after an export and import).
    copy = office.copy_of(home, lesson, "Office edit")
    office.team.local.publish([copy])
    home.sql("UPDATE lesson SET title = 'Home edit' WHERE id = ?", lesson)
    # The home edit was made an hour before the office's, but reaches the server last.
    an_hour_ago = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    home.sql("UPDATE team_outbox SET queued_at = ?", an_hour_ago)
    office.team.sync()
    home.team.sync()
    assert server_rows(team_server, "SELECT title FROM team.lesson") == [("Office edit",)]
    assert home.cached() == [("Tom Two", "Office edit")]
    # An unpublish older than the newest publish is dropped too.
    home.team.local.unpublish([lesson])
    home.sql("UPDATE team_outbox SET queued_at = ?", an_hour_ago)
    home.team.sync()
    assert server_rows(team_server, "SELECT title FROM team.lesson") == [("Office edit",)]


def test_a_server_that_is_down_loses_nothing_and_catches_up(team_server, notebooks) -> None:
    a = team_server.add_seller("Dan Down")
    one = notebooks(a)
    lesson = one.lesson("Written on the train")
    one.team.local.publish([lesson])
    down = team_server.url(a).replace(f":{team_server.cluster.port}/", ":1/")
    offline = TeamSync(one.services.db, down, team_server.passwords[a])
    with pytest.raises(TeamError, match="does not answer"):
        offline.sync()
    assert one.team.local.outbox_size() == 1
    assert "does not answer" in (one.team.local.get("last_error") or "")
    assert one.team.sync().pushed == 1
    assert one.team.local.outbox_size() == 0
    assert one.team.local.get("last_error") is None
    assert server_rows(team_server, "SELECT title FROM team.lesson") == [("Written on the train",)]


def test_a_wrong_password_is_one_clear_line_and_keeps_the_outbox(team_server, notebooks) -> None:
    a = team_server.add_seller("Wes Wrong")
    one = notebooks(a)
    one.team.local.publish([one.lesson("Kept")])
    with pytest.raises(TeamError, match="refused the password"):
        TeamSync(one.services.db, team_server.url(a), "not it").sync()
    assert one.team.local.outbox_size() == 1


def test_publishing_an_unknown_lesson_is_refused_and_queues_nothing(team_server, notebooks) -> None:
    one = notebooks(team_server.add_seller("Ursa Unknown"))
    real = one.lesson("Real")
    with pytest.raises(InvalidInput, match="No lesson with id 999"):
        one.team.local.publish([real, 999])
    assert one.team.local.outbox_size() == 0
    assert one.team.local.shares() == {}


def test_the_cache_index_follows_the_first_pull_and_every_change_after(
    team_server, notebooks
) -> None:
    from sales_notebook.team.search import TeamSearch

    a = team_server.add_seller("Ines Index")
    b = team_server.add_seller("Otto Index")
    mine, theirs = notebooks(a), notebooks(b)
    lesson = mine.lesson("Walrus pricing", what_happened="the walrus budget")
    mine.team.local.publish([lesson, mine.lesson("Second")])
    mine.team.sync()
    theirs.team.sync()  # a first pull: indexed in one rebuild at its end
    assert theirs.team.local.get("bulk_load") is None
    search = TeamSearch(theirs.services.db)
    assert [h.title for h in search.search("walrus")] == ["Walrus pricing"]
    mine.sql(
        "UPDATE lesson SET title = 'Narwhal pricing', what_happened = 'narwhal' WHERE id = ?",
        lesson,
    )
    mine.team.sync()
    theirs.team.sync()  # incremental: the triggers keep the index exact
    assert search.search("walrus") == []
    assert [h.title for h in search.search("narwhal")] == ["Narwhal pricing"]
    # Raises if the index and the cached rows disagree.
    theirs.sql("INSERT INTO fts_team_lesson(fts_team_lesson, rank) VALUES ('integrity-check', 1)")


def test_a_lesson_the_server_says_is_another_sellers_does_not_block_the_rest(
    team_server, notebooks
) -> None:
    a = team_server.add_seller("Ada Owner")
    b = team_server.add_seller("Ben Borrow")
    first, second = notebooks(a), notebooks(b)
    original = first.lesson("Ada's lesson")
    first.team.local.publish([original])
    first.team.sync()
    # B's notebook holds a copy of A's lesson with the same UUID (an import of A's export).
    copy = second.copy_of(first, original, "Copied from Ada")
    second.team.local.publish([copy, second.lesson("Ben's own")])
    result = second.team.sync()
    assert result.pushed == 1 and "refused 1 lesson(s)" in (result.problem or "")
    assert "Copied from Ada" in (result.problem or "")
    assert second.team.local.outbox_size() == 0  # never retried forever
    assert second.team.local.get("last_error") == result.problem
    titles = sorted(t for _, t in second.cached())
    assert titles == ["Ada's lesson", "Ben's own"]


def test_deleting_a_shared_lesson_unpublishes_it(team_server, notebooks) -> None:
    from sales_notebook.store.models import Lesson

    one = notebooks(team_server.add_seller("Del Ete"))
    lesson = one.lesson("Soon deleted")
    one.team.local.publish([lesson])
    one.team.sync()
    with one.services.db.session() as s:
        s.delete(s.get(Lesson, lesson))
    assert [i.action for i in one.team.local.outbox()] == ["unpublish"]
    one.team.sync()
    assert server_rows(team_server, "SELECT count(*) FROM team.lesson") == [(0,)]
    assert one.cached() == []
