"""Variants of the shipped classifier that bench/quality.py compares with `--variants`.

Each changes one thing of the shipped method (the pooling of the word vectors, extra
training examples, class weights, label smoothing, the weight decay, the cue rules' weight,
a mix with the nearest labelled calls). A hyper-parameter is never set on the folds that
are reported: it is chosen inside each training split by an inner, stratified 4-fold
cross-validation on that split's real calls (the own set stays in every inner training
split), which is nested cross-validation. The inner criterion is the number of main causes
ranked first plus those in the top 3, ties broken by the lower log-loss.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from quality_data import Case, stratified_folds

from sales_notebook.core.cause_texts import DEFAULT_CAUSES

Ranker = Callable[[str], list[str]]
CLASSES = tuple(c.id for c in DEFAULT_CAUSES)
INNER_FOLDS = 4


@cache
def _model() -> Any:
    from sales_notebook.core.diagnosis_model import load_embedder

    embedder = load_embedder()
    prototypes = embedder.embed([c.description for c in DEFAULT_CAUSES])
    return embedder, prototypes


@cache
def _tokens(notes: str) -> tuple[Any, Any, Any]:
    """Each sentence's token vectors (stacked), which sentence each token is in, and the
    cue rules' squashed weight per cause."""
    from sales_notebook.core.diagnosis_model import _RULE_SCALE, MAX_RULE_CHARS
    from sales_notebook.core.diagnosis_rules import rule_scores
    from sales_notebook.core.diagnosis_text import Sentence, sentences

    embedder, _ = _model()
    found = sentences(notes) or [Sentence(notes, 0, len(notes))]
    encodings = embedder._tokenizer.encode_batch([s.text for s in found], add_special_tokens=False)
    ids = [[i for i in e.ids if 0 <= i < embedder.size] or [0] for e in encodings]
    flat = np.concatenate([np.asarray(row) for row in ids])
    owner = np.concatenate([np.full(len(row), n) for n, row in enumerate(ids)])
    scores = rule_scores(notes[:MAX_RULE_CHARS])
    rules = np.tanh(np.array([scores.get(c, 0.0) for c in CLASSES]) / _RULE_SCALE)
    return flat, owner, rules


def _unit(rows: Any) -> Any:
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    return rows / np.where(norms == 0, 1.0, norms)


@cache
def features(notes: str, pooling: str) -> Any:
    """The shipped features with the notes' vector pooled in one of these ways:
    mean (shipped): the mean of all token vectors;
    max: the mean and the element-wise max over the sentences' unit vectors;
    idf: token vectors weighted by log(1 + token id), a frequency proxy (the tokenizer's
      ids follow its merges, frequent pieces first), then averaged."""
    embedder, prototypes = _model()
    flat, owner, rules = _tokens(notes)
    vectors = embedder.vectors(flat)
    if pooling == "idf":
        vectors = vectors * np.log1p(flat)[:, None]
    sums = np.zeros((int(owner.max()) + 1, vectors.shape[1]))
    np.add.at(sums, owner, vectors)
    sentence_vectors = _unit(sums)
    whole = _unit(sums.sum(axis=0))
    closest = (sentence_vectors @ prototypes.T).max(axis=0)
    parts = [whole]
    if pooling == "max":
        parts.append(sentence_vectors.max(axis=0))
    return np.concatenate([*parts, closest, prototypes @ whole, rules])


def description_features(pooling: str) -> Any:
    """The default causes' own words (name, question, prompt) read as if they were notes."""
    return np.stack([features(c.description, pooling) for c in DEFAULT_CAUSES])


@dataclass(frozen=True)
class Settings:
    """One configuration of the classifier; a tuple value is a grid chosen by inner CV."""

    pooling: str = "mean"
    descriptions: bool = False
    balanced: bool = False
    l2: float | tuple[float, ...] = 0.01
    smoothing: float | tuple[float, ...] = 0.0
    rule_boost: float | tuple[float, ...] = 2.0
    neighbours: float | tuple[float, ...] = 0.0  # weight of the 3-nearest-calls score
    centroids: bool = False  # closeness to each cause's mean training call, as 14 features
    sentences: float = 0.0  # weight of a classifier of single sentences (mean log-probability)
    notes: str = ""
    grid: dict[str, tuple[float, ...]] = field(default_factory=dict, compare=False)


def _grid(settings: Settings) -> list[dict[str, float]]:
    names = [n for n in ("l2", "smoothing", "rule_boost", "neighbours")
             if isinstance(getattr(settings, n), tuple)]  # fmt: skip
    values = [getattr(settings, n) for n in names]
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*values)]


def _fixed(settings: Settings, chosen: dict[str, float]) -> dict[str, float]:
    out = {}
    for name in ("l2", "smoothing", "rule_boost", "neighbours"):
        value = getattr(settings, name)
        out[name] = chosen[name] if name in chosen else float(value)  # type: ignore[arg-type]
    return out


