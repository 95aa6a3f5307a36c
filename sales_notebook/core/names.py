"""When two names are the same name: "Ärzte GmbH", "ärzte gmbh" and "ÄRZTE  GMBH" are one.

SQLite's lower() folds ASCII only, so the store compares a key column instead: the name in
NFKC form (composed accents, compatibility forms such as full-width letters unified),
case-folded (ß and ss alike), spaces collapsed.
"""

from __future__ import annotations

import unicodedata


def name_key(name: str) -> str:
    """The key two names share exactly when a person would call them the same name."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(unicodedata.normalize("NFKC", folded).split())


def sort_key(name: str) -> tuple[str, str]:
    """Alphabetical order as a reader expects it: Ärzte beside Arzt, not after Zahnarzt."""
    key = name_key(name)
    bare = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    return bare, key
