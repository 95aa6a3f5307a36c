"""Text and arguments from the command line, refused in plain words when they are not usable.

Used by `import`, `lessons suggest` and `lessons search`; never imports Qt.
"""

from __future__ import annotations

import codecs
import json
import sys
from pathlib import Path
from typing import BinaryIO

from sales_notebook.store.errors import InvalidInput

MAX_SUGGEST_BYTES = 8 * 1024 * 1024
"""`lessons suggest` reads no more than this (its diagnosis uses the first 200,000 characters)."""
MAX_IMPORT_BYTES = 512 * 1024 * 1024
"""`import` reads no more than this (a full notebook's export is far smaller)."""
CHUNK = 1024 * 1024
MAX_SEARCH_LIMIT = 10_000
"""`lessons search --limit` at most (the library pane shows 200)."""


def _name(source: str) -> str:
    return "Standard input" if source == "-" else source


def read_bytes(source: str, most: int = -1) -> bytes:
    """The bytes of FILE, or of standard input for "-", refused as binary at the first NUL
    byte (so /dev/zero is not read to its end); at most `most` of them if given (an endless
    pipe such as `yes |` is then read no further)."""
    name = _name(source)
    try:
        if source == "-":
            stream = sys.stdin
            if stream is None or stream.closed:
                raise InvalidInput("Standard input is closed: give a FILE, or pipe the text in.")
            return _read_text_bytes(stream.buffer, most, name)
        with Path(source).open("rb") as file:
            return _read_text_bytes(file, most, name)
    except FileNotFoundError:
        raise InvalidInput(f"No such file: {name}") from None
    except IsADirectoryError:
        raise InvalidInput(f"{name} is a folder, not a file.") from None
    except PermissionError:
        raise InvalidInput(f"{name} cannot be read: permission denied.") from None
    except (OSError, ValueError, AttributeError) as exc:
        reason = getattr(exc, "strerror", None) or "it cannot be read"
        raise InvalidInput(f"{name} cannot be read ({reason}).") from None


def _read_text_bytes(stream: BinaryIO, most: int, name: str) -> bytes:
    parts: list[bytes] = []
    size = 0
    while most < 0 or size < most:
        chunk = stream.read(CHUNK if most < 0 else min(CHUNK, most - size))
        if not chunk:
            break
        if b"\x00" in chunk:
            raise InvalidInput(f"{name} looks like a binary file, not text.")
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


def read_text(source: str, most: int = -1) -> tuple[str, bool]:
    """FILE (or stdin for "-") as UTF-8 text, and whether it was read to its end (it is not
    when it holds more than `most` bytes); a leading BOM is dropped, binary data refused."""
    data = read_bytes(source, most if most < 0 else most + 1)
    whole = most < 0 or len(data) <= most
    data = data if whole else data[:most]
    name = _name(source)
    try:
        # A character cut in two at the end of a part read is left out, not refused.
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=whole), whole
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at position "
            f"{exc.start:,}); save it as UTF-8 and try again."
        ) from None


def read_json(source: str) -> object:
    """FILE (or stdin) parsed as JSON; NaN and Infinity are kept for the import to name."""
    text, whole = read_text(source, MAX_IMPORT_BYTES)
    name = _name(source)
    if not whole:
        raise InvalidInput(
            f"{name} is larger than {MAX_IMPORT_BYTES // 2**20:,} MiB, more than an export of "
            "a notebook holds; it was not imported."
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{name} is not a JSON export: the JSON goes wrong at line {exc.lineno}, "
            f"column {exc.colno}."
        ) from None
    except RecursionError:
        raise InvalidInput(f"{name} is not a JSON export: it is nested too deeply.") from None
    except ValueError:  # an integer of more than 4,300 digits
        raise InvalidInput(f"{name} is not a JSON export: it holds a number too long.") from None


def search_limit(raw: str) -> int:
    """`--limit N`, a whole number from 1 to MAX_SEARCH_LIMIT."""
    try:
        value = int(raw.strip())
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_SEARCH_LIMIT:
        shown = raw if len(raw) <= 24 else raw[:23] + "…"
        raise InvalidInput(
            f"--limit must be a whole number from 1 to {MAX_SEARCH_LIMIT:,}, not "
            f"{shown.encode('utf-8', 'backslashreplace').decode('utf-8')}."
        )
    return value


def search_query(query: str, what: str = "The query") -> str:
    """The QUERY argument; a byte that is not UTF-8 (a lone surrogate from argv) is refused."""
    try:
        query.encode("utf-8")
    except UnicodeEncodeError as exc:
        try:
            byte = "0x" + query[exc.start].encode("utf-8", "surrogateescape").hex()
        except UnicodeEncodeError:
            byte = f"U+{ord(query[exc.start]):04X}"
        raise InvalidInput(
            f"{what} holds a byte that is not UTF-8 text ({byte} at position "
            f"{exc.start + 1}); type it again in a UTF-8 terminal."
        ) from None
    return query
