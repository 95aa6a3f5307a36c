"""Call notes as Markdown -> sanitized HTML for the review pane.

Notes are typed fast during calls and may contain pasted e-mail or web text, so
nothing the user typed is ever trusted as markup: raw HTML is shown as text, and
the HTML that Markdown produces is cleaned again with a strict allow-list.
No images are rendered at all, so a note can never make the app fetch a URL.
"""

from __future__ import annotations

import re
import threading

import markdown
import nh3
from markdown.inlinepatterns import SimpleTagInlineProcessor

from sales_notebook.core.link_safety import URL_SCHEMES, allowed_url

MAX_RENDER_CHARS = 250_000
"""Notes longer than this are rendered truncated.

Python-Markdown renders about 200,000 characters of dense bullets a second, and a
full hour of fast typing is well under 50,000 characters, so this keeps the review
pane responsive while never cutting real notes."""

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p", "br", "hr", "em", "strong", "del", "code", "pre", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd", "abbr", "a",
        "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title"}, "abbr": {"title"}}
LINK_REL = "noopener noreferrer nofollow"

# html_block and html are what let typed HTML through (the raw_html postprocessor
# stays: fenced code blocks travel through its stash). Images are dropped
# so that `![x](https://tracker/p.gif)` degrades to a plain, visible link.
_DROPPED_PARTS = (
    ("preprocessors", "html_block"),
    ("inlinePatterns", "html"),
    ("inlinePatterns", "image_link"),
    ("inlinePatterns", "image_reference"),
    ("inlinePatterns", "short_image_ref"),
)
# Not "extra": attr_list would let `{: onclick=...}` set attributes, and
# md_in_html/footnotes need raw HTML or ids we do not allow anyway.
_EXTENSIONS = ("fenced_code", "tables", "def_list", "abbr", "sane_lists", "nl2br")


def render_notes(markdown_text: str) -> str:
    """Render call notes (Markdown) as HTML that is safe to show in the app."""
    text = markdown_text
    truncated_note = ""
    if len(text) > MAX_RENDER_CHARS:
        cut = text.rfind("\n", 0, MAX_RENDER_CHARS)
        text = text[: cut if cut > 0 else MAX_RENDER_CHARS]
        truncated_note = (
            f"\n\n<p><em>Notes truncated: showing the first {len(text):,} of "
            f"{len(markdown_text):,} characters.</em></p>"
        )
    body = _markdown().convert(_lists_after_paragraphs(text))
    return _sanitize(body) + truncated_note


_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+\S")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


def _lists_after_paragraphs(text: str) -> str:
    # Notes are typed as "Pain:\n- no-shows" with no blank line before the list, which
    # strict Markdown would render as one paragraph; give such a list its blank line.
    out: list[str] = []
    in_fence = False
    previous = ""
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif (
            not in_fence
            and _LIST_ITEM.match(line)
            and previous.strip()
            and not _LIST_ITEM.match(previous)
            and not previous.startswith((" ", "\t"))
        ):
            out.append("")
        out.append(line)
        previous = line
    return "\n".join(out)


_per_thread = threading.local()


def _markdown() -> markdown.Markdown:
    """This thread's Markdown, its state of the last notes reset. Making one per call cost
    ~12 ms (extensions looked up and regexes compiled), a third of showing a call in the
    review pane, on the GUI thread; an instance keeps state, so each thread has its own."""
    md: markdown.Markdown | None = getattr(_per_thread, "md", None)
    if md is None:
        md = _per_thread.md = _new_markdown()
    md.reset()  # abbreviations, footnotes, the HTML stash: nothing of the last notes is kept
    return md


def _new_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=list(_EXTENSIONS), output_format="html")
    for registry_name, item in _DROPPED_PARTS:
        registry = getattr(md, registry_name)
        if item in registry:
            registry.deregister(item)
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 65)
    return md


def _sanitize(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        url_schemes=set(URL_SCHEMES),
        url_relative="deny",
        link_rel=LINK_REL,
        strip_comments=True,
    )


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    # nh3 already checks schemes once; this also catches values that only turn
    # into `javascript:` after a second round of entity decoding.
    if attribute != "href":
        return value
    return value if allowed_url(value) else None
