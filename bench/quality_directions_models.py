"""New directions that are second models beside (d): character and word n-grams (tf-idf),
sentences pooled by a learned soft maximum, one scorer shared by the causes, alignment of
sentences with labelled calls, closeness to the training calls' evidence
(bench/quality_directions.py lists them, alone and mixed with (d)).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np
from quality_data import Case
from quality_directions_common import (
    Fitter,
    Scorer,
    _evidence,
    _goal,
    _units,
    log_softmax,
)
from quality_variants import CLASSES, _model
from quality_variants import features as shipped_features

# --- character n-grams -------------------------------------------------------------------

_WORDS = re.compile(r"[a-z0-9']+")


@cache
def char_grams(text: str, low: int = 3, high: int = 5) -> Counter[str]:
    """Character n-grams inside word boundaries, each word padded with a space either side
    (low 1: words and word pairs instead)."""
    grams: Counter[str] = Counter()
    if low == 1:
        words = _WORDS.findall(text.lower())
        grams.update(words)
        grams.update(f"{a} {b}" for a, b in itertools.pairwise(words))
        return grams
    for word in _WORDS.findall(text.lower()):
        padded = f" {word} "
        for n in range(low, high + 1):
            grams.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


def _softmax_regression(x: Any, goal: Any, weight: Any, l2: float, steps: int = 1500) -> Any:
    """Weights and bias by full-batch gradient descent (unit rows, no standardising)."""
    w = np.zeros((x.shape[1], goal.shape[1]))
    b = np.zeros(goal.shape[1])
    share = (weight / weight.sum())[:, None]
    for _ in range(steps):
        error = (np.exp(log_softmax(x @ w + b)) - goal) * share
        w -= 1.5 * (x.T @ error + l2 * w)
        b -= 1.5 * error.sum(axis=0)
    return w, b


def char_ngrams(l2: float = 1e-3, low: int = 3, high: int = 5) -> Fitter:
    """A linear classifier over character 3-5-grams (tf-idf, sublinear tf, seen in 2+
    training calls, rows of length 1). Fitted in the training calls' span (exact for L2:
    the optimum lies there), so a fit costs a 116-column problem whatever the vocabulary."""

    def fitter(train: Sequence[Case]) -> Scorer:
        seen: Counter[str] = Counter()
        for case in train:
            seen.update(char_grams(case.notes, low, high).keys())
        vocabulary = {g: i for i, g in enumerate(sorted(g for g, n in seen.items() if n >= 2))}
        idf = np.log((1 + len(train)) / (1 + np.array([seen[g] for g in vocabulary]))) + 1

        def vector(text: str) -> Any:
            row = np.zeros(len(vocabulary))
            for gram, count in char_grams(text, low, high).items():
                if gram in vocabulary:
                    row[vocabulary[gram]] = np.log1p(count)
            row *= idf
            return row / max(float(np.linalg.norm(row)), 1e-12)

        x = np.stack([vector(c.notes) for c in train])
        _, _, basis = np.linalg.svd(x, full_matrices=False)
        w, b = _softmax_regression(x @ basis.T, _goal(train), np.ones(len(train)), l2)
        return lambda notes: log_softmax((basis @ vector(notes)) @ w + b)

    return fitter


# --- multiple-instance: the cause is in some sentences ------------------------------------


def _sentence_rows(notes: str) -> Any:
    _, prototypes = _model()
    units = _units(notes)
    return np.hstack([units, units @ prototypes.T])


def evidence_pooling(tau: float = 1.0, l2: float = 0.01, steps: int = 300) -> Fitter:
    """A linear scorer of single sentences whose scores are pooled per call by a soft
    maximum (tau x log of the mean of exp(score / tau)), learned end to end on the calls'
    labels: the classifier learns which sentences carry a cause, and a call scores what its
    most telling sentences say (the cue rules added at 2, as in (d))."""

    def fitter(train: Sequence[Case]) -> Scorer:
        parts = [_sentence_rows(c.notes) for c in train]
        x = np.vstack(parts)
        mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
        x = (x - mean) / scale
        starts = np.cumsum([0, *(len(p) for p in parts[:-1])])
        owner = np.repeat(np.arange(len(parts)), [len(p) for p in parts])
        rules = np.stack([shipped_features(c.notes, "mean")[-len(CLASSES) :] for c in train])
        goal = _goal(train)
        w, b = np.zeros((x.shape[1], len(CLASSES))), np.zeros(len(CLASSES))
        for _ in range(steps):
            z = (x @ w + b) / tau
            top = np.maximum.reduceat(z, starts)
            e = np.exp(z - top[owner])
            total = np.add.reduceat(e, starts)
            pooled = tau * (top + np.log(total / np.bincount(owner)[:, None]))
            error = (np.exp(log_softmax(pooled + 2.0 * rules)) - goal) / len(parts)
            dz = error[owner] * e / total[owner]
            w -= 0.5 * (x.T @ dz + l2 * w)
            b -= 0.5 * dz.sum(axis=0)

        def score(notes: str) -> Any:
            z = ((_sentence_rows(notes) - mean) / scale @ w + b) / tau
            top = z.max(axis=0)
            pooled = tau * (top + np.log(np.exp(z - top).mean(axis=0)))
            return log_softmax(pooled + 2.0 * shipped_features(notes, "mean")[-len(CLASSES) :])

        return score

    return fitter


# --- one scorer shared by the causes --------------------------------------------------------


def _pair_features(notes: str) -> Any:
    """Per cause (rows): the notes' vector times the cause's vector element-wise (how the
    notes agree with the cause dimension by dimension), the closest sentence's and the whole
    notes' closeness to the cause, and the cue rules' weight for it."""
    _, prototypes = _model()
    row = shipped_features(notes, "mean")
    whole, n = row[:256], len(CLASSES)
    scalars = np.stack([row[256 : 256 + n], row[256 + n : 256 + 2 * n], row[-n:]], axis=1)
    return np.hstack([prototypes * whole, scalars])


def shared_scorer(l2: float = 0.01, steps: int = 300) -> Fitter:
    """One weight vector for every cause (plus a bias per cause) over `_pair_features`: ~260
    weights learned from every call for all causes at once, instead of ~300 per cause; a
    cause is scored by how its own words agree with the notes."""

    def fitter(train: Sequence[Case]) -> Scorer:
        x = np.stack([_pair_features(c.notes) for c in train])  # calls x causes x features
        mean, scale = x.mean(axis=(0, 1)), x.std(axis=(0, 1)) + 1e-6
        x = (x - mean) / scale
        goal = _goal(train)
        theta, bias = np.zeros(x.shape[2]), np.zeros(len(CLASSES))
        for _ in range(steps):
            error = (np.exp(log_softmax(x @ theta + bias)) - goal) / len(x)
            theta -= 0.5 * (np.einsum("nck,nc->k", x, error) + l2 * theta)
            bias -= 0.5 * error.sum(axis=0)
        return lambda notes: log_softmax(((_pair_features(notes) - mean) / scale) @ theta + bias)

    return fitter


# --- sentence alignment with labelled calls ----------------------------------------------


@cache
def alignment(a: str, b: str) -> float:
    """How well two notes' sentences match: each sentence's best match in the other notes,
    averaged, both ways (a soft match of sentences, not of the whole notes' averages)."""
    cos = _units(a) @ _units(b).T
    return float((cos.max(axis=1).mean() + cos.max(axis=0).mean()) / 2)


def aligned_calls(scale: float = 30.0, k: int = 3) -> Fitter:
    """Each cause scores the mean alignment of the notes with its k best-aligned training
    calls (main cause), times `scale`, as a log-probability."""

    def fitter(train: Sequence[Case]) -> Scorer:
        def score(notes: str) -> Any:
            near = np.zeros(len(CLASSES))
            for i, cause in enumerate(CLASSES):
                found = sorted(alignment(notes, c.notes) for c in train if c.main_cause == cause)
                near[i] = np.mean(found[-k:]) if found else 0.0
            return log_softmax(scale * near)

        return score

    return fitter


def nearest_evidence(scale: float = 10.0, k: int = 3) -> Fitter:
    """Each cause scores how close the notes come to its training calls' evidence (the
    labellers' why, in the words of causes rather than of calls): the mean cosine of the
    k closest, times `scale`, as a log-probability."""

    def fitter(train: Sequence[Case]) -> Scorer:
        embedder, _ = _model()
        told = [(c.main_cause, _evidence().get(c.id, "")) for c in train if c.origin == "real"]
        told = [(cause, text) for cause, text in told if text]
        vectors = embedder.embed([text for _, text in told])
        labels = np.array([cause for cause, _ in told])

        def score(notes: str) -> Any:
            near = vectors @ shipped_features(notes, "mean")[:256]
            best = [np.sort(near[labels == c])[-k:].mean() if (labels == c).any() else 0.0
                    for c in CLASSES]  # fmt: skip
            return log_softmax(scale * np.array(best))

        return score

    return fitter
