"""`lessons suggest` reads the seller's own causes and lessons, as the post-mortem wizard does."""

from __future__ import annotations

import json

import pytest

from sales_notebook.cli import main
from sales_notebook.core.cause_texts import CauseText
from sales_notebook.store.lessons import CauseDraft, LessonDraft
from sales_notebook.store.suggestion_inputs import read_suggestion_inputs

pytest.importorskip("wordllama")

WRONG_ROOM = (
    "Wrong people in the room",
    "Were the right people in the meeting?",
    "Check who will attend, and that they can decide",
)
NOTES = (
    "Forty minutes on the roadmap. We had the wrong people in the room, none of them could "
    "decide anything and the ops team was missing. They said yes in March; since then legal "
    "and procurement have had the contract and the security review is stalled."
)


@pytest.fixture
def notebook(services, paths):
    """A notebook with a cause the seller added, a retired default and one tagged lesson."""
    services.taxonomy.add(*WRONG_ROOM)
    services.taxonomy.retire("no-urgency")
    account_id, deal_id = services.accounts.find_or_add("Initech", "Renewal")
    call_id = services.calls.start(account_id, deal_id, "Contract")
    services.calls.end(call_id, "Legal sat on the contract for months after the verbal yes.")
    lesson_id = services.lessons.create(
        LessonDraft(
            title="Legal sat on the contract",
            call_id=call_id,
            what_happened="Verbal yes in May, then procurement and legal sat on the contract, "
            "the security review stalled and the budget year closed before signature.",
            causes=(CauseDraft("slow-decision", "legal and procurement took months"),),
        )
    )
    return paths, lesson_id


def suggest(capsys, paths, notes_file) -> list[dict]:
    code = main(["lessons", "suggest", str(notes_file), "--json", "--data-dir", str(paths.root)])
    out, _ = capsys.readouterr()
    assert code == 0
    return json.loads(out)


def test_the_command_line_suggests_the_sellers_own_cause_and_names_their_lesson(
    capsys, tmp_path, notebook
) -> None:
    paths, lesson_id = notebook
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    rows = suggest(capsys, paths, notes)
    by_cause = {row["cause"]: row for row in rows}
    assert "wrong-people-in-the-room" in by_cause
    assert (
        "how you describe Wrong people in the room" in by_cause["wrong-people-in-the-room"]["why"]
    )
    from_lesson = [row for row in rows if row["lesson_id"] == lesson_id]
    assert from_lesson and 'your lesson "Legal sat on the contract"' in from_lesson[0]["why"]
    assert "no-urgency" not in by_cause  # retired: not offered in the wizard either


def test_without_a_notebook_it_suggests_from_the_default_causes_and_says_so(
    capsys, tmp_path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    code = main(["lessons", "suggest", str(notes), "--data-dir", str(tmp_path / "none")])
    out, err = capsys.readouterr()
    assert code == 0 and out.strip()
    assert "No notebook in" in err and "default causes" in err
    assert not (tmp_path / "none").exists()  # reading never makes a notebook


def test_the_command_line_and_the_wizard_read_the_same_causes_and_lessons(
    services, notebook
) -> None:
    paths, _ = notebook
    inputs = read_suggestion_inputs(paths.database)
    wizard_causes = [
        CauseText(c.id, c.name, c.question, c.prompt) for c in services.taxonomy.causes()
    ]
    assert list(inputs.causes) == wizard_causes
    assert list(inputs.lessons) == services.lessons.for_suggestions()
    assert len(inputs.lessons) == 1 and inputs.lessons[0].causes == ("slow-decision",)


def test_the_command_reads_the_notebook_and_the_model_with_sockets_blocked(
    capsys, tmp_path, notebook, monkeypatch
) -> None:
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("lessons suggest tried to open a network connection")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse)
    paths, _ = notebook
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    rows = suggest(capsys, paths, notes)
    assert rows and all(row["probability"] is not None or row["why"] for row in rows)
    assert any(row["probability"] is not None for row in rows)  # the model, not the rules alone
