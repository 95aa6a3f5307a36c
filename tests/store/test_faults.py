"""Faults of the disk under the store and the command line, made for real where the machine
lets us: a small tmpfs that fills up, a file system remounted read-only, a folder that
belongs to someone else, a notebook deleted or replaced between commands.

Mounting needs root (CI runs as root); elsewhere those tests skip with the reason, and the
always-run tests beside them (SQLite's own max_page_count) cover a full disk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sales_notebook.cli import main
from sales_notebook.paths import DataPaths
from sales_notebook.store.backup import backup_database, list_backups, restore_backup
from sales_notebook.store.errors import CorruptNotebook, DiskFull, StorageError
from sales_notebook.store.migrate import HEAD_REVISION, prepare, stored_revision


def _mount(point: Path, options: str) -> str | None:
    point.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
        capture_output=True,
        text=True,
    )
    return None if done.returncode == 0 else (done.stderr.strip() or "mount failed")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB file system of its own, unmounted after the test."""
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    point = tmp_path / "disk"
    refused = _mount(point, "size=3m,mode=0755")
    if refused:
        pytest.skip(f"cannot mount a tmpfs here ({refused}); the max_page_count tests still run")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    with filler.open("wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    return filler


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_full_disk_is_told_as_such_and_loses_nothing(capsys, small_disk: Path) -> None:
    data = small_disk / "notebook"
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    good = backup_database(DataPaths(data))
    before = (data / "notebook.db").read_bytes()
    filler = fill(small_disk)
    # Start-up reads the revision: a full disk is not a damaged notebook.
    try:
        assert stored_revision(data / "notebook.db") == HEAD_REVISION
    except StorageError as exc:
        assert not isinstance(exc, CorruptNotebook) and not exc.damage
    for command in (["backup"], ["export"], ["lessons", "search", "budget"], ["demo"]):
        code, _, err = run(capsys, *command, "--data-dir", str(data))
        assert "Traceback" not in err and "damaged" not in err, (command, err)
        if code != 0:
            assert code == 2 and "disk is full" in err, (command, err)
    assert list_backups(DataPaths(data)) == [good]  # no half-written backup counted
    assert not list((data / "backups").glob("*.partial"))
    # Restoring onto a full disk fails whole: the notebook stays as it was.
    with pytest.raises(DiskFull):
        restore_backup(DataPaths(data), good)
    assert (data / "notebook.db").read_bytes() == before
    assert not list(data.glob("notebook-damaged-*")) and not list(data.glob("*.restoring"))
    filler.unlink()
    code, _, err = run(capsys, "backup", "--data-dir", str(data))
    assert code == 0, err
    assert run(capsys, "check", "--data-dir", str(data))[0] == 0


def test_creating_a_notebook_on_a_full_disk_leaves_nothing_half_built(
    capsys, small_disk: Path
) -> None:
    filler = fill(small_disk)
    data = small_disk / "notebook"
    code, _, err = run(capsys, "demo", "--data-dir", str(data))
    assert code == 2 and "disk is full" in err and "Traceback" not in err
    assert not (data / "notebook.db").exists()
    assert not list(data.glob(".notebook-new-*"))
    filler.unlink()
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    assert run(capsys, "check", "--data-dir", str(data))[0] == 0


def test_a_read_only_file_system_gets_a_message_not_a_traceback(
    capsys, small_disk: Path, tmp_path: Path
) -> None:
    data = small_disk / "notebook"
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    export = tmp_path / "export.json"
    assert run(capsys, "export", "--data-dir", str(data), "--out", str(export))[0] == 0
    before = (data / "notebook.db").read_bytes()
    done = subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only: {done.stderr!r}")
    for command in (
        ["demo"],
        ["backup"],
        ["import", str(export), "--replace"],
        ["export"],
        ["check"],
    ):
        code, _, err = run(capsys, *command, "--data-dir", str(data))
        assert code in (1, 2) and "Traceback" not in err, (command, err)
        assert "cannot be written" in err, (command, err)
    code, _, err = run(capsys, "demo", "--data-dir", str(small_disk / "new"))
    assert code == 2 and "cannot be written" in err
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert (data / "notebook.db").read_bytes() == before


@contextmanager
def _enterable_by_others(*paths: Path) -> Iterator[None]:
    """Let another user pass through (o+x, not read) every folder above `paths` that bars
    them, for the block only: a checkout cloned into `mktemp -d` (0700) holds the venv and
    the code, which the other user's command must reach."""
    opened: list[tuple[Path, int]] = []
    for path in paths:
        for folder in path.resolve().parents:
            mode = folder.stat().st_mode
            if not mode & 0o001 and all(folder != done for done, _ in opened):
                opened.append((folder, mode))
                folder.chmod((mode | 0o001) & 0o7777)
    try:
        yield
    finally:
        for folder, mode in reversed(opened):
            folder.chmod(mode & 0o7777)


def test_a_folder_that_belongs_to_someone_else_or_is_read_only(tmp_path: Path) -> None:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root to run a command as another user")
    # Outside pytest's own (0700) temp folder, so that the other user can reach it.
    shared = Path(tempfile.mkdtemp(prefix="sales-notebook-owned-"))
    code = Path(__file__).resolve().parents[2] / "sales_notebook"
    try:
        with _enterable_by_others(Path(sys.executable).parent, code):
            os.chmod(shared, 0o755)
            assert main(["demo", "--data-dir", str(shared / "notebook")]) == 0
            for command in (["export"], ["demo"]):
                done = subprocess.run(
                    ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                     sys.executable, "-m", "sales_notebook", *command,
                     "--data-dir", str(shared / "notebook")],
                    capture_output=True, text=True, env={**os.environ, "HOME": str(shared)},
                )  # fmt: skip
                if "Permission denied" in done.stderr and "python" in done.stderr:
                    pytest.skip("the test's Python is not readable by another user")
                assert done.returncode == 2, done.stderr
                assert "Traceback" not in done.stderr and "cannot be written" in done.stderr
            # The user's own folder, which they set to 0500: `import --replace` must not replace.
            mine = shared / "notebook"
            assert (
                main(["export", "--data-dir", str(mine), "--out", str(shared / "dump.json")]) == 0
            )
            before = (mine / "notebook.db").read_bytes()
            for path in (mine, *mine.rglob("*")):
                os.chown(path, 65534, 65534)
            os.chmod(shared / "dump.json", 0o644)
            mine.chmod(0o500)
            done = subprocess.run(
                ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                 sys.executable, "-m", "sales_notebook", "import", str(shared / "dump.json"),
                 "--replace", "--data-dir", str(mine)],
                capture_output=True, text=True, env={**os.environ, "HOME": str(shared)},
            )  # fmt: skip
            assert done.returncode == 2 and "cannot be written" in done.stderr, done.stderr
            assert mine.stat().st_mode & 0o777 == 0o500  # not chmod'ed back to 0700
            assert (mine / "notebook.db").read_bytes() == before
    finally:
        shutil.rmtree(shared)


