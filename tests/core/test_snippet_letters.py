"""A snippet of the index's folded copy is shown in the letters the seller wrote."""

from __future__ import annotations

import pytest

from sales_notebook.core.snippet_letters import folded_copy, in_written_letters

MARKS = ("[", "]")
NOTES = ["Intro", "Met Mette Sørensen and Paweł from Łódź about the Straße æ deal"]


@pytest.mark.parametrize(
    ("snippet", "shown"),
    [
        ("Met Mette [Sorensen] and Pawel…", "Met Mette [Sørensen] and Paweł…"),
        ("…[Pawel] from Lódź about…", "…[Paweł] from Łódź about…"),
        ("…the [Strasse] [ae] deal", "…the [Straße] [æ] deal"),
        ("…[Sorensen and Pawel]…", "…[Sørensen and Paweł]…"),
    ],
)
def test_a_snippet_of_the_folded_copy_shows_the_written_letters(snippet, shown) -> None:
    assert in_written_letters(snippet, NOTES, MARKS, "…") == shown


def test_a_snippet_of_a_field_itself_is_left_as_it_is() -> None:
    for snippet in ("[Intro]", "Met Mette [Sørensen]…", "", "[nothing] like it"):
        assert in_written_letters(snippet, NOTES, MARKS, "…") == snippet


def test_the_folded_copy_is_the_one_the_index_holds() -> None:
    # Fields without such letters are empty in the index's copy (migration 0006's _fold).
    folded, original, source = folded_copy(["Plain title", "Æble ß", "more"])
    assert folded == " AEble ss "
    assert original == " Æble ß "
    assert [original[i] for i in source] == list(" ÆÆble ßß ")
