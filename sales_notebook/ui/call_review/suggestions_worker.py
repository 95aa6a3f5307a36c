"""Reads a call's notes for root causes on a worker thread, never on the GUI thread.

With the notes model, hundreds of past lessons and long notes cost up to a second of CPU:
on the GUI thread that froze the wizard. The causes page asks for a reading and polls the
future it gets back; a reading nobody waits for any more is cancelled before it starts.
One reading runs at a time: two would only share the same cores.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sales_notebook.core.cause_texts import CauseText, PastLesson
from sales_notebook.core.diagnosis import CallFacts, Suggestion, suggest_root_causes

if TYPE_CHECKING:
    from sales_notebook.core.diagnosis_model import NotesModel

log = logging.getLogger(__name__)

_one_at_a_time = threading.Lock()
GIL_SWITCH_S = 0.001


@dataclass(frozen=True)
class Request:
    """Everything a reading needs, fixed when it is asked for."""

    notes: str
    answers: Mapping[str, str]
    facts: CallFacts
    causes: Sequence[CauseText]
    lessons: Sequence[PastLesson]


def read_later(request: Request, model: Future[NotesModel] | None) -> Future[list[Suggestion]]:
    """Start reading on a worker thread (after the model has loaded, or failed to)."""
    future: Future[list[Suggestion]] = Future()
    threading.Thread(
        target=_read, args=(future, request, model), name="suggestions", daemon=True
    ).start()
    return future


def _read(
    future: Future[list[Suggestion]], request: Request, model: Future[NotesModel] | None
) -> None:
    loaded = _loaded(model)  # waited for outside the lock: a reading never waits on another
    with _one_at_a_time:
        if not future.set_running_or_notify_cancel():
            return  # the seller changed their answers before this one started
        # Every call Qt makes into a widget written in Python needs the GIL: while this
        # thread reads, the GUI thread gets it back within 1 ms instead of Python's 5.
        switch = sys.getswitchinterval()
        sys.setswitchinterval(min(switch, GIL_SWITCH_S))
        try:
            future.set_result(
                suggest_root_causes(
                    request.notes,
                    answers=request.answers,
                    facts=request.facts,
                    model=loaded,
                    causes=request.causes,
                    lessons=request.lessons,
                )
            )
        except Exception as exc:  # a bug: logged with its traceback, and the page says so
            log.exception("reading the notes for root causes failed")
            future.set_exception(exc)
        finally:
            sys.setswitchinterval(switch)


def _loaded(model: Future[NotesModel] | None) -> NotesModel | None:
    """The model once loaded; None (the cue rules) when it could not be: the page says why."""
    if model is None or model.cancelled() or model.exception() is not None:
        return None
    return model.result()
