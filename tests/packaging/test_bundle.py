"""The one-folder bundle starts on a clean machine: no venv, no network, no source checkout."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from sales_notebook import DESKTOP_ID
from sales_notebook.logs import log_file
from sales_notebook.paths import DataPaths
from sales_notebook.ui.single_instance import show_running_window
from tests.e2e.test_crash_recovery import type_a_call_then_kill
from tests.e2e.xsession import XSession, require_tools
from tests.packaging.conftest import ROOT, offline_prefix

pytestmark = pytest.mark.bundle
# Issue #16's target is 150 MB; the bundle without the notes model was 135 MB. The model that
# reads notes by meaning (#10) brings numpy with OpenBLAS (39 MB), WordLlama's vectors and
# tokenizer (18 MB) and tokenizers (8 MB). After the cuts of packaging/ (sales-notebook.spec,
# trim_icu.py, subset_icons.py) the bundle was 157.4 MB; with the vectors as int8
# (quantize_vectors.py) it is 149.4 MB. The guard is the target (docs/PERFORMANCE.md, "The bundle").
GUARD_MB = 150


def run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*offline_prefix(), *argv], env=env, capture_output=True, text=True, timeout=120
    )


def test_it_prints_its_version(bundle: Path, clean_env: dict[str, str]) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    out = run([str(bundle), "--version"], clean_env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"sales-notebook {version}"


def test_its_help_is_the_venvs(bundle: Path, clean_env: dict[str, str]) -> None:
    """The bundle's bytecode has no docstrings (packaging/sales-notebook.spec, optimize=2)."""
    for argv in (["--help"], ["lessons", "suggest", "--help"], ["team", "sync", "--help"]):
        out = run([str(bundle), *argv], clean_env)
        venv = subprocess.run(
            [sys.executable, "-m", "sales_notebook", *argv],
            env=clean_env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert out.returncode == venv.returncode == 0, out.stderr
        assert out.stdout == venv.stdout


def test_demo_then_export_in_a_fresh_data_dir(
    bundle: Path, clean_env: dict[str, str], tmp_path: Path
) -> None:
    data = tmp_path / "notebook"
    demo = run([str(bundle), "demo", "--data-dir", str(data)], clean_env)
    assert demo.returncode == 0, demo.stderr
    export = run([str(bundle), "export", "--data-dir", str(data)], clean_env)
    assert export.returncode == 0, export.stderr
    document = json.loads(export.stdout)
    assert len(document["tables"]["call"]) == 15
    assert len(document["tables"]["lesson"]) == 8
    lessons = tmp_path / "lessons.md"
    markdown = [str(bundle), "export", "--format", "markdown", "--out", str(lessons)]
    assert run([*markdown, "--data-dir", str(data)], clean_env).returncode == 0
    assert lessons.read_text("utf-8").startswith("# Lessons from past calls")


def test_a_note_typed_in_its_window_survives_kill_9(
    bundle: Path, clean_env: dict[str, str], tmp_path: Path
) -> None:
    require_tools()
    xsession = XSession()
    try:
        env = {**clean_env, "DISPLAY": xsession.display, "QT_QPA_PLATFORM": "xcb"}
        type_a_call_then_kill(
            xsession,
            tmp_path / "data",
            Path(os.environ.get("SALES_NOTEBOOK_SCREENSHOTS", tmp_path)) / "bundle-window.png",
            program=[*offline_prefix(), str(bundle)],
            env=env,
        )
    finally:
        xsession.close()


def test_its_window_groups_under_the_launcher_and_a_second_start_brings_it_forward(
    bundle: Path, clean_env: dict[str, str], tmp_path: Path
) -> None:
    require_tools()
    xsession = XSession()
    env = {**clean_env, "DISPLAY": xsession.display, "QT_QPA_PLATFORM": "xcb"}
    argv = [*offline_prefix(), str(bundle), "--data-dir", str(tmp_path / "data")]
    said = (tmp_path / "first.err").open("w+")
    first = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=said)
    try:
        try:
            window = xsession.wait_window("Sales Notebook")
        except AssertionError as exc:  # say what the program did (seen once in CI, not since)
            said.seek(0)
            log = log_file(DataPaths(tmp_path / "data"))
            raise AssertionError(
                f"{exc}; the program {'runs' if first.poll() is None else f'ended: {first.poll()}'}"
                f"; its stderr: {said.read()[-2000:]!r}; its log: "
                f"{log.read_text()[-2000:] if log.exists() else 'none'!r}"
            ) from None
        # WM_CLASS's instance is what StartupWMClass in the .desktop file names; GNOME Shell
        # and KDE match the window to the launcher entry by the desktop id instead.
        assert window in xsession.xdotool("search", "--classname", "^sales-notebook$").split()
        props = subprocess.run(
            ["xprop", "-id", window, "_GTK_APPLICATION_ID", "_KDE_NET_WM_DESKTOP_FILE"],
            env=env, capture_output=True, text=True, timeout=30, check=True,
        ).stdout  # fmt: skip
        assert props.count(f'= "{DESKTOP_ID}"') == 2, props
        deadline = time.monotonic() + 30
        while not show_running_window(DataPaths(tmp_path / "data"), timeout_s=0.2):
            assert time.monotonic() < deadline, "the window never listened for a second start"
        second = run(argv, env)
        assert second.returncode == 0, second.stderr
        assert "brought to the front" in second.stderr
        assert first.poll() is None
    finally:
        first.terminate()
        first.wait(timeout=30)
        said.close()
        xsession.close()


