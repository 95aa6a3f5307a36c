from datetime import date

import pytest
from sqlalchemy import select

from sales_notebook.core.vocabulary import Coverage, Knowledge, MarkerKind
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.live_call import MarkerPlace
from sales_notebook.store.models import CallAttendee, Stakeholder
from sales_notebook.store.qualification import ChecklistItem


@pytest.fixture
def call(services):
    account_id, deal_id = services.accounts.find_or_add("Acme", "Renewal")
    return services.calls.get(services.calls.start(account_id, deal_id))


def test_markers_are_rows_and_move_with_the_notes(services, call):
    first = services.live_call.add_marker(call.id, MarkerKind.OBJECTION, 754, 0)
    second = services.live_call.add_marker(call.id, MarkerKind.NEXT_STEP, 900, 30)
    notes = "intro\n[12:34 Objection] price\n[15:00 Next step] demo"
    services.live_call.save_notes(
        call.id, notes, [MarkerPlace(first, 6, "price"), MarkerPlace(second, 32, "demo")]
    )
    rows = services.live_call.markers(call.id)
    assert [(r.kind, r.elapsed_seconds, r.position, r.text) for r in rows] == [
        (MarkerKind.OBJECTION, 754, 6, "price"),
        (MarkerKind.NEXT_STEP, 900, 32, "demo"),
    ]
    assert services.calls.get(call.id).notes == notes
    services.live_call.save_notes(call.id, "intro", removed=[first, second])
    assert services.live_call.markers(call.id) == []


def test_notes_over_the_limit_are_refused_whole(services, call, monkeypatch):
    monkeypatch.setattr("sales_notebook.store.calls.MAX_NOTES_CHARS", 10)
    with pytest.raises(InvalidInput):
        services.live_call.save_notes(call.id, "x" * 11)
    assert services.calls.get(call.id).notes == ""


def test_account_lessons_newest_first(demo_services):
    account = next(a for a in demo_services.accounts.all() if a.name == "Blue Fern Foods")
    lessons = demo_services.live_call.account_lessons(account.id)
    assert [x.title for x in lessons] == [
        "No reason to move this year",
        "Friendly demo, no next step",
    ]


def test_ticking_and_mentioning_engage_people(services, call):
    day = date(2026, 11, 23)
    person = services.attendance.add_person(call.account_id, "Dana Lee, CFO")
    assert (person.name, person.title, person.coverage) == ("Dana Lee", "CFO", Coverage.NO_CONTACT)
    assert services.attendance.mention(call.id, person.id, on=day) is True
    assert services.attendance.mention(call.id, person.id, on=day) is False
    assert services.attendance.attendance(call.id) == {person.id: True}
    [dana] = services.attendance.people(call.account_id, call.deal_id)
    assert (dana.coverage, dana.last_contact) == (Coverage.BRIEF, day)

    services.attendance.set_present(call.id, person.id, True, on=day)
    assert services.attendance.attendance(call.id) == {person.id: False}
    later = services.calls.start(call.account_id, call.deal_id)
    services.attendance.set_present(later, person.id, True, on=date(2026, 12, 1))
    [dana] = services.attendance.people(call.account_id)
    assert (dana.coverage, dana.last_contact) == (Coverage.MULTIPLE, date(2026, 12, 1))
    services.attendance.set_present(later, person.id, False)
    assert services.attendance.attendance(later) == {}


def test_adding_a_known_name_ticks_them_instead_of_duplicating(services, call):
    services.attendance.add_person(call.account_id, "Dana Lee")
    again = services.attendance.add_person(call.account_id, "dana lee - CFO", call_id=call.id)
    assert again.title == "CFO"
    with services.db.session() as s:
        assert len(s.scalars(select(Stakeholder)).all()) == 1
        assert s.scalars(select(CallAttendee)).one().mentioned_only is False
    with pytest.raises(InvalidInput, match="name"):
        services.attendance.add_person(call.account_id, " , CFO")


def test_people_of_another_deal_and_placeholders_are_not_offered(services, call):
    other = services.accounts.add_deal(call.account_id, "Other deal")
    with services.db.session() as s:
        s.add(Stakeholder(account_id=call.account_id, name="Whole account"))
        s.add(Stakeholder(account_id=call.account_id, deal_id=call.deal_id, name="This deal"))
        s.add(Stakeholder(account_id=call.account_id, deal_id=other, name="Other deal"))
        s.add(Stakeholder(account_id=call.account_id, name="Decision maker", placeholder=True))
    names = [p.name for p in services.attendance.people(call.account_id, call.deal_id)]
    assert names == ["This deal", "Whole account"]


def test_checklist_carries_over_and_keeps_each_framework(services, call):
    q = services.qualification
    assert q.checklist(call.deal_id).framework.key == "meddpicc"
    q.set_item(call.deal_id, "meddpicc", "champion", Knowledge.KNOWN, "  Priya,   loves it ")
    assert q.checklist(call.deal_id).item("champion") == ChecklistItem(
        Knowledge.KNOWN, "Priya, loves it"
    )
    assert q.checklist(call.deal_id).item("metrics").state == Knowledge.UNKNOWN
    bant = q.set_framework(call.deal_id, "bant")
    assert bant.framework.key == "bant" and bant.items == {}
    q.set_item(call.deal_id, "bant", "budget", Knowledge.PARTIAL, "")
    q.set_item(call.deal_id, "bant", "budget", Knowledge.KNOWN, "50k")
    assert q.checklist(call.deal_id).item("budget").note == "50k"
    back = q.set_framework(call.deal_id, "meddpicc")
    assert back.item("champion").state == Knowledge.KNOWN
    with pytest.raises(InvalidInput):
        q.set_item(call.deal_id, "bant", "metrics", Knowledge.KNOWN, "")
    with pytest.raises(InvalidInput):
        q.set_framework(call.deal_id, "spin")
