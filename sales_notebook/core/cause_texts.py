"""The words the suggester reads besides the notes: each root cause's name, question and
prompt, and the seller's past lessons.

The default causes mirror the rows migration 0002 inserts (PRODUCT.md's table); the user
may add or reword causes, and the suggester then reads the user's words instead.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CauseText:
    """One root cause as the seller reads it."""

    id: str
    name: str
    question: str
    prompt: str

    @property
    def description(self) -> str:
        """Everything the taxonomy says about the cause, as one text."""
        return f"{self.name}. {self.question} {self.prompt}"


@dataclass(frozen=True)
class PastLesson:
    """A lesson the seller wrote and tagged earlier, as the suggester reads it."""

    id: int
    title: str
    text: str  # its words, and the call's notes if any
    causes: tuple[str, ...]


DEFAULT_CAUSES: tuple[CauseText, ...] = (
    CauseText(
        "no-boundaries",
        "No boundaries",
        "Did you propose a concrete starting option?",
        "Open with “We propose you start with…” and two or three defined choices",
    ),
    CauseText(
        "missed-boss",
        "Missed the boss",
        "Do you know who makes the final decision, and did you reach them?",
        "Ask who else decides and how decisions like this get made",
    ),
    CauseText(
        "avoided-hard-talk",
        "Avoided hard talk",
        "Did you discuss risks, failure and what happens if things go wrong?",
        "Raise how a failure would be handled, before they ask",
    ),
    CauseText(
        "wrong-priority",
        "Wrong priority",
        "Do you know where this ranks among their priorities?",
        "Ask where this sits; aim for a credible number three",
    ),
    CauseText(
        "no-insight",
        "No insight",
        "Did you bring an idea they had not considered?",
        "Bring one idea about what should keep them awake",
    ),
    CauseText(
        "product-pitch",
        "Product pitch",
        "Was most of the call about their situation rather than your product?",
        "Talk about their goals before your product",
    ),
    CauseText(
        "no-discovery",
        "No discovery",
        "Did you ask what they want, rather than assume?",
        "Ask what they want, and listen",
    ),
    CauseText(
        "no-next-step",
        "No next step",
        "Did you agree a dated next step?",
        "Leave with a dated next step",
    ),
    CauseText(
        "slow-decision",
        "Not ready to move fast",
        "Did you help them prepare to move fast once they decide?",
        "Offer the resources that let them move fast",
    ),
    CauseText(
        "brand-trust",
        "Lost on familiarity",
        "Did you address the decision maker’s need for safety and legitimacy?",
        "Bring references and a case study for the non-technical buyer",
    ),
    CauseText(
        "poor-listening",
        "Talked more than listened",
        "Did they talk more than you did?",
        "Ask, then stop talking; summarise what you heard",
    ),
    CauseText(
        "no-urgency",
        "No reason to act now",
        "Is there a dated event that makes them act?",
        "Find the compelling event and its date",
    ),
    CauseText(
        "no-value-case",
        "Price without value",
        "Did you put a number on what the problem costs them?",
        "Quantify the cost of doing nothing before you name a price",
    ),
    CauseText(
        "no-preparation",
        "Unprepared",
        "Did you research the account and the people before the call?",
        "Spend ten minutes on the account and the attendees first",
    ),
)
"""The 14 default causes, in the taxonomy's order."""
