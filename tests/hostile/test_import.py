"""Hostile import files: every one is refused in one line naming table, row and field, with
the notebook byte for byte as it was; the few that are fine are imported as meant."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sales_notebook.cli import main
from tests.hostile.conftest import fingerprint, record

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def valid(notebooks, tmp_path_factory) -> Doc:
    out = tmp_path_factory.mktemp("export") / "demo.json"
    assert main(["export", "--data-dir", str(notebooks["demo"]), "--out", str(out)]) == 0
    return json.loads(out.read_text("utf-8"))


def put(table: str, row: int, field: str, value: object) -> Callable[[Doc], None]:
    """Set `field` of row `row` (from 1) of `table`."""
    return lambda doc: doc["tables"][table][row - 1].__setitem__(field, value)


def drop(table: str, row: int, field: str) -> Callable[[Doc], None]:
    return lambda doc: doc["tables"][table][row - 1].pop(field)


def same_as(table: str, row: int, other: int, *fields: str) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        rows = doc["tables"][table]
        for field in fields:
            rows[row - 1][field] = rows[other - 1][field]

    return change


def names(err: str, table: str, row: int, field: str) -> bool:
    """The message names the table, the row and the field (alone or among others)."""
    head = f"sales-notebook: Table “{table}”, row {row}, field"
    return err.startswith(head) and f"“{field}”" in err.split(":")[1]


# (case, change to the valid export, what the one-line message must say)
FIELD_CASES: list[tuple[str, Callable[[Doc], None], str]] = [
    ("sort order as a word", put("root_cause", 1, "sort_order", "first"), "whole number"),
    ("elapsed seconds as a word", put("call_marker", 1, "elapsed_seconds", "abc"), "whole number"),
    ("negative elapsed seconds", put("call_marker", 2, "elapsed_seconds", -5), "from 0"),
    ("negative marker position", put("call_marker", 3, "position", -1), "from 0"),
    ("marker kind banana", put("call_marker", 1, "kind", "banana"), "must be one of next_step"),
    ("call outcome outside vocabulary", put("call", 2, "outcome", "great"), "must be one of won"),
    ("lesson outcome outside vocabulary", put("lesson", 1, "outcome", "meh"), "one of won"),
    ("decision role outside vocabulary", put("stakeholder", 1, "decision_role", "ceo"), "one of"),
    ("attitude outside vocabulary", put("stakeholder", 2, "attitude", "happy"), "supporter"),
    ("coverage outside vocabulary", put("stakeholder", 3, "coverage", "lots"), "no_contact"),
    ("link kind outside vocabulary", put("stakeholder_link", 1, "kind", "hates"), "reports_to"),
    ("checklist outside vocabulary", put("deal", 1, "checklist", "spin"), "meddpicc"),
    ("NaN position", put("stakeholder", 1, "pos_x", float("nan")), "finite number, not NaN"),
    ("Infinity position", put("stakeholder", 1, "pos_y", float("inf")), "not Infinity"),
    ("minus Infinity", put("stakeholder", 2, "pos_x", float("-inf")), "not -Infinity"),
    ("position as text", put("stakeholder", 2, "pos_y", "left"), "must be a number"),
    ("influence true", put("stakeholder", 1, "influence", True), "whole number, not true"),
    ("influence 2**70", put("stakeholder", 1, "influence", 2**70), "from 1 to 5"),
    ("influence 0", put("stakeholder", 4, "influence", 0), "from 1 to 5, not 0"),
    ("influence 6", put("stakeholder", 4, "influence", 6), "from 1 to 5, not 6"),
    ("influence 3.5", put("stakeholder", 4, "influence", 3.5), "whole number, not 3.5"),
    ("influence as a string", put("stakeholder", 4, "influence", "3"), "whole number, not “3”"),
    ("id 2**70", put("account", 2, "id", 2**70), "of a sensible size"),
    ("id as a string", put("account", 2, "id", "2"), "whole number"),
    ("month 13", put("call", 1, "started_at", "2026-13-45T00:00:00"), "date and time"),
    ("time in words", put("call", 4, "started_at", "next tuesday"), "date and time"),
    ("time as a number", put("call", 4, "ended_at", 1700000000), "date and time"),
    ("offset before year 1", put("call", 5, "started_at", "0001-01-01T00:00:00+05:00"), "date"),
    ("offset after year 9999", put("lesson", 1, "created_at", "9999-12-31T23:00-05:00"), "date"),
    ("position of 2**70", put("stakeholder", 3, "pos_x", 2**70), "number of a sensible size"),
    ("offset of 25 hours", put("call", 5, "ended_at", "2026-01-05T09:00:00+25:00"), "date and"),
    ("30 February", put("next_step", 1, "due", "2026-02-30"), "date such as"),
    ("American date", put("next_step", 2, "due", "05/01/2026"), "date such as"),
    ("time in a date", put("stakeholder", 1, "last_contact", "2026-01-05T10:00:00"), "date such"),
    ("done as yes", put("next_step", 1, "done", "yes"), "true or false"),
    ("done as 1", put("next_step", 1, "done", 1), "true or false, not 1"),
    ("null flag", put("call_attendee", 2, "mentioned_only", None), "must have a value"),
    ("null name", put("account", 1, "name", None), "must have a value"),
    ("name as a number", put("account", 1, "name", 42), "must be text, not 42"),
    ("name as a list", put("account", 1, "name", ["a"]), "must be text, not a list"),
    ("name as an object", put("account", 1, "name", {"a": 1}), "text, not an object"),
    ("name of 201 characters", put("account", 3, "name", "x" * 201), "at most 200"),
    ("call notes over the window's limit", put("call", 6, "notes", "x" * 1_000_001), "1,000,000"),
    ("marker text over the limit", put("call_marker", 1, "text", "x" * 301), "at most 300"),
    ("person notes over the limit", put("stakeholder", 1, "notes", "n" * 20_001), "at most 20,000"),
    ("lone surrogate in a name", put("account", 1, "name", "\ud800"), "broken character"),
    ("lone low surrogate in a title", put("lesson", 2, "title", "ok \udfff"), "broken character"),
    ("call of a missing account", put("call", 15, "account_id", 999), "points at account 999"),
    ("cause that does not exist", put("lesson_cause", 1, "cause_id", "nope"), "root_cause “nope”"),
    ("person of a missing deal", put("stakeholder", 1, "deal_id", 77), "points at deal 77"),
    ("lesson of a missing call", put("lesson", 3, "call_id", 404), "points at call 404"),
    ("link to oneself", lambda d: put("stakeholder_link", 1, "target_id", 1)(d), "themselves"),
    ("account name twice", same_as("account", 2, 1, "name"), "is already used by row 1"),
    ("account id twice", same_as("account", 3, 1, "id"), "is already used by row 1"),
    ("deal name twice", same_as("deal", 2, 1, "account_id", "name"), "together they must be"),
    ("cause tagged twice", same_as("lesson_cause", 2, 1, "lesson_id", "cause_id"), "together"),
    ("link twice", same_as("stakeholder_link", 2, 1, "source_id", "target_id", "kind"), "same"),
    ("unknown field in row 1", put("call", 1, "mood", "great"), "this table has no such field"),
    ("unknown field in a later row", put("call", 9, "mood", "great"), "no such field"),
    ("missing name in row 1", drop("account", 1, "name"), "is missing, and it has no default"),
    ("missing kind in a later row", drop("call_marker", 3, "kind"), "has no default"),
    ("missing id", drop("lesson", 2, "id"), "is missing"),
]


def _field_of(case: str, change: Callable[[Doc], None], valid: Doc) -> tuple[str, int, str]:
    """Which table, row and field `change` touches (for the expected message)."""
    before, after = copy.deepcopy(valid), copy.deepcopy(valid)
    change(after)
    for table, rows in after["tables"].items():
        for index, (old, new) in enumerate(zip(before["tables"][table], rows, strict=True), 1):
            for field in [*old, *(f for f in new if f not in old)]:
                if old.get(field, ...) != new.get(field, ...):
                    return table, index, field
    raise AssertionError(case)


def _import_twice(cli, notebook, text: bytes, tmp_path: Path) -> list:
    """Import into an empty notebook, then with --replace into the demo: (run, whether the
    notebook changed). A refused file takes no backup either."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(text)
    runs = []
    for kind, extra in (("empty", []), ("demo", ["--replace"])):
        root = notebook(kind)
        before = fingerprint(root)
        run = cli("import", str(bad), *extra, "--data-dir", str(root))
        runs.append((run, fingerprint(root) != before))
        assert "Backup taken" not in run.out and not list(root.glob("backups/*before-import*"))
    return runs


