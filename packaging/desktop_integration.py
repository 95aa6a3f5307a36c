"""Install the notebook into the desktop's launcher, for this user, or take it out again.

    python packaging/desktop_integration.py install [--prefix DIR] [--exec COMMAND]
    python packaging/desktop_integration.py uninstall [--prefix DIR]

Installs, under PREFIX (default ~/.local): the .desktop file, the icon (the SVG, and PNGs in
the hicolor sizes rendered from it with QSvgRenderer) and the AppStream metainfo, all named by
the reverse-DNS desktop id. Uninstall removes exactly those files (and those the first version
installed under the name sales-notebook). No cache is written: launchers watch these folders,
and the entry declares no MIME type for update-desktop-database to index.
`make install-desktop` / `make uninstall-desktop` run this.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
from pathlib import Path

# As sales_notebook.APP_ID and DESKTOP_ID; packaging/ must not need the package.
APP_ID = "sales-notebook"
DESKTOP_ID = "org.salesnotebook.SalesNotebook"
HERE = Path(__file__).resolve().parent
SVG = HERE.parent / "resources" / f"{APP_ID}.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def installed_files(prefix: Path, name: str = DESKTOP_ID) -> list[Path]:
    """Every file `install` writes under `prefix`, and `uninstall` removes."""
    share = prefix / "share"
    icons = share / "icons" / "hicolor"
    return [
        share / "applications" / f"{name}.desktop",
        share / "metainfo" / f"{name}.metainfo.xml",
        icons / "scalable" / "apps" / f"{name}.svg",
        *(icons / f"{n}x{n}" / "apps" / f"{name}.png" for n in SIZES),
    ]


def earlier_files(prefix: Path) -> list[Path]:
    """What version 0.1.0 before the reverse-DNS id installed: one launcher entry, not two."""
    return [path for path in installed_files(prefix, APP_ID) if path.exists()]


def render_png(svg: Path, size: int, target: Path) -> None:
    """The SVG drawn on a transparent size x size PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"could not write {target}")


def desktop_entry(command: str) -> str:
    """The .desktop file with Exec set to `command` (a path with spaces is quoted)."""
    text = (HERE / f"{DESKTOP_ID}.desktop").read_text("utf-8")
    # The Desktop Entry spec quotes an argument with double quotes, and escapes \ " ` $ inside
    # them with a backslash, itself written \\ in the file.
    if shlex.quote(command) != command:
        escaped = "".join("\\\\" + c if c in '\\"`$' else c for c in command)
        command = f'"{escaped}"'
    exec_value = command
    return text.replace(f"Exec={APP_ID}\n", f"Exec={exec_value}\n")


def install(prefix: Path, command: str) -> list[Path]:
    for path in earlier_files(prefix):
        path.unlink()
    files = installed_files(prefix)
    desktop, metainfo, svg, *pngs = files
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
    desktop.write_text(desktop_entry(command), "utf-8")
    shutil.copyfile(HERE / f"{DESKTOP_ID}.metainfo.xml", metainfo)
    shutil.copyfile(SVG, svg)
    for size, png in zip(SIZES, pngs, strict=True):
        render_png(SVG, size, png)
    return files


def uninstall(prefix: Path) -> list[Path]:
    removed = [path for path in installed_files(prefix) if path.exists()] + earlier_files(prefix)
    for path in removed:
        path.unlink()
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["install", "uninstall"])
    parser.add_argument("--prefix", type=Path, default=Path.home() / ".local")
    parser.add_argument(
        "--exec",
        dest="command",
        default=APP_ID,
        help="what the launcher runs (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    if args.action == "install":
        for path in install(args.prefix, args.command):
            print(f"installed {path}")
    else:
        for path in uninstall(args.prefix):
            print(f"removed {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
