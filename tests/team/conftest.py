"""One private PostgreSQL cluster for the whole session; each test gets its own team database."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.team.pg_cluster import Cluster, start_cluster, unavailable_reason

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    reason = unavailable_reason()
    if reason:
        pytest.skip(f"team tests need PostgreSQL: {reason}")
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


class TeamServer:
    """One team database on the session's cluster, with its admin role and sellers."""

    def __init__(self, cluster: Cluster, number: int) -> None:
        self.cluster = cluster
        self.database = f"team{number}"
        self.admin = f"admin{number}"
        self.admin_url = cluster.url(self.admin, self.database)
        self.passwords: dict[str, str] = {self.admin: cluster.password}

    def url(self, role: str) -> str:
        return self.cluster.url(role, self.database)

    def add_seller(self, name: str) -> str:
        from sales_notebook.team.admin import add_seller

        seller = add_seller(self.admin_url, name, self.cluster.password)
        self.passwords[seller.role] = seller.password
        return seller.role


def _superuser_sql(cluster: Cluster, *statements: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(
        cluster.url().replace("postgresql://", "postgresql+psycopg://"),
        connect_args={"password": cluster.password},
        isolation_level="AUTOCOMMIT",
    )
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.exec_driver_sql(statement)
    finally:
        engine.dispose()


@pytest.fixture
def team_server(pg_cluster: Cluster) -> TeamServer:
    """A fresh team database owned by a fresh admin role (CREATEROLE, not a superuser), set up."""
    from sales_notebook.team.admin import init_team

    server = TeamServer(pg_cluster, next(_numbers))
    _superuser_sql(
        pg_cluster,
        f"CREATE ROLE {server.admin} LOGIN CREATEROLE PASSWORD '{pg_cluster.password}'",
        f"CREATE DATABASE {server.database} OWNER {server.admin}",
    )
    init_team(server.admin_url, pg_cluster.password)
    return server


class Notebook:
    """A seller's notebook (its own data dir) that syncs as one role."""

    def __init__(self, root, server: TeamServer, role: str) -> None:
        from sales_notebook.paths import DataPaths
        from sales_notebook.store.migrate import prepare
        from sales_notebook.store.services import Services
        from sales_notebook.team.sync import TeamSync

        self.paths = DataPaths(root)
        prepare(self.paths)
        self.services = Services.open(self.paths)
        self.role = role
        self.server = server
        self.team = TeamSync(self.services.db, server.url(role), server.passwords[role])
        self.team.local.put(url=server.url(role))

    def lesson(self, title: str, **kwargs) -> int:
        from sales_notebook.store.lessons import CauseDraft, LessonDraft

        causes = tuple(CauseDraft(c, f"evidence for {c}") for c in kwargs.pop("causes", ()))
        draft = LessonDraft(title=title, outcome="lost", causes=causes, **kwargs)
        return self.services.lessons.create(draft)

    def sql(self, statement: str, *params: object) -> None:
        """Change the notebook by hand, as another program (or an import) would."""
        with self.services.db.session() as s:
            s.connection().exec_driver_sql(statement, params)

    def copy_of(self, source: Notebook, lesson_id: int, title: str) -> int:
        """A lesson here with the UUID of `source`'s lesson (as after an export and import)."""
        with source.services.db.session() as s:
            uuid = (
                s.connection()
                .exec_driver_sql("SELECT uuid FROM lesson WHERE id = ?", (lesson_id,))
                .scalar_one()
            )
        copy = self.lesson(title)
        self.sql("UPDATE lesson SET uuid = ? WHERE id = ?", uuid, copy)
        return copy

    def cached(self) -> list[tuple[str, str]]:
        with self.services.db.session() as s:
            rows = s.connection().exec_driver_sql(
                "SELECT seller, title FROM team_lesson ORDER BY title"
            )
            return [tuple(r) for r in rows]  # type: ignore[misc]

    def close(self) -> None:
        self.services.close()


@pytest.fixture
def notebooks(tmp_path, team_server: TeamServer):
    opened: list[Notebook] = []

    def open_notebook(role: str, name: str | None = None) -> Notebook:
        notebook = Notebook(tmp_path / (name or f"nb{len(opened)}"), team_server, role)
        opened.append(notebook)
        return notebook

    yield open_notebook
    for notebook in opened:
        notebook.close()
