"""How well the root-cause suggestions find the main cause of a failed call from its notes alone.

    .venv/bin/python bench/quality.py [--method NAME ...] [--misses] [--speed]

For each method, on the real set (`../shared/eval/real_failed_calls.jsonl`, read where it
lies): 5-fold cross-validation with folds fixed by a seed and stratified by main cause
(anything learned is fitted on the own set plus four folds and scored on the fifth), the
in-sample score beside it (fitted on everything, scored on what it was fitted on), and the
own set (`tests/data/failed_calls.jsonl`) the same two ways. Mean top-1, top-3 and
per-cause hit rates. The seed stories are shown last, labelled: they are not independent.
A naive keyword counter is measured in the same run as the floor.

`--speed` times suggestions for 2,000 words of notes once the model is loaded (p95), beside
the keyword counter on the same text.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sales_notebook.core.blas import use_one_blas_thread

use_one_blas_thread()  # as the app does, before numpy loads

from quality_data import (  # noqa: E402
    FOLD_SEED,
    Case,
    load_own,
    load_real,
    load_seeds,
    stratified_folds,
)
from quality_directions import CHOICES, DIRECTIONS, ranker  # noqa: E402
from quality_methods import METHODS, Method, evidence_neighbours  # noqa: E402
from quality_variants import (  # noqa: E402
    CHOSEN,
    ENSEMBLES,
    SELECTION,
    VARIANTS,
    chosen_by_inner_cv,
    ensemble,
    variant,
)

VARIANT_METHODS = {
    **{name: Method(name, variant(s)) for name, s in VARIANTS.items()},
    **{name: Method(name, ensemble(members)) for name, members in ENSEMBLES.items()},
    "v-chosen-inner": Method("v-chosen-inner", chosen_by_inner_cv(SELECTION)),
    **{name: Method(name, ranker(fitter)) for name, fitter in DIRECTIONS.items()},
    "n-evidence-neighbours": Method("n-evidence-neighbours", evidence_neighbours),
}
NEW_DIRECTIONS = [*DIRECTIONS, "n-evidence-neighbours"]
"""`--directions`: bench/quality_directions.py's, and the evidence neighbours as once shipped."""

Ranker = Callable[[str], list[str]]


@dataclass(frozen=True)
class Score:
    """Hit rates of one method on one set of cases."""

    top1: float
    top3: float
    per_cause: dict[str, tuple[int, int]]  # main cause -> (in top 3, cases)
    misses: list[tuple[str, str, list[str]]]


def score(ranker: Ranker, cases: Sequence[Case]) -> Score:
    """Rank every case's notes and count where the main cause landed."""
    top1 = top3 = 0
    per_cause: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for case in cases:
        ranked = ranker(case.notes)
        hit1 = ranked[:1] == [case.main_cause]
        hit3 = case.main_cause in ranked[:3]
        top1 += hit1
        top3 += hit3
        per_cause[case.main_cause][0] += hit3
        per_cause[case.main_cause][1] += 1
        if not hit3:
            misses.append((case.id, case.main_cause, ranked[:3]))
    total = max(len(cases), 1)
    return Score(top1 / total, top3 / total, {c: (h, n) for c, (h, n) in per_cause.items()}, misses)


def cross_validate(
    method: Method, cases: Sequence[Case], extra: Sequence[Case], seed: int = FOLD_SEED
) -> Score:
    """Fit on `extra` plus four folds, score the fifth; rates are the mean over the folds."""
    folds = stratified_folds(cases, seed=seed)
    scores = []
    for index, held_out in enumerate(folds):
        train = [*extra, *(c for i, fold in enumerate(folds) if i != index for c in fold)]
        scores.append(score(method.fit(train), held_out))
    per_cause: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for s in scores:
        for cause, (hits, count) in s.per_cause.items():
            per_cause[cause][0] += hits
            per_cause[cause][1] += count
    return Score(
        statistics.fmean(s.top1 for s in scores),
        statistics.fmean(s.top3 for s in scores),
        {c: (h, n) for c, (h, n) in per_cause.items()},
        [m for s in scores for m in s.misses],
    )


def measure(method: Method, own: list[Case], real: list[Case]) -> dict[str, Score]:
    """Every figure of one method: CV and in-sample on the real set and on the own set."""
    fitted_on_all = method.fit([*own, *real])
    figures = {
        "real CV": cross_validate(method, real, own),
        "real in-sample": score(fitted_on_all, real),
        "own CV": cross_validate(method, own, real),
        "own in-sample": score(fitted_on_all, own),
    }
    return figures


def print_table(results: dict[str, dict[str, Score]]) -> None:
    """Side by side: one row per method, top-3 / top-1 per column."""
    columns = ["real CV", "real in-sample", "own CV", "own in-sample"]
    print(f"\n{'method':24}" + "".join(f"{c + ' top-3/top-1':>30}" for c in columns))
    for name, figures in results.items():
        cells = "".join(f"{figures[c].top3:>21.0%} / {figures[c].top1:>5.0%} " for c in columns)
        print(f"{name:24}{cells}")


