"""One SQLite library per process: the newer one where its wheel exists, and only through
store/sqlite_lib.py."""

from __future__ import annotations

import ast
import importlib
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from sales_notebook.cli import main
from sales_notebook.store import sqlite_lib
from sales_notebook.store.database import Database

ROOT = Path(__file__).resolve().parents[2]
# Where the wheel exists, pyproject.toml installs it (its environment marker).
HAS_WHEEL = sys.platform == "linux" and platform.machine() == "x86_64"


def _stdlib_imports(path: Path) -> list[int]:
    """Lines of `path` that import the standard library's sqlite3 (code, not strings)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        if any(name.split(".")[0] == "sqlite3" for name in names):
            lines.append(node.lineno)
    return lines


def test_no_module_opens_a_notebook_with_another_sqlite_library():
    found = {}
    for folder in ("sales_notebook", "migrations", "tests", "packaging"):
        for path in (ROOT / folder).rglob("*.py"):
            if path == ROOT / "sales_notebook" / "store" / "sqlite_lib.py":
                continue
            lines = _stdlib_imports(path)
            if lines:
                found[str(path.relative_to(ROOT))] = lines
    assert found == {}


def test_the_engine_runs_the_one_library(tmp_path):
    db = Database(tmp_path / "notebook.db")
    try:
        with db.session() as s:
            version = s.connection().exec_driver_sql("SELECT sqlite_version()").scalar()
    finally:
        db.dispose()
    assert version == sqlite_lib.sqlite3.sqlite_version


@pytest.mark.skipif(not HAS_WHEEL, reason="pysqlite3 has wheels for Linux x86-64 only")
def test_where_the_wheel_exists_the_newer_sqlite_is_used():
    assert sqlite_lib.sqlite3.__name__ == "pysqlite3.dbapi2"
    # 3.51.3 and 3.53.0 were the first without the WAL-reset bug (sqlite.org/wal.html).
    assert sqlite_lib.sqlite3.sqlite_version_info >= (3, 53, 0)
    conn = sqlite_lib.sqlite3.connect(":memory:")
    try:  # the search index needs FTS5
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
    finally:
        conn.close()


def test_without_the_wheel_python_s_own_sqlite3_serves(monkeypatch):
    monkeypatch.setitem(sys.modules, "pysqlite3", None)  # import fails as on another platform
    try:
        fallback = importlib.reload(sqlite_lib).sqlite3
        assert fallback.__name__ == "sqlite3"
        assert fallback.connect(":memory:").execute("SELECT 1").fetchone() == (1,)
    finally:
        monkeypatch.undo()
        importlib.reload(sqlite_lib)


# Run by Python's own sqlite3 in another process (two libraries must not share one process).
_OLDER_SQLITE_READS_IT = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
conn.execute("INSERT INTO fts_doc(fts_doc, rank) VALUES ('integrity-check', 1)")
found = conn.execute("SELECT count(*) FROM fts_doc WHERE fts_doc MATCH 'budget'").fetchone()[0]
conn.execute("INSERT INTO fts_doc(fts_doc) VALUES ('optimize')")
conn.commit()
print(sqlite3.sqlite_version, found)
"""


@pytest.mark.skipif(not HAS_WHEEL, reason="the app runs Python's own SQLite here")
def test_a_notebook_written_by_the_newer_sqlite_stays_readable_by_the_system_s(tmp_path, capsys):
    """A seller who opens the file with Debian's sqlite3, or goes back to a version of the app
    on the system's SQLite, finds it whole, its search index included."""
    data = tmp_path / "data"
    assert main(["demo", "--data-dir", str(data)]) == 0
    capsys.readouterr()
    database = data / "notebook.db"
    conn = sqlite_lib.sqlite3.connect(database)
    conn.execute("INSERT INTO fts_doc(fts_doc) VALUES ('optimize')")  # rewrite the whole index
    conn.commit()
    conn.close()
    done = subprocess.run(
        [sys.executable, "-I", "-c", _OLDER_SQLITE_READS_IT, str(database)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    version, found = done.stdout.split()
    assert version != sqlite_lib.sqlite3.sqlite_version and int(found) > 0
