"""Folders named with `#`, `?` or `%` hold a notebook like any other (no hand-made URIs)."""

from __future__ import annotations

import json

import pytest

from sales_notebook.cli import main
from sales_notebook.store.sqlite_lib import sqlite3


@pytest.mark.parametrize("name", ["Sales #2", "Q3?notes", "a%20b", "100% ?#&=;"])
def test_every_command_works_in_a_folder_with_uri_characters(capsys, tmp_path, name) -> None:
    data = tmp_path / name
    assert main(["demo", "--data-dir", str(data)]) == 0
    assert main(["check", "--data-dir", str(data)]) == 0
    assert "ok" in capsys.readouterr().out
    assert main(["backup", "--data-dir", str(data)]) == 0
    backup = capsys.readouterr().out.strip()
    con = sqlite3.connect(backup)
    assert con.execute("SELECT count(*) FROM call").fetchone()[0] >= 15  # not an empty copy
    con.close()
    assert main(["export", "--data-dir", str(data)]) == 0
    assert len(json.loads(capsys.readouterr().out)["tables"]["account"]) >= 5
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no stray file beside it
