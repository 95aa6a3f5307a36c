"""Turn what the salesperson types into an FTS5 query that always parses.

Every word and phrase is sent to FTS5 as a double-quoted string, so punctuation, column
names and stray operators can never be read as query syntax. What the user meant as syntax
is kept: "quoted phrases", prefix* and the upper-case operators AND, OR and NOT between two
terms. Anything else (a stray quote, a lone NOT, brackets) is read as plain words or dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPERATORS = frozenset({"AND", "OR", "NOT"})
PREFIX_LETTERS = 5
# A phrase (closed or running to the end of the text), or a run of anything but spaces,
# quotes and brackets. Brackets are separators: grouping is not offered.
_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"?(?P<phrase_star>\*)?|(?P<word>[^\s"()]+)')


@dataclass(frozen=True)
class Term:
    """A word or phrase to look for; `prefix` matches any word starting with it."""

    text: str
    prefix: bool = False

    def fts(self) -> str:
        """The term as a quoted FTS5 string; a prefix longer than five letters is cut to five."""
        if not self.prefix:
            return _quoted(self.text)
        if " " in self.text:
            return _quoted(self.text) + "*"
        # The index holds Porter stems, and a stem may be shorter than the prefix typed
        # ("negotiat" is indexed as "negoti"); and it keeps ready-made lists for prefixes of
        # four and five letters (migration 0003), which are fast where others are not.
        return _quoted(self.text[:PREFIX_LETTERS]) + "*"


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _searchable(text: str) -> bool:
    # A term with no letter or digit holds no token: FTS5 would match nothing with it.
    return any(ch.isalnum() for ch in text)


def parse_terms(text: str) -> list[Term | str]:
    """The terms and operators the user typed, in order (operators as 'AND'/'OR'/'NOT')."""
    items: list[Term | str] = []
    # SQLite ends a string at NUL: a NUL inside a quoted term would leave the quote open.
    text = text.replace("\x00", " ")
    for match in _TOKEN.finditer(text):
        if match.group("word") is not None:
            word = match.group("word")
            if word in OPERATORS:
                items.append(word)
                continue
            prefix = word.endswith("*")
            word = word.rstrip("*")
            if _searchable(word):
                items.append(Term(word, prefix))
        else:
            phrase = " ".join(match.group("phrase").split())
            if _searchable(phrase):
                items.append(Term(phrase, bool(match.group("phrase_star"))))
    return items


def to_fts_query(text: str) -> str:
    """A valid FTS5 MATCH expression for the user's text; '' when nothing is searchable.

    Terms side by side must all match (AND); an operator is kept only between two terms.
    """
    parts: list[str] = []
    pending: str | None = None
    for item in parse_terms(text):
        if isinstance(item, str):
            # The first operator after a term wins; operators with no term before are dropped.
            if parts and pending is None:
                pending = item
            continue
        if parts:
            parts.append(pending or "AND")
        parts.append(item.fts())
        pending = None
    return " ".join(parts)


def plain_fts_query(text: str) -> str:
    """Every searchable word quoted and ANDed: the fallback when a smarter query fails."""
    words = [w for w in re.split(r'[\s"()*\x00]+', text) if _searchable(w)]
    return " AND ".join(Term(w).fts() for w in words)
