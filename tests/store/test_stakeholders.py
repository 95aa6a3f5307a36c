"""The stakeholder service on a real notebook file: people, links, undo support, warnings."""

from __future__ import annotations

import pytest

from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.models import CallAttendee
from sales_notebook.store.stakeholders import PersonDetails


@pytest.fixture
def account(services) -> int:
    return services.accounts.add("Kestrel")


def test_add_from_a_typed_line_and_read_back(services, account) -> None:
    dana = services.stakeholders.add_line(account, "  Dana   Lee, CFO ", position=(10.0, 20.0))
    person = services.stakeholders.get(dana)
    assert (person.name, person.details.title) == ("Dana Lee", "CFO")
    assert (person.pos_x, person.pos_y) == (10.0, 20.0)
    assert person.details.decision_role == "unknown" and person.details.influence == 3


@pytest.mark.parametrize(
    ("details", "message"),
    [
        (PersonDetails(""), "needs a name"),
        (PersonDetails("   "), "needs a name"),
        (PersonDetails("Dana", "x" * 10_000), "title is too long"),
        (PersonDetails("x" * 201), "name is too long"),
        (PersonDetails("Dana", influence=6), "Influence"),
        (PersonDetails("Dana", decision_role="king"), "Unknown value"),
    ],
)
def test_bad_input_is_refused_with_a_message(services, account, details, message) -> None:
    with pytest.raises(InvalidInput, match=message):
        services.stakeholders.add(account, details)
    with pytest.raises(InvalidInput, match="Type the person's name"):
        services.stakeholders.add_line(account, " , CFO")
    assert services.stakeholders.map(account).people == ()


def test_a_placeholder_without_a_name_is_named_after_its_role(services, account) -> None:
    gap = services.stakeholders.add(
        account, PersonDetails("", decision_role="decision_maker", placeholder=True)
    )
    assert services.stakeholders.get(gap).name == "Decision maker — unknown"


def test_update_and_move(services, account) -> None:
    dana = services.stakeholders.add(account, PersonDetails("Dana"))
    edited = PersonDetails("Dana Lee", "CFO", "economic_buyer", "skeptic", 5, "brief", notes="x")
    services.stakeholders.update(dana, edited)
    services.stakeholders.move({dana: (1.5, -2.0)})
    person = services.stakeholders.get(dana)
    assert person.details == edited
    assert (person.pos_x, person.pos_y) == (1.5, -2.0)


def test_deal_scope_shows_the_deal_people_and_the_account_wide_ones(services, account) -> None:
    pilot = services.accounts.add_deal(account, "Pilot")
    renewal = services.accounts.add_deal(account, "Renewal")
    everyone = services.stakeholders.add(account, PersonDetails("Everyone"))
    piloter = services.stakeholders.add(account, PersonDetails("Piloter", deal_id=pilot))
    renewer = services.stakeholders.add(account, PersonDetails("Renewer", deal_id=renewal))
    assert [p.id for p in services.stakeholders.map(account).people] == [
        everyone, piloter, renewer,
    ]  # fmt: skip
    assert [p.id for p in services.stakeholders.map(account, pilot).people] == [everyone, piloter]
    assert services.stakeholders.deals(account) == [(pilot, "Pilot"), (renewal, "Renewal")]


def test_links_refuse_self_repeats_and_reports_to_cycles(services, account) -> None:
    add = services.stakeholders.add
    ceo, vp, dev = (add(account, PersonDetails(n)) for n in ("Ceo", "Vp", "Dev"))
    services.stakeholders.link(dev, vp, "reports_to")
    services.stakeholders.link(vp, ceo, "reports_to")
    with pytest.raises(InvalidInput, match="themselves"):
        services.stakeholders.link(dev, dev, "influences")
    with pytest.raises(InvalidInput, match="already shows that Dev reports to Vp"):
        services.stakeholders.link(dev, vp, "reports_to")
    with pytest.raises(InvalidInput, match="Dev already reports, directly or not, to Ceo"):
        services.stakeholders.link(ceo, dev, "reports_to")
    # Influence goes both ways without being a loop in the org chart.
    services.stakeholders.link(ceo, dev, "influences")
    links = services.stakeholders.map(account).links
    assert [(k.source_id, k.target_id, k.kind) for k in links] == [
        (dev, vp, "reports_to"), (vp, ceo, "reports_to"), (ceo, dev, "influences"),
    ]  # fmt: skip


def test_remove_then_restore_brings_back_links_and_attendance(services, account) -> None:
    boss = services.stakeholders.add(account, PersonDetails("Boss", placeholder=False))
    dev = services.stakeholders.add(account, PersonDetails("Dev"))
    link = services.stakeholders.link(dev, boss, "reports_to")
    call = services.calls.start(account)
    with services.db.session() as s:
        s.add(CallAttendee(call_id=call, stakeholder_id=boss))
    before = services.stakeholders.map(account)

    removed = services.stakeholders.remove(boss)
    after = services.stakeholders.map(account)
    assert [p.id for p in after.people] == [dev] and after.links == ()
    assert services.stakeholders.engaged_ids(account) == (set(), 1)

    services.stakeholders.restore(removed)
    assert services.stakeholders.map(account) == before
    assert services.stakeholders.engaged_ids(account) == ({boss}, 1)
    row = services.stakeholders.unlink(link)
    assert services.stakeholders.map(account).links == ()
    services.stakeholders.relink(row)
    assert services.stakeholders.map(account) == before


def test_coverage_warnings_for_the_demo_story(demo_services) -> None:
    kestrel = next(a for a in demo_services.accounts.all() if a.name == "Kestrel Logistics")
    warnings = demo_services.stakeholders.coverage_warnings(kestrel.id, kestrel.deals[0].id)
    assert [w.code for w in warnings] == [
        "single-threaded", "decision-maker-absent", "unhandled-resistance",
    ]  # fmt: skip
    assert "Ruth Ng" in warnings[1].why


def test_mentioned_only_people_are_not_engaged(services, account) -> None:
    dev = services.stakeholders.add(account, PersonDetails("Dev"))
    call = services.calls.start(account)
    with services.db.session() as s:
        s.add(CallAttendee(call_id=call, stakeholder_id=dev, mentioned_only=True))
    assert services.stakeholders.engaged_ids(account) == (set(), 1)


def test_scope_names(services, account) -> None:
    pilot = services.accounts.add_deal(account, "Pilot")
    assert services.stakeholders.scope_names(account) == ("Kestrel", None)
    assert services.stakeholders.scope_names(account, pilot) == ("Kestrel", "Pilot")
    services.accounts.delete(account)
    assert services.stakeholders.scope_names(account) is None
