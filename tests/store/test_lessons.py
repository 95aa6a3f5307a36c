from datetime import date

import pytest
from sqlalchemy import func, select

from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.lessons import CauseDraft, LessonDraft
from sales_notebook.store.models import Lesson, LessonCause
from sales_notebook.store.transfer import export_document


def _tables(db):
    return export_document(db)["tables"]


def _call(services, account="Acme", deal="Pilot"):
    account_id, deal_id = services.accounts.find_or_add(account, deal)
    call_id = services.calls.start(account_id, deal_id, "Pricing")
    services.calls.end(call_id, "Talked price first.")
    return account_id, call_id


def test_create_writes_lesson_causes_and_outcome_together(services):
    account_id, call_id = _call(services)
    draft = LessonDraft(
        title="  Price   before value ",
        call_id=call_id,
        outcome="lost",
        feeling="Deflated",
        what_happened="Sent the price first.",
        do_differently="Quantify first.",
        causes=(
            CauseDraft("no-value-case", "price first", True),
            CauseDraft("wrong-priority", "budget frozen", False),
        ),
    )
    lesson_id = services.lessons.create(draft)

    lesson = services.lessons.get(lesson_id)
    assert lesson.title == "Price before value"
    assert lesson.account_id == account_id and lesson.account_name == "Acme"
    assert lesson.outcome == "lost" and lesson.feeling == "Deflated"
    assert {(c.cause_id, c.evidence, c.controllable) for c in lesson.causes} == {
        ("no-value-case", "price first", True),
        ("wrong-priority", "budget frozen", False),
    }
    assert {c.name for c in lesson.causes} == {"Price without value", "Wrong priority"}
    assert services.calls.get(call_id).outcome == "lost"
    assert [row.id for row in services.lessons.for_call(call_id)] == [lesson_id]
    assert [row.id for row in services.lessons.for_account(account_id)] == [lesson_id]


@pytest.mark.parametrize(
    "draft, message",
    [
        (LessonDraft(title="  "), "needs a title"),
        (LessonDraft(title="x" * 301), "too long"),
        (LessonDraft(title="t", outcome="meh"), "not an outcome"),
        (LessonDraft(title="t", causes=(CauseDraft("made-up"),)), "Unknown root cause"),
        (
            LessonDraft(title="t", causes=(CauseDraft("no-insight"), CauseDraft("no-insight"))),
            "only once",
        ),
    ],
)
def test_create_refuses_bad_drafts_and_writes_nothing(services, draft, message):
    _call(services)
    before = _tables(services.db)
    with pytest.raises(InvalidInput, match=message):
        services.lessons.create(draft)
    assert _tables(services.db) == before


def test_a_failing_cause_rolls_back_the_outcome_too(services):
    _, call_id = _call(services)
    draft = LessonDraft(title="t", call_id=call_id, outcome="lost", causes=(CauseDraft("nope"),))
    with pytest.raises(InvalidInput):
        services.lessons.create(draft)
    assert services.calls.get(call_id).outcome is None
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Lesson)) == 0
        assert s.scalar(select(func.count()).select_from(LessonCause)) == 0


def test_similar_ranks_shared_causes_over_same_account(services):
    acme, acme_call = _call(services, "Acme")
    other, other_call = _call(services, "Globex")
    create = services.lessons.create
    two_shared = create(
        LessonDraft("Two shared", call_id=other_call, causes=(
            CauseDraft("missed-boss"), CauseDraft("brand-trust"))),
    )  # fmt: skip
    one_shared = create(
        LessonDraft("One shared", account_id=other, causes=(CauseDraft("missed-boss"),))
    )
    same_account = create(
        LessonDraft("Same account", account_id=acme, causes=(CauseDraft("no-insight"),))
    )
    create(LessonDraft("Unrelated", account_id=other, causes=(CauseDraft("no-insight"),)))
    this_call = create(
        LessonDraft("This call", call_id=acme_call, causes=(CauseDraft("missed-boss"),))
    )

    found = services.lessons.similar(
        ["missed-boss", "brand-trust"], acme, exclude_call_id=acme_call
    )

    assert [f.lesson.id for f in found] == [two_shared, one_shared, same_account]
    assert set(found[0].shared_causes) == {"missed-boss", "brand-trust"}
    assert found[2].same_account and found[2].shared_causes == ()
    assert this_call not in [f.lesson.id for f in found]
    assert len(services.lessons.similar(["missed-boss"], limit=1)) == 1


