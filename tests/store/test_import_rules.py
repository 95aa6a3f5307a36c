"""Import validation comes from the models' columns: a table or column added later is checked
by its type, default, uniqueness and CHECK rules with no new code."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

from sales_notebook.store.column_rules import stored_value_problems
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.import_check import parse_rows

NEW = Table(
    "team_note",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("uuid", String(36), unique=True, default=lambda: "made-up-uuid"),
    Column("score", Float),
    Column("at", DateTime(timezone=True)),
    Column("shared", Boolean, default=False),
    Column("level", Integer, CheckConstraint("level BETWEEN 1 AND 3"), nullable=False),
    Column("body", Text, default=""),
    Column("origin", String(10), server_default=text("'local'")),
    CheckConstraint("score IS NULL OR score <> level", name="score_not_level"),
)


def test_a_new_table_gets_defaults_types_and_offsets_from_its_columns() -> None:
    [row] = parse_rows(NEW, [{"id": 1, "level": 2, "at": "2026-01-05T09:00:00+01:00"}])
    assert row["uuid"] == "made-up-uuid" and row["shared"] is False and row["body"] == ""
    assert row["score"] is None and row["at"].isoformat() == "2026-01-05T08:00:00"
    assert "origin" not in row  # the database fills it in


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"id": 1}], "row 1, field “level”: is missing, and it has no default"),
        ([{"id": 1, "level": 4}], "field “level”: must be a whole number from 1 to 3, not 4"),
        ([{"id": 1, "level": 1, "score": "high"}], "field “score”: must be a number"),
        ([{"id": 1, "level": 1, "shared": "no"}], "field “shared”: must be true or false"),
        ([{"id": 1, "level": 1, "uuid": "x" * 37}], "field “uuid”: is too long"),
        ([{"id": 1, "level": 1, "body": "x" * 1_000_001}], "at most 1,000,000"),
        ([{"id": 1, "level": 1}, {"id": 2, "level": 1}], "row 2, field “uuid”: “made-up-uuid”"),
        ([{"id": 1, "level": 2, "score": 2}], "row 1, fields “score”, “level”: breaks the rule"),
    ],
)
def test_a_new_table_refuses_by_its_columns(rows: list[object], message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_rows(NEW, rows)
    said = str(caught.value)
    assert said.startswith("Table “team_note”, row ") and message in said, said


def test_check_reports_words_outside_the_vocabularies(services, paths) -> None:
    from sales_notebook.store.demo import fill_demo

    fill_demo(services.db)
    services.close()
    conn = sqlite3.connect(paths.database)
    conn.execute("UPDATE call_marker SET kind = 'banana' WHERE id = 1")
    conn.execute("UPDATE call SET outcome = 'great' WHERE id = 2")
    conn.execute("UPDATE call_marker SET elapsed_seconds = 'abc' WHERE id = 3")
    conn.commit()
    problems = stored_value_problems(conn)
    conn.close()
    assert "call_marker row 1: kind “banana” is not one of next_step" in problems[1]
    assert any(p.startswith("call row 2: outcome “great” is not one of won") for p in problems)
    assert any(p == "call_marker row 3: elapsed_seconds “abc” is not a number." for p in problems)


def test_an_infinity_stored_by_an_old_import_exports_as_valid_json(services, paths) -> None:
    import io
    import json

    from sales_notebook.store.demo import fill_demo
    from sales_notebook.store.transfer import write_export

    fill_demo(services.db)
    with sqlite3.connect(paths.database) as conn:
        conn.execute("UPDATE stakeholder SET pos_x = 9e999, pos_y = 1.5 WHERE id = 1")
    out = io.StringIO()
    write_export(services.db, out)
    [first, *_] = json.loads(out.getvalue(), parse_constant=lambda c: pytest.fail(c))["tables"][
        "stakeholder"
    ]
    assert first["pos_x"] is None and first["pos_y"] == 1.5


def test_the_check_command_reports_a_word_outside_its_vocabulary(capsys, tmp_path) -> None:
    from sales_notebook.cli import main

    assert main(["demo", "--data-dir", str(tmp_path)]) == 0
    with sqlite3.connect(tmp_path / "notebook.db") as conn:
        conn.execute("UPDATE stakeholder SET attitude = 'furious' WHERE id = 2")
    capsys.readouterr()
    assert main(["check", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "stakeholder row 2: attitude “furious” is not one of supporter" in err
