"""What the new directions of bench/quality_directions.py share: log-probabilities, the
real set's evidence and titles (read where they lie), the sentences' vectors, mixes of
methods and the nested (inner-CV) choice among them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import numpy as np
from quality_data import REAL_SET, Case, stratified_folds
from quality_variants import CLASSES, INNER_FOLDS, _model, _tokens, _unit

from sales_notebook.core.diagnosis_classifier import targets

Ranker = Callable[[str], list[str]]
Scorer = Callable[[str], Any]  # notes -> log-probability of each class
Fitter = Callable[[Sequence[Case]], Scorer]
CHOICES: dict[str, list[str]] = {}
"""What each nested direction chose, fit after fit (printed by bench/quality.py)."""


def log_softmax(logits: Any) -> Any:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def _goal(train: Sequence[Case], other_share: float = 0.3) -> Any:
    return targets(CLASSES, [[c.main_cause, *c.other_causes] for c in train], other_share)


@cache
def _real_rows() -> tuple[dict[str, Any], ...]:
    """The real set's rows, read where they lie (none when it is not there)."""
    if not REAL_SET.is_file():
        return ()
    lines = REAL_SET.read_text("utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip())


def _evidence() -> dict[str, str]:
    """The real set's labellers' evidence by call id."""
    return {row["id"]: row.get("evidence", "") for row in _real_rows()}


def _titles() -> dict[str, str]:
    """The real set's published stories' titles by call id."""
    return {row["id"]: row.get("title", "") for row in _real_rows()}


@cache
def _sentences(notes: str) -> tuple[Any, Any, Any]:
    """Each sentence's summed token vectors, their closeness to each cause, and the rules."""
    embedder, prototypes = _model()
    flat, owner, rules = _tokens(notes)
    sums = np.zeros((int(owner.max()) + 1, 256))
    np.add.at(sums, owner, embedder.vectors(flat))
    return sums, _unit(sums) @ prototypes.T, rules


@cache
def _units(notes: str) -> Any:
    return _unit(_sentences(notes)[0])


# --- ensembles and nested choices ----------------------------------------------------------


def mix(members: Sequence[tuple[Fitter, float]]) -> Fitter:
    """Weighted sum of the members' log-probabilities (equal weights: their mean)."""

    def fitter(train: Sequence[Case]) -> Scorer:
        scorers = [(f(train), w) for f, w in members if w]
        return lambda notes: sum(w * s(notes) for s, w in scorers)

    return fitter


def nested(name: str, grid: dict[str, Fitter]) -> Fitter:
    """The grid's entry with the most main causes first plus in the top 3 (ties: the lower
    log-loss) under a stratified 4-fold CV on the training split's real calls."""

    def fitter(train: Sequence[Case]) -> Scorer:
        real = [c for c in train if c.origin == "real"] or list(train)
        rest = [c for c in train if c.origin != "real"] if len(real) < len(train) else []
        folds = stratified_folds(real, folds=INNER_FOLDS)
        best: tuple[int, float] | None = None
        chosen = next(iter(grid))
        for key, candidate in grid.items():
            hits, loss = 0, 0.0
            for index, held_out in enumerate(folds):
                score = candidate(
                    [*rest, *(c for i, f in enumerate(folds) if i != index for c in f)]
                )
                for case in held_out:
                    logp = score(case.notes)
                    place = list(np.argsort(-logp, kind="stable")).index(
                        CLASSES.index(case.main_cause)
                    )
                    hits += (place == 0) + (place < 3)
                    loss -= float(log_softmax(logp)[CLASSES.index(case.main_cause)])
            if best is None or (-hits, loss) < best:
                best, chosen = (-hits, loss), key
        CHOICES.setdefault(name, []).append(chosen)
        return grid[chosen](train)

    return fitter


def ranker(fitter: Fitter) -> Callable[[Sequence[Case]], Ranker]:
    """A bench/quality.py method: fit, then rank every class by the score."""

    def fit_rank(train: Sequence[Case]) -> Ranker:
        score = fitter(train)
        return lambda notes: [CLASSES[int(i)] for i in np.argsort(-score(notes), kind="stable")]

    return fit_rank
