"""The real program in a real window: type a call's notes, kill -9 it, find the notes again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.e2e.xsession import XSession, require_tools

pytestmark = pytest.mark.e2e
PROGRAM = (sys.executable, "-m", "sales_notebook")


@pytest.fixture
def xsession():
    require_tools()
    session = XSession()
    yield session
    session.close()


def export_notes(data_dir: Path, program: Sequence[str] = PROGRAM) -> list[str]:
    out = subprocess.run(
        [*program, "export", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return [call["notes"] for call in json.loads(out.stdout)["tables"]["call"]]


def type_a_call_then_kill(
    xsession: XSession,
    data_dir: Path,
    shot: Path,
    program: Sequence[str] = PROGRAM,
    env: dict[str, str] | None = None,
) -> None:
    """Start `program` on `data_dir`, start a call, type notes and a marker the way a seller
    does, take a screenshot to `shot`, and kill the program with SIGKILL."""
    app = subprocess.Popen(
        [*program, "--data-dir", str(data_dir)],
        env=env or xsession.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        start_call(xsession, "Harbor Mutual")
        # No click or focus call here, as a seller types straight on: the window must have
        # the keyboard back for its shortcuts (the marker), not only for typing.
        xsession.xdotool("type", "--delay", "15", "Ines owns the budget.")
        xsession.xdotool("key", "--clearmodifiers", "ctrl+1")
        xsession.xdotool("type", "--delay", "15", "Rollback plan agreed.")
        time.sleep(1.6)  # everything above is now more than 1.5 s old
        xsession.xdotool("type", "--delay", "15", " Late words")
        shot.parent.mkdir(parents=True, exist_ok=True)
        xsession.screenshot(shot)
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    finally:
        if app.poll() is None:
            app.kill()
    notes = export_notes(data_dir, program)
    assert len(notes) == 1, app.stdout.read() if app.stdout else ""
    assert notes[0].startswith("Ines owns the budget. [+00:0")
    assert "Next step] Rollback plan agreed." in notes[0]


def test_notes_typed_before_a_kill_survive(xsession: XSession, tmp_path: Path) -> None:
    shots = Path(os.environ.get("SALES_NOTEBOOK_SCREENSHOTS", tmp_path))
    type_a_call_then_kill(xsession, tmp_path / "data", shots / "e2e-live-call.png")


def start_call(xsession: XSession, account: str) -> None:
    main = xsession.wait_window("Sales Notebook")
    xsession.focus(main)
    xsession.xdotool("key", "--clearmodifiers", "ctrl+n")
    dialog = xsession.wait_window("New call")
    xsession.focus(dialog)
    xsession.xdotool("type", "--delay", "15", account)
    xsession.xdotool("key", "Return")
    time.sleep(0.5)


def test_notes_typed_while_another_program_locks_the_file_survive_a_kill(
    xsession: XSession, tmp_path: Path
) -> None:
    from tests.faults.inject import LockHolder

    data_dir = tmp_path / "data"
    app = subprocess.Popen(
        [sys.executable, "-m", "sales_notebook", "--data-dir", str(data_dir)],
        env=xsession.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        start_call(xsession, "Harbor Mutual")
        xsession.xdotool("type", "--delay", "15", "Before the lock.")
        time.sleep(1.6)  # saved
        holder = LockHolder(data_dir / "notebook.db", -1)  # held until released
        xsession.xdotool("type", "--delay", "15", " Typed while locked.")
        time.sleep(6.5)  # past the 5 s busy timeout: the save has failed and is retried
        shots = Path(os.environ.get("SALES_NOTEBOOK_SCREENSHOTS", tmp_path))
        shots.mkdir(parents=True, exist_ok=True)
        xsession.screenshot(shots / "e2e-locked-save.png")
        holder.release()
        time.sleep(3.0)  # the retry (at most 2 s apart) stores it
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    finally:
        if app.poll() is None:
            app.kill()
    notes = export_notes(data_dir)
    assert notes == ["Before the lock. Typed while locked."], (
        app.stdout.read() if app.stdout else ""
    )


def test_sigterm_saves_the_last_words_and_quits_cleanly(xsession: XSession, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    app = subprocess.Popen(
        [sys.executable, "-m", "sales_notebook", "--data-dir", str(data_dir)],
        env=xsession.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        start_call(xsession, "Kestrel Logistics")
        xsession.xdotool("type", "--delay", "15", "Said right before the logout")
        app.send_signal(signal.SIGTERM)  # at once: the last words are not autosaved yet
        code = app.wait(timeout=20)
    finally:
        if app.poll() is None:
            app.kill()
    output = app.stdout.read() if app.stdout else ""
    assert code == 0, output
    assert "Traceback" not in output
    assert export_notes(data_dir) == ["Said right before the logout"]
    log = (data_dir / "sales-notebook.log").read_text("utf-8")
    assert "SIGTERM received" in log and "Said right" not in log
