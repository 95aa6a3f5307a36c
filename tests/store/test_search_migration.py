"""Upgrading a 0002 notebook with lessons and notes builds the search index for them."""

from __future__ import annotations

import importlib

from alembic import command

from sales_notebook.store.database import make_engine
from sales_notebook.store.migrate import HEAD_REVISION, alembic_config, prepare, stored_revision
from sales_notebook.store.services import Services
from sales_notebook.store.sqlite_lib import sqlite3


def at_revision(paths, revision: str) -> None:
    """A new notebook at an older schema."""
    paths.ensure()
    engine = make_engine(paths.database)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
    engine.dispose()


def test_upgrade_from_0002_indexes_existing_lessons_and_notes(paths) -> None:
    at_revision(paths, "0002_default_root_causes")
    conn = sqlite3.connect(paths.database)
    with conn:
        conn.execute("INSERT INTO account(id, name, created_at) VALUES (1, 'Acme', '2026-01-01')")
        conn.execute(
            "INSERT INTO call(id, account_id, title, started_at, notes, summary) "
            "VALUES (7, 1, 'Kickoff', '2026-01-02 10:00:00.000000', 'they fear a rollout', '')"
        )
        conn.execute(
            "INSERT INTO lesson(id, call_id, account_id, title, feeling, what_happened, "
            "do_differently, created_at) VALUES (3, 7, 1, 'Missed the CFO', '', "
            "'Never met the economic buyer', 'Ask who signs', '2026-01-03 10:00:00.000000')"
        )
    conn.close()
    assert stored_revision(paths.database) == "0002_default_root_causes"

    backup = prepare(paths)

    assert backup is not None
    assert stored_revision(paths.database) == HEAD_REVISION
    services = Services.open(paths)
    try:
        assert [(h.kind, h.lesson_id) for h in services.search.search("economic")] == [
            ("lesson", 3)
        ]
        assert [(h.kind, h.call_id) for h in services.search.search("rollouts")] == [("call", 7)]
    finally:
        services.close()


def test_alembic_check_is_clean_with_the_fts_tables(services) -> None:
    # Raises if autogenerate finds a difference (an FTS shadow table not left out, say).
    with services.db.engine.begin() as connection:
        command.check(alembic_config(connection))


def test_downgrade_removes_the_index(paths) -> None:
    prepare(paths)
    engine = make_engine(paths.database)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0002_default_root_causes")
    engine.dispose()
    conn = sqlite3.connect(paths.database)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert not any(name.startswith("fts_") for name in names)


def test_0008_merges_the_index_into_one_segment_and_keeps_it_exact(paths) -> None:
    speed = importlib.import_module("sales_notebook.migrations.versions.0010_search_speed")
    at_revision(paths, speed.down_revision)  # the revision before it, whichever that is
    conn = sqlite3.connect(paths.database)
    conn.execute("INSERT INTO account(id, name, name_key, created_at) "
                 "VALUES (1, 'Acme', 'acme', '2026-01-01')")  # fmt: skip
    for n in range(1, 41):  # one transaction each: a segment each, as autosaves leave them
        with conn:
            conn.execute(
                "INSERT INTO call(id, account_id, title, started_at, notes, summary) "
                "VALUES (?, 1, 'Call', '2026-01-02 10:00:00.000000', ?, '')",
                (n, f"escrow talk number{n}"),
            )
    segments = "SELECT count(DISTINCT segid) FROM fts_doc_idx"
    assert conn.execute(segments).fetchone()[0] > 1
    conn.close()

    prepare(paths)

    conn = sqlite3.connect(paths.database)
    assert conn.execute(segments).fetchone()[0] == 1
    conn.execute("INSERT INTO fts_doc(fts_doc, rank) VALUES ('integrity-check', 1)")
    conn.close()
    services = Services.open(paths)
    try:
        assert len(services.search.search("escrow", limit=100)) == 40
        assert [h.call_id for h in services.search.search("number17")] == [17]
    finally:
        services.close()
