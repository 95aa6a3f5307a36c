"""The team library from the bundle: psycopg over the libpq the bundle carries (Debian's, with
libldap, liblber and libsasl2), which speaks TLS through the system's OpenSSL."""

from __future__ import annotations

import json
import os
import pwd
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.team.conftest import TeamServer, _superuser_sql, pg_cluster, team_server  # noqa: F401
from tests.team.pg_cluster import Cluster, start_cluster, unavailable_reason

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bundled libpq is Linux's"),
]


# The bundle carries Debian's libpq and the libraries it links that a desktop may lack.
LIBPQ_AND_ITS_OWN = ("libpq.so.5", "libldap-2.5.so.0", "liblber-2.5.so.0", "libsasl2.so.2")


def system_copies(names: tuple[str, ...]) -> list[str]:
    """The system's files for these sonames, as the loader's cache lists them."""
    cache = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=True)
    found = re.findall(r"^\s*(\S+) \(libc6,x86-64[^)]*\) => (\S+)$", cache.stdout, re.M)
    return sorted({os.path.realpath(path) for name, path in found if name in names})


def without(files: list[str]) -> list[str]:
    """A command prefix under which these files cannot be loaded (/dev/null mounted over each, in
    a mount namespace of the command's own): a laptop without libpq5. As root (CI) or where user
    namespaces are allowed; elsewhere none, and the loader's trace still shows which copies
    were loaded."""
    hide = "".join(f"mount --bind /dev/null {shlex.quote(f)} || exit 97; " for f in files)
    for unshare in (["unshare", "--mount"], ["unshare", "--mount", "--map-root-user"]):
        prefix = [*unshare, "sh", "-c", hide + 'exec "$@"', "sh"]
        if subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
            return prefix
    return []


def test_it_publishes_and_syncs_with_its_own_libpq_where_the_system_has_none(
    bundle: Path,
    clean_env: dict[str, str],
    tmp_path: Path,
    team_server,  # noqa: F811
) -> None:
    hidden = system_copies(LIBPQ_AND_ITS_OWN)
    assert [p for p in hidden if "libpq.so" in p], "the build installs libpq5"
    seller = team_server.add_seller("Bundle Seller")
    env = {**clean_env, "PGPASSWORD": team_server.passwords[seller]}
    data = ["--data-dir", str(tmp_path / "nb")]

    def team(*argv: str, debug: bool = False) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*without(hidden), str(bundle), *argv, *data],
            env={**env, "LD_DEBUG": "libs"} if debug else env,
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    joined = team("team", "join", team_server.url(seller))
    assert joined.returncode == 0, joined.stderr
    assert team("demo").returncode == 0
    published = team("team", "publish", "--all")
    assert published.returncode == 0, published.stderr
    synced = team("team", "sync", "--json", debug=True)
    assert synced.returncode == 0, synced.stderr[-3000:]
    assert json.loads(synced.stdout)["pushed"] == 8
    # The loader names the file it initialised for each library ("calling init: <path>").
    loaded = re.findall(r"calling init: (\S+)$", synced.stderr, re.M)
    for name in LIBPQ_AND_ITS_OWN:
        paths = {path for path in loaded if Path(path).name == name}
        assert paths == {str(bundle.parent / "_internal" / name)}, (name, paths)
    assert not [path for path in loaded if "psycopg_binary" in path]


@pytest.fixture
def tls_team_server(tmp_path: Path) -> Iterator[TeamServer]:
    """A team database on a cluster of its own that accepts TLS (a self-signed certificate)."""
    reason = unavailable_reason()
    if reason:
        pytest.skip(f"team tests need PostgreSQL: {reason}")
    cluster: Cluster = start_cluster()
    try:
        data = cluster.root / "data"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=127.0.0.1", "-keyout", str(data / "server.key"),
             "-out", str(data / "server.crt")],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        os.chmod(data / "server.key", 0o600)
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            for name in ("server.key", "server.crt"):
                os.chown(data / name, owner.pw_uid, owner.pw_gid)
        _superuser_sql(cluster, "ALTER SYSTEM SET ssl = on", "SELECT pg_reload_conf()")
        server = TeamServer(cluster, 1)
        from sales_notebook.team.admin import init_team

        _superuser_sql(
            cluster,
            f"CREATE ROLE {server.admin} LOGIN CREATEROLE PASSWORD '{cluster.password}'",
            f"CREATE DATABASE {server.database} OWNER {server.admin}",
        )
        init_team(server.admin_url, cluster.password)
        yield server
    finally:
        cluster.stop()


def test_it_syncs_over_tls_through_the_systems_openssl(
    bundle: Path, clean_env: dict[str, str], tmp_path: Path, tls_team_server: TeamServer
) -> None:
    seller = tls_team_server.add_seller("TLS Seller")
    env = {**clean_env, "PGPASSWORD": tls_team_server.passwords[seller]}
    data = ["--data-dir", str(tmp_path / "nb")]

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bundle), *argv, *data], env=env, capture_output=True, text=True, timeout=120
        )

    url = tls_team_server.url(seller) + "?sslmode=require"  # no TLS, no connection
    joined = run("team", "join", url)
    assert joined.returncode == 0, joined.stderr
    assert run("demo").returncode == 0
    assert run("team", "publish", "--all").returncode == 0
    synced = run("team", "sync", "--json")
    assert synced.returncode == 0, synced.stderr
    assert json.loads(synced.stdout)["pushed"] == 8
    # The same URL is refused once the server stops offering TLS.
    _superuser_sql(tls_team_server.cluster, "ALTER SYSTEM SET ssl = off", "SELECT pg_reload_conf()")
    refused = run("team", "sync", "--json")
    assert refused.returncode != 0
    assert "server does not support SSL" in refused.stderr
