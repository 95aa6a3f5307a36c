"""Fit the suggestions' classifier from the labelled sets and write the file the app ships.

    .venv/bin/python scripts/fit_suggestions.py           # writes resources/suggestions_model.json
    .venv/bin/python scripts/fit_suggestions.py --check   # exit 1 if the shipped file differs

The shipped classifier is fitted on everything labelled: the own set
(`tests/data/failed_calls.jsonl`) and the real set, read where it lies
(`../shared/eval/real_failed_calls.jsonl`). Its temperature is calibrated on out-of-fold
predictions only (the same seeded, stratified 5 folds as bench/quality.py), so the
probabilities the wizard pre-ticks by are those of notes the classifier had not seen.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sales_notebook.core.blas import use_one_blas_thread  # noqa: E402

use_one_blas_thread()  # the same sums on every run: the shipped file is regenerated exactly

import numpy as np  # noqa: E402
from quality_data import Case, load_own, load_real, stratified_folds  # noqa: E402

from sales_notebook.core.diagnosis import PRE_TICK_PROBABILITY  # noqa: E402
from sales_notebook.core.diagnosis_classifier import Classifier, Vector, calibrate  # noqa: E402
from sales_notebook.core.diagnosis_model import (  # noqa: E402
    Embedder,
    feature_rows,
    fit_classifier,
    load_embedder,
)

SHIPPED = ROOT / "resources" / "suggestions_model.json"


def _labels(cases: list[Case]) -> list[list[str]]:
    return [[case.main_cause, *case.other_causes] for case in cases]


def fit_on(features: dict[str, Vector], cases: list[Case]) -> Classifier:
    """The classifier fitted on these cases (temperature 1)."""
    return fit_classifier(np.stack([features[case.id] for case in cases]), _labels(cases))


def out_of_fold(
    embedder: Embedder, own: list[Case], real: list[Case]
) -> tuple[Vector, list[list[int]], dict[str, Vector]]:
    """Logits of every labelled call (the real set first) from a classifier that never saw
    it, its causes (the main one first), and every call's features by id."""
    everyone = [*real, *own]
    rows = feature_rows(embedder, [case.notes for case in everyone])
    features = {case.id: row for case, row in zip(everyone, rows, strict=True)}
    logits, labels = [], []
    for cases, other in ((real, own), (own, real)):
        folds = stratified_folds(cases)
        for index, held_out in enumerate(folds):
            train = [*other, *(c for i, f in enumerate(folds) if i != index for c in f)]
            classifier = fit_on(features, train)
            for case in held_out:
                logits.append(classifier.logits(features[case.id]))
                labels.append(
                    [
                        classifier.classes.index(cause)
                        for cause in (case.main_cause, *case.other_causes)
                        if cause in classifier.classes
                    ]
                )
    return np.stack(logits), labels, features


def build() -> tuple[Classifier, Vector, list[list[int]], int]:
    """Fit on everything; the temperature is calibrated on the real set's out-of-fold
    predictions (the own set's notes share words with the cue rules, which makes the
    classifier surer of them than it has reason to be on notes nobody here wrote)."""
    own, real = load_own(), load_real()
    if not real:
        raise SystemExit("The real set (../shared/eval/real_failed_calls.jsonl) is not there.")
    embedder = load_embedder()
    logits, labels, features = out_of_fold(embedder, own, real)
    temperature = calibrate(logits[: len(real)], [row[0] for row in labels[: len(real)]])
    fitted = fit_on(features, [*own, *real])
    shipped = dataclasses.replace(fitted, temperature=temperature)
    return shipped, logits / temperature, labels, len(real)


def report(title: str, calibrated_logits: Vector, labels: list[list[int]]) -> None:
    """How the calibrated top probability matches how often the top cause was right."""
    from sales_notebook.core.diagnosis_classifier import softmax

    probabilities = softmax(calibrated_logits)
    top = probabilities.max(axis=1)
    best = probabilities.argmax(axis=1)
    right = best == np.array([row[0] for row in labels])
    labelled = np.array([int(b) in row for b, row in zip(best, labels, strict=True)])
    print(f"{title}, out of fold: top cause's probability -> how often it was the main cause")
    for low, high in ((0, 0.2), (0.2, 0.35), (0.35, 0.5), (0.5, 0.7), (0.7, 1.01)):
        inside = (top >= low) & (top < high)
        if inside.any():
            print(
                f"  {low:.2f}-{min(high, 1):.2f}: {int(inside.sum()):3} calls, mean p "
                f"{top[inside].mean():.2f}, right {right[inside].mean():.0%}"
            )
    ticked = top >= PRE_TICK_PROBABILITY
    main = right[ticked].mean() if ticked.any() else float("nan")
    any_cause = labelled[ticked].mean() if ticked.any() else float("nan")
    print(
        f"pre-tick at p >= {PRE_TICK_PROBABILITY}: {int(ticked.sum())}/{len(top)} calls get a "
        f"pre-ticked cause from the notes; it is the main cause in {main:.0%} of them, "
        f"one of the call's causes in {any_cause:.0%}"
    )


def main(argv: list[str] | None = None) -> int:
    """Write (or check) the shipped classifier file."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    parser.add_argument("--out", type=Path, default=SHIPPED)
    args = parser.parse_args(argv)
    classifier, calibrated, labels, real = build()
    text = classifier.to_json()
    print(f"temperature {classifier.temperature} (calibrated on the real set, out of fold)")
    report("real set", calibrated[:real], labels[:real])
    report("own set", calibrated[real:], labels[real:])
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print("the shipped file is up to date" if same else f"{args.out} differs: re-run me")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
