"""Screenshots of the real app under Xvfb: every pane, the wizard, compact mode, the first run.

Starts `python -m sales_notebook` on a demo notebook (and once on an empty one) at 1440x900
and 1024x640, in the light and the dark theme, drives it with xdotool as a user would, and
saves one PNG per view into a folder. Look at every one.

    .venv/bin/python bench/screens.py [--out screens] [--sizes 1440x900,1024x640]

Needs Xvfb and xdotool (`make system-deps` installs them as root).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.xsession import start_xvfb  # noqa: E402  (the e2e tests' Xvfb start)

TITLE = "Sales Notebook"
SCREEN = "1440x900x24"


class Display:
    """Xvfb on a free display number (-displayfd), big enough for the largest size."""

    def __init__(self) -> None:
        self.proc, number = start_xvfb(SCREEN)
        self.pid: int | None = None
        self.size = (1440, 900)
        self.env = {
            **os.environ,
            "DISPLAY": f":{number}",
            "QT_QPA_PLATFORM": "xcb",
            "PYTHONPATH": str(ROOT),
        }

    def xdo(self, *args: str) -> str:
        out = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=20
        )
        return out.stdout.strip()

    def window(self, title: str = TITLE, timeout: float = 40) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.xdo("search", "--onlyvisible", "--name", f"^{title}")
            if found:
                return found.splitlines()[-1]
            time.sleep(0.2)
        raise RuntimeError(f"no window titled {title!r}")

    def focus_top(self) -> None:
        """No window manager: give the keyboard to the app's newest window (a dialog)."""
        if self.pid is None:
            return
        found = self.xdo("search", "--onlyvisible", "--pid", str(self.pid)).splitlines()
        if found:
            self.xdo("windowfocus", "--sync", found[-1])

    def keys(self, *keys: str, pause: float = 0.6) -> None:
        for key in keys:
            self.focus_top()
            self.xdo("key", "--clearmodifiers", key)
            time.sleep(0.2)
        time.sleep(pause)

    def type(self, text: str) -> None:
        self.focus_top()
        self.xdo("type", "--delay", "20", text)
        time.sleep(0.4)

    def click(self, x: int, y: int) -> None:
        self.xdo("mousemove", str(x), str(y))
        self.xdo("click", "1")
        time.sleep(0.6)

    def shot(self, target: Path) -> None:
        code = (
            "import sys; from PySide6.QtGui import QGuiApplication; "
            "app = QGuiApplication(sys.argv); "
            f"app.primaryScreen().grabWindow(0, 0, 0, {self.size[0]}, {self.size[1]})"
            f".save({str(target)!r})"
        )
        subprocess.run([sys.executable, "-c", code], env=self.env, check=True, timeout=30)
        print(f"  {target.name}")

    def close(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=10)


def settings_for(data: Path, theme: str) -> None:
    """The theme the app starts in (View ▸ Theme writes the same key)."""
    from PySide6.QtCore import QSettings

    from sales_notebook.paths import DataPaths

    settings = QSettings(str(DataPaths(data).settings), QSettings.Format.IniFormat)
    settings.setValue("view/theme", theme)
    settings.remove("window/geometry")
    settings.sync()


def start(display: Display, data: Path, size: tuple[int, int]) -> tuple[subprocess.Popen, str]:
    app = subprocess.Popen(
        [sys.executable, "-m", "sales_notebook", "--data-dir", str(data)],
        env=display.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    display.pid = app.pid
    display.size = size
    window = display.window()
    display.xdo("windowmove", window, "0", "0")
    display.xdo("windowsize", window, str(size[0]), str(size[1]))
    display.xdo("mousemove", "--window", window, "300", "300")
    display.xdo("windowfocus", "--sync", window)
    time.sleep(8.0)  # the panes build after the first paint (slow on a busy machine)
    return app, window


def stop(display: Display, app: subprocess.Popen) -> None:
    display.keys("ctrl+q", pause=1.0)
    try:
        app.wait(timeout=15)
    except subprocess.TimeoutExpired:
        app.kill()
        app.wait()


def tour(display: Display, out: Path, tag: str, size: tuple[int, int], data: Path) -> None:
    """Every pane on the demo, a live call, compact mode, the review and the wizard."""
    app, _ = start(display, data, size)
    try:
        display.click(120, 98)  # the first account's deal in the sidebar
        time.sleep(1.5)
        for key, name in (("alt+1", "map"), ("alt+3", "review"), ("alt+4", "lessons")):
            display.keys(key, pause=1.2)
            display.shot(out / f"{tag}-{name}.png")
        display.keys("alt+k", pause=1.2)
        display.shot(out / f"{tag}-chart.png")
        display.keys("F1", pause=1.0)
        display.shot(out / f"{tag}-shortcuts.png")
        display.keys("Escape")
        display.keys("ctrl+n", pause=1.0)
        display.shot(out / f"{tag}-new-call.png")
        display.keys("Return", pause=1.5)
        display.type("Budget owner is Grace; pilot in March. @gr")
        display.keys("Return", "Return")
        display.type("Send the proposal by Friday ")
        display.keys("ctrl+1", pause=1.5)
        display.shot(out / f"{tag}-live.png")
        display.keys("ctrl+shift+m", pause=1.2)
        display.shot(out / f"{tag}-compact.png")
        display.keys("ctrl+shift+m", pause=1.0)
        display.keys("ctrl+e", pause=1.5)
        for _ in range(4):
            display.keys("Down", pause=0.2)
        display.keys("Return", pause=1.0)
        display.shot(out / f"{tag}-review-after-call.png")
        display.keys("Return", pause=1.5)  # take the post-mortem offer
        for page in range(1, 6):
            display.shot(out / f"{tag}-wizard-{page}.png")
            display.keys("alt+n", pause=1.0)
        display.keys("Escape", pause=1.0)
    finally:
        stop(display, app)


def first_run(display: Display, out: Path, tag: str, size: tuple[int, int], data: Path) -> None:
    app, _ = start(display, data, size)
    try:
        display.shot(out / f"{tag}-first-run.png")
    finally:
        stop(display, app)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screens"))
    parser.add_argument("--sizes", default="1440x900,1024x640")
    parser.add_argument("--themes", default="light,dark")
    args = parser.parse_args()
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        sys.exit(f"needs {' and '.join(missing)}: run `make system-deps` as root")
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.sizes.split(",")]
    display = Display()
    try:
        for theme in args.themes.split(","):
            for width, height in sizes:
                tag = f"{width}x{height}-{theme}"
                print(tag)
                with tempfile.TemporaryDirectory() as tmp:
                    demo, empty = Path(tmp) / "demo", Path(tmp) / "empty"
                    subprocess.run(
                        [sys.executable, "-m", "sales_notebook", "demo", "--data-dir", str(demo)],
                        env=display.env, check=True, stdout=subprocess.DEVNULL,
                    )  # fmt: skip
                    settings_for(demo, theme)
                    settings_for(empty, theme)
                    tour(display, args.out, tag, (width, height), demo)
                    first_run(display, args.out, tag, (width, height), empty)
    finally:
        display.close()
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()
