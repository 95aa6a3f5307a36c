"""The team server: schema, roles and row-level security, tried with raw SQL as the sellers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from sales_notebook.team.admin import add_seller, init_team
from sales_notebook.team.server import TeamError, make_engine
from tests.team.conftest import TeamServer


@contextmanager
def as_role(server: TeamServer, role: str) -> Iterator[Connection]:
    engine = make_engine(server.url(role), server.passwords[role])
    try:
        with engine.begin() as conn:
            yield conn
    finally:
        engine.dispose()


def insert(conn: Connection, lesson_uuid: str, title: str, author: str | None = None) -> None:
    columns = "uuid, title, lesson_date" + (", author" if author else "")
    values = ":u, :t, current_date" + (", :a" if author else "")
    conn.execute(
        text(f"INSERT INTO team.lesson ({columns}) VALUES ({values})"),
        {"u": lesson_uuid, "t": title, "a": author},
    )


def refused(server: TeamServer, role: str, sql: str, **params: object) -> str:
    with pytest.raises(DBAPIError) as caught, as_role(server, role) as conn:
        conn.execute(text(sql), params)
    return str(caught.value.orig)


def test_sellers_read_all_but_write_only_their_own(team_server: TeamServer) -> None:
    a = team_server.add_seller("Anna Berg")
    b = team_server.add_seller("Björn Ek")
    assert (a, b) == ("anna_berg", "bjorn_ek")
    anna_lesson = str(uuid.uuid4())
    with as_role(team_server, a) as conn:
        insert(conn, anna_lesson, "Lost the champion")
    with as_role(team_server, b) as conn:
        rows = conn.execute(text("SELECT author, title FROM team.lesson")).all()
        assert rows == [("anna_berg", "Lost the champion")]
        # Updates and deletes of A's row find nothing to touch: RLS hides it from B's writes.
        assert conn.execute(text("UPDATE team.lesson SET title = 'mine now'")).rowcount == 0
        assert conn.execute(text("DELETE FROM team.lesson")).rowcount == 0
    # Publishing as A, or taking A's lesson over by its UUID, is refused outright.
    assert "row-level security" in refused(
        team_server, b,
        "INSERT INTO team.lesson (uuid, title, lesson_date, author) "
        "VALUES (:u, 'fake', current_date, 'anna_berg')",
        u=str(uuid.uuid4()),
    )  # fmt: skip
    assert "row-level security" in refused(
        team_server, b,
        "INSERT INTO team.lesson (uuid, title, lesson_date) VALUES (:u, 'x', current_date) "
        "ON CONFLICT (uuid) DO UPDATE SET title = excluded.title",
        u=anna_lesson,
    )  # fmt: skip
    with as_role(team_server, b) as conn:
        insert(conn, str(uuid.uuid4()), "Mine")
    assert "row-level security" in refused(
        team_server, b, "UPDATE team.lesson SET author = 'anna_berg' WHERE author = 'bjorn_ek'"
    )
    with as_role(team_server, a) as conn:
        assert conn.execute(
            text("SELECT title FROM team.lesson WHERE author = 'anna_berg'")
        ).all() == [("Lost the champion",)]


def test_a_seller_can_do_nothing_else(team_server: TeamServer) -> None:
    b = team_server.add_seller("Bo")
    for sql in (
        "CREATE TABLE team.mine (x int)",
        "CREATE TABLE public.mine (x int)",
        "CREATE TEMPORARY TABLE mine (x int)",
        "DROP TABLE team.lesson",
        "ALTER TABLE team.lesson DISABLE ROW LEVEL SECURITY",
        "SELECT * FROM team.alembic_version_team",
        "INSERT INTO team.tombstone (uuid, author, changed_at) "
        "VALUES (gen_random_uuid(), 'x', now())",
        "DELETE FROM team.tombstone",
        "INSERT INTO team.seller (role, display_name) VALUES ('bo', 'Boss')",
        "CREATE ROLE sneaky LOGIN",
        "TRUNCATE team.lesson",
    ):
        message = refused(team_server, b, sql).lower()
        assert "permission denied" in message or "must be owner" in message, (sql, message)


def test_unpublishing_leaves_a_tombstone_and_publishing_again_lifts_it(
    team_server: TeamServer,
) -> None:
    a = team_server.add_seller("Ann")
    lesson = str(uuid.uuid4())
    with as_role(team_server, a) as conn:
        insert(conn, lesson, "One")
    with as_role(team_server, a) as conn:
        assert (
            conn.execute(text("DELETE FROM team.lesson WHERE uuid = :u"), {"u": lesson}).rowcount
            == 1
        )
    with as_role(team_server, a) as conn:
        assert conn.execute(text("SELECT uuid::text, author FROM team.tombstone")).all() == [
            (lesson, a)
        ]
        insert(conn, lesson, "One again")
        assert conn.execute(text("SELECT count(*) FROM team.tombstone")).scalar_one() == 0


def test_init_is_idempotent_and_add_seller_refuses_twice(team_server: TeamServer) -> None:
    assert init_team(team_server.admin_url, team_server.cluster.password) == "0001_team_lessons"
    team_server.add_seller("Cleo")
    with pytest.raises(TeamError, match="already exists"):
        add_seller(team_server.admin_url, "Cleo", team_server.cluster.password)


def test_a_seller_cannot_add_sellers_nor_init(team_server: TeamServer) -> None:
    c = team_server.add_seller("Dora")
    with pytest.raises(TeamError, match=r"refused|permission|owner"):
        add_seller(team_server.url(c), "Eve", team_server.passwords[c])


def test_wrong_password_and_a_server_that_is_down_are_one_clear_line(
    team_server: TeamServer,
) -> None:
    with pytest.raises(TeamError, match="refused the password"):
        init_team(team_server.admin_url, "wrong")
    down = team_server.admin_url.replace(f":{team_server.cluster.port}/", ":1/")
    with pytest.raises(TeamError, match="does not answer"):
        init_team(down, "x")
