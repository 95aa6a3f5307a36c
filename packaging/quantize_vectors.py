"""Writes WordLlama's word vectors into the bundle as int8 codes with one float32 scale per
row (8.3 MB), in place of the wheel's float16 file (16.4 MB), which the spec leaves out.

The codes come from `quantize` in sales_notebook/core/diagnosis_quantized.py, the function the
venv and pipx run on the wheel's file when the model loads, so every install reads the same
numbers (tests/core/test_diagnosis_quantized.py, tests/packaging/test_bundle_features.py).

    python packaging/quantize_vectors.py dist/sales-notebook/_internal

Run by `make bundle`, from the bundle's venv (the app's wheel, wordllama, safetensors).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from safetensors.numpy import load_file

from sales_notebook.core.diagnosis_model import (
    QUANTIZED_WEIGHTS,
    WORDLLAMA_TOKENIZER,
    WORDLLAMA_WEIGHTS,
    wordllama_dir,
)
from sales_notebook.core.diagnosis_quantized import quantize, save


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("internal", type=Path, help="the bundle's _internal folder")
    target = parser.parse_args().internal / "wordllama"
    if not (target / WORDLLAMA_TOKENIZER).is_file():
        raise SystemExit(f"{target} has no WordLlama tokenizer: is this the bundle's _internal?")
    if (target / WORDLLAMA_WEIGHTS).exists():
        raise SystemExit(f"{target / WORDLLAMA_WEIGHTS}: the spec should leave the float16 out")
    float16 = load_file(str(wordllama_dir() / WORDLLAMA_WEIGHTS))["embedding.weight"]
    (target / QUANTIZED_WEIGHTS).parent.mkdir(parents=True, exist_ok=True)
    save(quantize(float16), target / QUANTIZED_WEIGHTS)
    (target / QUANTIZED_WEIGHTS).chmod(0o644)  # safetensors writes 0600; others read it too
    size = (target / QUANTIZED_WEIGHTS).stat().st_size
    print(f"{QUANTIZED_WEIGHTS}: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
