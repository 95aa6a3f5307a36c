"""Composition root: arguments -> data dir -> database -> the window, or a headless subcommand.

Subcommands never import Qt, so the notebook can be scripted on a machine with no display.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sales_notebook import APP_NAME, __version__
from sales_notebook.paths import DataPaths, resolve_data_dir
from sales_notebook.store.errors import KnownError

if TYPE_CHECKING:
    from sales_notebook.store.database import Database


def build_parser() -> argparse.ArgumentParser:
    """The command line: no subcommand opens the window."""
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder holding notebook.db (default: $SALES_NOTEBOOK_DATA_DIR or the user data dir)",
    )
    parser = argparse.ArgumentParser(
        prog="sales-notebook",
        description=f"{APP_NAME}: notes for live sales calls, and lessons.",
        parents=[data_dir],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("demo", parents=[data_dir], help="fill an empty notebook with a demo")
    export = sub.add_parser("export", parents=[data_dir], help="export the notebook")
    export.add_argument(
        "--format",
        choices=["json", "markdown", "csv"],
        default="json",
        help="json: everything, re-importable; markdown, csv: every lesson (default: json)",
    )
    export.add_argument("--out", default="-", metavar="FILE|-", help="file to write, - for stdout")
    imp = sub.add_parser("import", parents=[data_dir], help="import a JSON export")
    imp.add_argument("file", metavar="FILE|-")
    imp.add_argument(
        "--replace", action="store_true", help="replace a notebook that has data (backup first)"
    )
    sub.add_parser("backup", parents=[data_dir], help="take a backup (keeps the last 10)")
    sub.add_parser("check", parents=[data_dir], help="check the notebook's integrity")

    lessons = sub.add_parser("lessons", parents=[data_dir], help="search and suggest lessons")
    lsub = lessons.add_subparsers(dest="lessons_command", metavar="ACTION", required=True)
    suggest = lsub.add_parser(
        "suggest", parents=[data_dir], help="root causes suggested for a call's notes"
    )
    suggest.add_argument("file", metavar="FILE|-")
    suggest.add_argument("--json", action="store_true")
    search = lsub.add_parser("search", parents=[data_dir], help="full-text search of lessons")
    search.add_argument("query", metavar="QUERY", help='words, "phrases", prefix*, AND/OR/NOT')
    search.add_argument("--cause", metavar="ID", help="only lessons with this root cause")
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--notes", action="store_true", help="also search call notes")
    search.add_argument("--json", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args = build_parser().parse_args(argv)
    paths = resolve_data_dir(args.data_dir)
    if args.command is None:
        from sales_notebook.ui.app import run_app

        return run_app(paths)
    from sales_notebook.store.data_location import location_warning

    warning = location_warning(paths.root)
    if warning is not None:
        print(f"sales-notebook: warning: {warning}", file=sys.stderr)
    try:
        return _run_command(args, paths)
    except KnownError as exc:
        print(f"sales-notebook: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1


def _open(paths: DataPaths):  # type: ignore[no-untyped-def]
    from sales_notebook.store.database import Database
    from sales_notebook.store.migrate import prepare

    prepare(paths)
    return Database(paths.database)


def _run_command(args: argparse.Namespace, paths: DataPaths) -> int:
    if args.command == "lessons" and args.lessons_command == "suggest":
        return _suggest(args)
    if args.command == "check":
        from sales_notebook.store.integrity import check_notebook

        problems = check_notebook(paths)
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print(f"{paths.database}: ok")
        return 1 if problems else 0
    db = _open(paths)
    try:
        if args.command == "demo":
            from sales_notebook.store.demo import fill_demo

            counts = fill_demo(db)
            print(", ".join(f"{v} {k}" for k, v in counts.items()) + f" written to {paths.root}")
        elif args.command == "export":
            _export(args, db)
        elif args.command == "import":
            _import(args, paths, db)
        elif args.command == "lessons" and args.lessons_command == "search":
            _search(args, db)
        elif args.command == "backup":
            from sales_notebook.store.backup import backup_database

            print(backup_database(paths))
    finally:
        db.dispose()
    return 0


def _export(args: argparse.Namespace, db: Database) -> None:
    from sales_notebook.store.library import LibraryService
    from sales_notebook.store.transfer import write_export

    def write(out: TextIO) -> None:
        if args.format == "json":
            write_export(db, out)
        elif args.format == "markdown":
            out.write(LibraryService(db).export_markdown(None, "Lessons from past calls"))
        else:
            out.write(LibraryService(db).export_csv())

    if args.out == "-":
        write(sys.stdout)
        return
    # newline="" keeps the CSV's own line ends (RFC 4180); the other formats use "\n".
    with open(args.out, "w", encoding="utf-8", newline="" if args.format == "csv" else None) as out:
        write(out)


def _import(args: argparse.Namespace, paths: DataPaths, db: object) -> None:
    from sales_notebook.store.backup import backup_database
    from sales_notebook.store.errors import InvalidInput
    from sales_notebook.store.transfer import import_document, parse_document

    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
        document = json.loads(text)
    except FileNotFoundError as exc:
        raise InvalidInput(f"No such file: {args.file}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"{args.file} is not a JSON export ({exc}).") from exc
    parsed = parse_document(document)
    if args.replace:
        print(f"Backup taken: {backup_database(paths, reason='before-import')}")
    counts = import_document(db, parsed, replace=args.replace)  # type: ignore[arg-type]
    print("Imported " + ", ".join(f"{v} {k}" for k, v in counts.items() if v))


def _suggest(args: argparse.Namespace) -> int:
    from sales_notebook.core.diagnosis import suggest_root_causes
    from sales_notebook.store.errors import InvalidInput

    try:
        notes = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"Cannot read {args.file}: {exc}") from exc
    suggestions = suggest_root_causes(notes)
    if args.json:
        rows = [{"cause": s.cause, "score": round(s.score, 4), "why": s.why} for s in suggestions]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif not suggestions:
        print("No root cause stands out in these notes.")
    else:
        for s in suggestions:
            print(f"{s.score:6.2f}  {s.cause:<18}  {s.why}")
    return 0


def _search(args: argparse.Namespace, db: object) -> None:
    from sales_notebook.store.search import (
        MARK_END,
        MARK_START,
        Kind,
        SearchFilters,
        SearchService,
    )

    kinds: tuple[Kind, ...] = ("lesson", "call") if args.notes else ("lesson",)
    hits = SearchService(db).search(  # type: ignore[arg-type]
        args.query, SearchFilters(cause_id=args.cause), max(1, args.limit), kinds
    )

    def snippet(text: str, start: str, end: str) -> str:
        return " ".join(text.replace(MARK_START, start).replace(MARK_END, end).split())

    if args.json:
        rows = [
            {
                "lesson_id": h.lesson_id, "call_id": h.call_id, "kind": h.kind,
                "title": h.title, "account": h.account_name, "outcome": h.outcome,
                "date": h.when.date().isoformat(), "causes": list(h.causes),
                "snippet": snippet(h.snippet, "", ""), "score": round(h.score, 4),
            }
            for h in hits
        ]  # fmt: skip
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not hits:
        print("No lessons match.")
    for h in hits:
        what = f"lesson {h.lesson_id}" if h.kind == "lesson" else f"call {h.call_id}"
        print(f"{what:>12}  {h.when:%Y-%m-%d}  {h.title}  [{', '.join(h.causes)}]")
        print(f"{'':>12}  {snippet(h.snippet, '[', ']')}")
