"""Show a snippet of the search index's folded copy in the letters the seller wrote.

The index keeps, beside a document's text, a folded copy of the fields that hold ø æ ß ł …
(`fold`: each such field folded, the others empty, joined by spaces; see migration 0006), so
that "sorensen" finds "Sørensen". When only that copy matched, FTS5's snippet comes from it
and reads "Sorensen". Folding maps each letter to one or two plain letters, so each place in
the folded copy comes from one place in the original: the snippet is found in the folded
copy and the same stretch of the original is shown, with the marks moved along.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sales_notebook.core.search_query import FOLDS

FOLDED_LETTERS = re.compile("[" + "".join(FOLDS) + "]")


def folded_copy(fields: Sequence[str]) -> tuple[str, str, list[int]]:
    """The index's folded copy of these fields, the original text it was folded from (the
    same fields, those without such letters left empty), and for each folded character the
    index of the original character it comes from."""
    original = " ".join(f if FOLDED_LETTERS.search(f) else "" for f in fields)
    folded: list[str] = []
    source: list[int] = []
    for index, ch in enumerate(original):
        plain = FOLDS.get(ch, ch)
        folded.append(plain)
        source += [index] * len(plain)
    return "".join(folded), original, source


def in_written_letters(
    snippet: str, fields: Sequence[str], marks: tuple[str, str], ellipsis: str
) -> str:
    """`snippet` with the letters of `fields` where it came from their folded copy; as it is
    when it did not (it then came from a field itself)."""
    if not snippet or FOLDED_LETTERS.search(snippet):
        return snippet  # the folded copy holds none of these letters
    head = ellipsis if snippet.startswith(ellipsis) else ""
    tail = ellipsis if snippet.endswith(ellipsis) and len(snippet) > len(head) else ""
    body = snippet[len(head) : len(snippet) - len(tail)]
    plain = body.replace(marks[0], "").replace(marks[1], "")
    if not plain or any(plain in field for field in fields):
        return snippet
    folded, original, source = folded_copy(fields)
    at = folded.find(plain)
    if at < 0:
        return snippet
    start, end = source[at], source[at + len(plain) - 1] + 1
    # Where each mark goes, in the original: before the character a start mark precedes,
    # after the one an end mark follows.
    placed: list[tuple[int, str]] = []
    k = 0
    for ch in body:
        if ch == marks[0]:
            placed.append((source[at + k] if k < len(plain) else end, ch))
        elif ch == marks[1]:
            placed.append((source[at + k - 1] + 1 if k else start, ch))
        else:
            k += 1
    out, last = [], start
    for position, mark in placed:
        out += [original[last:position], mark]
        last = position
    out.append(original[last:end])
    # The copy starts with a space where an earlier field had no such letters.
    return head + "".join(out).strip() + tail
