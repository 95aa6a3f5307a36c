"""Qualification checklists (MEDDPICC, BANT): which fields a deal is qualified on."""

from __future__ import annotations

from dataclasses import dataclass

from sales_notebook.core.vocabulary import Knowledge

DEFAULT_FRAMEWORK = "meddpicc"


@dataclass(frozen=True)
class ChecklistField:
    key: str
    label: str
    question: str


@dataclass(frozen=True)
class Framework:
    key: str
    name: str
    fields: tuple[ChecklistField, ...]

    def field(self, key: str) -> ChecklistField | None:
        """The field with this key, or None if the framework has no such field."""
        return next((f for f in self.fields if f.key == key), None)


FRAMEWORKS: dict[str, Framework] = {
    "meddpicc": Framework(
        "meddpicc",
        "MEDDPICC",
        (
            ChecklistField("metrics", "Metrics", "What number will prove this worked for them?"),
            ChecklistField("economic_buyer", "Economic buyer", "Who owns the budget and signs?"),
            ChecklistField(
                "decision_criteria", "Decision criteria", "What will they judge the options on?"
            ),
            ChecklistField(
                "decision_process", "Decision process", "Which steps and people lead to a yes?"
            ),
            ChecklistField(
                "paper_process", "Paper process", "Legal, security, procurement: how long?"
            ),
            ChecklistField("identify_pain", "Identify pain", "What hurts, and what does it cost?"),
            ChecklistField("champion", "Champion", "Who sells for you when you are not there?"),
            ChecklistField("competition", "Competition", "Who else, including doing nothing?"),
        ),
    ),
    "bant": Framework(
        "bant",
        "BANT",
        (
            ChecklistField("budget", "Budget", "Is money set aside, and how much?"),
            ChecklistField("authority", "Authority", "Who decides?"),
            ChecklistField("need", "Need", "What problem must this solve?"),
            ChecklistField("timeline", "Timeline", "By when, and why then?"),
        ),
    ),
}

_NEXT_STATE = {
    Knowledge.UNKNOWN: Knowledge.PARTIAL,
    Knowledge.PARTIAL: Knowledge.KNOWN,
    Knowledge.KNOWN: Knowledge.UNKNOWN,
}


def framework(key: str | None) -> Framework:
    """The framework stored on a deal; an unknown or empty key falls back to MEDDPICC."""
    return FRAMEWORKS.get(key or DEFAULT_FRAMEWORK, FRAMEWORKS[DEFAULT_FRAMEWORK])


def next_state(state: Knowledge) -> Knowledge:
    """The state one key press further: unknown -> partial -> known -> unknown."""
    return _NEXT_STATE[state]


def progress(states: dict[str, Knowledge], fw: Framework) -> tuple[int, int]:
    """(fields known, fields in the framework); a partial field does not count as known."""
    known = sum(1 for f in fw.fields if states.get(f.key) == Knowledge.KNOWN)
    return known, len(fw.fields)
