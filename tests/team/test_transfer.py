"""A notebook exported and imported keeps its lessons' UUIDs and what it shared, so a sync
after the import neither duplicates a lesson on the server nor forgets a waiting change."""

from __future__ import annotations

import json

from sales_notebook.cli import main
from tests.team.test_sync import server_rows


def _uuids(notebook) -> dict[str, str]:
    """Title -> UUID of the notebook's own lessons."""
    with notebook.services.db.session() as s:
        rows = s.connection().exec_driver_sql("SELECT title, uuid FROM lesson")
        return {title: uuid for title, uuid in rows}


def _shares(notebook) -> dict[str, bool]:
    """Title -> whether the account's name is shared, for the shared lessons."""
    with notebook.services.db.session() as s:
        rows = s.connection().exec_driver_sql(
            "SELECT l.title, s.share_account FROM team_share s JOIN lesson l ON l.id = s.lesson_id"
        )
        return {title: bool(account) for title, account in rows}


def _on_server(team_server, role: str) -> list[tuple]:
    return server_rows(
        team_server,
        f"SELECT uuid::text, title, account_name IS NOT NULL FROM team.lesson "
        f"WHERE author = '{role}' ORDER BY title",
    )


def _export(notebook, out) -> dict:
    assert main(["export", "--data-dir", str(notebook.paths.root), "--out", str(out)]) == 0
    return json.loads(out.read_text("utf-8"))


def test_export_then_import_keeps_uuids_and_shares_and_sync_adds_no_duplicate(
    team_server, notebooks, tmp_path, capsys
) -> None:
    role = team_server.add_seller("Ulla Uuid")
    old = notebooks(role, "old-laptop")
    account = old.services.accounts.add("Globex")
    synced = old.lesson("Priced before the pain was clear", account_id=account)
    plain = old.lesson("Let the champion present alone")
    old.lesson("Never shared")
    old.team.local.publish([synced], share_account=True)
    old.team.local.publish([plain])
    assert old.team.sync().pushed == 2
    waiting = old.lesson("Shared offline, not sent yet")
    old.team.local.publish([waiting])  # in the outbox when the export is taken
    before = _on_server(team_server, role)
    assert len(before) == 2

    document = _export(old, tmp_path / "notebook.json")
    assert {t for t in document["tables"] if t.startswith("team_")} == {
        "team_share",
        "team_outbox",
    }  # fmt: skip  (never the cache or this machine's server settings)
    old.close()
    new_root = tmp_path / "new-laptop"
    assert main(["import", str(tmp_path / "notebook.json"), "--data-dir", str(new_root)]) == 0
    capsys.readouterr()

    new = notebooks(role, "new-laptop")
    assert _uuids(new) == _uuids(old)
    assert _shares(new) == {
        "Priced before the pain was clear": True,
        "Let the champion present alone": False,
        "Shared offline, not sent yet": False,
    }
    assert new.team.local.outbox_size() == 1
    result = new.team.sync()
    assert result.pushed == 1 and result.problem is None
    after = _on_server(team_server, role)
    assert len(after) == 3  # the two sent before are the same rows: no duplicate
    assert set(before) <= set(after)
    assert {uuid for uuid, _, _ in after} == {
        u for t, u in _uuids(new).items() if t != "Never shared"
    }
    assert new.team.sync().pushed == 0 and _on_server(team_server, role) == after

    # The imported shares are live: unpublishing one on the new machine reaches the server.
    with new.services.db.session() as s:
        champion = s.connection().exec_driver_sql(
            "SELECT id FROM lesson WHERE title = 'Let the champion present alone'"
        )
        new.team.local.unpublish([champion.scalar_one()])
    new.team.sync()
    assert [title for _, title, _ in _on_server(team_server, role)] == [
        "Priced before the pain was clear", "Shared offline, not sent yet"
    ]  # fmt: skip


def test_replacing_a_notebook_takes_back_what_it_no_longer_shares(
    team_server, notebooks, tmp_path, capsys
) -> None:
    role = team_server.add_seller("Rolf Replace")
    one = notebooks(role, "nb")
    kept, dropped = one.lesson("Kept and shared"), one.lesson("Shared, then restored away")
    one.team.local.publish([kept, dropped])
    one.team.sync()
    document = _export(one, tmp_path / "all.json")
    root = str(one.paths.root)

    # Its own export, replaced back: nothing to send, nothing taken back.
    assert main(["import", str(tmp_path / "all.json"), "--replace", "--data-dir", root]) == 0
    assert one.team.local.outbox_size() == 0
    assert one.team.sync().pushed == 0 and len(_on_server(team_server, role)) == 2

    # An export without one of the lessons (and from before the team library: no shares).
    document["tables"]["lesson"] = [
        row for row in document["tables"]["lesson"] if row["title"] == "Kept and shared"
    ]
    document["tables"]["lesson_cause"] = []
    for table in ("team_share", "team_outbox"):
        del document["tables"][table]
    (tmp_path / "older.json").write_text(json.dumps(document), "utf-8")
    assert main(["import", str(tmp_path / "older.json"), "--replace", "--data-dir", root]) == 0
    capsys.readouterr()
    assert one.team.local.shares() == {}
    one.team.sync()
    assert _on_server(team_server, role) == []  # no lesson left that no notebook shares
