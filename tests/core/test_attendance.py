import pytest

from sales_notebook.core.attendance import coverage_after_calls
from sales_notebook.core.vocabulary import Coverage


@pytest.mark.parametrize(
    ("current", "calls", "expected"),
    [
        (Coverage.NO_CONTACT, 1, Coverage.BRIEF),
        (Coverage.NO_CONTACT, 2, Coverage.MULTIPLE),
        (Coverage.BRIEF, 1, Coverage.BRIEF),
        (Coverage.BRIEF, 3, Coverage.MULTIPLE),
        (Coverage.IN_DEPTH, 1, Coverage.IN_DEPTH),  # never goes down
        (Coverage.MULTIPLE, 9, Coverage.MULTIPLE),  # in depth is a judgement, not a count
        (Coverage.NO_CONTACT, 0, Coverage.NO_CONTACT),
    ],
)
def test_coverage_grows_with_calls(current, calls, expected):
    assert coverage_after_calls(current, calls) == expected
