"""Data dirs where the notebook file is not safe: network filesystems and sync clients' folders.

SQLite's WAL needs shared memory (the -shm file) that a network filesystem does not share
between machines, and its locks are unreliable there. A sync client (Dropbox, OneDrive ...)
uploads notebook.db while the newest notes are still in notebook.db-wal, so the copy on the
other side lacks them or is torn. The app still opens such a notebook, with a warning.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePath

# Folder names sync clients create, compared without case. "Mobile Documents" is where iCloud
# Drive keeps files on macOS; "CloudStorage" holds the File Provider clients there (Google
# Drive, OneDrive, Dropbox, Box ...).
SYNC_FOLDERS = {
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "pcloud drive": "pCloud",
    "box": "Box",
    "box sync": "Box",
    "mega": "MEGA",
    "megasync": "MEGA",
    "seafile": "Seafile",
    "yandex.disk": "Yandex Disk",
    "cloudstorage": "a cloud storage client",
}
GENERIC = SYNC_FOLDERS["cloudstorage"]  # said only when no folder below names the client
# Names that start a sync client's folder, followed by a space or a dash and an account
# ("OneDrive - Contoso", "Dropbox (Personal)", macOS's "GoogleDrive-ines@example.com").
SYNC_PREFIXES = ("onedrive", "dropbox", "googledrive", "nextcloud")

# Filesystem types (as /proc/mounts names them) that live on another machine.
NETWORK_FS = {
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "lustre", "gpfs", "beegfs", "davfs", "fuse.sshfs", "fuse.rclone", "fuse.davfs2",
    "fuse.s3fs", "fuse.glusterfs", "fuse.cephfs", "fuse.gcsfuse", "fuse.juicefs",
}  # fmt: skip

REASON_NETWORK = (
    "SQLite's write-ahead log does not work on a network filesystem: notes can be lost or the "
    "file damaged, above all if it is opened from two machines."
)
REASON_SYNC = (
    "a sync client uploads notebook.db without its write-ahead log (notebook.db-wal), so the "
    "copy on your other devices can miss the newest notes or be damaged."
)


def sync_client(path: PurePath) -> str | None:
    """The sync client whose folder holds `path`, judged by the folder names; None if none."""
    found = None
    for part in path.parts:
        name = part.casefold()
        client = SYNC_FOLDERS.get(name)
        for prefix in SYNC_PREFIXES:
            if name.startswith(prefix) and name != prefix and not name[len(prefix)].isalnum():
                client = SYNC_FOLDERS[prefix]
        if client is not None and client != GENERIC:
            return client
        found = found or client
    return found


def filesystem_type(path: Path, mounts: str) -> str | None:
    """The type of the filesystem holding `path`, from the text of /proc/mounts."""
    best, best_type = "", None
    target = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        # /proc/mounts writes spaces and tabs in mount points as octal escapes.
        point = fields[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fields[2]
    return best_type


# GetDriveTypeW's answer for a network drive (a mapped letter such as Z:).
DRIVE_REMOTE = 4


def is_network_path(path: Path, mounts: str | None) -> bool:
    """True for a UNC path (\\\\server\\share), a mapped network drive on Windows, or on Linux a
    mount of a network filesystem."""
    if str(path).startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        return bool(kernel32.GetDriveTypeW(path.anchor) == DRIVE_REMOTE)
    if mounts is None:
        return False
    kind = filesystem_type(path, mounts)
    return kind is not None and (kind in NETWORK_FS or kind.startswith("nfs"))


def _read_mounts() -> str | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return Path("/proc/mounts").read_text("utf-8", errors="replace")
    except OSError:
        return None


def location_warning(root: Path, mounts: str | None = None) -> str | None:
    """Why the data dir `root` is not a safe place for the notebook; None if it is."""
    resolved = Path(os.path.realpath(root))
    if is_network_path(resolved, _read_mounts() if mounts is None else mounts):
        return f"The notebook folder {root} is on a network drive: {REASON_NETWORK}"
    client = sync_client(resolved)
    if client is not None:
        return f"The notebook folder {root} is inside {client}'s folder: {REASON_SYNC}"
    return None
