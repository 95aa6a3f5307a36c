"""The classifier's neighbours (labelled reasons, as vectors): what they add to the scores and
that the shipped file carries them intact."""

from __future__ import annotations

import dataclasses
from importlib.resources import files

import numpy as np

from sales_notebook.core.diagnosis_classifier import Classifier, Neighbours, log_softmax

CLASSES = ("a", "b", "c")


def plain(width: int = 4) -> Classifier:
    """Learned weights of zero: without neighbours every class scores the same."""
    return Classifier(
        CLASSES,
        mean=np.zeros(width + len(CLASSES)),
        scale=np.ones(width + len(CLASSES)),
        weights=np.zeros((width + len(CLASSES), len(CLASSES))),
        bias=np.zeros(len(CLASSES)),
        rule_boost=0.0,
    )


def row(vector: list[float]) -> np.ndarray:
    """A features row: the notes' unit vector first, then (here empty) cue weights."""
    v = np.asarray(vector, dtype=np.float64)
    return np.concatenate([v / np.linalg.norm(v), np.zeros(len(CLASSES))])


def with_reasons(scale: float) -> Classifier:
    reasons = np.eye(4)[[0, 0, 1, 2]]  # two reasons of "a", one of "b", one of "c"
    return dataclasses.replace(
        plain(), neighbours=Neighbours(reasons, np.array([0, 0, 1, 2]), scale, k=2)
    )


def test_notes_close_to_a_cause_s_reasons_score_that_cause_higher() -> None:
    notes = row([0.9, 0.1, 0.0, 0.0])
    flat = plain().probabilities(notes)
    assert np.allclose(flat, 1 / 3)
    probabilities = with_reasons(10.0).probabilities(notes)
    assert probabilities.argmax() == 0 and probabilities[0] > 0.9
    # Scale 0 is the classifier alone.
    assert np.allclose(with_reasons(0.0).logits(notes), plain().logits(notes))


def test_each_cause_scores_the_mean_of_its_k_closest_reasons() -> None:
    notes = row([1.0, 1.0, 0.0, 0.0])
    cosine = 1 / np.sqrt(2)
    # "a" has two reasons at this cosine; "b" has one only, and its mean is over that one
    # (k = 2 takes what there is); "c"'s reason is at right angles.
    expected = log_softmax(10.0 * np.array([cosine, cosine, 0.0]))
    logits = with_reasons(10.0).logits(notes)
    assert np.allclose(log_softmax(logits), expected)


def test_sentences_are_scored_row_by_row() -> None:
    rows = np.stack([row([1.0, 0, 0, 0]), row([0, 0, 1.0, 0])])
    best = with_reasons(10.0).probabilities(rows).argmax(axis=1)
    assert best.tolist() == [0, 2]


def test_the_shipped_file_carries_the_neighbours_through_json() -> None:
    text = (files("sales_notebook.resources") / "suggestions_model.json").read_text("utf-8")
    shipped = Classifier.from_json(text)
    assert shipped.neighbours is not None
    assert shipped.neighbours.vectors.shape == (len(shipped.neighbours.classes), 256)
    assert set(shipped.neighbours.classes.tolist()) <= set(range(len(shipped.classes)))
    again = Classifier.from_json(shipped.to_json())
    probe = np.random.default_rng(3).normal(size=(5, len(shipped.mean)))
    assert np.array_equal(again.logits(probe), shipped.logits(probe))
    assert again.to_json() == text
