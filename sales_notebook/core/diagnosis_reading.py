"""What the notes model reads in the notes: causes with a calibrated probability, causes the
user added (by their words), and causes of the seller's own past lessons (by meaning).

Every piece of evidence quotes the sentence that carries it: for the classifier, the
sentence that read alone points at the cause most; for a cause's own words, the sentence
closest to them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from sales_notebook.core.cause_texts import CauseText, PastLesson
from sales_notebook.core.diagnosis import Reading
from sales_notebook.core.diagnosis_model import NotesModel, ReadNotes
from sales_notebook.core.diagnosis_text import quote

SHOW_PROBABILITY = 0.06
"""A cause the classifier gives less than this is not listed (1/14 would be a blind guess)."""
NOTES_WEIGHT = 2.0
"""Evidence from the notes at probability 1: as much as one map fact; an answered "No" weighs 3."""
OWN_WORDS_SIMILARITY = 0.45
"""A user's cause is listed when a sentence comes this close to its words (cosine). Measured
with the default causes' words standing in for a user's: at 0.45 the cause is one of the
call's labelled causes 4 times in 7 (docs/QUALITY.md)."""
OWN_WORDS_WEIGHT = 1.5
LESSON_SIMILARITY = 0.4
"""A past lesson counts when the notes come this close to it (cosine of the two texts). On
the labelled sets, the nearest other call at 0.4 or more shares a cause about half the time:
a hint worth listing, never a reason to pre-tick (docs/QUALITY.md)."""
LESSON_WEIGHT = 1.0
MAX_LESSONS = 3


def classifier_evidence(model: NotesModel, read: ReadNotes, at_least: int = 0) -> Iterator[Reading]:
    """The classifier's causes above SHOW_PROBABILITY (and its `at_least` likeliest whatever
    their probability), each quoting its strongest sentence."""
    probabilities = model.classifier.probabilities(read.features)
    likeliest = set(np.argsort(-probabilities, kind="stable")[:at_least].tolist())
    shown = [i for i, p in enumerate(probabilities) if p >= SHOW_PROBABILITY or i in likeliest]
    if not shown:
        return
    by_sentence = model.sentence_probabilities(read)
    for index in shown:
        cause = model.classifier.classes[index]
        sentence = read.sentences[int(np.argmax(by_sentence[:, index]))]
        # A cue that fired names its own words; otherwise the sentence that means it most.
        why = read.rule_quotes.get(cause) or f'the notes say "{quote(sentence.text)}"'
        probability = float(probabilities[index])
        yield Reading(cause, NOTES_WEIGHT * probability, why, probability)


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
    # Each lesson's vector is kept for the session: a second post-mortem embeds only the notes.
    known_vectors = model.lesson_vectors.vectors(
        model.embedder, [(lesson.id, lesson.text) for lesson in usable]
    )
    closeness = known_vectors @ model.embedder.embed([notes])[0]
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