@pytest.mark.parametrize(
    ("change", "message"), [c[1:] for c in FIELD_CASES], ids=[c[0] for c in FIELD_CASES]
)
def test_a_bad_field_is_refused_naming_table_row_and_field(
    cli, notebook, valid, tmp_path, change, message
) -> None:
    table, row, field = _field_of(message, change, valid)
    doc = copy.deepcopy(valid)
    change(doc)
    text = json.dumps(doc, ensure_ascii=True).encode("utf-8")
    for run, changed in _import_twice(cli, notebook, text, tmp_path):
        record("import", run, refused=True, changed=changed)
        assert not run.crashed, run.err
        assert run.code == 2 and not changed
        assert run.err.count("\n") == 1 and names(run.err, table, row, field), run.err
        assert message in run.err, run.err


ITEM = {"id": 1, "deal_id": 1, "framework": "meddpicc", "field": "metrics", "state": "known"}
NEW_ROWS: list[tuple[str, dict[str, object], str]] = [
    ("checklist state outside vocabulary", {"state": "maybe"}, "“state”: must be one of unknown"),
    ("checklist field unknown", {"field": "vibes"}, "“field”: must be one of metrics"),
    ("checklist framework unknown", {"framework": "spin"}, "“framework”: must be one of"),
    ("checklist note over the limit", {"note": "n" * 501}, "“note”: is too long"),
    ("checklist of a missing deal", {"deal_id": 99}, "“deal_id”: points at deal 99"),
    ("checklist time with a bad offset", {"updated_at": "2026-01-05T09:00+99:00"}, "date and"),
]


