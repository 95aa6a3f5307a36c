"""The filter tokens of the search index: how a filter becomes part of the FTS5 MATCH.

Migration 0006 writes, in each document's `tags` column, each after the private-use letter
TAG (so that nothing typed in the search box can match them): `a<account id>`, `o<hex of the
outcome>0`, `c<hex of a cause id>0` for each cause (a call: its lessons' causes), and for its
date `e<decade>`, `y<year>`, `m<year><month>`, `d<year><month><day>`. Hex keeps any id one
token, and the closing 0 keeps the Porter stemmer off it. A date range becomes the fewest
decade, year, month and day tokens that cover it exactly; in the MATCH, a month the range
covers for the most part is its month token less the days left out (`date_match`): bm25 pays
for every phrase of a query on every row it ranks, so fewer phrases rank faster.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

TAG = "\ue000"
# Open ends of a date range; a date after LATEST is read as LATEST.
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)


def account_token(account_id: int) -> str:
    return f"{TAG}a{account_id}"


def outcome_token(outcome: str) -> str:
    return f"{TAG}o{outcome.encode().hex()}0"


def cause_token(cause_id: str) -> str:
    return f"{TAG}c{cause_id.encode().hex()}0"


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def date_tokens(date_from: date | None, date_to: date | None) -> list[str]:
    """Tokens whose documents are exactly those dated date_from … date_to (both included)."""
    day, last = date_from or EARLIEST, min(date_to or LATEST, LATEST)
    tokens: list[str] = []
    while day <= last:
        if day.month == 1 and day.day == 1:
            if day.year % 10 == 0 and date(day.year + 9, 12, 31) <= last:
                tokens.append(f"{TAG}e{day.year // 10}")
                day = date(day.year + 10, 1, 1)
                continue
            if date(day.year, 12, 31) <= last:
                tokens.append(f"{TAG}y{day.year}")
                day = date(day.year + 1, 1, 1)
                continue
        if day.day == 1 and _month_end(day) <= last:
            tokens.append(f"{TAG}m{day:%Y%m}")
            day = _month_end(day) + timedelta(days=1)
            continue
        tokens.append(f"{TAG}d{day:%Y%m%d}")
        day += timedelta(days=1)
    return tokens


def date_match(date_from: date | None, date_to: date | None) -> str | None:
    """The documents dated date_from … date_to (both included) as an FTS5 expression on the
    tokens, to be put in the `tags` column; None when the range holds no day."""
    tokens = date_tokens(date_from, date_to)
    if not tokens:
        return None
    parts: list[str] = []
    by_month: dict[str, list[str]] = {}
    for token in tokens:
        if token[1] == "d":
            by_month.setdefault(token[2:8], []).append(token)
        else:
            parts.append(_quoted(token))
    for month, days in by_month.items():
        first = date(int(month[:4]), int(month[4:]), 1)
        left_out = [
            f"{TAG}d{day:%Y%m%d}"
            for day in (first + timedelta(days=n) for n in range(_month_end(first).day))
            if f"{TAG}d{day:%Y%m%d}" not in days
        ]
        if len(left_out) + 1 < len(days):
            outside = " OR ".join(_quoted(t) for t in left_out)
            parts.append(f"({_quoted(f'{TAG}m{month}')} NOT ({outside}))")
        else:
            parts.extend(_quoted(t) for t in days)
    return "(" + " OR ".join(parts) + ")"


def _quoted(token: str) -> str:
    return f'"{token}"'
