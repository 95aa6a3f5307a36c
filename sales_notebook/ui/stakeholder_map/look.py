"""How the map shows roles, attitudes and coverage: colours, with a word or a symbol beside
every colour so the map still reads in greyscale, on a washed-out projector or to a
colour-blind director."""

from __future__ import annotations

from PySide6.QtGui import QColor

from sales_notebook.core.vocabulary import Attitude, Coverage, DecisionRole

INK = QColor("#1f2933")
MUTED = QColor("#52606d")
CARD_FILL = QColor("#ffffff")
CANVAS = QColor("#f4f6f8")
GAP_FILL = QColor("#fff8e1")
GAP_INK = QColor("#8a5a00")
WARNING = QColor("#d9480f")
WARNING_FILL = QColor("#fff4e6")  # a coverage warning's card beside the map
WARNING_INK = QColor("#a3360b")
FOCUS = QColor("#1c7ed6")
REPORTS_TO = QColor("#52606d")
INFLUENCES = QColor("#7048e8")

ATTITUDE_COLOURS = {
    Attitude.SUPPORTER: QColor("#2b8a3e"),
    Attitude.NEUTRAL: QColor("#5c7cfa"),
    Attitude.SKEPTIC: QColor("#e67700"),
    Attitude.OPPONENT: QColor("#c92a2a"),
    Attitude.UNKNOWN: QColor("#adb5bd"),
}
# Shapes differ as well as colours: up for support, down for doubt, a cross for opposition.
ATTITUDE_SYMBOLS = {
    Attitude.SUPPORTER: "▲",
    Attitude.NEUTRAL: "◆",
    Attitude.SKEPTIC: "▼",
    Attitude.OPPONENT: "✖",
    Attitude.UNKNOWN: "?",
}

ROLE_COLOURS = {
    DecisionRole.DECISION_MAKER: QColor("#1b1f5e"),
    DecisionRole.ECONOMIC_BUYER: QColor("#1b1f5e"),
    DecisionRole.CHAMPION: QColor("#087f5b"),
    DecisionRole.TECHNICAL_EVALUATOR: QColor("#1864ab"),
    DecisionRole.USER: QColor("#5f3dc4"),
    DecisionRole.INFLUENCER: QColor("#862e9c"),
    DecisionRole.GATEKEEPER: QColor("#495057"),
    DecisionRole.BLOCKER: QColor("#a61e4d"),
    DecisionRole.UNKNOWN: QColor("#868e96"),
}
# The deciding roles wear a crown-like mark so they stand out even at a glance.
ROLE_MARKS = {DecisionRole.DECISION_MAKER: "★ ", DecisionRole.ECONOMIC_BUYER: "★ "}

# Share of a small pie filled for each level of coverage.
COVERAGE_FILL = {
    Coverage.NO_CONTACT: 0.0,
    Coverage.BRIEF: 1 / 3,
    Coverage.MULTIPLE: 2 / 3,
    Coverage.IN_DEPTH: 1.0,
}


_LIGHT = {name: QColor(value) for name, value in globals().items() if isinstance(value, QColor)}
_LIGHT_ATTITUDES: dict[Attitude, QColor] = {k: QColor(v) for k, v in ATTITUDE_COLOURS.items()}
_LIGHT_ROLES: dict[DecisionRole, QColor] = {k: QColor(v) for k, v in ROLE_COLOURS.items()}
# The same hues on a dark canvas: the surfaces swap, the inks lighten.
_DARK = {
    "INK": QColor("#e6e9ec"),
    "MUTED": QColor("#9aa5b1"),
    "CARD_FILL": QColor("#1d2126"),
    "CANVAS": QColor("#15181c"),
    "GAP_FILL": QColor("#3a2f12"),
    "GAP_INK": QColor("#ffd43b"),
    "WARNING": QColor("#ff8a4c"),
    "WARNING_FILL": QColor("#2e2014"),
    "WARNING_INK": QColor("#ffa94d"),
    "FOCUS": QColor("#4dabf7"),
    "REPORTS_TO": QColor("#9aa5b1"),
    "INFLUENCES": QColor("#b197fc"),
}


def _on_dark(colour: QColor) -> QColor:
    """The colour lightened until it reads on the dark card (HSL lightness >= 65 %)."""
    return QColor.fromHslF(
        colour.hslHueF(), colour.hslSaturationF(), max(colour.lightnessF(), 0.65), 1.0
    )


_dark = False


def is_dark() -> bool:
    """Whether the map's colours are the dark theme's."""
    return _dark


def use_dark(dark: bool) -> None:
    """Switch the map's colours to the dark or light theme (the map repaints after)."""
    global _dark
    _dark = dark
    values = _DARK if dark else _LIGHT
    for name, colour in values.items():
        globals()[name] = QColor(colour)
    for mood, colour in _LIGHT_ATTITUDES.items():
        ATTITUDE_COLOURS[mood] = _on_dark(colour) if dark else QColor(colour)
    for part, shade in _LIGHT_ROLES.items():
        ROLE_COLOURS[part] = _on_dark(shade) if dark else QColor(shade)


def attitude(value: str) -> Attitude:
    """The attitude, tolerating a value written by a newer version."""
    try:
        return Attitude(value)
    except ValueError:
        return Attitude.UNKNOWN


def role(value: str) -> DecisionRole:
    """The decision role, tolerating a value written by a newer version."""
    try:
        return DecisionRole(value)
    except ValueError:
        return DecisionRole.UNKNOWN


def coverage(value: str) -> Coverage:
    """The coverage level, tolerating a value written by a newer version."""
    try:
        return Coverage(value)
    except ValueError:
        return Coverage.NO_CONTACT


def role_badge(value: DecisionRole) -> str:
    """The badge text: 'Unknown role' reads as a question on the card."""
    if value == DecisionRole.UNKNOWN:
        return "Role?"
    return ROLE_MARKS.get(value, "") + value.label
