"""Where the notebook lives: --data-dir, then the environment, then the platform's data dir."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sales_notebook.paths import resolve_data_dir


def test_cli_value_wins_over_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SALES_NOTEBOOK_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "cli").root == tmp_path / "cli"
    assert resolve_data_dir(None).root == tmp_path / "env"


def test_default_is_the_user_data_dir(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    paths = resolve_data_dir(None)
    assert paths.root == tmp_path / "xdg" / "sales-notebook"
    assert paths.database.name == "notebook.db"
    assert not paths.root.exists()  # resolving creates nothing


@pytest.mark.parametrize(
    "module", ["sales_notebook", "sales_notebook.cli", "sales_notebook.store.services"]
)
def test_importing_creates_nothing(tmp_path: Path, module: str) -> None:
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "PATH": "/usr/bin"}
    subprocess.run([sys.executable, "-c", f"import {module}"], env=env, check=True)
    assert list(tmp_path.iterdir()) == []
