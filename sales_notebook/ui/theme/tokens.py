"""The design tokens: two palettes built from the stakeholder map's colours, and a type scale.

The map was the one part that looked finished (ink on a cool canvas, white cards, one blue
for focus), so the whole app takes its colours from it. Dark keeps the same hues, lightened
where they sit on a dark surface so text keeps a contrast of 4.5:1 or more.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Mode(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class Palette:
    dark: bool
    window: str  # the app's background (the map's canvas)
    surface: str  # lists, editors, cards
    surface_alt: str  # alternate rows, hover, panels
    border: str
    text: str
    muted: str
    accent: str  # focus, selection, the primary button
    accent_text: str  # text on the accent
    warning: str
    danger: str
    success: str
    # The notes editor's Markdown colours: each at least 4.5:1 on `surface` (WCAG AA).
    syntax_heading: str
    syntax_list: str
    syntax_code: str
    syntax_marker: str
    syntax_mention: str


LIGHT = Palette(
    dark=False,
    window="#f4f6f8",
    surface="#ffffff",
    surface_alt="#eef1f4",
    border="#d5dbe1",
    text="#1f2933",
    muted="#52606d",
    accent="#1971c2",  # 5.0:1 on white and under white text (AA)
    accent_text="#ffffff",
    warning="#b54708",
    danger="#c92a2a",
    success="#2b8a3e",
    syntax_heading="#1f4e79",
    syntax_list="#b35900",
    syntax_code="#6a1b9a",
    syntax_marker="#0b7a3e",
    syntax_mention="#005fb8",
)

DARK = Palette(
    dark=True,
    window="#15181c",
    surface="#1d2126",
    surface_alt="#262b31",
    border="#363d45",
    text="#e6e9ec",
    muted="#9aa5b1",
    accent="#4dabf7",
    accent_text="#0b1a2a",
    warning="#ffa94d",
    danger="#ff8787",
    success="#69db7c",
    syntax_heading="#a5d8ff",
    syntax_list="#ffa94d",
    syntax_code="#e599f7",
    syntax_marker="#69db7c",
    syntax_mention="#74c0fc",
)

# Multiples of the base font: one step between levels, so the hierarchy reads at a glance.
BASE_POINTS = 10.5  # at least this, whatever the system's default
SCALE = {"small": 0.9, "body": 1.0, "title": 1.2, "heading": 1.45}
SPACING = 8  # the grid every margin and gap is a multiple of
RADIUS = 6


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a `#rrggbb` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fore: str, back: str) -> float:
    """WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21)."""
    light, dark = sorted((luminance(fore), luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
