"""The word vectors as int8 with a scale per row: how close they stay, and that the bundle's
pre-quantized file gives exactly the numbers the venv computes from the wheel's float16 file."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from sales_notebook.core import diagnosis_model
from sales_notebook.core.diagnosis_model import (
    QUANTIZED_WEIGHTS,
    WORDLLAMA_TOKENIZER,
    WORDLLAMA_WEIGHTS,
    ModelUnavailable,
    load_embedder,
    wordllama_dir,
)
from sales_notebook.core.diagnosis_quantized import load, quantize, save

pytest.importorskip("safetensors")
FLOAT16 = st.floats(-60000, 60000, width=16, allow_nan=False, allow_infinity=False)


@given(arrays(np.float16, st.tuples(st.integers(1, 6), st.integers(1, 9)), elements=FLOAT16))
def test_each_value_is_within_half_a_step_of_its_row_s_scale(matrix: np.ndarray) -> None:
    quantized = quantize(matrix)
    assert quantized.codes.dtype == np.int8 and quantized.scales.dtype == np.float32
    assert np.abs(quantized.codes.astype(int)).max() <= 127
    rows = matrix.astype(np.float64)
    back = quantized.rows(np.arange(len(matrix)))
    step = quantized.scales.astype(np.float64)[:, None]
    assert np.all(np.abs(back - rows) <= step * (0.5 + 1e-5))
    # A row's largest magnitude is its largest code; a row of zeros stays zeros.
    largest = np.abs(rows).max(axis=1)
    assert np.all((np.abs(quantized.codes.astype(int)).max(axis=1) == 127) | (largest == 0))
    assert np.all(back[largest == 0] == 0)


def test_a_weighted_sum_is_the_sum_of_the_weighted_rows() -> None:
    matrix = np.random.default_rng(7).normal(size=(50, 8)).astype(np.float16)
    quantized = quantize(matrix)
    ids = np.array([3, 3, 10, 49], dtype=np.int64)
    weights = np.array([1.0, 2.0, 5.0, 1.0])
    assert np.allclose(quantized.weighted_sum(ids, weights), weights @ quantized.rows(ids))


def test_the_file_keeps_codes_and_scales_exactly(tmp_path: Path) -> None:
    quantized = quantize(np.random.default_rng(3).normal(size=(40, 16)).astype(np.float16))
    save(quantized, tmp_path / "v.safetensors")
    again = load(tmp_path / "v.safetensors")
    assert np.array_equal(again.codes, quantized.codes)
    assert np.array_equal(again.scales, quantized.scales)


def test_a_file_that_is_not_quantized_vectors_is_refused(tmp_path: Path) -> None:
    from safetensors.numpy import save_file

    save_file({"codes": np.zeros((2, 3)), "scales": np.ones(2)}, str(tmp_path / "x.safetensors"))
    with pytest.raises(ValueError, match="int8"):
        load(tmp_path / "x.safetensors")


@pytest.fixture(scope="module")
def bundled_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """WordLlama's folder as the bundle has it: the tokenizer and the int8 file only."""
    pytest.importorskip("wordllama")
    from safetensors.numpy import load_file

    wheel = wordllama_dir()
    folder = tmp_path_factory.mktemp("bundled") / "wordllama"
    (folder / WORDLLAMA_TOKENIZER).parent.mkdir(parents=True)
    (folder / QUANTIZED_WEIGHTS).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(wheel / WORDLLAMA_TOKENIZER, folder / WORDLLAMA_TOKENIZER)
    float16 = load_file(str(wheel / WORDLLAMA_WEIGHTS))["embedding.weight"]
    save(quantize(float16), folder / QUANTIZED_WEIGHTS)
    return folder


def test_the_bundles_file_gives_the_venvs_numbers(
    bundled_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = ["We never asked who signs off.", "Budget frozen until next quarter, no urgency."]
    from_wheel = load_embedder().embed(texts)
    monkeypatch.setattr(diagnosis_model, "wordllama_dir", lambda: bundled_folder)
    assert not (bundled_folder / WORDLLAMA_WEIGHTS).exists()
    assert np.array_equal(load_embedder().embed(texts), from_wheel)


def test_an_unreadable_vectors_file_says_which_folder(
    bundled_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "wordllama"
    shutil.copytree(bundled_folder, broken)
    (broken / QUANTIZED_WEIGHTS).write_bytes(b"not safetensors")
    monkeypatch.setattr(diagnosis_model, "wordllama_dir", lambda: broken)
    with pytest.raises(ModelUnavailable, match="cannot be read"):
        load_embedder()
