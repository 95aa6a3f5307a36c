"""The built artefacts under test: the bundle and the wheel `make test` builds before pytest."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE_ENV = "SALES_NOTEBOOK_BUNDLE"
WHEEL_ENV = "SALES_NOTEBOOK_WHEEL"


def built(env_var: str, make_target: str) -> Path:
    """The artefact `make test` names in `env_var`; a run without it skips, one whose artefact
    is missing fails."""
    value = os.environ.get(env_var)
    if not value:
        pytest.skip(f"{env_var} unset: `make test` builds it (make {make_target})")
    path = (ROOT / value).resolve() if not Path(value).is_absolute() else Path(value)
    assert path.exists(), f"{env_var}={value}: not built"
    return path


def offline_prefix() -> list[str]:
    """A command prefix that runs the program with no network at all, where this user may."""
    probe = subprocess.run(["unshare", "--net", "true"], capture_output=True, check=False)
    return ["unshare", "--net"] if probe.returncode == 0 else []


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bundle's program, copied away from the checkout (nothing may point back into it)."""
    source = built(BUNDLE_ENV, "bundle")
    target = tmp_path_factory.mktemp("installed") / "sales-notebook"
    shutil.copytree(source, target, symlinks=True)
    yield target / "sales-notebook"
    shutil.rmtree(target)


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    """What a seller's session has: no venv, no PYTHONPATH, a home of its own."""
    home = tmp_path / "home"
    home.mkdir()
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
