"""Every subcommand, run as the user would, including bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sales_notebook.cli import main
from sales_notebook.paths import DataPaths
from sales_notebook.store.sqlite_lib import sqlite3


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def export(capsys, data: Path) -> dict:
    code, out, _ = run(capsys, "export", "--data-dir", str(data))
    assert code == 0
    return json.loads(out)


def test_subcommands_never_import_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from sales_notebook.cli import main; "
        f"d={str(tmp_path / 'd')!r}; "
        "main(['demo','--data-dir',d]); main(['check','--data-dir',d]); "
        "main(['export','--data-dir',d,'--out',d+'/x.json']); main(['backup','--data-dir',d]); "
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_demo_fills_a_realistic_notebook_once(capsys, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "demo", "--data-dir", str(tmp_path))
    assert code == 0 and "15 calls" in out
    doc = export(capsys, tmp_path)["tables"]
    assert len(doc["account"]) >= 5 and len(doc["call"]) >= 15 and len(doc["lesson"]) >= 8
    roles = {s["decision_role"] for s in doc["stakeholder"]}
    assert {"decision_maker", "champion", "economic_buyer"} <= roles
    assert all(call["notes"].strip() for call in doc["call"])
    assert {c["cause_id"] for c in doc["lesson_cause"]} >= {"no-boundaries", "missed-boss"}
    code, _, err = run(capsys, "demo", "--data-dir", str(tmp_path))
    assert code == 2 and "empty notebook" in err


def test_export_import_round_trip(capsys, tmp_path: Path) -> None:
    run(capsys, "demo", "--data-dir", str(tmp_path / "a"))
    target = tmp_path / "export.json"
    assert run(capsys, "export", "--data-dir", str(tmp_path / "a"), "--out", str(target))[0] == 0
    code, out, _ = run(capsys, "import", str(target), "--data-dir", str(tmp_path / "b"))
    assert code == 0 and "15 call" in out
    first, second = export(capsys, tmp_path / "a"), export(capsys, tmp_path / "b")
    assert first["tables"] == second["tables"]


def test_lessons_export_as_markdown_and_csv(capsys, tmp_path: Path) -> None:
    import csv

    run(capsys, "demo", "--data-dir", str(tmp_path))
    code, out, _ = run(capsys, "export", "--format", "markdown", "--data-dir", str(tmp_path))
    assert code == 0 and out.startswith("# Lessons from past calls")
    assert out.count("\n## ") == 8 and "## Budget cut in a reorg" in out
    target = tmp_path / "lessons.csv"
    args = ("export", "--format", "csv", "--out", str(target), "--data-dir", str(tmp_path))
    assert run(capsys, *args)[0] == 0
    raw = target.read_bytes()
    assert raw.count(b"\r\n") >= 9  # RFC 4180 line ends, not doubled into \r\r\n
    assert b"\r\r\n" not in raw
    with target.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 8
    budget = next(r for r in rows if r["title"] == "Budget cut in a reorg")
    assert budget["account"] == "Altamira Schools" and "Wrong priority" in budget["root causes"]


def test_import_into_a_notebook_with_data_needs_replace_and_backs_up(capsys, tmp_path) -> None:
    run(capsys, "demo", "--data-dir", str(tmp_path / "a"))
    target = tmp_path / "export.json"
    run(capsys, "export", "--data-dir", str(tmp_path / "a"), "--out", str(target))
    code, _, err = run(capsys, "import", str(target), "--data-dir", str(tmp_path / "a"))
    assert code == 2 and "already holds data" in err
    code, out, _ = run(
        capsys, "import", str(target), "--replace", "--data-dir", str(tmp_path / "a")
    )
    assert code == 0 and "Backup taken" in out
    assert list((tmp_path / "a" / "backups").glob("*before-import.db"))


def _bad_exports(valid: dict) -> list[tuple[str, str]]:
    broken_row = json.loads(json.dumps(valid))
    broken_row["tables"]["call"][3]["started_at"] = "next tuesday"
    dangling = json.loads(json.dumps(valid))
    dangling["tables"]["call"][-1]["account_id"] = 999
    unknown = json.loads(json.dumps(valid))
    unknown["tables"]["call"][0]["mood"] = "great"
    return [
        ("{not json", "not a JSON export"),
        ('{"hello": "world"}', "not a Sales Notebook export"),
        (json.dumps({**valid, "format_version": 99}), "format version"),
        (json.dumps(broken_row), "Table “call”, row 4, field “started_at”: must be a date"),
        (json.dumps(dangling), f"row {len(valid['tables']['call'])}, field “account_id”: points"),
        (json.dumps(unknown), "Table “call”, row 1, field “mood”: this table has no such field"),
        ("\udcff" * 3, "not UTF-8 text"),
    ]


def test_bad_imports_get_a_clear_message_and_write_nothing(capsys, tmp_path: Path) -> None:
    run(capsys, "demo", "--data-dir", str(tmp_path / "a"))
    valid = export(capsys, tmp_path / "a")
    run(capsys, "demo", "--data-dir", str(tmp_path / "b"))
    before = export(capsys, tmp_path / "b")["tables"]
    for i, (text, message) in enumerate(_bad_exports(valid)):
        bad = tmp_path / f"bad{i}.json"
        bad.write_bytes(text.encode("utf-8", "surrogateescape"))
        for extra in ([], ["--replace"]):
            code, _, err = run(
                capsys, "import", str(bad), *extra, "--data-dir", str(tmp_path / "b")
            )
            assert code == 2, (text[:40], err)
            assert message in err, (message, err)
            assert export(capsys, tmp_path / "b")["tables"] == before
    code, _, err = run(
        capsys, "import", str(tmp_path / "missing.json"), "--data-dir", str(tmp_path / "b")
    )
    assert code == 2 and "No such file" in err


def test_backup_rotates_keeping_ten(capsys, tmp_path: Path) -> None:
    run(capsys, "demo", "--data-dir", str(tmp_path))
    for _ in range(12):
        assert run(capsys, "backup", "--data-dir", str(tmp_path))[0] == 0
    backups = sorted((tmp_path / "backups").glob("notebook-*.db"))
    assert len(backups) == 10
    con = sqlite3.connect(backups[-1])
    assert con.execute("SELECT count(*) FROM call").fetchone()[0] == 15
    con.close()


def test_check_passes_a_sound_notebook_and_fails_a_broken_one(capsys, tmp_path: Path) -> None:
    run(capsys, "demo", "--data-dir", str(tmp_path))
    code, out, _ = run(capsys, "check", "--data-dir", str(tmp_path))
    assert code == 0 and "ok" in out
    con = sqlite3.connect(tmp_path / "notebook.db")  # foreign keys off: plant a dangling row
    con.execute(
        "INSERT INTO call_marker (call_id, kind, elapsed_seconds, position, text) "
        "VALUES (4242, 'risk', 1, 0, '')"
    )
    con.commit()
    con.close()
    code, _, err = run(capsys, "check", "--data-dir", str(tmp_path))
    assert code == 1 and "call_marker" in err


def test_check_and_export_report_a_corrupt_file(capsys, tmp_path: Path) -> None:
    DataPaths(tmp_path).ensure()
    (tmp_path / "notebook.db").write_bytes(b"garbage" * 1000)
    code, _, err = run(capsys, "check", "--data-dir", str(tmp_path))
    assert code == 1 and "cannot be read" in err
    code, _, err = run(capsys, "export", "--data-dir", str(tmp_path))
    assert code == 2 and "cannot be read" in err
    assert (tmp_path / "notebook.db").read_bytes() == b"garbage" * 1000


def test_environment_variable_picks_the_data_dir(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SALES_NOTEBOOK_DATA_DIR", str(tmp_path / "env"))
    assert run(capsys, "demo")[0] == 0
    assert (tmp_path / "env" / "notebook.db").exists()


@pytest.mark.parametrize("as_json", [True, False])
def test_lessons_suggest_reads_notes_from_a_file(capsys, tmp_path: Path, as_json: bool) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(
        "Great chat with the developer. Never found out who signs off; "
        "her boss picked the big-name vendor."
    )
    args = ["lessons", "suggest", str(notes)] + (["--json"] if as_json else [])
    code, out, _ = run(capsys, *args, "--data-dir", str(tmp_path))
    assert code == 0
    if as_json:
        rows = json.loads(out)
        assert rows[0]["cause"] in {"missed-boss", "brand-trust"}
        assert set(rows[0]) == {"cause", "score", "probability", "pre_tick", "why", "lesson_id"}
        assert 0 < rows[0]["probability"] <= 1 and rows[0]["why"].startswith("the notes say")
        assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    else:
        assert "missed-boss" in out


def test_lessons_suggest_says_why_it_has_nothing_for_notes_in_another_language(
    capsys, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(
        "Der Kunde fand die Demo gut, aber der Geschäftsführer war nicht dabei. Wir haben "
        "keinen nächsten Termin vereinbart.",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "lessons", "suggest", str(notes), "--data-dir", str(tmp_path))
    assert code == 0 and "do not look like English" in out


def test_lessons_suggest_reads_stdin(tmp_path: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "sales_notebook",
            "lessons",
            "suggest",
            "-",
            "--json",
            "--data-dir",
            str(tmp_path),
        ],
        input="Nice call, but we left without a date. No next steps agreed; they said they'd "
        "get back to us after the holidays and I haven't heard from them since.",
        capture_output=True,
        text=True,
        check=True,
    )
    assert "no-next-step" in [row["cause"] for row in json.loads(out.stdout)[:3]]
