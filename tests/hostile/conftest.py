"""Helpers for the hostile-input cases: run the CLI in-process, fingerprint the notebook."""

from __future__ import annotations

import hashlib
import io
import shutil
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sales_notebook.cli import main
from sales_notebook.paths import DataPaths
from sales_notebook.store.migrate import prepare
from tests.hostile.record import OUTCOMES, Outcome


@dataclass
class Run:
    """One command-line run: exit code, output, and whether it crashed."""

    code: int
    out: str
    err: str
    crashed: bool


def fingerprint(root: Path) -> str:
    """A hash of every byte of the notebook: the file, and the WAL that SQLite may keep
    committed pages in (an absent WAL and an empty one hold the same: nothing)."""
    digest = hashlib.sha256()
    for name in ("notebook.db", "notebook.db-wal"):
        path = root / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b""))
    return digest.hexdigest()


@pytest.fixture
def cli(capsys, monkeypatch) -> Callable[..., Run]:
    """Run `sales-notebook ARGS` in this process; `stdin` bytes (or None: closed)."""

    def run(*args: str, stdin: bytes | bool | None = False) -> Run:
        if stdin is None:
            monkeypatch.setattr(sys, "stdin", None)
        elif stdin is not False:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        crashed = False
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's own errors
            code = exc.code if isinstance(exc.code, int) else 2
        except Exception:
            traceback.print_exc()
            code, crashed = -1, True
        out, err = capsys.readouterr()
        crashed = crashed or "Traceback" in err or code not in (0, 1, 2)
        return Run(code, out, err, crashed)

    return run


def record(area: str, run: Run, *, refused: bool, changed: bool = False) -> None:
    """Note a case for the tally (docs/RELIABILITY.md)."""
    handled = "clear error" if refused and run.code == 2 and _one_line(run.err) else "accepted"
    OUTCOMES.append(Outcome(area, handled, run.crashed, changed))


def _one_line(err: str) -> bool:
    lines = [line for line in err.splitlines() if line.strip()]
    return len(lines) == 1 and lines[0].startswith("sales-notebook: ")


@pytest.fixture(scope="session")
def notebooks(tmp_path_factory) -> dict[str, Path]:
    """Template data dirs: an empty notebook and the demo one (copied by `notebook`)."""
    base = tmp_path_factory.mktemp("templates")
    prepare(DataPaths(base / "empty"))  # reading commands never create a notebook
    assert main(["demo", "--data-dir", str(base / "demo")]) == 0
    return {"empty": base / "empty", "demo": base / "demo"}


@pytest.fixture
def notebook(notebooks, tmp_path) -> Callable[[str], Path]:
    """A fresh copy of the empty or the demo notebook."""

    def copy(kind: str) -> Path:
        target = tmp_path / kind
        shutil.copytree(notebooks[kind], target)
        return target

    return copy
