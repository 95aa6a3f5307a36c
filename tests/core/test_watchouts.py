from dataclasses import dataclass
from datetime import UTC, datetime

from sales_notebook.core.watchouts import Source, build_watchouts


@dataclass
class Cause:
    name: str
    prompt: str


@dataclass
class LessonStub:
    title: str
    do_differently: str
    created_at: datetime


@dataclass
class Warning:
    code: str
    title: str
    why: str
    ask: str


def test_nothing_to_say_is_empty():
    assert build_watchouts([], [], []) == []


def test_order_map_then_account_then_habits_each_with_why():
    causes = [
        (Cause("Missed the boss", "Ask who else decides"), 4),
        (Cause("No next step", "Leave with a dated next step"), 2),
        (Cause("No insight", "Bring one idea"), 1),
        (Cause("Product pitch", "Talk about their goals"), 1),
    ]
    lessons = [
        LessonStub("Old one", "Old advice", datetime(2026, 1, 5, tzinfo=UTC)),
        LessonStub(
            "Price before value",
            "Quantify value first\nthen price",
            datetime(2026, 6, 1, tzinfo=UTC),
        ),
        LessonStub("Oldest", "Ancient advice", datetime(2025, 1, 1, tzinfo=UTC)),
    ]
    warnings = [
        Warning(
            "no_dm",
            "No decision maker identified",
            "Nobody is marked decision maker",
            "Ask who signs off",
        )
    ]
    items = build_watchouts(causes, lessons, warnings)
    assert [i.source for i in items] == [Source.MAP] + [Source.ACCOUNT] * 2 + [Source.HABIT] * 3
    assert items[0].title == "Ask who signs off"
    assert items[0].why == "No decision maker identified: Nobody is marked decision maker"
    assert items[1].title == "Quantify value first"  # newest lesson, first line of its advice
    assert "01 Jun 2026" in items[1].why and "Price before value" in items[1].why
    assert items[2].title == "Old advice"
    assert items[3].title == "Ask who else decides"
    assert items[3].why == "Missed the boss: in 4 of your past lessons"
    assert items[5].why == "No insight: in one past lesson"


def test_warning_without_ask_and_duplicates_are_merged():
    warnings = [Warning("single", "Single-threaded", "Only one person engaged", "")]
    causes = [(Cause("A", "Single-threaded"), 3), (Cause("B", ""), 2), (Cause("C", "x"), 0)]
    items = build_watchouts(causes, [], warnings)
    assert [(i.title, i.why) for i in items] == [("Single-threaded", "Only one person engaged")]


def test_lesson_without_advice_uses_its_title():
    lessons = [LessonStub("Won the dev, lost the boss", "  ", datetime(2026, 3, 1, tzinfo=UTC))]
    assert build_watchouts([], lessons, [])[0].title == "Won the dev, lost the boss"


def test_markdown_at_the_start_of_the_advice_is_not_shown():
    at = datetime(2026, 3, 1, tzinfo=UTC)
    for advice in (
        "- Ask who signs",
        "\n  * **Ask who signs**",
        "1. Ask who signs",
        "## Ask who signs",
    ):
        lessons = [LessonStub("Lost the boss", advice, at)]
        assert build_watchouts([], lessons, [])[0].title == "Ask who signs", advice


def test_a_lesson_is_dated_by_the_sellers_clock(monkeypatch):
    import time

    # Written at 20:00 UTC on 8 November: already the 9th in Auckland, still the 8th here.
    lessons = [
        LessonStub("Budget froze", "Ask about the budget", datetime(2026, 11, 8, 20, tzinfo=UTC))
    ]
    try:
        monkeypatch.setenv("TZ", "Pacific/Auckland")
        time.tzset()
        assert "09 Nov 2026" in build_watchouts([], lessons, [])[0].why
        monkeypatch.setenv("TZ", "America/Los_Angeles")
        time.tzset()
        assert "08 Nov 2026" in build_watchouts([], lessons, [])[0].why
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
