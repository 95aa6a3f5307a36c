"""Coverage warnings: the gaps in who a seller has reached, each with why it matters and what
to ask next. Pure functions over plain facts, so the map, the live-notes pane and the
post-mortem wizard all read the same verdict."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sales_notebook.core.vocabulary import Attitude, DecisionRole

# The roles that sign off or own the budget: the people the story's seller never met.
DECIDING_ROLES = frozenset({DecisionRole.DECISION_MAKER, DecisionRole.ECONOMIC_BUYER})
# "Influential" on the 1–5 scale: enough weight to sink a deal on their own.
INFLUENTIAL = 4
HOSTILE = frozenset({Attitude.SKEPTIC, Attitude.OPPONENT})


@dataclass(frozen=True)
class PersonFacts:
    """What the warnings need to know about one card on the map."""

    id: int
    name: str
    decision_role: str = DecisionRole.UNKNOWN
    attitude: str = Attitude.UNKNOWN
    influence: int = 3
    notes: str = ""
    placeholder: bool = False

    @property
    def decides(self) -> bool:
        return self.decision_role in DECIDING_ROLES


@dataclass(frozen=True)
class CoverageWarning:
    """One gap: a short title, why it matters, and the question to ask next."""

    code: str
    title: str
    why: str
    ask: str
    stakeholder_ids: tuple[int, ...] = ()


def coverage_warnings(
    people: Sequence[PersonFacts], engaged_ids: Collection[int], calls_held: int = 0
) -> list[CoverageWarning]:
    """The coverage gaps of one account or deal, most serious first.

    `engaged_ids` are the people ticked as present on at least one of its calls;
    `calls_held` is how many calls there were (some warnings wait for the first call).
    """
    warnings: list[CoverageWarning] = []
    deciders = [p for p in people if p.decides and not p.placeholder]
    if not deciders:
        warnings.append(_no_decision_maker(people))
    engaged = [p for p in people if p.id in engaged_ids]
    if calls_held and len(engaged) == 1:
        warnings.append(_single_threaded(engaged[0], len(people)))
    absent = [p for p in deciders if p.id not in engaged_ids]
    if calls_held and absent:
        warnings.append(_decision_maker_absent(absent, calls_held))
    warnings.extend(_unhandled_resistance(p) for p in people if _resists_unhandled(p))
    warnings.extend(_unidentified(p) for p in people if p.placeholder and not p.decides)
    return warnings


def _names(people: Sequence[PersonFacts]) -> str:
    names = [p.name for p in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _role_word(people: Sequence[PersonFacts]) -> str:
    """How the map names these people's role, so a warning says what the card says."""
    roles = {p.decision_role for p in people}
    if roles == {DecisionRole.ECONOMIC_BUYER}:
        word = DecisionRole.ECONOMIC_BUYER.label.lower()
    elif roles == {DecisionRole.DECISION_MAKER}:
        word = DecisionRole.DECISION_MAKER.label.lower()
    else:
        return "people who decide"
    return word if len(people) == 1 else word + "s"


def people_count(n: int, thing: str = "person") -> str:
    """'1 person', '3 people'; '1 call', '2 calls'."""
    if thing == "person":
        return f"{n} {'person' if n == 1 else 'people'}"
    return f"{n} {thing}{'' if n == 1 else 's'}"


def _no_decision_maker(people: Sequence[PersonFacts]) -> CoverageWarning:
    gaps = tuple(p.id for p in people if p.placeholder and p.decides)
    why = (
        "Nobody on the map is marked decision maker or economic buyer, so you may be "
        "selling to someone who cannot say yes."
        if not gaps
        else f"The {_role_word([p for p in people if p.placeholder and p.decides])} "
        "is still a placeholder: you know the role, not the person."
    )
    return CoverageWarning(
        code="no-decision-maker",
        title="No decision maker or economic buyer identified",
        why=why,
        ask="Who else is involved in deciding this? How do decisions like this get made here?",
        stakeholder_ids=gaps,
    )


def _single_threaded(person: PersonFacts, mapped: int) -> CoverageWarning:
    others = mapped - 1
    return CoverageWarning(
        code="single-threaded",
        title="Single-threaded",
        why=(
            f"Only {person.name} has been on a call"
            + (
                "; the other person on the map has not."
                if others == 1
                else f"; the other {others} people on the map have not."
                if others
                else "."
            )
            + " If they go quiet or leave, the deal goes with them."
        ),
        ask=f"Who else should be in the next conversation, {person.name}? "
        "Could we bring in the people this affects?",
        stakeholder_ids=(person.id,),
    )


def _decision_maker_absent(absent: Sequence[PersonFacts], calls_held: int) -> CoverageWarning:
    calls = "the one call so far" if calls_held == 1 else f"any of the {calls_held} calls"
    verb = "has" if len(absent) == 1 else "have"
    return CoverageWarning(
        code="decision-maker-absent",
        title=(
            f"The {_role_word(absent)} {'has' if len(absent) == 1 else 'have'} not been on a call"
        ),
        why=(
            f"{_names(absent)} {verb} not attended {calls}. Their concerns "
            "(safety, a known name, budget) may differ from your contact's."
        ),
        ask="What will matter to them when they decide? Can we meet them, even for 15 minutes?",
        stakeholder_ids=tuple(p.id for p in absent),
    )


def _resists_unhandled(person: PersonFacts) -> bool:
    return (
        person.attitude in HOSTILE
        and person.influence >= INFLUENTIAL
        and not person.placeholder
        and not person.notes.strip()
    )


def _unhandled_resistance(person: PersonFacts) -> CoverageWarning:
    word = "an opponent" if person.attitude == Attitude.OPPONENT else "a skeptic"
    return CoverageWarning(
        code="unhandled-resistance",
        title=f"No plan for {person.name}",
        why=(
            f"{person.name} is {word} with influence {person.influence} of 5, and the map "
            "has no note on how to handle them."
        ),
        ask=f"What is {person.name}'s real concern, and who do they listen to?",
        stakeholder_ids=(person.id,),
    )


def _unidentified(person: PersonFacts) -> CoverageWarning:
    return CoverageWarning(
        code="unidentified",
        title=f"Not identified yet: {person.name}",
        why="A placeholder on the map stands for someone you know matters but have not named.",
        ask="Who in your organisation plays this part in a decision like this one?",
        stakeholder_ids=(person.id,),
    )
