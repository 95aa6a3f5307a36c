"""The one SQLite library this process uses: every connection to a notebook goes through it.

Where its wheel exists (Linux on x86-64), that is pysqlite3: the standard library's sqlite3
module built with its own, recent SQLite (3.53, with FTS5). Debian 12's SQLite is 3.40, which
has the WAL-reset bug (https://www.sqlite.org/wal.html#walresetbug: two connections in WAL
mode, one resetting the log after a checkpoint while the other writes, can damage the file;
3.7.0 to 3.51.2). The notebook runs WAL with a pool of connections, and a large search reads on
two at once. The newer SQLite also ranks a search 25-35 % faster on the same file
(docs/PERFORMANCE.md). Elsewhere it is Python's own sqlite3: the same API.

Every module imports `sqlite3` from here, never the standard library's directly (a test
checks): two SQLite libraries in one process do not see each other's file locks, and one of
them closing the notebook drops the other's locks, which can damage the file
(https://www.sqlite.org/howtocorrupt.html, "multiple copies of SQLite linked into the same
application"). The engine (store/database.py) is given this module too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same API; mypy reads the standard library's types
    import sqlite3
else:
    try:
        from pysqlite3 import dbapi2 as sqlite3
    except ImportError:  # no wheel for this platform: Python's own, same API
        import sqlite3

__all__ = ["sqlite3"]