def _fit_scorer(settings: Settings, train: Sequence[Case], knobs: dict[str, float]) -> Any:
    """Fit once; return a function from a features row to each class's score."""
    from sales_notebook.core.diagnosis_classifier import fit, targets

    rows = np.stack([features(c.notes, settings.pooling) for c in train])
    goal = targets(CLASSES, [[c.main_cause, *c.other_causes] for c in train])
    weight = np.ones(len(train))
    extend = _centroid_features(train, rows) if settings.centroids else (lambda row: row)
    rows = np.stack([extend(row) for row in rows])
    by_sentence = _sentence_scorer(train, goal, knobs["l2"]) if settings.sentences else None
    if settings.descriptions:
        rows = np.vstack([rows, description_features(settings.pooling)])
        goal = np.vstack([goal, np.eye(len(CLASSES))])
        weight = np.concatenate([weight, np.ones(len(CLASSES))])
    if settings.balanced:
        counts = goal.sum(axis=0)
        per_class = len(goal) / (len(CLASSES) * np.maximum(counts, 1.0))
        weight = weight * (goal @ per_class)
    smoothing = knobs["smoothing"]
    goal = goal * (1 - smoothing) + smoothing / len(CLASSES)
    classifier = fit(rows, goal, CLASSES, l2=knobs["l2"], sample_weight=weight)
    boost = knobs["rule_boost"]
    mix = knobs["neighbours"]
    width = 256 * (2 if settings.pooling == "max" else 1)
    vectors = _unit(rows[: len(train), :width])
    labels = np.array([c.main_cause for c in train])

    def scores(row: Any, notes: str) -> Any:
        rules = row[-len(CLASSES) :]
        row = extend(row)
        logits = ((row - classifier.mean) / classifier.scale) @ classifier.weights
        logits = logits + classifier.bias + boost * rules
        if by_sentence is not None:
            logits = logits + settings.sentences * by_sentence(notes)
        if mix:
            similar = vectors @ _unit(row[:width])
            near = np.array(
                [np.sort(similar[labels == c])[-3:].mean() if (labels == c).any() else 0.0
                 for c in CLASSES]
            )  # fmt: skip
            logits = logits + mix * 10 * near
        return logits

    return scores


def _centroid_features(train: Sequence[Case], rows: Any) -> Callable[[Any], Any]:
    """A row extended with its closeness to each cause's mean training call."""
    vectors = _unit(rows[:, :256])
    labels = np.array([c.main_cause for c in train])
    centres = _unit(
        np.stack([vectors[labels == c].mean(axis=0) if (labels == c).any() else np.zeros(256)
                  for c in CLASSES])
    )  # fmt: skip
    return lambda row: np.concatenate([row, centres @ _unit(row[:256])])


def _sentence_vectors(notes: str) -> Any:
    embedder, prototypes = _model()
    flat, owner, _ = _tokens(notes)
    sums = np.zeros((int(owner.max()) + 1, 256))
    np.add.at(sums, owner, embedder.vectors(flat))
    vectors = _unit(sums)
    return np.hstack([vectors, vectors @ prototypes.T])


def _sentence_scorer(train: Sequence[Case], goal: Any, l2: float) -> Callable[[str], Any]:
    """Every sentence of a training call labelled as its call (each call weighing 1 in all);
    notes score the mean log-probability of their sentences."""
    from sales_notebook.core.diagnosis_classifier import fit

    rows = [_sentence_vectors(c.notes) for c in train]
    classifier = fit(
        np.vstack(rows),
        np.vstack([np.repeat(g[None], len(r), axis=0) for g, r in zip(goal, rows, strict=True)]),
        CLASSES,
        l2=l2,
        sample_weight=np.concatenate([np.full(len(r), 1 / len(r)) for r in rows]),
    )

    def score(notes: str) -> Any:
        x = (_sentence_vectors(notes) - classifier.mean) / classifier.scale
        logits = x @ classifier.weights + classifier.bias
        top = logits.max(axis=1, keepdims=True)
        return (logits - top - np.log(np.exp(logits - top).sum(axis=1, keepdims=True))).mean(0)

    return score


def _inner_choice(settings: Settings, train: Sequence[Case]) -> dict[str, float]:
    grid = _grid(settings)
    if len(grid) <= 1:
        return grid[0] if grid else {}
    real = [c for c in train if c.origin == "real"] or list(train)
    rest = [c for c in train if c not in real]
    folds = stratified_folds(real, folds=INNER_FOLDS)
    best: tuple[float, float] | None = None
    chosen = grid[0]
    for knobs in grid:
        hits = 0
        loss = 0.0
        for index, held_out in enumerate(folds):
            inner = [*rest, *(c for i, f in enumerate(folds) if i != index for c in f)]
            scorer = _fit_scorer(settings, inner, _fixed(settings, knobs))
            for case in held_out:
                logits = scorer(features(case.notes, settings.pooling), case.notes)
                order = list(np.argsort(-logits, kind="stable"))
                place = order.index(CLASSES.index(case.main_cause))
                hits += (place == 0) + (place < 3)
                shifted = logits - logits.max()
                loss -= float(
                    shifted[CLASSES.index(case.main_cause)] - np.log(np.exp(shifted).sum())
                )
        key = (-hits, loss)
        if best is None or key < best:
            best, chosen = key, knobs
    return chosen


