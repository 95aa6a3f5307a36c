"""How the shipped classifier is fitted on labelled calls, the same way for
scripts/fit_suggestions.py (everything labelled) and bench/quality.py (each training split).

(d)'s classifier over the notes' features, plus the training calls' evidence (the
labellers' reason for the main cause, in the real set only) as neighbours: each cause
scores how close the notes come to its three closest reasons. How much that counts (the
neighbours' scale) is chosen by a stratified 4-fold CV on the training calls' real calls,
the own set in every inner training split: inside an outer CV this is nested, and the
scored fold never takes part in the choice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np
from quality_data import Case, stratified_folds

from sales_notebook.core.diagnosis_classifier import Classifier, Neighbours, Vector, log_softmax
from sales_notebook.core.diagnosis_model import Embedder, fit_classifier

SCALES = (0.0, 5.0, 10.0, 20.0)
"""The neighbours' scale is one of these (0: the classifier alone)."""
INNER_FOLDS = 4

RowOf = Callable[[Case], Vector]


def fit_shipped(embedder: Embedder, cases: Sequence[Case], row_of: RowOf) -> Classifier:
    """The classifier fitted on these calls, with their evidence as neighbours at the scale
    the inner CV chooses (temperature 1)."""
    scale = choose_scale(embedder, cases, row_of)
    return with_neighbours(embedder, _fit(cases, row_of), cases, scale)


def _fit(cases: Sequence[Case], row_of: RowOf) -> Classifier:
    rows = np.stack([row_of(case) for case in cases])
    return fit_classifier(rows, [[case.main_cause, *case.other_causes] for case in cases])


def with_neighbours(
    embedder: Embedder, classifier: Classifier, cases: Sequence[Case], scale: float
) -> Classifier:
    """The classifier with these calls' evidence (those that have one) as its neighbours."""
    told = [case for case in cases if case.evidence and case.main_cause in classifier.classes]
    if not told:
        return classifier
    neighbours = Neighbours(
        embedder.embed([case.evidence for case in told]),
        np.array([classifier.classes.index(case.main_cause) for case in told], dtype=np.int64),
        scale,
    )
    return dataclasses.replace(classifier, neighbours=neighbours)


def choose_scale(embedder: Embedder, cases: Sequence[Case], row_of: RowOf) -> float:
    """The scale with the most main causes ranked first plus in the top 3 (ties: the lower
    log-loss) under a stratified 4-fold CV on the real calls among `cases`."""
    real = [case for case in cases if case.origin == "real"]
    if len(real) < 2 * INNER_FOLDS:
        return 0.0
    rest = [case for case in cases if case.origin != "real"]
    folds = stratified_folds(real, folds=INNER_FOLDS)
    hits = np.zeros(len(SCALES))
    loss = np.zeros(len(SCALES))
    for index, held_out in enumerate(folds):
        train = [*rest, *(c for i, fold in enumerate(folds) if i != index for c in fold)]
        base = _fit(train, row_of)
        for column, scale in enumerate(SCALES):
            classifier = with_neighbours(embedder, base, train, scale)
            for case in held_out:
                logits = classifier.logits(row_of(case))
                main = classifier.classes.index(case.main_cause)
                place = list(np.argsort(-logits, kind="stable")).index(main)
                hits[column] += (place == 0) + (place < 3)
                loss[column] -= float(log_softmax(logits)[main])
    best = min(range(len(SCALES)), key=lambda column: (-hits[column], loss[column], column))
    return SCALES[best]
