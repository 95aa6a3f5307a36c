"""`sales-notebook team …`: the team library from the command line, without Qt.

Any failure of the server (down, a wrong password, a refused role) is one line on stderr
and exit code 1; nothing in the notebook is lost. Passwords come from libpq (PGPASSWORD,
~/.pgpass, a service file) or, on a terminal, from a prompt; none is ever written anywhere.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from sales_notebook.paths import DataPaths
from sales_notebook.store.errors import KnownError

if TYPE_CHECKING:
    from sales_notebook.store.database import Database

T = TypeVar("T")
# Actions that write the notebook hold its writer lock, as cli.py's writing commands do: none
# runs while the window has the notebook open (the window syncs by itself).
WRITING_ACTIONS = frozenset({"join", "publish", "unpublish", "sync"})


def add_team_parser(sub: Any, command: Callable[[Any, str, str], argparse.ArgumentParser]) -> None:
    """Register `team` and its actions; `command(owner, name, help)` is cli.py's maker of a
    subcommand (it adds --data-dir)."""
    team = command(sub, "team", "the team lesson library")
    tsub = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        return command(tsub, name, help_text)

    init = action("init", "create or upgrade the team schema (the admin)")
    init.add_argument("url", metavar="URL", help="postgresql://ADMIN@HOST/DB")
    add = action("add-seller", "create a seller's login role (the admin)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--url", required=True, metavar="URL", help="the admin's URL")
    add.add_argument("--json", action="store_true")
    join = action("join", "keep the team server's URL (without password) in this notebook")
    join.add_argument("url", metavar="URL", help="postgresql://YOU@HOST/DB")
    publish = action("publish", "share lessons with the team at the next sync")
    publish.add_argument("lesson_ids", nargs="*", type=int, metavar="LESSON_ID")
    publish.add_argument("--all", action="store_true", help="every lesson not shared yet")
    publish.add_argument(
        "--share-account", action="store_true", help="share the account's name too"
    )
    unpublish = action("unpublish", "take lessons back from the team at the next sync")
    unpublish.add_argument("lesson_ids", nargs="+", type=int, metavar="LESSON_ID")
    sync = action("sync", "send the outbox, receive the team's lessons")
    sync.add_argument("--json", action="store_true")
    search = action("search", "search the team's lessons (offline)")
    search.add_argument("query", metavar="QUERY", help='words, "phrases", prefix*, AND/OR/NOT')
    search.add_argument("--scope", choices=["team", "mine", "all"], default="team")
    search.add_argument("--cause", metavar="ID", help="only lessons with this root cause")
    search.add_argument("--limit", default="20", metavar="N", help="1 to 10,000 (default: 20)")
    search.add_argument("--json", action="store_true")
    status = action("status", "outbox size, last sync, whether the server answers")
    status.add_argument("--json", action="store_true")


def run_team(args: argparse.Namespace, paths: DataPaths) -> int:
    """Run one `team` action; known failures are one line and exit code 1."""
    try:
        if args.team_command == "init":
            return _init(args)
        if args.team_command == "add-seller":
            return _add_seller(args)
        from sales_notebook.store.migrate import needs_prepare

        action = args.team_command
        if action == "join":
            return _join(args, paths)
        paths.require_notebook()
        if action in WRITING_ACTIONS or needs_prepare(paths):
            from sales_notebook.store.writer_lock import writer_lock

            with writer_lock(paths.ensure(), f"sales-notebook team {action}"):
                return _on_notebook(args, paths)
        return _on_notebook(args, paths)
    except KnownError as exc:
        print(f"sales-notebook: {exc}", file=sys.stderr)
        return 1


def _on_notebook(args: argparse.Namespace, paths: DataPaths) -> int:
    from sales_notebook.store.database import Database
    from sales_notebook.store.migrate import prepare

    prepare(paths)
    db = Database(paths.database)
    try:
        return _NOTEBOOK_ACTIONS[args.team_command](args, db)
    finally:
        db.dispose()


def _with_password(run: Callable[[str | None], T]) -> T:
    """Run with libpq's own password; on a terminal, ask once when it has none."""
    from sales_notebook.team.server import PasswordNeeded

    try:
        return run(None)
    except PasswordNeeded:
        if not sys.stdin.isatty():
            raise
        import getpass

        return run(getpass.getpass("Team server password (not kept): "))


