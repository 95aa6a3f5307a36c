"""Past lessons' vectors, kept for the session: the second post-mortem does not embed again.

A seller with 300 lessons on long calls paid ~0.5 s of CPU to embed them for every
suggestion. A lesson's vector depends on its text alone (each text's token sums are exact
whatever else is in the batch), so it is kept by the lesson's id and its text: a lesson
edited since gets a new vector, and nothing is written anywhere.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sales_notebook.core.diagnosis_classifier import Vector
    from sales_notebook.core.diagnosis_model import Embedder

KEPT_TEXTS = 2_000
"""At most this many vectors are kept (2 KB each, plus their texts): the newest 300 lessons
of a notebook, several times over for lessons rewritten during the session."""


class TextVectors:
    """Unit vectors of texts embedded earlier, by key; the least recently used go first."""

    def __init__(self, limit: int = KEPT_TEXTS) -> None:
        self._limit = limit
        self._kept: OrderedDict[tuple[int, str], Vector] = OrderedDict()
        self._lock = threading.Lock()  # the wizard's worker and the command line may share it

    def __len__(self) -> int:
        return len(self._kept)

    def vectors(self, embedder: Embedder, keyed: Sequence[tuple[int, str]]) -> Vector:
        """One unit vector per (id, text), in order; only texts not seen before are embedded."""
        rows = np.zeros((len(keyed), embedder.dimensions))
        missing: dict[tuple[int, str], list[int]] = {}
        with self._lock:
            for index, key in enumerate(keyed):
                if key in self._kept:
                    rows[index] = self._kept[key]
                    self._kept.move_to_end(key)
                else:
                    missing.setdefault(key, []).append(index)
        if not missing:
            return rows
        fresh = embedder.embed([text for _, text in missing])
        with self._lock:
            for (key, indexes), vector in zip(missing.items(), fresh, strict=True):
                rows[indexes] = vector
                self._kept[key] = vector
            while len(self._kept) > self._limit:
                self._kept.popitem(last=False)
        return rows