def test_next_steps_add_edit_tick_delete(services):
    _, call_id = _call(services)
    steps = services.next_steps
    late = steps.add(call_id, "Send case study", date(2026, 12, 1))
    soon = steps.add(call_id, " Book   workshop ", date(2026, 11, 30))
    undated = steps.add(call_id, "Ask about budget")
    assert [r.id for r in steps.for_call(call_id)] == [soon, late, undated]
    assert steps.for_call(call_id)[0].text == "Book workshop"

    steps.set_done(soon, True)
    steps.update(undated, "Ask who owns the budget", date(2026, 11, 25))
    rows = steps.for_call(call_id)
    assert [r.id for r in rows] == [undated, late, soon]
    assert rows[0].text == "Ask who owns the budget" and rows[-1].done

    steps.delete(late)
    assert late not in [r.id for r in steps.for_call(call_id)]
    with pytest.raises(InvalidInput):
        steps.add(call_id, "   ")


def test_for_suggestions_reads_lessons_with_their_call_notes_and_causes(services):
    _, call_id = _call(services)
    _, other_call = _call(services, "Globex")
    mine = services.lessons.create(
        LessonDraft(
            title="Price before value",
            call_id=call_id,
            what_happened="Sent the price first.",
            causes=(CauseDraft("no-value-case", "price first", True),),
        )
    )
    services.lessons.create(
        LessonDraft(title="Globex", causes=(CauseDraft("no-next-step"),), call_id=other_call)
    )

    found = {lesson.id: lesson for lesson in services.lessons.for_suggestions()}
    assert len(found) == 2
    lesson = found[mine]
    assert lesson.title == "Price before value" and lesson.causes == ("no-value-case",)
    for words in ("Sent the price first.", "price first", "Talked price first."):
        assert words in lesson.text  # its own words, its evidence and its call's notes
    skipped = services.lessons.for_suggestions(exclude_call_id=call_id)
    assert mine not in {lesson.id for lesson in skipped}


def test_a_lesson_is_corrected_and_deleted_and_the_search_follows(services):
    from sales_notebook.store.search import SearchService
    from sales_notebook.team.local import TeamLocal

    _, call_id = _call(services)
    lesson_id = services.lessons.create(
        LessonDraft(
            title="Pricing tooo early", call_id=call_id, what_happened="Sent the prise first.",
            causes=(CauseDraft("no-value-case", "price first"),),
        )
    )  # fmt: skip
    search = SearchService(services.db)
    team = TeamLocal(services.db)
    team.publish([lesson_id])
    queued = len(team.outbox())

    services.library.correct(lesson_id, "  Pricing   too early ", "Sent the price first. ", "", "")
    lesson = services.lessons.get(lesson_id)
    assert (lesson.title, lesson.what_happened) == ("Pricing too early", "Sent the price first.")
    assert [(c.cause_id, c.evidence) for c in lesson.causes] == [("no-value-case", "price first")]
    assert [h.lesson_id for h in search.search("prise")] == []  # the typo is out of the index
    assert [h.lesson_id for h in search.search("price", kinds=("lesson",))] == [lesson_id]
    assert len(team.outbox()) == queued + 1  # shared: published again with the new words
    with pytest.raises(InvalidInput, match="needs a title"):
        services.library.correct(lesson_id, "  ", "", "", "")
    assert services.lessons.get(lesson_id).title == "Pricing too early"

    services.library.delete(lesson_id)
    assert services.lessons.get(lesson_id) is None
    assert search.search("price", kinds=("lesson",)) == []
    assert services.calls.get(call_id).notes == "Talked price first."  # the call stays
    assert team.outbox()[-1].action == "unpublish"
    for gone in (lambda: services.library.delete(lesson_id),
                 lambda: services.library.correct(lesson_id, "t", "", "", "")):  # fmt: skip
        with pytest.raises(InvalidInput, match="no longer in the notebook"):
            gone()
