"""A linear classifier over the notes' features: softmax regression with a calibrated temperature.

Fitted at build time by `scripts/fit_suggestions.py` (full-batch gradient descent from
zero, so the same data gives the same weights), shipped as a small JSON file and read at
run time with numpy alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float64]

L2 = 0.01
"""Weight decay; the classifier has ~300 features for ~120 labelled calls."""
STEPS = 300
STEP_SIZE = 0.5
OTHER_CAUSE_SHARE = 0.3
"""A secondary cause of a labelled call counts for this much of the main cause in training."""
DIGITS = 6
RULE_BOOST = 2.0
"""The cue rules' per-cause weight (the last features, one per class, in [0, 1)) is also added
to the logits at this fixed weight. Learned weights alone hardly use the rules (they rarely
fire on the real set), so terse notes that name their cause ("never agreed a next step")
were read by the embedding alone; with the boost the CV top-3 on the real set is unchanged
and such notes are read right (docs/QUALITY.md)."""


@dataclass(frozen=True)
class Classifier:
    """Softmax regression on standardised features; `temperature` calibrates the probabilities."""

    classes: tuple[str, ...]
    mean: Vector
    scale: Vector
    weights: Vector  # features x classes
    bias: Vector
    temperature: float = 1.0
    rule_boost: float = RULE_BOOST

    def logits(self, features: Vector) -> Vector:
        """Raw scores of each class, before calibration."""
        rules = features[..., -len(self.classes) :]
        learned = ((features - self.mean) / self.scale) @ self.weights + self.bias
        return learned + self.rule_boost * rules

    def probabilities(self, features: Vector) -> Vector:
        """Calibrated probability of each class being the main cause."""
        return softmax(self.logits(features) / self.temperature)

    def to_json(self) -> str:
        """The classifier as JSON text, numbers rounded so the file is stable and small."""

        def rounded(array: Vector) -> list[float] | list[list[float]]:
            return np.round(array, DIGITS).tolist()  # type: ignore[no-any-return]

        document = {
            "classes": list(self.classes),
            "temperature": round(self.temperature, DIGITS),
            "rule_boost": self.rule_boost,
            "mean": rounded(self.mean),
            "scale": rounded(self.scale),
            "bias": rounded(self.bias),
            "weights": rounded(self.weights),
        }
        return json.dumps(document, separators=(",", ":")) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Classifier:
        """Read what `to_json` wrote."""
        doc = json.loads(text)
        return cls(
            tuple(doc["classes"]),
            np.asarray(doc["mean"], dtype=np.float64),
            np.asarray(doc["scale"], dtype=np.float64),
            np.asarray(doc["weights"], dtype=np.float64),
            np.asarray(doc["bias"], dtype=np.float64),
            float(doc["temperature"]),
            float(doc["rule_boost"]),
        )

    @classmethod
    def load(cls, path: Path) -> Classifier:
        """Read the shipped classifier file."""
        return cls.from_json(path.read_text(encoding="utf-8"))


def softmax(logits: Vector) -> Vector:
    """Probabilities from scores, along the last axis."""
    shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)  # type: ignore[no-any-return]


def targets(
    classes: Sequence[str], labels: Sequence[Sequence[str]], other_share: float = OTHER_CAUSE_SHARE
) -> Vector:
    """One row per call: the main cause (first label) weighs 1, each other cause `other_share`."""
    index = {cause: i for i, cause in enumerate(classes)}
    rows = np.zeros((len(labels), len(classes)))
    for row, causes in enumerate(labels):
        for rank, cause in enumerate(causes):
            if cause in index:
                rows[row, index[cause]] += 1.0 if rank == 0 else other_share
    return rows / np.maximum(rows.sum(axis=1, keepdims=True), 1e-12)  # type: ignore[no-any-return]


def fit(
    features: Vector,
    goal: Vector,
    classes: Sequence[str],
    *,
    l2: float = L2,
    sample_weight: Vector | None = None,
) -> Classifier:
    """Fit by full-batch gradient descent on the (weighted) cross-entropy with L2;
    deterministic."""
    mean = features.mean(axis=0)
    scale = features.std(axis=0) + 1e-6
    x = (features - mean) / scale
    weights = np.zeros((x.shape[1], len(classes)))
    bias = np.zeros(len(classes))
    share = None if sample_weight is None else (sample_weight / sample_weight.sum())[:, None]
    for _ in range(STEPS):
        error = softmax(x @ weights + bias) - goal
        gradient = error / len(x) if share is None else error * share
        weights -= STEP_SIZE * (x.T @ gradient + l2 * weights)
        bias -= STEP_SIZE * gradient.sum(axis=0)
    return Classifier(tuple(classes), mean, scale, weights, bias)


def calibrate(logits: Vector, main: Sequence[int]) -> float:
    """The temperature that makes held-out probabilities honest (least log-loss on a grid)."""
    rows = np.arange(len(main))
    best, best_loss = 1.0, float("inf")
    for temperature in np.round(np.arange(0.5, 6.01, 0.05), 2):
        probabilities = softmax(logits / temperature)
        loss = float(-np.log(probabilities[rows, list(main)] + 1e-12).mean())
        if loss < best_loss:
            best, best_loss = float(temperature), loss
    return best
