"""full-text search over lessons and call notes (FTS5, external content)

Revision ID: 0003_search_index
Revises: 0002_default_root_causes
Create Date: 2026-11-23

Both indexes read their text from the real tables (external content), so the text is stored
once. Triggers keep them exact; the call trigger fires only when the title or notes change,
because autosave rewrites a live call's notes about once a second.
"""

from __future__ import annotations

from alembic import op

revision = "0003_search_index"
down_revision = "0002_default_root_causes"
branch_labels = None
depends_on = None

TOKENIZE = "porter unicode61 remove_diacritics 2"
# Prefix queries of 4 or 5 letters read one ready doclist instead of merging every word that
# starts with them (100 ms on a large notebook); core/search_query.py cuts longer prefixes to 5.
PREFIXES = "4 5"
LESSON_COLUMNS = ("title", "what_happened", "do_differently", "feeling")
CALL_COLUMNS = ("title", "notes")
# bm25 column weights, stored as the table's default rank so `ORDER BY rank` keeps FTS5's
# fast path: a word in a lesson's title says more than one in its feelings.
LESSON_RANK = "bm25(4.0, 2.0, 2.0, 1.0)"
CALL_RANK = "bm25(3.0, 1.0)"


def _index(table: str, source: str, columns: tuple[str, ...], watched: str) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE {table} USING fts5({cols}, content='{source}', "
        f"content_rowid='id', tokenize='{TOKENIZE}', prefix='{PREFIXES}')",
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON {source} BEGIN "
        f"INSERT INTO {table}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON {source} BEGIN "
        f"INSERT INTO {table}({table}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        # Only when the text really changed: ending a call writes the same notes again.
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF {watched} ON {source} "
        f"WHEN {' OR '.join(f'old.{c} IS NOT new.{c}' for c in columns)} BEGIN "
        f"INSERT INTO {table}({table}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {table}(rowid, {cols}) VALUES (new.id, {new}); END",
        # Existing rows (a notebook upgraded from 0002) are indexed here.
        f"INSERT INTO {table}({table}) VALUES ('rebuild')",
    ]


def upgrade() -> None:
    statements = _index("fts_lesson", "lesson", LESSON_COLUMNS, ", ".join(LESSON_COLUMNS))
    statements += _index("fts_call", "call", CALL_COLUMNS, "title, notes")
    statements += [
        f"INSERT INTO fts_lesson(fts_lesson, rank) VALUES ('rank', '{LESSON_RANK}')",
        f"INSERT INTO fts_call(fts_call, rank) VALUES ('rank', '{CALL_RANK}')",
    ]
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    for table in ("fts_lesson", "fts_call"):
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {table}")
