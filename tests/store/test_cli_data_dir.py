"""`--data-dir` is honoured wherever it is given, and never falls back to the real notebook."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sales_notebook.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def real_notebook() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "sales-notebook"


@pytest.mark.parametrize(
    "placing",
    [
        lambda d: ["--data-dir", d, "demo"],
        lambda d: [f"--data-dir={d}", "demo"],
        lambda d: ["demo", "--data-dir", d],
        lambda d: ["demo", f"--data-dir={d}"],
    ],
)
def test_data_dir_before_or_after_the_command_is_the_one_used(capsys, tmp_path, placing) -> None:
    data = str(tmp_path / "given")
    code, out, err = run(capsys, *placing(data))
    assert code == 0, err
    assert (tmp_path / "given" / "notebook.db").is_file() and data in out
    assert not real_notebook().exists()


def test_every_command_reads_the_given_notebook(capsys, tmp_path) -> None:
    data = str(tmp_path / "given")
    assert run(capsys, "--data-dir", data, "demo")[0] == 0
    for args in (
        ["--data-dir", data, "export"],
        ["--data-dir", data, "lessons", "search", "budget", "--json"],
        ["lessons", "--data-dir", data, "search", "budget", "--json"],
        ["lessons", "search", "--data-dir", data, "budget", "--json"],
        ["--data-dir", data, "check"],
        ["--data-dir", data, "backup"],
    ):
        code, out, err = run(capsys, *args)
        assert code == 0, (args, err)
        if "export" in args:
            assert len(json.loads(out)["tables"]["call"]) >= 15
        if "search" in args:
            assert json.loads(out), args  # the demo's lessons, not an empty notebook's
    assert not real_notebook().exists()


def test_import_replace_never_touches_the_real_notebook(capsys, tmp_path) -> None:
    real = str(real_notebook())
    assert run(capsys, "--data-dir", real, "demo")[0] == 0
    before = real_notebook().joinpath("notebook.db").read_bytes()
    dump = tmp_path / "empty.json"
    assert run(capsys, "--data-dir", str(tmp_path / "other"), "demo")[0] == 0
    assert run(capsys, "--data-dir", str(tmp_path / "other"), "export", "--out", str(dump))[0] == 0
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "x"), "import", str(dump), "--replace")
    assert code == 0, err
    assert real_notebook().joinpath("notebook.db").read_bytes() == before


@pytest.mark.parametrize("args", [["--data-dir", "", "demo"], ["demo", "--data-dir="]])
def test_an_empty_data_dir_is_an_error(capsys, args) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(args)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "--data-dir" in err and "is empty" in err
    assert not real_notebook().exists()


@pytest.mark.parametrize(
    "command",
    [["export"], ["lessons", "search", "budget"], ["check"], ["backup"]],
)
def test_a_mistyped_data_dir_is_said_for_reading_commands(capsys, tmp_path, command) -> None:
    assert run(capsys, "--data-dir", str(tmp_path / "notes"), "demo")[0] == 0
    typo = tmp_path / "ntoes"
    code, out, err = run(capsys, "--data-dir", str(typo), *command)
    assert code == 2 and out == ""
    assert f"There is no notebook in {typo}" in err and "does not exist" in err
    assert not typo.exists()  # and no empty notebook was made there
    typo.mkdir()
    code, _, err = run(capsys, "--data-dir", str(typo), *command)
    assert code == 2 and "holds none" in err and list(typo.iterdir()) == []


@pytest.mark.parametrize("command", [["demo"], ["export"], ["check"], ["lessons", "search", "a"]])
def test_a_data_dir_that_is_a_file_gets_a_message(capsys, tmp_path, command) -> None:
    plain = tmp_path / "notes.txt"
    plain.write_text("mine")
    code, _, err = run(capsys, "--data-dir", str(plain), *command)
    assert code == 2 and "is a file, not a folder" in err and "Traceback" not in err
    assert plain.read_text() == "mine"


def test_a_folder_made_read_only_keeps_its_mode(capsys, tmp_path) -> None:
    data = tmp_path / "mine"
    assert run(capsys, "--data-dir", str(data), "demo")[0] == 0
    data.chmod(0o500)
    try:
        run(capsys, "--data-dir", str(data), "export")
        run(capsys, "--data-dir", str(data), "check")
        assert data.stat().st_mode & 0o777 == 0o500
    finally:
        data.chmod(0o700)
