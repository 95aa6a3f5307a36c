"""How a person's coverage grows as they take part in calls."""

from __future__ import annotations

from sales_notebook.core.vocabulary import Coverage

_ORDER = (Coverage.NO_CONTACT, Coverage.BRIEF, Coverage.MULTIPLE, Coverage.IN_DEPTH)


def coverage_after_calls(current: Coverage, calls_engaged: int) -> Coverage:
    """Coverage once someone has been engaged in `calls_engaged` calls; it never goes down.

    One call is brief contact, two or more are multiple contacts; "in depth" is the seller's
    judgement and is never set from counting alone.
    """
    if calls_engaged <= 0:
        earned = Coverage.NO_CONTACT
    elif calls_engaged == 1:
        earned = Coverage.BRIEF
    else:
        earned = Coverage.MULTIPLE
    return max(current, earned, key=_ORDER.index)
