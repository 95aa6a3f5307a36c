"""`sales-notebook lessons suggest FILE`: wall and CPU time of the whole command, process start
to exit, beside two floors measured in the same interleaved runs.

    .venv/bin/python bench/suggest_cli.py [--runs 9] [--lessons 300] [--call-chars N]
                                          [--before DIR]

The package's bytecode is compiled first, as installing it does.

- floor `python -c pass`: the interpreter alone;
- floor imports: a bare interpreter importing the libraries the command needs (numpy,
  tokenizers, safetensors, sqlite3), doing nothing with them;
- ours: the command on a notebook holding `--lessons` tagged lessons (each with its call's
  notes) and a cause the seller added, on 2,000 words of notes (the own labelled set,
  repeated), which it compares with every lesson by meaning.

--before DIR also times the command of another copy of the package: DIR/sales_notebook with
its resources/ inside, as a wheel lays it out (e.g. `git archive OLD sales_notebook resources`
unpacked in DIR, then resources/ moved into sales_notebook/), in the same interleaved runs, on
the same notebook.

Prints the median and the worst run of each, the ratios, and the load average: on a machine
others are using, wall time stretches with the load while CPU time does not.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGET_SECONDS = 1.5
FLOOR_IMPORTS = "import numpy, tokenizers, safetensors.numpy, sqlite3"


def make_notebook(folder: Path, lessons: int, call_chars: int = 0) -> Path:
    """A notebook with `lessons` tagged lessons on calls with notes, and an added cause; with
    `call_chars`, each call's notes are the labelled notes repeated to that length."""
    from quality_data import load_own

    from sales_notebook.paths import DataPaths
    from sales_notebook.store.lessons import CauseDraft, LessonDraft
    from sales_notebook.store.migrate import prepare
    from sales_notebook.store.services import Services

    paths = DataPaths(folder)
    prepare(paths)
    services = Services.open(paths)
    try:
        services.taxonomy.add(
            "Wrong people in the room",
            "Were the right people in the meeting?",
            "Check who will attend, and that they can decide",
        )
        own = load_own()
        for n in range(lessons):
            case = own[n % len(own)]
            account_id, deal_id = services.accounts.find_or_add(f"Account {n}", "Deal")
            call_id = services.calls.start(account_id, deal_id, "Call")
            notes = case.notes
            while len(notes) < call_chars:
                notes += "\n" + own[(n + len(notes)) % len(own)].notes
            services.calls.end(call_id, notes[: max(call_chars, len(case.notes))])
            services.lessons.create(
                LessonDraft(
                    title=f"Lesson {n}",
                    call_id=call_id,
                    what_happened=case.notes[:200],
                    causes=(CauseDraft(case.main_cause, "from the notes"),),
                )
            )
    finally:
        services.close()
    return folder


def notes_file(folder: Path, words: int = 2000) -> Path:
    from quality_data import load_own

    text: list[str] = []
    while len(text) < words:
        for case in load_own():
            text.extend(case.notes.split())
    path = folder / "notes.txt"
    path.write_text(" ".join(text[:words]), encoding="utf-8")
    return path


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system of the child) seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--lessons", type=int, default=300)
    parser.add_argument(
        "--call-chars",
        type=int,
        default=0,
        metavar="N",
        help="each lesson's call notes this long (the suggester reads the first 4,000)",
    )
    parser.add_argument("--before", type=Path, metavar="DIR", help="another checkout to time")
    args = parser.parse_args(argv)
    sources = [ROOT] + ([args.before.resolve()] if args.before else [])
    # As pip does when it installs the package (and the bundle carries): the package's
    # bytecode compiled, which the floors' libraries already have. A checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would otherwise compile ~30 modules from source every run.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "sales_notebook")], check=True
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_notebook(Path(tmp) / "notebook", args.lessons, args.call_chars)
        notes = notes_file(Path(tmp))
        commands = {
            "floor: python -c pass": [sys.executable, "-c", "pass"],
            "floor: imports only": [sys.executable, "-c", FLOOR_IMPORTS],
            "lessons suggest": [
                sys.executable, "-m", "sales_notebook", "lessons", "suggest", str(notes),
                "--data-dir", str(folder),
            ],
        }  # fmt: skip
        if args.before:
            # The venv's editable install would win over PYTHONPATH: drop its finder first.
            launcher = (
                "import runpy, sys; "
                "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]; "
                f"sys.path.insert(0, {str(sources[1])!r}); sys.argv[0] = 'sales-notebook'; "
                "runpy.run_module('sales_notebook', run_name='__main__')"
            )
            commands["lessons suggest, before"] = [
                sys.executable, "-c", launcher, *commands["lessons suggest"][3:]
            ]  # fmt: skip
        for name in commands:
            timed(commands[name])  # warm the disk cache
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        loads = []
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command))
            loads.append(os.getloadavg()[0])
    print(
        f"{args.runs} interleaved runs; notebook of {args.lessons} lessons"
        + (f" on calls of {args.call_chars:,} characters" if args.call_chars else "")
        + "; 2,000 words of "
        f"notes; load average {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores"
    )
    medians = {}
    for name, rows in times.items():
        wall = [w for w, _ in rows]
        cpu = [c for _, c in rows]
        medians[name] = (statistics.median(wall), statistics.median(cpu))
        print(
            f"  {name:24} wall median {medians[name][0]:.3f} s, worst {max(wall):.3f} s; "
            f"CPU median {medians[name][1]:.3f} s"
        )
    if args.before:
        wall, cpu = medians["lessons suggest, before"]
        print(f"  before ({args.before}): wall {wall:.3f} s, CPU {cpu:.3f} s (medians)")
    ours_wall, ours_cpu = medians["lessons suggest"]
    for floor in ("floor: python -c pass", "floor: imports only"):
        wall, cpu = medians[floor]
        print(f"  ratio to {floor[7:]}: wall {ours_wall / wall:.2f}, CPU {ours_cpu / cpu:.2f}")
    verdict = "met" if ours_wall <= TARGET_SECONDS else "NOT met"
    print(f"  target <= {TARGET_SECONDS} s wall (median): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
