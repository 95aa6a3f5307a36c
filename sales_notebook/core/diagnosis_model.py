"""The notes model: WordLlama's word vectors (shipped in its wheel) and the fitted classifier.

Nothing is downloaded: the tokenizer and the 256-dimension vectors are read from the
installed `wordllama` package by explicit path (its 0.4.0 loader looks for the tokenizer
under `tokenizer/` while the wheel has `tokenizers/`, and importing it costs half a
second of pydantic and requests), and the classifier from `resources/`. The vectors are
held as int8 with a scale per row (core/diagnosis_quantized.py): quantized at load from the
wheel's float16 file, or read as such in the bundle, which ships only the quantized file.
Loading takes about a second: the app does it on a worker thread, never at start.
"""

from __future__ import annotations

import importlib.util
import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from sales_notebook.core.cause_texts import DEFAULT_CAUSES, CauseText
from sales_notebook.core.diagnosis_classifier import Classifier, Vector, fit, targets
from sales_notebook.core.diagnosis_quantized import QuantizedVectors, quantize
from sales_notebook.core.diagnosis_quantized import load as load_quantized
from sales_notebook.core.diagnosis_rules import rule_evidence
from sales_notebook.core.diagnosis_text import Sentence, sentences
from sales_notebook.core.diagnosis_vectors import TextVectors

WORDLLAMA_TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
WORDLLAMA_WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
QUANTIZED_WEIGHTS = Path("weights") / "l2_supercat_256.int8.safetensors"
"""Written into the bundle by packaging/quantize_vectors.py, in place of the float16 file."""
CLASSIFIER_FILE = "suggestions_model.json"

MAX_RULE_CHARS = 2_000
"""The cue rules read the first ~350 words (they cost ~0.2 ms per cue per 1,000 characters
on a busy machine); the model reads the meaning of the whole notes."""
_RULE_SCALE = 3.0  # a strong cue weighs ~3: tanh keeps a pile of cues from swamping the rest


class ModelUnavailable(RuntimeError):
    """The notes model cannot be loaded (a package or a file is missing)."""


class Embedder:
    """Texts to unit vectors: the mean of their tokens' WordLlama vectors."""

    def __init__(self, tokenizer: Any, vectors: QuantizedVectors) -> None:
        self._tokenizer = tokenizer
        self._vectors = vectors

    @property
    def dimensions(self) -> int:
        """Length of one text's vector."""
        return self._vectors.dimensions

    @property
    def size(self) -> int:
        """How many tokens have a vector."""
        return len(self._vectors)

    def vectors(self, ids: npt.NDArray[np.int64]) -> Vector:
        """These tokens' vectors (float64)."""
        return self._vectors.rows(ids)

    def embed(self, texts: Sequence[str]) -> Vector:
        """One unit vector per text (zeros for a text with no tokens)."""
        return unit(self.token_sums(texts)[0])

    def token_sums(self, texts: Sequence[str]) -> tuple[Vector, Vector]:
        """Each text's token vectors summed, and its number of tokens; one tokenizer pass."""
        sums = np.zeros((len(texts), self.dimensions))
        if not texts:
            return sums, np.zeros(0)
        # encode_batch_fast (tokenizers 0.21+) gives the same ids without the offsets we do
        # not read, for ~40 % less CPU.
        encode = getattr(self._tokenizer, "encode_batch_fast", self._tokenizer.encode_batch)
        encodings = encode(list(texts), add_special_tokens=False)
        size = len(self._vectors)
        rows = [np.asarray(e.ids, dtype=np.int64) for e in encodings]
        rows = [ids[(ids >= 0) & (ids < size)] for ids in rows]
        counts = np.array([len(ids) for ids in rows], dtype=np.float64)
        if not counts.any():
            return sums, counts
        # Each text's distinct tokens once, times how often they occur, all texts in one
        # pass: gathering every token's vector moved ~0.5 GB for 300 past lessons.
        owner = np.repeat(np.arange(len(rows), dtype=np.int64), counts.astype(np.intp))
        keys, times = np.unique(owner * size + np.concatenate(rows), return_counts=True)
        text, token = np.divmod(keys, size)
        edges = np.flatnonzero(np.r_[True, text[1:] != text[:-1], True])
        for start, end in itertools.pairwise(edges.tolist()):
            # One small product per text: a reduceat over all of them is 3x slower.
            weights = times[start:end].astype(np.float64)
            sums[text[start]] = self._vectors.weighted_sum(token[start:end], weights)
        return sums, counts


def unit(rows: Vector) -> Vector:
    """Rows scaled to length 1 (a zero row stays zero); the mean's direction is the sum's."""
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    return rows / np.where(norms == 0, 1.0, norms)


@dataclass(frozen=True)
class ReadNotes:
    """The notes as the model sees them: sentences, their vectors and the classifier's features."""

    sentences: list[Sentence]
    sentence_vectors: Vector
    features: Vector
    rule_quotes: dict[str, str]  # cause -> the reason of its strongest cue hit


