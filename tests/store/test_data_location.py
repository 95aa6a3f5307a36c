"""A data dir on a network filesystem or in a sync client's folder is told apart from a safe one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest

from sales_notebook.store.data_location import (
    filesystem_type,
    is_network_path,
    location_warning,
    sync_client,
)

MOUNTS = """\
/dev/sda2 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
fileserver:/export/home /home/ines/shared nfs4 rw,relatime,vers=4.2 0 0
//nas/sales /mnt/sales\\040team cifs rw,relatime,vers=3.1.1 0 0
ines@box:/srv /home/ines/remote fuse.sshfs rw,nosuid,nodev 0 0
tmpfs /home/ines/shared/local tmpfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/ines/notes", "ext4"),
        ("/home/ines/shared/notebook", "nfs4"),
        ("/home/ines/shared", "nfs4"),
        ("/home/ines/sharedother", "ext4"),  # a prefix of the name is not inside it
        ("/mnt/sales team/notebook", "cifs"),  # the mount point's space is escaped as \040
        ("/home/ines/remote/n", "fuse.sshfs"),
        ("/home/ines/shared/local/n", "tmpfs"),  # the longest mount point wins
    ],
)
def test_the_filesystem_is_the_one_of_the_nearest_mount(path: str, kind: str) -> None:
    assert filesystem_type(Path(path), MOUNTS) == kind


def test_network_filesystems_and_unc_paths_are_network() -> None:
    assert is_network_path(Path("/home/ines/shared/n"), MOUNTS)
    assert is_network_path(Path("/mnt/sales team/n"), MOUNTS)
    assert is_network_path(Path("/home/ines/remote/n"), MOUNTS)
    assert not is_network_path(Path("/home/ines/notes"), MOUNTS)
    assert not is_network_path(Path("/home/ines/shared/local/n"), MOUNTS)
    assert is_network_path(Path("//nas/sales/notebook"), None)


@pytest.mark.parametrize(
    ("path", "client"),
    [
        ("/home/ines/Dropbox/notebook", "Dropbox"),
        ("/home/ines/Dropbox (Personal)/notebook", "Dropbox"),
        (r"C:\Users\Ines\OneDrive - Contoso\Notes", "OneDrive"),
        (r"C:\Users\Ines\OneDrive\Documents", "OneDrive"),
        ("/Users/ines/Library/Mobile Documents/com~apple~CloudDocs/n", "iCloud Drive"),
        ("/Users/ines/Library/CloudStorage/GoogleDrive-ines@example.com/n", "Google Drive"),
        ("G:/My Drive/notebook", "Google Drive"),
        ("/home/ines/Nextcloud/notebook", "Nextcloud"),
        ("/home/ines/.local/share/sales-notebook", None),
        ("/home/ines/Dropboxes/n", None),  # not a sync client's name, only close to one
    ],
)
def test_sync_clients_are_known_by_their_folders(path: str, client: str | None) -> None:
    pure = PureWindowsPath(path) if "\\" in path else Path(path)
    assert sync_client(pure) == client


def test_the_warning_says_where_and_why(tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox" / "notebook"
    warning = location_warning(synced, mounts="")
    assert warning is not None
    assert str(synced) in warning and "Dropbox" in warning and "notebook.db-wal" in warning
    shared = Path("/home/ines/shared/notebook")
    warning = location_warning(shared, mounts=MOUNTS)
    assert warning is not None and "network drive" in warning and "write-ahead log" in warning
    assert location_warning(tmp_path / "notebook", mounts="") is None


def test_a_synced_folder_found_through_a_link_is_still_synced(tmp_path: Path) -> None:
    real = tmp_path / "OneDrive" / "notes"
    real.mkdir(parents=True)
    link = tmp_path / "notes-link"
    link.symlink_to(real)
    assert location_warning(link, mounts="") is not None


def test_the_command_line_warns_on_stderr_and_still_works(tmp_path: Path) -> None:
    data = tmp_path / "Nextcloud" / "notebook"
    out = subprocess.run(
        [sys.executable, "-m", "sales_notebook", "demo", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "warning" in out.stderr and "Nextcloud" in out.stderr
    assert "8 lessons" in out.stdout
