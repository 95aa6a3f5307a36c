"""Import validation comes from the models' columns: a table or column added later is checked
by its type, default, uniqueness and CHECK rules with no new code."""

from __future__ import annotations

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
from sales_notebook.store.sqlite_lib import sqlite3

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


def test_replace_keeps_the_team_servers_url_and_refuses_a_strange_outbox_action(
    tmp_path, capsys
) -> None:
    import json

    from sales_notebook.cli import main
    from sales_notebook.paths import DataPaths
    from sales_notebook.store.services import Services
    from sales_notebook.team.local import TeamLocal

    data = tmp_path / "nb"
    assert main(["demo", "--data-dir", str(data)]) == 0
    services = Services.open(DataPaths(data))
    TeamLocal(services.db).put(url="postgresql://me@127.0.0.1:1/team", me="me")
    services.close()
    dump = tmp_path / "export.json"
    assert main(["export", "--data-dir", str(data), "--out", str(dump)]) == 0
    document = json.loads(dump.read_text())
    document["tables"].pop("team_state", None)  # an export from before the team library
    dump.write_text(json.dumps(document))
    assert main(["import", str(dump), "--replace", "--data-dir", str(data)]) == 0
    services = Services.open(DataPaths(data))
    assert TeamLocal(services.db).get("url") == "postgresql://me@127.0.0.1:1/team"
    services.close()

    document["tables"]["team_outbox"] = [
        {"id": 1, "lesson_uuid": "x", "action": "delete everything", "queued_at": "2026-01-01"}
    ]
    dump.write_text(json.dumps(document))
    capsys.readouterr()
    assert main(["import", str(dump), "--replace", "--data-dir", str(data)]) == 2
    assert "team_outbox" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("table", "row", "message"),
    [
        ("lesson", {"uuid": "not-a-uuid"}, "row 1, field “uuid”: must be a UUID"),
        ("lesson", {"uuid": ""}, "row 1, field “uuid”: must be a UUID"),
        ("team_outbox", {"lesson_uuid": "x"}, "row 1, field “lesson_uuid”: must be a UUID"),
        ("team_outbox", {"queued_at": "soon"}, "row 1, field “queued_at”: must be a date"),
        ("team_share", {"lesson_id": 999}, "row 1, field “lesson_id”: points at lesson 999"),
    ],
)
def test_sharing_rows_that_would_break_a_sync_are_refused(
    tmp_path, capsys, table: str, row: dict[str, object], message: str
) -> None:
    import json

    from sales_notebook.cli import main

    data = str(tmp_path / "nb")
    assert main(["demo", "--data-dir", data]) == 0
    dump = tmp_path / "export.json"
    assert main(["export", "--data-dir", data, "--out", str(dump)]) == 0
    document = json.loads(dump.read_text())
    uuid = document["tables"]["lesson"][0]["uuid"]
    base = {
        "lesson": document["tables"]["lesson"][0],
        "team_outbox": {"id": 1, "lesson_uuid": uuid, "action": "publish",
                        "queued_at": "2026-01-01T00:00:00Z"},
        "team_share": {"lesson_id": 1, "share_account": False,
                       "shared_at": "2026-01-01T00:00:00"},
    }[table]  # fmt: skip
    document["tables"][table] = [{**base, **row}]
    dump.write_text(json.dumps(document))
    before = (tmp_path / "nb" / "notebook.db").read_bytes()
    capsys.readouterr()
    assert main(["import", str(dump), "--replace", "--data-dir", data]) == 2
    err = capsys.readouterr().err
    assert f"Table “{table}”, " in err and message in err, err
    assert (tmp_path / "nb" / "notebook.db").read_bytes() == before


def test_a_uuid_and_a_queued_time_are_stored_in_their_usual_form() -> None:
    from sales_notebook.store.import_check import parse_rows
    from sales_notebook.store.team_models import TeamOutbox

    [row] = parse_rows(
        TeamOutbox.__table__,  # type: ignore[arg-type]
        [{"id": 1, "lesson_uuid": "0B9D7A3E5C1F4B7E9D2A4F6C8E1A2B3C", "action": "unpublish",
          "queued_at": "2026-01-05T10:00:00+01:00"}],
    )  # fmt: skip
    assert row["lesson_uuid"] == "0b9d7a3e-5c1f-4b7e-9d2a-4f6c8e1a2b3c"
    assert row["queued_at"] == "2026-01-05T09:00:00.000000+00:00"
