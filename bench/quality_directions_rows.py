"""New directions that keep (d)'s classifier and change its rows, weights or features:
other pooling of the sentences, extra training rows (the own set weighed, the causes' own
words, the training calls' evidence and titles, sentence subsets), the real calls' prior,
SIF weighting (bench/quality_directions.py lists them).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import numpy as np
from quality_data import Case
from quality_directions_common import (
    Fitter,
    Scorer,
    _evidence,
    _goal,
    _sentences,
    _titles,
    log_softmax,
)
from quality_variants import CLASSES, _model, _tokens, _unit, description_features
from quality_variants import features as shipped_features

from sales_notebook.core.diagnosis_classifier import fit

_MARKED = re.compile(
    r"\b(not|never|no|nobody|nothing|without|didn'?t|don'?t|doesn'?t|wasn'?t|weren'?t|"
    r"couldn'?t|wouldn'?t|haven'?t|hadn'?t|forgot|should(n'?t)?( have|'ve)|could have|"
    r"next time|hindsight|looking back|mistake|lesson)\b",
    re.IGNORECASE,
)


@cache
def _sentence_texts(notes: str) -> list[str]:
    from sales_notebook.core.diagnosis_text import Sentence, sentences

    return [s.text for s in sentences(notes) or [Sentence(notes, 0, len(notes))]]


@cache
def pooled_features(notes: str, pooling: str, tau: float = 0.05, dims: int = 256) -> Any:
    """(d)'s features with another pooling of the sentences:
    attn: the notes' vector is the sentences' unit vectors weighed by a softmax (temperature
      tau) of how close each comes to its closest cause, instead of the mean of all tokens;
    soft: each cause's closest-sentence feature is a softmax-weighted mean of the
      sentences' closeness to it instead of the max;
    cut: the vectors' first `dims` dimensions only (notes, sentences and causes);
    marked: sentences that say what did not happen or what should have ("not", "never",
      "should have", "next time"...: plain English, no cue of the sets) count 1 + tau times
      in the notes' vector, and their closeness to each cause is 14 more features."""
    _, prototypes = _model()
    sums, closeness, rules = _sentences(notes)
    if pooling == "marked":
        marked = np.array([bool(_MARKED.search(text)) for text in _sentence_texts(notes)])
        whole = _unit(sums.sum(axis=0) + tau * sums[marked].sum(axis=0))
        near = closeness[marked].max(axis=0) if marked.any() else np.zeros(len(CLASSES))
        extra = [closeness.max(axis=0), prototypes @ whole, near, rules]
        return np.concatenate([whole, *extra])
    if pooling == "cut":
        units = _unit(sums[:, :dims])
        protos = _unit(prototypes[:, :dims])
        closeness = units @ protos.T
        whole = _unit(sums[:, :dims].sum(axis=0))
        return np.concatenate([whole, closeness.max(axis=0), protos @ whole, rules])
    units = _unit(sums)
    whole = _unit(sums.sum(axis=0))
    closest = closeness.max(axis=0)
    if pooling == "attn":
        salience = closeness.max(axis=1) / tau
        weight = np.exp(salience - salience.max())
        whole = _unit(weight @ units)
    elif pooling == "soft":
        alpha = np.exp((closeness - closeness.max(axis=0)) / tau)
        closest = (alpha * closeness).sum(axis=0) / alpha.sum(axis=0)
    return np.concatenate([whole, closest, prototypes @ whole, rules])


def _d_scorer(rows: Any, goal: Any, weight: Any, row_of: Callable[[str], Any]) -> Scorer:
    """(d)'s classifier (L2 0.01, the cue rules on the logits at 2) on these rows."""
    classifier = fit(rows, goal, CLASSES, sample_weight=weight)
    return lambda notes: log_softmax(classifier.logits(row_of(notes)))


