"""A private PostgreSQL cluster in a temp dir, for the team-library tests and the benchmark.

PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user
(initdb and pg_ctl run through runuser). It listens on 127.0.0.1 on a free port and on a
unix socket in its own dir, uses password (SCRAM) authentication, and is stopped and
removed by `stop()`. The system's default cluster is never touched.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "sn_super"


def server_bin() -> Path | None:
    """The folder of initdb and pg_ctl (the newest installed), None when there is none."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def unavailable_reason() -> str | None:
    """Why no private cluster can start here, or None when one can."""
    if server_bin() is None:
        return "no PostgreSQL server binaries (initdb, pg_ctl): apt-get install postgresql-15"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the cluster as"
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    root: Path
    port: int
    password: str

    def url(self, user: str = SUPERUSER, database: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        command = [str(server_bin() / args[0]), *args[1:]]  # type: ignore[operator]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    def stop(self) -> None:
        try:
            if (self.root / "data" / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start_cluster() -> Cluster:
    """initdb + pg_ctl start in a fresh temp dir; the caller must call stop()."""
    root = Path(tempfile.mkdtemp(prefix="sn-pg-"))
    password = secrets.token_urlsafe(16)
    cluster = Cluster(root, _free_port(), password)
    try:
        (root / "pw").write_text(password + "\n")
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(root, owner.pw_uid, owner.pw_gid)
            os.chown(root / "pw", owner.pw_uid, owner.pw_gid)
        data = str(root / "data")
        cluster._run(
            "initdb", "-D", data, "-U", SUPERUSER, "--pwfile", str(root / "pw"),
            "-A", "scram-sha-256", "--no-sync", "-E", "UTF8", "--locale", "C.UTF-8",
        )  # fmt: skip
        options = (
            f"-p {cluster.port} -k {root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        cluster._run("pg_ctl", "-D", data, "-o", options, "-l", str(root / "log"), "-w", "start")
    except BaseException:
        cluster.stop()
        raise
    return cluster
