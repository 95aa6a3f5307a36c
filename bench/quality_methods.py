"""The methods bench/quality.py compares: each is fitted on labelled cases and then ranks notes.

A method that learns nothing ignores what it is fitted on.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from quality_data import Case

from sales_notebook.core.cause_texts import DEFAULT_CAUSES

Ranker = Callable[[str], list[str]]
_WORD = re.compile(r"[a-z]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "you",
        "your",
        "they",
        "them",
        "their",
        "did",
        "do",
        "does",
        "what",
        "who",
        "how",
        "is",
        "are",
        "was",
        "were",
        "in",
        "on",
        "at",
        "for",
        "with",
        "before",
        "about",
        "than",
        "rather",
        "this",
        "that",
        "it",
        "its",
        "have",
        "had",
        "not",
        "no",
        "one",
        "most",
        "make",
        "makes",
        "get",
        "made",
        "let",
        "ask",
    ]
)


@dataclass(frozen=True)
class Method:
    """A name and how to fit it: fit(train cases) -> ranker(notes) -> cause ids, best first."""

    name: str
    fit: Callable[[Sequence[Case]], Ranker]


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def keyword_counter(_train: Sequence[Case]) -> Ranker:
    """The floor: count the words of each cause's name, question and prompt in the notes."""
    keywords = {
        cause.id: {_stem(w) for w in _WORD.findall(cause.description.lower()) if w not in _STOP}
        for cause in DEFAULT_CAUSES
    }

    def rank(notes: str) -> list[str]:
        counts = Counter(_stem(w) for w in _WORD.findall(notes.lower()))
        scores = {cause: sum(counts[w] for w in words) for cause, words in keywords.items()}
        order = sorted(scores, key=lambda c: -scores[c])  # stable: taxonomy order breaks ties
        return [c for c in order if scores[c] > 0]

    return rank


def cue_rules(_train: Sequence[Case]) -> Ranker:
    """(a) The hand-written cue rules of core/diagnosis_cues.py."""
    from sales_notebook.core.diagnosis_rules import rule_scores

    def rank(notes: str) -> list[str]:
        scores = rule_scores(notes)
        return [c for c in sorted(scores, key=lambda c: -scores[c]) if scores[c] > 0]

    return rank


@cache
def _embedder() -> Any:
    from sales_notebook.core.diagnosis_model import load_embedder

    return load_embedder()


@cache
def _read(notes: str) -> Any:
    """The notes as the model reads them (the same for every method and fold)."""
    from sales_notebook.core.diagnosis_model import read_notes

    embedder = _embedder()
    prototypes = embedder.embed([c.description for c in DEFAULT_CAUSES])
    return read_notes(embedder, prototypes, notes)


def _ranked(scores: Any) -> list[str]:
    return [DEFAULT_CAUSES[int(i)].id for i in np.argsort(-scores, kind="stable")]


def prototypes(_train: Sequence[Case]) -> Ranker:
    """(b) Embeddings alone: each cause's words (name, question, prompt) as its prototype;
    a cause scores the similarity of the notes' closest sentence to it."""
    width = _embedder().dimensions
    return lambda notes: _ranked(_read(notes).features[width : width + len(DEFAULT_CAUSES)])


def nearest_calls(train: Sequence[Case]) -> Ranker:
    """(b) Embeddings alone: the mean of the 3 most similar labelled calls of each cause."""
    width = _embedder().dimensions
    vectors = np.stack([_read(c.notes).features[:width] for c in train])
    labels = np.array([c.main_cause for c in train])

    def rank(notes: str) -> list[str]:
        similar = vectors @ _read(notes).features[:width]
        scores = np.array(
            [np.sort(similar[labels == c.id])[-3:].mean() if (labels == c.id).any() else -1.0
             for c in DEFAULT_CAUSES]
        )  # fmt: skip
        return _ranked(scores)

    return rank


def _linear(train: Sequence[Case], columns: slice) -> Ranker:
    from sales_notebook.core.diagnosis_classifier import fit, targets

    classes = [c.id for c in DEFAULT_CAUSES]
    rows = np.stack([_read(c.notes).features[columns] for c in train])
    goal = targets(classes, [[c.main_cause, *c.other_causes] for c in train])
    classifier = fit(rows, goal, classes)
    return lambda notes: _ranked(classifier.logits(_read(notes).features[columns]))


def linear_embedding(train: Sequence[Case]) -> Ranker:
    """(c) Linear classifier over the notes' embedding alone."""
    return _linear(train, slice(0, _embedder().dimensions))


def linear_ngrams(train: Sequence[Case]) -> Ranker:
    """(c) Linear classifier over word 1- and 2-grams (tf-idf, seen in 2+ training calls)."""
    from sales_notebook.core.diagnosis_classifier import fit, targets

    def grams(text: str) -> list[str]:
        words = _WORD.findall(text.lower())
        return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]

    seen: Counter[str] = Counter()
    for case in train:
        seen.update(set(grams(case.notes)))
    vocabulary = {g: i for i, g in enumerate(sorted(g for g, n in seen.items() if n >= 2))}
    idf = np.array([np.log((1 + len(train)) / (1 + seen[g])) + 1 for g in vocabulary])

    def vector(text: str) -> Any:
        counts = np.zeros(len(vocabulary))
        for gram in grams(text):
            if gram in vocabulary:
                counts[vocabulary[gram]] += 1
        weighted = np.log1p(counts) * idf
        return weighted / max(float(np.linalg.norm(weighted)), 1e-12)

    classes = [c.id for c in DEFAULT_CAUSES]
    goal = targets(classes, [[c.main_cause, *c.other_causes] for c in train])
    classifier = fit(np.stack([vector(c.notes) for c in train]), goal, classes)
    return lambda notes: _ranked(classifier.logits(vector(notes)))


def shipped(train: Sequence[Case]) -> Ranker:
    """(d) What the app runs: suggest_root_causes with the notes model, its classifier over
    the embedding, the closeness to each cause's words and the cue rules, fitted on `train`."""
    from sales_notebook.core.diagnosis_model import fit_classifier

    return _suggester(
        fit_classifier(
            np.stack([_read(c.notes).features for c in train]),
            [[c.main_cause, *c.other_causes] for c in train],
        )
    )


def evidence_neighbours(train: Sequence[Case]) -> Ranker:
    """(d) with the training calls' evidence as neighbours (bench/quality_fit.py), run through
    suggest_root_causes as it was once shipped: a measured direction, not shipped."""
    from quality_fit import fit_with_evidence

    classifier = fit_with_evidence(_embedder(), train, lambda case: _read(case.notes).features)
    return _suggester(classifier)


def _suggester(classifier: Any) -> Ranker:
    from sales_notebook.core.diagnosis import suggest_root_causes
    from sales_notebook.core.diagnosis_model import NotesModel

    embedder = _embedder()
    model = NotesModel(
        embedder, classifier, embedder.embed([c.description for c in DEFAULT_CAUSES])
    )
    return lambda notes: [s.cause for s in suggest_root_causes(notes, model=model)]


METHODS: dict[str, Method] = {
    m.name: m
    for m in (
        Method("keywords", keyword_counter),
        Method("rules", cue_rules),
        Method("prototypes", prototypes),
        Method("nearest-calls", nearest_calls),
        Method("linear-ngrams", linear_ngrams),
        Method("linear-embedding", linear_embedding),
        Method("shipped", shipped),
    )
}
