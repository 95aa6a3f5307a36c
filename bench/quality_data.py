"""The labelled sets bench/quality.py scores on, and the seeded, stratified folds.

The real set and the seed stories are read where they lie (`../shared/` from the
repository's root) and never copied into the repository.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWN_SET = ROOT / "tests" / "data" / "failed_calls.jsonl"
REAL_SET = ROOT.parent / "shared" / "eval" / "real_failed_calls.jsonl"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_CAUSES = {
    "000": "no-boundaries",
    "001": "avoided-hard-talk",
    "002": "no-insight",
    "003": "missed-boss",
    "004": "product-pitch",
}
FOLDS = 5
FOLD_SEED = 10


@dataclass(frozen=True)
class Case:
    """One labelled call: its id, the main cause, the notes and any other causes."""

    id: str
    main_cause: str
    notes: str
    other_causes: tuple[str, ...] = ()
    origin: str = "own"  # own, real or seed
    evidence: str = ""  # the real set's labellers' reason for the main cause


def load_own(path: Path = OWN_SET) -> list[Case]:
    """The project's own labelled set (written by the people who wrote the first rules)."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            others = tuple(row.get("other_causes") or ())
            cases.append(Case(row["id"], row["main_cause"], row["notes"], others))
    return cases


def load_real(path: Path = REAL_SET) -> list[Case]:
    """The published stories retold as sellers' notes; empty when the folder is absent."""
    if not path.is_file():
        return []
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            labels = list(row["labels"])
            cases.append(
                Case(
                    row["id"],
                    labels[0],
                    row["notes"],
                    tuple(labels[1:]),
                    "real",
                    row.get("evidence", ""),
                )
            )
    return cases


def load_seeds(folder: Path = SEEDS) -> list[Case]:
    """The product's five seed stories; not independent (the first rules quoted them)."""
    cases = []
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        cause = SEED_CAUSES.get(path.name[:3])
        if cause:
            cases.append(Case(path.stem[:3], cause, path.read_text(encoding="utf-8"), (), "seed"))
    return cases


def stratified_folds(
    cases: Sequence[Case], folds: int = FOLDS, seed: int = FOLD_SEED
) -> list[list[Case]]:
    """Split into folds fixed by the seed, each main cause spread as evenly as its count allows."""
    by_cause: dict[str, list[Case]] = defaultdict(list)
    for case in sorted(cases, key=lambda c: c.id):
        by_cause[case.main_cause].append(case)
    rng = random.Random(seed)
    out: list[list[Case]] = [[] for _ in range(folds)]
    turn = 0
    # Largest causes first, then the small ones continue the round-robin where it stopped,
    # so that folds end up the same size.
    for cause in sorted(by_cause, key=lambda c: (-len(by_cause[c]), c)):
        group = by_cause[cause]
        rng.shuffle(group)
        for case in group:
            out[turn % folds].append(case)
            turn += 1
    return out
