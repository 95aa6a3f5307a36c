from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from sales_notebook.core.due_dates import default_due, due_in_text

MONDAY = date(2026, 11, 23)
FRIDAY = date(2026, 11, 27)


def test_by_friday_is_that_friday_not_a_sunday() -> None:
    assert due_in_text("Send the proposal by Friday", MONDAY) == FRIDAY
    assert due_in_text("send deck by fri", MONDAY) == FRIDAY
    assert due_in_text("call back on Tuesday", MONDAY) == date(2026, 11, 24)
    # said on the Friday itself, "by Friday" is next week's
    assert due_in_text("by Friday", FRIDAY) == date(2026, 12, 4)
    assert due_in_text("next Friday", MONDAY) == date(2026, 12, 4)


def test_other_words_for_when() -> None:
    assert due_in_text("ping Ruth tomorrow", MONDAY) == date(2026, 11, 24)
    assert due_in_text("pricing EOD", MONDAY) == MONDAY
    assert due_in_text("end of week recap", MONDAY) == FRIDAY
    assert due_in_text("next week: workshop", MONDAY) == date(2026, 11, 30)
    assert due_in_text("Send the case study", MONDAY) is None
    assert due_in_text("Monday.com integration", MONDAY) is None  # a name, not a day


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_a_default_due_date_is_a_weekday_about_a_week_on(today: date) -> None:
    due = default_due(today)
    assert due.weekday() < 5
    assert 7 <= (due - today).days <= 9


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_by_friday_is_always_a_friday_within_a_week(today: date) -> None:
    due = due_in_text("by Friday", today)
    assert due is not None and due.weekday() == 4 and 1 <= (due - today).days <= 7
