"""The one rule for links and markup in what the user typed, shown or exported.

The review pane (core/rendering.py) renders notes with it; the Markdown export of lessons
(core/lessons_markdown.py) writes text defused by it, so that a viewer rendering the export's
HTML runs no script, follows no `javascript:`/`data:` link and loads no remote image.
"""

from __future__ import annotations

import html
import re

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
"""The only link targets kept; anything else (javascript:, data:, file:, relative) is not."""

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]+")


def allowed_url(url: str) -> bool:
    """True when a link to `url` is safe to follow: http, https or mailto.

    Entities are decoded three times and invisible characters dropped first, so that
    `java&#115;cript:` or `java\\tscript:` is seen for what a browser makes of it.
    """
    decoded = url
    for _ in range(3):
        decoded = html.unescape(decoded)
    scheme = _SCHEME.match(_INVISIBLE.sub("", decoded).lower())
    return scheme is not None and scheme.group(1) in URL_SCHEMES


# A `]` that is not escaped (an even number of backslashes before it), then the destination
# of an inline link `](url` or of a reference definition `]: url`.
# The destination is only looked at, not consumed: it may hold the next `](` to look at.
_LINK_END = re.compile(r"(?<!\\)((?:\\\\)*)\](?=(\s*\(\s*<?|:[ \t]*<?)([^\s)>]*))")
_PLAIN_TARGET = re.compile(r"[^\s\[\]()<>\\\"'`]*")
_INLINE_END = re.compile(r">?[ \t]*\)")
_DEFINITION_END = re.compile(r">?[ \t]*(?:\n|$)")
# A `!` opening an image, not escaped.
_IMAGE_START = re.compile(r"(?<!\\)((?:\\\\)*)!(?=\s*\[)")


def defuse_markdown(text: str) -> str:
    """User text made safe to put in a Markdown document that someone may render as HTML.

    Raw HTML (tags, comments, autolinks) is escaped, an image becomes a plain link (as in the
    review pane, which never loads images), and a link whose target `allowed_url` refuses
    keeps its words but stops being a link (as does a link with a title after its target).
    """
    text = text.replace("<", "&lt;")
    text = _IMAGE_START.sub(lambda m: m.group(1) + "\\!", text)

    def link(match: re.Match[str]) -> str:
        # Kept only with nothing after the target (a title could smuggle in attributes), and
        # a target of plain URL characters (no brackets that could start another link).
        end = _DEFINITION_END if match.group(2).startswith(":") else _INLINE_END
        target = match.group(3)
        if (
            allowed_url(target)
            and _PLAIN_TARGET.fullmatch(target)
            and end.match(match.string, match.end(3))
        ):
            return match.group(0)
        return match.group(1) + "\\]"

    return _LINK_END.sub(link, text)