def test_it_holds_what_the_app_uses_and_no_more(bundle: Path) -> None:
    folder = bundle.parent
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    assert size_mb <= GUARD_MB, f"{size_mb:.0f} MB"
    names = " ".join(p.name for p in files)
    unwanted_parts = ("WebEngine", "Qt6Quick", "Qt6Qml", "Qt6Pdf", "pytest", "hypothesis", "mypy")
    # The GTK 3 theme's libraries, left behind by the plugin they served, and numpy's extras.
    leftovers = ("libgtk", "libcairo", "libpango", "libgio", "_pocketfft", "mtrand", "_generator")
    for unwanted in unwanted_parts + leftovers:
        assert unwanted not in names, unwanted
    if sys.platform.startswith("linux"):  # psycopg over the bundled libpq, not psycopg_binary's
        assert not list(folder.glob("_internal/psycopg_binary*"))
        assert (folder / "_internal" / "libpq.so.5").is_file()
    if (folder / "_internal" / "pysqlite3").is_dir():  # one SQLite library: store/sqlite_lib.py
        assert not [p for p in files if p.name.startswith(("libsqlite3", "_sqlite3"))
                    and p.parent.name != "pysqlite3"]  # fmt: skip
    elif sys.platform == "linux" and platform.machine() == "x86_64":
        pytest.fail("pysqlite3's SQLite is missing from the bundle")
    assert (folder / "_internal" / "sales_notebook" / "migrations" / "env.py").exists()


def test_its_own_script_puts_it_in_the_launcher_and_takes_it_out(
    bundle: Path, clean_env: dict[str, str], tmp_path: Path
) -> None:
    script = bundle.parent / "install-desktop.sh"
    env = {**clean_env, "PREFIX": str(tmp_path / "prefix")}
    assert subprocess.run([script], env=env, capture_output=True, timeout=60).returncode == 0
    share = tmp_path / "prefix" / "share"
    entry = share / "applications" / f"{DESKTOP_ID}.desktop"
    assert f'Exec="{bundle}"\n' in entry.read_text("utf-8")
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(entry)]).returncode == 0
    installed = sorted(p.relative_to(share) for p in share.rglob("*") if p.is_file())
    assert Path(f"icons/hicolor/256x256/apps/{DESKTOP_ID}.png") in installed
    assert Path(f"metainfo/{DESKTOP_ID}.metainfo.xml") in installed
    assert len(installed) == 11
    out = subprocess.run([script, "--uninstall"], env=env, capture_output=True, timeout=60)
    assert out.returncode == 0
    assert [p for p in share.rglob("*") if p.is_file()] == []
