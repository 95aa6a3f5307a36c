"""Turn what the salesperson types into an FTS5 query that always parses.

Every word and phrase is sent to FTS5 as a double-quoted string, so punctuation, column
names and stray operators can never be read as query syntax. What the user meant as syntax
is kept: "quoted phrases", prefix* and the upper-case operators AND, OR and NOT between two
terms, and -word (or -"a phrase") after what to look for, for what to leave out. Anything else
(a stray quote, brackets) is read as plain words or dropped; a NOT with nothing before it, or
a search of only words to leave out, is refused with a message (query_problem).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

OPERATORS = frozenset({"AND", "OR", "NOT"})
PREFIX_LETTERS = 5
# A search is at most this long (README): a 100 KB paste searched for a minute.
MAX_QUERY_CHARS = 500
MAX_TERMS = 32
# Letters unicode61 keeps as they are, folded to what a seller types on a plain keyboard.
# Migration 0006 folds the indexed text the same way (a test compares the two).
FOLDS = {
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ẞ": "SS", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D",
    "ħ": "h", "Ħ": "H", "ı": "i",
}  # fmt: skip
_FOLD_TABLE = str.maketrans(FOLDS)
# Kana, CJK ideographs, Hangul syllables, compatibility ideographs, half-width katakana:
# scripts written without spaces between words (migration 0006 uses the same ranges).
_CJK = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]"
)


_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def query_problem(text: str) -> str | None:
    """What makes `text` too long to search, in the user's words; None when it is fine."""
    if len(text) > MAX_QUERY_CHARS:
        return (
            f"A search can be at most {MAX_QUERY_CHARS} characters; this one has "
            f"{len(text):,}. Search for a few words of it."
        )
    items = parse_terms(text)
    terms = sum(isinstance(item, Term) for item in items)
    if terms > MAX_TERMS:
        return (
            f"A search can have at most {MAX_TERMS} words; this one has {terms}. "
            "Search for a few of them."
        )
    wanted = [item for item in items if not (isinstance(item, Term) and item.exclude)]
    if wanted and wanted[0] == "NOT" and any(isinstance(item, Term) for item in wanted):
        # Searched as it used to be, "NOT budget" found what holds "budget": the opposite.
        return (
            "NOT leaves out what follows it from what comes before it: put the words to look "
            "for first, as in “pricing NOT budget”."
        )
    if terms and not any(isinstance(item, Term) for item in wanted):
        return (
            "Say what to look for as well: a search of only words to leave out (-word) "
            "finds nothing, as in “pricing -budget”."
        )
    return None


def fold_letters(text: str) -> str:
    """ø → o, æ → ae, ß → ss, ł → l …: as the index folds them."""
    return text.translate(_FOLD_TABLE)


def has_cjk(text: str) -> bool:
    """Whether the text has Chinese, Japanese or Korean letters (searched by substring)."""
    return _CJK.search(text) is not None


# A phrase (closed or running to the end of the text), or a run of anything but spaces,
# quotes and brackets. Brackets are separators: grouping is not offered.
_TOKEN = re.compile(
    r'(?P<minus>(?<![^\s(])-(?="|[^\W\d_]))?'
    r'(?:"(?P<phrase>[^"]*)"?(?P<phrase_star>\*)?|(?P<word>[^\s"()]+))'
)


@dataclass(frozen=True)
class Term:
    """A word or phrase to look for; `prefix` matches any word starting with it."""

    text: str
    prefix: bool = False
    exclude: bool = False  # typed -word: what must not be in a match

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
    # Private-use letters are dropped: the index keeps its filter tokens behind one.
    text = _PRIVATE_USE.sub(" ", text.replace("\x00", " "))
    for match in _TOKEN.finditer(text):
        exclude = match.group("minus") is not None  # -word: a minus starting a word
        if match.group("word") is not None:
            word = match.group("word")
            if word in OPERATORS and not exclude:
                items.append(word)
                continue
            prefix = word.endswith("*")
            word = word.rstrip("*")
            if _searchable(word):
                items.append(Term(word, prefix, exclude))
        else:
            phrase = " ".join(match.group("phrase").split())
            if _searchable(phrase):
                items.append(Term(phrase, bool(match.group("phrase_star")), exclude))
    return items


def to_fts_query(text: str, render: Callable[[Term], str] = Term.fts) -> str:
    """A valid FTS5 MATCH expression for the user's text; '' when nothing is searchable.

    Terms side by side must all match (AND); an operator is kept only between two terms.
    Terms typed -word leave out every match that holds them, whatever the rest says.
    `render` writes one term (the trigram index wants terms written its own way).
    """
    parts: list[str] = []
    left_out: list[str] = []
    pending: str | None = None
    for item in parse_terms(text):
        if isinstance(item, str):
            # The first operator after a term wins; operators with no term before are dropped.
            if parts and pending is None:
                pending = item
            continue
        if item.exclude:
            left_out.append(render(item))
            continue
        if parts:
            parts.append(pending or "AND")
        parts.append(render(item))
        pending = None
    if not parts:
        return ""  # nothing to look for (query_problem says so)
    if not left_out:
        return " ".join(parts)
    return f"({' '.join(parts)})" + "".join(f" NOT {term}" for term in left_out)


def plain_fts_query(text: str) -> str:
    """Every searchable word quoted and ANDed: the fallback when a smarter query fails."""
    text = _PRIVATE_USE.sub(" ", text)
    words = [w for w in re.split(r'[\s"()*\x00]+', text) if _searchable(w)]
    return " AND ".join(Term(w).fts() for w in words)