def print_per_cause(name: str, figure: Score) -> None:
    """Per main cause: in the top 3 under cross-validation."""
    print(f"\n{name}: real set, per main cause (top 3 under CV)")
    for cause, (hits, count) in sorted(figure.per_cause.items()):
        print(f"  {cause:18} {hits}/{count}")


def speed(method: Method, floor: Method, own: list[Case], real: list[Case]) -> None:
    """p95 of one suggestion over 2,000 words of notes, the model already loaded."""
    words: list[str] = []
    for case in [*real, *own] * 10:
        words.extend(case.notes.split())
        if len(words) >= 2000:
            break
    notes = " ".join(words[:2000])
    rows = []
    for m in (method, floor):
        rank = m.fit([*own, *real])
        rank(notes)  # warm: first call compiles patterns, loads weights
        wall, cpu = [], []
        for _ in range(60):
            start, start_cpu = time.perf_counter(), time.process_time()
            rank(notes)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        rows.append((m.name, p95(wall), p95(cpu)))
    (name, ours, ours_cpu), (floor_name, base, base_cpu) = rows
    load = os.getloadavg()[0]
    print(
        f"\nspeed, 2,000 words of notes, p95: {name} {ours:.1f} ms; "
        f"floor {floor_name} {base:.2f} ms; ratio {ours / base:.0f}x (target <= 50 ms; "
        f"load average {load:.1f} on {os.cpu_count()} cores)\n"
        f"CPU time of the process (all threads), p95, which load does not inflate: {name} "
        f"{ours_cpu:.1f} ms; floor {floor_name} {base_cpu:.2f} ms; ratio {ours_cpu / base_cpu:.0f}x"
    )


def p95(times: list[float]) -> float:
    """The 95th percentile."""
    return statistics.quantiles(times, n=20)[18]


def main(argv: list[str] | None = None) -> int:
    """Measure and print every method asked for (all by default)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--method", action="append", choices=sorted([*METHODS, *VARIANT_METHODS]))
    parser.add_argument(
        "--variants", action="store_true", help="also the variants of bench/quality_variants.py"
    )
    parser.add_argument(
        "--directions", action="store_true", help="also the methods of bench/quality_directions.py"
    )
    parser.add_argument("--misses", action="store_true", help="list the CV misses")
    parser.add_argument("--speed", action="store_true", help="time the shipped method")
    parser.add_argument(
        "--fold-seeds",
        type=int,
        default=0,
        metavar="N",
        help="also the real set's CV with N fold seeds (10, 11, ...): how much the folds move it",
    )
    parser.add_argument(
        "--first-seed",
        type=int,
        default=FOLD_SEED,
        metavar="S",
        help="the first of the --fold-seeds (default 10; 15 for a second, untouched five)",
    )
    args = parser.parse_args(argv)
    own, real = load_own(), load_real()
    if not real:
        print("The real set (../shared/eval/real_failed_calls.jsonl) is not there.")
        return 1
    if args.speed:
        speed(METHODS["shipped"], METHODS["keywords"], own, real)
        return 0
    everything = {**METHODS, **VARIANT_METHODS}
    names = args.method or [
        *METHODS,
        *(n for n in VARIANT_METHODS if args.variants and n not in NEW_DIRECTIONS),
        *(NEW_DIRECTIONS if args.directions else ()),
    ]
    results = {name: measure(everything[name], own, real) for name in names}
    print(f"real set: {len(real)} calls, own set: {len(own)} calls; 5 stratified folds")
    print_table(results)
    for name in names:
        print_per_cause(name, results[name]["real CV"])
        chosen = VARIANTS[name].grid.get("chosen") if name in VARIANTS else None
        if chosen:
            print(f"  chosen by inner CV, per fit: {chosen}")
        if name in CHOICES:
            print(f"  chosen by inner CV, per fit: {'; '.join(CHOICES[name])}")
        if name == "v-chosen-inner":
            print(f"  approach chosen by inner CV, per fit: {', '.join(CHOSEN)}")
        if args.misses:
            for case_id, cause, ranked in results[name]["real CV"].misses:
                print(f"    miss {case_id}: {cause} -> {', '.join(ranked) or '(nothing)'}")
    if args.fold_seeds:
        print(f"\nreal set, 5-fold CV with {args.fold_seeds} fold seeds: top-3 / top-1 per seed")
        for name in names:
            figures = [
                cross_validate(everything[name], real, own, seed)
                for seed in range(args.first_seed, args.first_seed + args.fold_seeds)
            ]
            cells = "  ".join(f"{f.top3:.0%}/{f.top1:.0%}" for f in figures)
            top3 = statistics.fmean(f.top3 for f in figures)
            top1 = statistics.fmean(f.top1 for f in figures)
            print(f"  {name:24} {cells}   mean {top3:.1%} / {top1:.1%}")
    seeds = load_seeds()
    if seeds:
        print("\nseed stories: NOT a quality check (the first rules were written from them)")
        for name in names:
            s = score(everything[name].fit([*own, *real]), seeds)
            print(f"  {name:24} top-3 {s.top3:.0%}  top-1 {s.top1:.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
