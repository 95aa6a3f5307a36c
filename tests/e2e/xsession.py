"""A throwaway X display (Xvfb) and the real program on it, driven with xdotool."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def require_tools() -> None:
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {' and '.join(missing)} (make test installs them when run as root)")


def start_xvfb(screen: str) -> tuple[subprocess.Popen[bytes], str]:
    """Xvfb on a free display number (-displayfd: never assume :99, others run Xvfb too),
    with one screen of `screen` ("WxHxDEPTH"); returns the process and its number."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        xvfb.kill()
        raise RuntimeError("Xvfb did not start")
    return xvfb, number


class XSession:
    """Xvfb on a free display; `env` runs Qt programs on it with the xcb platform."""

    def __init__(self) -> None:
        self.xvfb, number = start_xvfb("1280x800x24")
        self.display = f":{number}"
        self.env = {
            **os.environ,
            "DISPLAY": self.display,
            "QT_QPA_PLATFORM": "xcb",
            "PYTHONPATH": str(ROOT),
        }

    def xdotool(self, *args: str, timeout: float = 20) -> str:
        out = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )
        return out.stdout.strip()

    def wait_window(self, title: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.xdotool("search", "--onlyvisible", "--name", f"^{title}$")
            if found:
                return found.splitlines()[-1]
            time.sleep(0.1)
        raise AssertionError(f"no window titled {title!r} after {timeout} s")

    def focus(self, window: str) -> None:
        # No window manager: point at the window and give it the input focus ourselves.
        self.xdotool("mousemove", "--window", window, "200", "120")
        self.xdotool("windowfocus", "--sync", window)

    def screenshot(self, target: Path) -> Path:
        code = (
            "import sys; from PySide6.QtGui import QGuiApplication; "
            "app = QGuiApplication(sys.argv); "
            f"app.primaryScreen().grabWindow(0).save({str(target)!r})"
        )
        subprocess.run([sys.executable, "-c", code], env=self.env, check=True, timeout=30)
        return target

    def close(self) -> None:
        self.xvfb.send_signal(signal.SIGTERM)
        self.xvfb.wait(timeout=10)
