"""Values read back from `settings.ini`, which the user (or a crash) may have garbled.

A value that is missing is the default; a value that cannot be used is ignored, the default
is used and a line goes to the log. Nothing in the file can stop the window from opening.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


def _ignored(settings: QSettings, key: str, value: object, why: str) -> None:
    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:59] + "…"
    log.warning("%s: ignored %s = %s (%s); using the default", settings.fileName(), key, shown, why)


def stored_int(settings: QSettings, key: str, default: int, low: int, high: int) -> int:
    """A whole number from `low` to `high`, else `default`."""
    value = settings.value(key)
    if value is None:
        return default
    try:
        number = int(str(value).strip()) if not isinstance(value, bool) else None
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        _ignored(settings, key, value, f"not a whole number from {low} to {high}")
        return default
    return number


def stored_bytes(settings: QSettings, key: str) -> QByteArray | None:
    """A saved geometry or state (Qt writes them as @ByteArray), else None."""
    value = settings.value(key)
    if value is None or isinstance(value, QByteArray):
        return value
    _ignored(settings, key, value, "not a saved layout")
    return None


def restore(settings: QSettings, key: str, apply: Callable[[QByteArray], bool]) -> bool:
    """Apply a saved geometry or state with `apply` (restoreGeometry, restoreState...);
    False, and a line in the log, when there is none or Qt cannot use it."""
    value = stored_bytes(settings, key)
    if value is None:
        return False
    if not apply(value):
        _ignored(settings, key, value, "Qt could not restore it")
        return False
    return True


def restore_geometry(settings: QSettings, key: str, window: QWidget, least: QSize) -> bool:
    """Restore a window's saved size and place; False (and logged) when there is none, Qt
    cannot read it, or it would give a window smaller than `least` or off every screen."""
    if not restore(settings, key, window.restoreGeometry):
        return False
    problem = unusable(window, least)
    if problem:
        _ignored(settings, key, f"{window.width()}x{window.height()}", problem)
        return False
    return True


def unusable(window: QWidget, least: QSize) -> str | None:
    """Why a window restored from saved bytes cannot be used (too small, off every screen)."""
    frame = window.frameGeometry()
    screens = [screen.availableGeometry() for screen in QGuiApplication.screens()]
    if window.width() < least.width() or window.height() < least.height():
        return "a window too small to use"
    if screens and not any(area.intersects(frame) for area in screens):
        return "a window off every screen"
    return None
