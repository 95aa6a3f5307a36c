"""What the lessons chart shows: how often each root cause occurred, and its trend by month."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CauseBar:
    """One bar: a cause and how many lessons carry it."""

    cause_id: str
    name: str
    count: int


@dataclass(frozen=True)
class CauseTrend:
    """One line: a cause's lessons per month, aligned with `TrendData.months`."""

    cause_id: str
    name: str
    per_month: tuple[int, ...]


@dataclass(frozen=True)
class TrendData:
    bars: tuple[CauseBar, ...]
    months: tuple[str, ...]
    lines: tuple[CauseTrend, ...]


def last_months(today: date, count: int) -> tuple[str, ...]:
    """The `count` months ending with today's, oldest first, as 'YYYY-MM'."""
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return tuple(reversed(months))


def cause_trends(
    counts: Iterable[tuple[str, int]],
    monthly: Iterable[tuple[str, str, int]],
    names: Mapping[str, str],
    today: date,
    months: int = 12,
    top: int = 5,
) -> TrendData:
    """Bars for every cause with lessons (most frequent first) and lines for the `top` ones.

    `counts` is (cause id, lessons); `monthly` is (month 'YYYY-MM', cause id, lessons).
    """
    bars = sorted(
        (CauseBar(c, names.get(c, c), n) for c, n in counts if n > 0),
        key=lambda b: (-b.count, b.name.casefold()),
    )
    axis = last_months(today, months)
    slot = {m: i for i, m in enumerate(axis)}
    per_cause: dict[str, list[int]] = {b.cause_id: [0] * len(axis) for b in bars[:top]}
    for month, cause, n in monthly:
        if cause in per_cause and month in slot:
            per_cause[cause][slot[month]] += n
    lines = tuple(CauseTrend(b.cause_id, b.name, tuple(per_cause[b.cause_id])) for b in bars[:top])
    return TrendData(tuple(bars), axis, lines)
