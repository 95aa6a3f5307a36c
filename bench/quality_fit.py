"""The evidence neighbours: a measured direction, not shipped (docs/QUALITY.md, "New
directions"). bench/quality.py's `n-evidence-neighbours` runs it through the app's
suggest_root_causes, the way it was once shipped, so the figures can be re-run.

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
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from quality_data import Case, stratified_folds

from sales_notebook.core.diagnosis_classifier import Classifier, Vector
from sales_notebook.core.diagnosis_model import Embedder, fit_classifier

SCALES = (0.0, 5.0, 10.0, 20.0)
"""The neighbours' scale is one of these (0: the classifier alone)."""
INNER_FOLDS = 4

RowOf = Callable[[Case], Vector]


def log_softmax(logits: Vector) -> Vector:
    """Log-probabilities from scores, along the last axis."""
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Neighbours:
    """The training calls' reasons as unit vectors. Each cause scores the mean cosine of the
    notes with its `k` closest reasons, times `scale`, as a log-probability."""

    vectors: Vector  # texts x dimensions, unit rows
    classes: npt.NDArray[np.int64]  # the class index of each text (its main cause)
    scale: float
    k: int = 3

    def log_scores(self, vectors: Vector, classes: int) -> Vector:
        """Each cause's score for each vector (... x classes), as log-probabilities."""
        cosines = vectors @ self.vectors.T
        near = np.zeros((*cosines.shape[:-1], classes))
        for index in range(classes):
            own = cosines[..., self.classes == index]
            if own.shape[-1]:
                near[..., index] = np.sort(own, axis=-1)[..., -self.k :].mean(axis=-1)
        return log_softmax(self.scale * near)


@dataclass(frozen=True)
class WithNeighbours(Classifier):
    """(d)'s classifier with the neighbours' log-probabilities added to its own."""

    neighbours: Neighbours | None = dataclasses.field(default=None, compare=False)

    def logits(self, features: Vector) -> Vector:
        scores = super().logits(features)
        if self.neighbours is None or not self.neighbours.scale:
            return scores
        width = self.neighbours.vectors.shape[1]
        near = self.neighbours.log_scores(features[..., :width], len(self.classes))
        return log_softmax(scores) + near


def fit_with_evidence(embedder: Embedder, cases: Sequence[Case], row_of: RowOf) -> Classifier:
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
    fields = {f.name: getattr(classifier, f.name) for f in dataclasses.fields(Classifier)}
    return WithNeighbours(**fields, neighbours=neighbours)


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