def _init(args: argparse.Namespace) -> int:
    from sales_notebook.team.admin import init_team
    from sales_notebook.team.server import public_url

    revision = _with_password(lambda pw: init_team(args.url, pw))
    print(f"Team schema ready (revision {revision}) on {public_url(args.url)}.")
    print("Add each seller with: sales-notebook team add-seller NAME --url URL")
    return 0


def _add_seller(args: argparse.Namespace) -> int:
    from sales_notebook.team.admin import add_seller

    seller = _with_password(lambda pw: add_seller(args.url, args.name, pw))
    if args.json:
        row = {"name": seller.display_name, "role": seller.role, "url": seller.url,
               "password": seller.password}  # fmt: skip
        print(json.dumps(row, ensure_ascii=False, indent=1))
        return 0
    print(f"{seller.display_name} can now connect as the role {seller.role}.")
    print("Give them, by a safe channel, this URL and password (shown only now):")
    print(f"  URL:      {seller.url}")
    print(f"  password: {seller.password}")
    print("On their machine:")
    print(f"  sales-notebook team join {seller.url}")
    print("with the password in ~/.pgpass (mode 0600) as HOST:PORT:DATABASE:ROLE:PASSWORD,")
    print("or in PGPASSWORD; the notebook never stores it.")
    return 0


def _join(args: argparse.Namespace, paths: DataPaths) -> int:
    """Joining may be a new seller's first step, so it may make the notebook; the server is
    asked first, and a join that fails leaves the data folder as it was."""
    from sales_notebook.store.database import Database
    from sales_notebook.store.migrate import prepare
    from sales_notebook.store.writer_lock import writer_lock
    from sales_notebook.team.membership import (
        NOT_JOINED,
        check_server,
        keep_membership,
        left_as_found,
    )
    from sales_notebook.team.server import public_url

    role = _with_password(lambda pw: check_server(args.url, pw, NOT_JOINED))
    with left_as_found(paths), writer_lock(paths.ensure(), "sales-notebook team join"):
        prepare(paths)
        db = Database(paths.database)
        try:
            dropped = keep_membership(db, args.url, role)
        finally:
            db.dispose()
    if dropped:
        print("The password in the URL was not kept: put it in ~/.pgpass or PGPASSWORD.")
    print(f"Joined {public_url(args.url)} as {role}. Run `sales-notebook team sync` to catch up.")
    return 0


def _publish(args: argparse.Namespace, db: Database) -> int:
    from sales_notebook.store.errors import InvalidInput
    from sales_notebook.team.local import TeamLocal

    local = TeamLocal(db)
    if args.all == bool(args.lesson_ids):
        raise InvalidInput("Name the lessons to publish (LESSON_ID …) or use --all.")
    if args.all:
        count = local.publish_all()
    else:
        count = local.publish(args.lesson_ids, share_account=args.share_account or None)
    print(f"{count} lesson{'s' if count != 1 else ''} queued for the team; "
          f"{local.outbox_size()} change(s) waiting for `team sync`.")  # fmt: skip
    return 0


def _unpublish(args: argparse.Namespace, db: Database) -> int:
    from sales_notebook.team.local import TeamLocal

    local = TeamLocal(db)
    count = local.unpublish(args.lesson_ids)
    print(f"{count} lesson{'s' if count != 1 else ''} taken back; the team's copies go at the "
          "next sync.")  # fmt: skip
    return 0


