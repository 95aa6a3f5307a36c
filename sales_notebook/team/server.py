"""Connecting to the team's PostgreSQL server, and telling its failures in one plain line.

The notebook never stores a password. libpq finds one in PGPASSWORD, ~/.pgpass or a service
file; the GUI may pass one typed into a prompt, kept in memory only. Everything else in the
URL (sslmode, sslrootcert, connect_timeout ...) goes to libpq as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.pool import NullPool

from sales_notebook.store.errors import KnownError

CONNECT_TIMEOUT_S = 5
SCHEMA = "team"


class TeamError(KnownError):
    """The team server cannot be reached or refused what was asked; nothing local is lost."""


class PasswordNeeded(TeamError):
    """libpq found no password (PGPASSWORD, ~/.pgpass, service file): a prompt may give one."""


def team_error(what: str, exc: DBAPIError) -> TeamError:
    """One plain line for a driver error, as the right TeamError."""
    message = f"{what}: {explain(exc)}"
    low = str(exc.orig).lower()
    if "no password supplied" in low or "fe_sendauth" in low:
        return PasswordNeeded(message)
    return TeamError(message)


def parse_url(text: str) -> URL:
    """The URL as SQLAlchemy reads it, on the psycopg 3 driver; refuses anything else."""
    try:
        url = make_url(text.strip())
    except ArgumentError as exc:
        raise TeamError(f"“{text}” is not a PostgreSQL URL (postgresql://USER@HOST/DB).") from exc
    if url.get_backend_name() != "postgresql":
        raise TeamError(f"“{text}” is not a PostgreSQL URL (postgresql://USER@HOST/DB).")
    return url.set(drivername="postgresql+psycopg")


def public_url(text: str) -> str:
    """The URL without any password, as it may be shown or kept in the notebook."""
    # URL.set() reads None as "unchanged": the password is dropped with _replace.
    url = parse_url(text)._replace(drivername="postgresql", password=None)
    return url.render_as_string(hide_password=False)


def has_password(text: str) -> bool:
    return parse_url(text).password is not None


def make_engine(url: str, password: str | None = None) -> Engine:
    """An engine on the team server; `password` (from a prompt) lives in memory only."""
    parsed = parse_url(url)
    args: dict[str, object] = {}
    if "connect_timeout" not in parsed.query:
        args["connect_timeout"] = CONNECT_TIMEOUT_S
    if password is not None:
        args["password"] = password
    # One connection per sync: a desktop app should hold no idle connection to the server.
    try:
        return create_engine(parsed, connect_args=args, poolclass=NullPool)
    except ImportError as exc:  # psycopg without its binary package and no libpq on the system
        raise TeamError(
            f"The team library needs PostgreSQL's client library, libpq, which cannot be "
            f"loaded here ({exc}). Install it (on Debian or Ubuntu: apt install libpq5) or "
            "reinstall Sales Notebook with pipx, which brings its own. Your notebook is "
            "unchanged."
        ) from exc


@contextmanager
def connected(engine: Engine, what: str) -> Iterator[Connection]:
    """A transaction on the server; any driver error becomes one plain TeamError line."""
    try:
        with engine.begin() as conn:
            yield conn
    except DBAPIError as exc:
        raise team_error(what, exc) from exc


def explain(exc: DBAPIError) -> str:
    """What went wrong with the server, in words a seller or an admin can act on."""
    text = str(exc.orig).strip()
    low = text.lower()
    first = text.splitlines()[0] if text else type(exc.orig).__name__
    if "password authentication failed" in low:
        return "the server refused the password (check PGPASSWORD or ~/.pgpass)."
    if "no password supplied" in low or "fe_sendauth" in low:
        return "the server asks for a password: set PGPASSWORD or add it to ~/.pgpass."
    if "failed to resolve host" in low or "name or service not known" in low:
        return "the team server's name cannot be found (offline, or a wrong URL?)."
    if "connection refused" in low or "could not connect" in low or "timeout expired" in low:
        return "the team server does not answer (is it running, and is the URL right?)."
    if "does not exist" in low and ("role" in low or "database" in low):
        return f"{first.split('FATAL:')[-1].strip()}."
    if "permission denied" in low or "row-level security" in low or "must be owner" in low:
        return f"the server refused it for this role ({first.removeprefix('ERROR:').strip()})."
    if "ssl" in low:
        return f"the secure connection failed ({first})."
    return first