@dataclass(frozen=True)
class NotesModel:
    """Everything needed to read notes for causes."""

    embedder: Embedder
    classifier: Classifier
    prototypes: Vector  # one unit vector per default cause, from the taxonomy's words
    lesson_vectors: TextVectors = field(default_factory=TextVectors, compare=False, repr=False)
    """The seller's past lessons' vectors, kept for the session by lesson id and text."""

    def read(self, notes: str) -> ReadNotes:
        """Sentences, their vectors and the features of the whole notes."""
        return read_notes(self.embedder, self.prototypes, notes)

    def sentence_probabilities(self, read: ReadNotes) -> Vector:
        """Each sentence read alone by its meaning: the probability of each cause
        (sentences x causes). The cues are left out here: they quote their own hit."""
        vectors = read.sentence_vectors
        closest = vectors @ self.prototypes.T
        rows = np.hstack([vectors, closest, closest, np.zeros_like(closest)])
        return self.classifier.probabilities(rows)

    def describe(self, causes: Sequence[CauseText]) -> Vector:
        """Unit vectors of causes' own words (names, questions, prompts)."""
        return self.embedder.embed([cause.description for cause in causes])


def read_notes(embedder: Embedder, prototypes: Vector, notes: str) -> ReadNotes:
    """Sentences, their vectors and the classifier's features for some notes."""
    found = sentences(notes) or [Sentence(notes, 0, len(notes))]
    # Tokenized once: the whole notes' mean is the sum of their sentences' token vectors.
    sums, _ = embedder.token_sums([s.text for s in found])
    vectors = unit(sums)
    whole = unit(sums.sum(axis=0))
    scores: dict[str, float] = {}
    quotes: dict[str, tuple[float, str]] = {}
    for cause, weight, reason in rule_evidence(notes[:MAX_RULE_CHARS]):
        scores[cause] = scores.get(cause, 0.0) + weight
        if weight > quotes.get(cause, (0.0, ""))[0] and reason:
            quotes[cause] = (weight, reason)
    rules = np.array([scores.get(c.id, 0.0) for c in DEFAULT_CAUSES])
    return ReadNotes(
        found,
        vectors,
        features(whole, vectors, prototypes, rules),
        {cause: reason for cause, (_, reason) in quotes.items()},
    )


def feature_rows(embedder: Embedder, notes: Sequence[str]) -> Vector:
    """The classifier's features of each of these notes, one row each."""
    prototypes = embedder.embed([cause.description for cause in DEFAULT_CAUSES])
    return np.stack([read_notes(embedder, prototypes, text).features for text in notes])


def fit_classifier(rows: Vector, labels: Sequence[Sequence[str]]) -> Classifier:
    """Fit the classifier on labelled notes' feature rows (each with its causes, the main
    one first)."""
    classes = [cause.id for cause in DEFAULT_CAUSES]
    return fit(rows, targets(classes, labels), classes)


def features(whole: Vector, sentence_vectors: Vector, prototypes: Vector, rules: Vector) -> Vector:
    """The classifier's input: the notes' vector, how close the notes and their closest
    sentence come to each cause's words, and the cue rules' weight per cause (squashed)."""
    closest = (sentence_vectors @ prototypes.T).max(axis=0)
    return np.concatenate([whole, closest, prototypes @ whole, np.tanh(rules / _RULE_SCALE)])


def wordllama_dir() -> Path:
    """Where the installed wordllama package is, without importing it (in a frozen bundle,
    where its tokenizer and the quantized vectors are collected without its code: beside
    the app's modules)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None and (Path(bundle) / "wordllama" / WORDLLAMA_TOKENIZER).is_file():
        return Path(bundle) / "wordllama"
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable("the wordllama package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def load_embedder() -> Embedder:
    """WordLlama's tokenizer and vectors, from the files in its wheel: the vectors quantized
    to int8 here, or already quantized where the bundle ships them so."""
    try:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise ModelUnavailable(f"a package of the notes model is missing: {exc.name}") from exc
    folder = wordllama_dir()
    try:
        tokenizer = Tokenizer.from_file(str(folder / WORDLLAMA_TOKENIZER))
        if (folder / QUANTIZED_WEIGHTS).is_file():
            vectors = load_quantized(folder / QUANTIZED_WEIGHTS)
        else:
            vectors = quantize(load_file(str(folder / WORDLLAMA_WEIGHTS))["embedding.weight"])
    except Exception as exc:  # tokenizers raises a bare Exception for a bad file
        raise ModelUnavailable(f"the word vectors in {folder} cannot be read: {exc}") from exc
    return Embedder(tokenizer, vectors)


def load_notes_model(classifier: Classifier | None = None) -> NotesModel:
    """The embedder, the shipped classifier (or the one given) and the causes' prototypes."""
    embedder = load_embedder()
    if classifier is None:
        try:
            text = (files("sales_notebook.resources") / CLASSIFIER_FILE).read_text("utf-8")
        except OSError as exc:
            raise ModelUnavailable(f"the suggestions model file is missing: {exc}") from exc
        classifier = Classifier.from_json(text)
    prototypes = embedder.embed([cause.description for cause in DEFAULT_CAUSES])
    return NotesModel(embedder, classifier, prototypes)
