"""The sidebar's statuses, read in one pass, agree with the map's own coverage panel and the
calls, deal by deal."""

from __future__ import annotations

from sales_notebook.core.deal_status import stage
from sales_notebook.store.deal_status import DealStatusService


def test_every_status_agrees_with_the_map_and_the_calls(demo_services) -> None:
    services = demo_services
    lonely = services.accounts.add("Quiet Harbour Ltd")  # an account without deals
    call = services.calls.start(lonely)  # still live
    statuses = DealStatusService(services.db).all()
    keys = {(a.id, d.id) for a in services.accounts.all() for d in a.deals} | {(lonely, None)}
    assert set(statuses) == keys
    for (account_id, deal_id), status in statuses.items():
        gaps = services.stakeholders.coverage_warnings(account_id, deal_id)
        assert status.gaps == tuple(g.title for g in gaps)
        calls = services.calls.for_account(account_id, deal_id)
        assert status.last_call == (calls[0].started_at if calls else None)
        live = any(c.ended_at is None for c in calls)
        assert status.stage == stage([c.outcome for c in calls], live)
    assert statuses[lonely, None].stage == "In a call"
    services.calls.end(call, "")
    assert DealStatusService(services.db).all()[lonely, None].stage == "Talking"
