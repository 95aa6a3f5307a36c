from datetime import date

from sales_notebook.core.diagnosis import CallFacts, suggest_root_causes
from sales_notebook.store.models import CallAttendee, CallMarker, QualificationItem, Stakeholder


def _call(services):
    account_id, deal_id = services.accounts.find_or_add("Kestrel", "Telemetry")
    call_id = services.calls.start(account_id, deal_id)
    return account_id, deal_id, call_id


def _person(s, account_id, name, role="unknown", coverage="no_contact", **extra):
    person = Stakeholder(
        account_id=account_id, name=name, decision_role=role, coverage=coverage, **extra
    )
    s.add(person)
    s.flush()
    return person.id


def test_nothing_recorded_means_nothing_known(services):
    _, _, call_id = _call(services)
    assert services.call_facts.facts(call_id) == CallFacts(checklist={})


def test_map_without_decision_maker_single_threaded(services):
    account_id, deal_id, call_id = _call(services)
    with services.db.session() as s:
        dev = _person(s, account_id, "Marco", "technical_evaluator", "in_depth")
        _person(s, account_id, "Sam", "gatekeeper")
        # A placeholder card is a reminder to find the boss, not the boss.
        _person(s, account_id, "Decision maker — unknown", "decision_maker", placeholder=True)
        s.add(CallAttendee(call_id=call_id, stakeholder_id=dev))
        s.add(QualificationItem(deal_id=deal_id, framework="meddpicc", field="economic_buyer"))
        s.add(
            QualificationItem(deal_id=deal_id, framework="meddpicc", field="metrics", state="known")
        )
        s.add(CallMarker(call_id=call_id, kind="pain", elapsed_seconds=30))
        s.add(CallMarker(call_id=call_id, kind="competitor", elapsed_seconds=10, text="BigCo"))

    facts = services.call_facts.facts(call_id)

    assert facts.has_decision_maker is False
    assert facts.decision_maker_attended is None
    assert facts.engaged_people == 1
    assert facts.checklist == {"economic_buyer": "unknown", "metrics": "known"}
    assert sorted(facts.marker_kinds) == ["competitor", "pain"]
    assert facts.next_step_dated is None
    top = suggest_root_causes("", facts=facts)[0]
    assert top.cause == "missed-boss" and "decision maker" in top.why
    markers = services.call_facts.markers(call_id)
    assert [(m.kind, m.elapsed_seconds, m.text) for m in markers] == [
        ("competitor", 10, "BigCo"),
        ("pain", 30, ""),
    ]


def test_decision_maker_absent_and_next_steps(services):
    account_id, _, call_id = _call(services)
    with services.db.session() as s:
        champion = _person(s, account_id, "Priya", "champion", "brief")
        boss = _person(s, account_id, "Helen", "economic_buyer")
        s.add(CallAttendee(call_id=call_id, stakeholder_id=champion))
        s.add(CallAttendee(call_id=call_id, stakeholder_id=boss, mentioned_only=True))
    services.next_steps.add(call_id, "Send deck")

    facts = services.call_facts.facts(call_id)
    assert facts.has_decision_maker is True
    assert facts.decision_maker_attended is False  # only mentioned, never there
    assert facts.engaged_people == 1
    assert facts.next_step_dated is False

    services.next_steps.add(call_id, "Workshop", date(2026, 12, 3))
    with services.db.session() as s:
        s.add(
            CallAttendee(
                call_id=call_id, stakeholder_id=_person(s, account_id, "Ruth", "decision_maker")
            )
        )
    facts = services.call_facts.facts(call_id)
    assert facts.next_step_dated is True
    assert facts.decision_maker_attended is True
    assert facts.engaged_people == 2


def test_people_of_another_deal_do_not_count(services):
    account_id, deal_id, call_id = _call(services)
    _, other_deal = services.accounts.find_or_add("Kestrel", "Other deal")
    with services.db.session() as s:
        _person(s, account_id, "Elsewhere", "decision_maker", "in_depth", deal_id=other_deal)
        _person(s, account_id, "Here", "user", "brief", deal_id=deal_id)
    assert services.call_facts.facts(call_id).has_decision_maker is False
