"""The launcher entry, icons and metainfo: valid, one app id everywhere, installed and removed
exactly; the entry points a Windows user needs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from sales_notebook import APP_ID
from tests.packaging.conftest import ROOT

PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))
import desktop_integration  # noqa: E402

# AppStream asks for a reverse-DNS id; ours is the package's name on purpose (one id
# everywhere). Everything else it checks stays an error or a warning.
APPSTREAM_OVERRIDE = "--override=cid-desktopapp-is-not-rdns=info"


def validator(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"needs {tool} (make test installs it when run as root)")
    return path


def test_one_app_id_everywhere(qapp) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["name"] == APP_ID
    assert (PACKAGING / f"{APP_ID}.desktop").exists()
    meta = ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == f"{APP_ID}.desktop"
    entry = (PACKAGING / f"{APP_ID}.desktop").read_text("utf-8")
    assert f"Icon={APP_ID}\n" in entry and f"StartupWMClass={APP_ID}\n" in entry
    from sales_notebook.ui.app import make_application

    assert make_application().desktopFileName() == APP_ID  # the window groups under it


def test_the_metainfo_has_screenshots_a_release_and_a_content_rating() -> None:
    meta = ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()
    images = [i.text or "" for i in meta.iter("image")]
    assert images and all(i.startswith("https://") and i.endswith(".png") for i in images)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    releases = [r.get("version") for r in meta.iter("release")]
    assert project["version"] in releases
    assert meta.find("content_rating") is not None


def test_the_files_pass_the_validators() -> None:
    desktop = subprocess.run(
        [validator("desktop-file-validate"), str(PACKAGING / f"{APP_ID}.desktop")],
        capture_output=True,
        text=True,
    )
    assert desktop.returncode == 0 and not desktop.stdout.strip(), desktop.stdout
    appstream = subprocess.run(
        [validator("appstreamcli"), "validate", "--no-net", APPSTREAM_OVERRIDE,
         str(PACKAGING / f"{APP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert appstream.returncode == 0, appstream.stdout


def test_install_then_uninstall_leaves_nothing_behind(tmp_path: Path, qapp) -> None:
    prefix = tmp_path / "prefix"
    program = "/opt/sales notebook/sales-notebook"  # the bundle, where a seller unpacked it
    written = desktop_integration.install(prefix, program)
    assert sorted(written) == sorted(p for p in prefix.rglob("*") if p.is_file())
    entry = prefix / "share" / "applications" / f"{APP_ID}.desktop"
    assert f'Exec="{program}"\n' in entry.read_text("utf-8")
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(entry)]).returncode == 0
    for size in desktop_integration.SIZES:
        png = prefix / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not blank
    (prefix / "share" / "applications" / "other.desktop").write_text("[Desktop Entry]\n")
    assert sorted(desktop_integration.uninstall(prefix)) == sorted(written)
    assert [p.name for p in prefix.rglob("*") if p.is_file()] == ["other.desktop"]


def test_the_command_line_is_a_console_program_and_the_window_has_a_gui_launcher() -> None:
    # On Windows a gui-script has no console: export, check and search would print nothing.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["scripts"][APP_ID] == "sales_notebook.cli:main"
    assert project["gui-scripts"][f"{APP_ID}-gui"] == "sales_notebook.cli:main"
    assert APP_ID not in project["gui-scripts"]
    spec = (PACKAGING / f"{APP_ID}.spec").read_text("utf-8")
    assert "program(APP_ID, console=True)" in spec
    assert 'program(f"{APP_ID}-gui", console=False)' in spec