@pytest.mark.parametrize(
    ("fields", "message"), [c[1:] for c in NEW_ROWS], ids=[c[0] for c in NEW_ROWS]
)
def test_a_bad_checklist_row_is_refused(cli, notebook, valid, tmp_path, fields, message) -> None:
    doc = copy.deepcopy(valid)
    doc["tables"]["qualification_item"] = [dict(ITEM, id=2), {**ITEM, **fields}]
    for run, changed in _import_twice(cli, notebook, json.dumps(doc).encode(), tmp_path):
        record("import", run, refused=True, changed=changed)
        assert not run.crashed and run.code == 2 and not changed, run.err
        assert run.err.startswith("sales-notebook: Table “qualification_item”, row 2, field ")
        assert message in run.err and run.err.count("\n") == 1, run.err


def _doc(valid: Doc, **changes: object) -> bytes:
    return json.dumps({**valid, **changes}).encode("utf-8")


def _tables(valid: Doc, **tables: object) -> bytes:
    return _doc(valid, tables={**valid["tables"], **tables})


# (case, the file's bytes from the valid export, what the one-line message must say)
FILE_CASES: list[tuple[str, Callable[[Doc], bytes], str]] = [
    ("broken JSON", lambda v: b"{not json", "the JSON goes wrong at line 1, column 2"),
    ("an empty file", lambda v: b"", "the JSON goes wrong at line 1, column 1"),
    ("200,000 nested brackets", lambda v: b"[" * 200_000, "nested too deeply"),
    ("200,000 nested objects", lambda v: b'{"a":' * 200_000, "nested too deeply"),
    ("invalid UTF-8", lambda v: b"\xff\xfe{}", "not UTF-8 text (byte 0xff at position 0)"),
    ("UTF-16", lambda v: json.dumps(v).encode("utf-16"), "looks like a binary file"),
    ("binary data", lambda v: bytes(range(256)), "looks like a binary file"),
    ("a 5,000-digit number", lambda v: b"9" * 5000, "holds a number too long"),
    ("JSON null", lambda v: b"null", "not a Sales Notebook export"),
    ("a JSON list", lambda v: b"[]", "not a Sales Notebook export"),
    ("no format", lambda v: json.dumps({"tables": {}}).encode(), "not a Sales Notebook export"),
    ("format version 2", lambda v: _doc(v, format_version=2), "format version 2;"),
    ("format version true", lambda v: _doc(v, format_version=True), "format version true;"),
    ("no tables", lambda v: _doc(v, tables=None), "no “tables” object"),
    ("tables as a list", lambda v: _doc(v, tables=[]), "no “tables” object"),
    ("unknown table", lambda v: _tables(v, accounts=[]), "unknown table(s): “accounts”"),
    ("a table as an object", lambda v: _tables(v, account={}), "“account” must be a list"),
    ("a row as a list", lambda v: _tables(v, deal=[[1, 2]]), "“deal”, row 1: a row must be"),
    ("a row as text", lambda v: _tables(v, call=["call"]), "“call”, row 1: a row must be"),
    ("no root causes", lambda v: _tables(v, root_cause=[]), "“root_cause” is empty"),
    ("1e400", lambda v: _doc(v).replace(b'"pos_x": null', b'"pos_x": 1e400', 1), "Infinity"),
]


