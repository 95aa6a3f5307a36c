"""Team lessons as the server sends them, written straight into a notebook's cache."""

from __future__ import annotations

import json
import uuid as uuids
from datetime import UTC, date, datetime

from sales_notebook.team.cache import write_cache


def team_row(
    title: str,
    *,
    author: str = "tina",
    seller: str = "Tina Team",
    what: str = "",
    differently: str = "",
    causes: tuple[str, ...] = (),
    account: str | None = None,
    day: date = date(2026, 5, 1),
    uuid: str | None = None,
) -> tuple:
    listed = [{"cause_id": c, "name": c.title(), "evidence": f"team saw {c}", "controllable": True}
              for c in causes]  # fmt: skip
    return (
        uuid or str(uuids.uuid4()), author, seller, title, "lost", what, differently, account,
        day, json.dumps(listed), datetime(2026, 5, 2, tzinfo=UTC),
        "\n".join(c["evidence"] for c in listed),
    )  # fmt: skip


def fill_cache(db, *rows: tuple) -> None:
    write_cache(db, list(rows))
