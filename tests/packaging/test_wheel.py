"""The wheel installs into a fresh venv and gives a working `sales-notebook` command."""

from __future__ import annotations

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

    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    out = subprocess.run([command, "--version"], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == f"sales-notebook {version}", out.stderr

    def run(*argv: str) -> str:
        out = subprocess.run(
            [command, *argv, "--data-dir", str(tmp_path / "notebook")],
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
