"""A second post-mortem with the lessons' vectors kept, against embedding every lesson again.

    .venv/bin/python bench/suggest_lessons.py [--runs 7] [--lessons 300]

Times one suggestion (CPU of the whole process, wall beside it) for 2,000 words of notes and
`--lessons` past lessons of ~1,500 characters each (as the store reads them), the model
loaded: ours is the second suggestion with the same lessons (their vectors kept for the
session); the floor, in the same run, embeds every lesson again (the plain way, as before).
Both must give the same suggestions, which is checked. Each run uses new lesson texts.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sales_notebook.core.blas import use_one_blas_thread

use_one_blas_thread()  # as the app does, before numpy loads

from sales_notebook.core.cause_texts import PastLesson  # noqa: E402
from sales_notebook.core.diagnosis import suggest_root_causes  # noqa: E402
from sales_notebook.core.diagnosis_model import NotesModel, load_notes_model  # noqa: E402
from sales_notebook.core.diagnosis_vectors import TextVectors  # noqa: E402

WORDS = ["budget", "pilot", "contract", "review", "pricing", "rollout", "team", "renewal"]


def text(rng: random.Random, words: int) -> str:
    """Plain English notes of about `words` words."""
    out: list[str] = []
    while len(out) < words:
        a, b, c = (rng.choice(WORDS) for _ in range(3))
        out.extend(f"We talked about the {a} and the {b}, and they said the {c} was fine.".split())
    return " ".join(out)


def timed(model: NotesModel, notes: str, lessons: list[PastLesson]) -> tuple[float, float, list]:
    start, start_cpu = time.perf_counter(), time.process_time()
    found = suggest_root_causes(notes, model=model, lessons=lessons)
    return time.process_time() - start_cpu, time.perf_counter() - start, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lessons", type=int, default=300)
    args = parser.parse_args(argv)
    model = load_notes_model()
    rng = random.Random(10)
    notes = text(rng, 2_000)
    ours, floor = [], []
    for run in range(args.runs):
        lessons = [
            PastLesson(run * 10_000 + n, f"Lesson {n}", text(rng, 300)[:1_500], ("no-next-step",))
            for n in range(args.lessons)
        ]
        kept = replace(model, lesson_vectors=TextVectors())
        timed(kept, notes, lessons)  # the first post-mortem fills the kept vectors
        fresh = replace(model, lesson_vectors=TextVectors())
        floor_cpu, floor_wall, expected = timed(fresh, notes, lessons)
        ours_cpu, ours_wall, found = timed(kept, notes, lessons)
        assert found == expected, "kept vectors changed the suggestions"
        ours.append((ours_cpu, ours_wall))
        floor.append((floor_cpu, floor_wall))
    (o_cpu, o_wall), (f_cpu, f_wall) = (
        tuple(statistics.median(x[i] for x in rows) * 1000 for i in (0, 1))
        for rows in (ours, floor)
    )
    print(
        f"one suggestion, {args.lessons} lessons, 2,000 words of notes, median of {args.runs} "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):\n"
        f"CPU: vectors kept {o_cpu:.0f} ms; floor, every lesson embedded again {f_cpu:.0f} ms; "
        f"ratio {o_cpu / f_cpu:.2f}\n"
        f"wall: vectors kept {o_wall:.0f} ms; floor {f_wall:.0f} ms; ratio {o_wall / f_wall:.2f}\n"
        "same suggestions both ways: yes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