def _sync(args: argparse.Namespace, db: Database) -> int:
    from sales_notebook.team.sync import TeamSync

    result = _with_password(lambda pw: TeamSync(db, password=pw).sync())
    if args.json:
        row = {"pushed": result.pushed, "pulled": result.pulled, "removed": result.removed,
               "seconds": round(result.seconds, 3), "problem": result.problem}  # fmt: skip
        print(json.dumps(row, indent=1))
    else:
        print(f"Sent {result.pushed} change(s), received {result.pulled} lesson(s), "
              f"removed {result.removed} ({result.seconds:.2f} s).")  # fmt: skip
    if result.problem:
        print(f"sales-notebook: {result.problem}", file=sys.stderr)
        return 1
    return 0


def _search(args: argparse.Namespace, db: Database) -> int:
    from sales_notebook.team.local import TeamLocal
    from sales_notebook.team.search import MARK_END, MARK_START, scoped_search
    from sales_notebook.text_input import search_limit, search_query

    # The query and --limit are read as `lessons search` reads them.
    query, limit = search_query(args.query), search_limit(args.limit)
    cause = search_query(args.cause or "", "--cause") or None
    local = TeamLocal(db)
    me = (local.get("me"), local.get("me_name") or local.get("me") or "")
    hits = scoped_search(db, query, args.scope, limit, cause, me)

    def snippet(text: str, start: str, end: str) -> str:
        return " ".join(text.replace(MARK_START, start).replace(MARK_END, end).split())

    if args.json:
        rows = [
            {
                "lesson_id": h.lesson_id if h.uuid is None else h.uuid, "call_id": h.call_id,
                "kind": "lesson", "title": h.title, "account": h.account_name,
                "outcome": h.outcome, "date": h.when.isoformat(), "causes": list(h.causes),
                "snippet": snippet(h.snippet, "", ""), "score": float(f"{h.score:.4g}"),
                "seller": h.seller,
            }
            for h in hits
        ]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not hits:
        print("No team lessons match." if local.get("last_sync") else
              "No team lessons match (this notebook has not synced yet: `team sync`).")  # fmt: skip
    for h in hits:
        print(f"{h.when:%Y-%m-%d}  {h.seller or 'me'}  {h.title}  [{', '.join(h.causes)}]")
        print(f"            {snippet(h.snippet, '[', ']')}")
    return 0


def _status(args: argparse.Namespace, db: Database) -> int:
    from sales_notebook.team.local import TeamLocal
    from sales_notebook.team.membership import check_server
    from sales_notebook.team.server import TeamError

    local = TeamLocal(db)
    url = local.get("url")
    answers, problem = False, None
    if url:
        try:
            check_server(url)
            answers = True
        except TeamError as exc:
            problem = str(exc)
    row = {
        "url": url, "role": local.get("me"), "outbox": local.outbox_size(),
        "shared": len(local.shares()), "last_sync": local.get("last_sync"),
        "last_error": local.get("last_error"), "server_answers": answers, "problem": problem,
    }  # fmt: skip
    if args.json:
        print(json.dumps(row, ensure_ascii=False, indent=1))
        return 0
    if not url:
        print("Not in a team: run `sales-notebook team join URL`.")
    else:
        print(f"Team server: {url} as {row['role'] or '?'}: "
              + ("answers." if answers else f"does not answer now ({problem})."))  # fmt: skip
    print(f"Shared lessons: {row['shared']}; changes waiting to be sent: {row['outbox']}.")
    print(f"Last sync: {row['last_sync'] or 'never'}.")
    if row["last_error"]:
        print(f"Last sync failed: {row['last_error']}")
    return 0


_NOTEBOOK_ACTIONS: dict[str, Callable[[argparse.Namespace, Database], int]] = {
    "publish": _publish,
    "unpublish": _unpublish,
    "sync": _sync,
    "search": _search,
    "status": _status,
}
