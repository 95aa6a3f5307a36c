"""`sales-notebook team …` end to end on a real server: JSON, offline search, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

from sales_notebook.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_admin_then_two_sellers_through_the_command_line(
    team_server, tmp_path, capsys, monkeypatch
) -> None:
    admin = team_server.admin_url
    monkeypatch.setenv("PGPASSWORD", team_server.cluster.password)
    code, out, _ = run(capsys, "team", "init", admin)
    assert code == 0 and "revision 0001_team_lessons" in out
    code, out, _ = run(capsys, "team", "add-seller", "Lena Cli", "--url", admin, "--json")
    lena = json.loads(out)
    assert code == 0 and lena["role"] == "lena_cli" and lena["url"].startswith("postgresql://")
    assert team_server.cluster.password not in out
    # An admin URL with the admin's password in it never leaks into the seller's URL.
    admin_with_password = admin.replace("@", f":{team_server.cluster.password}@")
    code, out, _ = run(capsys, "team", "add-seller", "Ola Cli", "--url", admin_with_password)
    assert code == 0 and team_server.cluster.password not in out
    code, out, _ = run(capsys, "team", "add-seller", "Max Cli", "--url", admin)
    assert code == 0 and "max_cli" in out and "~/.pgpass" in out
    max_password = out.split("password: ")[1].split()[0]

    lena_dir, max_dir = str(tmp_path / "lena"), str(tmp_path / "max")
    # Lena pastes a URL with her password in it: the server is reached, the password dropped.
    with_password = lena["url"].replace("lena_cli@", f"lena_cli:{lena['password']}@")
    code, out, _ = run(capsys, "team", "join", with_password, "--data-dir", lena_dir)
    assert code == 0 and "was not kept" in out
    for file in (tmp_path / "lena").iterdir():
        assert lena["password"].encode() not in file.read_bytes(), file

    assert main(["demo", "--data-dir", lena_dir]) == 0
    capsys.readouterr()
    monkeypatch.setenv("PGPASSWORD", lena["password"])
    code, out, _ = run(capsys, "team", "publish", "--all", "--data-dir", lena_dir)
    assert code == 0 and "8 lessons queued" in out
    code, out, _ = run(capsys, "team", "sync", "--json", "--data-dir", lena_dir)
    assert code == 0 and json.loads(out)["pushed"] == 8 and json.loads(out)["pulled"] == 8

    monkeypatch.setenv("PGPASSWORD", max_password)
    assert run(capsys, "team", "join", lena["url"].replace("lena_cli", "max_cli"),
               "--data-dir", max_dir)[0] == 0  # fmt: skip
    assert run(capsys, "team", "sync", "--data-dir", max_dir)[0] == 0
    # Search works offline: the server's URL is made unreachable first.
    monkeypatch.setenv("PGPASSWORD", "wrong")
    code, out, _ = run(capsys, "team", "search", "budget OR price", "--json", "--data-dir", max_dir)
    rows = json.loads(out)
    assert code == 0 and rows
    assert {"lesson_id", "call_id", "kind", "title", "account", "outcome", "date", "causes",
            "snippet", "score", "seller"} == set(rows[0])  # fmt: skip
    assert {r["seller"] for r in rows} == {"Lena Cli"}
    assert all(r["account"] == "" for r in rows)  # the account's name was not ticked
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    code, out, _ = run(capsys, "team", "search", "budget", "--scope", "mine", "--json",
                       "--data-dir", max_dir)  # fmt: skip
    assert json.loads(out) == []

    code, out, _ = run(capsys, "team", "status", "--json", "--data-dir", max_dir)
    status = json.loads(out)
    assert code == 0 and status["server_answers"] is False and "password" in status["problem"]
    assert status["role"] == "max_cli" and status["last_sync"]


def test_server_failures_are_one_line_and_exit_1(
    team_server, tmp_path, capsys, monkeypatch
) -> None:
    data = ["--data-dir", str(tmp_path / "nb")]
    down = team_server.admin_url.replace(f":{team_server.cluster.port}/", ":1/")
    monkeypatch.setenv("PGPASSWORD", team_server.cluster.password)
    code, _, err = run(capsys, "team", "join", down, *data)
    assert code == 1 and err.count("\n") == 1 and "does not answer" in err
    assert not (tmp_path / "nb").exists()  # a failed join makes no notebook
    assert main(["demo", *data]) == 0
    capsys.readouterr()
    code, _, err = run(capsys, "team", "sync", *data)
    assert code == 1 and "joined no team" in err
    monkeypatch.setenv("PGPASSWORD", "wrong")
    code, _, err = run(capsys, "team", "init", team_server.admin_url)
    assert code == 1 and err.count("\n") == 1 and "refused the password" in err
    monkeypatch.setenv("PGPASSWORD", team_server.cluster.password)
    seller = team_server.add_seller("Rita Refused")
    monkeypatch.setenv("PGPASSWORD", team_server.passwords[seller])
    code, _, err = run(capsys, "team", "add-seller", "Eve", "--url", team_server.url(seller))
    assert code == 1 and err.count("\n") == 1 and "refused" in err
    missing = ["--data-dir", str(tmp_path / "typo")]
    code, _, err = run(capsys, "team", "publish", "42", *missing)
    assert code == 1 and "no notebook" in err.lower()  # a mistyped --data-dir is told
    code, _, err = run(capsys, "team", "publish", "42", *data)
    assert code == 1 and "No lesson with id 42" in err


def _listing(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<dir>"
            for p in sorted(folder.rglob("*"))}  # fmt: skip


def test_a_failed_join_leaves_the_data_folder_as_it_was(
    team_server, tmp_path, capsys, monkeypatch
) -> None:
    down = team_server.admin_url.replace(f":{team_server.cluster.port}/", ":1/")
    monkeypatch.setenv("PGPASSWORD", team_server.cluster.password)
    empty = tmp_path / "empty"
    empty.mkdir()
    for url, words in (
        (down, "does not answer"),
        (team_server.url("nobody_here"), "refused the password"),
    ):
        code, out, err = run(capsys, "team", "join", url, "--data-dir", str(empty))
        assert code == 1 and out == "" and err.count("\n") == 1, err
        assert "Not joined" in err and "left as it was" in err and words in err
        assert list(empty.iterdir()) == []
    # A notebook already there is not touched either.
    full = tmp_path / "full"
    assert main(["demo", "--data-dir", str(full)]) == 0
    capsys.readouterr()
    before = _listing(full)
    assert run(capsys, "team", "join", down, "--data-dir", str(full))[0] == 1
    assert _listing(full) == before


def test_a_join_failing_after_the_server_answered_removes_the_notebook_it_made(
    team_server, tmp_path, capsys, monkeypatch
) -> None:
    from sales_notebook.store.errors import KnownError
    from sales_notebook.team import membership

    def full_disk(*args: object) -> bool:
        raise KnownError("The disk is full (test).")

    monkeypatch.setattr(membership, "keep_membership", full_disk)
    seller = team_server.add_seller("Dora Disk")
    monkeypatch.setenv("PGPASSWORD", team_server.passwords[seller])
    for folder in (tmp_path / "new", tmp_path / "empty"):
        if folder.name == "empty":
            folder.mkdir()
        code, _, err = run(capsys, "team", "join", team_server.url(seller), "--data-dir",
                           str(folder))  # fmt: skip
        assert code == 1 and "disk is full" in err
        assert list(folder.iterdir()) == [] if folder.name == "empty" else not folder.exists()


def test_team_commands_never_import_qt(tmp_path) -> None:
    script = (
        "import sys\nfrom sales_notebook.cli import main\n"
        f"main(['demo', '--data-dir', {str(tmp_path)!r}])\n"
        f"main(['team', 'status', '--data-dir', {str(tmp_path)!r}])\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Not in a team" in done.stdout


def test_sslmode_in_the_url_goes_to_libpq_and_is_kept(
    team_server, tmp_path, capsys, monkeypatch
) -> None:
    seller = team_server.add_seller("Sam Ssl")
    monkeypatch.setenv("PGPASSWORD", team_server.passwords[seller])
    data = ["--data-dir", str(tmp_path / "nb")]
    # The test cluster has no TLS: libpq refuses `require`, so the option reached it.
    code, _, err = run(capsys, "team", "join", team_server.url(seller) + "?sslmode=require", *data)
    assert code == 1 and err.count("\n") == 1 and "secure connection failed" in err, err
    assert not (tmp_path / "nb").exists()
    url = team_server.url(seller) + "?sslmode=disable&connect_timeout=3"
    assert run(capsys, "team", "join", url, *data)[0] == 0
    code, out, _ = run(capsys, "team", "status", "--json", *data)
    status = json.loads(out)
    assert code == 0 and status["server_answers"] is True
    assert "sslmode=disable" in status["url"] and "connect_timeout=3" in status["url"]


def test_team_search_reads_its_query_and_limit_as_lessons_search_does(tmp_path, capsys) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert main(["demo", *data]) == 0
    capsys.readouterr()
    for argv, words in (
        (["x", "--limit", "0"], "--limit must be a whole number from 1 to 10,000"),
        (["x", "--limit", "lots"], "--limit must be a whole number"),
        (["bad \udcff byte"], "not UTF-8"),
        (["word " * 40], "at most 32 words"),
    ):
        code, out, err = run(capsys, "team", "search", *argv, *data)
        assert code == 1 and out == "" and err.count("\n") == 1 and words in err, err
    code, out, _ = run(capsys, "team", "search", "Ørsted", "--json", *data)
    assert code == 0 and json.loads(out) == []


def test_no_libpq_is_one_line_naming_it_and_nothing_is_made(tmp_path, capsys, monkeypatch) -> None:
    """psycopg without its binary package on a system without libpq cannot be imported: a
    join says what is missing and how to get it, not a traceback, and makes no notebook."""
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` now fails
    folder = tmp_path / "nb"
    code, out, err = run(
        capsys, "team", "join", "postgresql://seller@localhost:1/team", "--data-dir", str(folder)
    )
    assert code == 1 and out == "" and err.count("\n") == 1, err
    assert "libpq" in err and "apt install libpq5" in err and "pipx" in err
    assert not folder.exists()
