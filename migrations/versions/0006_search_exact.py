"""one search index for lessons and call notes, with causes, filters, folding and CJK

Revision ID: 0006_search_exact
Revises: 0005_name_keys
Create Date: 2026-11-29

Replaces 0003's two indexes (fts_lesson, fts_call) with:

- fts_doc: lessons (rowid = lesson id) and call notes (rowid = -call id) in one FTS5 index, so
  one bm25 scale ranks both. Besides the text it holds, per lesson, its root causes' names and
  evidence (`causes`), a folded copy of text with ø æ ß ł … (`fold`, only where there are
  such letters; unicode61 does not fold them), and `tags`: tokens for the account, outcome,
  causes and dates, so that every filter is part of the MATCH.
- fts_doc_terms: its vocabulary (fts5vocab). Chinese and Japanese are written without spaces,
  so unicode61 indexes a whole run of them as one token; a word inside it is found by
  looking up the indexed tokens that contain it (store/search.py).

fts_doc reads its text from the view search_doc (external content: the text is stored once).
Every change that alters a document is wrapped in a BEFORE trigger that takes the document's
current text out of the index and an AFTER trigger that puts the new one in, both read from
the view: a rename or merge of a cause re-indexes its lessons, and a lesson's causes re-index
its call (whose tags hold them for the cause filter).
"""

from __future__ import annotations

from alembic import op

revision = "0006_search_exact"
down_revision = "0005_name_keys"
branch_labels = None
depends_on = None

# Kept in step with sales_notebook/core/search_query.py FOLDS (a test compares them).
FOLDS = {
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ẞ": "SS", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D",
    "ħ": "h", "Ħ": "H", "ı": "i",
}  # fmt: skip
# The letters of FOLDS in UTF-8, as SQLite finds them fastest: the Latin-1 ones by their two
# bytes, those of Latin Extended-A (ł đ œ ħ ı) by their first byte, and ẞ.
FOLD_BYTES = ("C3A6", "C386", "C3B8", "C398", "C39F", "C3BE", "C39E", "C3B0", "C390", "C4", "C5",
              "E1BA9E")  # fmt: skip
# Filter tokens start with a private-use letter, which unicode61 keeps in a token and the
# search box drops (core/search_query.py): what the user types never matches a filter token.
TAG = "\ue000"
DOC_COLUMNS = (
    "title", "what_happened", "do_differently", "feeling", "causes",
    "call_title", "notes", "fold", "tags",
)  # fmt: skip
# bm25 weights in DOC_COLUMNS order: a lesson's own words weigh more than a note's, on the
# same scale; tags (filters only) weigh nothing, so a filter never changes a score.
DOC_RANK = "bm25(4.0, 2.0, 2.0, 1.0, 2.0, 2.0, 1.0, 1.0, 0.0)"
TOKENIZE = "porter unicode61 remove_diacritics 2"


def _fold(text: str) -> str:
    """`text` with FOLDS applied where it holds such letters, else ''.

    Plain ASCII (most notes) is told by its length in bytes; other text is searched for the
    letters' bytes, which is far cheaper than 19 replace() over all of it.
    """
    blob = f"CAST({text} AS BLOB)"
    has = " OR ".join(f"instr({blob}, x'{b}')" for b in FOLD_BYTES)
    # In two halves, the second in a scalar subquery: SQLite's parser allows only so many
    # nested calls around the causes' own subquery.
    letters = list(FOLDS.items())
    first, second = text, "v"
    for letter, plain in letters[:10]:
        first = f"replace({first}, '{letter}', '{plain}')"
    for letter, plain in letters[10:]:
        second = f"replace({second}, '{letter}', '{plain}')"
    folded = f"(SELECT {second} FROM (SELECT {first} AS v))"
    return f"CASE WHEN length({blob}) = length({text}) THEN '' WHEN {has} THEN {folded} ELSE '' END"


def _dates(column: str) -> str:
    """Tokens for the decade, year, month and day of a stored 'YYYY-MM-DD …' datetime."""
    d = f"coalesce({column}, '')"
    ymd = f"substr({d}, 1, 4) || substr({d}, 6, 2) || substr({d}, 9, 2)"
    return (
        f"'{TAG}e' || substr({d}, 1, 3) || ' {TAG}y' || substr({d}, 1, 4) || ' {TAG}m' || "
        f"substr({d}, 1, 4) || substr({d}, 6, 2) || ' {TAG}d' || {ymd}"
    )


