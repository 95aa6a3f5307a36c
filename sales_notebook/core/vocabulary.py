"""The salesperson's words, as closed sets of values stored in the notebook."""

from __future__ import annotations

from enum import StrEnum


class DecisionRole(StrEnum):
    DECISION_MAKER = "decision_maker"
    ECONOMIC_BUYER = "economic_buyer"
    CHAMPION = "champion"
    TECHNICAL_EVALUATOR = "technical_evaluator"
    USER = "user"
    INFLUENCER = "influencer"
    GATEKEEPER = "gatekeeper"
    BLOCKER = "blocker"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return _LABELS[self]


class Attitude(StrEnum):
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    SKEPTIC = "skeptic"
    OPPONENT = "opponent"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Coverage(StrEnum):
    NO_CONTACT = "no_contact"
    BRIEF = "brief"
    MULTIPLE = "multiple"
    IN_DEPTH = "in_depth"

    @property
    def label(self) -> str:
        return _LABELS[self]


class LinkKind(StrEnum):
    REPORTS_TO = "reports_to"
    INFLUENCES = "influences"


class Outcome(StrEnum):
    WON = "won"
    ADVANCED = "advanced"
    STALLED = "stalled"
    LOST = "lost"
    NO_DECISION = "no_decision"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def went_badly(self) -> bool:
        """True for outcomes that call for a post-mortem."""
        return self in (Outcome.STALLED, Outcome.LOST, Outcome.NO_DECISION)


class MarkerKind(StrEnum):
    """Markers in the order of their Ctrl+1 ... Ctrl+9 shortcuts."""

    NEXT_STEP = "next_step"
    OBJECTION = "objection"
    RISK = "risk"
    BUDGET = "budget"
    TIMELINE = "timeline"
    DECISION_PROCESS = "decision_process"
    DECISION_MAKER = "decision_maker"
    COMPETITOR = "competitor"
    PAIN = "pain"

    @property
    def label(self) -> str:
        return _MARKER_LABELS[self]


class Knowledge(StrEnum):
    """How much is known about one qualification field."""

    UNKNOWN = "unknown"
    PARTIAL = "partial"
    KNOWN = "known"


_LABELS: dict[StrEnum, str] = {
    DecisionRole.DECISION_MAKER: "Decision maker",
    DecisionRole.ECONOMIC_BUYER: "Economic buyer",
    DecisionRole.CHAMPION: "Champion",
    DecisionRole.TECHNICAL_EVALUATOR: "Technical evaluator",
    DecisionRole.USER: "User",
    DecisionRole.INFLUENCER: "Influencer",
    DecisionRole.GATEKEEPER: "Gatekeeper",
    DecisionRole.BLOCKER: "Blocker",
    DecisionRole.UNKNOWN: "Unknown role",
    Coverage.NO_CONTACT: "No contact",
    Coverage.BRIEF: "Brief",
    Coverage.MULTIPLE: "Multiple contacts",
    Coverage.IN_DEPTH: "In depth",
    Outcome.WON: "Won",
    Outcome.ADVANCED: "Advanced",
    Outcome.STALLED: "Stalled",
    Outcome.LOST: "Lost",
    Outcome.NO_DECISION: "No decision",
}
# A dict of its own: StrEnums hash by value, and MarkerKind.DECISION_MAKER would otherwise
# overwrite DecisionRole.DECISION_MAKER's label.
_MARKER_LABELS: dict[StrEnum, str] = {
    MarkerKind.NEXT_STEP: "Next step",
    MarkerKind.OBJECTION: "Objection",
    MarkerKind.RISK: "Risk",
    MarkerKind.BUDGET: "Budget",
    MarkerKind.TIMELINE: "Timeline",
    MarkerKind.DECISION_PROCESS: "Decision process",
    MarkerKind.DECISION_MAKER: "Decision maker mentioned",
    MarkerKind.COMPETITOR: "Competitor",
    MarkerKind.PAIN: "Pain",
}

ROOT_CAUSE_IDS: tuple[str, ...] = (
    "no-boundaries",
    "missed-boss",
    "avoided-hard-talk",
    "wrong-priority",
    "no-insight",
    "product-pitch",
    "no-discovery",
    "no-next-step",
    "slow-decision",
    "brand-trust",
    "poor-listening",
    "no-urgency",
    "no-value-case",
    "no-preparation",
)
"""The default root causes shipped with the notebook (the user may add more)."""