@pytest.mark.parametrize(
    ("make", "message"), [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES]
)
def test_a_bad_file_is_refused_in_one_line(cli, notebook, valid, tmp_path, make, message) -> None:
    for run, changed in _import_twice(cli, notebook, make(valid), tmp_path):
        record("import", run, refused=True, changed=changed)
        assert not run.crashed, run.err
        assert run.code == 2 and not changed
        assert run.err.count("\n") == 1 and message in run.err, run.err


INPUT_CASES: list[tuple[str, str, bytes | bool | None, str]] = [
    ("a folder as FILE", ".", False, "is a folder, not a file"),
    ("a missing file", "missing.json", False, "No such file: missing.json"),
    ("invalid UTF-8 on stdin", "-", b"{\xc3\x28}", "Standard input is not UTF-8 text"),
    ("a closed stdin", "-", None, "Standard input is closed"),
    ("an empty stdin", "-", b"", "Standard input is not a JSON export"),
    ("binary stdin", "-", b"\x00\x01PK\x03\x04", "Standard input looks like a binary file"),
    ("/dev/zero, endless", "/dev/zero", False, "/dev/zero looks like a binary file"),
]


@pytest.mark.parametrize(
    ("source", "stdin", "message"), [c[1:] for c in INPUT_CASES], ids=[c[0] for c in INPUT_CASES]
)
def test_unreadable_input_is_refused_in_one_line(
    cli, notebook, tmp_path, monkeypatch, source, stdin, message
) -> None:
    monkeypatch.chdir(tmp_path)
    root = notebook("demo")
    before = fingerprint(root)
    run = cli("import", source, "--replace", "--data-dir", str(root), stdin=stdin)
    changed = fingerprint(root) != before
    record("import", run, refused=True, changed=changed)
    assert not run.crashed and run.code == 2 and not changed, run.err
    assert run.err.count("\n") == 1 and message in run.err, run.err


def test_a_file_past_the_size_limit_is_refused(cli, notebook, valid, tmp_path, monkeypatch):
    monkeypatch.setattr("sales_notebook.text_input.MAX_IMPORT_BYTES", 4096)
    (tmp_path / "big.json").write_bytes(_doc(valid))
    root = notebook("empty")
    before = fingerprint(root)
    run = cli("import", str(tmp_path / "big.json"), "--data-dir", str(root))
    changed = fingerprint(root) != before
    record("import", run, refused=True, changed=changed)
    assert not run.crashed and run.code == 2 and not changed
    assert run.err.count("\n") == 1 and "big.json is larger than" in run.err, run.err


def _export_of(cli, root: Path) -> Doc:
    run = cli("export", "--data-dir", str(root))
    assert run.code == 0, run.err
    return json.loads(run.out)


