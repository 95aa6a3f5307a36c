"""Accounts, deals and calls through their services, on a real notebook file."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from sales_notebook.store.calls import MAX_NOTES_CHARS
from sales_notebook.store.errors import InvalidInput


def test_accounts_are_listed_by_name_with_their_deals(services) -> None:
    beta = services.accounts.add("beta Corp")
    alpha = services.accounts.add("Alpha Inc")
    services.accounts.add_deal(alpha, "Renewal")
    services.accounts.add_deal(alpha, "Expansion")
    rows = services.accounts.all()
    assert [r.name for r in rows] == ["Alpha Inc", "beta Corp"]
    assert [d.name for d in rows[0].deals] == ["Expansion", "Renewal"]
    assert rows[1].id == beta and rows[1].deals == ()


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_unusable_account_names_are_refused(services, name: str) -> None:
    with pytest.raises(InvalidInput):
        services.accounts.add(name)
    assert services.accounts.all() == []


def test_duplicate_names_are_refused_with_a_message(services) -> None:
    acme = services.accounts.add("Acme")
    other = services.accounts.add("Other")
    with pytest.raises(InvalidInput, match="already an account"):
        services.accounts.add("Acme")
    with pytest.raises(InvalidInput, match="already an account"):
        services.accounts.rename(other, "Acme")
    services.accounts.add_deal(acme, "Pilot")
    with pytest.raises(InvalidInput, match="already has a deal"):
        services.accounts.add_deal(acme, "Pilot")


def test_find_or_add_reuses_names_case_insensitively(services) -> None:
    first = services.accounts.find_or_add("Acme", "Pilot")
    again = services.accounts.find_or_add("  acme ", "pilot")
    assert first == again
    assert services.accounts.find_or_add("Acme") == (first[0], None)
    assert len(services.accounts.all()) == 1


def test_rename_and_delete(services) -> None:
    acme = services.accounts.add("Acme")
    deal = services.accounts.add_deal(acme, "Pilot")
    services.accounts.rename(acme, "Acme Group")
    services.accounts.rename_deal(deal, "Pilot 2")
    [row] = services.accounts.all()
    assert (row.name, row.deals[0].name) == ("Acme Group", "Pilot 2")
    call = services.calls.start(acme, deal)
    services.accounts.delete_deal(deal)
    assert services.calls.get(call).deal_id is None  # the call stays on the account
    services.accounts.delete(acme)
    assert services.accounts.all() == []
    assert services.calls.live_call() is None


def test_a_call_lives_until_it_is_ended(services) -> None:
    acme, deal = services.accounts.find_or_add("Acme", "Pilot")
    call_id = services.calls.start(acme, deal)
    assert services.calls.live_call().id == call_id
    saved_at = services.calls.save_notes(call_id, "Budget: 40k — confirmed ✓")
    call = services.calls.get(call_id)
    assert call.notes == "Budget: 40k — confirmed ✓"
    assert call.notes_saved_at == saved_at
    assert (call.account_name, call.deal_name, call.live) == ("Acme", "Pilot", True)
    services.calls.end(call_id, "final words")
    ended = services.calls.get(call_id)
    assert not ended.live and ended.notes == "final words"
    assert services.calls.live_call() is None
    assert [c.id for c in services.calls.for_account(acme)] == [call_id]


def test_finding_the_running_call_reads_the_live_call_index_not_every_call(services) -> None:
    statements: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:
        statements.append((statement, parameters))

    event.listen(services.db.engine, "before_cursor_execute", record)
    try:
        services.calls.live_call()
    finally:
        event.remove(services.db.engine, "before_cursor_execute", record)
    [(statement, parameters)] = statements
    with services.db.engine.connect() as conn:
        plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
    details = [row[-1] for row in plan]
    assert any("USING INDEX ix_call_live" in d for d in details), details
    assert not any(d == "SCAN call" for d in details), details


def test_oversized_notes_are_refused_and_the_saved_text_is_kept(services) -> None:
    acme, _ = services.accounts.find_or_add("Acme")
    call_id = services.calls.start(acme)
    services.calls.save_notes(call_id, "keep me")
    with pytest.raises(InvalidInput, match="not saved"):
        services.calls.save_notes(call_id, "x" * (MAX_NOTES_CHARS + 1))
    assert services.calls.get(call_id).notes == "keep me"


def test_outcome_and_summary(services) -> None:
    acme, _ = services.accounts.find_or_add("Acme")
    call_id = services.calls.start(acme)
    services.calls.set_outcome(call_id, "lost", "They chose the incumbent.")
    call = services.calls.get(call_id)
    assert (call.outcome, call.summary) == ("lost", "They chose the incumbent.")


def test_engine_pragmas(services) -> None:
    with services.db.engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
        }
    assert pragma == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "synchronous": 2,
    }


def test_taxonomy_counts_lessons_per_cause(demo_services) -> None:
    counts = {cause.id: n for cause, n in demo_services.taxonomy.counts()}
    assert counts["no-next-step"] == 2
    assert counts["missed-boss"] == 2
    northwind = demo_services.accounts.find_or_add("Northwind Clinics")[0]
    on_account = {c.id for c, _ in demo_services.taxonomy.counts(northwind)}
    assert on_account == {"no-boundaries", "no-next-step", "no-insight"}
    assert len(demo_services.taxonomy.causes()) == 14
