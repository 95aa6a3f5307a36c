"""team search folds ø æ ß ł … as the library's does: a `fold` column in the team cache's index

Revision ID: 0009_team_transfer
Revises: 0007_team_outbox
Create Date: 2026-11-29

unicode61 keeps ø, æ, ß, ł … as they are, so "Orsted" did not find a team lesson about
Ørsted. As in the library's index (0006), the cached lesson gets a folded copy of its text
(`fold`: only where the text has such letters, else ''), indexed as a fifth column of
fts_team_lesson, and the search folds the query the same way. The cache writer fills `fold`
(team/cache.py); this migration fills it for lessons already cached and rebuilds the index.
Its vocabulary (fts_team_lesson_terms) finds Chinese and Japanese words inside sentences,
as the library's does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_team_transfer"
down_revision = "0007_team_outbox"
branch_labels = None
depends_on = None

# Kept in step with sales_notebook/core/search_query.py FOLDS (a test compares them).
FOLDS = {
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ẞ": "SS", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D",
    "ħ": "h", "Ħ": "H", "ı": "i",
}  # fmt: skip
TOKENIZE = "porter unicode61 remove_diacritics 2"
TEXTS = ("title", "what_happened", "do_differently", "evidence")
TABLE = "fts_team_lesson"
# Its vocabulary: a Chinese or Japanese word inside a run of such letters (one token for
# unicode61) is found by the tokens that contain it, as in the library (0006, fts_doc_terms).
TERMS = "fts_team_lesson_terms"
LIVE = "WHEN NOT EXISTS (SELECT 1 FROM team_state WHERE key = 'bulk_load')"


def folded(texts: tuple[str, ...]) -> str:
    """The texts that hold letters of FOLDS, folded, one a line; '' when none does."""
    table = str.maketrans(FOLDS)
    return "\n".join(f for t in texts if t and not t.isascii() and (f := t.translate(table)) != t)


def _index(columns: tuple[str, ...], rank: str) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    t = TABLE
    return [
        f"CREATE VIRTUAL TABLE {t} USING fts5({cols}, content='team_lesson', "
        f"content_rowid='id', tokenize='{TOKENIZE}', prefix='4 5')",
        f"CREATE TRIGGER {t}_ai AFTER INSERT ON team_lesson {LIVE} BEGIN "
        f"INSERT INTO {t}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {t}_ad AFTER DELETE ON team_lesson {LIVE} BEGIN "
        f"INSERT INTO {t}({t}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {t}_au AFTER UPDATE OF {cols} ON team_lesson {LIVE} BEGIN "
        f"INSERT INTO {t}({t}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {t}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"INSERT INTO {t}({t}, rank) VALUES ('rank', '{rank}')",
        f"INSERT INTO {t}({t}) VALUES ('rebuild')",
    ]


def _drop_index() -> None:
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{suffix}")
    op.execute(f"DROP TABLE IF EXISTS {TERMS}")
    op.execute(f"DROP TABLE IF EXISTS {TABLE}")


def upgrade() -> None:
    _drop_index()
    op.execute("ALTER TABLE team_lesson ADD COLUMN fold TEXT NOT NULL DEFAULT ''")
    conn = op.get_bind()
    # Only rows with a byte outside ASCII can hold such a letter.
    rows = conn.execute(
        sa.text(
            f"SELECT id, {', '.join(TEXTS)} FROM team_lesson WHERE "
            + " OR ".join(f"length(CAST({c} AS BLOB)) <> length({c})" for c in TEXTS)
        )
    ).all()
    updates = [{"id": r[0], "fold": folded(tuple(r[1:]))} for r in rows]
    updates = [u for u in updates if u["fold"]]
    if updates:
        conn.execute(sa.text("UPDATE team_lesson SET fold = :fold WHERE id = :id"), updates)
    for statement in _index((*TEXTS, "fold"), "bm25(4.0, 2.0, 2.0, 1.0, 1.0)"):
        op.execute(statement)
    op.execute(f"CREATE VIRTUAL TABLE {TERMS} USING fts5vocab({TABLE}, 'row')")


def downgrade() -> None:
    _drop_index()
    op.execute("ALTER TABLE team_lesson DROP COLUMN fold")
    for statement in _index(TEXTS, "bm25(4.0, 2.0, 2.0, 1.0)"):
        op.execute(statement)
