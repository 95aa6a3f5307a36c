"""WordLlama's word vectors as int8 codes with one float32 scale per row.

The wheel ships the vectors as float16 (16.4 MB); as int8 codes and a scale per token they
take 8.3 MB, on disk in the bundle and in memory everywhere. Every install reads the same
numbers: the venv and pipx quantize the wheel's float16 file when the model loads, and the
bundle reads the file `packaging/quantize_vectors.py` wrote at build time with this same
`quantize` (docs/QUALITY.md, "int8 vectors").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float64]
CODES = "codes"
SCALES = "scales"
_LEVELS = 127  # codes run from -127 to 127, so a row and its negation quantize alike
_BLOCK = 2048  # rows quantized at a time


@dataclass(frozen=True)
class QuantizedVectors:
    """One row per token: `codes[i] * scales[i]` is token i's vector."""

    codes: npt.NDArray[np.int8]  # tokens x dimensions
    scales: npt.NDArray[np.float32]  # tokens

    def __len__(self) -> int:
        return int(self.codes.shape[0])

    @property
    def dimensions(self) -> int:
        """Length of one token's vector."""
        return int(self.codes.shape[1])

    def rows(self, ids: npt.NDArray[np.int64]) -> Vector:
        """These tokens' vectors, in float64."""
        scales = self.scales[ids].astype(np.float64)
        return self.codes[ids].astype(np.float64) * scales[..., None]

    def weighted_sum(self, ids: npt.NDArray[np.int64], weights: Vector) -> Vector:
        """Σ weights[j] × vector of ids[j], in float64, the scales folded into the weights."""
        folded = weights * self.scales[ids].astype(np.float64)
        return folded @ self.codes[ids].astype(np.float64)


def quantize(matrix: npt.NDArray[np.floating]) -> QuantizedVectors:
    """Each row scaled so its largest magnitude is 127 and rounded to the nearest code; its
    scale, the row's largest magnitude / 127, kept as float32. A row of zeros stays zeros.
    Computed in float32 (which holds float16 exactly), a block of rows at a time: the
    whole matrix at once would fault in a few hundred MB of temporaries."""
    count, width = matrix.shape
    codes = np.empty((count, width), dtype=np.int8)
    scales = np.empty(count, dtype=np.float32)
    for start in range(0, count, _BLOCK):
        rows = np.asarray(matrix[start : start + _BLOCK], dtype=np.float32)
        block = scales[start : start + len(rows)]
        np.max(np.abs(rows), axis=1, out=block)
        block /= np.float32(_LEVELS)
        divisor = np.where(block == 0, np.float32(1), block)
        rows /= divisor[:, None]
        np.rint(rows, out=rows)
        np.clip(rows, -_LEVELS, _LEVELS, out=rows)
        codes[start : start + len(rows)] = rows
    return QuantizedVectors(codes, scales)


def save(vectors: QuantizedVectors, path: Path) -> None:
    """Write the codes and scales as a safetensors file."""
    from safetensors.numpy import save_file

    save_file({CODES: vectors.codes, SCALES: vectors.scales}, str(path))


def load(path: Path) -> QuantizedVectors:
    """Read what `save` wrote."""
    from safetensors.numpy import load_file

    tensors = load_file(str(path))
    codes, scales = tensors[CODES], tensors[SCALES]
    if codes.dtype != np.int8 or scales.dtype != np.float32 or scales.shape != codes.shape[:1]:
        raise ValueError(f"{path.name} does not hold int8 codes with one float32 scale a row")
    return QuantizedVectors(codes, scales)