def _causes_tokens(where: str) -> str:
    return (
        "coalesce((SELECT group_concat(t, ' ') FROM (SELECT DISTINCT "
        f"'{TAG}c' || hex(x.cause_id) || '0' AS t FROM lesson_cause x {where} ORDER BY 1)), '')"
    )


def _view() -> str:
    causes = (
        "coalesce((SELECT group_concat(t, ' ') FROM (SELECT r.name || ' ' || x.evidence AS t "
        "FROM lesson_cause x JOIN root_cause r ON r.id = x.cause_id "
        "WHERE x.lesson_id = l.id ORDER BY x.cause_id)), '')"
    )
    lesson_tags = (
        f"'{TAG}a' || coalesce(l.account_id, 0) || ' {TAG}o' || hex(coalesce(l.outcome, '')) "
        "|| '0 ' || "
        f"{_causes_tokens('WHERE x.lesson_id = l.id')} || ' ' || {_dates('l.created_at')}"
    )
    # Each field folded on its own: a flat SELECT, so SQLite can look a row up by its rid.
    lesson_fold = " || ' ' || ".join(
        _fold(f) for f in ("l.title", "l.what_happened", "l.do_differently", "l.feeling", causes)
    )
    call_causes = _causes_tokens("JOIN lesson y ON y.id = x.lesson_id WHERE y.call_id = c.id")
    call_tags = (
        f"'{TAG}a' || c.account_id || ' {TAG}o' || hex(coalesce(c.outcome, '')) || '0 ' || "
        f"{call_causes} || ' ' || {_dates('c.started_at')}"
    )
    call_fold = f"{_fold('c.title')} || ' ' || {_fold('c.notes')}"
    return (
        "CREATE VIEW search_doc AS "
        "SELECT l.id AS rid, l.title AS title, l.what_happened AS what_happened, "
        f"l.do_differently AS do_differently, l.feeling AS feeling, {causes} AS causes, "
        f"'' AS call_title, '' AS notes, {lesson_fold} AS fold, {lesson_tags} AS tags "
        "FROM lesson l UNION ALL "
        f"SELECT -c.id, '', '', '', '', '', c.title, c.notes, {call_fold}, {call_tags} FROM call c"
    )


def _put(rids: str, delete: bool) -> str:
    """The statement taking the documents `rid IN (rids)` out of the index, or putting them in."""
    cols = ", ".join(DOC_COLUMNS)
    if delete:
        return (
            f"INSERT INTO fts_doc(fts_doc, rowid, {cols}) "
            f"SELECT 'delete', rid, {cols} FROM search_doc WHERE rid IN ({rids});"
        )
    return (
        f"INSERT INTO fts_doc(rowid, {cols}) SELECT rid, {cols} FROM search_doc "
        f"WHERE rid IN ({rids});"
    )


def _pair(name: str, event: str, table: str, rids: str, when: str = "") -> list[str]:
    """A BEFORE trigger that takes the documents out and an AFTER trigger that puts them back."""
    guard = f" WHEN {when}" if when else ""
    return [
        f"CREATE TRIGGER {name}_b BEFORE {event} ON {table}{guard} BEGIN {_put(rids, True)} END",
        f"CREATE TRIGGER {name}_a AFTER {event} ON {table}{guard} BEGIN {_put(rids, False)} END",
    ]


def _triggers() -> list[str]:
    lesson_fields = "title, what_happened, do_differently, feeling, account_id, outcome, created_at"
    call_fields = ("title", "notes", "outcome", "account_id", "started_at")
    call_changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in call_fields)
    # Lessons and their calls (a call's tags hold its lessons' causes).
    tag_rids = (
        "SELECT id FROM lesson WHERE id IN ({0}) UNION "
        "SELECT -call_id FROM lesson WHERE id IN ({0}) AND call_id IS NOT NULL"
    )
    lesson_changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in lesson_fields.split(", "))
    exists = "EXISTS (SELECT 1 FROM lesson WHERE id = {})"
    return [
        f"CREATE TRIGGER fts_lesson_ai AFTER INSERT ON lesson BEGIN {_put('new.id', False)} END",
        *_pair("fts_lesson_u", f"UPDATE OF {lesson_fields}", "lesson", "old.id", lesson_changed),
        # A lesson's own document does not hold its call; the calls' tags hold its causes.
        *_pair("fts_lesson_call", "UPDATE OF call_id", "lesson", "-old.call_id, -new.call_id",
               "old.call_id IS NOT new.call_id"),
        f"CREATE TRIGGER fts_lesson_bd BEFORE DELETE ON lesson BEGIN "
        f"{_put('old.id, -old.call_id', True)} END",
        f"CREATE TRIGGER fts_lesson_ad AFTER DELETE ON lesson BEGIN "
        f"{_put('-old.call_id', False)} END",
        *_pair("fts_cause_i", "INSERT", "lesson_cause", tag_rids.format("new.lesson_id"),
               exists.format("new.lesson_id")),
        *_pair("fts_cause_d", "DELETE", "lesson_cause", tag_rids.format("old.lesson_id"),
               exists.format("old.lesson_id")),
        *_pair("fts_cause_u", "UPDATE", "lesson_cause",
               tag_rids.format("old.lesson_id, new.lesson_id")),
        *_pair("fts_cause_rename", "UPDATE OF name", "root_cause",
               "SELECT lesson_id FROM lesson_cause WHERE cause_id = old.id",
               "old.name IS NOT new.name"),
        f"CREATE TRIGGER fts_call_ai AFTER INSERT ON call BEGIN {_put('-new.id', False)} END",
        *_pair("fts_call_u", f"UPDATE OF {', '.join(call_fields)}", "call", "-old.id",
               call_changed),
        f"CREATE TRIGGER fts_call_bd BEFORE DELETE ON call BEGIN {_put('-old.id', True)} END",
    ]  # fmt: skip


