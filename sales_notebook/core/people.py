"""Reading a person typed on one line, as a seller jots them down mid-call."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_PERSON_NAME = 200
MAX_PERSON_TITLE = 300

_SEPARATORS = re.compile(r"\s*(?:,|;|\s[-–—]\s|\s\(|\)$)\s*")


@dataclass(frozen=True)
class PersonLine:
    name: str
    title: str


def parse_person_line(text: str) -> PersonLine:
    """'Dana Lee, CFO' -> PersonLine('Dana Lee', 'CFO'); also 'Dana Lee - CFO', 'Dana Lee (CFO)'.

    Raises ValueError with a readable message for an empty or overlong entry.
    """
    cleaned = " ".join(text.split())
    parts = _SEPARATORS.split(cleaned, maxsplit=1)
    name = parts[0].strip() if parts else ""
    title = parts[1].strip(" ()") if len(parts) > 1 else ""
    if not name:
        raise ValueError("Type the person's name, then a comma and their title.")
    if len(name) > MAX_PERSON_NAME:
        raise ValueError(f"The name is too long (at most {MAX_PERSON_NAME} characters).")
    if len(title) > MAX_PERSON_TITLE:
        raise ValueError(f"The title is too long (at most {MAX_PERSON_TITLE} characters).")
    return PersonLine(name, title)
