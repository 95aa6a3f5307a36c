"""Exports are written whole or not at all (temp file, fsync, rename), and private (0600)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from sales_notebook.cli import main


@pytest.fixture
def loose_umask():
    old = os.umask(0o022)  # a usual desktop umask: new files would be 0644
    yield
    os.umask(old)


@pytest.mark.parametrize(
    ("fmt", "name"), [("json", "x.json"), ("markdown", "x.md"), ("csv", "x.csv")]
)
def test_every_export_format_is_written_private(
    capsys, tmp_path: Path, loose_umask, fmt: str, name: str
) -> None:
    data = str(tmp_path / "data")
    assert main(["demo", "--data-dir", data]) == 0
    target = tmp_path / name
    assert main(["export", "--data-dir", data, "--format", fmt, "--out", str(target)]) == 0
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.read_text("utf-8").strip()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_an_export_cut_short_leaves_the_earlier_file_whole(
    capsys, tmp_path: Path, monkeypatch
) -> None:
    data = str(tmp_path / "data")
    main(["demo", "--data-dir", data])
    target = tmp_path / "export.json"
    assert main(["export", "--data-dir", data, "--out", str(target)]) == 0
    before = target.read_bytes()
    capsys.readouterr()

    def full_disk_half_way(db, out) -> None:
        out.write('{"half": ')
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("sales_notebook.store.transfer.write_export", full_disk_half_way)
    assert main(["export", "--data-dir", data, "--out", str(target)]) == 2
    assert "could not be written" in capsys.readouterr().err
    assert target.read_bytes() == before  # the earlier export, untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "export.json"]  # no leftovers