OLD_TRIGGERS = [f"fts_{t}_{s}" for t in ("lesson", "call") for s in ("ai", "ad", "au")]
NEW_TRIGGERS = (
    ["fts_lesson_ai", "fts_lesson_bd", "fts_lesson_ad", "fts_call_ai", "fts_call_bd"]
    + [f"{p}_{s}" for p in ("fts_lesson_u", "fts_lesson_call", "fts_cause_i", "fts_cause_d",
                            "fts_cause_u", "fts_cause_rename", "fts_call_u") for s in "ab"]
)  # fmt: skip


def upgrade() -> None:
    for name in OLD_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS fts_lesson")
    op.execute("DROP TABLE IF EXISTS fts_call")
    op.execute(_view())
    # FTS5 reads a call's text by `rid = -id`: this index makes that a lookup, not a scan.
    op.execute("CREATE INDEX fts_call_rid ON call(-id)")
    op.execute(
        f"CREATE VIRTUAL TABLE fts_doc USING fts5({', '.join(DOC_COLUMNS)}, "
        f"content='search_doc', content_rowid='rid', tokenize='{TOKENIZE}', prefix='4 5')"
    )
    # Its vocabulary: a CJK word is looked for inside the indexed tokens.
    op.execute("CREATE VIRTUAL TABLE fts_doc_terms USING fts5vocab(fts_doc, 'row')")
    op.execute(f"INSERT INTO fts_doc(fts_doc, rank) VALUES ('rank', '{DOC_RANK}')")
    for statement in _triggers():
        op.execute(statement)
    op.execute("INSERT INTO fts_doc(fts_doc) VALUES ('rebuild')")


def downgrade() -> None:
    for name in NEW_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in ("fts_doc_terms", "fts_doc"):
        op.execute(f"DROP TABLE IF EXISTS {table}")
    op.execute("DROP INDEX IF EXISTS fts_call_rid")
    op.execute("DROP VIEW IF EXISTS search_doc")
    # 0003's two indexes, as it made them.
    tokenize = "porter unicode61 remove_diacritics 2"
    for table, source, columns, rank in (
        ("fts_lesson", "lesson", ("title", "what_happened", "do_differently", "feeling"),
         "bm25(4.0, 2.0, 2.0, 1.0)"),
        ("fts_call", "call", ("title", "notes"), "bm25(3.0, 1.0)"),
    ):  # fmt: skip
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns)
        for statement in (
            f"CREATE VIRTUAL TABLE {table} USING fts5({cols}, content='{source}', "
            f"content_rowid='id', tokenize='{tokenize}', prefix='4 5')",
            f"CREATE TRIGGER {table}_ai AFTER INSERT ON {source} BEGIN "
            f"INSERT INTO {table}(rowid, {cols}) VALUES (new.id, {new}); END",
            f"CREATE TRIGGER {table}_ad AFTER DELETE ON {source} BEGIN "
            f"INSERT INTO {table}({table}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
            f"CREATE TRIGGER {table}_au AFTER UPDATE OF {cols} ON {source} WHEN {changed} BEGIN "
            f"INSERT INTO {table}({table}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
            f"INSERT INTO {table}(rowid, {cols}) VALUES (new.id, {new}); END",
            f"INSERT INTO {table}({table}) VALUES ('rebuild')",
            f"INSERT INTO {table}({table}, rank) VALUES ('rank', '{rank}')",
        ):
            op.execute(statement)