def test_a_bom_is_accepted(cli, notebook, valid, tmp_path) -> None:
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + _doc(valid))
    root = notebook("empty")
    run = cli("import", str(tmp_path / "bom.json"), "--data-dir", str(root))
    record("import", run, refused=False)
    assert run.code == 0 and "Imported 5 account" in run.out
    assert _export_of(cli, root)["tables"] == valid["tables"]


def test_a_field_left_out_of_the_first_row_is_its_default_in_that_row_only(
    cli, notebook, valid, tmp_path
) -> None:
    doc = copy.deepcopy(valid)
    del doc["tables"]["call"][0]["notes"]
    (tmp_path / "x.json").write_text(json.dumps(doc), "utf-8")
    root = notebook("empty")
    run = cli("import", str(tmp_path / "x.json"), "--data-dir", str(root))
    record("import", run, refused=False)
    calls = _export_of(cli, root)["tables"]["call"]
    assert run.code == 0 and calls[0]["notes"] == ""
    assert [c["notes"] for c in calls[1:]] == [c["notes"] for c in valid["tables"]["call"][1:]]


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("2026-01-05T09:00:00+05:00", "2026-01-05T04:00:00"),
        ("2026-01-05T09:00:00-03:30", "2026-01-05T12:30:00"),
        ("2026-01-05T09:00:00Z", "2026-01-05T09:00:00"),
        ("2026-01-05T01:00:00+02:00", "2026-01-04T23:00:00"),
    ],
)
def test_an_offset_is_converted_to_utc(cli, notebook, valid, tmp_path, written, stored) -> None:
    doc = copy.deepcopy(valid)
    doc["tables"]["call"][0]["started_at"] = written
    (tmp_path / "x.json").write_text(json.dumps(doc), "utf-8")
    root = notebook("empty")
    run = cli("import", str(tmp_path / "x.json"), "--data-dir", str(root))
    record("import", run, refused=False)
    assert run.code == 0
    assert _export_of(cli, root)["tables"]["call"][0]["started_at"] == stored


def test_tables_left_out_are_kept_and_root_causes_never_emptied(
    cli, notebook, valid, tmp_path
) -> None:
    only = {**valid, "tables": {"account": valid["tables"]["account"][:2]}}
    (tmp_path / "x.json").write_text(json.dumps(only), "utf-8")
    root = notebook("empty")
    run = cli("import", str(tmp_path / "x.json"), "--data-dir", str(root))
    record("import", run, refused=False)
    assert run.code == 0 and "left as they were: root_cause" in run.out
    tables = _export_of(cli, root)["tables"]
    assert len(tables["account"]) == 2 and len(tables["root_cause"]) == 14
    root = notebook("demo")
    run = cli("import", str(tmp_path / "x.json"), "--replace", "--data-dir", str(root))
    record("import", run, refused=False)
    assert run.code == 0 and "emptied (--replace): deal, call" in run.out
    tables = _export_of(cli, root)["tables"]
    assert len(tables["root_cause"]) == 14 and tables["call"] == [] and tables["lesson"] == []


def test_import_as_a_real_process_from_a_closed_and_a_binary_stdin(notebooks, tmp_path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    root = tmp_path / "nb"
    shutil.copytree(notebooks["demo"], root)
    before = fingerprint(root)
    command = [sys.executable, "-m", "sales_notebook", "import", "-", "--data-dir", str(root)]
    closed = subprocess.run(command, preexec_fn=lambda: os.close(0), capture_output=True, text=True)
    binary = subprocess.run(command, input=b"\x89PNG\r\n\x1a\n\x00", capture_output=True)
    nested = subprocess.run(command, input=b"[" * 200_000, capture_output=True)
    for run, message in (
        (closed.stderr, "Standard input is closed"),
        (binary.stderr.decode(), "looks like a binary file"),
        (nested.stderr.decode(), "nested too deeply"),
    ):
        assert "Traceback" not in run and message in run and run.count("\n") == 1, run
    assert closed.returncode == binary.returncode == nested.returncode == 2
    assert fingerprint(root) == before
