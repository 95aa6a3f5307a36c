"""Loads the notes model once per process on a worker thread, never on the GUI thread or at start.

The post-mortem wizard asks for it when it opens; by the time the seller has answered the
questions (a second or more) it is there. Until then the causes page reads the notes with
the cue rules and says so.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy and the model are imported on the worker thread, never at start
    from sales_notebook.core.diagnosis_model import NotesModel

log = logging.getLogger(__name__)

_lock = threading.Lock()
_future: Future[NotesModel] | None = None


def start_loading() -> Future[NotesModel]:
    """Start loading the model if nobody has yet; the same future for every caller."""
    global _future
    with _lock:
        if _future is None:
            _future = Future()
            threading.Thread(target=_load, args=(_future,), name="notes-model", daemon=True).start()
        return _future


def _load(future: Future[NotesModel]) -> None:
    from sales_notebook.core.blas import use_one_blas_thread

    use_one_blas_thread()
    from sales_notebook.core.diagnosis_model import ModelUnavailable, load_notes_model

    try:
        future.set_result(load_notes_model())
    except ModelUnavailable as exc:
        log.warning("root-cause suggestions from the notes are off: %s", exc)
        future.set_exception(exc)
    except Exception as exc:  # a bug: logged with its traceback, and the page says so
        log.exception("loading the notes model failed")
        future.set_exception(exc)


def problem(future: Future[NotesModel]) -> str | None:
    """What to tell the seller when the model could not be loaded (None while loading or fine)."""
    if not future.done() or future.exception() is None:
        return None
    return (
        f"Suggestions from the meaning of the notes are unavailable ({future.exception()}); "
        "the keyword rules were used instead."
    )
