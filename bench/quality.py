"""How well suggest_root_causes finds the main cause of a failed call from its notes alone.

    .venv/bin/python bench/quality.py [--data tests/data/failed_calls.jsonl] [--seeds DIR]

Prints top-1 accuracy, top-3 hit rate and per-cause hit rates for the labelled
set, then the same for the product's seed stories if their folder exists. The
seed texts are read in place and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sales_notebook.core.diagnosis import suggest_root_causes  # noqa: E402

DEFAULT_DATA = ROOT / "tests" / "data" / "failed_calls.jsonl"
DEFAULT_SEEDS = Path("/work/shared/seeds")
SEED_CAUSES = {
    "000": "no-boundaries",
    "001": "avoided-hard-talk",
    "002": "no-insight",
    "003": "missed-boss",
    "004": "product-pitch",
}


@dataclass(frozen=True)
class Case:
    """One labelled call: its id, the main cause and the notes."""

    id: str
    main_cause: str
    notes: str


@dataclass(frozen=True)
class Result:
    """Where the main cause landed for one case."""

    case: Case
    ranked: list[str]

    @property
    def rank(self) -> int | None:
        return (
            self.ranked.index(self.case.main_cause) + 1
            if self.case.main_cause in self.ranked
            else None
        )


def load_labelled(path: Path) -> list[Case]:
    """Read the JSONL file of labelled failed calls."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            cases.append(Case(row["id"], row["main_cause"], row["notes"]))
    return cases


def load_seeds(folder: Path) -> list[Case]:
    """Read the seed stories whose main cause is known, if the folder exists."""
    cases = []
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        cause = SEED_CAUSES.get(path.name[:3])
        if cause:
            cases.append(Case(path.stem, cause, path.read_text(encoding="utf-8")))
    return cases


def evaluate(cases: Iterable[Case]) -> list[Result]:
    """Run the suggestions on the notes alone, as the wizard would without answers."""
    return [Result(case, [s.cause for s in suggest_root_causes(case.notes)]) for case in cases]


def report(title: str, results: list[Result]) -> float:
    """Print the numbers for one set and return its top-3 hit rate."""
    if not results:
        print(f"\n== {title}: no cases")
        return 0.0
    total = len(results)
    top1 = sum(r.rank == 1 for r in results)
    top3 = sum(r.rank is not None and r.rank <= 3 for r in results)
    print(f"\n== {title}: {total} calls")
    print(f"top-1 accuracy : {top1}/{total} = {top1 / total:.0%}")
    print(f"top-3 hit rate : {top3}/{total} = {top3 / total:.0%}")
    per_cause: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        per_cause[r.case.main_cause].append(r.rank is not None and r.rank <= 3)
    print("per cause (main cause in top 3):")
    for cause, hits in sorted(per_cause.items()):
        print(f"  {cause:18} {sum(hits)}/{len(hits)}")
    misses = [r for r in results if r.rank is None or r.rank > 3]
    if misses:
        print("misses (expected -> suggested top 3):")
        confusion: Counter[tuple[str, str]] = Counter()
        for r in misses:
            top = r.ranked[0] if r.ranked else "(nothing)"
            confusion[(r.case.main_cause, top)] += 1
            rank = r.rank or "-"
            print(
                f"  {r.case.id:22} {r.case.main_cause} (rank {rank}) -> {', '.join(r.ranked[:3])}"
            )
        print("confusion of misses (expected -> ranked first):")
        for (expected, got), count in confusion.most_common():
            print(f"  {expected} -> {got}: {count}")
    return top3 / total


def main(argv: list[str] | None = None) -> int:
    """Measure and print; exit 1 if a set falls under the 80% top-3 goal."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    args = parser.parse_args(argv)
    rates = [report(f"labelled set ({args.data.name})", evaluate(load_labelled(args.data)))]
    seeds = load_seeds(args.seeds)
    if seeds:
        rates.append(report("seed stories (extra check)", evaluate(seeds)))
    return 0 if all(rate >= 0.8 for rate in rates) else 1


if __name__ == "__main__":
    raise SystemExit(main())
