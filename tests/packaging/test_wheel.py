"""The wheel installs into a fresh venv, and `pipx install .` from a checkout; both give a
working `sales-notebook` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT, WHEEL_ENV, built

pytestmark = pytest.mark.bundle


@pytest.mark.timeout(600)
def test_pip_install_of_the_wheel_gives_the_command(tmp_path: Path) -> None:
    wheel = built(WHEEL_ENV, "wheel")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    install = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-compile", str(wheel)],
        capture_output=True,
        text=True,
        timeout=540,
    )
    assert install.returncode == 0, install.stderr
    command = venv / "bin" / "sales-notebook"
    assert (venv / "bin" / "sales-notebook-gui").exists()  # the window's launcher on Windows
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}

    works_as_a_seller_runs_it(command, env, tmp_path / "notebook")


def works_as_a_seller_runs_it(command: Path, env: dict[str, str], data: Path) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    out = subprocess.run([command, "--version"], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == f"sales-notebook {version}", out.stderr

    def run(*argv: str) -> str:
        out = subprocess.run(
            [command, *argv, "--data-dir", str(data)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0, (argv, out.stderr)
        return out.stdout

    assert "8 lessons" in run("demo")
    assert run("check").strip().endswith(": ok")
    assert "lesson " in run("lessons", "search", "budget")


CHECKOUT_LEFT_OUT = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache"
)


@pytest.mark.timeout(600)
def test_pipx_install_from_a_checkout_gives_both_commands(tmp_path: Path) -> None:
    """What the README tells a Python user: `pipx install .` in a checkout (a copy of this one,
    so that the build leaves nothing here). pipx (a test dependency) keeps its venvs and its
    commands under tmp_path, not ~/.local."""
    built(WHEEL_ENV, "wheel")  # with the bundle tests: both install the whole app
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT, checkout, ignore=CHECKOUT_LEFT_OUT)
    pipx_dirs = {
        "PIPX_HOME": str(tmp_path / "pipx"),
        "PIPX_BIN_DIR": str(tmp_path / "bin"),
        "PIPX_MAN_DIR": str(tmp_path / "man"),
    }
    install = subprocess.run(
        [sys.executable, "-m", "pipx", "install", "--pip-args=--no-compile", "."],
        cwd=checkout,
        env={**os.environ, **pipx_dirs},
        capture_output=True,
        text=True,
        timeout=540,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    assert "sales-notebook-gui" in install.stdout  # pipx lists the apps it exposed
    command = tmp_path / "bin" / "sales-notebook"
    assert (tmp_path / "bin" / "sales-notebook-gui").exists()
    env = {"PATH": f"{tmp_path / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    works_as_a_seller_runs_it(command, env, tmp_path / "notebook")
