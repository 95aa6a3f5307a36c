"""`sales-notebook --version` prints the version pyproject.toml gives (the one source)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sales_notebook.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_version_comes_from_the_package_metadata(capsys) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"sales-notebook {version}"