def d_rows(
    own_weight: float = 1.0,
    descriptions: float = 0.0,
    evidence: float = 0.0,
    titles: float = 0.0,
    subsets: float = 0.0,
    other_share: float = 0.3,
    pooling: str = "mean",
    tau: float = 0.05,
    dims: int = 256,
) -> Fitter:
    """(d) fitted with the own set weighed `own_weight` per call (1 in (d)), the 14 causes'
    words, the training calls' evidence and random sentence subsets as extra rows weighed
    as given (0: left out), on features pooled as `pooling` says."""

    def row_of(notes: str) -> Any:
        if pooling == "mean":
            return shipped_features(notes, "mean")
        return pooled_features(notes, pooling, tau, dims)

    def fitter(train: Sequence[Case]) -> Scorer:
        rows = [row_of(c.notes) for c in train]
        goal = [_goal(train, other_share)]
        weight = [np.array([own_weight if c.origin == "own" else 1.0 for c in train])]
        if descriptions:
            if pooling != "mean":
                rows.extend(row_of(text) for text in _description_texts())
            else:
                rows.extend(description_features("mean"))
            goal.append(np.eye(len(CLASSES)))
            weight.append(np.full(len(CLASSES), descriptions))
        for extra, texts in ((evidence, _evidence()), (titles, _titles())):
            if not extra:
                continue
            told = [(c, texts.get(c.id, "")) for c in train if c.origin == "real"]
            told = [(c, text) for c, text in told if text]
            rows.extend(row_of(text) for _, text in told)
            goal.append(_goal([c for c, _ in told], other_share))
            weight.append(np.full(len(told), extra))
        if subsets:
            extra, cases = _subset_rows(train, pooling)
            rows.extend(extra)
            goal.append(_goal(cases, other_share))
            weight.append(np.full(len(cases), subsets))
        return _d_scorer(np.stack(rows), np.vstack(goal), np.concatenate(weight), row_of)

    return fitter


def _description_texts() -> list[str]:
    from sales_notebook.core.cause_texts import DEFAULT_CAUSES

    return [c.description for c in DEFAULT_CAUSES]


def _subset_rows(train: Sequence[Case], pooling: str) -> tuple[list[Any], list[Case]]:
    """Three random halves-and-more of each training call's sentences (6+ sentences),
    read as if they were the notes: the label should not hang on one sentence."""
    _, prototypes = _model()
    rows, cases = [], []
    for case in train:
        sums, closeness, rules = _sentences(case.notes)
        if len(sums) < 6:
            continue
        rng = random.Random(case.id)
        for _ in range(3):
            keep = np.array([rng.random() < 0.6 for _ in range(len(sums))])
            if keep.sum() < 2:
                continue
            whole = _unit(sums[keep].sum(axis=0))
            closest = closeness[keep].max(axis=0)
            rows.append(np.concatenate([whole, closest, prototypes @ whole, rules]))
            cases.append(case)
    return rows, cases


# --- the real calls' prior -----------------------------------------------------------------


def real_prior(strength: float = 1.0) -> Fitter:
    """(d) with its class prior moved from the training targets' (own set and real calls
    together) toward the real calls' own (main causes, add-one smoothed): log-probabilities
    plus strength x (log real prior - log training prior). The own set's causes are spread
    evenly; real sellers' are not."""

    def fitter(train: Sequence[Case]) -> Scorer:
        score = d_rows()(train)
        trained = _goal(train).mean(axis=0)
        real = Counter(c.main_cause for c in train if c.origin == "real")
        prior = np.array([real[c] + 1.0 for c in CLASSES])
        shift = strength * (np.log(prior / prior.sum()) - np.log(trained + 1e-6))
        return lambda notes: log_softmax(score(notes) + shift)

    return fitter


# --- smooth inverse frequency (SIF) ---------------------------------------------------------


def sif(a: float = 1e-3, remove_pc: bool = True) -> Fitter:
    """(d) with the notes' vector re-weighted the SIF way (Arora et al., 2017): each token
    weighs a / (a + p), p its frequency in the training calls' notes, and the training
    notes' first principal direction is taken out of every vector."""

    def fitter(train: Sequence[Case]) -> Scorer:
        embedder, _ = _model()
        counts = Counter(int(t) for c in train for t in _tokens(c.notes)[0])
        total = sum(counts.values())

        def weighted(notes: str) -> Any:
            flat = _tokens(notes)[0]
            w = np.array([a / (a + counts.get(int(t), 0) / total) for t in flat])
            return _unit(w @ embedder.vectors(flat))

        vectors = np.stack([weighted(c.notes) for c in train])
        direction = np.linalg.svd(vectors, full_matrices=False)[2][0] if remove_pc else None

        def row_of(notes: str) -> Any:
            vector = weighted(notes)
            if direction is not None:
                vector = _unit(vector - (vector @ direction) * direction)
            return np.concatenate([vector, shipped_features(notes, "mean")[256:]])

        rows = np.stack([row_of(c.notes) for c in train])
        return _d_scorer(rows, _goal(train), np.ones(len(train)), row_of)

    return fitter
