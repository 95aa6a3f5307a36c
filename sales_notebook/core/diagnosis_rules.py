"""The cue rules over the notes: weighted regexes with negation (see `diagnosis_cues`).

Each hit quotes the sentence it was found in. The rules alone were the first suggester;
they now add their evidence to the model's (see `diagnosis`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sales_notebook.core.diagnosis_cues import CUES, FIRST_PERSON, NEGATION, Cue

MAX_DIAGNOSIS_CHARS = 200_000
"""Only the start of very long notes is read; the patterns are linear but not free."""

QUOTE_CHARS = 80
_STRONG_CUE = 1.0
_REPEAT_BONUS = 0.3  # a theme that keeps coming back is the story's theme
_MAX_REPEATS = 3
_NEGATION_REACH = 60  # characters before a cue that may negate it
_CLAUSE_EDGE = re.compile(r"[.!;\n]|(?<!\w)(but|however|although|though)(?!\w)")
_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "\t": " "})


def rule_scores(notes: str) -> dict[str, float]:
    """Each cause's total cue weight in the notes (only causes with some evidence)."""
    scores: dict[str, float] = {}
    for cause, weight, _ in rule_evidence(notes):
        scores[cause] = scores.get(cause, 0.0) + weight
    return scores


def rule_evidence(notes: str) -> Iterator[tuple[str, float, str]]:
    """Every cue hit: (cause, weight, reason quoting the notes); a done habit weighs < 0."""
    original = notes[:MAX_DIAGNOSIS_CHARS]
    text = normalize(original)
    for cause, cues in CUES.items():
        found = [(cue, hit) for cue in cues if (hit := _match_cue(cue, text)) is not None]
        # A lone common word ("price", "demo") is not a diagnosis; common words
        # count once something specific points at the cause, or once they recur.
        strong = any(cue.weight >= _STRONG_CUE and hit[0] > 0 for cue, hit in found)
        if not strong and sum(hit[0] for _, hit in found if hit[0] > 0) < _STRONG_CUE:
            found = [(cue, hit) for cue, hit in found if hit[0] < 0]
        for _, (weight, start, end) in found:
            if weight > 0:
                yield cause, weight, f'the notes say "{_quote(original, start, end)}"'
            else:
                yield cause, weight, ""


def _match_cue(cue: Cue, text: str) -> tuple[float, int, int] | None:
    """Weight of one cue over the whole text, with the span to quote."""
    hits = 0
    counter = 0.0
    first: tuple[int, int] | None = None
    for match in cue.pattern.finditer(text):
        window = _window_before(text, match.start())
        negated = NEGATION.search(window) is not None
        if cue.habit and not negated:
            # "We agreed a next step" (or a bullet "- agreed next step") counts against
            # the cause; a competitor's good habit in the story does not.
            if FIRST_PERSON.search(window) or not window.strip(" -*•>\t"):
                counter = cue.weight * 0.8
            continue
        if not cue.habit and negated and _negation_is_adjacent(window):
            continue
        hits += 1
        if first is None:
            first = match.span()
    if first is None:
        return (-counter, 0, 0) if counter else None
    weight = cue.weight * (1 + _REPEAT_BONUS * min(hits - 1, _MAX_REPEATS))
    return weight, first[0], first[1]


def _window_before(text: str, start: int) -> str:
    window = text[max(0, start - _NEGATION_REACH) : start]
    edges = list(_CLAUSE_EDGE.finditer(window))
    return window[edges[-1].end() :] if edges else window


def _negation_is_adjacent(window: str) -> bool:
    # "wasn't a product pitch": only a negation within the last three words
    # cancels a described failure; farther away it usually belongs elsewhere.
    return NEGATION.search(" ".join(window.split()[-3:])) is not None


def normalize(text: str) -> str:
    """Lower-case with straight quotes, keeping every character's position."""
    translated = text.translate(_TRANSLATE)
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in translated)


def _quote(original: str, start: int, end: int) -> str:
    """The sentence around a match, cut to about QUOTE_CHARS characters."""
    left = max(original.rfind(mark, 0, start) for mark in ".!?\n")
    rights = [i for i in (original.find(mark, end) for mark in ".!?\n") if i != -1]
    sentence_start, sentence_end = left + 1, min(rights, default=len(original))
    cut_left = cut_right = False
    if sentence_end - sentence_start > QUOTE_CHARS:
        middle = (start + end) // 2
        low = max(sentence_start, middle - QUOTE_CHARS // 2)
        high = min(sentence_end, low + QUOTE_CHARS)
        # Cut at spaces so the quote never starts or ends in the middle of a word.
        cut_left, cut_right = low > sentence_start, high < sentence_end
        if cut_left:
            low = min(original.find(" ", low, start) % (start + 1), start)
        if cut_right:
            space = original.rfind(" ", end, high)
            high = space if space != -1 else high
        sentence_start, sentence_end = low, high
    quote = " ".join(original[sentence_start:sentence_end].split()).strip(" -*•\"'")
    return f"{'…' if cut_left else ''}{quote}{'…' if cut_right else ''}"