def test_a_full_disk_at_start_is_not_damage_even_without_a_mount(paths: DataPaths) -> None:
    prepare(paths)
    paths.database.unlink()
    paths.database.mkdir()  # SQLite cannot open it: a disk problem, not a damaged notebook
    try:
        with pytest.raises(StorageError) as caught:
            stored_revision(paths.database)
        assert not isinstance(caught.value, CorruptNotebook) and not caught.value.damage
    finally:
        paths.database.rmdir()


@pytest.mark.parametrize("command", [["export"], ["lessons", "search", "x"], ["backup"]])
def test_a_notebook_deleted_or_replaced_between_commands(capsys, tmp_path, command) -> None:
    data = tmp_path / "data"
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    for side in ("notebook.db-wal", "notebook.db-shm"):
        (data / side).unlink(missing_ok=True)
    (data / "notebook.db").unlink()
    code, out, err = run(capsys, *command, "--data-dir", str(data))
    assert code == 2 and "There is no notebook in" in err and out == ""
    assert not (data / "notebook.db").exists()  # not silently made anew and empty
    (data / "notebook.db").write_text("my shopping list\n" * 100)
    code, out, err = run(capsys, *command, "--data-dir", str(data))
    assert code == 2 and "Traceback" not in err
    assert "cannot be read" in err or "not a Sales Notebook database" in err
    assert (data / "notebook.db").read_text() == "my shopping list\n" * 100
