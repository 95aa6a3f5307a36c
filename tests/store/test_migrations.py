"""Schema migrations: Alembic agrees with the models, old files upgrade, bad files are refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from sales_notebook.paths import DataPaths
from sales_notebook.store.backup import list_backups
from sales_notebook.store.database import make_engine
from sales_notebook.store.errors import CorruptNotebook, NewerNotebook
from sales_notebook.store.migrate import HEAD_REVISION, alembic_config, prepare, stored_revision
from sales_notebook.store.sqlite_lib import sqlite3

FROZEN = Path(__file__).parent.parent / "data" / "schemas"


def load_frozen(paths: DataPaths, revision: str) -> None:
    paths.ensure()
    con = sqlite3.connect(paths.database)
    con.executescript((FROZEN / f"{revision}.sql").read_text())
    con.close()


def test_head_revision_constant_matches_the_migrations() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_upgrade_from_empty_then_alembic_check_finds_nothing(paths: DataPaths) -> None:
    assert prepare(paths) is None  # a fresh file needs no backup
    assert stored_revision(paths.database) == HEAD_REVISION
    engine = make_engine(paths.database)
    with engine.connect() as conn:
        command.check(alembic_config(conn))  # raises if models and migrations disagree
    engine.dispose()


def test_files_are_private(paths: DataPaths) -> None:
    prepare(paths)
    assert paths.root.stat().st_mode & 0o777 == 0o700
    assert paths.database.stat().st_mode & 0o777 == 0o600


def test_current_file_is_opened_without_importing_alembic(paths: DataPaths) -> None:
    prepare(paths)
    code = (
        "import sys; from sales_notebook.paths import DataPaths; "
        "from sales_notebook.store.migrate import prepare; "
        f"prepare(DataPaths(__import__('pathlib').Path({str(paths.root)!r}))); "
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("revision", sorted(p.stem for p in FROZEN.glob("*.sql")))
def test_frozen_notebooks_upgrade_with_a_backup_and_keep_their_data(
    paths: DataPaths, revision: str
) -> None:
    load_frozen(paths, revision)
    if revision == HEAD_REVISION:
        pytest.skip("already current")
    backup = prepare(paths)
    assert backup is not None and Path(backup).exists()
    assert stored_revision(Path(backup)) == revision  # the backup is the file before upgrade
    assert stored_revision(paths.database) == HEAD_REVISION
    con = sqlite3.connect(paths.database)
    assert con.execute("SELECT notes FROM call").fetchone()[0].startswith("Ava wants a pilot")
    assert con.execute("SELECT count(*) FROM root_cause").fetchone()[0] >= 14
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()


def test_a_file_from_a_newer_app_is_refused_and_left_untouched(paths: DataPaths) -> None:
    prepare(paths)
    con = sqlite3.connect(paths.database)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = paths.database.read_bytes()
    with pytest.raises(NewerNotebook, match="newer version"):
        prepare(paths)
    assert paths.database.read_bytes() == before
    assert list_backups(paths) == []


@pytest.mark.parametrize(
    "content",
    [b"this is a text file, not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 4000],
)
def test_a_damaged_file_is_refused_and_never_modified(paths: DataPaths, content: bytes) -> None:
    paths.ensure()
    paths.database.write_bytes(content)
    with pytest.raises(CorruptNotebook, match="left exactly as it is"):
        prepare(paths)
    assert paths.database.read_bytes() == content


def test_a_foreign_sqlite_database_is_not_taken_over(paths: DataPaths) -> None:
    paths.ensure()
    con = sqlite3.connect(paths.database)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    with pytest.raises(CorruptNotebook, match="not a Sales Notebook"):
        prepare(paths)
