"""The launcher entry, icons and metainfo: valid, one app id everywhere, installed and removed
exactly; the entry points a Windows user needs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from sales_notebook import APP_ID, DESKTOP_ID
from tests.packaging.conftest import ROOT

PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))
import desktop_integration  # noqa: E402

DESKTOP = PACKAGING / f"{DESKTOP_ID}.desktop"
METAINFO = PACKAGING / f"{DESKTOP_ID}.metainfo.xml"


def validator(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"needs {tool} (make test installs it when run as root)")
    return path


def test_one_app_id_everywhere(qapp) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["name"] == APP_ID  # the command and the data folder
    assert re.fullmatch(r"[a-z]+(\.[a-z0-9]+)+\.[A-Za-z][A-Za-z0-9]*", DESKTOP_ID)  # reverse DNS
    assert desktop_integration.DESKTOP_ID == DESKTOP_ID
    assert desktop_integration.APP_ID == APP_ID
    assert sorted(p.name for p in PACKAGING.glob("*.desktop")) == [DESKTOP.name]
    assert sorted(p.name for p in PACKAGING.glob("*.metainfo.xml")) == [METAINFO.name]
    meta = ET.parse(METAINFO).getroot()
    assert meta.findtext("id") == DESKTOP_ID
    assert meta.findtext("launchable") == DESKTOP.name
    entry = DESKTOP.read_text("utf-8")
    assert f"Icon={DESKTOP_ID}\n" in entry
    # X11's WM_CLASS instance is the program's name; GNOME and KDE read the desktop id instead.
    assert f"StartupWMClass={APP_ID}\n" in entry
    from sales_notebook.ui.app import make_application

    assert make_application().desktopFileName() == DESKTOP_ID  # the window groups under it
    script = (PACKAGING / "install-desktop.sh").read_text("utf-8")
    assert f"/applications/{DESKTOP_ID}.desktop" in script


def test_the_metainfo_names_the_license_and_no_address_that_is_not_the_projects() -> None:
    """No license is declared and no public address is known: the metainfo invents neither."""
    meta = ET.parse(METAINFO).getroot()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    declared = project.get("license")
    expected = declared if isinstance(declared, str) else "LicenseRef-proprietary"
    assert meta.findtext("project_license") == expected
    urls = [u.text for u in meta.iter("url")] + [i.text for i in meta.iter("image")]
    assert set(urls) <= set(project.get("urls", {}).values()), urls
    assert all((u or "").startswith("https://") for u in urls)


def test_the_metainfo_has_a_release_and_a_content_rating() -> None:
    meta = ET.parse(METAINFO).getroot()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    releases = [r.get("version") for r in meta.iter("release")]
    assert project["version"] in releases
    assert meta.find("content_rating") is not None


def test_the_files_pass_the_validators() -> None:
    desktop = subprocess.run(
        [validator("desktop-file-validate"), str(DESKTOP)],
        capture_output=True,
        text=True,
    )
    assert desktop.returncode == 0 and not desktop.stdout.strip(), desktop.stdout
    appstream = subprocess.run(
        [validator("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert appstream.returncode == 0, appstream.stdout
    # Nothing lowered: no warning (its one pedantic note is the id's capitals, as GNOME's own).
    assert "W:" not in appstream.stdout and "I:" not in appstream.stdout, appstream.stdout


def test_install_then_uninstall_leaves_nothing_behind(tmp_path: Path, qapp) -> None:
    prefix = tmp_path / "prefix"
    program = "/opt/sales notebook/sales-notebook"  # the bundle, where a seller unpacked it
    # What the first version installed under the old id goes: one launcher entry, not two.
    earlier = desktop_integration.installed_files(prefix, APP_ID)
    for path in earlier[:3]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("old")
    written = desktop_integration.install(prefix, program)
    assert not any(path.exists() for path in earlier)
    assert sorted(written) == sorted(p for p in prefix.rglob("*") if p.is_file())
    entry = prefix / "share" / "applications" / f"{DESKTOP_ID}.desktop"
    assert f'Exec="{program}"\n' in entry.read_text("utf-8")
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(entry)]).returncode == 0
    for size in desktop_integration.SIZES:
        png = prefix / "share/icons/hicolor" / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png"
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
