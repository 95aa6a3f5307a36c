"""No sentence of the seed stories or of the real set is copied into the project.

The seeds and the real set are read where they lie (`../shared/`), never copied: a copied
phrase would make the suggester look good on the very notes it is measured on. Without
`../shared/` (or git) the test is skipped.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
CUES = ROOT / "sales_notebook" / "core" / "diagnosis_cues.py"
PROJECT_RUN = 6
"""No run of this many words of theirs anywhere in the project (none is there today; five
words already match phrases as common as "in the middle of a")."""
CUE_RUN = 4
"""The cue rules are held tighter: no four words of theirs in a row."""
_WORD = re.compile(r"[a-z0-9']+")


def runs(text: str, length: int) -> set[str]:
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    return {" ".join(words[i : i + length]) for i in range(len(words) - length + 1)}


def their_texts() -> dict[str, str]:
    texts = {}
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        texts[f"seeds/{path.name}"] = path.read_text(encoding="utf-8", errors="replace")
    real = SHARED / "eval" / "real_failed_calls.jsonl"
    if real.is_file():
        for line in real.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts[f"eval/{row['id']}"] = f"{row['notes']}\n{row.get('evidence', '')}"
    return texts


def their_runs(length: int) -> dict[str, str]:
    """Every run of `length` words of theirs, and where it comes from."""
    return {run: where for where, text in their_texts().items() for run in runs(text, length)}


def borrowed(text: str, length: int, theirs: dict[str, str]) -> list[str]:
    return sorted(f"{theirs[run]}: {run!r}" for run in runs(text, length) & theirs.keys())


@pytest.fixture(scope="module")
def theirs() -> dict[int, dict[str, str]]:
    if not their_texts():
        pytest.skip("../shared (the seeds and the real set) is not here")
    return {length: their_runs(length) for length in (CUE_RUN, PROJECT_RUN)}


def test_the_cue_rules_hold_no_four_words_of_the_seeds_or_the_real_set(theirs) -> None:
    found = borrowed(CUES.read_text(encoding="utf-8"), CUE_RUN, theirs[CUE_RUN])
    assert not found, "cues copied from notes they are measured on: " + "; ".join(found[:5])


def test_no_file_of_the_project_holds_six_words_of_the_seeds_or_the_real_set(theirs) -> None:
    git = shutil.which("git")
    listed = subprocess.run(
        [git or "git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False
    )
    if git is None or listed.returncode != 0:
        pytest.skip("not a git checkout")
    found = []
    for name in listed.stdout.decode().split("\0"):
        path = ROOT / name
        if not name or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # images, fonts: no sentences
        found += [f"{name} <- {hit}" for hit in borrowed(text, PROJECT_RUN, theirs[PROJECT_RUN])]
    assert not found, "copied from ../shared: " + "; ".join(found[:5])
