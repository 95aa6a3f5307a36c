"""What the notes model reads in the notes: causes with a calibrated probability, causes the
user added (by their words), and causes of the seller's own past lessons (by meaning).

Every piece of evidence quotes the sentence that carries it: for the classifier, the
sentence that read alone points at the cause most; for a cause's own words, the sentence
closest to them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from sales_notebook.core.cause_texts import CauseText
from sales_notebook.core.diagnosis_model import NotesModel, ReadNotes
from sales_notebook.core.diagnosis_text import quote

SHOW_PROBABILITY = 0.06
"""A cause the classifier gives less than this is not listed (1/14 would be a blind guess)."""
NOTES_WEIGHT = 3.0
"""Evidence from the notes at probability 1; an answered "No" weighs 3 on its own."""
OWN_WORDS_SIMILARITY = 0.55
"""A user's cause is listed when a sentence comes this close to its words (cosine)."""
OWN_WORDS_WEIGHT = 1.5
LESSON_SIMILARITY = 0.75
"""A past lesson counts when the notes come this close to it (cosine of the two texts)."""
LESSON_WEIGHT = 1.5
MAX_LESSONS = 3


@dataclass(frozen=True)
class PastLesson:
    """A lesson the seller wrote and tagged earlier, as the suggester reads it."""

    id: int
    title: str
    text: str  # what happened and what to do differently, and the call's notes if any
    causes: tuple[str, ...]


@dataclass(frozen=True)
class Reading:
    """One piece of evidence from the notes."""

    cause: str
    weight: float
    reason: str
    probability: float | None = None
    lesson_id: int | None = None


def classifier_evidence(model: NotesModel, read: ReadNotes) -> Iterator[Reading]:
    """The classifier's causes above SHOW_PROBABILITY, each quoting its strongest sentence."""
    probabilities = model.classifier.probabilities(read.features)
    shown = [i for i, p in enumerate(probabilities) if p >= SHOW_PROBABILITY]
    if not shown:
        return
    by_sentence = model.sentence_probabilities(read)
    for index in shown:
        sentence = read.sentences[int(np.argmax(by_sentence[:, index]))]
        probability = float(probabilities[index])
        yield Reading(
            model.classifier.classes[index],
            NOTES_WEIGHT * probability,
            f'the notes say "{quote(sentence.text)}"',
            probability,
        )


def own_words_evidence(
    model: NotesModel, read: ReadNotes, causes: Sequence[CauseText]
) -> Iterator[Reading]:
    """Causes the classifier does not know (the user's own): the sentence closest to their words."""
    unknown = [cause for cause in causes if cause.id not in model.classifier.classes]
    if not unknown:
        return
    similarity = read.sentence_vectors @ model.describe(unknown).T
    for column, cause in enumerate(unknown):
        best = int(np.argmax(similarity[:, column]))
        closeness = float(similarity[best, column])
        if closeness >= OWN_WORDS_SIMILARITY:
            text = quote(read.sentences[best].text)
            yield Reading(
                cause.id,
                OWN_WORDS_WEIGHT * closeness,
                f'the notes say "{text}", close to how you describe {cause.name}',
            )


def lesson_evidence(
    model: NotesModel, notes: str, lessons: Sequence[PastLesson], known: set[str]
) -> Iterator[Reading]:
    """Causes of the past lessons whose text comes closest to these notes, naming the lesson."""
    usable = [lesson for lesson in lessons if lesson.text.strip() and lesson.causes]
    if not usable:
        return
    vectors = model.embedder.embed([notes, *(lesson.text for lesson in usable)])
    closeness = vectors[1:] @ vectors[0]
    order = sorted(range(len(usable)), key=lambda i: -float(closeness[i]))[:MAX_LESSONS]
    for index in order:
        if closeness[index] < LESSON_SIMILARITY:
            break
        lesson = usable[index]
        title = lesson.title.strip() or "Untitled lesson"
        for cause in lesson.causes:
            if cause in known:
                yield Reading(
                    cause,
                    LESSON_WEIGHT * float(closeness[index]),
                    f'these notes read like your lesson "{quote(title, 60)}"',
                    lesson_id=lesson.id,
                )
