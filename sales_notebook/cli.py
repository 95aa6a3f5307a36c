"""Composition root: arguments -> data dir -> database -> the window, or a headless subcommand.

Subcommands never import Qt, so the notebook can be scripted on a machine with no display.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from sales_notebook import APP_NAME
from sales_notebook.paths import DataPaths, resolve_data_dir
from sales_notebook.store.errors import KnownError, classify

if TYPE_CHECKING:
    from sales_notebook.store.database import Database
    from sales_notebook.store.suggestion_inputs import SuggestionInputs


# The commands that change the notebook: they hold its writer lock (see store/writer_lock.py),
# so none of them runs while the window has the notebook open, nor two at once. A new command
# that writes belongs here.
WRITING_COMMANDS = frozenset({"demo", "import", "backup"})
# The commands that may make a new notebook; every other one needs an existing notebook, so
# a mistyped --data-dir is told instead of answered from a new, empty one.
CREATING_COMMANDS = frozenset({"demo", "import"})


def _folder(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("is empty: give the folder of the notebook")
    return value


def _data_dir_option(parser: argparse.ArgumentParser, default: object) -> None:
    # Every (sub)command takes it, before or after its name. Only the top parser has a
    # default: a subcommand's default would overwrite a value given before the subcommand.
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=_folder,
        default=default,
        help="folder holding notebook.db (default: $SALES_NOTEBOOK_DATA_DIR or the user data dir)",
    )


class _Version(argparse.Action):
    """--version, reading the version only when asked (see sales_notebook/__init__.py)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from sales_notebook import __version__

        print(f"{parser.prog} {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The command line: no subcommand opens the window."""
    parser = argparse.ArgumentParser(
        prog="sales-notebook",
        description=f"{APP_NAME}: notes for live sales calls, and lessons.",
    )
    _data_dir_option(parser, default=None)
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(owner: Any, name: str, help: str) -> argparse.ArgumentParser:
        subparser: argparse.ArgumentParser = owner.add_parser(name, help=help)
        _data_dir_option(subparser, default=argparse.SUPPRESS)
        return subparser

    command(sub, "demo", "fill an empty notebook with a demo")
    export = command(sub, "export", "export the notebook")
    export.add_argument(
        "--format",
        choices=["json", "markdown", "csv"],
        default="json",
        help="json: everything, re-importable; markdown, csv: every lesson (default: json)",
    )
    export.add_argument("--out", default="-", metavar="FILE|-", help="file to write, - for stdout")
    imp = command(sub, "import", "import a JSON export")
    imp.add_argument("file", metavar="FILE|-")
    imp.add_argument(
        "--replace", action="store_true", help="replace a notebook that has data (backup first)"
    )
    command(sub, "backup", "take a backup (keeps the last 10)")
    command(sub, "check", "check the notebook's integrity")

    lessons = command(sub, "lessons", "search and suggest lessons")
    lsub = lessons.add_subparsers(dest="lessons_command", metavar="ACTION", required=True)
    suggest = command(lsub, "suggest", "root causes suggested for a call's notes")
    suggest.add_argument("file", metavar="FILE|-")
    suggest.add_argument("--json", action="store_true")
    search = command(lsub, "search", "full-text search of lessons")
    search.add_argument("query", metavar="QUERY", help='words, "phrases", prefix*, AND/OR/NOT')
    search.add_argument("--cause", metavar="ID", help="only lessons with this root cause")
    search.add_argument("--limit", default="20", metavar="N", help="1 to 10,000 (default: 20)")
    search.add_argument("--notes", action="store_true", help="also search call notes")
    search.add_argument("--json", action="store_true")

    from sales_notebook.team.commands import add_team_parser

    add_team_parser(sub, command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args = build_parser().parse_args(argv)
    try:
        paths = resolve_data_dir(args.data_dir)
        if args.command is None:
            from sales_notebook.ui.app import run_app

            return run_app(paths)
        _warn_about_location(paths)
        return _run_command(args, paths)
    except BrokenPipeError:
        return 1
    except KnownError as exc:
        return _told(exc)
    except Exception as exc:  # a disk or database error with a known SQLite code or errno
        known = classify(exc)
        if known is None:
            raise  # a bug: its traceback is the report
        return _told(known)


def _warn_about_location(paths: DataPaths) -> None:
    from sales_notebook.store.data_location import location_warning

    warning = location_warning(paths.root)
    if warning is not None:
        print(f"sales-notebook: warning: {warning}", file=sys.stderr)


def _told(exc: KnownError) -> int:
    print(f"sales-notebook: {exc}", file=sys.stderr)
    return 2


def _run_command(args: argparse.Namespace, paths: DataPaths) -> int:
    if args.command == "team":  # its own checks and locks: sales_notebook/team/commands.py
        from sales_notebook.team.commands import run_team

        return run_team(args, paths)
    if args.command == "import":  # a bad file is refused before the notebook is opened
        from sales_notebook.store.transfer import parse_document
        from sales_notebook.text_input import read_json

        args.parsed = parse_document(read_json(args.file))
    if args.command == "lessons" and args.lessons_command == "suggest":
        return _suggest(args, paths)
    from sales_notebook.store.migrate import needs_prepare

    if args.command not in CREATING_COMMANDS:
        paths.require_notebook()
    if args.command in WRITING_COMMANDS or (args.command != "check" and needs_prepare(paths)):
        from sales_notebook.store.writer_lock import writer_lock

        with writer_lock(paths.ensure(), f"sales-notebook {args.command}"):
            return _run_on_notebook(args, paths)
    return _run_on_notebook(args, paths)


def _run_on_notebook(args: argparse.Namespace, paths: DataPaths) -> int:
    if args.command == "check":
        from sales_notebook.store.integrity import check_notebook

        problems = check_notebook(paths)
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print(f"{paths.database}: ok")
        return 1 if problems else 0
    if args.command == "backup":
        from sales_notebook.store.backup import backup_database

        print(backup_database(paths))
        return 0
    from sales_notebook.store.database import Database
    from sales_notebook.store.migrate import prepare

    prepare(paths)
    db = Database(paths.database)
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
    from sales_notebook.store.atomic_file import write_atomically

    # All or nothing, 0600 (temp file, fsync, rename). newline="" keeps the CSV's own line
    # ends (RFC 4180); the other formats use "\n".
    try:
        write_atomically(Path(args.out), write, newline="" if args.format == "csv" else None)
    except OSError as exc:
        raise KnownError(f"The export could not be written to {args.out}: {exc.strerror}.") from exc


def _import(args: argparse.Namespace, paths: DataPaths, db: object) -> None:
    from sales_notebook.store.backup import backup_database
    from sales_notebook.store.transfer import check_import, import_document

    parsed = args.parsed
    check_import(db, parsed, replace=args.replace)  # type: ignore[arg-type]
    if args.replace:
        print(f"Backup taken: {backup_database(paths, reason='before-import')}")
    result = import_document(db, parsed, replace=args.replace)  # type: ignore[arg-type]
    print("Imported " + (", ".join(f"{v} {k}" for k, v in result.counts.items() if v) or "nothing"))
    if result.kept:
        print("Not in the file, so left as they were: " + ", ".join(result.kept))
    if result.emptied:
        print("Not in the file, so emptied (--replace): " + ", ".join(result.emptied))


def _suggestion_inputs(paths: DataPaths) -> SuggestionInputs | None:
    """The seller's causes and lessons, read as the post-mortem wizard reads them; None (and
    a line saying so) when there is no notebook, so notes can be read without one."""
    if not paths.database.is_file():
        print(
            f"No notebook in {paths.root}: suggesting from the default causes, without your "
            "own causes and lessons.",
            file=sys.stderr,
        )
        return None
    from sales_notebook.store.migrate import needs_prepare
    from sales_notebook.store.suggestion_inputs import read_suggestion_inputs

    if needs_prepare(paths):  # an older notebook: upgraded as by any other command
        from sales_notebook.store.migrate import prepare
        from sales_notebook.store.writer_lock import writer_lock

        with writer_lock(paths.ensure(), "sales-notebook lessons suggest"):
            prepare(paths)
    return read_suggestion_inputs(paths.database)


def _suggest(args: argparse.Namespace, paths: DataPaths) -> int:
    from sales_notebook.core.blas import use_one_blas_thread

    use_one_blas_thread()
    from sales_notebook.core.diagnosis import suggest_root_causes
    from sales_notebook.core.diagnosis_model import ModelUnavailable, load_notes_model
    from sales_notebook.core.diagnosis_rules import MAX_DIAGNOSIS_CHARS
    from sales_notebook.core.diagnosis_text import language_problem
    from sales_notebook.text_input import MAX_SUGGEST_BYTES, read_text

    notes, whole = read_text(args.file, MAX_SUGGEST_BYTES)
    if len(notes) > MAX_DIAGNOSIS_CHARS:
        of = f"{len(notes):,} characters" if whole else f"more than {MAX_SUGGEST_BYTES:,} bytes"
        print(
            f"Read the first {MAX_DIAGNOSIS_CHARS:,} characters of {of}; the rest is not used.",
            file=sys.stderr,
        )
    inputs = _suggestion_inputs(paths)  # first: a notebook that cannot be read fails fast
    try:
        model = load_notes_model()
    except ModelUnavailable as exc:
        model = None
        print(f"Reading the notes with the keyword rules only: {exc}.", file=sys.stderr)
    if inputs is None:
        suggestions = suggest_root_causes(notes, model=model)
    else:  # as in the wizard: the seller's words, their lessons, their causes only
        offered = {cause.id for cause in inputs.causes}
        suggestions = [
            s
            for s in suggest_root_causes(
                notes, model=model, causes=inputs.causes, lessons=inputs.lessons
            )
            if s.cause in offered
        ]
    problem = language_problem(notes)
    if args.json:
        rows = [
            {
                "cause": s.cause,
                "score": round(s.score, 4),
                "probability": s.probability,
                "pre_tick": s.pre_tick,
                "why": s.why,
                "lesson_id": s.lesson_id,
            }
            for s in suggestions
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif problem:
        print(problem)
    elif not any(s.pre_tick for s in suggestions):
        print("No clear cause in the notes.")
        for s in suggestions[:3]:
            print(f"  maybe {s.cause:<18}  {_chance(s.probability)}  {s.why}")
    else:
        for s in suggestions:
            print(f"{'*' if s.pre_tick else ' '} {s.cause:<18}  {_chance(s.probability)}  {s.why}")
    if problem and args.json:
        print(problem, file=sys.stderr)
    return 0


def _chance(probability: float | None) -> str:
    return "   " if probability is None else f"{probability:3.0%}"


def _search(args: argparse.Namespace, db: object) -> None:
    from sales_notebook.store.search import (
        MARK_END,
        MARK_START,
        Kind,
        SearchFilters,
        SearchService,
    )
    from sales_notebook.text_input import search_limit, search_query

    kinds: tuple[Kind, ...] = ("lesson", "call") if args.notes else ("lesson",)
    query, limit = search_query(args.query), search_limit(args.limit)
    cause = search_query(args.cause or "", "--cause")
    hits = SearchService(db).search(  # type: ignore[arg-type]
        query, SearchFilters(cause_id=cause or None), limit, kinds
    )

    def snippet(text: str, start: str, end: str) -> str:
        return " ".join(text.replace(MARK_START, start).replace(MARK_END, end).split())

    if args.json:
        rows = [
            {
                "lesson_id": h.lesson_id, "call_id": h.call_id, "kind": h.kind,
                "title": h.title, "account": h.account_name, "outcome": h.outcome,
                "date": h.when.date().isoformat(), "causes": list(h.causes),
                "snippet": snippet(h.snippet, "", ""), "score": float(f"{h.score:.4g}"),
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