def variant(settings: Settings) -> Callable[[Sequence[Case]], Ranker]:
    """A method for bench/quality.py: fit (with nested choice of any grid) and rank."""

    def fit(train: Sequence[Case]) -> Ranker:
        knobs = _fixed(settings, _inner_choice(settings, train))
        scorer = _fit_scorer(settings, train, knobs)
        chosen = {k: v for k, v in knobs.items() if isinstance(getattr(settings, k), tuple)}
        if chosen:
            settings.grid.setdefault("chosen", ())
            settings.grid["chosen"] += (tuple(sorted(chosen.items())),)  # type: ignore[operator]

        def rank(notes: str) -> list[str]:
            logits = scorer(features(notes, settings.pooling), notes)
            return [CLASSES[int(i)] for i in np.argsort(-logits, kind="stable")]

        return rank

    return fit


def ensemble(members: Sequence[Settings]) -> Callable[[Sequence[Case]], Ranker]:
    """The members fitted alike; notes rank by the mean of their log-probabilities."""

    def fit(train: Sequence[Case]) -> Ranker:
        scorers = [(m, _fit_scorer(m, train, _fixed(m, {}))) for m in members]

        def rank(notes: str) -> list[str]:
            total = np.zeros(len(CLASSES))
            for member, scorer in scorers:
                logits = scorer(features(notes, member.pooling), notes)
                top = logits.max()
                total += logits - top - np.log(np.exp(logits - top).sum())
            return [CLASSES[int(i)] for i in np.argsort(-total, kind="stable")]

        return rank

    return fit


def chosen_by_inner_cv(
    candidates: dict[str, Callable[[Sequence[Case]], Ranker]],
) -> Callable[[Sequence[Case]], Ranker]:
    """Which approach to use, decided inside each training split: the candidate with the most
    main causes first plus in the top 3 under an inner 4-fold CV on the split's real calls."""

    def fit(train: Sequence[Case]) -> Ranker:
        real = [c for c in train if c.origin == "real"] or list(train)
        rest = [c for c in train if c not in real]
        folds = stratified_folds(real, folds=INNER_FOLDS)
        best, best_hits = next(iter(candidates)), -1
        for name, candidate in candidates.items():
            hits = 0
            for index, held_out in enumerate(folds):
                inner = [*rest, *(c for i, f in enumerate(folds) if i != index for c in f)]
                rank = candidate(inner)
                for case in held_out:
                    ranked = rank(case.notes)
                    hits += (ranked[:1] == [case.main_cause]) + (case.main_cause in ranked[:3])
            if hits > best_hits:
                best, best_hits = name, hits
        CHOSEN.append(best)
        return candidates[best](train)

    return fit


CHOSEN: list[str] = []
"""What chosen_by_inner_cv picked, fit after fit (printed by bench/quality.py)."""
L2_GRID = (0.003, 0.01, 0.03, 0.1)
VARIANTS: dict[str, Settings] = {
    "v-mean": Settings(),
    "v-descriptions": Settings(descriptions=True),
    "v-balanced": Settings(balanced=True),
    "v-max-pool": Settings(pooling="max"),
    "v-idf-pool": Settings(pooling="idf"),
    "v-l2-inner": Settings(l2=L2_GRID),
    "v-smoothing-inner": Settings(smoothing=(0.0, 0.1, 0.2, 0.4)),
    "v-cue-weight-inner": Settings(rule_boost=(0.0, 1.0, 2.0, 4.0)),
    "v-neighbours-inner": Settings(neighbours=(0.0, 0.5, 1.0, 2.0)),
    "v-centroids": Settings(centroids=True),
    "v-sentences": Settings(sentences=0.5),
}
ENSEMBLES: dict[str, tuple[Settings, ...]] = {
    "v-ensemble": (Settings(), Settings(pooling="idf"), Settings(centroids=True)),
}
SELECTION = {
    "v-mean": variant(VARIANTS["v-mean"]),
    "v-idf-pool": variant(VARIANTS["v-idf-pool"]),
    "v-centroids": variant(VARIANTS["v-centroids"]),
    "v-ensemble": ensemble(ENSEMBLES["v-ensemble"]),
}
"""The candidates v-chosen-inner decides between, inside each training split."""
