"""A snippet of the index's folded copy is shown in the letters the seller wrote."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sales_notebook.core.search_query import FOLDS
from sales_notebook.core.snippet_letters import folded_copy, in_written_letters

FOLDED = set(FOLDS)

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


@given(
    words=st.lists(st.text(alphabet="aøæßłOÆbc", min_size=1, max_size=6), min_size=1, max_size=12),
    data=st.data(),
)
def test_any_stretch_of_the_folded_copy_maps_back_to_the_written_text(words, data) -> None:
    field = " ".join(words)
    folded, _original, _source = folded_copy([field])
    if folded == " " * len(folded):  # no letter to fold: the index holds no copy
        return
    # A stretch of whole words of the copy, as FTS5 cuts a snippet, one of them marked.
    shown = folded.split()
    first = data.draw(st.integers(0, len(shown) - 1))
    last = data.draw(st.integers(first, len(shown) - 1))
    marked = data.draw(st.integers(first, last))
    stretch = [f"[{w}]" if i == marked else w for i, w in enumerate(shown) if first <= i <= last]
    snippet = " ".join(stretch)
    # A stretch found twice in the copy could come from either place (the first is shown).
    assume(folded.count(" ".join(shown[first : last + 1])) == 1)
    result = in_written_letters(snippet, [field], MARKS, "…")
    written = field.split()[first : last + 1]
    if any(ch in FOLDED for ch in field):
        assert result.replace("[", "").replace("]", "") == " ".join(written)
        assert result.split()[marked - first] == f"[{written[marked - first]}]"
